-- table library: concat, insert, move, pack, remove, sort, unpack; metamethods and errors.
local function perr(f, ...)
  print(pcall(f, ...))
end
local function list(t, n)
  local out = {}
  for i = 1, n or #t do out[i] = tostring(t[i]) end
  return "{" .. table.concat(out, ",") .. "}"
end

print("-- concat")
print(table.concat({}), table.concat({}, ","), table.concat({1, 2, 3}), table.concat({1, 2, 3}, ", "))
print(table.concat({"a", "b", "c"}, "-", 2), table.concat({"a", "b", "c"}, "-", 2, 3), table.concat({"a", "b", "c"}, "-", 3, 2))
print(table.concat({1, 2.5, "x", -0.0, 2^63, math.mininteger}, "|"))
print(table.concat({"a", "b"}, 3), table.concat({"a", "b"}, 1.0), table.concat({[0] = "z", "a"}, "", 0, 1))
print(table.concat({"a", "b", "c"}, "", 3, 2) == "" and "empty" or "nonempty")
print(table.concat({"x"}, "sep", 1, 1), table.concat({"a", "b", "c", "d"}, "\0", 1, 4) == "a\0b\0c\0d")
perr(table.concat, {1, {}, 3})
perr(table.concat, {1, 2, 3}, ",", 1, 4)
perr(table.concat, {true})
perr(table.concat, {}, {})
perr(table.concat, nil)
perr(table.concat, {1, 2}, ",", "a")
perr(table.concat, "abc")
print(pcall(function() return table.concat({1, nil, 3}, ",", 1, 3) end))
local proxy = setmetatable({}, {__index = function(_, i) return "v" .. i end, __len = function() return 4 end})
print(table.concat(proxy, " "))
print(table.concat(setmetatable({}, {__index = {"p", "q", "r"}}), "+"))

