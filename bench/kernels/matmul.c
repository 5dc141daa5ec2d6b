/* matmul: naive n x n double matrix multiply C = A * B (i, j, k loop order, k innermost).
   A[i][j] = (i - j) / n, B[i][j] = (i + 2j) / n.  checksum = sum of C[i][j] * (1 + (i+j) % 7). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double matmul_kernel(int n) {
    double *a = (double *)malloc((unsigned long)n * (unsigned long)n * 8);
    double *b = (double *)malloc((unsigned long)n * (unsigned long)n * 8);
    double *c = (double *)malloc((unsigned long)n * (unsigned long)n * 8);
    for (int i = 0; i < n; i = i + 1) {
        for (int j = 0; j < n; j = j + 1) {
            a[i * n + j] = (double)(i - j) / (double)n;
            b[i * n + j] = (double)(i + 2 * j) / (double)n;
        }
    }
    for (int i = 0; i < n; i = i + 1) {
        for (int j = 0; j < n; j = j + 1) {
            double s = 0.0;
            for (int k = 0; k < n; k = k + 1) {
                s = s + a[i * n + k] * b[k * n + j];
            }
            c[i * n + j] = s;
        }
    }
    double sum = 0.0;
    for (int i = 0; i < n; i = i + 1) {
        for (int j = 0; j < n; j = j + 1) {
            sum = sum + c[i * n + j] * (double)(1 + (i + j) % 7);
        }
    }
    free(a);
    free(b);
    free(c);
    return sum;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 100;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double r = matmul_kernel(n);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.17g %.6f\n", r, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9);
    return 0;
}
