-- Compress and decompress a buffer with zlib from terra, by its header alone.
local C = terralib.includecstring [[
#include <stdlib.h>
#include <string.h>
]]
local Z = terralib.includec("zlib.h")
terralib.linklibrary("libz.so")

-- returns the compressed size, or a negative step number on failure
terra roundtrip(input : rawstring, n : uint64) : int64
  var bound = Z.compressBound(n)
  var packed = [&uint8](C.malloc(bound))
  var packedlen : Z.uLongf = bound
  if Z.compress(packed, &packedlen, [&uint8](input), n) ~= Z.Z_OK then return -1 end
  var out = [&uint8](C.malloc(n))
  var outlen : Z.uLongf = n
  if Z.uncompress(out, &outlen, packed, packedlen) ~= Z.Z_OK then return -2 end
  var same = outlen == n and C.memcmp(out, input, n) == 0
  C.free(packed)
  C.free(out)
  if not same then return -3 end
  return packedlen
end

local text = string.rep("terrapy calls C libraries by their headers. ", 200)
local packed = roundtrip(text, #text)
assert(packed > 0, "round trip failed at step " .. tostring(packed))
print(string.format("zlib %s: %d bytes -> %d bytes, round trip ok", Z.ZLIB_VERSION, #text,
                    tonumber(packed)))
