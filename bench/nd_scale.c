/* nd_scale.c: scale of the near-duplicate index (stages/neardup.c).
 *   nd_scale N [QUERIES [CORPUS]]
 * Generates N synthetic paragraphs of 80-300 characters (one in ten an edited copy of an
 * earlier one with 5% of its characters changed), fingerprints and indexes them, then
 * queries QUERIES new paragraphs (half of them edited copies of indexed ones) for their
 * earliest near match (qg_ndx_first, as the dedup stage asks). With CORPUS (a
 * UTF-8 text file, e.g. Chinese prose extracted from installed documentation by
 * bench/dedup_scale.sh), characters come from an order-2 Markov chain over its code points,
 * so character pairs and triples are as frequent as in real text; without it, from 3000 Han
 * characters with a Zipf distribution. Prints one line of
 *   paragraphs, build seconds (fingerprints + index), index-only seconds, queries per second,
 *   near hits among the queries, bytes of index per paragraph
 * No text is kept: only the fingerprints of the edited bases, so memory is the index's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "neardup.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)(rng >> 16);
}

enum { VOCAB = 3000, MAXLEN = 300 };
static double cdf[VOCAB];

/* the Markov chain: corpus code points, and their positions sorted by the pair before them */
static uint32_t *corp;
static size_t ncorp;
static uint32_t *bypair; /* positions p (p >= 2) sorted by (corp[p-2], corp[p-1]) */
static uint32_t prev1, prev2;

static uint64_t pair_key(size_t p) { return (uint64_t)corp[p - 2] << 32 | corp[p - 1]; }
static int cmp_pos(const void *a, const void *b) {
  uint64_t x = pair_key(*(const uint32_t *)a), y = pair_key(*(const uint32_t *)b);
  return (x > y) - (x < y);
}

static uint32_t markov_char(void) {
  uint64_t key = (uint64_t)prev2 << 32 | prev1;
  size_t lo = 0, hi = ncorp - 2;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (pair_key(bypair[mid]) < key) lo = mid + 1;
    else hi = mid;
  }
  size_t first = lo;
  if (first >= ncorp - 2 || pair_key(bypair[first]) != key) {
    size_t p = 2 + rnd() % (ncorp - 2); /* unseen pair: restart anywhere */
    prev2 = corp[p - 1];
    prev1 = corp[p];
    return prev1;
  }
  size_t last = first;
  hi = ncorp - 2;
  lo = first;
  while (lo < hi) { /* first position past the run of key */
    size_t mid = (lo + hi) / 2;
    if (pair_key(bypair[mid]) <= key) lo = mid + 1;
    else hi = mid;
  }
  last = lo;
  uint32_t c = corp[bypair[first + rnd() % (last - first)]];
  prev2 = prev1;
  prev1 = c;
  return c;
}

static int load_corpus(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  fseek(f, 0, SEEK_END);
  long sz = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *t = malloc((size_t)sz + 1);
  if (!t || fread(t, 1, (size_t)sz, f) != (size_t)sz) return -1;
  fclose(f);
  corp = malloc(((size_t)sz + 1) * sizeof *corp);
  for (size_t i = 0; i < (size_t)sz;) {
    uint32_t c = qg_utf8_next(t, (size_t)sz, &i);
    if (c == '\n' || c == '\r') continue;
    corp[ncorp++] = c;
  }
  free(t);
  if (ncorp < 1000) return -1;
  bypair = malloc(ncorp * sizeof *bypair);
  for (size_t p = 2; p < ncorp; p++) bypair[p - 2] = (uint32_t)p;
  qsort(bypair, ncorp - 2, sizeof *bypair, cmp_pos);
  prev2 = corp[0];
  prev1 = corp[1];
  return 0;
}