print("-- insert")
local t = {}
table.insert(t, "a"); table.insert(t, "b"); table.insert(t, 1, "c"); table.insert(t, 2, "d"); table.insert(t, #t + 1, "e")
print(list(t))
table.insert(t, 3, nil)
print(#t >= 5, t[1], t[2], t[3], t[4])
local t2 = {n = 1}
table.insert(t2, 1, 10)
print(list(t2), t2.n)
perr(table.insert, {}, 1, 2, 3)
perr(table.insert, {})
perr(table.insert, {1, 2}, 4, 0)
perr(table.insert, {1, 2}, 0, 0)
perr(table.insert, {1, 2}, -1, 0)
perr(table.insert, {1, 2}, 1.5, 0)
perr(table.insert, {1, 2}, "x", 0)
perr(table.insert, nil, 1)
perr(table.insert, 5, 1)
print(pcall(function() table.insert({}, 1, 2, 3) end))
-- insert through __newindex/__index/__len
local log = {}
local store = {}
local p = setmetatable({}, {
  __index = function(_, k) return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = k .. "=" .. tostring(v); store[k] = v end,
  __len = function() return #store end,
})
table.insert(p, "x"); table.insert(p, "y"); table.insert(p, 1, "z")
print(table.concat(log, " "), list(store))
-- userdata-like: a non-table with the right metamethods is not accepted unless it has them all
perr(table.insert, setmetatable({}, {}), 1)

print("-- remove")
local r = {1, 2, 3, 4, 5}
print(table.remove(r), list(r))
print(table.remove(r, 1), list(r))
print(table.remove(r, 2), list(r))
print(table.remove(r, #r + 1), list(r))
print(table.remove({}), table.remove({}, 0), table.remove({}, 1))
local r0 = {[0] = "zero"}
print(table.remove(r0, 0), r0[0])
local r1 = {[1] = "one"}
print(table.remove(r1, 1), #r1)
perr(table.remove, {1, 2, 3}, 5)
perr(table.remove, {1, 2, 3}, -1)
perr(table.remove, {}, 2)
perr(table.remove, {1, 2, 3}, 0)
perr(table.remove, nil)
perr(table.remove, {1}, "x")
print(select('#', table.remove({})))
local log2 = {}
local back = {"a", "b", "c"}
local q = setmetatable({}, {
  __index = function(_, k) log2[#log2 + 1] = "get" .. k; return back[k] end,
  __newindex = function(_, k, v) log2[#log2 + 1] = "set" .. k; back[k] = v end,
  __len = function() return #back end,
})
print(table.remove(q, 1), table.concat(log2, " "), list(back, 3))

print("-- move")
local m = {1, 2, 3, 4, 5}
print(list(table.move(m, 1, 3, 3)))
m = {1, 2, 3, 4, 5}
print(list(table.move(m, 3, 5, 1)))
m = {1, 2, 3, 4, 5}
print(list(table.move(m, 1, 5, 2), 6))
m = {1, 2, 3}
local dst = table.move(m, 1, 3, 2, {})
print(list(dst, 4), dst == m)
print(list(table.move({1, 2, 3}, 2, 1, 1)), list(table.move({}, 1, 0, 5, {7})))
print(list(table.move({1, 2, 3}, 1, 3, 1)))
local neg = table.move({[-1] = "a", [0] = "b", "c"}, -1, 1, 1, {})
print(neg[1], neg[2], neg[3])
perr(table.move, {}, 1, math.maxinteger, 2)
perr(table.move, {}, -1, math.maxinteger, 2)
perr(table.move, {}, 1, 3, math.maxinteger)
perr(table.move, {}, math.mininteger, -1, 1)
perr(table.move, 1, 1, 1, 1)
perr(table.move, {}, 1, 1, 1, 5)
perr(table.move, {}, 1, 1)
perr(table.move, {}, "a", 1, 1)
print(type(select(2, pcall(table.move, {}, 1, 2, 1, nil))))
local mlog = {}
local src = setmetatable({}, {__index = function(_, k) return k * 10 end})
local sink = setmetatable({}, {__newindex = function(t, k, v) mlog[#mlog + 1] = k .. ":" .. v; rawset(t, k, v) end})
table.move(src, 1, 3, 5, sink)
print(table.concat(mlog, " "), sink[5], sink[7])
-- overlapping move backwards through metamethods (same table)
local ov = setmetatable({}, {__index = function(_, k) return "i" .. k end})
table.move(ov, 1, 3, 2)
print(rawget(ov, 2), rawget(ov, 3), rawget(ov, 4))

print("-- pack/unpack")
local pk = table.pack()
print(pk.n, #pk)
pk = table.pack(1, nil, 3, nil)
print(pk.n, pk[1], pk[2], pk[3], pk[4])
pk = table.pack("a", "b")
print(pk.n, pk[1], pk[2], #pk)
print(table.unpack({1, 2, 3}))
print(table.unpack({1, 2, 3}, 2))
print(table.unpack({1, 2, 3}, 2, 3))
print(table.unpack({1, 2, 3}, 3, 2))
print(table.unpack({1, 2, 3}, -1, 1))
print(table.unpack({1, nil, 3}))
print(table.unpack({}, 1, 3))
print(select('#', table.unpack({}, 1, 0)), select('#', table.unpack({}, 5, 6)), select('#', table.unpack({n = 3})))
print(table.unpack({[math.maxinteger] = "max"}, math.maxinteger, math.maxinteger))
print(table.unpack({[math.mininteger] = "min"}, math.mininteger, math.mininteger))
print(table.unpack(setmetatable({}, {__index = function(_, k) return k * 2 end}), 1, 4))
print(table.unpack(setmetatable({}, {__len = function() return 3 end, __index = function(_, k) return -k end})))
print(select('#', table.unpack({}, 1, 1000)), select('#', table.unpack({}, 1, 200000)))
perr(table.unpack, {}, 1, 1e8)
perr(table.unpack, {}, math.mininteger, math.maxinteger)
perr(table.unpack, {}, 0, math.maxinteger)
perr(table.unpack)
perr(table.unpack, nil)
perr(table.unpack, {}, "x")
perr(table.unpack, {}, 1, 2.5)
perr(table.unpack, setmetatable({}, {__len = function() return 2.5 end}))
perr(table.unpack, setmetatable({}, {__len = function() return "x" end}))
print(table.unpack(setmetatable({}, {__len = function() return "2" end})))
print(table.unpack("abc", 1, 2))

print("-- sort")
local function sorted(t, f) table.sort(t, f); return list(t) end
print(sorted({}), sorted({1}), sorted({2, 1}), sorted({3, 1, 2}), sorted({5, 2, 8, 1, 9, 3, 7}))
print(sorted({3.5, -1, 2, 2.25, -7.5, 0, 1e10, -1e10}))
print(sorted({3, 1, 2}, function(a, b) return a > b end))
print(sorted({"banana", "apple", "Cherry", "date", "", "apple2", "b"}))
print(sorted({"b\0b", "b\0a", "b", "a\0"}) == list({"a\0", "b", "b\0a", "b\0b"}))
print(sorted({math.maxinteger, math.mininteger, 0, 2^63, -2^63, 1.5, math.maxinteger - 1}))
print(sorted({1, 2.0, 1.0, 2, 0.5}, function(a, b) return a < b end))
local mixed = {3, 2.0, 1, 4.0, 0}
table.sort(mixed)
print(list(mixed))
local types = {}
for i, v in ipairs(mixed) do types[i] = math.type(v) end
print(table.concat(types, " "))
-- larger arrays, deterministic pseudo-random content
local seed = 12345
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end
local big = {}
for i = 1, 2000 do big[i] = rnd(1000) end
table.sort(big)
local ok = true
for i = 2, #big do if big[i] < big[i - 1] then ok = false end end
print("big ints sorted", ok, big[1], big[1000], big[2000])
local bigf = {}
for i = 1, 1000 do bigf[i] = rnd(100000) / 7 end
table.sort(bigf, function(a, b) return a > b end)
ok = true
for i = 2, #bigf do if bigf[i] > bigf[i - 1] then ok = false end end
print("big floats desc", ok)
local bigs = {}
for i = 1, 1000 do bigs[i] = tostring(rnd(100000)) end
table.sort(bigs)
ok = true
for i = 2, #bigs do if bigs[i] < bigs[i - 1] then ok = false end end
print("big strings sorted", ok, bigs[1], bigs[1000])
-- ties: the order of equal keys follows the algorithm exactly (arrays < 128 elements)
local recs = {}
for i = 1, 100 do recs[i] = {k = rnd(5), id = i} end
table.sort(recs, function(a, b) return a.k < b.k end)
local ids = {}
for i = 1, 100 do ids[i] = recs[i].k .. ":" .. recs[i].id end
print(table.concat(ids, " "))
-- comparison counts for a fixed input
local count = 0
local cin = {}
for i = 1, 120 do cin[i] = rnd(50) end
table.sort(cin, function(a, b) count = count + 1; return a < b end)
print("comparisons", count)
-- invalid order functions
perr(table.sort, {3, 1, 2, 5, 4, 7, 6, 9, 8, 10}, function(a, b) return true end)
local ok2, e2 = pcall(table.sort, {5, 5, 5, 5, 5, 5, 5, 5}, function(a, b) return a <= b end)
print(ok2, e2)
local inv = {}
for i = 1, 50 do inv[i] = rnd(10) end
print(pcall(table.sort, inv, function(a, b) return a <= b end))
print(list(inv))
local tt = {3, 1, 2}
table.sort(tt, function(a, b) return true end)
print(list(tt))
-- NaN makes the default order invalid
local nan = 0/0
local withnan = {3, nan, 1, nan, 2, 5, nan, 4}
print(pcall(table.sort, withnan))
-- default order errors
perr(table.sort, {1, "x"})
perr(table.sort, {1, 2, {}, 3})
perr(table.sort, {{}, {}})
perr(table.sort, {true, false})
perr(table.sort, {1, nil, 3})
perr(table.sort, {3, 2, 1}, 5)
perr(table.sort, {3, 2, 1}, "f")
perr(table.sort, nil)
perr(table.sort, setmetatable({}, {__len = function() return math.maxinteger end}))
perr(table.sort, setmetatable({}, {__len = function() return 2^31 end}))
print(pcall(table.sort, {2, 1}, nil), pcall(table.sort, {1}, 5))
print(pcall(function() table.sort({1, 2, 3}, function(a, b) error("boom") end) end))
local eobj = {}
print(select(2, pcall(function() table.sort({1, 2, 3}, function(a, b) error(eobj) end) end)) == eobj)
print(pcall(function() table.sort({2, 1, 3, 3, 5, 1, 2, 9, 0, 3}, function(a, b) return true end) end))
-- __lt metamethods with the default order
local V = {}
V.__lt = function(a, b) return a.v < b.v end
local objs = {}
for i = 1, 30 do objs[i] = setmetatable({v = rnd(100)}, V) end
table.sort(objs)
ok = true
for i = 2, #objs do if objs[i].v < objs[i - 1].v then ok = false end end
print("__lt sort", ok)
-- strings against numbers go through __lt of strings? no: error
perr(table.sort, {"10", 9})
-- sort through a proxy with __index/__newindex/__len
local data = {5, 3, 9, 1, 7}
local reads, writes = 0, 0
local px = setmetatable({}, {
  __index = function(_, k) reads = reads + 1; return data[k] end,
  __newindex = function(_, k, v) writes = writes + 1; data[k] = v end,
  __len = function() return #data end,
})
table.sort(px)
print(list(data), reads > 0, writes > 0)
table.sort(px, function(a, b) return a > b end)
print(list(data))
-- comparator that allocates (exercise the collector during sort)
local garbage = {}
for i = 1, 300 do garbage[i] = {v = rnd(1000), s = tostring(i)} end
table.sort(garbage, function(a, b)
  local tmp = {a.s .. "x", b.s .. "y"}
  return a.v < b.v or (a.v == b.v and a.s < b.s)
end)
ok = true
for i = 2, #garbage do if garbage[i].v < garbage[i - 1].v then ok = false end end
print("allocating comparator", ok)
-- sort a table with a hash part and holes beyond the border
local h = {4, 2, 3, 1, x = "y", [10] = 5}
table.sort(h)
print(list(h, 4), h.x, h[10])
-- sorting 0 or 1 element does not check the comparator
print(pcall(table.sort, {}, 5), pcall(table.sort, {1}, {}))

print("-- errors reported from Lua frames")
print(pcall(function() table.insert({}, 5, 1) end))
print(pcall(function() table.concat({{}}) end))
print(pcall(function() table.sort({3, 2, 1}, function() return true end) end))
print(pcall(function() return table.unpack({}, 1, 1e7) end))
print(pcall(function() table.move({}, 1, 2, math.maxinteger) end))
print(pcall(function() local t = setmetatable({}, {__index = function() error("idx") end}); return table.concat(t, "", 1, 2) end))
