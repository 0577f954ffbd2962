-- Tables: array and hash parts, length, keys, traversal.

local function sortedkeys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  table.sort(ks, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return tostring(a) < tostring(b)
  end)
  return ks
end

local function dump(t)
  local out = {}
  for _, k in ipairs(sortedkeys(t)) do
    local v = t[k]
    out[#out + 1] = tostring(k) .. "=" .. (type(v) == "table" and "{...}" or tostring(v))
  end
  return "{" .. table.concat(out, ", ") .. "}"
end

local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, err)
end

-- constructors
local t = {10, 20, 30, x = 1, ["y z"] = 2, [100] = 3, [-1] = 4, [1.5] = 5, [true] = 6}
print(dump(t), #t)
local t2 = {[3] = "a", [4] = "b", "c"}
print(t2[1], t2[3], t2[4], #t2 == 1 or #t2 == 4)
local t3 = {1, 2, nil, 4}
print(t3[1], t3[3], t3[4])

-- length of sequences
local s = {}
for i = 1, 100 do s[i] = i end
print(#s)
s[#s] = nil
print(#s)
s[#s + 1] = "x"
print(#s, s[100])
for i = 100, 51, -1 do s[i] = nil end
print(#s)
print(#{}, #{nil}, #{1, 2, 3}, #{n = 1}, #"", #{1, 2, 3, nil})

-- array growth by appending, then by reverse filling
local g = {}
for i = 1, 1000 do g[#g + 1] = i * 2 end
local sum = 0
for i = 1, #g do sum = sum + g[i] end
print(#g, sum)
local r = {}
for i = 50, 1, -1 do r[i] = i end
print(#r)

-- nil assignment removes keys
local h = {a = 1, b = 2, c = 3}
h.b = nil
print(dump(h), h.b)
h.b = nil
h.d = nil
print(dump(h))

-- float keys are normalised
local f = {}
f[1.0] = "one"
f[2] = "two"
print(f[1], f[2.0], f[1.0], rawget(f, 1), #f)
f[2^53] = "big"
print(f[2^53], f[1 << 53], math.type(next({[3.0] = true})))
f[1.5] = "x"
print(f[1.5], f[3/2])
local ks = {}
for k in pairs({[1.0] = 1, [2.0] = 2, [-0.0] = 3}) do ks[#ks + 1] = math.type(k) .. ":" .. tostring(k) end
table.sort(ks)
print(table.concat(ks, " "))

-- string keys vs number keys are distinct
local m = {}
m[1] = "int"; m["1"] = "str"
print(m[1], m["1"], m[tonumber("1")])

-- NaN and nil keys
try(function() local x = {}; x[0/0] = 1 end)
try(function() local x = {}; x[nil] = 1 end)
try(function() return {[nil] = 1} end)
try(function() return {[0/0] = 1} end)
try(function() rawset({}, nil, 1) end)
try(function() rawset({}, 0/0, 1) end)
print(({})[nil], ({})[0/0], rawget({}, nil))

-- all kinds of keys
local key_t, key_f = {}, function() end
local kinds = {}
kinds[key_t] = "table"; kinds[key_f] = "function"; kinds[true] = "true"; kinds[false] = "false"
kinds["s"] = "string"; kinds[1] = "int"; kinds[0.5] = "float"
print(kinds[key_t], kinds[key_f], kinds[true], kinds[false], kinds.s, kinds[1], kinds[0.5])
local count = 0
for _ in pairs(kinds) do count = count + 1 end
print(count)

-- next/pairs tolerate assigning existing fields (including nil) during traversal
local big = {}
for i = 1, 50 do big["k" .. i] = i end
for i = 1, 20 do big[i] = i end
local visited = 0
for k, v in pairs(big) do
  visited = visited + 1
  if type(k) == "string" then big[k] = v * 2 else big[k] = nil end
end
local total, n = 0, 0
for k, v in pairs(big) do total = total + v; n = n + 1 end
print(visited, n, total)
-- clear everything while traversing
for k in pairs(big) do big[k] = nil end
print(next(big))

-- next
print(next({}), next({}, nil))
local one = {x = 1}
local k, v = next(one)
print(k, v, next(one, k))
try(function() return next({}, "nokey") end)
local arr = {"a", "b", "c"}
local k1, v1 = next(arr)
print(k1, v1)

-- integer keys at extremes
local e = {}
e[math.maxinteger] = 1; e[math.mininteger] = 2; e[0] = 3; e[-1] = 4
print(e[math.maxinteger], e[math.mininteger], e[0], e[-1], e[2^63])

-- nested tables and references
local a = {b = {c = {d = "deep"}}}
print(a.b.c.d, a["b"]["c"]["d"])
local alias = a.b
alias.c = 5
print(a.b.c)

-- table with holes built by index
local holes = {}
holes[1] = 1; holes[2] = 2; holes[4] = 4
print(holes[3], holes[4])

-- mixed use: array part then hash part then array again
local mix = {}
for i = 1, 10 do mix[i] = i end
for i = 1, 10 do mix["h" .. i] = i end
for i = 11, 20 do mix[i] = i end
print(#mix, mix.h5, mix[15])
local c = 0
for _ in pairs(mix) do c = c + 1 end
print(c)

-- ipairs stops at the first nil
local ip = {1, 2, 3, nil, 5}
local cnt = 0
for i, v in ipairs(ip) do cnt = cnt + 1 end
print(cnt)

-- multiple assignment evaluation order
local q = {}
local i = 1
i, q[i] = i + 1, 20
print(i, q[1], q[2])
local x, y = 1, 2
x, y = y, x
print(x, y)
local sw = {1, 2}
sw[1], sw[2] = sw[2], sw[1]
print(sw[1], sw[2])

-- table length after table.remove / insert
local lst = {"a", "b", "c"}
table.insert(lst, "d")
table.remove(lst, 1)
print(#lst, table.concat(lst))

-- large sparse and negative keys
local sp = {}
for i = 1, 100 do sp[i * 1000] = i end
for i = -50, -1 do sp[i] = i end
local sc, ss = 0, 0
for k2, v2 in pairs(sp) do sc = sc + 1; ss = ss + v2 end
print(sc, ss, sp[50000], sp[-25])
