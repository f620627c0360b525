/* test-core-record-kind.c: the record-kind table, its validation and its JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tests walk the table: every kind and every field (list items too) is
 * checked, so a kind or field added to the table is tested without a line
 * here, and a rule a field loses makes a test fail.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-dictionary-set.h"
#include "core-error.h"
#include "core-i18n.h"
#include "core-json.h"
#include "core-record-kind.h"

static CoreDictionarySet *dictionaries;

/* ---- walking the table ---- */

/* A field with the path of the object that holds it in a record made by
 * make_record(): "" for the record itself, "specialties[0]." for an item. */
typedef struct
{
  const CoreRecordKind *kind;
  const CoreRecordField *field;
  const CoreRecordField *siblings;
  guint n_siblings;
  char *prefix;
} FieldVisit;

static void
field_visit_free (FieldVisit *visit)
{
  g_free (visit->prefix);
  g_free (visit);
}

static void
collect_fields (GPtrArray *visits,
                const CoreRecordKind *kind,
                const CoreRecordField *fields,
                guint n_fields,
                const char *prefix)
{
  for (guint i = 0; i < n_fields; i++)
    {
      FieldVisit *visit = g_new0 (FieldVisit, 1);

      visit->kind = kind;
      visit->field = &fields[i];
      visit->siblings = fields;
      visit->n_siblings = n_fields;
      visit->prefix = g_strdup (prefix);
      g_ptr_array_add (visits, visit);
      if (fields[i].type == CORE_FIELD_LIST)
        {
          g_autofree char *item_prefix = g_strdup_printf ("%s%s[0].", prefix, fields[i].name);
          collect_fields (visits, kind, fields[i].items, fields[i].n_items, item_prefix);
        }
    }
}

/* Every field of every kind. */
static GPtrArray *
all_fields (void)
{
  GPtrArray *visits = g_ptr_array_new_with_free_func ((GDestroyNotify) field_visit_free);
  guint n_kinds;
  const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);

  for (guint k = 0; k < n_kinds; k++)
    collect_fields (visits, &kinds[k], kinds[k].fields, kinds[k].n_fields, "");
  return visits;
}

static char *
visit_path (const FieldVisit *visit)
{
  return g_strconcat (visit->prefix, visit->field->name, NULL);
}

/* Whether another field of the same object may not precede this one. */
static gboolean
is_start (const FieldVisit *visit)
{
  for (guint i = 0; i < visit->n_siblings; i++)
    {
      if (g_strcmp0 (visit->siblings[i].not_before, visit->field->name) == 0)
        return TRUE;
    }
  return FALSE;
}

static const CoreRecordField *
sibling (const FieldVisit *visit, const char *name)
{
  for (guint i = 0; i < visit->n_siblings; i++)
    {
      if (g_strcmp0 (visit->siblings[i].name, name) == 0)
        return &visit->siblings[i];
    }
  return NULL;
}

/* ---- valid records ---- */

static const char *
valid_text (CoreFieldFormat format)
{
  switch (format)
    {
      case CORE_FIELD_FORMAT_CERTIFICATE_NUMBER:
        return "粤A-2019（08）123";
      case CORE_FIELD_FORMAT_EDUCATION_CERTIFICATE:
        return "105581201905000123";
      case CORE_FIELD_FORMAT_PHONE:
        return "13800138000";
      case CORE_FIELD_FORMAT_CREDIT_CODE:
        return "914403001922038216";
      case CORE_FIELD_FORMAT_NONE:
      default:
        return "建设工程";
    }
}

static JsonObject *make_object (const CoreRecordField *fields, guint n_fields, gboolean all);

static JsonNode *
valid_value (const CoreRecordField *field)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  CoreDictionary *dictionary;
  JsonArray *array;

  switch (field->type)
    {
      case CORE_FIELD_TEXT:
        json_node_set_string (node, valid_text (field->format));
        break;
      /* a start, or an end after every start */
      case CORE_FIELD_DATE:
        json_node_set_string (node, field->not_before == NULL ? "2001-02-03" : "2005-06-07");
        break;
      case CORE_FIELD_YEAR_MONTH:
        json_node_set_string (node, field->not_before == NULL ? "2001-02" : "2005-06");
        break;
      case CORE_FIELD_DICTIONARY:
        dictionary = core_dictionary_set_lookup (dictionaries, field->dictionary);
        g_assert_nonnull (dictionary);
        json_node_set_string (node, core_dictionary_get_entry (dictionary, 0)->code);
        break;
      case CORE_FIELD_NUMBER:
        json_node_set_double (node, field->min);
        break;
      case CORE_FIELD_LIST:
        json_node_init_array (node, NULL);
        array = json_array_new ();
        json_array_add_object_element (array, make_object (field->items, field->n_items, TRUE));
        json_node_take_array (node, array);
        break;
      default:
        g_assert_not_reached ();
    }
  return node;
}

