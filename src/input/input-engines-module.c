/* input-engines-module.c: the libpinyin and zinnia calls, in a module of
 * their own (input-engines.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the engines use them, and why (the privacy of what is typed among
 * it): input-pinyin-engine.c and input-handwriting-engine.c.
 */

#include "config.h"

#include <gmodule.h>
#include <stdbool.h> /* pinyin.h uses bool without including it */

#include <pinyin.h>
#include <zinnia.h>

#include "input-engines.h"

/* libpinyin's user folder: nothing can be written under it */
#define USER_DIR "/dev/null"

/* phrases before words before characters, then by how often they are used */
#define SORT_OPTION SORT_BY_PHRASE_LENGTH_AND_PINYIN_LENGTH_AND_FREQUENCY

/* full pinyin with incomplete syllables and the usual typing corrections
 * (gn/ng, iou/iu, v for ü …); no fuzzy sounds, which would push the phrase
 * a person spelled out of the first page */
#define OPTIONS                                                                                    \
  (PINYIN_INCOMPLETE | PINYIN_CORRECT_ALL | USE_DIVIDED_TABLE | USE_RESPLIT_TABLE | DYNAMIC_ADJUST)

struct _InputPinyinSession
{
  pinyin_context_t *context;
  pinyin_instance_t *instance;
};

static void
session_close (InputPinyinSession *session)
{
  g_clear_pointer (&session->instance, pinyin_free_instance);
  g_clear_pointer (&session->context, pinyin_fini);
  g_free (session);
}

static InputPinyinSession *
session_open (const char *data_dir)
{
  InputPinyinSession *session = g_new0 (InputPinyinSession, 1);

  session->context = pinyin_init (data_dir, USER_DIR);
  if (session->context != NULL)
    {
      pinyin_set_options (session->context, OPTIONS);
      session->instance = pinyin_alloc_instance (session->context);
    }
  if (session->instance == NULL)
    {
      session_close (session);
      return NULL;
    }
  return session;
}

/* pinyin_mask_out() with an empty mask is libpinyin's own way to clear user
 * data: it reloads the system frequencies and empties the user bigrams */
static void
session_forget (InputPinyinSession *session)
{
  pinyin_reset (session->instance);
  pinyin_mask_out (session->context, 0, 0);
}

static void
session_reset (InputPinyinSession *session)
{
  pinyin_reset (session->instance);
}

static void
session_clear_choice (InputPinyinSession *session, size_t offset)
{
  pinyin_clear_constraint (session->instance, offset);
}

static size_t
session_parsed_length (InputPinyinSession *session)
{
  return pinyin_get_parsed_input_length (session->instance);
}

static void
session_list_candidates (InputPinyinSession *session,
                         const char *letters,
                         size_t offset,
                         GArray *candidates)
{
  guint n = 0;

  pinyin_parse_more_full_pinyins (session->instance, letters);
  pinyin_guess_sentence (session->instance);
  if (offset >= session_parsed_length (session) ||
      !pinyin_guess_candidates (session->instance, offset, SORT_OPTION))
    return;

  pinyin_get_n_candidate (session->instance, &n);
  for (guint i = 0; i < n; i++)
    {
      lookup_candidate_t *candidate = NULL;
      lookup_candidate_type_t type = NORMAL_CANDIDATE;

      if (!pinyin_get_candidate (session->instance, i, &candidate) ||
          !pinyin_get_candidate_type (session->instance, candidate, &type))
        continue;
      if (type == NBEST_MATCH_CANDIDATE && offset > 0)
        continue;
      g_array_append_val (candidates, i);
    }
}

static const char *
session_candidate_text (InputPinyinSession *session, guint index)
{
  lookup_candidate_t *candidate = NULL;
  const char *text = NULL;

  if (!pinyin_get_candidate (session->instance, index, &candidate) ||
      !pinyin_get_candidate_string (session->instance, candidate, &text))
    return NULL;
  return text;
}

static char *
session_choose (InputPinyinSession *session,
                guint index,
                size_t offset,
                size_t *next,
                gboolean *whole_phrase)
{
  lookup_candidate_t *candidate = NULL;
  lookup_candidate_type_t type = NORMAL_CANDIDATE;
  const char *text = NULL;
  g_autofree char *word = NULL;
  int cursor;

  if (!pinyin_get_candidate (session->instance, index, &candidate) ||
      !pinyin_get_candidate_type (session->instance, candidate, &type) ||
      !pinyin_get_candidate_string (session->instance, candidate, &text) || text == NULL)
    return NULL;
  word = g_strdup (text);

  if (type == NBEST_MATCH_CANDIDATE)
    {
      /* a guess for every letter parsed */
      pinyin_choose_candidate (session->instance, 0, candidate);
      *next = session_parsed_length (session);
      *whole_phrase = TRUE;
      return g_steal_pointer (&word);
    }
  cursor = pinyin_choose_candidate (session->instance, offset, candidate);
  if (cursor <= 0 || (size_t) cursor <= offset)
    return NULL;
  *next = (size_t) cursor;
  *whole_phrase = FALSE;
  return g_steal_pointer (&word);
}

static void
session_learn (InputPinyinSession *session)
{
  pinyin_guess_sentence (session->instance);
  pinyin_train (session->instance, 0);
}

struct _InputHandwritingModel
{
  zinnia_recognizer_t *recognizer;
};

static void
model_close (InputHandwritingModel *model)
{
  zinnia_recognizer_destroy (model->recognizer);
  g_free (model);
}

static InputHandwritingModel *
model_open (const char *path, char **problem)
{
  InputHandwritingModel *model = g_new0 (InputHandwritingModel, 1);

  model->recognizer = zinnia_recognizer_new ();
  if (!zinnia_recognizer_open (model->recognizer, path) ||
      zinnia_recognizer_size (model->recognizer) == 0)
    {
      *problem = g_strdup (zinnia_recognizer_strerror (model->recognizer));
      model_close (model);
      return NULL;
    }
  return model;
}

static GStrv
model_recognize (InputHandwritingModel *model,
                 guint side,
                 const InputHandwritingPoint *points,
                 guint n_points,
                 guint max_results)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  zinnia_character_t *character = zinnia_character_new ();
  zinnia_result_t *result;

  zinnia_character_set_width (character, side);
  zinnia_character_set_height (character, side);
  for (guint i = 0; i < n_points; i++)
    zinnia_character_add (character, points[i].stroke, points[i].x, points[i].y);
  result = zinnia_recognizer_classify (model->recognizer, character, max_results);
  zinnia_character_destroy (character);

  for (size_t i = 0; result != NULL && i < zinnia_result_size (result); i++)
    {
      const char *value = zinnia_result_value (result, i);

      if (value != NULL && g_utf8_validate (value, -1, NULL))
        g_strv_builder_add (builder, value);
    }
  g_clear_pointer (&result, zinnia_result_destroy);
  return g_strv_builder_end (builder);
}

G_MODULE_EXPORT const InputEnginesBackend INPUT_ENGINES_BACKEND = {
  .pinyin_open = session_open,
  .pinyin_close = session_close,
  .pinyin_forget = session_forget,
  .pinyin_reset = session_reset,
  .pinyin_clear_choice = session_clear_choice,
  .pinyin_list_candidates = session_list_candidates,
  .pinyin_parsed_length = session_parsed_length,
  .pinyin_candidate_text = session_candidate_text,
  .pinyin_choose = session_choose,
  .pinyin_learn = session_learn,
  .handwriting_open = model_open,
  .handwriting_close = model_close,
  .handwriting_recognize = model_recognize,
};
