/* zio.c: transparent gzip (zlib) and zstd (libzstd) input, decided by the magic bytes, and
 * compressed output chosen by the output name's suffix (a FILE* that compresses, through
 * glibc's fopencookie). Memory stays flat: one input and one output buffer per stream. */
#define _GNU_SOURCE
#include "zio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#define ZIO_IN (64 * 1024)

struct zin {
  FILE *f;
  const char *path;
  zio_kind kind;
  unsigned char in[ZIO_IN];
  size_t in_pos, in_len;
  bool eof;      /* the underlying file is exhausted */
  bool ended;    /* the compressed stream ended cleanly at the last member/frame boundary */
  bool done;     /* nothing more to return */
  bool inner_checked; /* the first decompressed bytes looked at for a second compression */
  z_stream zs;
  ZSTD_DStream *zd;
  uint64_t raw;  /* bytes read from the file */
  struct stat st; /* of the file at open (have_st: not standard input, fstat worked) */
  bool have_st;
  bool quiet;    /* no warning (zin_quiet: a look at the first bytes) */
  /* damage found after bytes that decompressed before it: those bytes are returned first, and
   * the error by the next read (probe 18 D2: a chunk of up to 64 KiB of good text before the
   * damage was thrown away with it) */
  bool pending;
  char pending_err[512];
  /* bytes a look at the start gave back (zin_unread): returned before anything else */
  char *back;
  size_t back_len, back_pos;
};

/* Where this thread's readers say their warnings (zio_warn_to; default standard error). */
static _Thread_local FILE *warn_to;
static _Thread_local bool warn_to_set;
void zio_warn_to(FILE *f) { warn_to = f, warn_to_set = true; }
static _Thread_local void (*warn_hook)(void *);
static _Thread_local void *warn_hook_ud;
void zio_warn_hook(void (*fn)(void *), void *ud) { warn_hook = fn, warn_hook_ud = ud; }
void zio_warn_reset(void) { warn_to = NULL, warn_to_set = false, warn_hook = NULL, warn_hook_ud = NULL; }
void zin_quiet(zin *z) { z->quiet = true; }

/* Makes k bytes of the file available at in_pos (fewer at the end of the file), the bytes
 * not yet used moved to the buffer's start. */
static int need(zin *z, size_t k, char *err, size_t errlen) {
  if (z->in_len - z->in_pos >= k || z->eof) return 0;
  memmove(z->in, z->in + z->in_pos, z->in_len - z->in_pos);
  z->in_len -= z->in_pos;
  z->in_pos = 0;
  while (z->in_len < k && !z->eof) {
    size_t r = fread(z->in + z->in_len, 1, sizeof z->in - z->in_len, z->f);
    z->raw += r;
    z->in_len += r;
    if (r == 0) {
      if (ferror(z->f)) {
        snprintf(err, errlen, "%s: read error: %s", z->path, strerror(errno));
        return -1;
      }
      z->eof = true;
    }
  }
  return 0;
}

static int fill(zin *z, char *err, size_t errlen) {
  if (z->in_pos < z->in_len || z->eof) return 0;
  z->in_pos = 0;
  z->in_len = fread(z->in, 1, sizeof z->in, z->f);
  z->raw += z->in_len;
  if (z->in_len < sizeof z->in) {
    if (ferror(z->f)) {
      snprintf(err, errlen, "%s: read error: %s", z->path, strerror(errno));
      return -1;
    }
    if (z->in_len == 0) z->eof = true;
  }
  return 0;
}

bool cli_stdin_closed; /* set by main: descriptor 0 was closed when the command started */

