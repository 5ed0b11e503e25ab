/* inputs.c: expands the command line's inputs (files, directories walked recursively in name
 * order, "-" for standard input) and feeds each through a pipeline in chunks. */
#include "cli.h"
#include "jsonl.h"
#include "zio.h"

#include <jansson.h>

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes read per call: large enough to amortize the call, small enough to keep memory flat. */
#define CLI_CHUNK (64 * 1024)
/* Directories below an argument that a walk goes into: deeper trees are said and not walked
 * (each level is a frame of the recursion) */
#define CLI_WALK_DEPTH 256

/* The directories on the path from a walk's root to where it is: a directory reached again
 * (a bind mount of a directory above it: symbolic links found in a walk are not followed) is
 * not walked again, as find and du do. */
typedef struct dir_chain {
  dev_t dev;
  ino_t ino;
  const struct dir_chain *up;
} dir_chain;

static bool in_chain(const dir_chain *c, const struct stat *st) {
  for (; c; c = c->up)
    if (c->dev == st->st_dev && c->ino == st->st_ino) return true;
  return false;
}

int cli_run_file(qg_pipeline *p, const char *path, char *err, size_t errlen) {
  return cli_run_file_counted(p, path, false, err, errlen, NULL);
}

int cli_run_file_counted(qg_pipeline *p, const char *path, bool sniff, char *err, size_t errlen,
                         _Atomic uint64_t *bytes) {
  uint64_t counted = 0;
  if (errlen) err[0] = '\0';
  zin *z = zin_open(path, err, errlen);
  if (!z) return QG_ERR_IO;
  if (sniff) { /* JSON Lines are not read as prose (review 17 H4) */
    char *msg;
    if (cli_sniff_jsonl(z, strcmp(path, "-") ? path : "<stdin>", &msg)) {
      zin_close(z);
      snprintf(err, errlen, "%s: out of memory", path);
      return QG_ERR_NOMEM;
    }
    if (msg) {
      if (bytes) atomic_fetch_add(bytes, zin_raw_bytes(z));
      snprintf(err, errlen, "%s", msg);
      free(msg);
      zin_close(z);
      return QG_ERR_IO;
    }
  }
  char *buf = malloc(CLI_CHUNK); /* per call: pipelines may run on several threads */
  if (!buf) {
    zin_close(z);
    snprintf(err, errlen, "%s: out of memory", path);
    return QG_ERR_NOMEM;
  }
  int rc = qg_pipeline_begin(p, strcmp(path, "-") ? path : "<stdin>");
  while (!rc) {
    size_t n;
    if (zin_read(z, buf, CLI_CHUNK, &n, err, errlen)) {
      rc = QG_ERR_IO; /* corrupt or truncated compressed data, or a read error */
      break;
    }
    if (bytes) { /* atomic: the main thread reads it for the progress bar */
      uint64_t raw = zin_raw_bytes(z);
      atomic_fetch_add(bytes, raw - counted);
      counted = raw;
    }
    if (!n) break;
    rc = qg_pipeline_feed(p, buf, n);
  }
  /* the document always ends, so the writer learns the outcome and drops a failed one */
  if (rc == QG_ERR_IO) qg_pipeline_abort(p, rc);
  else {
    int frc = qg_pipeline_finish(p);
    if (!rc) rc = frc;
  }
  if (rc && !err[0] && qg_pipeline_errmsg(p)[0]) snprintf(err, errlen, "%s", qg_pipeline_errmsg(p));
  /* a compressed input whose text failed to decode: often the compressed data is corrupt and
   * inflate gave garbage before its check failed (probe 11b G8: "invalid UTF-8 byte" at a
   * place that is not in the file). The rest is decompressed to find out, and said. */
  if (rc == QG_ERR_INPUT && !err[0] && zin_kind(z) != ZIO_PLAIN) {
    size_t n = 1;
    while (n && !zin_read(z, buf, CLI_CHUNK, &n, err, errlen)) {
    }
  }
  zin_close(z);
  free(buf);
  return rc;
}

/* ---- files that are not text ---------------------------------------------------------------- */

