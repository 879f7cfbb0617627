package main_test

import (
	"testing"

	_ "example.com/libs/ghost"
)

func TestTool(t *testing.T) {}
