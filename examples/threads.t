-- Start and join two pthreads running terra functions.
local P = terralib.includec("pthread.h")
terralib.linklibrary("libpthread.so.0")

struct Work { from : int64; to : int64; sum : int64 }
terra worker(arg : &opaque) : &opaque
  var w = [&Work](arg)
  var s : int64 = 0
  for i = w.from, w.to do s = s + i end
  w.sum = s
  return nil
end

terra parallel_sum(n : int64) : int64
  var a = Work { 0, n / 2, 0 }
  var b = Work { n / 2, n, 0 }
  var ta : P.pthread_t
  var tb : P.pthread_t
  P.pthread_create(&ta, nil, worker, &a)
  P.pthread_create(&tb, nil, worker, &b)
  P.pthread_join(ta, nil)
  P.pthread_join(tb, nil)
  return a.sum + b.sum
end

local n = 10000000
local total = parallel_sum(n)
assert(total == n * (n - 1) / 2, tostring(total))
print("two threads summed 0 .. " .. (n - 1) .. " = " .. tonumber(total))
