-- terralib: internals some libraries use (terralib.type, diagnostics,
-- environments), the protected call of the command line and the value
-- classes the compiler sees (_classify).
local py, P = ...
local terralib, ffi, builtins, List = P.terralib, P.ffi, P.builtins, P.List
local T, F, G, K = P.T, P.F, P.G, P.K
local M, Sym, O, Lbl, Q = P.M, P.Sym, P.O, P.Lbl, P.Q

------------------------------------------- internals some libraries use
terralib.fulltrace = false
function terralib.slimtrace() terralib.fulltrace = false end
terralib.irtypes = {}
function terralib.type(v)
  if terralib.isfunction(v) then return "terrafunction" end
  if terralib.types.istype(v) then return "terratype" end
  if terralib.isquote(v) then return "quote" end
  if terralib.issymbol(v) then return "symbol" end
  if terralib.ismacro(v) then return "macro" end
  if terralib.isglobalvar(v) then return "globalvariable" end
  if terralib.islabel(v) then return "label" end
  if terralib.isoverloadedfunction(v) then return "overloadedterrafunction" end
  return type(v)
end
function terralib.printraw(v, seen, indent)
  seen, indent = seen or {}, indent or ""
  if type(v) ~= "table" or seen[v] then print(indent .. tostring(v)) return end
  seen[v] = true
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  print(indent .. "{")
  for _, k in ipairs(keys) do
    io.write(indent, "  ", tostring(k), " = ")
    if type(v[k]) == "table" and not seen[v[k]] then print() terralib.printraw(v[k], seen, indent .. "    ")
    else print(tostring(v[k])) end
  end
  print(indent .. "}")
end
-- diagnostics collected by library code, reported together (Terra's shape)
function terralib.newdiagnostics()
  local d = { errors = {} }
  function d:reporterror(anchor, ...)
    local where = anchor and anchor.linenumber and ((anchor.filename or "?") .. ":" .. anchor.linenumber .. ": ") or ""
    self.errors[#self.errors + 1] = where .. table.concat({ ... })
  end
  function d:haserrors() return #self.errors > 0 end
  function d:finishandabortiferrors()
    if #self.errors > 0 then
      error(table.concat(self.errors, "\n") .. "\nErrors reported during compilation.", 0)
    end
  end
  d.clearfilecache = function() end
  return d
end
-- scopes of Lua names, as a language extension's environment
function terralib.newenvironment(luaenv)
  local env = { scopes = { {} }, lua = luaenv or _G }
  function env:enterblock() table.insert(self.scopes, {}) end
  function env:leaveblock() table.remove(self.scopes) end
  function env:localenv() return self.scopes[#self.scopes] end
  function env:luaenv() return self.lua end
  function env:combinedenv()
    local scopes, lua = self.scopes, self.lua
    return setmetatable({}, { __index = function(_, k)
      for i = #scopes, 1, -1 do local v = scopes[i][k]; if v ~= nil then return v end end
      return lua[k]
    end })
  end
  return env
end

-- `require "shell"` loads the shell layer on first use only (start-up stays small).
package.preload.shell = function(...)
  py.install_shell()
  return package.preload.shell(...)
end

-- Run a chunk as the command line does: (true, results...) or
-- (false, message, traceback). A non-string error value is described the way
-- lua.c does, unless it has a __tostring.
local function describe(e)
  if type(e) == "string" then return e end
  local mt = getmetatable(e)
  if mt and mt.__tostring then return tostring(e) end
  if type(e) == "number" then return tostring(e) end
  return "(error object is not a string)"
end
function terralib._protectedcall(fn, ...)
  local n, args = select("#", ...), { ... }
  local traceback
  local results = { xpcall(function() return fn(unpack(args, 1, n)) end, function(e)
    traceback = debug.traceback("", 2)
    return e
  end) }
  if results[1] then return unpack(results, 1, table.maxn(results)) end
  return false, describe(results[2]), traceback
end
-- A scalar as Python reads it: a 64-bit integer as its decimal digits (a Lua
-- number would round it).
local function scalar(v)
  if type(v) ~= "cdata" then return v end
  if ffi.istype("int64_t", v) or ffi.istype("uint64_t", v) then
    return (tostring(v):gsub("U?LL$", ""))
  end
  return tonumber(v)
end
-- The value classes terra code can use, as the compiler sees them.
function terralib._classify(v)
  local t = type(v)
  if t == "table" then
    local mt = getmetatable(v)
    if mt == F then return "function", rawget(v, "__info") end
    if mt == T then return "type", rawget(v, "__py") end
    if mt == G then return "global", rawget(v, "__global") end
    if mt == Sym then return "symbol", rawget(v, "__symbol") end
    if mt == Q then return "quote", v end
    if mt == M then return "macro", v.fn end
    if mt == Lbl then return "label", v.__name end
    if mt == O then
      local infos = {}
      for i, f in ipairs(v.definitions) do infos[i] = rawget(f, "__info") end
      return "overloaded", infos
    end
    if mt and mt.__toterraexpression then
      -- a Lua object that knows its terra form (an undocumented Terra protocol)
      return terralib._classify(mt.__toterraexpression(v))
    end
    -- (a table whose metatable has __index is a namespace, even while empty)
    if List:isclassof(v) or (terralib.israwlist(v) and not (mt and mt.__index)) then
      return "list", v
    end
    if mt == K then return "constant", { v.type, scalar(v.value), rawget(v, "__global") } end
    return "table", nil
  end
  if t == "function" and builtins[v] then return "builtin", builtins[v] end
  if t == "function" then return "luafunction", nil end
  if t == "cdata" then
    -- arrays and pointers are used by address (an lvalue in Lua's memory);
    -- scalars become constants
    local ct = terralib.typeof(v)
    if ct == nil then return "cdata", nil end
    if ct:isarray() or ct:isstruct() then return "cdataref", { ct, tonumber(ffi.cast("intptr_t", ffi.cast("void *", v))) } end
    if ct:ispointer() then return "cdataptr", { ct, tonumber(ffi.cast("intptr_t", v)) } end
    if ct:isprimitive() then return "constant", { ct, scalar(v) } end
    return "cdata", nil
  end
  if t == "number" or t == "boolean" or t == "string" or t == "nil" then return t, v end
  return t, nil
end
