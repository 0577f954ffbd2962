//! Snapshot tests: instruction selection, checked against luac 5.4 (minus MMBIN*).

mod common;
use common::check;

#[test]
fn locals_and_globals() {
    check(
        r##"local a, b = 1, 2
local c
x = a
y = x
a, b = b, a
local d = a"##,
        r##"
main <test:0,0>
VARARGPREP 0
LOADI 0 1
LOADI 1 2
LOADNIL 2 0 ; 1 out
SETTABUP 0 0 0 ; _ENV "x"
GETTABUP 3 0 0 ; _ENV "x"
SETTABUP 0 1 3 ; _ENV "y"
MOVE 3 1
MOVE 1 0
MOVE 0 3
MOVE 3 0
RETURN0
"##,
    );
}

#[test]
fn arith_k_and_immediates() {
    check(
        r##"local a = ...
return a + 1, a - 1, a * 2, a / 2.5, a // 3, a % 4, a ^ 2, a + 1000, a - 128, 1 + a, 2 * a, a & 1, 1 | a, a ~ 5, a << 1, a >> 2, 3 << a, a << 200"##,
        r##"
main <test:0,0>
VARARGPREP 0
VARARG 0 2 ; 1 out
ADDI 1 0 1
ADDI 2 0 -1k
MULK 3 0 0 ; 2
DIVK 4 0 1 ; 2.5
IDIVK 5 0 2 ; 3
MODK 6 0 3 ; 4
POWK 7 0 0 ; 2
ADDK 8 0 4 ; 1000
SUBK 9 0 5 ; 128
ADDK 10 0 6k ; 1 flip
MULK 11 0 0k ; 2 flip
BANDK 12 0 6 ; 1
BORK 13 0 6k ; 1 flip
BXORK 14 0 7 ; 5
SHRI 15 0 -1k
SHRI 16 0 2
SHLI 17 0 3
LOADI 18 200
SHL 18 0 18
RETURN 1 19 1 ; 18 out
RETURN0
"##,
    );
}

#[test]
fn constant_folding() {
    check(
        r##"return 1 + 2, 2 ^ 10, 7 // 2, 7.5 // 2, -7 % 3, 1 << 62, ~5, -(-3), 1 / 2, 3 - 1.5, 1 / 0, 1 // 0, 0 / 0, -0.0, 1.0 - 1.0, 1 & 1.5, 2.0 | 1"##,
        r##"
main <test:0,0>
VARARGPREP 0
LOADI 0 3
LOADF 1 1024
LOADI 2 3
LOADF 3 3
LOADI 4 2
LOADK 5 0 ; 4611686018427387904
LOADI 6 -6
LOADI 7 3
LOADK 8 1 ; 0.5
LOADK 9 2 ; 1.5
LOADI 10 1
DIVK 10 10 3 ; 0
LOADI 11 1
IDIVK 11 11 3 ; 0
LOADI 12 0
DIVK 12 12 3 ; 0
LOADF 13 0
UNM 13 13
LOADF 14 1
SUBK 14 14 4 ; 1.0
LOADK 15 2 ; 1.5
BANDK 15 15 5k ; 1 flip
LOADI 16 3
RETURN 0 18 1 ; 17 out
RETURN0
"##,
    );
}

#[test]
fn compare_if() {
    check(
        r##"local a, b = ...
if a < b then f() elseif a <= 1 then g() elseif 2.0 > a then h() elseif a == "s" then f() elseif a ~= 3 then g() end"##,
        r##"
main <test:0,0>
VARARGPREP 0
VARARG 0 3 ; 2 out
LT 0 1 0
JMP 3 ; to 8
GETTABUP 2 0 0 ; _ENV "f"
CALL 2 1 1 ; 0 in 0 out
JMP 19 ; to 27
LEI 0 1 0
JMP 3 ; to 13
GETTABUP 2 0 1 ; _ENV "g"
CALL 2 1 1 ; 0 in 0 out
JMP 14 ; to 27
LTI 0 2 0
JMP 3 ; to 18
GETTABUP 2 0 2 ; _ENV "h"
CALL 2 1 1 ; 0 in 0 out
JMP 9 ; to 27
EQK 0 3 0 ; "s"
JMP 3 ; to 23
GETTABUP 2 0 0 ; _ENV "f"
CALL 2 1 1 ; 0 in 0 out
JMP 4 ; to 27
EQI 0 3 1
JMP 2 ; to 27
GETTABUP 2 0 1 ; _ENV "g"
CALL 2 1 1 ; 0 in 0 out
RETURN0
"##,
    );
}

