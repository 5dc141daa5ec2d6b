-- S.Object(T): alloc, salloc, delete, destruct, and destructor chaining (own __destruct
-- first, then the fields in declaration order, array elements in index order, recursively);
-- S.rundestructor on values, pointers, temporaries, arrays and types without destructors.
local S = require "std"
local log = global(int64, 0)       -- each destructor appends a digit
local count = global(int, 0)
terra note(digit : int) : {} log = log * 10 + digit; count = count + 1 end
terra reset() : {} log, count = 0, 0 end

-- a plain struct with __destruct: that method is its whole destructor
struct Leaf { id : int }
terra Leaf:__destruct() : {} note(self.id) end

-- an Object without a __destruct of its own: its destructor is its fields'
struct Pair { a : Leaf; n : int; b : Leaf }
S.Object(Pair)

-- an Object whose __destruct is defined after S.Object: it runs before the fields'
struct Outer { first : Pair; leaves : Leaf[3]; plain : double; list : S.Vector(Leaf);
               union { u : Leaf; w : int }; last : Leaf }
S.Object(Outer)
terra Outer:__destruct() : {} note(9) end

terra chain() : int64
  reset()
  var o = Outer.alloc()
  o.first.a.id, o.first.b.id = 1, 2
  o.leaves[0].id, o.leaves[1].id, o.leaves[2].id = 3, 4, 5
  o.list:init()
  o.list:insert(Leaf { 6 })
  o.list:insert(Leaf { 7 })
  o.last.id = 8
  o:delete()
  return log
end
-- 9: Outer's own; 1 2: first (a, b); 3 4 5: leaves; 6 7: list; the union is skipped; 8: last
assert(chain() == 912345678)

-- destruct() runs the same chain on an object that is not freed
terra inplace() : int64
  reset()
  var p : Pair
  p.a.id, p.b.id = 4, 2
  p:destruct()
  return log
end
assert(inplace() == 42)

-- the metatype form, and an Object nested in an Object
struct Inner(S.Object) { leaf : Leaf }
terra Inner:__destruct() : {} note(5) end
struct Shell(S.Object) { inner : Inner; tag : int }
terra nesting() : int64
  reset()
  var s = Shell.alloc()
  s.inner.leaf.id = 6
  s:delete()
  return log
end
assert(nesting() == 56)

-- a plain struct with Object fields but no __destruct has no destructor
struct Loose { pair : Pair }
terra loose() : int
  reset()
  var l : Loose
  l.pair.a.id = 1
  S.rundestructor(l)
  return count
end
assert(loose() == 0)

-- alloc gives zero-filled memory; delete of nil does nothing; an Object with nothing to
-- destroy still has destruct, alloc and delete
struct Point(S.Object) { x : int; y : int }
terra zeroes() : int
  var p = Point.alloc()
  var r = p.x + p.y
  p:destruct()
  p:delete()
  var nothing : &Pair = nil
  nothing:delete()
  return r
end
assert(zeroes() == 0)
assert(terralib.isfunction(Pair.methods.alloc) and terralib.isfunction(Pair.methods.delete))
assert(terralib.isfunction(Pair.methods.destruct) and terralib.ismacro(Pair.methods.salloc))
assert(Pair.methods.alloc:gettype() == ({} -> &Pair).type)

-- rundestructor: values, pointers, temporaries, arrays; nothing for other types
terra makeleaf(id : int) : Leaf return Leaf { id } end
terra rundestructors() : int64
  reset()
  var leaf = Leaf { 1 }
  S.rundestructor(leaf)
  S.rundestructor(&leaf)
  S.rundestructor(makeleaf(2))                  -- a temporary is destroyed once
  var leaves : Leaf[2]
  leaves[0].id, leaves[1].id = 3, 4
  S.rundestructor(leaves)
  var pair : Pair
  pair.a.id, pair.b.id = 5, 6
  S.rundestructor(&pair)
  var number = 7
  S.rundestructor(number)
  S.rundestructor(&number)
  var point : Point
  S.rundestructor(point)
  return log
end
assert(rundestructors() == 1123456)

-- salloc: a zero-filled T on the stack, destroyed once, at the end of the enclosing scope:
-- a `defer` inside `quote ... in e end` runs when the block the quote is spliced into ends.
local deferred = macro(function() return quote defer note(1) in 0 end end)
terra deferscope() : int64
  reset()
  do
    var x = deferred()
    note(2)
  end
  return log
end
assert(deferscope() == 21, deferscope())
terra stack() : int64
  reset()
  var sum = 0
  do
    var p = Pair.salloc()
    sum = p.a.id + p.b.id + p.n                 -- zero-filled
    p.a.id, p.b.id = 1, 2
    var q = Point.salloc()                      -- nothing to destroy
    q.x = 3
    sum = sum + q.x
    note(7)
  end
  if count ~= 3 then return -1 end              -- Pair's two leaves and the 7
  return log * 10 + sum
end
local stacked = stack()
assert(stacked == 7123, stacked)
print("ok")
