module example.com/cafe

go 1.26
