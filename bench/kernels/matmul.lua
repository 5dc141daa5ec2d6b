-- matmul: naive n x n double matrix multiply, plain LuaJIT (flat 0-based tables). Mirrors matmul.c.
package.path = (arg[0]:match("^(.*)/") or ".") .. "/?.lua;" .. package.path
local now = require("clock")

local function kernel(n)
    local a, b, c = {}, {}, {}
    for i = 0, n - 1 do
        for j = 0, n - 1 do
            a[i * n + j] = (i - j) / n
            b[i * n + j] = (i + 2 * j) / n
            c[i * n + j] = 0.0
        end
    end
    for i = 0, n - 1 do
        for j = 0, n - 1 do
            local s = 0.0
            for k = 0, n - 1 do
                s = s + a[i * n + k] * b[k * n + j]
            end
            c[i * n + j] = s
        end
    end
    local sum = 0.0
    for i = 0, n - 1 do
        for j = 0, n - 1 do
            sum = sum + c[i * n + j] * (1 + (i + j) % 7)
        end
    end
    return sum
end

local n = tonumber(arg[1]) or 100
local t0 = now()
local r = kernel(n)
local t1 = now()
print(string.format("%.17g %.6f", r, t1 - t0))
