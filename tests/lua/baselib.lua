-- Base library functions.

-- print with various values and separators
print()
print(nil)
print(1, nil, 3)
print("a", "b", 1.5, true, false)

-- type
print(type(nil), type(true), type(1), type(1.5), type("s"), type({}), type(print), type(type))
print(pcall(type))

-- tostring
print(tostring(1), tostring(-0.0), tostring(1e100), tostring(true), tostring(nil), tostring("x"))

-- tonumber
print(tonumber("42"), tonumber("  42  "), tonumber("0x1F"), tonumber("-0x10"), tonumber("1e3"))
print(tonumber("3.5"), tonumber(".5"), tonumber("5."), tonumber("0x.8"), tonumber("0x1p-1"))
print(tonumber("abc"), tonumber(""), tonumber(" "), tonumber("1 2"), tonumber("1e"), tonumber("0x"))
print(tonumber(42), tonumber(4.5), tonumber(nil), tonumber(true), tonumber({}))
print(tonumber("9223372036854775807"), tonumber("9223372036854775808"), tonumber("-9223372036854775808"))
print(tonumber("inf"), tonumber("nan"), tonumber("1e500"), tonumber("- 1"), tonumber("--1"))
print(tonumber("10", 2), tonumber("ff", 16), tonumber("FF", 16), tonumber("zz", 36), tonumber("777", 8))
print(tonumber("  11  ", 2), tonumber("12", 2), tonumber("-ff", 16), tonumber("7fffffffffffffff", 16))
print(tonumber("ffffffffffffffff", 16), tonumber("10000000000000000", 16), tonumber("1.5", 10))
print(tonumber("z", 36), tonumber("Z", 36), tonumber("", 10), tonumber("8", 8))
print(math.type(tonumber("10")), math.type(tonumber("10.0")), math.type(tonumber("1e1")))
print(tonumber("0x7fffffffffffffff"), tonumber("0xffffffffffffffff"), tonumber("1" .. string.rep("0", 30)))
print(pcall(tonumber))
print(pcall(tonumber, "10", 1))
print(pcall(tonumber, "10", 37))

-- ipairs / pairs / next
local t = {10, 20, 30}
local acc = {}
for i, v in ipairs(t) do acc[#acc + 1] = i .. ":" .. v end
print(table.concat(acc, " "))
local f, s, init = ipairs(t)
print(type(f), s == t, init)
local pf, ps, pinit = pairs(t)
print(pf == next, ps == t, pinit)
print(f(t, 0))
print(f(t, 3))

-- select with negative indices
print(select(-1, 1, 2, 3), select(-3, 1, 2, 3))
print(select(2, "a", "b", "c"), select('#', select(2, "a", "b", "c")))

-- rawget / rawset / rawequal / rawlen
local mt = {__index = function() return "meta" end, __newindex = function() end}
local r = setmetatable({}, mt)
print(r.x, rawget(r, "x"))
r.y = 1
print(rawget(r, "y"))
print(rawset(r, "y", 2) == r, rawget(r, "y"))
print(rawequal("a", "a"), rawequal(1, 1.0), rawequal({}, {}), rawequal(nil, nil))
print(rawlen({1, 2, 3}), rawlen("hello"))
print(pcall(rawset, {}, nil, 1))
print(pcall(rawget, "str", 1))

-- setmetatable / getmetatable
local obj = setmetatable({}, {__metatable = "hidden"})
print(getmetatable(obj))
print(pcall(setmetatable, obj, {}))

-- assert returns all its arguments
print(assert(1, "two", 3))
print(pcall(assert, false, "failed here"))

-- error/pcall/xpcall basics
print(pcall(error, "e1"))
print(xpcall(error, function(m) return "got " .. m end, "e2"))

-- _G and _VERSION
print(_VERSION)
print(_G._G == _G, _G.print == print, _G["string"] == string)
x_global = 5
print(_G.x_global, rawget(_G, "x_global"))
_G.y_global = 6
print(y_global)
local names = {}
for _, n in ipairs({"assert", "collectgarbage", "dofile", "error", "getmetatable", "ipairs",
  "load", "loadfile", "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen",
  "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "xpcall"}) do
  if type(_G[n]) ~= "function" then names[#names + 1] = n end
end
print("missing base functions:", #names, table.concat(names, ","))
for _, lib in ipairs({"string", "table", "math"}) do
  print(lib, type(_G[lib]))
end

-- collectgarbage
print(type(collectgarbage("count")), collectgarbage("count") > 0)
print(collectgarbage("collect"), collectgarbage())
print(type(collectgarbage("step")))
print(collectgarbage("isrunning"))
collectgarbage("stop")
print(collectgarbage("isrunning"))
collectgarbage("restart")
print(collectgarbage("isrunning"))
collectgarbage("generational")
print(collectgarbage("incremental"))
print(collectgarbage("incremental"))
print(collectgarbage("generational"))
print(collectgarbage("incremental"))
print(pcall(collectgarbage, "bogus"))

-- dofile and loadfile on helper files (relative paths, cwd is tests/lua)
print(dofile("data/helper.lua"))
print(helper_loaded)
local lf = loadfile("data/helper.lua")
print(type(lf), lf())
local env = {}
local lfe = loadfile("data/setglobal.lua", "t", env)
lfe()
print(env.set_by_file, rawget(_G, "set_by_file"))
print(loadfile("data/does_not_exist.lua"))
print(loadfile("data/bad_syntax.lua"))
print(pcall(dofile, "data/runtime_error.lua"))
print(pcall(dofile, "data/does_not_exist.lua"))
local mod = dofile("data/module.lua")
print(mod.name, mod.add(2, 3), mod.greet("moon"))
