-- table.insert/remove/concat/sort/unpack/maxn, ipairs/pairs/next, # on sequences.
local function show(t) local o = {} for i = 1, #t do o[i] = tostring(t[i]) end return "{" .. table.concat(o, ",") .. "}" end
print("== insert / remove")
local t = {}
table.insert(t, "a"); table.insert(t, "b"); table.insert(t, 1, "z"); table.insert(t, 2, "y")
print(show(t), #t)
print(table.remove(t), show(t))
print(table.remove(t, 1), show(t))
print(table.remove(t, #t), show(t))
print(table.remove({}), #t)
local big = {}
for i = 1, 10 do table.insert(big, i * i) end
print(show(big), #big)
print(table.remove(big, 5), show(big))
print(pcall(table.insert, {}, 1, 2, 3))
print(pcall(table.insert, nil, 1))

print("== concat")
print(table.concat({1, 2, 3}), table.concat({1, 2, 3}, ", "), table.concat({"a", "b", "c"}, "-", 2))
print(table.concat({"a", "b", "c"}, "-", 2, 3), table.concat({}, "x") .. "|", table.concat({"a", "b"}, "", 3) .. "|")
print(table.concat({1.5, "s", 2}, " "), pcall(table.concat, {1, {}, 3}))

print("== sort")
local nums = {5, 2, 8, 1, 9, 3, 7, 4, 6, 10}
table.sort(nums); print(show(nums))
table.sort(nums, function(a, b) return a > b end); print(show(nums))
local words = {"banana", "Apple", "cherry", "apple", "Banana"}
table.sort(words); print(show(words))
table.sort(words, function(a, b) return a:lower() < b:lower() or (a:lower() == b:lower() and a < b) end)
print(show(words))
local recs = {{n = "c", v = 3}, {n = "a", v = 1}, {n = "b", v = 2}, {n = "d", v = 0}}
table.sort(recs, function(x, y) return x.v < y.v end)
local o = {} for i, r in ipairs(recs) do o[i] = r.n end
print(table.concat(o))
print(pcall(table.sort, {3, "a", 1}))
local one = {42}; table.sort(one); print(show(one))
local empty = {}; table.sort(empty); print(#empty)
local many = {}
for i = 1, 200 do many[i] = (i * 7919) % 1000 end
table.sort(many)
local sorted = true
for i = 2, #many do if many[i - 1] > many[i] then sorted = false end end
print(sorted, many[1], many[200])

print("== unpack / select")
print(unpack({1, 2, 3}))
print(select("#", unpack({1, nil, 3}, 1, 3)))

print("== maxn / getn")
print(table.maxn({1, 2, 3}), table.maxn({[10] = 1, [3] = 2}), table.maxn({}))
print(#{1, 2, 3, nil}, #{nil}, #{n = 1})

print("== ipairs stops at first nil")
local cnt = 0
for i, v in ipairs({1, 2, nil, 4}) do cnt = i end
print(cnt)
for i, v in ipairs({"x", "y"}) do io.write(i, "=", v, " ") end
print()

print("== pairs with sorted keys")
local d = {z = 1, a = 2, m = 3, [1] = "one", [2] = "two"}
local keys = {}
for k in pairs(d) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print(table.concat(keys, " "))
local total = 0
for k, v in pairs({10, 20, 30, x = 40}) do total = total + v end
print(total)

print("== next")
print(next({}), type(next), next({}, nil))
local single = {only = "value"}
print(next(single))
print(next(single, "only"))
print(pcall(next, {}, "nokey"))

print("== length of sequences built various ways")
local seq = {}
for i = 1, 100 do seq[i] = i end
print(#seq)
for i = 100, 51, -1 do seq[i] = nil end
print(#seq)
seq[#seq + 1] = "appended"
print(#seq, seq[51])

print("== table.foreach / foreachi (LuaJIT keeps them)")
local acc = {}
table.foreachi({"p", "q", "r"}, function(i, v) acc[#acc + 1] = i .. v end)
print(table.concat(acc, ","))
print(table.foreachi({1, 2, 3}, function(i, v) if v == 2 then return "stop" .. i end end))

print("== tables as keys, float keys normalization")
local kt = {}
local k1, k2 = {}, {}
kt[k1] = "first"; kt[k2] = "second"
kt[1.0] = "float one"; kt[2] = "two"
print(kt[k1], kt[k2], kt[1], kt[2.0], pcall(function() kt[nil] = 1 end))
print(pcall(function() kt[0/0] = 1 end))

print("== table.new / table.clear via require")
local tnew = require("table.new")
local pre = tnew(10, 5)
print(type(tnew), type(pre), #pre)
local tclear = require("table.clear")
local tc = {1, 2, 3, x = 1}
tclear(tc)
print(#tc, tc.x, next(tc))
