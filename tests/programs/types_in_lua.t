-- Types written in Lua expressions are runtime values (LANGUAGE.md §1, §2).
assert(tostring(int) == "int32" and int == int32)
assert(tostring(&int) == "&int32" and &int == &int)
assert(int[4] == int[4] and (int[4]).N == 4 and (int[4]).type == int)
assert((&int[4]):ispointer() and (&int[4]).type:isarray())
local fp = {int, double} -> int
assert(fp:ispointertofunction() and fp == ({int, double} -> int))
assert(#fp.type.parameters == 2 and fp.type.returntype == int)
local f2 = &double -> double
assert(f2.type.parameters[1] == &double)
assert(tuple(int, float) == tuple(int, float) and tuple():isunit())
assert(rawstring == &int8 and intptr == uint64)
assert(int:isintegral() and not float:isintegral() and float:isfloat() and bool:islogical())
print("ok")
-- terralib.typeof knows LuaJIT's own scalar cdata too
local ffi = require "ffi"
assert(terralib.typeof(5LL) == int64 and terralib.typeof(5ULL) == uint64)
assert(terralib.typeof(ffi.new("double", 2)) == double and terralib.typeof(ffi.new("bool", true)) == bool)
print("typeof scalars ok")
-- T:min() and T:max(): Lua values, exact for 64-bit integers (as cdata)
terra extremes() : int64 return [int8:min()] + [int16:max()] end
assert(extremes() == -128 + 32767 and int8:min() == -128 and uint16:max() == 65535)
terra widest() : uint64 return [uint64:max()] end
assert(widest() == 0xffffffffffffffffULL and int64:min() == -0x8000000000000000LL)
assert(int64:max() == 9223372036854775807LL and terralib.typeof(int64:max()) == int64)
assert(uint8:max() == 255 and double:max() > 1e308 and float:min() < -3e38)
assert(not pcall(bool.max, bool))
print("min max ok")
