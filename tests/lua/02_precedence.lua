-- Operator precedence and associativity.
print("== arithmetic")
print(1 + 2 * 3, (1 + 2) * 3, 10 - 4 - 3, 2 * 3 % 4, 7 - 2 * 3 ^ 2)
print(100 / 10 / 5, 2 ^ 3 ^ 2, (2 ^ 3) ^ 2, 2 ^ -1, -2 ^ 2, (-2) ^ 2)
print(-3 ^ 2 + 1, 2 * -3, - - 4, -(-4), 2 ^ - 2)
print(1 + 2 .. "", 1 .. 2 + 3, "a" .. "b" .. "c", 2 .. 3 ^ 2)
print(5 % 3 * 2, 5 * 3 % 4, 17 % 5 % 3, -5 % 3, 5 % -3)

print("== concat right associativity")
local log = {}
local mt = {__concat = function(a, b)
  local x = type(a) == "table" and a.n or a
  local y = type(b) == "table" and b.n or b
  log[#log + 1] = "(" .. x .. "," .. y .. ")"
  return {n = "[" .. x .. y .. "]"}
end}
local function O(n) return setmetatable({n = n}, mt) end
local r = O("a") .. O("b") .. O("c")
print(r.n, table.concat(log, " "))
log = {}
r = (O("a") .. O("b")) .. O("c")
print(r.n, table.concat(log, " "))

print("== comparison and logic")
print(1 < 2 == true, not 1 == 2, not (1 == 2), 1 == 1 ~= false)
print(1 < 2 and 2 < 3, 1 > 2 or 3 > 2, nil == false, not nil == true)
print(1 and 2 or 3, nil and 2 or 3, false or nil and 1, 1 or 2 and 3)
print(1 + 1 == 2 and "yes" or "no", #"abc" + 1, -#"ab", not #"" == 0)
print("a" .. "b" == "ab", 1 .. 2 == "12", 2 < 3 == (3 > 2))
print(true == not false, not true == false)

print("== length and unary")
local t = {1, 2, 3}
print(#t * 2, -#t, (#t) ^ 2, -t[1] ^ 2, not t[1], pcall(function() return #t ^ 2 end))
print(#"abc" .. "d", #("a" .. "bc"))

print("== mixed")
local a, b, c = 2, 3, 4
print(a + b * c ^ 2 / 8 - -1, (a + b) * c, a ^ b ^ 0.5 == a ^ (b ^ 0.5))
print(a < b and b < c, a < b == (b < c), a .. b .. c + 1, pcall(function() return a < b == b < c end))
print(((((1)))), (a) + (b), -(a + b) * c)
print(2^2^3 == 256, 2^(2^3), (2^2)^3)
print(1 - -1, 1 - - -1, 3 - 2 - 1, 3 - (2 - 1))
print(8 / 4 / 2, 8 / (4 / 2), 2 * 3 / 4 * 5)
print(1 .. "" == "1" and 2 > 1, not nil and 1, not (nil and 1))
