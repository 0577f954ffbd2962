-- utf8 library: char, charpattern, codes, codepoint, len, offset; lax mode and errors.
local function perr(f, ...)
  print(pcall(f, ...))
end
local function bytes(s)
  local out = {}
  for i = 1, #s do out[i] = string.byte(s, i) end
  return table.concat(out, " ")
end

print("-- char")
print(utf8.char(), utf8.char(72, 101, 108, 108, 111), utf8.char(228, 8364, 128512))
print(bytes(utf8.char(0)), bytes(utf8.char(0x7F)), bytes(utf8.char(0x80)), bytes(utf8.char(0x7FF)), bytes(utf8.char(0x800)))
print(bytes(utf8.char(0xFFFF)), bytes(utf8.char(0x10000)), bytes(utf8.char(0x10FFFF)), bytes(utf8.char(0x110000)))
print(bytes(utf8.char(0x1FFFFF)), bytes(utf8.char(0x200000)), bytes(utf8.char(0x3FFFFFF)), bytes(utf8.char(0x4000000)))
print(bytes(utf8.char(0x7FFFFFFF)), bytes(utf8.char(0xD800)), utf8.char(65.0), utf8.char("66"))
perr(utf8.char, -1)
perr(utf8.char, 0x80000000)
perr(utf8.char, 65, math.maxinteger)
perr(utf8.char, 1.5)
perr(utf8.char, "x")
perr(utf8.char, 65, nil)

print("-- charpattern")
print(#utf8.charpattern, bytes(utf8.charpattern))

print("-- len")
print(utf8.len(""), utf8.len("abc"), utf8.len("häll€"), utf8.len("\u{10FFFF}\u{0}"))
print(utf8.len("häll€", 2), utf8.len("häll€", 3), utf8.len("häll€", -3), utf8.len("häll€", 1, 2), utf8.len("häll€", 1, -4))
print(utf8.len("abc", 4), utf8.len("abc", 2, 1), utf8.len("abc", -1), utf8.len("abc", 1, 0))
print(utf8.len("\xff"), utf8.len("a\x80b"), utf8.len("ab\xe4\xb8"), utf8.len("\xc0\x80"), utf8.len("\xed\xa0\x80"))
print(utf8.len("\xed\xa0\x80", 1, -1, true), utf8.len("\xf4\x90\x80\x80"), utf8.len("\xf4\x90\x80\x80", 1, -1, true))
print(utf8.len("\xf8\x88\x80\x80\x80", 1, -1, true), utf8.len("\xfc\x84\x80\x80\x80\x80", 1, -1, true), utf8.len("\xfe\x80\x80\x80\x80\x80\x80", 1, -1, true))
print(utf8.len("\xe0\x80\x80", 1, -1, true), utf8.len("\xf0\x80\x80\x80", 1, -1, true), utf8.len(12345))
perr(utf8.len, "abc", 5)
perr(utf8.len, "abc", 0)
perr(utf8.len, "abc", 1, 4)
perr(utf8.len, "abc", -5)
perr(utf8.len)
perr(utf8.len, {})
perr(utf8.len, "abc", "x")

print("-- codepoint")
print(utf8.codepoint("abc"), utf8.codepoint("abc", 2), utf8.codepoint("abc", -1))
print(utf8.codepoint("häll€", 1, -1))
print(utf8.codepoint("häll€", 2, 3))
print(select('#', utf8.codepoint("abc", 3, 2)), select('#', utf8.codepoint("", 1, 0)), select('#', utf8.codepoint("abc", 4, 3)))
print(utf8.codepoint("\u{10FFFF}"), utf8.codepoint("\xf4\x90\x80\x80", 1, 1, true), utf8.codepoint("\xed\xa0\x80", 1, 1, true))
print(utf8.codepoint("\xfd\xbf\xbf\xbf\xbf\xbf", 1, 1, true))
perr(utf8.codepoint, "häll€", 3)
perr(utf8.codepoint, "\xff")
perr(utf8.codepoint, "\xed\xa0\x80")
perr(utf8.codepoint, "\xf4\x90\x80\x80")
perr(utf8.codepoint, "abc", 0)
perr(utf8.codepoint, "abc", 1, 4)
perr(utf8.codepoint, "abc", -10)
perr(utf8.codepoint, "ab\xe4\xb8", 1, -1)
perr(utf8.codepoint)
print(pcall(function() return utf8.codepoint("\x80") end))

print("-- offset")
local s = "aä€😀b"
print(utf8.offset(s, 1), utf8.offset(s, 2), utf8.offset(s, 3), utf8.offset(s, 4), utf8.offset(s, 5), utf8.offset(s, 6), utf8.offset(s, 7))
print(utf8.offset(s, -1), utf8.offset(s, -2), utf8.offset(s, -3), utf8.offset(s, -4), utf8.offset(s, -5), utf8.offset(s, -6))
print(utf8.offset(s, 0, 1), utf8.offset(s, 0, 3), utf8.offset(s, 0, 5), utf8.offset(s, 0, 9), utf8.offset(s, 0, 11), utf8.offset(s, 0, 12))
print(utf8.offset(s, 1, 2), utf8.offset(s, 2, 4), utf8.offset(s, -1, 4), utf8.offset(s, 1, -1), utf8.offset(s, 1, #s + 1))
print(utf8.offset("", 1), utf8.offset("", 0), utf8.offset("", -1), utf8.offset("abc", 5), utf8.offset("abc", -4))
perr(utf8.offset, s, 1, 3)
perr(utf8.offset, s, -1, 4)
perr(utf8.offset, s, 1, 20)
perr(utf8.offset, s, 1, 0)
perr(utf8.offset, s)
perr(utf8.offset, s, 1.5)
print(pcall(function() return utf8.offset("\x80\x80", 1) end))

print("-- codes")
for p, c in utf8.codes("aä€😀b") do print(p, c) end
for p, c in utf8.codes("") do print("never", p, c) end
local f, st, ctl = utf8.codes("abc")
print(type(f), st, ctl, f == utf8.codes("x"), f ~= utf8.codes("x", true))
print(f("abc", 0), f("abc", 1), f("abc", 3), f("abc", 4))
print(f("abc", -1), f("abc", "1"), f("abc", 1.0), f("abc", 1.5), f("abc", math.mininteger), f("abc", nil), f("abc", 2))
print(pcall(function() for p, c in utf8.codes("a\xffb") do print(p, c) end end))
print(pcall(function() for p, c in utf8.codes("ab\xe4\xb8") do print(p, c) end end))
print(pcall(function() for p, c in utf8.codes("\xed\xa0\x80") do print(p, c) end end))
for p, c in utf8.codes("\xed\xa0\x80x", true) do print("lax", p, c) end
for p, c in utf8.codes("\xf4\x90\x80\x80", true) do print("lax", p, c) end
print(pcall(function() for p, c in utf8.codes("a\x80b") do print(p, c) end end))
print(pcall(function() for p, c in utf8.codes("\x80") do print(p, c) end end))
perr(utf8.codes)
perr(utf8.codes, {})
print(select('#', utf8.codes(123)))

print("-- pattern use")
local n = 0
for ch in string.gmatch("häll€😀", utf8.charpattern) do n = n + 1 end
print(n)
