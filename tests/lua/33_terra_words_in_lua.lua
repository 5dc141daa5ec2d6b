-- Terra's words and symbols inside Lua strings and comments stay untouched;
-- deep recursion and string-keyed access to Terra-reserved names.
-- terra add(a : int, b : int) : int return a + b end
--[[ struct Point { x : int; y : int }
     quote var x = 1 end; escape emit(`x) end; defer free(p); switch x do case 1 then end end ]]
print("terra add(a : int, b : int) : int return a + b end")
print('struct Point { x : int; y : int }', "var x : &int = @p", "a << 2 >> 1 & 3")
print([[
terra f() : {int, int}
  var p : &int = nil
  return [x], `y
end
import "lib"
]])
local reserved = {}
for _, w in ipairs({"terra", "var", "struct", "union", "quote", "escape", "defer", "switch", "case", "import"}) do
  reserved[w] = #w
end
print(reserved["terra"], reserved["var"], reserved["struct"], reserved["union"], reserved["quote"])
print(reserved["escape"], reserved["defer"], reserved["switch"], reserved["case"], reserved["import"])
local keys = {}
for k in pairs(reserved) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
local s = "x :: int -> int"
print(s:match("(%w+) :: (%w+) %-> (%w+)"))
print(("`quoted` [escaped] @deref &addr"):gsub("[`%[%]@&]", "_"))
print(#"terra", ("struct"):upper(), ("quote"):rep(2, "|"))
local src = "local function f() return 'terra' end return f()"
print(loadstring(src)())
print(string.format("%s %s", "terra", "end"))

print("== deep recursion and stack overflow")
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(10000))
local function forever(n) return 1 + forever(n + 1) end
local ok, msg = pcall(forever, 1)
print(ok, (tostring(msg):gsub("^.-:%d+: ", "")))
local function tailforever(n) if n > 1000000 then return n end return tailforever(n + 1) end
print(tailforever(1))
local t = setmetatable({}, {__index = function(tb, k) return tb[k + 1] end})
ok, msg = pcall(function() return t[1] end)
print(ok, (tostring(msg):match("stack overflow") or tostring(msg):match("C stack overflow") or "other"))
