module example.com/libs/greeting

go 1.26
