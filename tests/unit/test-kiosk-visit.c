/* test-kiosk-visit.c: one person's visit, and what is forgotten when it ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kiosk-visit.h"

static void
count_cb (GObject *object, GParamSpec *pspec, GHashTable *seen)
{
  g_hash_table_add (seen, g_strdup (pspec->name));
}

static IdcardCard *
demo_card (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo-cards",
                                                 "resident-wang-xiuying.json", NULL);
  IdcardCard *card = idcard_card_new_from_file (path, &error);

  g_assert_no_error (error);
  return card;
}

/* Nothing of a person stays for the next: the reset forgets it all, and
 * says so to whoever shows it. */
static void
test_reset_forgets (void)
{
  g_autoptr (KioskVisit) visit = kiosk_visit_new (NULL);
  g_autoptr (JsonNode) person = json_from_string ("{\"name\": \"王秀英\"}", NULL);
  g_autoptr (IdcardCard) card = demo_card ();
  g_autoptr (FormsSignatureForm) form = forms_signature_form_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  kiosk_visit_begin_session (visit, token, json_node_get_object (person));
  kiosk_visit_set_card (visit, card);
  kiosk_visit_add_filed (visit);
  kiosk_visit_add_filed (visit);
  kiosk_visit_set_form (visit, form, KIOSK_FORM_PRINTED);
  g_assert_true (kiosk_visit_get_logged_in (visit));
  g_assert_cmpstr (kiosk_visit_get_session_token (visit), ==, token);
  g_assert_true (kiosk_visit_get_card (visit) == card);
  g_assert_cmpuint (kiosk_visit_get_filed (visit), ==, 2);
  g_assert_true (kiosk_visit_get_form (visit) == form);

  g_signal_connect (visit, "notify", G_CALLBACK (count_cb), seen);
  kiosk_visit_reset (visit);
  g_assert_false (kiosk_visit_get_logged_in (visit));
  g_assert_null (kiosk_visit_get_session_token (visit));
  g_assert_null (kiosk_visit_get_person (visit));
  g_assert_null (kiosk_visit_get_card (visit));
  g_assert_cmpuint (kiosk_visit_get_filed (visit), ==, 0);
  g_assert_null (kiosk_visit_get_form (visit));
  g_assert_cmpint (kiosk_visit_get_form_status (visit), ==, KIOSK_FORM_NOT_PRINTED);
  for (const char *const *name = (const char *const[]){ "logged-in", "person", "card", "filed",
                                                        "form", "form-status", NULL };
       *name != NULL; name++)
    if (!g_hash_table_contains (seen, *name))
      g_error ("a reset did not tell that %s changed", *name);

  /* an empty visit resets quietly */
  g_hash_table_remove_all (seen);
  kiosk_visit_reset (visit);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 0);
}

/* Ending a session forgets it at once, and only it. */
static void
test_end_session (void)
{
  g_autoptr (KioskVisit) visit = kiosk_visit_new (NULL);
  g_autoptr (JsonNode) person = json_from_string ("{\"name\": \"李四\"}", NULL);
  g_autoptr (IdcardCard) card = demo_card ();

  kiosk_visit_set_card (visit, card);
  kiosk_visit_begin_session (visit, "token-1", json_node_get_object (person));
  kiosk_visit_end_session (visit);
  g_assert_false (kiosk_visit_get_logged_in (visit));
  g_assert_null (kiosk_visit_get_person (visit));
  g_assert_true (kiosk_visit_get_card (visit) == card);
  /* nobody logged in: nothing happens */
  kiosk_visit_end_session (visit);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk/visit/reset-forgets", test_reset_forgets);
  g_test_add_func ("/kiosk/visit/end-session", test_end_session);
  return g_test_run ();
}
