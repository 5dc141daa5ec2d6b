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
-- adddefinition / resetdefinition: a declared function takes another's definition
terra declared :: int -> int
terra callsdeclared(x : int) : int return declared(x) + 1 end
declared:adddefinition(terra(x : int) : int return x * 10 end)
assert(callsdeclared(4) == 41 and declared(2) == 20)
local replaced = terra(x : int) : int return x end
replaced:resetdefinition(terra(x : int) : int return x + 100 end)
assert(replaced(1) == 101)
local ok1, err1 = pcall(declared.adddefinition, declared, terra(x : int) : int return 0 end)
assert(not ok1 and err1:find("already compiled", 1, true), err1)
terra fresh :: int -> int
fresh:adddefinition(terra(x : int) : int return x end)
local ok2, err2 = pcall(fresh.adddefinition, fresh, terra(x : int) : int return 0 end)
assert(not ok2 and err2:find("is already defined", 1, true), err2)
terra typed :: int -> int
local ok3, err3 = pcall(typed.adddefinition, typed, terra(x : double) : double return x end)
assert(not ok3 and err3:find("but it was declared with type {int32} -> int32", 1, true), err3)
local ok4, err4 = pcall(typed.adddefinition, typed, 3)
assert(not ok4 and err4:find("expected a terra function", 1, true), err4)
print("adddefinition ok")
-- calling conventions, noreturn, stats
terra fastdouble(x : int) : int return x * 2 end
fastdouble:setcallingconv("fastcc")
terra callsfast(x : int) : int return fastdouble(x) + 1 end
assert(callsfast(20) == 41 and fastdouble(1) == 2)
local okc, errc = pcall(fastdouble.setcallingconv, fastdouble, "bogus")
assert(not okc and errc:find("is not an LLVM calling convention", 1, true), errc)
local Cexit = terralib.includec("stdlib.h")
terra quits(code : int) Cexit.exit(code) end
quits:setnoreturn(true)
quits:compile()
callsfast:printstats()
print("function attributes ok")
