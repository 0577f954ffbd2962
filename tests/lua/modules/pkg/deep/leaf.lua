-- pkg.deep.leaf
return "leaf of " .. (...)
