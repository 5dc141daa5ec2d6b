terra g(a : int, b : int) : int return a + b end
terra f() : int
  return g(1)
end
f()
