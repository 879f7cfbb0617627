module example.com/five

go 1.26
