-- An unrolled, vectorised dot product generated from a Lua loop: the Lua code
-- decides the vector width and the unroll factor, terra gets straight-line code.
local function dot(width, unroll)
  local V = vector(double, width)
  local step = width * unroll
  return terra(a : &double, b : &double, n : int) : double
    var acc : V[unroll]
    escape
      for u = 0, unroll - 1 do emit quote acc[u] = 0 end end
    end
    var i = 0
    while i + step <= n do
      escape
        for u = 0, unroll - 1 do
          emit quote
            var va = @[&V](a + i + [u * width])
            var vb = @[&V](b + i + [u * width])
            acc[u] = acc[u] + va * vb
          end
        end
      end
      i = i + step
    end
    var total = 0.0
    escape
      for u = 0, unroll - 1 do
        for lane = 0, width - 1 do emit quote total = total + acc[u][lane] end end
      end
    end
    while i < n do total = total + a[i] * b[i]; i = i + 1 end
    return total
  end
end

local C = terralib.includec("stdlib.h")
local n = 1000003
local a = terralib.cast(&double, C.aligned_alloc(64, n * 8))
local b = terralib.cast(&double, C.aligned_alloc(64, n * 8))
local expected = 0
for i = 0, n - 1 do
  a[i], b[i] = (i % 7) * 0.5, (i % 5) * 0.25
  expected = expected + a[i] * b[i]
end
for _, shape in ipairs { {2, 1}, {4, 2}, {4, 4} } do
  local f = dot(shape[1], shape[2])
  local r = f(a, b, n)
  assert(math.abs(r - expected) < 1e-6 * expected, r)
  print(string.format("width %d, unroll %d: %.1f", shape[1], shape[2], r))
end
C.free(a)
C.free(b)
