// +build ignore
package plus

// NoBlank is kept: without a blank line before the package clause the +build line is a doc comment.
const NoBlank = 2
