-- pkg.sub
return { kind = "submodule", name = (...), path = select(2, ...) }
