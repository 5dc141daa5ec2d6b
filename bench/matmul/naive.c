/* Naive triple-loop double matrix multiply (i-k-j order), for reference. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
    int n = atoi(argv[1]);
    double *a = aligned_alloc(64, sizeof(double) * n * n), *b = aligned_alloc(64, sizeof(double) * n * n);
    double *c = aligned_alloc(64, sizeof(double) * n * n);
    for (int i = 0; i < n * n; i++) { a[i] = ((i * 7) % 17) / 17.0 - 0.5; b[i] = ((i * 11) % 17) / 17.0 - 0.5; }
    double best = 1e30;
    for (int round = 0; round < 3; round++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int i = 0; i < n * n; i++) c[i] = 0;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
                for (int j = 0; j < n; j++)
                    c[i * n + j] += a[i * n + k] * b[k * n + j];
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
        if (s < best) best = s;
    }
    printf("%d %.3f\n", n, 2.0 * n * n * n / best / 1e9);
    return 0;
}
