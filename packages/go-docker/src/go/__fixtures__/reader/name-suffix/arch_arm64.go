package suffix

// Arm64 only.
const Arm64 = true