#[test]
fn while_repeat() {
    check(
        r##"local i = 0
while i < 10 do i = i + 1 end
repeat i = i - 1 until i == 0"##,
        r##"
main <test:0,0>
VARARGPREP 0
LOADI 0 0
LTI 0 10 0
JMP 2 ; to 7
ADDI 0 0 1
JMP -4 ; to 3
ADDI 0 0 -1k
EQI 0 0 0
JMP -3 ; to 7
RETURN0
"##,
    );
}

#[test]
fn and_or() {
    check(
        r##"local a, b, c = ...
local x = a and b or c
local y = not a
if a and (b or c) then f() end
return a < b or c"##,
        r##"
main <test:0,0>
VARARGPREP 0
VARARG 0 4 ; 3 out
TEST 0 0
JMP 2 ; to 7
TESTSET 3 1 1
JMP 1 ; to 8
MOVE 3 2
NOT 4 0
TEST 0 0
JMP 6 ; to 17
TEST 1 1
JMP 2 ; to 15
TEST 2 0
JMP 2 ; to 17
GETTABUP 5 0 0 ; _ENV "f"
CALL 5 1 1 ; 0 in 0 out
LT 0 1 1
JMP 3 ; to 22
MOVE 5 2
JMP 2 ; to 23
LFALSESKIP 5
LOADTRUE 5
RETURN1 5
RETURN0
"##,
    );
}

#[test]
fn numeric_for() {
    check(
        r##"for i = 1, 10 do f(i) end
for i = 10, 1, -1 do f(i) end"##,
        r##"
main <test:0,0>
VARARGPREP 0
LOADI 0 1
LOADI 1 10
LOADI 2 1
FORPREP 0 3 ; exit to 10
GETTABUP 4 0 0 ; _ENV "f"
MOVE 5 3
CALL 4 2 1 ; 1 in 0 out
FORLOOP 0 4 ; to 6
LOADI 0 10
LOADI 1 1
LOADI 2 -1
FORPREP 0 3 ; exit to 18
GETTABUP 4 0 0 ; _ENV "f"
MOVE 5 3
CALL 4 2 1 ; 1 in 0 out
FORLOOP 0 4 ; to 14
RETURN0
"##,
    );
}

#[test]
fn generic_for() {
    check(
        r##"for k, v in pairs(t) do f(k, v) end"##,
        r##"
main <test:0,0>
VARARGPREP 0
GETTABUP 0 0 0 ; _ENV "pairs"
GETTABUP 1 0 1 ; _ENV "t"
CALL 0 2 5 ; 1 in 4 out
TFORPREP 0 4 ; to 10
GETTABUP 6 0 2 ; _ENV "f"
MOVE 7 4
MOVE 8 5
CALL 6 3 1 ; 2 in 0 out
TFORCALL 0 2
TFORLOOP 0 6 ; to 6
CLOSE 0
RETURN 0 1 1k ; 0 out
"##,
    );
}

#[test]
fn closures_upvalues() {
    check(
        r##"local n = 0
local function inc(d)
  n = n + d
  return function() return n, d end
end
return inc"##,
        r##"
main <test:0,0>
VARARGPREP 0
LOADI 0 0
CLOSURE 1 0 ; function <test:2,5>
RETURN 1 2 1k ; 1 out
RETURN 2 1 1k ; 0 out
function <test:2,5>
GETUPVAL 1 0 ; n
ADD 1 1 0
SETUPVAL 1 0 ; n
CLOSURE 1 0 ; function <test:4,4>
RETURN 1 2 0k ; 1 out
RETURN 1 1 0k ; 0 out
function <test:4,4>
GETUPVAL 0 0 ; n
GETUPVAL 1 1 ; d
RETURN 0 3 0 ; 2 out
RETURN0
"##,
    );
}

#[test]
fn varargs() {
    check(
        r##"local function f(a, ...)
  local t = {...}
  local x, y = ...
  g(...)
  return select('#', ...), ...
end"##,
        r##"
main <test:0,0>
VARARGPREP 0
CLOSURE 0 0 ; function <test:1,6>
RETURN0
function <test:1,6>
VARARGPREP 1
NEWTABLE 1 0 0 ; 0
EXTRAARG 0
VARARG 2 0 ; all out
SETLIST 1 0 0
VARARG 2 3 ; 2 out
GETTABUP 4 0 0 ; _ENV "g"
VARARG 5 0 ; all out
CALL 4 0 1 ; all in 0 out
GETTABUP 4 0 1 ; _ENV "select"
LOADK 5 2 ; "#"
VARARG 6 0 ; all out
CALL 4 0 2 ; all in 1 out
VARARG 5 0 ; all out
RETURN 4 0 2 ; all out
RETURN0
"##,
    );
}

