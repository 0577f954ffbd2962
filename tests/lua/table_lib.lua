-- table library: insert, remove, concat, unpack, pack, sort, move.

local function show(t, n)
  local out = {}
  for i = 1, n or #t do out[#out + 1] = tostring(t[i]) end
  return "{" .. table.concat(out, ",") .. "}"
end

-- insert
local t = {}
table.insert(t, "a")
table.insert(t, "b")
table.insert(t, 1, "c")
table.insert(t, 2, "d")
table.insert(t, #t + 1, "e")
print(show(t), #t)
print(pcall(table.insert, t, 0, "x"))
print(pcall(table.insert, t, 7, "x"))
print(pcall(table.insert, t))
print(pcall(table.insert, nil, 1))

-- remove
local r = {1, 2, 3, 4, 5}
print(table.remove(r), show(r))
print(table.remove(r, 1), show(r))
print(table.remove(r, 2), show(r))
print(table.remove(r, #r + 1), show(r))
local empty = {}
print(table.remove(empty), #empty)
print(table.remove(empty, 0), table.remove(empty, #empty))
print(pcall(table.remove, {1, 2, 3}, 7))
local one = {"only"}
print(table.remove(one, 1), #one)

-- concat
print(table.concat({1, 2, 3}), table.concat({1, 2, 3}, ", "), table.concat({}, "x"))
print(table.concat({"a", "b", "c"}, "-", 2), table.concat({"a", "b", "c"}, "-", 2, 3), table.concat({"a", "b"}, "-", 3))
print(table.concat({1.5, 2, "s"}, " "))
print(pcall(table.concat, {1, {}, 3}))
print(pcall(table.concat, {1, nil, 3}, ",", 1, 3))

-- pack / unpack
local p = table.pack(1, nil, 3)
print(p.n, p[1], p[2], p[3])
print(table.unpack({1, 2, 3}))
print(table.unpack({1, 2, 3}, 2))
print(table.unpack({1, 2, 3}, -1, 1))
print(table.unpack({n = 2, "a", "b", "c"}, 1, 2))

-- sort: numbers, strings, custom comparators
local nums = {5, 2, 8, 1, 9, 3, 7, 4, 6, 0}
table.sort(nums)
print(show(nums))
table.sort(nums, function(a, b) return a > b end)
print(show(nums))
local strs = {"pear", "apple", "fig", "banana", "cherry", "Apple", "10", "9"}
table.sort(strs)
print(table.concat(strs, " "))
table.sort(strs, function(a, b) return #a < #b or (#a == #b and a < b) end)
print(table.concat(strs, " "))
local floats = {3.5, -1, 2, 0.5, -2.25, 10, 1e10, -1e10}
table.sort(floats)
print(show(floats))
-- sort records by multiple keys
local people = {
  {name = "bob", age = 30}, {name = "alice", age = 25}, {name = "carol", age = 30},
  {name = "dave", age = 25}, {name = "eve", age = 35},
}
table.sort(people, function(a, b)
  if a.age ~= b.age then return a.age < b.age end
  return a.name < b.name
end)
local names = {}
for i, person in ipairs(people) do names[i] = person.name .. ":" .. person.age end
print(table.concat(names, " "))
-- sort larger arrays
local big = {}
local seed = 12345
for i = 1, 1000 do
  seed = (seed * 1103515245 + 12345) % 2147483648
  big[i] = seed % 10000
end
table.sort(big)
local sorted = true
for i = 2, #big do if big[i - 1] > big[i] then sorted = false end end
print("sorted 1000", sorted, big[1], big[1000])
table.sort(big, function(a, b) return a > b end)
print(big[1], big[1000])
-- sort with mixed types errors
-- (which operand order the message names depends on the algorithm)
local oks, errs = pcall(table.sort, {1, "x", 2})
print(oks, errs:match("attempt to compare %a+ with %a+") ~= nil)
-- sort of 0 and 1 elements
local e0, e1 = {}, {42}
table.sort(e0); table.sort(e1)
print(#e0, e1[1])

-- move
local m = {1, 2, 3, 4, 5}
table.move(m, 2, 4, 1)
print(show(m))
m = {1, 2, 3, 4, 5}
table.move(m, 1, 3, 3)
print(show(m))
local dest = table.move({1, 2, 3}, 1, 3, 2, {"x"})
print(show(dest))
print(show(table.move({}, 1, 0, 1, {7})))

-- insert/remove used as a stack and a queue
local stack = {}
for i = 1, 5 do table.insert(stack, i) end
local popped = {}
while #stack > 0 do popped[#popped + 1] = table.remove(stack) end
print(table.concat(popped, ""))
local queue = {}
for i = 1, 5 do table.insert(queue, i) end
local served = {}
while #queue > 0 do served[#served + 1] = table.remove(queue, 1) end
print(table.concat(served, ""))

-- functions respect metamethods (5.4)
local proxy = setmetatable({}, {
  __index = function(_, i) if i <= 3 then return "v" .. i end end,
  __len = function() return 3 end,
})
print(table.concat(proxy, ","), table.unpack(proxy))
local logged = {}
local lt = setmetatable({}, {__newindex = function(t, k, v) logged[#logged + 1] = k; rawset(t, k, v) end})
table.insert(lt, "a")
table.insert(lt, "b")
print(table.concat(logged, ","), #lt)
