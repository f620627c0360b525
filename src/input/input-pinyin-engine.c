/* input-pinyin-engine.c: Chinese from full pinyin, through libpinyin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One composition at a time, the way an input method works: letters go into
 * a buffer ("qinghuadaxue"), libpinyin offers candidates for the part not yet
 * chosen — whole-phrase guesses first, then words and characters — and
 * choosing one either completes the phrase (the text to type comes back) or
 * moves on to the rest ("清华" chosen, candidates for "daxue" next).
 * Incomplete syllables ("bj" → 北京) are on.
 *
 * libpinyin is called through the engines' module (input-engines.h), which
 * the first load opens on its worker thread.
 *
 * Privacy: libpinyin learns from every completed phrase (user bigrams and
 * unigram frequencies) in memory and would write it to its user folder only
 * in pinyin_save(), which is never called. As that folder it gets
 * /dev/null, under which no file can exist, so not even a stray save or
 * libpinyin's clean-up of stale user files can touch a disk. Forgetting
 * masks every learned token out of the context (pinyin_mask_out() with an
 * empty mask, libpinyin's own way to clear user data), which reloads the
 * system frequencies and empties the user bigrams; building a fresh context
 * instead would leak some 20 KB in libpinyin at every visit.
 *
 * Loading (and forgetting) runs on a worker thread; everything else is for
 * the main thread and takes a few milliseconds (tests/bench/keyboard).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "input-engines.h"
#include "input-pinyin-engine.h"

#define DEFAULT_PAGE_SIZE 5
#define MAX_PAGE_SIZE 20

/* the files pinyin_init() cannot do without (table.conf names the rest) */
static const char *const required_files[] = {
  "table.conf", "pinyin_index.bin", "phrase_index.bin", "bigram.db", "gb_char.bin",
};

typedef struct
{
  size_t offset;    /* where the choice started */
  gsize chosen_len; /* bytes of chosen text before it */
} Choice;

struct _InputPinyinEngine
{
  GObject parent_instance;

  char *data_dir;
  InputEngineState state;
  GError *error;
  GCancellable *cancellable;
  GPtrArray *waiting; /* GTask: load and forget calls waiting for the load in flight */

  const InputEnginesBackend *engines; /* once loaded */
  InputPinyinSession *session;

  GString *letters;   /* what was typed, a-z and ' */
  size_t offset;      /* letters before it are chosen */
  GString *chosen;    /* the text chosen for letters[0, offset) */
  GArray *choices;    /* Choice, to undo them one by one */
  GArray *candidates; /* guint: the session's candidates, in the order offered */
  guint page_size;
  guint page;
};

G_DEFINE_FINAL_TYPE (InputPinyinEngine, input_pinyin_engine, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DATA_DIR,
  PROP_STATE,
  PROP_PAGE_SIZE,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char *data_dir;
  const InputEnginesBackend *engines; /* set with the session */
  InputPinyinSession *session;        /* to forget with, or the one loaded */
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  if (job->session != NULL)
    job->engines->pinyin_close (job->session);
  g_free (job->data_dir);
  g_free (job);
}

