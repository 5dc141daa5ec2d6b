-- Ends with an uncaught runtime error: concatenating a nil field, in a method.
local Person = {}
Person.__index = Person
function Person.new(first, last) return setmetatable({first = first, last = last}, Person) end
function Person:full() return self.first .. " " .. self.last end
print(Person.new("Ada", "Lovelace"):full())
local p = Person.new("Grace")
print("first name only:", p.first)
print(p:full())
