-- Object-oriented patterns: classes, inheritance, super calls, mixins, privacy.
print("== class with constructor and methods")
local Account = {}
Account.__index = Account
function Account.new(owner, balance)
  local self = setmetatable({}, Account)
  self.owner, self.balance = owner, balance or 0
  return self
end
function Account:deposit(v) self.balance = self.balance + v; return self end
function Account:withdraw(v)
  if v > self.balance then error("insufficient funds", 2) end
  self.balance = self.balance - v
  return self
end
function Account:__tostring() return self.owner .. ": " .. self.balance end
local acc = Account.new("ann", 100)
acc:deposit(50):withdraw(30)
print(tostring(acc), acc.balance)
print(pcall(acc.withdraw, acc, 1000))
print(pcall(function() acc:withdraw(1000) end))

print("== inheritance with super calls")
local Special = setmetatable({}, {__index = Account})
Special.__index = Special
Special.__tostring = Account.__tostring
function Special.new(owner, balance, limit)
  local self = Account.new(owner, balance)
  self.limit = limit
  return setmetatable(self, Special)
end
function Special:withdraw(v)
  if v - self.balance >= self.limit then error("over limit", 2) end
  self.balance = self.balance - v
  return self
end
function Special:getlimit() return self.limit end
local sp = Special.new("bob", 10, 100)
sp:withdraw(50):deposit(5)
print(tostring(sp), sp:getlimit(), pcall(sp.withdraw, sp, 200))
print(getmetatable(sp) == Special, rawget(Special, "deposit"), Special.deposit == Account.deposit)

print("== class factory with multiple levels")
local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, {__index = parent}) end
  c.new = function(...)
    local o = setmetatable({}, c)
    if o.init then o:init(...) end
    return o
  end
  c.super = parent
  return c
end
local Shape = class()
function Shape:init(name) self.name = name end
function Shape:area() return 0 end
function Shape:describe() return self.name .. " with area " .. string.format("%.2f", self:area()) end
local Rect = class(Shape)
function Rect:init(w, h) Shape.init(self, "rect"); self.w, self.h = w, h end
function Rect:area() return self.w * self.h end
local Square = class(Rect)
function Square:init(s) Rect.init(self, s, s); self.name = "square" end
local Circle = class(Shape)
function Circle:init(r) self.super.init(self, "circle"); self.r = r end
function Circle:area() return math.pi * self.r ^ 2 end
local shapes = {Shape.new("blob"), Rect.new(2, 3), Square.new(4), Circle.new(1)}
for _, s in ipairs(shapes) do print(s:describe()) end
table.sort(shapes, function(a, b) return a:area() < b:area() end)
local order = {}
for i, s in ipairs(shapes) do order[i] = s.name end
print(table.concat(order, " < "))

print("== mixins")
local Comparable = {
  __lt = function(a, b) return a:key() < b:key() end,
  __le = function(a, b) return a:key() <= b:key() end,
  __eq = function(a, b) return a:key() == b:key() end,
}
local Version = {}
Version.__index = Version
for k, v in pairs(Comparable) do Version[k] = v end
function Version.new(s)
  local maj, min, pat = s:match("^(%d+)%.(%d+)%.(%d+)$")
  return setmetatable({maj = tonumber(maj), min = tonumber(min), pat = tonumber(pat), s = s}, Version)
end
function Version:key() return self.maj * 1e6 + self.min * 1e3 + self.pat end
local vs = {Version.new("1.10.0"), Version.new("1.2.3"), Version.new("0.9.9"), Version.new("1.2.10")}
table.sort(vs)
local vo = {}
for i, v in ipairs(vs) do vo[i] = v.s end
print(table.concat(vo, " "), Version.new("1.0.0") == Version.new("1.0.0"), vs[1] <= vs[2])

print("== privacy via closures")
local function Stack()
  local items, n = {}, 0
  local self = {}
  function self.push(v) n = n + 1; items[n] = v end
  function self.pop() if n == 0 then return nil end local v = items[n]; items[n] = nil; n = n - 1; return v end
  function self.size() return n end
  return self
end
local st = Stack()
for i = 1, 5 do st.push(i * i) end
print(st.size(), st.pop(), st.pop(), st.size(), st.items)

print("== method definition forms")
local ns = {deep = {er = {}}}
function ns.deep.er.fn(a) return "dot " .. a end
function ns.deep.er:m(a) return "colon " .. a .. " " .. tostring(self == ns.deep.er) end
print(ns.deep.er.fn("x"), ns.deep.er:m("y"), ns.deep.er.m(ns.deep.er, "z"))

print("== __index cache pattern and method lookup counts")
local lookups = 0
local Base = setmetatable({}, {__index = function(t, k) lookups = lookups + 1; return function() return k end end})
local obj = setmetatable({}, {__index = Base})
print(obj.alpha(), obj.beta(), lookups)
