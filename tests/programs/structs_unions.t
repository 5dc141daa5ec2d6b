-- Struct layout follows C; unions share storage; nested structs and arrays.
struct Inner { a : int8; b : double }
struct Outer {
  tag : int8
  inner : Inner
  union { i : int; f : float; bytes : uint8[4] }
  tail : int16[3]
}
assert(terralib.sizeof(Inner) == 16 and terralib.offsetof(Inner, "b") == 8)
assert(terralib.offsetof(Outer, "inner") == 8 and terralib.offsetof(Outer, "i") == 24)
assert(terralib.offsetof(Outer, "f") == 24 and terralib.offsetof(Outer, "tail") == 28)
assert(terralib.sizeof(Outer) == 40)
struct U { union { c : int8[5]; x : int }; d : int8 }   -- the union pads to 8
assert(terralib.offsetof(U, "d") == 8 and terralib.sizeof(U) == 12)

terra punning(x : float) : uint32
  var o : Outer
  o.f = x
  return o.i
end
assert(punning(1.0) == 0x3f800000)
terra nested() : double
  var o : Outer
  o.inner.b = 2.5
  o.tail[2] = 7
  var p = &o.inner
  p.a = 3          -- fields through a pointer
  return o.inner.b + o.tail[2] + p.a
end
assert(nested() == 12.5)
-- struct values: copies are independent, assignment swaps whole structs
terra copies() : int
  var a = Inner { 1, 1.0 }
  var b = a
  b.a = 2
  a, b = b, a
  return a.a * 10 + b.a
end
assert(copies() == 21)
-- tuples and anonymous structs convert to named structs
terra fromtuple() : double
  var t = { 4, 0.5 }
  var s : Inner = t
  var n : Inner = { b = 1.5, a = 2 }
  return s.a + s.b + n.a + n.b
end
assert(fromtuple() == 8)
-- self-referential structs through pointers
struct Node { value : int; next : &Node }
terra listsum(n : &Node) : int
  var s = 0
  while n ~= nil do s = s + n.value; n = n.next end
  return s
end
local c = terralib.new(Node, {3, nil})
local b = terralib.new(Node, {2, c})
local a = terralib.new(Node, {1, b})
assert(listsum(a) == 6)
-- methods called on cdata from Lua
terra Node:double() : int return self.value * 2 end
assert(a:double() == 2)
print("ok")
-- a method taking &S called on a value: the value goes through a temporary
struct Len { x : double; y : double }
terra Len:length2() : double return self.x * self.x + self.y * self.y end
Len.metamethods.__add = terra(a : Len, b : Len) : Len return Len { a.x + b.x, a.y + b.y } end
terra makelen(x : double) : Len return Len { x, 0 } end
terra chained() : double
  var a, b = Len { 1, 2 }, Len { 2, 2 }
  return (a + b):length2() + makelen(3):length2()
end
assert(chained() == 9 + 16 + 9)
print("rvalue receivers ok")
-- unpackstruct / unpacktuple in terra code: the fields as several values
terra maketuple() : {int, double} return 4, 0.5 end
terra usetuple() : double var t = maketuple(); var a, b = unpacktuple(t); return a + b end
assert(usetuple() == 4.5)
struct Three { x : int; y : int; z : int }
terra digits(a : int, b : int, c : int) : int return a * 100 + b * 10 + c end
terra spreads() : int
  var p = Three { 1, 2, 3 }
  return digits(unpackstruct(p)) + digits(0, terralib.unpackstruct(p, 2, 3))
end
assert(spreads() == 123 + 23)
print("unpack in terra ok")
