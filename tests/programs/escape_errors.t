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
print("ok")
