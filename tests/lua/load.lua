-- load with strings and functions, chunk names, environments.

-- string chunks
local f = load("return 1 + 1")
print(type(f), f())
print(load("return ...")(1, 2, 3))
print(load("local a, b = ...; return b, a")("x", "y"))
print(select('#', load("return")()))

-- function chunks: pieces concatenated until nil or ""
local pieces = {"return ", "10", " + ", "5"}
local i = 0
local g = load(function() i = i + 1; return pieces[i] end)
print(g())
local once = false
print(load(function() if not once then once = true; return "return 'one piece'" end end)())
local empty_stop = {"return 7", "", "this is never read"}
local j = 0
print(load(function() j = j + 1; return empty_stop[j] end)())
-- reader returning a non-string is an error (run under pcall so that no
-- message handler of the stand-alone interpreter is active)
print(pcall(load, function() return true end))
print(pcall(load, function() return {} end))
-- reader raising an error
print(pcall(load, function() error("reader failed") end))

-- chunk names in error messages
print(load("x =", "=mychunk"))
print(load("x =", "@file.lua"))
print(load("x ="))
print(load("local a = 1\nlocal b = \n", "=multi"))
print(load("\n\n  x = = 1"))
print(load("return 1 +", "a very long chunk name that goes on and on and on and on and on and on and on and on"))
print(load("x = ", "=" .. string.rep("n", 100)))
print(load(string.rep("x", 80) .. " = = 1"))
print(load("first line\nsecond line"))
print(pcall(load("error('rt')", "=rtchunk")))
print(pcall(load("local t = nil\nreturn t.x", "@rt.lua")))
print(pcall(load("return nil + 1", "literal")))

-- mode argument
print(load("return 1", "m", "t") ~= nil)
print(load("return 1", "m", "b"))
print(load("\27Lua", "bin", "t"))

-- env argument
local env = {y = 5}
local h = load("x = 10; return y", "envchunk", "t", env)
print(h(), env.x, rawget(_G, "x"))
local h2 = load("return print", "c", "t", {})
print(h2())
-- _ENV is an upvalue of the chunk
local h3 = load("local _ENV = {z = 3}; return z")
print(h3())
local h4 = load("return _ENV")
print(h4() == _G)
local custom = {}
print(load("return _ENV", "c", "t", custom)() == custom)
-- env can be nil: any global access then errors
local h5 = load("return undefined", "=nilenv", "t", nil)
print(pcall(h5))

-- each load produces a new function
local s = "return {}"
print(load(s) ~= load(s))
local c = load(s)
print(c() ~= c())

-- loaded chunks are vararg functions
print(load("return select('#', ...)")(nil, nil, nil))

-- load in a loop, compiling different code
local results = {}
for n = 1, 5 do
  results[n] = load("return " .. n .. " * " .. n)()
end
print(table.concat(results, " "))

-- functions defined in loaded chunks
local lib = load([[
  local M = {}
  function M.square(x) return x * x end
  function M.twice(f, x) return f(f(x)) end
  return M
]])()
print(lib.square(7), lib.twice(lib.square, 3))

-- upvalues of loaded chunks are fresh
local counter_src = "local n = 0; return function() n = n + 1; return n end"
local c1, c2 = load(counter_src)(), load(counter_src)()
print(c1(), c1(), c2())

-- globals defined by a loaded chunk go to _G
load("loaded_global = 'set'")()
print(loaded_global)

-- loadfile with env and dofile
local fenv = {}
loadfile("data/setglobal.lua", "bt", fenv)()
print(fenv.set_by_file)
print(dofile("data/helper.lua"))

-- a chunk returning many values
local many = load("return " .. string.rep("1, ", 99) .. "1")
print(select('#', many()))

-- deeply nested expressions compile
local nested = load("return " .. string.rep("(", 100) .. "1" .. string.rep(")", 100))
print(nested())
local nested_t = load("return " .. string.rep("{", 100) .. string.rep("}", 100))
print(type(nested_t()))

-- string.dump is not required; load of text only
print(type(load))
