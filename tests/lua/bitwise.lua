-- Bitwise operators on 64-bit integers.

local function hex(n) return string.format("0x%016x", n) end

print(hex(0xF0F0 & 0xFF00), hex(0xF0F0 | 0x0F0F), hex(0xF0F0 ~ 0xFFFF), hex(~0))
print(hex(~0x0F), hex(~math.maxinteger), hex(~math.mininteger))

-- shifts: logical, by 64 or more gives 0, negative shifts go the other way
print(hex(1 << 0), hex(1 << 1), hex(1 << 63), hex(1 << 64), hex(1 << 100))
print(hex(-1 >> 1), hex(-1 >> 63), hex(-1 >> 64), hex(math.mininteger >> 63))
print(hex(1 << -1), hex(2 >> -1), hex(0x80 >> -4), hex(1 >> -64))
print(hex(0xFF << 56), hex(0xFF << 57), hex(-1 << 63), hex(-1 << 64))
print(1 << math.mininteger, 1 >> math.mininteger, -1 << math.maxinteger)

-- results are integers
print(math.type(1 | 0), math.type(1.0 | 0), math.type(2^10 | 0), 2^10 | 0)

-- floats with integral values convert; others error
print(3.0 & 5.0, -1.0 | 0, 1e3 ~ 0)
for _, v in ipairs({1.5, 2^63, -2^64, math.huge, -math.huge}) do
  local ok, err = pcall(function() return v | 0 end)
  print(ok, (tostring(err):gsub("^[^:]+:%d+: ", "")))
end
print(pcall(function() return (0/0) | 0 end))

-- string operands are not converted (the string metatable has no bitwise metamethods)
for _, s in ipairs({"3", "0x10", "1.0", " 7 "}) do
  local ok, err = pcall(function() return s & 1 end)
  print(ok, (tostring(err):gsub("^[^:]+:%d+: ", "")))
end

-- identities
local ok = true
local vals = {0, 1, -1, 2, 0x7F, 0x80, 0xFFFF, math.maxinteger, math.mininteger, 123456789, -987654321}
for _, a in ipairs(vals) do
  for _, b in ipairs(vals) do
    if (a & b) | (a ~ b) ~= (a | b) then ok = false end
    if ~(a & b) ~= (~a | ~b) then ok = false end
    if a ~ b ~ b ~= a then ok = false end
  end
  for s = 0, 63 do
    if (a << s) >> s ~= a & (-1 >> s) then ok = false end
  end
end
print("identities", ok)

-- popcount, bit reversal, rotation written in Lua
local function popcount(n)
  local c = 0
  while n ~= 0 do n = n & (n - 1); c = c + 1 end
  return c
end
local function rotl(n, k) k = k % 64; return (n << k) | (n >> (64 - k)) end
print(popcount(0), popcount(-1), popcount(0xFF), popcount(math.mininteger), popcount(0x5555))
print(hex(rotl(1, 63)), hex(rotl(math.mininteger, 1)), hex(rotl(0x0123456789ABCDEF, 8)))

-- FNV-1a hash with wrap-around
local function fnv1a(s)
  local h = 0xcbf29ce484222325
  for i = 1, #s do
    h = h ~ s:byte(i)
    h = h * 0x100000001b3
  end
  return h
end
print(hex(fnv1a("")), hex(fnv1a("a")), hex(fnv1a("hello world")))

-- xorshift pseudo-random sequence (deterministic)
local state = 88172645463325252
local function xorshift()
  state = state ~ (state << 13)
  state = state ~ (state >> 7)
  state = state ~ (state << 17)
  return state
end
local outs = {}
for i = 1, 5 do outs[i] = hex(xorshift()) end
print(table.concat(outs, " "))

-- bit fields packing
local function pack_rgb(r, g, b) return (r << 16) | (g << 8) | b end
local function unpack_rgb(c) return (c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF end
local c = pack_rgb(0x12, 0x34, 0x56)
print(hex(c), unpack_rgb(c))

-- precedence reminders
print(1 | 2 & 3, 1 ~ 3 | 4, 1 << 2 & 7, 5 & 3 ~ 1, ~1 & 3, -1 >> 62 << 1)
