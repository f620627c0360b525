/* test-core-filing.c: the shared filing type, its JSON and its validation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core-error.h"
#include "core-filing.h"
#include "core-json.h"
#include "core-text.h"

#define STAFF_SESSION "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static const char card_json[] =
    "{\"filing_id\":\"3F1C7A52-9F5E-4A63-8D2B-1A2B3C4D5E6F\",\"source\":\"card\","
    "\"doc_type\":\"resident\",\"doc_number\":\"11010519491231002x\",\"name\":\"张三\","
    "\"sex\":\"男\",\"nation\":\"汉\",\"birth_date\":\"1949-12-31\",\"address\":\"北京市\","
    "\"issuer\":\"北京市公安局\",\"valid_from\":\"2010-01-01\",\"valid_until\":\"长期\","
    "\"card_type\":\"resident\",\"photo_wlt\":\"AAEC\",\"phone\":\"13800138000\"}";

static void
test_decode_card (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CoreFiling) filing = core_filing_new_from_json (card_json, -1, &error);
  g_autoptr (CoreFiling) again = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (filing);
  /* canonical spelling */
  g_assert_cmpstr (core_filing_get_filing_id (filing), ==, "3f1c7a52-9f5e-4a63-8d2b-1a2b3c4d5e6f");
  g_assert_cmpstr (core_filing_get_doc_number (filing), ==, "11010519491231002X");
  g_assert_cmpint (core_filing_get_source (filing), ==, CORE_FILING_SOURCE_CARD);
  g_assert_cmpint (core_filing_get_doc_type (filing), ==, IDCARD_DOCUMENT_RESIDENT);
  g_assert_cmpstr (core_filing_get (filing, CORE_FILING_FIELD_VALID_UNTIL), ==, "长期");
  g_assert_cmpstr (core_filing_get_phone (filing), ==, "13800138000");
  g_assert_false (core_filing_get_original_checked (filing));

  /* round trip */
  json = core_filing_to_json (filing);
  g_assert_null (strstr (json, "original_checked"));
  again = core_filing_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  for (guint f = 0; f < CORE_FILING_FIELD_ORIGINAL_CHECKED; f++)
    g_assert_cmpstr (core_filing_get (filing, f), ==, core_filing_get (again, f));
  g_assert_true (core_filing_same_identity (filing, again));
  core_filing_set (again, CORE_FILING_FIELD_PHONE, "13900000000");
  g_assert_true (core_filing_same_identity (filing, again));
  core_filing_set (again, CORE_FILING_FIELD_ADDRESS, "上海市");
  g_assert_false (core_filing_same_identity (filing, again));
}

static void
test_manual_rules (void)
{
  g_autoptr (CoreFiling) filing = core_filing_new ();
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr (CoreFiling) decoded = NULL;

  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, "0e9b0a49-6c4a-4ac2-9a0e-6a2a1f3c9d11");
  core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "manual");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, "passport");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, "E12345678");
  core_filing_set (filing, CORE_FILING_FIELD_NAME_EN, "JOHN SMITH");
  core_filing_set (filing, CORE_FILING_FIELD_SEX, "男");
  core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, "1970-01-01");

  /* without a staff session, nationality and the original check: three faults */
  errors = core_filing_validate_all (filing);
  g_assert_cmpuint (errors->len, ==, 3);
  for (guint i = 0; i < errors->len; i++)
    {
      GError *e = g_ptr_array_index (errors, i);
      g_autofree char *field = core_error_get_field (e);
      g_assert_error (e, CORE_ERROR, CORE_ERROR_MISSING_FIELD);
      g_assert_true (g_strcmp0 (field, "staff_session") == 0 ||
                     g_strcmp0 (field, "nationality") == 0 ||
                     g_strcmp0 (field, "original_checked") == 0);
    }

  /* a staff session is what the registry issued, not a name */
  core_filing_set (filing, CORE_FILING_FIELD_STAFF_SESSION, "alice");
  g_assert_false (core_filing_validate (filing, &error));
  g_assert_error (error, CORE_ERROR, CORE_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  core_filing_set (filing, CORE_FILING_FIELD_STAFF_SESSION, STAFF_SESSION);
  core_filing_set (filing, CORE_FILING_FIELD_NATIONALITY, "GBR");
  core_filing_set_original_checked (filing, TRUE);
  core_filing_validate (filing, &error);
  g_assert_no_error (error);

  json = core_filing_to_json (filing);
  g_assert_nonnull (strstr (json, "\"original_checked\":true"));
  decoded = core_filing_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (core_filing_get_original_checked (decoded));
  g_assert_cmpint (core_filing_get_source (decoded), ==, CORE_FILING_SOURCE_MANUAL);

  g_assert_cmpstr (core_filing_get (decoded, CORE_FILING_FIELD_STAFF_SESSION), ==, STAFF_SESSION);

  /* a card photo on a manual filing is refused */
  core_filing_set (filing, CORE_FILING_FIELD_PHOTO_WLT, "AAEC");
  g_assert_false (core_filing_validate (filing, &error));
  g_assert_error (error, CORE_ERROR, CORE_ERROR_INVALID_FIELD);

  /* and the name the kiosk once sent is no member any more */
  {
    g_autoptr (CoreFiling) named = NULL;
    g_autoptr (GError) named_error = NULL;
    g_autoptr (GString) text = g_string_new (json);

    g_string_replace (text, "\"staff_session\":\"" STAFF_SESSION "\"", "\"staff\":\"alice\"", 1);
    named = core_filing_new_from_json (text->str, -1, &named_error);
    g_assert_null (named);
    g_assert_error (named_error, CORE_ERROR, CORE_ERROR_INVALID_FIELD);
  }
}

