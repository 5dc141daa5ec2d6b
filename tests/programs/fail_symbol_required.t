-- a string where a symbol is required
local name = "x"
terra f() : int
  var [name] = 1
  return 0
end
