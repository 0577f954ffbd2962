-- helper file for baselib.lua and load.lua
helper_loaded = "yes"
return "helper", 1, 2
