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
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define QG_AR_SKETCH "4" /* the sketch version this qinggao makes (sketch_version) */

#define QG_AR_MIN_MILLI 300
/* A published paragraph whose figures only differ is said (dup-archive-figures) when its
 * similarity is this (per mille) at least, and at most FIG_MAX figures of each side differ
 * (session 48): a copy with a figure or two corrected, not a daily template's new figures. */
#define FIG_MILLI 800
#define FIG_MAX 3
#define QG_AR_MIN_CHARS 10 /* as the dedup stage: shorter blocks are not repeats */
#define QG_AR_APP_ID 0x51474152 /* "QGAR" */
/* How long a statement waits for another process's lock on the archive (an `archive add`
 * writing a document, or creating the archive) before it fails with "database is locked".
 * A writer holds the lock only while it writes a document's rows (held in memory until the
 * document ends), so two adds at once take turns (probe 14 #3). */
#define QG_AR_BUSY_MS 60000
/* The rows of a document held in memory before its transaction is opened: a larger document
 * (tens of thousands of paragraphs) is written as it is cleaned, holding the lock meanwhile,
 * so that memory stays bounded. */
#define QG_AR_HOLD_BYTES ((size_t)16 << 20)
/* The postings of a document are held (8 bytes each) and written sorted by (token, paragraph)
 * at its end, in its transaction, or when this many bytes of them are held: written as their
 * paragraphs came, each went to a leaf of the posting index at random (the sketch's hashes),
 * the index soon far larger than the page cache, and `archive add` of 10 MB in one file read
 * and wrote a page of it about a million times (13 s; session 30). In batch (qg_archive_batch)
 * they are held to the shared transaction's commit (session 31, group_flush). */
#define QG_AR_POST_BYTES ((size_t)4 << 20)
/* In batch (qg_archive_batch) SQLite's page cache spills its dirty pages into the file (the
 * rollback journal keeping their old content) once it holds more than this: the postings a
 * group writes sorted reach most leaves of the posting index, and with the spilling off they
 * all stayed in memory to the commit, the peak growing with the archive (c50 as records:
 * 155 MiB; session 32). Rows of a second of documents stay under it, so the file is written
 * (and the lock that readers need taken) mid-transaction only while a group's postings are
 * written. 16 MiB: c10 as records 61 -> 36 MiB, c50 156 -> 37 MiB, no slower (docs/dedup.md). */
