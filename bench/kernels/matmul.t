-- matmul: naive n x n double matrix multiply C = A * B (i, j, k loop order, k innermost).
-- A[i][j] = (i - j) / n, B[i][j] = (i + 2j) / n.  checksum = sum of C[i][j] * (1 + (i+j) % 7).
-- Mirrors matmul.c.

local malloc = terralib.externfunction("malloc", {uint64} -> &opaque)
local free = terralib.externfunction("free", {&opaque} -> {})

terra kernel(n : int) : double
    var a = [&double](malloc([uint64](n) * [uint64](n) * 8))
    var b = [&double](malloc([uint64](n) * [uint64](n) * 8))
    var c = [&double](malloc([uint64](n) * [uint64](n) * 8))
    for i = 0, n do
        for j = 0, n do
            a[i * n + j] = [double](i - j) / [double](n)
            b[i * n + j] = [double](i + 2 * j) / [double](n)
        end
    end
    for i = 0, n do
        for j = 0, n do
            var s = 0.0
            for k = 0, n do
                s = s + a[i * n + k] * b[k * n + j]
            end
            c[i * n + j] = s
        end
    end
    var sum = 0.0
    for i = 0, n do
        for j = 0, n do
            sum = sum + c[i * n + j] * [double](1 + (i + j) % 7)
        end
    end
    free(a)
    free(b)
    free(c)
    return sum
end

local n = tonumber(arg[1]) or 100
kernel:compile()
local t0 = terralib.currenttimeinseconds()
local r = kernel(n)
local t1 = terralib.currenttimeinseconds()
print(string.format("%.17g %.6f", r, t1 - t0))
