-- q.tree gives a quote's source location (libraries use it in messages), and
-- terralib.newquote turns a tree back into code, as internal macros do.
local q = `1 + 2
assert(q.tree.filename:match("quote_trees.t$"), q.tree.filename)
assert(q.tree.linenumber == 3 and q.tree.offset == 11)
local where
local same = macro(function(a)
  where = a.tree.linenumber
  return terralib.newquote(a.tree)
end)
terra twice(x : int)
  return same(x * 2)
end
assert(twice(4) == 8 and where == 12)
local ok, err = pcall(terralib.newquote, {})
assert(not ok and err:find("expected a tree taken from a quote", 1, true), err)

-- quotes made and dropped in bulk are collected; the ones still held work
local kept = {}
for i = 1, 5000 do
  local made = `i * 3
  if i % 1000 == 0 then kept[#kept + 1] = made end
end
collectgarbage(); collectgarbage()
for i = 1, 600 do local _ = `i end
terra sum() return [kept[1]] + [kept[5]] end
assert(sum() == 3000 + 15000)
-- q:asvalue(): what the code spells, as a Lua value
local seen = {}
local capture = macro(function(...)
  for i, q in ipairs({ ... }) do seen[i] = q:asvalue() end
  return 0
end)
terra values(x : int) : int return capture(-3, 2.5, "s", true, { 1, 2, k = 3 }, x, x + 1) end
values(1)
assert(seen[1] == -3 and seen[2] == 2.5 and seen[3] == "s" and seen[4] == true)
assert(seen[5][1] == 1 and seen[5][2] == 2 and seen[5].k == 3)
assert(terralib.issymbol(seen[6]) and seen[7] == nil)
assert((`5):asvalue() == 5 and (`-2.5):asvalue() == -2.5 and (`1 + 2):asvalue() == nil)
local ok2, err2 = pcall(function() return (`1 + 2):gettype() end)
assert(not ok2 and err2:find("only a macro's argument quotes are type-checked", 1, true), err2)
print("ok")
