package main

// func main() {}
/* func main() {} */
var text = "func main() { {"
var raw = `
func main() {
`
var brace = '{'

func (s server) main() {}

type server struct{}
