/* config.c: lint's configuration files (.qinggao.ini, parsed with libinih), found by walking
 * up from each checked file's directory as .editorconfig files are: every file up to the
 * filesystem root or the first with `root = true`, the nearest winning per key.
 * docs/ci.md documents the keys. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "lint.h"
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_NAME ".qinggao.ini"

size_t lint_nrules(void) {
  size_t n = 0;
  for (const qg_rule *r = qg_rules(); r->id; r++) n++;
  return n;
}

static int lint_rule_index_scan(const char *id);

int lint_rule_index(const char *id) {
  /* the index found for a few of the table's rule strings (a diagnostic names its rule by the
   * table's own string, so its address is a key): one look-up a diagnostic, not a scan */
  static _Thread_local const char *seen[256];
  static _Thread_local int seen_at[256];
  /* (the ids are string literals a few bytes apart: their addresses mixed, so that the
   * rules of a run seldom share a slot and scan the table again) */
  size_t slot = (size_t)(((uint64_t)(uintptr_t)id * 0x9E3779B97F4A7C15ULL) >> 56);
  if (seen[slot] == id) return seen_at[slot];
  int got = lint_rule_index_scan(id);
  if (got >= 0 && qg_rules()[got].id == id) seen[slot] = id, seen_at[slot] = got; /* only
                                            * the table's own strings: other addresses are reused */
  return got;
}

static int lint_rule_index_scan(const char *id) {
  int i = 0;
  /* diagnostics name their rule by the table's own string: a pointer compare finds it */
  for (const qg_rule *r = qg_rules(); r->id; r++, i++)
    if (r->id == id) return i;
  i = 0;
  for (const qg_rule *r = qg_rules(); r->id; r++, i++)
    if (!strcmp(r->id, id)) return i;
  return -1;
}

void lint_config_init(lint_config *c) {
  memset(c, 0, sizeof *c);
  size_t n = lint_nrules();
  c->sev = malloc((n ? n : 1) * sizeof *c->sev);
  if (c->sev)
    for (size_t i = 0; i < n; i++) c->sev[i] = LINT_SEV_UNSET;
  c->max_warnings = -1;
  c->near_features = -1;
  c->near_threshold = -1;
  c->files = strdup("");
  c->dicts_key = strdup("");
}

void lint_config_free(lint_config *c) {
  free(c->sev);
  free(c->cues);
  free(c->archive);
  free(c->archive_at);
  for (size_t i = 0; i < c->ndicts; i++) free(c->dicts[i]);
  free(c->dicts);
  free(c->dicts_key);
  for (size_t i = 0; i < c->nignore; i++)
    free(c->ignore[i].base), free(c->ignore[i].pat), free(c->ignore[i].file);
  free(c->ignore);
  free(c->files);
  memset(c, 0, sizeof *c);
}

