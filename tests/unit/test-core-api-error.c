/* test-core-api-error.c: the registry API's error codes, one table for both ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "core-api-error.h"

#define LAST_CODE CORE_API_ERROR_TOO_MANY_ATTACHMENTS

static void
test_round_trip (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (CoreApiError code = CORE_API_ERROR_UNKNOWN; code <= LAST_CODE; code++)
    {
      const char *text = core_api_error_to_string (code);
      guint status = core_api_error_get_http_status (code);

      g_assert_nonnull (text);
      g_assert_false (g_hash_table_contains (seen, text));
      g_hash_table_add (seen, (gpointer) text);
      g_assert_cmpint (core_api_error_from_string (text), ==, code);
      g_assert_cmpuint (status, >=, 400);
      g_assert_cmpuint (status, <=, 599);
      g_assert_nonnull (core_api_error_get_message (code));
      g_assert_cmpuint (strlen (core_api_error_get_message (code)), >, 0);
    }
}

static void
test_unknown_codes (void)
{
  g_assert_cmpint (core_api_error_from_string (NULL), ==, CORE_API_ERROR_UNKNOWN);
  g_assert_cmpint (core_api_error_from_string (""), ==, CORE_API_ERROR_UNKNOWN);
  g_assert_cmpint (core_api_error_from_string ("PHONE_TAKEN"), ==, CORE_API_ERROR_UNKNOWN);
  g_assert_cmpint (core_api_error_from_string ("a_code_from_a_newer_registry"), ==,
                   CORE_API_ERROR_UNKNOWN);
  g_assert_cmpstr (core_api_error_to_string ((CoreApiError) 9999), ==, "unknown");
}

/* The seed's errors keep their meaning: each has its own code and status. */
static void
test_seed_errors (void)
{
  g_assert_cmpstr (core_api_error_to_string (CORE_API_ERROR_PHONE_TAKEN), ==, "phone_taken");
  g_assert_cmpstr (core_api_error_to_string (CORE_API_ERROR_ID_ALREADY_REGISTERED), ==,
                   "id_already_registered");
  g_assert_cmpstr (core_api_error_to_string (CORE_API_ERROR_ALREADY_ENABLED), ==,
                   "already_enabled");
  g_assert_cmpstr (core_api_error_to_string (CORE_API_ERROR_NOT_FILED), ==, "not_filed");
  g_assert_cmpstr (core_api_error_to_string (CORE_API_ERROR_NOT_REGISTERED), ==, "not_registered");
  g_assert_cmpstr (core_api_error_to_string (CORE_API_ERROR_CAPTCHA_WRONG), ==, "captcha_wrong");
  g_assert_cmpuint (core_api_error_get_http_status (CORE_API_ERROR_SESSION_INVALID), ==, 401);
  g_assert_cmpuint (core_api_error_get_http_status (CORE_API_ERROR_TOO_FREQUENT), ==, 429);
}

/* Operators and client writers read the codes in docs/registry.md. */
static void
test_documented (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "registry.md", NULL);
  g_autofree char *doc = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &doc, NULL, &error);
  g_assert_no_error (error);
  for (CoreApiError code = CORE_API_ERROR_UNKNOWN + 1; code <= LAST_CODE; code++)
    {
      g_autofree char *quoted = g_strdup_printf ("`%s`", core_api_error_to_string (code));
      if (strstr (doc, quoted) == NULL)
        g_error ("docs/registry.md does not describe the error code %s", quoted);
    }
}

/* An error keeps what the answer said beyond its code, through copies too. */
static void
test_details (void)
{
  static const char *const fields[] = { "phone", "doc_number", NULL };
  g_autoptr (GError) error =
      g_error_new_literal (CORE_API_ERROR, CORE_API_ERROR_TOO_FREQUENT, "wait");
  g_autoptr (GError) copy = NULL;
  g_autoptr (GError) plain = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "other");
  g_autoptr (GError) bare = g_error_new_literal (CORE_API_ERROR, CORE_API_ERROR_CODE_WRONG, "x");

  /* nothing said: nothing to read */
  g_assert_cmpint (core_api_error_get_retry_after (bare), ==, -1);
  g_assert_cmpint (core_api_error_get_attempts_left (bare), ==, -1);
  g_assert_null (core_api_error_get_fields (bare));

  core_api_error_set_details (error, 42, 0, fields);
  g_prefix_error (&error, "sending the code: ");
  copy = g_error_copy (error);
  g_clear_error (&error);
  g_assert_error (copy, CORE_API_ERROR, CORE_API_ERROR_TOO_FREQUENT);
  g_assert_cmpint (core_api_error_get_retry_after (copy), ==, 42);
  g_assert_cmpint (core_api_error_get_attempts_left (copy), ==, 0);
  g_assert_nonnull (core_api_error_get_fields (copy));
  g_assert_cmpstrv (core_api_error_get_fields (copy), fields);

  /* other domains have none of it */
  g_assert_cmpint (core_api_error_get_retry_after (plain), ==, -1);
  g_assert_null (core_api_error_get_fields (plain));
  g_assert_cmpint (core_api_error_get_attempts_left (NULL), ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/api-error/round-trip", test_round_trip);
  g_test_add_func ("/core/api-error/unknown", test_unknown_codes);
  g_test_add_func ("/core/api-error/seed", test_seed_errors);
  g_test_add_func ("/core/api-error/documented", test_documented);
  g_test_add_func ("/core/api-error/details", test_details);
  return g_test_run ();
}
