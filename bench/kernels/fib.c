/* fib: naive doubly recursive Fibonacci. checksum = fib(n). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int fib(int n) {
    if (n < 2) {
        return n;
    }
    return fib(n - 1) + fib(n - 2);
}

double fib_kernel(int n) {
    return (double)fib(n);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 40;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double r = fib_kernel(n);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.17g %.6f\n", r, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9);
    return 0;
}
