-- Ends with an uncaught error raised with level 2: the caller's line is blamed.
local function checkpositive(x)
  if type(x) ~= "number" or x <= 0 then
    error("expected a positive number, got " .. tostring(x), 2)
  end
  return x
end
print(checkpositive(1), checkpositive(2.5))
print(pcall(checkpositive, -1))
local function compute(values)
  local s = 0
  for _, v in ipairs(values) do
    s = s + checkpositive(v)
  end
  return s
end
print(compute({1, 2, 3}))
print(compute({4, 5, -6}))
