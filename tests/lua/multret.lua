-- Multiple returns and adjustment in every position.

local function none() end
local function one() return 1 end
local function two() return 1, 2 end
local function three() return 1, 2, 3 end
local function n(...) return select('#', ...) end

-- as the last argument: all values
print(n(three()), n(two()), n(none()), n(one()))
-- not last: truncated to one
print(n(three(), 10), n(none(), 10), n(three(), three()))
-- parenthesised: exactly one
print(n((three())), n((none())), (three()))
-- in the middle of a list of expressions
print(three(), "x", three())

-- local assignment adjustment
local a, b, c, d = three()
print(a, b, c, d)
local e, f = three()
print(e, f)
local g, h, i = three(), 10
print(g, h, i)
local j, k, l = 10, three()
print(j, k, l)
local m, o = (three())
print(m, o)
local p, q = none()
print(p, q)
local r, s, t = none(), three()
print(r, s, t)

-- global/field assignment adjustment
local tt = {}
tt.x, tt.y, tt.z = two()
print(tt.x, tt.y, tt.z)
tt[1], tt[2] = three(), "last"
print(tt[1], tt[2])

-- table constructors
local t1 = {three()}
print(#t1, t1[1], t1[3])
local t2 = {three(), three()}
print(#t2, t2[1], t2[2], t2[4])
local t3 = {three(), "x"}
print(#t3, t3[1], t3[2])
local t4 = {(three())}
print(#t4)
local t5 = {none()}
print(#t5)
local t6 = {x = three(), three()}
print(t6.x, #t6)
local t7 = {three(), nil}
print(#t7)

-- return statements
local function ret_all() return three() end
local function ret_paren() return (three()) end
local function ret_mid() return three(), three() end
local function ret_none() return none() end
print(n(ret_all()), n(ret_paren()), n(ret_mid()), n(ret_none()))
print(ret_mid())

-- method calls and string library in tail position
local obj = {}
function obj:vals() return self, 1, 2 end
print(n(obj:vals()), select(2, obj:vals()))
print(n(("abc"):byte(1, -1)), ("abc"):byte(1, -1))

-- concat / arithmetic use only the first value
print(three() + 10, three() .. "", -three(), #{three()})

-- comparison with multiple results
print(three() == 1, two() < 2)

-- multiple returns through pcall
print(pcall(three))
print(n(pcall(none)), n(pcall(three)))
print(select('#', pcall(error)))

-- in for-in explist
local function iter3() return function(_, i) if i < 3 then return i + 1 end end, nil, 0 end
local seen = {}
for v in iter3() do seen[#seen + 1] = v end
print(table.concat(seen, " "))

-- string.gsub returns two values; adjusting to one
print(string.gsub("hello", "l", "L"))
print((string.gsub("hello", "l", "L")))
local s1 = string.gsub("aaa", "a", "b") .. "!"
print(s1)

-- assigning more values than targets, evaluating all
local cnt = 0
local function side() cnt = cnt + 1; return cnt end
local x1 = side(), side(), side()
print(x1, cnt)

-- large multiple return
local function many()
  return 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
         21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
         41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60
end
print(n(many()), select(60, many()), #{many()}, #{many(), many()})
local big = {many(), many(), many()}
print(#big, big[62], big[122])

-- table.unpack of large ranges into calls
local arr = {}
for idx = 1, 250 do arr[idx] = idx end
print(n(table.unpack(arr)), math.max(table.unpack(arr)))
