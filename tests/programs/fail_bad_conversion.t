terra f(a : int) : int
  var b : &int = a
  return 1
end
f(1)
