-- terralib: the type metatable T, type predicates and type constructors.
local py, P = ...
local terralib, check, List = P.terralib, P.check, P.List

------------------------------------------------------------------- types
-- A type is a Lua table made by Python (runtime/typeobjects.py) with this
-- metatable; its `kind` and fields are plain Lua values, so the predicates
-- below never cross into Python.
local T = {}
T.__index = T
terralib.types = { type = T }
local types = terralib.types

function T:__tostring()
  local kind = rawget(self, "kind")
  if kind == "struct" then
    local mm = rawget(self, "metamethods")
    local typename = mm and mm.__typename
    if typename then             -- a throwing or empty __typename keeps the given name
      local ok, name = pcall(typename, self)
      if ok and type(name) == "string" and name ~= "" then return name end
    end
  elseif kind ~= "primitive" and kind ~= "niltype" and kind ~= "opaque" then
    return check(2, py.typename(self))  -- built from its parts (a struct's __typename too)
  end
  return self.__name
end
function T.__index(self, key)
  local method = T[key]
  if method ~= nil then return method end
  if type(key) == "number" then return types.array(self, key) end
  return nil
end

local function kindis(k) return function(self) return self.kind == k end end
T.isprimitive = kindis("primitive")
T.ispointer = kindis("pointer")
T.isarray = kindis("array")
T.isvector = kindis("vector")
T.isfunction = kindis("functype")
T.isopaque = kindis("opaque")
T.isstruct = kindis("struct")
function T:isintegral() return self.kind == "primitive" and self.integral end
function T:isfloat() return self.kind == "primitive" and self.isfloatingpoint end
function T:isarithmetic() return self.kind == "primitive" and (self.integral or self.isfloatingpoint) end
function T:islogical() return self.kind == "primitive" and self.logical end
function T:canbeord() return self:isintegral() or self:islogical() end
function T:ispointertostruct() return self.kind == "pointer" and self.type.kind == "struct" end
function T:ispointertofunction() return self.kind == "pointer" and self.type.kind == "functype" end
function T:isaggregate() return self.kind == "struct" or self.kind == "array" end
function T:isunit() return self.kind == "struct" and self.__unit == true end
function T:iscomplete() return self.kind ~= "struct" or self.__complete == true end
for _, name in ipairs { "isintegral", "isfloat", "isarithmetic", "islogical", "canbeord", "isprimitive" } do
  local scalar = T[name]
  T[name .. "orvector"] = function(self)
    if self.kind == "vector" then return scalar(self.type) end
    return scalar(self)
  end
end
function T:printpretty() print(tostring(self)) end

function types.istype(v) return getmetatable(v) == T end
-- A Lua table used where a type is expected: {A,B} is a tuple, {} is unit.
function terralib._astype(v)
  if types.istype(v) then return v end
  if type(v) == "table" and terralib.israwlist(v) then return tuple(unpack(v)) end
  return nil
end
function terralib._newstructproxy(t)
  t.entries = List()
  t.methods = {}
  t.metamethods = {}
  return t
end
py.init_types()   -- Python makes the type objects now that their metatable exists
terralib.types.pointer = function(t, as) return check(2, py.pointer(t, as or 0)) end
terralib.types.array = function(t, n) return check(2, py.array(t, n)) end
terralib.types.vector = function(t, n) return check(2, py.vector(t, n)) end
terralib.types.tuple = function(...) return check(2, py.tuple(...)) end
terralib.types.funcpointer = function(params, rets, va)
  return check(2, py.funcpointer(params, rets, va or false))
end
terralib.types.functype = function(params, rets, va)
  return check(2, py.functype(params, rets, va or false))
end
terralib.types.newstruct = function(name)
  local t = check(2, py.newstruct(name or "anon"))
  t.__defined = true     -- its entries are filled in by Lua code, before first use
  return t
end
types.unit = py.unit
types.opaque = py.opaque
types.niltype = py.niltype
types.error = py.errortype
tuple = types.tuple
-- In Lua, vector(T, N) is a type; in terra code vector(a, b, ...) builds a value
-- (the compiler sees these functions as builtins).
vector = function(...) return types.vector(...) end
vectorof = function() error("vectorof can only be used in terra code", 2) end
array = function() error("array can only be used in terra code", 2) end
arrayof = function() error("arrayof can only be used in terra code", 2) end
opaque = py.opaque
niltype = py.niltype
for name, t in pairs(py.primitives) do _G[name] = t end

P.T, P.types = T, types
