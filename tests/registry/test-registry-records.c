/* test-registry-records.c: practice-information records over a real registry process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test walks the kind table of core-record-kind.c, so a kind added
 * tomorrow is created, listed, read, updated, refused and deleted here
 * without a line of test code: a valid record of each kind is made from its
 * description. Two filed people, A and B, each with a session on one
 * enrolled kiosk; the registry's clock moves only when a test moves it.
 */

#include "config.h"

#include <string.h>

#include "core-dictionary-set.h"
#include "core-record-kind.h"
#include "registry-test-util.h"

#define ANSWER "K7MP"
#define PLANTED "某某学院PLANTED731"
#define N_PARALLEL 20

typedef struct
{
  char *url;
  char *spool;
  char *clock;
  gint64 start;
  char *token;
  char *number_a;
  char *number_b;
  char *phone_a;
  char *phone_b;
  char *session_a;
  char *session_b;
  RegistryStorage *storage;
  RegistryTestProcess *process;
  SoupSession *session;
} Fixture;

static RegistryTestCluster *cluster;
static CoreDictionarySet *dictionaries;

static void
set_clock (Fixture *fx, gint64 offset)
{
  g_autofree char *text = g_strdup_printf ("@%" G_GINT64_FORMAT "\n", fx->start + offset);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (fx->clock, text, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  static guint n;
  g_autofree char *spool_arg = NULL;
  g_autoptr (GError) error = NULL;

  n++;
  fx->url = registry_test_cluster_new_database (cluster);
  fx->token = registry_test_enroll_device (fx->url, "kiosk-1");
  fx->spool = g_strdup_printf ("%s/spool-records-%u", registry_test_cluster_get_dir (cluster), n);
  g_assert_cmpint (g_mkdir_with_parents (fx->spool, 0700), ==, 0);
  fx->clock = g_strdup_printf ("%s/clock-records-%u", registry_test_cluster_get_dir (cluster), n);
  fx->start = g_get_real_time () / G_USEC_PER_SEC;
  set_clock (fx, 0);
  spool_arg = g_strconcat ("spool:", fx->spool, NULL);
  {
    const char *args[] = { "--sms", spool_arg,           "--test-captcha-answer",
                           ANSWER,  "--test-clock-file", fx->clock,
                           NULL };
    fx->process = registry_test_process_start (cluster, fx->url, args);
  }
  fx->session = soup_session_new ();
  fx->storage = registry_storage_open (fx->url, &error);
  g_assert_no_error (error);

  fx->number_a = registry_test_resident_number (1980, 11);
  fx->number_b = registry_test_resident_number (1981, 12);
  fx->phone_a = registry_test_phone_number (8011);
  fx->phone_b = registry_test_phone_number (8012);
  registry_test_file_person (fx->session, fx->process, fx->token, 1980, 11, fx->phone_a);
  registry_test_file_person (fx->session, fx->process, fx->token, 1981, 12, fx->phone_b);
  fx->session_a = registry_test_person_session (fx->session, fx->process, fx->token, fx->spool,
                                                ANSWER, fx->number_a, fx->phone_a);
  fx->session_b = registry_test_person_session (fx->session, fx->process, fx->token, fx->spool,
                                                ANSWER, fx->number_b, fx->phone_b);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->session);
  g_clear_object (&fx->storage);
  registry_test_process_stop (fx->process);
  g_free (fx->url);
  g_free (fx->spool);
  g_free (fx->clock);
  g_free (fx->token);
  g_free (fx->number_a);
  g_free (fx->number_b);
  g_free (fx->phone_a);
  g_free (fx->phone_b);
  g_free (fx->session_a);
  g_free (fx->session_b);
}

static RegistryTestReply *
call (Fixture *fx, const char *session, const char *method, const char *path, const char *body)
{
  return registry_test_request_session (fx->session, fx->process, method, path, fx->token, session,
                                        body);
}

static gint64
count (Fixture *fx, const char *sql)
{
  return registry_test_count (fx->storage, sql);
}

/* ---- records made from the kind table ---- */

/* A value the field takes; @later for the field that may not precede
 * another (end >= start). */
static JsonNode *
sample_value (const CoreRecordField *field, gboolean later)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  switch (field->type)
    {
      case CORE_FIELD_TEXT:
        switch (field->format)
          {
            case CORE_FIELD_FORMAT_CERTIFICATE_NUMBER:
              json_node_set_string (node, "京A2020-0001");
              break;
            case CORE_FIELD_FORMAT_EDUCATION_CERTIFICATE:
              json_node_set_string (node, "105611201505001234");
              break;
            case CORE_FIELD_FORMAT_PHONE:
              json_node_set_string (node, "13912345678");
              break;
            case CORE_FIELD_FORMAT_CREDIT_CODE:
              json_node_set_string (node, "91110000100000000R");
              break;
            case CORE_FIELD_FORMAT_NONE:
            default:
              json_node_set_string (node, "测试单位");
              break;
          }
        break;
      case CORE_FIELD_DATE:
        json_node_set_string (node, later ? "2015-07-01" : "2011-09-01");
        break;
      case CORE_FIELD_YEAR_MONTH:
        json_node_set_string (node, later ? "2015-07" : "2011-09");
        break;
      case CORE_FIELD_DICTIONARY:
        {
          CoreDictionary *dictionary = core_dictionary_set_lookup (dictionaries, field->dictionary);
          json_node_set_string (node, core_dictionary_get_entry (dictionary, 0)->code);
        }
        break;
      case CORE_FIELD_NUMBER:
        json_node_set_double (node, MAX (field->min, 1));
        break;
      case CORE_FIELD_LIST:
      default:
        json_node_unref (node);
        return json_node_init_array (json_node_alloc (), json_array_new ());
    }
  return node;
}

