-- fannkuch: Benchmarks Game fannkuch-redux, plain LuaJIT (0-based tables). Mirrors fannkuch.c.
package.path = (arg[0]:match("^(.*)/") or ".") .. "/?.lua;" .. package.path
local now = require("clock")

local function kernel(n)
    local perm, perm1, count = {}, {}, {}
    for i = 0, 15 do
        perm[i] = 0
        perm1[i] = 0
        count[i] = 0
    end
    local maxflips, checksum, permcount = 0, 0, 0
    local r = n
    for i = 0, n - 1 do
        perm1[i] = i
    end
    while true do
        while r ~= 1 do
            count[r - 1] = r
            r = r - 1
        end
        for i = 0, n - 1 do
            perm[i] = perm1[i]
        end
        local flips = 0
        local k = perm[0]
        while k ~= 0 do
            local i, j = 0, k
            while i < j do
                local t = perm[i]
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
                return 100.0 * checksum + maxflips
            end
            local perm0 = perm1[0]
            for i = 0, r - 1 do
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
end

local n = tonumber(arg[1]) or 7
local t0 = now()
local r = kernel(n)
local t1 = now()
print(string.format("%.17g %.6f", r, t1 - t0))
