/* simd.h: the choice, once a run, between the SSE2 byte loops and their AVX2 versions.
 *
 * The build targets SSE2 only (the binary must run on a CPU without AVX2): the AVX2 loops are
 * functions with __attribute__((target("avx2"))), called where qg_simd_avx2() is true: the CPU
 * has AVX2 and the environment variable QG_SIMD is not "sse2" (docs/testing.md). Each AVX2 loop
 * reads thirty-two bytes a step and leaves the rest (its last bytes, a step that stops) to the
 * SSE2 loop, so both give the same result; a build with -DQG_CHECK_AVX runs both on every call
 * and aborts where they differ (session 51). */
#ifndef QG_SIMD_H
#define QG_SIMD_H

#include <stdbool.h>

#if defined(__SSE2__) && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define QG_HAVE_AVX2 1
#include <immintrin.h>
#include <stdatomic.h>
#define QG_AVX2 __attribute__((target("avx2")))

/* 0 not yet asked, 1 SSE2, 2 AVX2 (utf8.c) */
extern _Atomic int qg_simd_level_;
int qg_simd_init(void);

/* Whether the AVX2 loops run: a relaxed load once the first call has asked the CPU. */
static inline bool qg_simd_avx2(void) {
  int l = atomic_load_explicit(&qg_simd_level_, memory_order_relaxed);
  if (__builtin_expect(!l, 0)) l = qg_simd_init();
  return l == 2;
}
#else
#define QG_HAVE_AVX2 0
static inline bool qg_simd_avx2(void) { return false; }
#endif

#endif
