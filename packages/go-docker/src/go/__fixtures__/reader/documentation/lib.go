package real

// Real is the package.
const Real = 1
