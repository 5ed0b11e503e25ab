/* nd_lsh.c: an experiment (session 10), not part of the tool: would a locality-sensitive hash
 * find today's near repeats for less than the exact index (stages/neardup.c)?
 *   nd_lsh FILE BINS ROWS
 * Each non-empty line of FILE is a paragraph (bench copy has one a line); its fingerprint is
 * qg_fp_make's. In line order, as the dedup stage does without a window: an exact repeat is
 * skipped; the exact index's earliest near match (qg_ndx_first, threshold 0.65) is a near
 * repeat, not indexed; any other paragraph is indexed. Beside it, an LSH index over the same
 * kept paragraphs: the sketch's values put in BINS bins by value (one permutation hashing over
 * the bottom-128 sketch; an empty bin takes the next non-empty bin's value, offset by the
 * distance: densification by rotation), bands of ROWS bins hashed to a key, a list of kept
 * paragraphs per key. A query's candidates are the kept paragraphs sharing a band key; they are
 * verified as the index verifies (size filter, qg_fp_near, qg_fp_numbers_agree). Prints how many
 * of the exact index's near repeats the LSH also finds (recall; it finds no others: a match must
 * pass the same test, and the kept set is the exact index's), candidates and verifications a
 * query, and the seconds each index spent in lookups and adds (fingerprints left out; a shared
 * machine: compare runs made together).
 * Build (from the top, after building the library in build/):
 *   cc -O2 -std=gnu11 -Istages -Ipipeline -Ibuild -o /tmp/nd_lsh bench/nd_lsh.c \
 *     build/libqinggao.a $(pkg-config --libs icu-uc icu-i18n libxml-2.0 libxxhash sqlite3 libpcre2-8) -lm
 * Results are in docs/dedup.md ("Session 10"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "neardup.h"

static uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  return x ^ (x >> 33);
}

static unsigned nbins, rows, nbands;

/* The band keys of a sketch (odd: 0 marks an empty table slot). */
static void band_keys(const qg_fp *f, uint64_t *out) {
  uint32_t bin[256], dense[256];
  for (unsigned b = 0; b < nbins; b++) bin[b] = UINT32_MAX;
  for (uint32_t i = 0; i < f->n; i++) { /* h ascends: the first value of a bin is its least */
    unsigned b = (unsigned)(((uint64_t)f->h[i] * nbins) >> 32);
    if (bin[b] == UINT32_MAX) bin[b] = f->h[i];
  }
  for (unsigned b = 0; b < nbins; b++) {
    unsigned j = b, d = 0;
    while (bin[j] == UINT32_MAX && d < nbins) j = (j + 1) % nbins, d++;
    dense[b] = (uint32_t)mix(bin[j] + (uint64_t)d * 0x51ED27u);
  }
  for (unsigned k = 0; k < nbands; k++) {
    uint64_t h = k * 0x9E3779B97F4A7C15ull;
    for (unsigned j = 0; j < rows; j++) h = mix(h ^ dense[k * rows + j]);
    out[k] = h | 1;
  }
}

typedef struct slot {
  uint64_t key;
  uint32_t n, cap;
  uint32_t *ids;
} slot;
static slot *tab;
static size_t capt, nt;

