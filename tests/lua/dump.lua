-- string.dump and loading binary chunks. Only results that are the same for any
-- implementation are printed (the dump formats differ, so never the bytes).

local function reload(f, strip, env)
  if env then
    return assert(load(string.dump(f, strip), "=reloaded", "b", env))
  end
  return assert(load(string.dump(f, strip), "=reloaded", "b"))
end

-- simple functions, with and without debug information
local function add(a, b) return a + b end
print(reload(add)(2, 3), reload(add, true)(10, 20))
print(type(string.dump(add)), #string.dump(add) > 0)
print(string.dump(add):sub(1, 4) == "\27Lua")
print(#string.dump(add, true) <= #string.dump(add))

-- a main chunk compiled from text
local chunk = assert(load("local x = ... or 7; return x * 2, 'main'"))
print(reload(chunk)())
print(reload(chunk)(21))

-- varargs
local function va(...)
  local n = select('#', ...)
  return n, ...
end
print(reload(va)(1, nil, 3))
print(reload(va)())
local function pack(...) return {...} end
print(#reload(pack)(1, 2, 3, 4, 5))

-- nested functions and closures inside the dumped function
local function counter_factory(start)
  local function make(step)
    local n = start
    return function() n = n + step; return n end
  end
  return make
end
local mk = reload(counter_factory)(100)
local c1, c2 = mk(1), mk(10)
print(c1(), c1(), c2(), c1(), c2())

-- recursion through a local function
local function fact_src(n)
  local function fact(k) if k <= 1 then return 1 end return k * fact(k - 1) end
  return fact(n)
end
print(reload(fact_src)(10), reload(fact_src, true)(20))

-- many constants (more than fit an instruction operand: LOADKX)
local parts = {"local t = {}"}
for i = 1, 300 do
  parts[#parts + 1] = string.format("t[%d] = 'k%d' .. %d.5", i, i, i)
end
parts[#parts + 1] = "return t"
local big = assert(load(table.concat(parts, "\n")))
local t1, t2 = big(), reload(big)()
local same = true
for i = 1, 300 do if t1[i] ~= t2[i] then same = false end end
print(#t2, t2[1], t2[300], same)

-- a big table constructor (SETLIST with extra argument)
local items = {}
for i = 1, 600 do items[i] = tostring(i) end
local ctor = assert(load("return {" .. table.concat(items, ",") .. "}"))
local big_t = reload(ctor)()
print(#big_t, big_t[1], big_t[600])

-- all constant kinds
local function consts()
  return nil, true, false, 42, -7, 3.25, 1e300, "str", "", "a\0b", math.mininteger
end
local r = table.pack(reload(consts)())
for i = 1, r.n do
  if type(r[i]) == "string" then r[i] = string.format("%q", r[i]) end
end
print(table.unpack(r, 1, r.n))
print(#select(10, reload(consts)()))

-- numeric and generic loops, goto, to-be-closed variables
local function loops()
  local s = 0
  for i = 1, 10 do s = s + i end
  for i = 10, 1, -3 do s = s + i end
  for _, v in ipairs({5, 6, 7}) do s = s + v end
  for k in pairs({a = 1}) do s = s .. k end
  local i = 0
  ::top::
  i = i + 1
  if i < 3 then goto top end
  do
    local closed = false
    do
      local x <close> = setmetatable({}, {__close = function() closed = true end})
    end
    return s, i, closed
  end
end
print(reload(loops)())

-- upvalues: the reloaded function gets fresh upvalues, the first one is the
-- environment (as for any loaded chunk), the others are nil
local up1, up2 = 10, 20
local function uses_upvalues() return up1, up2 end
print(uses_upvalues())
local ok, err = pcall(reload(uses_upvalues))
print(ok, err == nil or type(err))
print(debug.getupvalue(reload(uses_upvalues), 2))

local function uses_global() return tostring(1234) end
print(reload(uses_global)())

local function first_up() return up2 end    -- up2 is upvalue 1: becomes _ENV
print(type(reload(first_up)()), reload(first_up)() == _G)
print(reload(first_up, false, {marker = 1})().marker)

-- the environment argument of load
local function get_x() return x end
print(reload(get_x, false, {x = "from env"})())
print(reload(get_x)())
x = "global x"
print(reload(get_x)())
x = nil

-- upvalues can be set on the reloaded function
local g = reload(uses_upvalues)
debug.setupvalue(g, 1, "one")
debug.setupvalue(g, 2, "two")
print(g())

-- a reloaded function shares nothing with the original
local shared = 0
local function bump() shared = shared + 1; return shared end
local rb = reload(bump)
debug.setupvalue(rb, 1, 100)
print(rb(), rb(), bump(), shared)

-- dumping a reloaded function again
print(reload(reload(add))(4, 5), reload(reload(add, true), true)(6, 7))

-- debug information: kept, or stripped
local function named(p1, p2)
  local inner = p1
  return debug.getinfo(1, "S").what, inner
end
local dn = reload(named)
print(dn(1, 2))
print(debug.getlocal(dn, 1), debug.getlocal(dn, 2))
print(debug.getinfo(dn, "S").linedefined, debug.getinfo(dn, "S").lastlinedefined)
print(debug.getinfo(reload(named, true), "S").source)
print(debug.getinfo(reload(named, true), "S").short_src)
print(debug.getinfo(dn, "S").short_src == debug.getinfo(named, "S").short_src)

-- errors inside reloaded functions are raised normally
local function fails(v) return v.field end
print(pcall(reload(fails), nil))
print(select(2, pcall(reload(fails), nil)) == select(2, pcall(fails, nil)))
print(pcall(reload(fails, true), {field = "ok"}))
print(pcall(reload(fails, true), nil))
print(pcall(reload(function() local a; a = {}; return a + 2 end, true)))

-- coroutines running reloaded code
local function gen(n)
  for i = 1, n do coroutine.yield(i) end
  return "done"
end
local co = coroutine.wrap(reload(gen))
print(co(3), co(), co(), co())

-- mode checks
print(load(string.dump(add), "x", "t"))
print(load(string.dump(add), "x", "b") ~= nil)
print(load(string.dump(add), "x", "bt") ~= nil)
print(load("return 1", "x", "b"))
print(load("return 1", "x", "t")())
print(pcall(load, string.dump(add), "x", "q"))

-- load through a reader function, one byte at a time
local s = string.dump(add)
local pos = 0
local f = load(function() pos = pos + 1; return s:sub(pos, pos) end)
print(f(40, 2))

-- malformed binary chunks
local d = string.dump(add)
print(load(d:sub(1, 1)))
print(load(d:sub(1, 10)))
print(load(d:sub(1, 20), "=short"))
print(load(d:sub(1, 20), "@file.lua"))
print(load(d:sub(1, 20), "named"))
print(load("\27Lux" .. d:sub(5)))
print(load(d:sub(1, 4) .. "\80" .. d:sub(6)))
local truncations_fail = true
for n = 1, #d - 1 do
  if load(d:sub(1, n)) then truncations_fail = false end
end
print(truncations_fail)

-- loadfile and dofile accept binary chunks
local tmp = os.tmpname()
local fh = assert(io.open(tmp, "wb"))
fh:write(string.dump(assert(load("return 'from a binary file', ..."))))
fh:close()
print(loadfile(tmp)(1, 2))
print(loadfile(tmp, "b")("b"))
print(loadfile(tmp, "t"))
print(dofile(tmp))
-- a first line starting with '#' may precede a binary chunk
fh = assert(io.open(tmp, "wb"))
fh:write("#!/usr/bin/env lua\0 comment\n", string.dump(function() return 20, "\0\0" end))
fh:close()
print(#select(2, loadfile(tmp)()), (dofile(tmp)))
os.remove(tmp)

-- what cannot be dumped
print(pcall(string.dump, print))
print(pcall(string.dump, string.dump))
print(pcall(string.dump))
print(pcall(string.dump, {}))
print(pcall(string.dump, "return 1"))
