-- terralib: targets and compilation units, the lazy LLVM facts, struct
-- entries and unpackstruct.
local py, P = ...
local terralib, ffi, check, builtins = P.terralib, P.ffi, P.check, P.builtins
local T, List = P.T, P.List

------------------------------------------------- targets and compilation units
-- Every terra function lives in one JIT; a compilation unit is the set of
-- values a library asked for together: it compiles them, hands out their
-- addresses and prints their IR (terralib.saveobj's unit of output).
local Target = {}
Target.__index = Target
function Target:__tostring() return "target " .. tostring(self.Triple) end
function terralib.istarget(v) return getmetatable(v) == Target end
function terralib.newtarget(options)
  if type(options) ~= "table" then error("newtarget: expected a table of options", 2) end
  local native = terralib.nativetarget
  return setmetatable({ Triple = options.Triple or native.Triple,
                        CPU = options.CPU or (options.Triple and "" or native.CPU),
                        Features = options.Features or (options.Triple and "" or native.Features),
                        FloatABIHard = options.FloatABIHard }, Target)
end
local CU = {}
CU.__index = CU
function CU:__tostring() return "compilation unit" end
function terralib.newcompilationunit(target, optimize)
  target = target or terralib.nativetarget
  if not terralib.istarget(target) then error("newcompilationunit: expected a target object", 2) end
  if target.Triple ~= terralib.nativetarget.Triple then
    error("newcompilationunit: only the native target (" .. terralib.nativetarget.Triple ..
          ") can run code in this process", 2)
  end
  return setmetatable({ target = target, optimize = optimize ~= false, values = {},
                        llvm_cu = newproxy(false) }, CU)
end
-- addvalue([name,] fn-or-global): compiled (or allocated) now; returns the value
function CU:addvalue(name, value)
  if value == nil then name, value = nil, name end
  if terralib.isfunction(value) then
    if not value:isdefined() and not value:isextern() then
      error("addvalue: terra function '" .. value.name .. "' is not defined", 2)
    end
    value:compile()
  elseif terralib.isglobalvar(value) then
    value:getpointer()
  else
    error("addvalue: expected a terra function or a global, got " .. terralib.type(value), 2)
  end
  if self.values[value] == nil then
    self.values[value] = name or true
    self.values[#self.values + 1] = value
  end
  return value
end
-- jitvalue(v): the machine address of a function's C entry point or a global
function CU:jitvalue(value)
  self:addvalue(value)
  return ffi.cast("void *", value:getpointer())
end
function CU:dump()
  local modules, seen = {}, {}
  for _, v in ipairs(self.values) do
    if terralib.isfunction(v) and not v:isextern() then
      local ir = check(2, py.moduleof(v))
      if not seen[ir] then seen[ir] = true; modules[#modules + 1] = ir end
    end
  end
  print(table.concat(modules, "\n"))
end
function CU:free() self.values = {} end
function terralib.iscompilationunit(v) return getmetatable(v) == CU end
function terralib.dumpmodule(cu)
  if cu ~= nil and cu ~= terralib.jitcompilationunit then
    if not terralib.iscompilationunit(cu) then error("dumpmodule: expected a compilation unit", 2) end
    return cu:dump()
  end
  print(check(2, py.dumpmodule()))
end
-- the process's own unit; LLVM facts load LLVM, so they are made on first use
local lazy = {
  nativetarget = function()
    local triple, cpu, features = check(3, py.nativetarget())
    return setmetatable({ Triple = triple, CPU = cpu, Features = features }, Target)
  end,
  jitcompilationunit = function()
    local cu = setmetatable({ target = terralib.nativetarget, optimize = true, values = {},
                              llvm_cu = newproxy(false) }, CU)
    function cu:dump() terralib.dumpmodule() end
    return cu
  end,
  llvmversion = function() return check(3, py.llvmversion()) end,
}
lazy.llvm_version = lazy.llvmversion
setmetatable(terralib, { __index = function(t, k)
  local make = lazy[k]
  if make == nil then return nil end
  local v = make()
  rawset(t, k, v)
  if k == "llvmversion" or k == "llvm_version" then
    rawset(t, "llvmversion", v); rawset(t, "llvm_version", v)
  end
  return v
end })
local function unpackcdata(cdata, i, j)
  local t = terralib.typeof(cdata)
  if t == nil or not t:isstruct() then return cdata end
  local entries = t:getentries()
  local out = {}
  i, j = i or 1, j or #entries
  for k = i, j do out[#out + 1] = cdata[entries[k].field] end
  return unpack(out, 1, j - i + 1)
end
terralib.unpackstruct = unpackcdata
terralib.unpacktuple = unpackcdata
unpackstruct, unpacktuple = unpackcdata, unpackcdata
builtins[unpackcdata] = "unpackstruct"   -- in terra code: the fields as several values
function T:getentries()
  if self.kind ~= "struct" then error("getentries expects a struct", 2) end
  check(2, py.complete(self))
  return self.entries
end
function T:complete() if self.kind == "struct" then check(2, py.complete(self)) end return self end
function T:getfields()
  local fields = List()
  for _, e in ipairs(self:getentries()) do
    if List:isclassof(e) then for _, u in ipairs(e) do fields:insert(u) end else fields:insert(e) end
  end
  return fields
end
function T:getfield(name)
  for _, f in ipairs(self:getfields()) do if f.field == name then return f end end
end
function T:getmethod(name) return self.methods[name] end
