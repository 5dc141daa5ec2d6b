-- spectralnorm: the Benchmarks Game spectral-norm (10 power iterations).
-- checksum = sqrt(vBv / vv). Mirrors spectralnorm.c.

local sqrt = terralib.externfunction("sqrt", {double} -> double)
local malloc = terralib.externfunction("malloc", {uint64} -> &opaque)
local free = terralib.externfunction("free", {&opaque} -> {})

terra eval_a(i : int, j : int) : double
    return 1.0 / [double]((i + j) * (i + j + 1) / 2 + i + 1)
end

terra mul_av(n : int, v : &double, av : &double)
    for i = 0, n do
        var s = 0.0
        for j = 0, n do
            s = s + eval_a(i, j) * v[j]
        end
        av[i] = s
    end
end

terra mul_atv(n : int, v : &double, atv : &double)
    for i = 0, n do
        var s = 0.0
        for j = 0, n do
            s = s + eval_a(j, i) * v[j]
        end
        atv[i] = s
    end
end

terra mul_atav(n : int, v : &double, out : &double, tmp : &double)
    mul_av(n, v, tmp)
    mul_atv(n, tmp, out)
end

terra kernel(n : int) : double
    var u = [&double](malloc([uint64](n) * 8))
    var v = [&double](malloc([uint64](n) * 8))
    var tmp = [&double](malloc([uint64](n) * 8))
    for i = 0, n do
        u[i] = 1.0
    end
    for i = 0, 10 do
        mul_atav(n, u, v, tmp)
        mul_atav(n, v, u, tmp)
    end
    var vbv = 0.0
    var vv = 0.0
    for i = 0, n do
        vbv = vbv + u[i] * v[i]
        vv = vv + v[i] * v[i]
    end
    free(u)
    free(v)
    free(tmp)
    return sqrt(vbv / vv)
end

local n = tonumber(arg[1]) or 100
kernel:compile()
local t0 = terralib.currenttimeinseconds()
local r = kernel(n)
local t1 = terralib.currenttimeinseconds()
print(string.format("%.17g %.6f", r, t1 - t0))
