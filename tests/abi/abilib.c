/* C side of tests/abi/test_abi_gcc.py: one struct of each x86-64 SysV class,
   passed and returned by value, in varargs and through function pointers. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef struct { int a; } S1;                         /* INTEGER (4 bytes) */
typedef struct { int a, b; } S2;                      /* INTEGER (8 bytes) */
typedef struct { double x, y; } DD;                   /* SSE, SSE */
typedef struct { float x, y, z; } FFF;                /* SSE (<2 x float>), SSE (float) */
typedef struct { int a; double b; } ID;               /* INTEGER, SSE */
typedef struct { int8_t c[3]; } C3;                   /* INTEGER (i24) */
typedef struct { int64_t a; double b; int32_t c; } S24;   /* MEMORY, 24 bytes */
typedef struct { int64_t a, b; double c, d; int32_t e; } S40;  /* MEMORY, 40 bytes */
typedef struct { float x; int y; } Inner;
typedef struct { Inner in; double d; } Nest;          /* INTEGER, SSE (nested) */
typedef struct { int8_t tag; int16_t s; float f[2]; } Arr;  /* INTEGER, SSE (array) */
typedef struct { int kind; union { int i; float f; double d; } u; } U;  /* INTEGER, INTEGER */
typedef struct { float a, b; double c; } FD;          /* SSE, SSE */
typedef struct { int8_t c; double d; } CD;            /* INTEGER, SSE */

/* ---- by value in and out: C called from terra / Lua ---- */
S1 s1_op(S1 p, S1 q) { S1 r = { p.a * 3 + q.a }; return r; }
S2 s2_op(S2 p, S2 q) { S2 r = { p.a + q.b, p.b - q.a }; return r; }
DD dd_op(DD p, DD q) { DD r = { p.x + q.y, p.y * q.x }; return r; }
FFF fff_op(FFF p, FFF q) { FFF r = { p.x + q.z, p.y - q.y, p.z * q.x }; return r; }
ID id_op(ID p, ID q) { ID r = { p.a - q.a, p.b + q.b }; return r; }
C3 c3_op(C3 p, C3 q) { C3 r = {{ p.c[0] + q.c[2], p.c[1] - q.c[1], p.c[2] * q.c[0] }}; return r; }
S24 s24_op(S24 p, S24 q) { S24 r = { p.a * q.c, p.b - q.b, p.c + (int)q.a }; return r; }
S40 s40_op(S40 p, S40 q) { S40 r = { p.a + q.b, p.b - q.a, p.c * q.d, p.d + q.c, p.e - q.e }; return r; }
Nest nest_op(Nest p, Nest q) { Nest r = { { p.in.x + q.in.x, p.in.y * q.in.y }, p.d - q.d }; return r; }
Arr arr_op(Arr p, Arr q) { Arr r = { p.tag + q.tag, p.s - q.s, { p.f[0] * q.f[1], p.f[1] + q.f[0] } }; return r; }
U u_op(U p, U q) {  /* kind 0: int, 1: float, 2: double */
    U r; r.kind = p.kind;
    if (p.kind == 0) r.u.i = p.u.i + q.u.i;
    else if (p.kind == 1) r.u.f = p.u.f * q.u.f;
    else r.u.d = p.u.d - q.u.d;
    return r;
}
FD fd_op(FD p, FD q) { FD r = { p.a + q.b, p.b * q.a, p.c - q.c }; return r; }
CD cd_op(CD p, CD q) { CD r = { (int8_t)(p.c - q.c), p.d * q.d }; return r; }

/* many arguments: registers run out, the rest go on the stack */
double many_op(ID a, DD b, S24 c, FFF d, S2 e, Nest f, int g, double h, CD i, S1 j) {
    return a.a + a.b * 2 + b.x * 3 + b.y * 4 + c.a * 5 + c.b * 6 + c.c * 7 + d.x * 8 + d.y * 9
         + d.z * 10 + e.a * 11 + e.b * 12 + f.in.x * 13 + f.in.y * 14 + f.d * 15 + g * 16
         + h * 17 + i.c * 18 + i.d * 19 + j.a * 20;
}

/* many arguments, none of class MEMORY: SSE registers run out */
double many2_op(ID a, DD b, FFF d, S2 e, Nest f, int g, double h, CD i, S1 j, DD k) {
    return a.a + a.b * 2 + b.x * 3 + b.y * 4 + d.x * 5 + d.y * 6 + d.z * 7 + e.a * 8 + e.b * 9
         + f.in.x * 10 + f.in.y * 11 + f.d * 12 + g * 13 + h * 14 + i.c * 15 + i.d * 16 + j.a * 17
         + k.x * 18 + k.y * 19;
}
double apply_many2(double (*fn)(ID, DD, FFF, S2, Nest, int, double, CD, S1, DD),
                   ID a, DD b, FFF d, S2 e, Nest f, int g, double h, CD i, S1 j, DD k) {
    return fn(a, b, d, e, f, g, h, i, j, k);
}

