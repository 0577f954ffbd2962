-- Coroutines: create/resume/yield/status/wrap/isyieldable/running/close.

local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "finished", d + e
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co))
print(coroutine.resume(co))

-- generators with wrap
local function range(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
local acc = {}
for v in range(5) do acc[#acc + 1] = v end
print(table.concat(acc, " "))

-- yield across nested Lua calls
local function walk(t)
  for _, v in ipairs(t) do
    if type(v) == "table" then walk(v) else coroutine.yield(v) end
  end
end
local flat = {}
for v in coroutine.wrap(function() walk({1, {2, {3, 4}}, 5, {{6}}}) end) do flat[#flat + 1] = v end
print(table.concat(flat, ","))

-- errors inside coroutines
local bad = coroutine.create(function() error("inside") end)
print(coroutine.resume(bad))
print(coroutine.status(bad))
print(coroutine.resume(bad))
local bad2 = coroutine.create(function() error({code = 5}) end)
local ok, e = coroutine.resume(bad2)
print(ok, type(e), e.code)
-- wrap propagates errors
local w = coroutine.wrap(function() error("wrapped error") end)
print(pcall(w))
-- resuming a running or normal coroutine
local self_resume
self_resume = coroutine.create(function() return coroutine.resume(self_resume) end)
print(coroutine.resume(self_resume))
print(pcall(coroutine.resume))
print(coroutine.resume(coroutine.create(function() end)))

-- status from inside
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function()
    print("inner sees outer as", coroutine.status(outer))
  end)
  coroutine.resume(inner)
  print("outer sees itself as", coroutine.status(outer))
end)
coroutine.resume(outer)

-- running and isyieldable
local main, ismain = coroutine.running()
print(type(main), ismain, coroutine.isyieldable())
coroutine.wrap(function()
  local c, m = coroutine.running()
  print(type(c), m, coroutine.isyieldable())
end)()

-- yield from the main thread is an error
print(pcall(coroutine.yield, 1))

-- values passed through resume/yield
local echo = coroutine.wrap(function(...)
  local args = table.pack(...)
  while true do
    args = table.pack(coroutine.yield(args.n, table.unpack(args, 1, args.n)))
  end
end)
print(echo())
print(echo(nil))
print(echo(1, nil, 3))

-- producer/consumer
local function producer()
  return coroutine.create(function()
    for _, item in ipairs({"a", "b", "c"}) do coroutine.yield(item) end
    return nil
  end)
end
local function consumer(p)
  local got = {}
  while true do
    local _, item = coroutine.resume(p)
    if item == nil then break end
    got[#got + 1] = item
  end
  return table.concat(got)
end
print(consumer(producer()))

-- coroutine.close
local closable = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function() print("closed by coroutine.close") end})
  coroutine.yield(1)
end)
coroutine.resume(closable)
print(coroutine.close(closable), coroutine.status(closable))
print(coroutine.close(coroutine.create(function() end)))
local errco = coroutine.create(function() error("dead with error", 0) end)
coroutine.resume(errco)
print(coroutine.close(errco))

-- many short-lived coroutines
local sum = 0
for i = 1, 1000 do
  local c = coroutine.wrap(function(x) local y = coroutine.yield(x * 2); return x + y end)
  sum = sum + c(i) + c(1)
end
print(sum)

-- yield inside pcall inside a coroutine
local pc = coroutine.wrap(function()
  local ok2, v = pcall(function()
    local got = coroutine.yield("yielded in pcall")
    error("after resume: " .. got, 0)
  end)
  return ok2, v
end)
print(pc())
print(pc("resumed"))

-- yield inside a metamethod and an iterator
local mt = {__index = function(_, k) return coroutine.yield(k) end}
local co3 = coroutine.wrap(function() local t = setmetatable({}, mt); return "result: " .. t.key end)
print(co3())
print(co3("value"))
local gen = coroutine.wrap(function()
  for k in function() return coroutine.yield("from iterator") end do return k end
end)
print(gen())
print(gen("loop value"))

-- wrap on a dead coroutine
local once = coroutine.wrap(function() return 1 end)
once()
print(pcall(once))
