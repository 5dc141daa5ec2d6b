-- terralib: the values of staged code: macros (M), memoize, symbols (Sym),
-- overloaded functions (O), labels (Lbl) and quotes (Q).
local py, P = ...
local terralib, check, List = P.terralib, P.check, P.List

------------------------------------------------- macros
-- A macro is a Lua function the type checker calls with its arguments as
-- quotes; what it returns (a quote, a value, a list...) is used in their place.
local M = {}
M.__index = M
terralib._macrometa = M
-- createmacro(fromterra[, fromlua]): the second function serves calls from Lua
function terralib.createmacro(fn, fromlua) return setmetatable({ fn = fn, fromlua = fromlua }, M) end
-- An internal macro gets (diagnostics, the call's tree, argument quotes...):
-- errors it reports on the diagnostics object fail the call, as compile errors.
function terralib.internalmacro(fn)
  return setmetatable({ fn = function(...)
    local diag = terralib.newdiagnostics()
    local site = terralib._macrosite or {}
    local tree = { kind = "apply", filename = site.filename, linenumber = site.linenumber,
                   offset = site.offset, arguments = terralib.newlist() }
    for i = 1, select("#", ...) do tree.arguments[i] = (select(i, ...)).tree end
    local results = { fn(diag, tree, ...) }
    diag:finishandabortiferrors()
    return unpack(results, 1, table.maxn(results))
  end }, M)
end
macro = terralib.createmacro
function terralib.ismacro(v) return getmetatable(v) == M end
function M:__call(...)
  local fromlua = rawget(self, "fromlua")
  if fromlua then return fromlua(...) end
  error("macros must be called from inside terra code", 2)
end

-- memoize: a function whose results are cached by argument equality, the way
-- generic types (Vector(T)) are made once per T.
function terralib.memoize(fn)
  -- a trie over the arguments; a nil argument and the results slot have keys of
  -- their own, so f(1) and f(1, nil) are distinct calls
  local cache = {}
  local NIL, RESULTS = {}, {}
  local function pack(...) return { n = select("#", ...), ... } end
  return function(...)
    local node = cache
    for i = 1, select("#", ...) do
      local k = select(i, ...)
      if k == nil then k = NIL end
      local next = node[k]
      if next == nil then next = {}; node[k] = next end
      node = next
    end
    local results = node[RESULTS]
    if results == nil then
      results = pack(fn(...))
      node[RESULTS] = results
    end
    return unpack(results, 1, results.n)
  end
end

------------------------------------------------- symbols
-- A symbol is a terra variable made in Lua (gensym): `symbol(int, "x")`. Terra
-- locals appear to escapes as symbols too.
local Sym = {}
Sym.__index = Sym
terralib._symbolmeta = Sym
function Sym:__tostring() return "$" .. tostring(self.displayname) end
function terralib.newsymbol(typ, name)
  if type(typ) == "string" and name == nil then typ, name = nil, typ end
  return check(2, py.newsymbol(typ, name))
end
symbol = terralib.newsymbol
function terralib.issymbol(v) return getmetatable(v) == Sym end

------------------------------------------------- overloaded functions
local O = {}
O.__index = O
function terralib.overloadedfunction(name, definitions)
  local o = setmetatable({ name = name or "overload", definitions = List() }, O)
  for _, d in ipairs(definitions or {}) do o:adddefinition(d) end
  return o
end
function terralib.isoverloadedfunction(v) return getmetatable(v) == O end
function O:adddefinition(f)
  if not terralib.isfunction(f) then error("expected a terra function", 2) end
  self.definitions:insert(f)
  return self
end
function O:getdefinitions() return self.definitions end
function O:getname() return self.name end
function O:__call() error("overloaded functions cannot be called from Lua; call one of :getdefinitions()", 2) end
function O:__tostring() return "overloaded function " .. self.name end

------------------------------------------------- labels
local Lbl = {}
Lbl.__index = Lbl
local labels = 0
function Lbl:__tostring() return "$" .. self.displayname end
function terralib.newlabel(name)
  labels = labels + 1
  return setmetatable({ displayname = name or "label", __name = "$" .. (name or "label") .. "$" .. labels }, Lbl)
end
label = terralib.newlabel
function terralib.islabel(v) return getmetatable(v) == Lbl end

------------------------------------------------- quotes
local Q = {}
-- q.tree: the quote's code as a table (filename, linenumber, offset, kind),
-- which libraries read for source locations (std's assert)
Q.__index = function(q, k)
  local method = Q[k]
  if method ~= nil then return method end
  if k == "tree" then
    local tree = check(2, py.quotetree(rawget(q, "__handle")))
    rawset(q, "tree", tree)
    return tree
  end
end
terralib._quotemeta = Q
function terralib.isquote(v) return getmetatable(v) == Q end
function Q:__tostring() return "<terra quote>" end
-- a macro's arguments answer these from the function being checked; a quote
-- made in Lua is not type-checked until it is spliced
local function untyped(what)
  error(what .. ": only a macro's argument quotes are type-checked; this quote was made in Lua", 3)
end
function Q:gettype() if self.__gettype then return self.__gettype() end untyped("gettype") end
function Q:islvalue() if self.__islvalue then return self.__islvalue() end untyped("islvalue") end
function Q:asvalue()
  if self.__asvalue then return self.__asvalue() end
  return check(2, py.quotevalue(rawget(self, "__handle")))
end
function Q:astype() if self.__astype then return self.__astype() end untyped("astype") end
function Q:printpretty() print(tostring(self)) end
-- A quote is a table holding a handle number into the compiler's table of
-- quote trees; a proxy's finalizer lists the number as dead when Lua drops
-- the quote (tables have no __gc in LuaJIT), and the compiler frees them.
local deadhandles = {}
function terralib._takedeadhandles()
  local taken = deadhandles
  deadhandles = {}
  return taken
end

-- an internal macro's raw trees go back into code through newquote
function terralib.newquote(tree)
  if type(tree) ~= "table" or rawget(tree, "__handle") == nil then
    error("newquote: expected a tree taken from a quote (q.tree)", 2)
  end
  return check(2, py.requote(tree.__handle))
end
function terralib._newquote(handle, fields)
  local q = fields or {}
  q.__handle = handle
  local proxy = newproxy(true)
  getmetatable(proxy).__gc = function() deadhandles[#deadhandles + 1] = handle end
  q.__finalizer = proxy
  return setmetatable(q, Q)
end

P.M, P.Sym, P.O, P.Lbl, P.Q = M, Sym, O, Lbl, Q
