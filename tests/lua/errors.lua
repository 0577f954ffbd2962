-- error, pcall, xpcall, assert, error values and levels.

-- pcall returns true plus results, or false plus the error
print(pcall(function(...) return ... end, 1, 2, 3))
print(pcall(error, "msg"))
print(pcall(error, "msg", 0))
print(pcall(error))
print(pcall(error, nil))
print(select('#', pcall(error, nil)))

-- error levels
local function lvl1() error("level one") end
local function lvl1b() error("level one explicit", 1) end
local function lvl2() error("level two", 2) end
local function calls_lvl2() lvl2() end   -- line 15: level 2 points here
local function lvl0() error("level zero", 0) end
print(pcall(lvl1))
print(pcall(lvl1b))
print(pcall(calls_lvl2))
print(pcall(lvl0))
local function lvl3() error("level three", 3) end
local function mid3() lvl3() end
local function top3() mid3() end   -- line 23
print(pcall(top3))

-- error with non-string values: no position added
print(pcall(error, 42))
print(pcall(error, 42, 1))
print(pcall(error, true))
local ok, e = pcall(error, {code = 1, msg = "table error"})
print(ok, type(e), e.code, e.msg)
local errobj = setmetatable({}, {__tostring = function() return "custom error object" end})
local ok2, e2 = pcall(error, errobj)
print(ok2, e2 == errobj, tostring(e2))
-- numbers are not converted: type is preserved
local ok3, e3 = pcall(function() error(3.5) end)
print(ok3, e3, math.type(e3))

-- nested pcall
print(pcall(pcall, error, "inner"))
print(pcall(function()
  local ok4, err4 = pcall(error, "deep", 0)
  error("rethrown: " .. err4, 0)
end))
local depth = 0
local function nest(n)
  if n == 0 then error("bottom", 0) end
  local ok5, err5 = pcall(nest, n - 1)
  depth = depth + 1
  error(err5 .. "<" .. n, 0)
end
print(pcall(nest, 5))
print(depth)

-- xpcall with a handler
print(xpcall(function() return "no error", 2 end, function(m) return "handled: " .. m end))
print(xpcall(function() error("oops", 0) end, function(m) return "handled: " .. m end))
print(xpcall(function() error({1, 2, 3}) end, function(m) return #m end))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
print(xpcall(function() local x = nil; return x.y end, function(m) return "H:" .. m end))
-- handler receives the original error object
print(xpcall(function() error(setmetatable({}, {__tostring = function() return "obj" end})) end,
  function(m) return tostring(m) end))
-- handler can return multiple values (only the first is kept? all are returned)
print(xpcall(error, function(m) return "a", "b" end, "x"))

-- error in error handler
local okh, eh = xpcall(function() error("first") end, function(m) error("second") end)
print(okh, type(eh))
-- error handler which is not a function
print(pcall(xpcall, function() error("x") end, nil))

-- assert
print(pcall(assert, true, "unused"))
print(pcall(assert, 1, 2, 3))
print(pcall(assert, false))
print(pcall(assert, nil, "custom assert message"))
print(pcall(assert, false, 42))
local oka, ea = pcall(assert, false, {tag = "tbl"})
print(oka, ea.tag)
print(pcall(assert))
print(select('#', assert(1, 2, 3)))

-- error messages from runtime errors have position info
print(pcall(function() local t = nil; return t.x end))
print(pcall(function() return 1 + {} end))

-- error() called with level pointing at a C function or beyond the stack
print(pcall(error, "at level 2", 2))
print(pcall(function() error("way up", 50) end))

-- tostring(nil) and error(nil)
local okn, en = pcall(error)
print(okn, en)

-- errors crossing several Lua frames keep the innermost position
local function a() local x = {} ; return x.y.z end
local function b() return a() + 1 end
local function c() return b() end
print(pcall(c))

-- pcall returns all results of the protected function
print(pcall(string.byte, "abc", 1, 3))
print(pcall(pcall))
print(pcall(xpcall))

-- error position for errors raised in a chunk loaded with a name
local chunk = load("local x = ... ; error('from chunk')", "=loaded")
print(pcall(chunk))
local chunk2 = load("error('in string chunk')")
print(pcall(chunk2))
local chunk3 = load("\n\nerror('line three')", "@virtual.lua")
print(pcall(chunk3))