#[test]
fn method_calls() {
    check(
        r##"local obj = ...
obj:m(1, 2)
obj.a.b:m2("x")
return obj:m3()"##,
        r##"
main <test:0,0>
VARARGPREP 0
VARARG 0 2 ; 1 out
SELF 1 0 0k ; "m"
LOADI 3 1
LOADI 4 2
CALL 1 4 1 ; 3 in 0 out
GETFIELD 1 0 1 ; "a"
GETFIELD 1 1 2 ; "b"
SELF 1 1 3k ; "m2"
LOADK 3 4 ; "x"
CALL 1 3 1 ; 2 in 0 out
SELF 1 0 5k ; "m3"
TAILCALL 1 2 1 ; 1 in
RETURN 1 0 1 ; all out
RETURN0
"##,
    );
}

#[test]
fn table_constructors() {
    check(
        r##"local t = {1, 2, 3, x = 1, ["y"] = 2, [10] = 3, f()}
local u = {f(), g(), ...}"##,
        r##"
main <test:0,0>
VARARGPREP 0
NEWTABLE 0 3 3 ; 3
EXTRAARG 0
LOADI 1 1
LOADI 2 2
LOADI 3 3
SETFIELD 0 0 1k ; "x" 1
SETFIELD 0 2 3k ; "y" 2
SETI 0 10 4k ; 3
GETTABUP 4 0 5 ; _ENV "f"
CALL 4 1 0 ; 0 in all out
SETLIST 0 0 0
NEWTABLE 1 0 2 ; 2
EXTRAARG 0
GETTABUP 2 0 5 ; _ENV "f"
CALL 2 1 2 ; 0 in 1 out
GETTABUP 3 0 6 ; _ENV "g"
CALL 3 1 2 ; 0 in 1 out
VARARG 4 0 ; all out
SETLIST 1 0 0
RETURN0
"##,
    );
}

#[test]
fn setlist_batches() {
    check(
        r##"local t = {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55}"##,
        r##"
main <test:0,0>
VARARGPREP 0
NEWTABLE 0 0 55 ; 55
EXTRAARG 0
LOADI 1 1
LOADI 2 2
LOADI 3 3
LOADI 4 4
LOADI 5 5
LOADI 6 6
LOADI 7 7
LOADI 8 8
LOADI 9 9
LOADI 10 10
LOADI 11 11
LOADI 12 12
LOADI 13 13
LOADI 14 14
LOADI 15 15
LOADI 16 16
LOADI 17 17
LOADI 18 18
LOADI 19 19
LOADI 20 20
LOADI 21 21
LOADI 22 22
LOADI 23 23
LOADI 24 24
LOADI 25 25
LOADI 26 26
LOADI 27 27
LOADI 28 28
LOADI 29 29
LOADI 30 30
LOADI 31 31
LOADI 32 32
LOADI 33 33
LOADI 34 34
LOADI 35 35
LOADI 36 36
LOADI 37 37
LOADI 38 38
LOADI 39 39
LOADI 40 40
LOADI 41 41
LOADI 42 42
LOADI 43 43
LOADI 44 44
LOADI 45 45
LOADI 46 46
LOADI 47 47
LOADI 48 48
LOADI 49 49
LOADI 50 50
SETLIST 0 50 0
LOADI 1 51
LOADI 2 52
LOADI 3 53
LOADI 4 54
LOADI 5 55
SETLIST 0 5 50
RETURN0
"##,
    );
}

#[test]
fn goto_labels() {
    check(
        r##"for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    f(i, j)
    ::continue::
  end
end
do
  local k = 0
  ::top::
  local x = k
  g(function() return x end)
  k = k + 1
  if k < 3 then goto top end
end"##,
        r##"
main <test:0,0>
VARARGPREP 0
LOADI 0 1
LOADI 1 3
LOADI 2 1
FORPREP 0 12 ; exit to 19
LOADI 4 1
LOADI 5 3
LOADI 6 1
FORPREP 4 7 ; exit to 18
EQI 7 2 0
JMP 1 ; to 13
JMP 4 ; to 17
GETTABUP 8 0 0 ; _ENV "f"
MOVE 9 3
MOVE 10 7
CALL 8 3 1 ; 2 in 0 out
FORLOOP 4 8 ; to 10
FORLOOP 0 13 ; to 6
LOADI 0 0
MOVE 1 0
GETTABUP 2 0 1 ; _ENV "g"
CLOSURE 3 0 ; function <test:12,12>
CALL 2 2 1 ; 1 in 0 out
ADDI 0 0 1
LTI 0 3 0
JMP 2 ; to 29
CLOSE 1
JMP -9 ; to 20
CLOSE 0
RETURN 0 1 1k ; 0 out
function <test:12,12>
GETUPVAL 0 0 ; x
RETURN1 0
RETURN0
"##,
    );
}

