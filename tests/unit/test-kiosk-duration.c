/* test-kiosk-duration.c: a countdown's time as a person reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kiosk-application.h"
#include "kiosk-duration.h"

/* glibc caches translations per catalogue; this tells it the language
 * changed, as the kiosk does when it switches */
extern int _nl_msg_cat_cntr;

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  ++_nl_msg_cat_cntr;
}

static void
assert_duration (guint seconds, const char *expected)
{
  g_autofree char *text = kiosk_duration_text (seconds);

  g_assert_cmpstr (text, ==, expected);
}

/* Under a minute in seconds; from a minute on in minutes and seconds, the
 * seconds left out on the whole minute: never "600 秒". */
static void
test_chinese (void)
{
  set_language ("zh_CN");
  assert_duration (1, "1 秒");
  assert_duration (59, "59 秒");
  assert_duration (60, "1 分钟");
  assert_duration (61, "1 分 1 秒");
  assert_duration (598, "9 分 58 秒");
  assert_duration (600, "10 分钟");
}

static void
test_english (void)
{
  set_language ("en");
  assert_duration (5, "5 s");
  assert_duration (60, "1 min");
  assert_duration (598, "9 min 58 s");
  assert_duration (600, "10 min");
}

static void
assert_words (guint seconds, const char *expected)
{
  g_autofree char *words = kiosk_duration_words (seconds);

  g_assert_cmpstr (words, ==, expected);
}

/* In a sentence English spells the units out, singular and plural; Chinese
 * says it as the header does. */
static void
test_words (void)
{
  set_language ("en");
  assert_words (1, "1 second");
  assert_words (5, "5 seconds");
  assert_words (60, "1 minute");
  assert_words (61, "1 minute 1 second");
  assert_words (62, "1 minute 2 seconds");
  assert_words (598, "9 minutes 58 seconds");
  assert_words (601, "10 minutes 1 second");
  assert_words (600, "10 minutes");
  set_language ("zh_CN");
  assert_words (5, "5 秒");
  assert_words (60, "1 分钟");
  assert_words (61, "1 分 1 秒");
  assert_words (598, "9 分 58 秒");
  assert_words (600, "10 分钟");
}

int
main (int argc, char **argv)
{
  kiosk_application_setup_locale ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk/duration/chinese", test_chinese);
  g_test_add_func ("/kiosk/duration/english", test_english);
  g_test_add_func ("/kiosk/duration/words", test_words);
  return g_test_run ();
}
