-- Closures, upvalues, shared upvalues, closures created in loops.
print("== counter")
local function counter(start)
  local n = start or 0
  return function(step) n = n + (step or 1); return n end
end
local c1, c2 = counter(), counter(10)
print(c1(), c1(), c1(5), c2(), c1())

print("== shared upvalue between closures")
local function pair()
  local v = 0
  local function get() return v end
  local function set(x) v = x end
  local function inc() v = v + 1 end
  return get, set, inc
end
local get, set, inc = pair()
print(get()); set(41); inc(); print(get())
local get2 = pair()
print(get2(), get())

print("== closures in numeric for: fresh variable per iteration")
local fs = {}
for i = 1, 5 do fs[i] = function() return i end end
local out = {}
for i = 1, 5 do out[i] = fs[i]() end
print(table.concat(out, " "))

print("== closures in generic for")
fs = {}
for k, v in ipairs({"a", "b", "c"}) do fs[k] = function() return k .. v end end
print(fs[1](), fs[2](), fs[3]())

print("== closures in while: the local declared inside is fresh")
fs = {}
local j = 0
while j < 3 do
  j = j + 1
  local captured = j * 10
  fs[j] = function() captured = captured + 1; return captured end
end
print(fs[1](), fs[1](), fs[2](), fs[3](), j)

print("== closure over outer loop variable shared with inner modifications")
fs = {}
for i = 1, 3 do
  local x = i
  fs[#fs + 1] = function() x = x * 2; return x end
  fs[#fs + 1] = function() return x end
end
print(fs[1](), fs[2](), fs[1](), fs[2](), fs[3](), fs[4](), fs[6]())

print("== repeat-until sees body locals")
local k = 0
repeat local done = k >= 3; k = k + 1 until done
print(k)

print("== recursion via local function")
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10), fact(20))
local fib
fib = function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))

print("== memoize with closures")
local function memoize(f)
  local cache, hits = {}, 0
  return function(x)
    if cache[x] ~= nil then hits = hits + 1; return cache[x] end
    local r = f(x); cache[x] = r; return r
  end, function() return hits end
end
local slowsq = function(x) return x * x end
local msq, hits = memoize(slowsq)
print(msq(3), msq(3), msq(4), msq(3), hits())

print("== deep nesting of upvalues")
local function l1()
  local a = 1
  return function()
    local b = 2
    return function()
      local c = 3
      return function() a = a + 1; return a + b + c end
    end
  end
end
local deep = l1()()()
print(deep(), deep(), deep())

print("== upvalue shadowing")
local x = "outer"
local function shadow()
  local x = "inner"
  return function() return x end
end
print(shadow()(), x)
do local x = "block"; print(x) end
print(x)

print("== function as argument and return")
local function compose(f, g) return function(...) return f(g(...)) end end
local add1 = function(n) return n + 1 end
local dbl = function(n) return n * 2 end
print(compose(add1, dbl)(5), compose(dbl, add1)(5))
local function curry(f) return function(a) return function(b) return f(a, b) end end end
print(curry(function(a, b) return a - b end)(10)(3))

print("== closures survive their creator's return and GC")
local makers = {}
for i = 1, 3 do makers[i] = counter(i * 100) end
collectgarbage()
print(makers[1](), makers[2](), makers[3](), makers[1]())

print("== debug.getupvalue / setupvalue")
local function withup() return x end
print(debug.getupvalue(withup, 1))
debug.setupvalue(withup, 1, "changed")
print(withup(), x)
