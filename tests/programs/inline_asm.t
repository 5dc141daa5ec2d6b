-- terralib.asm: LLVM inline assembly (AT&T syntax, LLVM constraint strings)
terra add(a : int, b : int) : int
  return terralib.asm(int, "addl $2, $0", "=r,0,r", false, a, b)
end
assert(add(40, 2) == 42)
terra cycles() : uint64
  var low = terralib.asm(uint32, "rdtsc", "={eax},~{edx}", true)
  return low
end
assert(cycles() >= 0)
terra nothing() terralib.asm(terralib.types.unit, "nop", "", true) end
nothing()
local function fails(f) local ok, err = pcall(f.compile, f) assert(not ok) return err end
terra wrongcount(a : int) : int return terralib.asm(int, "addl $1, $0", "=r,0,r,r", false, a) end
assert(fails(wrongcount):find("the constraints name 3 inputs but 1 operands were given", 1, true))
terra notstrings() : int return terralib.asm(int, 3, "", false) end
assert(fails(notstrings):find("expects the code and the constraints as strings", 1, true))
terra badcode() : int return terralib.asm(int, "notaninstruction $0", "=r", false) end
local err = fails(badcode)
assert(err:find("inline assembly does not assemble", 1, true) and err:find("invalid instruction mnemonic", 1, true), err)
print("ok")
