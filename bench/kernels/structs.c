/* structs: 64 charged particles integrated with small Vec3 structs passed and returned by value:
   a = q (v x B) - k p - gamma v + g;  v += a dt;  p += v dt  (semi-implicit Euler).
   checksum = sum over steps and particles of |v|^2 * dt + final sum of |p|^2. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct Vec3 {
    double x;
    double y;
    double z;
};

struct Vec3 vec3(double x, double y, double z) {
    struct Vec3 r;
    r.x = x;
    r.y = y;
    r.z = z;
    return r;
}

struct Vec3 vadd(struct Vec3 a, struct Vec3 b) {
    return vec3(a.x + b.x, a.y + b.y, a.z + b.z);
}

struct Vec3 vsub(struct Vec3 a, struct Vec3 b) {
    return vec3(a.x - b.x, a.y - b.y, a.z - b.z);
}

struct Vec3 vscale(struct Vec3 a, double s) {
    return vec3(a.x * s, a.y * s, a.z * s);
}

double vdot(struct Vec3 a, struct Vec3 b) {
    return a.x * b.x + a.y * b.y + a.z * b.z;
}

struct Vec3 vcross(struct Vec3 a, struct Vec3 b) {
    return vec3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}

struct Vec3 accel(struct Vec3 p, struct Vec3 v, struct Vec3 b, struct Vec3 g, double k) {
    struct Vec3 lorentz = vcross(v, b);
    struct Vec3 spring = vscale(p, k);
    struct Vec3 drag = vscale(v, 0.05);
    return vadd(vsub(vsub(lorentz, spring), drag), g);
}

double structs_kernel(int n) {
    struct Vec3 pos[64];
    struct Vec3 vel[64];
    for (int i = 0; i < 64; i = i + 1) {
        double fi = (double)i;
        pos[i] = vec3(1.0 + 0.01 * fi, 0.5 - 0.02 * fi, 0.25 * fi / 64.0);
        vel[i] = vec3(0.01 * fi, -0.3, 0.2 - 0.005 * fi);
    }
    struct Vec3 b = vec3(0.3, -0.2, 1.0);
    struct Vec3 g = vec3(0.0, 0.0, -0.1);
    double dt = 0.001;
    double e = 0.0;
    for (int s = 0; s < n; s = s + 1) {
        for (int i = 0; i < 64; i = i + 1) {
            struct Vec3 p = pos[i];
            struct Vec3 v = vel[i];
            struct Vec3 a = accel(p, v, b, g, 1.0 + 0.01 * (double)i);
            v = vadd(v, vscale(a, dt));
            p = vadd(p, vscale(v, dt));
            e = e + vdot(v, v) * dt;
            pos[i] = p;
            vel[i] = v;
        }
    }
    for (int i = 0; i < 64; i = i + 1) {
        e = e + vdot(pos[i], pos[i]);
    }
    return e;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double r = structs_kernel(n);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.17g %.6f\n", r, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9);
    return 0;
}