zin *zin_open(const char *path, char *err, size_t errlen) {
  bool std = !strcmp(path, "-");
  err[0] = '\0';
  if (std && cli_stdin_closed) { /* (main opened /dev/null there: no input is not empty input;
                                  * review 11 C9) */
    snprintf(err, errlen, "-: cannot read standard input: it is closed");
    return NULL;
  }
  zin *z = calloc(1, sizeof *z);
  if (!z) {
    snprintf(err, errlen, "%s: out of memory", path);
    return NULL;
  }
  z->path = path;
  z->f = std ? stdin : fopen(path, "rb");
  if (!z->f) {
    snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    free(z);
    return NULL;
  }
  z->have_st = !std && !fstat(fileno(z->f), &z->st);
  /* read up to 10 bytes for the magic (short files are plain) */
  while (z->in_len < 10) { /* (bzip2's magic is ten bytes) */
    size_t k = fread(z->in + z->in_len, 1, 10 - z->in_len, z->f);
    if (k == 0) break;
    z->raw += k;
    z->in_len += k;
  }
  if (ferror(z->f)) {
    snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
    zin_close(z);
    return NULL;
  }
  const unsigned char *m = z->in;
  if (z->in_len >= 2 && m[0] == 0x1f && m[1] == 0x8b) z->kind = ZIO_GZIP;
  else if (z->in_len >= 4 && ((m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd) ||
                               /* a skippable frame first (pzstd, the seekable format):
                                * libzstd steps over it */
                               ((m[0] & 0xf0) == 0x50 && m[1] == 0x2a && m[2] == 0x4d && m[3] == 0x18)))
    z->kind = ZIO_ZSTD;
  else if ((z->in_len >= 6 && !memcmp(m, "\xFD" "7zXZ\0", 6)) ||
           (z->in_len >= 10 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h' && m[3] >= '1' &&
            m[3] <= '9' && /* a block, or the end of an empty stream */
            (!memcmp(m + 4, "1AY&SY", 6) || !memcmp(m + 4, "\x17\x72\x45\x38\x50\x90", 6)))) {
    /* compressed with what we do not read: said, instead of an encoding error about a byte
     * of the compressed data */
    snprintf(err, errlen, "%s: %s-compressed input is not supported (gzip and zstd are): "
             "decompress it first", path, m[0] == 0xfd ? "xz" : "bzip2");
    zin_close(z);
    return NULL;
  }
  if (z->kind == ZIO_GZIP) {
    /* 15 + 32: a window of 32 KiB, gzip or zlib header detected */
    if (inflateInit2(&z->zs, 15 + 32) != Z_OK) {
      snprintf(err, errlen, "%s: cannot start gzip decoding", path);
      free(z);
      return NULL;
    }
  } else if (z->kind == ZIO_ZSTD) {
    z->zd = ZSTD_createDStream();
    if (!z->zd || ZSTD_isError(ZSTD_initDStream(z->zd))) {
      snprintf(err, errlen, "%s: cannot start zstd decoding", path);
      zin_close(z);
      return NULL;
    }
  }
  return z;
}

zio_kind zin_kind(const zin *z) { return z->kind; }
bool zin_ident(const zin *z, struct stat *st) {
  if (z->have_st) *st = z->st;
  return z->have_st;
}
uint64_t zin_raw_bytes(const zin *z) { return z->raw; }

bool zin_may_wait(const zin *z, size_t want) {
  struct stat st;
  int ready = 0;
  if (!fstat(fileno(z->f), &st) && S_ISREG(st.st_mode)) return false;
  return ioctl(fileno(z->f), FIONREAD, &ready) || ready < 0 || (size_t)ready < want;
}

/* At the end of a regular file: whether it is the file that was opened, whole. A file cut or
 * rewritten while it was read gave part of its text and exit 0 (probe 11b G3: a wire feed's
 * file truncated mid-run); its size and modification time are compared with
 * the fstat taken at open, as lint --fix does. */
static int unchanged(zin *z, char *err, size_t errlen) {
  struct stat now;
  if (!z->have_st || !S_ISREG(z->st.st_mode) || fstat(fileno(z->f), &now)) return 0;
  /* (the bytes read are not compared with the size: sysfs files say 4096 and give fewer) */
  if (now.st_size != z->st.st_size || now.st_mtim.tv_sec != z->st.st_mtim.tv_sec ||
      now.st_mtim.tv_nsec != z->st.st_mtim.tv_nsec) {
    snprintf(err, errlen, "%s: changed while it was being read (%lld bytes when opened, %lld "
             "now, %llu read): run again when it is complete", z->path,
             (long long)z->st.st_size, (long long)now.st_size, (unsigned long long)z->raw);
    return -1;
  }
  return 0;
}

static int corrupt(zin *z, char *err, size_t errlen, const char *why) {
  snprintf(err, errlen, "%s: corrupt %s data (%s)", z->path, z->kind == ZIO_GZIP ? "gzip" : "zstd",
           why);
  return -1;
}

/* After a gzip member or a zstd frame, more bytes: 0 when another member or frame starts
 * there; 1 when they are zero bytes up to the end of the file, padding (a tape or a disk
 * image's blocks): gzip data then ends there, as `gzip -d` reads it ("trailing zero bytes
 * ignored"), with a warning naming the file; -1 with err set for anything else: trailing
 * bytes are not read as text, and zstd data padded with zeros is refused as `zstd -d`
 * refuses it (probe 15 #15: "corrupt gzip data (unknown compression method)", which named
 * no method the file has). */
