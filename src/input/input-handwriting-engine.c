/* input-handwriting-engine.c: Chinese characters from handwriting, through zinnia
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * zinnia classifies the strokes of one character against an SVM model; the
 * Simplified Chinese model comes from tegaki-zinnia-simplified-chinese. The
 * model is memory-mapped on a worker thread; each recognition takes a few
 * milliseconds and runs on a worker thread too, one at a time (the
 * recogniser keeps an error string, so it is not shared between threads).
 * Nothing is learned from what a person writes. zinnia is called through
 * the engines' module (input-engines.h), which the first load opens on its
 * worker thread.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "input-engines.h"
#include "input-handwriting-engine.h"

struct _InputHandwritingEngine
{
  GObject parent_instance;

  char *model_path;
  InputEngineState state;
  GError *error;
  GCancellable *cancellable;
  GPtrArray *waiting; /* GTask: load calls waiting for the load in flight */

  GMutex lock;                        /* guards model's use after it is set */
  const InputEnginesBackend *engines; /* once loaded */
  InputHandwritingModel *model;
};

G_DEFINE_FINAL_TYPE (InputHandwritingEngine, input_handwriting_engine, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MODEL_PATH,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *path = task_data;
  const InputEnginesBackend *engines;
  InputHandwritingModel *model;
  g_autofree char *problem = NULL;
  GError *error = NULL;

  engines = input_engines_backend_get (&error);
  if (engines == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_task_return_new_error (task, INPUT_ERROR, INPUT_ERROR_DATA_MISSING,
                               _ ("the handwriting model %s is missing"), path);
      return;
    }
  model = engines->handwriting_open (path, &problem);
  if (model == NULL)
    {
      g_task_return_new_error (task, INPUT_ERROR, INPUT_ERROR_DATA_INVALID,
                               _ ("the handwriting model %s cannot be read: %s"), path, problem);
      return;
    }
  g_task_return_pointer (task, model, (GDestroyNotify) engines->handwriting_close);
}

static void
set_state (InputHandwritingEngine *self, InputEngineState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
load_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  InputHandwritingEngine *self = INPUT_HANDWRITING_ENGINE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) waiting = NULL;
  InputHandwritingModel *model = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_error (&self->error);
  if (model != NULL)
    {
      g_mutex_lock (&self->lock);
      /* open already: the model came from it */
      self->engines = input_engines_backend_get (NULL);
      self->model = model;
      g_mutex_unlock (&self->lock);
      set_state (self, INPUT_ENGINE_STATE_READY);
    }
  else
    {
      g_warning ("handwriting input is not available: %s", error->message);
      self->error = g_steal_pointer (&error);
      set_state (self, INPUT_ENGINE_STATE_FAILED);
    }

  waiting = g_steal_pointer (&self->waiting);
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
input_handwriting_engine_dispose (GObject *object)
{
  InputHandwritingEngine *self = INPUT_HANDWRITING_ENGINE (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (input_handwriting_engine_parent_class)->dispose (object);
}

static void
input_handwriting_engine_finalize (GObject *object)
{
  InputHandwritingEngine *self = INPUT_HANDWRITING_ENGINE (object);

  if (self->model != NULL)
    self->engines->handwriting_close (self->model);
  g_mutex_clear (&self->lock);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->waiting);
  g_clear_error (&self->error);
  g_free (self->model_path);

  G_OBJECT_CLASS (input_handwriting_engine_parent_class)->finalize (object);
}

