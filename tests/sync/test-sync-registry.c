/* test-sync-registry.c: the kiosk's typed registry client against a real registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every route the kiosk calls, over loopback to a registry process: the
 * values each call returns, and each error answer turned into a GError in the
 * CORE_API_ERROR domain with the registry's code and its details. A small
 * scripted peer adds what a real registry never sends: answers of the wrong
 * shape, and answers without JSON.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "core-filing.h"
#include "registry-test-util.h"
#include "sync-registry.h"

#define ANSWER "K7MP"
#define STAFF_USER "wang.fang"
#define STAFF_PASSWORD "a staff password of some length"

static RegistryTestCluster *cluster;
static RegistryTestProcess *registry;
static char *registry_db;
static char *device_token;
static char *folder;
static char *spool;
static char *clock_file;
static gint64 clock_offset;
static SyncRegistry *client;

/* Moves the registry's clock on, past the cool-downs of the test before. */
static void
advance_clock (gint64 seconds)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  clock_offset += seconds;
  text = g_strdup_printf ("%" G_GINT64_FORMAT "\n", clock_offset);
  g_file_set_contents (clock_file, text, -1, &error);
  g_assert_no_error (error);
}

static SyncRegistry *
registry_at (const char *url, const char *token)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncClient) sync_client = sync_client_new (url, token, NULL, &error);

  g_assert_no_error (error);
  sync_client_set_timeouts (sync_client, 2000, 10000);
  return sync_registry_new (sync_client);
}

/* ---- waiting for one answer ---- */

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

#define CALL(result_var, call_async, ...)                                                          \
  G_STMT_START                                                                                     \
  {                                                                                                \
    result_var = NULL;                                                                             \
    call_async (__VA_ARGS__, NULL, store_result_cb, &result_var);                                  \
    wait_result (&result_var);                                                                     \
  }                                                                                                \
  G_STMT_END

static char *
resident (guint seq)
{
  return registry_test_resident_number (1985, seq);
}

static char *
phone (guint seq)
{
  return g_strdup_printf ("137%08u", seq);
}

static JsonNode *
filing_json (guint seq, const char *phone_number)
{
  g_autoptr (CoreFiling) filing = core_filing_new ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *number = resident (seq);
  g_autofree char *json = NULL;

  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, id);
  core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "card");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, "resident");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, number);
  core_filing_set (filing, CORE_FILING_FIELD_NAME, "赵敏");
  core_filing_set (filing, CORE_FILING_FIELD_SEX, "女");
  core_filing_set (filing, CORE_FILING_FIELD_NATION, "汉");
  core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, "1985-01-01");
  core_filing_set (filing, CORE_FILING_FIELD_ADDRESS, "北京市西城区");
  core_filing_set (filing, CORE_FILING_FIELD_ISSUER, "北京市公安局西城分局");
  core_filing_set (filing, CORE_FILING_FIELD_VALID_FROM, "2015-06-01");
  core_filing_set (filing, CORE_FILING_FIELD_VALID_UNTIL, "2035-06-01");
  core_filing_set (filing, CORE_FILING_FIELD_CARD_TYPE, "resident");
  core_filing_set (filing, CORE_FILING_FIELD_PHONE, phone_number);
  json = core_filing_to_json (filing);
  return json_from_string (json, NULL);
}

static void
file_person (guint seq, const char *phone_number)
{
  g_autoptr (JsonNode) filing = filing_json (seq, phone_number);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (GError) error = NULL;

  CALL (result, sync_registry_file_async, client, filing);
  answer = sync_registry_file_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (answer, "state"), !=, NULL);
  g_assert_nonnull (json_object_get_string_member (answer, "person_id"));
}

static SyncCaptcha *
get_captcha (void)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SyncCaptcha *captcha;

  CALL (result, sync_registry_get_captcha_async, client);
  captcha = sync_registry_get_captcha_finish (client, result, &error);
  g_assert_no_error (error);
  return captcha;
}