static int after_end(zin *z, char *err, size_t errlen) {
  const char *what = z->kind == ZIO_GZIP ? "gzip" : "zstd";
  uint64_t at = z->raw - (z->in_len - z->in_pos); /* the first byte after the data */
  if (z->in[z->in_pos] == 0) {
    uint64_t zeros = 0;
    for (;;) {
      while (z->in_pos < z->in_len && !z->in[z->in_pos]) z->in_pos++, zeros++;
      if (z->in_pos < z->in_len) break; /* something else after them */
      if (fill(z, err, errlen)) return -1;
      if (z->in_pos == z->in_len) { /* the end of the file: padding */
        if (z->kind == ZIO_ZSTD) {
          snprintf(err, errlen, "%s: trailing bytes after the zstd data (%llu zero bytes from "
                   "byte %llu: padding, which zstd -d refuses too; cut them off: head -c %llu)",
                   z->path, (unsigned long long)zeros, (unsigned long long)at,
                   (unsigned long long)at);
          return -1;
        }
        FILE *to = warn_to_set ? warn_to : stderr;
        if (!z->quiet && to && warn_hook) warn_hook(warn_hook_ud);
        if (!z->quiet && to)
          fprintf(to, "qinggao: %s: warning: %llu zero byte%s after the gzip data ignored "
                  "(padding, as gzip -d ignores it)\n", z->path, (unsigned long long)zeros,
                  zeros == 1 ? "" : "s");
        return 1;
      }
    }
    snprintf(err, errlen, "%s: trailing bytes after the %s data (from byte %llu: %llu zero "
             "bytes, then others; zeros are ignored only up to the end of the file)", z->path,
             what, (unsigned long long)at, (unsigned long long)zeros);
    return -1;
  }
  if (need(z, 4, err, errlen)) return -1;
  const unsigned char *m = z->in + z->in_pos;
  size_t n = z->in_len - z->in_pos;
  bool next = z->kind == ZIO_GZIP
                  ? n >= 2 && m[0] == 0x1f && m[1] == 0x8b
                  : n >= 4 && ((m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd) ||
                               ((m[0] & 0xf0) == 0x50 && m[1] == 0x2a && m[2] == 0x4d &&
                                m[3] == 0x18));
  if (next) return 0;
  snprintf(err, errlen, "%s: trailing bytes after the %s data (from byte %llu: not another %s %s)",
           z->path, what, (unsigned long long)at, what, z->kind == ZIO_GZIP ? "member" : "frame");
  return -1;
}

static int inflate_some(zin *z, char *buf, size_t cap, size_t *got, char *err, size_t errlen);

void zin_unread(zin *z, char *buf, size_t n, const char *err) {
  free(z->back);
  z->back = buf, z->back_len = n, z->back_pos = 0;
  if (err && err[0]) {
    z->pending = true;
    snprintf(z->pending_err, sizeof z->pending_err, "%s", err);
  }
}

int zin_read(zin *z, char *buf, size_t cap, size_t *got, char *err, size_t errlen) {
  *got = 0;
  err[0] = '\0';
  if (z->back_pos < z->back_len) { /* (zin_unread) */
    size_t k = z->back_len - z->back_pos < cap ? z->back_len - z->back_pos : cap;
    memcpy(buf, z->back + z->back_pos, k);
    z->back_pos += k;
    *got = k;
    if (z->back_pos < z->back_len) return 0;
    free(z->back);
    z->back = NULL, z->back_len = z->back_pos = 0;
    /* the rest of buf filled as a read without the look would have: the reader's chunks
     * stay where they were (until session 19 the decoder decided the encoding on the first
     * chunks it was given; it now takes exactly the first 64 KiB however they are fed) */
    size_t more = 0;
    if (k < cap && zin_read(z, buf + k, cap - k, &more, err, errlen)) {
      if (!z->pending) { /* said by the next read, after these bytes */
        z->pending = true;
        snprintf(z->pending_err, sizeof z->pending_err, "%s", err);
      }
      err[0] = '\0';
      more = 0;
    }
    *got = k + more;
    return 0;
  }
  if (z->pending) {
    snprintf(err, errlen, "%s", z->pending_err);
    return -1;
  }
  if (z->done) return 0;
  if (z->kind == ZIO_PLAIN) {
    size_t n = 0;
    if (z->in_pos < z->in_len) { /* the magic bytes read ahead */
      n = z->in_len - z->in_pos < cap ? z->in_len - z->in_pos : cap;
      memcpy(buf, z->in + z->in_pos, n);
      z->in_pos += n;
    }
    if (n < cap) {
      size_t k = fread(buf + n, 1, cap - n, z->f);
      n += k;
      z->raw += k;
      if (ferror(z->f)) {
        snprintf(err, errlen, "%s: read error: %s", z->path, strerror(errno));
        return -1;
      }
    }
    if (n == 0) {
      z->done = true;
      if (unchanged(z, err, errlen)) return -1;
    }
    *got = n;
    return 0;
  }
  if (inflate_some(z, buf, cap, got, err, errlen)) {
    if (!*got) return -1;
    /* the bytes that decompressed before the damage are handed over; the damage is said next */
    z->pending = true;
    snprintf(z->pending_err, sizeof z->pending_err, "%s", err);
    err[0] = '\0';
  }
  if (!z->inner_checked && *got) { /* compressed twice: said, not read as text with an encoding
                                    * error about a byte of the inner data (probe 10 F16) */
    const unsigned char *m = (const unsigned char *)buf;
    z->inner_checked = true;
    bool gz = *got >= 2 && m[0] == 0x1f && m[1] == 0x8b;
    bool zs = *got >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd;
    if (gz || zs) {
      snprintf(err, errlen, "%s: %s data inside %s data: decompress it once more (%s -dc %s | "
               "qinggao … -)", z->path, gz ? "gzip" : "zstd", z->kind == ZIO_GZIP ? "gzip" : "zstd",
               z->kind == ZIO_GZIP ? "gzip" : "zstd", z->path);
      *got = 0;
      return -1;
    }
  }
  return 0;
}

