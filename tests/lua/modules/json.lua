--[[
  json.lua -- a small, self-contained JSON encoder/decoder for Lua 5.4

  API
    json.encode(value [, opts])  -> string        (raises a string error on failure)
        opts.indent      string used for pretty printing (e.g. "  "); nil = compact
        opts.sort_keys   sort object keys (default true, gives deterministic output)
        opts.escape_slash escape "/" as "\/" (default false)
    json.decode(text)            -> value         (raises a string error on failure)
    json.try_decode(text)        -> value | nil, err_table
        err_table = { msg = ..., pos = byte offset, line = n, col = n }
    json.null                    sentinel decoded from / encoded as `null`
    json.array(t), json.object(t) mark a table's kind explicitly (useful for empty tables)
    json.is_array(t)             true when t would be encoded as an array

  Values with a __tojson metamethod are encoded by calling it; it must return
  a string of JSON text, which is inserted verbatim.
]]

local json = { _VERSION = "json.lua 1.0" }

local byte, char, sub, find, format, rep, gsub =
  string.byte, string.char, string.sub, string.find, string.format, string.rep, string.gsub
local concat, sort = table.concat, table.sort
local mtype, floor, huge, maxinteger = math.type, math.floor, math.huge, math.maxinteger
local tointeger = math.tointeger

------------------------------------------------------------------------------
-- sentinels and kind markers
------------------------------------------------------------------------------

local null_mt = {
  __tostring = function() return "null" end,
  __newindex = function() error("json.null is read-only", 2) end,
  __name = "json.null",
}
json.null = setmetatable({}, null_mt)

local array_mt = { __jsonkind = "array" }
local object_mt = { __jsonkind = "object" }

function json.array(t) return setmetatable(t or {}, array_mt) end
function json.object(t) return setmetatable(t or {}, object_mt) end

------------------------------------------------------------------------------
-- encoder
------------------------------------------------------------------------------

local escapes = {
  ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
  ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t', ['/'] = '\\/',
}
for c = 0, 31 do
  local ch = char(c)
  if not escapes[ch] then escapes[ch] = format("\\u%04x", c) end
end
escapes["\127"] = "\\u007f"

local function encode_string(s, escape_slash)
  local ok, bad = utf8.len(s)
  if not ok then
    error(format("invalid UTF-8 in string at byte %d", bad), 0)
  end
  local pattern = escape_slash and '[%c"\\/\127]' or '[%c"\\\127]'
  return '"' .. gsub(s, pattern, escapes) .. '"'
end

local function encode_number(n)
  if mtype(n) == "integer" then
    return format("%d", n)
  end
  if n ~= n then error("cannot encode NaN", 0) end
  if n == huge or n == -huge then
    error(format("cannot encode %s", n > 0 and "inf" or "-inf"), 0)
  end
  -- shortest of %.14g / %.17g that round-trips exactly
  local s = format("%.14g", n)
  if tonumber(s) ~= n then s = format("%.17g", n) end
  -- keep floats recognisable as floats
  if not find(s, "[%.eEn]") then s = s .. ".0" end
  return s
end

-- classify a table: returns "array", n   or   "object", nil
local function classify(t)
  local mt = getmetatable(t)
  local kind = mt and mt.__jsonkind
  local n, count = 0, 0
  for k in pairs(t) do
    count = count + 1
    if mtype(k) == "integer" and k > 0 then
      if k > n then n = k end
    else
      n = -1
      if kind ~= "array" then break end
    end
  end
  if kind == "array" then
    if n < 0 then error("table marked as array has non-integer keys", 0) end
    return "array", n
  end
  if kind == "object" then return "object" end
  if count == 0 then return "array", 0 end
  if n == count then return "array", n end
  return "object"
end

function json.is_array(t)
  return type(t) == "table" and classify(t) == "array"
end

local function key_to_string(k)
  local kt = type(k)
  if kt == "string" then return k end
  if kt == "number" then
    if mtype(k) == "float" and k == floor(k) and k > -2^63 and k < 2^63 then
      return format("%d", k)
    end
    return encode_number(k)
  end
  error(format("cannot use a %s as an object key", kt), 0)
end

local encode_value

