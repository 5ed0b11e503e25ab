/* buf.c: the growable, always NUL-terminated byte buffer. */
#include "internal.h"

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
  if (qg_buf_grow(b, len)) return QG_ERR_NOMEM;
  memcpy(b->ptr + b->len, data, len);
  b->len += len;
  b->ptr[b->len] = '\0';
  return 0;
}

int qg_buf_puts(qg_buf *b, const char *s) { return qg_buf_put(b, s, strlen(s)); }

int qg_buf_putc(qg_buf *b, char c) { return qg_buf_put(b, &c, 1); }

int qg_buf_put_cp(qg_buf *b, uint32_t cp) {
  char tmp[4];
  return qg_buf_put(b, tmp, qg_utf8_encode(cp, tmp));
}

int qg_buf_printf(qg_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return QG_ERR_IO;
  if ((size_t)n < sizeof small) return qg_buf_put(b, small, (size_t)n);
  if (qg_buf_grow(b, (size_t)n)) return QG_ERR_NOMEM;
  va_start(ap, fmt);
  vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
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
    size_t a = *pos, e = a;
    while (e < n && t[e] != '\n') e++;
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
