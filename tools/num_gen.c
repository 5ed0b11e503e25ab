/* num_gen.c: the build's generator of number_tables.h (stages/numbers.c, "set-phrase tables"):
 * the variants of dicts/numeral-phrases.txt's set phrases, made by this program from
 * stages/numbers.c compiled with QG_NUMBERS_GEN, written as C tables for the library.
 *   qg_num_gen OUT   writes OUT (by a temporary file renamed over it)
 * Run by CMakeLists.txt; not installed. */
#include "internal.h"
#include "gen_write.h"

int main(int argc, char **argv) { return gen_write(argc, argv, "qg_num_gen", qg_numbers_gen_tables); }
