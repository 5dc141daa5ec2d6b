-- Shell commands are ordinary Lua functions: usable from escapes and, through
-- terralib.cast callbacks, from compiled terra code.
local sh = require "shell"
local C_strlen = terralib.externfunction("strlen", {rawstring} -> uint64)
-- an escape runs the program once, when the definition runs
terra greeting() : rawstring return [sh.printf("%s", "built at definition")] end
assert(C_strlen(greeting()) == #"built at definition")
-- a callback runs it each time terra code calls it
local ffi = require "ffi"
local count = terralib.cast({rawstring} -> int, function(text)
  return tonumber(sh.wc("-c", {stdin = ffi.string(text)}):match("%d+"))
end)
terra measure(f : {rawstring} -> int) : int return f("four") end
assert(measure(count) == 4)
print("ok")