static gboolean
check_data (const char *data_dir, GError **error)
{
  if (!g_file_test (data_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, INPUT_ERROR, INPUT_ERROR_DATA_MISSING,
                   _ ("the pinyin data folder %s does not exist"), data_dir);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (required_files); i++)
    {
      g_autofree char *path = g_build_filename (data_dir, required_files[i], NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, INPUT_ERROR, INPUT_ERROR_DATA_MISSING,
                       _ ("the pinyin data file %s is missing"), path);
          return FALSE;
        }
    }
  return TRUE;
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;

  if (job->session != NULL)
    {
      /* what the last person's input taught it goes; the data stays */
      job->engines->pinyin_forget (job->session);
      g_task_return_boolean (task, TRUE);
      return;
    }
  job->engines = input_engines_backend_get (&error);
  if (job->engines == NULL || !check_data (job->data_dir, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->session = job->engines->pinyin_open (job->data_dir);
  if (job->session == NULL)
    {
      g_task_return_new_error (task, INPUT_ERROR, INPUT_ERROR_DATA_INVALID,
                               _ ("the pinyin data in %s cannot be read"), job->data_dir);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_state (InputPinyinEngine *self, InputEngineState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
clear_composition (InputPinyinEngine *self)
{
  g_string_truncate (self->letters, 0);
  g_string_truncate (self->chosen, 0);
  g_array_set_size (self->choices, 0);
  g_array_set_size (self->candidates, 0);
  self->offset = 0;
  self->page = 0;
  if (self->session != NULL)
    self->engines->pinyin_reset (self->session);
}

static void
finish_waiting (InputPinyinEngine *self)
{
  g_autoptr (GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (self->state == INPUT_ENGINE_STATE_READY)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_error_copy (self->error));
    }
}

static void
load_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  InputPinyinEngine *self = INPUT_PINYIN_ENGINE (source);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  g_clear_error (&self->error);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->engines = job->engines;
      self->session = g_steal_pointer (&job->session);
      set_state (self, INPUT_ENGINE_STATE_READY);
    }
  else
    {
      g_warning ("pinyin input is not available: %s", error->message);
      self->error = g_steal_pointer (&error);
      set_state (self, INPUT_ENGINE_STATE_FAILED);
    }
  finish_waiting (self);
}

/* Loads the data on a worker thread or, with a session loaded, hands it
 * there to forget what it learned. */
static void
start_loading (InputPinyinEngine *self)
{
  g_autoptr (GTask) task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  LoadJob *job = g_new0 (LoadJob, 1);

  clear_composition (self);
  job->data_dir = g_strdup (self->data_dir);
  job->engines = self->engines;
  job->session = g_steal_pointer (&self->session);
  g_task_set_source_tag (task, start_loading);
  /* the session must always come back, even to an engine going away */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  set_state (self, INPUT_ENGINE_STATE_LOADING);
  g_signal_emit (self, signals[CHANGED], 0);
  g_task_run_in_thread (task, load_thread);
}

static void
input_pinyin_engine_dispose (GObject *object)
{
  InputPinyinEngine *self = INPUT_PINYIN_ENGINE (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (input_pinyin_engine_parent_class)->dispose (object);
}

static void
input_pinyin_engine_finalize (GObject *object)
{
  InputPinyinEngine *self = INPUT_PINYIN_ENGINE (object);

  if (self->session != NULL)
    self->engines->pinyin_close (self->session);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->waiting);
  g_clear_error (&self->error);
  g_free (self->data_dir);
  g_string_free (self->letters, TRUE);
  g_string_free (self->chosen, TRUE);
  g_array_unref (self->choices);
  g_array_unref (self->candidates);

  G_OBJECT_CLASS (input_pinyin_engine_parent_class)->finalize (object);
}

static void
input_pinyin_engine_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  InputPinyinEngine *self = INPUT_PINYIN_ENGINE (object);

  switch (prop_id)
    {
      case PROP_DATA_DIR:
        g_value_set_string (value, self->data_dir);
        break;
      case PROP_STATE:
        g_value_set_enum (value, self->state);
        break;
      case PROP_PAGE_SIZE:
        g_value_set_uint (value, self->page_size);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
input_pinyin_engine_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  InputPinyinEngine *self = INPUT_PINYIN_ENGINE (object);

  switch (prop_id)
    {
      case PROP_DATA_DIR:
        self->data_dir = g_value_dup_string (value);
        break;
      case PROP_PAGE_SIZE:
        input_pinyin_engine_set_page_size (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
input_pinyin_engine_class_init (InputPinyinEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = input_pinyin_engine_dispose;
  object_class->finalize = input_pinyin_engine_finalize;
  object_class->get_property = input_pinyin_engine_get_property;
  object_class->set_property = input_pinyin_engine_set_property;

  properties[PROP_DATA_DIR] =
      g_param_spec_string ("data-dir", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
      g_param_spec_enum ("state", NULL, NULL, INPUT_TYPE_ENGINE_STATE, INPUT_ENGINE_STATE_UNLOADED,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAGE_SIZE] =
      g_param_spec_uint ("page-size", NULL, NULL, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * InputPinyinEngine::changed:
   *
   * The letters, the chosen text, the candidates or the page changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
input_pinyin_engine_init (InputPinyinEngine *self)
{
  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->letters = g_string_new (NULL);
  self->chosen = g_string_new (NULL);
  self->choices = g_array_new (FALSE, FALSE, sizeof (Choice));
  self->candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  self->page_size = DEFAULT_PAGE_SIZE;
}

/**
 * input_pinyin_engine_new:
 * @data_dir: libpinyin's system data folder (the libpinyin-data package's)
 *
 * The engine loads nothing until input_pinyin_engine_load_async().
 */
InputPinyinEngine *
input_pinyin_engine_new (const char *data_dir)
{
  g_return_val_if_fail (data_dir != NULL, NULL);

  return g_object_new (INPUT_TYPE_PINYIN_ENGINE, "data-dir", data_dir, NULL);
}

const char *
input_pinyin_engine_get_data_dir (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), NULL);
  return self->data_dir;
}

InputEngineState
input_pinyin_engine_get_state (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), INPUT_ENGINE_STATE_UNLOADED);
  return self->state;
}

/**
 * input_pinyin_engine_get_error:
 *
 * Returns: (nullable): why loading failed, in the %INPUT_ENGINE_STATE_FAILED state
 */
const GError *
input_pinyin_engine_get_error (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), NULL);
  return self->error;
}

/**
 * input_pinyin_engine_load_async:
 *
 * Loads the pinyin data on a worker thread, unless it is loaded or loading
 * already. After a failure it tries again.
 */
void
input_pinyin_engine_load_async (InputPinyinEngine *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (INPUT_IS_PINYIN_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, input_pinyin_engine_load_async);
  if (self->state == INPUT_ENGINE_STATE_READY)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  if (self->state != INPUT_ENGINE_STATE_LOADING)
    start_loading (self);
}

gboolean
input_pinyin_engine_load_finish (InputPinyinEngine *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * input_pinyin_engine_forget_async:
 *
 * Forgets everything the engine learned from what was typed since it was
 * loaded, and any composition, on a worker thread. Meanwhile the engine is
 * %INPUT_ENGINE_STATE_LOADING.
 */
void
input_pinyin_engine_forget_async (InputPinyinEngine *self,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (INPUT_IS_PINYIN_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, input_pinyin_engine_forget_async);
  switch (self->state)
    {
      case INPUT_ENGINE_STATE_UNLOADED:
      case INPUT_ENGINE_STATE_FAILED:
        /* nothing was loaded, so nothing was learned */
        g_task_return_boolean (task, TRUE);
        break;
      case INPUT_ENGINE_STATE_LOADING:
        /* a context still loading has not seen a key */
        g_ptr_array_add (self->waiting, g_steal_pointer (&task));
        break;
      case INPUT_ENGINE_STATE_READY:
      default:
        g_ptr_array_add (self->waiting, g_steal_pointer (&task));
        start_loading (self);
        break;
    }
}

gboolean
input_pinyin_engine_forget_finish (InputPinyinEngine *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static size_t
parsed_length (InputPinyinEngine *self)
{
  return self->engines->pinyin_parsed_length (self->session);
}

/* Parses the letters again and asks for the candidates of the part not yet
 * chosen. Whole-phrase guesses make sense only before anything is chosen. */
static void
update_candidates (InputPinyinEngine *self)
{
  g_array_set_size (self->candidates, 0);
  self->page = 0;
  self->engines->pinyin_list_candidates (self->session, self->letters->str, self->offset,
                                         self->candidates);
}

static void
changed (InputPinyinEngine *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * input_pinyin_engine_append:
 * @letter: a to z, or ' between syllables ("xi'an")
 *
 * Returns: %FALSE when @letter was not taken: not a pinyin letter, the
 *   buffer is full, or the engine is not ready
 */
gboolean
input_pinyin_engine_append (InputPinyinEngine *self, char letter)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), FALSE);

  if (self->state != INPUT_ENGINE_STATE_READY)
    return FALSE;
  if (!(letter >= 'a' && letter <= 'z') && !(letter == '\'' && self->letters->len > 0))
    return FALSE;
  if (self->letters->len >= INPUT_PINYIN_MAX_LETTERS)
    return FALSE;

  g_string_append_c (self->letters, letter);
  update_candidates (self);
  changed (self);
  return TRUE;
}

/**
 * input_pinyin_engine_backspace:
 *
 * Takes back the last letter typed or, when every letter left is chosen,
 * the last choice.
 *
 * Returns: %FALSE when nothing was being composed
 */
gboolean
input_pinyin_engine_backspace (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), FALSE);

  if (self->state != INPUT_ENGINE_STATE_READY || self->letters->len == 0)
    return FALSE;

  if (self->letters->len > self->offset)
    {
      g_string_truncate (self->letters, self->letters->len - 1);
      if (self->letters->len == 0)
        {
          clear_composition (self);
          changed (self);
          return TRUE;
        }
    }
  else if (self->choices->len > 0)
    {
      Choice last = g_array_index (self->choices, Choice, self->choices->len - 1);

      g_array_set_size (self->choices, self->choices->len - 1);
      g_string_truncate (self->chosen, last.chosen_len);
      self->offset = last.offset;
      /* a whole-phrase guess constrains every syllable: start afresh */
      if (self->choices->len == 0)
        self->engines->pinyin_reset (self->session);
      else
        self->engines->pinyin_clear_choice (self->session, last.offset);
    }
  update_candidates (self);
  changed (self);
  return TRUE;
}

