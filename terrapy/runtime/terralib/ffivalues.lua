-- terralib: values between Lua and terra (LuaJIT ctypes of terra types).
local py, P = ...
local terralib, ffi, check, ctypeids, T = P.terralib, P.ffi, P.check, P.ctypeids, P.T

------------------------------------------- values between Lua and terra
-- LuaJIT ctypes of terra types: made once by Python (runtime/resolver.py);
-- `ctypeids` maps them back for terralib.typeof.
function terralib._registerctype(name, t)
  local ct = ffi.typeof(name)
  ctypeids[tonumber(ct)] = t
  return ct
end
-- cdata of a struct gets the struct's methods (obj:m() from Lua), unless the
-- struct brings its own __luametatable.
function terralib._structmetatype(name, S)
  local mt = S.metamethods.__luametatable or {
    __index = function(self, k) return S.methods[k] end,
  }
  ffi.metatype(name, mt)
end
function T:cstring() return check(2, py.ctype(self)) end
-- The LuaJIT ctype of a terra type, made once; terralib.typeof maps it back
-- (function pointers and other ctypes that have no registered struct).
local ctypes = {}
local function ctypeof(t, level)
  local ct = ctypes[t]
  if ct == nil then
    if not terralib.types.istype(t) then error("expected a terra type, got " .. type(t), level + 1) end
    ct = ffi.typeof(check(level + 1, py.ctype(t)))
    ctypes[t] = ct
    local id = tonumber(ct)
    if ctypeids[id] == nil then ctypeids[id] = t end
  end
  return ct
end
terralib._ctypeof = ctypeof
function terralib.new(t, ...)
  return ffi.new(ctypeof(t, 2), ...)
end
function terralib.cast(t, v)
  return ffi.cast(ctypeof(t, 2), v)
end
-- cdata -> terra type: the ctypes terrapy made, and LuaJIT's own scalars (5LL,
-- ffi.new("double", x)), found once per ctype
local basicctypes = { "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                      "uint64", "float", "double" }
function terralib.typeof(v)
  local id = tonumber(ffi.typeof(v))
  local t = ctypeids[id]
  if t == nil and type(v) == "cdata" then
    for _, name in ipairs(basicctypes) do
      if ffi.istype(name:find("int") and name .. "_t" or name, v) then
        t = py.primitives[name]
        ctypeids[id] = t
        break
      end
    end
  end
  return t
end
function terralib.offsetof(t, field) return check(2, py.offsetof(t, field)) end
function terralib.linklibrary(path) return check(2, py.linklibrary(path)) end
function terralib.intrinsic(name, fntype) return check(2, py.intrinsic(name, fntype)) end
