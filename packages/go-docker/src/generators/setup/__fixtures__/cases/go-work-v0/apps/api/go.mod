module example.com/apps/api

go 1.26

require example.com/libs/greet v0.0.0
