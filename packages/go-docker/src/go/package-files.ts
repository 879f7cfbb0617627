/** Files besides .go that the go command compiles in a cgo package (C, C++, assembly, system objects). */
export const CGO_SOURCE_PATTERNS = ['*.c', '*.h', '*.cc', '*.cpp', '*.hpp', '*.s', '*.S', '*.syso'];