local function encode_table(t, st, depth)
  if st.seen[t] then
    error("circular reference detected", 0)
  end
  local mt = getmetatable(t)
  if mt and mt.__tojson then
    local s = mt.__tojson(t)
    if type(s) ~= "string" then error("__tojson must return a string", 0) end
    return s
  end
  st.seen[t] = true
  local indent = st.indent
  local nl, inner, outer, colon = "", "", "", ":"
  if indent then
    nl = "\n"
    inner = rep(indent, depth + 1)
    outer = rep(indent, depth)
    colon = ": "
  end
  local kind, n = classify(t)
  local out = {}
  if kind == "array" then
    if n == 0 then st.seen[t] = nil; return "[]" end
    for i = 1, n do
      local v = t[i]
      if v == nil then v = json.null end
      out[i] = inner .. encode_value(v, st, depth + 1)
    end
    st.seen[t] = nil
    return "[" .. nl .. concat(out, "," .. nl) .. nl .. outer .. "]"
  end
  -- object
  local keys, map = {}, {}
  for k, v in pairs(t) do
    local ks = key_to_string(k)
    if map[ks] ~= nil then
      error(format("duplicate object key '%s' after conversion", ks), 0)
    end
    map[ks] = v
    keys[#keys + 1] = ks
  end
  if #keys == 0 then st.seen[t] = nil; return "{}" end
  if st.sort_keys then sort(keys) end
  for i, ks in ipairs(keys) do
    out[i] = inner .. encode_string(ks, st.escape_slash) .. colon ..
             encode_value(map[ks], st, depth + 1)
  end
  st.seen[t] = nil
  return "{" .. nl .. concat(out, "," .. nl) .. nl .. outer .. "}"
end

function encode_value(v, st, depth)
  local tv = type(v)
  if v == nil or v == json.null then return "null"
  elseif tv == "boolean" then return v and "true" or "false"
  elseif tv == "number" then return encode_number(v)
  elseif tv == "string" then return encode_string(v, st.escape_slash)
  elseif tv == "table" then
    if depth > st.max_depth then error("nesting too deep", 0) end
    return encode_table(v, st, depth)
  end
  error(format("cannot encode value of type %s", tv), 0)
end

function json.encode(value, opts)
  opts = opts or {}
  local st = {
    seen = {},
    indent = opts.indent,
    sort_keys = opts.sort_keys ~= false,
    escape_slash = opts.escape_slash or false,
    max_depth = opts.max_depth or 1000,
  }
  local ok, res = pcall(encode_value, value, st, 0)
  if not ok then
    error("json.encode: " .. tostring(res), 2)
  end
  return res
end

------------------------------------------------------------------------------
-- decoder
------------------------------------------------------------------------------

-- errors inside the decoder are raised as tables { msg = ..., pos = ... }
local DecodeError = {}
DecodeError.__index = DecodeError
DecodeError.__tostring = function(e)
  return format("%s at line %d, column %d (byte %d)", e.msg, e.line or 0, e.col or 0, e.pos)
end

local function fail(pos, msg, ...)
  error(setmetatable({ msg = format(msg, ...), pos = pos }, DecodeError), 0)
end

local function describe(s, pos)
  if pos > #s then return "end of input" end
  local c = sub(s, pos, pos)
  local b = byte(c)
  if b < 32 or b >= 127 then return format("byte 0x%02X", b) end
  return format("'%s'", c)
end

local function skip_ws(s, pos)
  local _, e = find(s, "^[ \t\r\n]*", pos)
  return e + 1
end

local decode_value

local simple_escapes = {
  [byte('"')] = '"', [byte('\\')] = '\\', [byte('/')] = '/',
  [byte('b')] = '\b', [byte('f')] = '\f', [byte('n')] = '\n',
  [byte('r')] = '\r', [byte('t')] = '\t',
}

local function read_hex4(s, pos)
  local hex = sub(s, pos, pos + 3)
  if not find(hex, "^%x%x%x%x$") then
    fail(pos, "invalid \\u escape (expected 4 hex digits)")
  end
  return tonumber(hex, 16)
end

local function decode_string(s, pos)
  -- pos points at the opening quote
  local parts, np = {}, 0
  local i = pos + 1
  while true do
    local j = find(s, '["\\%c]', i)
    if not j then fail(pos, "unterminated string") end
    if j > i then
      np = np + 1; parts[np] = sub(s, i, j - 1)
    end
    local b = byte(s, j)
    if b == 34 then -- closing quote
      return concat(parts), j + 1
    elseif b == 92 then -- backslash
      local e = byte(s, j + 1)
      if e == nil then fail(j, "unterminated string") end
      local simple = simple_escapes[e]
      if simple then
        np = np + 1; parts[np] = simple
        i = j + 2
      elseif e == 117 then -- 'u'
        local cp = read_hex4(s, j + 2)
        local nexti = j + 6
        if cp >= 0xD800 and cp <= 0xDBFF then
          if sub(s, nexti, nexti + 1) ~= "\\u" then
            fail(j, "unpaired high surrogate \\u%04X", cp)
          end
          local lo = read_hex4(s, nexti + 2)
          if lo < 0xDC00 or lo > 0xDFFF then
            fail(nexti, "invalid low surrogate \\u%04X after \\u%04X", lo, cp)
          end
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
          nexti = nexti + 6
        elseif cp >= 0xDC00 and cp <= 0xDFFF then
          fail(j, "unexpected low surrogate \\u%04X", cp)
        end
        np = np + 1; parts[np] = utf8.char(cp)
        i = nexti
      else
        fail(j, "invalid escape '\\%s'", char(e))
      end
    else
      fail(j, "control character (byte 0x%02X) in string", b)
    end
  end
end

local function decode_number(s, pos)
  local i = pos
  local is_float = false
  if byte(s, i) == 45 then i = i + 1 end -- '-'
  local c = byte(s, i)
  if c == 48 then -- '0'
    i = i + 1
  elseif c and c >= 49 and c <= 57 then
    local _, e = find(s, "^%d+", i)
    i = e + 1
  else
    fail(pos, "invalid number (expected digit but found %s)", describe(s, i))
  end
  if byte(s, i) == 46 then -- '.'
    local _, e = find(s, "^%d+", i + 1)
    if not e then fail(i + 1, "expected digit after decimal point") end
    i = e + 1
    is_float = true
  end
  c = byte(s, i)
  if c == 101 or c == 69 then -- 'e' / 'E'
    local _, e = find(s, "^[-+]?%d+", i + 1)
    if not e then fail(i + 1, "expected digits in exponent") end
    i = e + 1
    is_float = true
  end
  local text = sub(s, pos, i - 1)
  local n
  if is_float then
    n = tonumber(text) + 0.0
  else
    n = tonumber(text)
    -- integers outside the 64-bit range degrade to floats (tonumber already does)
  end
  if byte(s, i) and find(s, "^[%w_.]", i) then
    fail(i, "unexpected %s after number", describe(s, i))
  end
  return n, i
end

local literals = {
  [byte('t')] = { "true", true },
  [byte('f')] = { "false", false },
  [byte('n')] = { "null", nil },
}

local function decode_array(s, pos, st, depth)
  local arr, n = {}, 0
  local i = skip_ws(s, pos + 1)
  if byte(s, i) == 93 then return json.array(arr), i + 1 end -- ']'
  while true do
    local v
    v, i = decode_value(s, i, st, depth + 1)
    n = n + 1
    arr[n] = v
    i = skip_ws(s, i)
    local c = byte(s, i)
    if c == 93 then return json.array(arr), i + 1 end
    if c ~= 44 then
      fail(i, "expected ',' or ']' in array but found %s", describe(s, i))
    end
    i = skip_ws(s, i + 1)
    if byte(s, i) == 93 then fail(i, "trailing comma in array") end
  end
end

local function decode_object(s, pos, st, depth)
  local obj = {}
  local i = skip_ws(s, pos + 1)
  if byte(s, i) == 125 then return json.object(obj), i + 1 end -- '}'
  while true do
    if byte(s, i) ~= 34 then
      fail(i, "expected string key in object but found %s", describe(s, i))
    end
    local key
    key, i = decode_string(s, i)
    i = skip_ws(s, i)
    if byte(s, i) ~= 58 then
      fail(i, "expected ':' after object key but found %s", describe(s, i))
    end
    i = skip_ws(s, i + 1)
    local v
    v, i = decode_value(s, i, st, depth + 1)
    obj[key] = v
    i = skip_ws(s, i)
    local c = byte(s, i)
    if c == 125 then return json.object(obj), i + 1 end
    if c ~= 44 then
      fail(i, "expected ',' or '}' in object but found %s", describe(s, i))
    end
    i = skip_ws(s, i + 1)
    if byte(s, i) == 125 then fail(i, "trailing comma in object") end
  end
end

function decode_value(s, pos, st, depth)
  if depth > st.max_depth then fail(pos, "nesting too deep") end
  local c = byte(s, pos)
  if c == nil then fail(pos, "unexpected end of input") end
  if c == 123 then return decode_object(s, pos, st, depth)
  elseif c == 91 then return decode_array(s, pos, st, depth)
  elseif c == 34 then return decode_string(s, pos)
  elseif c == 45 or (c >= 48 and c <= 57) then return decode_number(s, pos)
  end
  local lit = literals[c]
  if lit then
    local word = lit[1]
    if sub(s, pos, pos + #word - 1) ~= word then
      local _, e = find(s, "^%a+", pos)
      fail(pos, "invalid literal '%s'", sub(s, pos, e))
    end
    local v = lit[2]
    if word == "null" then v = json.null end
    return v, pos + #word
  end
  fail(pos, "unexpected %s", describe(s, pos))
end

local function locate(s, pos)
  local line, last_nl = 1, 0
  for p in string.gmatch(sub(s, 1, pos - 1), "()\n") do
    line = line + 1
    last_nl = p
  end
  return line, pos - last_nl
end

function json.try_decode(s, opts)
  if type(s) ~= "string" then
    return nil, setmetatable({ msg = "expected a string, got " .. type(s), pos = 0, line = 0, col = 0 },
                             DecodeError)
  end
  local st = { max_depth = (opts and opts.max_depth) or 512 }
  local ok, res, pos = pcall(function()
    local valid, bad = utf8.len(s)
    if not valid then fail(bad, "invalid UTF-8 byte sequence") end
    local v, i = decode_value(s, skip_ws(s, 1), st, 0)
    i = skip_ws(s, i)
    if i <= #s then fail(i, "unexpected trailing %s", describe(s, i)) end
    return v, i
  end)
  if ok then return res end
  if getmetatable(res) ~= DecodeError then error(res, 0) end -- a real bug: propagate
  res.line, res.col = locate(s, res.pos)
  return nil, res
end

function json.decode(s, opts)
  local v, err = json.try_decode(s, opts)
  if err then error("json.decode: " .. tostring(err), 2) end
  return v
end

return json
