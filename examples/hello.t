-- A first terrapy script: Lua with Terra definitions beside it.
local greeting = "hello from terrapy"
print(greeting)

-- Types are Lua values.
local Vec3 = double[3]
print("a vector type:", Vec3, "a function type:", {int, int} -> int)

struct Point { x : double; y : double }
terra Point:norm2() : double return self.x * self.x + self.y * self.y end
terra add(a : int, b : int) : int return a + b end

print("struct", Point, "with fields:")
for i, e in ipairs(Point.entries) do print("", e.field, e.type) end
print("terra function", add:getname(), "of type", add:gettype())
