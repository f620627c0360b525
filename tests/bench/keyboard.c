/* keyboard.c: how fast the on-screen keyboard's engines answer, and what
 * memory they take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pinyin: every keystroke of a set of names, places and phrases as staff and
 * practitioners type them, timed from the letter to the page of candidates
 * the keyboard shows (what runs on the main loop per key). Handwriting: each
 * stroke of the test characters recognised afresh, as the pad does after
 * every stroke (on a worker thread in the kiosk). Memory: resident size of
 * this process before the engines load, after loading, and after use
 * (libpinyin and zinnia map their data files; pages count once touched).
 * Prints figures and never fails.
 */

#include "config.h"

#include <stdbool.h>

#include "input-handwriting-engine.h"
#include "input-paths.h"
#include "input-pinyin-engine.h"

#define ROUNDS 20
#define WARM_UP_VISITS 300
#define VISITS 1000

static const char *const spellings[] = {
  "qinghuadaxue",    "beijing",   "zhongguojianzhu",
  "zhangwei",        "wangfang",  "lixiaoming",
  "shanghaishi",     "guangzhou", "jianzhugongchengshi",
  "zhuceshigong",    "bj",        "xian",
  "chenjianguo",     "ouyangxiu", "shenzhenshijianshegongcheng",
  "gongchengjingli",
};

static const char *const inks[] = { "yi.ink", "shi.ink", "ren.ink", "da.ink", "zhong.ink" };

typedef struct
{
  double rss_mib;
  double anonymous_mib;
} Memory;

static Memory
memory_now (void)
{
  g_autofree char *text = NULL;
  Memory memory = { 0, 0 };
  const char *line;

  if (!g_file_get_contents ("/proc/self/smaps_rollup", &text, NULL, NULL))
    return memory;
  if ((line = strstr (text, "\nRss:")) != NULL)
    memory.rss_mib = g_ascii_strtod (line + strlen ("\nRss:"), NULL) / 1024.0;
  if ((line = strstr (text, "\nAnonymous:")) != NULL)
    memory.anonymous_mib = g_ascii_strtod (line + strlen ("\nAnonymous:"), NULL) / 1024.0;
  return memory;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (GArray *values, double p)
{
  guint index;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  index = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (index, values->len - 1));
}

static gboolean
pinyin_settled (gpointer engine)
{
  return input_pinyin_engine_get_state (engine) != INPUT_ENGINE_STATE_LOADING;
}

static gboolean
handwriting_settled (gpointer engine)
{
  return input_handwriting_engine_get_state (engine) != INPUT_ENGINE_STATE_LOADING;
}

