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
