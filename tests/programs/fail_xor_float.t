terra f(a : double) : double
  return a ^ 2
end
f(1)
