-- terralib: values only the Lua C API makes (light userdata, C functions).
local py, P = ...
local terralib, ffi, check = P.terralib, P.ffi, P.check

------------------------------------------------- values only the Lua C API makes
-- A fresh coroutine's function closes over `value`; Python (called from Lua,
-- so allowed to use the C API on a suspended thread) sets that upvalue.
local function fromluaapi(kind, address)
  local value
  local co = coroutine.create(function() return value end)
  check(3, py.luaapivalue(tostring(co), kind, address))
  return value
end
local function addressof(p)
  return tonumber(ffi.cast("intptr_t", ffi.cast("void *", p)))
end
function terralib.pointertolightuserdata(p)
  if type(p) == "userdata" then return p end
  if type(p) ~= "cdata" then
    error("pointertolightuserdata: expected a pointer (cdata), got " .. type(p), 2)
  end
  return fromluaapi("pointer", addressof(p))
end
-- a terra function (or a C function pointer) written against lua.h, taking
-- lua_State* and returning the number of results, as a Lua function
function terralib.bindtoluaapi(fn)
  if terralib.isfunction(fn) then fn = fn:getpointer() end
  if type(fn) ~= "cdata" then
    error("bindtoluaapi: expected a terra function or a function pointer, got " .. type(fn), 2)
  end
  return fromluaapi("cfunction", addressof(fn))
end
