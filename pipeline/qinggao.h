/* qinggao.h: the one public header of libqinggao (清稿, clean copy for Chinese print text).
 *
 * Use (docs/library.md): fill a qg_options with qg_options_init and change what you need,
 * give a qg_handler (callbacks that receive clean blocks, removed paragraphs and
 * diagnostics) or a writer's, then for each document call qg_pipeline_begin, feed its bytes in
 * chunks of any size with qg_pipeline_feed, and end it with qg_pipeline_finish (or
 * qg_pipeline_abort). Memory does not grow with the size of the input.
 *
 * Errors are negative qg_status codes; qg_strerror() names them, and qg_pipeline_errmsg says
 * what failed when the cause is not the input's bytes. Functions that return memory say who
 * owns it. All text is UTF-8. Positions are 1-based lines and columns counted in characters
 * of the original file, whatever its encoding. Numbers are written and read with a decimal
 * point whatever the caller's locale (LC_NUMERIC).
 *
 * Callbacks run inside qg_pipeline_begin, _feed and _finish. From a callback, a call of
 * qg_pipeline_begin, _feed, _finish or _abort on the same pipeline returns QG_ERR_USAGE and
 * does nothing, and qg_pipeline_free on it does nothing; the accessors (qg_block_*,
 * qg_pipeline_docinfo, qg_pipeline_errmsg) may be called. To stop a document, return
 * non-zero. Other pipelines and writers may be used from a callback.
 *
 * Threads: pipelines and writers share no mutable state (tables built once per process are
 * built under pthread_once), so each may run on its own thread; one pipeline or writer must
 * not be used by two threads at once.
 */
#ifndef QINGGAO_H
#define QINGGAO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "qg_version.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum qg_status {
  QG_OK = 0,
  QG_ERR_USAGE = -1,   /* bad option or argument, or a call out of order (begin while a
                        * document is open, feed with none open, any call from a callback) */
  QG_ERR_INPUT = -2,   /* the input is invalid (bad bytes for its encoding) */
  QG_ERR_NOMEM = -3,
  QG_ERR_IO = -4,      /* a read or write failed (a writer's output or temporary file, the
                        * archive): qg_pipeline_errmsg says which, with the system's reason */
  QG_ERR_ICU = -5,     /* ICU refused (unknown converter name, missing data) */
  QG_ERR_STOPPED = -6  /* a handler callback returned non-zero (other than QG_ERR_IO and
                        * QG_ERR_NOMEM, which are passed on as they are) */
} qg_status;

/* Static string naming a status code. */
const char *qg_strerror(int status);

typedef enum qg_severity { QG_SEV_INFO = 0, QG_SEV_WARNING = 1, QG_SEV_ERROR = 2 } qg_severity;
const char *qg_severity_name(qg_severity s);

typedef struct qg_pos {
  uint32_t line; /* 1-based */
  uint32_t col;  /* 1-based, in characters of the original file */
} qg_pos;

/* The kinds of block. QG_KIND_LINE exists only between the decoder and the paragraph stage.
 * The kinds after QG_KIND_AUTHOR were added in session 47 (appended, so the values before keep
 * their numbers): paragraphs of body text that a paper sets apart, an editor's note (编者按：…,
 * 编后：…), a line of an attachment list (附件：1．… and its items) and a line of a contact block
 * (联系人：… | 联系电话：… at an article's end); every stage reads them as QG_KIND_P
 * (docs/structure.md, "Session 47 (s47-notes)"; docs/library.md on the ABI). */
typedef enum qg_kind {
  QG_KIND_LINE = 0,
  QG_KIND_P,
  QG_KIND_SECTION,
  QG_KIND_KICKER,
  QG_KIND_TITLE,
  QG_KIND_SUBTITLE,
  QG_KIND_BYLINE,
  QG_KIND_SUBHEAD,
  QG_KIND_CAPTION,
  QG_KIND_CREDIT,
  QG_KIND_AUTHOR,
  QG_KIND_EDITOR_NOTE, /* editor-note (session 47) */
  QG_KIND_ATTACHMENT,  /* attachment */
  QG_KIND_CONTACT,     /* contact */
  QG_KIND_COUNT_
} qg_kind;
const char *qg_kind_name(qg_kind k);

/* The earlier paragraph a repeat duplicates (dedup stage; docs/dedup.md). Strings live as
 * long as the pipeline. */
