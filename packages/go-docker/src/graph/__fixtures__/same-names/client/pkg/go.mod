module example.com/client/pkg

go 1.26
