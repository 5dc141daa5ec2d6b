-- require, package.path, package.loaded, package.preload, module-style tables.
local base = os.tmpname()
local function writefile(p, s) local f = assert(io.open(p, "w")); f:write(s); f:close() end
writefile(base .. "_fidmod.lua", [[
local name = ...
local M = {loadcount = (FID_LOADS or 0) + 1}
FID_LOADS = M.loadcount
function M.greet(who) return "hello, " .. who end
M.required_as = name
return M
]])
writefile(base .. "_fidnoret.lua", "FID_SIDE_EFFECT = 'ran'\n")
writefile(base .. "_fidbad.lua", "error('module failed to load')\n")
writefile(base .. "_fidsyntax.lua", "local = 1\n")

print("== require a file module")
local oldpath = package.path
package.path = base .. "_?.lua;" .. oldpath
local m = require("fidmod")
print(m.greet("world"), m.required_as, m.loadcount)
local again = require("fidmod")
print(again == m, FID_LOADS, package.loaded.fidmod == m)
package.loaded.fidmod = nil
local fresh = require("fidmod")
print(fresh == m, fresh.loadcount)

print("== module without a return value")
print(require("fidnoret"), FID_SIDE_EFFECT, package.loaded.fidnoret)

print("== package.preload")
package.preload["fid.virtual"] = function(name, extra) return {name = name, extra = type(extra)} end
local v = require("fid.virtual")
print(v.name, v.extra, require("fid.virtual") == v)

print("== package.loaded for builtin libraries")
print(package.loaded.string == string, package.loaded.math == math, package.loaded._G == _G)
print(require("string") == string, require("bit") == bit, type(require("ffi")), type(require("jit")))

print("== failures")
local ok, msg = pcall(require, "fid_no_such_module")
print(ok, (msg:match("^[^\n]*")))
ok, msg = pcall(require, "fidbad")
print(ok, msg == base .. "_fidbad.lua:1: module failed to load")
ok, msg = pcall(require, "fidsyntax")
print(ok, (msg:gsub("^.*_fidsyntax", "X")))
ok, msg = pcall(require, "fidbad")
print(ok, msg, package.loaded.fid_no_such_module)

print("== package fields")
print(type(package.path), type(package.cpath), type(package.loaders), type(package.seeall))
print(package.config:sub(1, 1), #package.loaders >= 4)

print("== module() and package.seeall")
package.preload["fidoldstyle"] = function(...)
  module(..., package.seeall)
  function hello() return "old-style " .. tostring(_NAME) end
  _VERSION_TAG = "v1"
end
require("fidoldstyle")
print(fidoldstyle.hello(), fidoldstyle._VERSION_TAG, fidoldstyle._NAME, fidoldstyle._PACKAGE == "")

package.path = oldpath
for _, s in ipairs({"fidmod", "fidnoret", "fidbad", "fidsyntax"}) do os.remove(base .. "_" .. s .. ".lua") end
os.remove(base)
print("== _VERSION")
print(_VERSION)