/* Every field of @kind with a valid value, minus @leave_out. */
static JsonObject *
sample_record (const CoreRecordKind *kind, const char *leave_out)
{
  JsonObject *record = json_object_new ();

  for (guint f = 0; f < kind->n_fields; f++)
    {
      const CoreRecordField *field = &kind->fields[f];
      if (g_strcmp0 (field->name, leave_out) == 0)
        continue;
      json_object_set_member (record, field->name, sample_value (field, field->not_before != NULL));
    }
  return record;
}

static char *
to_text (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

static char *
sample_text (const CoreRecordKind *kind, const char *leave_out)
{
  g_autoptr (JsonObject) record = sample_record (kind, leave_out);
  return to_text (record);
}

/* The first text field of @kind without a format: where a test writes what
 * it wants to find (or not) later. */
static const CoreRecordField *
free_text_field (const CoreRecordKind *kind)
{
  for (guint f = 0; f < kind->n_fields; f++)
    {
      if (kind->fields[f].type == CORE_FIELD_TEXT &&
          kind->fields[f].format == CORE_FIELD_FORMAT_NONE)
        return &kind->fields[f];
    }
  g_assert_not_reached ();
}

static char *
kind_path (const CoreRecordKind *kind, gint64 id)
{
  if (id == 0)
    return g_strdup_printf ("/v1/me/%s", kind->name);
  return g_strdup_printf ("/v1/me/%s/%" G_GINT64_FORMAT, kind->name, id);
}

static gint64
create (Fixture *fx, const char *session, const CoreRecordKind *kind, const char *body)
{
  g_autofree char *path = kind_path (kind, 0);
  g_autoptr (RegistryTestReply) reply = call (fx, session, "POST", path, body);

  if (reply->status != 201)
    g_error ("POST %s: %u %s", path, reply->status, reply->body);
  g_assert_cmpint (registry_test_json_int (reply->json, "version"), ==, 1);
  return registry_test_json_int (reply->json, "id");
}

/* The `fields` of an error answer, by name. */
static GHashTable *
failed_fields (RegistryTestReply *reply)
{
  GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *error = json_object_get_member (json_node_get_object (reply->json), "error");
  JsonNode *fields = json_object_get_member (json_node_get_object (error), "fields");

  g_assert_nonnull (fields);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (fields)); i++)
    {
      JsonObject *item =
          json_node_get_object (json_array_get_element (json_node_get_array (fields), i));
      g_hash_table_add (names, (gpointer) json_object_get_string_member (item, "field"));
    }
  return names;
}

/* The kinds of the table in order, after @kind (%NULL: the first);
 * @editable_only skips the read-only ones. */
static const CoreRecordKind *
next_kind (const CoreRecordKind *kind, gboolean editable_only)
{
  guint n_kinds;
  const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);

  for (kind = kind == NULL ? kinds : kind + 1; kind < kinds + n_kinds; kind++)
    {
      if (!editable_only || kind->editable)
        return kind;
    }
  return NULL;
}

/* ---- the life of a record ---- */

