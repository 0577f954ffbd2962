-- goto and labels.

-- continue idiom
local odds = {}
for i = 1, 10 do
  if i % 2 == 0 then goto continue end
  odds[#odds + 1] = i
  ::continue::
end
print(table.concat(odds, " "))

-- continue in while and repeat
local i, out = 0, {}
while i < 10 do
  i = i + 1
  if i % 3 ~= 0 then goto cont end
  out[#out + 1] = i
  ::cont::
end
print(table.concat(out, " "))

local k, rout = 0, {}
repeat
  k = k + 1
  if k == 2 then goto skip end
  rout[#rout + 1] = k
  ::skip::
until k >= 4
print(table.concat(rout, " "))

-- breaking out of nested loops
local found
for a = 1, 10 do
  for b = 1, 10 do
    if a * b == 42 then found = a .. "x" .. b; goto done end
  end
end
::done::
print("found", found)

-- backward goto forms a loop
local n = 0
::again::
n = n + 1
if n < 5 then goto again end
print("n", n)

-- goto with nested blocks and same label name in different blocks
do
  goto l1
  print("skipped")
  ::l1::
  print("in block 1")
end
do
  goto l1
  print("skipped")
  ::l1::
  print("in block 2")
end

-- goto out of blocks closes upvalues: each closure gets its own variable
local closures = {}
do
  local idx = 1
  ::loop::
  local captured = idx * 10
  closures[idx] = function() return captured end
  idx = idx + 1
  if idx <= 3 then goto loop end
end
print(closures[1](), closures[2](), closures[3]())

-- label at end of block followed only by void statements
for x = 1, 3 do
  if x == 2 then goto next end
  print("x", x)
  ::next::
  ;
end

-- goto into an enclosing function's label is not allowed; labels are per function
print(load("goto nowhere"))
print(load("do ::a:: end goto a"))
print(load("::dup:: ::dup::"))
print(load("goto f; local x; ::f:: print(x)"))
-- jumping to a label at the end of the block past a local is allowed
print(load("do goto f; local x; ::f:: end") ~= nil)
-- repeat-until: the until expression is inside the scope of the body locals
print(load("repeat goto c; local y ::c:: until y"))

-- state machine with gotos
local input = "aabbbc"
local pos, counts = 1, {a = 0, b = 0, c = 0}
::state_a::
if input:sub(pos, pos) == "a" then counts.a = counts.a + 1; pos = pos + 1; goto state_a end
::state_b::
if input:sub(pos, pos) == "b" then counts.b = counts.b + 1; pos = pos + 1; goto state_b end
if input:sub(pos, pos) == "c" then counts.c = counts.c + 1; pos = pos + 1 end
print(counts.a, counts.b, counts.c)

-- goto inside a function body
local function find(t, v)
  for idx = 1, #t do
    if t[idx] == v then goto found end
  end
  do return nil end
  ::found::
  return "yes"
end
print(find({1, 2, 3}, 2), find({1, 2, 3}, 5))

-- nested loops with continue at each level
local pairs_out = {}
for a = 1, 3 do
  if a == 2 then goto outer_continue end
  for b = 1, 3 do
    if b == a then goto inner_continue end
    pairs_out[#pairs_out + 1] = a .. b
    ::inner_continue::
  end
  ::outer_continue::
end
print(table.concat(pairs_out, ","))

-- goto out of a loop that has closures capturing the loop variable
local caps = {}
for v = 1, 100 do
  caps[#caps + 1] = function() return v end
  if v == 4 then goto out end
end
::out::
print(#caps, caps[1](), caps[4]())
