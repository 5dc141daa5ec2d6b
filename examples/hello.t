-- A first terrapy script: Lua, with terra functions compiled by LLVM beside it.
print("hello from terrapy")

struct Point { x : double; y : double }
terra Point:norm2() : double return self.x * self.x + self.y * self.y end

terra add(a : int, b : int) : int return a + b end

-- A terra function generated from Lua: the exponent is a Lua value, fixed
-- when the definition runs.
local function power(n)
  return terra(x : double) : double
    var r = 1.0
    for i = 0, [n] do r = r * x end
    return r
  end
end
local cube = power(3)

print("add(2, 3) =", add(2, 3))                        -- called through LuaJIT's FFI
print("cube(1.5) =", cube(1.5))
local p = terralib.new(Point, {3, 4})
print("Point(3,4):norm2() =", p:norm2())
print("types are values:", &Point, {int, int} -> int, vector(float, 4))
