/* cue_gen.c: the build's generator of cue_tables.h (stages/cues.c, "the built-in cues' analysis,
 * made at build time"): the analysis of the built-in cue patterns, made by this program from
 * stages/cues.c compiled with QG_CUES_GEN, written as C tables for the library.
 *   qg_cue_gen OUT   writes OUT (by a temporary file renamed over it)
 * Run by CMakeLists.txt; not installed. */
#include "internal.h"
#include "gen_write.h"

int main(int argc, char **argv) { return gen_write(argc, argv, "qg_cue_gen", qg_cues_gen_tables); }
