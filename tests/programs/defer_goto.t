-- a goto out of blocks runs the defers of every block it leaves, as break and
-- return do; arrays among C varargs go as pointers
local C = terralib.includec("stdio.h")
local log = global(int, 0)
terra note(d : int) log = log * 10 + d end
terra forward() : int
  log = 0
  do defer note(1); goto out end
  ::out::
  note(2)
  return log
end
assert(forward() == 12, forward())
terra backward() : int
  log = 0
  var i = 0
  ::again::
  do
    defer note(i + 1)
    i = i + 1
    if i < 3 then goto again end
  end
  return log
end
assert(backward() == 234, backward())   -- the deferred call is evaluated at the exit
terra nested() : int
  log = 0
  for j = 0, 3 do
    defer note(5)
    while true do
      defer note(4)
      do defer note(3); goto done end
    end
  end
  ::done::
  note(6)
  return log
end
assert(nested() == 3456, nested())
terra varargs() : int
  var word : int8[4]
  word[0], word[1], word[2] = 72, 105, 0
  var out : int8[16]
  return C.snprintf(out, 16, "[%s]", word) + out[1]
end
assert(varargs() == 4 + 72)
print("ok")
-- gotos that are errors: into a defer's scope, into a block, to no label
local function fails(f) local ok, err = pcall(f.compile, f) assert(not ok) return err end
terra intodefer() goto L; defer note(1); ::L:: end
assert(fails(intodefer):find("goto jumps into the scope of a defer", 1, true))
terra intoblock() goto L; do ::L:: end end
assert(fails(intoblock):find("goto jumps into a block (label 'L' is not visible here)", 1, true))
terra nowhere() goto missing end
assert(fails(nowhere):find("goto to undefined label 'missing'", 1, true))
print("goto errors ok")
