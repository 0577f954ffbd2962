-- Prints how the interpreter set up `arg` and `...` for this script.
print("#arg", #arg)
print("arg[0]", arg[0])
local pos = {}
for i = 1, #arg do pos[#pos + 1] = "[" .. arg[i] .. "]" end
print("arg[1..n]", table.concat(pos, " "))
local dots = table.pack(...)
local d = {}
for i = 1, dots.n do d[#d + 1] = "[" .. tostring(dots[i]) .. "]" end
print("...", dots.n, table.concat(d, " "))
-- negative indices: options before the script, then the interpreter itself
local n = -1
while arg[n - 1] ~= nil do n = n - 1 end
local opts = {}
for i = n + 1, -1 do opts[#opts + 1] = "[" .. arg[i] .. "]" end
print("options", #opts, table.concat(opts, " "))
print("interpreter", type(arg[n]))
print("pre", tostring(pre))
