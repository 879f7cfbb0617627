module example.com/vendored

go 1.26

require example.org/greet v1.0.0
