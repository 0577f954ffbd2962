print("before the error")
local x = 1
error("boom")
