//go:build linux
// +build ignore

package plus

// Both is kept on linux: //go:build wins over +build.
const Both = 4
