-- pcall / error with levels, non-string error values, assert, error positions.
print("== pcall basics")
print(pcall(function() return 1, 2, 3 end))
print(pcall(function() error("msg") end))
print(pcall(function() error("no position", 0) end))
print(pcall(error))
print(pcall(error, nil))
print(pcall(function(...) return select("#", ...) end, nil, nil))
print(pcall(pcall, error, "nested"))
print(select("#", pcall(error)))

print("== error levels")
local function lvl1() error("level 1 error", 1) end
local function lvl2() error("level 2 error", 2) end
local function callsLvl2()
  lvl2() -- the error is reported at this line
end
print(pcall(lvl1))
print(pcall(callsLvl2))
local function checkarg(x)
  if type(x) ~= "number" then error("bad argument: number expected", 2) end
  return x
end
local function user() return checkarg("nope") end
print(pcall(user))
local function deep3() error("level 3", 3) end
local function deep2() deep3() end
local function deep1()
  deep2()
end
print(pcall(deep1))

print("== non-string error values")
local ok, e = pcall(error, {code = 404, text = "not found"})
print(ok, type(e), e.code, e.text)
ok, e = pcall(error, 42)
print(ok, type(e), e)
ok, e = pcall(function() error(42) end)
print(ok, type(e), e)
ok, e = pcall(error, true)
print(ok, type(e), e)
ok, e = pcall(function() error(setmetatable({}, {__tostring = function() return "E!" end})) end)
print(ok, type(e), tostring(e))
ok, e = pcall(function() error() end)
print(ok, e)
ok, e = pcall(function() error(nil, 2) end)
print(ok, e)

print("== runtime error messages")
local function try(f) local _, m = pcall(f); print(m) end
local undefinedglobal
try(function() undefinedglobal() end)
try(function() local t = {} ; t.x.y = 1 end)
try(function() local s = "str"; return s.x.y end)
try(function() return #nil end)
try(function() return 1 + {} end)
try(function() return ("x")() end)
try(function() return 1 < {} end)
try(function() return {} < {} end)
try(function() return "a" < 1 end)
try(function() return -"abc" end)
try(function() return nil .. "x" end)
try(function() local t = setmetatable({}, {__index = function() error("in __index") end}); return t.k end)
try(function() return math.floor("x") end)
try(function() return ("x"):rep(1, 2, 3) .. string.rep() end)
try(function() local a = {}; a[nil] = 1 end)
try(function() return nosuchglobal.field end)
try(function() local up = nil; return (function() return up.x end)() end)
try(function() return string.nosuchfn("x") end)
try(function() undefined_global_fn(1) end)
try(function() local t = {}; t:nomethod() end)

print("== assert")
print(pcall(assert, true, "unused"))
print(pcall(assert, 1, 2, 3))
print(pcall(assert, false))
print(pcall(assert, nil, "custom assert message"))
print(select("#", pcall(assert, false, {tag = "t"})), select(2, pcall(assert, false, {tag = "t"})).tag)
print(select(2, pcall(assert, false, 99)))
print(pcall(assert))

print("== error rethrow keeps the value")
ok, e = pcall(function()
  local ok2, e2 = pcall(error, "inner", 0)
  error(e2 .. " rethrown", 0)
end)
print(ok, e)
ok, e = pcall(function()
  local _, obj = pcall(error, {n = 1})
  obj.n = obj.n + 1
  error(obj)
end)
print(ok, e.n)

print("== tostring / error with numbers gets a position")
ok, e = pcall(function() error(3.5) end)
print(e)
ok, e = pcall(function() error("x", 1.0) end)
print(e)
print(pcall(error, "level 2 from pcall", 2))

print("== error inside metamethods and iterators")
print(pcall(function() return setmetatable({}, {__add = function() error("add failed") end}) + 1 end))
print(pcall(function() for _ in function() error("iterator failed") end do end end))
print(pcall(string.gsub, "abc", "%w", function() error("callback failed", 0) end))
print(pcall(table.sort, {3, 2, 1}, function() error("cmp failed", 0) end))
