-- fib: naive doubly recursive Fibonacci. checksum = fib(n). Mirrors fib.c.

terra fib(n : int) : int
    if n < 2 then
        return n
    end
    return fib(n - 1) + fib(n - 2)
end

terra kernel(n : int) : double
    return [double](fib(n))
end

local n = tonumber(arg[1]) or 40
kernel:compile()
local t0 = terralib.currenttimeinseconds()
local r = kernel(n)
local t1 = terralib.currenttimeinseconds()
print(string.format("%.17g %.6f", r, t1 - t0))
