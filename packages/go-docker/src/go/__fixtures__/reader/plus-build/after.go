package plus

// +build ignore

// After is kept: a +build line after the package clause means nothing.
const After = 1
