/* test-input-no-module.c: the keyboard's engines without their module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libpinyin and zinnia live in a module the engines open when they first
 * load (input-engines.h). A kiosk whose module is missing says pinyin and
 * handwriting input are not available, as when their data is missing, and
 * goes on: nothing crashes, every call answers. The module's folder is an
 * empty one here; the real data and model are there.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "input-handwriting-engine.h"
#include "input-paths.h"
#include "input-pinyin-engine.h"

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_pinyin (void)
{
  g_autoptr (InputPinyinEngine) engine = input_pinyin_engine_new (INPUT_PINYIN_DATA_DIR);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) forgotten = NULL;
  g_autoptr (GError) error = NULL;

  /* the first load says why, once, and the engine why it is off */
  g_test_expect_message ("KioskInput", G_LOG_LEVEL_WARNING,
                         "cannot load the input engines' module: *");
  g_test_expect_message ("KioskInput", G_LOG_LEVEL_WARNING, "pinyin input is not available: *");
  input_pinyin_engine_load_async (engine, NULL, store_result_cb, &result);
  g_assert_false (input_pinyin_engine_load_finish (engine, wait_for_result (&result), &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, INPUT_ERROR, INPUT_ERROR_NOT_INSTALLED);
  g_assert_cmpint (input_pinyin_engine_get_state (engine), ==, INPUT_ENGINE_STATE_FAILED);
  g_assert_error (input_pinyin_engine_get_error (engine), INPUT_ERROR, INPUT_ERROR_NOT_INSTALLED);

  /* nothing types, nothing is offered, and a visit's end still forgets */
  g_assert_false (input_pinyin_engine_append (engine, 'a'));
  g_assert_false (input_pinyin_engine_backspace (engine));
  g_assert_null (input_pinyin_engine_choose (engine, 0));
  g_assert_null (input_pinyin_engine_take_text (engine));
  g_assert_cmpuint (input_pinyin_engine_get_n_candidates (engine), ==, 0);
  input_pinyin_engine_forget_async (engine, NULL, store_result_cb, &forgotten);
  g_assert_true (input_pinyin_engine_forget_finish (engine, wait_for_result (&forgotten), NULL));
}

static void
test_handwriting (void)
{
  g_autoptr (InputHandwritingEngine) engine =
      input_handwriting_engine_new (INPUT_HANDWRITING_MODEL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (InputInk) ink = input_ink_new (100, 100);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) results = NULL;

  g_test_expect_message ("KioskInput", G_LOG_LEVEL_WARNING,
                         "handwriting input is not available: *");
  input_handwriting_engine_load_async (engine, NULL, store_result_cb, &result);
  g_assert_false (input_handwriting_engine_load_finish (engine, wait_for_result (&result), &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, INPUT_ERROR, INPUT_ERROR_NOT_INSTALLED);
  g_assert_cmpint (input_handwriting_engine_get_state (engine), ==, INPUT_ENGINE_STATE_FAILED);

  /* a stroke on the pad is not read */
  g_assert_true (input_ink_begin_stroke (ink));
  g_assert_true (input_ink_add_point (ink, 10, 10));
  g_assert_true (input_ink_add_point (ink, 90, 90));
  g_clear_error (&error);
  results = input_handwriting_engine_recognize (engine, ink, 10, &error);
  g_assert_null (results);
  g_assert_error (error, INPUT_ERROR, INPUT_ERROR_NOT_READY);
}

int
main (int argc, char *argv[])
{
  g_autofree char *modules = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  modules = g_dir_make_tmp ("input-no-module-XXXXXX", NULL);
  g_assert_nonnull (modules);
  g_setenv ("PRACTITIONER_KIOSK_MODULE_DIR", modules, TRUE);

  /* in this order: the first load opens the module */
  g_test_add_func ("/input/no-module/pinyin", test_pinyin);
  g_test_add_func ("/input/no-module/handwriting", test_handwriting);

  status = g_test_run ();
  g_rmdir (modules);
  return status;
}
