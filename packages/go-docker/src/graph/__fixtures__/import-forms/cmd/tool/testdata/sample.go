package sample

import _ "example.com/libs/ghost"
