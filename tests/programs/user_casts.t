struct Meters { v : double }
struct Feet { v : double }
Meters.metamethods.__cast = function(from, to, exp)
  if from == Feet and to == Meters then return `Meters { [exp].v * 0.3048 } end
  if from == double and to == Meters then return `Meters { [exp] } end
  error("no cast")
end
terra tometers(f : Feet) : Meters return f end
terra fromnumber() : double var m : Meters = 2.5; return m.v end
assert(math.abs(tometers({10}).v - 3.048) < 1e-12)
assert(fromnumber() == 2.5)
local ok, err = pcall(function() terra bad(m : Meters) : Feet return m end bad:compile() end)
assert(not ok and err:find("cannot convert 'Meters' to 'Feet'", 1, true), err)
print("ok")
