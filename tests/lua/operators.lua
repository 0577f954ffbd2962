-- Operators and precedence.

-- arithmetic precedence
print(1 + 2 * 3, (1 + 2) * 3, 2 * 3 + 1, 10 - 4 - 3, 100 / 10 / 2)
print(2 ^ 3 ^ 2, (2 ^ 3) ^ 2, -2 ^ 2, (-2) ^ 2, 2 ^ -1)
print(-3 ^ 2 == -(3 ^ 2), 2 * -3, - -3, -(-3))
print(7 // 2 * 2, 7 % 4 * 2, 2 * 7 % 4, 1 + 7 // 2)
print(17 % 5 + 1, 17 - 5 % 3)

-- concatenation is right associative and below arithmetic
print("a" .. "b" .. "c", 1 + 2 .. "", "x" .. 2 * 3, 2 .. 3 + 1)
print("n" .. 10 // 3 .. "m")

-- comparison below concat
print("a" .. "b" == "ab", 1 + 1 == 2, 1 < 2 == true, "10" + 0 == 10)

-- logical operators
print(1 and 2, nil and 1, false and nil, 1 or 2, nil or 2, false or nil)
print(nil and nil or "x", 1 and nil or "y", false or false and 1)
print(not nil, not false, not 0, not "", not not nil)
print(not 1 == 2, not (1 == 2))
print(1 or error("not evaluated"), nil and error("not evaluated"))
print(1 < 2 and 2 < 3, 1 < 2 and 3 < 2 or "else")
local n = 0
local function inc() n = n + 1; return true end
local _ = false and inc()
local _ = true or inc()
local _ = true and inc()
local _ = nil or inc()
print("short circuit count", n)

-- bitwise precedence: or < xor < and < shift < concat < +-
print(1 | 2 ~ 3 & 4, (1 | 2) ~ (3 & 4), 1 | (2 ~ (3 & 4)))
print(1 << 2 + 1, (1 << 2) + 1, 1 << 2 | 1, 0xF0 >> 4 & 0x3)
print(5 & 3 == 1, 5 & (3 == 1 and 1 or 3))
print(~5, ~~5, ~0 >> 60, -1 >> 1, 1 << 63, 1 << 64, 1 >> -1, 2 >> 1)
print(3 ~ 5, 3 & 5, 3 | 5, ~3 & 0xF)
print(1 << 62, (1 << 63) - 1 == math.maxinteger, -1 << 1, -8 >> 1)
print(0xFF ~ 0x0F, 0xFF & ~0x0F)

-- unary operators bind tighter than binary (except ^)
print(-2 + 3, #"abc" + 1, -#"ab", not 1 == nil)
local t = {1, 2, 3}
print(#t * 2, -t[1], #t == 3)

-- comparison chain results
print(1 == 1.0, "1" == 1, 0.0 == -0.0, 1 ~= 1.0)
print(2 < 3, 2 <= 2, 3 > 2, 3 >= 4, "a" < "b", "abc" < "abd", "" < "a")

-- equality of different types is false, never an error
print(1 == "1", {} == "table", nil == false, print == print)

-- mixed int/float arithmetic result types
print(math.type(1 + 1), math.type(1 + 1.0), math.type(2 * 3), math.type(6 / 3))
print(math.type(7 // 2), math.type(7.0 // 2), math.type(7 % 2), math.type(7 % 2.0))
print(math.type(2 ^ 2), 2 ^ 2, 10 / 2, 3 // 1.0)

-- operator results with large expressions
local x, y, z = 3, 4, 5
print(x * x + y * y == z * z, (x + y) * z - x / y, x % y ^ 2)
print(x < y and y < z, x > y or y > z, x == 3 and "three" or "other")
local a, b = 10, 3
print(a + b, a - b, a * b, a / b, a // b, a % b, a ^ b)
print(-a // b, -a % b, a // -b, a % -b)
