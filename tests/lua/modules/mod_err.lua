-- raises an error while loading
local x = 1
error("failure inside mod_err")
