-- debug.sethook: call, return, line and count events.
local events = {}
local function record(ev, line) events[#events + 1] = ev .. ":" .. tostring(line) end

local function f(x)
  local y = x + 1
  return y * 2
end

debug.sethook(record, "crl")
f(1)
f(2)
debug.sethook()
print(table.concat(events, " "))

-- only line events, through a loop
events = {}
debug.sethook(record, "l")
for i = 1, 3 do
  local z = i
end
debug.sethook()
print(table.concat(events, " "))

-- count events
local n = 0
debug.sethook(function() n = n + 1 end, "", 100)
for i = 1, 1000 do local z = i end
debug.sethook()
print(n > 5, debug.gethook())

-- gethook returns the mask and count
debug.sethook(record, "cr", 7)
local h, mask, count = debug.gethook()
debug.sethook()
print(h == record, mask, count)

-- hooks are per coroutine
events = {}
local co = coroutine.create(function() local a = 1 return a end)
debug.sethook(co, record, "l")
coroutine.resume(co)
print(#events > 0, debug.gethook() == nil)