typedef struct qg_dup_ref {
  const char *source;  /* document of the earlier paragraph (an archived one's source) */
  uint32_t line;       /* its first source line */
  bool near;           /* false: the same letters and digits (punctuation, spaces, width aside) */
  bool archived;       /* found in the archive (options.archive) */
  unsigned distance;   /* Hamming distance of the two 64-bit SimHash fingerprints (0-64) */
  double similarity;   /* resemblance of the two paragraphs' character bigrams, 0-1 (1: exact) */
  const char *title;   /* archived: title of its article, or NULL */
  const char *date;    /* archived: date it was archived under (YYYY-MM-DD), or NULL */
  const char *record;  /* the id of the record it is in (qg_pipeline_begin_record; archived:
                        * the id stored with it), or NULL */
  bool article;        /* the block repeats nothing: it went with its article (--dedup drop: a
                        * new byline over a pasted story), whose text repeats line; near,
                        * distance and similarity say nothing then (kind "article" in the
                        * records: docs/dedup.md, session 40) */
} qg_dup_ref;

/* A diagnostic: a typed event raised by a stage. Every change to the text is one, and so is
 * every finding that only reports. The strings are valid only during the callback. */
typedef struct qg_diag {
  const char *rule;        /* rule id, e.g. "char-invisible" (see qg_rules()) */
  qg_severity severity;
  const char *source;      /* the name given to qg_pipeline_begin as qg_display_name
                            * writes it (% and bytes that are not UTF-8 or are controls as
                            * %XX), not the caller's bytes */
  qg_pos start, end;       /* span in the original file; end is exclusive */
  const char *message;
  const char *original;    /* the text that was there (NULL when nothing was replaced) */
  const char *replacement; /* the text put in its place, or the suggested fix; NULL if none */
  bool fixed;              /* true when the pipeline changed the text */
  const qg_dup_ref *dup;   /* dup-paragraph, dup-near, dup-archive: what is repeated; else NULL */
  /* Non-zero: the fixes of this document that carry the same link stand or fall together
   * (the two marks of a quotation or bracket pair changed in one run: applying one without
   * the other would leave “…" in the file). 0: the fix stands alone. */
  uint32_t link;
  /* The lengths in bytes of original and replacement (0 when NULL): original may hold a
   * U+0000 (char-invisible removing a NUL of the input: original "\0", length 1), which a
   * reader of it as a C string would take for "" (audit 24 F18). */
  size_t original_len, replacement_len;
} qg_diag;

/* Whether d counts as a change of the text in the figures (stats, summaries, --jsonl's
 * "changes"): fixed, and no removal of a repeated paragraph (those are counted as removed). */
bool qg_diag_is_change(const qg_diag *d);

/* A rule of the table printed by `qinggao rules`. */
typedef struct qg_rule {
  const char *id;
  const char *stage;       /* the stage that owns it */
  qg_severity severity;    /* default severity */
  bool fixes;              /* clean / --fix changes the text (otherwise report only) */
  const char *summary;     /* one line */
} qg_rule;
/* The rule table, terminated by an entry whose id is NULL. Static storage. */
const qg_rule *qg_rules(void);
/* The rule of that id, or NULL (for a NULL id too). */
const qg_rule *qg_rule_find(const char *id);

/* A block: one paragraph-level unit of clean text. Opaque; read it with the accessors. */
typedef struct qg_block qg_block;
qg_kind qg_block_kind(const qg_block *b);
/* The block's UTF-8 text, NUL-terminated, owned by the block. *len receives its length. */
const char *qg_block_text(const qg_block *b, size_t *len);
/* First and last source line of the block. */
uint32_t qg_block_line(const qg_block *b);
uint32_t qg_block_end_line(const qg_block *b);
/* With --dedup=mark: first line of the earlier paragraph this one repeats, else 0. */
uint32_t qg_block_duplicate_of(const qg_block *b);
/* With --dedup=mark: the paragraph this one repeats, or NULL. */
const qg_dup_ref *qg_block_duplicate_ref(const qg_block *b);
/* Article the block belongs to, numbered from 1 in the document by the structure stage;
 * 0 when structure recovery is off (the document is then one article). */
uint32_t qg_block_article(const qg_block *b);
/* Length in bytes of the dateline at the start of the text (本报讯（记者 …）), 0 if none. */
size_t qg_block_dateline(const qg_block *b);
/* Source position of the character at byte offset off of the block's text
 * (off == length gives the position just after the last character). */
