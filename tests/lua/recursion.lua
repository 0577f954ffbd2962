-- Deep recursion, stack overflow, tail calls.

-- 100000 non-tail calls must work
local function depth(n)
  if n == 0 then return 0 end
  return 1 + depth(n - 1)
end
print(depth(100000))

local function sum_list(n)
  if n == 0 then return 0 end
  local rest = sum_list(n - 1)
  return n + rest
end
print(sum_list(100000))

-- deep recursion through pcall boundaries (fewer levels: C calls are limited)
local function pdepth(n)
  if n == 0 then return 0 end
  local ok, v = pcall(pdepth, n - 1)
  return v + 1
end
print(pdepth(100))

-- infinite recursion is caught as a stack overflow
local function inf(n) return 1 + inf(n + 1) end
local ok, msg = pcall(inf, 1)
print(ok, type(msg), msg:find("stack overflow") ~= nil)
-- the program continues normally afterwards
print(depth(1000))

-- stack overflow with more locals per frame
local function fat(n)
  local a, b, c, d, e, f, g, h = n, n, n, n, n, n, n, n
  return fat(n + 1) + a + b + c + d + e + f + g + h
end
local ok2, msg2 = pcall(fat, 1)
print(ok2, msg2:find("stack overflow") ~= nil)

-- stack overflow via metamethod recursion
local mt = {}
mt.__index = function(t, k) return t[k .. "x"] end
local ok3, msg3 = pcall(function() return setmetatable({}, mt).a end)
print(ok3, (msg3:find("stack overflow") or msg3:find("C stack overflow")) ~= nil)

-- stack overflow inside xpcall handler path
local ok4, msg4 = xpcall(inf, function(m) return "handled: " .. tostring(m):sub(1, 0) end, 1)
print(ok4, msg4)

-- stack overflow from a recursive vararg function
local function varinf(...) return 1 + varinf(1, ...) end
local ok5, msg5 = pcall(varinf)
print(ok5, type(msg5) == "string" and (msg5:find("stack overflow") ~= nil or msg5:find("too many") ~= nil))

-- tail calls do not grow the stack: 1e6 deep
local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + 1)
end
print(loop(1000000, 0))

-- mutual tail recursion
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print(is_even(1000000), is_odd(1000001), is_even(999999))

-- tail call through a method and varargs
local obj = {}
function obj:count(n, ...)
  if n == 0 then return select('#', ...) end
  return self:count(n - 1, ...)
end
print(obj:count(1000000, "a", "b", "c"))

-- tail call to a callable table (__call)
local counter = 0
local callable = setmetatable({}, {__call = function(self, n)
  if n == 0 then return "done" end
  counter = counter + 1
  return self(n - 1)
end})
print(callable(100000), counter)

-- tail call returning multiple values
local function multi(n, a, b, c)
  if n == 0 then return a, b, c end
  return multi(n - 1, b, c, a)
end
print(multi(1000000, 1, 2, 3))
print(multi(1000001, 1, 2, 3))

-- tail call to a C function
local function tail_c(s) return string.upper(s) end
print(tail_c("tail"))
local function tail_select(...) return select('#', ...) end
print(tail_select(1, 2, 3))

-- ackermann (deep non-tail recursion)
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print(ack(2, 3), ack(3, 3))

-- recursion building a structure
local function build(n)
  if n == 0 then return nil end
  return {value = n, next = build(n - 1)}
end
local list = build(50000)
local len, node = 0, list
while node do len = len + 1; node = node.next end
print(len)

-- after all that, a stack overflow is still caught and recoverable twice
for i = 1, 2 do
  local okk, m = pcall(inf, 1)
  print(i, okk, m:find("stack overflow") ~= nil)
end
