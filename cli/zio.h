/* zio.h: compressed input and output for the qinggao command (cli/zio.c). */
#ifndef QG_ZIO_H
#define QG_ZIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

typedef enum { ZIO_PLAIN, ZIO_GZIP, ZIO_ZSTD } zio_kind;

typedef struct zin zin;
/* Opens path ("-": standard input) and reads its magic bytes: 1f 8b is gzip (concatenated
 * members are read one after another), 28 b5 2f fd is zstd, anything else is read as it is.
 * NULL with err set when it cannot be opened. */
zin *zin_open(const char *path, char *err, size_t errlen);
zio_kind zin_kind(const zin *z);
/* The file's status when it was opened (device, inode, size, modification time): false for
 * standard input. lint --fix compares it with the file's before replacing it. */
bool zin_ident(const zin *z, struct stat *st);
/* Bytes read from the file so far (compressed bytes for gzip and zstd), for progress. */
uint64_t zin_raw_bytes(const zin *z);
/* Whether a read of want bytes may wait for a writer: the input is not a regular file (a pipe,
 * a FIFO, a socket, a terminal) and holds fewer than want bytes ready (FIONREAD; a compressed
 * input needs fewer, so this errs towards yes). */
bool zin_may_wait(const zin *z, size_t want);
/* Reads up to cap decompressed bytes; *got 0 at the end. -1 with err set ("FILE: corrupt gzip
 * data (…)", "FILE: read error: …") on corrupt or truncated data or a read error. The bytes
 * that decompressed before damage are returned first (0), and the error by the next call: a
 * reader gets every byte gzip -dc or zstd -dc would give before failing. */
int zin_read(zin *z, char *buf, size_t cap, size_t *got, char *err, size_t errlen);
/* Gives back the first n bytes read (buf, malloc'd: the reader takes it), which the next
 * reads return before anything else; err (not NULL nor ""): the error a read met after them,
 * returned once they are (a look at the start: cli_sniff_jsonl). */
void zin_unread(zin *z, char *buf, size_t n, const char *err);
void zin_close(zin *z);
/* Gzip data followed by zero bytes up to the end of the file is read, the zeros ignored
 * with a warning ("qinggao: FILE: warning: N zero bytes after the gzip data ignored …"),
 * written to the stream this thread last gave zio_warn_to (standard error until then; NULL:
 * none). zin_quiet: this reader says no warning (a look at a file's first bytes). Other bytes
 * after gzip or zstd data, and zeros after zstd data (zstd -d refuses them), are an error
 * ("trailing bytes after the gzip data …"). */
void zio_warn_to(FILE *f);
/* Called (this thread's, NULL: none) just before a reader writes a warning: the CLI waits there
 * until a pipeline's second thread has written what comes before it (qg_pipeline_sync). */
void zio_warn_hook(void (*fn)(void *), void *ud);
/* This thread's warnings to standard error again, and no hook (a pool's worker run on the
 * main thread, cli/pool.c, leaves what it set behind it). */
void zio_warn_reset(void);
void zin_quiet(zin *z);

/* ZIO_GZIP for a name ending in .gz, ZIO_ZSTD for .zst, otherwise ZIO_PLAIN. */
zio_kind zio_kind_for_name(const char *name);
/* The compression a name asks for that qinggao does not write (".xz": "xz", ".bz2": "bzip2",
 * ".lz4", ".lzma", ".lz", ".br", ".Z", ".7z"), or NULL: an output so named is refused, as it
 * would hold plain text under a compressed name (audit 24 F17). */
const char *zio_unwritten_kind(const char *name);
/* A stream that compresses what is written to it into under (gzip or zstd); fclose on it ends
 * the compressed stream (under stays open). NULL when out of memory. */
FILE *zout_wrap(FILE *under, zio_kind kind);

#endif