/* zin_read of compressed data: up to cap bytes into buf (*got of them), -1 with err set at
 * damage (*got: the bytes decompressed before it in this call). */
static int inflate_some(zin *z, char *buf, size_t cap, size_t *got, char *err, size_t errlen) {
  while (*got < cap) {
    if (fill(z, err, errlen)) return -1;
    if (z->in_pos == z->in_len) { /* end of the file */
      z->done = true;
      if (unchanged(z, err, errlen)) return -1;
      if (!z->ended) return corrupt(z, err, errlen, "unexpected end of file");
      break;
    }
    if (z->ended) { /* more bytes after a member or frame */
      int t = after_end(z, err, errlen);
      if (t < 0) return -1;
      if (t > 0) continue; /* zero padding to the end of the file, said */
    }
    if (z->kind == ZIO_GZIP) {
      if (z->ended) { /* another member follows (concatenated gzip files) */
        if (inflateReset(&z->zs) != Z_OK) return corrupt(z, err, errlen, "reset failed");
        z->ended = false;
      }
      z->zs.next_in = z->in + z->in_pos;
      z->zs.avail_in = (uInt)(z->in_len - z->in_pos);
      z->zs.next_out = (unsigned char *)buf + *got;
      z->zs.avail_out = (uInt)(cap - *got);
      int rc = inflate(&z->zs, Z_NO_FLUSH);
      z->in_pos = z->in_len - z->zs.avail_in;
      *got = cap - z->zs.avail_out;
      if (rc == Z_STREAM_END) z->ended = true;
      else if (rc == Z_NEED_DICT || rc == Z_DATA_ERROR || rc == Z_MEM_ERROR)
        return corrupt(z, err, errlen, z->zs.msg ? z->zs.msg : "invalid data");
      else if (rc == Z_BUF_ERROR && z->zs.avail_in && z->zs.avail_out)
        return corrupt(z, err, errlen, "no progress");
    } else {
      ZSTD_inBuffer ib = {z->in, z->in_len, z->in_pos};
      ZSTD_outBuffer ob = {buf, cap, *got};
      size_t rc = ZSTD_decompressStream(z->zd, &ob, &ib);
      z->in_pos = ib.pos;
      *got = ob.pos;
      if (ZSTD_isError(rc) && ZSTD_getErrorCode(rc) == ZSTD_error_frameParameter_windowTooLarge) {
        /* not corrupt: made with zstd --long=28 or more, whose window (256 MiB and up) this
         * reader does not hold (probe 11b G6); 128 MiB (--long=27) is read */
        snprintf(err, errlen, "%s: zstd data with a window over 128 MiB (zstd --long=28 or "
                 "more): decompress it first (zstd -dc --long=31 %s | qinggao … -)", z->path,
                 z->path);
        return -1;
      }
      if (ZSTD_isError(rc)) return corrupt(z, err, errlen, ZSTD_getErrorName(rc));
      z->ended = rc == 0; /* a frame is complete and flushed */
    }
  }
  return 0;
}