static SyncCodeSent *
send_code (SyncSmsPurpose purpose,
           const char *number,
           const char *phone_number,
           const char *answer,
           GError **error)
{
  g_autoptr (SyncCaptcha) captcha = get_captcha ();
  g_autoptr (GAsyncResult) result = NULL;

  CALL (result, sync_registry_send_code_async, client, purpose, "resident", number, phone_number,
        captcha->id, answer);
  return sync_registry_send_code_finish (client, result, error);
}

/* ---- the routes ---- */

static void
test_health (void)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) health = NULL;
  g_autoptr (JsonObject) blocking = NULL;

  CALL (result, sync_registry_get_health_async, client);
  health = sync_registry_get_health_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (health, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (health, "version"), ==, PACKAGE_VERSION);

  /* the blocking form, for worker threads, answers the same */
  blocking = sync_registry_get_health (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (blocking, "version"), ==, PACKAGE_VERSION);
}

static void
test_captcha (void)
{
  g_autoptr (SyncCaptcha) captcha = get_captcha ();
  static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (captcha->png, &size);

  g_assert_cmpuint (strlen (captcha->id), >, 0);
  g_assert_cmpuint (size, >, sizeof png_magic);
  g_assert_cmpmem (data, sizeof png_magic, png_magic, sizeof png_magic);
}

/* Filing, person state, registration, the session, logout: one person's way. */
static void
test_register_and_session (void)
{
  g_autofree char *number = resident (1);
  g_autofree char *mobile = phone (1);
  g_autofree char *code = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SyncCodeSent) sent = NULL;
  g_autoptr (SyncSession) session = NULL;
  g_autoptr (JsonObject) state = NULL;
  g_autoptr (JsonObject) current = NULL;
  JsonObject *person;

  advance_clock (61);
  state = sync_registry_get_person_state (client, "resident", number, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (state, "state"), ==, "not_filed");
  g_clear_pointer (&state, json_object_unref);

  file_person (1, NULL);
  CALL (result, sync_registry_get_person_state_async, client, "resident", number);
  state = sync_registry_get_person_state_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (state, "state"), ==, "filed");
  g_clear_object (&result);

  /* the registry ignores the captcha's case */
  sent = send_code (SYNC_SMS_PURPOSE_REGISTER, number, mobile, "k7mp", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sent->resend_after, ==, 60);
  g_assert_cmpuint (sent->expires_in, ==, 90);
  code = registry_test_spool_take_code (spool, mobile);
  g_assert_nonnull (code);

  CALL (result, sync_registry_register_async, client, "resident", number, mobile, code);
  session = sync_registry_register_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (session->token), ==, 64);
  g_assert_cmpstr (json_object_get_string_member (session->person, "name"), ==, "赵敏");
  g_assert_cmpstr (json_object_get_string_member (session->person, "login_phone"), ==, mobile);
  g_clear_object (&result);

  CALL (result, sync_registry_get_session_async, client, session->token);
  current = sync_registry_get_session_finish (client, result, &error);
  g_assert_no_error (error);
  person = json_object_get_object_member (current, "person");
  g_assert_nonnull (person);
  g_assert_cmpstr (json_object_get_string_member (person, "doc_number"), ==, number);
  g_clear_object (&result);

  CALL (result, sync_registry_log_out_async, client, session->token);
  g_assert_true (sync_registry_log_out_finish (client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* a session that ended is refused with its own code */
  CALL (result, sync_registry_get_session_async, client, session->token);
  g_assert_null (sync_registry_get_session_finish (client, result, &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_SESSION_INVALID);
}

static void
test_log_in (void)
{
  g_autofree char *number = resident (2);
  g_autofree char *mobile = phone (2);
  g_autofree char *code = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SyncCodeSent) sent = NULL;
  g_autoptr (SyncSession) session = NULL;

  advance_clock (61);
  /* filed with a phone: logs in directly */
  file_person (2, mobile);
  sent = send_code (SYNC_SMS_PURPOSE_LOGIN, number, mobile, ANSWER, &error);
  g_assert_no_error (error);
  code = registry_test_spool_take_code (spool, mobile);
  CALL (result, sync_registry_log_in_async, client, "resident", number, mobile, code);
  session = sync_registry_log_in_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (session->token), ==, 64);
  g_assert_cmpstr (json_object_get_string_member (session->person, "doc_number"), ==, number);
}

