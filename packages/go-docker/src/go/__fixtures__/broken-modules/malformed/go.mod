module example.com/malformed

go 1.22

require (
	example.com/x v1.0.0
