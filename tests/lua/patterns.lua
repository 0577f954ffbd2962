-- string.find, match, gmatch, gsub and patterns.

-- find: plain and pattern, with init
print(("hello world"):find("o"))
print(("hello world"):find("o", 6))
print(("hello world"):find("o", -3))
print(("hello world"):find("xyz"))
print(("hello world"):find(""))
print(("hello world"):find("", 100))
print(("hello world"):find("", 12))
print(("a.b.c"):find(".", 1, true))
print(("a.b.c"):find("%."))
print(("a+b"):find("+", 1, true))
print(("hello"):find("l+"))
print(("hello"):find("(l)(l)"))
print(("hello"):find("()ll()"))
print(("abc"):find("b", -10))

-- match
print(("key = value"):match("(%w+)%s*=%s*(%w+)"))
print(("2024-01-15"):match("(%d+)-(%d+)-(%d+)"))
print(("  trim me  "):match("^%s*(.-)%s*$"))
print(("abc"):match(".-"), ("abc"):match(".*"), ("abc"):match("a*"), ("aaa"):match("a-b"))
print(("hello"):match("h(.)"), ("hello"):match("()e()"))
print(("abc"):match("^b"), ("abc"):match("^a"), ("abc"):match("c$"), ("a$c"):match("a$c"))
print(("[tag]"):match("%[(.-)%]"), ("f(a(b)c)d"):match("%b()"))
print(("THE (quick) fox"):find("%f[%a]%a+%f[%A]"))
print(("hello"):match("(h)(e)(l)(l)(o)"))
print(("x = 10"):match("()=()"))
print(("number 42 here"):match("%d+"), math.type(("42"):match("%d+")))
print(("abc"):match("((a)(b))"))
print(("hello world from lua"):match("^(%w+)"), ("abc"):match("(%a)%1"), ("abba"):match("(%a)%1"))
print(("aaab"):match("^a?b"), ("ab"):match("^a?b"))

-- character classes
local sample = "aZ9 _!\t\n"
for _, cls in ipairs({"%a", "%d", "%l", "%u", "%s", "%w", "%p", "%c", "%x", "%A", "%D", "%S", "%W"}) do
  local out = {}
  for ch in sample:gmatch(cls) do out[#out + 1] = string.byte(ch) end
  print(cls, table.concat(out, ","))
end
print(("abc123"):match("[%a]+"), ("abc123"):match("[%d]+"), ("a-b"):match("[a%-]+"))
print(("hello"):match("[^aeiou]+"), ("x]y"):match("[]]"), ("a^b"):match("[%^]"), ("a-z"):match("[a-]+"))
print(("0x1F"):match("0[xX](%x+)"), ("ABCdef"):match("[A-C]+"), ("abcdef"):match("[b-d]+"))

-- gmatch
local words = {}
for w in ("the quick brown fox"):gmatch("%a+") do words[#words + 1] = w end
print(#words, table.concat(words, "|"))
local kv = {}
for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do kv[#kv + 1] = k .. ":" .. v end
print(table.concat(kv, " "))
local positions = {}
for p in ("abcabc"):gmatch("()b") do positions[#positions + 1] = p end
print(table.concat(positions, ","))
local empties = 0
for _ in ("abc"):gmatch("") do empties = empties + 1 end
print(empties)
local chars = {}
for c in ("héllo"):gmatch(".") do chars[#chars + 1] = #c end
print(#chars)
-- in gmatch a leading '^' is not an anchor (it matches a literal caret)
local anch = {}
for m in ("aaa"):gmatch("^a") do anch[#anch + 1] = m end
for m in ("^a^a"):gmatch("^a") do anch[#anch + 1] = m end
print(#anch, anch[1])
-- gmatch with init argument (5.4)
local from = {}
for w in ("one two three"):gmatch("%a+", 5) do from[#from + 1] = w end
print(table.concat(from, ","))

-- gsub with string replacement
print(("hello world"):gsub("o", "0"))
print(("hello world"):gsub("o", "0", 1))
print(("hello world"):gsub("(%w+)", "<%1>"))
print(("hello world"):gsub("(%w+) (%w+)", "%2 %1"))
print(("abc"):gsub("", "-"))
print(("abc"):gsub(".", "%0%0"))
print(("a%b"):gsub("%%", "%%%%"))
print(("hello"):gsub("l", "%%"))
print(("x"):gsub("x", "a%1b"))
print(pcall(string.gsub, "x", "x", "%2"))
print(pcall(string.gsub, "x", "(x)", "%9"))

-- gsub with function replacement
print(("1 2 3"):gsub("%d", function(d) return d * 2 end))
print(("a b c"):gsub("%a", function(c) if c == "b" then return nil end return c:upper() end))
print(("a b c"):gsub("%a", function(c) if c == "b" then return false end return "[" .. c .. "]" end))
print(("key=val"):gsub("(%w+)=(%w+)", function(k, v) return v .. "=" .. k end))
print(("abc"):gsub("()", function(p) return p end))
print(pcall(string.gsub, "abc", "b", function() return {} end))

-- gsub with table replacement
local vars = {name = "Lua", version = "5.4", n = 1}
print(("$name $version $missing $n"):gsub("%$(%w+)", vars))
print(("a b"):gsub("%a", {a = false, b = true and "B"}))

-- gsub max replacements
print(("aaaa"):gsub("a", "b", 2))
print(("aaaa"):gsub("a", "b", 0))
print(("aaaa"):gsub("a", "b", -1))

-- %b and %f
print(("(foo(bar))baz"):gsub("%b()", "X"))
print(("if (a and (b or c)) then"):match("%b()"))
print(("THE (quick) fox"):gsub("%f[%a]%a+", "W"))
print(("hello.world"):gsub("%f[%w]%w+", string.upper))

-- special characters in patterns
print(("a.b*c+d?e"):gsub("[%.%*%+%?]", "_"))
print(("path/to/file.txt"):match("([^/]+)$"), ("path/to/file.txt"):match("(.+)/"))
print(("file.tar.gz"):match("^(.-)%.(.*)$"))

-- pattern errors
print(pcall(string.find, "a", "[a"))
print(pcall(string.find, "a", "(a"))
print(pcall(string.find, "a", "%"))
print(pcall(string.match, "a", "%b"))
print(pcall(string.match, "a", "%f"))

-- captures limit and nested captures
print(("abcdef"):match("(a(b(c(d(e(f))))))"))

-- common idioms
local function split(str, sep)
  local out = {}
  for piece in (str .. sep):gmatch("(.-)" .. sep:gsub("%p", "%%%0")) do out[#out + 1] = piece end
  return out
end
local parts = split("a,b,,c", ",")
print(#parts, table.concat(parts, "|"))
local function trim(str) return (str:gsub("^%s+", ""):gsub("%s+$", "")) end
print("[" .. trim("  padded  ") .. "]")
local count = select(2, ("the cat sat on the mat"):gsub("at", "at"))
print(count)
print(("CamelCaseString"):gsub("(%u)", function(c) return "_" .. c:lower() end))
print(("%d items"):format(3):gsub("%d+", "many"))
