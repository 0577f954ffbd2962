-- Varargs, select, table.pack/unpack.

local function count(...) return select('#', ...) end
print(count(), count(nil), count(nil, nil), count(1, nil, 3, nil))

local function all(...) return ... end
print(all(1, 2, 3))
print((all(1, 2, 3)))
print(all())
print(count(all()), count(all(nil, nil)))

-- select with positive and negative indices
print(select(1, "a", "b", "c"))
print(select(2, "a", "b", "c"))
print(select(3, "a", "b", "c"))
print(select(4, "a", "b", "c"))
print(select(-1, "a", "b", "c"))
print(select(-2, "a", "b", "c"))
print(select(-3, "a", "b", "c"))
print(select('#'))
print(pcall(select, -4, "a", "b", "c"))
print(pcall(select, 0, "a"))
print(pcall(select, "x"))
print(select(2.0, "a", "b"))
print(select("2", "a", "b"))

-- varargs in table constructors
local function pack(...) return {...} end
local t = pack(1, nil, 3)
print(#t == 3 or #t == 1, t[1], t[2], t[3])
local p = table.pack(1, nil, 3, nil)
print(p.n, p[1], p[2], p[3], p[4])
local p0 = table.pack()
print(p0.n, #p0)

-- unpack
print(table.unpack({1, 2, 3}))
print(table.unpack({1, 2, 3}, 2))
print(table.unpack({1, 2, 3}, 2, 3))
print(table.unpack({1, 2, 3}, 3, 2))
print(table.unpack({1, nil, 3}, 1, 3))
print(table.unpack({}, 1, 2))
print(select('#', table.unpack({}, 1, 0)))

-- varargs mixed with fixed parameters
local function fixed(a, b, ...)
  return a, b, select('#', ...), ...
end
print(fixed())
print(fixed(1))
print(fixed(1, 2))
print(fixed(1, 2, 3))
print(fixed(1, 2, 3, nil, 5))

-- extra args are dropped, missing are nil
local function two(a, b) return a, b end
print(two(1, 2, 3, 4))
print(two(1))

-- ... in the main chunk is the script arguments (none here)
print("main chunk varargs", select('#', ...))

-- forwarding varargs through several levels
local function level3(...) return select('#', ...), ... end
local function level2(...) return level3(...) end
local function level1(...) return level2(...) end
print(level1(nil, nil, nil))
print(level1("x", nil))

-- varargs with many values
local function sum(...)
  local s = 0
  for i = 1, select('#', ...) do s = s + (select(i, ...)) end
  return s
end
local big = {}
for i = 1, 200 do big[i] = i end
print(sum(table.unpack(big)), count(table.unpack(big)))

-- vararg in the middle of an argument list is truncated to one value
local function three() return 1, 2, 3 end
print(count(three(), three()), count(three(), 10), count(10, three()))

-- varargs as upvalue substitute
local function bind(f, ...)
  local args = table.pack(...)
  return function(...)
    local all2 = {table.unpack(args, 1, args.n)}
    local more = table.pack(...)
    for i = 1, more.n do all2[args.n + i] = more[i] end
    return f(table.unpack(all2, 1, args.n + more.n))
  end
end
print(bind(print, "bound", 1)(2, 3))
print(bind(count, nil, nil)(nil))

-- ipairs over {...}
local function list(...)
  local out = {}
  for i, v in ipairs({...}) do out[#out + 1] = i .. "=" .. tostring(v) end
  return table.concat(out, ",")
end
print(list("a", "b", "c"), list(), list(1, nil, 3))

-- select('#') with trailing nils from function results
local function nils() return nil, nil, nil end
print(count(nils()), count(nils(), nil), count((nils())))

-- vararg function called with a vararg call in a table constructor
local function mk(...) return {n = select('#', ...), ...} end
local m = mk(three())
print(m.n, m[1], m[2], m[3])

-- string methods with varargs
print(string.format("%s-%s-%s", three()))
print(math.max(three()), math.min(three()))
