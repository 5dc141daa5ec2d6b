-- power specialised for a constant exponent
local function power(n)
  local x = symbol(double, "x")
  local body = quote end
  local acc = `1.0
  for i = 1, n do acc = `[acc] * [x] end
  return terra([x]) : double return [acc] end
end
local p5 = power(5)
assert(p5(2) == 32)
-- statement quotes spliced, hygiene
local function incr(v) return quote [v] = [v] + 1 end end
terra count() : int
  var a = 0
  [incr(a)]
  [incr(a)]
  return a
end
assert(count() == 2)
-- a quote with a local of its own does not clash
local tmp = quote var t = 10 in t end
terra twoquotes() : int
  var t = 1
  return [tmp] + [tmp] + t
end
assert(twoquotes() == 21)
-- escape/emit and lists spliced into argument lists
local N = 4
terra unrolled(a : &int) : int
  var s = 0
  escape
    for i = 0, N - 1 do emit quote s = s + a[i] end end
  end
  return s
end
local arr = terralib.new(int[4], {1, 2, 3, 4})
assert(unrolled(arr) == 10)
local args = {`1, `2, `3}
terra add3(a : int, b : int, c : int) : int return a + b + c end
terra useargs() : int return add3([args]) end
assert(useargs() == 6)
-- var [s] and symbols in escapes
local s = symbol(int, "s")
terra withsym() : int
  var [s] = 5
  return [s] * 2
end
assert(withsym() == 10)
terra esc() : int
  var k = 3
  return [ `k + 1 ]
end
assert(esc() == 4)
print("ok")
-- labels made in Lua
local again = label("again")
terra countdown(n : int) : int
  var steps = 0
  ::[again]::
  if n > 0 then n = n - 1; steps = steps + 1; goto [again] end
  return steps
end
assert(countdown(5) == 5)
print("labels ok")
-- field, method and constructor-key escapes
struct P { x : int; y : int }
terra P:sum() : int return self.x + self.y end
local fieldname, methodname = "y", "sum"
terra escapes() : int
  var p = P { [fieldname] = 4, x = 3 }
  return p.[fieldname] * 10 + p:[methodname]()
end
assert(escapes() == 47)
print("field escapes ok")
