package dot

// Dot is a constant.
const Dot = 2