qg_pos qg_block_pos(const qg_block *b, size_t off);

/* Segmentation (docs/segment.md). A token is a slice [start, end) of the block's text, in
 * bytes; status is ICU's word status (its rule status class) or, for a term of the user
 * dictionary or a protected span kept whole, the status ICU would give it. */
typedef enum qg_word_status {
  QG_WORD_NONE = 0, /* punctuation, symbols */
  QG_WORD_NUMBER,
  QG_WORD_LETTER,
  QG_WORD_KANA,
  QG_WORD_IDEO      /* ideographic (Han) */
} qg_word_status;
const char *qg_word_status_name(qg_word_status s); /* "none", "number", … */
typedef struct qg_token {
  uint32_t start, end;
  qg_word_status status;
} qg_token;
/* The words (white space is not a word) or sentences of b, when the pipeline segments
 * (options.segment); NULL with *n = 0 otherwise. Owned by the block. */
const qg_token *qg_block_words(const qg_block *b, size_t *n);
const qg_token *qg_block_sentences(const qg_block *b, size_t *n);

/* What the pipeline knows of a document. Strings are static or owned by the pipeline ("" before
 * the first document). */
typedef struct qg_docinfo {
  const char *source;      /* name given to qg_pipeline_begin, as qg_display_name writes it */
  const char *encoding;    /* "UTF-8", "UTF-16LE", "GB18030", "Big5", … */
  bool encoding_detected;  /* false when named with options.encoding */
  bool encoding_weak;      /* detected from too little text to be sure: a legacy encoding
                            * (GB18030, Big5…) or UTF-16 without a byte order mark decided on
                            * a sample of under 40 bytes of it (a line of Big5 is valid
                            * GB18030 too); lint --fix does not write into such a file */
  bool bom;                /* the input began with a byte order mark */
  const char *line_ends;   /* "LF", "CRLF", "CR", "mixed" or "none" */
  const char *paragraphs;  /* how paragraphs were recognised: "blank", "line", "wrapped" */
  uint64_t bytes;          /* input bytes read */
  uint64_t lines;          /* source lines */
  uint64_t blocks;         /* blocks passed to the handler */
  uint64_t removed;        /* blocks removed */
  uint64_t changes;        /* diagnostics that changed text */
  uint64_t warnings, errors;
  const char *record;      /* the record id given to qg_pipeline_begin_record, or NULL */
} qg_docinfo;

/* Why a block was removed: a reason and, for a repeat, where the kept copy is. */
typedef struct qg_removal {
  const char *why;         /* the rule id: "dup-paragraph", "para-empty" */
  const char *message;     /* human sentence */
  uint32_t duplicate_of_line; /* 0 when not a duplicate */
  const qg_dup_ref *dup;      /* the paragraph it repeats, NULL when not a duplicate */
} qg_removal;

/* What a handler reads of the diagnostics of one rule at one severity: the answer of
 * qg_handler.diag_wants (session 51), bits. Without QG_WANTS_CALL the diagnostic is only counted
 * (qg_docinfo's changes, warnings and errors), and diag is not called for it; with it and
 * without QG_WANTS_MESSAGE its message is ""; without QG_WANTS_TEXTS its original and
 * replacement are NULL (lengths 0). Rule, severity, source, span, fixed, dup and link are
 * always set. */
enum {
  QG_WANTS_NOTHING = 0,
  QG_WANTS_CALL = 1,
  QG_WANTS_MESSAGE = 2,
  QG_WANTS_TEXTS = 4,
  QG_WANTS_ALL = 7
};

/* Callbacks. Any of them may be NULL. A non-zero return stops the document: the pipeline
 * returns QG_ERR_STOPPED from the call that was running, or the return itself when it is
 * QG_ERR_IO or QG_ERR_NOMEM (say, a write that failed). What a callback may call: see the top
 * of this file. The blocks of a document that fails later (bad bytes at its end) have already
 * been given to block: only writers hold a document back until it ends well. */