static JsonObject *
make_object (const CoreRecordField *fields, guint n_fields, gboolean all)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < n_fields; i++)
    {
      if (all || (fields[i].flags & CORE_FIELD_REQUIRED))
        json_object_set_member (object, fields[i].name, valid_value (&fields[i]));
    }
  return object;
}

/* A valid record of the visit's kind with every field. */
static JsonObject *
make_record (const CoreRecordKind *kind)
{
  return make_object (kind->fields, kind->n_fields, TRUE);
}

/* The object in @record that holds the visited field. */
static JsonObject *
holder (JsonObject *record, const FieldVisit *visit)
{
  g_auto (GStrv) parts = NULL;

  if (*visit->prefix == '\0')
    return record;
  /* "specialties[0]." */
  parts = g_strsplit_set (visit->prefix, "[", 2);
  return json_array_get_object_element (json_object_get_array_member (record, parts[0]), 0);
}

static GPtrArray *
validate (const CoreRecordKind *kind, JsonObject *record, CoreRecordValidateFlags flags)
{
  GPtrArray *errors = NULL;
  gboolean valid = core_record_validate (kind, dictionaries, record, flags, &errors);

  g_assert_nonnull (errors);
  g_assert_true (valid == (errors->len == 0));
  return errors;
}

static void
assert_valid (const CoreRecordKind *kind, JsonObject *record)
{
  g_autoptr (GPtrArray) errors = validate (kind, record, CORE_RECORD_VALIDATE_NONE);

  for (guint i = 0; i < errors->len; i++)
    g_test_message ("%s: %s", kind->name, ((GError *) g_ptr_array_index (errors, i))->message);
  g_assert_cmpuint (errors->len, ==, 0);
}

/* @record fails with exactly one error, about @path; returns its reason. */
static char *
assert_one_error (const CoreRecordKind *kind, JsonObject *record, const char *path, int code)
{
  g_autoptr (GPtrArray) errors = validate (kind, record, CORE_RECORD_VALIDATE_NONE);
  g_autofree char *field = NULL;
  GError *error;

  for (guint i = 0; i < errors->len; i++)
    g_test_message ("%s: %s", kind->name, ((GError *) g_ptr_array_index (errors, i))->message);
  if (errors->len != 1)
    g_error ("%s, %s: %u errors, expected one", kind->name, path, errors->len);
  error = g_ptr_array_index (errors, 0);
  g_assert_error (error, CORE_ERROR, code);
  field = core_error_get_field (error);
  g_assert_cmpstr (field, ==, path);
  return g_strdup (core_error_get_reason (error));
}

static void
set_string (JsonObject *object, const char *member, const char *value)
{
  json_object_set_string_member (object, member, value);
}

/* ---- the table itself ---- */

static gboolean
is_identifier (const char *name)
{
  if (name == NULL || *name == '\0' || !g_ascii_islower (*name))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
        return FALSE;
    }
  return TRUE;
}

