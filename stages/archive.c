/* archive.c: the archive of published text, an SQLite file (schema in docs/dedup.md).
 * Adding runs documents through a pipeline whose handler (qg_archive_adder) fingerprints each
 * block (neardup.h) and stores it; looking up (qg_archive_lookup, from the dedup stage) finds
 * an exact repeat by its hash, a near one by the posted prefix of its sketch, verified on the
 * stored sketch. Postings are stored for the prefix of QG_AR_MIN_MILLI, so lookups with any
 * threshold from it up are exact (a higher threshold probes a shorter prefix). */
#include "internal.h"
#include "neardup.h"

#include <sqlite3.h>
#include <xxhash.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define QG_AR_MIN_MILLI 300
#define QG_AR_MIN_CHARS 10 /* as the dedup stage: shorter blocks are not repeats */
#define QG_AR_APP_ID 0x51474152 /* "QGAR" */

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS document("
    " id INTEGER PRIMARY KEY, source TEXT NOT NULL, digest TEXT UNIQUE, date TEXT,"
    " added TEXT NOT NULL, paragraphs INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS paragraph("
    " id INTEGER PRIMARY KEY, document INTEGER NOT NULL REFERENCES document(id),"
    " line INTEGER NOT NULL, kind TEXT NOT NULL, title TEXT, text TEXT NOT NULL,"
    " exact INTEGER NOT NULL, simhash INTEGER NOT NULL, chars INTEGER NOT NULL,"
    " sketch BLOB NOT NULL);"
    "CREATE INDEX IF NOT EXISTS paragraph_exact ON paragraph(exact);"
    "CREATE TABLE IF NOT EXISTS posting(token INTEGER NOT NULL, paragraph INTEGER NOT NULL,"
    " PRIMARY KEY(token, paragraph)) WITHOUT ROWID;";
/* The numbers of a near paragraph that has any (qg_fp.num), as its sketch is stored. Added
 * after the first archives: one made before has no such table, and its paragraphs are then
 * compared on their sketches only; `archive add` creates it in an older archive. */
static const char numbers_schema[] =
    "CREATE TABLE IF NOT EXISTS number(paragraph INTEGER PRIMARY KEY, nums BLOB NOT NULL);";

enum { Q_EXACT, Q_POST, Q_SKETCH, Q_META, Q_HAS, Q_INS_DOC, Q_INS_PARA, Q_INS_POST, Q_SAME_DOC,
       Q_SET_DOC, Q_COUNT };
static const char *const sql[Q_COUNT] = {
    [Q_EXACT] = "SELECT id FROM paragraph WHERE exact = ?1 ORDER BY id LIMIT 1",
    [Q_POST] = "SELECT paragraph FROM posting WHERE token = ?1",
    [Q_SKETCH] = "SELECT sketch FROM paragraph WHERE id = ?1 AND chars >= ?2",
    [Q_META] = "SELECT d.source, p.line, p.title, d.date, p.simhash FROM paragraph p"
               " JOIN document d ON d.id = p.document WHERE p.id = ?1",
    [Q_HAS] = "SELECT 1 FROM paragraph WHERE exact = ?1 LIMIT 1",
    [Q_INS_DOC] = "INSERT INTO document(source, date, added) VALUES(?1, ?2, ?3)",
    [Q_INS_PARA] = "INSERT INTO paragraph(document, line, kind, title, text, exact, simhash,"
                   " chars, sketch) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [Q_INS_POST] = "INSERT OR IGNORE INTO posting(token, paragraph) VALUES(?1, ?2)",
    [Q_SAME_DOC] = "SELECT source FROM document WHERE digest = ?1",
    [Q_SET_DOC] = "UPDATE document SET digest = ?1, paragraphs = ?2 WHERE id = ?3",
};

struct qg_archive {
  sqlite3 *db;
  sqlite3_stmt *st[Q_COUNT];
  sqlite3_stmt *nums, *ins_nums; /* the number table's (NULL: an archive without it) */
  bool writable;
  char err[512];
  /* lookups */
  sqlite3_int64 *cand;
  size_t ncand, capcand;
  char *src, *title, *date; /* of the last match */
  /* adding */
  qg_handler h;
  const char *date_opt;
  char doc_date[16];
  qg_fp_work work;
  qg_fp fp;
  bool in_doc;
  sqlite3_int64 doc_id;
  uint64_t doc_paras;
  uint64_t doc_known; /* paragraphs of the document already archived */
  XXH64_hash_t digest_acc;
  uint32_t title_article;
  char *cur_title;
  qg_archive_counts counts;
  /* features of the sketches (qg_archive_use_features); words: segmented with the built-in
   * dictionary, as the dedup stage does */
  qg_features features;
  char *path;
  qg_dict *dict;
  qg_segmenter *seg;
  qg_tokvec toks;
};

static void set_err(qg_archive *a, const char *what) {
  snprintf(a->err, sizeof a->err, "%s: %s", what, a->db ? sqlite3_errmsg(a->db) : "no database");
}

const char *qg_archive_error(const qg_archive *a) { return a ? a->err : ""; }
const qg_archive_counts *qg_archive_get_counts(const qg_archive *a) { return &a->counts; }

void qg_archive_close(qg_archive *a) {
  if (!a) return;
  for (int i = 0; i < Q_COUNT; i++) sqlite3_finalize(a->st[i]);
  sqlite3_finalize(a->nums);
  sqlite3_finalize(a->ins_nums);
  if (a->in_doc) sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close(a->db);
  free(a->cand);
  free(a->src);
  free(a->title);
  free(a->date);
  free(a->cur_title);
  qg_fp_work_free(&a->work);
  free(a->path);
  qg_segmenter_free(a->seg);
  qg_dict_free(a->dict);
  free(a->toks.v);
  free(a);
}

static char *dup_col(sqlite3_stmt *st, int col) {
  const unsigned char *t = sqlite3_column_text(st, col);
  return t ? strdup((const char *)t) : NULL;
}

qg_archive *qg_archive_open(const char *path, bool create, char *err, size_t errlen) {
  qg_archive *a = calloc(1, sizeof *a);
  if (!a) {
    snprintf(err, errlen, "%s: out of memory", path);
    return NULL;
  }
  a->writable = create;
  int flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  const char *why = NULL;
  /* a path, never a URI: file:x.db?mode=memory would open a database in memory (added to,
   * and gone); ./file:… is the file of that name */
  char *plain = !strncmp(path, "file:", 5) ? malloc(strlen(path) + 3) : NULL;
  if (plain) sprintf(plain, "./%s", path);
  struct stat dst;
  if (!stat(path, &dst) && S_ISDIR(dst.st_mode)) /* SQLite says "disk I/O error" */
    why = "is a directory, not an archive";
  else if (sqlite3_open_v2(plain ? plain : path, &a->db, flags, NULL) != SQLITE_OK)
    why = "cannot open";
  free(plain);
  if (a->db) sqlite3_busy_timeout(a->db, 5000);
  if (!why) {
    /* an empty new file becomes an archive; anything else must already be one */
    sqlite3_stmt *st = NULL;
    int app = -1, version = -1;
    if (sqlite3_prepare_v2(a->db, "PRAGMA application_id", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      app = sqlite3_column_int(st, 0);
    else if (sqlite3_errcode(a->db) == SQLITE_NOTADB)
      why = "not an SQLite database";
    else /* e.g. an archive left in WAL mode by an older qinggao, in a directory the reader
          * may not write (probe 10 F19): said as what it is */
      why = "cannot read";
    sqlite3_finalize(st);
    st = NULL;
    if (!why && sqlite3_prepare_v2(a->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    int tables = 0;
    if (!why && sqlite3_prepare_v2(a->db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      tables = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (why) {
    } else if (app == 0 && tables == 0) {
      if (!create) why = "not a qinggao archive (empty; create it with qinggao archive add)";
      else {
        char init[160];
        snprintf(init, sizeof init,
                 "PRAGMA application_id = %d; PRAGMA user_version = 1;",
                 QG_AR_APP_ID);
        if (sqlite3_exec(a->db, init, NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(a->db, schema, NULL, NULL, NULL) != SQLITE_OK)
          why = "cannot create the archive";
        else {
          char meta[400];
          qg_sformat(meta, sizeof meta, /* the C locale's decimal point (probe 11c F4) */
                   "INSERT OR REPLACE INTO meta VALUES('shingle', '%d'), ('k', '%d'),"
                   " ('min_chars', '%d'), ('posting_threshold', '%.3f'),"
                   " ('features', 'chars'), ('sketch', '2'), ('created_by',"
                   " 'qinggao %s')",
                   QG_ND_SHINGLE, QG_ND_K, QG_ND_MIN_CHARS, QG_AR_MIN_MILLI / 1000.0,
                   QG_VERSION_STRING);
          if (sqlite3_exec(a->db, meta, NULL, NULL, NULL) != SQLITE_OK)
            why = "cannot create the archive";
        }
      }
    } else if (app != QG_AR_APP_ID) {
      why = "not a qinggao archive";
    } else if (version != 1) {
      why = "archive of another version of qinggao";
    }
  }
  /* a rollback journal, not WAL: a lookup then only reads the database file, so it needs no
   * write access to the archive's directory and leaves no -wal/-shm files (owned by whoever
   * looked up) that would stop the owner's next add (probe 10 F19); an archive made in WAL
   * mode by an earlier qinggao is turned back at its next add (busy elsewhere: left as it is) */
  if (!why && create) sqlite3_exec(a->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (!why && create && sqlite3_exec(a->db, numbers_schema, NULL, NULL, NULL) != SQLITE_OK)
    why = "cannot add the number table";
  for (int i = 0; !why && i < Q_COUNT; i++) {
    bool write = i >= Q_INS_DOC;
    if (write && !create) continue;
    if (sqlite3_prepare_v2(a->db, sql[i], -1, &a->st[i], NULL) != SQLITE_OK)
      why = "not a qinggao archive (tables missing)";
  }
  if (!why && sqlite3_prepare_v2(a->db, "SELECT nums FROM number WHERE paragraph = ?1", -1,
                                 &a->nums, NULL) != SQLITE_OK) {
    sqlite3_finalize(a->nums); /* an archive from before the table: sketches only */
    a->nums = NULL;
  }
  if (!why && create &&
      sqlite3_prepare_v2(a->db, "INSERT INTO number(paragraph, nums) VALUES(?1, ?2)", -1,
                         &a->ins_nums, NULL) != SQLITE_OK)
    why = "cannot add the number table";
  if (!why && !(a->path = strdup(path))) why = "out of memory";
  if (why) {
    snprintf(err, errlen, "%s: %s%s%s", path, why, a->db ? ": " : "",
             a->db ? sqlite3_errmsg(a->db) : "");
    if (a->db && sqlite3_errcode(a->db) == SQLITE_OK) snprintf(err, errlen, "%s: %s", path, why);
    qg_archive_close(a);
    return NULL;
  }
  return a;
}

static const char *features_name(qg_features f) { return f == QG_FEATURES_WORDS ? "words" : "chars"; }

static void blob_from_u32(const uint32_t *h, uint32_t n, unsigned char *p) {
  for (uint32_t i = 0; i < n; i++) {
    p[4 * i] = (unsigned char)h[i];
    p[4 * i + 1] = (unsigned char)(h[i] >> 8);
    p[4 * i + 2] = (unsigned char)(h[i] >> 16);
    p[4 * i + 3] = (unsigned char)(h[i] >> 24);
  }
}

/* The fingerprint of an archived text with the archive's features, into a->fp. */
static int archive_fp(qg_archive *a, const char *text, size_t len) {
  if (a->features != QG_FEATURES_WORDS) return qg_fp_make(&a->work, text, len, &a->fp);
  char derr[256];
  int rc = !a->dict && !(a->dict = qg_dict_new(NULL, derr, sizeof derr)) ? QG_ERR_NOMEM
           : !a->seg && !(a->seg = qg_segmenter_new(a->dict))         ? QG_ERR_ICU
                                                                       : 0;
  if (!rc) rc = qg_segment_words(a->seg, text, len, &a->toks);
  return rc ? rc : qg_fp_make_words(&a->work, text, len, a->toks.v, a->toks.n, &a->fp);
}

/* Stores the postings (the prefix of the sketch) and the numbers of near paragraph pid. */
static int store_near(qg_archive *a, sqlite3_int64 pid, const qg_fp *fp) {
  if (fp->nnum) {
    unsigned char nb[4 * QG_ND_NUMS];
    blob_from_u32(fp->num, fp->nnum, nb);
    sqlite3_stmt *st = a->ins_nums;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, pid);
    sqlite3_bind_blob(st, 2, nb, (int)(4 * fp->nnum), SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) return QG_ERR_IO;
  }
  uint32_t np = qg_fp_prefix_len(QG_AR_MIN_MILLI);
  if (np > fp->n) np = fp->n;
  sqlite3_stmt *st = a->st[Q_INS_POST];
  for (uint32_t i = 0; i < np; i++) {
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, fp->h[i]);
    sqlite3_bind_int64(st, 2, pid);
    if (sqlite3_step(st) != SQLITE_DONE) return QG_ERR_IO;
  }
  return 0;
}

/* Sketch version 2 counts a number of two digits or more as one unit of the character bigrams
 * (neardup.c). An archive of character sketches made before has version 1 (no meta key): an
 * empty one takes 2, `archive add` (writable) makes every sketch, posting and number again
 * from the stored text, in one transaction, and a lookup in it is refused: its sketches would
 * not compare with this run's. Word sketches are the same in both versions. */
static int sketch_version(qg_archive *a, qg_features f, char *err, size_t errlen) {
  sqlite3_stmt *st = NULL;
  bool v2 = false;
  long long paras = 0;
  if (sqlite3_prepare_v2(a->db, "SELECT value FROM meta WHERE key = 'sketch'", -1, &st, NULL) ==
          SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    v2 = !strcmp((const char *)sqlite3_column_text(st, 0), "2");
  sqlite3_finalize(st);
  /* word sketches did not change (a number was already one word): nothing to make again */
  if (v2 || (f == QG_FEATURES_WORDS && !a->writable)) return 0;
  if (f == QG_FEATURES_WORDS) {
    if (sqlite3_exec(a->db, "INSERT OR REPLACE INTO meta VALUES('sketch', '2')", NULL, NULL,
                     NULL) == SQLITE_OK)
      return 0;
    snprintf(err, errlen, "%s: %s", a->path, sqlite3_errmsg(a->db));
    return QG_ERR_IO;
  }
  st = NULL;
  if (sqlite3_prepare_v2(a->db, "SELECT count(*) FROM paragraph", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    paras = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (paras && !a->writable) {
    snprintf(err, errlen,
             "%s: the archive's sketches were made by an earlier qinggao, which counted each "
             "digit of a number on its own; `qinggao archive add --archive %s` makes them again "
             "from the stored text (once)", a->path, a->path);
    return QG_ERR_USAGE;
  }
  if (!a->writable) return 0;
  a->features = f;
  int rc = sqlite3_exec(a->db, "BEGIN; DELETE FROM posting; DELETE FROM number;", NULL, NULL,
                        NULL) == SQLITE_OK ? 0 : QG_ERR_IO;
  sqlite3_stmt *sel = NULL, *upd = NULL;
  if (!rc && (sqlite3_prepare_v2(a->db, "SELECT id, text, chars FROM paragraph ORDER BY id", -1,
                                 &sel, NULL) != SQLITE_OK ||
              sqlite3_prepare_v2(a->db, "UPDATE paragraph SET sketch = ?1, simhash = ?2 WHERE id = ?3",
                                 -1, &upd, NULL) != SQLITE_OK))
    rc = QG_ERR_IO;
  while (!rc && sqlite3_step(sel) == SQLITE_ROW) {
    sqlite3_int64 pid = sqlite3_column_int64(sel, 0);
    const char *text = (const char *)sqlite3_column_text(sel, 1);
    size_t len = (size_t)sqlite3_column_bytes(sel, 1);
    bool near = sqlite3_column_int64(sel, 2) > 0;
    if ((rc = archive_fp(a, text ? text : "", text ? len : 0))) break;
    unsigned char blob[4 * QG_ND_K];
    blob_from_u32(a->fp.h, a->fp.n, blob);
    sqlite3_reset(upd);
    sqlite3_bind_blob(upd, 1, blob, (int)(4 * a->fp.n), SQLITE_TRANSIENT);
    sqlite3_bind_int64(upd, 2, (sqlite3_int64)qg_fp_simhash(a->fp.h, a->fp.n));
    sqlite3_bind_int64(upd, 3, pid);
    if (sqlite3_step(upd) != SQLITE_DONE) rc = QG_ERR_IO;
    else if (near) rc = store_near(a, pid, &a->fp);
    if (!rc) a->counts.paragraphs_upgraded++;
  }
  sqlite3_finalize(sel);
  sqlite3_finalize(upd);
  if (!rc && sqlite3_exec(a->db, "INSERT OR REPLACE INTO meta VALUES('sketch', '2'); COMMIT;",
                          NULL, NULL, NULL) != SQLITE_OK)
    rc = QG_ERR_IO;
  if (rc) {
    snprintf(err, errlen, "%s: making the sketches again: %s", a->path,
             rc == QG_ERR_IO ? sqlite3_errmsg(a->db) : qg_strerror(rc));
    sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
    a->counts.paragraphs_upgraded = 0;
  }
  return rc;
}

int qg_archive_use_features(qg_archive *a, qg_features f, char *err, size_t errlen) {
  sqlite3_stmt *st = NULL;
  qg_features have = QG_FEATURES_CHARS; /* archives made before the choice: characters */
  bool keyed = false;
  if (sqlite3_prepare_v2(a->db, "SELECT value FROM meta WHERE key = 'features'", -1, &st, NULL) ==
          SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char *v = sqlite3_column_text(st, 0);
    keyed = true;
    if (v && !strcmp((const char *)v, "words")) have = QG_FEATURES_WORDS;
  }
  sqlite3_finalize(st);
  if (have != f) {
    long long paras = -1;
    st = NULL;
    if (sqlite3_prepare_v2(a->db, "SELECT count(*) FROM paragraph", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      paras = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (!a->writable || paras != 0) {
      snprintf(err, errlen,
               "%s: the archive holds sketches of %s (made with --near-features %s%s); this run "
               "uses %s (--near-features %s): sketches of different features cannot be compared",
               a->path, have == QG_FEATURES_WORDS ? "word bigrams" : "character bigrams",
               features_name(have), keyed ? "" : ", the default",
               f == QG_FEATURES_WORDS ? "word bigrams" : "character bigrams", features_name(f));
      return QG_ERR_USAGE;
    }
    char q[120]; /* an empty archive takes the features asked for */
    snprintf(q, sizeof q, "INSERT OR REPLACE INTO meta VALUES('features', '%s')", features_name(f));
    if (sqlite3_exec(a->db, q, NULL, NULL, NULL) != SQLITE_OK) {
      snprintf(err, errlen, "%s: %s", a->path, sqlite3_errmsg(a->db));
      return QG_ERR_IO;
    }
  }
  a->features = f;
  return sketch_version(a, f, err, errlen);
}

/* ---- lookups --------------------------------------------------------------------------------- */

static int step_row(qg_archive *a, sqlite3_stmt *st, bool *row) {
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *row = true;
    return 0;
  }
  *row = false;
  if (rc == SQLITE_DONE) return 0;
  set_err(a, "archive");
  return QG_ERR_IO;
}

static int cmp_i64(const void *x, const void *y) {
  sqlite3_int64 a = *(const sqlite3_int64 *)x, b = *(const sqlite3_int64 *)y;
  return (a > b) - (a < b);
}

/* Little-endian 32-bit values of a blob, at most max of them. */
static void u32_from_blob(const unsigned char *p, int bytes, uint32_t max, uint32_t *h,
                          uint32_t *n) {
  uint32_t k = (uint32_t)(bytes / 4);
  if (k > max) k = max;
  for (uint32_t i = 0; i < k; i++)
    h[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
           (uint32_t)p[4 * i + 3] << 24;
  *n = k;
}

int qg_archive_lookup(qg_archive *a, const qg_fp *fp, unsigned t_milli, qg_dup_ref *out,
                      bool *found) {
  *found = false;
  *out = (qg_dup_ref){0};
  sqlite3_int64 hit = -1;
  uint32_t best_c = 0, best_m = 1;
  bool exact = false;
  bool row;
  int rc;
  sqlite3_stmt *st = a->st[Q_EXACT];
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, (sqlite3_int64)fp->exact);
  if ((rc = step_row(a, st, &row))) return rc;
  if (row) {
    hit = sqlite3_column_int64(st, 0);
    exact = true;
  } else if (t_milli && fp->chars >= QG_ND_MIN_CHARS && fp->n) {
    if (t_milli < QG_AR_MIN_MILLI) t_milli = QG_AR_MIN_MILLI;
    uint32_t np = qg_fp_prefix_len(t_milli);
    if (np > fp->n) np = fp->n;
    a->ncand = 0;
    st = a->st[Q_POST];
    for (uint32_t i = 0; i < np; i++) {
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, fp->h[i]);
      for (;;) {
        if ((rc = step_row(a, st, &row))) return rc;
        if (!row) break;
        if (a->ncand == a->capcand) {
          size_t cap = a->capcand ? a->capcand * 2 : 64;
          sqlite3_int64 *v = realloc(a->cand, cap * sizeof *v);
          if (!v) return QG_ERR_NOMEM;
          a->cand = v;
          a->capcand = cap;
        }
        a->cand[a->ncand++] = sqlite3_column_int64(st, 0);
      }
    }
    qsort(a->cand, a->ncand, sizeof *a->cand, cmp_i64);
    st = a->st[Q_SKETCH];
    for (size_t i = 0; i < a->ncand; i++) {
      if (i && a->cand[i] == a->cand[i - 1]) continue;
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, a->cand[i]);
      sqlite3_bind_int(st, 2, QG_ND_MIN_CHARS);
      if ((rc = step_row(a, st, &row))) return rc;
      if (!row) continue;
      uint32_t h[QG_ND_K], n, c, m;
      u32_from_blob(sqlite3_column_blob(st, 0), sqlite3_column_bytes(st, 0), QG_ND_K, h, &n);
      if (!qg_fp_near(fp->h, fp->n, h, n, t_milli, &c, &m)) continue;
      if (a->nums && fp->nnum) { /* the numbers must agree too */
        uint32_t num[QG_ND_NUMS], nn = 0;
        sqlite3_reset(a->nums);
        sqlite3_bind_int64(a->nums, 1, a->cand[i]);
        if ((rc = step_row(a, a->nums, &row))) return rc;
        if (row)
          u32_from_blob(sqlite3_column_blob(a->nums, 0), sqlite3_column_bytes(a->nums, 0),
                        QG_ND_NUMS, num, &nn);
        sqlite3_reset(a->nums);
        if (!qg_fp_numbers_agree(fp->num, fp->nnum, num, nn, t_milli)) continue;
      }
      /* the earliest archived paragraph (candidates are in ascending order) */
      hit = a->cand[i];
      best_c = c;
      best_m = m;
      break;
    }
    sqlite3_reset(st);
  }
  sqlite3_reset(a->st[Q_EXACT]);
  sqlite3_reset(a->st[Q_POST]);
  if (hit < 0) return 0;
  st = a->st[Q_META];
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, hit);
  if ((rc = step_row(a, st, &row))) return rc;
  if (!row) return 0;
  free(a->src), free(a->title), free(a->date);
  a->src = dup_col(st, 0);
  a->title = dup_col(st, 2);
  a->date = dup_col(st, 3);
  out->source = a->src ? a->src : "?";
  out->line = (uint32_t)sqlite3_column_int64(st, 1);
  out->title = a->title;
  out->date = a->date;
  out->archived = true;
  /* the same normalized text has the same fingerprint: 0 (a title's sketch is not made for
   * exact-only blocks, and the simhash of none against the stored one gave 24-31; probe 10
   * F13) */
  out->distance = exact ? 0
                        : qg_fp_hamming(qg_fp_simhash(fp->h, fp->n),
                                        (uint64_t)sqlite3_column_int64(st, 4));
  out->near = !exact;
  out->similarity = exact ? 1.0 : qg_fp_similarity(best_c, best_m);
  sqlite3_reset(st);
  *found = true;
  return 0;
}

/* ---- adding ---------------------------------------------------------------------------------- */

static int exec(qg_archive *a, const char *s) {
  if (sqlite3_exec(a->db, s, NULL, NULL, NULL) == SQLITE_OK) return 0;
  set_err(a, "archive");
  return 1;
}

static int add_begin(void *ud, const qg_docinfo *info) {
  qg_archive *a = ud;
  if (exec(a, "BEGIN IMMEDIATE")) return 1;
  a->in_doc = true;
  a->doc_paras = a->doc_known = 0;
  a->digest_acc = 0;
  a->title_article = 0;
  free(a->cur_title);
  a->cur_title = NULL;
  time_t now = time(NULL);
  struct tm tm;
  char added[32];
  strftime(added, sizeof added, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
  if (a->date_opt) snprintf(a->doc_date, sizeof a->doc_date, "%s", a->date_opt);
  else {
    struct stat stt;
    time_t t = info->source && stat(info->source, &stt) == 0 ? stt.st_mtime : now;
    strftime(a->doc_date, sizeof a->doc_date, "%Y-%m-%d", localtime_r(&t, &tm));
  }
  sqlite3_stmt *st = a->st[Q_INS_DOC];
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, info->source ? info->source : "-", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, a->doc_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, added, -1, SQLITE_TRANSIENT);
  if (sqlite3_step(st) != SQLITE_DONE) {
    set_err(a, "archive");
    return 1;
  }
  a->doc_id = sqlite3_last_insert_rowid(a->db);
  return 0;
}


static int add_block(void *ud, const qg_block *b) {
  qg_archive *a = ud;
  size_t len;
  const char *text = qg_block_text(b, &len);
  qg_kind kind = qg_block_kind(b);
  if (kind == QG_KIND_TITLE && qg_block_article(b) != a->title_article) {
    free(a->cur_title);
    a->cur_title = strdup(text);
    a->title_article = qg_block_article(b);
  }
  if (qg_utf8_count(text, len) < QG_AR_MIN_CHARS) return 0;
  int frc = archive_fp(a, text, len);
  if (frc) {
    snprintf(a->err, sizeof a->err, "archive: %s", qg_strerror(frc));
    return 1;
  }
  const qg_fp *fp = &a->fp;
  a->digest_acc = XXH64(&fp->exact, sizeof fp->exact, a->digest_acc);
  bool row;
  sqlite3_stmt *st = a->st[Q_HAS];
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, (sqlite3_int64)fp->exact);
  if (step_row(a, st, &row)) return 1;
  sqlite3_reset(st);
  if (row) {
    a->counts.paragraphs_known++;
    a->doc_known++;
    return 0;
  }
  bool near = (kind == QG_KIND_P || kind == QG_KIND_CAPTION) && fp->chars >= QG_ND_MIN_CHARS;
  unsigned char blob[4 * QG_ND_K];
  blob_from_u32(fp->h, fp->n, blob);
  st = a->st[Q_INS_PARA];
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, a->doc_id);
  sqlite3_bind_int64(st, 2, qg_block_line(b));
  sqlite3_bind_text(st, 3, qg_kind_name(kind), -1, SQLITE_STATIC);
  bool titled = a->cur_title && a->title_article == qg_block_article(b);
  if (titled) sqlite3_bind_text(st, 4, a->cur_title, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, 4);
  sqlite3_bind_text(st, 5, text, (int)len, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 6, (sqlite3_int64)fp->exact);
  sqlite3_bind_int64(st, 7, (sqlite3_int64)qg_fp_simhash(fp->h, fp->n));
  /* a block that is not a body paragraph or caption is kept for exact lookups only */
  sqlite3_bind_int64(st, 8, near ? fp->chars : 0);
  sqlite3_bind_blob(st, 9, blob, (int)(4 * fp->n), SQLITE_TRANSIENT);
  if (sqlite3_step(st) != SQLITE_DONE) {
    set_err(a, "archive");
    return 1;
  }
  sqlite3_int64 pid = sqlite3_last_insert_rowid(a->db);
  if (near && store_near(a, pid, fp)) {
    set_err(a, "archive");
    return 1;
  }
  a->doc_paras++;
  a->counts.paragraphs_added++;
  return 0;
}

static int add_end(void *ud, const qg_docinfo *info, int status) {
  (void)info;
  qg_archive *a = ud;
  if (!a->in_doc) return 0;
  a->in_doc = false;
  if (status) return exec(a, "ROLLBACK");
  char digest[24];
  snprintf(digest, sizeof digest, "%016llx", (unsigned long long)a->digest_acc);
  sqlite3_stmt *st = a->st[Q_SAME_DOC];
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, digest, -1, SQLITE_TRANSIENT);
  bool row;
  if (step_row(a, st, &row)) {
    exec(a, "ROLLBACK");
    return 1;
  }
  sqlite3_reset(st);
  if (row || a->doc_paras == 0) {
    /* the same paragraphs are archived already, or there are none (an empty file): nothing
     * is added; the summary tells the two apart (probe 10 F20: an empty file was "1 already
     * archived") */
    if (a->doc_paras == 0 && a->doc_known == 0) a->counts.documents_empty++;
    else a->counts.documents_known++;
    a->counts.paragraphs_added -= a->doc_paras;
    return exec(a, "ROLLBACK");
  }
  st = a->st[Q_SET_DOC];
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, digest, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 2, (sqlite3_int64)a->doc_paras);
  sqlite3_bind_int64(st, 3, a->doc_id);
  if (sqlite3_step(st) != SQLITE_DONE) {
    set_err(a, "archive");
    exec(a, "ROLLBACK");
    return 1;
  }
  if (exec(a, "COMMIT")) return 1;
  a->counts.documents_added++;
  return 0;
}

const qg_handler *qg_archive_adder(qg_archive *a, const char *date) {
  if (!a->writable) return NULL;
  a->date_opt = date;
  a->h = (qg_handler){.userdata = a, .begin_doc = add_begin, .block = add_block,
                      .end_doc = add_end};
  return &a->h;
}
