-- Arithmetic, bitwise, concat, length and unary metamethods.

local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, err)
end

local V = {}
V.__index = V
local function v(x) return setmetatable({x = x}, V) end
local function val(o) if type(o) == "table" then return "v" .. tostring(o.x) else return tostring(o) end end
local log = {}
local function bin(name, op)
  V[name] = function(a, b)
    log[#log + 1] = name .. "(" .. val(a) .. "," .. val(b) .. ")"
    local ax = type(a) == "table" and a.x or a
    local bx = type(b) == "table" and b.x or b
    return v(op(ax, bx))
  end
end
bin("__add", function(a, b) return a + b end)
bin("__sub", function(a, b) return a - b end)
bin("__mul", function(a, b) return a * b end)
bin("__div", function(a, b) return a / b end)
bin("__mod", function(a, b) return a % b end)
bin("__pow", function(a, b) return a ^ b end)
bin("__idiv", function(a, b) return a // b end)
bin("__band", function(a, b) return a & b end)
bin("__bor", function(a, b) return a | b end)
bin("__bxor", function(a, b) return a ~ b end)
bin("__shl", function(a, b) return a << b end)
bin("__shr", function(a, b) return a >> b end)
V.__unm = function(a, b)
  log[#log + 1] = "__unm(" .. val(a) .. "," .. val(b) .. ")"
  return v(-a.x)
end
V.__bnot = function(a, b)
  log[#log + 1] = "__bnot(" .. val(a) .. "," .. val(b) .. ")"
  return v(~a.x)
end
local function flush(r)
  print(val(r), table.concat(log, " "))
  log = {}
end

local a, b = v(7), v(2)
flush(a + b); flush(a - b); flush(a * b); flush(a / b); flush(a % b); flush(a ^ b); flush(a // b)
flush(a & b); flush(a | b); flush(a ~ b); flush(a << b); flush(a >> b)
flush(-a); flush(~a)
-- mixed with numbers on either side
flush(a + 1); flush(1 + a); flush(10 - a); flush(a * 2.5); flush(2 ^ a); flush(3 // b)
flush(a & 3); flush(12 | a); flush(1 << b); flush(a >> 1)
-- with strings
flush(a + "3"); flush("3" .. "" == "3" and a - "1" or nil)
-- chained expressions
flush(a + b * a - 1)

-- the first operand's metamethod is used, else the second's
local A = setmetatable({}, {__add = function() return "A" end})
local B = setmetatable({}, {__add = function() return "B" end})
print(A + B, B + A, A + 1, 1 + B, {} + A == "A" and "A-second" or "?")

-- missing metamethods give errors
try(function() return {} + 1 end)
try(function() local t = {}; return t * 2 end)
try(function() local t = {}; return -t end)
try(function() local t = {}; return t & 1 end)
try(function() local t = {}; return ~t end)
try(function() return 1 // setmetatable({}, {}) end)

-- __concat on either side and with numbers
local C = setmetatable({}, {__concat = function(l, r)
  local function s(x) return type(x) == "table" and "C" or tostring(x) end
  return "[" .. s(l) .. "|" .. s(r) .. "]"
end})
print(C .. "x", "x" .. C, C .. 1, 1 .. C, C .. C, 1.5 .. C)
print("a" .. "b" .. C .. "d")
print("a" .. C .. "c" .. "d")
print(C .. "b" .. "c")
try(function() return {} .. "x" end)
try(function() local t = {}; return "x" .. t end)
try(function() return "x" .. nil end)
try(function() return 1 .. true end)

-- __len
local L = setmetatable({1, 2, 3}, {__len = function(t) return "len!" end})
print(#L, rawlen(L))
local L2 = setmetatable({}, {__len = function() return 10, 20 end})
print(#L2)
try(function() local n = 5; return #n end)
try(function() return #nil end)
print(#setmetatable({}, {__len = function(t) return rawlen(t) + 100 end}))

-- __unm and __len receive the operand twice (second is the operand itself)
local U = setmetatable({}, {__unm = function(a, b) return rawequal(a, b) end, __len = function(a, b) return rawequal(a, b) end})
print(-U, #U)

-- bitwise ops on floats with integer values do not need metamethods
print(3.0 & 1, 2.0 << 1, ~0.0)
-- bitwise op on a non-integral float: error, not metamethod (no metatable)
try(function() return 1.5 | 1 end)
-- bitwise metamethod gets the original float
local Fl = setmetatable({}, {__bor = function(a, b) return math.type(b) .. ":" .. tostring(b) end})
print(Fl | 1.5, Fl | 2)

-- __div, __mod with numbers on the left
local D = setmetatable({}, {__div = function(a, b) return "div" end, __mod = function(a, b) return "mod" end, __idiv = function() return "idiv" end, __pow = function() return "pow" end})
print(1 / D, D / 1, 5 % D, D // 2, 2 ^ D)

-- arithmetic metamethod returning multiple values: only first used
local M = setmetatable({}, {__add = function() return 1, 2, 3 end})
print(M + M)

-- arithmetic on strings falls back to string metamethods
print("10" + 5, "3" * "4", 10 - "2.5", -"3", "2" ^ 2, "7" // 2, "7" % "4")
local smt = getmetatable("")
print(type(smt.__add), type(smt.__unm), smt.__band == nil, smt.__concat == nil)

-- metamethods via __index are NOT used for operators
local Idx = setmetatable({}, {__index = {__add = function() return "no" end}})
try(function() return Idx + 1 end)