static void
test_table (void)
{
  static const char *const editable[] = { "education", "degrees",      "titles",
                                          "trainings", "work-history", NULL };
  static const char *const read_only[] = { "registrations", "projects", NULL };
  g_autoptr (GPtrArray) visits = all_fields ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_kinds;
  const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);

  g_assert_cmpuint (n_kinds, ==,
                    g_strv_length ((GStrv) editable) + g_strv_length ((GStrv) read_only));
  for (guint k = 0; k < n_kinds; k++)
    {
      const CoreRecordKind *kind = &kinds[k];
      guint required = 0, key = 0;

      g_assert_true (core_record_kind_lookup (kind->name) == kind);
      g_assert_true (kind->editable ? g_strv_contains (editable, kind->name)
                                    : g_strv_contains (read_only, kind->name));
      g_assert_true (!kind->editable || kind->max_records > 0);
      g_assert_nonnull (kind->requirement);
      /* translated: the zh_CN table has it */
      g_assert_cmpstr (core_i18n_translate ("zh_CN", kind->title), !=, kind->title);
      g_assert_cmpstr (core_record_kind_get_title (kind), ==, kind->title);
      for (guint f = 0; f < kind->n_fields; f++)
        {
          required += core_record_field_is_required (&kind->fields[f]);
          key += core_record_field_is_key (&kind->fields[f]);
          g_assert_true (core_record_kind_lookup_field (kind, kind->fields[f].name) ==
                         &kind->fields[f]);
        }
      /* a list row needs something to show, a form something to insist on */
      g_assert_cmpuint (required, >, 0);
      g_assert_cmpuint (key, >, 0);
    }
  g_assert_null (core_record_kind_lookup ("education "));
  g_assert_null (core_record_kind_lookup (NULL));

  for (guint i = 0; i < visits->len; i++)
    {
      FieldVisit *visit = g_ptr_array_index (visits, i);
      const CoreRecordField *field = visit->field;
      g_autofree char *path = visit_path (visit);
      g_autofree char *key = g_strdup_printf ("%s/%s", visit->kind->name, path);

      g_test_message ("%s", key);
      g_assert_true (is_identifier (field->name));
      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, g_steal_pointer (&key));
      g_assert_cmpstr (core_i18n_translate ("zh_CN", field->label), !=, field->label);
      g_assert_cmpstr (core_record_field_get_label (field), ==, field->label);
      g_assert_nonnull (core_field_type_to_string (field->type));
      g_assert_true ((field->dictionary != NULL) == (field->type == CORE_FIELD_DICTIONARY));
      g_assert_true ((field->items != NULL) == (field->type == CORE_FIELD_LIST));
      g_assert_true (field->format == CORE_FIELD_FORMAT_NONE || field->type == CORE_FIELD_TEXT);
      if (field->type == CORE_FIELD_TEXT || field->type == CORE_FIELD_LIST)
        g_assert_cmpuint (field->max_length, >, 0);
      if (field->type == CORE_FIELD_NUMBER)
        g_assert_cmpfloat (field->min, <, field->max);
      if (field->flags & (CORE_FIELD_NOT_IN_FUTURE | CORE_FIELD_OPEN_END))
        g_assert_true (field->type == CORE_FIELD_DATE || field->type == CORE_FIELD_YEAR_MONTH);
      /* an open end is an absent end */
      g_assert_false ((field->flags & CORE_FIELD_OPEN_END) && (field->flags & CORE_FIELD_REQUIRED));
      if (field->not_before != NULL)
        {
          const CoreRecordField *start = sibling (visit, field->not_before);

          g_assert_nonnull (start);
          g_assert_cmpint (start->type, ==, field->type);
          g_assert_true (field->type == CORE_FIELD_DATE || field->type == CORE_FIELD_YEAR_MONTH);
          /* the valid records below give starts one date and ends a later one */
          g_assert_null (start->not_before);
        }
      if (field->format == CORE_FIELD_FORMAT_EDUCATION_CERTIFICATE)
        {
          g_assert_cmpstr (sibling (visit, "level")->dictionary, ==, "education-levels");
          g_assert_cmpint (sibling (visit, "graduated_on")->type, ==, CORE_FIELD_DATE);
        }
    }

  /* every dictionary named is shipped */
  core_record_kinds_check_dictionaries (dictionaries, &error);
  g_assert_no_error (error);
}

static void
test_missing_dictionary (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dictionaries-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "nations.json", NULL);
  g_autofree char *source =
      g_build_filename (core_dictionary_set_get_default_directory (), "nations.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (CoreDictionarySet) partial = NULL;

  g_assert_no_error (error);
  g_file_get_contents (source, &contents, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  partial = core_dictionary_set_new_from_directory (dir, &error);
  g_assert_no_error (error);

  g_assert_false (core_record_kinds_check_dictionaries (partial, &error));
  g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA);
  g_assert_nonnull (strstr (error->message, "education-levels"));
  g_unlink (path);
  g_rmdir (dir);
}

/* ---- validation, field by field ---- */

static void
test_valid (void)
{
  guint n_kinds;
  const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);

  for (guint k = 0; k < n_kinds; k++)
    {
      g_autoptr (JsonObject) full = make_record (&kinds[k]);
      g_autoptr (JsonObject) minimal = make_object (kinds[k].fields, kinds[k].n_fields, FALSE);
      g_autoptr (JsonObject) with_nulls = make_record (&kinds[k]);

      assert_valid (&kinds[k], full);
      assert_valid (&kinds[k], minimal);
      /* null is absent */
      for (guint f = 0; f < kinds[k].n_fields; f++)
        {
          if (!core_record_field_is_required (&kinds[k].fields[f]))
            json_object_set_null_member (with_nulls, kinds[k].fields[f].name);
        }
      assert_valid (&kinds[k], with_nulls);
    }
}

static void
test_required (void)
{
  g_autoptr (GPtrArray) visits = all_fields ();
  guint checked = 0;

  for (guint i = 0; i < visits->len; i++)
    {
      FieldVisit *visit = g_ptr_array_index (visits, i);
      g_autofree char *path = visit_path (visit);
      g_autoptr (JsonObject) absent = NULL;
      g_autoptr (JsonObject) null = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *reason_null = NULL;

      if (!core_record_field_is_required (visit->field))
        continue;
      g_test_message ("%s: %s", visit->kind->name, path);
      absent = make_record (visit->kind);
      json_object_remove_member (holder (absent, visit), visit->field->name);
      reason = assert_one_error (visit->kind, absent, path, CORE_ERROR_MISSING_FIELD);
      g_assert_cmpstr (reason, ==, "required");

      null = make_record (visit->kind);
      json_object_set_null_member (holder (null, visit), visit->field->name);
      reason_null = assert_one_error (visit->kind, null, path, CORE_ERROR_MISSING_FIELD);
      checked++;
    }
  g_assert_cmpuint (checked, >, 20);
}

