-- a "real program": a tiny expression language ("calc") with a coroutine-based
-- tokenizer, a Pratt parser producing an AST, a closure-compiling evaluator,
-- first-class functions, let/if/while, lists, and generators built on coroutines

---------------------------------------------------------------------------
-- tokenizer (a coroutine that yields tokens)
---------------------------------------------------------------------------
local keywords = { let = true, ["if"] = true, ["then"] = true, ["else"] = true, ["end"] = true,
  fn = true, ["while"] = true, ["do"] = true, ["and"] = true, ["or"] = true, ["not"] = true,
  ["true"] = true, ["false"] = true, ["nil"] = true, ["yield"] = true, gen = true }

local function tokenizer(src)
  return coroutine.wrap(function()
    local i, line = 1, 1
    local function tok(kind, value) coroutine.yield({ kind = kind, value = value, line = line }) end
    while i <= #src do
      local c = src:sub(i, i)
      if c == "\n" then
        line = line + 1; i = i + 1
      elseif c:match("%s") then
        i = i + 1
      elseif c == "#" then
        i = (src:find("\n", i, true) or #src + 1)
      elseif c:match("%d") then
        local num = src:match("^%d+%.?%d*[eE]?[-+]?%d*", i)
        -- do not swallow a trailing 'e' that has no digits
        num = src:match("^%d+%.%d+[eE][-+]?%d+", i) or src:match("^%d+[eE][-+]?%d+", i)
          or src:match("^%d+%.%d+", i) or src:match("^%d+", i)
        tok("num", tonumber(num)); i = i + #num
      elseif c:match("[%a_]") then
        local id = src:match("^[%w_]+", i)
        if keywords[id] then tok(id) else tok("id", id) end
        i = i + #id
      elseif c == '"' then
        local j = i + 1
        local buf = {}
        while true do
          local ch = src:sub(j, j)
          if ch == "" then error(string.format("line %d: unterminated string", line), 0) end
          if ch == '"' then break end
          if ch == "\\" then
            local e = src:sub(j + 1, j + 1)
            buf[#buf + 1] = ({ n = "\n", t = "\t", ['"'] = '"', ["\\"] = "\\" })[e] or e
            j = j + 2
          else
            buf[#buf + 1] = ch; j = j + 1
          end
        end
        tok("str", table.concat(buf)); i = j + 1
      else
        local op = src:match("^[=!<>]=", i) or src:match("^%.%.", i) or src:match("^%->", i)
          or src:match("^[-+*/%%^(),;%[%]<>=|]", i)
        if not op then error(string.format("line %d: unexpected character '%s'", line, c), 0) end
        tok(op); i = i + #op
      end
    end
    tok("eof")
    while true do tok("eof") end
  end)
end

---------------------------------------------------------------------------
-- Pratt parser -> AST
---------------------------------------------------------------------------
local Parser = {}
Parser.__index = Parser

local function new_parser(src)
  local p = setmetatable({ next_token = tokenizer(src) }, Parser)
  p.tok = p.next_token()
  return p
end

function Parser:advance() local t = self.tok; self.tok = self.next_token(); return t end
function Parser:check(kind) return self.tok.kind == kind end
function Parser:accept(kind) if self:check(kind) then return self:advance() end end
function Parser:expect(kind, what)
  if not self:check(kind) then
    local got = self.tok.kind
    if got == "id" or got == "num" then got = got .. " '" .. tostring(self.tok.value) .. "'" end
    error(string.format("line %d: expected %s but got %s", self.tok.line, what or ("'" .. kind .. "'"), got), 0)
  end
  return self:advance()
end

local binary = {
  ["or"] = { 1, "left" }, ["and"] = { 2, "left" },
  ["=="] = { 3, "left" }, ["!="] = { 3, "left" }, ["<"] = { 3, "left" }, ["<="] = { 3, "left" },
  [">"] = { 3, "left" }, [">="] = { 3, "left" },
  ["|"] = { 4, "left" },
  [".."] = { 5, "right" },
  ["+"] = { 6, "left" }, ["-"] = { 6, "left" },
  ["*"] = { 7, "left" }, ["/"] = { 7, "left" }, ["%"] = { 7, "left" },
  ["^"] = { 9, "right" },
}
local UNARY_PREC = 8

function Parser:block(...)
  local terminators = {}
  for _, t in ipairs({ ... }) do terminators[t] = true end
  local stmts = {}
  while not terminators[self.tok.kind] do
    stmts[#stmts + 1] = self:expr(0)
    self:accept(";")
  end
  return { tag = "block", stmts }
end

function Parser:params()
  self:expect("(")
  local ps = {}
  if not self:check(")") then
    repeat ps[#ps + 1] = self:expect("id", "parameter name").value until not self:accept(",")
  end
  self:expect(")")
  return ps
end

function Parser:primary()
  local t = self:advance()
  local k = t.kind
  if k == "num" or k == "str" then return { tag = "const", t.value }
  elseif k == "true" then return { tag = "const", true }
  elseif k == "false" then return { tag = "const", false }
  elseif k == "nil" then return { tag = "const", nil }
  elseif k == "id" then
    if self:accept("=") then return { tag = "assign", t.value, self:expr(0) } end
    return { tag = "var", t.value }
  elseif k == "(" then
    local e = self:expr(0); self:expect(")"); return e
  elseif k == "[" then
    local items = {}
    if not self:check("]") then
      repeat items[#items + 1] = self:expr(0) until not self:accept(",")
    end
    self:expect("]")
    return { tag = "list", items }
  elseif k == "-" or k == "not" then
    return { tag = "unop", k, self:expr(UNARY_PREC) }
  elseif k == "let" then
    local name = self:expect("id", "variable name").value
    self:expect("=")
    return { tag = "let", name, self:expr(0) }
  elseif k == "if" then
    local cond = self:expr(0)
    self:expect("then")
    local yes = self:block("else", "end")
    local no
    if self:accept("else") then no = self:block("end") end
    self:expect("end")
    return { tag = "if", cond, yes, no }
  elseif k == "while" then
    local cond = self:expr(0)
    self:expect("do")
    local body = self:block("end")
    self:expect("end")
    return { tag = "while", cond, body }
  elseif k == "fn" or k == "gen" then
    local ps = self:params()
    local body
    if self:accept("->") then body = self:expr(0)
    else body = self:block("end"); self:expect("end") end
    return { tag = k, ps, body }
  elseif k == "yield" then
    return { tag = "yield", self:expr(0) }
  end
  local what = k
  if k == "eof" then what = "end of input" end
  error(string.format("line %d: unexpected %s", t.line, what), 0)
end

function Parser:postfix(e)
  while true do
    if self:accept("(") then
      local args = {}
      if not self:check(")") then
        repeat args[#args + 1] = self:expr(0) until not self:accept(",")
      end
      self:expect(")")
      e = { tag = "call", e, args }
    elseif self:accept("[") then
      local idx = self:expr(0)
      self:expect("]")
      e = { tag = "index", e, idx }
    else
      return e
    end
  end
end

function Parser:expr(min_prec)
  local left = self:postfix(self:primary())
  while true do
    local op = self.tok.kind
    local info = binary[op]
    if not info or info[1] <= min_prec then break end
    self:advance()
    local next_min = info[2] == "left" and info[1] or info[1] - 1
    left = { tag = "binop", op, left, self:expr(next_min) }
  end
  return left
end

local function parse(src)
  local p = new_parser(src)
  local b = p:block("eof")
  return b
end

-- AST printer (S-expressions)
local function show(node)
  if type(node) ~= "table" then return tostring(node) end
  local tag = node.tag
  if tag == "const" then
    local v = node[1]
    return type(v) == "string" and string.format("%q", v) or tostring(v)
  elseif tag == "var" then return node[1]
  elseif tag == "block" then
    local parts = {}
    for i, s in ipairs(node[1]) do parts[i] = show(s) end
    return "{" .. table.concat(parts, "; ") .. "}"
  elseif tag == "list" or tag == "call" then
    local parts = {}
    local items = tag == "list" and node[1] or node[2]
    for i, s in ipairs(items) do parts[i] = show(s) end
    if tag == "list" then return "[" .. table.concat(parts, " ") .. "]" end
    return "(" .. show(node[1]) .. " " .. table.concat(parts, " ") .. ")"
  elseif tag == "fn" or tag == "gen" then
    return "(" .. tag .. " (" .. table.concat(node[1], " ") .. ") " .. show(node[2]) .. ")"
  end
  local parts = { tag }
  for i = 1, 4 do
    if node[i] ~= nil then parts[#parts + 1] = show(node[i]) end
  end
  return "(" .. table.concat(parts, " ") .. ")"
end

---------------------------------------------------------------------------
-- compiler: AST -> Lua closures over an environment chain
---------------------------------------------------------------------------
local Env = {}
Env.__index = Env
local function new_env(parent) return setmetatable({ vars = {}, parent = parent }, Env) end
function Env:lookup(name)
  local e = self
  while e do
    local v = e.vars[name]
    if v ~= nil then return v end
    if e.vars[name] == nil and rawget(e, "defined") and e.defined[name] then return nil end
    e = e.parent
  end
  error("undefined variable '" .. name .. "'", 0)
end
function Env:define(name, value)
  self.defined = self.defined or {}
  self.defined[name] = true
  self.vars[name] = value
end
function Env:assign(name, value)
  local e = self
  while e do
    if e.defined and e.defined[name] then e.vars[name] = value; return end
    e = e.parent
  end
  error("assignment to undeclared variable '" .. name .. "'", 0)
end

local List = {}
List.__index = List
List.__tostring = function(l)
  local parts = {}
  for i = 1, l.n do
    local v = l[i]
    parts[i] = type(v) == "string" and string.format("%q", v) or tostring(v)
  end
  return "[" .. table.concat(parts, ", ") .. "]"
end
local function new_list(items, n) items.n = n or #items; return setmetatable(items, List) end

local Closure = {}
Closure.__tostring = function(c) return "<fn/" .. #c.params .. ">" end
Closure.__call = function(c, ...) return c.invoke(...) end

local compile

local arith = {
  ["+"] = function(a, b) return a + b end, ["-"] = function(a, b) return a - b end,
  ["*"] = function(a, b) return a * b end, ["/"] = function(a, b) return a / b end,
  ["%"] = function(a, b) return a % b end, ["^"] = function(a, b) return a ^ b end,
  ["=="] = function(a, b) return a == b end, ["!="] = function(a, b) return a ~= b end,
  ["<"] = function(a, b) return a < b end, ["<="] = function(a, b) return a <= b end,
  [">"] = function(a, b) return a > b end, [">="] = function(a, b) return a >= b end,
  [".."] = function(a, b)
    if getmetatable(a) == List and getmetatable(b) == List then
      local r = {}
      for i = 1, a.n do r[i] = a[i] end
      for i = 1, b.n do r[a.n + i] = b[i] end
      return new_list(r, a.n + b.n)
    end
    return tostring(a) .. tostring(b)
  end,
}

local function check_num(op, a, b)
  if type(a) ~= "number" or type(b) ~= "number" then
    error(string.format("cannot apply '%s' to %s and %s", op, type(a), type(b)), 0)
  end
end

local depth = 0
local function call_value(f, args)
  if getmetatable(f) == Closure then
    if depth >= 150 then depth = 0; error("call depth exceeded", 0) end
    depth = depth + 1
    local r = f.invoke(table.unpack(args, 1, args.n))
    depth = depth - 1
    return r
  end
  if type(f) == "function" then return f(table.unpack(args, 1, args.n)) end
  error("attempt to call a " .. (getmetatable(f) == List and "list" or type(f)) .. " value", 0)
end

local handlers = {}

function handlers.const(node) local v = node[1]; return function() return v end end
function handlers.var(node)
  local name = node[1]
  return function(env) return env:lookup(name) end
end
function handlers.let(node)
  local name, value = node[1], compile(node[2])
  return function(env) local v = value(env); env:define(name, v); return v end
end
function handlers.assign(node)
  local name, value = node[1], compile(node[2])
  return function(env) local v = value(env); env:assign(name, v); return v end
end
function handlers.block(node)
  local code = {}
  for i, s in ipairs(node[1]) do code[i] = compile(s) end
  local n = #code
  return function(env)
    local scope = new_env(env)
    local result
    for i = 1, n do result = code[i](scope) end
    return result
  end
end
function handlers.list(node)
  local code = {}
  for i, s in ipairs(node[1]) do code[i] = compile(s) end
  return function(env)
    local items = {}
    for i = 1, #code do items[i] = code[i](env) end
    return new_list(items, #code)
  end
end
function handlers.index(node)
  local obj, idx = compile(node[1]), compile(node[2])
  return function(env)
    local o, i = obj(env), idx(env)
    if getmetatable(o) == List then
      if math.type(i) ~= "integer" or i < 1 or i > o.n then
        error("list index " .. tostring(i) .. " out of range 1.." .. o.n, 0)
      end
      return o[i]
    elseif type(o) == "string" then
      return o:sub(i, i)
    end
    error("cannot index a " .. type(o), 0)
  end
end
function handlers.unop(node)
  local op, e = node[1], compile(node[2])
  if op == "-" then
    return function(env)
      local v = e(env)
      if type(v) ~= "number" then error("cannot negate a " .. type(v), 0) end
      return -v
    end
  end
  return function(env) return not e(env) end
end
function handlers.binop(node)
  local op, l, r = node[1], compile(node[2]), compile(node[3])
  if op == "and" then return function(env) return l(env) and r(env) end end
  if op == "or" then return function(env) return l(env) or r(env) end end
  if op == "|" then -- pipe: x | f  ==  f(x)
    return function(env) return call_value(r(env), table.pack(l(env))) end
  end
  local f = arith[op]
  local numeric = op ~= "==" and op ~= "!=" and op ~= ".."
  return function(env)
    local a, b = l(env), r(env)
    if numeric then check_num(op, a, b) end
    if op == "/" and b == 0 then error("division by zero", 0) end
    return f(a, b)
  end
end
handlers["if"] = function(node)
  local c, y, n = compile(node[1]), compile(node[2]), node[3] and compile(node[3])
  return function(env)
    if c(env) then return y(env) elseif n then return n(env) end
    return nil
  end
end
handlers["while"] = function(node)
  local c, body = compile(node[1]), compile(node[2])
  return function(env)
    local result, iters = nil, 0
    while c(env) do
      result = body(env)
      iters = iters + 1
      if iters > 100000 then error("loop limit exceeded", 0) end
    end
    return result
  end
end
local function make_fn(node, is_gen)
  local params, body = node[1], compile(node[2])
  return function(env)
    local clo = setmetatable({ params = params }, Closure)
    local function run(...)
      local scope = new_env(env)
      local args = table.pack(...)
      for i, p in ipairs(params) do scope:define(p, args[i]) end
      scope:define("self", clo)
      return body(scope)
    end
    if is_gen then
      -- calling a generator returns an iterator function backed by a coroutine
      clo.invoke = function(...)
        local args = table.pack(...)
        local co = coroutine.create(function() run(table.unpack(args, 1, args.n)) end)
        return function()
          if coroutine.status(co) == "dead" then return nil end
          local ok, v = coroutine.resume(co)
          if not ok then error(v, 0) end
          return v
        end
      end
    else
      clo.invoke = run
    end
    return clo
  end
end
handlers.fn = function(node) return make_fn(node, false) end
handlers.gen = function(node) return make_fn(node, true) end
function handlers.yield(node)
  local e = compile(node[1])
  return function(env)
    if not coroutine.isyieldable() then error("yield outside generator", 0) end
    coroutine.yield(e(env))
    return nil
  end
end
function handlers.call(node)
  local f = compile(node[1])
  local args = {}
  for i, a in ipairs(node[2]) do args[i] = compile(a) end
  local n = #args
  return function(env)
    local fv = f(env)
    local vals = { n = n }
    for i = 1, n do vals[i] = args[i](env) end
    return call_value(fv, vals)
  end
end

function compile(node)
  local h = handlers[node.tag] or error("no compiler for " .. tostring(node.tag))
  return h(node)
end

---------------------------------------------------------------------------
-- runtime: globals and a REPL-like driver
---------------------------------------------------------------------------
local output = {}
local function fmt(v)
  if type(v) == "string" then return v end
  if math.type(v) == "float" and v == math.floor(v) and math.abs(v) < 1e15 then
    return string.format("%.1f", v)
  end
  return tostring(v)
end
local globals = new_env(nil)
globals:define("print", function(...)
  local parts = {}
  for i = 1, select("#", ...) do parts[i] = fmt((select(i, ...))) end
  output[#output + 1] = table.concat(parts, " ")
end)
globals:define("len", function(x)
  if getmetatable(x) == List then return x.n end
  return #x
end)
globals:define("str", function(x) return fmt(x) end)
globals:define("floor", function(x) return math.floor(x) end)
globals:define("map", function(f, l)
  local r = {}
  for i = 1, l.n do r[i] = call_value(f, table.pack(l[i])) end
  return new_list(r, l.n)
end)
globals:define("filter", function(f, l)
  local r = {}
  for i = 1, l.n do if call_value(f, table.pack(l[i])) then r[#r + 1] = l[i] end end
  return new_list(r)
end)
globals:define("fold", function(f, acc, l)
  for i = 1, l.n do acc = call_value(f, table.pack(acc, l[i])) end
  return acc
end)
globals:define("collect", function(it, limit)
  local r = {}
  while true do
    if limit and #r >= limit then break end
    local v = it()
    if v == nil then break end
    r[#r + 1] = v
  end
  return new_list(r)
end)
globals:define("range", function(a, b)
  local r = {}
  for i = a, b do r[#r + 1] = i end
  return new_list(r)
end)

local function run(src, show_ast)
  output = {}
  depth = 0
  local ok, res = pcall(function()
    local ast = parse(src)
    if show_ast then print("  ast: " .. show(ast)) end
    return compile(ast)(globals)
  end)
  for _, line in ipairs(output) do print("  | " .. line) end
  if ok then
    print("  => " .. (type(res) == "string" and string.format("%q", res) or fmt(res)))
  else
    print("  !! " .. tostring(res))
  end
end

local programs = {
  { "1 + 2 * 3 - 4 / 2", true },
  { "2 ^ 3 ^ 2; -2 ^ 2; (1 + 2) * 3", true },
  { "7 % 3 + 10 / 4 + 1e2 + 2.5e-1", true },
  { 'let s = "a" .. "b" .. 1 .. 2; s', true },
  { "not 1 == 2 and 3 < 4 or false", true },
  { "let x = 10; let y = 20; if x < y then x * 2 else y * 2 end", true },
  { "let f = fn(a, b) -> a * 10 + b; f(4, 2)", true },
  { "[1, 2, 3][2] + len([4, 5, 6, 7])", true },
  { "let inc = fn(x) -> x + 1; 41 | inc", true },
  { [[
    # recursion through a named binding
    let fact = fn(n) if n <= 1 then 1 else n * fact(n - 1) end end
    print("10! =", fact(10), "20! =", fact(20))
    fact(5)
  ]] },
  { [[
    # closures capturing a mutable counter
    let make_counter = fn(start)
      let n = start
      fn() -> n = n + 1
    end
    let c1 = make_counter(0); let c2 = make_counter(100)
    c1(); c1(); c2()
    print("c1", c1(), "c2", c2());
    [c1(), c2()]
  ]] },
  { [[
    let fib = fn(n) if n < 2 then n else fib(n - 1) + fib(n - 2) end end
    map(fib, range(0, 15))
  ]] },
  { [[
    let nums = range(1, 20)
    let evens = filter(fn(x) -> x % 2 == 0, nums)
    let sum = fold(fn(a, b) -> a + b, 0, evens)
    print("evens", evens, "sum", sum)
    nums | len
  ]] },
  { [[
    # while loop: collatz
    let n = 27; let steps = 0; let peak = n
    while n != 1 do
      if n % 2 == 0 then n = floor(n / 2) else n = 3 * n + 1 end
      if n > peak then peak = n end
      steps = steps + 1
    end
    print("steps", steps, "peak", peak)
    steps
  ]] },
  { [[
    # generators via coroutines
    let naturals = gen(from) let i = from; while true do yield i; i = i + 1 end end
    let take = fn(it, k) -> collect(it, k)
    print(take(naturals(5), 6))
    let primes = gen()
      let found = []; let n = 2
      while true do
        let is_p = true; let i = 1
        while is_p and i <= len(found) and found[i] * found[i] <= n do
          if n % found[i] == 0 then is_p = false end
          i = i + 1
        end
        if is_p then found = found .. [n]; yield n end
        n = n + 1
      end
    end
    collect(primes(), 15)
  ]] },
  { [[
    let squares = gen(l) let i = 1; while i <= len(l) do yield l[i] * l[i]; i = i + 1 end end
    let it = squares([3, 4, 5]);
    [it(), it(), it(), it()]
  ]] },
  { [[
    # higher-order: compose and currying, self-reference
    let compose = fn(f, g) -> fn(x) -> f(g(x))
    let add = fn(a) -> fn(b) -> a + b
    let double = fn(x) -> x * 2
    let h = compose(add(1), double)
    print(h(5), (compose(double, add(1)))(5), add(3)(4))
    let countdown = fn(n) if n == 0 then "liftoff" else self(n - 1) end end
    countdown(50)
  ]] },
  { '"hello"[1] .. "hello"[5] .. str(3.0) .. str(0.5)' },
  { "[1, 2] .. [3] .. []" },
  { "let f = fn() -> 1; f" },
  -- errors
  { "1 + " },
  { "let = 3" },
  { "(1 + 2" },
  { "foo(1)" },
  { "x = 5" },
  { '1 + "a"' },
  { "1 / 0" },
  { "[1, 2][3]" },
  { "5(1)" },
  { "let f = fn(a, 1) -> a" },
  { '"unterminated' },
  { "3 $ 4" },
  { "yield 1" },
  { "let loop = fn(n) -> loop(n + 1); loop(0)" },
  { "let g = gen() let x = 1 + nil; yield x end; g()()" },
}

for i, p in ipairs(programs) do
  print(string.format("#%d %s", i, (p[1]:gsub("%s+", " "):gsub("^ ", ""):sub(1, 60))))
  run(p[1], p[2])
end
