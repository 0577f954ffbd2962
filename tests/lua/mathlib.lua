-- math library: every function, integer/float subtypes, edge cases, errors.
local function show(...)
  local t = table.pack(...)
  local out = {}
  for i = 1, t.n do
    local v = t[i]
    if math.type(v) then out[i] = tostring(v) .. "(" .. math.type(v) .. ")"
    else out[i] = tostring(v) end
  end
  print(table.concat(out, " "))
end
local function perr(f, ...)
  local ok, msg = pcall(f, ...)
  print(ok, msg)
end

print("-- constants")
show(math.pi, math.huge, -math.huge, math.maxinteger, math.mininteger)
show(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)

print("-- abs")
show(math.abs(-5), math.abs(5), math.abs(-5.5), math.abs(0.0), math.abs(-0.0))
show(math.abs(math.mininteger), math.abs(math.maxinteger), math.abs(-math.huge), math.abs("-3"), math.abs("-3.5"))
perr(math.abs)
perr(math.abs, "x")
perr(math.abs, {})

print("-- floor/ceil")
show(math.floor(3.7), math.floor(-3.7), math.floor(3), math.floor(-0.0), math.floor(2^53), math.floor(2^62))
show(math.floor(2^63), math.floor(-2^63), math.floor(1e100), math.floor(-1e100), math.floor(math.huge), math.floor(-math.huge))
show(math.ceil(3.2), math.ceil(-3.2), math.ceil(3), math.ceil(-0.5), math.ceil(2^63), math.ceil(-2^63 - 1e5))
show(math.floor("3.7"), math.ceil("3.2"), math.floor("10"), math.floor(0/0) ~= math.floor(0/0))
perr(math.floor, "a")
perr(math.ceil)
perr(math.floor, nil)

print("-- fmod")
show(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(-7, -3))
show(math.fmod(7.5, 2), math.fmod(-7.5, 2), math.fmod(7, 2.5), math.fmod(1, math.huge), math.fmod(math.mininteger, -1))
show(math.fmod(math.maxinteger, -1), math.fmod(math.mininteger, math.maxinteger), math.fmod(5, math.mininteger))
show(math.fmod("7", "3"), math.fmod(7, "3"), math.fmod(6, 3))
print(math.fmod(1, 0.0) ~= math.fmod(1, 0.0), math.fmod(math.huge, 2) ~= math.fmod(math.huge, 2))
perr(math.fmod, 1, 0)
perr(math.fmod, 1)
perr(math.fmod, nil, 1)
perr(math.fmod, 1, {})

print("-- modf")
show(math.modf(3.7))
show(math.modf(-3.7))
show(math.modf(5))
show(math.modf(-5))
show(math.modf(math.huge))
show(math.modf(-math.huge))
show(math.modf(0.0))
show(math.modf(-0.0))
show(math.modf(2^63))
show(math.modf(1e300))
show(math.modf("2.5"))
local a, b = math.modf(0/0)
print(a ~= a, b ~= b)
perr(math.modf)

print("-- sqrt/exp/log")
show(math.sqrt(16), math.sqrt(2), math.sqrt(0), math.sqrt(math.huge), math.sqrt(-1) ~= math.sqrt(-1))
show(math.exp(0), math.exp(1), math.exp(-1), math.exp(710), math.exp(-1000))
show(math.log(1), math.log(math.exp(2)), math.log(0), math.log(8, 2), math.log(1024, 2), math.log(0.5, 2))
show(math.log(100, 10), math.log(1000, 10), math.log(27, 3), math.log(2, 4), math.log(10, 10.0), math.log(8, 2.0))
show(math.log(-1) ~= math.log(-1), math.log(0, 2), math.log(0, 10), math.log(5, 1), math.log("8", "2"))
perr(math.log)
perr(math.log, 2, "x")
perr(math.sqrt, "x")
perr(math.exp)

print("-- trig")
show(math.sin(0), math.sin(1), math.sin(math.pi / 2), math.sin(-1.5))
show(math.cos(0), math.cos(1), math.cos(math.pi), math.cos(2.5))
show(math.tan(0), math.tan(1), math.tan(-0.7))
show(math.asin(0), math.asin(0.5), math.asin(1), math.asin(2) ~= math.asin(2))
show(math.acos(1), math.acos(0.5), math.acos(-1), math.acos(0))
show(math.atan(1), math.atan(1, 2), math.atan(-1, -1), math.atan(0, -1), math.atan(1, 0), math.atan(-0.0, 1))
show(math.atan(math.huge), math.atan(1, math.huge), math.atan("1"), math.atan(3, nil))
show(math.deg(math.pi), math.deg(1), math.rad(180), math.rad(1), math.deg(0), math.rad(-90))
perr(math.sin)
print(pcall(function() return math.atan(1, "x") end))
perr(math.deg, false)

print("-- 5.3 compatibility functions")
show(math.atan2 == math.atan, math.atan2(1, 2), math.pow(2, 0.5), math.pow(2, 10), math.pow("2", 3), math.log10(1000), math.log10(2))
show(math.cosh(0), math.cosh(1), math.sinh(1), math.sinh(-2), math.tanh(0.5), math.tanh(100))
show(math.frexp(8))
show(math.frexp(0))
show(math.frexp(-0.3))
show(math.frexp(1e300))
show(math.frexp(5e-324))
show(math.frexp(-2.5e-310))
show(math.frexp(math.huge))
show(math.frexp(3))
show(math.ldexp(1, 3), math.ldexp(0.5, 1), math.ldexp(3, -1080), math.ldexp(1, 2^32 + 3), math.ldexp(1, 1024), math.ldexp(1, -1074))
show(math.ldexp(1.5, -1073), math.ldexp(0.75, 1025), math.ldexp(1, -2000), math.ldexp(-1, 5000), math.ldexp(2^-1070, 2000), math.ldexp(1e-300, -60))
perr(math.pow, 1)
perr(math.ldexp, 1, 1.5)
perr(math.frexp, "x")
perr(math.cosh)

