-- largest_files.t: find the largest files under a directory, gzip each one through a pipeline into
-- a temporary directory, and report how well each compressed.
--
--   terrapy examples/largest_files.t [DIR] [COUNT]
--
-- No shell is involved: every argument is one argv word, so names with spaces, quotes or a
-- leading '-' are safe. The compressed copies are left in the temporary directory it prints.

local sh = require "shell"

local root = arg and arg[1] or "."
local count = tonumber(arg and arg[2]) or 5

-- "size TAB path NUL" for every regular file, largest first. NUL-separated records survive any
-- file name, newlines included, and sort handles them with -z. (find expands the \t and \0 escapes
-- itself: an argv word cannot hold a real NUL.)
local function largest(dir, n)
  local found = sh.cmd.find(dir, "-type", "f", "-printf", "%s\\t%p\\0"):run{check = false}
  -- find exits 1 when a subdirectory is unreadable, after listing the rest: warn and go on.
  if found.code ~= 0 then io.stderr:write(found.stderr) end
  local sorted = sh.sort("-z", "-t", "\t", "-k1,1nr", {stdin = found.stdout})
  local files = {}
  for size, path in sorted:gmatch("(%d+)\t(%Z*)%z") do
    if #files == n then break end
    files[#files + 1] = {size = tonumber(size), path = path}
  end
  return files
end

-- cat | gzip -9 | tee copy.gz | wc -c: the copy is written and its size counted in one pass.
local function compress(path, target)
  local written = sh.cmd.cat("--", path)
    :pipe(sh.cmd.gzip("-9", "-n"))
    :pipe(sh.cmd.tee(target))
    :pipe(sh.cmd.wc("-c"))
    :run().stdout
  return tonumber(written)
end

local function human(bytes)
  local units, value, unit = {"B", "KiB", "MiB", "GiB", "TiB"}, bytes, 1
  while value >= 1024 and unit < #units do value, unit = value / 1024, unit + 1 end
  return unit == 1 and ("%d B"):format(value) or ("%.1f %s"):format(value, units[unit])
end

local function ratio(original, compressed)
  return ("%.2fx"):format(original / compressed)
end

local function report(files, dir)
  local total_in, total_out = 0, 0
  print(("%10s  %10s  %7s  %s"):format("size", "gzipped", "ratio", "file"))
  for i, file in ipairs(files) do
    local target = ("%s/%02d-%s.gz"):format(dir, i, file.path:match("([^/]*)$"))
    local ok, compressed = pcall(compress, file.path, target)
    if ok then
      total_in, total_out = total_in + file.size, total_out + compressed
      print(("%10s  %10s  %7s  %s"):format(human(file.size), human(compressed),
                                           ratio(file.size, compressed), file.path))
    else    -- compressed is the Lua error value: argv, code, signal and the stderr tail
      local reason = type(compressed) == "table" and compressed.stderr or tostring(compressed)
      print(("%10s  %10s  %7s  %s (skipped: %s)"):format(human(file.size), "-", "-", file.path,
                                                         reason:match("[^\n]*")))
    end
  end
  if total_out > 0 then
    print(("total: %s -> %s (%s)"):format(human(total_in), human(total_out),
                                          ratio(total_in, total_out)))
  end
end

if not sh.cmd.test("-d", root):ok() then
  io.stderr:write("largest_files: not a directory: " .. root .. "\n")
  os.exit(2)
end
local files = largest(root, count)
if #files == 0 then
  print("no files under " .. root)
  return
end
local dir = sh.mktemp("-d", "-t", "largest-files.XXXXXX"):gsub("\n$", "")
report(files, dir)
print("compressed copies in " .. dir)
