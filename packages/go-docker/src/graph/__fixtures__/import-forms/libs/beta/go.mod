module example.com/libs/beta

go 1.26
