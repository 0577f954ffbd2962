-- a "real program": a pure-Lua JSON library (modules/json.lua) exercised end to end
package.path = "./modules/?.lua;" .. package.path
local json = require("json")

print(json._VERSION, type(json.encode), type(json.decode), tostring(json.null))
print(require("json") == json, package.loaded.json == json)

-- deep structural equality (json.null compares equal only to itself)
local function deep_eq(a, b)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then
    if type(a) == "number" and type(b) == "number" then
      return a == b and math.type(a) == math.type(b)
    end
    return false
  end
  for k, v in pairs(a) do
    if not deep_eq(v, b[k]) then return false end
  end
  for k in pairs(b) do
    if a[k] == nil then return false end
  end
  return true
end

-- 1. encoding scalars ---------------------------------------------------------
print("-- scalars")
local scalars = {
  0, 1, -1, 42, math.maxinteger, math.mininteger,
  0.5, -0.0, 1.0, -2.5, 1e10, 1e300, 1/3, 0.1, 2^53, 2^63, 123.456e-7, 5e-324,
  true, false, json.null,
  "", "hello", 'quote " here', "back\\slash", "a/b", "tab\tnl\ncr\rff\fbs\b",
  "\0\1\31\127", "caf\u{E9}", "\u{1F600} smile", "\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
}
for _, v in ipairs(scalars) do
  local s = json.encode(v)
  local back = json.decode(s)
  print(s, deep_eq(v, back) and "ok" or ("MISMATCH " .. tostring(back)), math.type(back) or type(back))
end
print(json.encode(nil), json.encode("a/b", { escape_slash = true }))

-- 2. arrays vs objects ---------------------------------------------------------
print("-- tables")
local tabs = {
  {},
  { 1, 2, 3 },
  { "a", { "b", { "c" } } },
  { x = 1, y = 2, z = { 1, 2 } },
  { [1] = "one", [2] = "two", [4] = "four" },
  { [1] = "a", name = "mixed" },
  { [10] = true, [-1] = false, [2.5] = "float key", [3.0] = "int-valued float" },
  json.object(),
  json.array(),
  json.array({ [3] = "sparse" }),
  { b = 1, a = 2, c = 3, A = 4, ["1"] = 5, [""] = 6, ["\u{E9}"] = 7 },
  { nested = { deeper = { deepest = { 1, json.null, 3 } } } },
  { empty_obj = json.object(), empty_arr = {} },
}
for i, t in ipairs(tabs) do
  print(i, json.encode(t), json.is_array(t))
end

-- 3. pretty printing -----------------------------------------------------------
print("-- pretty")
local doc = {
  name = "moonvm", version = { 5, 4 }, tags = { "lua", "vm", "rust" },
  meta = { stable = false, ratio = 0.75, empty = {}, none = json.null },
}
local pretty = json.encode(doc, { indent = "  " })
print(pretty)
print(deep_eq(json.decode(pretty), json.decode(json.encode(doc))))

-- __tojson hook
local Point = {}
Point.__index = Point
Point.__tojson = function(p) return string.format('{"pt":[%d,%d]}', p.x, p.y) end
local p = setmetatable({ x = 3, y = -4 }, Point)
print(json.encode({ origin = p, list = { p, p } }))

-- 4. encoding errors -----------------------------------------------------------
print("-- encode errors")
local cyc = { a = 1 }
cyc.self = cyc
local cyc2 = { 1, 2, {} }
cyc2[3][1] = cyc2
local bad_values = {
  { "nan", 0/0 },
  { "inf", math.huge },
  { "-inf", -math.huge },
  { "nested nan", { 1, { x = 0/0 } } },
  { "cycle", cyc },
  { "array cycle", cyc2 },
  { "function", print },
  { "function in table", { f = function() end } },
  { "bool key", { [true] = 1 } },
  { "table key", { [{}] = 1 } },
  { "bad utf8", "\xff\xfe" },
  { "bad utf8 in key", { ["ok\xc3"] = 1 } },
  { "coroutine", coroutine.create(print) },
  { "tojson non-string", setmetatable({}, { __tojson = function() return 42 end }) },
  { "array with hash key", json.array({ 1, 2, x = 3 }) },
}
for _, case in ipairs(bad_values) do
  local ok, err = pcall(json.encode, case[2])
  print(case[1], ok, err)
end
-- shared (non-cyclic) references are fine
local shared = { 1, 2 }
print(json.encode({ shared, shared, { shared } }))

-- 5. decoding -------------------------------------------------------------------
print("-- decode")
local texts = {
  '  {"a" : [1, 2.0, -3e2, 4E-1, 0.5e+1, -0, 0.0], "b": {"c": null}} ',
  '"\\"\\\\\\/\\b\\f\\n\\r\\t"',
  '"\\u0041\\u00e9\\u4e2d\\ud83d\\ude00\\uD834\\uDD1E"',
  '[true,false,null,[],{},[[]],[{}]]',
  '\n\t\r [ 1 ,\n 2 ] \n',
  '12345678901234567890',
  '-9223372036854775808',
  '9223372036854775807',
  '{"dup":1,"dup":2}',
  '"caf\u{E9} \u{1F600}"',
}
for _, t in ipairs(texts) do
  local v = json.decode(t)
  local kind = type(v)
  if kind == "number" then kind = math.type(v) end
  print(kind, json.encode(v))
