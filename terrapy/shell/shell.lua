-- The Lua face of terrapy.shell: `local sh = require "shell"`.
--
-- Commands are Lua objects around Python ones (lua_binding.py); this file applies Lua's own rules
-- to arguments (numbers through tostring, array tables flatten, a trailing table with string keys
-- holds options) and turns failures into Lua error values, so pcall sees a table with argv, code,
-- signal and stderr, never a Python exception. Each command crosses into Python once.
--
-- Strings cross as raw bytes: the runtime decodes Lua strings as UTF-8 on the way into Python,
-- which would reject or corrupt binary data, so a string is handed over as (address, length)
-- through the FFI and copied on the Python side while it is alive on this side's stack.

local native = ...
local ffi = require "ffi"

local HERE = debug.getinfo(1, "S").source
local char_pointer, address = ffi.typeof("const char *"), ffi.typeof("uintptr_t")

local Runnable, Program, CommandError = {}, {}, {}
Runnable.__index, Program.__index = Runnable, Program

-- Errors --------------------------------------------------------------------------------------

-- The first frame, above this file and C functions, that belongs to the script: errors point there.
local function user_frame()
  local level = 2
  while true do
    local info = debug.getinfo(level, "Sl")
    if info == nil then return nil end
    if info.source ~= HERE and info.what ~= "C" then return level, info end
    level = level + 1
  end
end

function CommandError.__tostring(err)
  return (err.where and err.where .. ": " or "") .. err.message
end

local function raise(err)
  local level, info = user_frame()
  if type(err) == "table" then
    err.where = info and info.short_src .. ":" .. info.currentline
    error(setmetatable(err, CommandError), 0)
  end
  error(err, level and level - 1 or 0)   -- user_frame counts from itself, error from here
end

-- Every native helper returns true and its results, or false and an error (a table or a message).
local function unwrap(ok, ...)
  if ok then return ... end
  raise((...))
end

-- Values crossing into Python ---------------------------------------------------------------------

