/* buf.c: the growable, always NUL-terminated byte buffer. */
#include "internal.h"

#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char qg_buf_empty_[1] = "";

void qg_buf_init(qg_buf *b) {
  b->ptr = (char *)qg_buf_empty_;
  b->len = b->cap = 0;
}

void qg_buf_free(qg_buf *b) {
  if (b->cap) free(b->ptr);
  qg_buf_init(b);
}

int qg_buf_grow(qg_buf *b, size_t extra) {
  if (extra > SIZE_MAX / 2 - b->len - 1) return QG_ERR_NOMEM;
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap *= 2;
  char *p = b->cap ? realloc(b->ptr, cap) : malloc(cap);
  if (!p) return QG_ERR_NOMEM;
  if (!b->cap) p[0] = '\0';
  b->ptr = p;
  b->cap = cap;
  return 0;
}

int qg_buf_put(qg_buf *b, const void *data, size_t len) {
  if (len == 0) return 0;
  /* room for len bytes and the NUL (cap is 0 for the static empty buffer) */
  if (b->cap - b->len <= len && qg_buf_grow(b, len)) return QG_ERR_NOMEM;
  memcpy(b->ptr + b->len, data, len);
  b->len += len;
  b->ptr[b->len] = '\0';
  return 0;
}

int qg_buf_puts(qg_buf *b, const char *s) { return qg_buf_put(b, s, strlen(s)); }

int qg_buf_putc(qg_buf *b, char c) {
  if (b->cap - b->len <= 1 && qg_buf_grow(b, 1)) return QG_ERR_NOMEM;
  b->ptr[b->len++] = c;
  b->ptr[b->len] = '\0';
  return 0;
}

int qg_buf_put_cp(qg_buf *b, uint32_t cp) {
  char tmp[4];
  return qg_buf_put(b, tmp, qg_utf8_encode(cp, tmp));
}

/* ---- formatting ----------------------------------------------------------------------------
 * Every diagnostic formats its message; glibc's vsnprintf costs more than the rest of a
 * simple edit. qg_vformat writes the conversions stages use (%s %.*s %c %d %u %x %X with
 * z or l, a zero flag and a width on the unsigned ones, %%) itself and hands any other format,
 * or a NULL string, to vsnprintf under the C locale, so the result is always vsnprintf's in
 * the C locale (%f, %g: a decimal point, whatever the caller's LC_NUMERIC). */

/* vsnprintf under the C locale: a number is written 0.927 whatever the caller's LC_NUMERIC
 * (a program that calls setlocale(LC_ALL, "") for a German user would otherwise get
 * "similarity":0,927 in JSON: probe 11c F4). uselocale changes the calling thread only. */
static pthread_once_t c_once = PTHREAD_ONCE_INIT;
static locale_t c_locale; /* (locale_t)0 when newlocale failed: the caller's is kept */
static void c_locale_init(void) { c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0); }

static int c_vsnprintf(char *out, size_t cap, const char *fmt, va_list ap) {
  pthread_once(&c_once, c_locale_init);
  const char *radix = nl_langinfo(RADIXCHAR); /* already C's: nothing to switch */
  locale_t prev = c_locale && (radix[0] != '.' || radix[1]) ? uselocale(c_locale) : (locale_t)0;
  int r = vsnprintf(out, cap, fmt, ap);
  if (prev) uselocale(prev);
  return r;
}

typedef struct fmt_out {
  char *p;
  size_t cap, n; /* n: bytes the whole result takes (written while < cap - 1) */
} fmt_out;

static inline __attribute__((always_inline)) void out_put(fmt_out *o, const char *s, size_t len) {
  if (o->cap && o->n < o->cap - 1) {
    size_t room = o->cap - 1 - o->n, k = len < room ? len : room;
    char *d = o->p + o->n;
    /* the pieces of a message are short (": ", " → ", a character): up to 16 bytes as two
     * words that may overlap, not a call of memcpy each (session 33) */
    if (k >= 8 && k <= 16) {
      memcpy(d, s, 8);
      memcpy(d + k - 8, s + k - 8, 8);
    } else if (k >= 4 && k < 8) {
      memcpy(d, s, 4);
      memcpy(d + k - 4, s + k - 4, 4);
    } else if (k < 4) {
      for (size_t i = 0; i < k; i++) d[i] = s[i];
    } else {
      memcpy(d, s, k);
    }
  }
  o->n += len;
}

/* "%.*s" of a short string (a character or two: the common case), at most prec bytes up to
 * its NUL: the length found and the bytes copied in one walk while they fit */
static inline __attribute__((always_inline)) void out_short(fmt_out *o, const char *s,
                                                          size_t prec) {
  size_t room = o->cap && o->n < o->cap - 1 ? o->cap - 1 - o->n : 0, k = 0;
  char *d = o->p + o->n;
  for (; k < prec && s[k]; k++)
    if (k < room) d[k] = s[k];
  o->n += k;
}

static void out_num(fmt_out *o, unsigned long long v, unsigned base, bool upper, bool neg,
                    int width, bool zero) {
  char tmp[24];
  size_t k = sizeof tmp;
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  do {
    tmp[--k] = digits[v % base];
    v /= base;
  } while (v);
  size_t len = sizeof tmp - k + neg;
  if (neg) out_put(o, "-", 1);
  for (; width > 0 && (size_t)width > len; width--) out_put(o, zero ? "0" : " ", 1);
  out_put(o, tmp + k, sizeof tmp - k);
}

