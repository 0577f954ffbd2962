-- Runtime error messages with variable-name hints.

local function check(f, ...)
  local ok, err = pcall(f, ...)
  print(ok and "no error" or err)
end

-- indexing nil values
check(function() return undefined_global.x end)
check(function() local x; return x.field end)
check(function() local t = {}; return t.y.z end)
check(function() local t = {a = {}}; return t.a.b.c end)
local u
check(function() return u.x end)
check(function() local t = {}; local k = "key"; return t[k].x end)
check(function() undefined_global.x = 1 end)
check(function() local x; x.field = 1 end)
check(function() local x; x[1] = 1 end)
check(function() local t = {}; t.y.z = 1 end)
check(function() u.y = 2 end)
check(function() local s = "str"; return s.x.y end)
check(function() return (nil).x end)
check(function() local b = true; return b.x end)
check(function() local n = 5; return n.x end)
check(function() return ("abc").x.y end)

-- calling non-functions
check(function() undefined_function() end)
check(function() local f; f() end)
check(function() local t = {}; t.method() end)
check(function() local t = {}; t:method() end)
check(function() local obj = {}; obj:foo(1, 2) end)
check(function() f = 5; f() end)
check(function() local t = {x = 1}; t.x() end)
check(function() u() end)
check(function() ("str")() end)
check(function() local s = "x"; s:nomethod() end)
check(function() (nil)() end)
check(function() local a = {b = {}}; a.b.c() end)

-- arithmetic
check(function() local t = {}; return t.y + 1 end)
check(function() return undefined_global + 1 end)
check(function() local x; return x * 2 end)
check(function() local x; return 2 - x end)
check(function() return u + 1 end)
check(function() local t = {}; return -t end)
check(function() local t = {y = "abc"}; return t.y + 1 end)
check(function() local b = true; return b + 1 end)
check(function() local t = {}; return t.a // 2 end)
check(function() local t = {}; return 2 ^ t.p end)
check(function() local t = {}; return t.a % 2 end)

-- bitwise
check(function() local x; return x & 1 end)
check(function() local t = {}; return t.f | 1 end)
check(function() local x = 1.5; return x | 0 end)
check(function() local t = {v = 2.5}; return t.v << 1 end)

-- concatenation
check(function() local t = {}; return "a" .. t end)
check(function() local t = {}; return t .. "a" end)
check(function() return "a" .. undefined_global end)
check(function() local t = {}; return "x" .. t.name end)
check(function() return "a" .. {} end)
check(function() local b = false; return b .. "" end)
check(function() return 1 .. u end)

-- length
check(function() local n = 5; return #n end)
check(function() return #undefined_global end)
check(function() local t = {}; return #t.x end)
check(function() return #5 end)
check(function() local b = true; return #b end)

-- comparison
check(function() return 1 < nil end)
check(function() return {} < {} end)
check(function() return "a" < 1 end)
check(function() local t = {}; return t <= 1 end)
check(function() return nil > nil end)

-- bad arguments to library functions
check(function() return ipairs() end)
check(function() return ("x"):rep() end)
check(function() return string.rep() end)
check(function() return string.sub() end)
check(function() return math.floor("a") end)
check(function() return math.floor({}) end)
check(function() return setmetatable(nil, {}) end)
check(function() return string.char(256) end)
check(function() return string.char(-1) end)
check(function() return table.concat({{}}) end)
check(function() return table.concat({1, 2, {}}, ",") end)
check(function() return table.insert({}, 1, 2, 3) end)
check(function() return table.insert({}, 5, 2) end)
check(function() return tonumber("10", 99) end)
check(function() return tonumber(10, 16) end)
check(function() return string.format("%d", "x") end)
check(function() return select(0) end)
check(function() return table.unpack({}, 1, 1e8) end)
check(function() return rawget(1, 2) end)
check(function() return next(nil) end)
check(function() return tostring() end)
check(function() return math.max() end)
check(function() return string.upper() end)
check(function() return ("abc"):sub({}) end)
check(function() return string.len(nil) end)

-- upvalue and method hints together
local holder = {}
check(function() return holder.missing.field end)
check(function() holder:nomethod() end)
check(function() return holder.a.b end)

-- integer conversion errors
check(function() return ("x"):rep(1.5) end)
check(function() return string.sub("abc", 1.5) end)

-- errors inside metamethods report the metamethod's position
local mt = {__index = function(t, k) local n = nil; return n + #k end}
check(function() return setmetatable({}, mt).field end)
local mt2 = {__add = function(a, b) return a.v + b.v end}
check(function() return setmetatable({}, mt2) + setmetatable({}, mt2) end)
