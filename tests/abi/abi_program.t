-- Self-checking ABI program: arg[1] is the path of abilib.so (abilib.c built by gcc).
-- Prints one "PASS name" or "FAIL name: message" line per check.
local ffi = require "ffi"
terralib.linklibrary(arg[1])
local ext = terralib.externfunction

local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then print("PASS " .. name) else print("FAIL " .. name .. ": " .. tostring(err):gsub("\n", " | ")) end
end

-- got: cdata (struct/array) or number/boolean; want: named table for structs,
-- list for arrays, number/boolean for scalars
local function same(got, want, path)
  path = path or "value"
  if type(want) == "table" then
    if want[1] ~= nil then
      for i, v in ipairs(want) do same(got[i - 1], v, path .. "[" .. (i - 1) .. "]") end
    else
      for k, v in pairs(want) do same(got[k], v, path .. "." .. k) end
    end
  else
    local g = got
    if type(g) == "cdata" then g = tonumber(g) end
    if g ~= want then error(path .. ": got " .. tostring(got) .. ", want " .. tostring(want), 0) end
  end
end

struct S1 { a : int }
struct S2 { a : int; b : int }
struct DD { x : double; y : double }
struct FFF { x : float; y : float; z : float }
struct ID { a : int; b : double }
struct C3 { c : int8[3] }
struct S24 { a : int64; b : double; c : int32 }
struct S40 { a : int64; b : int64; c : double; d : double; e : int32 }
struct Inner { x : float; y : int }
struct Nest { inn : Inner; d : double }
struct Arr { tag : int8; s : int16; f : float[2] }
struct U { kind : int; union { i : int; f : float; d : double } }
struct FD { a : float; b : float; c : double }
struct CD { c : int8; d : double }

check("layout", function()
  local want = { {S1, 4}, {S2, 8}, {DD, 16}, {FFF, 12}, {ID, 16}, {C3, 3}, {S24, 24},
                 {S40, 40}, {Nest, 16}, {Arr, 12}, {U, 16}, {FD, 16}, {CD, 16} }
  for _, w in ipairs(want) do
    assert(terralib.sizeof(w[1]) == w[2], tostring(w[1]) .. " sizeof " .. terralib.sizeof(w[1]))
  end
  assert(terralib.offsetof(Arr, "f") == 4 and terralib.offsetof(U, "d") == 8)
end)

-- terra re-implementations of abilib.c's <name>_op
local impl = {}
terra impl.s1(p : S1, q : S1) : S1 return S1 { p.a * 3 + q.a } end
terra impl.s2(p : S2, q : S2) : S2 return S2 { p.a + q.b, p.b - q.a } end
terra impl.dd(p : DD, q : DD) : DD return DD { p.x + q.y, p.y * q.x } end
terra impl.fff(p : FFF, q : FFF) : FFF return FFF { p.x + q.z, p.y - q.y, p.z * q.x } end
terra impl.id(p : ID, q : ID) : ID return ID { p.a - q.a, p.b + q.b } end
terra impl.c3(p : C3, q : C3) : C3
  var r : C3
  r.c[0] = p.c[0] + q.c[2]; r.c[1] = p.c[1] - q.c[1]; r.c[2] = p.c[2] * q.c[0]
  return r
end
terra impl.s24(p : S24, q : S24) : S24 return S24 { p.a * q.c, p.b - q.b, p.c + [int](q.a) } end
terra impl.s40(p : S40, q : S40) : S40
  return S40 { p.a + q.b, p.b - q.a, p.c * q.d, p.d + q.c, p.e - q.e }
end
terra impl.nest(p : Nest, q : Nest) : Nest
  return Nest { Inner { p.inn.x + q.inn.x, p.inn.y * q.inn.y }, p.d - q.d }
end
terra impl.arr(p : Arr, q : Arr) : Arr
  var r : Arr
  r.tag = p.tag + q.tag; r.s = p.s - q.s
  r.f[0] = p.f[0] * q.f[1]; r.f[1] = p.f[1] + q.f[0]
  return r
