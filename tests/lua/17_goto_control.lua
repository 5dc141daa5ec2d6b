-- goto/labels (continue idiom, nested loops, backward jumps) and all loop forms.
print("== continue idiom")
for i = 1, 10 do
  if i % 3 == 0 then goto continue end
  io.write(i, " ")
  ::continue::
end
print()

print("== continue in while and repeat")
local i = 0
while i < 6 do
  i = i + 1
  if i % 2 == 0 then goto next_iter end
  io.write("w", i, " ")
  ::next_iter::
end
print()
i = 0
repeat
  i = i + 1
  if i == 2 then goto skip end
  io.write("r", i, " ")
  ::skip::
  local after = i -- a local after the label is fine: 'until' does not use it
until i >= 4
print()

print("== break out of nested loops")
local found
for a = 1, 5 do
  for b = 1, 5 do
    if a * b == 12 then found = a .. "x" .. b; goto done end
  end
end
::done::
print(found)

print("== backward goto as a loop")
local n = 0
::top::
n = n + 1
if n < 5 then goto top end
print(n)

print("== goto in nested blocks and closures per iteration")
local fs = {}
do
  local k = 1
  ::again::
  local captured = k
  fs[#fs + 1] = function() return captured end
  k = k + 1
  if k <= 3 then goto again end
end
print(fs[1](), fs[2](), fs[3]())

print("== labels at the end of blocks")
for x = 1, 3 do
  do goto inner end
  print("never")
  ::inner::
end
print("labels ok")

print("== numeric for details")
for v = 10, 1, -3 do io.write(v, " ") end print()
for v = 1, 3 do local v2 = v * 2; io.write(v2, " ") end print()
for v = 1, 0 do print("never") end
for v = 1.0, 2.0, 0.5 do io.write(v, " ") end print()
local cnt = 0
for v = 1, 3 do v = v * 10; cnt = cnt + v end -- assigning the control variable is local
print(cnt)
print(pcall(function() for v = 1, 10, 0 do return "zero step loops forever? no: " .. v end end))
print(pcall(function() for v = "a", 2 do end end))

print("== generic for with custom iterators")
local function iter(limit)
  return function(state, ctl)
    if ctl >= limit then return nil end
    return ctl + 1, (ctl + 1) ^ 2
  end, nil, 0
end
for k, sq in iter(4) do io.write(k, ":", sq, " ") end print()
local function stateless(t, idx)
  idx = idx + 1
  if t[idx] then return idx, t[idx] end
end
for k, v in stateless, {"p", "q"}, 0 do io.write(k, v, " ") end print()

print("== while / repeat / break")
local w = 0
while true do w = w + 1; if w > 4 then break end end
print(w)
local r = 0
repeat r = r + 2 until r > 7
print(r)
for q = 1, 100 do if q == 3 then print("break at", q) break end end

print("== if / elseif / else chains")
local function classify(x)
  if x < 0 then return "neg" elseif x == 0 then return "zero" elseif x < 10 then return "small" else return "big" end
end
print(classify(-1), classify(0), classify(5), classify(50))

print("== goto with the same label name in sibling blocks")
for m = 1, 2 do
  do goto l; print("never"); ::l:: end
  do goto l; print("never"); ::l:: end
end
print("sibling labels ok")

print("== goto errors are compile errors")
print(loadstring("goto nowhere"))
print(loadstring("do local a ::l:: end goto l"))
print(loadstring("goto f; local x; ::f:: print(x)"))
print(loadstring("::a:: ::a::"))