static void
test_card_no_staff_session (void)
{
  g_autoptr (CoreFiling) filing = core_filing_new ();
  g_autoptr (GError) error = NULL;

  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, "0e9b0a49-6c4a-4ac2-9a0e-6a2a1f3c9d12");
  core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "card");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, "passport");
  core_filing_set (filing, CORE_FILING_FIELD_STAFF_SESSION, STAFF_SESSION);
  g_assert_false (core_filing_validate (filing, &error));
  {
    g_autoptr (GPtrArray) errors = core_filing_validate_all (filing);
    gboolean found = FALSE;
    for (guint i = 0; i < errors->len; i++)
      {
        g_autofree char *field = core_error_get_field (g_ptr_array_index (errors, i));
        found = found || g_strcmp0 (field, "staff_session") == 0;
      }
    g_assert_true (found);
  }
}

static void
test_decode_errors (void)
{
  struct
  {
    const char *json;
    int code;
    const char *field;
  } cases[] = {
    { "[1]", CORE_ERROR_BAD_JSON, NULL },
    { "{\"sex\": 1}", CORE_ERROR_INVALID_FIELD, "sex" },
    { "{\"original_checked\": 1}", CORE_ERROR_INVALID_FIELD, "original_checked" },
    { "{\"bogus\": \"x\"}", CORE_ERROR_INVALID_FIELD, "bogus" },
    { "{\"Fav-Colour\": \"x\"}", CORE_ERROR_INVALID_FIELD, "Fav_Colour" },
    { "{}", CORE_ERROR_MISSING_FIELD, "filing_id" },
    { "{", CORE_ERROR_BAD_JSON, NULL },
    { "\xff", CORE_ERROR_BAD_JSON, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CoreFiling) filing = core_filing_new_from_json (cases[i].json, -1, &error);
      g_autofree char *field = core_error_get_field (error);

      g_assert_null (filing);
      g_assert_error (error, CORE_ERROR, cases[i].code);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
}

static void
test_error_helpers (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x: y");
  g_autofree char *field = NULL;
  g_autofree char *none = core_error_get_field (other);

  core_error_set_field (&error, CORE_ERROR_INVALID_FIELD, "birth_date", "not a date (%s)", "x");
  g_assert_cmpstr (error->message, ==, "birth_date: not a date (x)");
  field = core_error_get_field (error);
  g_assert_cmpstr (field, ==, "birth_date");
  g_assert_null (none);
  g_assert_cmpstr (core_error_code_to_string (CORE_ERROR_BAD_JSON), ==, "bad_json");
  g_assert_cmpstr (core_error_code_to_string (CORE_ERROR_INVALID_FIELD), ==, "invalid_field");
  g_assert_cmpstr (core_error_code_to_string (CORE_ERROR_MISSING_FIELD), ==, "missing_field");
  g_assert_cmpstr (core_error_code_to_string (CORE_ERROR_BAD_DATA), ==, "bad_data");

  /* what a form shows beside the field */
  g_assert_cmpstr (core_error_get_reason (error), ==, "not a date (x)");
  g_clear_error (&error);
  core_error_set_field (&error, CORE_ERROR_INVALID_FIELD, "specialties[0].valid_until",
                        "earlier than “%s”", "Valid from");
  g_assert_cmpstr (core_error_get_reason (error), ==, "earlier than “Valid from”");
  g_assert_cmpstr (core_error_get_reason (other), ==, "x: y");
}

static void
test_field_names (void)
{
  CoreFilingField field;

  for (guint f = 0; f < CORE_FILING_N_FIELDS; f++)
    {
      g_assert_true (core_filing_field_from_string (core_filing_field_to_string (f), &field));
      g_assert_cmpint (field, ==, f);
    }
  g_assert_false (core_filing_field_from_string ("nope", &field));
  g_assert_false (core_filing_field_from_string (NULL, &field));
}

static void
test_json_parse (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *deep = g_strnfill (CORE_JSON_MAX_DEPTH + 1, '[');
  g_autofree char *open = g_strnfill (CORE_JSON_MAX_DEPTH, '[');
  g_autofree char *close = g_strnfill (CORE_JSON_MAX_DEPTH, ']');
  g_autofree char *ok_depth = g_strconcat (open, close, NULL);
  g_autoptr (JsonNode) node = NULL;
  const char with_nul[] = "{\"a\":\"b\"}\0{}";
  /* brackets inside strings do not count */
  g_autofree char *quoted = g_strdup_printf ("{\"a\":\"%s\"}", deep);

  g_assert_null (core_json_parse (deep, strlen (deep), &error));
  g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_JSON);
  g_clear_error (&error);
  node = core_json_parse (ok_depth, strlen (ok_depth), &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);
  node = core_json_parse (quoted, strlen (quoted), &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);

  g_assert_null (core_json_parse (with_nul, sizeof with_nul - 1, &error));
  g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_JSON);
  g_clear_error (&error);
  g_assert_null (core_json_parse ("", 0, &error));
  g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_JSON);
  g_clear_error (&error);

  /* \u0000 would end the string early: refused in values and names */
  {
    const char *refused[] = { "{\"a\":\"ab\\u0000cd\"}", "{\"a\\u0000b\":1}", "[\"\\u0000\"]" };
    const char *accepted[] = { "{\"a\":\"ab\\\\u0000cd\"}", "{\"a\":\"\\u00001\\u0001\"}" };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_assert_null (core_json_parse (refused[i], strlen (refused[i]), &error));
        g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_JSON);
        g_assert_nonnull (strstr (error->message, "NUL"));
        g_clear_error (&error);
      }
    node = core_json_parse (accepted[0], strlen (accepted[0]), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "a"), ==,
                     "ab\\u0000cd");
    g_clear_pointer (&node, json_node_unref);
  }

  /* an error says where, not what */
  {
    const char text[] = "{\"name\": \"张三\",\n \"secret\" 13800000000}";

    g_assert_null (core_json_parse (text, sizeof text - 1, &error));
    g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_JSON);
    g_assert_nonnull (strstr (error->message, "line 2, column"));
    g_assert_null (strstr (error->message, "张"));
    g_assert_null (strstr (error->message, "secret"));
    g_assert_null (strstr (error->message, "13800000000"));
  }
}

