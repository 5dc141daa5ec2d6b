-- constants and globals: aggregate values, quote initializers, scalar cdata
local ffi = require "ffi"
struct P { x : int; y : int }
terra P:sum() : int return self.x + self.y end

-- aggregate constants from Lua tables and from quotes
local a = constant(int[3], {1, 2, 3})
local b = constant(int[3], `arrayof(int, 4, 5, 6))
local p = constant(P, `P {1, 2})
local u = constant(`arrayof(int, 7, 8, 9))
assert(a:gettype() == int[3] and u:gettype() == int[3] and p:gettype() == P)
assert(a:get()[2] == 3 and b.value[0] == 4 and p:get().y == 2)
terra sum3(i : int) : int return a[i] + b[i] + u[i] end
assert(sum3(0) == 12 and sum3(2) == 18)
terra usep() : int var q = p return q:sum() + p.x * p.y end
assert(usep() == 5)
terra assigns() a[0] = 1 end
assert(not pcall(assigns.compile, assigns))        -- a constant is not an lvalue

-- quote initializers are terra code, evaluated once
local three = constant(`1 + 2)
assert(three:gettype() == int and three:get() == 3)
local g = global(int, 11)
local pg = constant(`&g)
assert(pg:gettype() == &int)
terra f1() : int return 1 end
terra f2() : int return 2 end
local fs = constant(`array(f1, f2))
local n1, n2 = 20, 30
local ns = constant(`array(n1, n2))
terra quoted(i : int) : int return three + @pg + fs[i]() + ns[i] end
assert(quoted(0) == 35 and quoted(1) == 46)
g:set(100)
assert(quoted(0) == 124)                           -- the pointer, not the value

-- a lookup table built in Lua, indexed at run time
local squares = {}
for i = 1, 16 do squares[i] = (i - 1) * (i - 1) end
local T = constant(`arrayof(int, [squares]))
terra lookup(i : int) : int return T[i] end
assert(lookup(0) == 0 and lookup(5) == 25 and lookup(15) == 225)
terra inescape() : int return [constant(`arrayof(int, 5, 6))][1] end
assert(inescape() == 6)
assert(not pcall(constant, {1, 2}))                -- no type to infer

-- globals initialized by Lua values and by quotes
local ga = global(int[3], {1, 2, 3})
local gs = global(P, {x = 4, y = 5})
local gq = global(int, `1 + 2)
local gi = global(`3)
assert(gi:gettype() == int and gi:get() == 3 and gq:get() == 3 and ga:get()[2] == 3)
terra gsum() : int return ga[0] + ga[2] + gs.x * gs.y + gq + gi end
assert(gsum() == 30)
ga:getpointer()[0][1] = 7
terra gmid() : int ga[2] = ga[1] * 2 return ga[2] end
assert(gmid() == 14 and ga:get()[2] == 14)
gq:setinitializer(`40)
assert(gq:get() == 40 and gsum() == 78)
assert(global(5LL):gettype() == int64)

-- scalar cdata captured from Lua become constants of their ctype
local big = 5LL
terra twice() : int64 return big * 2 end
assert(twice() == 10LL)
local huge = 0x7fffffffffffffffLL
terra gethuge() : int64 return huge end
assert(gethuge() == 0x7fffffffffffffffLL)
local i7, d15, yes = ffi.new("int32_t", 7), ffi.new("double", 1.5), ffi.new("bool", true)
terra scalars() : double if yes then return i7 + d15 end return 0 end
assert(scalars() == 8.5)
local u64 = 0xffffffffffffffffULL
terra getu64() : uint64 return u64 end
assert(getu64() == u64)
print("ok")
-- the rest of the global API
local named = global(int, 4, "counter")
assert(named:getname() == "counter" and not named:isconstant() and not named:isextern())
named:setname("renamed")
assert(named:getname() == "renamed")
local fixed = global(int, 1, "fixed", false, true)
assert(fixed:isconstant())
print("global api ok")
-- a constant's quote must be a constant expression
terra computed() : int return 3 end
local okc, errc = pcall(function() return constant(int, `computed()) end)
assert(not okc and errc:find("constant initializer is not a constant expression", 1, true), errc)
local variable = global(int, 4)
assert(not pcall(constant, `variable + 1))
assert(terralib.isconstant(constant(`&variable)) and constant(int, `1 + 2):get() == 3)
print("constant initializers ok")
