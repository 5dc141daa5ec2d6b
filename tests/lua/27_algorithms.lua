-- Larger programs: sieve, sorting algorithms, n-queens, bignum, serializer, LCS.
print("== sieve of Eratosthenes")
local function sieve(n)
  local composite, primes = {}, {}
  for i = 2, n do
    if not composite[i] then
      primes[#primes + 1] = i
      for j = i * i, n, i do composite[j] = true end
    end
  end
  return primes
end
local primes = sieve(200)
print(#primes, table.concat(primes, " ", 1, 15), primes[#primes])

print("== quicksort and mergesort agree with table.sort")
local function quicksort(t, lo, hi)
  lo, hi = lo or 1, hi or #t
  if lo >= hi then return t end
  local pivot, i = t[hi], lo - 1
  for j = lo, hi - 1 do
    if t[j] <= pivot then i = i + 1; t[i], t[j] = t[j], t[i] end
  end
  t[i + 1], t[hi] = t[hi], t[i + 1]
  quicksort(t, lo, i)
  quicksort(t, i + 2, hi)
  return t
end
local function mergesort(t)
  if #t <= 1 then return t end
  local mid = math.floor(#t / 2)
  local l, r = {}, {}
  for i = 1, mid do l[#l + 1] = t[i] end
  for i = mid + 1, #t do r[#r + 1] = t[i] end
  l, r = mergesort(l), mergesort(r)
  local out, i, j = {}, 1, 1
  while i <= #l and j <= #r do
    if l[i] <= r[j] then out[#out + 1] = l[i]; i = i + 1 else out[#out + 1] = r[j]; j = j + 1 end
  end
  for k = i, #l do out[#out + 1] = l[k] end
  for k = j, #r do out[#out + 1] = r[k] end
  return out
end
local seed = 7
local function lcg() seed = (seed * 1103515245 + 12345) % 2147483648; return seed end
local data = {}
for i = 1, 300 do data[i] = lcg() % 1000 end
local a, b, c = {}, {}, {}
for i, v in ipairs(data) do a[i], b[i], c[i] = v, v, v end
quicksort(a); b = mergesort(b); table.sort(c)
local same = true
for i = 1, #c do if a[i] ~= c[i] or b[i] ~= c[i] then same = false end end
print(same, c[1], c[150], c[300], #b)

print("== n-queens")
local function queens(n)
  local count, cols, d1, d2, first = 0, {}, {}, {}, nil
  local pos = {}
  local function place(r)
    if r > n then
      count = count + 1
      if not first then first = table.concat(pos, ",") end
      return
    end
    for col = 1, n do
      if not cols[col] and not d1[r + col] and not d2[r - col + n] then
        cols[col], d1[r + col], d2[r - col + n] = true, true, true
        pos[r] = col
        place(r + 1)
        cols[col], d1[r + col], d2[r - col + n] = nil, nil, nil
      end
    end
  end
  place(1)
  return count, first
end
for n = 4, 8 do print(n, queens(n)) end

print("== big integer factorial via digit arrays")
local function bigmul(digits, m)
  local carry = 0
  for i = 1, #digits do
    local v = digits[i] * m + carry
    digits[i] = v % 10
    carry = math.floor(v / 10)
  end
  while carry > 0 do digits[#digits + 1] = carry % 10; carry = math.floor(carry / 10) end
end
local function bigfact(n)
  local d = {1}
  for i = 2, n do bigmul(d, i) end
  local s = {}
  for i = #d, 1, -1 do s[#s + 1] = d[i] end
  return table.concat(s)
end
print(bigfact(30))
print(#bigfact(100), bigfact(100):sub(1, 20))

print("== serializer with sorted keys")
local function serialize(v, indent)
  indent = indent or ""
  local t = type(v)
  if t == "string" then return string.format("%q", v)
  elseif t == "number" or t == "boolean" or t == "nil" then return tostring(v)
  elseif t == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(x, y)
      if type(x) == type(y) then return x < y end
      return type(x) < type(y)
    end)
    local parts = {}
    for _, k in ipairs(keys) do
      local ks = type(k) == "string" and k:match("^[%a_][%w_]*$") and k or "[" .. serialize(k) .. "]"
      parts[#parts + 1] = indent .. "  " .. ks .. " = " .. serialize(v[k], indent .. "  ")
    end
    if #parts == 0 then return "{}" end
    return "{\n" .. table.concat(parts, ",\n") .. "\n" .. indent .. "}"
  end
  return "<" .. t .. ">"
end
local doc = {name = "terrapy", version = {0, 1, 0}, tags = {"lua", "llvm"}, nested = {deep = {x = 1.5, flag = false}},
             [10] = "ten", ["with space"] = "quoted\nnewline", empty = {}}
local text = serialize(doc)
print(text)
local back = loadstring("return " .. text)()
print(serialize(back) == text, back.nested.deep.x, back["with space"])

print("== longest common subsequence")
local function lcs(x, y)
  local m, n = #x, #y
  local L = {}
  for i = 0, m do L[i] = {}; for j = 0, n do L[i][j] = 0 end end
  for i = 1, m do
    for j = 1, n do
      if x:sub(i, i) == y:sub(j, j) then L[i][j] = L[i - 1][j - 1] + 1
      else L[i][j] = math.max(L[i - 1][j], L[i][j - 1]) end
    end
  end
  local out, i, j = {}, m, n
  while i > 0 and j > 0 do
    if x:sub(i, i) == y:sub(j, j) then table.insert(out, 1, x:sub(i, i)); i, j = i - 1, j - 1
    elseif L[i - 1][j] >= L[i][j - 1] then i = i - 1 else j = j - 1 end
  end
  return L[m][n], table.concat(out)
end
print(lcs("AGGTAB", "GXTXAYB"))
print(lcs("terrapy translates lua", "terra parses lua quickly"))

print("== matrix multiplication and determinant")
local function matmul(A, B)
  local C = {}
  for i = 1, #A do
    C[i] = {}
    for j = 1, #B[1] do
      local s = 0
      for k = 1, #B do s = s + A[i][k] * B[k][j] end
      C[i][j] = s
    end
  end
  return C
end
local function det(M)
  local n = #M
  if n == 1 then return M[1][1] end
  local d = 0
  for col = 1, n do
    local sub = {}
    for i = 2, n do
      local row = {}
      for j = 1, n do if j ~= col then row[#row + 1] = M[i][j] end end
      sub[#sub + 1] = row
    end
    d = d + (-1) ^ (col + 1) * M[1][col] * det(sub)
  end
  return d
end
local A = {{1, 2, 3}, {4, 5, 6}, {7, 8, 10}}
local B = {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}}
local C = matmul(A, B)
for i = 1, 3 do print(table.concat(C[i], " ")) end
print(det(A), det(B), det(C))

print("== word frequencies")
local text2 = [[the quick brown fox jumps over the lazy dog the fox barks
and the dog sleeps while the quick fox runs]]
local freq = {}
for w in text2:gmatch("%a+") do freq[w] = (freq[w] or 0) + 1 end
local words = {}
for w in pairs(freq) do words[#words + 1] = w end
table.sort(words, function(x, y) if freq[x] ~= freq[y] then return freq[x] > freq[y] end return x < y end)
for i = 1, 5 do io.write(words[i], "=", freq[words[i]], " ") end
print()
