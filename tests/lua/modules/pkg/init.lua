-- a package's init file
return { kind = "package init", path = select(2, ...) }
