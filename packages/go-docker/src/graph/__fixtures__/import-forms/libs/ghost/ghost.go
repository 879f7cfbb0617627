package ghost
