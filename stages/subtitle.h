/* subtitle.h: the tests of a subtitle file's lines (SRT, WebVTT) that the paragraph stage and
 * the text writer share (cues.c). Declared here rather than in pipeline/internal.h, which is
 * the pipeline's (session 23: another helper's file then); they may move there. */
#ifndef QG_SUBTITLE_H
#define QG_SUBTITLE_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s[0..n) is a cue's time code (SRT 00:01:02,500 --> 00:01:05,200, WebVTT
 * 00:01.000 --> 00:04.000 and its settings after it). */
bool qg_text_timecode(const char *s, size_t n);
/* Whether s[0..n) is a WebVTT file's header line: WEBVTT alone, or followed by a space or a TAB
 * and any text (WEBVTT - 字幕), white space at the end aside. WEBVTT格式… is none. */
bool qg_text_vtt_header(const char *s, size_t n);
/* Whether s[0..n) opens a WebVTT block that is no cue: NOTE, STYLE or REGION alone or followed
 * by a space or a TAB (a comment, a style sheet, a region's settings). */
bool qg_text_vtt_block(const char *s, size_t n);
/* Whether s[0..n) is a row of a Markdown pipe table as written: it opens and ends with | (white
 * space at the ends aside) and holds two of them at least. */
bool qg_text_pipe_row(const char *s, size_t n);

#endif