#define QG_AR_SPILL_KIB ((size_t)16 << 10)

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS document("
    " id INTEGER PRIMARY KEY, source TEXT NOT NULL, digest TEXT UNIQUE, date TEXT,"
    " added TEXT NOT NULL, paragraphs INTEGER NOT NULL DEFAULT 0, record_id TEXT);"
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
/* document.record_id, the id of a record (`--id-field`; qg_pipeline_begin_record), NULL for a
 * file or a record without one: added after the number table, as it was, to an archive made
 * before when it is added to (`ALTER TABLE`; user_version stays 1, so that an earlier qinggao
 * still reads and adds to it: its statements name their columns). A lookup in an archive
 * without the column finds no ids. */
static const char record_column[] = "ALTER TABLE document ADD COLUMN record_id TEXT";

enum { Q_EXACT, Q_POST, Q_SKETCH, Q_META, Q_HAS, Q_INS_DOC, Q_INS_PARA, Q_INS_POST, Q_SAME_DOC,
       Q_SET_DOC, Q_COUNT };
static const char *const sql[Q_COUNT] = {
    [Q_EXACT] = "SELECT id, text FROM paragraph WHERE exact = ?1 ORDER BY id",
    [Q_POST] = "SELECT paragraph FROM posting WHERE token = ?1",
    [Q_SKETCH] = "SELECT sketch, text, chars FROM paragraph WHERE id = ?1 AND chars >= ?2",
    [Q_META] = "SELECT d.source, p.line, p.title, d.date, p.simhash, d.record_id FROM paragraph p"
               " JOIN document d ON d.id = p.document WHERE p.id = ?1",
    [Q_HAS] = "SELECT 1 FROM paragraph WHERE exact = ?1 LIMIT 1",
    [Q_INS_DOC] = "INSERT INTO document(source, date, added, record_id) VALUES(?1, ?2, ?3, ?4)",
    [Q_INS_PARA] = "INSERT INTO paragraph(document, line, kind, title, text, exact, simhash,"
                   " chars, sketch) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [Q_INS_POST] = "INSERT OR IGNORE INTO posting(token, paragraph) VALUES(?1, ?2)",
    [Q_SAME_DOC] = "SELECT source FROM document WHERE digest = ?1",
    [Q_SET_DOC] = "UPDATE document SET digest = ?1, paragraphs = ?2 WHERE id = ?3",
};
/* Q_META in an archive without document.record_id (a lookup in one made before it) */
static const char meta_no_record[] = "SELECT d.source, p.line, p.title, d.date, p.simhash, NULL"
                                     " FROM paragraph p JOIN document d ON d.id = p.document"
                                     " WHERE p.id = ?1";

/* A block of the document being added, held until the document ends: its text, title and
 * hashes are in the archive's pool (text, title: byte offsets; h: the sketch, then the
 * numbers, at a 32-bit offset of hv). */
typedef struct ar_row {
  uint64_t exact, simhash;
  size_t text, len, title; /* title: offset + 1, 0 for none */
  size_t h;
  uint32_t line, chars, n, nnum;
  qg_kind kind;
  bool near;
} ar_row;

struct qg_archive {
  sqlite3 *db;
  sqlite3_stmt *st[Q_COUNT];
  sqlite3_stmt *ins_nums; /* the number table's insert (written for earlier versions, which
                          * read it; lookups read a candidate's numbers from its text) */
  bool numbers; /* the archive has the number table: its numbers are compared (one from before
                 * the table compares sketches only, as it always did) */
  sqlite3_stmt *rd_begin, *rd_end; /* a lookup's read transaction (qg_archive_lookup) */
  bool writable;
  int busy_ms; /* QG_AR_BUSY_MS (tests: QINGGAO_TEST_ARCHIVE_BUSY_MS) */
  char err[512];
  /* lookups */
  sqlite3_int64 *cand, *cand2; /* cand2: room to merge in (sort_cand) */
  size_t ncand, capcand, capcand2;
  char *src, *title, *date, *rec; /* of the last match */
  char *fig_text; /* the last match's stored text when only its figures differ (session 48:
                   * qg_archive_figures), else NULL */
  bool part_on; /* qg_archive_set_part */
  int part;     /* the last match is a part (qg_archive_part): 1 inside, 2 holds, 0 none */
  unsigned part_milli;
  /* adding */
  qg_handler h;
  const char *date_opt;
  char doc_date[16];
  qg_fp_work work;
  qg_fp fp;
  bool in_doc;  /* the document's transaction is open */
  bool holding; /* a document has begun: its rows are held (or, once in_doc, written) */
  bool spilling; /* a document past the hold: its cache is open_big's 8 MiB */
  sqlite3_int64 doc_id;
  uint64_t doc_paras;
  uint64_t doc_known; /* paragraphs of the document already archived */
  XXH64_hash_t digest_acc;
  uint32_t title_article;
  char *cur_title;
  size_t cur_title_at; /* offset + 1 of cur_title in pool, 0: not in it yet */
  char *doc_source;
  char *doc_record; /* qg_docinfo.record, NULL: none */
  char doc_added[32];
  ar_row *rows;
  size_t nrows, caprows;
  char *pool;
  size_t npool, cappool;
  uint32_t *hv;
  size_t nhv, caphv;
  size_t hold_max; /* QG_AR_HOLD_BYTES (tests: QINGGAO_TEST_ARCHIVE_HOLD) */
  /* the postings not yet written (flush_posts): token << 32 | paragraph - post_base; in batch
   * those of the shared transaction's documents, the current one's from post_mark on */
  uint64_t *post;
  size_t npost, cappost, post_mark;
  size_t post_max; /* QG_AR_POST_BYTES / 8 (tests: QINGGAO_TEST_ARCHIVE_POSTINGS) */
  size_t spill_kib; /* QG_AR_SPILL_KIB (tests: QINGGAO_TEST_ARCHIVE_SPILL_KIB) */
  sqlite3_int64 post_base;
  qg_archive_counts counts;
  /* qg_archive_batch: documents share a transaction, each in a savepoint */
  bool batch, group_open;
  struct timespec yield_t; /* the last time the lock was left free (yield_lock) */
  struct timespec group_t0;   /* when the shared transaction began */
  qg_archive_counts group_counts; /* the counts then: what stands if it is lost */
  uint64_t groups_lost; /* shared transactions lost (qg_archive_groups_lost) */
  uint64_t groups_done; /* shared transactions committed (qg_archive_groups_committed) */
  double group_secs;    /* a group is committed once this old: 1 s (tests:
                         * QINGGAO_TEST_ARCHIVE_GROUP_MS) */
  /* features of the sketches (qg_archive_use_features); words: segmented with the built-in
   * dictionary, as the dedup stage does */
  qg_features features;
  char *path;
  qg_dict *dict;
  qg_segmenter *seg;
  qg_tokvec toks;
};

/* Room for more elements after the n of array v of capacity cap (false: out of memory). */
#define ROOM(v, cap, n, more) room_for((void *)&(v), &(cap), (n), (more), sizeof *(v))
static bool room_for(void *vp, size_t *cap, size_t n, size_t more, size_t size) {
  if (n + more <= *cap) return true;
  size_t c = *cap ? *cap : 4096 / size;
  while (c < n + more) c *= 2;
  void *old;
  memcpy(&old, vp, sizeof old);
  void *v = realloc(old, c * size);
  if (!v) return false;
  memcpy(vp, &v, sizeof v);
  *cap = c;
  return true;
}

static int flush_posts(qg_archive *a);

/* SQLite's message for the last error on db, and for an error of the file system what the
 * system said, or, where SQLite kept no reason (it says "disk I/O error" when the journal
 * beside the archive cannot be deleted: review 32b, a directory made read-only under a running
 * add), whether the archive's directory is writable: the rollback journal is a file made and
 * deleted there. path: the archive, or NULL. Into buf; returns buf. */
static const char *db_msg(sqlite3 *db, const char *path, char *buf, size_t n) {
  if (!db) {
    snprintf(buf, n, "no database");
    return buf;
  }
  int code = sqlite3_errcode(db) & 0xFF, sys = sqlite3_system_errno(db);
  bool fs = code == SQLITE_IOERR || code == SQLITE_CANTOPEN || code == SQLITE_READONLY ||
            code == SQLITE_FULL || code == SQLITE_PERM;
  const char *why = NULL;
  char dir[PATH_MAX];
  if (fs && sys) {
    why = strerror(sys);
  } else if (fs && path) {
    const char *slash = strrchr(path, '/');
    size_t len = !slash ? 1 : slash == path ? 1 : (size_t)(slash - path);
    if (len < sizeof dir) {
      memcpy(dir, slash ? path : ".", len);
      dir[len] = '\0';
      if (access(dir, W_OK))
        why = "its directory is not writable: SQLite makes and deletes its journal there";
    }
  }
  if (why)
    snprintf(buf, n, "%s (%s)", sqlite3_errmsg(db), why);
  else
    snprintf(buf, n, "%s", sqlite3_errmsg(db));
  return buf;
}

static void set_err(qg_archive *a, const char *what) {
  bool busy = a->db && (sqlite3_errcode(a->db) == SQLITE_BUSY || sqlite3_errcode(a->db) == SQLITE_LOCKED);
  char held[80] = "";
  if (busy && a->busy_ms % 1000)
    snprintf(held, sizeof held, " (another process held it for more than %d ms)", a->busy_ms);
  else if (busy)
    snprintf(held, sizeof held, " (another process held it for more than %d s)", a->busy_ms / 1000);
  char msg[400];
  snprintf(a->err, sizeof a->err, "%s: %s%s", what, db_msg(a->db, a->path, msg, sizeof msg), held);
}

const char *qg_archive_error(const qg_archive *a) { return a ? a->err : ""; }
uint64_t qg_archive_uncommitted(const qg_archive *a) {
  return a->group_open ? a->counts.documents_added - a->group_counts.documents_added : 0;
}
uint64_t qg_archive_groups_lost(const qg_archive *a) { return a->groups_lost; }
uint64_t qg_archive_groups_committed(const qg_archive *a) { return a->groups_done; }
const qg_archive_counts *qg_archive_get_counts(const qg_archive *a) { return &a->counts; }

void qg_archive_close(qg_archive *a) {
  if (!a) return;
  for (int i = 0; i < Q_COUNT; i++) sqlite3_finalize(a->st[i]);
  sqlite3_finalize(a->ins_nums);
  sqlite3_finalize(a->rd_begin);
  sqlite3_finalize(a->rd_end);
  if (a->in_doc) sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
  else if (a->group_open) /* (the postings held are written first, or nothing is kept) */
    sqlite3_exec(a->db, a->npost && flush_posts(a) ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL);
  /* tests: SQLite's peak of memory (tests/archive_spill_test.sh) */
  if (a->writable && getenv("QINGGAO_TEST_ARCHIVE_STATS"))
    fprintf(stderr, "qinggao: test: SQLite's memory high-water %lld\n",
            (long long)sqlite3_memory_highwater(0));
  sqlite3_close(a->db);
  free(a->cand);
  free(a->cand2);
  free(a->src);
  free(a->title);
  free(a->date);
  free(a->rec);
  free(a->fig_text);
  free(a->cur_title);
  free(a->doc_source);
  free(a->doc_record);
  free(a->rows);
  free(a->pool);
  free(a->hv);
  free(a->post);
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

/* What an archive's header and schema say: application_id, user_version, the objects of its
 * schema and how many of the tables meta, document, paragraph and posting it has. NULL, or
 * why they cannot be read. */
typedef struct ar_state {
  int app, version, objects, tables;
} ar_state;

static int int_of(sqlite3 *db, const char *q, int *v) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, q, -1, &st, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    *v = sqlite3_column_int(st, 0);
    rc = SQLITE_OK;
  }
  sqlite3_finalize(st);
  return rc;
}

static const char *read_state(sqlite3 *db, ar_state *s) {
  *s = (ar_state){-1, -1, 0, 0};
  if (int_of(db, "PRAGMA application_id", &s->app) != SQLITE_OK)
    /* a WAL archive of an older qinggao, in a directory the reader may not write (probe 10
     * F19), is said as what it is */
    return sqlite3_errcode(db) == SQLITE_NOTADB ? "not an SQLite database" : "cannot read";
  if (int_of(db, "PRAGMA user_version", &s->version) != SQLITE_OK ||
      int_of(db, "SELECT count(*) FROM sqlite_schema", &s->objects) != SQLITE_OK ||
      int_of(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
                 " ('meta', 'document', 'paragraph', 'posting')", &s->tables) != SQLITE_OK)
    return "cannot read";
  return NULL;
}

/* Made by a qinggao that has not finished making it: our application_id, but no version yet
 * or tables missing. qinggao makes an archive in one transaction, so only one made by an
 * earlier qinggao (statement by statement) or left by one that stopped half-way is seen so. */
static bool half_made(const ar_state *s) {
  return s->app == QG_AR_APP_ID && (s->version == 0 || (s->version == 1 && s->tables < 4));
}