/* Drops the composition: nothing is typed. */
void
input_pinyin_engine_cancel (InputPinyinEngine *self)
{
  g_return_if_fail (INPUT_IS_PINYIN_ENGINE (self));

  if (self->letters->len == 0)
    return;
  clear_composition (self);
  changed (self);
}

/**
 * input_pinyin_engine_choose:
 * @index: a candidate, counted from the first of all pages
 *
 * Chooses a candidate. When it completes the letters, the composition ends,
 * libpinyin learns the phrase (in memory, see the top of this file) and its
 * text is returned to be typed; otherwise the candidates for the rest follow.
 *
 * Returns: (transfer full) (nullable): the text to type, or %NULL
 */
char *
input_pinyin_engine_choose (InputPinyinEngine *self, guint index)
{
  g_autofree char *word = NULL;
  gboolean whole_phrase = FALSE;
  Choice choice;
  size_t next = 0;

  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), NULL);

  if (self->state != INPUT_ENGINE_STATE_READY || index >= self->candidates->len)
    return NULL;
  word =
      self->engines->pinyin_choose (self->session, g_array_index (self->candidates, guint, index),
                                    self->offset, &next, &whole_phrase);
  if (word == NULL)
    return NULL;

  choice.offset = self->offset;
  choice.chosen_len = self->chosen->len;
  /* a guess for every letter parsed, so the chosen text is all of it */
  if (whole_phrase)
    g_string_assign (self->chosen, word);
  else
    g_string_append (self->chosen, word);
  g_array_append_val (self->choices, choice);

  if (next >= parsed_length (self) && parsed_length (self) == self->letters->len)
    {
      char *typed = g_strdup (self->chosen->str);

      self->engines->pinyin_learn (self->session);
      clear_composition (self);
      changed (self);
      return typed;
    }

  self->offset = next;
  update_candidates (self);
  changed (self);
  return NULL;
}

