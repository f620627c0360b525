/* test-input-handwriting.c: the handwriting engine against the real model,
 * and the ink it reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "input-handwriting-engine.h"
#include "input-paths.h"

static gboolean
settled (InputHandwritingEngine *engine)
{
  InputEngineState state = input_handwriting_engine_get_state (engine);
  return state == INPUT_ENGINE_STATE_READY || state == INPUT_ENGINE_STATE_FAILED;
}

static InputHandwritingEngine *
engine_for (const char *model)
{
  InputHandwritingEngine *engine = input_handwriting_engine_new (model);

  input_handwriting_engine_load_async (engine, NULL, NULL, NULL);
  g_assert_cmpint (input_handwriting_engine_get_state (engine), ==, INPUT_ENGINE_STATE_LOADING);
  while (!settled (engine))
    g_main_context_iteration (NULL, TRUE);
  return engine;
}

static InputHandwritingEngine *
loaded_engine (void)
{
  InputHandwritingEngine *engine = engine_for (INPUT_HANDWRITING_MODEL);

  g_assert_no_error (input_handwriting_engine_get_error (engine));
  g_assert_cmpint (input_handwriting_engine_get_state (engine), ==, INPUT_ENGINE_STATE_READY);
  return engine;
}

static InputInk *
read_ink (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "handwriting", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  InputInk *ink;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  ink = input_ink_new_from_text (text, -1, &error);
  g_assert_no_error (error);
  return ink;
}

static int
rank (GStrv results, const char *character)
{
  for (guint i = 0; results[i] != NULL; i++)
    if (g_str_equal (results[i], character))
      return (int) i;
  return -1;
}

static const struct
{
  const char *file;
  const char *character;
  guint strokes;
} characters[] = {
  { "yi.ink", "一", 1 }, { "shi.ink", "十", 2 },   { "ren.ink", "人", 2 },
  { "da.ink", "大", 3 }, { "zhong.ink", "中", 4 },
};

static void
test_characters (void)
{
  g_autoptr (InputHandwritingEngine) engine = loaded_engine ();

  for (guint i = 0; i < G_N_ELEMENTS (characters); i++)
    {
      g_autoptr (InputInk) ink = read_ink (characters[i].file);
      g_autoptr (GError) error = NULL;
      g_auto (GStrv) results = NULL;
      int found;

      g_assert_cmpuint (input_ink_get_n_strokes (ink), ==, characters[i].strokes);
      results = input_handwriting_engine_recognize (engine, ink, 10, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (results), ==, 10);
      found = rank (results, characters[i].character);
      g_test_message ("%s: %s at %d", characters[i].file, characters[i].character, found);
      g_assert_cmpint (found, >=, 0);
      g_assert_cmpint (found, <, 3);
    }
}

static void
recognized_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GStrv *out = user_data;
  g_autoptr (GError) error = NULL;

  *out =
      input_handwriting_engine_recognize_finish (INPUT_HANDWRITING_ENGINE (source), result, &error);
  g_assert_no_error (error);
}

/* As the person writes: each stroke is recognised on a worker thread, and
 * the box of 中 reads as 口 before its last stroke. */
static void
test_as_you_write (void)
{
  g_autoptr (InputHandwritingEngine) engine = loaded_engine ();
  g_autoptr (InputInk) whole = read_ink ("zhong.ink");
  g_autoptr (InputInk) ink = input_ink_new (300, 300);

  for (guint s = 0; s < input_ink_get_n_strokes (whole); s++)
    {
      g_auto (GStrv) results = NULL;

      g_assert_true (input_ink_begin_stroke (ink));
      for (guint i = 0; i < input_ink_get_n_points (whole, s); i++)
        {
          double x, y;

          g_assert_true (input_ink_get_point (whole, s, i, &x, &y));
          g_assert_true (input_ink_add_point (ink, x, y));
        }
      input_handwriting_engine_recognize_async (engine, ink, 5, NULL, recognized_cb, &results);
      /* the engine reads a copy: the pad may go on */
      if (s == input_ink_get_n_strokes (whole) - 1)
        {
          g_assert_true (input_ink_begin_stroke (ink));
          g_assert_true (input_ink_add_point (ink, 1, 1));
        }
      while (results == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (g_strv_length (results), ==, 5);
      if (s == 2)
        g_assert_cmpint (rank (results, "口"), ==, 0);
      if (s == 3)
        g_assert_cmpint (rank (results, "中"), ==, 0);
    }
}

static void
test_empty_ink (void)
{
  g_autoptr (InputHandwritingEngine) engine = loaded_engine ();
  g_autoptr (InputInk) ink = input_ink_new (200, 120);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) none = input_handwriting_engine_recognize (engine, ink, 10, &error);
  g_auto (GStrv) dot = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  /* a stroke that is one point, on a pad that is not square */
  g_assert_true (input_ink_begin_stroke (ink));
  g_assert_true (input_ink_add_point (ink, 100, 60));
  dot = input_handwriting_engine_recognize (engine, ink, 100000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (dot), <=, INPUT_HANDWRITING_MAX_RESULTS);
}