/* ---- scalars: sign and zero extension ---- */
int32_t i8_widen(int8_t x) { return x; }
int32_t i16_widen(int16_t x) { return x; }
uint32_t u8_widen(uint8_t x) { return x; }
uint32_t u16_widen(uint16_t x) { return x; }
int32_t bool_widen(bool b) { return b ? 7 : 3; }
int8_t i8_neg(int8_t x) { return (int8_t)-x; }
int16_t i16_neg(int16_t x) { return (int16_t)-x; }
uint8_t u8_not(uint8_t x) { return (uint8_t)~x; }
bool is_neg(int x) { return x < 0; }
int64_t mix_scalars(int8_t a, uint8_t b, int16_t c, uint16_t d, bool e, int32_t f, int64_t g,
                    float h, double i) {
    return a * 1 + b * 10 + c * 100 + d * 1000 + (e ? 10000 : 0) + f * 3 + g * 5 + (int64_t)(h * 4) + (int64_t)(i * 8);
}

/* ---- varargs: fmt letter per argument ---- */
double va_checksum(const char *fmt, ...) {
    va_list ap; va_start(ap, fmt);
    double s = 0; int k = 1;
    for (const char *p = fmt; *p; p++, k++) {
        switch (*p) {
        case 'i': s += k * va_arg(ap, int); break;
        case 'l': s += k * (double)va_arg(ap, int64_t); break;
        case 'd': case 'f': s += k * va_arg(ap, double); break;
        case 'I': { ID v = va_arg(ap, ID); s += k * (v.a + 2 * v.b); break; }
        case 'D': { DD v = va_arg(ap, DD); s += k * (v.x + 2 * v.y); break; }
        case 'F': { FFF v = va_arg(ap, FFF); s += k * (v.x + 2 * v.y + 3 * v.z); break; }
        case 'S': { S2 v = va_arg(ap, S2); s += k * (v.a + 2 * v.b); break; }
        case 'M': { S40 v = va_arg(ap, S40); s += k * (v.a + 2 * v.b + 3 * v.c + 4 * v.d + 5 * v.e); break; }
        case 'C': { C3 v = va_arg(ap, C3); s += k * (v.c[0] + 2 * v.c[1] + 3 * v.c[2]); break; }
        }
    }
    va_end(ap);
    return s;
}

/* ---- C calls terra (or Lua) through function pointers ---- */
#define APPLY(T, name) T apply_##name(T (*f)(T, T), T p, T q) { return f(p, q); }
APPLY(S1, s1) APPLY(S2, s2) APPLY(DD, dd) APPLY(FFF, fff) APPLY(ID, id) APPLY(C3, c3)
APPLY(S24, s24) APPLY(S40, s40) APPLY(Nest, nest) APPLY(Arr, arr) APPLY(U, u) APPLY(FD, fd)
APPLY(CD, cd)

/* C checks a terra implementation of <name>_op against its own: 1 when equal */
#define CHECK(T, name) int check_##name(T (*f)(T, T), T p, T q) { \
    T want = name##_op(p, q), got = f(p, q); \
    return memcmp(&want, &got, sizeof(T)) == 0; }
/* (padding-free structs only: memcmp compares every byte) */
CHECK(S1, s1) CHECK(S2, s2) CHECK(DD, dd) CHECK(FFF, fff) CHECK(C3, c3) CHECK(S40, s40)
CHECK(FD, fd)

double apply_many(double (*f)(ID, DD, S24, FFF, S2, Nest, int, double, CD, S1),
                  ID a, DD b, S24 c, FFF d, S2 e, Nest f_, int g, double h, CD i, S1 j) {
    return f(a, b, c, d, e, f_, g, h, i, j);
}

int32_t apply_i8(int8_t (*f)(int8_t), int8_t x) { return f(x); }
int32_t apply_i16(int16_t (*f)(int16_t), int16_t x) { return f(x); }
uint32_t apply_u8(uint8_t (*f)(uint8_t), uint8_t x) { return f(x); }
int32_t apply_bool(bool (*f)(int), int x) { return f(x) ? 100 : 200; }
int32_t apply_bool_arg(int32_t (*f)(bool), int x) { return f(x != 0); }
int64_t apply_mix(int64_t (*f)(int8_t, uint8_t, int16_t, uint16_t, bool, int32_t, int64_t, float, double)) {
    return f(-5, 250, -300, 65000, true, -7, 1LL << 40, 2.5f, -1.25);
}

/* Lua callbacks: structs behind pointers */
double apply_ptr(void (*f)(const ID *, DD *), ID p) {
    DD out = { 0, 0 }; f(&p, &out); return out.x * 10 + out.y;
}
double apply_scalar_cb(double (*f)(int, double, int8_t), int a, double b) { return f(a, b, -3); }

