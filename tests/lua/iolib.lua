-- io library: files, formats, buffering, pipes, errors

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do
    local v = t[i]
    if io.type(v) then v = "<" .. io.type(v) .. ">" end
    t[i] = tostring(v)
  end
  print(table.concat(t, "\t", 1, t.n))
end

local name = os.tmpname()

-- writing: strings and numbers (numbers as "%.14g" / "%d")
local f = assert(io.open(name, "w"))
show(io.type(f), f:write("line1\n", "line2\n", 42, " ", 3.5, " ", 1.0, " ", -0.0, " ", 2^63, " ", 1e100, "\n"))
show(f:write(1 / 0, " ", -1 / 0, " ", math.mininteger, " ", 0.1, "\n") == f)
f:write("  0x1F  -3.25e2 .5 5. 1e 12abc\n")
f:write("last line without newline")
show(f:close())
show(io.type(f), tostring(f))
show(pcall(f.write, f, "x"))
show(pcall(f.read, f))
show(pcall(f.close, f))
show(pcall(f.lines, f))
show(pcall(f.seek, f))

-- reading formats
f = assert(io.open(name, "r"))
show(f:read())
show(f:read("L"))
show(f:read("l", "n"))
show(f:read("*l"))
show(f:read("n", "n", "n", "n", "n"))
show(f:read("n"))
show(f:read("l"))
show(f:read(4), f:read(0), f:read("*L"))
show(f:read("a"))
show(f:read("a"))
show(f:read("l"), f:read("L"), f:read(1), f:read(0), f:read("n"))
show(f:read(0))
f:close()

-- several formats at once and invalid formats
f = assert(io.open(name))
show(f:read(3, 2, "l"))
show(pcall(f.read, f, "x"))
show(pcall(f.read, f, "l", {}))
show(pcall(f.read, f, 1.5))
show(f:read("*a"):len())
f:close()

-- lines
for l in io.lines(name) do io.write("[", l, "]") end
print()
for a, b in io.lines(name, 2, "l") do show(a, b) end
for n in io.lines(name, "L") do io.write(n) end
print()
local count = 0
for c in io.lines(name, 1) do count = count + 1 end
print("chars", count)
f = assert(io.open(name))
for l in f:lines() do io.write(l:sub(1, 3), ";") end
print()
show(io.type(f), f:read("a"), f:seek("set", 0), f:read("l"))
for l in f:lines("n") do show(l) end
f:close()
show(pcall(io.lines, "no_such_file_for_iolib.txt"))
local ok, err = pcall(function() for l in io.lines("no_such_file_for_iolib.txt") do end end)
show(ok, err)
-- the iterator of a file closed meanwhile
f = assert(io.open(name))
local it = f:lines()
show(it())
f:close()
show(pcall(it))
-- io.lines with no file name reads the default input
io.input(name)
show(io.lines()())
io.input():close()
show(pcall(io.lines))
show(pcall(io.read))
io.input(io.stdin)

-- seek
f = assert(io.open(name, "r"))
show(f:seek("end"))
show(f:seek("set", 2), f:read(3))
show(f:seek(), f:seek("cur", -1), f:read(2))
show(f:seek("set"))
show(f:seek("set", -1))
show(pcall(f.seek, f, "bad"))
show(pcall(f.seek, f, "set", 1.5))
f:close()

-- update modes and switching between reading and writing
f = assert(io.open(name, "w+"))
f:write("0123456789")
show(f:seek("set", 2), f:read(3))
f:write("ABC")
show(f:seek("set"), f:read("a"))
f:close()
f = assert(io.open(name, "r+"))
show(f:read(2))
f:write("xy")
f:seek("set")
show(f:read("a"))
f:close()
f = assert(io.open(name, "a"))
f:write("++")
show(f:seek("cur"))
show(f:read("a"))
f:close()
f = assert(io.open(name, "a+"))
show(f:read("a"))
f:write("--")
f:seek("set", 0)
show(f:read("a"))
f:close()
f = assert(io.open(name, "rb"))
show(f:read("a"))
show(f:write("no"))
f:close()
f = assert(io.open(name, "w"))
show(f:read("a"))
f:close()
f = assert(io.open(name, "r"))
show(f:read("a"), f:read("l"), f:read(0))
f:close()

-- open modes
for _, m in ipairs{"r", "rb", "r+", "r+b", "w", "wb", "w+", "a", "a+", "a+b", "rbb"} do
  local h, msg = io.open(name, m)
  io.write(m, ":", io.type(h) or msg, " ")
  if h then h:close() end
