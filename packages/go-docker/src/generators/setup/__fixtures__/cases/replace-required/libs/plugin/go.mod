module example.com/libs/plugin

go 1.26