static char *join_path(const char *dir, const char *name) {
  if (name[0] == '/') return strdup(name);
  size_t n = strlen(dir) + strlen(name) + 2;
  char *s = malloc(n);
  if (s) snprintf(s, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
  return s;
}

static int add_ignore(lint_config *c, const char *base, const char *pat, const char *file) {
  lint_ignore *v = realloc(c->ignore, (c->nignore + 1) * sizeof *v);
  if (!v) return -1;
  c->ignore = v;
  v[c->nignore].base = strdup(base);
  v[c->nignore].pat = strdup(pat);
  v[c->nignore].file = strdup(file);
  if (!v[c->nignore].base || !v[c->nignore].pat || !v[c->nignore].file) {
    free(v[c->nignore].base), free(v[c->nignore].pat), free(v[c->nignore].file);
    return -1;
  }
  c->nignore++;
  return 0;
}

/* Adds a dictionary (path is taken) to c's, the key extended. -1 when out of memory. */
static int add_dict(lint_config *c, char *path) {
  char **v = realloc(c->dicts, (c->ndicts + 1) * sizeof *v);
  size_t n = strlen(c->dicts_key) + strlen(path) + 2;
  char *key = malloc(n);
  if (!v || !key) {
    if (v) c->dicts = v;
    free(key), free(path);
    return -1;
  }
  c->dicts = v;
  v[c->ndicts++] = path;
  snprintf(key, n, "%s%s%s", c->dicts_key, c->dicts_key[0] ? "\n" : "", path);
  free(c->dicts_key);
  c->dicts_key = key;
  return 0;
}

static int append_file_name(lint_config *c, const char *path) {
  size_t n = strlen(c->files) + strlen(path) + 3;
  char *s = malloc(n);
  if (!s) return -1;
  snprintf(s, n, "%s%s%s", c->files, c->files[0] ? ", " : "", path);
  free(c->files);
  c->files = s;
  return 0;
}

/* Copies src's settings over dst's (src is the nearer file). */
static int merge(lint_config *dst, const lint_config *src) {
  size_t n = lint_nrules();
  for (size_t i = 0; i < n; i++)
    if (src->sev[i] != LINT_SEV_UNSET) dst->sev[i] = src->sev[i];
  if (src->max_warnings >= 0) dst->max_warnings = src->max_warnings;
  if (src->near_features >= 0) dst->near_features = src->near_features;
  if (src->near_threshold >= 0) dst->near_threshold = src->near_threshold;
  if (src->cues) {
    free(dst->cues);
    if (!(dst->cues = strdup(src->cues))) return -1;
  }
  if (src->archive) {
    free(dst->archive);
    free(dst->archive_at);
    dst->archive_at = NULL;
    if (!(dst->archive = strdup(src->archive)) ||
        (src->archive_at && !(dst->archive_at = strdup(src->archive_at))))
      return -1;
  }
  for (size_t i = 0; i < src->nignore; i++)
    if (add_ignore(dst, src->ignore[i].base, src->ignore[i].pat, src->ignore[i].file)) return -1;
  for (size_t i = 0; i < src->ndicts; i++) { /* dictionaries add up, as ignore patterns do */
    char *d = strdup(src->dicts[i]);
    if (!d || add_dict(dst, d)) return -1;
  }
  if (src->files[0] && append_file_name(dst, src->files)) return -1;
  return 0;
}

/* ---- parsing ----------------------------------------------------------------------------- */

typedef struct parse_ctx {
  lint_config *c;
  const char *path;
  char dir[PATH_MAX];
  FILE *f;
  int line;        /* lines read so far */
  int err_line;    /* first line with an error found by us (0: none) */
  char msg[1024];
  bool *root;
  int cues_line, archive_line; /* where this file named them (a second time is an error) */
} parse_ctx;

static void fail(parse_ctx *p, const char *fmt, const char *a, const char *b) {
  if (p->err_line) return;
  p->err_line = p->line;
  snprintf(p->msg, sizeof p->msg, fmt, a, b);
}

/* libinih reads lines through this, so we know the line number and can refuse lines longer
 * than its buffer (it would silently cut them). */
static char *reader(char *str, int num, void *stream) {
  parse_ctx *p = stream;
  char *r = fgets(str, num, p->f);
  if (!r) return NULL;
  size_t l = strlen(r);
  p->line++;
  if ((l == 0 || r[l - 1] != '\n') && !feof(p->f)) {
    if (!p->err_line) {
      p->err_line = p->line;
      snprintf(p->msg, sizeof p->msg,
               "line longer than %d bytes (split ignore patterns over several 'ignore =' lines)",
               num - 3);
    }
    int ch;
    while ((ch = fgetc(p->f)) != EOF && ch != '\n') {
    }
    str[0] = '\0'; /* the cut line is dropped, the error stands */
  }
  return r;
}

static int parse_severity(const char *v) {
  if (!strcasecmp(v, "off") || !strcasecmp(v, "none")) return LINT_SEV_OFF;
  if (!strcasecmp(v, "info") || !strcasecmp(v, "note")) return QG_SEV_INFO;
  if (!strcasecmp(v, "warning") || !strcasecmp(v, "warn")) return QG_SEV_WARNING;
  if (!strcasecmp(v, "error")) return QG_SEV_ERROR;
  return LINT_SEV_UNSET;
}

static int on_kv(void *user, const char *section, const char *name, const char *value) {
  parse_ctx *p = user;
  lint_config *c = p->c;
  if (!section[0]) {
    if (strcmp(name, "root")) {
      fail(p, "unknown key '%s' before any section (only root; sections: [lint], [rules])%s",
           name, "");
      return 0;
    }
    if (!strcasecmp(value, "true")) *p->root = true;
    else if (!strcasecmp(value, "false")) *p->root = false;
    else {
      fail(p, "root must be true or false, not '%s'%s", value, "");
      return 0;
    }
    return 1;
  }
  if (!strcmp(section, "rules")) {
    int i = lint_rule_index(name);
    if (i < 0) {
      fail(p, "unknown rule '%s' (qinggao rules lists them)%s", name, "");
      return 0;
    }
    int s = parse_severity(value);
    if (s == LINT_SEV_UNSET) {
      fail(p, "rule %s: severity must be off, info, warning or error, not '%s'", name, value);
      return 0;
    }
    c->sev[i] = s;
    return 1;
  }
  if (strcmp(section, "lint")) {
    fail(p, "unknown section [%s] (sections: [lint], [rules])%s", section, "");
    return 0;
  }
  if (!strcmp(name, "max-warnings")) {
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (!value[0] || *end || errno || v < 0) {
      fail(p, "max-warnings must be a number 0 or more, not '%s'%s", value, "");
      return 0;
    }
    c->max_warnings = v;
  } else if (!strcmp(name, "near-features")) {
    if (!strcmp(value, "chars")) c->near_features = QG_FEATURES_CHARS;
    else if (!strcmp(value, "words")) c->near_features = QG_FEATURES_WORDS;
    else {
      fail(p, "near-features must be chars or words, not '%s'%s", value, "");
      return 0;
    }
  } else if (!strcmp(name, "near-threshold")) {
    char *end;
    errno = 0;
    double v = strtod(value, &end);
    if (!value[0] || *end || errno || strspn(value, "0123456789.") != strlen(value) ||
        !(v >= 0 && v <= 1)) {
      fail(p, "near-threshold must be a number from 0 to 1, not '%s'%s", value, "");
      return 0;
    }
    c->near_threshold = v;
  } else if (!strcmp(name, "ignore")) {
    char *copy = strdup(value);
    if (!copy) return 0;
    for (char *save = NULL, *t = strtok_r(copy, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
      /* a [ without its ] matches nothing at all (fnmatch): said, not silently useless
       * (probe 10 F20) */
      const char *open = strchr(t, '[');
      if (open && !strchr(open + 1, ']')) {
        fail(p, "ignore: pattern '%s' has a [ without its ]: it matches nothing%s", t, "");
        free(copy);
        return 0;
      }
      /* a ".." segment never matches: patterns are matched against paths under the
       * configuration's directory, resolved (probe 14 #16: `ignore = ../a.txt` was taken) */
      bool up = false;
      for (const char *q = t; *q && !up; q = strchr(q, '/') ? strchr(q, '/') + 1 : q + strlen(q))
        up = q[0] == '.' && q[1] == '.' && (q[2] == '/' || !q[2]);
      if (up) {
        fail(p, "ignore: pattern '%s' has a '..' segment: patterns name paths under the "
                "directory of this configuration, so it matches nothing%s", t, "");
        free(copy);
        return 0;
      }
      if (add_ignore(c, p->dir, t, p->path)) {
        free(copy);
        return 0;
      }
    }
    free(copy);
  } else if (!strcmp(name, "cues") || !strcmp(name, "archive")) {
    if (!value[0]) {
      fail(p, "%s needs a path%s", name, "");
      return 0;
    }
    int *seen = !strcmp(name, "cues") ? &p->cues_line : &p->archive_line;
    if (*seen) { /* the second silently won (probe 10 F11) */
      char at[32];
      snprintf(at, sizeof at, "%d", *seen);
      fail(p, "%s given a second time (first on line %s): one file is used", name, at);
      return 0;
    }
    *seen = p->line;
    char *path = join_path(p->dir, value);
    if (!path) return 0;
    if (!strcmp(name, "cues")) {
      char err[512];
      if (qg_cues_check(path, err, sizeof err)) {
        fail(p, "cues: %s%s", err, "");
        free(path);
        return 0;
      }
      free(c->cues);
      c->cues = path;
    } else {
      struct stat ast;
      if (!stat(path, &ast) && S_ISDIR(ast.st_mode)) {
        fail(p, "archive: %s is a directory, not an archive%s", path, "");
        free(path);
        return 0;
      }
      char at[PATH_MAX + 32];
      snprintf(at, sizeof at, "%s:%d", p->path, p->line);
      free(c->archive);
      free(c->archive_at);
      c->archive = path;
      if (!(c->archive_at = strdup(at))) return 0;
    }
  } else if (!strcmp(name, "dict")) { /* one file a line; each line adds one */
    if (!value[0]) {
      fail(p, "%s needs a path%s", name, "");
      return 0;
    }
    char *path = join_path(p->dir, value);
    if (!path) return 0;
    char err[512];
    if (qg_dict_check(path, err, sizeof err)) {
      fail(p, "dict: %s%s", err, "");
      free(path);
      return 0;
    }
    if (c->ndicts >= 64) {
      fail(p, "more than 64 dictionaries%s%s", "", "");
      free(path);
      return 0;
    }
    if (add_dict(c, path)) return 0;
  } else {
    fail(p, "unknown key '%s' in [lint] (max-warnings, ignore, cues, archive, dict, "
            "near-features, near-threshold)%s", name, "");
    return 0;
  }
  return 1;
}

/* Directory of path (absolute), into dir. */
static int dir_of(const char *path, char *dir, size_t len) {
  char real[PATH_MAX];
  if (!realpath(path, real)) return -1;
  char *slash = strrchr(real, '/');
  if (slash == real) slash[1] = '\0';
  else if (slash) *slash = '\0';
  snprintf(dir, len, "%s", real);
  return 0;
}

/* What inih cannot be trusted to say of a configuration file (probe 9 F5), said as
 * "FILE:LINE:COL: what", and f rewound: a directory (fopen takes one, and reads nothing); a
 * file in UTF-16 or another encoding than UTF-8, or holding a NUL or another control
 * character (its lines were cut at the NUL and refused as too long); lines that end in CR
 * alone (an old Mac file, read as one line whose settings after the first were dropped
 * without a word). -1 with err set, or 0. */
static int check_text(FILE *f, const char *path, char *err, size_t errlen) {
  struct stat st;
  if (!fstat(fileno(f), &st) && S_ISDIR(st.st_mode)) {
    snprintf(err, errlen, "%s: is a directory, not a configuration file", path);
    return -1;
  }
  unsigned char head[2];
  size_t got = fread(head, 1, 2, f);
  if (got == 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))) {
    snprintf(err, errlen, "%s:1:1: UTF-16 (a byte order mark): the configuration must be UTF-8",
             path);
    return -1;
  }
  rewind(f);
  char buf[4096 + 4];
  size_t keep = 0, line = 1, col = 1; /* col: characters, 1-based, of the next byte */
  bool cr = false, bom = true;
  while ((got = fread(buf + keep, 1, 4096, f)) > 0 || keep) {
    size_t n = keep + got, i = 0;
    if (bom && n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) i = 3;
    bom = false;
    while (i < n) {
      unsigned char c = (unsigned char)buf[i];
      if (cr && c != '\n') {
        snprintf(err, errlen, "%s:%zu: the line ends in CR alone (an old Mac file): save the "
                 "configuration with LF or CRLF line ends", path, line - 1);
        return -1;
      }
      cr = false;
      if (c == '\n') { line++, col = 1, i++; continue; }
      if (c == '\r') { cr = true, line++, col = 1, i++; continue; }
      /* a character cut by the buffer's end waits for the rest (unless the file ends) */
      size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (i + len > n && got) break;
      const char *what = NULL;
      size_t bad = qg_utf8_text_check(buf + i, len > n - i ? n - i : len, &what);
      if (bad == 0 && c != '\t') {
        snprintf(err, errlen, "%s:%zu:%zu: %s: the configuration must be UTF-8 text", path,
                 line, col, c == 0 ? "a NUL byte" : what);
        return -1;
      }
      i += len, col++;
    }
    keep = n - i;
    memmove(buf, buf + i, keep);
    if (!got) break;
  }
  rewind(f);
  return 0;
}