static const struct {
  size_t off, len;
  const char *magic, *what;
} binary_magic[] = { /* formats that may have no NUL byte in their first 4 KiB, and common ones */
    {0, 3, "\xFF\xD8\xFF", "a JPEG image"},
    {0, 8, "\x89PNG\r\n\x1A\n", "a PNG image"},
    {0, 6, "GIF87a", "a GIF image"},
    {0, 6, "GIF89a", "a GIF image"},
    {0, 4, "II*\0", "a TIFF image"},
    {0, 4, "MM\0*", "a TIFF image"},
    {8, 4, "WEBP", "a WebP image"},
    {0, 5, "%PDF-", "a PDF document"},
    {0, 4, "PK\x03\x04", "a ZIP archive (.docx, .xlsx, .odt…)"},
    {0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an OLE document (.doc, .xls…)"},
    {0, 16, "SQLite format 3\0", "an SQLite database"},
    {0, 4, "\x7F" "ELF", "an executable"},
    {0, 6, "7z\xBC\xAF\x27\x1C", "a 7z archive"},
    {0, 6, "Rar!\x1A\x07", "a RAR archive"},
    {0, 6, "\xFD" "7zXZ\0", "an xz archive"},
    {4, 6, "1AY&SY", "a bzip2 archive"},
    {4, 6, "\x17\x72\x45\x38\x50\x90", "a bzip2 archive"}, /* an empty one */
    {0, 4, "\x1A\x45\xDF\xA3", "a Matroska/WebM video"},
};

const char *cli_not_text(const char *path, const char *encoding) {
  /* the first 4 KiB as the reader sees them: gzip and zstd decompressed */
  char err[256];
  zin *z = zin_open(path, err, sizeof err);
  if (z) zin_quiet(z); /* (the reader says its warnings when it reads the file) */
  if (!z) { /* compressed with what the reader refuses (xz, bzip2): skipped as an archive */
    FILE *f = fopen(path, "rb");
    unsigned char m[16];
    size_t got = f ? fread(m, 1, sizeof m, f) : 0;
    if (f) fclose(f);
    for (size_t k = 0; k < sizeof binary_magic / sizeof *binary_magic; k++)
      if (got >= binary_magic[k].off + binary_magic[k].len &&
          !memcmp(m + binary_magic[k].off, binary_magic[k].magic, binary_magic[k].len))
        return binary_magic[k].what;
    return NULL; /* the reader reports it */
  }
  unsigned char b[4096];
  size_t n = 0, got = 1;
  while (n < sizeof b && got && !zin_read(z, (char *)b + n, sizeof b - n, &got, err, sizeof err))
    n += got;
  bool bad = got && n < sizeof b; /* corrupt or unreadable: the reader reports it */
  zin_close(z);
  if (bad) return NULL;
  for (size_t k = 0; k < sizeof binary_magic / sizeof *binary_magic; k++)
    if (n >= binary_magic[k].off + binary_magic[k].len &&
        !memcmp(b + binary_magic[k].off, binary_magic[k].magic, binary_magic[k].len))
      return binary_magic[k].what;
  if (!memchr(b, 0, n)) return NULL;
  if ((n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) ||
      (n >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3)))
    return NULL; /* a byte order mark: text, whatever follows */
  if (encoding && (!strncasecmp(encoding, "UTF-16", 6) || !strncasecmp(encoding, "UTF16", 5) ||
                   !strncasecmp(encoding, "UTF-32", 6) || !strncasecmp(encoding, "UTF32", 5) ||
                   !strncasecmp(encoding, "UCS", 3)))
    return NULL; /* NUL bytes are its text */
  if (qg_sniff_utf16(b, n & ~(size_t)1)) return NULL; /* the decoder would read UTF-16 */
  /* a stray NUL or two in text (left by a PDF extraction) is the text's: the decoder keeps it
   * and chars removes it; binary data has them in numbers */
  size_t nul = 0;
  for (size_t k = 0; k < n; k++) nul += !b[k];
  if (nul < 4 || nul * 64 < n) return NULL;
  return "NUL bytes";
}

/* Names of data and code files, by their extension (lowercase, without the dot), each with
 * what is said of it. */
