-- terralib: loading terra code (loadstring, loadfile, load) and require of .t files.
local py, P = ...
local terralib = P.terralib

------------------------------------------------- loading code
function terralib.loadstring(s, chunkname)
  chunkname = chunkname or s
  local code, err = py.translate(s, chunkname)
  if not code then return nil, err end
  local fn, luaerr = loadstring(code, chunkname)
  if not fn then py.diagnose(s, chunkname, luaerr) end
  return fn, luaerr
end

function terralib.loadfile(filename)
  local source, chunkname
  if filename == nil then
    source, chunkname = io.read("*a"), "=stdin"
  else
    local file, err = io.open(filename, "rb")
    if not file then return nil, "cannot open " .. tostring(filename) end
    source = file:read("*a")
    file:close()
    chunkname = "@" .. filename
  end
  return terralib.loadstring(source, chunkname)
end

function terralib.load(reader, chunkname)
  local parts = {}
  while true do
    local piece = reader()
    if piece == nil or piece == "" then break end
    parts[#parts + 1] = piece
  end
  return terralib.loadstring(table.concat(parts), chunkname or "=(load)")
end

---------------------------------------------------- require of .t files
local function terrapath_default()
  return "./?.t;" .. terralib.terrahome .. "/share/terra/?.t"
end
do
  local envpath = os.getenv("TERRA_PATH")
  if envpath then
    package.terrapath = envpath:gsub(";;", ";" .. terrapath_default() .. ";")
  else
    package.terrapath = terrapath_default()
  end
end

local function terraloader(name)
  local filename = name:gsub("%.", "/")
  local tried = {}
  for template in package.terrapath:gmatch("[^;]+") do
    local path = template:gsub("%?", filename)
    local file = io.open(path, "rb")
    if file then
      file:close()
      local fn, err = terralib.loadfile(path)
      if not fn then error(err, 0) end
      return fn
    end
    tried[#tried + 1] = "\n\tno file '" .. path .. "'"
  end
  return table.concat(tried)
end
table.insert(package.loaders, 2, terraloader)

terralib.currenttimeinseconds = function() return py.now() end
