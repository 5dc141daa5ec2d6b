local a = 1
terra f(x : int)
  var y = x +
end
