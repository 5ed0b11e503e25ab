/* fuzz_pipeline.c: libFuzzer harness over the whole pipeline. The first byte chooses the
 * options (invalid mode, paragraph mode, dedup, a named encoding, the batch) and the chunk size; the rest
 * is the document, fed in chunks as a reader would. Built with clang -fsanitize=fuzzer by
 * tests/fuzz/run.sh; ctest replays tests/fuzz/corpus through the same entry point
 * (replay.c), so every corpus file stays a regression test. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "qinggao.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  static const char *const encodings[] = {NULL, NULL, NULL, NULL, "GB18030", "Big5", "UTF-16LE", "UTF-8"};
  uint8_t k = data[0];
  qg_options o;
  qg_options_init(&o);
  o.invalid = (k & 1) ? QG_INVALID_REPLACE : QG_INVALID_ERROR;
  o.paragraphs = (qg_para_mode)((k >> 1) & 3);
  o.dedup = (k & 8) ? QG_DEDUP_MARK : QG_DEDUP_DROP;
  o.encoding = encodings[(k >> 4) & 7];
  o.max_block_bytes = (k & 0x80) ? 64 : 0; /* small blocks exercise splitting */
  /* blocks one at a time, or in batches of 2 or 32 (options.batch, session 17) */
  o.batch = (k / 46) % 3 == 1 ? 2 : (k / 46) % 3 == 2 ? 32 : 0;
  size_t chunk = 1 + (k % 23);
  FILE *out = fopen("/dev/null", "w");
  /* the writers: text, JSON, and XML (the default output) and NITF, whose escaping the
   * review of session 9 found unexercised on odd text */
  static const qg_format formats[] = {QG_FORMAT_TEXT, QG_FORMAT_JSON, QG_FORMAT_XML,
                                      QG_FORMAT_NITF};
  qg_writer *w = qg_writer_new(formats[((k & 4) >> 2) | (((k / 23) & 1) << 1)], out);
  qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
  if (!w || !p) abort();
  int rc = qg_pipeline_begin(p, "fuzz");
  for (size_t off = 1; !rc && off < size; off += chunk)
    rc = qg_pipeline_feed(p, data + off, size - off < chunk ? size - off : chunk);
  int frc = qg_pipeline_finish(p);
  if (!rc) rc = frc; /* (a feed's error was overwritten by finish's) */
  if (rc != 0 && rc != QG_ERR_INPUT) abort(); /* only bad input may fail */
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(out);
  return 0;
}
