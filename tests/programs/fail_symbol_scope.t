local s = symbol(int, "s")
terra f() : int
  do var [s] = 1 end
  return [s]
end
f()
