local area = terralib.overloadedfunction("area")
terra areaInt(x : int) : int return x * x end
terra areaDouble(x : double) : double return x * x * 2 end
terra areaPair(x : int, y : int) : int return x * y end
area:adddefinition(areaInt):adddefinition(areaDouble):adddefinition(areaPair)
terra use() : double
  return area(3) + area(1.5) + area(2, 5)       -- exact matches by argument types
end
assert(use() == 9 + 4.5 + 10)
local only = terralib.overloadedfunction("only", { terra(x : double) : double return x + 1 end })
terra converts() : double return only(2) end          -- int converts to double
assert(converts() == 3)
local ok, err = pcall(function() terra bad() return area(true) end bad:compile() end)
assert(not ok and err:find("call to overloaded function does not apply to any arguments", 1, true), err)
assert(not pcall(area, 1))                            -- not callable from Lua
terra ops(a : int, b : int) : int return operator("+", a, b) * operator("__sub", a, b) end
assert(ops(5, 3) == 16)
-- an overloaded function as a method: the receiver goes as each definition wants it
struct Acc { x : int }
Acc.methods.add = terralib.overloadedfunction("add", {
  terra(self : &Acc, v : int) self.x = self.x + v end,
  terra(self : &Acc, v : int, w : int) self.x = self.x + v * w end,
})
terra accumulate() : int
  var a = Acc { 1 }
  a:add(2)
  a:add(3, 4)
  var p = &a
  p:add(100)
  return a.x
end
assert(accumulate() == 115)
local ok3, err3 = pcall(function() terra nofit() var a = Acc { 1 }; a:add(1, 2, 3) end nofit:compile() end)
assert(not ok3 and err3:find("does not apply to any arguments (Acc, int32, int32, int32)", 1, true), err3)
-- a Lua function as a method: called with the receiver as a pointer
local seen
Acc.methods.report = function(self, extra) seen = self.x + extra end
terra report() var a = Acc { 7 }; a:report(3) end
report()
assert(seen == 10)
print("ok")