static void
input_handwriting_engine_get_property (GObject *object,
                                       guint prop_id,
                                       GValue *value,
                                       GParamSpec *pspec)
{
  InputHandwritingEngine *self = INPUT_HANDWRITING_ENGINE (object);

  switch (prop_id)
    {
      case PROP_MODEL_PATH:
        g_value_set_string (value, self->model_path);
        break;
      case PROP_STATE:
        g_value_set_enum (value, self->state);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
input_handwriting_engine_set_property (GObject *object,
                                       guint prop_id,
                                       const GValue *value,
                                       GParamSpec *pspec)
{
  InputHandwritingEngine *self = INPUT_HANDWRITING_ENGINE (object);

  switch (prop_id)
    {
      case PROP_MODEL_PATH:
        self->model_path = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
input_handwriting_engine_class_init (InputHandwritingEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = input_handwriting_engine_dispose;
  object_class->finalize = input_handwriting_engine_finalize;
  object_class->get_property = input_handwriting_engine_get_property;
  object_class->set_property = input_handwriting_engine_set_property;

  properties[PROP_MODEL_PATH] =
      g_param_spec_string ("model-path", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
      g_param_spec_enum ("state", NULL, NULL, INPUT_TYPE_ENGINE_STATE, INPUT_ENGINE_STATE_UNLOADED,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
input_handwriting_engine_init (InputHandwritingEngine *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * input_handwriting_engine_new:
 * @model_path: a zinnia model file, e.g. the Simplified Chinese one
 *
 * The engine loads nothing until input_handwriting_engine_load_async().
 */
InputHandwritingEngine *
input_handwriting_engine_new (const char *model_path)
{
  g_return_val_if_fail (model_path != NULL, NULL);

  return g_object_new (INPUT_TYPE_HANDWRITING_ENGINE, "model-path", model_path, NULL);
}

const char *
input_handwriting_engine_get_model_path (InputHandwritingEngine *self)
{
  g_return_val_if_fail (INPUT_IS_HANDWRITING_ENGINE (self), NULL);
  return self->model_path;
}

InputEngineState
input_handwriting_engine_get_state (InputHandwritingEngine *self)
{
  g_return_val_if_fail (INPUT_IS_HANDWRITING_ENGINE (self), INPUT_ENGINE_STATE_UNLOADED);
  return self->state;
}

/**
 * input_handwriting_engine_get_error:
 *
 * Returns: (nullable): why loading failed, in the %INPUT_ENGINE_STATE_FAILED state
 */
const GError *
input_handwriting_engine_get_error (InputHandwritingEngine *self)
{
  g_return_val_if_fail (INPUT_IS_HANDWRITING_ENGINE (self), NULL);
  return self->error;
}

/**
 * input_handwriting_engine_load_async:
 *
 * Opens the model on a worker thread, unless it is open or opening already.
 * After a failure it tries again.
 */
void
input_handwriting_engine_load_async (InputHandwritingEngine *self,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) load = NULL;

  g_return_if_fail (INPUT_IS_HANDWRITING_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, input_handwriting_engine_load_async);
  if (self->state == INPUT_ENGINE_STATE_READY)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  if (self->state == INPUT_ENGINE_STATE_LOADING)
    return;

  load = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (load, load_done_cb);
  g_task_set_check_cancellable (load, FALSE);
  g_task_set_task_data (load, g_strdup (self->model_path), g_free);
  set_state (self, INPUT_ENGINE_STATE_LOADING);
  g_task_run_in_thread (load, load_thread);
}

gboolean
input_handwriting_engine_load_finish (InputHandwritingEngine *self,
                                      GAsyncResult *result,
                                      GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * input_handwriting_engine_unload:
 *
 * Closes the model, if it is open, and gives its memory back (some 25 MiB,
 * all of it the model's pages); input_handwriting_engine_load_async() opens
 * it again, in a few milliseconds. A recognition on its way meanwhile
 * answers %INPUT_ERROR_NOT_READY. Opening and closing the model leaks
 * nothing in zinnia, however often. The module stays open.
 */
void
input_handwriting_engine_unload (InputHandwritingEngine *self)
{
  InputHandwritingModel *model;

  g_return_if_fail (INPUT_IS_HANDWRITING_ENGINE (self));

  if (self->state != INPUT_ENGINE_STATE_READY)
    return;
  g_mutex_lock (&self->lock);
  model = g_steal_pointer (&self->model);
  g_mutex_unlock (&self->lock);
  self->engines->handwriting_close (model);
  set_state (self, INPUT_ENGINE_STATE_UNLOADED);
}

/* The model was trained on characters written to fill a square box: a pad
 * that is not square is read as the square around it, so strokes keep
 * their proportions. Returns: (element-type InputHandwritingPoint) the
 * points, on a square of side *side_out */
static GArray *
ink_to_points (InputInk *ink, guint *side_out)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (InputHandwritingPoint));
  double side = MAX (input_ink_get_width (ink), input_ink_get_height (ink));
  double dx = (side - input_ink_get_width (ink)) / 2;
  double dy = (side - input_ink_get_height (ink)) / 2;

  *side_out = (guint) ceil (side);
  for (guint s = 0; s < input_ink_get_n_strokes (ink); s++)
    for (guint i = 0; i < input_ink_get_n_points (ink, s); i++)
      {
        InputHandwritingPoint point = { .stroke = s };
        double x = 0, y = 0;

        input_ink_get_point (ink, s, i, &x, &y);
        point.x = (int) CLAMP (round (x + dx), 0, side);
        point.y = (int) CLAMP (round (y + dy), 0, side);
        g_array_append_val (points, point);
      }
  return points;
}

/**
 * input_handwriting_engine_recognize:
 * @ink: the strokes written so far
 * @max_results: how many candidates to return, at most
 *   %INPUT_HANDWRITING_MAX_RESULTS
 *
 * Blocks for a few milliseconds: call it from a worker thread, or use
 * input_handwriting_engine_recognize_async(). Safe from any thread.
 *
 * Returns: (transfer full): the likeliest characters first; none for no ink
 */
GStrv
input_handwriting_engine_recognize (InputHandwritingEngine *self,
                                    InputInk *ink,
                                    guint max_results,
                                    GError **error)
{
  g_autoptr (GArray) points = NULL;
  guint side = 0;
  GStrv results;

  g_return_val_if_fail (INPUT_IS_HANDWRITING_ENGINE (self), NULL);
  g_return_val_if_fail (ink != NULL, NULL);

  max_results = CLAMP (max_results, 1, INPUT_HANDWRITING_MAX_RESULTS);
  if (input_ink_get_n_strokes (ink) == 0)
    return g_new0 (char *, 1);

  points = ink_to_points (ink, &side);
  g_mutex_lock (&self->lock);
  if (self->model == NULL)
    {
      g_mutex_unlock (&self->lock);
      g_set_error_literal (error, INPUT_ERROR, INPUT_ERROR_NOT_READY,
                           _ ("the handwriting model is not loaded"));
      return NULL;
    }
  results = self->engines->handwriting_recognize (
      self->model, side, (const InputHandwritingPoint *) points->data, points->len, max_results);
  g_mutex_unlock (&self->lock);
  return results;
}

typedef struct
{
  InputInk *ink;
  guint max_results;
} RecognizeJob;

static void
recognize_job_free (RecognizeJob *job)
{
  input_ink_unref (job->ink);
  g_free (job);
}

static void
recognize_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RecognizeJob *job = task_data;
  GError *error = NULL;
  GStrv results;

  /* a newer stroke may already have made this one pointless */
  if (g_task_return_error_if_cancelled (task))
    return;
  results = input_handwriting_engine_recognize (INPUT_HANDWRITING_ENGINE (source), job->ink,
                                                job->max_results, &error);
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_strfreev);
}

/**
 * input_handwriting_engine_recognize_async:
 * @ink: the strokes written so far; a copy is recognised, so the pad may
 *   go on changing @ink
 *
 * Recognises @ink on a worker thread.
 */
void
input_handwriting_engine_recognize_async (InputHandwritingEngine *self,
                                          InputInk *ink,
                                          guint max_results,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  RecognizeJob *job;

  g_return_if_fail (INPUT_IS_HANDWRITING_ENGINE (self));
  g_return_if_fail (ink != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, input_handwriting_engine_recognize_async);
  job = g_new0 (RecognizeJob, 1);
  job->ink = input_ink_copy (ink);
  job->max_results = max_results;
  g_task_set_task_data (task, job, (GDestroyNotify) recognize_job_free);
  g_task_run_in_thread (task, recognize_thread);
}

/* Returns: (transfer full): as input_handwriting_engine_recognize() */
GStrv
input_handwriting_engine_recognize_finish (InputHandwritingEngine *self,
                                           GAsyncResult *result,
                                           GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
