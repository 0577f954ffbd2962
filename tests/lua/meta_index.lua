-- Metatables: __index, __newindex, __call, raw access.

local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, err)
end

-- __index as a table, chained
local base = {a = "base-a", b = "base-b"}
local mid = setmetatable({b = "mid-b", c = "mid-c"}, {__index = base})
local obj = setmetatable({c = "obj-c"}, {__index = mid})
print(obj.a, obj.b, obj.c, obj.d)
print(rawget(obj, "a"), rawget(obj, "c"))

-- __index as a function
local calls = {}
local f = setmetatable({}, {__index = function(t, k)
  calls[#calls + 1] = tostring(k)
  return k == "magic" and 42 or nil
end})
print(f.magic, f.other, f[1], #calls, table.concat(calls, ","))
f.magic = "own"
print(f.magic, #calls)

-- __index function chain through table then function
local deep = setmetatable({}, {__index = setmetatable({}, {__index = function(_, k) return "fn:" .. k end})})
print(deep.x, deep.y)

-- __index is not consulted for existing keys (even false)
local ex = setmetatable({present = false}, {__index = function() return "default" end})
print(ex.present, ex.absent)

-- __index on integer keys, arrays with defaults
local defaults = setmetatable({}, {__index = function(_, i) return i * i end})
defaults[3] = "set"
print(defaults[2], defaults[3], defaults[10])

-- __newindex as a function
local store = {}
local proxy = setmetatable({}, {
  __newindex = function(t, k, v) rawset(store, k, v); store.count = (store.count or 0) + 1 end,
  __index = store,
})
proxy.x = 1
proxy.y = 2
proxy.x = 3
print(proxy.x, proxy.y, rawget(proxy, "x"), store.count)

-- __newindex only for absent keys
local tracked = {}
local nt = setmetatable({existing = 1}, {__newindex = function(t, k, v) tracked[#tracked + 1] = k; rawset(t, k, v) end})
nt.existing = 2
nt.fresh = 3
nt.fresh = 4
print(nt.existing, nt.fresh, table.concat(tracked, ","))

-- __newindex as a table: assignment goes to that table
local target = {}
local redirect = setmetatable({}, {__newindex = target})
redirect.k = "v"
print(rawget(redirect, "k"), target.k)
-- chained __newindex tables
local final = {}
local middle = setmetatable({}, {__newindex = final})
local front = setmetatable({}, {__newindex = middle})
front.z = 26
print(rawget(front, "z"), rawget(middle, "z"), final.z)

-- rawset bypasses __newindex
local rs = setmetatable({}, {__newindex = function() error("should not be called") end})
rawset(rs, "k", 1)
print(rs.k)

-- read-only table
local function readonly(t)
  return setmetatable({}, {
    __index = t,
    __newindex = function(_, k) error("attempt to update a read-only table (key " .. tostring(k) .. ")", 2) end,
  })
end
local ro = readonly({1, 2, 3})
print(ro[1], ro[3])
try(function() ro[1] = 10 end)

-- __call
local callable = setmetatable({name = "C"}, {__call = function(self, a, b) return self.name, a, b end})
print(callable(1, 2))
print(pcall(callable, "p"))
-- __call with varargs and multiple returns
local va = setmetatable({}, {__call = function(_, ...) return select('#', ...), ... end})
print(va(), va(nil, nil), va(1, 2, 3))
-- chained __call: the __call value is itself a callable table
local inner = setmetatable({}, {__call = function(self, x, y) return "inner", x == nil and "self-passed" or type(x), y end})
local outer = setmetatable({}, {__call = inner})
print(pcall(outer, "arg"))
-- __call in method call position
local methods = {cm = callable}
print(methods.cm("m"))
local n1, a1, b1 = methods:cm()
print(n1, a1 == methods, b1)
-- calling a table without __call fails
try(function() local t = {}; t() end)
try(function() local t = setmetatable({}, {__call = 1}); t() end)

-- class-like usage
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
function Point:len2() return self.x * self.x + self.y * self.y end
function Point:moved(dx, dy) return Point.new(self.x + dx, self.y + dy) end
local p = Point.new(3, 4)
print(p:len2(), p:moved(1, 1):len2(), getmetatable(p) == Point)

-- inheritance
local Animal = {}
Animal.__index = Animal
function Animal.new(name) return setmetatable({name = name}, Animal) end
function Animal:speak() return self.name .. " makes a sound" end
function Animal:kind() return "animal" end
local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name) local d = Animal.new(name); return setmetatable(d, Dog) end
function Dog:speak() return self.name .. " barks" end
local d = Dog.new("Rex")
print(d:speak(), d:kind(), Animal.new("Generic"):speak())

-- __index on strings: the string metatable
print(("abc"):upper(), ("x"):rep(3), #getmetatable("").__index.format("%d", 5))
print(getmetatable("").__index == string)

-- metatable changes take effect immediately
local dyn = setmetatable({}, {})
print(dyn.k)
getmetatable(dyn).__index = {k = "now"}
print(dyn.k)

-- rawequal, rawlen, rawget
local eqmt = {__eq = function() return true end, __len = function() return 99 end}
local r1, r2 = setmetatable({}, eqmt), setmetatable({1, 2}, eqmt)
print(r1 == r2, rawequal(r1, r2), rawequal(r1, r1), #r2, rawlen(r2), rawlen("abcd"))
try(function() return rawlen(5) end)

-- setmetatable returns its first argument; nil removes the metatable
local sm = {}
print(setmetatable(sm, {}) == sm, getmetatable(sm) ~= nil)
setmetatable(sm, nil)
print(getmetatable(sm))
try(function() setmetatable(1, {}) end)
try(function() setmetatable({}, 1) end)
try(function() setmetatable({}) end)
print(getmetatable(1), getmetatable(nil), getmetatable(print))

-- __index loops are detected
local loop1 = {}
setmetatable(loop1, {__index = loop1})
local ok, err = pcall(function() return loop1.x end)
print(ok, err)
