-- byte/char/rep/reverse/sub (negative indices), upper/lower/len, method syntax.
local s = "Hello, Lua!"
print("== sub")
print(s:sub(1, 5), s:sub(8), s:sub(-4), s:sub(-4, -2), s:sub(0), s:sub(5, 3) .. "|")
print(s:sub(-100, 3), s:sub(3, 100), s:sub(-1, -1), s:sub(100) .. "|", s:sub(2, -2))
print(string.sub("abc", 2.0), pcall(string.sub))

print("== byte / char")
print(s:byte(), s:byte(1), s:byte(-1), s:byte(1, 3))
print(s:byte(100), s:byte(0), ("abc"):byte(-2, -1))
print(string.char(72, 105, 33), string.char(), #string.char(0, 255))
print(pcall(string.char, 256), pcall(string.char, -1))
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local allstr = table.concat(all)
print(#allstr, allstr:byte(1), allstr:byte(256), allstr:sub(66, 70))

print("== rep / reverse")
print(("ab"):rep(3), ("x"):rep(0) .. "|", ("x"):rep(-1) .. "|", ("abc"):rep(1))
print(s:reverse(), (""):reverse() .. "|", ("a"):reverse())

print("== upper / lower / len")
print(s:upper(), s:lower(), s:len(), #s, ("\0a\0"):len())
print(string.upper("mixed 123 CASE"), string.lower("MiXeD"))

print("== string comparison and concat")
print("a" < "b", "B" < "a", "abc" == "abc", "abc" < "abcd", "\0" < "\1")
print("x" .. 1 .. "y" .. 2.5, "" .. "", ("a"):rep(3, nil))
local parts = {}
for i = 1, 10 do parts[#parts + 1] = tostring(i) end
print(table.concat(parts, "+"))

print("== tostring/tonumber round trips")
for _, v in ipairs({"0", "-1", "3.25", "1e10", "0x10"}) do
  io.write(v, "->", tostring(tonumber(v)), " ")
end
print()

print("== string.len vs # with embedded zeros")
local z = "a\0b\0c"
print(#z, z:len(), z:byte(2), z:find("\0", 1, true), z:sub(3, 3))

print("== string functions via the string table")
print(string.len("four"), string.rep("-", 10), string.reverse("stressed"))
print(string.format("%s", string.sub("substring", 4, 6)))
print(("method"):upper():lower():rep(2))

print("== string.dump exists")
print(type(string.dump), type(string.dump(function() return 1 end)))
local dumped = string.dump(function(a, b) return a * b end)
print(loadstring(dumped)(6, 7))

print("== coercion of numbers in string functions")
print(string.len(12345), string.upper(1.5), string.rep(7, 3), pcall(function() return (12):rep(2) end))
print(pcall(string.len, nil))
print(pcall(string.rep))
