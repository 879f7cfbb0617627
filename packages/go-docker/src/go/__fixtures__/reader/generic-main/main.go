package main

func main[T any]() {}
