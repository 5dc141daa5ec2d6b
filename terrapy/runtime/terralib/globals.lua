-- terralib: globals (G) and constants (K), sizeof/select and the names
-- terra code sees as built-in macros.
local py, P = ...
local terralib, ffi, check, builtins, T = P.terralib, P.ffi, P.check, P.builtins, P.T

------------------------------------------------ globals and constants
-- A global's storage is LuaJIT memory made when the global is: :get/:set are
-- plain FFI accesses, and compiled code reaches the same address by symbol.
local G = {}
G.__index = G
terralib._globalmeta = G
local function inferredtype(v)
  if type(v) == "number" then return (v % 1 == 0 and v >= -2^31 and v < 2^31) and int or double end
  if type(v) == "boolean" then return bool end
  if type(v) == "cdata" and terralib.typeof(v) then return terralib.typeof(v) end
  error("cannot infer the type of a global from a " .. type(v), 4)
end
-- A quote initializer is terra code (Terra's constant expression): checked
-- when the global or constant is made, which gives its type, and run once
-- then, storing its value. The functions come from a small Terra chunk (this
-- file is plain Lua), loaded on first use.
local initializers
local function initializer(k)
  initializers = initializers or { assert(terralib.loadstring([[
    return function(q) return (terra() return q end):gettype().returntype end,
           function(q, T) return terra(p : &T) @p = q end end
  ]], "=(initializer)"))() }
  return initializers[k]
end
local function initialtype(typ, init)
  if typ ~= nil then return typ end
  if terralib.isquote(init) then return initializer(1)(init) end
  return inferredtype(init)
end
-- a Lua value converts as a terra call argument would (tables to arrays/structs)
local function initialize(cell, typ, init, constant)
  if terralib.isquote(init) then
    local store = initializer(2)(init, typ)
    if constant and not check(3, py.constantinitializer(store)) then
      error("constant initializer is not a constant expression (literals, constructors, "
            .. "arithmetic of them, addresses of globals and functions)", 3)
    end
    store(cell)
  elseif init ~= nil then cell[0] = init end
  return cell
end
function terralib.global(typ, init, name, isextern, isconstant)
  if not terralib.types.istype(typ) then
    typ, init, name, isextern, isconstant = nil, typ, init, name, isextern
  end
  typ = initialtype(typ, init)
  local g = setmetatable({}, G)
  local py_global = check(2, py.newglobal(typ, name or "global", isextern and name or nil,
                                          isconstant or false))
  rawset(g, "__global", py_global)
  rawset(g, "__type", typ)
  rawset(g, "__extern", isextern and true or false)
  rawset(g, "__name", name or "global")
  rawset(g, "__constant", isconstant and true or false)
  if not isextern then
    local cell = check(2, py.globalstorage(py_global))
    rawset(g, "__cell", initialize(cell, typ, init))
  end
  return g
end
global = terralib.global
-- An extern global (a C variable) finds its storage on first use, so that its
-- library may be linked after the header is included.
local function cell(g)
  local c = rawget(g, "__cell")
  if c == nil then
    local address = check(3, py.symboladdress(rawget(g, "__linkname")))
    c = ffi.cast(check(3, py.pointerctype(g.__type)), address)
    rawset(g, "__cell", c)
  end
  return c
end
function G:get() return cell(self)[0] end
function G:set(v) cell(self)[0] = v end
function G:setinitializer(init) initialize(cell(self), self.__type, init) return self end
function G:getpointer() return cell(self) + 0 end
function G:gettype() return self.__type end
function G:isextern() return rawget(self, "__extern") == true end
function G:isconstant() return rawget(self, "__constant") == true end
function G:getname() return rawget(self, "__name") or rawget(self, "__linkname") end
function G:setname(name) rawset(self, "__name", tostring(name)) return self end
function G:__tostring() return "global " .. tostring(self.__type) end
function terralib.isglobalvar(v) return getmetatable(v) == G end

local K = {}
K.__index = K
function terralib.constant(typ, init)
  if not terralib.types.istype(typ) then typ, init = nil, typ end
  typ = initialtype(typ, init)
  local c = setmetatable({ __constant = true, type = typ, value = init }, K)
  if not typ:isprimitive() then
    -- an aggregate (or a pointer) is read from memory, whose bytes compiled
    -- code gets as the initializer of an LLVM constant (codegen/lower.py)
    local py_global = check(2, py.newglobal(typ, "constant", nil, true))
    rawset(c, "__global", py_global)
    c.value = initialize(check(2, py.globalstorage(py_global)), typ, init, true)[0]
  elseif terralib.isquote(init) then
    c.value = initialize(terralib.new(typ[1]), typ, init, true)[0]
  end
  return c
end
constant = terralib.constant
function terralib.isconstant(v) return getmetatable(v) == K end
-- T:min() / T:max(): the extreme values of an arithmetic type, as Lua values
-- (64-bit ones exact, as LuaJIT's int64/uint64 cdata, which terra code takes
-- as constants of that type)
local function extreme(t, high)
  if not (terralib.types.istype(t) and t:isarithmetic()) then
    error((high and "max" or "min") .. ": expected an arithmetic type, got " .. tostring(t), 3)
  end
  if t:isfloat() then
    local largest = t.bytes == 4 and 3.4028234663852886e38 or 1.7976931348623157e308
    return high and largest or -largest
  end
  local bits = t.bytes * 8
  local value
  if t.signed then
    value = high and (bit.lshift(1LL, bits - 1) - 1) or -bit.lshift(1LL, bits - 1)
  else
    value = high and (bits == 64 and 0xffffffffffffffffULL or bit.lshift(1ULL, bits) - 1) or 0ULL
  end
  if bits < 64 then value = tonumber(value) end
  return value
end
function T:min() return extreme(self, false) end
function T:max() return extreme(self, true) end
function K:gettype() return self.type end
function K:get() return self.value end
function K:__tostring() return "constant " .. tostring(self.type) end

function terralib.sizeof(t) return check(2, py.sizeof(t)) end
function terralib.select(c, a, b) if c then return a else return b end end
builtins[terralib.sizeof] = "sizeof"
builtins[terralib.select] = "select"
operator = function() error("operator can only be used in terra code", 2) end
for _, name in ipairs { "attrload", "attrstore", "fence", "cmpxchg", "atomicrmw", "debuginfo", "asm" } do
  terralib[name] = function() error("terralib." .. name .. " can only be used in terra code", 2) end
  builtins[terralib[name]] = name
end
builtins[operator] = "operator"
builtins[vector] = "vector"
builtins[vectorof] = "vectorof"
builtins[array] = "array"
builtins[arrayof] = "arrayof"
sizeof = terralib.sizeof

P.G, P.K = G, K
