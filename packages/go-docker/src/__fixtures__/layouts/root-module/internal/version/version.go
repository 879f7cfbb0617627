package version

// Version of the build.
const Version = "1.0.0"
