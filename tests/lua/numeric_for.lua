-- Numeric for loops.

local function collect(a, b, c)
  local out = {}
  if c == nil then
    for i = a, b do out[#out + 1] = tostring(i) end
  else
    for i = a, b, c do out[#out + 1] = tostring(i) end
  end
  return #out .. ": " .. table.concat(out, " ")
end

local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, err)
end

print(collect(1, 5))
print(collect(1, 5, 2))
print(collect(5, 1))
print(collect(5, 1, -1))
print(collect(5, 1, -2))
print(collect(1, 1))
print(collect(0, -1))
print(collect(-3, 3, 3))
print(collect(10, 1, -3))

-- float loops
print(collect(1.0, 3))
print(collect(1, 2, 0.5))
print(collect(0, 1, 0.25))
print(collect(1, 0, -0.25))
print(collect(0.1, 0.5, 0.1))
print(collect(1, 3.5))
print(collect(3, 1.5, -1))
print(collect(1, 2.9))

-- type of the control variable
for i = 1, 1 do print(math.type(i)) end
for i = 1.0, 1 do print(math.type(i)) end
for i = 1, 1.0 do print(math.type(i)) end
for i = 1, 1, 1.0 do print(math.type(i)) end

-- loops near the integer limits do not overflow
local maxi, mini = math.maxinteger, math.mininteger
print(collect(maxi - 2, maxi))
print(collect(mini + 2, mini, -1))
print(collect(maxi - 1, maxi, 10))
print(collect(mini, mini + 1))
print(collect(maxi, maxi))
print(collect(mini, mini, -1))
print(collect(maxi - 5, maxi, 2))
print(collect(mini + 5, mini, -2))
local c = 0
for i = maxi - 10, maxi, maxi do c = c + 1 end
print(c)
c = 0
for i = mini, maxi, maxi do c = c + 1 end
print(c)
c = 0
for i = 1, 0, maxi do c = c + 1 end
print(c)
c = 0
for i = maxi, mini, mini do c = c + 1 end
print(c)

-- float limits with integer loops are clipped
print(collect(1, math.huge, maxi))
print(collect(3, 1.5))
print(collect(-3, -1.5))
print(collect(1, 3.0))
print(collect(maxi - 1, 1e100))
print(collect(mini + 1, -1e100, -1))
print(collect(1, -math.huge))
print(collect(0, 0.5))

-- errors
try(function() for i = "a", 2 do end end)
try(function() for i = 1, "x" do end end)
try(function() for i = 1, 2, {} do end end)
try(function() for i = 1, 10, 0 do end end)
try(function() for i = 1.0, 10, 0.0 do end end)
try(function() for i = nil, 1 do end end)
try(function() for i = 1, nil do end end)

-- modifying the control variable does not affect iteration
local seen = {}
for i = 1, 5 do
  seen[#seen + 1] = i
  i = i * 10
end
print(table.concat(seen, " "))

-- loop bounds evaluated once
local calls = 0
local function limit() calls = calls + 1; return 3 end
for i = 1, limit() do end
print("limit calls", calls)

-- nested loops and sums
local total = 0
for i = 1, 100 do
  for j = i, 100, 7 do total = total + j end
end
print(total)

-- large float step accumulation
local fsum, fcnt = 0, 0
for x = 0, 1, 0.1 do fsum = fsum + x; fcnt = fcnt + 1 end
print(fcnt, string.format("%.10f", fsum))

-- break in numeric for
local last
for i = 1, 1000 do last = i; if i * i > 200 then break end end
print(last)

-- loop variable after the loop is not visible
local i = "outer"
for i = 1, 2 do end
print(i)

-- 1e6 iterations
local acc = 0
for k = 1, 1000000 do acc = acc + k % 7 end
print(acc)