typedef struct qg_handler {
  void *userdata;
  /* Called once per document, before its first block and before its end_doc: when the
   * encoding is known. A document that fails before its first block (an abort, bad bytes or a
   * cut character before the encoding is decided, options the pipeline cannot use) begins at
   * its end, just before end_doc, with encoding "" when it was not known; what begin_doc
   * returns then does not change the error. So begin_doc and end_doc always come in pairs. */
  int (*begin_doc)(void *userdata, const qg_docinfo *info);
  int (*block)(void *userdata, const qg_block *b);
  int (*removed)(void *userdata, const qg_block *b, const qg_removal *why);
  int (*diag)(void *userdata, const qg_diag *d);
  /* Called once per document at its end (after its begin_doc), status QG_OK or the error
   * that ended it. */
  int (*end_doc)(void *userdata, const qg_docinfo *info, int status);
  /* Optional. When set and it returns false for a diagnostic (asked just before diag is
   * called), diag reads no text of it: the pipeline skips formatting the message, which is
   * then "", and copying the original and replacement of an edit, which are then NULL. Rule,
   * severity, source, span, fixed and dup are always set. (diag_wants below, when set, is
   * asked instead.) */
  bool (*diag_wants_text)(void *userdata, const char *rule, qg_severity severity);
  /* Optional. Asked when a callback returned non-zero: what went wrong ("SOURCE: what:
   * strerror"), which becomes qg_pipeline_errmsg; NULL or "" if nothing to add. */
  const char *(*error)(void *userdata);
  /* Optional (session 51; a handler made with = {0} or designated initializers has it NULL
   * and behaves as before). What diag reads of the diagnostics of rule at severity: QG_WANTS_*
   * bits. When set, diag_wants_text is not asked. Asked before the first such diagnostic of a
   * document, and its answer kept for the rest of the document (it may be asked again, say
   * after a document's hundredth rule: the answer must depend only on rule, severity and what
   * does not change during a document). A handler that only counts returns QG_WANTS_NOTHING
   * for the rules it does not read and takes the counts from the qg_docinfo of end_doc: the
   * pipeline then builds no qg_diag for them (docs/library.md, "Callbacks"). */
  unsigned (*diag_wants)(void *userdata, const char *rule, qg_severity severity);
} qg_handler;

typedef enum qg_invalid_mode { QG_INVALID_ERROR = 0, QG_INVALID_REPLACE = 1 } qg_invalid_mode;
typedef enum qg_para_mode {
  QG_PARA_AUTO = 0,  /* decide from the first lines of each document */
  QG_PARA_BLANK,     /* blank lines separate paragraphs; other line breaks are wrapping */
  QG_PARA_LINE,      /* every line is a paragraph */
  QG_PARA_WRAPPED    /* hard-wrapped: full-width lines continue, indent starts a paragraph */
} qg_para_mode;
typedef enum qg_dedup_mode { QG_DEDUP_OFF = 0, QG_DEDUP_DROP, QG_DEDUP_MARK } qg_dedup_mode;
typedef enum qg_dedup_scope {
  QG_SCOPE_DOC = 0, /* repeats within each document */
  QG_SCOPE_RUN      /* repeats across every document of the pipeline's life */
} qg_dedup_scope;

/* What near-duplicate sketches are made of (options.near_features, docs/dedup.md). */
typedef enum qg_features {
  QG_FEATURES_CHARS = 0, /* character bigrams of the normalized text (default) */
  QG_FEATURES_WORDS      /* word bigrams of the segmentation (ICU and the built-in dictionary) */
} qg_features;

