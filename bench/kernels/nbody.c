/* nbody: the Computer Language Benchmarks Game n-body simulation (5 bodies, dt = 0.01).
   checksum = energy before + energy after n steps. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct Body {
    double x;
    double y;
    double z;
    double vx;
    double vy;
    double vz;
    double mass;
};

#define PI 3.141592653589793
#define SOLAR_MASS (4.0 * PI * PI)
#define DAYS_PER_YEAR 365.24

void setbody(struct Body *b, double x, double y, double z,
             double vx, double vy, double vz, double mass) {
    b->x = x;
    b->y = y;
    b->z = z;
    b->vx = vx * DAYS_PER_YEAR;
    b->vy = vy * DAYS_PER_YEAR;
    b->vz = vz * DAYS_PER_YEAR;
    b->mass = mass * SOLAR_MASS;
}

void offset_momentum(struct Body *b, int nb) {
    double px = 0.0;
    double py = 0.0;
    double pz = 0.0;
    for (int i = 0; i < nb; i = i + 1) {
        px = px + b[i].vx * b[i].mass;
        py = py + b[i].vy * b[i].mass;
        pz = pz + b[i].vz * b[i].mass;
    }
    b[0].vx = -px / SOLAR_MASS;
    b[0].vy = -py / SOLAR_MASS;
    b[0].vz = -pz / SOLAR_MASS;
}

double energy(struct Body *b, int nb) {
    double e = 0.0;
    for (int i = 0; i < nb; i = i + 1) {
        e = e + 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < nb; j = j + 1) {
            double dx = b[i].x - b[j].x;
            double dy = b[i].y - b[j].y;
            double dz = b[i].z - b[j].z;
            e = e - (b[i].mass * b[j].mass) / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

void advance(struct Body *b, int nb, double dt) {
    for (int i = 0; i < nb; i = i + 1) {
        for (int j = i + 1; j < nb; j = j + 1) {
            double dx = b[i].x - b[j].x;
            double dy = b[i].y - b[j].y;
            double dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * sqrt(d2));
            double mi = b[i].mass * mag;
            double mj = b[j].mass * mag;
            b[i].vx = b[i].vx - dx * mj;
            b[i].vy = b[i].vy - dy * mj;
            b[i].vz = b[i].vz - dz * mj;
            b[j].vx = b[j].vx + dx * mi;
            b[j].vy = b[j].vy + dy * mi;
            b[j].vz = b[j].vz + dz * mi;
        }
    }
    for (int i = 0; i < nb; i = i + 1) {
        b[i].x = b[i].x + dt * b[i].vx;
        b[i].y = b[i].y + dt * b[i].vy;
        b[i].z = b[i].z + dt * b[i].vz;
    }
}

double nbody_kernel(int n) {
    struct Body b[5];
    setbody(&b[0], 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0);
    setbody(&b[1], 4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
            1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
            9.54791938424326609e-04);
    setbody(&b[2], 8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
            -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
            2.85885980666130812e-04);
    setbody(&b[3], 1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
            2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
            4.36624404335156298e-05);
    setbody(&b[4], 1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
            2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
            5.15138902046611451e-05);
    offset_momentum(b, 5);
    double e0 = energy(b, 5);
    for (int s = 0; s < n; s = s + 1) {
        advance(b, 5, 0.01);
    }
    double e1 = energy(b, 5);
    return e0 + e1;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double r = nbody_kernel(n);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.17g %.6f\n", r, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9);
    return 0;
}