/**
 * input_pinyin_engine_take_text:
 *
 * Ends the composition as it stands, as Enter or "done" does: the chosen
 * text followed by the letters not yet chosen, as they were typed.
 *
 * Returns: (transfer full) (nullable): the text to type; %NULL when nothing
 *   was being composed
 */
char *
input_pinyin_engine_take_text (InputPinyinEngine *self)
{
  char *text;

  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), NULL);

  if (self->letters->len == 0)
    return NULL;
  text = g_strconcat (self->chosen->str, self->letters->str + self->offset, NULL);
  clear_composition (self);
  changed (self);
  return text;
}

gboolean
input_pinyin_engine_get_composing (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), FALSE);
  return self->letters->len > 0;
}

/* Returns: every letter of the composition, chosen or not ("" when none) */
const char *
input_pinyin_engine_get_letters (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), NULL);
  return self->letters->str;
}

/**
 * input_pinyin_engine_dup_preedit:
 *
 * Returns: (transfer full) (nullable): what to show of the composition: the
 *   chosen text and the letters after it ("清华daxue"), or %NULL
 */
char *
input_pinyin_engine_dup_preedit (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), NULL);

  if (self->letters->len == 0)
    return NULL;
  return g_strconcat (self->chosen->str, self->letters->str + self->offset, NULL);
}

