-- Local scopes, shadowing, blocks, control structures, globals.

-- shadowing in nested blocks
local x = 1
do
  local x = x + 1
  print("inner", x)
  do
    local x = x * 10
    print("innermost", x)
  end
  print("inner again", x)
end
print("outer", x)

-- local declared after use refers to the global before it
y_global = "global"
local function before() return y_global end
local y_global = "local"
print(before(), y_global)

-- a local function can see itself; a local x = function cannot
local function rec(n) if n == 0 then return "done" end return rec(n - 1) end
print(rec(3))
local notrec = function(n) return type(notrec_probe) end
print(notrec(1))

-- multiple declarations of the same name in one list: the last wins
local a, a = 1, 2
print(a)

-- local with no value is nil, extra values are evaluated and dropped
local p, q
print(p, q)
local counter = 0
local function bump() counter = counter + 1; return counter end
local r = bump(), bump(), bump()
print(r, counter)

-- if / elseif / else chains
local function classify(n)
  if n < 0 then return "negative"
  elseif n == 0 then return "zero"
  elseif n < 10 then return "small"
  else return "large" end
end
print(classify(-5), classify(0), classify(5), classify(50))
-- only nil and false are false
local truthy = {}
for _, v in ipairs({0, "", "false", {}, 0.0}) do truthy[#truthy + 1] = v and "T" or "F" end
print(table.concat(truthy))
print(nil and "T" or "F", false and "T" or "F")

-- while and repeat
local i = 0
while i < 5 do i = i + 1 end
print(i)
local j = 10
repeat j = j - 3 until j < 0
print(j)
-- repeat condition sees locals declared in the body
local k = 0
repeat local done = k >= 3; k = k + 1 until done
print(k)
-- break out of while and repeat
local w = 0
while true do w = w + 1; if w == 7 then break end end
print(w)
local rr = 0
repeat rr = rr + 1; if rr == 4 then break end until false
print(rr)
-- break only exits the innermost loop
local log = {}
for o = 1, 3 do
  for n = 1, 3 do
    if n == 2 then break end
    log[#log + 1] = o .. n
  end
end
print(table.concat(log, ","))

-- nested functions and blocks share outer locals
local total = 0
local function add(n) total = total + n end
for n = 1, 10 do add(n) end
print(total)

-- globals live in _G
newglobal = 42
print(_G.newglobal, _G["newglobal"])
_G.viaG = "viaG"
print(viaG)
newglobal = nil
print(newglobal, rawget(_G, "newglobal"))

-- function declarations: global, field, method, local
function gfunc() return "gfunc" end
local ns = {sub = {}}
function ns.f() return "ns.f" end
function ns.sub.g() return "ns.sub.g" end
function ns.sub:m() return self == ns.sub end
print(gfunc(), ns.f(), ns.sub.g(), ns.sub:m())

-- parenthesised expressions as statements prefixes
local t = {f = function() return "called" end}
print((t).f(), (t.f)())
local s = ("%d-%d"):format(1, 2)
print(s)

-- semicolons and statement separation
local m1 = 1; local m2 = 2; print(m1 + m2);

-- a parenthesised string literal can be the receiver of a method call
print(("abc"):upper(), #("x"):rep(5))

-- long chain of elseif
local function grade(n)
  if n >= 90 then return "A" elseif n >= 80 then return "B" elseif n >= 70 then return "C"
  elseif n >= 60 then return "D" else return "F" end
end
local grades = {}
for _, n in ipairs({95, 85, 75, 65, 55}) do grades[#grades + 1] = grade(n) end
print(table.concat(grades))

-- 200 locals in one function
local src = {"local "}
for n = 1, 199 do src[#src + 1] = "v" .. n .. ", " end
src[#src + 1] = "v200 = 1"
for n = 2, 200 do src[#src + 1] = ", " .. n end
src[#src + 1] = "\nreturn v1 + v100 + v200"
print(load(table.concat(src))())
-- too many locals is a compile error
local src2 = {"local "}
for n = 1, 250 do src2[#src2 + 1] = "w" .. n .. (n < 250 and ", " or "") end
local f2, err2 = load(table.concat(src2))
print(f2, (err2:gsub("^.-:%d+: ", "")))
