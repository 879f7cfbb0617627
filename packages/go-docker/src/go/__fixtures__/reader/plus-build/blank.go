// +build ignore

package plus

// Blank is left out.
const Blank = 3