static void
test_over_length (void)
{
  g_autoptr (GPtrArray) visits = all_fields ();

  for (guint i = 0; i < visits->len; i++)
    {
      FieldVisit *visit = g_ptr_array_index (visits, i);
      const CoreRecordField *field = visit->field;
      g_autofree char *path = visit_path (visit);
      g_autoptr (JsonObject) at_max = make_record (visit->kind);
      g_autoptr (JsonObject) over = make_record (visit->kind);
      g_autoptr (GString) text = g_string_new (NULL);
      g_autofree char *reason = NULL;
      g_autofree char *expected = NULL;

      g_test_message ("%s: %s", visit->kind->name, path);
      switch (field->type)
        {
          case CORE_FIELD_TEXT:
            /* characters, not bytes: each of these is three bytes */
            for (guint c = 0; c < field->max_length; c++)
              g_string_append (text, field->format == CORE_FIELD_FORMAT_NONE ? "字" : "1");
            if (field->format == CORE_FIELD_FORMAT_NONE ||
                field->format == CORE_FIELD_FORMAT_CERTIFICATE_NUMBER)
              {
                set_string (holder (at_max, visit), field->name, text->str);
                assert_valid (visit->kind, at_max);
              }
            g_string_append (text, "字");
            set_string (holder (over, visit), field->name, text->str);
            reason = assert_one_error (visit->kind, over, path, CORE_ERROR_INVALID_FIELD);
            expected = g_strdup_printf ("at most %u characters", field->max_length);
            g_assert_cmpstr (reason, ==, expected);
            break;
          case CORE_FIELD_LIST:
            {
              JsonArray *items = json_object_get_array_member (holder (over, visit), field->name);
              for (guint n = 1; n <= field->max_length; n++)
                json_array_add_object_element (items,
                                               make_object (field->items, field->n_items, TRUE));
              reason = assert_one_error (visit->kind, over, path, CORE_ERROR_INVALID_FIELD);
              expected = g_strdup_printf ("at most %u entries", field->max_length);
              g_assert_cmpstr (reason, ==, expected);
              json_array_remove_element (items, 0);
              assert_valid (visit->kind, over);
            }
            break;
          case CORE_FIELD_NUMBER:
            json_object_set_double_member (holder (at_max, visit), field->name, field->max);
            assert_valid (visit->kind, at_max);
            json_object_set_double_member (holder (over, visit), field->name, field->max + 1);
            g_free (assert_one_error (visit->kind, over, path, CORE_ERROR_INVALID_FIELD));
            json_object_set_double_member (holder (over, visit), field->name, field->min - 0.01);
            g_free (assert_one_error (visit->kind, over, path, CORE_ERROR_INVALID_FIELD));
            break;
          case CORE_FIELD_DATE:
          case CORE_FIELD_YEAR_MONTH:
          case CORE_FIELD_DICTIONARY:
            /* a date has its format's length; a long code is an unknown code */
            g_string_append (text,
                             json_object_get_string_member (holder (over, visit), field->name));
            g_string_append_c (text, '1');
            set_string (holder (over, visit), field->name, text->str);
            g_free (assert_one_error (visit->kind, over, path, CORE_ERROR_INVALID_FIELD));
            break;
          default:
            g_assert_not_reached ();
        }
    }
}

/* Values that break each format. */
static const char *const bad_values[][6] = {
  [CORE_FIELD_FORMAT_CERTIFICATE_NUMBER] = { "ABC", "A 123", "12#4", "１２３", "123\u3000", NULL },
  [CORE_FIELD_FORMAT_EDUCATION_CERTIFICATE] = { "ABC", "A 123", "12#4", NULL },
  [CORE_FIELD_FORMAT_PHONE] = { "12345", "1380013800", "23800138000", "010-1234",
                                "010-12345678-1234567", "+8613800138000" },
  [CORE_FIELD_FORMAT_CREDIT_CODE] = { "914403001922038217", "91440300708461136t",
                                      "91440300708461136", "I14403001922038216", NULL },
};

