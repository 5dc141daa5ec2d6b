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
