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
print("ok")
