-- find / match / gmatch / gsub with patterns, captures, anchors, tables and functions.
print("== find")
print(string.find("hello world", "wor"))
print(string.find("hello world", "o", 6))
print(string.find("hello world", "l+"))
print(string.find("hello world", "xyz"))
print(string.find("a.b.c", ".", 1, true), string.find("a.b.c", "%."))
print(string.find("hello", "(l)(l)"))
print(string.find("hello", "^h"), string.find("hello", "^e"), string.find("hello", "o$"))
print(string.find("hello", ""), string.find("hello", "", 10), string.find("", ""))
print(string.find("hello", "l", -2), string.find("hello", "h", -100))
print(("key = value"):find("(%w+)%s*=%s*(%w+)"))
print(string.find("abc", "()b()"))

print("== match")
print(string.match("2024-01-15", "(%d+)-(%d+)-(%d+)"))
print(string.match("  trim me  ", "^%s*(.-)%s*$") .. "|")
print(string.match("hello", ".-"), string.match("hello", ".*"), string.match("hello", "l*"))
print(string.match("key=val", "(%w+)=(%w*)"), string.match("key=", "(%w+)=(%w*)"))
print(string.match("abc123def", "%a+"), string.match("abc123def", "%d+"), string.match("abc", "%d+"))
print(string.match("[tag]", "%[(.-)%]"), string.match("f(a(b)c)", "%b()"))
print(string.match("THE (quick) fox", "%f[%a]%a+"), string.match("hello", "()ll()"))
print(string.match("x = 10", "^(%w+)%s*=%s*(%d+)$"))
print(string.match("abc", "((a)(b))"))
print(string.match("hello", "(h)(e)(l)(l)(o)"))
print(string.match("aaa", "a-b"), string.match("aaab", "a-b"), string.match("aaab", "a+?"))
print(string.match("one two", "(%S+)%s+(%S+)"))
print(string.match("0x1F", "^0[xX](%x+)$"), string.match("\t\n x", "%s+()"))
print(string.match("hello world", "%u"), string.match("Hello World", "%u%l+"))
print(string.match("a,b;c", "[,;]"), string.match("a-b", "[a-z]-[a-z]"), string.match("x]y", "[]]"))
print(string.match("caret^", "[%^]"), string.match("abc", "[^ab]"), string.match("%d", "%%d"))
print(string.match("The Cat", "%a+", 4), string.match("hello", "(h)(.)", 1))
print(string.match("  x", "()x"), string.match("abab", "(ab)%1"), string.match("abba", "(a)(b)%2%1"))
print(string.match(" p1 ", "%p"), string.match("a1!", "%w+"), string.match("\1\2x", "%c+"):len())

print("== gmatch")
local words = {}
for w in string.gmatch("one two  three", "%a+") do words[#words + 1] = w end
print(#words, table.concat(words, ","))
local pairs_ = {}
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do pairs_[#pairs_ + 1] = k .. ":" .. v end
print(table.concat(pairs_, " "))
local positions = {}
for p in string.gmatch("abcabc", "()b") do positions[#positions + 1] = p end
print(table.concat(positions, ","))
local empties = 0
for _ in string.gmatch("abc", "x*") do empties = empties + 1 end
print(empties)
local nums = {}
for n in ("1, 22, 333"):gmatch("%d+") do nums[#nums + 1] = tonumber(n) * 2 end
print(table.concat(nums, " "))

print("== gsub with strings")
print(string.gsub("hello world", "o", "0"))
print(string.gsub("hello world", "o", "0", 1))
print(string.gsub("hello", "", "-"))
print(string.gsub("hello world", "(%w+)", "<%1>"))
print(string.gsub("hello world", "(%w+) (%w+)", "%2 %1"))
print(string.gsub("abc", "%w", "%0%0"))
print(string.gsub("a.b.c", "%.", "%%"))
print(string.gsub("  x  y  ", "^%s+", ""))
print(string.gsub("abc", "b*", "X"))
print(pcall(string.gsub, "abc", "(a)", "%2"))

print("== gsub with tables")
local vars = {name = "Lua", ver = "5.1"}
print(string.gsub("$name version $ver $missing", "%$(%w+)", vars))
print(string.gsub("a b c", "%a", {a = 1, b = false}))
print(pcall(string.gsub, "a b", "%a", {a = true}))
print(pcall(string.gsub, "a", "a", {a = {}}))

print("== gsub with functions")
print(string.gsub("1 2 3", "%d", function(d) return d * 10 end))
print(string.gsub("hello world", "%w+", function(w) return w:upper() end))
print(string.gsub("keep drop keep", "%a+", function(w) if w == "drop" then return false end end))
print(string.gsub("a=1 b=2", "(%w)=(%w)", function(k, v) return v .. "=" .. k end))
print(string.gsub("abc", "()", function(p) return p end))
local count = 0
print(string.gsub("x x x", "x", function() count = count + 1; return count end), count)

print("== special cases")
print(string.gsub("hello", "l", "%%"))
print(pcall(string.find, "abc", "[a"))
print(pcall(string.find, "abc", "%"))
print(pcall(string.match, "abc", "(()"))
print(string.find("a+b", "+", 1, true), string.find("a*b", "a*"))
print(string.rep("ab", 3):gsub("b", "B", 2))
print(("x"):rep(5):find("xxx", 2))
print(string.match("2^10", "(%d)%^(%d+)"))
print(string.match("  indent", "^(%s*)"):len())
