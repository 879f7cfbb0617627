module example.com/libs/alpha

go 1.26
