module example.com/apps/worker

go 1.26

toolchain go1.26.8
