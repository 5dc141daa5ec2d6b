struct Range { from : int; to : int }
Range.metamethods.__for = function(range, body)
  return quote
    var r = range
    for i = r.from, r.to do
      [body(i)]
    end
  end
end
terra sum(a : int, b : int) : int
  var s = 0
  for x in Range { a, b } do s = s + x end
  return s
end
assert(sum(1, 5) == 10)
terra firstbig(a : int, b : int) : int
  for x : int in Range { a, b } do if x * x > 50 then return x end end
  return -1
end
assert(firstbig(0, 100) == 8)
print("ok")
