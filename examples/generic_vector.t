-- A generic growable Vector(T), made once per element type by terralib.memoize.
local C = terralib.includec("stdlib.h")

local Vector = terralib.memoize(function(T)
  local struct V { data : &T; size : int64; capacity : int64 }
  V.name = "Vector(" .. tostring(T) .. ")"
  terra V:init() self.data, self.size, self.capacity = nil, 0, 0 end
  terra V:push(value : T)
    if self.size == self.capacity then
      self.capacity = terralib.select(self.capacity == 0, 4, self.capacity * 2)
      self.data = [&T](C.realloc(self.data, self.capacity * sizeof(T)))
    end
    self.data[self.size] = value
    self.size = self.size + 1
  end
  terra V:free() C.free(self.data) end
  -- v(i) reads element i
  V.metamethods.__apply = macro(function(self, i) return `[self].data[ [i] ] end)
  return V
end)

assert(Vector(int) == Vector(int) and Vector(int) ~= Vector(double))

terra squares(n : int) : int64
  var v : Vector(int)
  v:init()
  for i = 0, n do v:push(i * i) end
  var total : int64 = 0
  for i = 0, v.size do total = total + v(i) end
  v:free()
  return total
end

terra halves(n : int) : double
  var v : Vector(double)
  v:init()
  for i = 0, n do v:push(i / 2.0) end
  var total = 0.0
  for i = 0, v.size do total = total + v(i) end
  v:free()
  return total
end

assert(squares(1000) == 332833500)
assert(halves(1000) == 249750)
print("Vector(int): sum of squares below 1000 =", tonumber(squares(1000)))
print("Vector(double): sum of halves =", halves(1000))
