-- power specialised for a constant exponent
local function power(n)
  local x = symbol(double, "x")
  local body = quote end
  local acc = `1.0
  for i = 1, n do acc = `[acc] * [x] end
  return terra([x]) : double return [acc] end
end
local p5 = power(5)
assert(p5(2) == 32)
-- statement quotes spliced, hygiene
local function incr(v) return quote [v] = [v] + 1 end end
terra count() : int
  var a = 0
  [incr(a)]
  [incr(a)]
  return a
end
assert(count() == 2)
-- a quote with a local of its own does not clash
local tmp = quote var t = 10 in t end
terra twoquotes() : int
  var t = 1
  return [tmp] + [tmp] + t
end
assert(twoquotes() == 21)
-- escape/emit and lists spliced into argument lists
local N = 4
terra unrolled(a : &int) : int
  var s = 0
  escape
    for i = 0, N - 1 do emit quote s = s + a[i] end end
  end
  return s
end
local arr = terralib.new(int[4], {1, 2, 3, 4})
assert(unrolled(arr) == 10)
local args = {`1, `2, `3}
terra add3(a : int, b : int, c : int) : int return a + b + c end
terra useargs() : int return add3([args]) end
assert(useargs() == 6)
-- var [s] and symbols in escapes
local s = symbol(int, "s")
terra withsym() : int
  var [s] = 5
  return [s] * 2
end
assert(withsym() == 10)
terra esc() : int
  var k = 3
  return [ `k + 1 ]
end
assert(esc() == 4)
-- consecutive local terra definitions see each other
local terra first() : int return 1 end
local terra second() : int return first() + 1 end
assert(second() == 2)
-- a table whose metatable has __index is a namespace even when it is empty
local lazy = setmetatable({}, { __index = function(_, k) return #k end })
terra fromnamespace() : int return lazy.four + lazy.xy end
assert(fromnamespace() == 6)
-- a typed symbol fixes the variable's type: no initializer needed
local typed = symbol(double, "typed")
terra fromsymbol() : double var [typed]; [typed] = 1.5; return [typed] * 2 end
assert(fromsymbol() == 3)
local narrow = symbol(int8, "narrow")
terra overflow() : int var [narrow] = 300; return [narrow] end
assert(overflow() == 44)                        -- 300 as an int8
-- lists of symbols as parameters and variables
local params = terralib.newlist { symbol(int, "a"), symbol(int, "b") }
terra addparams([params]) : int return [params[1]] + [params[2]] end
assert(addparams(1, 2) == 3)
local vars = terralib.newlist { symbol(int), symbol(int) }
terra mulvars() : int var [vars] = 3, 4; return [vars[1]] * [vars[2]] end
assert(mulvars() == 12)
-- several values expand in the last position of an argument list: a Lua list
-- named in code, a macro's list, a quote's `in a, b`; and in a constructor
terra add2(a : int, b : int) : int return a + b end
local args = { `1, `2 }
terra fromlist() : int return add2(args) end
assert(fromlist() == 3)
local two = macro(function() return terralib.newlist { `10, `20 } end)
terra frommacro() : int return add2(two()) end
assert(frommacro() == 30)
local pair = quote var a = 1; var b = 2 in a, b end
terra fromquote() : int var x, y = [pair]; return x * 10 + y end
assert(fromquote() == 12)
local tail = terralib.newlist { `10, `20, `30 }
terra inconstructor() : int var t = { 1, [tail] }; return t._0 + t._3 end
assert(inconstructor() == 31)
print("ok")
local again = label("again")
terra countdown(n : int) : int
  var steps = 0
  ::[again]::
  if n > 0 then n = n - 1; steps = steps + 1; goto [again] end
  return steps
end
assert(countdown(5) == 5)
print("labels ok")
struct P { x : int; y : int }
terra P:sum() : int return self.x + self.y end
local fieldname, methodname = "y", "sum"
terra escapes() : int
  var p = P { [fieldname] = 4, x = 3 }
  return p.[fieldname] * 10 + p:[methodname]()
end
assert(escapes() == 47)
print("field escapes ok")
-- a symbol a macro's statement quote declares is in scope after the macro call
local visible = symbol(int, "visible")
local declare = macro(function() return quote var [visible] = 9 end end)
terra aftermacro() : int
  declare()
  return [visible] + 1
end
assert(aftermacro() == 10)
print("macro declarations ok")
-- an escape block assigns Lua variables as Lua would: a captured local, a global
local generated, untouched = 0, 10
terra counted(x : int) : int
  escape generated = generated + 1; GENERATED_TOTAL = generated * 100 end
  escape emit(`x + [generated]) end
  return x
end
assert(generated == 1 and GENERATED_TOTAL == 100 and untouched == 10)
assert(counted(5) == 5)
local terralocal
terra assignsterra(x : int) : int
  escape terralocal = select(2, pcall(function() x = 3 end)) end
  return x
end
assert(terralocal:find("cannot assign to terra variable 'x'", 1, true), terralocal)
print("escape assignments ok")
-- several values stay one tuple where one value is wanted, and spread into varargs
local pairq = quote var a = 3; var b = 4 in a, b end
terra astuple() : int var t = [pairq]; return t._0 * 10 + t._1 end
assert(astuple() == 34)
local C = terralib.includec("stdio.h")
local fmtargs = macro(function() return terralib.newlist { `7, `2.5 } end)
terra formatted() : int
  var buffer : int8[32]
  C.snprintf(buffer, 32, "%d %g", fmtargs())
  return (buffer[0] - 48) * 10 + buffer[2] - 48
end
assert(formatted() == 72)
print("tuples and varargs ok")
-- a quote's escapes run once, when the quote is made, in source order
local box = { v = 1 }
local early = `[box.v]
box.v = 2
terra readsearly() : int return early + early end
assert(readsearly() == 2)
local steps = {}
local function step(x) steps[#steps + 1] = x return x end
terra ordered() : int
  escape
    step(1)
    emit quote var a = [step(2)] in a end
    step(3)
  end
  return 0
end
assert(table.concat(steps, ",") == "1,2,3", table.concat(steps, ","))
local okq, errq = pcall(function() local q = quote var x = [error("made now")] end end)
assert(not okq and errq:find("made now", 1, true), errq)
local okn, errn = pcall(function() local q = `no_such_name_here + 1 end)
assert(not okn and errn:find("variable 'no_such_name_here' not defined", 1, true), errn)
-- spliced twice, a quote's locals are two variables
local counter = quote var n = 0; n = n + 1 in n end
terra twosplices() : int var a = [counter]; var b = [counter]; return a + b end
assert(twosplices() == 2)
print("quote timing ok")
