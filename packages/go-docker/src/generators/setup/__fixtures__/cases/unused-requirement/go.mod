module example.com/shop

go 1.26

require (
	github.com/google/uuid v1.6.0
	// No module proxy serves this one; no package of cmd/api imports it.
	example.com/unserved/lib v1.0.0
)