static void
test_rules (void)
{
  g_autoptr (GPtrArray) visits = all_fields ();
  static const char *const bad_dates[] = { "2023-02-30", "2023-02-29", "2023-13-01",
                                           "2023-00-10", "2023-1-01",  "1899-12-31",
                                           "2023/01/01", "20230101",   "2023-01-01T00:00:00",
                                           NULL };
  static const char *const bad_months[] = { "2023-13",    "2023-00", "23-01", "2023-1",
                                            "2023-01-01", "1899-12", NULL };
  guint broken = 0;

  for (guint i = 0; i < visits->len; i++)
    {
      FieldVisit *visit = g_ptr_array_index (visits, i);
      const CoreRecordField *field = visit->field;
      g_autofree char *path = visit_path (visit);
      g_autoptr (JsonObject) record = make_record (visit->kind);
      JsonObject *object = holder (record, visit);

      g_test_message ("%s: %s", visit->kind->name, path);

      /* dates that do not exist */
      for (guint d = 0; field->type == CORE_FIELD_DATE && bad_dates[d] != NULL; d++)
        {
          set_string (object, field->name, bad_dates[d]);
          g_free (assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD));
        }
      for (guint d = 0; field->type == CORE_FIELD_YEAR_MONTH && bad_months[d] != NULL; d++)
        {
          set_string (object, field->name, bad_months[d]);
          g_free (assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD));
        }

      /* not in the future */
      if (field->flags & CORE_FIELD_NOT_IN_FUTURE)
        {
          g_autofree char *reason = NULL;
          set_string (object, field->name,
                      field->type == CORE_FIELD_DATE ? "2099-12-31" : "2099-12");
          reason = assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD);
          g_assert_cmpstr (reason, ==, "lies in the future");
          broken++;
        }
      else if (field->type == CORE_FIELD_DATE && !is_start (visit))
        {
          set_string (object, field->name, "2099-12-31");
          assert_valid (visit->kind, record);
        }

      /* end >= start: the end is named */
      if (field->not_before != NULL)
        {
          g_autofree char *reason = NULL;
          g_autofree char *expected = NULL;
          const char *start = json_object_get_string_member (object, field->not_before);

          set_string (object, field->name, start);
          assert_valid (visit->kind, record);
          set_string (object, field->name,
                      field->type == CORE_FIELD_DATE ? "1990-01-01" : "1990-01");
          reason = assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD);
          expected =
              g_strdup_printf ("earlier than “%s”",
                               core_record_field_get_label (sibling (visit, field->not_before)));
          g_assert_cmpstr (reason, ==, expected);
          broken++;
        }

      /* 至今: left out, never written */
      if (field->flags & CORE_FIELD_OPEN_END)
        {
          json_object_remove_member (object, field->name);
          assert_valid (visit->kind, record);
          set_string (object, field->name, "至今");
          g_free (assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD));
          set_string (object, field->name, "");
          g_free (assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD));
          broken++;
        }

      /* formats */
      for (guint b = 0; field->format != CORE_FIELD_FORMAT_NONE &&
                        b < G_N_ELEMENTS (bad_values[0]) && bad_values[field->format][b] != NULL;
           b++)
        {
          set_string (object, field->name, bad_values[field->format][b]);
          g_test_message ("  %s", bad_values[field->format][b]);
          g_free (assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD));
          broken++;
        }

      /* codes not in the dictionary */
      if (field->type == CORE_FIELD_DICTIONARY)
        {
          g_autofree char *reason = NULL;
          CoreDictionary *dictionary = core_dictionary_set_lookup (dictionaries, field->dictionary);
          const CoreDictionaryEntry *last = core_dictionary_get_entry (
              dictionary, core_dictionary_get_n_entries (dictionary) - 1);

          set_string (object, field->name, last->code);
          assert_valid (visit->kind, record);
          /* a label is not a code */
          set_string (object, field->name, last->label_zh_cn);
          g_free (assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD));
          set_string (object, field->name, "no-such-code");
          reason = assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD);
          g_assert_cmpstr (reason, ==, "not one of the choices");
          broken++;
        }
    }
  g_assert_cmpuint (broken, >, 30);
}

static void
test_education_certificate (void)
{
  const CoreRecordKind *kind = core_record_kind_lookup ("education");
  g_autoptr (JsonObject) record = make_record (kind);

  /* a bachelor's diploma of 2019: registered, 18 digits */
  set_string (record, "level", "21");
  set_string (record, "graduated_on", "2019-07-01");
  set_string (record, "certificate_number", "105581201905000123");
  assert_valid (kind, record);
  set_string (record, "certificate_number", "1055812019050001");
  g_free (assert_one_error (kind, record, "certificate_number", CORE_ERROR_INVALID_FIELD));
  set_string (record, "certificate_number", "10558120190500012X");
  g_free (assert_one_error (kind, record, "certificate_number", CORE_ERROR_INVALID_FIELD));
  /* … of 1995: any certificate number */
  set_string (record, "enrolled_on", "1991-09-01");
  set_string (record, "graduated_on", "1995-07-01");
  set_string (record, "certificate_number", "95-京-0123");
  assert_valid (kind, record);
  /* a high-school certificate of 2019: any certificate number */
  set_string (record, "level", "61");
  set_string (record, "graduated_on", "2019-07-01");
  assert_valid (kind, record);
}

static void
test_formats (void)
{
  g_assert_true (core_credit_code_is_valid ("914403001922038216"));
  g_assert_true (core_credit_code_is_valid ("91440300708461136T"));
  g_assert_true (core_credit_code_is_valid ("91330100799655058B"));
  g_assert_false (core_credit_code_is_valid ("91330100799655058C"));
  g_assert_false (core_credit_code_is_valid ("91110000100000000X"));
  g_assert_false (core_credit_code_is_valid (NULL));
  g_assert_false (core_credit_code_is_valid (""));

  g_assert_true (core_phone_number_is_valid ("13800138000"));
  g_assert_true (core_phone_number_is_valid ("010-62345678"));
  g_assert_true (core_phone_number_is_valid ("01062345678"));
  g_assert_true (core_phone_number_is_valid ("0755-8234567"));
  g_assert_true (core_phone_number_is_valid ("0755-82345678-123"));
  g_assert_false (core_phone_number_is_valid ("010-12345678"));
  g_assert_false (core_phone_number_is_valid ("0755-8234567-"));
  g_assert_false (core_phone_number_is_valid ("62345678"));
  g_assert_false (core_phone_number_is_valid ("00-62345678"));
  g_assert_false (core_phone_number_is_valid (NULL));
}

