/* spectralnorm: the Benchmarks Game spectral-norm (10 power iterations).
   checksum = sqrt(vBv / vv). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double eval_a(int i, int j) {
    return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1);
}

void mul_av(int n, double *v, double *av) {
    for (int i = 0; i < n; i = i + 1) {
        double s = 0.0;
        for (int j = 0; j < n; j = j + 1) {
            s = s + eval_a(i, j) * v[j];
        }
        av[i] = s;
    }
}

void mul_atv(int n, double *v, double *atv) {
    for (int i = 0; i < n; i = i + 1) {
        double s = 0.0;
        for (int j = 0; j < n; j = j + 1) {
            s = s + eval_a(j, i) * v[j];
        }
        atv[i] = s;
    }
}

void mul_atav(int n, double *v, double *out, double *tmp) {
    mul_av(n, v, tmp);
    mul_atv(n, tmp, out);
}

double spectralnorm_kernel(int n) {
    double *u = (double *)malloc((unsigned long)n * 8);
    double *v = (double *)malloc((unsigned long)n * 8);
    double *tmp = (double *)malloc((unsigned long)n * 8);
    for (int i = 0; i < n; i = i + 1) {
        u[i] = 1.0;
    }
    for (int i = 0; i < 10; i = i + 1) {
        mul_atav(n, u, v, tmp);
        mul_atav(n, v, u, tmp);
    }
    double vbv = 0.0;
    double vv = 0.0;
    for (int i = 0; i < n; i = i + 1) {
        vbv = vbv + u[i] * v[i];
        vv = vv + v[i] * v[i];
    }
    free(u);
    free(v);
    free(tmp);
    return sqrt(vbv / vv);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 100;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double r = spectralnorm_kernel(n);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.17g %.6f\n", r, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9);
    return 0;
}
