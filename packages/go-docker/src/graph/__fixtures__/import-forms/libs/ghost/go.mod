module example.com/libs/ghost

go 1.26
