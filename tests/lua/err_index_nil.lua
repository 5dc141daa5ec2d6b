-- Ends with an uncaught runtime error: indexing nil deep in a call chain.
local config = {db = {host = "localhost", port = 5432}}
local function get(path)
  local node = config
  for part in path:gmatch("[^.]+") do
    node = node[part]
    print("visited", part, type(node))
  end
  return node
end
print(get("db.host"), get("db.port"))
local function lookup(path)
  local v = get(path)
  return v.value
end
print(pcall(lookup, "db.missing"))
local function outer() return lookup("cache.size") end
outer()
print("never printed")
