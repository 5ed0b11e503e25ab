/* dict_gen.c: the build's generator of dict_tables.h (stages/dict.c, "the built-in
 * dictionaries"): the tries of dicts/terms.txt and of dicts/reduplication.txt's sections, built
 * by this program from stages/dict.c compiled with QG_DICT_GEN, written as C tables for the
 * library.
 *   qg_dict_gen OUT   writes OUT (by a temporary file renamed over it)
 * Run by CMakeLists.txt; not installed. */
#include "internal.h"
#include "gen_write.h"

int main(int argc, char **argv) { return gen_write(argc, argv, "qg_dict_gen", qg_dict_gen_tables); }