/* The seed's errors reach the caller as codes, with what the registry said. */
static void
test_error_codes (void)
{
  g_autofree char *filed = resident (3);
  g_autofree char *unknown = resident (4);
  g_autofree char *mobile = phone (3);
  g_autofree char *other = phone (4);
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  SyncCodeSent *sent;
  const char *const *fields;

  advance_clock (61);
  file_person (3, NULL);

  sent = send_code (SYNC_SMS_PURPOSE_REGISTER, filed, mobile, "WRONG", &error);
  g_assert_null (sent);
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_CAPTCHA_WRONG);
  g_clear_error (&error);

  sent = send_code (SYNC_SMS_PURPOSE_REGISTER, unknown, other, ANSWER, &error);
  g_assert_null (sent);
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_NOT_FILED);
  g_clear_error (&error);

  sent = send_code (SYNC_SMS_PURPOSE_LOGIN, filed, mobile, ANSWER, &error);
  g_assert_null (sent);
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_NOT_REGISTERED);
  g_clear_error (&error);

  /* a field the registry refuses is named */
  sent = send_code (SYNC_SMS_PURPOSE_REGISTER, filed, "12345", ANSWER, &error);
  g_assert_null (sent);
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_INVALID_FIELD);
  fields = core_api_error_get_fields (error);
  g_assert_nonnull (fields);
  g_assert_true (g_strv_contains (fields, "phone"));
  g_clear_error (&error);

  /* a second code within the cool-down: how long to wait comes along */
  sent = send_code (SYNC_SMS_PURPOSE_REGISTER, filed, mobile, ANSWER, &error);
  g_assert_no_error (error);
  sync_code_sent_free (sent);
  sent = send_code (SYNC_SMS_PURPOSE_REGISTER, filed, mobile, ANSWER, &error);
  g_assert_null (sent);
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_TOO_FREQUENT);
  g_assert_cmpint (core_api_error_get_retry_after (error), >, 0);
  g_assert_cmpint (core_api_error_get_retry_after (error), <=, 60);
  g_clear_error (&error);

  /* a wrong code: how many tries are left */
  CALL (result, sync_registry_register_async, client, "resident", filed, mobile, "000000");
  g_assert_null (sync_registry_register_finish (client, result, &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_CODE_WRONG);
  g_assert_cmpint (core_api_error_get_attempts_left (error), >=, 0);
  g_assert_cmpint (core_api_error_get_attempts_left (error), <, 5);
  g_assert_cmpint (core_api_error_get_retry_after (error), ==, -1);
}

