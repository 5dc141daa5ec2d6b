-- compilation units and targets: the internals libraries reach for
local ffi = require "ffi"
assert(type(terralib.llvmversion) == "number" and terralib.llvmversion >= 170)
assert(terralib.llvm_version == terralib.llvmversion)
local native = terralib.nativetarget
assert(terralib.istarget(native) and native.Triple:match("^x86_64"), native.Triple)
assert(type(native.CPU) == "string" and type(native.Features) == "string")

local cu = terralib.newcompilationunit(native, false)
assert(terralib.iscompilationunit(cu) and cu.llvm_cu ~= nil)
terra add(a : int, b : int) return a + b end
local counter = global(int, 3)
assert(cu:addvalue(add) == add)
assert(cu:addvalue("counter", counter) == counter)
local address = cu:jitvalue(add)
assert(ffi.cast("int (*)(int, int)", address)(2, 40) == 42)
assert(ffi.cast("int *", cu:jitvalue(counter))[0] == 3)
local jit = terralib.jitcompilationunit
assert(terralib.iscompilationunit(jit) and jit.target == native)
terra mul(a : int, b : int) return a * b end
assert(ffi.cast("int (*)(int, int)", jit:jitvalue(mul))(6, 7) == 42)
cu:free()

local arm = terralib.newtarget { Triple = "aarch64-unknown-linux-gnu" }
assert(terralib.istarget(arm) and arm.Triple == "aarch64-unknown-linux-gnu")
local ok, err = pcall(terralib.newcompilationunit, arm)
assert(not ok and err:find("only the native target", 1, true), err)
local ok2, err2 = pcall(cu.addvalue, cu, 3)
assert(not ok2 and err2:find("expected a terra function or a global", 1, true), err2)
terra undefined :: int -> int
local ok3, err3 = pcall(cu.addvalue, cu, undefined)
assert(not ok3 and err3:find("is not defined", 1, true), err3)
print("ok")
