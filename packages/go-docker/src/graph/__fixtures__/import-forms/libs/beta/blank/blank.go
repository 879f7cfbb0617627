package blank

// B is a constant.
const B = 3