static void
test_life (Fixture *fx, gconstpointer data)
{
  for (const CoreRecordKind *kind = next_kind (NULL, TRUE); kind != NULL;
       kind = next_kind (kind, TRUE))
    {
      const CoreRecordField *text = free_text_field (kind);
      g_autofree char *body = sample_text (kind, NULL);
      g_autofree char *list_path = kind_path (kind, 0);
      g_autofree char *item_path = NULL;
      g_autofree char *stale = NULL;
      g_autoptr (JsonObject) changed = sample_record (kind, NULL);
      RegistryTestReply *reply;
      gint64 first;
      gint64 second;

      g_test_message ("%s", kind->name);
      first = create (fx, fx->session_a, kind, body);
      second = create (fx, fx->session_a, kind, body);
      g_assert_cmpint (second, >, first);

      /* listed newest first, each with id, version and the fields sent */
      reply = call (fx, fx->session_a, "GET", list_path, NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpstr (registry_test_json_string (reply->json, "kind"), ==, kind->name);
      g_assert_cmpint (registry_test_json_int (reply->json, "records.0.id"), ==, second);
      g_assert_cmpint (registry_test_json_int (reply->json, "records.1.id"), ==, first);
      g_assert_null (registry_test_json_string (reply->json, "records.2.id"));
      {
        g_autofree char *member = g_strdup_printf ("records.1.%s", text->name);
        g_assert_cmpstr (registry_test_json_string (reply->json, member), ==, "测试单位");
      }
      registry_test_reply_free (reply);

      /* read, change, and a stale change refused with the record as it is */
      item_path = kind_path (kind, first);
      reply = call (fx, fx->session_a, "GET", item_path, NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpint (registry_test_json_int (reply->json, "id"), ==, first);
      g_assert_cmpint (registry_test_json_int (reply->json, "version"), ==, 1);
      registry_test_reply_free (reply);

      json_object_set_string_member (changed, text->name, "改过的单位");
      json_object_set_int_member (changed, "version", 1);
      json_object_set_int_member (changed, "id", first);
      {
        g_autofree char *changed_text = to_text (changed);
        reply = call (fx, fx->session_a, "PUT", item_path, changed_text);
        g_assert_cmpuint (reply->status, ==, 200);
        g_assert_cmpint (registry_test_json_int (reply->json, "version"), ==, 2);
        registry_test_reply_free (reply);

        reply = call (fx, fx->session_a, "PUT", item_path, changed_text);
        g_assert_cmpuint (reply->status, ==, 409);
        g_assert_cmpstr (registry_test_json_string (reply->json, "error.code"), ==, "conflict");
        g_assert_cmpint (registry_test_json_int (reply->json, "error.current.version"), ==, 2);
        g_assert_cmpint (registry_test_json_int (reply->json, "error.current.id"), ==, first);
        {
          g_autofree char *member = g_strdup_printf ("error.current.%s", text->name);
          g_assert_cmpstr (registry_test_json_string (reply->json, member), ==, "改过的单位");
        }
        registry_test_reply_free (reply);
      }
      /* a body naming another record than the path */
      json_object_set_int_member (changed, "version", 2);
      json_object_set_int_member (changed, "id", second);
      stale = to_text (changed);
      reply = call (fx, fx->session_a, "PUT", item_path, stale);
      g_assert_cmpuint (reply->status, ==, 422);
      g_assert_cmpstr (registry_test_json_string (reply->json, "error.field"), ==, "id");
      registry_test_reply_free (reply);

      reply = call (fx, fx->session_a, "GET", item_path, NULL);
      g_assert_cmpint (registry_test_json_int (reply->json, "version"), ==, 2);
      registry_test_reply_free (reply);

      /* deleted: gone, and gone again */
      reply = call (fx, fx->session_a, "DELETE", item_path, NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_true (registry_test_json_bool (reply->json, "deleted"));
      g_assert_cmpint (registry_test_json_int (reply->json, "id"), ==, first);
      registry_test_reply_free (reply);
      reply = call (fx, fx->session_a, "GET", item_path, NULL);
      g_assert_cmpuint (reply->status, ==, 404);
      registry_test_reply_free (reply);
      reply = call (fx, fx->session_a, "DELETE", item_path, NULL);
      g_assert_cmpuint (reply->status, ==, 404);
      registry_test_reply_free (reply);
      reply = call (fx, fx->session_a, "GET", list_path, NULL);
      g_assert_cmpint (registry_test_json_int (reply->json, "records.0.id"), ==, second);
      g_assert_null (registry_test_json_string (reply->json, "records.1.id"));
      registry_test_reply_free (reply);
    }
}

/* ---- validation ---- */

static void
expect_fields (Fixture *fx, const CoreRecordKind *kind, const char *body, const char *const *names)
{
  g_autofree char *path = kind_path (kind, 0);
  g_autoptr (RegistryTestReply) reply = call (fx, fx->session_a, "POST", path, body);
  g_autoptr (GHashTable) failed = NULL;

  if (reply->status != 422)
    g_error ("%s %s: %u %s", kind->name, body, reply->status, reply->body);
  failed = failed_fields (reply);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!g_hash_table_contains (failed, names[i]))
        g_error ("%s: %s not named in %s", kind->name, names[i], reply->body);
    }
  g_assert_cmpuint (g_hash_table_size (failed), ==, g_strv_length ((char **) names));
}

static char *
repeat (const char *piece, guint n)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append (out, piece);
  return g_string_free (out, FALSE);
}

