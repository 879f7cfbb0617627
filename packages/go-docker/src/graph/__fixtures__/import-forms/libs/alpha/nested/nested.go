package nested

import "example.com/libs/beta/blank"

// N is a constant.
const N = blank.B
