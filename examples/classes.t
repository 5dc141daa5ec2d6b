-- A class system built from metamethods: single inheritance (a derived object
-- starts with its base's fields, so &Derived converts to &Base through __cast),
-- virtual methods through a vtable of function pointers, and interfaces as fat
-- pointers {vtable, object} made by __cast.
local classes = {}

local function class(name, parent)
  local C = terralib.types.newstruct(name)
  C.entries:insert { field = "vtable", type = &&opaque }
  if parent then
    for i = 2, #parent.entries do C.entries:insert(parent.entries[i]) end
  end
  classes[C] = { parent = parent, virtuals = parent and { unpack(classes[parent].virtuals) } or {} }
  -- obj:m() for a virtual m calls through the vtable slot of m
  C.metamethods.__methodmissing = macro(function(m, self, ...)
    local info = classes[C]
    for slot, v in ipairs(info.virtuals) do
      if v.name == m then
        local fntype = { &C, unpack(v.params) } -> v.returns
        local args = { ... }
        local receiver = self:gettype():ispointer() and self or `&[self]
        return `[fntype]([receiver].vtable[slot - 1])([receiver], [args])
      end
    end
    error("no virtual method " .. m .. " in " .. name)
  end)
  -- &Derived -> &Base (upcast) is a pointer cast; Derived -> an interface builds it
  C.metamethods.__cast = function(from, to, exp)
    if from:ispointer() and from.type == C and to:ispointer() then
      local p = classes[C].parent
      while p do
        if p == to.type then return `[to](exp) end
        p = classes[p].parent
      end
    end
    error("not a cast of " .. name)
  end
  return C
end

local function virtual(C, name, params, returns)
  table.insert(classes[C].virtuals, { name = name, params = params, returns = returns })
end

-- after the methods exist: a vtable per class, and an init that installs it
local function finish(C)
  local info = classes[C]
  local pointers = terralib.newlist()
  for _, v in ipairs(info.virtuals) do
    local owner, impl = C, nil
    while owner and not impl do impl = owner.methods["impl_" .. v.name]; owner = classes[owner].parent end
    pointers:insert(impl)
  end
  local vtable = global((&opaque)[#pointers])
  terra C:init() self.vtable = [&&opaque](&vtable) end
  -- filled from Lua once the implementations are compiled
  info.fill = function()
    local slots = vtable:getpointer()
    for i, f in ipairs(pointers) do slots[0][i - 1] = terralib.cast(&opaque, f:getpointer()) end
  end
end

local Shape = class("Shape")
Shape.entries:insert { field = "id", type = int }
virtual(Shape, "area", {}, double)
virtual(Shape, "sides", {}, int)
terra Shape:impl_area() : double return 0 end
terra Shape:impl_sides() : int return 0 end

local Rect = class("Rect", Shape)
Rect.entries:insert { field = "w", type = double }
Rect.entries:insert { field = "h", type = double }
terra Rect:impl_area() : double return self.w * self.h end
terra Rect:impl_sides() : int return 4 end

local Square = class("Square", Rect)
terra Square:impl_sides() : int return 4 end

local Circle = class("Circle", Shape)
Circle.entries:insert { field = "r", type = double }
terra Circle:impl_area() : double return 3 * self.r * self.r end

for _, C in ipairs { Shape, Rect, Square, Circle } do finish(C) end

-- an interface: anything with an area, as {function pointer, object}
struct HasArea { area : {&opaque} -> double; object : &opaque }
terra describe(s : &Shape) : double return s:area() * 10 + s:sides() end
terra total(items : &HasArea, n : int) : double
  var sum = 0.0
  for i = 0, n do sum = sum + items[i].area(items[i].object) end
  return sum
end

terra demo() : double
  var r : Rect
  r:init(); r.w, r.h = 2, 3
  var q : Square
  q:init(); q.w, q.h = 4, 4
  var c : Circle
  c:init(); c.r = 1
  var a = describe(&r)                -- &Rect -> &Shape through __cast
  var b = describe(&q)                -- &Square -> &Shape (two levels up)
  var d = describe(&c)
  var items : HasArea[2]
  items[0] = HasArea { [{&opaque} -> double](Rect.impl_area), &r }
  items[1] = HasArea { [{&opaque} -> double](Circle.impl_area), &c }
  return a + b + d + total(items, 2) / 1000
end
demo:compile()
for _, C in ipairs { Shape, Rect, Square, Circle } do classes[C].fill() end
local result = demo()
assert(math.abs(result - (64 + 164 + 30 + 0.009)) < 1e-9, result)
print(string.format("virtual calls and casts through a vtable: %.3f", result))
