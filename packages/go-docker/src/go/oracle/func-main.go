// Command func-main is the oracle for "declares a top-level func main()": Go's own parser reads
// each file. Input lines: a directory, a tab, then file names separated by tabs. Output lines:
// the directory, a tab, true or false.
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		fields := strings.Split(in.Text(), "\t")
		found := false
		for _, name := range fields[1:] {
			if declaresMain(filepath.Join(fields[0], name)) {
				found = true
				break
			}
		}
		fmt.Fprintf(out, "%s\t%t\n", fields[0], found)
	}
}

func declaresMain(path string) bool {
	file, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if file == nil {
		fmt.Fprintln(os.Stderr, err)
		return false
	}
	for _, decl := range file.Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok && fn.Name.Name == "main" && fn.Recv == nil && fn.Type.TypeParams == nil {
			return true
		}
	}
	return false
}
