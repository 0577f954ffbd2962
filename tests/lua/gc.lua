-- Garbage collection: memory stays bounded with cycles and churn.

local function kb() return collectgarbage("count") end

collectgarbage()
collectgarbage()
local base = kb()
print(type(base), base > 0)

-- cyclic structures created in a loop must be freed
local function make_cycles(n)
  for i = 1, n do
    local a, b = {}, {}
    a.other = b; b.other = a
    a.self = a
    local c = {a, b}
    b.list = c
  end
end
local peak = 0
for round = 1, 20 do
  make_cycles(20000)
  local now = kb()
  if now > peak then peak = now end
end
collectgarbage()
collectgarbage()
local after = kb()
-- 400000 cycles of 3 tables each would take tens of MB if never freed
print("peak bounded", peak < base + 40 * 1024)
print("after collect bounded", after < base + 2048)

-- closures capturing each other in cycles
local function closure_cycles(n)
  for i = 1, n do
    local t = {}
    local f = function() return t end
    t.f = f
  end
end
for round = 1, 10 do closure_cycles(20000) end
collectgarbage()
print("closure cycles freed", kb() < base + 2048)

-- cycles through metatables
local function meta_cycles(n)
  for i = 1, n do
    local t = {}
    local mt = {__index = t}
    setmetatable(t, mt)
    mt.owner = t
  end
end
for round = 1, 10 do meta_cycles(20000) end
collectgarbage()
print("metatable cycles freed", kb() < base + 2048)

-- strings are collected too
local function string_churn(n)
  local s
  for i = 1, n do s = string.rep("x", 100) .. i end
  return s
end
for round = 1, 10 do string_churn(10000) end
collectgarbage()
print("strings freed", kb() < base + 2048)

-- live data is kept
local keep = {}
for i = 1, 1000 do keep[i] = {value = i, name = "item" .. i} end
collectgarbage()
collectgarbage()
local ok = true
for i = 1, 1000 do
  if keep[i].value ~= i or keep[i].name ~= "item" .. i then ok = false end
end
print("live data intact", ok)
local with_keep = kb()
print("live data counted", with_keep > after)
keep = nil
collectgarbage()
collectgarbage()
print("released after drop", kb() < with_keep)

-- upvalues of live closures survive collections
local function mk()
  local big = {}
  for i = 1, 100 do big[i] = i end
  return function() return #big end
end
local f = mk()
collectgarbage()
print(f())

-- long-lived tree with short-lived garbage (binary-trees style)
local function tree(d)
  if d == 0 then return {} end
  return {tree(d - 1), tree(d - 1)}
end
local function check(t)
  if not t[1] then return 1 end
  return 1 + check(t[1]) + check(t[2])
end
local long_lived = tree(12)
local total = 0
for i = 1, 40 do total = total + check(tree(8)) end
print(check(long_lived), total)
collectgarbage()
print("tree memory bounded", kb() < base + 8 * 1024)

-- collectgarbage options
print(type(collectgarbage("step", 0)))
print(collectgarbage("isrunning"))
collectgarbage("incremental")
print(collectgarbage("generational"))
make_cycles(50000)
print(collectgarbage("incremental"))
make_cycles(50000)
collectgarbage()
print("mode switches keep memory bounded", kb() < base + 2048)
