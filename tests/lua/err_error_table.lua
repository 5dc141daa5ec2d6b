-- Ends with an uncaught error whose value is a table without __tostring.
local errors = {}
local function risky(i)
  if i % 2 == 0 then error({code = i}) end
  return i
end
for i = 1, 4 do
  local ok, e = pcall(risky, i)
  print(i, ok, type(e) == "table" and e.code or e)
end
print("now raising an uncaught table")
error({code = 500, message = "internal"})