#define X(e) {e, "data or code (." e ")"}
static const struct {
  const char *ext, *what;
} data_ext[] = {
    X("json"), X("jsonl"), X("ndjson"), X("geojson"), X("yml"), X("yaml"), X("toml"), X("ini"),
    X("cfg"), X("conf"), X("csv"), X("tsv"), X("xml"), X("html"), X("htm"), X("xhtml"), X("svg"),
    X("css"), X("scss"), X("js"), X("mjs"), X("ts"), X("py"), X("rb"), X("pl"), X("php"), X("sh"),
    X("bash"), X("c"), X("h"), X("cc"), X("cpp"), X("hpp"), X("go"), X("rs"), X("java"), X("kt"),
    X("swift"), X("lua"), X("sql"), X("lock"), X("tex"), X("bib"), X("srt"), X("vtt"), X("log"),
    X("diff"), X("patch"), /* lint --diff's own output, kept beside the articles (probe 14 #15) */
};
#undef X

/* What a name says its file is when it names data or code (x.json, x.jsonl.gz, x.html.zst:
 * one compression suffix is not the name's kind), or NULL. */
static const char *data_kind(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t n = strlen(base);
  if (n > 3 && !strcasecmp(base + n - 3, ".gz")) n -= 3;
  else if (n > 4 && !strcasecmp(base + n - 4, ".zst")) n -= 4;
  size_t dot = n;
  while (dot > 0 && base[dot - 1] != '.') dot--;
  if (dot > 1) /* a dot, not the name's first character (a hidden name) */
    for (size_t k = 0; k < sizeof data_ext / sizeof *data_ext; k++)
      if (strlen(data_ext[k].ext) == n - dot && !strncasecmp(base + dot, data_ext[k].ext, n - dot))
        return data_ext[k].what;
  return NULL;
}

const char *cli_not_copy(const cli_input *in, const char *encoding) {
  if (!in->walked) return NULL;
  if (in->outdir && in->outdir_note) return in->outdir_note;
  if (in->outdir) return "an earlier run's outputs (" CLI_OUTPUT_MARK "), not walked";
  if (in->link) return "a symbolic link, not followed";
  if (!in->included) {
    /* one compression suffix is not the name's kind: a crawl dump stored as x.jsonl.gz or
     * x.html.zst is data as x.jsonl is (probe 15 #3: read as prose, its JSON "cleaned") */
    const char *what = data_kind(in->path);
    if (what) return what;
  }
  return cli_not_text(in->path, encoding);
}

/* The bytes cli_sniff_jsonl looks at, at most: a first record longer than this is judged by
 * its start ({" and a ": in it). */
#define SNIFF_MAX (1024 * 1024)

/* Where the line at s of buf[0..len) ends (its LF, or len), and whether it is whole. */
static size_t line_end(const char *buf, size_t len, size_t s, bool *whole) {
  const char *nl = memchr(buf + s, '\n', len - s);
  *whole = nl != NULL;
  return nl ? (size_t)(nl - buf) : len;
}

/* Past blank lines (spaces, tabs, CRs) from s. */
static size_t skip_blank(const char *buf, size_t len, size_t s) {
  for (;;) {
    size_t t = s;
    while (t < len && (buf[t] == ' ' || buf[t] == '\t' || buf[t] == '\r')) t++;
    if (t < len && buf[t] == '\n') s = t + 1;
    else return t;
  }
}

/* The line at s (a '{' there) is a JSON object: 1 yes, 0 no, -1 more bytes needed. */
static int object_line(const char *buf, size_t len, size_t s, bool eof, bool full) {
  bool whole;
  size_t e = line_end(buf, len, s, &whole);
  if (!whole && !eof && !full) return -1;
  if (!whole && !eof) { /* longer than SNIFF_MAX: its start */
    size_t t = s + 1;
    while (t < len && (buf[t] == ' ' || buf[t] == '\t')) t++;
    if (t >= len || buf[t] != '"') return 0;
    for (size_t k = t + 1; k + 1 < len; k++)
      if (buf[k] == '"' && buf[k + 1] == ':') return 1;
    return 0;
  }
  while (e > s && (buf[e - 1] == '\r' || buf[e - 1] == ' ' || buf[e - 1] == '\t')) e--;
  return cli_jsonl_is_object(buf + s, e - s) ? 1 : 0;
}

/* JSON Lines or not, from the start buf[0..len) of a file (eof: that is all of it; full: no
 * more is looked at): 1 (*one: its only line), 0, or -1 when more bytes are needed. */
