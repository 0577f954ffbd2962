local function f(t)
  return t.x.y
end
local function g() f({}) end
g()
