-- __gc through newproxy, __mode weak tables, collectgarbage.
print("== collectgarbage")
print(type(collectgarbage("count")), collectgarbage("count") > 0)
print(collectgarbage(), collectgarbage("collect"))
print(type(collectgarbage("step")))
local prev = collectgarbage("setpause", 150)
print(type(prev))
collectgarbage("setpause", prev)

print("== __gc on newproxy userdata")
local finalized = {}
local function make(name)
  local p = newproxy(true)
  getmetatable(p).__gc = function() finalized[#finalized + 1] = name end
  return p
end
local function scope()
  local a = make("a")
  local b = make("b")
  return #finalized
end
print(scope())
collectgarbage(); collectgarbage()
table.sort(finalized)
print(#finalized, table.concat(finalized, ","))

local keep = make("kept")
collectgarbage(); collectgarbage()
print(#finalized, type(keep))

print("== weak values")
local cache = setmetatable({}, {__mode = "v"})
local function fill()
  cache.live = nil
  cache.tmp1 = {}
  cache.tmp2 = {}
  cache.str = "strings are values, not collected"
  cache.num = 42
end
local anchor = {}
fill()
cache.anchored = anchor
collectgarbage(); collectgarbage()
local keys = {}
for k in pairs(cache) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, ","))

print("== weak keys")
local wk = setmetatable({}, {__mode = "k"})
local kept = {}
local function addkeys()
  wk[{}] = "gone1"
  wk[{}] = "gone2"
  wk[kept] = "stays"
  wk.name = "string key stays"
end
addkeys()
collectgarbage(); collectgarbage()
local vals = {}
for _, v in pairs(wk) do vals[#vals + 1] = v end
table.sort(vals)
print(#vals, table.concat(vals, ","))

print("== strong table keeps everything")
local strong = {}
local function addstrong() strong[{}] = 1; strong[{}] = 2 end
addstrong()
collectgarbage()
local n = 0
for _ in pairs(strong) do n = n + 1 end
print(n)

print("== newproxy(false) has no metatable")
local plain = newproxy(false)
print(type(plain), getmetatable(plain))
local plain2 = newproxy()
print(getmetatable(plain2))
print(pcall(newproxy, 1))
