package suffix

// Name is portable.
const Name = "x"
