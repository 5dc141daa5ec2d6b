-- Varargs, select, multiple returns, truncation, table constructors with calls.
print("== main chunk varargs", select("#", ...), arg[0], #arg)

local function count(...) return select("#", ...) end
print("== select('#')")
print(count(), count(nil), count(nil, nil), count(1, nil), count(nil, 1, nil))
print(select(2, "a", "b", "c"), select(3, "a", "b", "c"), select(-1, "a", "b", "c"))
print(select(-2, "a", "b", "c"))
print(pcall(select, 0, 1, 2))
print(select(5, 1, 2))
print((select(2, "a", "b", "c")))

print("== vararg forwarding")
local function pass(...) return ... end
print(pass(1, 2, 3))
print(pass(1, nil, 3))
print(count(pass(nil, nil, nil)))
local function first(...) local a = ... ; return a end
print(first(7, 8, 9))
local function both(...) local a, b = ...; return b, a end
print(both(1, 2, 3))
local function packed(...) local t = {...}; return #t, t[1], t[#t] end
print(packed(5, 6, 7, 8))
local function withn(...) local t = {n = select("#", ...), ...}; return t.n end
print(withn(nil, nil, nil, nil))

print("== multiple returns")
local function three() return 1, 2, 3 end
local function none() end
print(three())
print((three()))
print(three(), "end")
print("start", three())
print(three(), three())
print(({three()})[3], #{three(), three()}, #{(three())})
local a, b, c, d = three()
print(a, b, c, d)
local e, f = (three())
print(e, f)
print(none())
print((none()))
print(count(none()), count((none())), count(none(), none()))
print(1, none())
print(none(), 1)

print("== table constructors with trailing calls")
local t = {three()}
print(#t, t[1], t[2], t[3])
t = {three(), three()}
print(#t, t[1], t[2], t[3], t[4])
t = {three(), 10}
print(#t, t[1], t[2])
t = {(three())}
print(#t)
t = {x = three(), three()}
print(t.x, #t)
t = {pass(1, 2), pass(3, 4)}
print(#t, t[1], t[2], t[3])
t = {[1] = "a", "b"}
print(t[1])

print("== unpack")
print(unpack({1, 2, 3}))
print(unpack({1, 2, 3}, 2))
print(unpack({1, 2, 3}, 2, 3))
print(unpack({1, 2, 3}, 3, 5))
print(unpack({}, 1, 0))
print(count(unpack({n = 3}, 1, 3)))
print(unpack({"a", "b"}, -1, 1))

print("== varargs in nested functions and string.format")
local function fmt(f, ...) return string.format(f, ...) end
print(fmt("%s-%s-%s", "x", 1, true and "yes"))
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...) or 0) end
  return s
end
print(sum(), sum(1), sum(1, 2, 3, nil, 5))
local function rev(...)
  local n = select("#", ...)
  if n == 0 then return end
  local head = ...
  return (function(...) local r = {rev(...)}; r[#r + 1] = head; return unpack(r) end)(select(2, ...))
end
print(rev(1, 2, 3, 4))

print("== many values")
local big = {}
for i = 1, 200 do big[i] = i end
print(count(unpack(big)), select(200, unpack(big)), select(-1, unpack(big)))
print(math.max(unpack(big)), math.min(unpack(big)))

print("== tail calls")
local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + n) end
print(loop(100000, 0))
local function tailmulti() return three() end
print(tailmulti())

print("== assignment evaluation")
local x, y, z = 1
print(x, y, z)
x, y = y, x
print(x, y)
local p, q = 1, 2, 3
print(p, q)
local arr = {}
local i = 1
i, arr[i] = i + 1, 20
print(i, arr[1], arr[2])
