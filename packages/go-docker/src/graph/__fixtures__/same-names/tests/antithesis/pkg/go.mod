module example.com/tests/antithesis/pkg

go 1.26
