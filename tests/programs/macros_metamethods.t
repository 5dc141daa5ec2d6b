local twice = macro(function(a) return `[a] + [a] end)
terra usetwice(x : int) : int return twice(x * 3) end
assert(usetwice(2) == 12)
local typeof = macro(function(a) return tostring(a:gettype()) end)
terra tname(x : double) : rawstring return typeof(x) end
assert(require("ffi").string(tname(1)) == "double")
struct C { re : double; im : double }
C.metamethods.__add = terra(a : C, b : C) : C return C { a.re + b.re, a.im + b.im } end
C.metamethods.__mul = macro(function(a, b) return `C { [a].re * [b].re - [a].im * [b].im, [a].re * [b].im + [a].im * [b].re } end)
C.metamethods.__unm = terra(a : C) : C return C { -a.re, -a.im } end
terra complexmath() : double
  var a = C { 1, 2 }
  var b = C { 3, 4 }
  var c = a + b * a
  var d = -c
  return d.re * 100 + d.im
end
assert(complexmath() == (-(1 + (3 - 8))) * 100 - (2 + (6 + 4)), complexmath())
struct F { k : int }
F.metamethods.__apply = terra(self : &F, x : int) : int return self.k * x end
terra useapply() : int var f = F { 7 }; return f(6) end
assert(useapply() == 42)
struct D {}
D.metamethods.__methodmissing = macro(function(name, obj, x) return `[x] + [#name] end)
terra missing() : int var d : D; return d:hello(10) end
assert(missing() == 15)
D.methods.inc = macro(function(self, v) return `[v] + 1 end)
terra macromethod() : int var d : D; return d:inc(41) end
assert(macromethod() == 42)
local Vec = terralib.memoize(function(T) local struct V { x : T; y : T } return V end)
assert(Vec(int) == Vec(int) and Vec(int) ~= Vec(double))
print("ok")
-- assignments through __setentry and __update
struct Bag { a : int; b : int }
Bag.metamethods.__setentry = macro(function(name, self, value)
  if name == "both" then return quote [self].a = [value]; [self].b = [value] end end
  error("no entry " .. name)
end)
struct Grid { cells : int[9] }
Grid.metamethods.__update = macro(function(self, i, j, value) return quote [self].cells[ [i] * 3 + [j] ] = [value] end end)
Grid.metamethods.__apply = macro(function(self, i, j) return `[self].cells[ [i] * 3 + [j] ] end)
terra assigns() : int
  var bag : Bag
  bag.both = 7
  var g : Grid
  g(1, 2) = 5
  return bag.a + bag.b + g(1, 2)
end
assert(assigns() == 19)
-- a compile error that a macro catches with pcall poisons nothing
local probe = macro(function()
  local ok = pcall(function()
    local terra broken() : int return nosuchthing end
    broken:compile()
  end)
  return ok and 1 or 0
end)
terra usesprobe() : int return probe() + 1 end
assert(usesprobe() == 1)
print("assignment metamethods ok")
-- an overloaded function as a metamethod; a macro's value as a callee
struct Vadd { x : int }
Vadd.metamethods.__add = terralib.overloadedfunction("vadd", {
  terra(a : Vadd, b : Vadd) : Vadd return Vadd { a.x + b.x } end,
  terra(a : Vadd, b : int) : Vadd return Vadd { a.x + b } end,
})
terra addboth() : int var a = Vadd { 1 }; return (a + a + 10).x end
assert(addboth() == 12)
local ns = { max = terralib.overloadedfunction("max", {
  terra(a : int, b : int) : int if a > b then return a end return b end }) }
local pickmax = macro(function() return ns.max end)
local astype = macro(function() return double end)
terra viamacros() : double return pickmax()(7, 2) + astype()(3) / 2 end
assert(viamacros() == 8.5)
-- labels a macro's quote defines are fresh for each use
local spin = macro(function(n)
  return quote
    var j = 0
    ::again::
    j = j + 1
    if j < n then goto again end
  in j end
end)
terra spins() : int return spin(4) + spin(3) end
assert(spins() == 7)
local here = label("here")
local twice = quote ::[here]:: end
local ok5, err5 = pcall(function() terra dup() [twice]; [twice] end dup:compile() end)
assert(not ok5 and err5:find("label 'here' defined twice in one function", 1, true), err5)
print("overloads, macro callees and labels ok")