static double
load (gboolean (*settled) (gpointer), gpointer engine)
{
  gint64 start = g_get_monotonic_time ();

  while (!settled (engine))
    g_main_context_iteration (NULL, TRUE);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static InputInk *
read_ink (const char *name)
{
  g_autofree char *path = g_build_filename (KIOSK_TEST_DATA, "handwriting", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  InputInk *ink;

  if (!g_file_get_contents (path, &text, NULL, &error) ||
      (ink = input_ink_new_from_text (text, -1, &error)) == NULL)
    g_error ("cannot read %s: %s", path, error->message);
  return ink;
}

int
main (int argc, char *argv[])
{
  g_autoptr (InputPinyinEngine) pinyin = input_pinyin_engine_new (INPUT_PINYIN_DATA_DIR);
  g_autoptr (InputHandwritingEngine) handwriting =
      input_handwriting_engine_new (INPUT_HANDWRITING_MODEL);
  g_autoptr (GArray) keystrokes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) strokes = g_array_new (FALSE, FALSE, sizeof (double));
  Memory before, pinyin_loaded, both_loaded, used, visits_start, warm, visits_end;
  double pinyin_load_ms, handwriting_load_ms, forget_ms;

  before = memory_now ();
  input_pinyin_engine_load_async (pinyin, NULL, NULL, NULL);
  pinyin_load_ms = load (pinyin_settled, pinyin);
  pinyin_loaded = memory_now ();
  input_handwriting_engine_load_async (handwriting, NULL, NULL, NULL);
  handwriting_load_ms = load (handwriting_settled, handwriting);
  both_loaded = memory_now ();
  if (input_pinyin_engine_get_state (pinyin) != INPUT_ENGINE_STATE_READY ||
      input_handwriting_engine_get_state (handwriting) != INPUT_ENGINE_STATE_READY)
    g_error ("the engines did not load");
  input_pinyin_engine_set_page_size (pinyin, 6);

  for (guint round = 0; round < ROUNDS; round++)
    for (guint w = 0; w < G_N_ELEMENTS (spellings); w++)
      {
        for (const char *p = spellings[w]; *p != '\0'; p++)
          {
            gint64 start = g_get_monotonic_time ();
            g_auto (GStrv) page = NULL;
            double ms;

            input_pinyin_engine_append (pinyin, *p);
            page = input_pinyin_engine_dup_page (pinyin);
            ms = (g_get_monotonic_time () - start) / 1000.0;
            g_array_append_val (keystrokes, ms);
          }
        input_pinyin_engine_cancel (pinyin);
      }

  for (guint round = 0; round < ROUNDS; round++)
    for (guint c = 0; c < G_N_ELEMENTS (inks); c++)
      {
        g_autoptr (InputInk) whole = read_ink (inks[c]);
        g_autoptr (InputInk) ink =
            input_ink_new (input_ink_get_width (whole), input_ink_get_height (whole));

        for (guint s = 0; s < input_ink_get_n_strokes (whole); s++)
          {
            g_autoptr (GError) error = NULL;
            g_auto (GStrv) results = NULL;
            gint64 start;
            double ms;

            input_ink_begin_stroke (ink);
            for (guint i = 0; i < input_ink_get_n_points (whole, s); i++)
              {
                double x, y;
                input_ink_get_point (whole, s, i, &x, &y);
                input_ink_add_point (ink, x, y);
              }
            start = g_get_monotonic_time ();
            results = input_handwriting_engine_recognize (handwriting, ink, 18, &error);
            ms = (g_get_monotonic_time () - start) / 1000.0;
            if (results == NULL)
              g_error ("recognition failed: %s", error->message);
            g_array_append_val (strokes, ms);
          }
      }
  used = memory_now ();

  {
    gint64 start = g_get_monotonic_time ();

    input_pinyin_engine_forget_async (pinyin, NULL, NULL, NULL);
    load (pinyin_settled, pinyin);
    forget_ms = (g_get_monotonic_time () - start) / 1000.0;
  }

  /* a day of visits: each learns a phrase, each ends in forgetting; the
   * first ones warm the allocator's arenas up, then memory must stay flat */
  visits_start = memory_now ();
  for (guint visit = 0; visit < WARM_UP_VISITS + VISITS; visit++)
    {
      g_autofree char *typed = NULL;

      for (const char *p = "zhangsan"; *p != '\0'; p++)
        input_pinyin_engine_append (pinyin, *p);
      typed = input_pinyin_engine_choose (pinyin, 0);
      input_pinyin_engine_forget_async (pinyin, NULL, NULL, NULL);
      load (pinyin_settled, pinyin);
      if (visit + 1 == WARM_UP_VISITS)
        warm = memory_now ();
    }
  visits_end = memory_now ();

  g_print ("pinyin-keystroke-median: %.2f ms over %u keystrokes (target < 30 ms)\n",
           percentile (keystrokes, 0.5), keystrokes->len);
  g_print ("pinyin-keystroke-p95: %.2f ms (target < 60 ms)\n", percentile (keystrokes, 0.95));
  g_print ("pinyin-keystroke-max: %.2f ms (target none; reported for context)\n",
           percentile (keystrokes, 1.0));
  g_print ("handwriting-stroke-median: %.2f ms over %u strokes (target < 50 ms)\n",
           percentile (strokes, 0.5), strokes->len);
  g_print ("handwriting-stroke-p95: %.2f ms (target none; reported for context)\n",
           percentile (strokes, 0.95));
  g_print ("pinyin-load: %.1f ms on a worker thread (target none; never on the main loop)\n",
           pinyin_load_ms);
  g_print ("handwriting-load: %.1f ms on a worker thread (target none; never on the main loop)\n",
           handwriting_load_ms);
  g_print (
      "pinyin-forget: %.1f ms on a worker thread (what a visit taught it, masked out at its end)\n",
      forget_ms);
  g_print ("engines-rss-loaded: %.1f MiB (pinyin %.1f, handwriting %.1f; before use)\n",
           both_loaded.rss_mib - before.rss_mib, pinyin_loaded.rss_mib - before.rss_mib,
           both_loaded.rss_mib - pinyin_loaded.rss_mib);
  g_print ("engines-rss-after-use: %.1f MiB (target < 40 MiB together; %.1f MiB of it "
           "anonymous, the rest mapped data files the page cache shares)\n",
           used.rss_mib - before.rss_mib, used.anonymous_mib - before.anonymous_mib);
  g_print ("pinyin-rss-growth-over-%u-visits: %.1f MiB after %.1f MiB in the first %u "
           "(target 0: forgetting must not leak)\n",
           VISITS, visits_end.rss_mib - warm.rss_mib, warm.rss_mib - visits_start.rss_mib,
           WARM_UP_VISITS);
  return 0;
}
