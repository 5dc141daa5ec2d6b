-- load / loadstring / dofile / setfenv / getfenv / environments.
print("== loadstring")
local f = loadstring("return 1 + 2")
print(f())
print(loadstring("local a, b = ...; return a * b")(6, 7))
print(loadstring("syntax error here"))
print(loadstring("return x +", "=mychunk"))
print(type(loadstring("error('inside')", "@virtual.lua")))
print(pcall(loadstring("error('inside')", "@virtual.lua")))
print(pcall(loadstring("\n\nerror('line three')", "=named")))
print(pcall(loadstring("local t = nil; return t.x")))
print(loadstring("return ...", "varargs")(1, 2, 3))

print("== load with a reader function")
local parts = {"return ", "'from", " reader'"}
local i = 0
local g = load(function() i = i + 1; return parts[i] end)
print(g())
print(type(load(function() return nil end)), load(function() return nil end)())
print(load("return 'load accepts strings too'")())
local lnil, lmsg = load(function() error("reader fails") end)
print(lnil, (lmsg:match("^[^\n]*")))
print(load("x =", "=loadchunk"))

print("== dofile")
local path = os.tmpname()
local fh = assert(io.open(path, "w"))
fh:write("local a = ... or 10\nreturn a * 2, 'from dofile'\n")
fh:close()
print(dofile(path))
fh = assert(io.open(path, "w"))
fh:write("\nerror('dofile error')\n")
fh:close()
local ok, msg = pcall(dofile, path)
print(ok, msg == path .. ":2: dofile error")
local lf = loadfile(path)
local lok, lerr = pcall(lf)
print(type(lf), lok, lerr == path .. ":2: dofile error")
print(loadfile("/nonexistent_terrapy_dir/x.lua"))
os.remove(path)

print("== getfenv / setfenv")
print(getfenv() == _G, getfenv(1) == _G, getfenv(0) == _G, getfenv(print) == _G)
local function envf() return who end
local env = {who = "custom env"}
setfenv(envf, env)
print(envf(), getfenv(envf) == env)
who = "global"
print(envf())
local function withenv()
  setfenv(1, {print = print, tostring = tostring})
  gx = 5
  print("inside:", gx, tostring(string))
end
withenv()
print("outside:", gx, rawget(_G, "gx"))
local chunk = loadstring("y = 10; return y + (z or 0)")
local sandbox = {z = 5}
setfenv(chunk, sandbox)
print(chunk(), sandbox.y, rawget(_G, "y"))
print(pcall(setfenv, 100, {}))
print(pcall(setfenv, print, {}))

print("== environment inheritance via __index")
local base = setmetatable({}, {__index = _G})
local mod = loadstring("local r = math.floor(2.5); helper = r; return tostring(r)")
setfenv(mod, base)
print(mod(), base.helper, rawget(_G, "helper"))

print("== _G manipulation")
_G.newglobal = "set through _G"
print(newglobal)
_G["dyn" .. 1] = 11
print(dyn1)
newglobal = nil
print(rawget(_G, "newglobal"), _G._G == _G)

print("== loadstring returning a function value")
local mk = loadstring("return function(n) return n * n end")()
print(mk(9))
local counter = loadstring([[
local n = 0
return function() n = n + 1; return n end
]])()
counter()
print(counter())

print("== string chunk names")
print(select(2, loadstring("x = = 1")))
print(select(2, loadstring("x = = 1", "custom")))
print(select(2, loadstring("x = = 1", "=exact")))
print(select(2, loadstring("x = = 1", "@file.lua")))
print(select(2, loadstring("local a = 1\nlocal b = 2\nx = = 1")))
print(select(2, loadstring(string.rep("x", 80) .. " = = 1")))
print(select(2, loadstring("a = 1\nb = 2")))
print(select(2, loadstring("f(")))
print(select(2, loadstring("for i = 1 do end")))
print(select(2, loadstring("local function end")))
print(select(2, loadstring("x = 'unterminated")))
print(select(2, loadstring("x = [[ long")))
print(select(2, loadstring("return 1 .. 2 ..")))
print(select(2, loadstring("if x then")))
print(select(2, loadstring("function f() return 1 ")))
print(select(2, loadstring("break")))
print(select(2, loadstring("x = '\\q'")))
print(select(2, loadstring("x = 0x")))
print(select(2, loadstring("local t = {1, 2")))