static void
test_validation (Fixture *fx, gconstpointer data)
{
  for (const CoreRecordKind *kind = next_kind (NULL, TRUE); kind != NULL;
       kind = next_kind (kind, TRUE))
    {
      g_autoptr (GPtrArray) required = g_ptr_array_new ();

      g_test_message ("%s", kind->name);
      for (guint f = 0; f < kind->n_fields; f++)
        {
          const CoreRecordField *field = &kind->fields[f];
          g_autoptr (JsonObject) record = NULL;
          g_autofree char *body = NULL;
          const char *one[] = { field->name, NULL };

          /* each required field missing, alone */
          if (core_record_field_is_required (field))
            {
              g_ptr_array_add (required, (gpointer) field->name);
              body = sample_text (kind, field->name);
              expect_fields (fx, kind, body, one);
              g_clear_pointer (&body, g_free);
            }

          record = sample_record (kind, NULL);
          switch (field->type)
            {
              case CORE_FIELD_TEXT:
                {
                  /* lengths are characters: max_length Chinese characters are
                 * three times as many bytes, and fit (certificate numbers
                 * need a digit, phones and codes are ASCII) */
                  g_autofree char *longest = repeat ("字", field->max_length);
                  g_autofree char *too_long = repeat ("字", field->max_length + 1);

                  if (field->format == CORE_FIELD_FORMAT_NONE)
                    {
                      json_object_set_string_member (record, field->name, longest);
                      {
                        g_autofree char *text = to_text (record);
                        g_autofree char *path = kind_path (kind, 0);
                        g_autoptr (RegistryTestReply) reply =
                            call (fx, fx->session_a, "POST", path, text);
                        if (reply->status != 201)
                          g_error ("%s.%s of %u characters: %u %s", kind->name, field->name,
                                   field->max_length, reply->status, reply->body);
                      }
                    }
                  json_object_set_string_member (record, field->name, too_long);
                }
                break;
              case CORE_FIELD_DICTIONARY:
                json_object_set_string_member (record, field->name, "no-such-code");
                break;
              case CORE_FIELD_DATE:
                json_object_set_string_member (
                    record, field->name, field->not_before != NULL ? "2001-02-29" : "2011-13-01");
                break;
              case CORE_FIELD_YEAR_MONTH:
                json_object_set_string_member (record, field->name, "2011-00");
                break;
              case CORE_FIELD_NUMBER:
                json_object_set_double_member (record, field->name, field->max + 1);
                break;
              case CORE_FIELD_LIST:
              default:
                continue;
            }
          body = to_text (record);
          expect_fields (fx, kind, body, one);
          g_clear_pointer (&body, g_free);

          /* each rule broken: an end before its start, a date in the future */
          if (field->not_before != NULL)
            {
              g_autoptr (JsonObject) early = sample_record (kind, NULL);
              json_object_set_string_member (
                  early, field->name, field->type == CORE_FIELD_DATE ? "2001-01-01" : "2001-01");
              body = to_text (early);
              expect_fields (fx, kind, body, one);
              g_clear_pointer (&body, g_free);
            }
          if ((field->flags & CORE_FIELD_NOT_IN_FUTURE) != 0)
            {
              g_autoptr (JsonObject) future = sample_record (kind, NULL);
              g_autoptr (GPtrArray) names = g_ptr_array_new ();
              const char *later = field->type == CORE_FIELD_DATE ? "2099-01-01" : "2099-01";

              json_object_set_string_member (future, field->name, later);
              g_ptr_array_add (names, (gpointer) field->name);
              /* a field that may not precede it moves along, and is in the
             * future too where that is a rule of its own */
              for (guint g = 0; g < kind->n_fields; g++)
                {
                  if (g_strcmp0 (kind->fields[g].not_before, field->name) != 0)
                    continue;
                  json_object_set_string_member (future, kind->fields[g].name, later);
                  if ((kind->fields[g].flags & CORE_FIELD_NOT_IN_FUTURE) != 0)
                    g_ptr_array_add (names, (gpointer) kind->fields[g].name);
                }
              g_ptr_array_add (names, NULL);
              body = to_text (future);
              expect_fields (fx, kind, body, (const char *const *) names->pdata);
              g_clear_pointer (&body, g_free);
            }
          if (field->format != CORE_FIELD_FORMAT_NONE)
            {
              g_autoptr (JsonObject) bad = sample_record (kind, NULL);
              json_object_set_string_member (bad, field->name, "no digits");
              body = to_text (bad);
              expect_fields (fx, kind, body, one);
              g_clear_pointer (&body, g_free);
            }
        }

      /* every required field missing at once: each one named */
      g_ptr_array_add (required, NULL);
      expect_fields (fx, kind, "{}", (const char *const *) required->pdata);
      /* a member the kind does not have, a NUL character */
      {
        g_autoptr (JsonObject) record = sample_record (kind, NULL);
        g_autofree char *body = NULL;
        const char *unknown[] = { "colour", NULL };
        g_autofree char *path = kind_path (kind, 0);
        g_autoptr (RegistryTestReply) reply = NULL;

        json_object_set_string_member (record, "colour", "red");
        body = to_text (record);
        expect_fields (fx, kind, body, unknown);
        reply = call (fx, fx->session_a, "POST", path, "{\"x\": \"a\\u0000b\"}");
        g_assert_cmpuint (reply->status, ==, 400);
      }
    }
  /* only the records of the longest texts were written */
  {
    gint64 longest = 0;
    for (const CoreRecordKind *kind = next_kind (NULL, TRUE); kind != NULL;
         kind = next_kind (kind, TRUE))
      {
        for (guint f = 0; f < kind->n_fields; f++)
          longest += kind->fields[f].type == CORE_FIELD_TEXT &&
                     kind->fields[f].format == CORE_FIELD_FORMAT_NONE;
      }
    g_assert_cmpint (count (fx, "SELECT count(*) FROM practice_records"), ==, longest);
  }
}

/* ---- whose records ---- */

/* B's session on every route with A's ids: not found, and nothing of A's
 * changes; the same for ids that are no ids and kinds that are no kinds. */