/* Where on line `line` of path an error is, for FILE:LINE:COL (libinih reports the line only;
 * the line is read again, audit 24 F1): col receives the column in characters (1-based),
 * what a few words on what goes wrong there for a syntax error. kind: 's' a syntax error (a
 * section without its ']': the end of the line; a line without '=' or ':': its first
 * character), 'n' the name of name = value, 'v' its value. 1 when the line cannot be read. */
static void error_column(const char *path, int line, int kind, size_t *col, const char **what) {
  *col = 1, *what = NULL;
  FILE *f = fopen(path, "rb");
  if (!f) return;
  char *text = NULL;
  size_t cap = 0;
  ssize_t got = -1;
  for (int k = 0; k < line && (got = getline(&text, &cap, f)) >= 0; k++) {
  }
  fclose(f);
  if (got < 0) {
    free(text);
    return;
  }
  const char *t = text;
  if (line == 1 && !strncmp(t, "\xEF\xBB\xBF", 3)) t += 3;
  size_t len = strlen(t);
  while (len && (t[len - 1] == '\n' || t[len - 1] == '\r')) len--;
  size_t first = 0; /* (libinih's white space: isspace) */
  while (first < len && strchr(" \t\f\v", t[first])) first++;
  size_t at = first;
  if (kind == 's') {
    if (first < len && t[first] == '[' && !memchr(t + first, ']', len - first)) {
      while (len > first && strchr(" \t\f\v", t[len - 1])) len--;
      at = len, *what = "']' expected at the end of the section name";
    } else if (first < len && !strpbrk(t + first, "=:")) {
      *what = "'=' or ':' expected after the name";
    }
  } else if (kind == 'v') {
    const char *sep = strpbrk(t + first, "=:");
    if (sep && (size_t)(sep - t) < len) {
      at = (size_t)(sep - t) + 1;
      while (at < len && strchr(" \t\f\v", t[at])) at++;
    }
  }
  for (size_t i = 0; i < at && i < len; i++) /* characters before it (UTF-8: checked) */
    if (((unsigned char)t[i] & 0xC0) != 0x80) (*col)++;
  free(text);
}

