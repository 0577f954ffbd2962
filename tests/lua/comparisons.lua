-- Comparisons: numbers, strings, mixed types, errors.

local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, err)
end

-- strings compare bytewise
print("a" < "b", "a" < "B", "Z" < "a", "abc" < "abd", "abc" < "ab", "" < "\0")
print("a\0b" < "a\0c", "a\0" > "a", "10" < "9", "100" < "99", "x" <= "x", "x" >= "y")
print("\255" > "\1", "abc" == "abc", "abc" ~= "abd")
local words = {"banana", "Apple", "cherry", "apple", "", "Banana", "a", "ab", "aa", "b"}
table.sort(words)
print(table.concat(words, ","))

-- numbers, ints and floats
print(1 < 2, 1 < 1.5, 1.5 < 2, 2 <= 2.0, 2.0 >= 2, -0.0 < 0, -0.0 <= 0)
print(math.huge > math.maxinteger, -math.huge < math.mininteger)
local nan = 0/0
print(nan == nan, nan ~= nan, nan < 1, nan > 1, nan <= nan, 1 <= nan, not (nan < 1))

-- mixed types: equality is false, ordering errors
print(1 == "1", "1" == 1, nil == false, 0 == false, "" == false)
try(function() return 1 < "2" end)
try(function() return "1" < 2 end)
try(function() return 1 < nil end)
try(function() return nil < 1 end)
try(function() local x; return x >= 3 end)
try(function() return {} < {} end)
try(function() return {} <= {} end)
try(function() return true < false end)
try(function() return print < print end)
try(function() return "a" < {} end)
try(function() return {} > 1 end)
try(function() return 1 <= {} end)
try(function() local a, b = nil, 2; return a > b end)

-- equality of references
local t1, t2 = {}, {}
print(t1 == t1, t1 == t2, t1 ~= t2)
local f1 = function() end
local f2 = f1
print(f1 == f2, f1 == function() end)
print(print == print, type == type, print == type)

-- comparisons yield booleans usable as values
local r = {1 < 2, 2 < 1, "a" == "a"}
print(r[1], r[2], r[3], type(r[1]))

-- comparing results of arithmetic
print(0.1 + 0.2 == 0.3, 0.1 + 0.2 > 0.3, 0.5 + 0.25 == 0.75)
print(10 // 3 == 3, 10 / 2 == 5, 7 % 3 == 1.0)

-- numeric for over comparisons of big values
local cnt = 0
for _, p in ipairs({{math.maxinteger, 2^63}, {math.mininteger, -2^63}, {2^53, (1 << 53) + 1}}) do
  local a, b = p[1], p[2]
  print(a < b, a <= b, a > b, a >= b, a == b)
  cnt = cnt + 1
end
print(cnt)
