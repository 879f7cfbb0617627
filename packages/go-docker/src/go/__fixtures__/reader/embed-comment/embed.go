package embedcomment

import _ "embed"

/*
//go:embed missing-a.txt
*/
var note = `
//go:embed missing-b.txt
`

//go:embed real.txt
var real string

// Text is the embedded file.
func Text() string { return real + note }