int lint_config_merge_file(lint_config *c, const char *path, bool *root, char *err,
                           size_t errlen) {
  parse_ctx p = {.c = c, .path = path, .root = root};
  *root = false;
  if (!c->sev || !c->files) {
    snprintf(err, errlen, "out of memory");
    return QG_ERR_NOMEM;
  }
  /* opened without blocking and looked at first: a named pipe (or <(…)) given to --config
   * blocked in open or was read again through a path that no longer names it (probe 10 F10);
   * a configuration is a regular file */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  struct stat fst;
  if (fd >= 0 && !fstat(fd, &fst) && !S_ISREG(fst.st_mode) && !S_ISDIR(fst.st_mode)) {
    close(fd);
    snprintf(err, errlen, "%s: is no regular file (a pipe or a device), not a configuration file"
             " (--no-config reads none)", path);
    return QG_ERR_USAGE;
  }
  if (fd >= 0) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  p.f = fd >= 0 ? fdopen(fd, "r") : NULL;
  if (fd >= 0 && !p.f) close(fd);
  if (!p.f || dir_of(path, p.dir, sizeof p.dir)) {
    snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
    if (p.f) fclose(p.f);
    return QG_ERR_USAGE;
  }
  if (check_text(p.f, path, err, errlen)) {
    fclose(p.f);
    return QG_ERR_USAGE;
  }
  int rc = ini_parse_stream(reader, &p, on_kv, &p);
  fclose(p.f);
  size_t col;
  const char *what;
  if (rc > 0 && (!p.err_line || rc < p.err_line)) {
    error_column(path, rc, 's', &col, &what);
    snprintf(err, errlen, "%s:%d:%zu: syntax error%s%s (expected [section], name = value or a "
             "comment)", path, rc, col, what ? ": " : "", what ? what : "");
    return QG_ERR_USAGE;
  }
  if (p.err_line) {
    /* the name for an unknown rule, key or section, else the value (a line too long: 1) */
    int kind = !strncmp(p.msg, "unknown ", 8) ? 'n' : !strncmp(p.msg, "line longer", 11) ? 0 : 'v';
    if (kind) error_column(path, p.err_line, kind, &col, &what);
    else col = 1;
    snprintf(err, errlen, "%s:%d:%zu: %s", path, p.err_line, col, p.msg);
    return QG_ERR_USAGE;
  }
  if (rc < 0) {
    snprintf(err, errlen, "%s: cannot read (%s)", path, rc == -2 ? "out of memory" : "error");
    return QG_ERR_USAGE;
  }
  if (append_file_name(c, path)) return QG_ERR_NOMEM;
  return 0;
}

