// Package pkg is one of three modules whose folder is named pkg.
package pkg

// Where names the module.
func Where() string { return "client/pkg" }
