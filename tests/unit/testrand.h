/* testrand.h: what the unit tests share: a seeded xorshift generator (each test file its own
 * seed, so each file's sequence stays what it was) and an ascending order of uint32_t. */
#ifndef QG_TESTRAND_H
#define QG_TESTRAND_H
#include <stdint.h>

#ifndef QG_TEST_SEED
#error "define QG_TEST_SEED before including testrand.h"
#endif
static uint64_t rng = QG_TEST_SEED;
static inline uint32_t next_rand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)rng;
}

static inline int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}
#endif
