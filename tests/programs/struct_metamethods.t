local S = terralib.types.newstruct("S")
S.metamethods.__getentries = function(self)
  return { { field = "a", type = int }, { field = "b", type = double } }
end
local initialized = 0
S.metamethods.__staticinitialize = function(self) initialized = initialized + 1 end
S.metamethods.__typename = function(self) return "Special" end
terra useS() : double var s : S; s.a, s.b = 2, 0.5; return s.a + s.b end
assert(useS() == 2.5 and initialized == 1 and tostring(S) == "Special")
struct G { x : int }
G.metamethods.__getmethod = function(self, name)
  if name == "get" then return terra(g : &G) : int return g.x * 10 end end
end
terra useG() : int var g = G { 4 }; return g:get() end
assert(useG() == 40)
local Bad = terralib.types.newstruct("Bad")
Bad.metamethods.__getentries = function() error("no entries today") end
local ok, err = pcall(terralib.sizeof, Bad)
assert(not ok and err:find("Errors reported during invoking __getentries", 1, true), err)
print("ok")
-- __typename shows in derived types and in error messages
struct Named { x : int }
Named.metamethods.__typename = function(self) return "MyName" end
assert(tostring(Named) == "MyName" and tostring(&Named) == "&MyName")
assert(tostring(Named[2]) == "MyName[2]" and tostring({Named} -> int) == "&{MyName} -> int32")
local okn, errn = pcall(function() terra usesnamed(n : Named) : int return n.nope end usesnamed:compile() end)
assert(not okn and errn:find("no field nope in terra object of type MyName", 1, true), errn)
print("typename ok")
-- labels and symbols as field names: members no string can reach
local hiddenlabel, hiddensymbol = label("lf"), symbol(int, "hidden")
struct Hidden { a : int }
Hidden.entries:insert { field = hiddenlabel, type = int }
Hidden.entries:insert { field = hiddensymbol, type = double }
terra hidden() : double
  var h : Hidden
  h.a, h.[hiddenlabel], h.[hiddensymbol] = 1, 40, 0.5
  var k = Hidden { a = 2, [hiddenlabel] = 3, [hiddensymbol] = 0.25 }
  return h.a + h.[hiddenlabel] + h.[hiddensymbol] + k.[hiddenlabel] + k.[hiddensymbol]
end
assert(hidden() == 44.75)
struct BadName { a : int }
BadName.entries:insert { field = {}, type = int }
local okb, errb = pcall(terralib.sizeof, BadName)
assert(not okb and errb:find("is named by a", 1, true), errb)
print("label and symbol fields ok")
