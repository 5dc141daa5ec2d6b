terra f(a : int)
  if a < 2 then return a end
  return f(a - 1)
end
f(3)
