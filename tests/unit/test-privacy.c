/* test-privacy.c: personal data is masked before it is logged or shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-privacy.h"

static void
check (char *(*mask) (const char *), const char *in, const char *expected)
{
  g_autofree char *out = mask (in);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_id_number (void)
{
  check (core_mask_id_number, "11010519491231002X", "110105********002X");
  /* too short to keep both ends: masked whole rather than shown */
  check (core_mask_id_number, "H12345678", "*********");
}

static void
test_phone (void)
{
  check (core_mask_phone, "13800138000", "138****8000");
  check (core_mask_phone, "123", "***");
  check (core_mask_phone, NULL, "");
}

static void
test_name (void)
{
  check (core_mask_name, "张三丰", "张**");
  check (core_mask_name, "李", "*");
  check (core_mask_name, "JOHN SMITH", "J***");
  check (core_mask_name, "SCHNEIDER, JONAS MAXIMILIAN FRIEDRICH WILHELM", "S***");
}

static void
test_invalid_utf8 (void)
{
  check (core_mask_name, "\xff\xfe", "****");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/privacy/id-number", test_id_number);
  g_test_add_func ("/privacy/phone", test_phone);
  g_test_add_func ("/privacy/name", test_name);
  g_test_add_func ("/privacy/invalid-utf8", test_invalid_utf8);
  return g_test_run ();
}
