-- Line numbers stay exact across multi-line strings, comments and expressions.
local function line() return debug.getinfo(2, "l").currentline end
local function errline(f) local _, m = pcall(f); return (tostring(m):match(":(%d+):")) end
print("start", line())
local long = [[
one
two
three]]
print("after long string", line(), #long)
--[[ a comment
over
four lines ]]
print("after long comment", line())
--[==[
]] still inside
]==]
print("after level-2 comment", line())
local esc = "a\
b\
c"
print("after escaped newlines", line(), #esc)
local z = "x\z
           y\z
           z"
print("after \\z continuation", line(), z)
local t = {
  1,
  2,
  f = function()
    return line()
  end,
}
print("table constructor", line(), t.f())
local r = (1 +
  2) *
  3
print("multi-line expression", line(), r)
print("multi-line call", line(
), errline(function()
  local x = nil
  return x.y
end))
print("error in a long function", errline(function()
  local a = 1
  local b = 2
  local c = a + b
  error("here")
end))
local s = [==[
]]
]==] print("same line as long string end", line())
print("semicolons", line()); print("second", line())
local function multi(
  a,
  b
)
  return debug.getinfo(1, "S").linedefined, debug.getinfo(1, "S").lastlinedefined, line()
end
print("function spanning lines", multi())
print("chained calls", ("x")
  :rep(3)
  :upper(), line())
if true then
  print("in if", line())
elseif false then
  print("never")
end
for i = 1, 1 do print("in for", line()) end
while true do print("in while", line()) break end
repeat print("in repeat", line()) until true
local ok, msg = pcall(error, "level 1 points to pcall", 1)
print(msg)
ok, msg = pcall(function() error("a message", 1) end)
print(msg)
local lines = {}
local function hook(_, l) lines[#lines + 1] = l end
debug.sethook(hook, "l")
local q = 1
q = q +
  1
debug.sethook()
print("line hook", table.concat(lines, ","))
print("end", line())
