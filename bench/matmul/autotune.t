-- Blocked, vectorised double-precision matrix multiply whose block size,
-- register tile and vector width are parameters; a Lua search picks the
-- fastest on this machine (the classic Terra autotuning example).
-- usage: terrapy autotune.t N [N...]   prints "n gflops NB RM RN V" per size
local C = terralib.includec("stdlib.h")

-- C[MxN] += A[MxK] * B[KxN], row-major; n must be a multiple of the block size.
local function genkernel(NB, RM, RN, V)
  local VT = vector(double, V)
  local a, b, c = {}, {}, {}
  for m = 0, RM - 1 do a[m] = symbol(VT, "a" .. m); c[m] = {} end
  for n = 0, RN - 1 do b[n] = symbol(VT, "b" .. n) end
  for m = 0, RM - 1 do for n = 0, RN - 1 do c[m][n] = symbol(VT, "c" .. m .. "_" .. n) end end
  -- one NB x NB block: register tiles of RM rows by RN vectors
  return terra(A : &double, B : &double, Cm : &double, lda : int64, ldb : int64, ldc : int64)
    for mm = 0, NB, RM do
      for nn = 0, NB, RN * V do
        escape
          for m = 0, RM - 1 do for n = 0, RN - 1 do
            emit quote var [c[m][n]] = @[&VT](Cm + (mm + m) * ldc + nn + n * V) end
          end end
        end
        for k = 0, NB do
          escape
            for n = 0, RN - 1 do emit quote var [b[n]] = @[&VT](B + k * ldb + nn + n * V) end end
            for m = 0, RM - 1 do
              emit quote var [a[m]] = A[(mm + m) * lda + k] end
              for n = 0, RN - 1 do
                emit quote [c[m][n]] = [c[m][n]] + [a[m]] * [b[n]] end
              end
            end
          end
        end
        escape
          for m = 0, RM - 1 do for n = 0, RN - 1 do
            emit quote @[&VT](Cm + (mm + m) * ldc + nn + n * V) = [c[m][n]] end
          end end
        end
      end
    end
  end
end

local function genmatmul(NB, RM, RN, V)
  local kernel = genkernel(NB, RM, RN, V)
  -- each NB x NB block of B is copied to a contiguous buffer once and reused for
  -- every block row of A (its rows are then NB apart, not n: fewer cache misses)
  return terra(n : int64, A : &double, B : &double, Cm : &double)
    for i = 0, n * n do Cm[i] = 0 end
    var packed = [&double](C.aligned_alloc(64, NB * NB * sizeof(double)))
    for kb = 0, n, NB do
      for jb = 0, n, NB do
        for k = 0, NB do
          for j = 0, NB do packed[k * NB + j] = B[(kb + k) * n + jb + j] end
        end
        for ib = 0, n, NB do
          kernel(A + ib * n + kb, packed, Cm + ib * n + jb, n, NB, n)
        end
      end
    end
    C.free(packed)
  end
end

local function matrix(n, seed)
  local m = terralib.cast(&double, C.aligned_alloc(64, n * n * 8))
  for i = 0, n * n - 1 do m[i] = ((i * seed) % 17) / 17.0 - 0.5 end
  return m
end

local function time(f, n, A, B, Cm)
  local best = math.huge
  for _ = 1, 3 do
    local t = terralib.currenttimeinseconds()
    f(n, A, B, Cm)
    best = math.min(best, terralib.currenttimeinseconds() - t)
  end
  return 2 * n * n * n / best / 1e9
end

-- the search: a small grid, timed on a mid-sized problem
local search_n = 256
local A, B, Cm = matrix(search_n, 7), matrix(search_n, 11), matrix(search_n, 1)
local best, best_config = 0, nil
for _, NB in ipairs { 32, 64, 128 } do
  for _, V in ipairs { 4, 8 } do
    for _, RM in ipairs { 2, 4, 6 } do
      for _, RN in ipairs { 1, 2, 3 } do
        if NB % RM == 0 and NB % (RN * V) == 0 then
          local f = genmatmul(NB, RM, RN, V)
          f:compile()
          local g = time(f, search_n, A, B, Cm)
          if g > best then best, best_config = g, { NB, RM, RN, V } end
        end
      end
    end
  end
end
local f = genmatmul(unpack(best_config))

-- check against a naive product, then measure the sizes asked for
local n0 = 256   -- a multiple of every block size searched
local A0, B0, C0 = matrix(n0, 3), matrix(n0, 5), matrix(n0, 1)
f(n0, A0, B0, C0)
for i = 0, n0 - 1 do for j = 0, n0 - 1 do
  local s = 0
  for k = 0, n0 - 1 do s = s + A0[i * n0 + k] * B0[k * n0 + j] end
  assert(math.abs(s - C0[i * n0 + j]) < 1e-9, "wrong product")
end end

for i = 1, #arg do
  local n = tonumber(arg[i])
  local An, Bn, Cn = matrix(n, 7), matrix(n, 11), matrix(n, 1)
  print(string.format("%d %.3f %d %d %d %d", n, time(f, n, An, Bn, Cn), unpack(best_config)))
end