static void
test_staff (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SyncStaffSession) session = NULL;
  SyncStaffSession *refused;

  CALL (result, sync_registry_staff_sign_in_async, client, STAFF_USER, STAFF_PASSWORD);
  session = sync_registry_staff_sign_in_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (session->staff, ==, STAFF_USER);
  g_assert_cmpuint (strlen (session->token), ==, 64);
  g_clear_object (&result);

  refused = sync_registry_staff_sign_in (client, STAFF_USER, "not the password", NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_STAFF_LOGIN_FAILED);
  g_clear_error (&error);

  CALL (result, sync_registry_staff_sign_out_async, client, session->token);
  g_assert_true (sync_registry_staff_sign_out_finish (client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* once over, the session is refused */
  CALL (result, sync_registry_staff_sign_out_async, client, session->token);
  g_assert_false (sync_registry_staff_sign_out_finish (client, result, &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_STAFF_SESSION_INVALID);
}

static void
test_batch (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) batch = NULL;
  g_autoptr (JsonArray) results = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filings");
  json_builder_begin_array (builder);
  json_builder_add_value (builder, filing_json (10, NULL));
  json_builder_add_value (builder, filing_json (11, NULL));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  batch = json_builder_get_root (builder);

  CALL (result, sync_registry_file_batch_async, client, batch);
  results = sync_registry_file_batch_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (
        json_object_get_int_member (json_array_get_object_element (results, i), "status"), ==, 201);

  /* sent again: the filing ids make it idempotent */
  g_clear_pointer (&results, json_array_unref);
  results = sync_registry_file_batch (client, batch, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (
        json_object_get_int_member (json_array_get_object_element (results, i), "status"), ==, 200);
}

/* ---- what goes wrong on the way ---- */

/* A small picture with no form's QR code on it. */
static GBytes *
plain_png (void)
{
  g_autoptr (GdkPixbuf) page = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 120, 90);
  g_autoptr (GError) error = NULL;
  gchar *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (page, 0xf0f0f0ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (page, &buffer, &length, "png", &error, NULL));
  return g_bytes_new_take (buffer, length);
}

/* Scans and photos: raw bytes out, files back, the registry's refusals of
 * them as codes, the signature form and a phone link. */
static void
test_attachments (void)
{
  g_autofree char *number = resident (9);
  g_autofree char *mobile = phone (9);
  g_autofree char *code = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SyncCodeSent) sent = NULL;
  g_autoptr (SyncSession) session = NULL;
  g_autoptr (SyncStaffSession) staff = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (SyncFile) file = NULL;
  g_autoptr (GBytes) png = plain_png ();
  g_autoptr (RegistryStorage) storage = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  gint64 id, record, link;

  advance_clock (61);
  file_person (9, mobile);
  sent = send_code (SYNC_SMS_PURPOSE_LOGIN, number, mobile, ANSWER, &error);
  g_assert_no_error (error);
  code = registry_test_spool_take_code (spool, mobile);
  CALL (result, sync_registry_log_in_async, client, "resident", number, mobile, code);
  session = sync_registry_log_in_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  CALL (result, sync_registry_signature_form_printed_async, client, session->token);
  answer = sync_registry_signature_form_printed_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (answer, "label"), ==, "已打印");
  g_clear_pointer (&answer, json_object_unref);
  g_clear_object (&result);

  /* bytes go out as they are; the refusal comes back as its code */
  CALL (result, sync_registry_signature_form_scan_async, client, session->token, NULL, "image/png",
        png);
  g_assert_null (sync_registry_signature_form_scan_finish (client, result, &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_FORM_QR_UNREADABLE);
  g_clear_error (&error);
  g_clear_object (&result);

  /* staff of this kiosk confirm it */
  staff = sync_registry_staff_sign_in (client, STAFF_USER, STAFF_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  CALL (result, sync_registry_signature_form_scan_async, client, session->token, staff->token,
        "image/png", png);
  answer = sync_registry_signature_form_scan_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (answer, "media_type"), ==, "image/png");
  id = json_object_get_int_member (answer, "id");
  g_clear_pointer (&answer, json_object_unref);
  g_clear_object (&result);

  CALL (result, sync_registry_attachment_read_async, client, session->token, id, FALSE);
  file = sync_registry_attachment_read_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file->media_type, ==, "image/png");
  g_assert_true (memcmp (g_bytes_get_data (file->bytes, NULL), "\x89PNG", 4) == 0);
  g_clear_pointer (&file, sync_file_free);
  g_clear_object (&result);
  CALL (result, sync_registry_attachment_read_async, client, session->token, id, TRUE);
  file = sync_registry_attachment_read_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file->media_type, ==, "image/jpeg");
  g_clear_object (&result);

  CALL (result, sync_registry_signature_form_get_async, client, session->token);
  answer = sync_registry_signature_form_get_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (answer, "label"), ==, "已上传");
  g_assert_true (json_object_get_boolean_member (answer, "staff_confirmed"));
  g_clear_pointer (&answer, json_object_unref);
  g_clear_object (&result);

  /* a record's attachments, and a phone link to the record */
  storage = registry_storage_open (registry_db, &error);
  g_assert_no_error (error);
  g_assert_true (registry_storage_query (
      storage,
      "INSERT INTO practice_records (person_id, kind, version, document, created_at,"
      " updated_at) SELECT person_id, 'titles', 1, '{}', 0, 0 FROM persons WHERE doc_number = $1"
      " RETURNING id",
      (const char *[]){ number }, 1, &rows, NULL, &error));
  record = registry_rows_get_int (rows, 0, 0);
  CALL (result, sync_registry_attachment_add_async, client, session->token, "titles", record,
        "image/png", png);
  answer = sync_registry_attachment_add_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_pointer (&answer, json_object_unref);
  g_clear_object (&result);
  CALL (result, sync_registry_attachments_list_async, client, session->token, "titles", record);
  answer = sync_registry_attachments_list_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "attachments")),
                    ==, 1);
  g_clear_pointer (&answer, json_object_unref);
  g_clear_object (&result);

  CALL (result, sync_registry_upload_link_create_async, client, session->token, "titles", record);
  answer = sync_registry_upload_link_create_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json_object_get_string_member (answer, "url"), "/u/"));
  link = json_object_get_int_member (answer, "id");
  g_clear_pointer (&answer, json_object_unref);
  g_clear_object (&result);
  CALL (result, sync_registry_upload_link_get_async, client, session->token, link);
  answer = sync_registry_upload_link_get_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "waiting");
  g_clear_pointer (&answer, json_object_unref);
  g_clear_object (&result);
  /* a link keeping no scan for staff has none to give */
  CALL (result, sync_registry_upload_link_pending_scan_async, client, session->token, link);
  g_assert_null (sync_registry_upload_link_pending_scan_finish (client, result, &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  /* a signed form from a phone whose code cannot be read: kept for staff */
  CALL (result, sync_registry_upload_link_create_async, client, session->token, NULL, 0);
  answer = sync_registry_upload_link_create_finish (client, result, &error);
  g_assert_no_error (error);
  link = json_object_get_int_member (answer, "id");
  {
    g_autoptr (SoupSession) soup = soup_session_new ();
    g_autoptr (RegistryTestReply) phone_reply = registry_test_request_typed (
        soup, registry, "POST", strstr (json_object_get_string_member (answer, "url"), "/u/"), NULL,
        NULL, "image/png", g_bytes_get_data (png, NULL), (gssize) g_bytes_get_size (png));

    g_assert_cmpuint (phone_reply->status, ==, 202);
  }
  g_clear_pointer (&answer, json_object_unref);
  g_clear_object (&result);
  g_clear_pointer (&file, sync_file_free);
  CALL (result, sync_registry_upload_link_pending_scan_async, client, session->token, link);
  file = sync_registry_upload_link_pending_scan_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file->media_type, ==, "image/png");
  g_assert_true (memcmp (g_bytes_get_data (file->bytes, NULL), "\x89PNG", 4) == 0);
  g_clear_pointer (&file, sync_file_free);
  g_clear_object (&result);

  /* deleted, and then unknown */
  CALL (result, sync_registry_attachment_delete_async, client, session->token, id);
  answer = sync_registry_attachment_delete_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  CALL (result, sync_registry_attachment_read_async, client, session->token, id, FALSE);
  g_assert_null (sync_registry_attachment_read_finish (client, result, &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_NOT_FOUND);
}

static void
test_device_token_refused (void)
{
  g_autoptr (SyncRegistry) stranger = registry_at (registry->base_url, "not-an-enrolled-token");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  CALL (result, sync_registry_get_captcha_async, stranger);
  g_assert_null (sync_registry_get_captcha_finish (stranger, result, &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "The registry refused this kiosk's device token.");
}

static void
test_unreachable (void)
{
  g_autoptr (GSocket) socket =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (SyncRegistry) nowhere = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  /* a port that was free a moment ago and has no listener */
  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  nowhere = registry_at (url, device_token);

  CALL (result, sync_registry_get_health_async, nowhere);
  g_assert_null (sync_registry_get_health_finish (nowhere, result, &error));
  g_assert_error (error, SYNC_ERROR, SYNC_ERROR_UNREACHABLE);
}

static void
test_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  sync_registry_get_captcha_async (client, cancellable, store_result_cb, &result);
  wait_result (&result);
  g_assert_null (sync_registry_get_captcha_finish (client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A peer that answers every request with one scripted status and body. */
typedef struct
{
  guint status;
  const char *body;
  const char *content_type;
} Script;

static void
scripted_cb (SoupServer *server,
             SoupServerMessage *msg,
             const char *path,
             GHashTable *query,
             gpointer user_data)
{
  Script *script = user_data;

  soup_server_message_set_status (msg, script->status, NULL);
  soup_server_message_set_response (msg, script->content_type, SOUP_MEMORY_STATIC, script->body,
                                    strlen (script->body));
}

static SyncRegistry *
scripted_peer (SoupServer **out_server, Script *script)
{
  g_autoptr (GError) error = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autofree char *url = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);

  soup_server_add_handler (server, NULL, scripted_cb, script, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  *out_server = server;
  return registry_at (url, "scripted-token");
}

static void
test_answers_of_the_wrong_shape (void)
{
  Script script = { 200, "{\"captcha_id\": 7}", "application/json" };
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (SyncRegistry) peer = scripted_peer (&server, &script);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  CALL (result, sync_registry_get_captcha_async, peer);
  g_assert_null (sync_registry_get_captcha_finish (peer, result, &error));
  g_assert_error (error, SYNC_ERROR, SYNC_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_clear_object (&result);

  /* a session answer without its token */
  script.body = "{\"person\": {\"name\": \"x\"}}";
  CALL (result, sync_registry_log_in_async, peer, "resident", "1", "2", "3");
  g_assert_null (sync_registry_log_in_finish (peer, result, &error));
  g_assert_error (error, SYNC_ERROR, SYNC_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_clear_object (&result);

  /* an error answer without a code: the status says what it was */
  script.status = 503;
  script.body = "{\"status\": \"unavailable\"}";
  CALL (result, sync_registry_get_health_async, peer);
  g_assert_null (sync_registry_get_health_finish (peer, result, &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_clear_object (&result);

  /* a code this build does not know */
  script.status = 418;
  script.body = "{\"error\": {\"code\": \"from_a_newer_registry\", \"message\": \"?\"}}";
  CALL (result, sync_registry_get_health_async, peer);
  g_assert_null (sync_registry_get_health_finish (peer, result, &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_clear_object (&result);

  /* a front proxy's HTML page instead of the registry's JSON */
  script.status = 502;
  script.body = "<html>bad gateway</html>";
  script.content_type = "text/html";
  CALL (result, sync_registry_get_health_async, peer);
  g_assert_null (sync_registry_get_health_finish (peer, result, &error));
  g_assert_error (error, SYNC_ERROR, SYNC_ERROR_SERVER);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *spool_arg = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  folder = g_dir_make_tmp ("sync-registry-XXXXXX", &error);
  g_assert_no_error (error);
  spool = g_build_filename (folder, "spool", NULL);
  g_assert_cmpint (g_mkdir (spool, 0700), ==, 0);
  clock_file = g_build_filename (folder, "clock", NULL);
  advance_clock (0);
  spool_arg = g_strconcat ("spool:", spool, NULL);

  cluster = registry_test_cluster_start ();
  registry_db = registry_test_cluster_new_database (cluster);
  device_token = registry_test_enroll_device (registry_db, "typed-client");
  registry_test_add_staff (registry_db, STAFF_USER, STAFF_PASSWORD);
  {
    const char *args[] = { "--sms", spool_arg,           "--test-captcha-answer",
                           ANSWER,  "--test-clock-file", clock_file,
                           NULL };
    registry = registry_test_process_start (cluster, registry_db, args);
  }
  client = registry_at (registry->base_url, device_token);

  g_test_add_func ("/sync-registry/health", test_health);
  g_test_add_func ("/sync-registry/captcha", test_captcha);
  g_test_add_func ("/sync-registry/register-and-session", test_register_and_session);
  g_test_add_func ("/sync-registry/log-in", test_log_in);
  g_test_add_func ("/sync-registry/error-codes", test_error_codes);
  g_test_add_func ("/sync-registry/staff", test_staff);
  g_test_add_func ("/sync-registry/batch", test_batch);
  g_test_add_func ("/sync-registry/attachments", test_attachments);
  g_test_add_func ("/sync-registry/device-token-refused", test_device_token_refused);
  g_test_add_func ("/sync-registry/unreachable", test_unreachable);
  g_test_add_func ("/sync-registry/cancelled", test_cancelled);
  g_test_add_func ("/sync-registry/wrong-shape", test_answers_of_the_wrong_shape);
  status = g_test_run ();

  g_clear_object (&client);
  registry_test_process_stop (registry);
  registry_test_cluster_stop (cluster);
  return status;
}