static void
test_not_loaded (void)
{
  g_autoptr (InputHandwritingEngine) engine =
      input_handwriting_engine_new (INPUT_HANDWRITING_MODEL);
  g_autoptr (InputInk) ink = read_ink ("yi.ink");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) results = input_handwriting_engine_recognize (engine, ink, 5, &error);

  g_assert_null (results);
  g_assert_error (error, INPUT_ERROR, INPUT_ERROR_NOT_READY);
}

/* Closed at the end of a visit and opened again at the next: it answers
 * "not ready" while closed, and recognises as before once reopened. */
static void
test_unload_and_reload (void)
{
  g_autoptr (InputHandwritingEngine) engine = loaded_engine ();
  g_autoptr (InputInk) ink = read_ink ("ren.ink");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) results = NULL;

  input_handwriting_engine_unload (engine);
  g_assert_cmpint (input_handwriting_engine_get_state (engine), ==, INPUT_ENGINE_STATE_UNLOADED);
  g_assert_null (input_handwriting_engine_recognize (engine, ink, 5, &error));
  g_assert_error (error, INPUT_ERROR, INPUT_ERROR_NOT_READY);
  g_clear_error (&error);
  /* closing what is closed does nothing */
  input_handwriting_engine_unload (engine);

  input_handwriting_engine_load_async (engine, NULL, NULL, NULL);
  g_assert_cmpint (input_handwriting_engine_get_state (engine), ==, INPUT_ENGINE_STATE_LOADING);
  while (!settled (engine))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (input_handwriting_engine_get_state (engine), ==, INPUT_ENGINE_STATE_READY);
  results = input_handwriting_engine_recognize (engine, ink, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rank (results, "人"), >=, 0);
  g_assert_cmpint (rank (results, "人"), <, 3);
}

static void
test_bad_model (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("input-handwriting-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (folder, "missing.model", NULL);
  g_autofree char *garbage = g_build_filename (folder, "garbage.model", NULL);
  g_autofree char *empty = g_build_filename (folder, "empty.model", NULL);
  g_autoptr (InputHandwritingEngine) no_model = NULL;
  guint8 bytes[4096];

  g_assert_no_error (error);
  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_random_int ();
  g_file_set_contents (garbage, (const char *) bytes, sizeof bytes, &error);
  g_assert_no_error (error);
  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);

  /* the kiosk's log says why handwriting is off */
  g_test_expect_message ("KioskInput", G_LOG_LEVEL_WARNING,
                         "handwriting input is not available: the handwriting model * is missing");
  no_model = engine_for (missing);
  g_test_assert_expected_messages ();
  g_assert_cmpint (input_handwriting_engine_get_state (no_model), ==, INPUT_ENGINE_STATE_FAILED);
  g_assert_error (input_handwriting_engine_get_error (no_model), INPUT_ERROR,
                  INPUT_ERROR_DATA_MISSING);
  g_assert_nonnull (strstr (input_handwriting_engine_get_error (no_model)->message, missing));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (InputHandwritingEngine) engine = NULL;

      g_test_expect_message ("KioskInput", G_LOG_LEVEL_WARNING, "*cannot be read*");
      engine = engine_for (i == 0 ? garbage : empty);
      g_test_assert_expected_messages ();

      g_assert_cmpint (input_handwriting_engine_get_state (engine), ==, INPUT_ENGINE_STATE_FAILED);
      g_assert_error (input_handwriting_engine_get_error (engine), INPUT_ERROR,
                      INPUT_ERROR_DATA_INVALID);
    }
  g_unlink (garbage);
  g_unlink (empty);
  g_rmdir (folder);
}

