-- the terralib internals that libraries use, and the is... predicates

-- internalmacro: (diagnostics, the call's tree, argument quotes)
local seen
local twice = terralib.internalmacro(function(diag, tree, a)
  seen = tree
  if a:gettype() ~= int then diag:reporterror(tree, "twice wants an int") end
  return `[a] * 2
end)
terra f(x : int) return twice(x) end
assert(f(21) == 42)
assert(seen.kind == "apply" and seen.linenumber == 10 and seen.filename:match("internals.t$"))
assert(#seen.arguments == 1 and seen.arguments[1].linenumber == 10)
terra g(x : double) return twice(x) end
local ok, err = pcall(g.compile, g)
assert(not ok and err:find("terralib_internals.t:14: twice wants an int", 1, true), err)

-- diagnostics collected by a library, reported together
local diag = terralib.newdiagnostics()
assert(not diag:haserrors())
diag:finishandabortiferrors()                       -- nothing to report: returns
diag:reporterror({ filename = "lib.t", linenumber = 3 }, "first ", "problem")
diag:reporterror(nil, "second problem")
assert(diag:haserrors())
local ok2, err2 = pcall(diag.finishandabortiferrors, diag)
assert(not ok2 and err2 == "lib.t:3: first problem\nsecond problem\nErrors reported during compilation.", err2)

-- environments: nested scopes over a Lua table
local env = terralib.newenvironment({ outer = 1 })
env:localenv().a = 10
env:enterblock()
env:localenv().b = 20
local combined = env:combinedenv()
assert(combined.a == 10 and combined.b == 20 and combined.outer == 1 and combined.nothere == nil)
env:leaveblock()
assert(env:combinedenv().b == nil and env:luaenv().outer == 1)

-- tracing switches, IR types, the clock
-- fulltrace shows a callback error's whole traceback, slimtrace only the user's frames
local failing = macro(function() error("traced") end)
terra traced() return failing() end
terralib.fulltrace = true
local _, full = pcall(traced.compile, traced)
assert(full:find("in function 'pcall'", 1, true), full)
terralib.slimtrace()
assert(terralib.fulltrace == false)
terra traced2() return failing() end
local _, slim = pcall(traced2.compile, traced2)
assert(slim:find("traced", 1, true) and not slim:find("in function 'pcall'", 1, true), slim)
assert(type(terralib.irtypes) == "table")
local t0 = terralib.currenttimeinseconds()
assert(type(t0) == "number" and t0 > 1.7e9)       -- seconds since 1970
assert(terralib.currenttimeinseconds() >= t0)

-- printraw prints any value without failing (cycles included)
local cyclic = { name = "x", list = { 1, 2 } }
cyclic.self = cyclic
terralib.printraw(cyclic)
terralib.printraw(42)

-- the predicates and terralib.type
local S = terralib.types.newstruct("S")
local sym, lbl, q, g2 = symbol(int), label(), `1, global(int)
local o = terralib.overloadedfunction("o", { f })
local m = macro(function() return 1 end)
local checks = {
  { terralib.isfunction, f, "terrafunction" }, { terralib.types.istype, S, "terratype" },
  { terralib.isquote, q, "quote" }, { terralib.issymbol, sym, "symbol" },
  { terralib.ismacro, m, "macro" }, { terralib.isglobalvar, g2, "globalvariable" },
  { terralib.islabel, lbl, "label" }, { terralib.isoverloadedfunction, o, "overloadedterrafunction" },
}
for _, c in ipairs(checks) do
  local predicate, value, name = c[1], c[2], c[3]
  assert(predicate(value), name)
  assert(terralib.type(value) == name, terralib.type(value))
  for _, other in ipairs(checks) do
    if other[2] ~= value then assert(not predicate(other[2]), name .. " accepts " .. other[3]) end
  end
end
assert(terralib.isconstant(constant(int, 3)) and not terralib.isconstant(3))
assert(terralib.islist(terralib.newlist()) and terralib.israwlist({ 1, 2 }) and not terralib.israwlist({ a = 1 }))
assert(terralib.type(3) == "number" and terralib.type({}) == "table")

-- __luametatable: the struct's own metatable for its LuaJIT cdata
struct P { x : int; y : int }
P.metamethods.__luametatable = {
  __index = { sum = function(self) return self.x + self.y end },
  __tostring = function(self) return "P(" .. self.x .. ", " .. self.y .. ")" end,
}
local p = terralib.new(P, { 3, 4 })
assert(p:sum() == 7 and tostring(p) == "P(3, 4)")
-- memoize: f(1) and f(1, nil) are separate calls; nil results are cached too
local calls = 0
local m = terralib.memoize(function(a, b) calls = calls + 1 return tostring(a) .. "," .. tostring(b), nil end)
assert(m(1, nil) == "1,nil" and m(1) == "1,nil" and calls == 2)
assert(select("#", m(1)) == 2 and m(1, nil) == "1,nil" and calls == 2)
print("ok")
