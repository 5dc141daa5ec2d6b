-- Ends with an uncaught runtime error: calling a nil global.
local function step(n) print("step", n); return n + 1 end
local n = 0
for _ = 1, 3 do n = step(n) end
print("about to call an undefined function")
io.write("partial line without newline; ")
undefined_function(n)
print("never printed")
