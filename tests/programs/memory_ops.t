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
-- volatile loads and stores: the value as any load/store, each one performed
terra volatile_sum(p : &int, n : int) : int
  var s = 0
  for i = 0, n do s = s + terralib.attrload(p, {isvolatile = true}) end
  terralib.attrstore(p, s, {isvolatile = true, align = 4})
  return s
end
local v = terralib.new(int[1], {7})
assert(volatile_sum(v, 3) == 21 and v[0] == 21)
print("ok")
