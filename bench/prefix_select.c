/* prefix_select.c: a micro-benchmark of the selection at the end of prefix_vals
 * (stages/neardup.c): the p values of a query taken in the order of h by their frequency
 * class. Three versions on the same random inputs (n 100..128 values, p = n - ceil(0.8 n) + 5,
 * classes skewed as frequencies are): the branch-free loops of session 12 (old), a bit walk per
 * sixteen lanes (new: fewer instructions, slower: its loop exit is mispredicted about once a
 * chunk), and a bit walk per 64-bit word (new2, what neardup.c does). Build and run:
 *   cc -O2 -msse2 -o /tmp/prefix_select bench/prefix_select.c && /tmp/prefix_select
 * Session 13 (shared machine, CPU time of the thread): old 91-104, new 105-111, new2 42-45 ns a
 * call. */
#include <emmintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#define K 128
static uint64_t rs = 88172645463325252ull;
static uint64_t rnd(void) { rs ^= rs << 13; rs ^= rs >> 7; rs ^= rs << 17; return rs; }
static int cmpu(const void *a, const void *b) { uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b; return (x > y) - (x < y); }
typedef struct { uint32_t h[K]; uint8_t cls[K]; uint32_t n, p, c; int whole; } inp;
__attribute__((noinline)) static uint32_t sel_old(const inp *in, uint32_t *out) {
  const uint32_t *h = in->h; const uint8_t *cls = in->cls; uint32_t n = in->n, p = in->p, c = in->c, k = 0;
  if (in->whole) { for (uint32_t i = 0; k < p; i++) { out[k] = h[i]; k += cls[i] <= c; } return k; }
  for (uint32_t i = 0; i < n; i++) { out[k] = h[i]; k += cls[i] < c; }
  for (uint32_t i = 0; k < p; i++) if (cls[i] == c) out[k++] = h[i];
  return k;
}
__attribute__((noinline)) static uint32_t sel_new(const inp *in, uint32_t *out) {
  const uint32_t *h = in->h; const uint8_t *cls = in->cls; uint32_t n = in->n, p = in->p, c = in->c, k = 0;
  const __m128i cc = _mm_set1_epi8((char)c);
  const int whole = in->whole;
  for (uint32_t i = 0; i < n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(cls + i));
    __m128i le = _mm_cmpeq_epi8(_mm_min_epu8(v, cc), v);
    if (!whole) le = _mm_andnot_si128(_mm_cmpeq_epi8(v, cc), le);
    unsigned m = (unsigned)_mm_movemask_epi8(le);
    if (n - i < 16) m &= (1u << (n - i)) - 1;
    for (; m; m &= m - 1) out[k++] = h[i + (unsigned)__builtin_ctz(m)];
  }
  if (whole) return k;
  for (uint32_t i = 0; k < p; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(cls + i));
    unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, cc));
    if (n - i < 16) m &= (1u << (n - i)) - 1;
    for (; m && k < p; m &= m - 1) out[k++] = h[i + (unsigned)__builtin_ctz(m)];
  }
  return k;
}
__attribute__((noinline)) static uint32_t sel_new2(const inp *in, uint32_t *out) {
  const uint32_t *h = in->h; const uint8_t *cls = in->cls; uint32_t n = in->n, p = in->p, c = in->c, k = 0;
  const __m128i cc = _mm_set1_epi8((char)c);
  const int whole = in->whole;
  uint64_t le[2] = {0, 0}, eq[2] = {0, 0};
  for (uint32_t i = 0; i < n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(cls + i));
    __m128i e = _mm_cmpeq_epi8(v, cc);
    __m128i l = _mm_cmpeq_epi8(_mm_min_epu8(v, cc), v);
    if (!whole) l = _mm_andnot_si128(e, l);
    le[i >> 6] |= (uint64_t)(unsigned)_mm_movemask_epi8(l) << (i & 63);
    eq[i >> 6] |= (uint64_t)(unsigned)_mm_movemask_epi8(e) << (i & 63);
  }
  for (uint32_t w = 0; w < 2; w++) { /* lanes past n left out (as in neardup.c) */
    uint32_t lanes = n > 64 * w ? n - 64 * w : 0;
    uint64_t valid = lanes >= 64 ? ~0ull : ((uint64_t)1 << lanes) - 1;
    le[w] &= valid, eq[w] &= valid;
  }
  for (int w = 0; w < 2; w++)
    for (uint64_t m = le[w]; m; m &= m - 1) out[k++] = h[w * 64 + (unsigned)__builtin_ctzll(m)];
  if (whole) return k;
  for (int w = 0; k < p; w++)
    for (uint64_t m = eq[w]; m && k < p; m &= m - 1) out[k++] = h[w * 64 + (unsigned)__builtin_ctzll(m)];
  return k;
}
int main(void) {
  int N = 4096; inp *in = malloc(N * sizeof *in);
  for (int t = 0; t < N; t++) {
    inp *x = &in[t]; x->n = 100 + rnd() % 29; 
    for (uint32_t i = 0; i < x->n; i++) x->h[i] = (uint32_t)rnd();
    qsort(x->h, x->n, 4, cmpu);
    /* classes: skewed, as frequencies: many low, few high */
    for (uint32_t i = 0; i < x->n; i++) { uint64_t r = rnd() % 100; x->cls[i] = r < 20 ? 1 + rnd() % 3 : r < 50 ? 4 + rnd() % 20 : 24 + rnd() % 200; }
    for (uint32_t i = x->n; i < K; i++) x->cls[i] = 0;
    x->p = x->n - (x->n * 800 + 999) / 1000 + 1 + 4;
    uint32_t cnt[256] = {0}; for (uint32_t i = 0; i < x->n; i++) cnt[x->cls[i]]++;
    uint32_t below = 0, c = 0; while (below + cnt[c] < x->p) below += cnt[c++];
    x->c = c; x->whole = below + cnt[c] == x->p;
  }
  uint32_t out[2][K + 16]; long sum = 0;
  for (int t = 0; t < N; t++) { uint32_t a = sel_old(&in[t], out[0]), b = sel_new2(&in[t], out[1]); if (a != b || memcmp(out[0], out[1], a * 4)) { printf("differ %d\n", t); return 1; } }
  for (int rep = 0; rep < 3; rep++) for (int which = 0; which < 3; which++) {
    struct timespec a, b; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    for (int r = 0; r < 500; r++) for (int t = 0; t < N; t++) sum += which == 2 ? sel_new2(&in[t], out[1]) : which ? sel_new(&in[t], out[1]) : sel_old(&in[t], out[0]);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
    printf("%s %.1f ns/call\n", which == 2 ? "new2" : which ? "new" : "old", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / (500.0 * N));
  }
  return (int)(sum & 0);
}
