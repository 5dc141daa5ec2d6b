-- needs: libluajit-5.1-dev
-- terra functions written against lua.h run on the LuaJIT that runs this
-- script: bindtoluaapi makes them Lua functions, and luaL errors are Lua errors.
local Lua = terralib.includec("lua.h")
local Aux = terralib.includec("lauxlib.h")
assert(Lua.lua_State == Aux.lua_State)     -- one C struct across two imports

terra addmul(L : &Lua.lua_State) : int
  var a = Aux.luaL_checknumber(L, 1)
  var b = Aux.luaL_checknumber(L, 2)
  Lua.lua_pushnumber(L, a + b)
  Lua.lua_pushnumber(L, a * b)
  return 2
end
local addmul_lua = terralib.bindtoluaapi(addmul)
assert(type(addmul_lua) == "function")
local s, p = addmul_lua(3, 4)
assert(s == 7 and p == 12)
local ok, err = pcall(addmul_lua, "three", 4)
assert(not ok and err:find("number expected, got string", 1, true), err)

-- a C function that reads a table the script passes in
terra sumfield(L : &Lua.lua_State) : int
  Aux.luaL_checktype(L, 1, Lua.LUA_TTABLE)
  var total = 0.0
  var n = Lua.lua_objlen(L, 1)
  for i = 1, n + 1 do
    Lua.lua_rawgeti(L, 1, i)
    total = total + Lua.lua_tonumber(L, -1)
    Lua.lua_settop(L, -2)
  end
  Lua.lua_pushnumber(L, total)
  return 1
end
assert(terralib.bindtoluaapi(sumfield){1, 2, 3, 4.5} == 10.5)

-- pointertolightuserdata: the same address as a light userdata
local ffi = require "ffi"
local cells = terralib.new(int[3], {10, 20, 30})
local light = terralib.pointertolightuserdata(cells)
assert(type(light) == "userdata")
assert(ffi.cast("int *", light)[1] == 20)
local keyed = { [light] = "cells" }
assert(keyed[terralib.pointertolightuserdata(cells)] == "cells")
terra lightaddress(L : &Lua.lua_State) : int
  Lua.lua_pushboolean(L, [int](Lua.lua_type(L, 1) == Lua.LUA_TLIGHTUSERDATA))
  return 1
end
assert(terralib.bindtoluaapi(lightaddress)(light) == true)
local ok2, err2 = pcall(terralib.pointertolightuserdata, 42)
assert(not ok2 and err2:find("expected a pointer", 1, true), err2)
print("ok")
