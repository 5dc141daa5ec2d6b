-- Ends with a failed assert in a tail call: the main chunk's line is blamed.
local function parse(s)
  local n = tonumber(s)
  return assert(n, "not a number: " .. s)
end
print(parse("42"), parse("0x1f"), pcall(parse, "x"))
print(parse("also not a number"))
