-- Basic values, type(), tostring/tonumber, number formatting, coercions.
print("== types")
print(type(nil), type(true), type(false), type(0), type(""), type({}), type(print), type(type))
print(type(coroutine.create(function() end)), type(newproxy()), type(io.stdout))
print(nil, true, false)

print("== number formatting")
print(1e15, 2^53, 0/0 ~= 0/0, -0.0, 1/0)
print(-1/0, 1e100, 1e-100, 123456789012347, 1e14, 1e16)
print(0.1, 1/3, -2/3, 100, -100, 3.0, -3.5, 2^63, 2^-1074 > 0)
print(255, 0xff, 0XFF, 1e2, 1E2, .5, 5., 3e-2)
print(7 / 2, 7 % 2, -7 % 2, 7 % -2, 5.5 % 2, 2^10, 2^0.5)
print(math.huge, -math.huge, math.huge == 1/0)
print(1e308 * 10, -1e308 * 10)
print(tostring(12), tostring(12.5), tostring(-0.0), tostring(1e300))
print(string.format("%.17g", 0.1), string.format("%.3f", 2/3))

print("== tonumber")
print(tonumber("10"), tonumber("  10  "), tonumber("0x1F"), tonumber("1e3"), tonumber("10", 2))
print(tonumber("ff", 16), tonumber("zz", 36), tonumber("777", 8), tonumber("8", 8))
print(tonumber("abc"), tonumber(""), tonumber(" "), tonumber("1 2"), tonumber(nil))
print(tonumber("  -7  "), tonumber("-0x10"), tonumber(".5"), tonumber("5."), tonumber("1e"))
print(tonumber(42), tonumber("0x"), tonumber("1e+2"), tonumber("inf"), tonumber("nan"))

print("== string coercion")
print("10" + 1, "3" * "4", "2" ^ "3", "10" / 4, "7" % "4", -"5")
print(10 .. "x", 1.5 .. "", "a" .. 1 .. 2, 2 .. 3)
print("0x10" + 0, " 5 " + 1, "1e1" * 1)
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return {} .. "x" end))
print(10 == "10", "10" == "10", 0 == -0)
print(pcall(function() return 1 < "2" end))
print("a" < "b", "abc" < "abd", "Z" < "a", "" < "a", "a" < "aa")

print("== truthiness")
for _, v in ipairs({0, "", false, "false", 0/0}) do
  print(type(v), v and "truthy" or "falsy")
end
print(nil and 1, false or nil, nil or false, 1 and 2, 1 or error("never"))
print(not nil, not 0, not not nil, not "")

print("== equality and identity")
local t1, t2 = {}, {}
print(t1 == t2, t1 == t1, rawequal(t1, t1), rawequal(t1, t2), rawequal("a", "a"))
local f1 = function() end
print(f1 == f1, print == print, "x" == 'x')

print("== tostring of booleans and nil")
print(tostring(nil) .. "|" .. tostring(true) .. "|" .. tostring(false))
print(#"hello", #"", #"\0\0")
