module example.com/vendorcgo

go 1.22

require (
	example.com/optionalcgo v1.0.0
	example.com/sqlitelike v1.0.0
)
