-- Comparison metamethods: __eq, __lt, __le.

local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, err)
end

local eqcalls = 0
local E = {__eq = function(a, b) eqcalls = eqcalls + 1; return a.id == b.id end}
local e1 = setmetatable({id = 1}, E)
local e2 = setmetatable({id = 1}, E)
local e3 = setmetatable({id = 2}, E)
print(e1 == e2, e1 == e3, e1 ~= e2, e1 ~= e3, eqcalls)
-- same reference: __eq not called
eqcalls = 0
print(e1 == e1, eqcalls)
-- __eq is only called when both operands are tables (or both userdata)
eqcalls = 0
print(e1 == 1, e1 == "x", e1 == nil, 1 == e1, eqcalls)
-- only one operand needs the metamethod
local plain = {id = 1}
eqcalls = 0
print(e1 == plain, plain == e1, eqcalls)
-- result is converted to boolean
local T = setmetatable({}, {__eq = function() return "yes" end})
local U = setmetatable({}, {__eq = function() return nil end})
print(T == {}, U == {}, T ~= {}, U ~= {})
-- the first operand's metamethod is tried first
local Left = setmetatable({}, {__eq = function() return "left" and true end})
local Right = setmetatable({}, {__eq = function() return false end})
print(Left == Right, Right == Left)

-- __lt and __le
local N = {}
N.__lt = function(a, b)
  local ax = type(a) == "table" and a.v or a
  local bx = type(b) == "table" and b.v or b
  return ax < bx
end
N.__le = function(a, b)
  local ax = type(a) == "table" and a.v or a
  local bx = type(b) == "table" and b.v or b
  return ax <= bx
end
local function n(v) return setmetatable({v = v}, N) end
local n1, n2, n3 = n(1), n(2), n(2)
print(n1 < n2, n2 < n1, n2 < n3, n1 <= n2, n2 <= n3, n2 <= n1)
print(n1 > n2, n2 > n1, n2 >= n3, n1 >= n2)
-- mixed with numbers: works with metamethods
print(n1 < 5, 5 < n1, n2 <= 2, 3 >= n2, n1 > 0)
-- results converted to boolean
local Weird = setmetatable({}, {__lt = function() return 1 end, __le = function() return nil end})
print(Weird < Weird, Weird <= Weird, Weird > Weird, Weird >= Weird)

-- (whether __le falls back to "not __lt" depends on LUA_COMPAT_LT_LE; not tested)
local OnlyLt = setmetatable({}, {__lt = function() return true end})
print(OnlyLt < OnlyLt, OnlyLt > OnlyLt)

-- sorting with __lt
local list = {n(5), n(3), n(9), n(1), n(7)}
table.sort(list)
local out = {}
for i, x in ipairs(list) do out[i] = x.v end
print(table.concat(out, " "))

-- __lt on strings/numbers mix via metamethod on one side only
local S = setmetatable({}, {__lt = function(a, b) return type(a) == "string" end})
print("x" < S, S < "x")

-- comparing table with table without metamethod: error
try(function() return {} < {} end)
try(function() return setmetatable({}, {}) <= {} end)
try(function() return n1 < "str" end)

-- __eq with different metatables still called (5.4 semantics)
local M1 = setmetatable({}, {__eq = function() return true end})
local M2 = setmetatable({}, {__eq = function() return false end})
print(M1 == M2, M2 == M1)

-- __eq not called for rawequal
print(rawequal(e1, e2), rawequal(e1, e1))

-- __eq result used in conditions
if e1 == e2 then print("equal branch") else print("unequal branch") end
while n1 < n(3) do n1 = n(n1.v + 1) end
print("loop ended at", n1.v)
