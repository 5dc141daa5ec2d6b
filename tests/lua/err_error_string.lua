-- Ends with an uncaught error("boom") raised inside a function.
local function validate(x)
  print("validating", x)
  if x > 2 then
    error("boom")
  end
  return x
end
for i = 1, 5 do
  print("ok", validate(i))
end
print("never printed")
