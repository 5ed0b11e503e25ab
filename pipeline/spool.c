/* spool.c: output held back until a document is known to be good. Bytes stay in memory up
 * to a limit, then move to an anonymous temporary file, so memory stays flat however large
 * the document. The temporary file is made in $TMPDIR, else /tmp (tmpfile(3) ignores TMPDIR
 * in glibc: probe 11c F2), and unlinked at once. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *qg_tmpdir(void);
FILE *qg_tmpfile(void);
int qg_spool_sync(qg_spool *s);

/* The directory of temporary files: $TMPDIR when set and not empty, else /tmp. */
const char *qg_tmpdir(void) {
  const char *d = getenv("TMPDIR");
  return d && d[0] ? d : "/tmp";
}

/* An anonymous temporary file in qg_tmpdir(), open for reading and writing; NULL with errno
 * set when it cannot be made. */
FILE *qg_tmpfile(void) {
  const char *dir = qg_tmpdir();
  size_t n = strlen(dir);
  char *path = malloc(n + sizeof "/qinggao-XXXXXX");
  if (!path) return NULL;
  memcpy(path, dir, n);
  memcpy(path + n, "/qinggao-XXXXXX", sizeof "/qinggao-XXXXXX");
  int fd = mkstemp(path);
  if (fd < 0) {
    free(path);
    return NULL;
  }
  unlink(path);
  free(path);
  (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
  FILE *f = fdopen(fd, "w+");
  if (!f) {
    int e = errno;
    close(fd);
    errno = e;
  }
  return f;
}

void qg_spool_init(qg_spool *s, size_t limit) {
  qg_buf_init(&s->mem);
  s->file = NULL;
  s->limit = limit;
}

int qg_spool_write(qg_spool *s, const void *data, size_t len) {
  if (!s->file && s->mem.len + len > s->limit) {
    s->file = qg_tmpfile();
    if (!s->file) return QG_ERR_IO;
    if (s->mem.len && fwrite(s->mem.ptr, 1, s->mem.len, s->file) != s->mem.len) return QG_ERR_IO;
    qg_buf_free(&s->mem);
  }
  if (s->file) return fwrite(data, 1, len, s->file) == len ? 0 : QG_ERR_IO;
  return qg_buf_put(&s->mem, data, len);
}

char *qg_spool_room(qg_spool *s, size_t n) {
  if (s->file || n > s->limit || s->mem.len > s->limit - n || qg_buf_grow(&s->mem, n)) return NULL;
  return s->mem.ptr + s->mem.len;
}

void qg_spool_wrote(qg_spool *s, size_t n) {
  s->mem.len += n;
  s->mem.ptr[s->mem.len] = '\0';
}

/* Writes what the temporary file holds in its buffer: 0, or QG_ERR_IO (errno set) when the
 * file cannot take it (a full disk). */
int qg_spool_sync(qg_spool *s) {
  return s->file && (ferror(s->file) || fflush(s->file)) ? QG_ERR_IO : 0;
}

int qg_spool_copy_to(qg_spool *s, FILE *out) {
  if (!s->file) {
    if (s->mem.len && fwrite(s->mem.ptr, 1, s->mem.len, out) != s->mem.len) return QG_ERR_IO;
    return 0;
  }
  if (fflush(s->file) || fseek(s->file, 0, SEEK_SET)) return QG_ERR_IO;
  char tmp[16384]; /* (16 KiB: a 64 KiB frame overflowed a 64 KiB stack, session 38) */
  size_t n;
  while ((n = fread(tmp, 1, sizeof tmp, s->file)) > 0)
    if (fwrite(tmp, 1, n, out) != n) return QG_ERR_IO;
  if (ferror(s->file)) return QG_ERR_IO;
  return fseek(s->file, 0, SEEK_END) ? QG_ERR_IO : 0;
}

void qg_spool_reset(qg_spool *s) {
  if (s->file) {
    fclose(s->file);
    s->file = NULL;
  }
  qg_buf_clear(&s->mem);
}

void qg_spool_free(qg_spool *s) {
  qg_spool_reset(s);
  qg_buf_free(&s->mem);
}
