local S = require "std"
assert(S.printf and S.malloc and S.sqrt)      -- libc, merged in
local IntVec = S.Vector(int)
assert(IntVec == S.Vector(int) and tostring(IntVec) == "Vector(int32)")
terra squares(n : int) : int64
  var v : IntVec
  v:init()
  for i = 0, n do v:insert(i * i) end
  var total : int64 = 0
  for i = 0, v.size do total = total + v(i) end
  S.assert(v:get(3) == 9)
  v:__destruct()
  return total
end
assert(squares(100) == 328350)
struct Counter { n : int }
S.Object(Counter)
local destroyed = global(int, 0)
terra Counter:__destruct() destroyed = destroyed + 1 end
terra cycle() : int
  var c = Counter.alloc()
  c.n = 5
  var r = c.n
  c:delete()
  return r
end
assert(cycle() == 5 and destroyed:get() == 1)
print("ok")