/* ---- lookup ------------------------------------------------------------------------------ */

typedef struct cache_entry {
  char *dir;
  lint_config cfg;
} cache_entry;

struct lint_config_cache {
  cache_entry **v; /* each entry allocated on its own: the configs handed out never move */
  size_t n;
};

lint_config_cache *lint_config_cache_new(void) { return calloc(1, sizeof(lint_config_cache)); }

void lint_config_cache_free(lint_config_cache *cc) {
  if (!cc) return;
  for (size_t i = 0; i < cc->n; i++)
    free(cc->v[i]->dir), lint_config_free(&cc->v[i]->cfg), free(cc->v[i]);
  free(cc->v);
  free(cc);
}

static int resolve(const char *dir, lint_config *out, char *err, size_t errlen) {
  lint_config found[64];
  size_t nf = 0;
  int rc = 0;
  char d[PATH_MAX];
  snprintf(d, sizeof d, "%s", dir);
  for (;;) {
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s%s" CONFIG_NAME, d, strcmp(d, "/") ? "/" : "");
    struct stat st;
    if (stat(path, &st)) { /* none here */
    } else if (!S_ISREG(st.st_mode)) { /* not passed over without a word */
      snprintf(err, errlen, "%s: is %s, not a configuration file", path,
               S_ISDIR(st.st_mode) ? "a directory" : "no regular file");
      rc = QG_ERR_USAGE;
      break;
    } else if (nf == sizeof found / sizeof *found) { /* not passed over either */
      snprintf(err, errlen, "%s: more than %zu configuration files above the checked file "
               "(put root = true in one to stop the walk there)", path, nf);
      rc = QG_ERR_USAGE;
      break;
    } else {
      bool root = false;
      lint_config_init(&found[nf]);
      rc = lint_config_merge_file(&found[nf], path, &root, err, errlen);
      nf++;
      if (rc || root) break;
    }
    if (!strcmp(d, "/")) break;
    char *slash = strrchr(d, '/');
    if (slash == d) d[1] = '\0';
    else *slash = '\0';
  }
  lint_config_init(out);
  for (size_t i = nf; !rc && i-- > 0;)
    if (merge(out, &found[i])) rc = QG_ERR_NOMEM;
  for (size_t i = 0; i < nf; i++) lint_config_free(&found[i]);
  return rc;
}

