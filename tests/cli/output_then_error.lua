-- Output written before an uncaught error must not be lost.
for i = 1, 3000 do print("line", i) end
local t = nil
print(t.field)
