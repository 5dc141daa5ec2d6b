-- an error inside a macro, not caught: the call site with its caret, then the
-- macro's own message and frames
local function check(n) if n > 2 then error("at most two arguments, got " .. n) end end
local limited = macro(function(...) check(select("#", ...)) return 0 end)
terra f() : int return limited(1, 2, 3) end
f()
