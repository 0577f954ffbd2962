-- os library: deterministic checks (UTC dates, tables, files, processes)

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(table.concat(t, "\t", 1, t.n))
end

-- os.date with fixed times in UTC
local times = {0, 1234567890, 951782400, 1700000000, -86400, 4102444799}
local specs = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%"
for _, t in ipairs(times) do
  local parts = {}
  for c in specs:gmatch(".") do
    parts[#parts + 1] = c .. "=" .. os.date("!%" .. c, t)
  end
  print(table.concat(parts, "|"))
  local e = {}
  for _, c in ipairs{"Ec", "EC", "Ex", "EX", "Ey", "EY", "Od", "Oe", "OH", "OI", "Om", "OM", "OS", "Ou", "OU", "OV", "Ow", "OW", "Oy"} do
    e[#e + 1] = c .. "=" .. os.date("!%" .. c, t)
  end
  print(table.concat(e, "|"))
end
print(os.date("!%Y-%m-%d %H:%M:%S", 1234567890))
print(os.date("!plain text, no conversions", 5))
print(os.date("!", 5) == "")
print(os.date("!%%%%%Y%%", 0))
print(os.date("!x%Hy%Mz", 3600 * 5 + 60 * 7))
print(type(os.date()), type(os.date("%c")))

-- "*t" and "!*t"
local function showdate(d)
  local keys = {}
  for k in pairs(d) do keys[#keys + 1] = k end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(d[k]) end
  print(table.concat(out, " "))
end
showdate(os.date("!*t", 0))
showdate(os.date("!*t", 1234567890))
showdate(os.date("!*t", 951782400))
local lt = os.date("*t", 1234567890)
print(type(lt.isdst), lt.year >= 2009)
print(os.time(lt) == 1234567890)
print(os.time(os.date("*t", 1700000000)) == 1700000000)

-- os.date errors
for _, f in ipairs{"%Ez", "%Ez abc", "%", "abc%", "%q", "%O", "%E", "%5d", "%-d", "!%J"} do
  show(pcall(os.date, f, 0))
end
show(pcall(os.date, "%d", "x"))
show(pcall(os.date, "%d", 1.5))
show(pcall(os.date, {}, 1))

-- os.time with tables: normalisation like mktime (differences are zone-free)
local base = os.time{year = 2000, month = 1, day = 1, hour = 0}
print(os.time{year = 2000, month = 1, day = 2, hour = 0} - base)
print(os.time{year = 2000, month = 1, day = 1} - base)  -- hour defaults to 12
print(os.time{year = 2000, month = 1, day = 1, hour = 0, min = 90} - base)
print(os.time{year = 2000, month = 3, day = 1, hour = 0} - base)
print(os.time{year = 2000, month = 1, day = 1, hour = 0, sec = -1} - base)
local t = {year = 2000, month = 14, day = 35, hour = 25, min = 61, sec = 61}
os.time(t)
showdate(t)
t = {year = 2021, month = 2, day = 29, hour = 0, isdst = false}
os.time(t)
print(t.year, t.month, t.day, t.yday, t.wday)
t = {year = "2001", month = "2", day = 3.0}
os.time(t)
print(t.year, t.month, t.day, t.hour, math.type(t.day))
print(math.type(os.time()), os.time() > 1600000000)

for _, tt in ipairs{{}, {year = 2000}, {year = 2000, month = 1}, {year = "x", month = 1, day = 1},
                    {year = 2000, month = 1, day = 1.5}, {year = 2000, month = 1, day = 1, hour = {}},
                    {year = 2^40, month = 1, day = 1}, {year = 2000, month = 2^33, day = 1}} do
  show(pcall(os.time, tt))
end
show(pcall(os.time, 12))
show(pcall(os.time, "x"))

-- difftime, clock
print(os.difftime(10, 4), os.difftime(5, 0), math.type(os.difftime(1, 1)))
show(pcall(os.difftime, 5))
show(pcall(os.difftime))
show(pcall(os.difftime, 1.5))
local c = os.clock()
print(math.type(c), c >= 0)
local x = 0
for i = 1, 100000 do x = x + i end
print(os.clock() >= c)

-- getenv
print(type(os.getenv("PATH")), os.getenv("MOONVM_SURELY_UNSET_VARIABLE"))
show(pcall(os.getenv))

-- tmpname, rename, remove
local name = os.tmpname()
print(type(name), name:sub(1, 5))
local f = assert(io.open(name, "w"))
f:write("hello")
f:close()
local name2 = name .. ".renamed"
print(os.rename(name, name2))
print(io.open(name) == nil)
f = assert(io.open(name2))
print(f:read("a"))
f:close()
print(os.remove(name2))
local r = {os.remove(name2)}
print(r[1], r[2] == name2 .. ": No such file or directory", r[3])
show(os.remove("nonexistent_file_for_oslib_test.txt"))
show(os.rename("nonexistent_file_for_oslib_test.txt", "x_other.txt"))
show(pcall(os.remove))
show(pcall(os.rename, "a"))
-- removing an empty directory works like C's remove()
local dir = os.tmpname()
os.remove(dir)
print(os.execute("mkdir " .. dir))
print(os.remove(dir))

-- execute
print(os.execute())
show(os.execute("true"))
show(os.execute("exit 3"))
show(os.execute("false"))
show(os.execute("kill -TERM $$"))
show(os.execute("exit 255"))
show(os.execute("echo to-null >/dev/null"))

-- setlocale: only the C locale
show(os.setlocale())
show(os.setlocale("C"))
show(os.setlocale(nil, "numeric"))
show(os.setlocale("C", "all"))
show(os.setlocale("xx_YY.nonsense"))
show(pcall(os.setlocale, nil, "bogus"))

-- exit (in a child interpreter): status codes and flushing of buffered output
local interp = arg and arg[-1]
if interp then
  local function run(code)
    local p = io.popen(interp .. " -e " .. string.format("%q", code) .. " 2>&1")
    local out = p:read("a")
    return out, p:close()
  end
  show(run("io.write('buffered') os.exit(true)"))
  show(run("io.write('a') print('b') os.exit(false)"))
  show(run("io.write('x') os.exit(7, true)"))
  show(run("os.exit()"))
  show(run("local f = io.open(" .. string.format("%q", name) .. ", 'w') f:write('data') os.exit(0)"))
  f = io.open(name)
  print(f and f:read("a"))
  if f then f:close() end
  os.remove(name)
end
print("done")
