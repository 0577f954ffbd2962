#!/usr/bin/env lua5.4
-- Lexer: escapes, long strings and comments, numeric literals.
-- (The first line above is a shebang line; the loader must skip it.)

local function bytes(s)
  local t = {}
  for i = 1, #s do t[#t + 1] = string.byte(s, i) end
  return #s .. ":" .. table.concat(t, ",")
end

-- simple escapes
print(bytes("\a\b\f\n\r\t\v"))
print(bytes("\\\"\'"))
print("quote \" and 'single'", 'single \' and "double"')
-- decimal escapes
print(bytes("\0\1\65\065\0651\255"))
print("\72\101\108\108\111")
-- hex escapes
print("\x41\x62\x7A", bytes("\x00\xff\xFF\x7f"))
-- unicode escapes (UTF-8 encoding, including values above 0x10FFFF allowed by 5.4)
print(bytes("\u{41}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"))
print(bytes("\u{7FFFFFFF}"), bytes("\u{0000041}"))
print("\u{48}\u{49}")
-- \z skips following whitespace including newlines
print("abc\z
       def\z   ghi")
print(bytes("a\z  
  
  b"))
-- backslash-newline is a newline
print(bytes("x\
y"))

-- long strings
print([[simple long string]])
print([[
first newline skipped]])
print([==[contains ]] and ]=] inside]==])
print([=[
line1
line2]=])
print(#[[

two newlines, first skipped]])
print([[no \n escapes \t here]])
print([====[level four ]===] ]=====] ]====])
local ls = [[
]]
print(#ls)

--[[ a long
comment ]] print("after long comment")
--[==[ another
]] still comment
]==] print("after level-2 comment")
--[=[]=]print("after empty long comment")
-- a line comment with [[ that is not a long comment
print("after line comment")
---[[ this is a line comment, so the next line runs
print("triple dash")
--]]

-- numeric literals
local nums = {
  "3", "345", "0xff", "0XBEBADA", "3.0", "3.1416", "314.16e-2", "0.31416E1",
  "34e1", "0x0.1E", "0xA23p-4", "0X1.921FB54442D18P+1", ".5", "5.", "1e2",
  "0x.8p1", "0x1p4", "0xA.8p0", "1E+2", "0x10", "0xa.", "0x.1",
  "9223372036854775807", "9223372036854775808", "18446744073709551616",
  "0x7fffffffffffffff", "0xffffffffffffffff", "0x10000000000000000",
  "0x8000000000000000", "0x1ffffffffffffffff", "1e308", "1e309",
  "0e0", "00012", "0x0", "2^53",
}
for _, src in ipairs(nums) do
  local v = load("return " .. src)()
  print(src, v, math.type(v))
end

print(0xffffffffffffffff == -1, 0x7fffffffffffffff == math.maxinteger)
print(9223372036854775807 == math.maxinteger, -9223372036854775808 == math.mininteger)
print(math.type(-9223372036854775808), -9223372036854775808)
print(math.type(-9223372036854775807 - 1), -9223372036854775807 - 1)

-- tokens that need care
local a = {b = 1}
print(a.b, 1 .. 2, 1 .. "", "x" .. 1.5)
print(1//1, 7 // 2, 7 >> 1, 1 << 4, 5 ~ 3, ~0, 3 ~= 4)
print(#"abc", -2 ^ 2, not nil)
;;; local e = 1 ; ; print("empty statements", e)
do local x <const> = 5; print("attrib", x) end
print(("x"):rep(3), #{1, 2, 3,}, #{1; 2; 3})
print(type(print), type(nil))

-- strings with embedded zeros
local z = "a\0b\0c"
print(#z, z:byte(2), bytes(z))

-- identifiers
local _ = 1
local _abc123, A_B_C = 2, 3
print(_, _abc123, A_B_C)
-- keywords used as field names
local kw = {}
kw["end"] = 1; kw["while"] = 2
print(kw["end"], kw["while"])
-- newline variations inside code: \r\n handled by load
local f = load("return 1\r\n+ 2\r\n")
print(f())
local g = load("local x = [[a\r\nb]] return #x")
print(g())
-- comment at end of file without newline follows
--[[ final ]] -- end