static void
test_text_problems (void)
{
  const char *fine[] = { "张三", "O'Brien-Smith Jr.", "Zoë", "北京市 东城区" };
  const char *bad[] = { "a\tb",
                        "a\x7f",
                        "a\xc2\x85",
                        "张\xe2\x80\xae三",
                        "a\xe2\x81\xa6"
                        "b",
                        "a\xe2\x80\x8f"
                        "b",
                        "a\xd8\x9c"
                        "b",
                        "a\xe2\x80\xaa"
                        "b" };

  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    g_assert_null (core_text_get_problem (fine[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_nonnull (core_text_get_problem (bad[i]));
  g_assert_cmpstr (core_text_get_problem ("张\xe2\x80\xae三"), ==,
                   "contains bidirectional control characters");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/filing/decode-card", test_decode_card);
  g_test_add_func ("/core/text/problems", test_text_problems);
  g_test_add_func ("/core/filing/manual-rules", test_manual_rules);
  g_test_add_func ("/core/filing/card-no-staff-session", test_card_no_staff_session);
  g_test_add_func ("/core/filing/decode-errors", test_decode_errors);
  g_test_add_func ("/core/filing/field-names", test_field_names);
  g_test_add_func ("/core/error/helpers", test_error_helpers);
  g_test_add_func ("/core/json/parse", test_json_parse);
  return g_test_run ();
}
