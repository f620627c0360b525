/* test-input-pinyin.c: the pinyin engine against the real libpinyin data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "input-paths.h"
#include "input-pinyin-engine.h"

static gboolean
settled (InputPinyinEngine *engine)
{
  InputEngineState state = input_pinyin_engine_get_state (engine);
  return state == INPUT_ENGINE_STATE_READY || state == INPUT_ENGINE_STATE_FAILED;
}

static void
wait_settled (InputPinyinEngine *engine)
{
  while (!settled (engine))
    g_main_context_iteration (NULL, TRUE);
}

static InputPinyinEngine *
loaded_engine (void)
{
  InputPinyinEngine *engine = input_pinyin_engine_new (INPUT_PINYIN_DATA_DIR);

  g_assert_cmpint (input_pinyin_engine_get_state (engine), ==, INPUT_ENGINE_STATE_UNLOADED);
  input_pinyin_engine_load_async (engine, NULL, NULL, NULL);
  /* the data loads on a worker thread; meanwhile the engine says so */
  g_assert_cmpint (input_pinyin_engine_get_state (engine), ==, INPUT_ENGINE_STATE_LOADING);
  wait_settled (engine);
  g_assert_no_error (input_pinyin_engine_get_error (engine));
  g_assert_cmpint (input_pinyin_engine_get_state (engine), ==, INPUT_ENGINE_STATE_READY);
  return engine;
}

static void
type (InputPinyinEngine *engine, const char *letters)
{
  for (const char *p = letters; *p != '\0'; p++)
    g_assert_true (input_pinyin_engine_append (engine, *p));
}

/* Returns: where @text is among the candidates, or -1 */
static int
position (InputPinyinEngine *engine, const char *text)
{
  for (guint i = 0; i < input_pinyin_engine_get_n_candidates (engine); i++)
    if (g_strcmp0 (input_pinyin_engine_get_candidate (engine, i), text) == 0)
      return (int) i;
  return -1;
}

static void
assert_in_first (InputPinyinEngine *engine, const char *text, int n)
{
  int found = position (engine, text);

  if (found < 0 || found >= n)
    g_error ("%s is at %d for %s, not in the first %d", text, found,
             input_pinyin_engine_get_letters (engine), n);
}

static void
test_words (void)
{
  g_autoptr (InputPinyinEngine) engine = loaded_engine ();

  type (engine, "qinghua");
  assert_in_first (engine, "清华", 5);
  input_pinyin_engine_cancel (engine);
  g_assert_false (input_pinyin_engine_get_composing (engine));
  g_assert_cmpuint (input_pinyin_engine_get_n_candidates (engine), ==, 0);

  type (engine, "beijing");
  assert_in_first (engine, "北京", 5);
  input_pinyin_engine_cancel (engine);

  type (engine, "zhongguojianzhu");
  g_assert_true (g_str_has_prefix (input_pinyin_engine_get_candidate (engine, 0), "中国建筑"));
}

static void
test_incomplete_syllables (void)
{
  g_autoptr (InputPinyinEngine) engine = loaded_engine ();

  type (engine, "bj");
  g_assert_cmpint (position (engine, "北京"), >=, 0);
  input_pinyin_engine_cancel (engine);

  type (engine, "zhongguoj");
  g_assert_true (g_str_has_prefix (input_pinyin_engine_get_candidate (engine, 0), "中国"));
}

/* "qinghuadaxue" is typed at once; the whole phrase is the first guess */
static void
test_whole_phrase (void)
{
  g_autoptr (InputPinyinEngine) engine = loaded_engine ();
  g_autofree char *typed = NULL;

  type (engine, "qinghuadaxue");
  g_assert_cmpstr (input_pinyin_engine_get_candidate (engine, 0), ==, "清华大学");
  typed = input_pinyin_engine_choose (engine, 0);
  g_assert_cmpstr (typed, ==, "清华大学");
  g_assert_false (input_pinyin_engine_get_composing (engine));
}

