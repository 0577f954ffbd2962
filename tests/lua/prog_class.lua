-- a "real program": a small class library (inheritance, mixins, properties,
-- metamethods) and a deterministic ecosystem simulation built on it

---------------------------------------------------------------------------
-- class library
---------------------------------------------------------------------------
local Object = { __name = "Object" }
Object.__index = Object

local metamethods = {
  "__tostring", "__eq", "__lt", "__le", "__add", "__sub", "__mul", "__div",
  "__unm", "__len", "__concat", "__call", "__mod", "__idiv", "__close",
}

local function class(name, parent, ...)
  parent = parent or Object
  local cls = { __name = name, super = parent, mixins = {} }
  -- inherit metamethods explicitly: Lua does not look them up through __index
  for _, mm in ipairs(metamethods) do
    if rawget(parent, mm) then cls[mm] = parent[mm] end
  end
  -- properties: getters/setters declared in cls.__props
  cls.__props = setmetatable({}, { __index = rawget(parent, "__props") })
  cls.__index = function(self, key)
    local prop = cls.__props[key]
    if prop and prop.get then return prop.get(self) end
    return cls[key]
  end
  cls.__newindex = function(self, key, value)
    local prop = cls.__props[key]
    if prop then
      if not prop.set then error("property '" .. key .. "' is read-only", 2) end
      prop.set(self, value)
    elseif cls.__strict and cls[key] == nil then
      error(string.format("%s has no field '%s'", cls.__name, tostring(key)), 2)
    else
      rawset(self, key, value)
    end
  end
  for _, mixin in ipairs({ ... }) do
    for k, v in pairs(mixin) do
      if k ~= "included" and cls[k] == nil then cls[k] = v end
    end
    cls.mixins[#cls.mixins + 1] = mixin
    if mixin.included then mixin.included(cls) end
  end
  return setmetatable(cls, {
    __index = parent,
    __call = function(c, ...) return c.new(c, ...) end,
    __tostring = function(c) return "class " .. c.__name end,
  })
end

function Object.new(cls, ...)
  local obj = setmetatable({}, cls)
  if obj.init then obj:init(...) end
  return obj
end

function Object:class() return getmetatable(self) end

function Object:is_a(cls)
  local c = getmetatable(self)
  while c do
    if c == cls then return true end
    for _, m in ipairs(rawget(c, "mixins") or {}) do
      if m == cls then return true end
    end
    c = rawget(c, "super")
  end
  return false
end

function Object.__tostring(self) return getmetatable(self).__name .. "()" end

local function property(cls, name, get, set)
  cls.__props[name] = { get = get, set = set }
end

---------------------------------------------------------------------------
-- mixins
---------------------------------------------------------------------------
local Observable = {
  included = function(cls) cls.observable = true end,
  on = function(self, event, fn)
    local handlers = rawget(self, "_handlers")
    if not handlers then handlers = {}; rawset(self, "_handlers", handlers) end
    handlers[event] = handlers[event] or {}
    table.insert(handlers[event], fn)
  end,
  emit = function(self, event, ...)
    local handlers = rawget(self, "_handlers")
    local list = handlers and handlers[event]
    if not list then return 0 end
    for _, fn in ipairs(list) do fn(self, ...) end
    return #list
  end,
}

local Serializable = {
  serialize = function(self)
    local keys = {}
    for k, v in pairs(self) do
      if type(k) == "string" and k:sub(1, 1) ~= "_" and type(v) ~= "table" then
        keys[#keys + 1] = k
      end
    end
    table.sort(keys)
    local parts = {}
    for i, k in ipairs(keys) do
      local v = self[k]
      parts[i] = k .. "=" .. (type(v) == "string" and string.format("%q", v) or tostring(v))
    end
    return getmetatable(self).__name .. "{" .. table.concat(parts, ", ") .. "}"
  end,
}

---------------------------------------------------------------------------
-- a Vector value class with operators
---------------------------------------------------------------------------
local Vec = class("Vec")
function Vec:init(x, y) rawset(self, "x", x or 0); rawset(self, "y", y or 0) end
Vec.__add = function(a, b) return Vec(a.x + b.x, a.y + b.y) end
Vec.__sub = function(a, b) return Vec(a.x - b.x, a.y - b.y) end
Vec.__mul = function(a, b)
  if type(a) == "number" then return Vec(a * b.x, a * b.y) end
  if type(b) == "number" then return Vec(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y -- dot product
end
Vec.__unm = function(a) return Vec(-a.x, -a.y) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vec.__lt = function(a, b) return a.x * a.x + a.y * a.y < b.x * b.x + b.y * b.y end
Vec.__le = function(a, b) return not (b < a) end
Vec.__len = function(a) return math.abs(a.x) + math.abs(a.y) end -- manhattan
Vec.__tostring = function(a) return string.format("(%g,%g)", a.x, a.y) end
Vec.__concat = function(a, b) return tostring(a) .. tostring(b) end
Vec.__strict = true
property(Vec, "length", function(self) return math.sqrt(self.x ^ 2 + self.y ^ 2) end)

local a, b = Vec(3, 4), Vec(1, -2)
print(a, b, a + b, a - b, a * b, 2 * a, a * 3, -b)
print(a == Vec(3, 4), a ~= b, b < a, a <= a, a > b, #b, a.length, a .. b, a .. "!")
print(pcall(function() a.length = 10 end))
print(pcall(function() a.z = 1 end))
print(tostring(Vec), Vec.__name, a:class() == Vec, a:is_a(Vec), a:is_a(Object))

---------------------------------------------------------------------------
-- entity hierarchy
---------------------------------------------------------------------------
local Entity = class("Entity", nil, Observable, Serializable)
Entity.count = 0
function Entity:init(name, pos)
  Entity.count = Entity.count + 1
  self.id = Entity.count
  self.name = name
  self.pos = pos or Vec(0, 0)
  self.energy = 10
  self.alive = true
end
function Entity:__tostring()
  return string.format("%s#%d<%s @%s e=%d>", getmetatable(self).__name, self.id, self.name,
    tostring(self.pos), self.energy)
end
function Entity:__lt(other) return self.id < other.id end
function Entity:step(world) end
function Entity:die(reason)
  if not self.alive then return end
  self.alive = false
  self:emit("death", reason)
end
property(Entity, "label", function(self) return self.name:upper() end)
property(Entity, "health",
  function(self) return rawget(self, "_health") or 100 end,
  function(self, v) rawset(self, "_health", math.max(0, math.min(100, v))) end)

local Plant = class("Plant", Entity)
function Plant:init(name, pos)
  Entity.init(self, name, pos)
  self.energy = 5
end
function Plant:step(world)
  self.energy = self.energy + 1
end

local Animal = class("Animal", Entity)
Animal.speed = 1
function Animal:init(name, pos, dir)
  Entity.init(self, name, pos)
  self.dir = dir or Vec(1, 0)
  self.eaten = 0
end
function Animal:move(world)
  local p = self.pos + self.dir * self.speed
  -- bounce off the walls of the world
  if p.x < 0 or p.x >= world.w then self.dir = Vec(-self.dir.x, self.dir.y); p = self.pos + self.dir end
  if p.y < 0 or p.y >= world.h then self.dir = Vec(self.dir.x, -self.dir.y); p = self.pos + self.dir end
  self.pos = p
  self.energy = self.energy - 1
end
function Animal:food() return Plant end
function Animal:step(world)
  self:move(world)
  for _, other in ipairs(world:at(self.pos)) do
    if other ~= self and other.alive and other:is_a(self:food()) then
      self.energy = self.energy + other.energy
      self.eaten = self.eaten + 1
      other:die("eaten by " .. self.name)
      break
    end
  end
  if self.energy <= 0 then self:die("starved") end
end

local Herbivore = class("Herbivore", Animal)

local Carnivore = class("Carnivore", Animal)
Carnivore.speed = 2
function Carnivore:food() return Herbivore end
-- a callable carnivore roars
Carnivore.__call = function(self, times) return self.name .. ": " .. string.rep("R", times or 1) .. "!" end

print(Herbivore.speed, Carnivore.speed, rawget(Herbivore, "speed"), Herbivore.observable)
print(tostring(Carnivore), Carnivore.super == Animal, Animal.super == Entity)

---------------------------------------------------------------------------
-- world
---------------------------------------------------------------------------
local World = class("World")
function World:init(w, h)
  self.w, self.h = w, h
  self.entities = {}
  self.log = {}
  self.tick = 0
end
function World:add(e)
  table.insert(self.entities, e)
  e:on("death", function(ent, reason)
    self.log[#self.log + 1] = string.format("t=%d %s died (%s)", self.tick, ent.name, reason)
  end)
  return e
end
function World:at(pos)
  local found = {}
  for _, e in ipairs(self.entities) do
    if e.alive and e.pos == pos then found[#found + 1] = e end
  end
  return found
end
function World:step()
  self.tick = self.tick + 1
  for _, e in ipairs(self.entities) do
    if e.alive then e:step(self) end
  end
  -- compact dead entities
  local live = {}
  for _, e in ipairs(self.entities) do if e.alive then live[#live + 1] = e end end
  self.entities = live
end
World.__len = function(self) return #self.entities end

local seed = 7
local function rnd(n)
  seed = (seed * 16807) % 2147483647
  return seed % n
end

local world = World(12, 8)
for i = 1, 20 do world:add(Plant("plant" .. i, Vec(rnd(12), rnd(8)))) end
local dirs = { Vec(1, 0), Vec(0, 1), Vec(-1, 0), Vec(0, -1), Vec(1, 1), Vec(-1, 1) }
for i = 1, 8 do world:add(Herbivore("herb" .. i, Vec(rnd(12), rnd(8)), dirs[rnd(#dirs) + 1])) end
for i = 1, 3 do world:add(Carnivore("wolf" .. i, Vec(rnd(12), rnd(8)), dirs[rnd(#dirs) + 1])) end

local wolf = world.entities[#world.entities]
print(wolf(), wolf(3), wolf.label, wolf.health)
wolf.health = 250; print(wolf.health)
wolf.health = -3; print(wolf.health)
wolf.health = 64; print(wolf.health, rawget(wolf, "health"))
print(wolf:serialize())
print(world.entities[1]:serialize())

print("initial population", #world)
for t = 1, 30 do
  world:step()
  if t % 5 == 0 then
    local counts = { Plant = 0, Herbivore = 0, Carnivore = 0 }
    local energy = 0
    for _, e in ipairs(world.entities) do
      local n = getmetatable(e).__name
      counts[n] = counts[n] + 1
      energy = energy + e.energy
    end
    print(string.format("t=%2d plants=%2d herbivores=%d carnivores=%d energy=%d",
      t, counts.Plant, counts.Herbivore, counts.Carnivore, energy))
  end
end
for _, line in ipairs(world.log) do print(line) end

-- survivors sorted by id via __lt
local survivors = {}
for _, e in ipairs(world.entities) do
  if not e:is_a(Plant) then survivors[#survivors + 1] = e end
end
table.sort(survivors, function(x, y) return y < x end) -- descending via Entity.__lt
for _, e in ipairs(survivors) do
  print(e, e.eaten, e:is_a(Animal), e:is_a(Carnivore), e:is_a(Observable), e:is_a(Serializable))
end

-- to-be-closed resource class
local Resource = class("Resource")
local events = {}
function Resource:init(name) self.name = name; events[#events + 1] = "open " .. name end
Resource.__close = function(self, err)
  events[#events + 1] = "close " .. self.name .. (err and (" err=" .. tostring(err)) or "")
end
do
  local r1 <close> = Resource("a")
  local r2 <close> = Resource("b")
  events[#events + 1] = "body"
end
print(pcall(function()
  local r3 <close> = Resource("c")
  error("boom", 0)
end))
print(table.concat(events, "; "))
