-- std: the C library merged into one table, plus terra helpers (LANGUAGE.md §18).
--
--   S.<name>            every function, type, global and constant (macros included) of
--                       <stdio.h> <stdlib.h> <string.h> <math.h>, imported on first use;
--                       a name the headers do not have is nil
--   S.memoize(fn)       terralib.memoize
--   S.assert(cond)      macro: if cond is false, prints "<file>:<line>: assertion failed!"
--                       to stderr and aborts
--   S.Object(T)         T.alloc() -> &T (heap, zero-filled), T.salloc() -> &T (macro: stack,
--                       zero-filled, destroyed by a defer at the end of the enclosing scope),
--                       T:destruct() (the destructor chain below), T:delete() (destruct, free;
--                       nothing for nil). Usable as a call or as a metatype: struct T(S.Object)
--   S.rundestructor(x)  macro: runs x's destructor if its type has one (x a value, a
--                       temporary or a pointer); otherwise nothing
--   S.Vector(T)         a growable array of T, itself an Object (see Vector below)
--
-- Destructors. A type "has a destructor" when it is
--   * a struct made with S.Object whose own __destruct exists or some field has a destructor,
--   * any other struct with a __destruct method (that method is its whole destructor),
--   * an array whose element type has one (elements are destroyed in index order).
-- The destructor of an Object T (T:destruct()) runs T's own __destruct first, if there is one,
-- then the destructors of T's fields in declaration order (fields inside unions are skipped:
-- which member is live is unknown). What runs is decided when T:destruct() is first
-- type-checked, so __destruct may be defined after S.Object(T), as long as it is defined
-- before the first function that destroys a T is compiled. Pointer fields are not followed.
local S = {}

local libc          -- the C headers, imported when first needed
local function clibrary()
  if libc == nil then
    libc = terralib.includecstring [[
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
]]
  end
  return libc
end
-- C.name for std's own terra code. The proxy holds a key: terra code would take an empty
-- table for an empty list of values rather than a namespace to select from.
local C = setmetatable({ library = "libc" }, { __index = function(_, name) return clibrary()[name] end })
-- S.name: a C name, looked up once and kept in S; a name C does not have is nil
setmetatable(S, { __index = function(_, name)
  local library = clibrary()          -- (an import error is raised, not taken for a nil)
  local found, value = pcall(function() return library[name] end)
  if found and value ~= nil then rawset(S, name, value); return value end
  return nil
end })

S.memoize = terralib.memoize

---------------------------------------------------------------- assert
-- The condition's own quote gives the file and line of the call.
S.assert = macro(function(condition)
  local tree = condition.tree
  local where = tree and tree.filename and (tostring(tree.filename) .. ":" .. tostring(tree.linenumber))
                or "?"
  local message = where .. ": assertion failed!\n"
  return quote
    if not [condition] then
      C.fflush(nil)                   -- what the program printed so far comes out first
      C.fputs(message, C.stderr)
      C.abort()
    end
  end
end)

---------------------------------------------------------------- destructors
local objects = setmetatable({}, { __mode = "k" })    -- the types made by S.Object

-- the fields of a struct as {name, type} pairs, unions left out
local function fieldsof(T)
  local fields = terralib.newlist()
  for _, entry in ipairs(T:getentries()) do
    local name, typ = entry.field, entry.type
    if name == nil and #entry == 2 and terralib.types.istype(entry[2]) then
      name, typ = entry[1], entry[2]
    end
    if typ ~= nil and terralib.types.istype(typ) then fields:insert({ name = name, type = typ }) end
  end
  return fields
end

local function hasdestructor(T)
  if T:isarray() then return hasdestructor(T.type) end
  if not T:isstruct() then return false end
  if T.methods.__destruct ~= nil then return true end
  if not objects[T] then return false end
  for _, field in ipairs(fieldsof(T)) do
    if hasdestructor(field.type) then return true end
  end
  return false
end

-- a statement destroying @pointer, whose type T has a destructor; `pointer` is a symbol or
-- an expression without side effects (it may be evaluated more than once)
local function destroyat(pointer, T)
  if T:isarray() then
    local E = T.type
    return quote
      var first = [&E](pointer)
      for i = 0, [T.N] do [destroyat(`first + i, E)] end
    end
  elseif objects[T] then
    return quote [pointer]:destruct() end
  else
    return quote [pointer]:__destruct() end
  end
end

S.rundestructor = macro(function(value)
  local t = value:gettype()
  local T = t:ispointer() and t.type or t
  if not hasdestructor(T) then return quote end end
  if t:ispointer() then
    return quote var pointer = [value]; [destroyat(pointer, T)] end
  elseif value:islvalue() then
    return quote var pointer = &[value]; [destroyat(pointer, T)] end
  else
    return quote var temporary = [value]; [destroyat(`&temporary, T)] end
  end
