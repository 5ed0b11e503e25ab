/* repeat_scan.h: the scan of the word-repeat rule for candidate repeats (segment.c), on its
 * own so that tests/unit/test_repeat.c can check it against the plain character-by-character
 * scan. */
#ifndef QG_REPEAT_SCAN_H
#define QG_REPEAT_SCAN_H

#include <stddef.h>

/* Called on each candidate [s, e), word [s, m) written twice: returns 1 when it reported it,
 * 0 when not, or an error (negative), which ends the scan. */
typedef int (*qg_repeat_check_fn)(void *arg, size_t s, size_t m, size_t e);
/* Scans the text t of n bytes (t[n] is a NUL) for runs of one to four Han characters written
 * twice in a row and calls check on each; returns 0 or check's error. */
int qg_repeat_scan(const char *t, size_t n, qg_repeat_check_fn check, void *arg);

#endif
