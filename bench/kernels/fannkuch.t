-- fannkuch: the Benchmarks Game fannkuch-redux (single-threaded, Oleg Mazurov's permutation order).
-- checksum = 100 * checksum + maxflips. Mirrors fannkuch.c.

terra kernel(n : int) : double
    var perm : int[16]
    var perm1 : int[16]
    var count : int[16]
    var maxflips = 0
    var checksum = 0
    var permcount = 0
    var r = n
    for i = 0, n do
        perm1[i] = i
    end
    while true do
        while r ~= 1 do
            count[r - 1] = r
            r = r - 1
        end
        for i = 0, n do
            perm[i] = perm1[i]
        end
        var flips = 0
        var k = perm[0]
        while k ~= 0 do
            var i = 0
            var j = k
            while i < j do
                var t = perm[i]
                perm[i] = perm[j]
                perm[j] = t
                i = i + 1
                j = j - 1
            end
            flips = flips + 1
            k = perm[0]
        end
        if flips > maxflips then
            maxflips = flips
        end
        if permcount % 2 == 0 then
            checksum = checksum + flips
        else
            checksum = checksum - flips
        end
        while true do
            if r == n then
                return 100.0 * [double](checksum) + [double](maxflips)
            end
            var perm0 = perm1[0]
            for i = 0, r do
                perm1[i] = perm1[i + 1]
            end
            perm1[r] = perm0
            count[r] = count[r] - 1
            if count[r] > 0 then
                break
            end
            r = r + 1
        end
        permcount = permcount + 1
    end
    return 0.0
end

local n = tonumber(arg[1]) or 7
kernel:compile()
local t0 = terralib.currenttimeinseconds()
local r = kernel(n)
local t1 = terralib.currenttimeinseconds()
print(string.format("%.17g %.6f", r, t1 - t0))
