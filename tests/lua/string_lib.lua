-- string library: basic functions and string.format.

-- len, sub
local s = "Hello, World"
print(#s, s:len(), string.len(""), ("\0\0"):len())
print(s:sub(1, 5), s:sub(8), s:sub(-5), s:sub(-5, -2), s:sub(0), s:sub(5, 1), s:sub(100))
print(s:sub(-100, 2), s:sub(3, 3), s:sub(2, -2), s:sub(math.mininteger, math.maxinteger))
print(("abc"):sub(2.0, 3), ("abc"):sub("2"))

-- upper, lower, reverse, rep
print(s:upper(), s:lower(), s:reverse(), (""):reverse())
print(("ab"):rep(3), ("ab"):rep(3, ","), ("x"):rep(0), ("x"):rep(-1), ("x"):rep(1, "sep"))
print(#string.rep("abc", 1000), #string.rep("a", 10, "bb"))

-- byte, char
print(s:byte(), s:byte(1), s:byte(-1), s:byte(1, 3))
print(s:byte(100), select('#', s:byte(100)), select('#', s:byte(3, 2)))
print(string.char(72, 105), string.char(), #string.char(0, 255))
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local allstr = table.concat(all)
print(#allstr, allstr:byte(1), allstr:byte(256), allstr:upper():byte(98), allstr:lower():byte(66))

-- string methods through the metatable
local n = 42
print(("%d"):format(n), ("x"):rep(2), s:find("World"))

-- tostring/concat of numbers inside strings
print("n=" .. n, "f=" .. 1.5, "e=" .. 1e100)

-- format %s
print(string.format("[%s] [%s] [%s] [%s]", "str", 12, 1.5, true))
print(string.format("[%s] [%s]", nil, false))
print(string.format("%10s|%-10s|", "right", "left"))
print(string.format("%.3s|%5.1s|", "abcdef", "xyz"))
print(string.format("%s", setmetatable({}, {__tostring = function() return "TS" end})))

-- format %d and friends
print(string.format("%d %5d %-5d| %05d %+d %+d", 1, 2, 3, 4, 5, -5))
print(string.format("%d", math.mininteger), string.format("%d", -0))
print(string.format("%x %X %o", 3735928559, 3735928559, 511))
print(string.format("%5.2f|%-8.3f|%08.2f|%+.1f", 3.14159, 2.71828, -1.5, 2.25))
print(string.format("%.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, -0.5))
print(string.format("%g %g %g %g %g", 0.0001, 0.00001, 123456, 1234567, 1e15))
print(string.format("%g %g %g", 1/0, -1/0, 2^63))
print(string.format("%.3g|%10.4g|%-10.2g|", 1234.5678, 0.000123456, 99.9))

-- format %q
print(string.format("%q", "simple"))
print(string.format("%q", 'with "quotes" and \\ backslash'))
print(string.format("%q", "new\nline"))
print(string.format("%q", "tab\tand\0zero\1\127"))
print(string.format("%q", "\r\n"))
print(string.format("%q", "digit after zero: \0001"))
print(string.format("%q", 42), string.format("%q", -7), string.format("%q", math.mininteger))
print(string.format("%q", 1.5), string.format("%q", 0.1), string.format("%q", 1/0), string.format("%q", -1/0))
print(string.format("%q", true), string.format("%q", nil))
print(pcall(string.format, "%q", {}))
-- %q output can be loaded back
local tricky = "a\0b\n\"c\"\\\r\255"
print(load("return " .. string.format("%q", tricky))() == tricky)

-- format errors
print(pcall(string.format, "%d"))
print(pcall(string.format, "%z", 1))
print(pcall(string.format, "%", 1))
print(pcall(string.format, "%d", 1.5))
print(pcall(string.format, "%10.123f", 1))

-- format with many arguments
print(string.format("%s %s %s %s %s %s %s %s %s %s", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
print(string.format("%5s%%", 50))

-- comparison & concatenation of long strings
local long1 = string.rep("a", 1000) .. "b"
local long2 = string.rep("a", 1000) .. "c"
print(long1 < long2, long1 == long1 .. "", #(long1 .. long2))

-- strings are immutable values
local orig = "abc"
local up = orig:upper()
print(orig, up)

-- string coercion of numbers in string functions
print(string.len(12345), string.upper(1.5), string.rep(7, 3))

-- embedded zeros survive all functions
local z = "a\0b"
print(#z:upper(), #z:rep(2), z:reverse():byte(2), #(z .. z))
