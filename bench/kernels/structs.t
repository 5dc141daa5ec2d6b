-- structs: 64 charged particles integrated with small Vec3 structs passed and returned by value:
-- a = q (v x B) - k p - gamma v + g;  v += a dt;  p += v dt  (semi-implicit Euler).
-- checksum = sum over steps and particles of |v|^2 * dt + final sum of |p|^2. Mirrors structs.c.

struct Vec3 {
    x : double;
    y : double;
    z : double;
}

terra vec3(x : double, y : double, z : double) : Vec3
    var r : Vec3
    r.x = x
    r.y = y
    r.z = z
    return r
end

terra vadd(a : Vec3, b : Vec3) : Vec3
    return vec3(a.x + b.x, a.y + b.y, a.z + b.z)
end

terra vsub(a : Vec3, b : Vec3) : Vec3
    return vec3(a.x - b.x, a.y - b.y, a.z - b.z)
end

terra vscale(a : Vec3, s : double) : Vec3
    return vec3(a.x * s, a.y * s, a.z * s)
end

terra vdot(a : Vec3, b : Vec3) : double
    return a.x * b.x + a.y * b.y + a.z * b.z
end

terra vcross(a : Vec3, b : Vec3) : Vec3
    return vec3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
end

terra accel(p : Vec3, v : Vec3, b : Vec3, g : Vec3, k : double) : Vec3
    var lorentz = vcross(v, b)
    var spring = vscale(p, k)
    var drag = vscale(v, 0.05)
    return vadd(vsub(vsub(lorentz, spring), drag), g)
end

terra kernel(n : int) : double
    var pos : Vec3[64]
    var vel : Vec3[64]
    for i = 0, 64 do
        var fi = [double](i)
        pos[i] = vec3(1.0 + 0.01 * fi, 0.5 - 0.02 * fi, 0.25 * fi / 64.0)
        vel[i] = vec3(0.01 * fi, -0.3, 0.2 - 0.005 * fi)
    end
    var b = vec3(0.3, -0.2, 1.0)
    var g = vec3(0.0, 0.0, -0.1)
    var dt = 0.001
    var e = 0.0
    for s = 0, n do
        for i = 0, 64 do
            var p = pos[i]
            var v = vel[i]
            var a = accel(p, v, b, g, 1.0 + 0.01 * [double](i))
            v = vadd(v, vscale(a, dt))
            p = vadd(p, vscale(v, dt))
            e = e + vdot(v, v) * dt
            pos[i] = p
            vel[i] = v
        end
    end
    for i = 0, 64 do
        e = e + vdot(pos[i], pos[i])
    end
    return e
end

local n = tonumber(arg[1]) or 1000
kernel:compile()
local t0 = terralib.currenttimeinseconds()
local r = kernel(n)
local t1 = terralib.currenttimeinseconds()
print(string.format("%.17g %.6f", r, t1 - t0))
