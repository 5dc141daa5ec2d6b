-- Executing terra definitions builds function objects and struct types.
struct Point { x : double; y : double
  union { tag : int; flag : bool } }
terra Point:norm2() : double return self.x * self.x + self.y * self.y end
assert(Point:isstruct() and #Point.entries == 3)
assert(Point.entries[1].field == "x" and Point.entries[1].type == double)
assert(terralib.islist(Point.entries[3]) and Point.entries[3][2].field == "flag")
assert(terralib.isfunction(Point.methods.norm2))
assert(Point.methods.norm2:gettype() == ({&Point} -> double).type)   -- the function type itself
assert(Point.methods.norm2:gettype().returntype == double and Point.methods.norm2:gettype():isfunction())

-- A chain: mutual references and declarations completed later.
terra isodd :: {int} -> bool
terra iseven(n : int) : bool if n == 0 then return true end return isodd(n - 1) end
terra isodd(n : int) : bool if n == 0 then return false end return iseven(n - 1) end
assert(iseven:isdefined() and isodd:isdefined())

local N = 4
local terra sum(a : int[N]) : int
  var s = 0
  for i = 0, N do s = s + a[i] end
  return s
end
assert(sum:gettype() == ({int[4]} -> int).type and #sum:gettype().parameters == 1)

local lib = {}
terra lib.twice(x : int) : int return 2 * x end
assert(terralib.isfunction(lib.twice) and lib.twice:getname() == "lib.twice")

local anon = terra(x : int) : int return x end
assert(terralib.isfunction(anon))
local q = quote var x = 1 in x end
assert(terralib.isquote(q) and terralib.isquote(`1 + 2))

assert(lib.twice(21) == 42 and anon(7) == 7)
assert(iseven(10) == true and isodd(7) == true and iseven(3) == false)
local terra callsum() : int
  var a : int[4]
  for i = 0, 4 do a[i] = i + 1 end
  return sum(a)
end
assert(callsum() == 10)
print("ok")
