-- __index / __newindex (tables and functions), __call, __metatable, raw access.
print("== __index as table, chained")
local base = {greet = "hello", n = 1}
local mid = setmetatable({mid = "middle"}, {__index = base})
local obj = setmetatable({own = "mine"}, {__index = mid})
print(obj.own, obj.mid, obj.greet, obj.n, obj.missing)
print(rawget(obj, "greet"), rawget(obj, "own"))
base.n = 2
print(obj.n)

print("== __index as function")
local calls = 0
local lazy = setmetatable({}, {__index = function(t, k)
  calls = calls + 1
  local v = type(k) == "number" and k * k or tostring(k) .. "!"
  rawset(t, k, v)
  return v
end})
print(lazy[4], lazy[4], lazy.x, lazy.x, calls)
print(rawget(lazy, 4), rawget(lazy, 5))

print("== __newindex as function")
local store = {}
local logged = {}
local proxy = setmetatable({}, {
  __index = store,
  __newindex = function(t, k, v)
    logged[#logged + 1] = tostring(k) .. "=" .. tostring(v)
    rawset(store, k, v)
  end,
})
proxy.a = 1
proxy.b = "two"
proxy.a = 3
print(proxy.a, proxy.b, rawget(proxy, "a"), table.concat(logged, ","))

print("== __newindex as table")
local sink = {}
local redirect = setmetatable({}, {__newindex = sink})
redirect.x = 10
print(rawget(redirect, "x"), sink.x)
rawset(redirect, "y", 20)
print(redirect.y, sink.y)
redirect.y = 30 -- existing key: no metamethod
print(redirect.y, sink.y)

print("== read-only table")
local function readonly(t)
  return setmetatable({}, {
    __index = t,
    __newindex = function(_, k) error("attempt to modify read-only field " .. tostring(k), 2) end,
  })
end
local ro = readonly({pi = 3.14})
print(ro.pi, pcall(function() ro.pi = 3 end))

print("== __call")
local callable = setmetatable({name = "C"}, {__call = function(self, a, b)
  return self.name, a, b, a + b
end})
print(callable(1, 2))
print(pcall(callable, 5, 6))
local counter = setmetatable({n = 0}, {__call = function(self) self.n = self.n + 1; return self.n end})
counter(); counter()
print(counter(), counter.n)

print("== __metatable")
local locked = setmetatable({}, {__metatable = "locked!", __index = {v = 7}})
print(getmetatable(locked), locked.v)
print(pcall(setmetatable, locked, {}))
print(getmetatable("abc").__index == string, ("x"):rep(3))

print("== getmetatable / setmetatable return values")
local mt = {}
local t = {}
print(setmetatable(t, mt) == t, getmetatable(t) == mt, getmetatable({}) == nil)
print(setmetatable(t, nil) == t, getmetatable(t))
print(pcall(setmetatable, t, 5))

print("== defaults with __index on numbers of keys")
local defaults = setmetatable({}, {__index = function() return 0 end})
local words = {"a", "b", "a", "c", "a", "b"}
for _, w in ipairs(words) do defaults[w] = defaults[w] + 1 end
print(defaults.a, defaults.b, defaults.c, defaults.d)

print("== rawequal / rawlen-like")
local eqmt = {__eq = function() return true end}
local e1, e2 = setmetatable({}, eqmt), setmetatable({}, eqmt)
print(e1 == e2, rawequal(e1, e2))

print("== inheritance via __index function chain")
local A = {}; A.__index = A
function A.new(x) return setmetatable({x = x}, A) end
function A:get() return self.x end
function A:name() return "A" end
local B = setmetatable({}, {__index = A}); B.__index = B
function B.new(x, y) local o = A.new(x); o.y = y; return setmetatable(o, B) end
function B:name() return "B(" .. A.name(self) .. ")" end
local b = B.new(1, 2)
print(b:get(), b.y, b:name(), getmetatable(b) == B)
