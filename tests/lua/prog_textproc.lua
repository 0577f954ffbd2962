-- a "real program": text processing -- word frequencies, a template engine,
-- an RFC-4180-ish CSV parser, a report generator and a few text utilities

local text = [[
It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness, it was
the spring of hope, it was the winter of despair, we had everything before us,
we had nothing before us, we were all going direct to Heaven, we were all going
direct the other way -- in short, the period was so far like the present period,
that some of its noisiest authorities insisted on its being received, for good or
for evil, in the superlative degree of comparison only.
]]

---------------------------------------------------------------------------
-- 1. word frequencies
---------------------------------------------------------------------------
local freq, total, order = {}, 0, {}
for word in text:gmatch("%a+") do
  local w = word:lower()
  total = total + 1
  if not freq[w] then order[#order + 1] = w; freq[w] = 0 end
  freq[w] = freq[w] + 1
end
table.sort(order, function(a, b)
  if freq[a] ~= freq[b] then return freq[a] > freq[b] end
  return a < b
end)
print(string.format("%d words, %d distinct", total, #order))
for i = 1, 12 do
  local w = order[i]
  print(string.format("%2d. %-10s %3d %5.1f%% %s", i, w, freq[w], 100 * freq[w] / total,
    string.rep("#", freq[w])))
end
-- letters histogram
local letters = {}
for c in text:lower():gmatch("%a") do letters[c] = (letters[c] or 0) + 1 end
local hist = {}
for c = string.byte("a"), string.byte("z") do
  local ch = string.char(c)
  if letters[ch] then hist[#hist + 1] = ch .. letters[ch] end
end
print(table.concat(hist, " "))
-- sentences / lines / longest words
local nlines = select(2, text:gsub("\n", ""))
local ncommas = select(2, text:gsub(",", ","))
local longest = {}
for w in text:gmatch("%a+") do
  if #w >= 11 then longest[#longest + 1] = w end
end
print(nlines, ncommas, table.concat(longest, ","))
-- positions with ()
local pos = {}
for p, w in text:gmatch("()(epoch)") do pos[#pos + 1] = p end
print("epoch at", table.concat(pos, ","), text:find("Darkness", 1, true), text:match("(%a+) of (%a+),", 200))

---------------------------------------------------------------------------
-- 2. template engine
---------------------------------------------------------------------------
local function render(tpl, env)
  -- {{#list}}...{{/list}} sections, {{name}} (escaped), {{{name}}} (raw),
  -- {{name|filter}} filters, {{.}} current item
  local filters = {
    upper = string.upper, lower = string.lower,
    len = function(s) return tostring(#s) end,
    title = function(s) return (s:gsub("(%a)(%w*)", function(a, b) return a:upper() .. b:lower() end)) end,
    money = function(n) return string.format("$%.2f", tonumber(n)) end,
    pad8 = function(s) return string.format("%-8s|", s) end,
  }
  local function lookup(ctx, name)
    if name == "." then return ctx["."] end
    local v = ctx
    for part in name:gmatch("[^%.]+") do
      if type(v) ~= "table" then return nil end
      v = v[part]
    end
    return v
  end
  local function escape(s)
    return (tostring(s):gsub("[<>&\"]", { ["<"] = "&lt;", [">"] = "&gt;", ["&"] = "&amp;", ['"'] = "&quot;" }))
  end
  local function expand(t, ctx)
    -- sections first (non-greedy match up to the matching close tag of the same name)
    t = t:gsub("{{#([%w_%.]+)}}(.-){{/%1}}", function(name, body)
      local v = lookup(ctx, name)
      if type(v) == "table" then
        local out = {}
        for i, item in ipairs(v) do
          local sub = setmetatable({ ["."] = item, index = i }, { __index = function(_, k)
            if type(item) == "table" and item[k] ~= nil then return item[k] end
            return ctx[k]
          end })
          out[#out + 1] = expand(body, sub)
        end
        return table.concat(out)
      elseif v then
        return expand(body, ctx)
      end
      return ""
    end)
    t = t:gsub("{{^([%w_%.]+)}}(.-){{/%1}}", function(name, body)
      local v = lookup(ctx, name)
      if not v or (type(v) == "table" and #v == 0) then return expand(body, ctx) end
      return ""
    end)
    t = t:gsub("{{{([%w_%.]+)}}}", function(name) return tostring(lookup(ctx, name) or "") end)
    t = t:gsub("{{([%w_%.]+)|?(%w*)}}", function(name, filter)
      local v = lookup(ctx, name)
      if v == nil then return "" end
      if filter ~= "" then
        local f = filters[filter] or error("unknown filter '" .. filter .. "'")
        v = f(tostring(v))
      end
      return escape(v)
    end)
    return t
  end
  return expand(tpl, env)
end

local tpl = [[
Dear {{name|title}},
Your order #{{order.id}} ({{order.items|len}} chars of items?) contains:
{{#order.lines}}  {{index}}. {{sku|pad8}} x{{qty}} @ {{price|money}}
{{/order.lines}}{{^order.coupons}}No coupons applied.
{{/order.coupons}}{{#vip}}Thanks for being a VIP, {{name|upper}}!
{{/vip}}Note: {{note}} / raw: {{{note}}}
Tags: {{#tags}}[{{.}}]{{/tags}}
]]
print(render(tpl, {
  name = "aDA lovelace",
  vip = true,
  note = "<b>fragile</b> & \"heavy\"",
  tags = { "math", "engines", "poetry" },
  order = {
    id = 1843, items = "abc",
    lines = {
      { sku = "ENG-1", qty = 1, price = 1999.5 },
      { sku = "CARD", qty = 250, price = 0.125 },
      { sku = "OIL", qty = 3, price = 7 },
    },
    coupons = {},
  },
}))
print(pcall(render, "{{x|nope}}", { x = 1 }))

---------------------------------------------------------------------------
-- 3. CSV parser
---------------------------------------------------------------------------
local function parse_csv(s, sep)
  sep = sep or ","
  local rows, row, field = {}, {}, {}
  local i, n = 1, #s
  local in_quotes = false
  local line = 1
  while i <= n do
    local c = s:sub(i, i)
    if in_quotes then
      if c == '"' then
        if s:sub(i + 1, i + 1) == '"' then
          field[#field + 1] = '"'; i = i + 1
        else
          in_quotes = false
        end
      else
        if c == "\n" then line = line + 1 end
        field[#field + 1] = c
      end
    else
      if c == '"' then
        if #field > 0 then error(string.format("line %d: unexpected quote in unquoted field", line), 0) end
        in_quotes = true
      elseif c == sep then
        row[#row + 1] = table.concat(field); field = {}
      elseif c == "\r" and s:sub(i + 1, i + 1) == "\n" then
        -- CRLF: handled by the \n branch next iteration
      elseif c == "\n" then
        row[#row + 1] = table.concat(field); field = {}
        rows[#rows + 1] = row; row = {}
        line = line + 1
      else
        field[#field + 1] = c
      end
    end
    i = i + 1
  end
  if in_quotes then error(string.format("line %d: unterminated quoted field", line), 0) end
  if #field > 0 or #row > 0 then
    row[#row + 1] = table.concat(field)
    rows[#rows + 1] = row
  end
  return rows
end

local csv = 'name,dept,salary,start,notes\r\n' ..
  'Alice,Engineering,120000,2019-03-01,"likes ""Lua"", hates YAML"\r\n' ..
  'Bob,Sales,65000.50,2020-11-15,\n' ..
  '"Carol, Jr.",Engineering,135000,2017-06-30,"multi\nline note"\n' ..
  'Dan,Sales,72000,2021-01-04,""\n' ..
  'Eve,Security,99000,2018-09-09,"trailing space "\n' ..
  'Frank,Engineering,101000,2022-02-28,x'
local rows = parse_csv(csv)
local header = table.remove(rows, 1)
print(#rows .. " rows; header: " .. table.concat(header, "|"))
local records = {}
for r, row in ipairs(rows) do
  local rec = {}
  for i, h in ipairs(header) do rec[h] = row[i] end
  records[r] = rec
  print(string.format("%-12s %-12s %10.2f %s %q", rec.name, rec.dept, tonumber(rec.salary), rec.start, rec.notes))
end
for _, bad in ipairs({ 'a,"b\nc', 'a,b"c",d', '"ok",x\n' }) do
  local ok, res = pcall(parse_csv, bad)
  print(ok, ok and (#res .. " rows, " .. #res[1] .. " fields") or res)
end
print(#parse_csv("a;b;;c\n;\n", ";")[1], #parse_csv("a;b;;c\n;\n", ";")[2])

---------------------------------------------------------------------------
-- 4. report: group by department
---------------------------------------------------------------------------
local depts, dnames = {}, {}
for _, rec in ipairs(records) do
  local d = depts[rec.dept]
  if not d then
    d = { n = 0, total = 0, names = {}, earliest = rec.start }
    depts[rec.dept] = d
    dnames[#dnames + 1] = rec.dept
  end
  d.n = d.n + 1
  d.total = d.total + tonumber(rec.salary)
  d.names[#d.names + 1] = rec.name
  if rec.start < d.earliest then d.earliest = rec.start end
end
table.sort(dnames)
print(string.rep("=", 60))
print(string.format("%-12s|%3s|%12s|%12s|%s", "dept", "n", "total", "average", "earliest"))
print(string.rep("-", 60))
for _, name in ipairs(dnames) do
  local d = depts[name]
  table.sort(d.names)
  print(string.format("%-12s|%3d|%12.2f|%12.2f|%s", name, d.n, d.total, d.total / d.n, d.earliest))
  print("    " .. table.concat(d.names, "; "))
end
print(string.rep("=", 60))
-- dates: parse with patterns, compute day-of-year
local function day_of_year(date)
  local y, m, d = date:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  local mdays = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
  if (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0 then mdays[2] = 29 end
  local doy = d
  for i = 1, m - 1 do doy = doy + mdays[i] end
  return y, doy
end
for _, rec in ipairs(records) do
  local y, doy = day_of_year(rec.start)
  io.write(string.format("%s:%d/%03d ", rec.name:match("^%a+"), y, doy))
end
print()

---------------------------------------------------------------------------
-- 5. utilities: wrap, justify, caesar, run-length encoding, trim, split
---------------------------------------------------------------------------
local function wrap(s, width)
  local lines, line = {}, ""
  for word in s:gmatch("%S+") do
    if #line + #word + 1 > width and #line > 0 then
      lines[#lines + 1] = line; line = word
    else
      line = (#line > 0) and (line .. " " .. word) or word
    end
  end
  if #line > 0 then lines[#lines + 1] = line end
  return lines
end
local function justify(line, width)
  local words = {}
  for w in line:gmatch("%S+") do words[#words + 1] = w end
  if #words < 2 then return line end
  local letters = #table.concat(words)
  local gaps = #words - 1
  local spaces = width - letters
  local out = {}
  for i, w in ipairs(words) do
    out[#out + 1] = w
    if i <= gaps then
      local n = spaces // gaps + ((i <= spaces % gaps) and 1 or 0)
      out[#out + 1] = string.rep(" ", n)
    end
  end
  return table.concat(out)
end
local wrapped = wrap(text, 38)
for i, l in ipairs(wrapped) do
  print("|" .. (i < #wrapped and justify(l, 38) or string.format("%-38s", l)) .. "|")
end

local function caesar(s, k)
  return (s:gsub("%a", function(c)
    local base = c:match("%l") and 97 or 65
    return string.char((c:byte() - base + k) % 26 + base)
  end))
end
local secret = caesar("Hello, World! Lua 5.4", 13)
print(secret, caesar(secret, 13), caesar("xyz ABC", -3))

local function rle(s)
  local out = {}
  local i = 1
  while i <= #s do
    local c = s:sub(i, i)
    local j = i
    while s:sub(j + 1, j + 1) == c do j = j + 1 end
    local n = j - i + 1
    out[#out + 1] = (n > 1 and tostring(n) or "") .. c
    i = j + 1
  end
  return table.concat(out)
end
local function unrle(s)
  return (s:gsub("(%d*)(%D)", function(n, c) return c:rep(n == "" and 1 or tonumber(n)) end))
end
for _, s in ipairs({ "aaabccddddde", "WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW", "abc", "" }) do
  local e = rle(s)
  print(e, unrle(e) == s)
end

local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end
local function split(s, sep, plain)
  local out, i = {}, 1
  while true do
    local a, b = s:find(sep, i, plain)
    if not a then out[#out + 1] = s:sub(i); break end
    out[#out + 1] = s:sub(i, a - 1)
    i = b + 1
  end
  return out
end
print("[" .. trim("  \t padded \n ") .. "]", table.concat(split("a.b..c.", ".", true), "|"),
  table.concat(split("k1 = v1;  k2=v2 ;k3 =v3", "%s*;%s*"), "|"))
local kv = {}
for k, v in ("k1 = v1;  k2=v2 ;k3 =v3"):gmatch("(%w+)%s*=%s*(%w+)") do kv[#kv + 1] = k .. "->" .. v end
print(table.concat(kv, ", "))
-- frontier pattern, balanced match, anchors, captures
print(("THE (quick) fox"):find("%f[%a]%a+%f[%A]"), ("f(a(b)c)d"):match("%b()"),
  ("hello world from lua"):gsub("(%w+) (%w+)", "%2 %1"))
print(string.format("%5s|%-5s|%05d|%x|%X|%o|%e|%g|%c%c", "ab", "cd", 42, 255, 255, 8, 12345.678, 1e20, 76, 117))
