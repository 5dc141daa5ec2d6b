/* fannkuch: the Benchmarks Game fannkuch-redux (single-threaded, Oleg Mazurov's permutation order).
   checksum = 100 * checksum + maxflips. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double fannkuch_kernel(int n) {
    int perm[16];
    int perm1[16];
    int count[16];
    int maxflips = 0;
    int checksum = 0;
    int permcount = 0;
    int r = n;
    for (int i = 0; i < n; i = i + 1) {
        perm1[i] = i;
    }
    while (1) {
        while (r != 1) {
            count[r - 1] = r;
            r = r - 1;
        }
        for (int i = 0; i < n; i = i + 1) {
            perm[i] = perm1[i];
        }
        int flips = 0;
        int k = perm[0];
        while (k != 0) {
            int i = 0;
            int j = k;
            while (i < j) {
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
                i = i + 1;
                j = j - 1;
            }
            flips = flips + 1;
            k = perm[0];
        }
        if (flips > maxflips) {
            maxflips = flips;
        }
        if (permcount % 2 == 0) {
            checksum = checksum + flips;
        } else {
            checksum = checksum - flips;
        }
        while (1) {
            if (r == n) {
                return 100.0 * (double)checksum + (double)maxflips;
            }
            int perm0 = perm1[0];
            for (int i = 0; i < r; i = i + 1) {
                perm1[i] = perm1[i + 1];
            }
            perm1[r] = perm0;
            count[r] = count[r] - 1;
            if (count[r] > 0) {
                break;
            }
            r = r + 1;
        }
        permcount = permcount + 1;
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 7;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double r = fannkuch_kernel(n);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.17g %.6f\n", r, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9);
    return 0;
}
