-- Ends with an uncaught error propagated out of coroutine.wrap.
local gen = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield(i) end
  local t = nil
  return t.field
end)
print(gen())
print(gen())
print(gen())
print("the next resume fails inside the coroutine")
print(gen())
