-- The debug library: getinfo, getlocal/setlocal, upvalues, metatables, user
-- values, hooks (stored only) and traceback.

local function show(t, keys)
  local out = {}
  for _, k in ipairs(keys) do
    out[#out + 1] = k .. "=" .. tostring(t[k])
  end
  print(table.concat(out, " "))
end

print("-- getinfo of functions")
local function f1(a, b, ...)
  return a
end
local info = debug.getinfo(f1)
show(info, {"source", "short_src", "linedefined", "lastlinedefined", "what",
  "currentline", "nups", "nparams", "isvararg", "istailcall", "namewhat", "name"})
print(info.func == f1, type(info.activelines))
show(debug.getinfo(print), {"source", "short_src", "linedefined",
  "lastlinedefined", "what", "currentline", "nups", "nparams", "isvararg"})
print(debug.getinfo(print).activelines)
local lines = {}
for l in pairs(debug.getinfo(f1, "L").activelines) do lines[#lines + 1] = l end
table.sort(lines)
print("activelines", table.concat(lines, ","))
local function g0()
  local x = 1
  x = x + 1
  return x
end
lines = {}
for l in pairs(debug.getinfo(g0, "L").activelines) do lines[#lines + 1] = l end
table.sort(lines)
print("activelines", table.concat(lines, ","))

print("-- option subsets")
local function keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  table.sort(ks)
  return table.concat(ks, ",")
end
for _, opt in ipairs({"S", "l", "u", "n", "t", "f", "L", "r", "", "nSltufrL"}) do
  print(opt, keys(debug.getinfo(f1, opt)))
end
print(keys(debug.getinfo(1)))

print("-- levels")
local function where()
  local i = debug.getinfo(2, "Sln")
  return i.short_src .. ":" .. i.currentline .. " " .. tostring(i.name) .. " " .. i.namewhat .. " " .. i.what
end
local function caller()
  return (where())
end
print(caller())
local t = {m = function() return where() end}
print(t.m())
print(t:m())
print(debug.getinfo(1, "l").currentline)
local i0 = debug.getinfo(0, "nS")
print(i0.name, i0.namewhat, i0.what, i0.short_src)
local i1 = debug.getinfo(1, "S")
print(i1.what, i1.short_src, i1.linedefined)
print(debug.getinfo(1000))
print(debug.getinfo(-1))
print(pcall(debug.getinfo, 1, "X"))
print(pcall(debug.getinfo, 1, ">S"))
print(pcall(debug.getinfo, "x"))
print(pcall(debug.getinfo, {}))
print(pcall(debug.getinfo))

-- tail calls
local function tail2() return debug.getinfo(1, "tn") end
local function tail1() return tail2() end
local ti = tail1()
print("tail", ti.istailcall, ti.name, ti.namewhat)
local function nottail() local r = tail2(); return r end
ti = nottail()
print("nottail", ti.istailcall, ti.name, ti.namewhat)

-- metamethods and iterators
local mt = {__index = function(t, k) return debug.getinfo(2, "n") end,
            __add = function(a, b) return debug.getinfo(1, "n") end}
local obj = setmetatable({}, mt)
local ni = obj.foo
print("index", ni.name, ni.namewhat)
ni = obj + 1
print("add", ni.name, ni.namewhat)
for _ in function() local n = debug.getinfo(1, "n"); print("iter", n.name, n.namewhat) end do end
-- functions called from native code have no name
table.sort({3, 2, 1}, function(a, b)
  local n = debug.getinfo(1, "n")
  assert(n.name == nil and n.namewhat == "")
  return a < b
end)
print(select(2, pcall(function() return debug.getinfo(1, "n").namewhat end)) == "")

print("-- getlocal / setlocal")
local function locals(a, b, ...)
  local c = a + b
  local out = {}
  local idx = 1
  while true do
    local name, val = debug.getlocal(1, idx)
    if not name then break end
    if name ~= "out" then out[#out + 1] = name .. "=" .. tostring(val) end
    idx = idx + 1
  end
  idx = -1
  while true do
    local name, val = debug.getlocal(1, idx)
    if not name then break end
    out[#out + 1] = idx .. ":" .. name .. "=" .. tostring(val)
    idx = idx - 1
  end
  return table.concat(out, " ")
end
print(locals(1, 2, "x", "y"))
print(locals(3, 4))
print(debug.getlocal(locals, 1), debug.getlocal(locals, 2), debug.getlocal(locals, 3))
print(debug.getlocal(print, 1))
print(debug.getlocal(f1, 0), debug.getlocal(f1, -1))
print(pcall(debug.getlocal, 1000, 1))
print(pcall(debug.getlocal, 1))
do
  local x, y = 10, 20
  print(debug.setlocal(1, 1, "changed"))
  local n1, v1 = debug.getlocal(1, 1)
  print(n1, v1)
  print(debug.setlocal(1, 100, 1))
  print(pcall(debug.setlocal, 1000, 1, 1))
  print(pcall(debug.setlocal, 1, 1))
end
local function setvar(...)
  debug.setlocal(1, -1, "new vararg")
  return ...
end
print(setvar("old", 2))
local function upset()
  local v = "before"
  local function inner() debug.setlocal(2, 1, "after") end
  inner()
  return v
end
print(upset())
-- temporaries of a native frame: getlocal(0, ...) sees getlocal's own arguments
print(debug.getlocal(0, 1), debug.getlocal(0, 2))
print(debug.getlocal(0, 3))
-- in a coroutine
local co = coroutine.create(function(p)
  local q = p * 2
  coroutine.yield(q)
  return q
end)
coroutine.resume(co, 21)
print(debug.getlocal(co, 1, 1))
print(debug.getlocal(co, 1, 2))
print(debug.setlocal(co, 1, 2, 100))
print(coroutine.resume(co))
local co2 = coroutine.create(function(x) coroutine.yield() end)
coroutine.resume(co2, 5)
print(debug.getlocal(co2, 0, 1))
print(pcall(debug.getlocal, co2, 5, 1))
local ci = debug.getinfo(co2, 1, "Sl")
print(ci.what, ci.currentline)
ci = debug.getinfo(co2, 0, "S")
print(ci.what)
print(debug.getinfo(co2, 2))

print("-- upvalues")
local up1, up2 = 1, 2
local function useup() return up1 + up2 end
print(debug.getupvalue(useup, 1))
print(debug.getupvalue(useup, 2))
print(debug.getupvalue(useup, 3))
print(debug.getupvalue(useup, 0))
print(debug.setupvalue(useup, 1, 100))
print(up1, useup())
print(debug.setupvalue(useup, 5, 100))
print(pcall(debug.getupvalue, 1, 1))
print(pcall(debug.getupvalue, useup))
print(pcall(debug.setupvalue, useup, 1))
print(select('#', debug.getupvalue(print, 1)))
local wrapped = coroutine.wrap(function() end)
print(debug.getupvalue(wrapped, 1) == "", type(select(2, debug.getupvalue(wrapped, 1))))
print((debug.getupvalue(load("return x"), 1)))

local function mk()
  local a, b = 0, 0
  return function() a = a + 1; return a end, function() b = b + 1; return b end
end
local c1, c2 = mk()
print(type(debug.upvalueid(c1, 1)))
print(debug.upvalueid(c1, 1) == debug.upvalueid(c1, 1))
print(debug.upvalueid(c1, 1) == debug.upvalueid(c2, 1))
print(debug.upvalueid(c1, 2))
local d1 = mk()
print(debug.upvalueid(c1, 1) == debug.upvalueid(d1, 1))
print(debug.upvalueid(wrapped, 1) == debug.upvalueid(wrapped, 1), debug.upvalueid(wrapped, 2))
print(debug.upvalueid(print, 1))
debug.upvaluejoin(c1, 1, c2, 1)
print(debug.upvalueid(c1, 1) == debug.upvalueid(c2, 1))
print(c1(), c2(), c1())
print(pcall(debug.upvaluejoin, c1, 5, c2, 1))
print(pcall(debug.upvaluejoin, c1, 1, c2, 5))
print(pcall(debug.upvaluejoin, wrapped, 1, c2, 1))
print(pcall(debug.upvaluejoin, c1, 1, wrapped, 1))
print(pcall(debug.upvalueid, {}, 1))

print("-- metatables and registry")
print(type(debug.getregistry()))
print(debug.getmetatable(1), debug.getmetatable("x") == getmetatable("x"))
local prot = setmetatable({}, {__metatable = "locked"})
print(getmetatable(prot), type(debug.getmetatable(prot)))
print(debug.setmetatable(10, {__index = function(n, k) return k .. n end}))
print((5).abc)
print(debug.getmetatable(7) ~= nil)
debug.setmetatable(10, nil)
print(pcall(function() return (5).abc end))
debug.setmetatable(nil, {__len = function() return 42 end})
print(#nil)
debug.setmetatable(nil, nil)
local tt = {}
print(debug.setmetatable(tt, {__index = {z = 1}}) == tt, tt.z)
print(debug.setmetatable(prot, nil) == prot, getmetatable(prot))
print(pcall(debug.setmetatable, 1, 2))
print(pcall(debug.setmetatable, 1))
print(pcall(debug.getmetatable))
debug.setmetatable(print, {__index = {kind = "function"}})
print(print.kind, f1.kind)
debug.setmetatable(print, nil)
print(pcall(debug.setmetatable, true, {__call = function(b, x) return "called", b, x end}))
local tb = true
print(tb(1))
debug.setmetatable(true, nil)

print("-- user values")
print(debug.getuservalue(1))
print(debug.getuservalue({}))
local u = io.stdout
print(debug.getuservalue(u, 2))
print(select("#", debug.getuservalue(u, 2)))
print(debug.setuservalue(u, 5, 2))
print(pcall(debug.setuservalue, {}, 1))
print(pcall(debug.setuservalue, u))

print("-- hooks")
print(debug.gethook())
local function hk() end
debug.sethook(hk, "crl", 5)
local h, m, c = debug.gethook()
print(h == hk, m, c)
debug.sethook(hk, "lcx")
h, m, c = debug.gethook()
print(h == hk, m, c)
debug.sethook()
print(debug.gethook())
debug.sethook(hk, "", 0)
print(debug.gethook())
local hco = coroutine.create(function() end)
debug.sethook(hco, hk, "r")
h, m, c = debug.gethook(hco)
print(h == hk, m, c)
print(debug.gethook())
debug.sethook(hco)
print(debug.gethook(hco))
print(pcall(debug.sethook, 1, "c"))
print(pcall(debug.sethook, hk))

print("-- traceback")
print(debug.traceback("msg"))
print(debug.traceback("msg", 2))
print(debug.traceback(42))
print(debug.traceback())
local tv = {}
print(debug.traceback(tv) == tv, debug.traceback(nil) ~= nil)
print(debug.traceback(true))
print(debug.traceback("deep", 50))
print(debug.traceback("neg", -1))
local function lvl3() return debug.traceback("in lvl3") end
local function lvl2() return lvl3() .. "" end
local function lvl1() return (lvl2()) end
print(lvl1())
local tco = coroutine.create(function(a)
  local function inner() coroutine.yield(a) end
  inner()
end)
coroutine.resume(tco, 1)
print(debug.traceback(tco))
print(debug.traceback(tco, "comsg"))
print(debug.traceback(tco, "comsg", 1))
print(debug.traceback(tco, nil, 2))
print(debug.traceback(coroutine.running(), "main", 1))
local eco = coroutine.create(function() local x = nil; return x.y end)
print(coroutine.resume(eco))
print(debug.traceback(eco))
print(coroutine.wrap(function() return debug.traceback("in co") end)())
local function rec(n) if n == 0 then return debug.traceback("rec") end return (rec(n - 1)) end
print(rec(30))
print(select(2, xpcall(function() error("oops") end, debug.traceback)))
-- pcall and xpcall count as levels of their own
local function lv2() return debug.getinfo(2, "nS") end
local ok, pi = pcall(lv2)
print(ok, pi.what, pi.name, pi.namewhat, pi.short_src)
ok, pi = xpcall(lv2, print)
print(ok, pi.what, pi.name, pi.namewhat)
print(pcall(function() return debug.traceback("in pcall") end))
print(pcall(pcall, function() return debug.traceback("nested") end))
print("done")