static void
test_foreign_ids (Fixture *fx, gconstpointer data)
{
  const char *const not_ids[] = {
    "0", "-1", "01", "+1", "1.0", "abc", "99999999999999999999", "9223372036854775807"
  };

  /* A's imported records too */
  {
    g_autofree char *path =
        g_build_filename (registry_test_cluster_get_dir (cluster), "a-projects.json", NULL);
    g_autofree char *file = g_strdup_printf (
        "{\"projects\":[{\"doc_type\":\"resident\",\"doc_number\":\"%s\",\"name\":\"某大厦\"}]}",
        fx->number_a);
    g_autofree char *file2 =
        g_strdup_printf ("{\"registrations\":[{\"doc_type\":\"resident\",\"doc_number\":\"%s\","
                         "\"category\":\"01\",\"certificate_number\":\"京111060800001\"}]}",
                         fx->number_a);

    g_assert_true (g_file_set_contents (path, file, -1, NULL));
    g_assert_cmpint (registry_test_run_cli (
                         fx->url, (const char *[]){ "admin", "import", "projects", path, NULL },
                         NULL, NULL, NULL),
                     ==, 0);
    g_assert_true (g_file_set_contents (path, file2, -1, NULL));
    g_assert_cmpint (
        registry_test_run_cli (fx->url,
                               (const char *[]){ "admin", "import", "registrations", path, NULL },
                               NULL, NULL, NULL),
        ==, 0);
  }

  for (const CoreRecordKind *kind = next_kind (NULL, FALSE); kind != NULL;
       kind = next_kind (kind, FALSE))
    {
      g_autofree char *body = sample_text (kind, NULL);
      g_autofree char *list_path = kind_path (kind, 0);
      g_autofree char *item_path = NULL;
      g_autofree char *update = NULL;
      g_autoptr (JsonObject) changed = sample_record (kind, NULL);
      RegistryTestReply *reply;
      gint64 id;

      g_test_message ("%s", kind->name);
      if (kind->editable)
        id = create (fx, fx->session_a, kind, body);
      else
        {
          reply = call (fx, fx->session_a, "GET", list_path, NULL);
          id = registry_test_json_int (reply->json, "records.0.id");
          registry_test_reply_free (reply);
        }
      item_path = kind_path (kind, id);
      json_object_set_int_member (changed, "version", 1);
      update = to_text (changed);

      reply = call (fx, fx->session_b, "GET", item_path, NULL);
      g_assert_cmpuint (reply->status, ==, 404);
      g_assert_cmpstr (registry_test_json_string (reply->json, "error.code"), ==, "not_found");
      registry_test_reply_free (reply);
      reply = call (fx, fx->session_b, "GET", list_path, NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_null (registry_test_json_string (reply->json, "records.0.id"));
      registry_test_reply_free (reply);
      if (kind->editable)
        {
          reply = call (fx, fx->session_b, "PUT", item_path, update);
          g_assert_cmpuint (reply->status, ==, 404);
          registry_test_reply_free (reply);
          reply = call (fx, fx->session_b, "DELETE", item_path, NULL);
          g_assert_cmpuint (reply->status, ==, 404);
          registry_test_reply_free (reply);
          /* A's record as it was */
          reply = call (fx, fx->session_a, "GET", item_path, NULL);
          g_assert_cmpuint (reply->status, ==, 200);
          g_assert_cmpint (registry_test_json_int (reply->json, "version"), ==, 1);
          registry_test_reply_free (reply);
        }

      for (guint i = 0; i < G_N_ELEMENTS (not_ids); i++)
        {
          g_autofree char *path = g_strdup_printf ("/v1/me/%s/%s", kind->name, not_ids[i]);
          reply = call (fx, fx->session_a, "GET", path, NULL);
          g_assert_cmpuint (reply->status, ==, 404);
          registry_test_reply_free (reply);
        }
    }
  {
    g_autoptr (RegistryTestReply) reply = call (fx, fx->session_a, "GET", "/v1/me/pets", NULL);
    g_assert_cmpuint (reply->status, ==, 404);
  }
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'record.update'"
                              " OR action = 'record.delete'"),
                   ==, 0);
}

/* ---- sessions ---- */

static void
test_sessions (Fixture *fx, gconstpointer data)
{
  const char *const paths[] = { "/v1/me", "/v1/record-kinds", "/v1/dictionaries",
                                "/v1/me/education", "/v1/me/education/1" };
  g_autofree char *body = sample_text (core_record_kind_lookup ("education"), NULL);

  create (fx, fx->session_a, core_record_kind_lookup ("education"), body);

  /* a session past its lifetime: every route refuses it, and nothing is
   * written */
  set_clock (fx, 901);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (RegistryTestReply) reply = call (fx, fx->session_a, "GET", paths[i], NULL);
      g_assert_cmpuint (reply->status, ==, 401);
      g_assert_cmpstr (registry_test_json_string (reply->json, "error.code"), ==,
                       "session_invalid");
    }
  {
    g_autoptr (RegistryTestReply) reply =
        call (fx, fx->session_a, "POST", "/v1/me/education", body);
    g_autoptr (RegistryTestReply) none = NULL;

    g_assert_cmpuint (reply->status, ==, 401);
    none = call (fx, NULL, "POST", "/v1/me/education", body);
    g_assert_cmpuint (none->status, ==, 401);
  }
  g_assert_cmpint (count (fx, "SELECT count(*) FROM practice_records"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action LIKE 'record.%'"), ==,
                   1);
}

/* A visit's calls extend the session, but write it at most every
 * REGISTRY_SESSION_EXTEND_STEP_S (30 s): reads stay reads. */
