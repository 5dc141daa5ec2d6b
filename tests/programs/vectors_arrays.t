local V4 = vector(float, 4)
assert(V4:isvector() and V4.N == 4 and V4.type == float)
terra vsum(a : float, b : float) : float
  var v : V4 = a          -- broadcast
  var w = vector(1.0f, 2.0f, 3.0f, 4.0f)
  var u = v * w + 1
  return u[0] + u[1] + u[2] + u[3]
end
assert(vsum(2, 0) == 24)
terra vcmp() : int
  var a = vectorof(int, 1, 5, 3, 7)
  var b = vectorof(int, 2, 2, 2, 9)
  var m = a < b
  var r = 0
  for i = 0, 4 do if m[i] then r = r + 1 end end
  var s = terralib.select(m, a, b)
  return r * 100 + s[0] + s[1] + s[2] + s[3]
end
assert(vcmp() == 212, vcmp())
terra arr() : int
  var a = array(1, 2, 3)
  var b = arrayof(int8, 4, 5)
  return a[0] + a[1] + a[2] + b[1]
end
assert(arr() == 11)
terra neg() : int var v = vectorof(int, 1, 2); var w = -v; var x = not v; return w[1] + x[0] end
assert(neg() == -4)
assert(terralib.sizeof(vector(int, 5)) == 32)
print("ok")
-- vectors cross into Lua as GNU C vector cdata; vector constants and globals
local v4 = vector(float, 4)
terra scalev(a : v4, k : float) : v4 return a * k end
local scaled = scalev(terralib.new(v4, {1, 2, 3, 4}), 2)
assert(scaled[0] == 2 and scaled[3] == 8)
local cv = constant(v4, `vector(1.0f, 2.0f, 3.0f, 4.0f))
terra fromconstant(i : int) : float return cv[i] end
assert(fromconstant(2) == 3)
local gv = global(vector(double, 2), `vector(1.5, 2.5))
terra fromglobal() : double return gv[0] + gv[1] end
assert(fromglobal() == 4 and gv:get()[1] == 2.5)
print("vector cdata ok")
