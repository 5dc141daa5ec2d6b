-- Coroutines: create/resume/yield/status/wrap/running, errors, yield across pcall.
print("== basic resume / yield")
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "done", d + e
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co))
print(coroutine.resume(co))

print("== wrap as generator")
local function range(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local acc = {}
for i in range(5) do acc[#acc + 1] = i end
print(table.concat(acc, " "))

print("== producer / consumer")
local function producer()
  return coroutine.create(function()
    for _, w in ipairs({"alpha", "beta", "gamma"}) do coroutine.yield(w) end
    return nil
  end)
end
local p = producer()
while true do
  local ok, v = coroutine.resume(p)
  if not v then break end
  io.write(v, ";")
end
print(" status:", coroutine.status(p))

print("== errors inside coroutines")
local bad = coroutine.create(function() local x = nil; return x.field end)
print(coroutine.resume(bad))
print(coroutine.status(bad), coroutine.resume(bad))
local thrower = coroutine.create(function() error({code = 42}) end)
local ok, err = coroutine.resume(thrower)
print(ok, type(err), err.code)
local w = coroutine.wrap(function() error("wrapped failure") end)
print(pcall(w))
local w2 = coroutine.wrap(function() return 1 end)
w2()
print(pcall(w2))
print(pcall(coroutine.resume, 42))

print("== yield across pcall")
local cp = coroutine.create(function()
  local ok, v = pcall(function()
    local got = coroutine.yield("inside pcall")
    if got == "fail" then error("failing after yield", 0) end
    return got
  end)
  coroutine.yield("pcall returned " .. tostring(ok) .. " " .. tostring(v))
  local ok2, v2 = pcall(function() local g = coroutine.yield("second"); error(g, 0) end)
  return "end: " .. tostring(ok2) .. " " .. tostring(v2)
end)
print(coroutine.resume(cp))
print(coroutine.resume(cp, "value"))
print(coroutine.resume(cp))
print(coroutine.resume(cp, "boom"))
print(coroutine.status(cp))

print("== yield across metamethods and iterators")
local mco = coroutine.wrap(function()
  local t = setmetatable({}, {__index = function(_, k) return coroutine.yield("index " .. k) end})
  local v = t.foo
  return "result " .. v
end)
print(mco())
print(mco("bar"))

print("== running / isyieldable")
print(coroutine.running() == nil, select("#", coroutine.running()))
local rco
rco = coroutine.create(function()
  local me, ismain = coroutine.running()
  print(me == rco, ismain, coroutine.isyieldable())
  print(coroutine.status(rco))
end)
coroutine.resume(rco)
print(coroutine.isyieldable())

print("== nested coroutines")
local outer = coroutine.wrap(function()
  local inner = coroutine.wrap(function()
    coroutine.yield("inner 1")
    coroutine.yield("inner 2")
  end)
  coroutine.yield("outer got " .. inner())
  coroutine.yield("outer got " .. inner())
  coroutine.yield("outer done")
end)
print(outer()); print(outer()); print(outer())

print("== status of a normal coroutine")
local A, B
A = coroutine.create(function() coroutine.resume(B) end)
B = coroutine.create(function() print("A is", coroutine.status(A), "B is", coroutine.status(B)) end)
coroutine.resume(A)
print(coroutine.status(A), coroutine.status(B))

print("== resume dead / resume self")
print(coroutine.resume(coroutine.create(function() end)))
local selfco
selfco = coroutine.create(function() return coroutine.resume(selfco) end)
print(coroutine.resume(selfco))
print(pcall(coroutine.yield, 1))

print("== passing many values through yield")
local many = coroutine.wrap(function(...)
  local n = select("#", ...)
  local r = {coroutine.yield(n, ...)}
  return #r, unpack(r)
end)
print(many(1, nil, 3))
print(many("a", "b", "c", "d"))

print("== generators: permutations")
local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local perms = {}
for pm in coroutine.wrap(function() permgen({1, 2, 3}) end) do perms[#perms + 1] = table.concat(pm) end
table.sort(perms)
print(#perms, table.concat(perms, " "))