static uint32_t zipf_char(void) {
  if (corp) return markov_char();
  double u = (rnd() + 0.5) / 4294967296.0 * 65536.0;
  u -= floor(u);
  size_t lo = 0, hi = VOCAB - 1;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cdf[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return 0x4E00 + (uint32_t)(lo * 7 % 20000);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A paragraph: fresh, or base[] (code points) edited at rate 5% */
static size_t make_text(char *out, uint32_t *cps, size_t *ncp, const uint32_t *base,
                        size_t nbase) {
  size_t n = 0;
  if (base) {
    for (size_t i = 0; i < nbase; i++) {
      uint32_t r = rnd() % 60;
      if (r == 0) continue;                 /* delete */
      cps[n++] = r == 1 ? zipf_char() : base[i]; /* substitute */
      if (r == 2) cps[n++] = zipf_char();   /* insert */
    }
  } else {
    size_t len = 80 + rnd() % 221;
    for (size_t i = 0; i < len; i++) cps[n++] = zipf_char();
  }
  size_t o = 0;
  for (size_t i = 0; i < n; i++) o += qg_utf8_encode(cps[i], out + o);
  out[o] = '\0';
  *ncp = n;
  return o;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: nd_scale N [QUERIES [CORPUS]]\n");
    return 2;
  }
  size_t n = strtoull(argv[1], NULL, 10), nq = argc > 2 ? strtoull(argv[2], NULL, 10) : 100000;
  if (argc > 3 && load_corpus(argv[3])) {
    fprintf(stderr, "nd_scale: cannot read the corpus %s\n", argv[3]);
    return 2;
  }
  double s = 0;
  for (int i = 0; i < VOCAB; i++) s += 1.0 / (i + 1);
  double acc = 0;
  for (int i = 0; i < VOCAB; i++) cdf[i] = (acc += 1.0 / (i + 1) / s);
  /* bases for edited copies: a ring of recent paragraphs' code points */
  enum { RING = 1024 };
  static uint32_t ring[RING][MAXLEN * 2];
  static size_t ringlen[RING];
  static char text[MAXLEN * 8];
  static uint32_t cps[MAXLEN * 2];
  qg_fp_work w = {0};
  qg_fp fp;
  qg_ndx *x = qg_ndx_new(QG_ND_THRESHOLD_MILLI);
  double t_fp = 0, t_add = 0, t0 = now();
  for (size_t i = 0; i < n; i++) {
    size_t ncp, k = rnd() % RING;
    bool edit = i > RING && rnd() % 10 == 0;
    size_t len = make_text(text, cps, &ncp, edit ? ring[k] : NULL, edit ? ringlen[k] : 0);
    if (!edit && ncp <= MAXLEN * 2) {
      memcpy(ring[i % RING], cps, ncp * sizeof *cps);
      ringlen[i % RING] = ncp;
    }
    double a = now();
    qg_fp_make(&w, text, len, &fp);
    double b = now();
    if (qg_ndx_add(x, &fp, true, NULL)) {
      fprintf(stderr, "out of memory at %zu\n", i);
      return 1;
    }
    t_fp += b - a;
    t_add += now() - b;
  }
  double build = now() - t0;
  size_t hits = 0;
  double tq = 0;
  for (size_t i = 0; i < nq; i++) {
    size_t ncp, k = rnd() % RING;
    bool edit = i % 2 == 0;
    size_t len = make_text(text, cps, &ncp, edit ? ring[k] : NULL, edit ? ringlen[k] : 0);
    qg_fp_make(&w, text, len, &fp);
    double a = now();
    uint32_t c, m;
    hits += qg_ndx_first(x, &fp, &c, &m) != UINT32_MAX;
    tq += now() - a;
  }
  printf("%zu paragraphs: build %.2f s (fingerprints %.2f s, index %.2f s), %.0f queries/s "
         "(index only, %zu queries, %zu near hits), %.0f bytes/paragraph\n",
         n, build, t_fp, t_add, nq / tq, nq, hits, (double)qg_ndx_bytes(x) / (n ? n : 1));
  qg_ndx_free(x);
  qg_fp_work_free(&w);
  return 0;
}