typedef struct qg_options {
  const char *encoding;       /* NULL: detect; else an ICU converter name */
  qg_invalid_mode invalid;
  qg_para_mode paragraphs;
  qg_dedup_mode dedup;        /* what to do with repeated paragraphs (default drop) */
  qg_dedup_scope dedup_scope; /* where to look for the earlier copy (default doc) */
  double near_threshold;      /* near-duplicates: similarity from which a paragraph repeats
                               * another, 0 to 1 (default 0.65); 0: exact repeats only */
  size_t dedup_memory;        /* bytes the repeat index may hold (0: 32 MiB); when full, it
                               * keeps the latest paragraphs (the oldest half dropped each time
                               * it fills up), and dedup-limit says so once per index */
  const char *archive;        /* SQLite archive of published text (qg_archive_*) to check
                               * every paragraph against (dup-archive, report only), or NULL */
  size_t max_block_bytes;     /* a longer paragraph is split (and reported); 0: default */
  bool repair;                /* join paragraphs cut at column ends (default true) */
  bool structure;             /* recover kinds and articles (default true) */
  /* ("default": what qg_options_init sets. A qg_options set to {0} has repair, structure and
   * dedup off: start from qg_options_init.) */
  const char *cues_file;      /* extra structure cues (docs/structure.md), NULL: built-in only */
  unsigned segment;           /* QG_SEGMENT_WORDS | QG_SEGMENT_SENTENCES: blocks carry tokens */
  bool light;                 /* only decode, paragraphs and character cleanup (segment) */
  const char *const *dicts;   /* user dictionaries (NULL-terminated), docs/segment.md */
  qg_features near_features;  /* what near-repeat sketches are made of (default: characters);
                               * an archive made with other features is refused */
  unsigned batch;             /* blocks each stage takes before the next stage sees them; 0 or
                               * 1 (default): one at a time. N > 1 (at most QG_BATCH_MAX): up to
                               * N blocks, and at most 256 KiB of their text, pass each stage
                               * together, which keeps a stage's code in the processor's caches
                               * (docs/library.md, "Batches"). The output, the blocks' order and
                               * each stage's diagnostics' order are the same; only diagnostics
                               * of different stages interleave otherwise (a batch's blocks'
                               * from one stage, then the next stage's). Use it when that order
                               * is not read: counts, or a reader that sorts them, as lint does. */
  unsigned threads;           /* 0 or 1 (default): the stages run on the caller's thread. 2 (with
                               * batch > 1 and dedup on): the repeat check and what follows it
                               * (the word-repeat rule, the handler) run on a second thread of
                               * the pipeline's own while the caller's thread runs the stages
                               * before it, once a document passes its first batch (docs/library.md,
                               * "Two threads"). The output, the blocks, every diagnostic and its
                               * order are those of one thread; the callbacks then run on that
                               * thread, one at a time, in order, and may call no function of the
                               * pipeline. Not with qg_pipeline_time_stages. */
} qg_options;
enum { QG_BATCH_MAX = 1024 };
enum { QG_SEGMENT_WORDS = 1, QG_SEGMENT_SENTENCES = 2 };

/* Checks a user dictionary file (docs/segment.md): 0 when it loads, else QG_ERR_USAGE with
 * "file:line:col: what is wrong" (or "file: cannot open …") in err. */
int qg_dict_check(const char *path, char *err, size_t errlen);

/* Checks a cue file (docs/structure.md): 0 when it loads, else QG_ERR_USAGE with
 * "file:line:col: what is wrong" in err. */
int qg_cues_check(const char *path, char *err, size_t errlen);

/* Fills o with the defaults: detect encoding, invalid input is an error, automatic
 * paragraphs, repair and structure on, repeats within each document dropped (exact ones and
 * near ones from similarity 0.65), no segmentation. */
void qg_options_init(qg_options *o);

/* Checks o as qg_pipeline_new would use it: enums in range, near_threshold from 0 to 1 (not
 * NaN), a known encoding name, the cue file and dictionaries load, the archive (when dedup is
 * on) opens and holds sketches of near_features. 0, else the status qg_pipeline_new's
 * pipeline would fail its documents with (QG_ERR_USAGE; QG_ERR_ICU for an unknown encoding;
 * QG_ERR_IO for an archive that does not open) and "what: why" in err. */
int qg_options_check(const qg_options *o, char *err, size_t errlen);

typedef struct qg_pipeline qg_pipeline;

/* Returns a new pipeline (free with qg_pipeline_free), or NULL when out of memory or when ICU
 * cannot give what the options need. opts (NULL: the defaults) and h (NULL: no callbacks)
 * are copied; the strings they point to must outlive the pipeline. Options it cannot use
 * (see qg_options_check) still give a pipeline: every document then fails at
 * qg_pipeline_begin with the status qg_options_check gives, and qg_pipeline_errmsg says why
 * from the start. */
qg_pipeline *qg_pipeline_new(const qg_options *opts, const qg_handler *h);
void qg_pipeline_free(qg_pipeline *p);

/* Starts a document. source names it in diagnostics (copied as qg_display_name writes it;
 * NULL: "-"). QG_ERR_USAGE while a document is open (finish or abort it first; the open one
 * is left as it is). When it fails otherwise (options the pipeline cannot use, a stage that
 * cannot start), the document is open nonetheless, failed: end it with qg_pipeline_finish,
 * which calls end_doc with the status. */
