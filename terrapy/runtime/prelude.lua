-- terralib's Lua half. Run once per runtime, before any user code, with the
-- Python half passed in as `py` (see runtime/state.py). Everything that runs
-- often (type predicates, calls of compiled code) stays here, in Lua; Python is
-- reached for translation, definitions and compilation.
local py = ...
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

------------------------------------------------ globals and constants
-- A global's storage is LuaJIT memory made when the global is: :get/:set are
-- plain FFI accesses, and compiled code reaches the same address by symbol.
local G = {}
G.__index = G
terralib._globalmeta = G
-- LuaJIT's own scalar ctypes (5LL, ffi.new("double", x)): terralib.typeof
-- knows only the ctypes terrapy made.
local basicctypes = { "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                      "uint64", "float", "double" }
local function cdatatype(v) return terralib.typeof(v) end
terralib._basicctypes = basicctypes
local function inferredtype(v)
  if type(v) == "number" then return (v % 1 == 0 and v >= -2^31 and v < 2^31) and int or double end
  if type(v) == "boolean" then return bool end
  if type(v) == "cdata" and cdatatype(v) then return cdatatype(v) end
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
------------------------------------------------- values only the Lua C API makes
-- A fresh coroutine's function closes over `value`; Python (called from Lua,
-- so allowed to use the C API on a suspended thread) sets that upvalue.
local function fromluaapi(kind, address)
  local value
  local co = coroutine.create(function() return value end)
  check(3, py.luaapivalue(tostring(co), kind, address))
  return value
end
local function addressof(p)
  return tonumber(ffi.cast("intptr_t", ffi.cast("void *", p)))
end
function terralib.pointertolightuserdata(p)
  if type(p) == "userdata" then return p end
  if type(p) ~= "cdata" then
    error("pointertolightuserdata: expected a pointer (cdata), got " .. type(p), 2)
  end
  return fromluaapi("pointer", addressof(p))
end
-- a terra function (or a C function pointer) written against lua.h, taking
-- lua_State* and returning the number of results, as a Lua function
function terralib.bindtoluaapi(fn)
  if terralib.isfunction(fn) then fn = fn:getpointer() end
  if type(fn) ~= "cdata" then
    error("bindtoluaapi: expected a terra function or a function pointer, got " .. type(fn), 2)
  end
  return fromluaapi("cfunction", addressof(fn))
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


------------------------------------------------- loading code
function terralib.loadstring(s, chunkname)
  chunkname = chunkname or s
  local code, err = py.translate(s, chunkname)
  if not code then return nil, err end
  local fn, luaerr = loadstring(code, chunkname)
  if not fn then py.diagnose(s, chunkname, luaerr) end
  return fn, luaerr
end

function terralib.loadfile(filename)
  local source, chunkname
  if filename == nil then
    source, chunkname = io.read("*a"), "=stdin"
  else
    local file, err = io.open(filename, "rb")
    if not file then return nil, "cannot open " .. tostring(filename) end
    source = file:read("*a")
    file:close()
    chunkname = "@" .. filename
  end
  return terralib.loadstring(source, chunkname)
end

function terralib.load(reader, chunkname)
  local parts = {}
  while true do
    local piece = reader()
    if piece == nil or piece == "" then break end
    parts[#parts + 1] = piece
  end
  return terralib.loadstring(table.concat(parts), chunkname or "=(load)")
end

---------------------------------------------------- require of .t files
local function terrapath_default()
  return "./?.t;" .. terralib.terrahome .. "/share/terra/?.t"
end
do
  local envpath = os.getenv("TERRA_PATH")
  if envpath then
    package.terrapath = envpath:gsub(";;", ";" .. terrapath_default() .. ";")
  else
    package.terrapath = terrapath_default()
  end
end

local function terraloader(name)
  local filename = name:gsub("%.", "/")
  local tried = {}
  for template in package.terrapath:gmatch("[^;]+") do
    local path = template:gsub("%?", filename)
    local file = io.open(path, "rb")
    if file then
      file:close()
      local fn, err = terralib.loadfile(path)
      if not fn then error(err, 0) end
      return fn
    end
    tried[#tried + 1] = "\n\tno file '" .. path .. "'"
  end
  return table.concat(tried)
end
table.insert(package.loaders, 2, terraloader)

terralib.currenttimeinseconds = function() return py.now() end

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
    local ct = cdatatype(v)
    if ct == nil then return "cdata", nil end
    if ct:isarray() or ct:isstruct() then return "cdataref", { ct, tonumber(ffi.cast("intptr_t", ffi.cast("void *", v))) } end
    if ct:ispointer() then return "cdataptr", { ct, tonumber(ffi.cast("intptr_t", v)) } end
    if ct:isprimitive() then return "constant", { ct, scalar(v) } end
    return "cdata", nil
  end
  if t == "number" or t == "boolean" or t == "string" or t == "nil" then return t, v end
  return t, nil
end

------------------------------------------- values between Lua and terra
-- LuaJIT ctypes of terra types: made once by Python (runtime/resolver.py);
-- `ctypeids` maps them back for terralib.typeof.
function terralib._registerctype(name, t)
  local ct = ffi.typeof(name)
  ctypeids[tonumber(ct)] = t
  return ct
end
-- cdata of a struct gets the struct's methods (obj:m() from Lua), unless the
-- struct brings its own __luametatable.
function terralib._structmetatype(name, S)
  local mt = S.metamethods.__luametatable or {
    __index = function(self, k) return S.methods[k] end,
  }
  ffi.metatype(name, mt)
end
function T:cstring() return check(2, py.ctype(self)) end
-- The LuaJIT ctype of a terra type, made once; terralib.typeof maps it back
-- (function pointers and other ctypes that have no registered struct).
local ctypes = {}
local function ctypeof(t, level)
  local ct = ctypes[t]
  if ct == nil then
    if not terralib.types.istype(t) then error("expected a terra type, got " .. type(t), level + 1) end
    ct = ffi.typeof(check(level + 1, py.ctype(t)))
    ctypes[t] = ct
    local id = tonumber(ct)
    if ctypeids[id] == nil then ctypeids[id] = t end
  end
  return ct
end
terralib._ctypeof = ctypeof
function terralib.new(t, ...)
  return ffi.new(ctypeof(t, 2), ...)
end
function terralib.cast(t, v)
  return ffi.cast(ctypeof(t, 2), v)
end
-- cdata -> terra type: the ctypes terrapy made, and LuaJIT's own scalars (5LL)
function terralib.typeof(v)
  local id = tonumber(ffi.typeof(v))
  local t = ctypeids[id]
  if t == nil and type(v) == "cdata" then
    for _, name in ipairs(terralib._basicctypes) do
      if ffi.istype(name:find("int") and name .. "_t" or name, v) then
        t = py.primitives[name]
        ctypeids[id] = t
        break
      end
    end
  end
  return t
end
function terralib.offsetof(t, field) return check(2, py.offsetof(t, field)) end
function terralib.linklibrary(path) return check(2, py.linklibrary(path)) end
function terralib.intrinsic(name, fntype) return check(2, py.intrinsic(name, fntype)) end
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
