/* test-kiosk-page-table.c: every page a row, and navigations that carry arguments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kiosk-attract-page-private.h"
#include "kiosk-page-table.h"
#include "kiosk-page.h"

/* Each id has its own row, a page class, and a name no other page has. */
static void
test_rows (void)
{
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint id = 0; id < KIOSK_N_PAGES; id++)
    {
      const KioskPageRow *row = kiosk_page_table_lookup (id);
      const char *name = kiosk_page_id_to_string (id);

      g_assert_nonnull (row);
      g_assert_cmpint (row->id, ==, id);
      g_assert_true (g_type_is_a (row->get_type (), KIOSK_TYPE_PAGE));
      g_assert_cmpstr (name, !=, "?");
      g_assert_true (g_hash_table_add (names, (gpointer) name));
      /* staff pages never ask for a practitioner, nor the other way round */
      g_assert_false ((row->flags & KIOSK_PAGE_NEEDS_STAFF) != 0 &&
                      (row->flags & KIOSK_PAGE_NEEDS_SESSION) != 0);
    }
  g_assert_cmpstr (kiosk_page_id_to_string (KIOSK_PAGE_STAFF_LOGIN), ==, "staff-login");
  /* the sign-in pages themselves need no sign-in, or nobody could reach them */
  g_assert_cmpint (kiosk_page_table_lookup (KIOSK_PAGE_STAFF_LOGIN)->flags &
                       (KIOSK_PAGE_NEEDS_STAFF | KIOSK_PAGE_NEEDS_SESSION),
                   ==, 0);
  g_assert_cmpint (kiosk_page_table_lookup (KIOSK_PAGE_LOGIN)->flags &
                       (KIOSK_PAGE_NEEDS_STAFF | KIOSK_PAGE_NEEDS_SESSION),
                   ==, 0);
}

/* A navigation keeps its arguments, typed by the target's properties, and
 * sets them on the page; a copy outlives the original. */
static void
test_arguments (void)
{
  g_autoptr (KioskNavigation) navigation = NULL;
  g_autoptr (KioskNavigation) copy = NULL;
  g_autoptr (KioskPage) page = NULL;
  g_autofree char *notice = g_strdup ("读卡失败");

  navigation = kiosk_navigation_new (KIOSK_PAGE_ATTRACT, "notice", notice, NULL);
  g_clear_pointer (&notice, g_free);
  g_assert_cmpint (kiosk_navigation_get_target (navigation), ==, KIOSK_PAGE_ATTRACT);
  g_assert_false (kiosk_navigation_get_resume (navigation));
  copy = kiosk_navigation_copy (navigation);
  g_clear_pointer (&navigation, kiosk_navigation_free);

  page = g_object_ref_sink (g_object_new (KIOSK_TYPE_ATTRACT_PAGE, NULL));
  kiosk_navigation_apply (copy, G_OBJECT (page));
  g_assert_cmpstr (kiosk_attract_page_get_notice (KIOSK_ATTRACT_PAGE (page)), ==, "读卡失败");
}

/* An argument the target does not take is a programming error, said at once. */
static void
test_unknown_argument (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (KioskNavigation) navigation =
          kiosk_navigation_new (KIOSK_PAGE_STAFF, "card", NULL, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*the staff page takes no argument card*");
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk/page-table/rows", test_rows);
  g_test_add_func ("/kiosk/page-table/arguments", test_arguments);
  g_test_add_func ("/kiosk/page-table/unknown-argument", test_unknown_argument);
  return g_test_run ();
}