static int judge(const char *buf, size_t len, bool eof, bool full, bool *one) {
  size_t s = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
  s = skip_blank(buf, len, s);
  if (s == len) return eof || full ? 0 : -1;
  if (buf[s] != '{') return 0;
  int r = object_line(buf, len, s, eof, full);
  if (r <= 0) return r;
  bool whole;
  size_t e = line_end(buf, len, s, &whole);
  if (!whole) return full ? 1 : -1; /* (the first line's start decided, or the file ends) */
  size_t t = skip_blank(buf, len, e + 1);
  if (t == len) {
    *one = true;
    return eof || full ? 1 : -1;
  }
  if (buf[t] != '{') return 0;
  return object_line(buf, len, t, eof, full);
}

int cli_sniff_jsonl(zin *z, const char *name, char **msg) {
  *msg = NULL;
  char *buf = NULL, err[512] = "";
  size_t len = 0, cap = 0;
  bool eof = false, one = false;
  int v;
  while ((v = judge(buf ? buf : "", len, eof, len >= SNIFF_MAX, &one)) < 0) {
    if (cap - len < 4096) {
      size_t c = cap ? 2 * cap : 8192;
      char *nb = realloc(buf, c);
      if (!nb) {
        free(buf);
        return -1;
      }
      buf = nb, cap = c;
    }
    size_t got;
    size_t want = cap - len < SNIFF_MAX - len ? cap - len : SNIFF_MAX - len;
    if (zin_read(z, buf + len, want, &got, err, sizeof err)) {
      v = 0; /* damage or a read error: said by the reader, after the bytes before it */
      break;
    }
    if (!got) eof = true;
    len += got;
  }
  if (buf && len) zin_unread(z, buf, len, err);
  else {
    free(buf);
    if (err[0]) zin_unread(z, NULL, 0, err);
  }
  if (v <= 0) return 0;
  const char *f = one ? "%s: looks like JSON Lines (its only non-blank line is a JSON object): not read as prose, which would rewrite its JSON; use "
                        "--jsonl (clean, dedup, archive add)"
                      : "%s: looks like JSON Lines (its first two non-blank lines are JSON "
                        "objects): not read as prose, which would rewrite its JSON; use --jsonl "
                        "(clean, dedup, archive add)";
  char *shown = qg_display_name(name);
  const char *nm = shown ? shown : name;
  size_t m = strlen(f) + strlen(nm);
  if ((*msg = malloc(m))) snprintf(*msg, m, f, nm);
  free(shown);
  return *msg ? 0 : -1;
}

bool cli_data_name(const char *path) { return data_kind(path) != NULL; }

/* ---- collecting the inputs of a batch run (cli/batch.c) --------------------------------- */

/* One path segment of a pattern (no '/') against one of a path, with fnmatch. */
static bool seg_match(const char *pat, size_t pl, const char *s, size_t sl) {
  char p[1024], t[1024];
  if (pl >= sizeof p || sl >= sizeof t) return false;
  memcpy(p, pat, pl), p[pl] = '\0';
  memcpy(t, s, sl), t[sl] = '\0';
  return fnmatch(p, t, 0) == 0;
}

bool cli_glob_match(const char *pat, const char *path) {
  if (pat[0] == '*' && pat[1] == '*' && (pat[2] == '/' || !pat[2])) {
    if (!pat[2]) return true; /* ** matches whatever is left, at any depth */
    for (const char *p = path;; p++) { /* a leading ** segment: zero or more directories */
      if (cli_glob_match(pat + 3, p)) return true;
      if (!(p = strchr(p, '/'))) return false;
    }
  }
  const char *ps = strchr(pat, '/'), *xs = strchr(path, '/');
  size_t pl = ps ? (size_t)(ps - pat) : strlen(pat), xl = xs ? (size_t)(xs - path) : strlen(path);
  if (!seg_match(pat, pl, path, xl)) return false;
  if (!ps) return !xs;
  if (!xs) return !strcmp(ps + 1, "**"); /* a trailing ** also names the directory itself */
  return cli_glob_match(ps + 1, xs + 1);
}

/* A pattern without '/' is matched against the basename, one with '/' against the path below
 * the directory argument (a leading "./" or "/" is ignored). */
static bool filter_match(const char *pat, const char *rel) {
  if (pat[0] == '.' && pat[1] == '/') pat += 2;
  while (pat[0] == '/') pat++;
  size_t n = strlen(pat);
  if (n && pat[n - 1] == '/') { /* "drafts/" names the directory drafts */
    char p[1024];
    if (n >= sizeof p) return false;
    memcpy(p, pat, n - 1), p[n - 1] = '\0';
    while (n > 1 && p[n - 2] == '/') p[--n - 1] = '\0';
    return p[0] && filter_match(p, rel);
  }
  if (strchr(pat, '/')) return cli_glob_match(pat, rel);
  const char *base = strrchr(rel, '/');
  return cli_glob_match(pat, base ? base + 1 : rel);
}

