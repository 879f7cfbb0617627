package alpha

// A is a constant.
const A = 1
