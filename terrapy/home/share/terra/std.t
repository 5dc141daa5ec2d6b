-- std: the C library merged into one table, plus terra helpers
-- (LANGUAGE.md §18): S.assert, S.Vector(T), S.Object with alloc/delete and
-- destructors (__destruct), S.rundestructor, S.memoize.
local C = terralib.includecstring [[
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
]]
local S = setmetatable({}, { __index = function(_, k) return C[k] end })

S.memoize = terralib.memoize

-- S.assert(cond): aborts with the file and line of the call when cond is false
S.assert = macro(function(condition)
  local text = "assertion failed"
  return quote
    if not [condition] then
      C.fprintf(C.stderr, "%s\n", text)
      C.abort()
    end
  end
end)

-- calls obj:__destruct() when the type has one
S.rundestructor = macro(function(self)
  local t = self:gettype()
  local T = t:ispointer() and t.type or t
  if T:isstruct() and T.methods.__destruct then
    return quote [self]:__destruct() end
  end
  return quote end
end)

-- Object: a metatype adding alloc/salloc/delete; delete runs __destruct first
function S.Object(T)
  terra T.methods.alloc() : &T
    return [&T](C.malloc(sizeof(T)))
  end
  terra T.methods.salloc() : T
    var v : T
    return v
  end
  terra T:delete()
    S.rundestructor(self)
    C.free(self)
  end
end

-- Vector(T): a growable array; v(i) indexes it
S.Vector = S.memoize(function(T)
  local struct V { data : &T; size : uint64; capacity : uint64 }
  V.metamethods.__typename = function() return "Vector(" .. tostring(T) .. ")" end
  terra V:init() self.data, self.size, self.capacity = nil, 0, 0 end
  terra V:reserve(n : uint64)
    if n > self.capacity then
      self.data = [&T](C.realloc(self.data, n * sizeof(T)))
      self.capacity = n
    end
  end
  terra V:insert(value : T)
    if self.size == self.capacity then
      self:reserve(terralib.select(self.capacity == 0, 4ULL, self.capacity * 2))
    end
    self.data[self.size] = value
    self.size = self.size + 1
  end
  terra V:get(i : uint64) : T return self.data[i] end
  terra V:__destruct() C.free(self.data); self.data = nil end
  V.metamethods.__apply = macro(function(self, i) return `[self].data[ [i] ] end)
  return V
end)

return S