static void
test_session_extension (Fixture *fx, gconstpointer data)
{
  g_autofree char *sql =
      g_strdup_printf ("SELECT s.expires_at FROM practitioner_sessions s JOIN persons p"
                       " ON p.person_id = s.person_id WHERE p.doc_number = '%s'",
                       fx->number_a);
  gint64 opened = count (fx, sql);
  RegistryTestReply *reply;

  set_clock (fx, 10);
  reply = call (fx, fx->session_a, "GET", "/v1/me/education", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  g_assert_cmpint (count (fx, sql), ==, opened);

  set_clock (fx, 40);
  reply = call (fx, fx->session_a, "GET", "/v1/me/education", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  g_assert_cmpint (count (fx, sql), >=, opened + 39 * G_USEC_PER_SEC);

  /* past the first expiry, alive by the extension */
  set_clock (fx, 939);
  reply = call (fx, fx->session_a, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  /* and not past the extended one */
  set_clock (fx, 939 + 901);
  reply = call (fx, fx->session_a, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 401);
  registry_test_reply_free (reply);
}

/* ---- read-only kinds ---- */

static void
test_read_only (Fixture *fx, gconstpointer data)
{
  g_autofree char *path =
      g_build_filename (registry_test_cluster_get_dir (cluster), "a-registrations.json", NULL);
  g_autofree char *file =
      g_strdup_printf ("{\"registrations\":[{\"doc_type\":\"resident\",\"doc_number\":\"%s\","
                       "\"category\":\"一级注册建造师\",\"certificate_number\":\"京111060800001\","
                       "\"specialties\":[{\"specialty\":\"建筑工程\"}]}]}",
                       fx->number_a);
  RegistryTestReply *reply;
  gint64 id;

  g_assert_true (g_file_set_contents (path, file, -1, NULL));
  g_assert_cmpint (registry_test_run_cli (
                       fx->url, (const char *[]){ "admin", "import", "registrations", path, NULL },
                       NULL, NULL, NULL),
                   ==, 0);
  reply = call (fx, fx->session_a, "GET", "/v1/me/registrations", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "records.0.category"), ==, "01");
  g_assert_cmpstr (registry_test_json_string (reply->json, "records.0.specialties.0.specialty"), ==,
                   "建筑工程");
  id = registry_test_json_int (reply->json, "records.0.id");
  registry_test_reply_free (reply);

  for (const CoreRecordKind *kind = next_kind (NULL, FALSE); kind != NULL;
       kind = next_kind (kind, FALSE))
    {
      g_autofree char *list_path = kind_path (kind, 0);
      g_autofree char *item_path = kind_path (kind, id);
      g_autofree char *body = sample_text (kind, NULL);
      const char *const writes[][2] = { { "POST", list_path },
                                        { "PUT", item_path },
                                        { "DELETE", item_path } };

      if (kind->editable)
        continue;
      for (guint w = 0; w < G_N_ELEMENTS (writes); w++)
        {
          /* refused before the body is looked at, whatever it is */
          const char *const bodies[] = { body, "{", NULL };
          for (guint b = 0; b < G_N_ELEMENTS (bodies); b++)
            {
              reply = call (fx, fx->session_a, writes[w][0], writes[w][1],
                            g_strcmp0 (writes[w][0], "DELETE") == 0 ? NULL : bodies[b]);
              g_assert_cmpuint (reply->status, ==, 405);
              g_assert_cmpstr (reply->allow, ==, "GET");
              g_assert_cmpstr (registry_test_json_string (reply->json, "error.code"), ==,
                               "method_not_allowed");
              registry_test_reply_free (reply);
            }
        }
    }
  reply = call (fx, fx->session_a, "GET", "/v1/me/registrations", NULL);
  g_assert_cmpint (registry_test_json_int (reply->json, "records.0.id"), ==, id);
  registry_test_reply_free (reply);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM imported_records"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM practice_records"), ==, 0);
}

/* ---- what the kiosk builds its pages from ---- */

static void
test_tables (Fixture *fx, gconstpointer data)
{
  g_autoptr (RegistryTestReply) reply = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *other = NULL;
  guint n_kinds;
  const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);

  reply = call (fx, fx->session_a, "GET", "/v1/record-kinds", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  for (guint k = 0; k < n_kinds; k++)
    {
      g_autofree char *name = g_strdup_printf ("kinds.%u.name", k);
      g_autofree char *editable = g_strdup_printf ("kinds.%u.editable", k);
      g_assert_cmpstr (registry_test_json_string (reply->json, name), ==, kinds[k].name);
      g_assert_true (registry_test_json_bool (reply->json, editable) == kinds[k].editable);
    }
  g_clear_pointer (&reply, registry_test_reply_free);

  /* the dictionaries with their version, which is also the ETag */
  reply = call (fx, fx->session_a, "GET", "/v1/dictionaries", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "version"), ==,
                   core_dictionary_set_get_version (dictionaries));
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (CoreDictionarySet) copy =
        core_dictionary_set_new_from_json_node (reply->json, &error);
    g_assert_no_error (error);
    g_assert_nonnull (core_dictionary_set_lookup (copy, "nations"));
  }
  etag = g_strdup_printf ("\"%s\"", core_dictionary_set_get_version (dictionaries));

  /* a client with this version gets 304 and no body; with another, all */
  msg = soup_message_new ("GET", g_strconcat (fx->process->base_url, "/v1/dictionaries", NULL));
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                g_strconcat ("Bearer ", fx->token, NULL));
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Session-Token",
                                fx->session_a);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", etag);
  body = soup_session_send_and_read (fx->session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 304);
  g_assert_cmpuint (g_bytes_get_size (body), ==, 0);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag"),
                   ==, etag);
  g_clear_object (&msg);
  g_clear_pointer (&body, g_bytes_unref);

  other = g_strdup ("\"0000000000000000\"");
  msg = soup_message_new ("GET", g_strconcat (fx->process->base_url, "/v1/dictionaries", NULL));
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                g_strconcat ("Bearer ", fx->token, NULL));
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Session-Token",
                                fx->session_a);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", other);
  body = soup_session_send_and_read (fx->session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (body), >, 1000);
}

