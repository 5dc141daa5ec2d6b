-- Compile errors are Lua errors: `file:line: message` lines, then Terra's summary.
terra bad(a : int) : int
  var p : &int = a
  return p
end
local ok, err = pcall(bad, 1)
assert(not ok)
assert(err:find("errors_caught.t:3: cannot convert 'int32' to '&int32'", 1, true), err)
assert(err:find("Errors reported during typechecking.", 1, true), err)
-- an errored function stays errored, and so do its users
local ok2, err2 = pcall(bad.compile, bad)
assert(not ok2 and err2 == err, err2)
terra user() : int return bad(1) end
local ok3, err3 = pcall(user)
assert(not ok3 and err3:find("referenced function 'bad' has errors", 1, true), err3)
-- the undefined-name check happens when the definition runs
local ok4, err4 = pcall(function()
  terra g() return missing_name end
end)
assert(not ok4 and err4:find("variable 'missing_name' not defined", 1, true), err4)
assert(err4:find("Errors reported during specialization.", 1, true), err4)
-- a good function next to them is fine
terra good() : int return 7 end
assert(good() == 7)
print("ok")
-- compile errors with their summary lines, each one caught and the next code fine
local function message(f) local ok, err = pcall(f) assert(not ok) return err end
assert(message(function() terra badtype(a : 42) end end):find(
  "expected a type but found number 42\nErrors reported during specialization.", 1, true))
assert(message(function() terra badparam(["a"]) : int return 1 end end):find(
  "expected a symbol but found string\nErrors reported during specialization.", 1, true))
assert(message(function() terra twice() var a, a = 1, 2 end end):find(
  "variable 'a' is declared twice in one var statement", 1, true))
struct Loop { a : int; self_ : Loop }
assert(message(function() return terralib.sizeof(Loop) end):find("type Loop recursively contains itself", 1, true))
local unknown = terralib.intrinsic("llvm.nonexistent.thing", {int} -> int)
terra usesunknown() : int return unknown(1) end
assert(message(function() return usesunknown() end):find("unknown LLVM intrinsic 'llvm.nonexistent.thing'", 1, true))
-- the parameter types, the return type and the body's escapes run in source order
local order = {}
local function seen(x) order[#order + 1] = tostring(x) return x end
terra ordered(a : seen(int8)) : seen(int16) return [seen(5)] end
assert(table.concat(order, " ") == "int8 int16 5")
-- a symbol declared again in an inner block is the outer variable after it
local s = symbol(int, "s")
terra shadows() : int var [s] = 1; do var [s] = 2 end return [s] end
assert(shadows() == 1)
-- a macro's second function serves calls from Lua
local both = macro(function(a) return `[a] + 1 end, function(a) return a * 10 end)
terra fromterra() : int return both(4) end
assert(both(4) == 40 and fromterra() == 5)
assert(message(function() return macro(function() end)() end):find("macros must be called from inside terra code", 1, true))
terra stillfine() : int return 7 end
assert(stillfine() == 7)
print("caught errors ok")
