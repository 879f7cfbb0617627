package main

import (
	"testing"

	_ "example.com/apps/worker/testonly" // test-only imports never reach the image
)

func TestNothing(t *testing.T) {}
