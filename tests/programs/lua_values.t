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
