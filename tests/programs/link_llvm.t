-- needs: clang
-- terralib.linkllvm / linkllvmstring: LLVM code linked in, its functions bound
-- with :extern (the bitcode comes from clang, as a C library's would)
local m = terralib.linkllvmstring [[
define i32 @triple_it(i32 %x) {
  %r = mul i32 %x, 3
  ret i32 %r
}
]]
local triple = m:extern("triple_it", int -> int)
terra usetriple(x : int) : int return triple(x) + 1 end
assert(usetriple(5) == 16 and triple(2) == 6)
local ok, err = pcall(m.extern, m, "nope", int -> int)
assert(not ok and err:find("defines no function 'nope'", 1, true), err)
ok, err = pcall(terralib.linkllvmstring, "garbage")
assert(not ok and err:find("is not LLVM IR or bitcode", 1, true), err)

local source, bitcode = os.tmpname() .. ".c", os.tmpname() .. ".bc"
local file = assert(io.open(source, "w"))
file:write("double hypot2(double a, double b) { return a * a + b * b; }\n")
file:close()
assert(os.execute("clang -O2 -c -emit-llvm -o " .. bitcode .. " " .. source) == 0)
local lib = terralib.linkllvm(bitcode)
local hypot2 = lib:extern("hypot2", {double, double} -> double)
terra usehypot(x : double) : double return hypot2(x, 4) end
assert(usehypot(3) == 25)
os.remove(source); os.remove(bitcode)
print("ok")