end
print(json.decode('1e400') == math.huge, json.decode('-1e400') == -math.huge, json.decode('1e-400'))
local v = json.decode('[1, 1.0, 1e0, 10, 1.5]')
for i = 1, #v do io.write(math.type(v[i]), " ") end
print()
local o = json.decode('{"x": null, "y": [null, 1]}')
print(o.x == json.null, o.y[1] == json.null, #o.y, getmetatable(o) == getmetatable(json.object()))
print(pcall(function() json.null.x = 1 end))
local u = json.decode('"\\ud83d\\ude00"')
print(#u, utf8.len(u), utf8.codepoint(u), string.format("%q", u))

-- 6. malformed input ------------------------------------------------------------
print("-- decode errors")
local bad = {
  "",
  "   ",
  "[1, 2",
  "[1 2]",
  "[1,]",
  '{"a":1,}',
  '{"a" 1}',
  '{a:1}',
  '{"a":1 "b":2}',
  '"unterminated',
  '"bad \\x escape"',
  '"bad \\u12G4"',
  '"\\ud800"',
  '"\\ud800\\u0041"',
  '"\\udc00"',
  '"tab\there"',
  "01",
  "-",
  "1.",
  "1.e5",
  "1e",
  "1e+",
  ".5",
  "+1",
  "1.5.3",
  "tru",
  "nul",
  "falsey",
  "True",
  "[1] [2]",
  "{}}",
  '{"a":\n  [1,\n   2,\n   @]}',
  "\xff",
  "[" .. string.rep("[", 600) .. string.rep("]", 601),
  "nan",
  "[Infinity]",
}
for i, t in ipairs(bad) do
  local ok, err = pcall(json.decode, t)
  print(i, ok, err)
end
-- structured errors
local val, e = json.try_decode('{\n"k": [1, 2,, 3]\n}')
print(val, e.msg, e.pos, e.line, e.col, tostring(e))
print(json.try_decode({}) == nil, select(2, json.try_decode(42)).msg)

-- 7. large generated document ---------------------------------------------------
print("-- large document")
local seed = 12345
local function rand(n) -- deterministic LCG, independent of math.random
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end
local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
                "iota", "kappa", "lambda", "mu", "nu \"xi\"", "omicron\n", "pi/\\", "rho\u{3C1}" }
local records = {}
for i = 1, 300 do
  local tags = {}
  for j = 1, rand(5) do tags[j] = words[rand(#words) + 1] end
  records[i] = {
    id = i,
    name = words[rand(#words) + 1] .. "-" .. i,
    score = rand(100000) / 100,
    count = rand(1000) - 500,
    active = rand(2) == 1,
    tags = tags,
    parent = (i > 1 and rand(3) == 0) and (rand(i - 1) + 1) or json.null,
    pos = { x = rand(2000) - 1000, y = rand(2000) / 8 },
  }
end
local big = { version = 3, generated = "static", records = records }
local text = json.encode(big)
print("encoded length", #text)
local function checksum(s)
  local h = 0
  for i = 1, #s do h = (h * 31 + string.byte(s, i)) % 4294967291 end
  return h
end
print("checksum", checksum(text))
local decoded = json.decode(text)
print("records", #decoded.records, "equal", deep_eq(big, decoded))
local text2 = json.encode(decoded)
print("stable", text2 == text)
local pretty_big = json.encode(decoded, { indent = "\t" })
local lines = select(2, pretty_big:gsub("\n", "\n"))
print("pretty lines", lines, "pretty checksum", checksum(pretty_big))
print("pretty equal", deep_eq(json.decode(pretty_big), big))
-- aggregate over the decoded data
local total, active, ntags, maxid = 0, 0, 0, 0
local tagcount = {}
for _, r in ipairs(decoded.records) do
  total = total + r.score
  if r.active then active = active + 1 end
  ntags = ntags + #r.tags
  for _, t in ipairs(r.tags) do tagcount[t] = (tagcount[t] or 0) + 1 end
  if r.parent ~= json.null and r.parent > maxid then maxid = r.parent end
end
print(string.format("total score %.2f, active %d, tags %d, max parent %d", total, active, ntags, maxid))
local tnames = {}
for k in pairs(tagcount) do tnames[#tnames + 1] = k end
table.sort(tnames)
for _, k in ipairs(tnames) do io.write(string.format("%q=%d ", k, tagcount[k])) end
print()
-- the first two records, pretty
print(json.encode({ decoded.records[1], decoded.records[2] }, { indent = " " }))
