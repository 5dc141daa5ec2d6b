terra f() : int
  return nothere + 1
end
