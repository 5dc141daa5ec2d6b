-- The ffi module: cdef, new, arrays, string, cast, sizeof, typeof, C calls.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { int x, y; } fid_point_t;
typedef struct fid_rect { fid_point_t min, max; const char *name; } fid_rect_t;
typedef union { int32_t i; float f; uint8_t b[4]; } fid_pun_t;
typedef enum { FID_RED, FID_GREEN = 5, FID_BLUE } fid_color_t;
size_t strlen(const char *s);
int abs(int x);
int snprintf(char *buf, size_t n, const char *fmt, ...);
int memcmp(const void *a, const void *b, size_t n);
]]

print("== sizeof / alignof / offsetof")
print(ffi.sizeof("int"), ffi.sizeof("char"), ffi.sizeof("double"), ffi.sizeof("int64_t"), ffi.sizeof("uint8_t[10]"))
print(ffi.sizeof("fid_point_t"), ffi.sizeof("fid_pun_t"), ffi.alignof("double"), ffi.offsetof("fid_point_t", "y"))
print(ffi.offsetof("fid_rect_t", "max"), ffi.sizeof("fid_color_t"), ffi.sizeof("int[?]", 7))

print("== structs")
local p = ffi.new("fid_point_t", 3, 4)
print(p.x, p.y)
p.x = p.x + 10
print(p.x, p.y, type(p), ffi.istype("fid_point_t", p), ffi.istype("int", p))
local q = ffi.new("fid_point_t", {y = 9})
print(q.x, q.y)
local r = ffi.new("fid_rect_t", {{1, 2}, {3, 4}})
print(r.min.x, r.min.y, r.max.x, r.max.y, r.name == nil)
r.max = p
print(r.max.x, r.max.y)
print(select(2, pcall(function() return p.z end)):match("has no member named 'z'"))

print("== arrays")
local arr = ffi.new("int[5]", {10, 20, 30})
print(arr[0], arr[1], arr[2], arr[3], arr[4], ffi.sizeof(arr))
for i = 0, 4 do arr[i] = i * i end
local s = 0
for i = 0, 4 do s = s + arr[i] end
print(s)
local vla = ffi.new("double[?]", 4, 1.5)
print(vla[0], vla[3], ffi.sizeof(vla))
local matrix = ffi.new("int[3][3]")
for i = 0, 2 do for j = 0, 2 do matrix[i][j] = i * 3 + j end end
print(matrix[1][2], matrix[2][0])
local zeros = ffi.new("uint8_t[4]")
print(zeros[0], zeros[3])

print("== numbers: conversions and int64")
print(tonumber(ffi.new("int", 42)), tonumber(ffi.new("double", 2.5)), tonumber(ffi.new("uint8_t", 300)))
print(tostring(ffi.new("int64_t", 2^40)), tostring(ffi.new("uint64_t", -1LL)), tostring(ffi.new("uint64_t", 0) - 1))
print(tostring(ffi.cast("int64_t", 7) * 6), tonumber(ffi.cast("uint32_t", -1)), tonumber(ffi.cast("int8_t", 200)))
print(ffi.new("bool", true) == true, tonumber(ffi.new("float", 0.1)) == 0.1)
print(tostring(ffi.new("int64_t", 5) + 1), tostring(5LL / 2LL), 5LL == 5, 3LL < 4)

print("== unions and casts")
local u = ffi.new("fid_pun_t")
u.f = 1.0
print(u.i, u.b[3], u.b[0])
u.i = 0x41424344
print(u.b[0], u.b[3])
local bytes = ffi.cast("uint8_t *", u)
print(bytes[1], bytes[2])
print(tonumber(ffi.cast("uintptr_t", ffi.cast("void *", 1234))))
print(tonumber(ffi.cast("int", 3.9)), tonumber(ffi.cast("int", -3.9)), tonumber(ffi.cast("double", 7)))

print("== enums")
print(ffi.C.FID_RED, ffi.C.FID_GREEN, ffi.C.FID_BLUE)
local col = ffi.new("fid_color_t", "FID_BLUE")
print(col == ffi.C.FID_BLUE, tonumber(col))

print("== strings")
local cs = ffi.new("char[16]", "hello")
print(ffi.string(cs), ffi.string(cs, 3), ffi.C.strlen(cs), tonumber(ffi.C.strlen("abcdef")))
ffi.copy(cs, "xyz")
print(ffi.string(cs))
ffi.fill(cs, 4, 65)
print(ffi.string(cs))
ffi.copy(cs, "ab\0cd", 5)
print(#ffi.string(cs), #ffi.string(cs, 5))
local buf = ffi.new("char[64]")
local n = ffi.C.snprintf(buf, 64, "%d-%s-%.2f", ffi.new("int", 7), "seven", 7.0)
print(n, ffi.string(buf))
print(ffi.C.abs(-17), ffi.C.memcmp("abc", "abd", 3) < 0)

print("== pointers")
local parr = ffi.new("int[4]", {1, 2, 3, 4})
local ptr = ffi.cast("int *", parr)
print(ptr[0], ptr[3], (ptr + 2)[0], (ptr + 3) - ptr, ptr == parr + 0)
ptr[1] = 99
print(parr[1])
local np = ffi.new("int *")
print(np == nil, ffi.cast("void *", 0) == nil, ptr ~= nil)
local pp = ffi.new("fid_point_t[2]")
local first = pp[0]
first.x = 5
print(pp[0].x, ffi.cast("fid_point_t *", pp)[0].x)

print("== typeof and constructors")
local Point = ffi.typeof("fid_point_t")
local pt = Point(8, 9)
print(pt.x, pt.y, ffi.istype(Point, pt), ffi.sizeof(Point))
local IntArr = ffi.typeof("int[?]")
local ia = IntArr(3, {7, 8, 9})
print(ia[2], ffi.sizeof(ia))
local PointPtr = ffi.typeof("$ *", Point)
print(ffi.istype(PointPtr, ffi.cast(PointPtr, pp)))

print("== ffi.abi and os/arch")
print(ffi.abi("le"), type(ffi.os), type(ffi.arch), ffi.abi("64bit"))

print("== errors")
print(pcall(ffi.new, "no_such_type_t"))
print(pcall(ffi.cdef, "this is not C"))
print(pcall(function() return ffi.C.fid_no_such_function end))
print(pcall(function() arr[0] = "string" end))
