// One module for the whole repository.
module example.com/mono

go 1.26.0
