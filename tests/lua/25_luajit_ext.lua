-- LuaJIT 2.1 extensions beyond Lua 5.1: jit, string.buffer, table.move, 5.2 bits.
print("== jit module")
print(type(jit), type(jit.version), type(jit.version_num), jit.os == require("ffi").os, type(jit.arch))
print(type(jit.on), type(jit.off), type(jit.flush), type(jit.opt), (jit.status()) == true or (jit.status()) == false)
local function hot(n) local s = 0 for i = 1, n do s = s + i % 7 end return s end
jit.off(hot)
print(hot(1000))
jit.on(hot)
print(hot(100000))
jit.flush()
print(select("#", jit.status()) >= 1)

print("== LuaJIT-provided 5.2 features")
print(math.log(8, 2), math.log(100, 10), string.rep("ab", 3, ", "), string.rep("x", 1, "-"), string.rep("x", 0, "-") .. "|")
print(select("#", load("return 1", "chunk", "t")), (select(2, load("return 1", "chunk", "b"))))
print(xpcall(function(a, b, c) return a .. b .. c end, debug.traceback, "x", "y", "z"))
local t = table.move({1, 2, 3, 4, 5}, 2, 4, 1)
print(t[1], t[2], t[3], t[4], t[5])
local dst = table.move({1, 2, 3}, 1, 3, 3, {"a", "b"})
print(#dst, dst[1], dst[2], dst[3], dst[5])
print(collectgarbage("isrunning"))
local function up1() local a = 1; return function() return a end end
local f1, f2 = up1(), up1()
print(debug.upvalueid(f1, 1) == debug.upvalueid(f1, 1), debug.upvalueid(f1, 1) == debug.upvalueid(f2, 1))
local va, vb = 1, 2
local fa = function() return va end
local fb = function() return vb end
debug.upvaluejoin(fa, 1, fb, 1)
print(fa(), fb())

print("== package.searchpath")
local p = os.tmpname()
local found, err = package.searchpath("fidsp", p .. "_?.lua")
print(found, err == "\n\tno file '" .. p .. "_fidsp.lua'")
local fh = io.open(p .. "_fidsp.lua", "w"); fh:write("return 1"); fh:close()
print(package.searchpath("fidsp", "/nonexistent_terrapy/?.x;" .. p .. "_?.lua") == p .. "_fidsp.lua")
os.remove(p .. "_fidsp.lua"); os.remove(p)

print("== 5.1 compatibility functions kept")
print(type(unpack), type(table.getn), table.getn({1, 2, 3}), type(loadstring), type(setfenv), type(getfenv))
print(type(math.mod), type(table.setn), type(string.gfind), type(gcinfo), gcinfo() > 0)

print("== NaN and infinity formatting")
print(0/0, -(0/0), tostring(0/0), math.huge, -math.huge, tostring(-0), -0.0 == 0.0)
print(string.format("%s %s", 0/0, 1/0), string.format("%.3f", 1/0), tonumber("inf"), tonumber("-inf"))

print("== string.buffer")
local buffer = require("string.buffer")
local b = buffer.new()
b:put("a", 1, "b"):putf("%d-%s", 5, "x")
print(b:tostring(), #b, b:get(2), b:tostring(), #b)
b:reset()
print(#b, b:tostring() == "")
b:put(string.rep("z", 100))
print(#b, b:skip(90):tostring())
local enc = buffer.encode({1, 2, x = "y", nested = {true, false}})
local dec = buffer.decode(enc)
print(dec[1], dec[2], dec.x, dec.nested[1], dec.nested[2])
print(type(enc), buffer.decode(buffer.encode("str")), buffer.decode(buffer.encode(42)))

print("== table.new / table.clear")
local tnew = require("table.new")
local big = tnew(100, 0)
for i = 1, 100 do big[i] = i end
print(#big, big[100])
require("table.clear")(big)
print(#big, next(big))

print("== 64-bit integer arithmetic")
local x = 0x7fffffffffffffffLL
print(tostring(x), tostring(x + 1), tostring(-x - 1), tostring(x / 1000), tostring(x % 1000))
local u = 0xffffffffffffffffULL
print(tostring(u), tostring(u + 1), tostring(u / 3), tostring(u % 10), tostring(1ULL - 2))
print(1LL < 2LL, 1LL < 2, -1LL < 1ULL, 2LL ^ 62 == 4611686018427387904LL, tostring(3LL * -4LL))
print(tonumber(12345678901LL) == 12345678901, tostring(12345678901LL * 1000))
print(math.abs(-3) == 3, type(tonumber(1LL)), tostring(0x8000000000000000ULL))
print(tostring(1e10 * 1LL), tostring(2.9 * 1LL), pcall(function() return 1LL + {} end))
