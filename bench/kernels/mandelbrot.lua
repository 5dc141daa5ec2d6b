-- mandelbrot: n x n grid, at most 50 iterations, plain LuaJIT. Mirrors mandelbrot.c.
package.path = (arg[0]:match("^(.*)/") or ".") .. "/?.lua;" .. package.path
local now = require("clock")

local function kernel(n)
    local inside = 0
    local iters = 0
    for y = 0, n - 1 do
        local ci = 2.0 * y / n - 1.0
        for x = 0, n - 1 do
            local cr = 2.0 * x / n - 1.5
            local zr, zi, tr, ti = 0.0, 0.0, 0.0, 0.0
            local k = 0
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
    return inside + 1e-6 * iters
end

local n = tonumber(arg[1]) or 200
local t0 = now()
local r = kernel(n)
local t1 = now()
print(string.format("%.17g %.6f", r, t1 - t0))
