-- mandelbrot: n x n grid over [-1.5,0.5] x [-1,1], at most 50 iterations, escape at |z| > 2.
-- checksum = number of points that never escape + 1e-6 * total iterations. Mirrors mandelbrot.c.

terra kernel(n : int) : double
    var inside = 0
    var iters = 0
    for y = 0, n do
        var ci = 2.0 * [double](y) / [double](n) - 1.0
        for x = 0, n do
            var cr = 2.0 * [double](x) / [double](n) - 1.5
            var zr = 0.0
            var zi = 0.0
            var tr = 0.0
            var ti = 0.0
            var k = 0
            while k < 50 and tr + ti <= 4.0 do
                zi = 2.0 * zr * zi + ci
                zr = tr - ti + cr
                tr = zr * zr
                ti = zi * zi
                k = k + 1
            end
            if tr + ti <= 4.0 then
                inside = inside + 1
            end
            iters = iters + k
        end
    end
    return [double](inside) + 1e-6 * [double](iters)
end

local n = tonumber(arg[1]) or 200
kernel:compile()
local t0 = terralib.currenttimeinseconds()
local r = kernel(n)
local t1 = terralib.currenttimeinseconds()
print(string.format("%.17g %.6f", r, t1 - t0))
