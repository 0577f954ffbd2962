-- <const> and <close> variables.

local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, err)
end

-- const
local K <const> = 10
local S <const> = "str"
print(K * 2, S .. "!")
print(load("local x <const> = 1; x = 2"))
print(load("local x <close> = nil; x = 2"))
print(load("local x <foo> = 1"))
print(load("local a <close>, b <close> = nil, nil"))

-- helper: a closable object that logs
local log = {}
local function closable(name)
  return setmetatable({}, {__close = function(_, err)
    log[#log + 1] = name .. "(" .. tostring(err) .. ")"
  end})
end
local function flush()
  print(table.concat(log, " "))
  log = {}
end

-- close order: reverse of declaration
do
  local a <close> = closable("a")
  local b <close> = closable("b")
  local c <close> = closable("c")
  log[#log + 1] = "body"
end
flush()

-- nil and false are allowed and ignored
do
  local x <close> = nil
  local y <close> = false
  local z <close> = closable("z")
end
flush()

-- non-closable value is an error
try(function() local x <close> = {} end)
try(function() local x <close> = 42 end)

-- close on return, with return values preserved
local function ret()
  local a <close> = closable("ret-a")
  local b <close> = closable("ret-b")
  return "r1", "r2"
end
print(ret())
flush()

-- close on break
for i = 1, 3 do
  local c <close> = closable("loop" .. i)
  if i == 2 then break end
end
flush()

-- close on goto out of block
do
  local n = 0
  ::again::
  do
    local c <close> = closable("g" .. n)
    n = n + 1
    if n < 3 then goto again end
  end
end
flush()

-- close on error: the error object is passed to __close
local ok, err = pcall(function()
  local a <close> = closable("e-a")
  local b <close> = closable("e-b")
  error("boom", 0)
end)
print(ok, err)
flush()

-- error object that is a table
local ok2, err2 = pcall(function()
  local a <close> = setmetatable({}, {__close = function(_, e) log[#log + 1] = type(e) .. ":" .. e.code end})
  error({code = 7})
end)
print(ok2, type(err2), err2.code)
flush()

-- error inside __close replaces the error
local ok3, err3 = pcall(function()
  local a <close> = closable("outer")
  local b <close> = setmetatable({}, {__close = function() error("in close", 0) end})
  local c <close> = closable("inner")
  error("original", 0)
end)
print(ok3, err3)
flush()

-- error inside __close during normal exit
local ok4, err4 = pcall(function()
  local a <close> = closable("still-closed")
  local b <close> = setmetatable({}, {__close = function() error("close failed", 0) end})
  return "not returned"
end)
print(ok4, err4)
flush()

-- tbc in nested function calls: each frame closes its own
local function inner()
  local x <close> = closable("inner")
  return 1
end
local function outer()
  local y <close> = closable("outer")
  local v = inner()
  log[#log + 1] = "after-inner"
  return v
end
print(outer())
flush()

-- generic for closes its 4th value
local function iter_with_close(n)
  local i = 0
  return function()
    i = i + 1
    if i <= n then return i end
  end, nil, nil, closable("forclose")
end
for v in iter_with_close(3) do log[#log + 1] = "v" .. v end
flush()
for v in iter_with_close(10) do
  log[#log + 1] = "v" .. v
  if v == 2 then break end
end
flush()
local function early()
  for v in iter_with_close(10) do
    if v == 3 then return "early" .. v end
  end
end
print(early())
flush()
try(function()
  for v in iter_with_close(10) do
    if v == 2 then error("err in loop", 0) end
  end
end)
flush()

-- __close is looked up when the variable is declared
local mt = {__close = function() log[#log + 1] = "mt-close" end}
do
  local obj <close> = setmetatable({}, mt)
end
flush()

-- value of close variable still usable in the block
do
  local res <close> = setmetatable({value = 99}, {__close = function(o) log[#log + 1] = "closed " .. o.value end})
  print("using", res.value)
end
flush()

-- const closures capture the value
local C <const> = 5
local function usec() return C * 2 end
print(usec())
