-- Lua values used in terra code: functions become callbacks with the argument
-- types of the call; cdata arrays are lvalues in Lua's memory; pointers stay pointers.
local seen = {}
local function record(x, y) seen[#seen + 1] = x + y end
terra calls() record(1, 2.5) record(10, 20) end
calls()
assert(seen[1] == 3.5 and seen[2] == 30)
local shared = terralib.new(int[3], {1, 2, 3})
terra bump() shared[1] = shared[1] + 40 end
bump()
assert(shared[1] == 42)
local p = terralib.cast(&int, shared)
terra third() : int return p[2] end
assert(third() == 3)
print("ok")
-- a Lua object with __toterraexpression converts itself
local Celsius = setmetatable({ degrees = 21 }, {
  __toterraexpression = function(self) return `[self.degrees] + 273 end,
})
terra kelvin() : int return Celsius end
assert(kelvin() == 294)
print("toterraexpression ok")
-- a struct by value cannot go to a Lua function (LuaJIT callbacks take none)
struct Pair2 { a : int; b : double }
local function takes(x) end
local okp, errp = pcall(function() terra passes() takes(Pair2 { 1, 2 }) end passes:compile() end)
assert(not okp and errp:find("cannot take Pair2 by value; pass a pointer to it", 1, true), errp)
print("struct by value refused")
