-- __tostring, __name, __metatable, __pairs, __close, __mode, misc.

local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, err)
end

-- __tostring
local P = setmetatable({}, {__tostring = function(self) return "<P object>" end})
print(tostring(P), P)
print(string.format("%s|%s", P, 1))
-- __tostring must return a string
local Bad = setmetatable({}, {__tostring = function() return 42 end})
try(function() return tostring(Bad) end)
-- __tostring with numbers/nil inside
local Q = setmetatable({v = 1.5}, {__tostring = function(s) return "Q(" .. s.v .. ")" end})
print(tostring(Q), #tostring(Q))
-- tostring of plain values
print(tostring(nil), tostring(true), tostring(false), tostring(12), tostring("s"))
print(tostring({}):match("^table: ") ~= nil, tostring(print):match("^builtin: ") ~= nil or tostring(print):match("^function: ") ~= nil)

-- __name
local named = setmetatable({}, {__name = "MyType"})
print((tostring(named):gsub("0x%x+", "ADDR"):gsub(": [%x]+$", ": ADDR")))
print(tostring(named):match("^MyType: ") ~= nil)
try(function() return named + 1 end)
try(function() return #named < 1 end)
try(function() return named < named end)
try(function() return named .. "" end)
try(function() local n = named; n() end)
try(function() for _ in ipairs(named) do end end)
try(function() return ipairs() end)
try(function() return math.floor(named) end)
-- __name that is not a string is ignored
local badname = setmetatable({}, {__name = 42})
print(tostring(badname):match("^table: ") ~= nil)

-- __metatable
local protected = setmetatable({}, {__metatable = "locked", __index = {x = 1}})
print(getmetatable(protected), protected.x)
try(function() setmetatable(protected, {}) end)
try(function() setmetatable(protected, nil) end)
local prot2 = setmetatable({}, {__metatable = false})
print(getmetatable(prot2))
try(function() setmetatable(prot2, {}) end)
-- string metatable is protected? (it is not, but getmetatable works)
print(type(getmetatable("abc")))

-- __pairs
local logical = {a = 1, b = 2}
local pp = setmetatable({}, {__pairs = function(t)
  local keys = {"b", "a"}
  local i = 0
  return function()
    i = i + 1
    if keys[i] then return keys[i], logical[keys[i]] end
  end, t, nil
end})
for k, v in pairs(pp) do print("pairs", k, v) end
-- __pairs returning next over another table
local backing = {z = 26}
local pp2 = setmetatable({}, {__pairs = function() return next, backing, nil end})
for k, v in pairs(pp2) do print("pairs2", k, v) end
-- next ignores __pairs
print(next(pp))
-- __pairs result truncated to 3 values
local pp3 = setmetatable({}, {__pairs = function() return function(_, k) if not k then return 1, "one" end end, nil, nil, "extra" end})
for k, v in pairs(pp3) do print("pairs3", k, v) end

-- __index can be used to implement default values for __tostring lookups? No:
-- metamethods are raw fields of the metatable
local via_index = setmetatable({}, {__index = {__tostring = function() return "nope" end}})
print(tostring(via_index):match("^table: ") ~= nil)
local mtmt = setmetatable({}, {__index = function() return function() return "nope" end end})
local obj = setmetatable({}, mtmt)
print(tostring(obj):match("^table: ") ~= nil)

-- __close
local closelog = {}
do
  local a <close> = setmetatable({}, {__close = function(o, e) closelog[#closelog + 1] = "closed:" .. tostring(e) end})
end
print(table.concat(closelog))

-- __mode: weak tables exist and behave as tables for strong references
local weak = setmetatable({}, {__mode = "k"})
local key = {}
weak[key] = "value"
print(weak[key])
local weakv = setmetatable({}, {__mode = "v"})
weakv[1] = key
print(weakv[1] == key)
-- weak-valued entries disappear after collection once unreferenced
local function fill() weakv[2] = {} end
fill()
collectgarbage()
collectgarbage()
print(weakv[2], weakv[1] == key)
local weakk = setmetatable({}, {__mode = "k"})
local function fillk() weakk[{}] = 1 end
fillk()
weakk[key] = 2
collectgarbage()
collectgarbage()
local n = 0
for _ in pairs(weakk) do n = n + 1 end
print("weak keys left", n)

-- __gc on tables: called for unreachable objects at collection (order not printed)
local finalized = 0
local function make_finalizable()
  for i = 1, 10 do setmetatable({}, {__gc = function() finalized = finalized + 1 end}) end
end
make_finalizable()
collectgarbage()
collectgarbage()
print("finalized", finalized)

-- getmetatable returns the metatable when no __metatable field
local mt = {}
local o = setmetatable({}, mt)
print(getmetatable(o) == mt)

-- metatable shared among many objects
local Shared = {__index = function(t, k) return k .. "!" end}
local objs = {}
for i = 1, 3 do objs[i] = setmetatable({}, Shared) end
print(objs[1].a, objs[2].b, objs[3].c)