int qg_pipeline_begin(qg_pipeline *p, const char *source);
/* The longest record id qg_pipeline_begin_record takes, in bytes. */
#define QG_RECORD_MAX 1024
/* As qg_pipeline_begin, for a document that is a record of a collection with an id of its own
 * (a JSON Lines record's id field): record (copied; NULL: none, as qg_pipeline_begin) is in
 * qg_docinfo.record, the dedup stage names it in what repeats this document's paragraphs
 * (qg_dup_ref.record, and ` (id "…")` in the messages), and the archive's adder stores it
 * (document.record_id). It must be UTF-8 text of 1 to QG_RECORD_MAX bytes without control
 * characters: else QG_ERR_USAGE, and no document begins. */
int qg_pipeline_begin_record(qg_pipeline *p, const char *source, const char *record);
/* Feeds the next bytes of the document; chunks may be of any size and split anywhere (the
 * result does not depend on them: a detected encoding is decided on exactly the first 64 KiB,
 * since session 19; before, on every chunk fed until they reached 64 KiB). After
 * an error, further feeds return the same error without doing anything. QG_ERR_USAGE when no
 * document is open (nothing changes), or data is NULL with len > 0: that fails the document,
 * whose bytes are missing (further feeds and finish return QG_ERR_USAGE, end_doc gets it,
 * writers drop the document). */
int qg_pipeline_feed(qg_pipeline *p, const void *data, size_t len);
/* Ends the document: flushes every stage, calls end_doc, returns QG_OK or the error (the
 * document's, else end_doc's). QG_ERR_USAGE when no document is open. */
int qg_pipeline_finish(qg_pipeline *p);
/* Ends the document as failed with status, a negative qg_status (a read error of the
 * caller's, say; 0, a positive value or a negative one that is no qg_status is taken as
 * QG_ERR_IO): the handler's end_doc gets it, and writers drop the document's output. Returns
 * the status the document ended with: status, or the document's own error when it had already
 * failed. QG_ERR_USAGE when no document is open. */
int qg_pipeline_abort(qg_pipeline *p, int status);
/* Information on the current or last document (valid until the next begin); NULL for a NULL
 * pipeline. */
const qg_docinfo *qg_pipeline_docinfo(const qg_pipeline *p);
/* What failed the current document when the cause is not the input itself: "FILE: what"
 * (an option the pipeline cannot use, an archive that does not open or a lookup that
 * failed, a writer's "SOURCE: temporary file in DIR: No space left on device", "SOURCE:
 * qg_pipeline_feed: data is NULL, len 5: the document fails"). Never NULL; "" when nothing
 * said more than the status. Valid until the next qg_pipeline_begin. After a call refused
 * with QG_ERR_USAGE (out of order, from a callback, a bad record id), what was wrong with
 * that call ("qg_pipeline_feed: no document is open (qg_pipeline_begin first)",
 * "qg_pipeline_begin_record: record id: holds a control character (U+000A at byte 2)"),
 * until the next call that is taken. */
const char *qg_pipeline_errmsg(const qg_pipeline *p);

/* Writers: handlers that render a document. A writer holds each document's output back
 * (memory, then a temporary file in $TMPDIR, else /tmp) and writes it to out only when the
 * document ended without error. out must stay open while the writer lives. A write that
 * fails (the output, the temporary file) fails the document with QG_ERR_IO and
 * qg_pipeline_errmsg says which and why. The writer's callbacks run under the C locale, its
 * forwards (below) under the caller's. qg_writer_new returns NULL for an unknown format, a
 * NULL out, when out of memory or when ICU cannot give a break iterator; free with
 * qg_writer_free. */
