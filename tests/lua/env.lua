-- _ENV: global access goes through the _ENV upvalue.

print(_ENV == _G)

-- a local _ENV changes what free names mean
do
  local print = print
  local _ENV = {x = "from local env"}
  print(x)
  y = "assigned"
  print(y, _ENV.y)
end
print(rawget(_G, "y"))

-- _ENV as a function parameter
local function with_env(_ENV) return a + b end
print(with_env({a = 1, b = 2}))

-- _ENV with a metatable: default values and strictness
local strict_log = {}
local env = setmetatable({}, {
  __index = function(_, k)
    strict_log[#strict_log + 1] = "read " .. k
    return _G[k]
  end,
  __newindex = function(t, k, v)
    strict_log[#strict_log + 1] = "write " .. k
    rawset(t, k, v)
  end,
})
local chunk = load("z = 10; return z + (w or 0), type(print)", "=envtest", "t", env)
print(chunk())
print(table.concat(strict_log, ", "))

-- strict mode: undeclared globals raise errors
local strict = setmetatable({}, {
  __index = function(_, k) error("undeclared global '" .. tostring(k) .. "'", 2) end,
  __newindex = function(_, k) error("assignment to undeclared global '" .. tostring(k) .. "'", 2) end,
})
local sf = load("return undefined_name", "=strict", "t", strict)
print(pcall(sf))
local sg = load("newname = 1", "=strict2", "t", strict)
print(pcall(sg))

-- closures capture _ENV like any upvalue
local function make_getter()
  local _ENV = {value = "captured env"}
  return function() return value end
end
print(make_getter()())

-- changing _ENV inside a function only affects that scope
local function sandbox()
  local _ENV = {tostring = tostring}
  local t = {}
  t[1] = tostring(print)
  return t[1]
end
print(sandbox())

-- _ENV is an ordinary variable: it can be reassigned
local function reassign()
  local _ENV = {n = 1}
  local first = n
  _ENV = {n = 2}
  return first, n
end
print(reassign())

-- global function definitions go to the current _ENV
local box = {}
do
  local _ENV = box
  function defined_in_box() return "boxed" end
end
print(box.defined_in_box(), rawget(_G, "defined_in_box"))

-- error messages name globals via _ENV
print(pcall(load("return missing_global.field")))
print(pcall(load("local _ENV = {}; return missing.field")))
print(pcall(load("local t = {}; local _ENV = t; return x.y")))

-- _G is just a field of the global table
local g2 = load("return _G", "=g", "t", {_G = "fake"})
print(g2())