end
terra impl.u(p : U, q : U) : U
  var r : U
  r.kind = p.kind
  if p.kind == 0 then r.i = p.i + q.i
  elseif p.kind == 1 then r.f = p.f * q.f
  else r.d = p.d - q.d end
  return r
end
terra impl.fd(p : FD, q : FD) : FD return FD { p.a + q.b, p.b * q.a, p.c - q.c } end
terra impl.cd(p : CD, q : CD) : CD return CD { p.c - q.c, p.d * q.d } end

local cases = {
  { "s1", S1, {a = 5}, {a = -7}, function(p, q) return {a = p.a * 3 + q.a} end, true },
  { "s2", S2, {a = 5, b = -9}, {a = 100, b = 23}, function(p, q) return {a = p.a + q.b, b = p.b - q.a} end, true },
  { "dd", DD, {x = 1.5, y = -2.25}, {x = 4, y = 0.125}, function(p, q) return {x = p.x + q.y, y = p.y * q.x} end, true },
  { "fff", FFF, {x = 1.5, y = 2.25, z = -3}, {x = 0.5, y = 4, z = 8},
    function(p, q) return {x = p.x + q.z, y = p.y - q.y, z = p.z * q.x} end, true },
  { "id", ID, {a = 40, b = 1.75}, {a = -2, b = 0.5}, function(p, q) return {a = p.a - q.a, b = p.b + q.b} end, false },
  { "c3", C3, {c = {10, -20, 30}}, {c = {3, 5, -2}},
    function(p, q) return {c = {p.c[1] + q.c[3], p.c[2] - q.c[2], p.c[3] * q.c[1]}} end, true },
  { "s24", S24, {a = 1234567, b = 2.5, c = -9}, {a = 11, b = 0.25, c = 1000},
    function(p, q) return {a = p.a * q.c, b = p.b - q.b, c = p.c + q.a} end, false },
  { "s40", S40, {a = 1, b = -2, c = 3.5, d = -4.5, e = 5}, {a = 60, b = 70, c = 0.5, d = 8, e = -90},
    function(p, q) return {a = p.a + q.b, b = p.b - q.a, c = p.c * q.d, d = p.d + q.c, e = p.e - q.e} end, false },
  { "nest", Nest, {inn = {x = 1.25, y = 6}, d = 10.5}, {inn = {x = 2.5, y = -7}, d = 0.5},
    function(p, q) return {inn = {x = p.inn.x + q.inn.x, y = p.inn.y * q.inn.y}, d = p.d - q.d} end, false },
  { "arr", Arr, {tag = 3, s = -1000, f = {1.5, -2}}, {tag = 4, s = 234, f = {0.25, 8}},
    function(p, q) return {tag = p.tag + q.tag, s = p.s - q.s, f = {p.f[1] * q.f[2], p.f[2] + q.f[1]}} end, false },
  { "u_int", U, {kind = 0, i = 41}, {kind = 0, i = -100}, function(p, q) return {kind = 0, i = p.i + q.i} end, false, "u" },
  { "u_float", U, {kind = 1, f = 1.5}, {kind = 1, f = -4}, function(p, q) return {kind = 1, f = p.f * q.f} end, false, "u" },
  { "u_double", U, {kind = 2, d = 2.75}, {kind = 2, d = 0.5}, function(p, q) return {kind = 2, d = p.d - q.d} end, false, "u" },
  { "fd", FD, {a = 1, b = 2, c = 3}, {a = -0.5, b = 16, c = 0.125}, function(p, q) return {a = p.a + q.b, b = p.b * q.a, c = p.c - q.c} end, true },
  { "cd", CD, {c = -100, d = 3}, {c = 27, d = -0.5}, function(p, q) return {c = p.c - q.c, d = p.d * q.d} end, false },
}