/* GET /v1/me: the person's basic information, the phone masked, counts. */
static void
test_me (Fixture *fx, gconstpointer data)
{
  g_autofree char *body = sample_text (core_record_kind_lookup ("titles"), NULL);
  g_autoptr (RegistryTestReply) reply = NULL;
  g_autofree char *masked = NULL;

  create (fx, fx->session_a, core_record_kind_lookup ("titles"), body);
  create (fx, fx->session_a, core_record_kind_lookup ("titles"), body);
  create (fx, fx->session_b, core_record_kind_lookup ("titles"), body);
  reply = call (fx, fx->session_a, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "person.doc_number"), ==, fx->number_a);
  g_assert_nonnull (registry_test_json_string (reply->json, "person.name"));
  masked = g_strdup (registry_test_json_string (reply->json, "person.login_phone"));
  g_assert_nonnull (masked);
  g_assert_null (strstr (reply->body, fx->phone_a));
  g_assert_cmpint (strlen (masked), ==, strlen (fx->phone_a));
  g_assert_cmpstr (masked, !=, fx->phone_a);
  g_assert_nonnull (strchr (masked, '*'));
  g_assert_cmpint (registry_test_json_int (reply->json, "counts.titles"), ==, 2);
  g_assert_cmpint (registry_test_json_int (reply->json, "counts.education"), ==, 0);
  g_assert_cmpint (registry_test_json_int (reply->json, "counts.projects"), ==, 0);
}

/* ---- audit ---- */

static void
test_audit (Fixture *fx, gconstpointer data)
{
  for (const CoreRecordKind *kind = next_kind (NULL, TRUE); kind != NULL;
       kind = next_kind (kind, TRUE))
    {
      g_autoptr (JsonObject) record = sample_record (kind, NULL);
      g_autofree char *body = NULL;
      g_autofree char *path = NULL;
      gint64 id;

      json_object_set_string_member (record, free_text_field (kind)->name, PLANTED);
      body = to_text (record);
      id = create (fx, fx->session_a, kind, body);
      path = kind_path (kind, id);
      json_object_set_int_member (record, "version", 1);
      g_free (body);
      body = to_text (record);
      {
        g_autoptr (RegistryTestReply) reply = call (fx, fx->session_a, "PUT", path, body);
        g_assert_cmpuint (reply->status, ==, 200);
      }
      {
        g_autoptr (RegistryTestReply) reply = call (fx, fx->session_a, "DELETE", path, NULL);
        g_assert_cmpuint (reply->status, ==, 200);
      }
      for (guint a = 0; a < 3; a++)
        {
          const char *actions[] = { "record.create", "record.update", "record.delete" };
          g_autofree char *sql = g_strdup_printf (
              "SELECT count(*) FROM audit_log a JOIN persons p ON p.person_id = a.person_id"
              " JOIN devices d ON d.id = a.device_id"
              " WHERE a.action = '%s' AND a.kind = '%s' AND a.record_id = %" G_GINT64_FORMAT
              " AND p.doc_number = '%s' AND d.name = 'kiosk-1' AND a.at > 0",
              actions[a], kind->name, id, fx->number_a);
          g_assert_cmpint (count (fx, sql), ==, 1);
        }
    }
  /* no value in the audit log, in any column, nor in the registry's log */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE"
                              " coalesce(detail, '') || coalesce(action, '') ||"
                              " coalesce(staff, '') || coalesce(kind, '') LIKE '%PLANTED%'"),
                   ==, 0);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE detail IS NOT NULL"
                              " AND action LIKE 'record.%'"),
                   ==, 0);
  {
    g_autofree char *log = NULL;
    g_assert_true (g_file_get_contents (fx->process->log_path, &log, NULL, NULL));
    g_assert_nonnull (strstr (log, "record"));
    g_assert_null (strstr (log, "PLANTED"));
    g_assert_null (strstr (log, fx->number_a));
    g_assert_null (strstr (log, fx->phone_a));
  }
}

/* ---- limits and races ---- */

static void
test_limit (Fixture *fx, gconstpointer data)
{
  const CoreRecordKind *kind = core_record_kind_lookup ("work-history");
  g_autofree char *body = sample_text (kind, NULL);
  g_autofree char *path = kind_path (kind, 0);
  g_autoptr (RegistryTestReply) reply = NULL;

  g_assert_cmpuint (kind->max_records, >, 0);
  for (guint i = 0; i < kind->max_records; i++)
    create (fx, fx->session_a, kind, body);
  reply = call (fx, fx->session_a, "POST", path, body);
  g_assert_cmpuint (reply->status, ==, 409);
  g_assert_cmpstr (registry_test_json_string (reply->json, "error.code"), ==, "record_limit");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM practice_records"), ==, kind->max_records);
  /* per person and per kind: B and another kind are not held back */
  create (fx, fx->session_b, kind, body);
  {
    g_autofree char *other = sample_text (core_record_kind_lookup ("titles"), NULL);
    create (fx, fx->session_a, core_record_kind_lookup ("titles"), other);
  }
}

