-- arithmetic and typing
terra ops(a : int, b : int) : int
  return (a + b) * 2 - a / b + a % b
end
assert(ops(7, 2) == 16)
terra bits(a : int, b : int) : int return (a and b) or (a ^ b) end
assert(bits(12, 10) == 14)
terra shifts(a : int) : int return (a << 3) >> 1 end
assert(shifts(5) == 20)
terra ushr(a : uint32) : uint32 return a >> 1 end
assert(ushr(4294967295) == 2147483647)
terra neg(a : int) : int return not a end
assert(neg(0) == -1)
terra cmp(a : double, b : double) : bool return a < b and not (a == b) end
assert(cmp(1, 2) == true and cmp(2, 1) == false)
terra fmod(a : double, b : double) : double return a % b end
assert(fmod(7.5, 2) == 1.5)
terra mix(a : int, b : double) return a + b end
assert(mix(1, 0.5) == 1.5)
terra i64(a : int64) : int64 return a * 3 end
assert(i64(10) == 30LL)
-- pointers
terra swap(a : &int, b : &int) var t = @a; @a = @b; @b = t end
terra useswap() : int
  var x, y = 1, 2
  swap(&x, &y)
  return x * 10 + y
end
assert(useswap() == 21)
terra ptrarith() : int64
  var arr : int[10]
  for i = 0, 10 do arr[i] = i * i end
  var p = &arr[0]
  var q = p + 7
  return @q + (q - p)
end
assert(ptrarith() == 56)
-- structs
struct Vec { x : double; y : double }
terra Vec:len2() : double return self.x * self.x + self.y * self.y end
terra mkvec(x : double, y : double) : Vec
  var v : Vec
  v.x, v.y = x, y
  return v
end
terra usevec() : double
  var v = mkvec(3, 4)
  return v:len2()
end
assert(usevec() == 25)
terra construct() : double
  var v : Vec = {1, 2}
  var w = Vec { x = 5, y = 6 }
  return v.x + w.y
end
assert(construct() == 7)
-- multiple returns
terra two() return 1, 2.5 end
terra usetwo() : double
  var a, b = two()
  return a + b
end
assert(usetwo() == 3.5)
-- control flow
terra loops(n : int) : int
  var s = 0
  var i = 0
  while true do
    i = i + 1
    if i > n then break end
    if i % 2 == 0 then s = s + i elseif i == 3 then s = s + 100 else s = s - 1 end
  end
  repeat s = s + 1 until s > 0
  for j = 10, 0, -2 do s = s + j end
  return s
end
assert(loops(6) == 141)
local C_puts = terralib.externfunction("puts", {rawstring} -> int)
terra hello() C_puts("hello from terra") end
hello()
local printf = terralib.externfunction("printf", terralib.types.funcpointer({rawstring}, int, true))
terra pf(x : float) printf("%d %g %s\n", 3, x, "str") end
pf(1.5)
-- defer
local counter = global(int, 0)
terra bump() counter = counter + 1 end
terra deferred() : int
  defer bump()
  do defer bump() end
  for i = 0, 3 do defer bump() if i == 1 then break end end
  return counter
end
local r = deferred()
assert(r == 3 and counter:get() == 4, tostring(r) .. " " .. counter:get())
counter:set(10)
assert(deferred() == 13)
local K = constant(int, 42)
terra usek() : int return K + 1 end
assert(usek() == 43)
-- goto
terra gt(n : int) : int
  var i = 0
  ::top::
  i = i + 1
  if i < n then goto top end
  return i
end
assert(gt(5) == 5)
-- switch
terra sw(x : int) : int
  switch x do
    case 1 then return 10
    case 2 then return 20
  else
    return 0
  end
end
assert(sw(1) == 10 and sw(2) == 20 and sw(7) == 0)
-- casts
terra casts(x : double) : int return [int](x) + int(2.9) end
assert(casts(3.7) == 5)
terra b2i(b : bool) : int return [int](b) end
assert(b2i(true) == 1)
terra ptrint() : bool var x = 1; var p = &x; var n = [uint64](p); return [&int](n) == p end
assert(ptrint())
-- vars inferred, nil pointers
terra nilp() : bool var p : &int = nil; return p == nil end
assert(nilp())
-- recursion through declarations
terra odd :: int -> bool
terra even(n : int) : bool if n == 0 then return true end return odd(n - 1) end
terra odd(n : int) : bool if n == 0 then return false end return even(n - 1) end
assert(even(10) and odd(3))
-- function pointers
terra twice(x : int) : int return 2 * x end
terra apply(f : {int} -> int, x : int) : int return f(x) end
terra useapply() : int return apply(twice, 21) end
assert(useapply() == 42)
-- struct to/from Lua
terra getvec() : Vec return Vec { 1.5, 2.5 } end
local v = getvec()
assert(v.x == 1.5 and v.y == 2.5)
terra sumvec(v : Vec) : double return v.x + v.y end
assert(sumvec(v) == 4)
assert(sumvec({x = 1, y = 2}) == 3)
terra strlen(s : rawstring) : int var n = 0; while s[n] ~= 0 do n = n + 1 end return n end
assert(strlen("hello") == 5)
print("all ok")