static void
test_unknown_members (void)
{
  guint n_kinds;
  const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);
  const CoreRecordKind *registrations = core_record_kind_lookup ("registrations");
  g_autoptr (JsonObject) nested = make_record (registrations);
  JsonObject *item;

  for (guint k = 0; k < n_kinds; k++)
    {
      g_autoptr (JsonObject) record = make_record (&kinds[k]);
      g_autoptr (JsonObject) odd = make_record (&kinds[k]);
      g_autoptr (JsonObject) meta = make_record (&kinds[k]);
      g_autoptr (GPtrArray) errors = NULL;
      g_autofree char *reason = NULL;

      set_string (record, "nickname", "x");
      reason = assert_one_error (&kinds[k], record, "nickname", CORE_ERROR_INVALID_FIELD);
      g_assert_cmpstr (reason, ==, "unknown field");
      /* a hostile member name is shown as plain characters */
      set_string (odd, "a\u202e\"b: c", "x");
      g_free (assert_one_error (&kinds[k], odd, "a____b__c", CORE_ERROR_INVALID_FIELD));
      /* a new record has no id or version */
      json_object_set_int_member (meta, "version", 1);
      json_object_set_int_member (meta, "id", 1);
      errors = validate (&kinds[k], meta, CORE_RECORD_VALIDATE_NONE);
      g_assert_cmpuint (errors->len, ==, 2);
    }

  item = json_array_get_object_element (json_object_get_array_member (nested, "specialties"), 0);
  set_string (item, "nickname", "x");
  g_free (assert_one_error (registrations, nested, "specialties[0].nickname",
                            CORE_ERROR_INVALID_FIELD));
}

static void
test_wrong_types (void)
{
  g_autoptr (GPtrArray) visits = all_fields ();

  for (guint i = 0; i < visits->len; i++)
    {
      FieldVisit *visit = g_ptr_array_index (visits, i);
      const CoreRecordField *field = visit->field;
      g_autofree char *path = visit_path (visit);
      g_autoptr (JsonObject) record = make_record (visit->kind);
      JsonObject *object = holder (record, visit);

      g_test_message ("%s: %s", visit->kind->name, path);
      json_object_set_boolean_member (object, field->name, TRUE);
      g_free (assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD));
      json_object_set_object_member (object, field->name, json_object_new ());
      g_free (assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD));
      if (field->type == CORE_FIELD_NUMBER)
        {
          set_string (object, field->name, "1");
          g_free (assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD));
        }
      else
        {
          json_object_set_int_member (object, field->name, 1);
          g_free (assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD));
        }
      if (field->type == CORE_FIELD_LIST)
        {
          g_autofree char *item_path = g_strdup_printf ("%s[0]", path);
          JsonArray *array = json_array_new ();
          json_array_add_string_element (array, "x");
          json_object_set_array_member (object, field->name, array);
          g_free (assert_one_error (visit->kind, record, item_path, CORE_ERROR_INVALID_FIELD));
        }
    }
}

/* NUL cannot reach a JsonObject: the parser refuses it in any field. */
static void
test_nul (void)
{
  g_autoptr (GPtrArray) visits = all_fields ();

  for (guint i = 0; i < visits->len; i++)
    {
      FieldVisit *visit = g_ptr_array_index (visits, i);
      g_autoptr (JsonObject) record = make_record (visit->kind);
      g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) parsed = NULL;
      g_autofree char *text = NULL;
      g_autofree char *with_nul = NULL;
      g_autofree char *marker = g_strdup_printf ("%s-MARK", visit->field->name);
      char *at;

      if (visit->field->type == CORE_FIELD_NUMBER || visit->field->type == CORE_FIELD_LIST)
        continue;
      set_string (holder (record, visit), visit->field->name, marker);
      json_node_set_object (root, record);
      text = json_to_string (root, FALSE);
      at = strstr (text, "-MARK");
      g_assert_nonnull (at);
      *at = '\0';
      with_nul = g_strconcat (text, "\\u0000", at + 5, NULL);
      parsed = core_json_parse (with_nul, strlen (with_nul), &error);
      g_assert_null (parsed);
      g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_JSON);
    }
}