typedef enum qg_format {
  QG_FORMAT_TEXT = 0,  /* clean paragraphs, a blank line between, and between documents */
  QG_FORMAT_JSON,      /* one JSON object per document (JSON Lines) */
  QG_FORMAT_WORDS,     /* segment: words of a paragraph separated by spaces, one per line */
  QG_FORMAT_SENTENCES, /* segment: one sentence per line */
  QG_FORMAT_DUPS_JSON, /* dedup: one JSON object per repeated paragraph */
  QG_FORMAT_DUPS_TEXT, /* dedup: one line per repeated paragraph */
  QG_FORMAT_XML,       /* layout-ready XML (schema/qinggao.rng, docs/xml.md) */
  QG_FORMAT_NITF,      /* NITF 3.6-shaped XML, one <nitf> per article */
  QG_FORMAT_WORDS_JSON,     /* segment: one JSON object per input line, its tokens */
  QG_FORMAT_SENTENCES_JSON  /* segment: one JSON object per sentence */
} qg_format;
typedef struct qg_writer qg_writer;
qg_writer *qg_writer_new(qg_format fmt, FILE *out);
/* The handler that feeds the writer; pass it to qg_pipeline_new. NULL for a NULL writer. */
const qg_handler *qg_writer_handler(qg_writer *w);
/* Diagnostics the writer received are also forwarded to this handler (may be NULL). */
void qg_writer_set_diag_forward(qg_writer *w, int (*diag)(void *, const qg_diag *), void *ud);
/* Optional, with a forward: the forward reads the text of a diagnostic (message, original,
 * replacement) only when wants(ud of the forward, rule, severity) is true. Writers that do not
 * write diagnostics themselves (text, XML, NITF) pass it on as their handler's
 * diag_wants_text, so the pipeline formats only what is read; without a forward they read no
 * text at all. Call it before qg_pipeline_new, which copies the handler. */
void qg_writer_set_diag_wants_text(qg_writer *w,
                                   bool (*wants)(void *ud, const char *rule, qg_severity s));
/* Removed paragraphs the writer received are also forwarded here (may be NULL). */
void qg_writer_set_removed_forward(qg_writer *w,
                                   int (*removed)(void *, const qg_block *, const qg_removal *),
                                   void *ud);
/* Ends the output: XML and NITF close their root element (written once around all
 * documents, with the first document that ended well; when none did, nothing at all is
 * written). Call once, after the last document: it ends the writer's output, and a
 * document after it is refused (the pipeline returns QG_ERR_STOPPED, qg_pipeline_errmsg says
 * the writer was closed). Returns 0, the first write error the writer met in any document
 * (QG_ERR_IO, QG_ERR_NOMEM), QG_ERR_IO when the end cannot be written, or QG_ERR_USAGE when
 * called again. */
int qg_writer_close(qg_writer *w);
void qg_writer_free(qg_writer *w);
/* For callers that render documents apart and join them (one writer per thread, outputs
 * concatenated in input order): a bare text writer leaves out the blank line between two
 * documents (the caller writes it), a bare XML or NITF writer leaves out the root element, and
 * qg_writer_root gives its start (end false) and end for the caller to write as a single
 * writer does: the start just before the first document that ended well, the end after the
 * last, nothing when no document ended well. "" for other formats. Set before the first
 * document. Writers are independent: each may be used from its own thread. */
void qg_writer_set_bare(qg_writer *w, bool bare);
const char *qg_writer_root(const qg_writer *w, bool end);

/* XML and NITF options. */
typedef struct qg_xml_options {
  bool source_lines;       /* line / end-line attributes (default true) */
  bool indesign;           /* aid:pstyle / aid:cstyle attributes (XML only) */
  const char *styles_file; /* style names: lines "kind = Style Name" (docs/xml.md); NULL: defaults */
} qg_xml_options;
/* Sets the options of an XML or NITF writer. 0 with "" in err, or QG_ERR_USAGE with
 * "file:line:col: what" in err when the style file is wrong, or with a message when the
 * writer is of another format. */
int qg_writer_set_xml(qg_writer *w, const qg_xml_options *o, char *err, size_t errlen);

/* The archive of published text: an SQLite file (schema: docs/dedup.md) of paragraph
 * fingerprints with source, line, article title and date. */
typedef struct qg_archive qg_archive;
/* Opens the archive at path; with create, creates it when missing and opens it for adding.
 * NULL on failure, with "path: what is wrong" in err. */
qg_archive *qg_archive_open(const char *path, bool create, char *err, size_t errlen);
void qg_archive_close(qg_archive *a);
/* A handler that adds the paragraphs of every document run through a pipeline to a (opened
 * with create): a document is added in one transaction when it ends well, its rows held in
 * memory until then (up to 16 MiB; a larger document is written as it comes, in the same
 * transaction), so that other processes adding to the archive wait only while a document is
 * written (up to 60 s, as every statement on the archive does); a document whose
 * paragraphs are already archived adds nothing, and a paragraph whose text is already
 * archived is not added again. date (YYYY-MM-DD) is stored with each document; NULL: the
 * modification date of the file named by the document's source, else today. */
