-- Arithmetic, concat, comparison, __len, __tostring metamethods.
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
local function coords(a) if type(a) == "number" then return a, a end return a.x, a.y end
V.__add = function(a, b) local ax, ay = coords(a); local bx, by = coords(b); return vec(ax + bx, ay + by) end
V.__sub = function(a, b) local ax, ay = coords(a); local bx, by = coords(b); return vec(ax - bx, ay - by) end
V.__mul = function(a, b) local ax, ay = coords(a); local bx, by = coords(b); return vec(ax * bx, ay * by) end
V.__div = function(a, b) local ax, ay = coords(a); local bx, by = coords(b); return vec(ax / bx, ay / by) end
V.__mod = function(a, b) local ax, ay = coords(a); local bx, by = coords(b); return vec(ax % bx, ay % by) end
V.__pow = function(a, b) local ax, ay = coords(a); local bx, by = coords(b); return vec(ax ^ bx, ay ^ by) end
V.__unm = function(a) return vec(-a.x, -a.y) end
V.__concat = function(a, b)
  local function s(v) if type(v) == "table" then return "<" .. v.x .. "," .. v.y .. ">" end return tostring(v) end
  return s(a) .. s(b)
end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a.x * a.x + a.y * a.y < b.x * b.x + b.y * b.y end
V.__le = function(a, b) return a.x * a.x + a.y * a.y <= b.x * b.x + b.y * b.y end
V.__tostring = function(a) return "vec(" .. a.x .. ", " .. a.y .. ")" end
V.__len = function(a) return 99 end

local a, b = vec(1, 2), vec(3, 4)
print("== arithmetic")
print(tostring(a + b), tostring(a - b), tostring(a * b), tostring(b / a))
print(tostring(b % a), tostring(a ^ 2), tostring(-a), tostring(- -a))
print(tostring(a + 10), tostring(10 + a), tostring(2 * b), tostring(1 - a))
print(tostring(a + b * 2), tostring((a + b) * 2))

print("== concat")
print(a .. b, a .. "!", "v=" .. a, 1 .. a, a .. b .. "end")

print("== comparison")
print(a == b, a == vec(1, 2), a ~= vec(1, 2), a ~= b)
print(a < b, b < a, a <= b, b <= a, a > b, a >= vec(2, 1), a <= vec(2, 1))
print(a == 1, 1 == a, a == "x") -- different types never call __eq

print("== __eq needs same metamethod")
local other = setmetatable({x = 1, y = 2}, {__eq = function() return true end})
print(pcall(function() return a == other end))

print("== __le falls back to not __lt")
local L = {__lt = function(p, q) return p.v < q.v end}
local l1, l2 = setmetatable({v = 1}, L), setmetatable({v = 2}, L)
print(l1 < l2, l2 < l1, pcall(function() return l1 <= l2 end))

print("== __tostring via print and tostring")
print(a, b)
print(tostring(setmetatable({}, {__tostring = function() return "custom" end})))

print("== __len")
-- Lua 5.1 semantics: # on a table ignores __len (LuaJIT without 5.2 compat).
print(#a, #setmetatable({1, 2, 3}, {__len = function() return 42 end}))
-- __len works on userdata from newproxy.
local ud = newproxy(true)
getmetatable(ud).__len = function() return 7 end
getmetatable(ud).__index = function(_, k) return "ud." .. k end
getmetatable(ud).__tostring = function() return "proxy!" end
print(#ud, ud.field, tostring(ud))
local ud2 = newproxy(ud) -- shares the metatable
print(#ud2, ud2.other, getmetatable(ud2) == getmetatable(ud))

print("== arithmetic errors without metamethods")
print(pcall(function() return {} + 1 end))
print(pcall(function() return -{} end))
print(pcall(function() return {} < {} end))
print(pcall(function() return {} .. "" end))
print(pcall(function() local x = nil; return x + 1 end))

print("== metamethod on right operand only")
local R = setmetatable({}, {__add = function(p, q) return "R-add:" .. type(p) .. "+" .. type(q) end,
                             __concat = function(p, q) return "R-cat:" .. type(p) .. ".." .. type(q) end})
print(1 + R, R + 1, "s" .. R, R .. "s", 1 .. R)

print("== __index on strings")
local s = "hello"
print(s:upper(), s:len(), ("%d-%d"):format(1, 2), s:sub(2, 3), #s)

print("== __call with varargs and multiple returns")
local mc = setmetatable({}, {__call = function(self, ...) return select("#", ...), ... end})
print(mc(), mc(nil), mc(1, nil, 3))
