#!/usr/bin/env luajit
-- A shebang line, scoping, evaluation order, names that are keywords only in Terra code.
print("== shebang skipped; line numbers still count it", debug.getinfo(1, "l").currentline)

print("== local scoping and shadowing")
local x = 1
do
  local x = x + 1
  print("inner", x)
  do local x = x * 10; print("innermost", x) end
  print("inner again", x)
end
print("outer", x)
local x = "redeclared"
print(x)
local a, a2 = 1, 2
local function f() return a end
a = 5
print(f(), a2)

print("== evaluation order of assignment")
local t = {}
local i = 1
i, t[i] = i + 1, "assigned"
print(i, t[1], t[2])
local log = {}
local function v(n) log[#log + 1] = n; return n end
local r = {v(1), v(2), [v(30)] = v(4), v(5)}
print(table.concat(log, " "), r[1], r[2], r[3], r[30])
log = {}
local sum = v(1) + v(2) * v(3)
print(sum, table.concat(log, " "))
local p, q = 1, 2
p, q = q, p
print(p, q)

print("== names that are Terra-only words are plain identifiers in Lua")
local emit, global, constant, macro, symbol, label = 1, 2, 3, 4, 5, 6
print(emit + global + constant + macro + symbol + label)
local tuple, vector, array, sizeof, int, double = "t", "v", "a", "s", "i", "d"
print(tuple .. vector .. array .. sizeof .. int .. double)
local rec = {emit = 1, global = 2, int = 3, double = 4, vector = 5, label = 6}
print(rec.emit, rec.global, rec.int, rec.double, rec.vector, rec.label)
local function methodnames() return {new = function() return "new" end, type = function() return "type" end} end
print(methodnames().new(), methodnames().type())
local function params(goto_, in_, ...) return goto_, in_, ... end
print(params(1, 2, 3))

print("== strings and keys")
local keys = {[1] = "int one", ["1"] = "string one", [1.5] = "float", [true] = "bool"}
print(keys[1], keys["1"], keys[1.5], keys[true], keys[2 - 1], keys[3 / 2])
local nested = {a = {b = {c = "deep"}}}
local k1, k2, k3 = "a", "b", "c"
print(nested[k1][k2][k3], nested.a["b"].c)

print("== numeric for with float steps")
local cnt = 0
for _ = 0, 1, 0.1 do cnt = cnt + 1 end
print(cnt)
for v2 = 3, 1, -0.5 do io.write(v2, " ") end print()
for v3 = -2, 2 do io.write(v3, " ") end print()
for v4 = 2^52 - 2, 2^52 do io.write(string.format("%.0f ", v4)) end print()

print("== integer-like float keys")
local ft = {}
ft[1] = "a"; ft[2.0] = "b"; ft[3] = "c"
print(#ft, ft[2], ft[1.0])

print("== nested functions and recursion")
local function ackermann(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ackermann(m - 1, 1) end
  return ackermann(m - 1, ackermann(m, n - 1))
end
print(ackermann(2, 3), ackermann(3, 3))
local function hanoi(n, from, to, via, moves)
  if n == 0 then return moves end
  hanoi(n - 1, from, via, to, moves)
  moves[#moves + 1] = from .. to
  return hanoi(n - 1, via, to, from, moves)
end
local mv = hanoi(4, "A", "C", "B", {})
print(#mv, table.concat(mv, " ", 1, 7))
local function mutual(n)
  local isEven, isOdd
  function isEven(k) if k == 0 then return true end return isOdd(k - 1) end
  function isOdd(k) if k == 0 then return false end return isEven(k - 1) end
  return isEven(n), isOdd(n)
end
print(mutual(10), mutual(7))

print("== string building")
local parts = {}
for n = 1, 20 do parts[#parts + 1] = n % 3 == 0 and "fizz" or tostring(n) end
print(table.concat(parts, ","))
local acc = ""
for n = 1, 5 do acc = acc .. n .. (n < 5 and "-" or "") end
print(acc)

print("== globals")
newglobalvalue = 42
print(newglobalvalue, rawget(_G, "newglobalvalue"), _G.newglobalvalue)
print(undefined_thing_xyz, rawget(_G, "undefined_thing_xyz"))
newglobalvalue = nil
print(newglobalvalue)
print(type(_G), _G._G == _G, type(_VERSION))
-- the file ends without a trailing newline and with a comment
print("last line") -- trailing comment