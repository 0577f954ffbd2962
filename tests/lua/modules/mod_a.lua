-- a plain module returning a table
local name, path = ...
mod_a_loads = (mod_a_loads or 0) + 1
return { name = name, path = path, value = 42 }
