struct P { x : int }
terra f(p : P) : int
  return p.y
end
f({1})