typedef struct
{
  Fixture *fx;
  const char *path;
  const char *body;
  guint status;
} Racer;

static gpointer
race_cb (gpointer user_data)
{
  Racer *racer = user_data;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (RegistryTestReply) reply =
      registry_test_request_session (session, racer->fx->process, "PUT", racer->path,
                                     racer->fx->token, racer->fx->session_a, racer->body);

  racer->status = reply->status;
  return NULL;
}

/* Twenty updates of one record from one version at once: exactly one wins,
 * the others are told the record moved on; then again from the next. */
static void
test_parallel_updates (Fixture *fx, gconstpointer data)
{
  const CoreRecordKind *kind = core_record_kind_lookup ("degrees");
  g_autofree char *body = sample_text (kind, NULL);
  g_autofree char *path = NULL;
  gint64 id = create (fx, fx->session_a, kind, body);

  path = kind_path (kind, id);
  for (gint64 version = 1; version <= 2; version++)
    {
      g_autoptr (JsonObject) record = sample_record (kind, NULL);
      g_autofree char *update = NULL;
      Racer racers[N_PARALLEL];
      GThread *threads[N_PARALLEL];
      guint won = 0;
      guint conflicts = 0;

      json_object_set_int_member (record, "version", version);
      update = to_text (record);
      for (guint i = 0; i < N_PARALLEL; i++)
        {
          racers[i] = (Racer){ fx, path, update, 0 };
          threads[i] = g_thread_new ("racer", race_cb, &racers[i]);
        }
      for (guint i = 0; i < N_PARALLEL; i++)
        {
          g_thread_join (threads[i]);
          won += racers[i].status == 200;
          conflicts += racers[i].status == 409;
        }
      g_assert_cmpuint (won, ==, 1);
      g_assert_cmpuint (conflicts, ==, N_PARALLEL - 1);
      {
        g_autofree char *sql = g_strdup_printf (
            "SELECT version FROM practice_records WHERE id = %" G_GINT64_FORMAT, id);
        g_assert_cmpint (count (fx, sql), ==, version + 1);
      }
    }
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'record.update'"), ==,
                   2);
}

typedef struct
{
  Racer racer;
  guint status;
  gint64 version;
} Updater;

static gpointer
update_cb (gpointer user_data)
{
  Updater *updater = user_data;
  Racer *racer = &updater->racer;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (RegistryTestReply) reply =
      registry_test_request_session (session, racer->fx->process, "PUT", racer->path,
                                     racer->fx->token, racer->fx->session_a, racer->body);

  updater->status = reply->status;
  if (reply->status == 200)
    updater->version = registry_test_json_int (reply->json, "version");
  return NULL;
}

/* Twenty updates of twenty records at once (SQLite commits such writes
 * together): every one succeeds, answers its own record's next version, and
 * is in the database with its audit row. */
static void
test_parallel_updates_of_many (Fixture *fx, gconstpointer data)
{
  const CoreRecordKind *kind = core_record_kind_lookup ("degrees");
  g_autofree char *body = sample_text (kind, NULL);
  g_autoptr (JsonObject) record = sample_record (kind, NULL);
  g_autofree char *update = NULL;
  char *paths[N_PARALLEL];
  gint64 ids[N_PARALLEL];
  Updater updaters[N_PARALLEL];
  GThread *threads[N_PARALLEL];

  json_object_set_int_member (record, "version", 1);
  update = to_text (record);
  for (guint i = 0; i < N_PARALLEL; i++)
    {
      ids[i] = create (fx, fx->session_a, kind, body);
      paths[i] = kind_path (kind, ids[i]);
    }
  for (guint i = 0; i < N_PARALLEL; i++)
    {
      updaters[i] = (Updater){ { fx, paths[i], update, 0 }, 0, 0 };
      threads[i] = g_thread_new ("updater", update_cb, &updaters[i]);
    }
  for (guint i = 0; i < N_PARALLEL; i++)
    {
      g_autofree char *sql = g_strdup_printf (
          "SELECT version FROM practice_records WHERE id = %" G_GINT64_FORMAT, ids[i]);

      g_thread_join (threads[i]);
      g_assert_cmpuint (updaters[i].status, ==, 200);
      g_assert_cmpint (updaters[i].version, ==, 2);
      g_assert_cmpint (count (fx, sql), ==, 2);
    }
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'record.update'"), ==,
                   N_PARALLEL);
  for (guint i = 0; i < N_PARALLEL; i++)
    g_free (paths[i]);
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
  cluster = registry_test_cluster_start ();

#define ADD(path, func)                                                                            \
  g_test_add ("/registry/records/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("life", test_life);
  ADD ("validation", test_validation);
  ADD ("foreign-ids", test_foreign_ids);
  ADD ("sessions", test_sessions);
  ADD ("session-extension", test_session_extension);
  ADD ("read-only", test_read_only);
  ADD ("tables", test_tables);
  ADD ("me", test_me);
  ADD ("audit", test_audit);
  ADD ("limit", test_limit);
  ADD ("parallel-updates", test_parallel_updates);
  ADD ("parallel-updates-of-many", test_parallel_updates_of_many);
#undef ADD

  status = g_test_run ();
  registry_test_cluster_stop (cluster);
  g_clear_object (&dictionaries);
  return status;
}
