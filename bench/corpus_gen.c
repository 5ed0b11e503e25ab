/* corpus_gen: writes messy Chinese copy of new paragraphs, fast enough for gigabytes.
 *
 *   corpus_gen PROSE SIZE_MB OUT [SEED [EXACT [NEAR]]]
 *
 * PROSE holds one paragraph per line (bench/corpus.py extracts it from prose installed on the
 * machine; it is never part of the project). An order-2 character Markov model is trained on
 * it and writes paragraphs of the lengths found there; each paragraph then gets the defects
 * qinggao repairs (ASCII punctuation between Han characters, full-width digits, Kangxi
 * radicals, zero-width spaces, ideographic-space indents, lines wrapped at a column width),
 * and a share of paragraphs repeats a recent one exactly (EXACT, default 0.03) or with about
 * one character in forty changed (NEAR, default 0.02). Deterministic for a seed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;
static uint64_t rnd(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
static double unit(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }
static uint32_t below(uint32_t n) { return (uint32_t)(rnd() % n); }

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) {
    fprintf(stderr, "corpus_gen: out of memory\n");
    exit(1);
  }
  return q;
}

/* ---- UTF-8 ---- */
static size_t dec(const unsigned char *s, size_t len, size_t i, uint32_t *c) {
  unsigned b = s[i];
  size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (i + n > len) n = len - i;
  uint32_t v = n == 1 ? b : n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
  for (size_t k = 1; k < n; k++) v = v << 6 | (s[i + k] & 0x3F);
  *c = v;
  return n;
}
static size_t enc(uint32_t c, char *o) {
  if (c < 0x80) return o[0] = (char)c, 1;
  if (c < 0x800) return o[0] = (char)(0xC0 | c >> 6), o[1] = (char)(0x80 | (c & 0x3F)), 2;
  if (c < 0x10000) {
    o[0] = (char)(0xE0 | c >> 12), o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | c >> 18), o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((c >> 6) & 0x3F)), o[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* ---- the model: context (two code points) -> the code points that followed it ---- */
#define START 2u /* before a paragraph */
#define END 3u   /* after it */
typedef struct ctx {
  uint64_t key; /* a << 32 | b; 0: empty slot (no context is 0, 0) */
  uint32_t off, n, cap;
} ctx;
static ctx *tab;
static size_t tcap, tn;
static uint32_t *follow; /* the followers of every context, in runs */
static size_t nfollow, capfollow;

static size_t slot(uint64_t key) {
  uint64_t h = key * 0x9E3779B97F4A7C15ull;
  size_t k = (size_t)(h >> 20) & (tcap - 1);
  while (tab[k].key && tab[k].key != key) k = (k + 1) & (tcap - 1);
  return k;
}

/* counting pass then filling pass: each context's followers are contiguous */
typedef struct para {
  uint32_t *cp;
  size_t n;
} para;

static uint32_t *lengths;
static size_t nlengths;

static void train(para *ps, size_t np) {
  tcap = 1 << 20;
  tab = calloc(tcap, sizeof *tab);
  for (int pass = 0; pass < 2; pass++) {
    for (size_t p = 0; p < np; p++) {
      uint32_t a = START, b = START;
      for (size_t i = 0; i <= ps[p].n; i++) {
        uint32_t c = i < ps[p].n ? ps[p].cp[i] : END;
        uint64_t key = (uint64_t)a << 32 | b;
        if (pass == 0 && tn * 2 >= tcap) { /* grow */
          ctx *old = tab;
          size_t oc = tcap;
          tcap *= 2;
          tab = calloc(tcap, sizeof *tab);
          for (size_t k = 0; k < oc; k++)
            if (old[k].key) tab[slot(old[k].key)] = old[k];
          free(old);
        }
        size_t k = slot(key);
        if (pass == 0) {
          if (!tab[k].key) tab[k].key = key, tn++;
          tab[k].cap++;
        } else {
          follow[tab[k].off + tab[k].n++] = c;
        }
        a = b, b = c;
      }
    }
    if (pass == 0) {
      for (size_t k = 0; k < tcap; k++)
        if (tab[k].key) tab[k].off = (uint32_t)nfollow, nfollow += tab[k].cap;
      capfollow = nfollow;
      follow = xrealloc(NULL, capfollow * sizeof *follow);
    }
  }
}

static uint32_t next_cp(uint32_t a, uint32_t b) {
  ctx *c = &tab[slot((uint64_t)a << 32 | b)];
  if (!c->key || !c->n) return END;
  return follow[c->off + below(c->n)];
}

static int is_stop(uint32_t c) { return c == 0x3002 || c == 0xFF01 || c == 0xFF1F; }

/* a new paragraph of at least 20 code points, ending at a sentence end past its length */
static size_t new_paragraph(uint32_t *out, size_t cap) {
  for (;;) {
    size_t want = lengths[below((uint32_t)nlengths)], n = 0;
    uint32_t a = START, b = START;
    for (;;) {
      uint32_t c = next_cp(a, b);
      if (c == END) break;
      if (n < cap) out[n++] = c;
      a = b, b = c;
      if ((n >= want && is_stop(c)) || n > 4 * want + 200 || n == cap) break;
    }
    if (n >= 20) return n;
  }
}

/* ---- defects ---- */
static uint32_t ascii_for(uint32_t c) {
  switch (c) {
  case 0xFF0C: return ',';
  case 0xFF1A: return ':';
  case 0xFF1B: return ';';
  case 0xFF1F: return '?';
  case 0xFF01: return '!';
  case 0xFF08: return '(';
  case 0xFF09: return ')';
  default: return c;
  }
}
static uint32_t radical_for(uint32_t c) {
  static const uint32_t map[][2] = {{0x4EBA, 0x2F08}, {0x5927, 0x2F24}, {0x7528, 0x2F64},
                                    {0x751F, 0x2F63}, {0x5DE5, 0x2F2F}, {0x65E5, 0x2F47},
                                    {0x6708, 0x2F49}, {0x8A00, 0x2F94}, {0x6C34, 0x2F54},
                                    {0x5FC3, 0x2F3C}};
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (map[i][0] == c) return map[i][1];
  return c;
}

static char *obuf;
static size_t ocap;

static void put_messy(FILE *f, const uint32_t *p, size_t n, size_t *written) {
  int asc = unit() < 0.3, fw = unit() < 0.2, rad = unit() < 0.2, zw = unit() < 0.1;
  int indent = unit() < 0.2, wrap = unit() < 0.15;
  size_t zpos = zw ? below((uint32_t)n + 1) : (size_t)-1, width = 18 + below(12);
  size_t need = 4 * n + n / 18 + 16; /* every code point 4 bytes, line breaks, the extras */
  if (need > ocap) ocap = need * 2, obuf = xrealloc(obuf, ocap);
  char *o = obuf;
  if (indent) memcpy(o, "\xE3\x80\x80\xE3\x80\x80", 6), o += 6;
  for (size_t i = 0; i < n; i++) {
    if (i == zpos) memcpy(o, "\xE2\x80\x8B", 3), o += 3;
    if (wrap && i && i % width == 0) *o++ = '\n';
    uint32_t c = p[i];
    if (asc && unit() < 0.3) c = ascii_for(c);
    if (fw && c >= '0' && c <= '9') c = 0xFF10 + (c - '0');
    if (rad && unit() < 0.3) c = radical_for(c);
    o += enc(c, o);
  }
  if (zpos == n) memcpy(o, "\xE2\x80\x8B", 3), o += 3;
  *o++ = '\n', *o++ = '\n';
  *written += fwrite(obuf, 1, (size_t)(o - obuf), f);
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: corpus_gen PROSE SIZE_MB OUT [SEED [EXACT [NEAR]]]\n");
    return 2;
  }
  double size = atof(argv[2]) * 1048576.0;
  rng_state = argc > 4 ? strtoull(argv[4], NULL, 10) : 20261201;
  double exact = argc > 5 ? atof(argv[5]) : 0.03, near = argc > 6 ? atof(argv[6]) : 0.02;
  FILE *in = fopen(argv[1], "rb");
  if (!in) {
    perror(argv[1]);
    return 1;
  }
  para *ps = NULL;
  size_t np = 0, capp = 0;
  char *line = NULL;
  size_t lcap = 0;
  ssize_t len;
  while ((len = getline(&line, &lcap, in)) > 0) {
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    if (!len) continue;
    if (np == capp) capp = capp ? capp * 2 : 1024, ps = xrealloc(ps, capp * sizeof *ps);
    uint32_t *cp = xrealloc(NULL, (size_t)len * sizeof *cp);
    size_t n = 0;
    for (size_t i = 0; i < (size_t)len;) i += dec((unsigned char *)line, (size_t)len, i, &cp[n++]);
    ps[np++] = (para){cp, n};
  }
  free(line);
  fclose(in);
  if (np < 100) {
    fprintf(stderr, "corpus_gen: %s: too little prose (%zu paragraphs)\n", argv[1], np);
    return 1;
  }
  train(ps, np);
  lengths = xrealloc(NULL, np * sizeof *lengths);
  for (size_t i = 0; i < np; i++) lengths[nlengths++] = (uint32_t)ps[i].n;

  FILE *f = fopen(argv[3], "wb");
  if (!f) {
    perror(argv[3]);
    return 1;
  }
  enum { RECENT = 2000, MAXP = 1 << 16 };
  static uint32_t recent[RECENT][1024];
  static size_t recent_n[RECENT];
  size_t nrecent = 0, written = 0;
  static uint32_t cur[MAXP];
  while ((double)written < size) {
    double r = unit();
    if (nrecent && r < exact + near) {
      size_t k = below((uint32_t)nrecent), n = recent_n[k];
      memcpy(cur, recent[k], n * sizeof *cur);
      if (r >= exact) { /* near: about one character in forty changed */
        static const uint32_t fill[] = {0x7684, 0x4E86, 0x5728, 0x662F, 0x548C, 0x6709, 0x4E5F};
        for (size_t e = 0; e < (n / 40 ? n / 40 : 1); e++) cur[below((uint32_t)n)] = fill[below(7)];
      }
      put_messy(f, cur, n, &written);
      continue;
    }
    size_t n = new_paragraph(cur, MAXP);
    size_t k = nrecent < RECENT ? nrecent++ : below(RECENT);
    recent_n[k] = n < 1024 ? n : 1024;
    memcpy(recent[k], cur, recent_n[k] * sizeof *cur);
    put_messy(f, cur, n, &written);
  }
  if (fclose(f)) {
    perror(argv[3]);
    return 1;
  }
  return 0;
}