/* … or chosen part by part: 清华 first, then 大学 for the rest */
static void
test_phrase_by_parts (void)
{
  g_autoptr (InputPinyinEngine) engine = loaded_engine ();
  g_autofree char *preedit = NULL;
  g_autofree char *typed = NULL;

  type (engine, "qinghuadaxue");
  g_assert_null (input_pinyin_engine_choose (engine, (guint) position (engine, "清华")));
  g_assert_true (input_pinyin_engine_get_composing (engine));
  preedit = input_pinyin_engine_dup_preedit (engine);
  g_assert_cmpstr (preedit, ==, "清华daxue");
  /* no whole-phrase guesses for the rest: they would repeat the chosen part */
  g_assert_cmpint (position (engine, "清华大学"), ==, -1);
  assert_in_first (engine, "大学", 5);

  typed = input_pinyin_engine_choose (engine, (guint) position (engine, "大学"));
  g_assert_cmpstr (typed, ==, "清华大学");
  g_assert_false (input_pinyin_engine_get_composing (engine));
  g_assert_null (input_pinyin_engine_dup_preedit (engine));
}

static void
test_paging (void)
{
  g_autoptr (InputPinyinEngine) engine = loaded_engine ();
  g_auto (GStrv) first = NULL;
  g_auto (GStrv) second = NULL;
  g_auto (GStrv) last = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *expected = NULL;
  guint n, pages;

  input_pinyin_engine_set_page_size (engine, 5);
  type (engine, "shi");
  n = input_pinyin_engine_get_n_candidates (engine);
  pages = input_pinyin_engine_get_n_pages (engine);
  g_assert_cmpuint (n, >, 10);
  g_assert_cmpuint (pages, ==, (n + 4) / 5);
  g_assert_cmpuint (input_pinyin_engine_get_page (engine), ==, 0);
  g_assert_false (input_pinyin_engine_page_up (engine));

  first = input_pinyin_engine_dup_page (engine);
  g_assert_cmpuint (g_strv_length (first), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (first[i], ==, input_pinyin_engine_get_candidate (engine, i));

  g_assert_true (input_pinyin_engine_page_down (engine));
  g_assert_cmpuint (input_pinyin_engine_get_page (engine), ==, 1);
  second = input_pinyin_engine_dup_page (engine);
  g_assert_cmpuint (g_strv_length (second), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (second[i], ==, input_pinyin_engine_get_candidate (engine, 5 + i));

  /* to the end and no further; the last page holds what is left */
  while (input_pinyin_engine_page_down (engine))
    ;
  g_assert_cmpuint (input_pinyin_engine_get_page (engine), ==, pages - 1);
  last = input_pinyin_engine_dup_page (engine);
  g_assert_cmpuint (g_strv_length (last), ==, n - (pages - 1) * 5);
  while (input_pinyin_engine_page_up (engine))
    ;
  g_assert_cmpuint (input_pinyin_engine_get_page (engine), ==, 0);

  /* a choice on page 2 is the candidate it shows */
  g_assert_true (input_pinyin_engine_page_down (engine));
  expected = g_strdup (input_pinyin_engine_get_candidate (engine, 7));
  g_assert_null (input_pinyin_engine_choose_on_page (engine, 5)); /* beyond the page */
  typed = input_pinyin_engine_choose_on_page (engine, 2);
  g_assert_cmpstr (typed, ==, expected);
}

static void
test_backspace (void)
{
  g_autoptr (InputPinyinEngine) engine = loaded_engine ();
  g_autofree char *preedit = NULL;
  g_autofree char *undone = NULL;

  type (engine, "qinghuadaxue");
  g_assert_null (input_pinyin_engine_choose (engine, (guint) position (engine, "清华")));
  for (guint i = 0; i < strlen ("daxue"); i++)
    g_assert_true (input_pinyin_engine_backspace (engine));
  preedit = input_pinyin_engine_dup_preedit (engine);
  g_assert_cmpstr (preedit, ==, "清华");

  /* with no letters left after it, the choice itself is taken back */
  g_assert_true (input_pinyin_engine_backspace (engine));
  undone = input_pinyin_engine_dup_preedit (engine);
  g_assert_cmpstr (undone, ==, "qinghua");
  assert_in_first (engine, "清华", 5);

  for (guint i = 0; i < strlen ("qinghua"); i++)
    g_assert_true (input_pinyin_engine_backspace (engine));
  g_assert_false (input_pinyin_engine_get_composing (engine));
  g_assert_false (input_pinyin_engine_backspace (engine));
}

/* Enter or "done" types what is shown: the chosen part and the letters */
static void
test_take_text (void)
{
  g_autoptr (InputPinyinEngine) engine = loaded_engine ();
  g_autofree char *letters = NULL;
  g_autofree char *mixed = NULL;

  g_assert_null (input_pinyin_engine_take_text (engine));
  type (engine, "zhang");
  letters = input_pinyin_engine_take_text (engine);
  g_assert_cmpstr (letters, ==, "zhang");
  g_assert_false (input_pinyin_engine_get_composing (engine));

  type (engine, "beijingdaxue");
  g_assert_null (input_pinyin_engine_choose (engine, (guint) position (engine, "北京")));
  mixed = input_pinyin_engine_take_text (engine);
  g_assert_cmpstr (mixed, ==, "北京daxue");
}

static void
test_refuses (void)
{
  g_autoptr (InputPinyinEngine) unloaded = input_pinyin_engine_new (INPUT_PINYIN_DATA_DIR);
  g_autoptr (InputPinyinEngine) engine = NULL;

  /* not loaded: nothing is taken */
  g_assert_false (input_pinyin_engine_append (unloaded, 'a'));
  g_assert_null (input_pinyin_engine_choose (unloaded, 0));

  engine = loaded_engine ();
  g_assert_false (input_pinyin_engine_append (engine, '\''));
  g_assert_false (input_pinyin_engine_append (engine, 'A'));
  g_assert_false (input_pinyin_engine_append (engine, '1'));
  g_assert_false (input_pinyin_engine_append (engine, '\0'));
  g_assert_false (input_pinyin_engine_append (engine, (char) 0xe4));
  g_assert_false (input_pinyin_engine_get_composing (engine));
  g_assert_null (input_pinyin_engine_choose (engine, 0));

  /* xi'an: the separator is a letter of the composition */
  type (engine, "xi'an");
  assert_in_first (engine, "西安", 5);
  input_pinyin_engine_cancel (engine);

  for (guint i = 0; i < INPUT_PINYIN_MAX_LETTERS; i++)
    g_assert_true (input_pinyin_engine_append (engine, "zhongguo"[i % 8]));
  g_assert_false (input_pinyin_engine_append (engine, 'a'));
  g_assert_cmpuint (strlen (input_pinyin_engine_get_letters (engine)), ==,
                    INPUT_PINYIN_MAX_LETTERS);
  g_assert_null (input_pinyin_engine_choose (engine, 100000));
}

static void
forget_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (input_pinyin_engine_forget_finish (INPUT_PINYIN_ENGINE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static GPtrArray *
ranking (InputPinyinEngine *engine, const char *letters, guint n)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  type (engine, letters);
  for (guint i = 0; i < n && i < input_pinyin_engine_get_n_candidates (engine); i++)
    g_ptr_array_add (texts, g_strdup (input_pinyin_engine_get_candidate (engine, i)));
  input_pinyin_engine_cancel (engine);
  return texts;
}

/* What one person typed is not suggested to the next: the engine learns
 * within a visit, and forgetting goes back to the fresh ranking. */
static void
test_forget_learning (void)
{
  g_autoptr (InputPinyinEngine) engine = loaded_engine ();
  g_autoptr (GPtrArray) fresh = ranking (engine, "shi", 40);
  const char *rare;
  int before, after;
  gboolean done = FALSE;
  g_autoptr (GPtrArray) again = NULL;

  g_assert_cmpuint (fresh->len, ==, 40);
  rare = g_ptr_array_index (fresh, 35);
  type (engine, "shi");
  before = position (engine, rare);
  g_assert_cmpint (before, ==, 35);
  input_pinyin_engine_cancel (engine);

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *typed = NULL;

      type (engine, "shi");
      typed = input_pinyin_engine_choose (engine, (guint) position (engine, rare));
      g_assert_cmpstr (typed, ==, rare);
    }
  type (engine, "shi");
  after = position (engine, rare);
  input_pinyin_engine_cancel (engine);
  /* learned: the rare character moved up, to the first page */
  g_assert_cmpint (after, <, 5);

  /* and a phrase in rare parts: the whole-phrase guess becomes that */
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *typed = NULL;

      type (engine, "qinghuadaxue");
      g_assert_null (input_pinyin_engine_choose (engine, (guint) position (engine, "庆华")));
      typed = input_pinyin_engine_choose (engine, (guint) position (engine, "大雪"));
      g_assert_cmpstr (typed, ==, "庆华大雪");
    }
  type (engine, "qinghuadaxue");
  g_assert_cmpstr (input_pinyin_engine_get_candidate (engine, 0), ==, "庆华大雪");
  input_pinyin_engine_cancel (engine);

  input_pinyin_engine_forget_async (engine, NULL, forget_done_cb, &done);
  g_assert_cmpint (input_pinyin_engine_get_state (engine), ==, INPUT_ENGINE_STATE_LOADING);
  g_assert_false (input_pinyin_engine_append (engine, 's'));
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (input_pinyin_engine_get_state (engine), ==, INPUT_ENGINE_STATE_READY);

  again = ranking (engine, "shi", 40);
  g_assert_cmpuint (again->len, ==, fresh->len);
  for (guint i = 0; i < fresh->len; i++)
    g_assert_cmpstr (g_ptr_array_index (again, i), ==, g_ptr_array_index (fresh, i));
  type (engine, "qinghuadaxue");
  g_assert_cmpstr (input_pinyin_engine_get_candidate (engine, 0), ==, "清华大学");
}

static void
test_missing_data (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *empty = g_dir_make_tmp ("input-pinyin-XXXXXX", &error);
  g_autofree char *nowhere = g_build_filename (empty, "no-such-folder", NULL);
  const char *folders[] = { nowhere, empty };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autoptr (InputPinyinEngine) engine = input_pinyin_engine_new (folders[i]);
      const GError *problem;

      /* the kiosk's log says why pinyin is off */
      g_test_expect_message ("KioskInput", G_LOG_LEVEL_WARNING, "pinyin input is not available: *");
      input_pinyin_engine_load_async (engine, NULL, NULL, NULL);
      wait_settled (engine);
      g_test_assert_expected_messages ();
      g_assert_cmpint (input_pinyin_engine_get_state (engine), ==, INPUT_ENGINE_STATE_FAILED);
      problem = input_pinyin_engine_get_error (engine);
      g_assert_error (problem, INPUT_ERROR, INPUT_ERROR_DATA_MISSING);
      /* the message names what is missing */
      g_assert_nonnull (strstr (problem->message, folders[i]));
      g_assert_false (input_pinyin_engine_append (engine, 'a'));
    }
  g_rmdir (empty);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/input/pinyin/words", test_words);
  g_test_add_func ("/input/pinyin/incomplete-syllables", test_incomplete_syllables);
  g_test_add_func ("/input/pinyin/whole-phrase", test_whole_phrase);
  g_test_add_func ("/input/pinyin/phrase-by-parts", test_phrase_by_parts);
  g_test_add_func ("/input/pinyin/paging", test_paging);
  g_test_add_func ("/input/pinyin/backspace", test_backspace);
  g_test_add_func ("/input/pinyin/take-text", test_take_text);
  g_test_add_func ("/input/pinyin/refuses", test_refuses);
  g_test_add_func ("/input/pinyin/forget-learning", test_forget_learning);
  g_test_add_func ("/input/pinyin/missing-data", test_missing_data);
  return g_test_run ();
}
