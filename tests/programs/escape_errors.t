-- A Lua error inside an escape or a metatype function is the user's error, and
-- says what the compiler was doing when it happened.
local function check(x) if not x then error("bad size") end return x end
local ok, err = pcall(function()
  terra f() : int return [check(false)] end
end)
assert(not ok and err:find("escape_errors.t:3: bad size", 1, true), err)
assert(err:find("Errors reported during evaluating Lua code from Terra", 1, true), err)
local ok2, err2 = pcall(function()
  struct S(function(T) error("no metatype today") end) { x : int }
end)
assert(not ok2 and err2:find("no metatype today", 1, true), err2)
assert(err2:find("Errors reported during invoking metatype function", 1, true), err2)
local ok3, err3 = pcall(function()
  local m = macro(function() error("macro says no") end)
  terra g() : int return m() end
  g:compile()
end)
assert(not ok3 and err3:find("macro says no", 1, true) and
       err3:find("Errors reported during invoking macro", 1, true), err3)

-- xpcall with debug.traceback tells a compile error from a plain Lua error:
-- the "Error occured while ..." line names the callback, and the callback's
-- own frames (here the helper `deep` inside the macro) come with it.
local function deep() error("deep trouble") end
local viamacro = macro(function() deep() end)
terra h() : int return viamacro() end
local ok4, err4 = xpcall(function() h:compile() end, debug.traceback)
assert(not ok4, "h compiled")
assert(err4:find("escape_errors.t:27: Error occured while invoking macro", 1, true), err4)
assert(err4:find("escape_errors.t:25: deep trouble", 1, true), err4)
assert(err4:find("escape_errors.t:25: in function 'deep'", 1, true), err4)
assert(err4:find("Errors reported during typechecking.", 1, true), err4)
local ok5, err5 = xpcall(function() error("plain") end, debug.traceback)
assert(not err5:find("Error occured while", 1, true), err5)
-- an error raised directly in an escape (a would-be tail call) keeps its position
local ok6, err6 = pcall(function()
  terra tail() : int return [error("straight from the escape")] end
end)
assert(not ok6 and err6:find("escape_errors.t:38: straight from the escape", 1, true), err6)
assert(err6:find("escape_errors.t:38: Error occured while evaluating Lua code from Terra", 1, true), err6)
print("ok")
-- a name a C header does not have, reached from terra code: the header's error
local C = terralib.includec("stdio.h")
local ok7, err7 = pcall(function() terra usesatoi() : int return C.atoi("1") end end)
assert(not ok7 and err7:find("escape_errors.t:45: Error occured while evaluating Lua code from Terra\nincludec: imported symbol 'atoi' not found in stdio.h", 1, true), err7)
print("header names ok")