static void
test_bidi_and_controls (void)
{
  static const char *const bad[] = {
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",   "\u2068", "\u2069",
    "\u200e", "\u200f", "\u061c", "\x01",   "\n",     "\x7f",   "\xc2\x85", "\u2028",
  };
  g_autoptr (GPtrArray) visits = all_fields ();

  for (guint i = 0; i < visits->len; i++)
    {
      FieldVisit *visit = g_ptr_array_index (visits, i);
      const CoreRecordField *field = visit->field;
      g_autofree char *path = visit_path (visit);

      if (field->type == CORE_FIELD_NUMBER || field->type == CORE_FIELD_LIST)
        continue;
      for (guint b = 0; b < G_N_ELEMENTS (bad); b++)
        {
          g_autoptr (JsonObject) record = make_record (visit->kind);
          JsonObject *object = holder (record, visit);
          g_autofree char *value = NULL;
          g_autofree char *reason = NULL;

          value = g_strconcat (json_object_get_string_member (object, field->name), bad[b], NULL);
          set_string (object, field->name, value);
          reason = assert_one_error (visit->kind, record, path, CORE_ERROR_INVALID_FIELD);
          g_assert_cmpstr (reason, ==,
                           b < 12 ? "contains bidirectional formatting characters"
                                  : "contains control characters");
        }
    }
}

static void
test_every_error (void)
{
  const CoreRecordKind *kind = core_record_kind_lookup ("work-history");
  g_autoptr (JsonObject) record = make_record (kind);
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  json_object_remove_member (record, "company");
  set_string (record, "start_month", "2023-13");
  set_string (record, "referee_phone", "12345");
  set_string (record, "colour", "blue");
  errors = validate (kind, record, CORE_RECORD_VALIDATE_NONE);
  g_assert_cmpuint (errors->len, ==, 4);
  for (guint i = 0; i < errors->len; i++)
    g_hash_table_add (fields, core_error_get_field (g_ptr_array_index (errors, i)));
  g_assert_true (g_hash_table_contains (fields, "company"));
  g_assert_true (g_hash_table_contains (fields, "start_month"));
  g_assert_true (g_hash_table_contains (fields, "referee_phone"));
  g_assert_true (g_hash_table_contains (fields, "colour"));
}

static void
test_update (void)
{
  const CoreRecordKind *kind = core_record_kind_lookup ("titles");
  g_autoptr (JsonObject) record = make_record (kind);
  g_autoptr (GPtrArray) errors = NULL;
  g_autofree char *field = NULL;

  errors = validate (kind, record, CORE_RECORD_VALIDATE_UPDATE);
  g_assert_cmpuint (errors->len, ==, 1);
  field = core_error_get_field (g_ptr_array_index (errors, 0));
  g_assert_cmpstr (field, ==, "version");
  g_assert_error ((GError *) g_ptr_array_index (errors, 0), CORE_ERROR, CORE_ERROR_MISSING_FIELD);
  g_clear_pointer (&errors, g_ptr_array_unref);

  json_object_set_int_member (record, "version", 3);
  json_object_set_int_member (record, "id", 17);
  errors = validate (kind, record, CORE_RECORD_VALIDATE_UPDATE);
  g_assert_cmpuint (errors->len, ==, 0);
  g_clear_pointer (&errors, g_ptr_array_unref);

  json_object_set_string_member (record, "version", "3");
  json_object_set_double_member (record, "id", 1.5);
  errors = validate (kind, record, CORE_RECORD_VALIDATE_UPDATE);
  g_assert_cmpuint (errors->len, ==, 2);
  g_clear_pointer (&errors, g_ptr_array_unref);

  json_object_set_int_member (record, "version", 0);
  json_object_remove_member (record, "id");
  errors = validate (kind, record, CORE_RECORD_VALIDATE_UPDATE);
  g_assert_cmpuint (errors->len, ==, 1);
}

/* ---- the table as JSON ---- */

static void
assert_labels (JsonObject *object, const char *member, const char *msgid)
{
  JsonObject *labels = json_object_get_object_member (object, member);

  g_assert_nonnull (labels);
  g_assert_cmpuint (json_object_get_size (labels), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (labels, "en"), ==, msgid);
  g_assert_cmpstr (json_object_get_string_member (labels, "zh_CN"), ==,
                   core_i18n_translate ("zh_CN", msgid));
  g_assert_cmpstr (json_object_get_string_member (labels, "zh_CN"), !=, msgid);
}

