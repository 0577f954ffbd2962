-- require and the package library

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(table.concat(t, "\t", 1, t.n))
end

-- the package table
print(package.config == "/\n;\n?\n!\n-\n")
print(type(package.path), type(package.cpath), type(package.searchers), #package.searchers)
print(package.loaded._G == _G, package.loaded.string == string, package.loaded.package == package)
print(package.loaded.io == io, package.loaded.os == os, package.loaded.table == table)
print(type(package.preload), next(package.preload), type(package.searchpath))
print(debug and package.loaded.debug == debug or true)

package.path = "./modules/?.lua;./modules/?/init.lua"
package.cpath = "./modules/?.so;./modules/lib?.so"

-- loading and caching
local a, path = require("mod_a")
show(a.name, a.path, a.value, path, mod_a_loads)
local a2, path2 = require("mod_a")
show(a2 == a, path2, mod_a_loads)
show(require("mod_nil"), mod_nil_ran, package.loaded.mod_nil)
show(require("mod_self"))
show(require("mod_false"), package.loaded.mod_false, mod_false_loads)
show(require("mod_false"), mod_false_loads)
show(require("mod_multi"))
local d = require("mod_dep")
show(d.a == a, d.twice)
show(require("mod_cycle_a"))

-- packages and submodules
local p, pp = require("pkg")
show(p.kind, p.path, pp)
local s, sp = require("pkg.sub")
show(s.kind, s.name, s.path, sp)
show(require("pkg.deep.leaf"))

-- preload
package.preload.pre = function(...)
  show("preload loader got", ...)
  return { preloaded = true }
end
local pre, ppre = require("pre")
show(pre.preloaded, ppre)
show(require("pre") == pre)
package.preload.pre_nil = function() end
show(require("pre_nil"))

-- errors
local ok, err = pcall(require, "no_such_module")
print(ok)
print(err)
ok, err = pcall(require, "no.such.module")
print(err)
print(select(2, pcall(require, "mod_err")))
print(select(2, pcall(require, "mod_syntax")))
show(pcall(require))
print(select(2, pcall(function() require("no_such_module_2") end)):match("^[^\n]*"))
print(select(2, pcall(function() local x <close> = io.lines("no_such_file_x") end)))
show(pcall(require, {}))
show(package.loaded.mod_err, package.loaded.no_such_module)

-- searchpath
show(package.searchpath("mod_a", package.path))
show(package.searchpath("pkg.sub", package.path))
show(package.searchpath("pkg", "./modules/?/init.lua"))
show(package.searchpath("pkg_sub", "./modules/?.lua", "_", "/"))
show(package.searchpath("pkg.sub", "./modules/?.lua", ""))
show(package.searchpath("x.y", "a/?.lua;b/?/?.x"))
show(package.searchpath("x", ""))
show(package.searchpath("x", ";"))
show(package.searchpath("x", "?;;?.z"))
show(package.searchpath("a.b.c", "?", ".", "::"))
show(pcall(package.searchpath, "x"))

-- custom searchers
table.insert(package.searchers, 2, function(name)
  if name:sub(1, 7) == "custom_" then
    return function(n, extra) return "custom module " .. n .. " (" .. extra .. ")" end, "extra data"
  end
  return "\n\tno custom module '" .. name .. "'"
end)
show(require("custom_thing"))
ok, err = pcall(require, "still_missing")
print(err)
table.remove(package.searchers, 2)
table.insert(package.searchers, 1, function(name) return nil end)
table.insert(package.searchers, 1, function(name) return 42 end)
ok, err = pcall(require, "nothing_here")
print(err)
table.remove(package.searchers, 1)
table.remove(package.searchers, 1)

local saved = package.searchers
package.searchers = nil
show(pcall(require, "whatever"))
package.searchers = saved
local savedpath = package.path
package.path = nil
show(pcall(require, "whatever"))
package.path = savedpath

-- a searcher that raises an error
table.insert(package.searchers, 1, function(name) error("searcher failed for " .. name) end)
show(pcall(require, "boom"))
table.remove(package.searchers, 1)

-- package.loaded with a metatable is consulted through __index
setmetatable(package.loaded, {__index = function(t, k) if k == "virtual" then return "virtual module" end end})
show(require("virtual"))
setmetatable(package.loaded, nil)

-- require is a normal global function
print(type(require), require == package.loaded._G.require)

-- environment variables (in child interpreters)
local interp = arg and arg[-1]
if interp then
  local function run(env, opts, code)
    local p = io.popen(env .. " " .. interp .. " " .. opts .. " -e " .. string.format("%q", code))
    local out = p:read("a")
    p:close()
    return out
  end
  local code = "io.write(package.path:sub(1, 16), ' ', package.path:sub(-20), ' ', tostring(package.path:find('modules', 1, true) ~= nil))"
  print(run("LUA_PATH='./modules/?.lua;;'", "", code))
  print(run("LUA_PATH_5_4='./modules/?.lua;;' LUA_PATH='x'", "", code))
  print(run("LUA_PATH=';;./modules/?.lua'", "", code))
  print(run("LUA_PATH='./modules/?.lua;;'", "-E", code))
  print(run("LUA_PATH='./modules/?.lua'", "", "io.write(package.path)"))
  print(run("LUA_CPATH='./x/?.so;;'", "", "io.write(package.cpath:sub(1, 10))"))
  print(run("LUA_PATH='./modules/?.lua'", "", "print(require('mod_a').value)"))
  print(run("LUA_PATH='./modules/?.lua'", "-lmod_a", "print(mod_a.value)"))
end
print("done")
