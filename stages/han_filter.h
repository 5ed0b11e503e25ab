/* han_filter.h: han_name_filter, the characters stages/neardup.c's han_name_at looks at, as a
 * filter; included by neardup.c and by tools/fold_gen.c, which ORs it into QG_HAN_SLOW (the
 * characters fp_make's Han loop looks at twice: a name's or a fold's). */
#ifndef QG_HAN_FILTER_H
#define QG_HAN_FILTER_H
#include <stdint.h>

/* The characters han_name_at looks at (the numerals 零一二三四五六七八九两十百千万亿, 市 县 省 区 镇 村, 特;
 * since session 44 the last characters of name_key_at's honorifics, units and time words: 士 生 师 志
 * 傅 姨 爷 妈 姐 哥 叔 娘 奶 授 理 任 记 长, 川 江 河 湖 岛 路 街, 天 日 晨 夜 间; since session 45
 * institution_at's 馆 院 局 府 心 校; since session 46 道 州, quarter_key_at's 街道 and a city's; since
 * session 48 队 告 人, team_at's and party_at's; since session 49 失 盘 收, subject_at's), as a
 * filter of 4,096 bits by the low twelve bits of the code point (bit c & 63 of word (c >> 6) & 63):
 * one test a character in the sketch's loop; test_neardup's test_han_names checks each. */
static const uint64_t han_name_filter[64] = {
    [1] = 0x80000ull, [2] = 0x20ull, [5] = 0x280000000000ull, [8] = 0x80000000000000ull, [9] = 0x200000000000000ull,
    [12] = 0x400000000000000ull, [13] = 0xaull, [14] = 0x8000000000000100ull, [15] = 0x100000ull,
    [16] = 0x40ull, [17] = 0x400ull, [19] = 0x2000000000ull, [20] = 0x40000080000000ull, [21] = 0x8000000000000080ull,
    [23] = 0x10002000000000ull, [24] = 0x80000000ull, [25] = 0x4000010400000000ull, [27] = 0x40000009000000ull,
    [28] = 0x2ull, [29] = 0x20000ull, [32] = 0x200000000ull, [33] = 0x800000ull,
    [35] = 0x80000000000ull, [36] = 0x2020010000000ull, [37] = 0x40000000000000ull, [38] = 0x140ull,
    [39] = 0x10000010000ull, [40] = 0x1000000ull, [46] = 0x1000000000000ull, [49] = 0x80000001ull,
    [50] = 0x8000008000000ull, [55] = 0x800060000000ull, [56] = 0x100000038dull,
    [57] = 0x20400000ull, [58] = 0x8400000010101000ull, [59] = 0x800000000000000ull,
    [63] = 0x800008ull};
#endif