static void
assert_fields (JsonArray *array, const CoreRecordField *fields, guint n_fields)
{
  g_assert_cmpuint (json_array_get_length (array), ==, n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CoreRecordField *field = &fields[i];
      JsonObject *object = json_array_get_object_element (array, i);
      JsonObject *rule = json_object_get_object_member (object, "rule");
      guint members = 6; /* name, label, type, required, key, rule */
      guint rules = 0;

      g_test_message ("  %s", field->name);
      g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, field->name);
      assert_labels (object, "label", field->label);
      g_assert_cmpstr (json_object_get_string_member (object, "type"), ==,
                       core_field_type_to_string (field->type));
      g_assert_true (json_object_get_boolean_member (object, "required") ==
                     core_record_field_is_required (field));
      g_assert_true (json_object_get_boolean_member (object, "key") ==
                     core_record_field_is_key (field));
      switch (field->type)
        {
          case CORE_FIELD_TEXT:
            g_assert_cmpint (json_object_get_int_member (object, "max_length"), ==,
                             field->max_length);
            members += 1;
            break;
          case CORE_FIELD_DICTIONARY:
            g_assert_cmpstr (json_object_get_string_member (object, "dictionary"), ==,
                             field->dictionary);
            members += 1;
            break;
          case CORE_FIELD_NUMBER:
            g_assert_cmpfloat (json_object_get_double_member (object, "min"), ==, field->min);
            g_assert_cmpfloat (json_object_get_double_member (object, "max"), ==, field->max);
            members += 2;
            break;
          case CORE_FIELD_LIST:
            g_assert_cmpint (json_object_get_int_member (object, "max_items"), ==,
                             field->max_length);
            assert_fields (json_object_get_array_member (object, "fields"), field->items,
                           field->n_items);
            members += 2;
            break;
          case CORE_FIELD_DATE:
          case CORE_FIELD_YEAR_MONTH:
          default:
            break;
        }
      g_assert_cmpuint (json_object_get_size (object), ==, members);

      g_assert_nonnull (rule);
      if (field->format != CORE_FIELD_FORMAT_NONE)
        {
          g_assert_cmpstr (json_object_get_string_member (rule, "format"), ==,
                           core_field_format_to_string (field->format));
          rules++;
        }
      if (field->not_before != NULL)
        {
          g_assert_cmpstr (json_object_get_string_member (rule, "not_before"), ==,
                           field->not_before);
          rules++;
        }
      if (field->flags & CORE_FIELD_NOT_IN_FUTURE)
        {
          g_assert_true (json_object_get_boolean_member (rule, "not_in_future"));
          rules++;
        }
      if (field->flags & CORE_FIELD_OPEN_END)
        {
          g_assert_true (json_object_get_boolean_member (rule, "open_end"));
          rules++;
        }
      g_assert_cmpuint (json_object_get_size (rule), ==, rules);
    }
}

static void
test_json (void)
{
  g_autoptr (JsonNode) node = core_record_kinds_to_json ();
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) parsed = core_json_parse (text, strlen (text), &error);
  JsonObject *root;
  JsonArray *kinds_json;
  guint n_kinds;
  const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);

  g_assert_no_error (error);
  root = json_node_get_object (parsed);
  g_assert_cmpuint (json_object_get_size (root), ==, 1);
  kinds_json = json_object_get_array_member (root, "kinds");
  g_assert_cmpuint (json_array_get_length (kinds_json), ==, n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      JsonObject *kind = json_array_get_object_element (kinds_json, k);

      g_test_message ("%s", kinds[k].name);
      g_assert_cmpstr (json_object_get_string_member (kind, "name"), ==, kinds[k].name);
      assert_labels (kind, "title", kinds[k].title);
      g_assert_cmpstr (json_object_get_string_member (kind, "requirement"), ==,
                       kinds[k].requirement);
      g_assert_true (json_object_get_boolean_member (kind, "editable") == kinds[k].editable);
      g_assert_true (json_object_get_boolean_member (kind, "attachments") == kinds[k].attachments);
      if (kinds[k].editable)
        g_assert_cmpint (json_object_get_int_member (kind, "max_records"), ==,
                         kinds[k].max_records);
      g_assert_cmpuint (json_object_get_size (kind), ==, kinds[k].editable ? 7 : 6);
      assert_fields (json_object_get_array_member (kind, "fields"), kinds[k].fields,
                     kinds[k].n_fields);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dictionaries =
      core_dictionary_set_new_from_directory (core_dictionary_set_get_default_directory (), &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/record-kind/table", test_table);
  g_test_add_func ("/core/record-kind/missing-dictionary", test_missing_dictionary);
  g_test_add_func ("/core/record-kind/valid", test_valid);
  g_test_add_func ("/core/record-kind/required", test_required);
  g_test_add_func ("/core/record-kind/over-length", test_over_length);
  g_test_add_func ("/core/record-kind/rules", test_rules);
  g_test_add_func ("/core/record-kind/education-certificate", test_education_certificate);
  g_test_add_func ("/core/record-kind/formats", test_formats);
  g_test_add_func ("/core/record-kind/unknown-members", test_unknown_members);
  g_test_add_func ("/core/record-kind/wrong-types", test_wrong_types);
  g_test_add_func ("/core/record-kind/nul", test_nul);
  g_test_add_func ("/core/record-kind/bidi-and-controls", test_bidi_and_controls);
  g_test_add_func ("/core/record-kind/every-error", test_every_error);
  g_test_add_func ("/core/record-kind/update", test_update);
  g_test_add_func ("/core/record-kind/json", test_json);
  status = g_test_run ();
  g_object_unref (dictionaries);
  return status;
}