#[test]
fn const_and_close() {
    check(
        r##"local K <const> = 10
local S <const> = "str"
local T <const> = {}
local function f() return K * 2, S, T end
do
  local c <close> = f()
  g(c)
end"##,
        r##"
main <test:0,0>
VARARGPREP 0
NEWTABLE 0 0 0 ; 0
EXTRAARG 0
CLOSURE 1 0 ; function <test:4,4>
MOVE 2 1
CALL 2 1 2 ; 0 in 1 out
TBC 2
GETTABUP 3 0 0 ; _ENV "g"
MOVE 4 2
CALL 3 2 1 ; 1 in 0 out
CLOSE 2
RETURN 2 1 1k ; 0 out
function <test:4,4>
LOADI 0 20
LOADK 1 0 ; "str"
GETUPVAL 2 0 ; T
RETURN 0 4 0 ; 3 out
RETURN0
"##,
    );
}

#[test]
fn env_local() {
    check(
        r##"local _ENV = {print = print}
x = 1
print(x)"##,
        r##"
main <test:0,0>
VARARGPREP 0
NEWTABLE 0 1 0 ; 0
EXTRAARG 0
GETTABUP 1 0 0 ; _ENV "print"
SETFIELD 0 0 1 ; "print"
SETFIELD 0 1 2k ; "x" 1
GETFIELD 1 0 0 ; "print"
GETFIELD 2 0 1 ; "x"
CALL 1 2 1 ; 1 in 0 out
RETURN0
"##,
    );
}

#[test]
fn tailcall_and_returns() {
    check(
        r##"local function f(x) return g(x) end
local function h() return end
local function k(a) return a end
local function m(a, b) return a, b end
local function n() do local c <close> = 1 return g() end end"##,
        r##"
main <test:0,0>
VARARGPREP 0
CLOSURE 0 0 ; function <test:1,1>
CLOSURE 1 1 ; function <test:2,2>
CLOSURE 2 2 ; function <test:3,3>
CLOSURE 3 3 ; function <test:4,4>
CLOSURE 4 4 ; function <test:5,5>
RETURN0
function <test:1,1>
GETTABUP 1 0 0 ; _ENV "g"
MOVE 2 0
TAILCALL 1 2 0 ; 1 in
RETURN 1 0 0 ; all out
RETURN0
function <test:2,2>
RETURN0
RETURN0
function <test:3,3>
RETURN1 0
RETURN0
function <test:4,4>
MOVE 2 0
MOVE 3 1
RETURN 2 3 0 ; 2 out
RETURN0
function <test:5,5>
LOADI 0 1
TBC 0
GETTABUP 1 0 0 ; _ENV "g"
CALL 1 1 0 ; 0 in all out
RETURN 1 0 0k ; all out
CLOSE 0
RETURN 0 1 0k ; 0 out
"##,
    );
}

#[test]
fn assignment_conflicts() {
    check(
        r##"local a, t = 1, {}
t[a], a = 1, 2
local function u() t.x, t = 1, 2 end"##,
        r##"
main <test:0,0>
VARARGPREP 0
LOADI 0 1
NEWTABLE 1 0 0 ; 0
EXTRAARG 0
MOVE 2 0
LOADI 3 1
LOADI 0 2
SETTABLE 1 2 3
CLOSURE 2 0 ; function <test:3,3>
RETURN 3 1 1k ; 0 out
function <test:3,3>
GETUPVAL 0 0 ; t
LOADI 1 1
LOADI 2 2
SETUPVAL 2 0 ; t
SETFIELD 0 0 1 ; "x"
RETURN0
"##,
    );
}

#[test]
fn concat() {
    check(
        r##"local a, b = ...
return a .. b .. "c", (a .. b) .. "c" "##,
        r##"
main <test:0,0>
VARARGPREP 0
VARARG 0 3 ; 2 out
MOVE 2 0
MOVE 3 1
LOADK 4 0 ; "c"
CONCAT 2 3
MOVE 3 0
MOVE 4 1
CONCAT 3 2
LOADK 4 0 ; "c"
CONCAT 3 2
RETURN 2 3 1 ; 2 out
RETURN0
"##,
    );
}
