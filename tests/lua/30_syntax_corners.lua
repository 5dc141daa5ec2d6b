-- Corners of the Lua grammar that a translator must pass through unchanged.
print("== comments glued to tokens")
local a = 1--[[inline]]+2
print(a, 3--[==[x]==]*2, 10 - --[[neg?]]3)
local b = {1--[[one]],2--[[two]]}
print(#b, b[1] + b[2]) -- a comment after code
print("--not a comment", '--[[nor this]]', [[--[[ or this ]])

print("== long strings in odd places")
local idx = {x = "long key"}
print(idx[ [[x]] ], idx[ [==[x]==] ], #[[]], ([[
]]):len())
local s = [[contains "quotes" and 'apostrophes' and \escapes\ and ]=] and [==]]
print(s)
print([==[ends with a bracket]]==], [[ends with =]=]] .. "|")
local function id(...) return ... end
print(id[==[call with level-2 long string]==], id[[x]] .. id"y" .. id'z')

print("== numbers next to operators")
print(1 .. 2, 1 ..2, 1.5 .. "", 0x10 .. "", 2^-2, 2^-3^2, -2^-2, 1e2 .. "")
print(3-2, 3- -2, 3 - - -2, 5%3, 2*-1, -2^2, (-2)^2, 1e-2*1e2, .5+.5, 5.-.5)
print(0x.8p1, 0xAp-1, 0x1.fp4, 0XfFp0, 1E+0, 1e-0, 2E2)
print(#"abc"+1, -#"ab", not#"", #{1, 2}*2)

print("== calls without parentheses and chaining")
local o = {v = 0}
function o:add(n) self.v = self.v + (type(n) == "table" and #n or #n) return self end
o:add"abc":add{1, 2}:add[[xy]]
print(o.v)
local t = {f = function(x) return {g = function(y) return x .. y end} end}
print(t.f"a".g"b", t.f("c").g[[d]], t["f"]("e")["g"]("f"))
local cfg = setmetatable({}, {__call = function(_, tbl) return tbl.name end})
print(cfg{name = "called with a table"})
print(type(string.format), ("%d"):format(5), ("x"):rep(2):upper())

print("== return forms")
local function r0() return end
local function r1() return; end
local function r2() do return 1 end end
local function r3(x) if x then return "yes" else return "no" end end
local function r4() return (id(1, 2)) end
print(select("#", r0()), select("#", r1()), r2(), r3(true), r3(false), r4())
local function early(n)
  for i = 1, 10 do
    if i == n then return i * 100 end
  end
  return -1
end
print(early(3), early(20))

print("== statements that start with parentheses")
local f1 = function() return "f1" end
local out = {};
(f1)();
(function() out[#out + 1] = "iife" end)();
("x"):rep(2);
print(out[1], (f1)());
local ok = pcall(loadstring, "local a = f\n(g)()")
print(loadstring("local a = f\n(g)()"))

print("== table constructors")
local tc = {[1] = "a"; "b", c = "c"; ["d"] = "d", [id(5)] = "e", id(6, 7)}
print(tc[1], tc.c, tc.d, tc[5], tc[2], tc[3])
local nested = {{{{"deep"}}}}
print(nested[1][1][1][1], #{{}, {}, {}}, #{n = 1, 1, 2})
local sep = {1, 2, 3,}
local sep2 = {1; 2; 3;}
print(#sep, #sep2, #{}, next({}) == nil)
local fkeys = {[1.5] = "x", [-1] = "neg", [0] = "zero", ["nil"] = "str nil"}
print(fkeys[1.5], fkeys[-1], fkeys[0], fkeys["nil"])

print("== operators spelled tightly")
local p, q = 3, 4
print(p<q, p<=q, p>q, p>=q, p==q, p~=q, p..q, p..q..p, -p^2, not p==q)
print(p and q, p or q, nil or p, false and q)
local str = "a".."b".."c"
print(str, #str, str:upper()..str:lower())

print("== keywords as field names via brackets and strings")
local kw = {["end"] = 1, ["function"] = 2, ["local"] = 3, ["nil"] = 4, ["goto"] = 5}
print(kw["end"], kw["function"], kw["local"], kw["nil"], kw["goto"])

print("== whitespace and line breaks in expressions")
local long =
  1
  +
  2
  *
  3
print(long, (
  "spanning"
  ..
  " lines"
))
local v = {
  x
  =
  1
}
print(v.x)
	print("tab-indented statement")
print(
)

print("== varargs and parenthesized varargs")
local function va(...) return (...), select("#", (...)), {...} end
local first, n = va(9, 8, 7)
print(first, n)

print("== syntax errors from loadstring for corner cases")
for _, src in ipairs({"x = }", "local 1 = 2", "f(", "a.b:c = 1", "return return", "x = 1 1",
                      "local function f() end end", "for i in do end", "x = {,}", "goto = 1",
                      "::lbl", "a = 1 = 2", "local t = {[1] 2}", "return ...", "function f(...) return ... end",
                      "function f() return ... end", "x = a..", "x = #", "elseif", "until x"}) do
  local fn, err = loadstring(src)
  print(src, fn and "ok" or err)
end
