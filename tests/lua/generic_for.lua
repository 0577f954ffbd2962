-- Generic for: stateless and stateful iterators, the closing value.

-- stateless iterator with explicit state and control
local function iter(t, i)
  i = i + 1
  local v = t[i]
  if v ~= nil then return i, v end
end
local out = {}
for i, v in iter, {"a", "b", "c"}, 0 do out[#out + 1] = i .. v end
print(table.concat(out, " "))

-- stateful iterator (closure)
local function range(n, step)
  local i = 0
  return function()
    i = i + (step or 1)
    if i <= n then return i end
  end
end
out = {}
for v in range(10, 3) do out[#out + 1] = v end
print(table.concat(out, " "))

-- iterator returning multiple values
local function enumerate(t)
  local i = 0
  return function()
    i = i + 1
    if t[i] ~= nil then return i, t[i], t[i] * 2 end
  end
end
for i, v, d in enumerate({5, 6, 7}) do print(i, v, d) end

-- the loop ends when the first value is nil, even if others are not
local function firstnil()
  local n = 0
  return function()
    n = n + 1
    if n < 3 then return n, "x" end
    return nil, "ignored"
  end
end
local cnt = 0
for a, b in firstnil() do cnt = cnt + 1 end
print("count", cnt)

-- false as the first value does not stop the loop... only nil does
local vals = {true, false, true}
local function bools()
  local i = 0
  return function()
    i = i + 1
    if i <= 3 then return vals[i], i end
  end
end
out = {}
for b, i in bools() do out[#out + 1] = tostring(b) .. i end
print(table.concat(out, " "))

-- pairs with sorted output
local t = {x = 1, y = 2, z = 3, 10, 20}
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. v end
table.sort(keys)
print(table.concat(keys, " "))

-- ipairs
out = {}
for i, v in ipairs({"p", "q", "r"}) do out[#out + 1] = i .. v end
print(table.concat(out, " "))
-- ipairs respects __index (5.4)
local proxy = setmetatable({}, {__index = function(_, i) if i <= 4 then return i * i end end})
out = {}
for i, v in ipairs(proxy) do out[#out + 1] = v end
print(table.concat(out, " "))

-- the loop variables are fresh locals each iteration
local fns = {}
for k, v in ipairs({"a", "b"}) do fns[k] = function() return k .. v end end
print(fns[1](), fns[2]())

-- modifying the loop variable does not affect the iteration
out = {}
for i, v in ipairs({1, 2, 3}) do
  out[#out + 1] = i
  i = 100
end
print(table.concat(out, " "))

-- the closing value (4th) is closed when the loop ends, breaks or errors
local log = {}
local function closing_iter(n)
  local i = 0
  local closer = setmetatable({}, {__close = function() log[#log + 1] = "closed" end})
  return function()
    i = i + 1
    if i <= n then return i end
  end, nil, nil, closer
end
for v in closing_iter(2) do log[#log + 1] = v end
print(table.concat(log, " "))
log = {}
for v in closing_iter(5) do
  log[#log + 1] = v
  if v == 1 then break end
end
print(table.concat(log, " "))
log = {}
print(pcall(function()
  for v in closing_iter(5) do
    if v == 3 then error("stop at " .. v, 0) end
  end
end))
print(table.concat(log, " "))
-- nil closing value is fine
for v in range(1), nil, nil, nil do print("nil closing", v) end

-- iterator errors
print(pcall(function() for x in nil do end end))
print(pcall(function() for x in 42 do end end))
print(pcall(function() local t = {}; for x in t do end end))

-- __call on the iterator object
local callable = setmetatable({n = 0}, {__call = function(self)
  self.n = self.n + 1
  if self.n <= 3 then return self.n end
end})
out = {}
for v in callable do out[#out + 1] = v end
print(table.concat(out, " "))

-- nested generic loops
local grid = {{1, 2}, {3, 4}, {5, 6}}
local s = 0
for _, row in ipairs(grid) do
  for _, v in ipairs(row) do s = s + v end
end
print(s)

-- string.gmatch as iterator
out = {}
for w in string.gmatch("one two  three", "%a+") do out[#out + 1] = w:upper() end
print(table.concat(out, ","))
for k, v in string.gmatch("a=1, b=2", "(%w+)=(%w+)") do print(k, v) end

-- next as iterator directly
local nt = {only = "one"}
for k, v in next, nt do print(k, v) end

-- iterator state and control variable passed correctly
local function show_args(state, control)
  if control < 3 then return control + 1, state end
end
for c, st in show_args, "STATE", 0 do print(c, st) end