static slot *find(uint64_t key, int add) {
  if (add && (nt + 1) * 2 >= capt) {
    size_t nc = capt ? capt * 2 : (size_t)1 << 16;
    slot *t = calloc(nc, sizeof *t);
    if (!t) exit(1);
    for (size_t i = 0; i < capt; i++) {
      if (!tab[i].key) continue;
      size_t k = mix(tab[i].key) & (nc - 1);
      while (t[k].key) k = (k + 1) & (nc - 1);
      t[k] = tab[i];
    }
    free(tab);
    tab = t;
    capt = nc;
  }
  if (!capt) return NULL;
  size_t k = mix(key) & (capt - 1);
  while (tab[k].key && tab[k].key != key) k = (k + 1) & (capt - 1);
  if (!tab[k].key) {
    if (!add) return NULL;
    tab[k].key = key;
    nt++;
  }
  return &tab[k];
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc != 4 || (nbins = (unsigned)atoi(argv[2])) < 1 || nbins > 256 ||
      (rows = (unsigned)atoi(argv[3])) < 1 || rows > nbins) {
    fprintf(stderr, "usage: nd_lsh FILE BINS(1-256) ROWS(1-BINS)\n");
    return 2;
  }
  nbands = nbins / rows;
  FILE *f = fopen(argv[1], "r");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  char *line = NULL;
  size_t cap = 0, nf = 0, capf = 0;
  ssize_t len;
  qg_fp_work w = {0};
  qg_fp *fps = NULL;
  while ((len = getline(&line, &cap, f)) > 0) {
    if (nf == capf && !(fps = realloc(fps, (capf = capf ? capf * 2 : 1024) * sizeof *fps)))
      return 1;
    if (qg_fp_make(&w, line, (size_t)len, &fps[nf])) return 1;
    if (fps[nf].chars >= QG_ND_MIN_CHARS && fps[nf].n) nf++;
  }
  fclose(f);
  qg_ndx *x = qg_ndx_new(QG_ND_THRESHOLD_MILLI);
  qg_fp **kept = malloc(nf * sizeof *kept);
  uint32_t *seen = calloc(nf, sizeof *seen); /* query + 1 that last met a kept paragraph */
  if (!x || !kept || !seen) return 1;
  size_t nk = 0, near = 0, found = 0, exact = 0, cands = 0, verified = 0, queries = 0;
  double t_exact = 0, t_lsh = 0;
  uint64_t key[256];
  for (size_t i = 0; i < nf; i++) {
    qg_fp *q = &fps[i];
    if (nk && qg_ndx_find_exact(x, q) != UINT32_MAX) {
      exact++;
      continue;
    }
    queries++;
    double t0 = now();
    uint32_t c, m, hit = nk ? qg_ndx_first(x, q, &c, &m) : UINT32_MAX;
    double t1 = now();
    band_keys(q, key);
    uint32_t best = UINT32_MAX;
    for (unsigned b = 0; b < nbands; b++) {
      slot *s = find(key[b], 0);
      for (uint32_t j = 0; s && j < s->n; j++) {
        uint32_t id = s->ids[j];
        if (seen[id] == i + 1 || id >= best) continue;
        seen[id] = (uint32_t)i + 1;
        cands++;
        const qg_fp *e = kept[id];
        uint32_t lo = e->n < q->n ? e->n : q->n, hi = e->n < q->n ? q->n : e->n;
        if ((uint64_t)lo * 1000 < (uint64_t)QG_ND_THRESHOLD_MILLI * hi) continue;
        verified++;
        uint32_t cc, mm;
        if (qg_fp_near(q->h, q->n, e->h, e->n, QG_ND_THRESHOLD_MILLI, &cc, &mm) &&
            qg_fp_numbers_agree(q->num, q->nnum, e->num, e->nnum, QG_ND_THRESHOLD_MILLI))
          best = id;
      }
    }
    double t2 = now();
    t_exact += t1 - t0, t_lsh += t2 - t1;
    if (hit != UINT32_MAX) {
      near++;
      found += best != UINT32_MAX;
      continue;
    }
    t0 = now();
    if (qg_ndx_add(x, q, true, NULL)) return 1;
    t1 = now();
    for (unsigned b = 0; b < nbands; b++) {
      slot *s = find(key[b], 1);
      if (s->n == s->cap && !(s->ids = realloc(s->ids, (s->cap = s->cap ? s->cap * 2 : 2) *
                                                           sizeof *s->ids)))
        return 1;
      s->ids[s->n++] = (uint32_t)nk;
    }
    t2 = now();
    t_exact += t1 - t0, t_lsh += t2 - t1;
    kept[nk++] = q;
  }
  printf("%s: bins %u, rows %u, bands %u: %zu paragraphs, %zu exact repeats, %zu kept; near "
         "repeats %zu, found by LSH %zu (recall %.4f); LSH candidates %.1f a query, verified %.2f; "
         "seconds in lookups and adds: exact index %.3f, LSH %.3f\n",
         argv[1], nbins, rows, nbands, nf, exact, nk, near, found,
         near ? (double)found / (double)near : 1.0, queries ? (double)cands / (double)queries : 0,
         queries ? (double)verified / (double)queries : 0, t_exact, t_lsh);
  return 0;
}