static bool any_match(const char *const *pats, size_t n, const char *rel) {
  for (size_t i = 0; i < n; i++)
    if (filter_match(pats[i], rel)) return true;
  return false;
}

static int add_input(cli_inputs *l, const char *path, size_t rel_off, const struct stat *st,
                     bool walked, bool link) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 64;
    cli_input *v = realloc(l->v, cap * sizeof *v);
    if (!v) return -1;
    l->v = v, l->cap = cap;
  }
  cli_input *in = &l->v[l->n];
  *in = (cli_input){.path = strdup(path), .walked = walked, .link = link};
  if (!in->path) return -1;
  in->rel = in->path + rel_off;
  if (st) {
    in->stat_ok = true;
    in->dev = st->st_dev, in->ino = st->st_ino;
    if (S_ISREG(st->st_mode)) in->size = (uint64_t)st->st_size, in->sized = true;
    l->total += in->size;
  }
  l->n++;
  return 0;
}

/* The files (not directories, links or hidden entries) below the directory path, as a walk
 * would find them, to say how many a directory left out holds. */
static unsigned long count_files(const char *path, int depth) {
  if (depth > CLI_WALK_DEPTH) return 0;
  DIR *d = opendir(path);
  if (!d) return 0;
  unsigned long n = 0;
  size_t plen = strlen(path);
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.') continue;
    size_t len = plen + strlen(e->d_name) + 2;
    char *child = malloc(len);
    if (!child) break;
    snprintf(child, len, "%s/%s", path, e->d_name);
    struct stat cst;
    if (!lstat(child, &cst)) {
      if (S_ISREG(cst.st_mode)) n++;
      else if (S_ISDIR(cst.st_mode)) n += count_files(child, depth + 1);
    }
    free(child);
  }
  closedir(d);
  return n;
}

/* Collects path: an argument (depth 0; a symbolic link is followed) or what a walk found in a
 * directory, with its lstat in *found (a symbolic link is listed, not followed: as git and
 * ripgrep, a link to an article is not checked a second time under another name, nor a link
 * to a directory walked, probe 14 #15). */
