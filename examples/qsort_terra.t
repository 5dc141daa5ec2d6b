-- qsort an array with a comparator written in terra.
local C = terralib.includec("stdlib.h")

terra compare(a : &opaque, b : &opaque) : int
  var x, y = @[&int](a), @[&int](b)
  if x < y then return -1 elseif x > y then return 1 end
  return 0
end

terra sorted(n : int) : bool
  var values = [&int](C.malloc(n * sizeof(int)))
  var seed : uint32 = 12345
  for i = 0, n do
    seed = seed * 1103515245 + 12345
    values[i] = [int](seed >> 8) % 1000
  end
  C.qsort(values, n, sizeof(int), compare)
  var ok = true
  for i = 1, n do ok = ok and values[i - 1] <= values[i] end
  C.free(values)
  return ok
end

assert(sorted(10000))
print("qsort with a terra comparator: 10000 values sorted")
