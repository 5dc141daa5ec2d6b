-- nbody: Benchmarks Game n-body, plain LuaJIT (bodies as tables). Mirrors nbody.c.
package.path = (arg[0]:match("^(.*)/") or ".") .. "/?.lua;" .. package.path
local now = require("clock")
local sqrt = math.sqrt
local PI = 3.141592653589793
local SOLAR_MASS = 4.0 * PI * PI
local DAYS_PER_YEAR = 365.24

local function body(x, y, z, vx, vy, vz, mass)
    return { x = x, y = y, z = z, vx = vx * DAYS_PER_YEAR, vy = vy * DAYS_PER_YEAR,
             vz = vz * DAYS_PER_YEAR, mass = mass * SOLAR_MASS }
end

local function offset_momentum(b, nb)
    local px, py, pz = 0.0, 0.0, 0.0
    for i = 0, nb - 1 do
        px = px + b[i].vx * b[i].mass
        py = py + b[i].vy * b[i].mass
        pz = pz + b[i].vz * b[i].mass
    end
    b[0].vx = -px / SOLAR_MASS
    b[0].vy = -py / SOLAR_MASS
    b[0].vz = -pz / SOLAR_MASS
end

local function energy(b, nb)
    local e = 0.0
    for i = 0, nb - 1 do
        local bi = b[i]
        e = e + 0.5 * bi.mass * (bi.vx * bi.vx + bi.vy * bi.vy + bi.vz * bi.vz)
        for j = i + 1, nb - 1 do
            local bj = b[j]
            local dx = bi.x - bj.x
            local dy = bi.y - bj.y
            local dz = bi.z - bj.z
            e = e - (bi.mass * bj.mass) / sqrt(dx * dx + dy * dy + dz * dz)
        end
    end
    return e
end

local function advance(b, nb, dt)
    for i = 0, nb - 1 do
        local bi = b[i]
        for j = i + 1, nb - 1 do
            local bj = b[j]
            local dx = bi.x - bj.x
            local dy = bi.y - bj.y
            local dz = bi.z - bj.z
            local d2 = dx * dx + dy * dy + dz * dz
            local mag = dt / (d2 * sqrt(d2))
            local mi = bi.mass * mag
            local mj = bj.mass * mag
            bi.vx = bi.vx - dx * mj
            bi.vy = bi.vy - dy * mj
            bi.vz = bi.vz - dz * mj
            bj.vx = bj.vx + dx * mi
            bj.vy = bj.vy + dy * mi
            bj.vz = bj.vz + dz * mi
        end
    end
    for i = 0, nb - 1 do
        local bi = b[i]
        bi.x = bi.x + dt * bi.vx
        bi.y = bi.y + dt * bi.vy
        bi.z = bi.z + dt * bi.vz
    end
end

local function kernel(n)
    local b = {}
    b[0] = body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)
    b[1] = body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
                1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
                9.54791938424326609e-04)
    b[2] = body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
                -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
                2.85885980666130812e-04)
    b[3] = body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
                2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
                4.36624404335156298e-05)
    b[4] = body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
                2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
                5.15138902046611451e-05)
    offset_momentum(b, 5)
    local e0 = energy(b, 5)
    for s = 0, n - 1 do
        advance(b, 5, 0.01)
    end
    local e1 = energy(b, 5)
    return e0 + e1
end

local n = tonumber(arg[1]) or 1000
local t0 = now()
local r = kernel(n)
local t1 = now()
print(string.format("%.17g %.6f", r, t1 - t0))
