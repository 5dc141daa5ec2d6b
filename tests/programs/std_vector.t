-- S.Vector(T): fields, every method, the insert/remove overloads, v(i) as an lvalue,
-- for-in, element destructors, and a long random run checked against a plain array.
local S = require "std"
local IntVec = S.Vector(int)
local DoubleVec = S.Vector(double)
assert(S.Vector(int) == IntVec and S.Vector(int32) == IntVec and IntVec ~= DoubleVec)
assert(tostring(IntVec) == "Vector(int32)" and tostring(DoubleVec) == "Vector(double)")
assert(tostring(S.Vector(&int8)) == "Vector(&int8)")
local names = {}
for _, e in ipairs(IntVec:getentries()) do names[#names + 1] = e.field .. ":" .. tostring(e.type) end
assert(table.concat(names, " ") == "_data:&int32 _size:uint64 _capacity:uint64")

-- init, reserve, size, insert (append and at a position), get, set, v(i)
terra basics() : int
  var v : IntVec
  v:init()
  if v:size() ~= 0 or v._data ~= nil or v._capacity ~= 0 then return 1 end
  v:reserve(10)
  if v._capacity ~= 10 or v:size() ~= 0 then return 2 end
  v:reserve(3)                                  -- never shrinks
  if v._capacity ~= 10 then return 3 end
  for i = 0, 5 do v:insert(i * 10) end          -- 0 10 20 30 40
  v:insert(0, -1)                               -- -1 0 10 20 30 40
  v:insert(3, 15)                               -- -1 0 10 15 20 30 40
  v:insert(v:size(), 99)                        -- at the end: -1 0 10 15 20 30 40 99
  if v:size() ~= 8 then return 4 end
  var expect = array(-1, 0, 10, 15, 20, 30, 40, 99)
  for i = 0, 8 do
    if v:get(i) ~= expect[i] or v(i) ~= expect[i] or v._data[i] ~= expect[i] then return 5 end
  end
  v:set(1, 7)
  v(2) = v(2) + 1                               -- __apply is an lvalue
  v(3) = 3
  if v(1) ~= 7 or v:get(2) ~= 11 or v(3) ~= 3 then return 6 end
  var p = &v(4)
  @p = 21
  if v:get(4) ~= 21 then return 7 end
  v:__destruct()
  if v:size() ~= 0 or v._data ~= nil then return 8 end
  return 0
end
assert(basics() == 0)

-- remove() pops the last element, remove(i) takes the one at i; both return it
terra removals() : int
  var v = IntVec.fromelements(1, 2, 3, 4, 5, 6)
  if v:size() ~= 6 then return 1 end
  if v:remove() ~= 6 or v:size() ~= 5 then return 2 end
  if v:remove(0) ~= 1 or v:size() ~= 4 then return 3 end   -- 2 3 4 5
  if v:remove(1) ~= 3 or v:size() ~= 3 then return 4 end   -- 2 4 5
  if v:remove(2) ~= 5 then return 5 end                     -- the last one by index
  if v(0) ~= 2 or v(1) ~= 4 or v:size() ~= 2 then return 6 end
  v:remove(); v:remove()
  if v:size() ~= 0 then return 7 end
  v:insert(8)                                               -- usable again
  if v(0) ~= 8 then return 8 end
  v:__destruct()
  return 0
end
assert(removals() == 0)

-- initwithsize(n) and resize(n): new elements are zero; capacity grows as needed
terra sizes() : int
  var v : DoubleVec
  v:initwithsize(5)
  if v:size() ~= 5 or v._capacity < 5 then return 1 end
  for i = 0, 5 do if v(i) ~= 0 then return 2 end end
  for i = 0, 5 do v(i) = i + 0.5 end
  v:resize(2)
  if v:size() ~= 2 or v(1) ~= 1.5 then return 3 end
  v:resize(100)
  if v:size() ~= 100 or v._capacity < 100 or v(1) ~= 1.5 then return 4 end
  for i = 2, 100 do if v(i) ~= 0 then return 5 end end
  v:resize(0)
  if v:size() ~= 0 then return 6 end
  v:insert(2)                                   -- an int converts to the element type
  v:insert(0, 1)
  if v(0) ~= 1.0 or v(1) ~= 2.0 then return 7 end
  v:__destruct()
  var e : IntVec
  e:initwithsize(0)
  if e:size() ~= 0 then return 8 end
  e:__destruct()
  return 0
end
assert(sizes() == 0)

-- methods through a pointer, and a heap vector (Vector is an S.Object)
terra throughpointer() : int
  var v = IntVec.alloc()
  v:init()
  var p = v
  p:insert(4)
  p:insert(0, 3)
  IntVec.insert(p, 5)                           -- the method called statically
  var r = p:size() * 100 + p:remove(0) * 10 + p:remove()
  v:delete()
  return r
end
assert(throughpointer() == 335)

-- for x in v: values in order, typed loop variables, break, a pointer, a function's result
terra makevector(n : int) : IntVec
  var v : IntVec
  v:init()
  for i = 1, n + 1 do v:insert(i) end
  return v
end
terra loops() : int
  var v = makevector(10)
  var s = 0
  for x in v do s = s + x end
  if s ~= 55 then return 1 end
  var f = 0.0
  for x : double in v do f = f + x / 2 end
  if f ~= 27.5 then return 2 end
  var first = -1
  for x in v do if x * x > 20 then first = x; break end end
  if first ~= 5 then return 3 end
  var pv = &v
  var count = 0
  for x in pv do count = count + 1 end
  if count ~= 10 then return 4 end
  var t = 0
  for x in makevector(4) do t = t + x end       -- a temporary vector (not destroyed)
  if t ~= 10 then return 5 end
  var empty : IntVec
  empty:init()
  for x in empty do return 6 end
  v:__destruct()
  return 0
end
assert(loops() == 0)

-- elements with destructors: __destruct, resize and nested vectors destroy them
local destroyed = global(int, 0)
local sum = global(int, 0)
struct Handle { id : int }
terra Handle:__destruct() : {} destroyed = destroyed + 1; sum = sum + self.id end
local Handles = S.Vector(Handle)
terra handles() : int
  destroyed, sum = 0, 0
  var v : Handles
  v:init()
  for i = 1, 6 do v:insert(Handle { i }) end
  var h = v:remove()                            -- handed to us, not destroyed
  if destroyed ~= 0 or h.id ~= 5 then return 1 end
  v:set(0, Handle { 10 })                       -- a plain store: nothing destroyed
  if destroyed ~= 0 then return 2 end
  v:resize(2)                                   -- drops 3 and 4
  if destroyed ~= 2 or sum ~= 7 then return 3 end
  v:__destruct()                                -- 10 and 2
  if destroyed ~= 4 or sum ~= 19 or v:size() ~= 0 then return 4 end
  v:__destruct()                                -- a second time: nothing left
  if destroyed ~= 4 then return 5 end
  return 0
end
assert(handles() == 0)
local Grid = S.Vector(S.Vector(Handle))
terra nested() : int
  destroyed, sum = 0, 0
  var g = Grid.alloc()
  g:init()
  for row = 0, 3 do
    var r : Handles
    r:init()
    for col = 0, row + 1 do r:insert(Handle { row * 10 + col }) end
    g:insert(r)
  end
  var total = 0
  for r in g do for h in r do total = total + h.id end end
  if total ~= 0 + 10 + 11 + 20 + 21 + 22 or (@g)(2):size() ~= 3 then return 1 end
  (@g)(1)(0).id = 100                           -- through two __apply lvalues
  g:delete()                                    -- every row, every handle
  if destroyed ~= 6 or sum ~= 0 + 100 + 11 + 20 + 21 + 22 then return 2 end
  return 0
end
assert(nested() == 0)

-- misuse is a compile error that names the call
terra toomany() var v : IntVec; v:insert(1, 2, 3) end
terra temporary() makevector(1):remove() end
terra wrongtype() var v : IntVec; v:insert("text") end
local function compileerror(f)
  local ok, err = pcall(function() f:compile() end)
  assert(not ok and err:find("Errors reported during typechecking.", 1, true), err)
  return err
end
assert(compileerror(toomany):find("insert: expected v:insert(value) or v:insert(index, value)", 1, true))
assert(compileerror(toomany):find("std_vector.t:", 1, true))
assert(compileerror(temporary):find("remove: the receiver must be a variable", 1, true))
assert(compileerror(wrongtype):find("call to overloaded function does not apply to any arguments", 1, true))

-- a long run of random inserts and removes, checked against a plain array
local N = 512
terra random(state : &uint32) : uint32
  @state = @state * 1103515245 + 12345
  return (@state >> 8) and 0xFFFF
end
terra stress() : int
  var v : IntVec
  v:init()
  var model : int[N]
  var n = 0
  var seed : uint32 = 42
  for step = 0, 20000 do
    var r = random(&seed)
    var op = r % 4
    if (op == 0 or op == 1 or n == 0) and n < N then
      var value = [int](random(&seed))
      if op == 0 then
        v:insert(value); model[n] = value
      else
        var at = random(&seed) % (n + 1)
        v:insert(at, value)
        var j = n
        while j > at do model[j] = model[j - 1]; j = j - 1 end
        model[at] = value
      end
      n = n + 1
    elseif op == 2 then
      n = n - 1
      if v:remove() ~= model[n] then return step end
    else
      var at = random(&seed) % n
      var expect = model[at]
      for j = at, n - 1 do model[j] = model[j + 1] end
      n = n - 1
      if v:remove(at) ~= expect then return step end
    end
    if v:size() ~= n then return step end
  end
  for i = 0, n do if v(i) ~= model[i] then return -2 end end
  v:__destruct()
  return -1
end
assert(stress() == -1)
print("ok")
