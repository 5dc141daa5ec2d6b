-- ffi.metatype (methods and metamethods on cdata), ffi.gc, callbacks via qsort.
local ffi = require("ffi")
ffi.cdef[[
typedef struct fid_vec2 { double x, y; } fid_vec2_t;
typedef struct fid_buf { int n; int data[8]; } fid_buf_t;
void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));
void *malloc(size_t size);
void free(void *p);
]]

print("== metatype with methods and metamethods")
local Vec2
local mt = {
  __add = function(a, b) return Vec2(a.x + b.x, a.y + b.y) end,
  __sub = function(a, b) return Vec2(a.x - b.x, a.y - b.y) end,
  __mul = function(a, b)
    if type(b) == "number" then return Vec2(a.x * b, a.y * b) end
    return a.x * b.x + a.y * b.y
  end,
  __unm = function(a) return Vec2(-a.x, -a.y) end,
  __eq = function(a, b) return a.x == b.x and a.y == b.y end,
  __lt = function(a, b) return a:len() < b:len() end,
  __le = function(a, b) return a:len() <= b:len() end,
  __len = function(a) return 2 end,
  __tostring = function(a) return string.format("Vec2(%g, %g)", a.x, a.y) end,
  __concat = function(a, b) return tostring(a) .. tostring(b) end,
  __call = function(a, k) return a[k] end,
  __index = {
    len = function(a) return math.sqrt(a.x * a.x + a.y * a.y) end,
    normalized = function(a) local l = a:len(); return Vec2(a.x / l, a.y / l) end,
    kind = "vector",
  },
}
Vec2 = ffi.metatype("fid_vec2_t", mt)
local a, b = Vec2(3, 4), Vec2(1, 2)
print(tostring(a), tostring(b), a:len(), a.kind)
print(tostring(a + b), tostring(a - b), tostring(a * 2), a * b, tostring(-a))
print(a == Vec2(3, 4), a == b, a ~= b, b < a, a <= b, #a)
print(a .. b, a("x"), a("y"), tostring(a:normalized()))
print(ffi.istype(Vec2, a), ffi.istype("fid_vec2_t", a), ffi.istype("fid_vec2_t *", a))
local arr = ffi.new("fid_vec2_t[2]", {{1, 1}, {2, 2}})
print(tostring(arr[0] + arr[1]), arr[1]:len() == math.sqrt(8))
print(pcall(function() return a.nosuch end))

print("== metatype with __index function and __newindex")
ffi.cdef[[ typedef struct fid_cell { int v; } fid_cell_t; ]]
local log = {}
local Cell = ffi.metatype("fid_cell_t", {
  __index = function(c, k) if k == "double" then return c.v * 2 end return "no " .. k end,
  __newindex = function(c, k, val) log[#log + 1] = k .. "=" .. tostring(val) end,
})
local c = Cell(21)
print(c.v, c.double, c.other)
c.v = 5
c.virtual = 7
print(c.v, table.concat(log, ","))

print("== metatype __new")
ffi.cdef[[ typedef struct fid_counted { int id; } fid_counted_t; ]]
local made = 0
local Counted = ffi.metatype("fid_counted_t", {
  __new = function(ct, id) made = made + 1; return ffi.new(ct, id * 100) end,
})
local c1, c2 = Counted(1), Counted(2)
print(c1.id, c2.id, made)

print("== ffi.gc finalizers")
local freed = 0
do
  local p = ffi.gc(ffi.C.malloc(64), function(ptr) freed = freed + 1; ffi.C.free(ptr) end)
  local q = ffi.gc(ffi.C.malloc(64), function(ptr) freed = freed + 1; ffi.C.free(ptr) end)
  p, q = nil, nil
end
collectgarbage(); collectgarbage()
print(freed)
local kept = ffi.gc(ffi.C.malloc(8), ffi.C.free)
ffi.gc(kept, nil) -- remove the finalizer
ffi.C.free(kept)
print("manual free ok")

print("== callbacks: qsort calling a Lua comparator")
local n = 10
local nums = ffi.new("int[?]", n, {5, 3, 9, 1, 7, 2, 8, 6, 4, 0})
local calls = 0
local cmp = ffi.cast("int (*)(const void *, const void *)", function(pa, pb)
  calls = calls + 1
  local x = ffi.cast("const int *", pa)[0]
  local y = ffi.cast("const int *", pb)[0]
  if x < y then return -1 elseif x > y then return 1 else return 0 end
end)
ffi.C.qsort(nums, n, ffi.sizeof("int"), cmp)
local out = {}
for i = 0, n - 1 do out[#out + 1] = nums[i] end
print(table.concat(out, " "), calls > 0)
local descending = function(pa, pb)
  return ffi.cast("const int *", pb)[0] - ffi.cast("const int *", pa)[0]
end
cmp:set(descending)
ffi.C.qsort(nums, n, ffi.sizeof("int"), cmp)
out = {}
for i = 0, n - 1 do out[#out + 1] = nums[i] end
print(table.concat(out, " "))
cmp:free()

print("== qsort on structs by a field")
local pts = ffi.new("fid_vec2_t[4]", {{3, 0}, {1, 0}, {4, 0}, {2, 0}})
local bycmp = ffi.cast("int (*)(const void *, const void *)", function(pa, pb)
  local u = ffi.cast("const fid_vec2_t *", pa)
  local w = ffi.cast("const fid_vec2_t *", pb)
  return u.x < w.x and -1 or (u.x > w.x and 1 or 0)
end)
ffi.C.qsort(pts, 4, ffi.sizeof("fid_vec2_t"), bycmp)
print(pts[0].x, pts[1].x, pts[2].x, pts[3].x)
bycmp:free()

print("== Lua function cast to a C function pointer and called from Lua")
local add = ffi.cast("int (*)(int, int)", function(x, y) return x + y end)
print(add(20, 22), add(-1, 1))
add:free()
local dbl = ffi.cast("double (*)(double)", function(x) return x * 2.5 end)
print(dbl(4))
dbl:free()

print("== struct with an array member")
local bufv = ffi.new("fid_buf_t", {3, {10, 20, 30}})
print(bufv.n, bufv.data[0], bufv.data[2], bufv.data[7], ffi.sizeof(bufv))
local total = 0
for i = 0, bufv.n - 1 do total = total + bufv.data[i] end
print(total)

print("== ffi.new with metatype and finalizer combined")
local Tracked = ffi.metatype("struct fid_buf", {__index = {sum = function(s)
  local t = 0
  for i = 0, s.n - 1 do t = t + s.data[i] end
  return t
end}})
print(Tracked(2, {5, 6}):sum(), Tracked({4, {1, 1, 1, 1}}):sum())
print(pcall(ffi.metatype, "fid_vec2_t", {}))
