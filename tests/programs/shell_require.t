-- `require "shell"` works in terrapy scripts (the shell layer's Lua face).
local sh = require "shell"
assert(sh.echo("hi") == "hi\n")
local ok, err = pcall(sh["false"])
assert(not ok and err.code == 1)
print("ok")
