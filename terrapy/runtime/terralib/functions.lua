-- terralib: terra function objects (F), extern and linked functions.
local py, P = ...
local terralib, ffi, check, ctypeids = P.terralib, P.ffi, P.check, P.ctypeids

------------------------------------------------- function objects
local F = {}
F.__index = F
terralib._functionmeta = F
function terralib.isfunction(v) return getmetatable(v) == F end
function F:__tostring() return "terra function " .. self.name end
function F:getname() return self.name end
function F:setname(n) self.name = tostring(n); return self end
function F:isdefined() return self.__defined == true end
function F:isextern() return false end
function F:gettype() return check(2, py.functiontype(self)) end
-- Compiling binds the C entry point as a LuaJIT function pointer, cached on the
-- object: later calls from Lua go straight through the FFI.
function F:getpointer()
  local fn = rawget(self, "__cfn")
  if fn == nil then
    local address, ctype, nfixed = check(2, py.compile(self))
    fn = ffi.cast(ctype, address)
    local id = tonumber(ffi.typeof(fn))    -- typeof(f:getpointer()) is the pointer type
    if ctypeids[id] == nil then ctypeids[id] = terralib.types.pointer(self:gettype()) end
    rawset(self, "__cfn", fn)
    if nfixed >= 0 then rawset(self, "__nfixed", nfixed) end
  end
  return fn
end
F.compile = F.getpointer

-- Extra arguments of a C varargs function called from Lua: LuaJIT would pass
-- every Lua number as a double; an integral one goes as an int, as in C.
local int32_t = ffi.typeof("int32_t")
local function varargs(nfixed, ...)
  local n = select("#", ...)
  local args = { ... }
  for i = nfixed + 1, n do
    local v = args[i]
    if type(v) == "number" and v % 1 == 0 and v >= -2147483648 and v <= 2147483647 then
      args[i] = int32_t(v)
    elseif type(v) == "boolean" then
      args[i] = int32_t(v and 1 or 0)
    end
  end
  return unpack(args, 1, n)
end
function F:__call(...)
  local fn = rawget(self, "__cfn") or F.getpointer(self)
  local nfixed = rawget(self, "__nfixed")
  if nfixed then return fn(varargs(nfixed, ...)) end
  return fn(...)
end
local function definefrom(self, fn, reset, what)
  if not terralib.isfunction(self) or not terralib.isfunction(fn) then
    error(what .. ": expected a terra function, got " .. terralib.type(fn), 3)
  end
  return check(3, py.adddefinition(self, fn, reset))
end
function F:adddefinition(fn) return definefrom(self, fn, false, "adddefinition") end
function F:resetdefinition(fn) return definefrom(self, fn, true, "resetdefinition") end
function F:setcallingconv(cc) check(2, py.setcallingconv(self, tostring(cc))) return self end
function F:setnoreturn(v) py.setattribute(self, "noreturn", v ~= false) return self end
function F:printstats() print(check(2, py.stats(self))) end
function F:setinlined(v) py.setattribute(self, "inline", v) return self end
function F:setoptimized(v) py.setattribute(self, "optimize", v) return self end
function F:disas() print(check(2, py.disassemble(self))) end
function F:printpretty() print(check(2, py.prettyprint(self))) end
function F:isextern() return rawget(self, "__extern") == true end

function terralib.externfunction(name, fntype)
  return check(2, py.externfunction(name, fntype))
end
-- linked LLVM code: obj:extern(name, type) binds one of its functions
local Linked = {}
Linked.__index = Linked
function Linked:extern(name, fntype)
  if not self.defined[name] then
    error("linkllvm: the linked code defines no function '" .. tostring(name) .. "'", 2)
  end
  return terralib.externfunction(name, fntype)
end
local function linked(names)
  local defined = {}
  for i = 1, #names do defined[names[i]] = true end
  return setmetatable({ defined = defined }, Linked)
end
function terralib.linkllvm(filename, target)
  return linked(check(2, py.linkllvm(tostring(filename), false)))
end
function terralib.linkllvmstring(code, target)
  return linked(check(2, py.linkllvm(code, true)))
end

local globalstore = {}
function terralib._allocateglobal(ctype)
  local cell = ffi.new(ctype)   -- `T [1]`, spelled by the resolver (arrays nest inside)
  globalstore[#globalstore + 1] = cell
  return cell, tonumber(ffi.cast("intptr_t", cell))
end

P.F = F
