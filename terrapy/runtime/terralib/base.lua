-- terralib's Lua half. Run once per runtime, before any user code, with the
-- Python half passed in as `py` (see runtime/state.py). Everything that runs
-- often (type predicates, calls of compiled code) stays here, in Lua; Python is
-- reached for translation, definitions and compilation.
-- This file is the first of terralib/*.lua; each gets `py` and the private
-- table P, through which one file hands its locals to the later ones.
local py, P = ...
local ffi = require("ffi")

terralib = {}
local terralib = terralib
terralib.version = py.version
terralib.terrahome = py.terrahome
terralib.isverbose = py.verbose
terralib.isdebug = py.debug
terralib.systemincludes = {}
terralib.includepath = os.getenv("INCLUDE_PATH") or ""
-- terrapy's own Lua modules (terralist, ...) sit beside the stdlib's .t files.
package.path = package.path .. ";" .. py.terrahome .. "/share/terra/?.lua"

-- Errors from Python arrive as (ERROR, message): raised here, at the caller's level.
local ERROR = py.error_marker
local builtins = {}          -- Lua functions the compiler treats as built-in macros
terralib._builtins = builtins
local ctypeids = {}          -- LuaJIT ctype id -> terra type (terralib.typeof)
-- A message that already starts with a position (`file:line:`) is raised as is.
local function check(level, first, ...)
  if first == ERROR then
    local message = (...)
    if message:match("^[^\n]-:%d+: ") then error(message, 0) end
    error(message, level + 1)
  end
  return first, ...
end
terralib._check = check

------------------------------------------------------------------ Strict
-- Terra puts a `Strict` metatable on _G; its checks are off, so an undefined
-- global reads as nil exactly as in plain Lua (LANGUAGE.md §0).
Strict = { strict = false, __declared = {} }
do
  local declared = Strict.__declared
  local function what()
    local info = debug.getinfo(3, "S")
    return info and info.what or "C"
  end
  Strict.__newindex = function(t, k, v)
    if Strict.strict and not declared[k] then
      local w = what()
      if w ~= "main" and w ~= "C" then
        error("assign to undeclared variable '" .. tostring(k) .. "'", 2)
      end
      declared[k] = true
    end
    rawset(t, k, v)
  end
  Strict.__index = function(t, k)
    if Strict.strict and not declared[k] and what() ~= "C" then
      error("variable '" .. tostring(k) .. "' is not declared", 2)
    end
    return nil
  end
  setmetatable(_G, Strict)
end

------------------------------------------------------------------- Lists
local List = require("terralist")
terralib.newlist = function(t) return List(t) end
terralib.islist = function(t) return List:isclassof(t) end
terralib.israwlist = function(t)
  if type(t) ~= "table" then return false end
  local n = #t
  for k in pairs(t) do
    if type(k) ~= "number" or k < 1 or k > n or k % 1 ~= 0 then return false end
  end
  return true
end

-- shared with the later files (runtime/state.py runs them in order)
P.terralib, P.ffi, P.ERROR, P.check = terralib, ffi, ERROR, check
P.builtins, P.ctypeids, P.List = builtins, ctypeids, List
