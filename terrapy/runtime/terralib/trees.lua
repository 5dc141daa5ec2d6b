-- terralib: the handles translated chunks use (__T), Lua environments of
-- escapes, and loading of the Lua parts of translated code.
local py, P = ...
local terralib, check, ERROR = P.terralib, P.check, P.ERROR

------------------------------------------------------- chunks and trees
-- `__T` in translated code: the handles by which a chunk's emitted calls reach
-- its terra trees (parser/translate.py).
local chunks = setmetatable({}, { __mode = "v" })
function terralib._chunk(key)
  local chunk = chunks[key]
  if chunk then return chunk end
  chunk = {
    define = function(index, envfn, setter, ...)
      return check(2, py.define(key, index, envfn, setter, ...))
    end,
    anonfunction = function(index, envfn) return check(2, py.anonfunction(key, index, envfn)) end,
    anonstruct = function(index, envfn) return check(2, py.anonstruct(key, index, envfn)) end,
    quote = function(index, envfn) return check(2, py.quote(key, index, envfn)) end,
    pointer = function(t) return check(2, py.pointer(t, 0)) end,
    arrow = function(params, rets) return check(2, py.funcpointer(params, rets, false)) end,
  }
  chunks[key] = chunk
  return chunk
end

-- The environment Lua code inside terra code runs in: terra symbols in scope,
-- then the Lua locals the definition captured, then the chunk's globals.
-- Writes go where Lua would put them: a captured local through the definition's
-- setter, any other name into the globals; a terra variable cannot be assigned.
function terralib._luaenv(captured, globals, chunk, symbols, setter)
  return setmetatable({}, {
    __index = function(_, k)
      if symbols then
        local s = symbols[k]
        if s ~= nil then return s end
      end
      local v = captured[k]
      if v ~= nil then return v end
      if k == "__T" then return chunk end
      return globals[k]
    end,
    __newindex = function(_, k, v)
      if symbols and symbols[k] ~= nil then
        error("cannot assign to terra variable '" .. tostring(k) .. "' from Lua code", 2)
      end
      if setter and setter(k, v) then captured[k] = v; return end
      if captured[k] ~= nil then
        error("cannot assign to '" .. tostring(k) .. "' from Lua code inside terra code", 2)
      end
      globals[k] = v
    end,
  })
end

-- t[k] for the compiler: an error raised by t's __index at level 2 (an
-- includec table naming a missing symbol) would point at this helper; it is
-- passed on without that position, so the compiler gives it the select's.
local function index(t, k) return t[k] end
local indexinfo = debug.getinfo(index, "S")
local indexwhere = indexinfo.short_src .. ":" .. indexinfo.linedefined .. ": "
function terralib._index(t, k)
  local ok, v = pcall(index, t, k)
  if ok then return v end
  if type(v) == "string" and v:sub(1, #indexwhere) == indexwhere then v = v:sub(#indexwhere + 1) end
  error(v, 0)
end
function terralib._compilelua(code, chunkname)
  local fn, err = loadstring(code, chunkname)
  if not fn then return ERROR, err end
  return fn
end

function terralib._evallua(fn, env)
  setfenv(fn, env)
  return fn()
end
