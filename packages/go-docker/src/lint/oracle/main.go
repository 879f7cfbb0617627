// Command buildkit-oracle answers, line by line on stdin/stdout (JSON), what BuildKit's own code says about
// ignore files (moby/patternmatcher) and Dockerfiles (the BuildKit Dockerfile parser). The linter's
// differential spec compares its ports against these answers.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

type request struct {
	Kind    string   `json:"kind"`
	Content string   `json:"content"`
	Paths   []string `json:"paths"`
}

type heredoc struct {
	Name    string `json:"name"`
	Fd      uint   `json:"fd"`
	Expand  bool   `json:"expand"`
	Chomp   bool   `json:"chomp"`
	Content string `json:"content"`
}

type node struct {
	Value    string    `json:"value"`
	Original string    `json:"original"`
	Start    int       `json:"start"`
	End      int       `json:"end"`
	Flags    []string  `json:"flags"`
	JSON     bool      `json:"json"`
	Next     []string  `json:"next"`
	Heredocs []heredoc `json:"heredocs"`
}

type response struct {
	Error    string   `json:"error,omitempty"`
	Line     int      `json:"line,omitempty"`
	Patterns []string `json:"patterns,omitempty"`
	Results  []any    `json:"results,omitempty"`
	Escape   string   `json:"escape,omitempty"`
	Nodes    []node   `json:"nodes,omitempty"`
	Warnings int      `json:"warnings,omitempty"`
}

func ignore(req request) response {
	lines, err := ignorefile.ReadAll(strings.NewReader(req.Content))
	if err != nil {
		return response{Error: "read: " + err.Error()}
	}
	pm, err := patternmatcher.New(lines)
	if err != nil {
		return response{Error: "new: " + err.Error(), Patterns: lines}
	}
	results := make([]any, len(req.Paths))
	for i, path := range req.Paths {
		matched, err := pm.MatchesOrParentMatches(path)
		if err != nil {
			results[i] = "error"
		} else {
			results[i] = matched
		}
	}
	return response{Patterns: lines, Results: results}
}

func dockerfile(req request) response {
	result, err := parser.Parse(strings.NewReader(req.Content))
	if err != nil {
		resp := response{Error: err.Error()}
		var located *parser.LocationError
		if errors.As(err, &located) && len(located.Locations) > 0 && len(located.Locations[0]) > 0 {
			resp.Line = located.Locations[0][0].Start.Line
		}
		return resp
	}
	resp := response{Escape: string(result.EscapeToken), Warnings: len(result.Warnings)}
	for _, child := range result.AST.Children {
		n := node{Value: child.Value, Original: child.Original, Start: child.StartLine, End: child.EndLine, Flags: child.Flags, JSON: child.Attributes["json"]}
		for next := child.Next; next != nil; next = next.Next {
			n.Next = append(n.Next, next.Value)
		}
		for _, h := range child.Heredocs {
			n.Heredocs = append(n.Heredocs, heredoc{Name: h.Name, Fd: h.FileDescriptor, Expand: h.Expand, Chomp: h.Chomp, Content: h.Content})
		}
		resp.Nodes = append(resp.Nodes, n)
	}
	return resp
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<28)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	encoder := json.NewEncoder(out)
	for in.Scan() {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			encoder.Encode(response{Error: "bad request: " + err.Error()})
			continue
		}
		switch req.Kind {
		case "ignore":
			encoder.Encode(ignore(req))
		case "dockerfile":
			encoder.Encode(dockerfile(req))
		default:
			encoder.Encode(response{Error: "unknown kind " + req.Kind})
		}
	}
}