print("-- tointeger")
show(math.tointeger(3), math.tointeger(3.0), math.tointeger(3.5), math.tointeger(-0.0))
show(math.tointeger(2^53), math.tointeger(2^63), math.tointeger(-2^63), math.tointeger(math.huge))
show(math.tointeger("8"), math.tointeger("8.0"), math.tointeger("8.5"), math.tointeger("x"), math.tointeger(" 10 "))
show(math.tointeger({}), math.tointeger(nil), math.tointeger(true), math.tointeger(0/0))
perr(math.tointeger)

print("-- type")
show(math.type(1), math.type(1.0), math.type("1"), math.type(nil), math.type({}), math.type(2^63))
perr(math.type)

print("-- ult")
show(math.ult(1, 2), math.ult(2, 1), math.ult(-1, 2), math.ult(2, -1), math.ult(math.maxinteger, math.mininteger))
show(math.ult(3.0, 4), math.ult(0, 0))
perr(math.ult, 1.5, 2)
perr(math.ult, 1)
perr(math.ult, "a", 1)

print("-- max/min")
show(math.max(1), math.max(1, 2), math.max(2, 1), math.max(1, 2.0), math.max(2.0, 1), math.max(2, 2.0), math.max(2.0, 2))
show(math.min(1), math.min(1, 2), math.min(2, 1), math.min(1, 2.0), math.min(1.0, 1), math.min(1, 1.0))
show(math.max(3, 7, 5, -1), math.min(3, 7, 5, -1), math.max(-math.huge, math.mininteger), math.min(math.huge, math.maxinteger))
show(math.max("10", "9"), math.min("10", "9"), math.max(0.0, -0.0), math.min(0.0, -0.0))
show(math.max(math.maxinteger, 2^63), math.min(math.mininteger, -2^63), math.max(1, 0/0) , math.max(0/0, 1) ~= math.max(0/0, 1))
perr(math.max)
perr(math.min)
perr(math.max, 1, "x")
perr(math.min, {}, 1)
perr(math.max, 1, nil)
local mt = {__lt = function(a, b) return a.v < b.v end}
local x, y = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
print(math.max(x, y).v, math.min(x, y).v, math.max(y, x).v)

print("-- random with fixed seeds")
show(math.randomseed(42))
show(math.random(1, 100), math.random(1, 100), math.random(1, 100))
show(math.random(), math.random(), math.random(0), math.random(0))
show(math.random(10), math.random(3), math.random(1), math.random(-10, -5))
show(math.randomseed(1, 2))
local r = {}
for i = 1, 10 do r[i] = math.random(1000) end
print(table.concat(r, " "))
for i = 1, 10 do r[i] = math.random(7, 9) end
print(table.concat(r, " "))
for i = 1, 5 do r[i] = math.random(math.mininteger, math.maxinteger) end
print(table.concat(r, " ", 1, 5))
for i = 1, 5 do r[i] = math.random(0, math.maxinteger) end
print(table.concat(r, " ", 1, 5))
for i = 1, 5 do r[i] = math.random(-1000000007, 1000000007) end
print(table.concat(r, " ", 1, 5))
for i = 1, 5 do r[i] = math.random(1, 3 * 2^60) end
print(table.concat(r, " ", 1, 5))
for i = 1, 5 do r[i] = math.random() end
print(table.concat(r, " ", 1, 5))
show(math.randomseed(-7))
show(math.random(1, 6), math.random(1, 6), math.random(1, 6), math.random(5.0), math.random("6"))
show(math.randomseed(0, 0))
show(math.random(100), math.random(0), math.random())
show(math.randomseed(3.0))
show(math.random(2^31), math.random(math.maxinteger))
show(math.randomseed(math.mininteger, math.maxinteger))
show(math.random(1, 2), math.random(0), math.random())
-- every value of a small interval shows up
math.randomseed(99)
local seen = {}
for i = 1, 1000 do seen[math.random(5)] = true end
print(seen[1], seen[2], seen[3], seen[4], seen[5], seen[0], seen[6])
local lo, hi = 1, 0
for i = 1, 1000 do local v = math.random(); if v < lo then lo = v end; if v > hi then hi = v end end
print(lo >= 0, hi < 1)
perr(math.random, 1, 2, 3)
perr(math.random, 2, 1)
perr(math.random, 0.5)
perr(math.random, 1, 1.5)
perr(math.random, "x")
perr(math.random, math.maxinteger, math.mininteger)
perr(math.randomseed, 4.5)
perr(math.randomseed, {})
perr(math.randomseed, 1, 2.5)
-- randomseed() with no arguments returns two integers
local s1, s2 = math.randomseed()
print(math.type(s1), math.type(s2))
print(math.random(3, 3), math.random(math.maxinteger, math.maxinteger), math.random(math.mininteger, math.mininteger))

print("-- errors in Lua frames")
print(pcall(function() return math.floor({}) end))
print(pcall(function() return math.fmod(5, 0) end))
print(pcall(function() return math.random(3, 1) end))
print(select('#', math.randomseed(5)), select('#', math.modf(3.5)), select('#', math.max(1, 2, 3)))