static void
test_ink_text (void)
{
  static const char *const bad[] = {
    "",
    "# only a comment\n",
    "60,90 60,200\n",
    "size 300\n",
    "size 0 300\n",
    "size -3 300\n",
    "size 300 300 300\n",
    "size nan 300\n",
    "size 300 300\n60,90 60\n",
    "size 300 300\n60,90 60,200,1\n",
    "size 300 300\n60,90 x,200\n",
    "size 300 300\n60,90 1e300,200\n",
    "size 300 300\n60,90 \xff\xfe\n",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (InputInk) ink = NULL;
  g_autoptr (InputInk) copy = NULL;
  g_autoptr (GString) many = g_string_new ("size 10 10\n");
  double x, y;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (InputInk) none = input_ink_new_from_text (bad[i], -1, &error);

      g_assert_null (none);
      g_assert_error (error, INPUT_ERROR, INPUT_ERROR_INVALID_INK);
      g_clear_error (&error);
    }

  /* a NUL inside the text */
  g_assert_null (input_ink_new_from_text ("size 3 3\n1,1\0 2,2\n", 19, &error));
  g_assert_error (error, INPUT_ERROR, INPUT_ERROR_INVALID_INK);
  g_clear_error (&error);

  /* too many strokes, too many points */
  for (guint i = 0; i <= INPUT_INK_MAX_STROKES; i++)
    g_string_append (many, "1,1\n");
  g_assert_null (input_ink_new_from_text (many->str, (gssize) many->len, &error));
  g_assert_error (error, INPUT_ERROR, INPUT_ERROR_INVALID_INK);
  g_clear_error (&error);
  g_string_assign (many, "size 10 10\n");
  for (guint i = 0; i <= INPUT_INK_MAX_POINTS; i++)
    g_string_append (many, "1,1 ");
  g_assert_null (input_ink_new_from_text (many->str, -1, &error));
  g_assert_error (error, INPUT_ERROR, INPUT_ERROR_INVALID_INK);
  g_clear_error (&error);

  ink = input_ink_new_from_text ("# a comment\n\nsize 300 200\n  1,2 3.5,4\t5,6\n\n7,8\n", -1,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (input_ink_get_width (ink), ==, 300);
  g_assert_cmpfloat (input_ink_get_height (ink), ==, 200);
  g_assert_cmpuint (input_ink_get_n_strokes (ink), ==, 2);
  g_assert_cmpuint (input_ink_get_n_points (ink, 0), ==, 3);
  g_assert_true (input_ink_get_point (ink, 0, 1, &x, &y));
  g_assert_cmpfloat (x, ==, 3.5);
  g_assert_cmpfloat (y, ==, 4);
  g_assert_false (input_ink_get_point (ink, 0, 3, &x, &y));
  g_assert_false (input_ink_get_point (ink, 2, 0, &x, &y));
  g_assert_cmpuint (input_ink_get_n_points (ink, 9), ==, 0);

  /* a copy does not change with the ink */
  copy = input_ink_copy (ink);
  g_assert_true (input_ink_remove_last_stroke (ink));
  g_assert_cmpuint (input_ink_get_n_strokes (ink), ==, 1);
  g_assert_cmpuint (input_ink_get_n_strokes (copy), ==, 2);
  input_ink_clear (ink);
  g_assert_false (input_ink_remove_last_stroke (ink));
  g_assert_false (input_ink_add_point (ink, 1, 1)); /* no stroke begun */
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/input/handwriting/characters", test_characters);
  g_test_add_func ("/input/handwriting/as-you-write", test_as_you_write);
  g_test_add_func ("/input/handwriting/empty-ink", test_empty_ink);
  g_test_add_func ("/input/handwriting/not-loaded", test_not_loaded);
  g_test_add_func ("/input/handwriting/unload-and-reload", test_unload_and_reload);
  g_test_add_func ("/input/handwriting/bad-model", test_bad_model);
  g_test_add_func ("/input/ink/text", test_ink_text);
  return g_test_run ();
}
