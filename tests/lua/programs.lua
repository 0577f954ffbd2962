-- Small complete programs mixing many features.

-- 1. Classes with inheritance, tostring, and operator overloading
local Vec = {}
Vec.__index = Vec
function Vec.new(x, y) return setmetatable({x = x, y = y}, Vec) end
function Vec.__add(a, b) return Vec.new(a.x + b.x, a.y + b.y) end
function Vec.__sub(a, b) return Vec.new(a.x - b.x, a.y - b.y) end
function Vec.__mul(a, b)
  if type(a) == "number" then return Vec.new(a * b.x, a * b.y) end
  if type(b) == "number" then return Vec.new(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
function Vec.__eq(a, b) return a.x == b.x and a.y == b.y end
function Vec.__tostring(v) return "(" .. v.x .. ", " .. v.y .. ")" end
function Vec.__len(v) return math.sqrt(v.x * v.x + v.y * v.y) end
function Vec.__unm(v) return Vec.new(-v.x, -v.y) end
local a, b = Vec.new(1, 2), Vec.new(3, 4)
print(tostring(a + b), tostring(a - b), a * b, tostring(2 * a), tostring(a * 3), #b, tostring(-a))
print(a == Vec.new(1, 2), a ~= b, a + b == Vec.new(4, 6))

local Shape = {}
Shape.__index = Shape
function Shape.new(name) return setmetatable({name = name}, Shape) end
function Shape:area() return 0 end
function Shape:describe() return string.format("%s with area %.2f", self.name, self:area()) end
local Circle = setmetatable({}, {__index = Shape})
Circle.__index = Circle
function Circle.new(r) local c = Shape.new("circle"); c.r = r; return setmetatable(c, Circle) end
function Circle:area() return math.pi * self.r ^ 2 end
local Rect = setmetatable({}, {__index = Shape})
Rect.__index = Rect
function Rect.new(w, h) local r = Shape.new("rect"); r.w, r.h = w, h; return setmetatable(r, Rect) end
function Rect:area() return self.w * self.h end
local Square = setmetatable({}, {__index = Rect})
Square.__index = Square
function Square.new(s) local q = Rect.new(s, s); q.name = "square"; return setmetatable(q, Square) end
for _, s in ipairs({Circle.new(1), Rect.new(2, 3), Square.new(4), Shape.new("blob")}) do
  print(s:describe())
end

-- 2. A serializer with sorted keys
local function serialize(v, indent)
  indent = indent or ""
  local t = type(v)
  if t == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(x, y)
      if type(x) == type(y) then return x < y end
      return type(x) == "number"
    end)
    local parts = {}
    for _, k in ipairs(keys) do
      local ks = type(k) == "string" and k or "[" .. k .. "]"
      parts[#parts + 1] = indent .. "  " .. ks .. " = " .. serialize(v[k], indent .. "  ")
    end
    if #parts == 0 then return "{}" end
    return "{\n" .. table.concat(parts, ",\n") .. "\n" .. indent .. "}"
  elseif t == "string" then
    return string.format("%q", v)
  else
    return tostring(v)
  end
end
print(serialize({name = "moon", list = {3, 2, 1}, nested = {deep = {deeper = true}}, [10] = 1.5, empty = {}}))

-- 3. Word frequency
local text = [[the quick brown fox jumps over the lazy dog the fox barks
and the dog sleeps while the quick fox runs]]
local freq = {}
for w in text:gmatch("%a+") do freq[w] = (freq[w] or 0) + 1 end
local words = {}
for w, n in pairs(freq) do words[#words + 1] = {w = w, n = n} end
table.sort(words, function(x, y) if x.n ~= y.n then return x.n > y.n end return x.w < y.w end)
local top = {}
for i = 1, 5 do top[i] = words[i].w .. "=" .. words[i].n end
print(table.concat(top, " "))

-- 4. Sieve of Eratosthenes
local function sieve(n)
  local is = {}
  for i = 2, n do is[i] = true end
  for i = 2, math.floor(math.sqrt(n)) do
    if is[i] then for j = i * i, n, i do is[j] = false end end
  end
  local primes = {}
  for i = 2, n do if is[i] then primes[#primes + 1] = i end end
  return primes
end
local primes = sieve(1000)
print(#primes, primes[1], primes[#primes], table.concat(primes, ",", 1, 10))

-- 5. N-queens
local function queens(n)
  local count, cols, d1, d2 = 0, {}, {}, {}
  local function place(r)
    if r > n then count = count + 1; return end
    for c = 1, n do
      if not cols[c] and not d1[r + c] and not d2[r - c + n] then
        cols[c], d1[r + c], d2[r - c + n] = true, true, true
        place(r + 1)
        cols[c], d1[r + c], d2[r - c + n] = nil, nil, nil
      end
    end
  end
  place(1)
  return count
end
print(queens(6), queens(8))

-- 6. Recursive-descent expression evaluator
local function evaluate(src)
  local pos = 1
  local function skip() pos = src:find("%S", pos) or #src + 1 end
  local expr
  local function atom()
    skip()
    local c = src:sub(pos, pos)
    if c == "(" then
      pos = pos + 1
      local v = expr()
      skip()
      assert(src:sub(pos, pos) == ")", "expected )")
      pos = pos + 1
      return v
    elseif c == "-" then
      pos = pos + 1
      return -atom()
    end
    local num = src:match("^%d+%.?%d*", pos)
    if not num then error("unexpected '" .. c .. "' at " .. pos, 0) end
    pos = pos + #num
    return tonumber(num)
  end
  local function power()
    local base = atom()
    skip()
    if src:sub(pos, pos) == "^" then pos = pos + 1; return base ^ power() end
    return base
  end
  local function term()
    local v = power()
    while true do
      skip()
      local op = src:sub(pos, pos)
      if op == "*" then pos = pos + 1; v = v * power()
      elseif op == "/" then pos = pos + 1; v = v / power()
      elseif op == "%" then pos = pos + 1; v = v % power()
      else return v end
    end
  end
  function expr()
    local v = term()
    while true do
      skip()
      local op = src:sub(pos, pos)
      if op == "+" then pos = pos + 1; v = v + term()
      elseif op == "-" then pos = pos + 1; v = v - term()
      else return v end
    end
  end
  local v = expr()
  skip()
  if pos <= #src then error("trailing input at " .. pos, 0) end
  return v
end
for _, e in ipairs({"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-4 + 10 % 3", "7 / 2", "1.5 * 4", "2 * (3 + 4) - -1"}) do
  print(e, "=", evaluate(e))
end
print(pcall(evaluate, "1 + * 2"))
print(pcall(evaluate, "1 2"))

-- 7. Quicksort and binary search written in Lua
local function quicksort(t, lo, hi)
  lo, hi = lo or 1, hi or #t
  if lo >= hi then return t end
  local p, i = t[hi], lo - 1
  for j = lo, hi - 1 do
    if t[j] <= p then i = i + 1; t[i], t[j] = t[j], t[i] end
  end
  t[i + 1], t[hi] = t[hi], t[i + 1]
  quicksort(t, lo, i)
  quicksort(t, i + 2, hi)
  return t
end
local data, seed = {}, 7
for i = 1, 200 do seed = (seed * 16807) % 2147483647; data[i] = seed % 1000 end
quicksort(data)
local okq = true
for i = 2, #data do if data[i - 1] > data[i] then okq = false end end
print("quicksort", okq, data[1], data[100], data[200])
local function bsearch(t, x)
  local lo, hi = 1, #t
  while lo <= hi do
    local mid = (lo + hi) // 2
    if t[mid] == x then return mid elseif t[mid] < x then lo = mid + 1 else hi = mid - 1 end
  end
  return nil
end
print(bsearch(primes, 997), bsearch(primes, 2), bsearch(primes, 4))

-- 8. Templating with gsub
local tpl = "Hello ${name}, you have ${count} new ${what}. ${missing}"
print((tpl:gsub("%${(%w+)}", {name = "Ada", count = 3, what = "messages"})))

-- 9. A queue class with two indices
local Queue = {}
Queue.__index = Queue
function Queue.new() return setmetatable({first = 1, last = 0, items = {}}, Queue) end
function Queue:push(v) self.last = self.last + 1; self.items[self.last] = v end
function Queue:pop()
  if self.first > self.last then return nil end
  local v = self.items[self.first]
  self.items[self.first] = nil
  self.first = self.first + 1
  return v
end
function Queue:size() return self.last - self.first + 1 end
local q = Queue.new()
for i = 1, 10 do q:push(i * i) end
local popped = {}
for i = 1, 4 do popped[i] = q:pop() end
print(table.concat(popped, " "), q:size())

-- 10. Fibonacci with memoization and big integers wrapping
local memo = {}
local function fib(n)
  if n <= 2 then return 1 end
  if memo[n] then return memo[n] end
  local v = fib(n - 1) + fib(n - 2)
  memo[n] = v
  return v
end
print(fib(50), fib(90), fib(92), fib(93))

-- 11. String builder and formatting a table
local rows = {{"name", "qty", "price"}, {"apple", 3, 0.5}, {"pear", 12, 0.75}, {"melon", 1, 2.25}}
local lines = {}
for i, r in ipairs(rows) do
  if i == 1 then lines[#lines + 1] = string.format("%-8s%5s%8s", r[1], r[2], r[3])
  else lines[#lines + 1] = string.format("%-8s%5d%8.2f", r[1], r[2], r[3]) end
end
print(table.concat(lines, "\n"))
local total = 0
for i = 2, #rows do total = total + rows[i][2] * rows[i][3] end
print(string.format("total %.2f", total))
