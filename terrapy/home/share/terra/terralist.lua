-- List: a Lua table with the `table` library as methods plus the functional
-- helpers Terra programs use (LANGUAGE.md §17). `require "terralist"` returns
-- the class; `List(t)` or `List()` makes one, `terralib.newlist` is the same.
local List = {}
List.__index = List
setmetatable(List, {
  __call = function(_, t) return setmetatable(t or {}, List) end,
})

for name, fn in pairs(table) do List[name] = fn end

function List:isclassof(v) return getmetatable(v) == List end

-- Function arguments may be functions, operator strings or field names.
local operators = {
  ["+"] = function(a, b) return a + b end, ["-"] = function(a, b) return a - b end,
  ["*"] = function(a, b) return a * b end, ["/"] = function(a, b) return a / b end,
  ["%"] = function(a, b) return a % b end, ["^"] = function(a, b) return a ^ b end,
  [".."] = function(a, b) return a .. b end, ["=="] = function(a, b) return a == b end,
  ["~="] = function(a, b) return a ~= b end, ["<"] = function(a, b) return a < b end,
  ["<="] = function(a, b) return a <= b end, [">"] = function(a, b) return a > b end,
  [">="] = function(a, b) return a >= b end,
  ["and"] = function(a, b) return a and b end, ["or"] = function(a, b) return a or b end,
  ["not"] = function(a) return not a end,
}
local function fn(f)
  if type(f) == "string" then
    local op = operators[f]
    if op then return op end
    return function(e) return e[f] end
  end
  return f
end

local function new(t) return setmetatable(t, List) end

function List:map(f, ...)
  f = fn(f)
  local r = new({})
  for i = 1, #self do r[i] = f(self[i], ...) end
  return r
end
function List:mapi(f, ...)
  f = fn(f)
  local r = new({})
  for i = 1, #self do r[i] = f(i, self[i], ...) end
  return r
end
function List:filter(f, ...)
  f = fn(f)
  local r = new({})
  for i = 1, #self do if f(self[i], ...) then r[#r + 1] = self[i] end end
  return r
end
function List:filteri(f, ...)
  f = fn(f)
  local r = new({})
  for i = 1, #self do if f(i, self[i], ...) then r[#r + 1] = self[i] end end
  return r
end
function List:flatmap(f, ...)
  f = fn(f)
  local r = new({})
  for i = 1, #self do
    local sub = f(self[i], ...)
    for j = 1, #sub do r[#r + 1] = sub[j] end
  end
  return r
end
function List:find(f, ...)
  f = fn(f)
  for i = 1, #self do if f(self[i], ...) then return self[i] end end
end
function List:partition(k, v)
  k, v = fn(k), fn(v or function(e) return e end)
  local r = {}
  for i = 1, #self do
    local key = k(self[i])
    r[key] = r[key] or new({})
    r[key]:insert(v(self[i]))
  end
  return r
end
function List:fold(init, f)
  f = fn(f)
  local acc = init
  for i = 1, #self do acc = f(acc, self[i]) end
  return acc
end
function List:reduce(f, init)
  f = fn(f)
  local start, acc = 1, init
  if acc == nil then start, acc = 2, self[1] end
  for i = start, #self do acc = f(acc, self[i]) end
  return acc
end
function List:exists(f, ...)
  f = fn(f)
  for i = 1, #self do if f(self[i], ...) then return true end end
  return false
end
function List:existsi(f, ...)
  f = fn(f)
  for i = 1, #self do if f(i, self[i], ...) then return true end end
  return false
end
function List:all(f, ...)
  f = fn(f)
  for i = 1, #self do if not f(self[i], ...) then return false end end
  return true
end
function List:alli(f, ...)
  f = fn(f)
  for i = 1, #self do if not f(i, self[i], ...) then return false end end
  return true
end
function List:app(f, ...)
  f = fn(f)
  for i = 1, #self do f(self[i], ...) end
end
function List:appi(f, ...)
  f = fn(f)
  for i = 1, #self do f(i, self[i], ...) end
end
function List:rev()
  local r = new({})
  for i = #self, 1, -1 do r[#r + 1] = self[i] end
  return r
end
function List:sub(i, j)
  local n = #self
  i = i or 1
  j = j or n
  if i < 0 then i = n + i + 1 end
  if j < 0 then j = n + j + 1 end
  local r = new({})
  for k = i, j do r[#r + 1] = self[k] end
  return r
end
function List:insertall(other)
  for i = 1, #other do self[#self + 1] = other[i] end
  return self
end
function List:__tostring()
  local parts = {}
  for i = 1, #self do parts[i] = tostring(self[i]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

return List