qg_archive *qg_archive_open(const char *path, bool create, char *err, size_t errlen) {
  qg_archive *a = calloc(1, sizeof *a);
  if (!a) {
    snprintf(err, errlen, "%s: out of memory", path);
    return NULL;
  }
  a->writable = create;
  /* a lookup's connection is used by one thread at a time (its dedup stage's), so it takes no
   * mutex of its own at each call (a seventh of `lint --archive`'s instructions; session 31);
   * an add's is left as it was */
  int flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                     : SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
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
  /* tests: a shorter wait, so that a lock held past it is seen failing in a test's time */
  const char *busy = getenv("QINGGAO_TEST_ARCHIVE_BUSY_MS");
  a->busy_ms = busy && atoi(busy) > 0 ? atoi(busy) : QG_AR_BUSY_MS;
  /* tests: a group committed sooner, so that a commit while a file is cleaned is seen */
  a->group_secs = 1.0;
  const char *gms = getenv("QINGGAO_TEST_ARCHIVE_GROUP_MS");
  if (gms && *gms) a->group_secs = atof(gms) / 1000.0;
  /* tests: fewer postings held, so that writing them before the commit is seen too */
  const char *posts = getenv("QINGGAO_TEST_ARCHIVE_POSTINGS");
  a->post_max = posts && *posts ? (size_t)strtoull(posts, NULL, 10) : QG_AR_POST_BYTES / sizeof *a->post;
  /* tests: the cache spills sooner (past 1 KiB: at cache_size's 2 MiB), or later (a large
   * value: as it never did in batch before session 32) */
  const char *spill = getenv("QINGGAO_TEST_ARCHIVE_SPILL_KIB");
  a->spill_kib = spill && *spill ? (size_t)strtoull(spill, NULL, 10) : QG_AR_SPILL_KIB;
  if (a->db) sqlite3_busy_timeout(a->db, a->busy_ms);
  /* Opened for adding, the archive is looked at and, when new, made inside one write
   * transaction: two `archive add` making it at once take turns, and the second finds it
   * whole (probe 14 #4: the second saw application_id set and user_version still 0, between
   * the first's statements, and said "archive of another version"). */
  bool setup = false;
  if (!why && create) {
    if (sqlite3_exec(a->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK) setup = true;
    else why = sqlite3_errcode(a->db) == SQLITE_NOTADB     ? "not an SQLite database"
               : sqlite3_errcode(a->db) == SQLITE_READONLY ? "cannot add to it"
                                                           : "cannot lock it for adding";
  }
  ar_state s = {0};
  if (!why) why = read_state(a->db, &s);
  /* A lookup that finds a hot journal (an `archive add` killed inside a transaction, which
   * since session 32 may have written pages of it to the file) cannot roll it back on its
   * read-only connection ("attempt to write a readonly database"): a read-write connection
   * opened for a moment rolls it back at its first read, then the lookup reads again on a
   * connection of its own. Where this user may not write the archive or its directory, the
   * message says what to do (review 32b #1). */
  if (why && !create && a->db && sqlite3_extended_errcode(a->db) == SQLITE_READONLY_ROLLBACK) {
    sqlite3 *rw = NULL;
    if (sqlite3_open_v2(plain ? plain : path, &rw, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
      sqlite3_busy_timeout(rw, a->busy_ms);
      sqlite3_exec(rw, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    }
    sqlite3_close(rw);
    sqlite3_close(a->db);
    a->db = NULL;
    if (sqlite3_open_v2(plain ? plain : path, &a->db, flags, NULL) != SQLITE_OK) why = "cannot open";
    else {
      sqlite3_busy_timeout(a->db, a->busy_ms);
      why = read_state(a->db, &s);
      if (why && sqlite3_extended_errcode(a->db) == SQLITE_READONLY_ROLLBACK)
        why = "an interrupted `qinggao archive add` left its journal, which only a user who may "
              "write the archive and its directory can roll back (any `qinggao archive add` of "
              "it does)";
    }
  }
  free(plain);
  /* a lookup that finds an archive half made by an earlier qinggao waits for it (2 s) */
  for (int i = 0; !why && !create && half_made(&s) && i < 20; i++) {
    nanosleep(&(struct timespec){.tv_nsec = 100000000}, NULL);
    why = read_state(a->db, &s);
  }
  if (why) {
  } else if ((s.app == 0 && s.objects == 0) || (create && half_made(&s))) {
    /* an empty new file becomes an archive (a half-made one is finished: every step is
     * idempotent); anything else must already be one */
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
                 "INSERT OR IGNORE INTO meta VALUES('shingle', '%d'), ('k', '%d'),"
                 " ('min_chars', '%d'), ('posting_threshold', '%.3f'),"
                 " ('features', 'chars'), ('sketch', '" QG_AR_SKETCH "'), ('created_by',"
                 " 'qinggao %s')",
                 QG_ND_SHINGLE, QG_ND_K, QG_ND_MIN_CHARS, QG_AR_MIN_MILLI / 1000.0,
                 QG_VERSION_STRING);
        if (sqlite3_exec(a->db, meta, NULL, NULL, NULL) != SQLITE_OK)
          why = "cannot create the archive";
      }
    }
  } else if (half_made(&s)) { /* a lookup's, still after the wait */
    why = "not a qinggao archive yet (made in part; `qinggao archive add` finishes it)";
  } else if (s.app != QG_AR_APP_ID) {
    why = "not a qinggao archive";
  } else if (s.version != 1) {
    why = "archive of another version of qinggao";
  }
  if (!why && create && sqlite3_exec(a->db, numbers_schema, NULL, NULL, NULL) != SQLITE_OK)
    why = "cannot add the number table";
  if (!why && create) {
    sqlite3_stmt *st = NULL; /* (the column is there when this compiles) */
    bool has = sqlite3_prepare_v2(a->db, "SELECT record_id FROM document LIMIT 0", -1, &st,
                                  NULL) == SQLITE_OK;
    sqlite3_finalize(st);
    if (!has && sqlite3_exec(a->db, record_column, NULL, NULL, NULL) != SQLITE_OK)
      why = "cannot add the record_id column";
  }
  if (setup && !why && sqlite3_exec(a->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    why = "cannot create the archive";
  if (setup && why) {
    char keep[256]; /* the reason, before ROLLBACK says "not an error" */
    snprintf(keep, sizeof keep, "%s", sqlite3_errmsg(a->db));
    int code = sqlite3_errcode(a->db);
    sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
    snprintf(err, errlen, "%s: %s%s%s", path, why, code != SQLITE_OK ? ": " : "",
             code != SQLITE_OK ? keep : "");
    qg_archive_close(a);
    return NULL;
  }
  /* a rollback journal, not WAL: a lookup then only reads the database file, so it needs no
   * write access to the archive's directory and leaves no -wal/-shm files (owned by whoever
   * looked up) that would stop the owner's next add (probe 10 F19); an archive made in WAL
   * mode by an earlier qinggao is turned back at its next add (busy elsewhere: left as it is) */
  if (!why && create) sqlite3_exec(a->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  for (int i = 0; !why && i < Q_COUNT; i++) {
    bool write = i >= Q_INS_DOC;
    if (write && !create) continue;
    if (sqlite3_prepare_v2(a->db, sql[i], -1, &a->st[i], NULL) != SQLITE_OK &&
        (i != Q_META || sqlite3_prepare_v2(a->db, meta_no_record, -1, &a->st[i], NULL) != SQLITE_OK))
      why = "not a qinggao archive (tables missing)";
  }
  if (!why) { /* (an archive from before the number table: sketches only) */
    sqlite3_stmt *probe = NULL;
    a->numbers = sqlite3_prepare_v2(a->db, "SELECT nums FROM number WHERE paragraph = ?1", -1,
                                    &probe, NULL) == SQLITE_OK;
    sqlite3_finalize(probe);
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

static int cmp_u64(const void *x, const void *y) {
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return (a > b) - (a < b);
}

static int insert_post(qg_archive *a, uint32_t token, sqlite3_int64 pid) {
  sqlite3_stmt *st = a->st[Q_INS_POST];
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, token);
  sqlite3_bind_int64(st, 2, pid);
  return sqlite3_step(st) == SQLITE_DONE ? 0 : QG_ERR_IO;
}

/* Writes the postings held, sorted by (token, paragraph), so that the posting index is walked
 * once in its order, and lets them go. A posting held twice is written once (INSERT OR IGNORE
 * would keep one). */
static int flush_posts(qg_archive *a) {
  size_t n = a->npost;
  uint64_t *v = a->post;
  if (n > 1) qsort(v, n, sizeof *v, cmp_u64);
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++)
    if (!i || v[i] != v[i - 1])
      rc = insert_post(a, (uint32_t)(v[i] >> 32), a->post_base + (sqlite3_int64)(v[i] & 0xffffffffu));
  sqlite3_reset(a->st[Q_INS_POST]);
  a->npost = 0;
  return rc;
}

/* Holds a posting of the document (written by flush_posts at its end, in batch at the group's
 * commit, or when the room is full); written at once when it cannot be held (its paragraph
 * too far from the first held, which no document of a bounded size meets). A document whose
 * postings fill the room has them written in its transaction (or savepoint): in batch the
 * group's held before it were written before its savepoint began (tx_begin), so that those
 * written here are its own only, and a refused one fails it alone (post_mark is then 0; were
 * it not, the posting is written at once). */
static int hold_post(qg_archive *a, uint32_t token, sqlite3_int64 pid) {
  if (a->npost == a->post_max && a->npost && !a->post_mark) {
    int rc = flush_posts(a);
    if (rc) return rc;
  }
  if (!a->npost) a->post_base = pid;
  if (pid < a->post_base || pid - a->post_base > (sqlite3_int64)UINT32_MAX || a->npost == a->post_max ||
      !ROOM(a->post, a->cappost, a->npost, 1))
    return insert_post(a, token, pid);
  a->post[a->npost++] = (uint64_t)token << 32 | (uint64_t)(pid - a->post_base);
  return 0;
}

/* Stores the postings (the prefix of the sketch; held, hold_post) and the numbers of near
 * paragraph pid. */
static int store_near(qg_archive *a, sqlite3_int64 pid, const uint32_t *h, uint32_t n,
                      const uint32_t *num, uint32_t nnum) {
  if (nnum) {
    unsigned char nb[4 * QG_ND_NUMS];
    blob_from_u32(num, nnum, nb);
    sqlite3_stmt *st = a->ins_nums;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, pid);
    sqlite3_bind_blob(st, 2, nb, (int)(4 * nnum), SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) return QG_ERR_IO;
  }
  uint32_t np = qg_fp_prefix_len(QG_AR_MIN_MILLI);
  if (np > n) np = n;
  for (uint32_t i = 0; i < np; i++) {
    int rc = hold_post(a, h[i], pid);
    if (rc) return rc;
  }
  return 0;
}

/* The sketch version of an archive of character sketches (meta key `sketch`): 1 (no key) before
 * session 23's numbers, 2 when a number of two digits or more is one unit of the character
 * bigrams, 3 since session 47, when the bigrams are hashed by qg_fp_ngram_hash (neardup.h)
 * instead of XXH3, 4 since session 49, when traditional characters are folded (qg_fp_fold: the
 * exact hash and the sketch of a paragraph that holds one changed, word sketches too). An
 * archive of another version is never compared with this run's sketches: an empty one takes 4,
 * `archive add` (writable) makes every exact hash, sketch, posting and number again from the
 * stored text, in one transaction, and a lookup in it is refused with what to do. */
static int sketch_version(qg_archive *a, qg_features f, char *err, size_t errlen) {
  sqlite3_stmt *st = NULL;
  int version = 1;
  long long paras = 0;
  if (sqlite3_prepare_v2(a->db, "SELECT value FROM meta WHERE key = 'sketch'", -1, &st, NULL) ==
          SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char *v = sqlite3_column_text(st, 0);
    version = v ? atoi((const char *)v) : 1;
  }
  sqlite3_finalize(st);
  if (version == atoi(QG_AR_SKETCH)) return 0;
  /* (until version 3 an older words archive was used as it was, word sketches being the same
   * in every version; the fold changed them too, so it is made again as a character one is) */
  st = NULL;
  if (sqlite3_prepare_v2(a->db, "SELECT count(*) FROM paragraph", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    paras = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (paras && !a->writable) {
    if (version < 2 && f != QG_FEATURES_WORDS)
      snprintf(err, errlen,
               "%s: the archive's sketches were made by an earlier qinggao, which counted each "
               "digit of a number on its own; `qinggao archive add --archive %s` makes them "
               "again from the stored text (once)", a->path, a->path);
    else if (version == 2 && f != QG_FEATURES_WORDS)
      snprintf(err, errlen,
               "%s: the archive's sketches were made by an earlier qinggao, which hashed the "
               "character bigrams otherwise (sketch version 2, this one makes version "
               QG_AR_SKETCH "); `qinggao archive add --archive %s` makes them again from the "
               "stored text (once)", a->path, a->path);
    else if (version < atoi(QG_AR_SKETCH))
      snprintf(err, errlen,
               "%s: the archive's sketches were made by an earlier qinggao, which did not fold "
               "traditional characters (sketch version %d, this one makes version " QG_AR_SKETCH
               "); `qinggao archive add --archive %s%s` makes them again from the stored text "
               "(once)", a->path, version, a->path,
               /* (the words archive's own features, or `archive add` refuses it: review 49 L3) */
               f == QG_FEATURES_WORDS ? " --near-features words" : "");
    else
      snprintf(err, errlen,
               "%s: the archive's sketches are of version %d, made by a later qinggao (this "
               "one makes version " QG_AR_SKETCH "); they cannot be compared with this run's",
               a->path, version);
    return QG_ERR_USAGE;
  }
  if (version > atoi(QG_AR_SKETCH) && paras) { /* a later qinggao's: not made again by this one */
    snprintf(err, errlen,
             "%s: the archive's sketches are of version %d, made by a later qinggao (this one "
             "makes version " QG_AR_SKETCH "); it is left as it is", a->path, version);
    return QG_ERR_USAGE;
  }
  if (!a->writable) return 0;
  a->features = f;
  int rc = sqlite3_exec(a->db, "BEGIN IMMEDIATE; DELETE FROM posting; DELETE FROM number;", NULL, NULL,
                        NULL) == SQLITE_OK ? 0 : QG_ERR_IO;
  sqlite3_stmt *sel = NULL, *upd = NULL;
  if (!rc && (sqlite3_prepare_v2(a->db, "SELECT id, text, chars FROM paragraph ORDER BY id", -1,
                                 &sel, NULL) != SQLITE_OK ||
              sqlite3_prepare_v2(a->db, "UPDATE paragraph SET sketch = ?1, simhash = ?2, exact = ?4"
                                 " WHERE id = ?3",
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
    sqlite3_bind_int64(upd, 4, (sqlite3_int64)a->fp.exact); /* (folded since version 4) */
    if (sqlite3_step(upd) != SQLITE_DONE) rc = QG_ERR_IO;
    else if (near) rc = store_near(a, pid, a->fp.h, a->fp.n, a->fp.num, a->fp.nnum);
    if (!rc) a->counts.paragraphs_upgraded++;
  }
  sqlite3_finalize(sel);
  sqlite3_finalize(upd);
  if (!rc) rc = flush_posts(a);
  a->npost = 0;
  if (!rc && sqlite3_exec(a->db, "INSERT OR REPLACE INTO meta VALUES('sketch', '" QG_AR_SKETCH
                          "'); COMMIT;",
                          NULL, NULL, NULL) != SQLITE_OK)
    rc = QG_ERR_IO;
  if (rc) {
    char msg[400];
    snprintf(err, errlen, "%s: making the sketches again: %s", a->path,
             rc == QG_ERR_IO ? db_msg(a->db, a->path, msg, sizeof msg) : qg_strerror(rc));
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
      char msg[400];
      snprintf(err, errlen, "%s: %s", a->path, db_msg(a->db, a->path, msg, sizeof msg));
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

/* Sorts the candidates ascending. They come as one ascending list per token of the prefix
 * (the posting index's order), so they are merged, runs as they are found, pairwise until one is
 * left: qsort took a tenth of `lint --archive`'s time in its comparisons (session 31). Any order
 * comes out sorted (a run is as long as it is ascending). QG_ERR_NOMEM when there is no room. */
static int sort_cand(qg_archive *a) {
  size_t n = a->ncand;
  if (n < 2) return 0;
  if (a->capcand2 < n) {
    sqlite3_int64 *v = realloc(a->cand2, a->capcand * sizeof *v);
    if (!v) return QG_ERR_NOMEM;
    a->cand2 = v;
    a->capcand2 = a->capcand;
  }
  sqlite3_int64 *src = a->cand, *dst = a->cand2;
  for (;;) {
    size_t runs = 0;
    for (size_t i = 0; i < n;) {
      size_t j = i + 1;
      while (j < n && src[j] >= src[j - 1]) j++;
      size_t k = j < n ? j + 1 : j;
      while (k < n && src[k] >= src[k - 1]) k++;
      size_t x = i, y = j, o = i;
      while (x < j && y < k) dst[o++] = src[y] < src[x] ? src[y++] : src[x++];
      while (x < j) dst[o++] = src[x++];
      while (y < k) dst[o++] = src[y++];
      runs++;
      i = k;
    }
    sqlite3_int64 *t = src;
    src = dst, dst = t;
    if (runs == 1) break;
  }
  if (src != a->cand) { /* (the sorted list is where the candidates are kept) */
    a->cand2 = a->cand, a->cand = src;
    size_t c = a->capcand2;
    a->capcand2 = a->capcand, a->capcand = c;
  }
  return 0;
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

static int lookup_in(qg_archive *a, const qg_fp *fp, unsigned t_milli, qg_dup_ref *out,
                     bool *found) {
  *found = false;
  *out = (qg_dup_ref){0};
  sqlite3_int64 hit = -1, fig = -1; /* fig: a candidate whose figures only differ */
  sqlite3_int64 part = -1; /* a candidate that holds fp's text or is held in it (session 49) */
  uint32_t best_c = 0, best_m = 1, fig_c = 0, fig_m = 1, part_c = 0, part_m = 1, part_jc = 0,
           part_jm = 1; /* part_jc/part_jm: its sketches' Jaccard estimate */
  int part_dir = 0;
  free(a->fig_text), a->fig_text = NULL;
  a->part = 0;
  bool exact = false;
  bool row;
  int rc;
  sqlite3_stmt *st = a->st[Q_EXACT];
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, (sqlite3_int64)fp->exact);
  /* the earliest row whose stored text has this exact hash now (session 43, probe 43 F2: an
   * archive made before hashed 3.25亿元 as 32.5亿元 and 325亿元 are; such a row is no exact repeat
   * of them, and a copy of it with the same marks finds it as a near one, below) */
  for (;;) {
    if ((rc = step_row(a, st, &row))) return rc;
    if (!row) break;
    const char *t = (const char *)sqlite3_column_text(st, 1);
    qg_fp now;
    if ((rc = qg_fp_make_exact(&a->work, t ? t : "", t ? (size_t)sqlite3_column_bytes(st, 1) : 0,
                               &now)))
      return rc;
    if (now.exact == fp->exact) {
      hit = sqlite3_column_int64(st, 0);
      exact = true;
      break;
    }
  }
  if (!exact && t_milli && fp->chars >= QG_ND_MIN_CHARS && fp->n) {
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
    if ((rc = sort_cand(a))) return rc;
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
      int dir = 0; /* a part (session 49, probe 48 M2): the first that passes the checks below */
      if (!qg_fp_near(fp->h, fp->n, h, n, t_milli, &c, &m)) {
        if (!a->part_on || part >= 0) continue;
        uint32_t chars = (uint32_t)sqlite3_column_int64(st, 2);
        dir = qg_fp_contained(fp->h, fp->n, h, n, QG_ND_CONTAIN_MILLI,
                              fp->chars >= QG_ND_CONTAIN_CHARS, chars >= QG_ND_CONTAIN_CHARS, &c, &m);
        if (!dir) continue;
      }
      bool figs_agree = true;
      if (a->numbers && fp->nnum) { /* the numbers must agree too: read from the stored text, as
                                  * the identifiers are (session 43: a decimal and a minus make
                                  * figures of their own, which the stored numbers of an archive
                                  * made before split or left out) */
        uint32_t num[QG_ND_NUMS], nn = 0;
        const char *t = (const char *)sqlite3_column_text(st, 1);
        qg_fp_numbers(t ? t : "", t ? (size_t)sqlite3_column_bytes(st, 1) : 0, num, &nn);
        figs_agree = qg_fp_numbers_agree(fp->num, fp->nnum, num, nn, t_milli);
        /* (session 48, probe 48 M1: a published paragraph resubmitted with a figure corrected
         * is no repeat, but worth a warning: the first such candidate that passes the checks
         * below and is close, FIG_MILLI, is kept in case no repeat is found) */
        if (!figs_agree && (dir || fig >= 0 || 1000u * c < FIG_MILLI * m)) continue;
      }
      if (fp->nid) { /* the identifiers too, found again in the stored text (the text that was
                      * fingerprinted): the same check as in memory, in any archive */
        uint32_t id[QG_ND_IDS], ni;
        const char *t = (const char *)sqlite3_column_text(st, 1);
        qg_fp_idents(t ? t : "", t ? (size_t)sqlite3_column_bytes(st, 1) : 0, id, &ni);
        if (!qg_fp_idents_agree(fp->id, fp->nid, id, ni)) continue;
      }
      if (fp->label) { /* and its label (session 23), from the stored text likewise */
        const char *t = (const char *)sqlite3_column_text(st, 1);
        if (!qg_fp_labels_agree(fp->label,
                                qg_fp_label(t ? t : "", t ? (size_t)sqlite3_column_bytes(st, 1) : 0)))
          continue;
      }
      if (dir) { /* kept in case no repeat and no figures' match is found; the similarity said
                  * is the sketches' Jaccard estimate, as for a near repeat */
        part = a->cand[i], part_dir = dir, part_c = c, part_m = m;
        qg_fp_compare(fp->h, fp->n, h, n, &part_jc, &part_jm);
        continue;
      }
      if (!figs_agree) {
        const char *t = (const char *)sqlite3_column_text(st, 1);
        free(a->fig_text);
        if (!(a->fig_text = strdup(t ? t : ""))) return QG_ERR_NOMEM;
        fig = a->cand[i], fig_c = c, fig_m = m;
        continue;
      }
      /* the earliest archived paragraph (candidates are in ascending order) */
      hit = a->cand[i];
      best_c = c;
      best_m = m;
      break;
    }
    sqlite3_reset(st);
    if (hit < 0 && fig >= 0) hit = fig, best_c = fig_c, best_m = fig_m;
    if (hit < 0 && part >= 0) {
      hit = part, a->part = part_dir;
      a->part_milli = (unsigned)(1000u * part_c / part_m);
      best_c = part_jc, best_m = part_jm;
    }
  }
  if (hit != fig) free(a->fig_text), a->fig_text = NULL;
  sqlite3_reset(a->st[Q_EXACT]);
  sqlite3_reset(a->st[Q_POST]);
  if (hit < 0) return 0;
  st = a->st[Q_META];
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, hit);
  if ((rc = step_row(a, st, &row))) return rc;
  if (!row) return a->part = 0, 0;
  free(a->src), free(a->title), free(a->date), free(a->rec);
  a->src = dup_col(st, 0);
  a->title = dup_col(st, 2);
  a->date = dup_col(st, 3);
  a->rec = dup_col(st, 5);
  out->source = a->src ? a->src : "?";
  out->line = (uint32_t)sqlite3_column_int64(st, 1);
  out->title = a->title;
  out->date = a->date;
  out->record = a->rec;
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

/* The figures of s[0..n): runs of ASCII digits, with a '.' or ',' between two digits and a '%'
 * after them (3.2% 1,234 745), at most max of them, each as its offset and length. */
static size_t figures_of(const char *s, size_t n, size_t (*at)[2], size_t max) {
  size_t k = 0;
  for (size_t i = 0; i < n && k < max;) {
    if ((unsigned)(s[i] - '0') >= 10u) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < n && ((unsigned)(s[j] - '0') < 10u ||
                     ((s[j] == '.' || s[j] == ',') && j + 1 < n && (unsigned)(s[j + 1] - '0') < 10u)))
      j++;
    if (j < n && s[j] == '%') j++;
    at[k][0] = i, at[k][1] = j - i, k++;
    i = j;
  }
  return k;
}

/* Appends the figures of s that fig[] marks unused (at most FIG_MAX) to buf, ", " between. */
static void figures_put(char *buf, size_t cap, const char *s, size_t (*at)[2], size_t k,
                        const bool *used) {
  bool first = true;
  for (size_t i = 0; i < k; i++) {
    if (used[i]) continue;
    size_t l = strlen(buf);
    snprintf(buf + l, cap - l, "%s%.*s", first ? "" : ", ", (int)at[i][1], s + at[i][0]);
    first = false;
  }
}

bool qg_archive_figures_only(const qg_archive *a) { return a->fig_text != NULL; }

void qg_archive_set_part(qg_archive *a, bool on) { a->part_on = on; }

int qg_archive_part(const qg_archive *a, unsigned *milli) {
  if (milli) *milli = a->part ? a->part_milli : 0;
  return a->part;
}

int qg_archive_figures(const qg_archive *a, const char *text, size_t len, char *buf, size_t cap) {
  if (!a->fig_text) return -1;
  if (cap < 8) return 0;
  enum { MAXF = 64 };
  size_t oa[MAXF][2], na[MAXF][2];
  bool ou[MAXF] = {false}, nu[MAXF] = {false};
  const char *old = a->fig_text;
  size_t ko = figures_of(old, strlen(old), oa, MAXF), kn = figures_of(text, len, na, MAXF);
  /* a figure of both, matched once in order of the old; what is left differs */
  size_t lo = ko, ln = kn;
  for (size_t i = 0; i < ko; i++)
    for (size_t j = 0; j < kn; j++)
      if (!nu[j] && oa[i][1] == na[j][1] && !memcmp(old + oa[i][0], text + na[j][0], oa[i][1])) {
        ou[i] = nu[j] = true, lo--, ln--;
        break;
      }
  if (!lo || !ln || lo > FIG_MAX || ln > FIG_MAX) return 0;
  buf[0] = '\0';
  figures_put(buf, cap, old, oa, ko, ou);
  size_t l = strlen(buf);
  snprintf(buf + l, cap - l, " → ");
  figures_put(buf, cap, text, na, kn, nu);
  return 1;
}

/* A lookup runs in a read transaction of its own: outside one, each of its statements (the exact
 * hash, a posting list per token of the prefix, a sketch per candidate: a hundred or more) took
 * and let go the shared lock, and looked for a hot journal and at the change counter, each
 * time: five system calls a statement, half of `lint --archive`'s time (session 31). The
 * transaction ends with the lookup, which never waits for input: a writer's commit waits for it
 * a lookup's time at most, as it waited for one statement before. (An add's own connection,
 * which looks nothing up, is left as it is.) */
int qg_archive_lookup(qg_archive *a, const qg_fp *fp, unsigned t_milli, qg_dup_ref *out,
                      bool *found) {
  bool tx = !a->writable && sqlite3_get_autocommit(a->db) &&
            (a->rd_begin || sqlite3_prepare_v2(a->db, "BEGIN", -1, &a->rd_begin, NULL) == SQLITE_OK) &&
            (a->rd_end || sqlite3_prepare_v2(a->db, "COMMIT", -1, &a->rd_end, NULL) == SQLITE_OK) &&
            sqlite3_step(a->rd_begin) == SQLITE_DONE;
  if (a->rd_begin) sqlite3_reset(a->rd_begin);
  int rc = lookup_in(a, fp, t_milli, out, found);
  if (tx) {
    /* (the statements reset, so that the read transaction can end) */
    for (int i = 0; i < Q_COUNT; i++)
      if (a->st[i]) sqlite3_reset(a->st[i]);
    sqlite3_step(a->rd_end);
    sqlite3_reset(a->rd_end);
    if (!sqlite3_get_autocommit(a->db)) sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
  }
  return rc;
}

/* ---- adding ---------------------------------------------------------------------------------- */

static int exec(qg_archive *a, const char *s) {
  if (sqlite3_exec(a->db, s, NULL, NULL, NULL) == SQLITE_OK) return 0;
  set_err(a, "archive");
  return 1;
}

/* ---- transactions: one per document, or (qg_archive_batch) a shared one with a savepoint per
 * document ---- */

/* The shared transaction is lost (a failed commit or savepoint): rolled back, and the counts
 * are those from before it; said in the error. */
static void group_lost(qg_archive *a) {
  if (!a->group_open) return; /* (said already: a group flush that failed, group_flush) */
  sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
  a->group_open = false;
  a->npost = a->post_mark = 0; /* (the postings held go with it) */
  a->doc_paras = a->doc_known = 0; /* (the current document's, in the counts restored) */
  a->counts = a->group_counts;
  a->groups_lost++;
  size_t n = strlen(a->err);
  snprintf(a->err + n, sizeof a->err - n, " (nor are the documents added since the last "
           "commit, up to a second before, stored)");
}

/* After a commit, the lock is left free a moment, once a second at most: SQLite's busy handler
 * sleeps up to 100 ms between its tries, and a writer that begins again within a millisecond of
 * committing let a second `archive add`, or a lookup, wait for its whole run (review 15 #1: a
 * second add failed after 60 s during an add of 50,000 records; 300 plain files held one for
 * their whole 5 s before). 110 ms is one of the waiter's longest sleeps and a little more. */
#define QG_AR_YIELD_MS 110
static void yield_lock(qg_archive *a) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  double since = (double)(now.tv_sec - a->yield_t.tv_sec) +
                 (double)(now.tv_nsec - a->yield_t.tv_nsec) / 1e9;
  if (a->yield_t.tv_sec && since < 1.0) return;
  if (a->yield_t.tv_sec) sqlite3_sleep(QG_AR_YIELD_MS);
  clock_gettime(CLOCK_MONOTONIC, &a->yield_t);
}

/* In batch, the postings held of the group's documents (released from their savepoints) are
 * written (sorted, flush_posts) at its commit, and when the next document's may not fit in the
 * room with them (need: an upper bound of its postings, SIZE_MAX when unknown), before its
 * savepoint begins. They belong to no savepoint then: one refused fails the whole group since
 * its last commit, as a failing COMMIT does (rolled back, said, not counted; session 31's
 * decision). 1 when they failed (said, the group lost). */
static int group_flush(qg_archive *a) {
  if (!a->npost) return 0;
  if (!flush_posts(a)) return 0;
  set_err(a, "archive");
  group_lost(a);
  return 1;
}

static int tx_begin(qg_archive *a, size_t need) {
  if (!a->batch) {
    a->npost = a->post_mark = 0;
    return exec(a, "BEGIN IMMEDIATE");
  }
  if (a->group_open && a->npost && (need > a->post_max || a->npost + need > a->post_max) &&
      group_flush(a))
    return 1;
  if (!a->group_open) {
    if (exec(a, "BEGIN IMMEDIATE")) return 1;
    a->group_open = true;
    clock_gettime(CLOCK_MONOTONIC, &a->group_t0);
    a->group_counts = a->counts;
  }
  if (!exec(a, "SAVEPOINT qg_doc")) {
    a->post_mark = a->npost;
    return 0;
  }
  group_lost(a);
  return 1;
}

static int group_commit(qg_archive *a);
/* Whether the shared transaction is old enough to be committed (group_secs, a second). */
static bool group_old(const qg_archive *a) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - a->group_t0.tv_sec) +
             (double)(now.tv_nsec - a->group_t0.tv_nsec) / 1e9 >=
         a->group_secs;
}

/* (in batch, a document rolled back, archived already or failed, counts towards the second
 * too: a file of records all archived kept one transaction open to its end; review 15 #1)
 * A statement that failed so that SQLite rolled the whole transaction back itself (the disk
 * full, an I/O error, a trigger's RAISE(ROLLBACK)) leaves nothing to roll back: its reason
 * stands (the ROLLBACK said "no such savepoint: qg_doc" over it), and in batch the shared
 * transaction is lost. */
static int tx_rollback(qg_archive *a) {
  bool gone = sqlite3_get_autocommit(a->db);
  a->npost = a->post_mark; /* (the document's postings are let go) */
  if (!a->batch) return gone ? 0 : exec(a, "ROLLBACK");
  if (gone) {
    group_lost(a);
    return 1;
  }
  if (!exec(a, "ROLLBACK TO qg_doc") && !exec(a, "RELEASE qg_doc"))
    return group_old(a) ? group_commit(a) : 0;
  group_lost(a);
  return 1;
}

static int group_commit(qg_archive *a) {
  if (!a->group_open) return 0;
  if (group_flush(a)) return 1;
  a->group_open = false;
  int rc = exec(a, "COMMIT");
  if (!rc) {
    a->groups_done++;
    yield_lock(a);
    return 0;
  }
  a->group_open = true; /* (for group_lost) */
  group_lost(a);
  return 1;
}

/* 1 when it failed: then in batch the shared transaction is lost (counts restored); else the
 * caller rolls back. */
static int tx_commit(qg_archive *a) {
  if (!a->batch) {
    if (exec(a, "COMMIT")) return 1;
    yield_lock(a);
    return 0;
  }
  if (exec(a, "RELEASE qg_doc")) {
    group_lost(a);
    return 1;
  }
  a->post_mark = a->npost; /* (the document's postings are the group's now) */
  return group_old(a) ? group_commit(a) : 0;
}

/* In batch the page cache spills only past QG_AR_SPILL_KIB (spill_kib): PRAGMA cache_spill = N
 * (pages) sets that threshold at once, even inside a transaction, and turns the spilling on or
 * off only outside one, to (u8)N: 6,144 pages turned it off (the lead's try in session 31),
 * hence an odd N. */
static void set_spill(qg_archive *a, size_t kib) {
  int psz = 4096;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(a->db, "PRAGMA page_size", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0)
    psz = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  size_t pages = kib * 1024 / (size_t)psz;
  char q[64];
  snprintf(q, sizeof q, "PRAGMA cache_spill = %d", (int)(pages < INT_MAX ? pages : INT_MAX - 1) | 1);
  sqlite3_exec(a->db, q, NULL, NULL, NULL);
}

int qg_archive_batch(qg_archive *a, bool on) {
  if (!a || a->in_doc) return 0;
  int rc = on ? 0 : group_commit(a);
  a->batch = on;
  /* a second of rows does not spill the page cache into the file mid-transaction, which takes
   * the lock readers need until the commit (review 15 #1: lookups waited for a whole add); the
   * cache grows by that second's rows instead, up to QG_AR_SPILL_KIB (session 32: before, the
   * spilling was off, and the postings written at a group's commit kept every page they
   * dirtied in memory) */
  if (a->db && on) set_spill(a, a->spill_kib);
  else if (a->db) sqlite3_exec(a->db, "PRAGMA cache_spill = 1", NULL, NULL, NULL); /* (SQLite's) */
  return rc;
}

static size_t held_bytes(const qg_archive *a) {
  return a->nrows * sizeof(ar_row) + a->npool + a->nhv * sizeof(uint32_t);
}

static int add_begin(void *ud, const qg_docinfo *info) {
  qg_archive *a = ud;
  a->err[0] = '\0'; /* the error said is this document's */
  a->holding = true;
  a->in_doc = false;
  if (a->spilling) { /* (the document before was large: back to the usual settings) */
    sqlite3_exec(a->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
    if (a->batch) set_spill(a, a->spill_kib);
    a->spilling = false;
  }
  a->nrows = a->npool = a->nhv = 0;
  a->doc_paras = a->doc_known = 0;
  a->digest_acc = 0;
  a->title_article = 0;
  free(a->cur_title);
  a->cur_title = NULL;
  a->cur_title_at = 0;
  free(a->doc_source);
  free(a->doc_record);
  a->doc_record = NULL;
  if (!(a->doc_source = strdup(info->source ? info->source : "-")) ||
      (info->record && !(a->doc_record = strdup(info->record)))) {
    snprintf(a->err, sizeof a->err, "archive: %s", qg_strerror(QG_ERR_NOMEM));
    return 1;
  }
  time_t now = time(NULL);
  struct tm tm;
  strftime(a->doc_added, sizeof a->doc_added, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
  if (a->date_opt) snprintf(a->doc_date, sizeof a->doc_date, "%s", a->date_opt);
  else {
    struct stat stt;
    time_t t = info->source && stat(info->source, &stt) == 0 ? stt.st_mtime : now;
    strftime(a->doc_date, sizeof a->doc_date, "%Y-%m-%d", localtime_r(&t, &tm));
  }
  return 0;
}

/* Stores one block of the document (its transaction open): not again when its text is
 * archived (by another document, or earlier in this one). */
static int write_row(qg_archive *a, const ar_row *r) {
  bool row;
  sqlite3_stmt *st = a->st[Q_HAS];
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, (sqlite3_int64)r->exact);
  if (step_row(a, st, &row)) return 1;
  sqlite3_reset(st);
  if (row) {
    a->counts.paragraphs_known++;
    a->doc_known++;
    return 0;
  }
  const uint32_t *h = a->hv + r->h;
  unsigned char blob[4 * QG_ND_K];
  blob_from_u32(h, r->n, blob);
  st = a->st[Q_INS_PARA];
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, a->doc_id);
  sqlite3_bind_int64(st, 2, r->line);
  sqlite3_bind_text(st, 3, qg_kind_name(r->kind), -1, SQLITE_STATIC);
  if (r->title) sqlite3_bind_text(st, 4, a->pool + r->title - 1, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, 4);
  sqlite3_bind_text(st, 5, a->pool + r->text, (int)r->len, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 6, (sqlite3_int64)r->exact);
  sqlite3_bind_int64(st, 7, (sqlite3_int64)r->simhash);
  /* a block that is not a body paragraph or caption is kept for exact lookups only */
  sqlite3_bind_int64(st, 8, r->near ? r->chars : 0);
  sqlite3_bind_blob(st, 9, blob, (int)(4 * r->n), SQLITE_TRANSIENT);
  if (sqlite3_step(st) != SQLITE_DONE) {
    set_err(a, "archive");
    return 1;
  }
  sqlite3_int64 pid = sqlite3_last_insert_rowid(a->db);
  if (r->near && store_near(a, pid, h, r->n, h + r->n, r->nnum)) {
    set_err(a, "archive");
    return 1;
  }
  a->doc_paras++;
  a->counts.paragraphs_added++;
  return 0;
}

/* At most the postings of the rows held (store_near; fewer when some are archived already). */
static size_t held_posts(const qg_archive *a) {
  size_t n = 0, np = qg_fp_prefix_len(QG_AR_MIN_MILLI);
  for (size_t i = 0; i < a->nrows; i++)
    if (a->rows[i].near) n += a->rows[i].n < np ? a->rows[i].n : np;
  return n;
}

/* Writes the rows held (the document's transaction open) and lets them go. */
static int write_rows(qg_archive *a) {
  for (size_t i = 0; i < a->nrows; i++)
    if (write_row(a, &a->rows[i])) return 1;
  a->nrows = a->npool = a->nhv = 0;
  a->cur_title_at = 0; /* the title is in the pool no more */
  return 0;
}

/* Opens the document's transaction (waiting for another writer to end its own), stores the
 * document and the rows held so far. */
static int open_doc(qg_archive *a, size_t need) {
  if (tx_begin(a, need)) return 1;
  a->in_doc = true;
  sqlite3_stmt *st = a->st[Q_INS_DOC];
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, a->doc_source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, a->doc_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, a->doc_added, -1, SQLITE_TRANSIENT);
  if (a->doc_record) sqlite3_bind_text(st, 4, a->doc_record, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, 4);
  if (sqlite3_step(st) != SQLITE_DONE) {
    set_err(a, "archive");
    return 1;
  }
  a->doc_id = sqlite3_last_insert_rowid(a->db);
  return write_rows(a);
}

/* A document past the hold is written as it goes (open_doc, then each row as it comes). In batch
 * (records sharing transactions) the page cache spills late (qg_archive_batch; before session 32
 * not at all, so it kept every page the document wrote to its end: `archive add --jsonl` of one 10
 * MB record took 134 MiB, the same text as a file 53 MiB). For the rest of such a document the
 * cache spills as soon as it is full (the lock that takes is held to the document's end, as a
 * large document holds it anyway; set_spill takes effect inside the group's transaction, which
 * PRAGMA cache_spill = ON did not) and is 16 MiB, not SQLite's 2 MiB: each spill of a rollback
 * journal syncs, and the posting index dirties pages all over (10 MB in one document: 12.9 s with
 * 2 MiB, 9.0 s with 8, 5.7 s with 16, as fast as no spill); the hold's buffers, which held up to
 * 16 MiB of rows, are let go for it. A plain file's document (no batch) spilled before and takes
 * the larger cache too: 21 MB in one file 28.5 -> 22.9 s, 54 -> 56 MiB (review 29b). The next
 * document (add_begin) has the usual settings back. Since session 30 the postings are written
 * sorted (flush_posts), walking the index in its order, and 8 MiB are enough: 10 MB in one
 * document 2.9 s with 2 MiB, 2.9 s with 8, 3.0 s with 16, which took the peak to 62 MiB with the
 * postings held (4 MiB). */
#define QG_AR_BIG_CACHE_KIB 8192
static int open_big(qg_archive *a) {
  if (a->batch) set_spill(a, 0);
  a->spilling = true;
  if (open_doc(a, SIZE_MAX)) return 1;
  /* (the cache grows only now: while the held rows were written, the two together made the
   * peak, 67 MiB) */
  free(a->rows), free(a->pool), free(a->hv);
  a->rows = NULL, a->pool = NULL, a->hv = NULL;
  a->caprows = a->cappool = a->caphv = 0;
  char q[64];
  snprintf(q, sizeof q, "PRAGMA cache_size = -%d", QG_AR_BIG_CACHE_KIB);
  sqlite3_exec(a->db, q, NULL, NULL, NULL);
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
    a->cur_title_at = 0;
    a->title_article = qg_block_article(b);
  }
  /* in batch, the group of the documents before is committed once it is a second old while
   * this one is cleaned, not only when a document ends: a long document (a large file among
   * many sharing transactions) would hold the lock while it is cleaned */
  if (a->batch && a->group_open && !a->in_doc && group_old(a) && group_commit(a))
    return 1;
  if (qg_utf8_count(text, len) < QG_AR_MIN_CHARS) return 0;
  int frc = archive_fp(a, text, len);
  if (frc) {
    snprintf(a->err, sizeof a->err, "archive: %s", qg_strerror(frc));
    return 1;
  }
  const qg_fp *fp = &a->fp;
  a->digest_acc = XXH64(&fp->exact, sizeof fp->exact, a->digest_acc);
  bool titled = a->cur_title && a->title_article == qg_block_article(b);
  size_t tlen = titled && !a->cur_title_at ? strlen(a->cur_title) + 1 : 0;
  /* held: the text, the title the first time, the sketch and the numbers */
  if (!ROOM(a->rows, a->caprows, a->nrows, 1) || !ROOM(a->pool, a->cappool, a->npool, len + tlen) ||
      !ROOM(a->hv, a->caphv, a->nhv, fp->n + fp->nnum)) {
    snprintf(a->err, sizeof a->err, "archive: %s", qg_strerror(QG_ERR_NOMEM));
    return 1;
  }
  if (tlen) {
    memcpy(a->pool + a->npool, a->cur_title, tlen);
    a->cur_title_at = a->npool + 1;
    a->npool += tlen;
  }
  ar_row r = {.exact = fp->exact, .simhash = qg_fp_simhash(fp->h, fp->n), .text = a->npool,
              .len = len, .title = titled ? a->cur_title_at : 0, .h = a->nhv,
              .line = qg_block_line(b), .chars = fp->chars, .n = fp->n, .nnum = fp->nnum,
              .kind = kind,
              /* (by the kind every stage reads, as dedup's near_kind: a p set apart is near, a
               * subhead set apart, an editor's note's label or an attachment's line, is not) */
              .near = (b->kind == QG_KIND_P || b->kind == QG_KIND_CAPTION) &&
                      fp->chars >= QG_ND_MIN_CHARS};
  memcpy(a->pool + a->npool, text, len);
  a->npool += len;
  memcpy(a->hv + a->nhv, fp->h, fp->n * sizeof *fp->h);
  memcpy(a->hv + a->nhv + fp->n, fp->num, fp->nnum * sizeof *fp->num);
  a->nhv += fp->n + fp->nnum;
  a->rows[a->nrows++] = r;
  /* a document too large to hold is written as it goes, the archive locked meanwhile */
  if (a->in_doc) return write_rows(a);
  return held_bytes(a) > a->hold_max ? open_big(a) : 0;
}

/* A document that is not stored (failed, or the archive failed it) counts nothing: its
 * paragraphs are neither added nor already archived (probe 15 #4: "0 added (2994
 * paragraphs)" for a file rolled back). */
static void uncount(qg_archive *a) {
  a->counts.paragraphs_added -= a->doc_paras;
  a->counts.paragraphs_known -= a->doc_known;
  a->doc_paras = a->doc_known = 0;
}

static int add_end(void *ud, const qg_docinfo *info, int status) {
  (void)info;
  qg_archive *a = ud;
  if (!a->holding) return 0;
  a->holding = false;
  bool empty = !a->in_doc && a->nrows == 0;
  /* a failed document adds nothing; one with no block to archive (an empty file) needs no
   * transaction */
  int rc = status || empty ? 0 : !a->in_doc ? open_doc(a, held_posts(a)) : 0;
  if (status || empty || rc) {
    a->nrows = a->npool = a->nhv = 0;
    uncount(a);
    if (empty && !status) a->counts.documents_empty++;
    if (!a->in_doc) return rc;
    a->in_doc = false;
    return tx_rollback(a) || rc;
  }
  char digest[24];
  snprintf(digest, sizeof digest, "%016llx", (unsigned long long)a->digest_acc);
  sqlite3_stmt *st = a->st[Q_SAME_DOC];
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, digest, -1, SQLITE_TRANSIENT);
  bool row;
  if (step_row(a, st, &row)) {
    uncount(a);
    a->in_doc = false;
    tx_rollback(a);
    return 1;
  }
  sqlite3_reset(st);
  if (row || a->doc_paras == 0) {
    /* the same paragraphs are archived already, or there are none (only blocks archived
     * before): nothing is added; the summary tells the two apart from an empty file (probe
     * 10 F20: an empty file was "1 already archived") */
    a->counts.documents_known++;
    a->counts.paragraphs_added -= a->doc_paras;
    a->in_doc = false;
    return tx_rollback(a);
  }
  st = a->st[Q_SET_DOC];
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, digest, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 2, (sqlite3_int64)a->doc_paras);
  sqlite3_bind_int64(st, 3, a->doc_id);
  /* the document's postings held (hold_post) are written in its transaction, so that one that
   * fails fails the document, as when they were written with their paragraphs; in batch they
   * are held on, to the group's commit (group_flush) */
  if ((!a->batch && flush_posts(a)) || sqlite3_step(st) != SQLITE_DONE) {
    set_err(a, "archive");
    uncount(a);
    a->in_doc = false;
    tx_rollback(a);
    return 1;
  }
  a->in_doc = false;
  a->counts.documents_added++;
  if (tx_commit(a)) {
    if (!a->batch) { /* (in batch the counts are those from before the shared transaction) */
      a->counts.documents_added--;
      uncount(a);
      sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
    }
    return 1;
  }
  return 0;
}

const qg_handler *qg_archive_adder(qg_archive *a, const char *date) {
  if (!a->writable) return NULL;
  a->date_opt = date;
  /* tests: a document of more than this many bytes of rows is written as it goes */
  const char *hold = getenv("QINGGAO_TEST_ARCHIVE_HOLD");
  a->hold_max = hold && *hold ? (size_t)strtoull(hold, NULL, 10) : QG_AR_HOLD_BYTES;
  a->h = (qg_handler){.userdata = a, .begin_doc = add_begin, .block = add_block,
                      .end_doc = add_end};
  return &a->h;
}
