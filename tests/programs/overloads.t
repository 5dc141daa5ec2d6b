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
print("ok")
