module example.com/libs/greet

go 1.26
