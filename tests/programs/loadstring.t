-- terralib.loadstring/loadfile/load return nil, message on syntax errors.
local f, err = terralib.loadstring("x = = 1")
assert(f == nil and err:find("unexpected symbol near '='"), err)
f, err = terralib.loadstring("terra g()\n var x = 1", "=chunk")
assert(f == nil and err == "chunk:2: 'end' expected (to close 'terra' at line 1) near '<eof>'", err)
f, err = terralib.loadstring("local y = 3 << 1")
assert(f == nil and err:find("unexpected symbol near '<<'"), err)
f, err = terralib.loadstring("terra h() return #x end")
assert(f == nil and err:find("operator not supported"), err)
f = assert(terralib.loadstring("return 1 + ..."))
assert(f(41) == 42)
local parts = { "return ", "'a'", " .. 'b'" }
local i = 0
f = assert(terralib.load(function() i = i + 1; return parts[i] end))
assert(f() == "ab")
print("ok")
