/* input-engines.h: what the pinyin and the handwriting engines ask of
 * libpinyin and zinnia, answered by a module loaded on first use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libpinyin (with the Berkeley DB it brings) and zinnia cost the kiosk some
 * 9,000 relocations at start and a longer symbol search for every library
 * opened after them, and only the keyboard's engines need them. Their calls
 * live in a small module (input-engines-module.c) that input-engines.c opens
 * the first time an engine loads, on the engine's worker thread; this header
 * is all the two share, plain data and opaque handles, nothing of either
 * library.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the module's file name, without the platform's suffix */
#define INPUT_ENGINES_MODULE "input-engines"
/* The one symbol it exports: a const InputEnginesBackend. Its name carries
 * the table's version, to be raised with any change to the table: a kiosk
 * left running across an upgrade then finds no table it knows in the new
 * module and says the engines are not installed, instead of calling the
 * wrong function. */
#define INPUT_ENGINES_BACKEND input_engines_backend_v1
#define INPUT_ENGINES_BACKEND_SYMBOL G_STRINGIFY (INPUT_ENGINES_BACKEND)

/* libpinyin's context and the one instance the engine composes in */
typedef struct _InputPinyinSession InputPinyinSession;
/* a zinnia recogniser with its model open */
typedef struct _InputHandwritingModel InputHandwritingModel;

/* one point of a stroke, on a square pad of the side given with it */
typedef struct
{
  guint stroke;
  int x;
  int y;
} InputHandwritingPoint;

/* Candidates are libpinyin's indices, valid until the session is reset or
 * given other letters. Loading, forgetting and recognising block (a worker
 * thread's work); the rest takes microseconds. */
typedef struct
{
  /* the data in @data_dir, checked already; %NULL when libpinyin cannot
   * read it */
  InputPinyinSession *(*pinyin_open) (const char *data_dir);
  void (*pinyin_close) (InputPinyinSession *session);
  /* drops what the session learned: the data stays */
  void (*pinyin_forget) (InputPinyinSession *session);
  /* drops the letters and every choice */
  void (*pinyin_reset) (InputPinyinSession *session);
  /* takes back the choice made at @offset */
  void (*pinyin_clear_choice) (InputPinyinSession *session, size_t offset);
  /* parses @letters and appends to @candidates (guint) those offered for
   * the letters from @offset on: whole-phrase guesses only at 0 */
  void (*pinyin_list_candidates) (InputPinyinSession *session,
                                  const char *letters,
                                  size_t offset,
                                  GArray *candidates);
  /* how many letters the last parse read */
  size_t (*pinyin_parsed_length) (InputPinyinSession *session);
  /* (nullable): valid while the candidate is */
  const char *(*pinyin_candidate_text) (InputPinyinSession *session, guint candidate);
  /* chooses @candidate for the letters from @offset on; returns its text
   * (transfer full) and where the letters not yet chosen start, and
   * whether it was a guess for all of them; %NULL when it cannot be chosen */
  char *(*pinyin_choose) (InputPinyinSession *session,
                          guint candidate,
                          size_t offset,
                          size_t *next,
                          gboolean *whole_phrase);
  /* learns the phrase just completed, in memory */
  void (*pinyin_learn) (InputPinyinSession *session);

  /* the model at @path, an existing file; %NULL with @problem set (zinnia's
   * words) when it cannot be read */
  InputHandwritingModel *(*handwriting_open) (const char *path, char **problem);
  void (*handwriting_close) (InputHandwritingModel *model);
  /* (transfer full): the likeliest characters first, valid UTF-8; one
   * thread at a time per model */
  GStrv (*handwriting_recognize) (InputHandwritingModel *model,
                                  guint side,
                                  const InputHandwritingPoint *points,
                                  guint n_points,
                                  guint max_results);
} InputEnginesBackend;

const InputEnginesBackend *input_engines_backend_get (GError **error);

G_END_DECLS
