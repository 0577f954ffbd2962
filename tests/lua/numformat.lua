-- tostring of numbers, concatenation and number formatting.

local vals = {
  0, 1, -1, 100, 1e15, 1e16, 1e100, 0.1, 0.5, -0.0, 0.0, 1/0, -1/0, 2^63, -2^63,
  100.0, 3.14159265358979, 1/3, 2/3, 123456789012.0, 1e14, 1e-5, 1.5e-7,
  12345678901234567890, 2^53, 2^24, -1.25, 255.0, 1e300 * 1e10, 5e-324,
  math.pi, -math.pi, 1e-310, 0.30000000000000004, 123.456, 100000000000000.0,
  math.maxinteger, math.mininteger, 7.0, -7.0, 1e15 + 0.5, 99999999999999.9,
}
for i, v in ipairs(vals) do
  print(i, v, tostring(v), v .. "", math.type(v))
end

-- concatenation of numbers
print(1 .. 2, 1.0 .. 2, -0.0 .. "|", 10 // 1 .. "", 10 / 1 .. "")
print("v=" .. 42, "v=" .. 4.2, "v=" .. 2^63, "v=" .. -1/0)
local parts = {}
for i = 1, 5 do parts[#parts + 1] = i .. ":" .. i / 2 end
print(table.concat(parts, " "))
-- multi-operand concatenation
local a, b, c, d = "a", 1, 2.5, "d"
print(a .. b .. c .. d, a .. (b + c) .. d)
local s = ""
for i = 1, 10 do s = s .. i end
print(s, #s)

-- tostring/tonumber round trips
for _, v in ipairs({1, 1.5, -2, 1e15, 0.1, 2^53, 1e100}) do
  local str = tostring(v)
  print(str, tonumber(str), tonumber(str) == v, math.type(tonumber(str)))
end

-- string.format of numbers
print(string.format("%d %d %d", 0, -5, math.maxinteger))
print(string.format("%5d|%-5d|%05d|%+d", 42, 42, 42, 42))
print(string.format("%.3f %.0f %10.2f %-10.2f| %5.2f", math.pi, 2.5, -1.005, 1.5, 3.14159))
print(string.format("%g %g %g %g %g %g", 1, 1.5, 1e20, 1e-5, 100000, 1000000))
print(string.format("%g %g %g %g", 0.1, 123456789, 1/3, -0.0))
print(string.format("%.3g %.10g %#g %G", math.pi, math.pi, 1.0, 1e-10))
print(string.format("%e %.2e %E", 12345.6789, 0.000123, 1e100))
print(string.format("%x %X %#x %08x %o", 255, 255, 255, 48879, 8))
print(string.format("%x", -1), string.format("%d", 3.0))
print(string.format("%a", 1.0) == "0x1p+0", string.format("%5.1f|", 1/0), string.format("%.1f", -1/0))
print(string.format("%i", 42), string.format("%u", 42) == "42" or "no %u")
print(string.format("%c%c%c", 76, 117, 97))
print(pcall(string.format, "%d", 3.5))
print(pcall(string.format, "%d", "x"))
print(string.format("%d", "10"), string.format("%.1f", "2.25"), string.format("%s", 1.0))
print(string.format("%.14g", 0.1), string.format("%.17g", 0.1), string.format("%.20f", 0.5))
print(string.format("%3s|%-3s|%.2s", "a", "b", "xyz"))
print(string.format("%%"))