int qg_vformat(char *out, size_t cap, const char *fmt, va_list ap) {
  /* one pass: at the first conversion it does not write itself (or a NULL string), vsnprintf
   * starts over on a copy of ap */
  va_list ap2;
  va_copy(ap2, ap);
  fmt_out o = {.p = out, .cap = cap, .n = 0};
  const char *f = fmt;
  bool simple = true;
  while (*f) {
    const char *lit = f;
    if (*f != '%') f = strchr(f, '%'); /* (a format often starts with one: "%s: …") */
    if (!f) f = lit + strlen(lit);
    if (f > lit) out_put(&o, lit, (size_t)(f - lit));
    if (!*f) break;
    f++;
    if (*f == '%') {
      out_put(&o, "%", 1);
      f++;
      continue;
    }
    /* %s and %.*s, the stages' usual two, without the parse below (as it would take them) */
    if (f[0] == 's' || (f[0] == '.' && f[1] == '*' && f[2] == 's')) {
      bool p = f[0] == '.';
      int prec = p ? va_arg(ap, int) : -1;
      const char *str = va_arg(ap, const char *);
      if (!str) { /* glibc's (null) depends on the precision: let it write */
        simple = false;
        break;
      }
      f += p ? 3 : 1;
      if (p && prec >= 0 && prec <= 16) {
        out_short(&o, str, (size_t)prec);
        continue;
      }
      out_put(&o, str, p && prec >= 0 ? strnlen(str, (size_t)prec) : strlen(str));
      continue;
    }
    bool zero = false, has_width = false;
    int width = 0, prec = -1;
    bool has_prec = false;
    if (*f == '0') zero = true, f++;
    while (*f >= '0' && *f <= '9') has_width = true, width = width * 10 + (*f++ - '0');
    if (f[0] == '.' && f[1] == '*') has_prec = true, f += 2;
    char lenmod = 0;
    if (*f == 'z' || *f == 'l') lenmod = *f++;
    char conv = *f;
    bool ok;
    switch (conv) {
    case 's': ok = !zero && !has_width && !lenmod; break;
    case 'c': ok = !zero && !has_width && !has_prec && !lenmod; break;
    case 'd': ok = !zero && !has_width && !has_prec; break;
    case 'u': case 'x': case 'X': ok = !has_prec; break;
    default: ok = false;
    }
    if (!ok) {
      simple = false;
      break;
    }
    f++;
    if (has_prec) prec = va_arg(ap, int);
    if (conv == 's') {
      const char *str = va_arg(ap, const char *);
      if (!str) { /* glibc's (null) depends on the precision: let it write */
        simple = false;
        break;
      }
      if (has_prec && prec >= 0 && prec <= 16) {
        out_short(&o, str, (size_t)prec);
        continue;
      }
      size_t sl = has_prec && prec >= 0 ? strnlen(str, (size_t)prec) : strlen(str);
      out_put(&o, str, sl);
    } else if (conv == 'c') {
      char ch = (char)va_arg(ap, int);
      out_put(&o, &ch, 1);
    } else if (conv == 'd') {
      long long v = lenmod == 'z' ? (long long)va_arg(ap, ptrdiff_t)
                    : lenmod == 'l' ? (long long)va_arg(ap, long)
                                    : (long long)va_arg(ap, int);
      unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
      out_num(&o, m, 10, false, v < 0, 0, false);
    } else {
      unsigned long long v = lenmod == 'z' ? (unsigned long long)va_arg(ap, size_t)
                             : lenmod == 'l' ? (unsigned long long)va_arg(ap, unsigned long)
                                             : (unsigned long long)va_arg(ap, unsigned);
      out_num(&o, v, conv == 'u' ? 10 : 16, conv == 'X', false, width, zero);
    }
  }
  if (!simple) {
    int r = c_vsnprintf(out, cap, fmt, ap2);
    va_end(ap2);
    return r;
  }
  va_end(ap2);
  if (cap) out[o.n < cap ? o.n : cap - 1] = '\0';
  return o.n > INT32_MAX ? -1 : (int)o.n;
}

int qg_sformat(char *out, size_t cap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = qg_vformat(out, cap, fmt, ap);
  va_end(ap);
  return n;
}

int qg_buf_printf(qg_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int n = qg_vformat(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return QG_ERR_IO;
  if ((size_t)n < sizeof small) return qg_buf_put(b, small, (size_t)n);
  if (qg_buf_grow(b, (size_t)n)) return QG_ERR_NOMEM;
  va_start(ap, fmt);
  c_vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return 0;
}

void qg_buf_clear(qg_buf *b) { qg_buf_truncate(b, 0); }

void qg_buf_truncate(qg_buf *b, size_t len) {
  if (len >= b->len) return;
  b->len = len;
  if (b->cap) b->ptr[len] = '\0';
}

void qg_buf_swap(qg_buf *a, qg_buf *b) {
  qg_buf t = *a;
  *a = *b;
  *b = t;
}

bool qg_list_next(const char *t, size_t n, size_t *pos, unsigned *lineno, const char **entry,
                  size_t *len) {
  while (*pos < n) {
    size_t a = *pos;
    const char *nl = memchr(t + a, '\n', n - a); /* (a byte at a time was 6 instructions a byte
                                                    * of the cue text a process reads at start) */
    size_t e = nl ? (size_t)(nl - t) : n;
    *pos = e < n ? e + 1 : n;
    if (lineno) (*lineno)++;
    size_t b = e;
    while (a < b && (t[a] == ' ' || t[a] == '\t')) a++;
    while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t' || t[b - 1] == '\r')) b--;
    if (a == b || t[a] == '#') continue;
    *entry = t + a;
    *len = b - a;
    return true;
  }
  return false;
}
