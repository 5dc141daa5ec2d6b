-- The bit module (LuaJIT BitOp).
local bit = require("bit")
print("== basics")
print(bit.band(0xff, 0x0f), bit.bor(0xf0, 0x0f), bit.bxor(0xff, 0x0f), bit.bnot(0))
print(bit.band(0xff, 0xf0, 0x3c), bit.bor(1, 2, 4, 8), bit.bxor(1, 3, 7))
print(bit.bnot(5), bit.bnot(-1), bit.tobit(0xffffffff), bit.tobit(2^32 + 5))
print("== shifts")
print(bit.lshift(1, 0), bit.lshift(1, 31), bit.lshift(1, 32), bit.lshift(3, 33))
print(bit.rshift(0x80000000, 31), bit.rshift(-1, 28), bit.arshift(-256, 4), bit.arshift(256, 4))
print(bit.rol(0x12345678, 8), bit.ror(0x12345678, 8), bit.rol(1, 31), bit.ror(1, 1))
print("== tohex / bswap")
print(bit.tohex(255), bit.tohex(255, 2), bit.tohex(255, -4), bit.tohex(-1), bit.tohex(0x1234abcd, 8))
print(bit.bswap(0x12345678) == 0x78563412, bit.tohex(bit.bswap(0x12345678)))
print("== negative and large inputs are normalized to int32")
print(bit.band(-1, 0xffff), bit.bor(-2^31, 0), bit.tobit(-2^31 - 1), bit.tobit(1.5), bit.tobit(-1.5))
print(bit.band(2^40 + 3, 7), bit.lshift(1, -1) == bit.lshift(1, 31))
print("== errors")
print(pcall(bit.band, "x", 1))
print(pcall(bit.band))
print(bit.band("12", 4), bit.bor("0x10", 1))
print("== classic bit tricks")
local function popcount(x)
  local c = 0
  while x ~= 0 do x = bit.band(x, x - 1); c = c + 1 end
  return c
end
print(popcount(0), popcount(1), popcount(255), popcount(0x7fffffff))
local function ispow2(x) return x > 0 and bit.band(x, x - 1) == 0 end
print(ispow2(64), ispow2(65), ispow2(1))
local h = 2166136261
for c in ("hello"):gmatch(".") do
  h = bit.bxor(h, c:byte())
  h = bit.tobit(h * 16777619 % 2^32)
end
print(bit.tohex(h))
print("== 64-bit cdata operands")
print(tostring(bit.band(0xffffffffffULL, 0xff00ULL)), tostring(bit.lshift(1LL, 40)))
print(tostring(bit.bnot(0LL)), tostring(bit.tohex(0x123456789abcdefLL)), tostring(bit.arshift(-16LL, 2)))
