-- Ends with an uncaught runtime error: arithmetic on a non-numeric string.
local inputs = {"10", "2.5", "0x10", " 7 ", "1e2"}
local total = 0
for i, s in ipairs(inputs) do
  total = total + s
  print(i, s, total)
end
print("coerced total", total)
local s = "not a number"
local result = s * 2
print("never printed", result)