void zin_close(zin *z) {
  if (!z) return;
  if (z->kind == ZIO_GZIP) inflateEnd(&z->zs);
  if (z->zd) ZSTD_freeDStream(z->zd);
  if (z->f && z->f != stdin) fclose(z->f);
  free(z->back);
  free(z);
}

/* ---- output ----------------------------------------------------------------------------- */

typedef struct zout {
  FILE *under;
  zio_kind kind;
  z_stream zs;
  ZSTD_CStream *zc;
  unsigned char out[ZIO_IN];
  bool failed;
} zout;

static bool ends_with(const char *s, const char *suf) {
  size_t n = strlen(s), k = strlen(suf);
  return n > k && !strcasecmp(s + n - k, suf); /* OUT.XML.GZ too */
}

const char *zio_unwritten_kind(const char *name) {
  static const char *const suf[][2] = {{".xz", "xz"},   {".lzma", "lzma"}, {".bz2", "bzip2"},
                                       {".lz4", "lz4"}, {".lz", "lzip"},   {".br", "brotli"},
                                       {".Z", "compress"}, {".7z", "7-Zip"}};
  for (size_t i = 0; i < sizeof suf / sizeof *suf; i++)
    if (ends_with(name, suf[i][0])) return suf[i][1];
  return NULL;
}

zio_kind zio_kind_for_name(const char *name) {
  if (ends_with(name, ".gz")) return ZIO_GZIP;
  if (ends_with(name, ".zst")) return ZIO_ZSTD;
  return ZIO_PLAIN;
}

static int flush_out(zout *o, size_t n) {
  if (n && fwrite(o->out, 1, n, o->under) != n) {
    o->failed = true;
    return -1;
  }
  return 0;
}

/* Compresses len bytes (end: finish the stream). */
static int push(zout *o, const char *data, size_t len, bool end) {
  if (o->failed) return -1;
  if (o->kind == ZIO_GZIP) {
    o->zs.next_in = (unsigned char *)data;
    o->zs.avail_in = (uInt)len;
    for (;;) {
      o->zs.next_out = o->out;
      o->zs.avail_out = sizeof o->out;
      int rc = deflate(&o->zs, end ? Z_FINISH : Z_NO_FLUSH);
      if (rc == Z_STREAM_ERROR) return o->failed = true, -1;
      if (flush_out(o, sizeof o->out - o->zs.avail_out)) return -1;
      if (end ? rc == Z_STREAM_END : o->zs.avail_in == 0 && o->zs.avail_out != 0) break;
    }
    return 0;
  }
  ZSTD_inBuffer ib = {data, len, 0};
  for (;;) {
    ZSTD_outBuffer ob = {o->out, sizeof o->out, 0};
    size_t rc = ZSTD_compressStream2(o->zc, &ob, &ib, end ? ZSTD_e_end : ZSTD_e_continue);
    if (ZSTD_isError(rc)) return o->failed = true, -1;
    if (flush_out(o, ob.pos)) return -1;
    if (end ? rc == 0 : ib.pos == ib.size) break;
  }
  return 0;
}

static ssize_t zout_write(void *c, const char *buf, size_t size) {
  zout *o = c;
  if (push(o, buf, size, false)) {
    errno = EIO;
    return 0; /* fopencookie(3): 0 on an error, never a negative count (review 19 H1) */
  }
  return (ssize_t)size;
}

static int zout_close(void *c) {
  zout *o = c;
  int rc = push(o, NULL, 0, true);
  if (o->kind == ZIO_GZIP) deflateEnd(&o->zs);
  else ZSTD_freeCStream(o->zc);
  free(o);
  return rc ? EOF : 0;
}

FILE *zout_wrap(FILE *under, zio_kind kind) {
  zout *o = calloc(1, sizeof *o);
  if (!o) return NULL;
  o->under = under;
  o->kind = kind;
  if (kind == ZIO_GZIP) {
    /* 15 + 16: gzip header and trailer */
    if (deflateInit2(&o->zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      free(o);
      return NULL;
    }
  } else {
    o->zc = ZSTD_createCStream();
    if (!o->zc || ZSTD_isError(ZSTD_CCtx_setParameter(o->zc, ZSTD_c_compressionLevel, 3))) {
      ZSTD_freeCStream(o->zc);
      free(o);
      return NULL;
    }
  }
  cookie_io_functions_t fns = {.write = zout_write, .close = zout_close};
  FILE *f = fopencookie(o, "w", fns);
  if (!f) {
    if (kind == ZIO_GZIP) deflateEnd(&o->zs);
    else ZSTD_freeCStream(o->zc);
    free(o);
  }
  return f;
}