const qg_handler *qg_archive_adder(qg_archive *a, const char *date);
/* Many small documents (the records of a JSON Lines file, many files): with on, the documents
 * added from now on share a transaction, committed once it has been open for a second, and by
 * qg_archive_batch(a, false) or qg_archive_close; each is in a savepoint of its own, so one
 * that fails or is archived already is rolled back alone. (A transaction per document, a sync
 * to disk per commit, took 58 s for 2,000 records.) Their postings are held to the commit (or
 * until the room for them is full) and written there, sorted: one refused then fails the whole
 * group, as a failing commit does. Other processes adding wait for it about a second longer at
 * most. 0, or 1 when a commit failed: qg_archive_error says why, and the documents since the
 * last commit are neither stored nor counted. Not while a document is open (does nothing). */
int qg_archive_batch(qg_archive *a, bool on);
typedef struct qg_archive_counts {
  uint64_t documents_added, documents_known, paragraphs_added, paragraphs_known;
  uint64_t paragraphs_upgraded; /* sketches made again by qg_archive_use_features */
  uint64_t documents_empty;     /* documents with no paragraph to archive (empty, or only
                                 * lines under 10 characters): neither added nor known */
} qg_archive_counts;
const qg_archive_counts *qg_archive_get_counts(const qg_archive *a);
/* Makes the archive's sketches of features f, for adding and lookups. An archive holds one
 * kind: an empty one takes f; one that holds paragraphs made with other features is refused
 * (QG_ERR_USAGE, err says which it holds). Archives made before there was a choice hold
 * character features. */
int qg_archive_use_features(qg_archive *a, qg_features f, char *err, size_t errlen);
/* The last error of the archive (an SQLite message), or "". */
const char *qg_archive_error(const qg_archive *a);
/* In batch: the documents added to the shared transaction and not yet committed (0 when none is
 * open), and how many shared transactions were lost (each with the documents it held: a failed
 * commit, or a posting refused when the group's were written), so that a caller can say which
 * inputs were not stored; and how many were committed (one committed while an input was read
 * stored the inputs before it). */
uint64_t qg_archive_uncommitted(const qg_archive *a);
uint64_t qg_archive_groups_lost(const qg_archive *a);
uint64_t qg_archive_groups_committed(const qg_archive *a);

/* A file name as the outputs write it (XML, NITF, JSON, reports, the archive): valid UTF-8
 * without control characters. Bytes that are not UTF-8 (a GBK name from a zip made on
 * Windows), the bytes of C0 and C1 controls, DEL, U+2028 and U+2029, and % itself are written
 * %XX (uppercase hex), so two names never look alike; everything else is kept.
 * malloc'd; NULL when out of memory. */
char *qg_display_name(const char *path);
/* "UTF-16LE" or "UTF-16BE" when the decoder's detection would read s[0..n), which has no byte
 * order mark, as UTF-16 (NUL high bytes, 95% of the units plausible in Chinese copy), else
 * NULL. (A file of such bytes is text, though it holds NUL bytes.) */
const char *qg_sniff_utf16(const void *s, size_t n);

/* Writes s[0..len) as a JSON string literal (quoted; controls, " and \\ escaped, and U+2028,
 * U+2029 as \u2028, \u2029) to dst, which has room for 6 * len + 18 bytes (the SSE2 path
 * stores 16 bytes at a time); returns the bytes written (no NUL). */
size_t qg_json_escape(char *dst, const char *s, size_t len);
/* When s[0..n) opens with U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR (E2 80 A8,
 * E2 80 A9), its escape, "\\u2028" or "\\u2029" (six bytes, for three of s); else NULL. Every
 * JSON writer of qinggao escapes them: JSON allows them raw, but a reader of JSON Lines that
 * splits lines by Unicode's rules (Python's str.splitlines, JavaScript before ES2019) cuts an
 * object in two there (session 24, audit F22). */
const char *qg_json_line_sep(const char *s, size_t n);

/* Writes s as a JSON string literal (quoted, escaped) to f. Returns 0 or QG_ERR_IO
 * (QG_ERR_USAGE for a NULL f or s). */
int qg_fputs_json(FILE *f, const char *s);
/* True when ICU has a converter of that name (false for NULL or ""). */
bool qg_encoding_known(const char *name);

/* Versions of the libraries in use, for --version. Static strings. */
const char *qg_icu_version(void);
const char *qg_libxml2_version(void);

#ifdef __cplusplus
}
#endif
#endif