end)

-- the body of an Object's destruct(): own __destruct, then each field's destructor
local destructorchain = macro(function(self)
  local T = self:gettype().type
  local statements = terralib.newlist()
  if T.methods.__destruct ~= nil then
    statements:insert(quote [self]:__destruct() end)
  end
  for _, field in ipairs(fieldsof(T)) do
    if hasdestructor(field.type) then
      statements:insert(destroyat(`&[self].[field.name], field.type))
    end
  end
  return quote [statements] end
end)

---------------------------------------------------------------- Object
-- alloc() and salloc() give zero-filled memory, so destroying an object that was never
-- initialised is safe for destructors that accept zeroes (like Vector's).
-- Object owns the method names alloc, salloc, destruct and delete.
function S.Object(T)
  assert(terralib.types.istype(T) and T:isstruct(), "S.Object expects a struct type")
  if objects[T] then return T end
  objects[T] = true
  terra T.methods.alloc() : &T
    return [&T](C.calloc(1, sizeof(T)))
  end
  terra T:destruct() : {}
    destructorchain(self)
  end
  terra T:delete() : {}
    if self ~= nil then
      S.rundestructor(self)
      C.free(self)
    end
  end
  -- salloc(): a T on the caller's stack, destroyed when the enclosing scope ends (Terra runs
  -- a defer inside `quote ... in e end` at the end of the enclosing block; terrapy, for now,
  -- at the end of the quote: see tests/programs/std_object.t)
  T.methods.salloc = macro(function()
    local object = symbol(T, "object")
    local destruct = T.methods.destruct
    local cleanup = hasdestructor(T) and quote defer destruct(&[object]) end or quote end
    return quote
      var [object] : T
      C.memset(&[object], 0, sizeof(T))
      [cleanup]
    in
      &[object]
    end
  end)
  T.methods.alloc:setname(tostring(T) .. ".alloc")
  T.methods.destruct:setname(tostring(T) .. ":destruct")
  T.methods.delete:setname(tostring(T) .. ":delete")
  return T
end

---------------------------------------------------------------- Vector
-- `obj:m(...)` where T.methods.m is an overloaded function: a macro passes &obj to it and
-- the overloaded function picks the definition by the argument types. (terrapy does not
-- yet accept an overloaded function in T.methods for `obj:m()` calls.) `usage` is for the
-- error when no definition takes that many arguments.
local function overloadedmethod(name, usage, definitions)
  local overload = terralib.overloadedfunction(name, definitions)
  return macro(function(self, ...)
    local arguments = terralib.newlist { ... }
    local fits = false
    for _, definition in ipairs(definitions) do
      local t = definition:gettype()
      if t:ispointer() then t = t.type end
      fits = fits or #t.parameters == #arguments + 1
    end
    if not fits then error(name .. ": expected " .. usage, 0) end
    local receiver = self
    if not self:gettype():ispointer() then
      if not self:islvalue() then
        error(name .. ": the receiver must be a variable (an lvalue) or a pointer", 0)
      end
      receiver = `&[self]
    end
    return `overload([receiver], [arguments])
  end)
end

-- Vector(T): _size elements at _data, room for _capacity. Methods: init(), initwithsize(n),
-- size(), reserve(n), resize(n), insert(v) (append), insert(i, v), remove() (the last),
-- remove(i), get(i), set(i, v), __destruct(), Vector.fromelements(a, b, ...) (a macro), v(i)
-- (an lvalue) and `for x in v`; plus Object's alloc, salloc, destruct and delete.
-- Indices are uint64 and are not checked; the capacity doubles (from 4) when full. set(i, v), v(i) = x and remove() are plain stores and loads: set does not destroy
-- the element it overwrites, remove hands the element (and its ownership) to the caller.
-- resize(n) zero-fills new elements and destroys dropped ones; __destruct destroys every
-- element, frees the storage and leaves an empty vector. `for x in v` visits the elements
-- in order (the size is read once, when the loop starts).
S.Vector = S.memoize(function(T)
  assert(terralib.types.istype(T), "S.Vector expects a type")
  local struct Vector { _data : &T; _size : uint64; _capacity : uint64 }
  Vector.metamethods.__typename = function() return "Vector(" .. tostring(T) .. ")" end
  S.Object(Vector)
  -- the definitions behind insert and remove. They live in a table, not in `local terra`
  -- functions: a run of `local terra` definitions cannot call one another in terrapy yet.
  local internal = {}

  local destroyelements = macro(function(self, from, to)
    if not hasdestructor(T) then return quote end end
    return quote
      for i = [from], [to] do [destroyat(`[self]._data + i, T)] end
    end
  end)

  terra Vector:init() : {}
    self._data, self._size, self._capacity = nil, 0, 0
  end
  terra Vector:size() : uint64 return self._size end
  terra Vector:reserve(n : uint64) : {}
    if n > self._capacity then
      var data = [&T](C.realloc(self._data, n * sizeof(T)))
      if data == nil then
        C.fputs("Vector: out of memory\n", C.stderr)
        C.abort()
      end
      self._data, self._capacity = data, n
    end
  end
  terra Vector:resize(n : uint64) : {}
    if n > self._size then
      self:reserve(n)
      C.memset(self._data + self._size, 0, (n - self._size) * sizeof(T))
    else
      destroyelements(self, n, self._size)
    end
    self._size = n
  end
  terra Vector:initwithsize(n : uint64) : {}
    self:init()
    self:resize(n)
  end
  terra internal.makeroom(self : &Vector) : {}
    if self._size == self._capacity then
      self:reserve(terralib.select(self._capacity < 4, 4ULL, self._capacity * 2))
    end
  end
  terra internal.append(self : &Vector, value : T) : {}
    internal.makeroom(self)
    self._data[self._size] = value
    self._size = self._size + 1
  end
  terra internal.insertat(self : &Vector, i : uint64, value : T) : {}
    internal.makeroom(self)
    C.memmove(self._data + i + 1, self._data + i, (self._size - i) * sizeof(T))
    self._data[i] = value
    self._size = self._size + 1
  end
  terra internal.removelast(self : &Vector) : T
    self._size = self._size - 1
    return self._data[self._size]
  end
  terra internal.removeat(self : &Vector, i : uint64) : T
    var value = self._data[i]
    C.memmove(self._data + i, self._data + i + 1, (self._size - i - 1) * sizeof(T))
    self._size = self._size - 1
    return value
  end
  for name, f in pairs(internal) do f:setname(tostring(Vector) .. ":" .. name) end
  Vector.methods.insert = overloadedmethod("insert", "v:insert(value) or v:insert(index, value)",
                                           { internal.append, internal.insertat })
  Vector.methods.remove = overloadedmethod("remove", "v:remove() or v:remove(index)",
                                           { internal.removelast, internal.removeat })
  terra Vector:get(i : uint64) : T return self._data[i] end
  terra Vector:set(i : uint64, value : T) : {} self._data[i] = value end
  terra Vector:__destruct() : {}
    destroyelements(self, 0ULL, self._size)
    C.free(self._data)
    self:init()
  end

  -- Vector.fromelements(a, b, ...): a new vector holding the arguments
  Vector.methods.fromelements = macro(function(...)
    local values = terralib.newlist { ... }
    local vector = symbol(Vector, "vector")
    return quote
      var [vector] : Vector
      [vector]:init()
      [vector]:reserve([#values])
      [values:map(function(v) return quote internal.append(&[vector], [v]) end end)]
    in
      [vector]
    end
  end)

  for _, name in ipairs { "init", "size", "reserve", "resize", "initwithsize", "get", "set",
                          "__destruct" } do
    Vector.methods[name]:setname(tostring(Vector) .. ":" .. name)
  end

  Vector.metamethods.__apply = macro(function(self, i) return `[self]._data[ [i] ] end)

  Vector.metamethods.__for = function(iterable, body)
    local vector = symbol(&Vector, "vector")
    local setup
    if iterable:gettype():ispointer() then
      setup = quote var [vector] = [iterable] end
    elseif iterable:islvalue() then
      setup = quote var [vector] = &[iterable] end
    else
      setup = quote var temporary = [iterable]; var [vector] = &temporary end
    end
    return quote
      [setup]
      for i = 0ULL, [vector]._size do [body(`[vector]._data[i])] end
    end
  end
  return Vector
end)

return S
