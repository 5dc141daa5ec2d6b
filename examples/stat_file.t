-- stat a file through `struct stat`, from terra and from Lua.
-- the second table holds struct tags: `stat` is both a function and `struct stat`
local C, tags = terralib.includec("sys/stat.h")
local path = arg[1] or arg[0]

terra filesize(p : rawstring) : int64
  var st : tags.stat
  if C.stat(p, &st) ~= 0 then return -1 end
  return st.st_size
end

local size = filesize(path)
local f = assert(io.open(path, "rb"))
local actual = #f:read("*a")
f:close()
assert(size == actual, tostring(size) .. " ~= " .. actual)
print(string.format("%s: %d bytes (struct stat is %d bytes)", path, tonumber(size),
                    terralib.sizeof(tags.stat)))