static int collect(cli_inputs *l, const cli_walk_opts *o, const char *path, size_t root_len,
                   int depth, const dir_chain *up, const struct stat *found) {
  struct stat st;
  bool top = depth == 0;
  size_t rel_off = top ? 0 : root_len + (path[root_len] == '/' ? 1 : 0);
  if (top) {
    const char *base = strrchr(path, '/');
    size_t base_off = base ? (size_t)(base + 1 - path) : 0;
    if (stat(path, &st)) return add_input(l, path, base_off, NULL, false, false); /* the reader reports it */
    if (!S_ISDIR(st.st_mode)) return add_input(l, path, base_off, &st, false, false); /* always taken */
  } else {
    st = *found;
  }
  if (!S_ISDIR(st.st_mode)) {
    const char *rel = path + rel_off;
    if (o->ninclude && !any_match(o->include, o->ninclude, rel)) return 0;
    if (any_match(o->exclude, o->nexclude, rel)) return 0;
    if (add_input(l, path, rel_off, &st, true, S_ISLNK(st.st_mode))) return -1;
    l->v[l->n - 1].included = o->ninclude > 0;
    return 0;
  }
  if (in_chain(up, &st)) return 0; /* a symlink loop: the directory is being walked */
  if (depth > CLI_WALK_DEPTH) { /* said: the files below are not taken */
    if (!o->quiet)
      fprintf(stderr, "qinggao: %s: more than %d directories deep: not walked\n", path,
              CLI_WALK_DEPTH);
    return 0;
  }
  dir_chain here = {st.st_dev, st.st_ino, up};
  if (!top && any_match(o->exclude, o->nexclude, path + rel_off)) return 0; /* pruned */
  bool skip = o->skip_dir && st.st_dev == o->skip_dev && st.st_ino == o->skip_ino; /* -o DIR */
  if (skip && top) return 0;
  if (!top) { /* an earlier run's -o DIR/: listed, to be said with the files left out */
    size_t len = strlen(path) + sizeof "/" CLI_OUTPUT_MARK;
    char *mark = malloc(len);
    if (!mark) return -1;
    snprintf(mark, len, "%s/%s", path, CLI_OUTPUT_MARK);
    struct stat mst;
    bool marked = !lstat(mark, &mst) && S_ISREG(mst.st_mode);
    free(mark);
    if (skip) {
      /* this run's -o DIR inside the tree: not walked. One the run made (marked, empty) or a
       * marked one says nothing; one the user had, unmarked, with files in it, is said with
       * the files the walk skips, with how many (audit 24 F4: its files were left out without
       * a word, a file the run then wrote there replacing one of the same name) */
      unsigned long nf = marked ? 0 : count_files(path, depth);
      if (!nf) return 0;
      char note[96];
      snprintf(note, sizeof note, "the output directory (-o), not walked: %lu file%s in it", nf,
               nf == 1 ? "" : "s");
      if (add_input(l, path, rel_off, &st, true, false)) return -1;
      cli_input *in = &l->v[l->n - 1];
      in->outdir = true;
      if (!(in->outdir_note = strdup(note))) return -1;
      return 0;
    }
    if (marked) {
      if (add_input(l, path, rel_off, &st, true, false)) return -1;
      l->v[l->n - 1].outdir = true;
      return 0;
    }
  }
  struct dirent **names = NULL;
  int n = scandir(path, &names, NULL, alphasort);
  if (n < 0) return add_input(l, path, 0, NULL, false, false);
  size_t plen = strlen(path);
  int rc = 0;
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    if (!rc && name[0] != '.') {
      size_t len = plen + strlen(name) + 2;
      char *child = malloc(len);
      if (!child) rc = -1;
      else {
        snprintf(child, len, "%s%s%s", path, path[plen - 1] == '/' ? "" : "/", name);
        struct stat cst, tst;
        int se = lstat(child, &cst) ? errno : 0;
        /* a link to a file or a directory is listed (and left out by cli_not_copy, said with
         * the files that are not text); one that leads nowhere is said here */
        bool leads = !se && S_ISLNK(cst.st_mode) && !stat(child, &tst) &&
                     (S_ISDIR(tst.st_mode) || S_ISREG(tst.st_mode));
        if (!se && (S_ISDIR(cst.st_mode) || S_ISREG(cst.st_mode) || leads))
          rc = collect(l, o, child, top ? plen : root_len, depth + 1, &here, &cst);
        else if (!o->quiet && se == ENAMETOOLONG) /* said, as a tree too deep is */
          fprintf(stderr, "qinggao: %s: path too long: not walked\n", child);
        else if (!o->quiet && !se && !S_ISLNK(cst.st_mode) &&
                 !any_match(o->exclude, o->nexclude, child + (top ? plen : root_len) + 1))
          /* a named pipe, socket or device found in a directory is not read (a pipe would
           * wait for a writer), and said so (probe 11b G10: skipped without a word); named
           * on the command line, one is read */
          fprintf(stderr, "qinggao: %s: %s found in a directory: skipped (name it to read it)\n",
                  child, S_ISFIFO(cst.st_mode) ? "a named pipe" : S_ISSOCK(cst.st_mode) ? "a socket"
                                                                                   : "a device");
        else if (!o->quiet && !se && S_ISLNK(cst.st_mode) && stat(child, &tst) &&
                 !any_match(o->exclude, o->nexclude, child + (top ? plen : root_len) + 1))
          fprintf(stderr, "qinggao: %s: broken symbolic link: skipped\n", child);
        free(child);
      }
    }
    free(names[i]);
  }
  free(names);
  return rc;
}

bool cli_stdin_absent(void) {
  if (isatty(STDIN_FILENO)) return true;
  struct stat in, nul;
  if (fstat(STDIN_FILENO, &in)) return true; /* closed */
  return S_ISCHR(in.st_mode) && !stat("/dev/null", &nul) && S_ISCHR(nul.st_mode) &&
         in.st_rdev == nul.st_rdev;
}

/* ---- a file reached twice ---------------------------------------------------------------- */

typedef struct visit {
  dev_t dev;
  ino_t ino;
  size_t i;
} visit;

static int cmp_visit(const void *x, const void *y) {
  const visit *a = x, *b = y;
  if (a->dev != b->dev) return a->dev < b->dev ? -1 : 1;
  if (a->ino != b->ino) return a->ino < b->ino ? -1 : 1;
  return (a->i > b->i) - (a->i < b->i);
}

