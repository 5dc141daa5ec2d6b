struct P { x : int; y : double }
terra P:sum() : double return self.x + self.y end
local p = terralib.new(P, {3, 4.5})
assert(p.x == 3 and p.y == 4.5)
assert(p:sum() == 7.5)
assert(terralib.typeof(p) == P)
assert(terralib.sizeof(P) == 16 and terralib.offsetof(P, "y") == 8)
local a = terralib.new(int[4], {1, 2, 3, 4})
assert(a[3] == 4)
local cb = terralib.cast({int} -> int, function(x) return x * 3 end)
terra call(f : {int} -> int, v : int) : int return f(v) + 1 end
assert(call(cb, 5) == 16)
assert(P:cstring():find("struct"))
terra tup() return 1, 2.5 end
local t = tup()
print(unpackstruct(t))
local sqrt = terralib.intrinsic("llvm.sqrt.f64", {double} -> double)
terra root(x : double) : double return sqrt(x) end
assert(root(16) == 4)
print("ok")
-- struct cdata and function-pointer cdata captured in terra code
struct Acc { n : int; total : double }
local shared = terralib.new(Acc)
terra fillshared() : int shared.n = 4; shared.total = 1.5; return shared.n end
assert(fillshared() == 4 and shared.n == 4 and shared.total == 1.5)
terra sharedaddress() : &Acc return &shared end
assert(sharedaddress().n == 4)
local square = terralib.cast(int -> int, function(x) return x * x end)
assert(terralib.typeof(square) == (int -> int))
terra viacallback(x : int) : int return square(x) + 1 end
assert(viacallback(9) == 82)
terra plusone(x : int) : int return x + 1 end
local pointer = plusone:getpointer()
assert(terralib.typeof(pointer) == (int -> int))
terra viapointer(x : int) : int return pointer(x) * 2 end
assert(viapointer(4) == 10)
print("cdata in terra ok")
-- a name looked up through a Lua table or a struct type that is not there yet
-- is looked up again at type checking (defined after the function, before its use)
local M = {}
terra usesM() : int return M.later() + M.k end
M.later = terra() : int return 12 end
M.k = 30
assert(usesM() == 42)
struct Late { a : int }
terra usesLate(s : &Late) : int return Late.static() + s:inst() end
Late.methods.static = terra() : int return 100 end
terra Late:inst() : int return self.a end
assert(usesLate(terralib.new(Late, { 5 })) == 105)
terra stillmissing() : int return M.nothere end
local okm, errm = pcall(stillmissing.compile, stillmissing)
assert(not okm and errm:find("no field nothere in lua object\nErrors reported during typechecking.", 1, true), errm)
print("late lookups ok")
-- a field that holds a value is read when the function is type-checked: a later
-- assignment (before the first call) is seen, as in Terra
local settings = { scale = 1 }
terra scaled(x : int) : int return x * settings.scale end
settings.scale = 3
assert(scaled(2) == 6)
print("late values ok")
