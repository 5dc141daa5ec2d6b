-- xpcall with handlers and tracebacks (first line only), debug.getinfo & co.
local function firstline(s) return (tostring(s):match("^[^\n]*")) end
print("== xpcall")
print(xpcall(function() return "fine", 2 end, print))
print(xpcall(function() error("oops") end, function(m) return "handled: " .. m end))
print(xpcall(function() error({1, 2, 3}) end, function(m) return type(m) .. " #" .. #m end))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
print(xpcall(function(a) error(a, 0) end, function(m) return m * 2 end, 21))
local ok, tb = xpcall(function() local x = nil; return x.y end, debug.traceback)
print(ok, firstline(tb))
print(select(2, tb:gsub("\n", "\n")) > 1, tb:find("stack traceback:", 1, true) ~= nil)
ok, tb = xpcall(function() error("with traceback") end, function(m) return debug.traceback(m, 2) end)
print(ok, firstline(tb))
print(xpcall(error, function(m) return "caught " .. tostring(m) end, "direct"))
print(pcall(xpcall))

print("== error inside the handler")
print(xpcall(function() error("first") end, function(m) error("second") end))

print("== debug.traceback")
print(firstline(debug.traceback()))
print(firstline(debug.traceback("message here")))
print(firstline(debug.traceback("lvl", 1)))
print(firstline(debug.traceback(42)), debug.traceback(nil) == nil)
local tbt = {}
print(debug.traceback(tbt) == tbt)

print("== debug.getinfo")
print(debug.getinfo(1, "l").currentline)
local info = debug.getinfo(1, "Sl")
print(info.currentline, info.short_src, info.source, info.what)
local function named(a, b)
  local i = debug.getinfo(1, "nSlu")
  return i.linedefined, i.lastlinedefined, i.what, i.currentline, i.nups, i.name
end
print(named())
local pi = debug.getinfo(print)
print(pi.what, pi.short_src, pi.source, pi.currentline, pi.linedefined)
local fi = debug.getinfo(named, "S")
print(fi.linedefined, fi.lastlinedefined, fi.short_src)
local function caller() return debug.getinfo(2, "l").currentline end
print(caller())
print(debug.getinfo(100))
print(debug.getinfo(1, "f").func ~= nil)

print("== debug.getlocal")
local function locals(p, q)
  local r = p + q
  local names = {}
  local idx = 1
  while true do
    local n, v = debug.getlocal(1, idx)
    if not n then break end
    names[#names + 1] = n .. "=" .. (type(v) == "table" and "<table>" or tostring(v))
    idx = idx + 1
  end
  return table.concat(names, " ")
end
print(locals(1, 2))
print(debug.getlocal(locals, 1), debug.getlocal(locals, 2))

print("== debug.sethook with a line hook")
local lines = {}
local function hook(ev, line) lines[#lines + 1] = line end
local function traced()
  local a = 1
  local b = 2
  return a + b
end
debug.sethook(hook, "l")
traced()
debug.sethook()
print(table.concat(lines, ","), debug.gethook())

print("== line numbers in error messages")
local function lineof(f) local _, m = pcall(f); return m:match(":(%d+):") end
print(lineof(function() error("a") end), lineof(function()
  local t = nil
  return t[1]
end))
print(select(2, pcall(error, "at level 1", 1)))
