-- nbody: the Computer Language Benchmarks Game n-body simulation (5 bodies, dt = 0.01).
-- checksum = energy before + energy after n steps. Mirrors nbody.c.

local sqrt = terralib.externfunction("sqrt", {double} -> double)

struct Body {
    x : double;
    y : double;
    z : double;
    vx : double;
    vy : double;
    vz : double;
    mass : double;
}

terra setbody(b : &Body, x : double, y : double, z : double,
              vx : double, vy : double, vz : double, mass : double)
    b.x = x
    b.y = y
    b.z = z
    b.vx = vx * 365.24
    b.vy = vy * 365.24
    b.vz = vz * 365.24
    b.mass = mass * (4.0 * 3.141592653589793 * 3.141592653589793)
end

terra offset_momentum(b : &Body, nb : int)
    var px = 0.0
    var py = 0.0
    var pz = 0.0
    for i = 0, nb do
        px = px + b[i].vx * b[i].mass
        py = py + b[i].vy * b[i].mass
        pz = pz + b[i].vz * b[i].mass
    end
    b[0].vx = -px / (4.0 * 3.141592653589793 * 3.141592653589793)
    b[0].vy = -py / (4.0 * 3.141592653589793 * 3.141592653589793)
    b[0].vz = -pz / (4.0 * 3.141592653589793 * 3.141592653589793)
end

terra energy(b : &Body, nb : int) : double
    var e = 0.0
    for i = 0, nb do
        e = e + 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz)
        for j = i + 1, nb do
            var dx = b[i].x - b[j].x
            var dy = b[i].y - b[j].y
            var dz = b[i].z - b[j].z
            e = e - (b[i].mass * b[j].mass) / sqrt(dx * dx + dy * dy + dz * dz)
        end
    end
    return e
end

terra advance(b : &Body, nb : int, dt : double)
    for i = 0, nb do
        for j = i + 1, nb do
            var dx = b[i].x - b[j].x
            var dy = b[i].y - b[j].y
            var dz = b[i].z - b[j].z
            var d2 = dx * dx + dy * dy + dz * dz
            var mag = dt / (d2 * sqrt(d2))
            var mi = b[i].mass * mag
            var mj = b[j].mass * mag
            b[i].vx = b[i].vx - dx * mj
            b[i].vy = b[i].vy - dy * mj
            b[i].vz = b[i].vz - dz * mj
            b[j].vx = b[j].vx + dx * mi
            b[j].vy = b[j].vy + dy * mi
            b[j].vz = b[j].vz + dz * mi
        end
    end
    for i = 0, nb do
        b[i].x = b[i].x + dt * b[i].vx
        b[i].y = b[i].y + dt * b[i].vy
        b[i].z = b[i].z + dt * b[i].vz
    end
end

terra kernel(n : int) : double
    var b : Body[5]
    setbody(&b[0], 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)
    setbody(&b[1], 4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
            1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
            9.54791938424326609e-04)
    setbody(&b[2], 8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
            -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
            2.85885980666130812e-04)
    setbody(&b[3], 1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
            2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
            4.36624404335156298e-05)
    setbody(&b[4], 1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
            2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
            5.15138902046611451e-05)
    offset_momentum(&b[0], 5)
    var e0 = energy(&b[0], 5)
    for s = 0, n do
        advance(&b[0], 5, 0.01)
    end
    var e1 = energy(&b[0], 5)
    return e0 + e1
end

local n = tonumber(arg[1]) or 1000
kernel:compile()
local t0 = terralib.currenttimeinseconds()
local r = kernel(n)
local t1 = terralib.currenttimeinseconds()
print(string.format("%.17g %.6f", r, t1 - t0))
