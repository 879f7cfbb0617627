module example.com/libs/alpha/nested

go 1.26
