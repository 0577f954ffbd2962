-- Closures and upvalues.

-- counter factory: each closure has its own upvalue
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c1(), c2(), c2())

-- shared upvalue between two closures
local function pair()
  local v = 0
  local function get() return v end
  local function set(x) v = x end
  return get, set
end
local get, set = pair()
print(get()); set(42); print(get())
local get2, set2 = pair()
set2(7)
print(get(), get2())

-- closures see later assignments to the enclosing local
local x = 1
local function readx() return x end
x = 2
print(readx())
x = "changed"
print(readx())

-- loops create a fresh local per iteration
local fs = {}
for i = 1, 5 do fs[i] = function() return i end end
local out = {}
for i = 1, 5 do out[i] = fs[i]() end
print(table.concat(out, " "))

local gs = {}
for _, v in ipairs({"a", "b", "c"}) do gs[#gs + 1] = function() return v end end
print(gs[1](), gs[2](), gs[3]())

-- while loop with local inside body: fresh each iteration
local hs = {}
local j = 0
while j < 3 do
  j = j + 1
  local k = j * 10
  hs[j] = function() k = k + 1; return k end
end
print(hs[1](), hs[1](), hs[2](), hs[3]())

-- repeat-until: the body's locals are visible in the condition
local ws = {}
local r = 0
repeat
  local cur = r
  ws[#ws + 1] = function() return cur end
  r = r + 1
until cur >= 3
print(#ws, ws[1](), ws[4]())

-- loop variable modified inside closure does not affect the loop
local modified = {}
for i = 1, 3 do
  local f = function() i = i * 100; return i end
  modified[#modified + 1] = f()
end
print(table.concat(modified, " "))

-- upvalues closed on break
local broken = {}
for i = 1, 10 do
  local captured = i * 2
  broken[#broken + 1] = function() return captured end
  if i == 3 then break end
end
print(#broken, broken[1](), broken[2](), broken[3]())

-- upvalues closed on goto out of scope
local gotos = {}
do
  local i = 1
  ::top::
  do
    local v = i
    gotos[i] = function() return v end
    i = i + 1
    if i <= 3 then goto top end
  end
end
print(gotos[1](), gotos[2](), gotos[3]())

-- nested closures: three levels of upvalues
local function outer()
  local a = 1
  return function()
    local b = 10
    return function()
      a = a + 1; b = b + 1
      return a + b
    end
  end
end
local mid = outer()
local inner1 = mid()
local inner2 = mid()
print(inner1(), inner1(), inner2(), inner1())

-- closure capturing a parameter
local function adder(n) return function(m) return n + m end end
local add5 = adder(5)
print(add5(1), add5(10), adder(-1)(1))

-- recursive local function
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10), fact(20))
local fib
fib = function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))

-- mutual recursion via upvalues
local isodd
local function iseven(n) if n == 0 then return true end return isodd(n - 1) end
function isodd(n) if n == 0 then return false end return iseven(n - 1) end
print(iseven(10), isodd(7), iseven(7))

-- closures stored in tables and called as methods
local obj = {v = 3}
function obj.get(self) return self.v end
function obj:inc(d) self.v = self.v + (d or 1); return self end
print(obj:get(), obj:inc():inc(5):get())

-- memoize
local function memoize(f)
  local cache = {}
  return function(n)
    local v = cache[n]
    if v == nil then v = f(n); cache[n] = v end
    return v
  end
end
local calls = 0
local slowsq = memoize(function(n) calls = calls + 1; return n * n end)
print(slowsq(4), slowsq(4), slowsq(5), calls)

-- upvalue shared between loop iterations when declared outside
local shared = {}
local acc = 0
for i = 1, 3 do shared[i] = function() acc = acc + i; return acc end end
print(shared[1](), shared[2](), shared[3](), acc)

-- many upvalues
local u1, u2, u3, u4, u5, u6, u7, u8 = 1, 2, 3, 4, 5, 6, 7, 8
local function many() return u1 + u2 + u3 + u4 + u5 + u6 + u7 + u8 end
print(many())
u8 = 100
print(many())

-- closure over a vararg-derived local
local function capture(...)
  local a, b = ...
  return function() return a, b end
end
print(capture(1, 2)())

-- functions are first-class: compose
local function compose(f, g) return function(...) return f(g(...)) end end
local incr = function(v) return v + 1 end
local dbl = function(v) return v * 2 end
print(compose(incr, dbl)(5), compose(dbl, incr)(5))

-- closure created in a numeric for with float step
local fl = {}
for v = 0, 1, 0.5 do fl[#fl + 1] = function() return v end end
print(fl[1](), fl[2](), fl[3]())
