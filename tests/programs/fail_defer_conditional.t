-- a defer in a quote spliced into the right side of `and` could be due without
-- having run: Terra refuses it
local C = terralib.includec("stdio.h")
local checked = macro(function() return quote defer C.printf("done\n") in true end end)
terra f(c : bool) return c and checked() end
f(true)
