-- structs: 64 particles integrated with small {x,y,z} tables created and returned by value,
-- plain LuaJIT. The particle state lives in flat per-component arrays so that LuaJIT's
-- allocation sinking can remove the temporaries in the hot loop. Mirrors structs.c.
package.path = (arg[0]:match("^(.*)/") or ".") .. "/?.lua;" .. package.path
local now = require("clock")

local function vec3(x, y, z)
    return { x = x, y = y, z = z }
end

local function vadd(a, b)
    return vec3(a.x + b.x, a.y + b.y, a.z + b.z)
end

local function vsub(a, b)
    return vec3(a.x - b.x, a.y - b.y, a.z - b.z)
end

local function vscale(a, s)
    return vec3(a.x * s, a.y * s, a.z * s)
end

local function vdot(a, b)
    return a.x * b.x + a.y * b.y + a.z * b.z
end

local function vcross(a, b)
    return vec3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
end

local function accel(p, v, b, g, k)
    local lorentz = vcross(v, b)
    local spring = vscale(p, k)
    local drag = vscale(v, 0.05)
    return vadd(vsub(vsub(lorentz, spring), drag), g)
end

local function kernel(n)
    local px, py, pz, vx, vy, vz = {}, {}, {}, {}, {}, {}
    for i = 0, 63 do
        local fi = i
        px[i], py[i], pz[i] = 1.0 + 0.01 * fi, 0.5 - 0.02 * fi, 0.25 * fi / 64.0
        vx[i], vy[i], vz[i] = 0.01 * fi, -0.3, 0.2 - 0.005 * fi
    end
    local b = vec3(0.3, -0.2, 1.0)
    local g = vec3(0.0, 0.0, -0.1)
    local dt = 0.001
    local e = 0.0
    for s = 0, n - 1 do
        for i = 0, 63 do
            local p = vec3(px[i], py[i], pz[i])
            local v = vec3(vx[i], vy[i], vz[i])
            local a = accel(p, v, b, g, 1.0 + 0.01 * i)
            v = vadd(v, vscale(a, dt))
            p = vadd(p, vscale(v, dt))
            e = e + vdot(v, v) * dt
            px[i], py[i], pz[i] = p.x, p.y, p.z
            vx[i], vy[i], vz[i] = v.x, v.y, v.z
        end
    end
    for i = 0, 63 do
        local p = vec3(px[i], py[i], pz[i])
        e = e + vdot(p, p)
    end
    return e
end

local n = tonumber(arg[1]) or 1000
local t0 = now()
local r = kernel(n)
local t1 = now()
print(string.format("%.17g %.6f", r, t1 - t0))
