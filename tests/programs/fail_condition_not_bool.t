terra f(a : int) : int
  while a do a = a - 1 end
  return a
end
f(1)
