-- A power function specialised for a constant exponent: Lua unrolls the
-- multiplications into the terra code (exponentiation by squaring).
local function power(n)
  local x = symbol(double, "x")
  local function build(k)
    if k == 0 then return `1.0 end
    if k % 2 == 0 then
      local half = symbol(double, "half")
      return quote var [half] = [build(k / 2)] in [half] * [half] end
    end
    return `[x] * [build(k - 1)]
  end
  return terra([x]) : double return [build(n)] end
end

for _, n in ipairs { 0, 1, 2, 5, 10, 13 } do
  local p = power(n)
  assert(p(1.5) == 1.5 ^ n, n)
  print(string.format("power(%d)(1.5) = %g", n, p(1.5)))
end
