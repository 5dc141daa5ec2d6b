-- fib: naive doubly recursive Fibonacci, plain LuaJIT. Mirrors fib.c.
package.path = (arg[0]:match("^(.*)/") or ".") .. "/?.lua;" .. package.path
local now = require("clock")

local function fib(n)
    if n < 2 then
        return n
    end
    return fib(n - 1) + fib(n - 2)
end

local function kernel(n)
    return fib(n)
end

local n = tonumber(arg[1]) or 40
local t0 = now()
local r = kernel(n)
local t1 = now()
print(string.format("%.17g %.6f", r, t1 - t0))