/* Drops every later visit of a file the list holds twice (cli_walk_opts.once): the same file
 * cleaned twice came out twice, emptied itself under --dedup-scope run, and under -o DIR/ was
 * refused as "its output is already the output of" itself (probe 15 #7). -1: out of memory. */
static int drop_repeats(cli_inputs *l, bool quiet) {
  visit *v = malloc((l->n ? l->n : 1) * sizeof *v);
  size_t *first = malloc((l->n ? l->n : 1) * sizeof *first); /* of each: its first visit */
  if (!v || !first) {
    free(v);
    free(first);
    return -1;
  }
  size_t nv = 0;
  for (size_t i = 0; i < l->n; i++) {
    first[i] = i;
    if (l->v[i].stat_ok) v[nv++] = (visit){l->v[i].dev, l->v[i].ino, i};
  }
  qsort(v, nv, sizeof *v, cmp_visit);
  for (size_t k = 1; k < nv; k++)
    if (v[k].dev == v[k - 1].dev && v[k].ino == v[k - 1].ino) first[v[k].i] = first[v[k - 1].i];
  free(v);
  size_t kept = 0, said = 0;
  for (size_t i = 0; i < l->n; i++) {
    cli_input *in = &l->v[i];
    if (first[i] == i) {
      l->v[kept] = *in;
      first[i] = kept++; /* now: where it went */
      continue;
    }
    cli_input *to = &l->v[first[first[i]]];
    if (in->outdir) { /* a directory of outputs reached twice: said once, where it is left out */
      free(in->path);
      free(in->outdir_note);
      continue;
    }
    if (!in->walked) { /* named on the command line: read whatever its name (cli_not_copy) */
      to->walked = false;
      to->link = false;
    }
    to->included = to->included || in->included;
    if (!quiet && said++ < 20) {
      char *x = qg_display_name(in->path), *y = qg_display_name(to->path);
      const char *xs = x ? x : in->path, *ys = y ? y : to->path;
      if (strcmp(xs, ys)) fprintf(stderr, "qinggao: named twice: %s (the same file as %s)\n", xs, ys);
      else fprintf(stderr, "qinggao: named twice: %s\n", xs);
      free(x);
      free(y);
    }
    l->total -= in->size <= l->total ? in->size : l->total;
    free(in->path);
    free(in->out);
    free(in->refuse);
  }
  if (said > 20)
    fprintf(stderr, "qinggao: … and %zu more file%s reached twice, each read once\n", said - 20,
            said - 20 == 1 ? "" : "s");
  l->n = kept;
  free(first);
  return 0;
}

int cli_inputs_collect(int argc, char **argv, const cli_walk_opts *o, cli_inputs *l) {
  *l = (cli_inputs){0};
  if (argc == 0) return add_input(l, "-", 0, NULL, false, false);
  bool stdin_named = false;
  for (int i = 0; i < argc; i++) {
    if (!strcmp(argv[i], "-")) {
      if (stdin_named) { /* a second reading would find it used up (or share it, with -j) */
        fprintf(stderr, "qinggao: standard input (-) is named more than once\n");
        exit(2);
      }
      stdin_named = true;
    }
    int rc = strcmp(argv[i], "-") ? collect(l, o, argv[i], strlen(argv[i]), 0, NULL, NULL)
                                  : add_input(l, "-", 0, NULL, false, false);
    if (rc) return rc;
  }
  int rc = o->once ? drop_repeats(l, o->quiet) : 0;
  if (!rc) cli_heap_for_job(l);
  return rc;
}

void cli_inputs_free(cli_inputs *l) {
  for (size_t i = 0; i < l->n; i++) {
    free(l->v[i].path);
    free(l->v[i].out);
    free(l->v[i].refuse);
    free(l->v[i].outdir_note);
  }
  free(l->v);
  *l = (cli_inputs){0};
}

void cli_name_list_add(char **names, size_t *len, const char *path) {
  char *shown = qg_display_name(path);
  const char *name = shown ? shown : path;
  size_t n = strlen(name) + 3;
  char *v = realloc(*names, *len + n);
  if (v) {
    *names = v;
    *len += (size_t)sprintf(v + *len, "%s%s", *len ? ", " : "", name);
  }
  free(shown);
}