guint
input_pinyin_engine_get_n_candidates (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), 0);
  return self->candidates->len;
}

/**
 * input_pinyin_engine_get_candidate:
 * @index: counted from the first of all pages
 *
 * Returns: (nullable): the candidate's text, valid until the composition changes
 */
const char *
input_pinyin_engine_get_candidate (InputPinyinEngine *self, guint index)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), NULL);

  if (self->state != INPUT_ENGINE_STATE_READY || index >= self->candidates->len)
    return NULL;
  return self->engines->pinyin_candidate_text (self->session,
                                               g_array_index (self->candidates, guint, index));
}

guint
input_pinyin_engine_get_page_size (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), DEFAULT_PAGE_SIZE);
  return self->page_size;
}

/**
 * input_pinyin_engine_set_page_size:
 * @page_size: candidates per page, 1 to 20
 */
void
input_pinyin_engine_set_page_size (InputPinyinEngine *self, guint page_size)
{
  g_return_if_fail (INPUT_IS_PINYIN_ENGINE (self));
  g_return_if_fail (page_size >= 1 && page_size <= MAX_PAGE_SIZE);

  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  self->page = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
  changed (self);
}

guint
input_pinyin_engine_get_page (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), 0);
  return self->page;
}

guint
input_pinyin_engine_get_n_pages (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), 0);
  return (self->candidates->len + self->page_size - 1) / self->page_size;
}

/* Returns: %FALSE on the last page */
gboolean
input_pinyin_engine_page_down (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), FALSE);

  if (self->page + 1 >= input_pinyin_engine_get_n_pages (self))
    return FALSE;
  self->page++;
  changed (self);
  return TRUE;
}

/* Returns: %FALSE on the first page */
gboolean
input_pinyin_engine_page_up (InputPinyinEngine *self)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), FALSE);

  if (self->page == 0)
    return FALSE;
  self->page--;
  changed (self);
  return TRUE;
}

/**
 * input_pinyin_engine_dup_page:
 *
 * Returns: (transfer full): the candidates on the current page (none when
 *   nothing is being composed)
 */
GStrv
input_pinyin_engine_dup_page (InputPinyinEngine *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint first;

  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), NULL);

  first = self->page * self->page_size;
  for (guint i = first; i < first + self->page_size && i < self->candidates->len; i++)
    {
      const char *text = input_pinyin_engine_get_candidate (self, i);
      g_strv_builder_add (builder, text != NULL ? text : "");
    }
  return g_strv_builder_end (builder);
}

/**
 * input_pinyin_engine_choose_on_page:
 * @index: a candidate of the current page, from 0
 *
 * As input_pinyin_engine_choose().
 */
char *
input_pinyin_engine_choose_on_page (InputPinyinEngine *self, guint index)
{
  g_return_val_if_fail (INPUT_IS_PINYIN_ENGINE (self), NULL);

  if (index >= self->page_size)
    return NULL;
  return input_pinyin_engine_choose (self, self->page * self->page_size + index);
}
