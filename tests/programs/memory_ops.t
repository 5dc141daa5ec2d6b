-- loads and stores with attributes, fences and atomics
terra unaligned(p : &int8) : int
  var q = [&int](p + 1)
  terralib.attrstore(q, 1234, { align = 1 })
  return terralib.attrload(q, { align = 1 })
end
local buffer = terralib.new(int8[16])
assert(unaligned(buffer) == 1234)
terra streaming(p : &double) : double
  terralib.attrstore(p, 2.5, { nontemporal = true })
  terralib.fence { ordering = "seq_cst" }
  return terralib.attrload(p, { align = 8 })
end
local d = terralib.new(double[1])
assert(streaming(d) == 2.5)
terra atomics(p : &int) : int
  @p = 10
  var before = terralib.atomicrmw("add", p, 5, { ordering = "seq_cst" })
  var r = terralib.cmpxchg(p, 15, 42, { success_ordering = "seq_cst", failure_ordering = "monotonic" })
  if not r._1 then return -1 end
  return before * 1000 + r._0 * 10 + @p / 42
end
local cell = terralib.new(int[1])
assert(atomics(cell) == 10 * 1000 + 15 * 10 + 1, atomics(cell))
print("ok")