end
print()
for _, m in ipairs{"", "x", "rw", "r+x", "+", "br", "ab+", "r++"} do
  show(pcall(io.open, name, m))
end
show(io.open("no_such_dir_for_iolib/x.txt"))
show(io.open("no_such_file_for_iolib.txt"))
show(io.open("no_such_dir_for_iolib/x.txt", "w"))
show(pcall(io.open))
-- a directory opens but cannot be read
f = io.open(".")
show(io.type(f), f:read(1))
f:close()

-- io.output / io.write / io.input / io.read
local out = io.output()
show(out == io.stdout, io.input() == io.stdin)
show(io.output(name))
show(io.write("via io.write\n", 7, "\n") == io.output())
io.write("more\n")
show(io.output():close())
show(pcall(io.write, "x"))
io.output(out)
show(io.output() == io.stdout)
show(io.input(name) ~= io.stdin)
show(io.read(), io.read("n"), io.read("L"), io.read("a"))
show(io.read(), io.read("a"), io.read(0))
io.close(io.input())
show(pcall(io.read))
io.input(io.stdin)
show(pcall(io.input, "no_such_file_for_iolib.txt"))
show(pcall(io.output, {}))
f = io.open(name)
f:close()
show(pcall(io.input, f))

-- io.write and print keep their order
io.write("a")
print("b")
io.stdout:write("c", 1, "\n")
io.write("d\n")
show(io.stdout:write("") == io.stdout)

-- standard files
show(io.type(io.stdin), io.type(io.stdout), io.type(io.stderr))
show(io.stdout:close())
show(io.close())
show(io.type(io.stdout))
show(io.stdout:flush(), io.flush())
show(io.stderr:write(""))
print("stdout still works")

-- io.type
show(io.type(nil), io.type(42), io.type({}), io.type(io.stdout), io.type("file"))
show(pcall(io.type))

-- file metatable
local mt = getmetatable(io.stdout)
local keys = {}
for k in pairs(mt) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
keys = {}
for k in pairs(mt.__index) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
print(mt.__name, mt.__index == mt, getmetatable(io.stdin) == mt)
print(tostring(io.stdout):match("^file %(0x%x+%)$") ~= nil)
show(pcall(io.stdout.write, 42))
show(pcall(io.stdout.read, {}))
show(pcall(mt.__tostring, 1))

-- setvbuf and flush
f = assert(io.open(name, "w"))
show(f:setvbuf("no"), f:setvbuf("full", 1024), f:setvbuf("line"))
show(pcall(f.setvbuf, f, "bad"))
show(pcall(f.setvbuf, f))
f:write("abc\n")
show(f:flush())
local g = assert(io.open(name))
show(g:read("a"))
g:close()
f:close()

-- to-be-closed files and __gc
do
  local h <close> = assert(io.open(name, "w"))
  h:write("closed by __close")
  f = h
end
show(io.type(f))
show(io.open(name):read("a"))
show(mt.__gc(f), io.type(f))
f = assert(io.open(name))
mt.__gc(f)
show(io.type(f))
mt.__close(io.stdout)
show(io.type(io.stdout))

-- tmpfile
f = io.tmpfile()
show(io.type(f), f:write("temp data"), f:seek("set"), f:read("a"))
f:close()

-- popen
local p = io.popen("echo hello; echo world")
show(io.type(p), p:read("l"), p:read("L"), p:read("a"), p:read("l"))
show(p:close())
p = io.popen("exit 5")
show(p:close())
p = io.popen("cat > " .. name, "w")
show(p:write("through a pipe\n", 12))
show(p:close())
f = io.open(name)
show(f:read("a"))
f:close()
for l in io.popen("printf 'x\\ny\\nz'"):lines() do io.write(l, ".") end
print()
show(pcall(io.popen, "ls", "rw"))
show(pcall(io.popen, "ls", "r+"))
p = io.popen("echo abc", "r")
show(p:write("x"))
p:close()

-- io.read("n") edge cases
f = assert(io.open(name, "w"))
f:write("0x10 1e5 -7 +8 .e5 0x.8p1 123456789012345678901234 ", string.rep("9", 210), " 5")
f:close()
f = assert(io.open(name))
show(f:read("n", "n", "n", "n"))
show(f:read("n"))
show(f:read(2))
show(f:read("n"))
show(f:read("n"))
show(f:read("n"))
show(f:read("a"))
f:close()

-- long lines
f = assert(io.open(name, "w"))
f:write(string.rep("x", 20000), "\n", string.rep("y", 9000))
f:close()
f = assert(io.open(name))
local a, b, c = f:read("l", "l", "l")
show(#a, #b, c)
f:close()

os.remove(name)
print("done")