-- terra statements assigning a Lua table (named fields, lists for arrays) to variable `lv`
local function assigns(lv, v, out)
  out = out or {}
  if type(v) == "table" then
    if v[1] ~= nil then
      for i, x in ipairs(v) do assigns(lv .. "[" .. (i - 1) .. "]", x, out) end
    else
      for k, x in pairs(v) do assigns(lv .. "." .. k, x, out) end
    end
  else
    out[#out + 1] = lv .. " = " .. string.format("%.17g", v)
  end
  return out
end
-- a terra function () -> R that builds p and q in terra code and returns body(p, q)
local function built(T, R, p, q, fn, body)
  local src = "local T, R, fn = ... return terra() : R var p : T; var q : T; "
    .. table.concat(assigns("p", p), "; ") .. "; " .. table.concat(assigns("q", q), "; ")
    .. "; return " .. body .. " end"
  return assert(terralib.loadstring(src))(T, R, fn)
end

for _, c in ipairs(cases) do
  local name, T, p, q, want, padfree, base = unpack(c)
  base = base or name
  local op = ext(base .. "_op", {T, T} -> T)
  local apply = ext("apply_" .. base, {{T, T} -> T, T, T} -> T)
  local top = impl[base]
  local expected = want(p, q)
  local pc, qc = terralib.new(T, p), terralib.new(T, q)

  -- terra calls C (arguments from Lua tables)
  local viaC = terra(a : T, b : T) : T return op(a, b) end
  check(name .. ":terra->C", function() same(viaC(p, q), expected) end)
  -- terra calls C with values built in terra (no Lua conversion of the arguments)
  local viaC2 = built(T, T, p, q, op, "fn(p, q)")
  check(name .. ":terra->C(built in terra)", function() same(viaC2(), expected) end)
  -- Lua calls the C function directly (externfunction from Lua)
  check(name .. ":Lua->C", function() same(op(p, q), expected) end)
  -- Lua calls terra: tables and cdata
  check(name .. ":Lua->terra(tables)", function() same(top(p, q), expected) end)
  check(name .. ":Lua->terra(cdata)", function() same(top(pc, qc), expected) end)
  -- C calls terra through a function pointer handed over by terra code
  local viaFP = terra(a : T, b : T) : T return apply(top, a, b) end
  check(name .. ":C->terra(fnptr from terra)", function() same(viaFP(p, q), expected) end)
  -- ... and handed over from Lua as getpointer() cdata
  check(name .. ":C->terra(getpointer from Lua)", function() same(apply(top:getpointer(), p, q), expected) end)
  -- terra calls terra through a function pointer
  local viaTP = terra(f : {T, T} -> T, a : T, b : T) : T return f(a, b) end
  check(name .. ":terra->terra(fnptr)", function() same(viaTP(top:getpointer(), p, q), expected) end)
  if padfree then
    local cc = ext("check_" .. base, {{T, T} -> T, T, T} -> int)
    local t = built(T, int, p, q, {cc, top}, "[fn[1]]([fn[2]], p, q)")
    check(name .. ":C checks terra bytes", function() assert(t() == 1, "C saw different bytes") end)
  end
end

-- many arguments: register exhaustion, stack-passed structs
do
  local many = ext("many_op", {ID, DD, S24, FFF, S2, Nest, int, double, CD, S1} -> double)
  local apply_many = ext("apply_many", {{ID, DD, S24, FFF, S2, Nest, int, double, CD, S1} -> double,
                                        ID, DD, S24, FFF, S2, Nest, int, double, CD, S1} -> double)
  terra tmany(a : ID, b : DD, c : S24, d : FFF, e : S2, f : Nest, g : int, h : double, i : CD, j : S1) : double
    return a.a + a.b * 2 + b.x * 3 + b.y * 4 + c.a * 5 + c.b * 6 + c.c * 7 + d.x * 8 + d.y * 9
         + d.z * 10 + e.a * 11 + e.b * 12 + f.inn.x * 13 + f.inn.y * 14 + f.d * 15 + g * 16
         + h * 17 + i.c * 18 + i.d * 19 + j.a * 20
  end
  local args = { {a = 1, b = 2}, {x = 3, y = 4}, {a = 5, b = 6, c = 7}, {x = 8, y = 9, z = 10},
                 {a = 11, b = 12}, {inn = {x = 13, y = 14}, d = 15}, 16, 17, {c = 18, d = 19}, {a = 20} }
  local want = 0
  for k = 1, 20 do want = want + k * k end
  terra callmany() : double
    return many(ID{1, 2}, DD{3, 4}, S24{5, 6, 7}, FFF{8, 9, 10}, S2{11, 12},
                Nest{Inner{13, 14}, 15}, 16, 17, CD{18, 19}, S1{20})
  end
  check("many:terra->C", function() same(callmany(), want) end)
  check("many:Lua->C", function() same(many(unpack(args)), want) end)
  check("many:Lua->terra", function() same(tmany(unpack(args)), want) end)
  check("many:C->terra", function() same(apply_many(tmany:getpointer(), unpack(args)), want) end)
  terra manyfp() : double
    return apply_many(tmany, ID{1, 2}, DD{3, 4}, S24{5, 6, 7}, FFF{8, 9, 10}, S2{11, 12},
                      Nest{Inner{13, 14}, 15}, 16, 17, CD{18, 19}, S1{20})
  end
  check("many:C->terra(fnptr from terra)", function() same(manyfp(), want) end)
end

do
  local many2 = ext("many2_op", {ID, DD, FFF, S2, Nest, int, double, CD, S1, DD} -> double)
  local apply_many2 = ext("apply_many2", {{ID, DD, FFF, S2, Nest, int, double, CD, S1, DD} -> double,
                                          ID, DD, FFF, S2, Nest, int, double, CD, S1, DD} -> double)
  terra tmany2(a : ID, b : DD, d : FFF, e : S2, f : Nest, g : int, h : double, i : CD, j : S1, k : DD) : double
    return a.a + a.b * 2 + b.x * 3 + b.y * 4 + d.x * 5 + d.y * 6 + d.z * 7 + e.a * 8 + e.b * 9
         + f.inn.x * 10 + f.inn.y * 11 + f.d * 12 + g * 13 + h * 14 + i.c * 15 + i.d * 16 + j.a * 17
         + k.x * 18 + k.y * 19
  end
  local args = { {a = 1, b = 2}, {x = 3, y = 4}, {x = 5, y = 6, z = 7}, {a = 8, b = 9},
                 {inn = {x = 10, y = 11}, d = 12}, 13, 14, {c = 15, d = 16}, {a = 17}, {x = 18, y = 19} }
  local want = 0
  for k = 1, 19 do want = want + k * k end
  terra callmany2() : double
    return many2(ID{1, 2}, DD{3, 4}, FFF{5, 6, 7}, S2{8, 9}, Nest{Inner{10, 11}, 12}, 13, 14,
                 CD{15, 16}, S1{17}, DD{18, 19})
  end
  terra many2fp() : double
    return apply_many2(tmany2, ID{1, 2}, DD{3, 4}, FFF{5, 6, 7}, S2{8, 9}, Nest{Inner{10, 11}, 12}, 13, 14,
                       CD{15, 16}, S1{17}, DD{18, 19})
  end
  check("many2:terra->C", function() same(callmany2(), want) end)
  check("many2:Lua->C", function() same(many2(unpack(args)), want) end)
  check("many2:Lua->terra", function() same(tmany2(unpack(args)), want) end)
  check("many2:C->terra", function() same(apply_many2(tmany2:getpointer(), unpack(args)), want) end)
  check("many2:C->terra(fnptr from terra)", function() same(many2fp(), want) end)
end

-- scalars: sign and zero extension
do
  local i8_widen = ext("i8_widen", {int8} -> int32)
  local i16_widen = ext("i16_widen", {int16} -> int32)
  local u8_widen = ext("u8_widen", {uint8} -> uint32)
  local u16_widen = ext("u16_widen", {uint16} -> uint32)
  local bool_widen = ext("bool_widen", {bool} -> int32)
  local i8_neg = ext("i8_neg", {int8} -> int8)
  local i16_neg = ext("i16_neg", {int16} -> int16)
  local u8_not = ext("u8_not", {uint8} -> uint8)
  local is_neg = ext("is_neg", {int} -> bool)
  local mix = ext("mix_scalars", {int8, uint8, int16, uint16, bool, int32, int64, float, double} -> int64)
  local want_mix = -5 + 250 * 10 + (-300) * 100 + 65000 * 1000 + 10000 + (-7) * 3 + 2^40 * 5 + 10 - 10
  terra scalars_terra_to_c() : int
    var x : int32 = -3
    if i8_widen([int8](x)) ~= -3 then return 1 end
    if i16_widen([int16](-30000)) ~= -30000 then return 2 end
    if u8_widen([uint8](250)) ~= 250 then return 3 end
    if u16_widen([uint16](65535)) ~= 65535 then return 4 end
    if bool_widen(true) ~= 7 or bool_widen(false) ~= 3 then return 5 end
    if [int32](i8_neg(5)) ~= -5 then return 6 end
    if [int32](i8_neg(-128)) ~= -128 then return 7 end
    if [int32](i16_neg(1234)) ~= -1234 then return 8 end
    if [int32](u8_not(5)) ~= 250 then return 9 end
    if not is_neg(-1) or is_neg(1) then return 10 end
    if mix(-5, 250, -300, 65000, true, -7, [int64](1) << 40, 2.5f, -1.25) ~= [int64](want_mix) then return 11 end
    -- a small result widened after the call, inside arithmetic
    var s : int32 = [int32](i8_neg(100)) + [int32](i8_neg(100))
    if s ~= -200 then return 12 end
    var u : uint32 = [uint32](u8_not(0)) + [uint32](u8_not(0))
    if u ~= 510 then return 13 end
    return 0
  end
  check("scalars:terra->C", function() same(scalars_terra_to_c(), 0) end)
  check("scalars:Lua->C", function()
    same(i8_widen(-3), -3); same(u8_widen(250), 250); same(i16_neg(1234), -1234)
    same(u8_not(5), 250); same(is_neg(-1), true); same(is_neg(2), false)
    same(bool_widen(true), 7); same(bool_widen(false), 3)
    same(mix(-5, 250, -300, 65000, true, -7, 2^40, 2.5, -1.25), want_mix)
  end)

  terra neg8(x : int8) : int8 return -x end
  terra neg16(x : int16) : int16 return -x end
  terra not8(x : uint8) : uint8 return not x end
  terra isneg(x : int) : bool return x < 0 end
  terra frombool(b : bool) : int32 if b then return 11 else return 22 end end
  terra tmix(a : int8, b : uint8, c : int16, d : uint16, e : bool, f : int32, g : int64, h : float, i : double) : int64
    return a * 1 + b * 10 + c * 100 + d * 1000 + [int](e) * 10000 + f * 3 + g * 5 + [int64](h * 4) + [int64](i * 8)
  end
  local apply_i8 = ext("apply_i8", {{int8} -> int8, int8} -> int32)
  local apply_i16 = ext("apply_i16", {{int16} -> int16, int16} -> int32)
  local apply_u8 = ext("apply_u8", {{uint8} -> uint8, uint8} -> uint32)
  local apply_bool = ext("apply_bool", {{int} -> bool, int} -> int32)
  local apply_bool_arg = ext("apply_bool_arg", {{bool} -> int32, int} -> int32)
  local apply_mix = ext("apply_mix", {{int8, uint8, int16, uint16, bool, int32, int64, float, double} -> int64} -> int64)
  check("scalars:C->terra", function()
    same(apply_i8(neg8:getpointer(), 5), -5)
    same(apply_i8(neg8:getpointer(), -128), -128)
    same(apply_i16(neg16:getpointer(), -300), 300)
    same(apply_u8(not8:getpointer(), 5), 250)
    same(apply_bool(isneg:getpointer(), -4), 100)
    same(apply_bool(isneg:getpointer(), 4), 200)
    same(apply_bool_arg(frombool:getpointer(), 5), 11)
    same(apply_bool_arg(frombool:getpointer(), 0), 22)
    same(apply_mix(tmix:getpointer()), want_mix)
  end)
  check("scalars:Lua->terra", function()
    same(neg8(5), -5); same(neg8(-128), -128); same(not8(5), 250); same(isneg(-1), true)
    same(frombool(true), 11); same(frombool(false), 22)
    same(tmix(-5, 250, -300, 65000, true, -7, 2^40, 2.5, -1.25), want_mix)
  end)
end

-- varargs: a C function reading ints, doubles and structs with va_arg
do
  local vt = terralib.types.funcpointer({rawstring}, double, true)
  local va = ext("va_checksum", vt)
  terra va_scalars() : double
    return va("idlifd", 1, 2.5, [int64](1) << 33, -4, [float](0.5), -1.0)
  end
  check("varargs:scalars", function() same(va_scalars(), 1 + 2 * 2.5 + 3 * 2^33 - 4 * 4 + 5 * 0.5 - 6) end)
  terra va_structs() : double
    return va("IDFSC", ID{3, 0.5}, DD{1.5, 2}, FFF{1, 2, 3}, S2{-4, 5}, C3{arrayof(int8, 1, -2, 3)})
  end
  check("varargs:structs", function()
    same(va_structs(), 1 * (3 + 1) + 2 * (1.5 + 4) + 3 * (1 + 4 + 9) + 4 * (-4 + 10) + 5 * (1 - 4 + 9))
  end)
  terra va_memory() : double return va("iMd", 7, S40{1, 2, 3, 4, 5}, 0.5) end
  check("varargs:memory struct", function() same(va_memory(), 7 + 2 * (1 + 4 + 9 + 16 + 25) + 1.5) end)
  -- enough arguments to exhaust the registers
  terra va_many() : double
    return va("ddddddddddiiiiiiiiIM", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0,
              1, 2, 3, 4, 5, 6, 7, 8, ID{1, 1}, S40{1, 1, 1, 1, 1})
  end
  check("varargs:many", function()
    local w = 0
    for k = 1, 10 do w = w + k * k end
    for k = 11, 18 do w = w + k * (k - 10) end
    w = w + 19 * 3 + 20 * 15
    same(va_many(), w)
  end)
  -- from Lua, an integral number goes to C varargs as an int (so printf("%d", 3)
  -- works); a non-integral one as a double
  check("varargs:Lua->C", function() same(va("idd", 3, 0.5, 0.25), 3 + 1 + 0.75) end)
end

-- Lua callbacks (scalars and structs behind pointers)
do
  local apply_ptr = ext("apply_ptr", {{&ID, &DD} -> {}, ID} -> double)
  local apply_scalar_cb = ext("apply_scalar_cb", {{int, double, int8} -> double, int, double} -> double)
  local cb = terralib.cast({&ID, &DD} -> {}, function(p, out) out.x = p.a + 1; out.y = p.b * 2 end)
  terra use_ptr_cb(f : {&ID, &DD} -> {}) : double return apply_ptr(f, ID{4, 0.25}) end
  check("luacallback:struct pointers", function() same(use_ptr_cb(cb), 50.5) end)
  check("luacallback:struct pointers(Lua->C)", function() same(apply_ptr(cb, {a = 4, b = 0.25}), 50.5) end)
  local scb = terralib.cast({int, double, int8} -> double, function(a, b, c) return a * 100 + b + c * 1000 end)
  check("luacallback:scalars", function() same(apply_scalar_cb(scb, 7, 0.5), 700.5 - 3000) end)
  -- terra calls the Lua callback directly through the pointer
  terra call_lua(f : {int, double, int8} -> double) : double return f(1, 2, -1) end
  check("luacallback:from terra", function() same(call_lua(scb), 100 + 2 - 1000) end)
end

