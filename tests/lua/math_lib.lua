-- math library.

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "number" then t[i] = tostring(v) .. "(" .. math.type(v) .. ")" else t[i] = tostring(v) end
  end
  print(table.concat(t, " "))
end

-- constants
show(math.pi, math.huge, -math.huge, math.maxinteger, math.mininteger)
show(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)

-- floor / ceil return integers when representable
show(math.floor(3.7), math.floor(-3.7), math.floor(3), math.floor(-0.0), math.floor(2^62))
show(math.ceil(3.2), math.ceil(-3.2), math.ceil(3), math.ceil(-0.5), math.ceil(2^62))
show(math.floor(2^70), math.ceil(-2^70), math.floor(math.huge), math.ceil(-math.huge))
show(math.floor("3.5"), math.ceil("2"))

-- abs
show(math.abs(-5), math.abs(5), math.abs(-5.5), math.abs(-0.0), math.abs(math.mininteger))

-- max / min keep the type of the chosen argument
show(math.max(1, 2, 3), math.max(3, 2.5), math.max(1, 2.0), math.max(-1), math.max(2, 2.0))
show(math.min(1, 2, 3), math.min(3, 2.5), math.min(1.0, 1), math.min(-math.huge, 0))
print(pcall(math.max))

-- sqrt, exp, log
show(math.sqrt(16), math.sqrt(2), math.sqrt(0), math.sqrt(-1) ~= math.sqrt(-1))
show(math.exp(0), math.log(1), math.log(8, 2), math.log(100, 10), math.log(27, 3))
show(math.log(0), math.log(2.718281828459045), math.exp(1))

-- trigonometry
show(math.sin(0), math.cos(0), math.tan(0))
show(string.format("%.6f %.6f %.6f", math.sin(math.pi / 2), math.cos(math.pi), math.atan(1) * 4))
show(string.format("%.6f %.6f %.6f", math.asin(1), math.acos(0), math.atan(1, 1)))
show(string.format("%.6f %.6f", math.atan(-1, -1), math.atan(0, -1)))

-- tointeger
show(math.tointeger(3.0), math.tointeger(3.5), math.tointeger(5), math.tointeger(2^63))
show(math.tointeger(-2^63), math.tointeger(math.huge), math.tointeger(0/0))
show(math.tointeger({}), math.tointeger(-0.0))

-- type
show(math.type(1), math.type(1.0), math.type("1"), math.type(nil), math.type({}))
print(pcall(math.type))

-- fmod
show(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(-7, -3))
show(math.fmod(7.5, 2), math.fmod(-7.5, 2), math.fmod(1, 0.0) ~= math.fmod(1, 0.0))
show(math.fmod(math.mininteger, -1), math.fmod(5, math.huge), math.fmod(3, 2.0))
print(pcall(math.fmod, 1, 0))
print(pcall(math.fmod, 1))

-- modf
show(math.modf(3.7))
show(math.modf(-3.7))
show(math.modf(5))
show(math.modf(math.huge))
show(math.modf(-math.huge))

-- ult
show(math.ult(1, 2), math.ult(-1, 2), math.ult(2, -1), math.ult(math.maxinteger, math.mininteger))

-- random with a fixed seed: only check ranges and types
math.randomseed(42)
local okr = true
for i = 1, 1000 do
  local a = math.random()
  local b = math.random(10)
  local c = math.random(-5, 5)
  if not (a >= 0 and a < 1) then okr = false end
  if not (b >= 1 and b <= 10 and math.type(b) == "integer") then okr = false end
  if not (c >= -5 and c <= 5) then okr = false end
end
print("random ranges", okr)
print(math.type(math.random(math.mininteger, math.maxinteger)))
print(pcall(math.random, 2, 1))
print(pcall(math.random, 1, 2, 3))
-- same seed gives the same sequence
math.randomseed(7)
local s1 = {math.random(1000), math.random(1000), math.random(1000)}
math.randomseed(7)
local s2 = {math.random(1000), math.random(1000), math.random(1000)}
print("reproducible", s1[1] == s2[1] and s1[2] == s2[2] and s1[3] == s2[3])

-- combinations used by typical programs
local function round(x, n)
  local m = 10 ^ (n or 0)
  return math.floor(x * m + 0.5) / m
end
show(round(3.14159, 2), round(2.5), round(-2.5))
local function clamp(x, lo, hi) return math.max(lo, math.min(hi, x)) end
show(clamp(5, 0, 3), clamp(-1, 0, 3), clamp(1.5, 0, 3))
local function hypot(a, b) return math.sqrt(a * a + b * b) end
show(hypot(3, 4), hypot(5, 12))
show(math.floor(-7 / 2), -7 // 2, math.floor(7 / 2))
show(7 // 2 == math.floor(7 / 2), math.huge > math.maxinteger, -math.huge < math.mininteger)
