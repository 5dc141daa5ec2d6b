-- require "std": libc merged into S, memoize, assert, Vector and Object in one tour
-- (std_vector.t and std_object.t check each part in detail).
local S = require "std"
assert(S == require "std")

-- stdio, stdlib, string and math: functions, constants, types and globals
assert(terralib.isfunction(S.printf) and terralib.isfunction(S.malloc))
assert(terralib.isfunction(S.strlen) and terralib.isfunction(S.sqrt))
assert(terralib.isfunction(S.fprintf) and terralib.isfunction(S.qsort))
assert(S.EOF == -1 and S.RAND_MAX > 0 and S.EXIT_FAILURE == 1)
assert(terralib.isglobalvar(S.stderr) and terralib.types.istype(S.size_t))
assert(S.nosuchname == nil)
terra usesc() : double
  var text = [&int8](S.malloc(16))
  S.strcpy(text, "std")
  var n = S.strlen(text)
  S.free(text)
  return S.sqrt(S.pow(3.0, 2.0)) + n
end
assert(usesc() == 6)

-- memoize: one result per argument
local made = 0
local boxed = S.memoize(function(T) made = made + 1; return struct { value : T } end)
assert(boxed(int) == boxed(int) and boxed(int) ~= boxed(double) and made == 2)

-- assert: passes silently, evaluates its condition once
local calls = global(int, 0)
terra bump() : int calls = calls + 1; return calls end
terra checks() : int
  S.assert(bump() == 1)
  S.assert(true and 2 > 1)
  return calls
end
assert(checks() == 1)

-- Vector(T)
local IntVec = S.Vector(int)
assert(IntVec == S.Vector(int) and tostring(IntVec) == "Vector(int32)")
assert(tostring(S.Vector(S.Vector(double))) == "Vector(Vector(double))")
terra squares(n : int) : int64
  var v : IntVec
  v:init()
  for i = 0, n do v:insert(i * i) end
  var total : int64 = 0
  for i = 0, v:size() do total = total + v(i) end
  var again : int64 = 0
  for x in v do again = again + x end
  S.assert(v:get(3) == 9 and total == again)
  v:__destruct()
  return total
end
assert(squares(100) == 328350)

-- Object: alloc/delete, a destructor that chains to the fields
local destroyed = global(int, 0)
struct Counter { n : int; names : IntVec }
S.Object(Counter)
terra Counter:__destruct() : {} destroyed = destroyed + 1 end
terra cycle() : int
  var c = Counter.alloc()
  c.n = 5
  c.names:init()
  c.names:insert(7)
  var r = c.n + c.names(0)
  c:delete()                      -- Counter's __destruct, then names' destructor
  return r
end
assert(cycle() == 12 and destroyed:get() == 1)

-- rundestructor: runs one when the type has it, does nothing otherwise
terra rundestructors() : int
  destroyed = 0
  var c : Counter
  c.names:init()
  S.rundestructor(c)
  S.rundestructor(&c)
  var plain = 3
  S.rundestructor(plain)
  S.rundestructor(&plain)
  return destroyed
end
assert(rundestructors() == 2)
print("ok")
