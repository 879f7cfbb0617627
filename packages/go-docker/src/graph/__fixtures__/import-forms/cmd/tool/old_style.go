// +build ignore

package main

import _ "example.com/libs/ghost"
