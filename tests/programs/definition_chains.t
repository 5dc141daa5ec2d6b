-- Definition chains: `;` after terra/struct statements, and table-path
-- functions (`terra S.methods.f`) whose head is a struct of the same chain.

-- `;` after each kind of definition statement.
terra g() : int return 2 end;
struct P { x : int };
struct Fwd;
terra dec :: int -> int;
terra dec(x : int) : int return x - 1 end;
local struct LP { y : int };
local terra lf() : int return 7 end;
local terra ldec :: {} -> int;
local function addmeta(T)
  T.metamethods.__add = terra(a : T, b : T) : T return T { a.v + b.v } end
end
struct M(addmeta) { v : int };
terra usem() : int var a, b = M { 3 }, M { 4 } return (a + b).v end
assert(g() == 2 and dec(5) == 4 and lf() == 7 and usem() == 7)
assert(P:isstruct() and #P.entries == 1 and LP:isstruct() and Fwd:isstruct())
assert(terralib.isfunction(ldec) and not ldec:isdefined())

-- `;` inside a Lua function, before `return`.
local function h()
  local terra f() : int return 11 end; return f()
end
assert(h() == 11)
local function h2()
  struct Inner { a : int }; return Inner
end
assert(h2():isstruct())

-- `;` between definitions ends the chain, as a Lua statement would: each part
-- stands alone here (no forward references across the `;`).
terra a1() : int return 1 end; terra a2() : int return a1() + 1 end
terra a3() : int return a2() + 1 end;
assert(a1() == 1 and a2() == 2 and a3() == 3)
-- A line that starts with `(` after a definition is a new statement.
terra a4() : int return 4 end
;(function() assert(a4() == 4) end)()
terra a5() : int return 5 end;
(function() assert(a5() == 5) end)()
do terra inblock() : int return 6 end; assert(inblock() == 6) end

-- A table-path function right after its struct, in the same chain.
struct S { x : int }
terra S.methods.create(v : int) : S return S { v } end
assert(S.methods.create(3).x == 3)

local struct L { x : int }
terra L.methods.create(v : int) : L return L { v * 2 } end
assert(L.methods.create(3).x == 6)

local ns = {}
struct ns.S { x : int }
terra ns.S.methods.create(v : int) : ns.S return ns.S { v + 1 } end
assert(ns.S.methods.create(3).x == 4)

-- The same with `;` after each.
struct SC { x : int };
terra SC.methods.create(v : int) : SC return SC { v } end;
assert(SC.methods.create(8).x == 8)

-- Mixtures: structs, table-path functions, methods and plain functions, all in
-- one chain and referring to each other (forward references included).
struct A { x : int }
struct B { y : int }
terra A.methods.make(v : int) : A return A { [B.methods.twice](v) } end
terra B:get() : int return self.y + A.make(1).x end
terra B.methods.twice(v : int) : int return 2 * v end
terra A:sum(b : B) : int return self.x + b:get() end
terra top(v : int) : int var a, b = A.make(v), B { v } return a:sum(b) end
terra ns.helper(v : int) : int return top(v) + [ns.S].create(0).x end
-- make(5).x = 10; b:get() = 5 + 2 = 7; 10 + 7 = 17; + 1
assert(top(5) == 17 and ns.helper(5) == 18)
assert(A.methods.make:getname() == "A.methods.make" and B.methods.get:getname() == "B:get")

-- A table-path function may come before its struct in the chain (Terra declares
-- the chain's structs first).
terra E.methods.new(v : int) : E return E { v } end
struct E { v : int }
assert(E.methods.new(9).v == 9)

-- Mutual recursion through table-path functions of two local structs.
local struct Even {}
local struct Odd {}
terra Even.methods.test(n : int) : bool
  if n == 0 then return true end
  return Odd.test(n - 1)
end
terra Odd.methods.test(n : int) : bool
  if n == 0 then return false end
  return [Even.methods.test](n - 1)
end
assert(Even.methods.test(10) == true and Odd.methods.test(7) == true)
assert(Even.methods.test(3) == false)

-- A declaration at a table path, completed later in the same chain and in a
-- later one.
struct D { z : int }
terra D.methods.get :: {&D} -> int
terra D.methods.use(d : &D) : int return D.get(d) + 1 end
terra D.methods.get(d : &D) : int return d.z end
local dv = terralib.new(D, { 41 })
assert(D.methods.use(dv) == 42)
local decls = {}
terra decls.later :: {int} -> int
local keep = decls.later
terra decls.later(v : int) : int return v * 3 end
assert(decls.later == keep and decls.later(2) == 6)

-- Errors keep Lua's words: the path is read when the chain runs.
local ok, message = pcall(function()
  terra nowhere.f() end
end)
assert(not ok and message:match("attempt to index global 'nowhere' %(a nil value%)"), message)
local number = 5
ok, message = pcall(function()
  terra number.f() end
end)
assert(not ok and message:match("attempt to index upvalue 'number' %(a number value%)"), message)
ok, message = pcall(function()
  terra nowhere.x:m() end
end)
assert(not ok and message:match("attempt to index global 'nowhere' %(a nil value%)"), message)
ok, message = pcall(function()
  terra number:m() end
end)
assert(not ok and message:match("expected a struct but found"), message)

print("ok")
-- S.methods.f inside terra code reaches the methods table
struct Twice { x : int }
terra Twice.methods.twice(v : int) : int return 2 * v end
terra usestwice() : int return Twice.methods.twice(4) + Twice.twice(1) end
assert(usestwice() == 10)
print("methods table ok")