int lint_config_lookup(lint_config_cache *cc, const char *file, const lint_config **out,
                       char *err, size_t errlen) {
  char dir[PATH_MAX];
  if (!strcmp(file, "-") || dir_of(file, dir, sizeof dir)) {
    if (!getcwd(dir, sizeof dir)) snprintf(dir, sizeof dir, "/");
  }
  struct stat st;
  if (!stat(file, &st) && S_ISDIR(st.st_mode)) {
    char real[PATH_MAX];
    if (realpath(file, real)) snprintf(dir, sizeof dir, "%s", real);
  }
  for (size_t i = 0; i < cc->n; i++)
    if (!strcmp(cc->v[i]->dir, dir)) {
      *out = &cc->v[i]->cfg;
      return 0;
    }
  cache_entry **v = realloc(cc->v, (cc->n + 1) * sizeof *v), *e;
  if (!v) return QG_ERR_NOMEM;
  cc->v = v;
  if (!(e = calloc(1, sizeof *e))) return QG_ERR_NOMEM;
  int rc = resolve(dir, &e->cfg, err, errlen);
  if (!rc && !(e->dir = strdup(dir))) rc = QG_ERR_NOMEM;
  if (rc) {
    lint_config_free(&e->cfg);
    free(e);
    return rc;
  }
  v[cc->n++] = e;
  *out = &e->cfg;
  return 0;
}

