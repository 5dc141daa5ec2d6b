-- Lexical details: escapes, long strings and comments of several levels, numerals.
print("== escapes")
print("tab:\t|", "nl-escaped:\\n", 'single \'quoted\'', "double \"quoted\"")
print(("\a\b\f\n\r\t\v\\\"\'"):byte(1, -1))
print("\65\066\0671", ("\0"):byte(), ("\255"):byte(), #"\1\02\003", "\1234" == "{4")
print("\x41\x62\x7A", ("\xff\x00\xAB"):byte(1, -1))
print("\u{48}\u{49}", #"\u{7FF}", #"\u{FFFF}", #"\u{10FFFF}", ("\u{E9}"):byte(1, -1))
print("a\z
       b", "c\z   d", "e\z

   f")
print("line1\
line2")
print(#"\z  ", "x\z" .. "y")

print("== long strings")
print([[simple]], [==[with ]] inside]==], [=[one]=] .. [====[four]====])
print([[
first newline is skipped]])
print([[

two newlines, one kept]])
print(#[[
]], #[[

]])
print([[no \n escapes \t here]])
local ls = [==[
line a
  line b ]] ]=] still
]==]
io.write(ls)
print([[a]] == "a", [=[]=] == "", [[
]] == "")

print("== comments")
--[[ a block comment
spanning lines ]] print("after block comment on same line")
--[==[ level two ]] not closed yet
still comment ]==] print("after level-2 comment")
---[[ this is a line comment, so the next line runs
print("line after ---[[ runs")
--]]
-- [[ not a block comment
print("after spaced line comment")
local x = 1 --[[ inline ]] + 2
print(x)
--[=[ print("never") ]=]
print("== numerals")
print(0x10, 0xA, 0Xff, 0x7fffffff, 0xffffffff, 0x100000000)
print(1e0, 1E+1, 1e-1, 0.5e1, 5e+0, 3., .3, 0.)
print(0x1p4, 0x1P-1, 0xA.8p0, 0x.1p4, 0x1.8p1, 0X10P+2)
print(0xa.8, 0x.8, 0x1p0 == 1)
print(1 == 1.0, 100 == 1e2, 0x10 == 16)
print(tostring(12LL), tostring(-12LL), tostring(0x10ULL), tostring(18446744073709551615ULL))
print(tostring(9223372036854775807LL), type(1LL), tostring(1ll), tostring(2ull))
print(tostring(3i), tostring(1.5i), tostring(0i), tostring(2I))
print(tostring(1LL + 2), tostring(2ULL * 3), tostring(-1LL / 2), tostring(7LL % 3))
print(1LL == 1, 1ULL == 1LL, tostring(2LL ^ 10), tostring(-9223372036854775807LL - 1))
print(tonumber(5LL), tonumber(5LL) + 0.5)

print("== statement syntax")
local t = {1, 2; 3, n = 4; ["k"] = 5, [5 + 5] = "ten",}
print(#t, t.n, t.k, t[2], t[10]);
print("one statement"); print("per semicolon");
local function id(...) return ... end
print(id"string call", id[[long call]], id{1}[1], #id{1, 2, 3})
local o = {name = "obj"}
function o:m(s) return self.name .. ":" .. s end
print(o:m"str", o:m[[long]], o:m("paren"))
local s = "chain"
print(s:upper():lower():len(), ("x"):rep(2), #s:rep(3))
local a = {b = {c = {d = function() return "deep" end}}}
print(a.b.c.d(), a["b"]["c"]["d"](), a.b["c"].d())
do local _ = 1 end
print((id(1, 2)))
print(type(nil) == "nil" and "ok")
print(#{n = 1}, #"#", - -1, not not true)