local function raw(s)
  return native.raw(tonumber(ffi.cast(address, ffi.cast(char_pointer, s))), #s)
end

local function describe(value)
  local mt = getmetatable(value)
  if mt == Runnable then return "a lazy command (use stdin = cmd or cmd:pipe)" end
  if mt == Program then return "a program (sh.NAME runs it; sh.cmd.NAME is lazy)" end
  return "a " .. type(value)
end

local function flatten(value, words, position)
  local kind = type(value)
  if kind == "string" then
    if value:find("\0", 1, true) then raise(("argument %d contains a NUL byte"):format(position)) end
    words[#words + 1] = value
  elseif kind == "number" then
    words[#words + 1] = tostring(value)
  elseif kind == "table" and getmetatable(value) == nil then
    for _, item in ipairs(value) do flatten(item, words, position) end
  else
    raise(("argument %d is %s; arguments are strings, numbers or tables of them")
      :format(position, describe(value)))
  end
end

-- Words travel as one NUL-separated string (argv cannot contain NUL) plus their count.
local function pack(args, count)
  local words = {}
  for i = 1, count do flatten(args[i], words, i) end
  return raw(table.concat(words, "\0")), #words
end

local OPTION_NAMES, OPTION_LIST = {}, {}
for _, name in ipairs(native.option_names()) do
  OPTION_NAMES[name] = true
  OPTION_LIST[#OPTION_LIST + 1] = name
end
OPTION_LIST = table.concat(OPTION_LIST, ", ")

local function marshal(value)
  if type(value) == "string" then return raw(value) end
  local mt = getmetatable(value)
  if mt == Runnable or mt == Program then return value.py end
  return value
end

-- env = {NAME = value or false}: sent as a flat list of name, value pairs (names can be binary too).
local function marshal_env(env)
  if type(env) ~= "table" or getmetatable(env) ~= nil then return marshal(env) end
  local flat = {}
  for name, value in pairs(env) do
    flat[#flat + 1] = marshal(name)
    flat[#flat + 1] = type(value) == "number" and raw(tostring(value)) or marshal(value)
  end
  return flat
end

local function marshal_options(options)
  if options == nil then return nil end
  if type(options) ~= "table" or getmetatable(options) ~= nil then
    raise("options must be a table, got " .. describe(options))
  end
  local out = {}
  for name, value in pairs(options) do
    if not OPTION_NAMES[name] then
      raise(("unknown option '%s' (options are: %s)"):format(tostring(name), OPTION_LIST))
    end
    if name == "env" then out.env = marshal_env(value) else out[name] = marshal(value) end
  end
  return out
end

local function is_options(value)
  if type(value) ~= "table" or getmetatable(value) ~= nil then return false end
  for key in pairs(value) do
    if type(key) == "string" then
      if value[1] ~= nil then raise("a table of options cannot also hold arguments") end
      return true
    end
  end
  return false
end

-- (...) -> packed words, word count, marshalled options: a trailing table with string keys is options.
local function arguments(...)
  local args, count = {...}, select("#", ...)
  local options
  if count > 0 and is_options(args[count]) then
    options, count = args[count], count - 1
  end
  local words, n = pack(args, count)
  return words, n, marshal_options(options)
end

-- Commands ------------------------------------------------------------------------------------------

local function checked(object, metatable, method)
  if getmetatable(object) ~= metatable then
    raise(("%s must be called with a colon: command:%s(...)"):format(method, method))
  end
  return object.py
end

local function lazy(py) return setmetatable({py = py}, Runnable) end
local function program(py) return setmetatable({py = py}, Program) end

function Runnable:bake(...)
  return lazy(unwrap(native.bake(checked(self, Runnable, "bake"), arguments(...))))
end
Runnable.__call = Runnable.bake     -- a lazy command called with arguments stays lazy

function Runnable:pipe(...)
  local others, count = {...}, select("#", ...)
  for i = 1, count do others[i] = marshal(others[i]) end
  return lazy(unwrap(native.pipe(checked(self, Runnable, "pipe"), unpack(others, 1, count))))
end

-- cmd:run{...} returns a result table, cmd:ok{...} a boolean, cmd:fg{...} a result table.
for _, method in ipairs({"run", "ok", "fg"}) do
  Runnable[method] = function(self, options)
    return unwrap(native[method](checked(self, Runnable, method), marshal_options(options)))
  end
end

-- An iterator for a generic for; it raises when the stream ends if a stage failed.
function Runnable:lines(options)
  local stream = unwrap(native.lines(checked(self, Runnable, "lines"), marshal_options(options)))
  return function() return unwrap(native.next_line(stream)) end
end

function Runnable:__tostring() return unwrap(native.describe(self.py)) end

function Program:__call(...)
  return unwrap(native.call(self.py, arguments(...)))
end

function Program:bake(...)
  return program(unwrap(native.bake(checked(self, Program, "bake"), arguments(...))))
end

function Program:__tostring() return unwrap(native.describe(self.py)) end

-- The module --------------------------------------------------------------------------------------

local function name_of(name)
  if type(name) ~= "string" then raise("a program name is a string, got " .. describe(name)) end
  return raw(name)
end

local function make_shell(py_shell)
  local sh = {}
  sh.cmd = setmetatable({}, {__index = function(_, name)
    return lazy(unwrap(native.command(py_shell, name_of(name))))
  end})
  function sh.glob(pattern) return unwrap(native.glob(py_shell, marshal(pattern))) end
  function sh.quote(...) return unwrap(native.quote(pack({...}, select("#", ...)))) end
  function sh.shell(script, options)
    if type(script) ~= "string" then
      raise("sh.shell: expected a script string, got " .. describe(script))
    end
    return unwrap(native.shell(py_shell, marshal(script), marshal_options(options)))
  end
  sh["with"] = function(options)
    return make_shell(unwrap(native.with_(py_shell, marshal_options(options))))
  end
  return setmetatable(sh, {__index = function(self, name)
    local found = program(unwrap(native.program(py_shell, name_of(name))))
    rawset(self, name, found)    -- programs are immutable values: resolve each name once
    return found
  end})
end

return make_shell(native.default_shell)