/* ---- ignore patterns --------------------------------------------------------------------- */

/* Does pat match rel (a path relative to the pattern's directory)? A pattern with a slash is
 * matched against the path and each of its leading directories (so "drafts/" or "a/b" ignore
 * everything under them); one without a slash against each name in the path. Segments are
 * matched as --include and --exclude match them (cli_glob_match: `**` is any number of
 * directories; a leading "./" or "/" anchors at the config's directory, probe 10 F24). */
static bool match_rel(const char *pat, const char *rel) {
  char p[PATH_MAX];
  bool anchored = false; /* "/x" and "./x" name x in the config's directory, as x/y does */
  while (pat[0] == '.' && pat[1] == '/') pat += 2, anchored = true;
  while (pat[0] == '/') pat++, anchored = true;
  snprintf(p, sizeof p, "%s", pat);
  size_t pl = strlen(p);
  while (pl > 0 && p[pl - 1] == '/') p[--pl] = '\0';
  if (!pl) return false;
  bool has_slash = anchored || strchr(p, '/') != NULL;
  char buf[PATH_MAX];
  size_t n = strlen(rel);
  if (n >= sizeof buf) return false;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && rel[i] != '/') continue;
    size_t s = 0;
    if (!has_slash)
      for (s = i; s > 0 && rel[s - 1] != '/';) s--;
    memcpy(buf, rel + s, i - s);
    buf[i - s] = '\0';
    if (cli_glob_match(p, buf)) return true;
  }
  return false;
}

bool lint_config_ignored(const lint_config *c, const char *file, const lint_ignore **hit) {
  if (!c->nignore || !strcmp(file, "-")) return false;
  char real[PATH_MAX];
  if (!realpath(file, real)) return false;
  for (size_t i = 0; i < c->nignore; i++) {
    const char *base = c->ignore[i].base;
    size_t bl = strlen(base);
    const char *rel;
    if (!strcmp(base, "/")) rel = real + 1;
    else if (!strncmp(real, base, bl) && real[bl] == '/') rel = real + bl + 1;
    else continue;
    if (match_rel(c->ignore[i].pat, rel)) {
      if (hit) *hit = &c->ignore[i];
      return true;
    }
  }
  return false;
}
