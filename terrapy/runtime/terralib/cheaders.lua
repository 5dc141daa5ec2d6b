-- terralib: C headers (includec) and what they import.
local py, P = ...
local terralib, check, G = P.terralib, P.check, P.G

----------------------------------------------------------- C headers
-- includec returns three tables (everything, struct/union tags, macros); a
-- name the header does not have is an error that says so.
function terralib._cimportmissing(header, notes)
  return {
    errors = notes,
    __index = function(_, name)
      error("includec: imported symbol '" .. tostring(name) .. "' not found in " .. header, 2)
    end,
  }
end
function terralib.includec(header, args, target)
  return check(2, py.includec(header, false, args, target))
end
function terralib.includecstring(code, args, target)
  return check(2, py.includec(code, true, args, target))
end
function terralib._errnovalue(location)
  return setmetatable({
    get = function() return location()[0] end,
    set = function(_, v) location()[0] = v end,
  }, { __toterraexpression = function()
    -- this file is plain Lua: the quote comes from a small Terra chunk
    local make = assert(terralib.loadstring("local location = ... return `@location()"))
    return make(location)
  end })
end
function terralib._externglobal(typ, linkname)
  local g = setmetatable({}, G)
  rawset(g, "__global", check(2, py.newglobal(typ, linkname, linkname, false)))
  rawset(g, "__type", typ)
  rawset(g, "__extern", true)
  rawset(g, "__linkname", linkname)
  return g
end

return terralib
