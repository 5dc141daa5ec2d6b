/* mandelbrot: n x n grid over [-1.5,0.5] x [-1,1], at most 50 iterations, escape at |z| > 2.
   checksum = number of points that never escape + 1e-6 * total iterations. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double mandelbrot_kernel(int n) {
    int inside = 0;
    int iters = 0;
    for (int y = 0; y < n; y = y + 1) {
        double ci = 2.0 * (double)y / (double)n - 1.0;
        for (int x = 0; x < n; x = x + 1) {
            double cr = 2.0 * (double)x / (double)n - 1.5;
            double zr = 0.0;
            double zi = 0.0;
            double tr = 0.0;
            double ti = 0.0;
            int k = 0;
            while (k < 50 && tr + ti <= 4.0) {
                zi = 2.0 * zr * zi + ci;
                zr = tr - ti + cr;
                tr = zr * zr;
                ti = zi * zi;
                k = k + 1;
            }
            if (tr + ti <= 4.0) {
                inside = inside + 1;
            }
            iters = iters + k;
        }
    }
    return (double)inside + 1e-6 * (double)iters;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 200;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double r = mandelbrot_kernel(n);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.17g %.6f\n", r, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9);
    return 0;
}
