-- Regressions found by the official test suite and by profiling work.

-- a wrapped coroutine re-entered from its own __close while being closed
local co
co = coroutine.wrap(function()
  local x <close> = setmetatable({}, {__close = function() return pcall(co) end})
  error(111)
end)
print(pcall(co))

-- method and field names longer than the short-string limit
local t = {}
local long = "_0123456789012345678901234567890123456789012345678901234567890"
t[long] = function(self, v) return v * 2 end
print(t:_0123456789012345678901234567890123456789012345678901234567890(21))
print(t._0123456789012345678901234567890123456789012345678901234567890 ~= nil)
_G[long] = "global with a long name"
print(_0123456789012345678901234567890123456789012345678901234567890)

-- a metamethod set again after its absence was noticed
local mt = {}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
mt.__eq = nil
print(a == b)
mt.__eq = function() return true end
print(a == b)
mt.__index = nil
print(a.x)
mt.__index = function(_, k) return k .. "!" end
print(a.x)

-- numeric for with numeric strings
for i = "10", "1", "-2" do io.write(i, " ") end print()
for i = 1, "3.8" do io.write(i, " ") end print()

-- metamethod argument order for constants on the left
local m2 = {}
for _, ev in ipairs({"add", "sub", "mul", "band", "bor", "bxor", "shl", "shr"}) do
  m2["__" .. ev] = function(x, y)
    return ev .. "(" .. (type(x) == "table" and "T" or tostring(x)) .. "," .. (type(y) == "table" and "T" or tostring(y)) .. ")"
  end
end
local o = setmetatable({}, m2)
print(1 + o, o + 1, o - 1, 2 * o, 3 & o, 3 | o, 3 ~ o, o << 1, o >> 1, 1 << o)

-- register moves and arithmetic on values just written (store forwarding paths)
local s = 0
for i = 1, 1000 do local x = i; local y = x; s = s + y - 1 + (x * 0.5) end
print(s)

-- concat with a __concat metamethod in the middle of a run
local cm = setmetatable({}, {__concat = function(x, y) return "C" end})
print("a" .. (cm .. cm) .. "b", "x" .. cm)

-- nil and NaN keys in constructors are errors
print(pcall(function() return {[nil] = 1} end))
print(pcall(function() return {[0/0] = 1} end))

-- yields inside metamethods
local ym = {__index = function(_, k) return coroutine.yield(k) end,
  __lt = function() return coroutine.yield("lt") end}
local gen = coroutine.wrap(function()
  local p = setmetatable({}, ym)
  local v = p.key
  local c = p < p
  return v, c
end)
print(gen(), gen("value"), gen(true))

-- weak tables
local wk = setmetatable({}, {__mode = "k"})
local wv = setmetatable({}, {__mode = "v"})
local keep = {}
wk[keep] = 1; wk[{}] = 2; wv[1] = keep; wv[2] = {}; wv[3] = "strings stay"
collectgarbage(); collectgarbage()
local n = 0 for _ in pairs(wk) do n = n + 1 end
print(n, wv[1] == keep, wv[2], wv[3])

-- yields through pcall of a native and inside __concat
local yc = coroutine.wrap(function()
  print(pcall(coroutine.yield, "a", "b"))
  local c = setmetatable({}, {__concat = function() return coroutine.yield("cat") end})
  local r = "1" .. c .. "3" .. "4"
  print("r", r)
  print(pcall(error, "boom"))
  return "end"
end)
print(yc())
print(yc("x", "y"))
print(yc("MID"))

-- yields inside a function run by pcall that xpcall runs (not a tail call)
local xf = coroutine.wrap(function()
  local r = table.pack(xpcall(pcall, function(...) return ... end, function()
    local s = 0
    for i = 1, 3 do s = s + coroutine.yield(i) end
    error({s})
  end))
  return r[1], r[2], type(r[3]), r[3][1]
end)
print(xf(), xf(10), xf(20), xf(30))
print(pcall(pcall, pcall, error, "z"))
print(select('#', pcall(pcall, function() return 1, 2, 3 end)))
