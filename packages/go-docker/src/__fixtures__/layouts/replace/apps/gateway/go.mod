module example.com/gateway

go 1.26

require example.com/auth v0.0.0-00010101000000-000000000000

replace example.com/auth => ../../libs/auth
