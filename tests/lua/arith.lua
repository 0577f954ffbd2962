-- Integer and float semantics.
local maxi, mini = math.maxinteger, math.mininteger

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "number" then
      if v ~= v then t[i] = "nan"
      else t[i] = tostring(v) .. ":" .. math.type(v) end
    else
      t[i] = tostring(v)
    end
  end
  print(table.concat(t, " "))
end

local function try(f, ...)
  local ok, err = pcall(f, ...)
  if ok then print("ok", err) else print("error", err) end
end

-- wrap-around
show(maxi + 1, mini - 1, maxi * 2, mini * -1, -mini, maxi + 1 == mini)
show(maxi * maxi, mini * mini, 1 << 63, (1 << 63) - 1)
show(math.abs(mini), mini // -1, mini % -1)

-- maxinteger + 1.0 is float
show(maxi + 1.0, maxi + 0.0, mini + 0.0, maxi + 1.0 == 2^63)

-- floor division and modulo with negative operands
for _, p in ipairs({{7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {6, 3}, {-6, 3}, {0, 5}, {1, -1}}) do
  local a, b = p[1], p[2]
  show(a, b, a // b, a % b, a / b)
end
-- the same with floats
for _, p in ipairs({{7.5, 2}, {-7.5, 2}, {7.5, -2}, {-7.5, -2}, {5.0, 0.5}, {-0.5, 1}, {3, 2.5}}) do
  local a, b = p[1], p[2]
  show(a, b, a // b, a % b, a / b)
end
show(5.3 % 2, -5.3 % 2, 5.3 % -2, 1e308 % 3)
show(3 % math.huge, -3 % math.huge, 3 % -math.huge, -3 % -math.huge)
show(3 // math.huge, -3 // math.huge)

-- division by zero
try(function() return 1 // 0 end)
try(function() return 1 % 0 end)
try(function() local z = 0; return 10 // z end)
try(function() local z = 0; return 10 % z end)
show(1 / 0, -1 / 0, 1 // 0.0, -1 // 0.0, 0 / 0 ~= 0 / 0, 1 % 0.0 ~= 1 % 0.0)
show(1.0 / 0, 0.0 / 1, -0.0 / 1, 1 / -0.0, 1 // -0.0, 1 / (0 * -1))
show(5 % math.huge, 0.0 // 1, -0.0 // 1)

-- int/float comparisons at boundaries
local two53 = 2^53
show(two53 == 2^53 + 1, math.tointeger(two53) + 1 == two53 + 1)
show((1 << 53) + 1 == 2^53, (1 << 53) + 1 > 2^53, (1 << 53) + 1 < 2^53 + 2)
show(maxi == 2^63, maxi < 2^63, maxi + 0.0 == 2^63, maxi <= 2^63, mini == -2^63)
show(mini < -2^63, mini <= -2^63, mini + 0.0 == -2^63, maxi > 2^63 - 1024)
show(maxi - 1 < maxi + 0.0, 2^63 > maxi, -2^63 >= mini, -2^63 - 1025 < mini)
show(1 == 1.0, 1 < 1.5, 2 > 1.5, -1 < -0.5, 0 == -0.0)
show(maxi < math.huge, mini > -math.huge, 0/0 == 0/0, 1 < 0/0, 1 > 0/0)
show((1 << 62) == 2^62, ((1 << 62) + 1) == 2^62, ((1 << 62) + 1) > 2^62)

-- float to integer conversions
show(math.tointeger(3.0), math.tointeger(3.5), math.tointeger(2^63), math.tointeger(-2^63))
show(math.tointeger(2^53), 3.0 | 0, -2.0 | 0, 2^62 | 0)
show(3 | 0, 3.0 & 1, 2^53 | 0, -0.0 | 0)
-- strings have no bitwise coercion in 5.4 (the string metatable has only arithmetic)
try(function() return "3" & 1 end)
try(function() local s = "0x10"; return s | 1 end)
try(function() return 1 ~ " 7 " end)
try(function() local s = "3"; return ~s end)
try(function() local s = "8"; return s >> 1 end)
try(function() return 3.5 | 0 end)
try(function() return 2^63 | 0 end)
try(function() return math.huge & 1 end)
try(function() return "3.5" | 0 end)
try(function() return "abc" | 0 end)
try(function() return {} | 0 end)
try(function() return 1 < "2" end)

-- string -> number coercion in arithmetic
show("10" + 1, "10" * "2", "3.5" + 1, "0x10" + 0, " 5 " - 1, "1e2" * 1)
show("10" // "3", "10" % "3", -"2", "2" ^ "3", "10" / "4")
show(10 .. "", 1.5 .. "", -0.0 .. "", 2^63 .. "")
try(function() return "abc" + 1 end)
try(function() return "10" + {} end)
try(function() return 1 + nil end)
try(function() local s = "x"; return s * 2 end)

-- integer ops stay integers, float ops stay floats
show(3 * 4, 3 * 4.0, 2^2, 8 // 3, 8.0 // 3, 8 % 3.0, -(-3), -(3.0))
show(1e15, 1e16, 2^63, -2^63, 123456789012345)
show(maxi // 1, maxi // -1, mini // 1, maxi % 2, mini % 2, mini % -2)
show(7 // 0.0, -7 // 0.0, 0.0 / 0.0 ~= 0.0 / 0.0)

-- integer division/modulo identities
local ok = true
for a = -20, 20 do
  for b = -7, 7 do
    if b ~= 0 then
      local q, r = a // b, a % b
      if q * b + r ~= a then ok = false end
      if r ~= 0 and (r < 0) ~= (b < 0) then ok = false end
      if math.floor(a / b) ~= q then ok = false end
    end
  end
end
print("div/mod identities", ok)

-- exponentiation always float
show(2 ^ 0, 0 ^ 0, 2 ^ 0.5 == math.sqrt(2), (-8) ^ (1/3) ~= (-8) ^ (1/3), 10 ^ -2)

-- unary minus
show(-0, -0.0, -(mini), -maxi, -(1/0))
