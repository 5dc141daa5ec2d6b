-- Print the time with strftime.
local C = terralib.includec("time.h")

terra format(buffer : rawstring, size : uint64, when : C.time_t) : uint64
  var t : C.tm
  C.gmtime_r(&when, &t)
  return C.strftime(buffer, size, "%Y-%m-%d %H:%M:%S UTC", &t)
end

local buffer = terralib.new(int8[64])
local n = format(buffer, 64, 0)
assert(require("ffi").string(buffer, n) == "1970-01-01 00:00:00 UTC")
n = format(buffer, 64, C.time(nil))
print("now: " .. require("ffi").string(buffer, n))
