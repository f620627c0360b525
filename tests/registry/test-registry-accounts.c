/* test-registry-accounts.c: SMS registration and login, captchas, sessions
 * and staff login against a real registry process, on SQLite or on a
 * throwaway PostgreSQL cluster (REGISTRY_TEST_BACKEND)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registry runs with the spool SMS gateway (the test reads the codes
 * from the spool), a fixed captcha answer and a clock offset file, so
 * 90-second and 60-second limits are tested by moving the clock, not by
 * sleeping.
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "core-filing.h"
#include "registry-staff-sessions.h"
#include "registry-storage-private.h"
#include "registry-test-util.h"
#include "threaded-service.h"

#define ANSWER "K7MP"

static RegistryTestCluster *cluster;
static guint fixture_counter;

typedef struct
{
  char *url;
  char *spool;
  char *clock;
  gint64 start; /* seconds since 1970 */
  gint64 offset;
  RegistryTestProcess *process;
  RegistryStorage *storage;
  SoupSession *session;
  char *token;
} Fixture;

/* The registry's clock stands at the fixture's start plus @offset, and
 * moves only when a test moves it: checks to the second hold however slowly
 * a loaded machine runs the test. */
static void
set_clock (Fixture *fx, gint64 offset)
{
  g_autofree char *text = g_strdup_printf ("@%" G_GINT64_FORMAT "\n", fx->start + offset);
  g_autoptr (GError) error = NULL;

  fx->offset = offset;
  g_file_set_contents (fx->clock, text, -1, &error);
  g_assert_no_error (error);
}

static void
advance (Fixture *fx, gint64 seconds)
{
  set_clock (fx, fx->offset + seconds);
}

static RegistryTestProcess *
start_registry (Fixture *fx, const char *sms)
{
  g_autofree char *spool_arg = g_strconcat ("spool:", fx->spool, NULL);
  const char *args[] = { "--sms", sms != NULL ? sms : spool_arg, "--test-captcha-answer",
                         ANSWER,  "--test-clock-file",           fx->clock,
                         NULL };

  return registry_test_process_start (cluster, fx->url, args);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint n = ++fixture_counter;

  fx->url = registry_test_cluster_new_database (cluster);
  fx->spool = g_strdup_printf ("%s/spool-%u", registry_test_cluster_get_dir (cluster), n);
  g_assert_cmpint (g_mkdir (fx->spool, 0700), ==, 0);
  fx->clock = g_strdup_printf ("%s/clock-%u", registry_test_cluster_get_dir (cluster), n);
  fx->start = g_get_real_time () / G_USEC_PER_SEC;
  set_clock (fx, 0);
  fx->token = registry_test_enroll_device (fx->url, "kiosk-1");
  fx->process = start_registry (fx, NULL);
  fx->storage = registry_storage_open (fx->url, &error);
  g_assert_no_error (error);
  fx->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->session);
  g_clear_object (&fx->storage);
  if (fx->process != NULL)
    registry_test_process_stop (fx->process);
  g_free (fx->token);
  g_free (fx->url);
  g_free (fx->spool);
  g_free (fx->clock);
}

static char *
resident_number (guint seq)
{
  return registry_test_resident_number (1985, seq);
}

static char *
phone_number (guint seq)
{
  return registry_test_phone_number (seq);
}

/* A card filing of person @seq at the kiosk of @token, with @phone or none. */
static RegistryTestReply *
post_card (Fixture *fx, const char *token, guint seq, const char *phone)
{
  g_autoptr (CoreFiling) filing = registry_test_card_filing (1985, seq, phone);

  core_filing_set (filing, CORE_FILING_FIELD_NAME, "李四");
  core_filing_set (filing, CORE_FILING_FIELD_SEX, "女");
  return registry_test_post_filing (fx->session, fx->process, token, filing);
}

/* Files a card filing for person @seq through the API, with @phone or none. */
static void
file_person (Fixture *fx, guint seq, const char *phone)
{
  g_autoptr (RegistryTestReply) reply = post_card (fx, fx->token, seq, phone);

  g_assert_cmpuint (reply->status, ==, 201);
}

/* A manual filing of person @seq (a resident ID number typed by staff)
 * under @staff_session, with @phone or none. */
static RegistryTestReply *
post_manual (Fixture *fx,
             const char *token,
             guint seq,
             const char *phone,
             const char *staff_session,
             const char *filing_id)
{
  g_autoptr (CoreFiling) filing = core_filing_new ();
  g_autofree char *id = filing_id != NULL ? g_strdup (filing_id) : g_uuid_string_random ();
  g_autofree char *number = resident_number (seq);
  g_autofree char *json = NULL;

  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, id);
  core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "manual");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, "resident");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, number);
  core_filing_set (filing, CORE_FILING_FIELD_NAME, "李四");
  core_filing_set (filing, CORE_FILING_FIELD_SEX, "女");
  core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, "1985-01-01");
  core_filing_set (filing, CORE_FILING_FIELD_PHONE, phone);
  core_filing_set (filing, CORE_FILING_FIELD_STAFF_SESSION, staff_session);
  core_filing_set_original_checked (filing, TRUE);
  json = core_filing_to_json (filing);
  return registry_test_request (fx->session, fx->process, "POST", "/v1/filings", token, json, -1);
}

static void
assert_error (RegistryTestReply *reply, guint status, const char *code)
{
  if (reply->status != status ||
      g_strcmp0 (registry_test_json_string (reply->json, "error.code"), code) != 0)
    g_test_message ("body: %s", reply->body);
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_nonnull (reply->json);
  g_assert_cmpstr (registry_test_json_string (reply->json, "error.code"), ==, code);
  g_assert_nonnull (registry_test_json_string (reply->json, "error.message"));
}

static char *
get_captcha_at (Fixture *fx, RegistryTestProcess *process, const char *token)
{
  g_autoptr (RegistryTestReply) reply =
      registry_test_request (fx->session, process, "GET", "/v1/captcha", token, NULL, 0);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (registry_test_json_int (reply->json, "expires_in"), ==, 180);
  g_assert_true (g_uuid_string_is_valid (registry_test_json_string (reply->json, "captcha_id")));
  return g_strdup (registry_test_json_string (reply->json, "captcha_id"));
}

static char *
get_captcha (Fixture *fx)
{
  return get_captcha_at (fx, fx->process, fx->token);
}

static RegistryTestReply *
send_code_full (Fixture *fx,
                RegistryTestProcess *process,
                const char *token,
                const char *purpose,
                guint seq,
                const char *phone,
                const char *captcha_id,
                const char *answer)
{
  g_autofree char *number = resident_number (seq);
  g_autofree char *body =
      g_strdup_printf ("{\"purpose\": \"%s\", \"doc_type\": \"resident\", \"doc_number\": \"%s\","
                       " \"phone\": \"%s\", \"captcha_id\": \"%s\", \"captcha_answer\": \"%s\"}",
                       purpose, number, phone, captcha_id, answer);

  return registry_test_request (fx->session, process, "POST", "/v1/sms/send", token, body, -1);
}

/* Asks for a code with a fresh captcha answered right. */
static RegistryTestReply *
send_code (Fixture *fx, const char *purpose, guint seq, const char *phone)
{
  g_autofree char *captcha = get_captcha (fx);

  return send_code_full (fx, fx->process, fx->token, purpose, seq, phone, captcha, ANSWER);
}

/* Asks for a code that must be sent, and reads it from the spool. */
static char *
send_code_ok (Fixture *fx, const char *purpose, guint seq, const char *phone)
{
  g_autoptr (RegistryTestReply) reply = send_code (fx, purpose, seq, phone);
  char *code;

  if (reply->status != 200)
    g_test_message ("body: %s", reply->body);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (registry_test_json_int (reply->json, "expires_in"), ==, 90);
  g_assert_cmpint (registry_test_json_int (reply->json, "resend_after"), ==, 60);
  code = registry_test_spool_take_code (fx->spool, phone);
  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), ==, 6);
  return code;
}

static RegistryTestReply *
redeem_at (Fixture *fx,
           RegistryTestProcess *process,
           const char *path,
           guint seq,
           const char *phone,
           const char *code)
{
  g_autofree char *number = resident_number (seq);
  g_autofree char *body = g_strdup_printf ("{\"doc_type\": \"resident\", \"doc_number\": \"%s\","
                                           " \"phone\": \"%s\", \"code\": \"%s\"}",
                                           number, phone, code);

  return registry_test_request (fx->session, process, "POST", path, fx->token, body, -1);
}

static RegistryTestReply *
redeem (Fixture *fx, const char *path, guint seq, const char *phone, const char *code)
{
  return redeem_at (fx, fx->process, path, seq, phone, code);
}

/* A different code than @code, for wrong attempts. */
static char *
wrong_code (const char *code)
{
  return g_strdup_printf ("%06u", (guint) (g_ascii_strtoull (code, NULL, 10) + 1) % 1000000);
}

/* Registers person @seq (filed without a phone) with @phone. */
static char *
register_person (Fixture *fx, guint seq, const char *phone)
{
  g_autofree char *code = send_code_ok (fx, "register", seq, phone);
  g_autoptr (RegistryTestReply) reply = redeem (fx, "/v1/registrations", seq, phone, code);

  g_assert_cmpuint (reply->status, ==, 201);
  return g_strdup (registry_test_json_string (reply->json, "session_token"));
}

static RegistryTestReply *
session_call (Fixture *fx, RegistryTestProcess *process, const char *method, const char *session)
{
  return registry_test_request_session (fx->session, process, method, "/v1/sessions/current",
                                        fx->token, session, NULL);
}

/* ---- captchas ---- */

typedef struct
{
  RegistryTestProcess *process;
  const char *token;
  guint status;
} CaptchaRace;

static gpointer
captcha_race_thread (gpointer data)
{
  CaptchaRace *race = data;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (RegistryTestReply) reply =
      registry_test_request (session, race->process, "GET", "/v1/captcha", race->token, NULL, 0);

  race->status = reply->status;
  return NULL;
}

/* At most 30 captchas per device in any 10 minutes, spent or not, however
 * many are asked for at once; other devices are not affected. */
static void
test_captcha_device_limit (Fixture *fx, gconstpointer data)
{
  g_autofree char *other = registry_test_enroll_device (fx->url, "kiosk-2");
  g_autofree char *number = resident_number (95);
  CaptchaRace races[40];
  GThread *threads[G_N_ELEMENTS (races)];
  RegistryTestReply *reply;
  guint ok = 0;
  guint limited = 0;

  /* ten of them spent on wrong answers: spending does not give them back */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *captcha = get_captcha (fx);
      g_autofree char *phone = phone_number (95);
      reply = send_code_full (fx, fx->process, fx->token, "login", 95, phone, captcha, "WRONG");
      assert_error (reply, 422, "captcha_wrong");
      registry_test_reply_free (reply);
    }

  /* forty at once: twenty get one, the others are refused */
  for (guint i = 0; i < G_N_ELEMENTS (races); i++)
    {
      races[i] = (CaptchaRace){ fx->process, fx->token, 0 };
      threads[i] = g_thread_new ("captcha-race", captcha_race_thread, &races[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (races); i++)
    {
      g_thread_join (threads[i]);
      ok += races[i].status == 200;
      limited += races[i].status == 429;
    }
  g_assert_cmpuint (ok, ==, 20);
  g_assert_cmpuint (limited, ==, 20);

  reply =
      registry_test_request (fx->session, fx->process, "GET", "/v1/captcha", fx->token, NULL, 0);
  assert_error (reply, 429, "rate_limited");
  g_assert_cmpint (registry_test_json_int (reply->json, "error.retry_after"), >, 0);
  g_assert_cmpint (registry_test_json_int (reply->json, "error.retry_after"), <=, 600);
  g_assert_nonnull (reply->retry_after);
  g_assert_cmpint (g_ascii_strtoll (reply->retry_after, NULL, 10), ==,
                   registry_test_json_int (reply->json, "error.retry_after"));
  registry_test_reply_free (reply);

  /* another kiosk is not held back */
  g_free (get_captcha_at (fx, fx->process, other));

  /* ten minutes after the first ones, the device may ask again */
  advance (fx, 601);
  g_free (get_captcha (fx));
}

/* ---- phone checks ---- */

typedef struct
{
  RegistryTestProcess *process;
  const char *token;
  guint seq;
  guint status;
} PhoneCheckRace;

static RegistryTestReply *
check_phone_at (SoupSession *session, RegistryTestProcess *process, const char *token, guint seq)
{
  g_autofree char *number = resident_number (seq);
  g_autofree char *phone = phone_number (seq);
  g_autofree char *path = g_strdup_printf ("/v1/persons/resident/%s/phone-check", number);
  g_autofree char *body = g_strdup_printf ("{\"phone\": \"%s\"}", phone);

  return registry_test_request (session, process, "POST", path, token, body, strlen (body));
}

static gpointer
phone_check_race_thread (gpointer data)
{
  PhoneCheckRace *race = data;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (RegistryTestReply) reply =
      check_phone_at (session, race->process, race->token, race->seq);

  race->status = reply->status;
  return NULL;
}

static void
assert_phone_checked (Fixture *fx, const char *token, guint seq)
{
  g_autoptr (RegistryTestReply) reply = check_phone_at (fx->session, fx->process, token, seq);

  if (reply->status != 200)
    g_test_message ("body: %s", reply->body);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "phone"), ==, "usable");
}

/* At most 30 phone checks per device in any 10 minutes, however many are
 * asked for at once, so a stolen device token cannot walk through phones to
 * learn which are bound; a refused check answers nothing about the phone,
 * and other devices are not affected. */
static void
test_phone_check_device_limit (Fixture *fx, gconstpointer data)
{
  g_autofree char *other = registry_test_enroll_device (fx->url, "kiosk-2");
  PhoneCheckRace races[30];
  GThread *threads[G_N_ELEMENTS (races)];
  RegistryTestReply *reply;
  guint ok = 0;
  guint limited = 0;

  for (guint i = 0; i < 10; i++)
    assert_phone_checked (fx, fx->token, 200 + i);

  /* thirty at once a minute later: twenty get an answer, ten are refused */
  advance (fx, 60);
  for (guint i = 0; i < G_N_ELEMENTS (races); i++)
    {
      races[i] = (PhoneCheckRace){ fx->process, fx->token, 300 + i, 0 };
      threads[i] = g_thread_new ("phone-check-race", phone_check_race_thread, &races[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (races); i++)
    {
      g_thread_join (threads[i]);
      ok += races[i].status == 200;
      limited += races[i].status == 429;
    }
  g_assert_cmpuint (ok, ==, 20);
  g_assert_cmpuint (limited, ==, 10);

  /* the window began with the first check: 540 seconds to wait */
  reply = check_phone_at (fx->session, fx->process, fx->token, 400);
  assert_error (reply, 429, "phone_checks_limited");
  g_assert_null (registry_test_json_string (reply->json, "phone"));
  g_assert_cmpint (registry_test_json_int (reply->json, "error.retry_after"), ==, 540);
  g_assert_cmpstr (reply->retry_after, ==, "540");
  registry_test_reply_free (reply);
  /* a refused check is not counted, and nothing of the phone is kept */
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM phone_checks"), ==, 30);

  /* another kiosk is not held back */
  assert_phone_checked (fx, other, 401);

  /* once the first ten are ten minutes old, ten more may be asked */
  advance (fx, 541);
  for (guint i = 0; i < 10; i++)
    assert_phone_checked (fx, fx->token, 500 + i);
  reply = check_phone_at (fx->session, fx->process, fx->token, 600);
  assert_error (reply, 429, "phone_checks_limited");
  registry_test_reply_free (reply);
}

static void
test_captcha_image (Fixture *fx, gconstpointer data)
{
  g_autoptr (RegistryTestReply) reply = NULL;
  RegistryTestProcess *plain;
  const char *base64;
  g_autofree guchar *png = NULL;
  gsize png_length = 0;
  g_autofree char *path = NULL;
  cairo_surface_t *surface;

  /* a registry without the test answer draws random answers */
  plain = registry_test_process_start (cluster, fx->url, NULL);
  reply = registry_test_request (fx->session, plain, "GET", "/v1/captcha", fx->token, NULL, 0);
  g_assert_cmpuint (reply->status, ==, 200);
  base64 = registry_test_json_string (reply->json, "image_png_base64");
  g_assert_nonnull (base64);
  png = g_base64_decode (base64, &png_length);
  g_assert_cmpuint (png_length, >, 1000);
  g_assert_cmpint (memcmp (png, "\x89PNG\r\n\x1a\n", 8), ==, 0);
  path = g_build_filename (registry_test_cluster_get_dir (cluster), "captcha.png", NULL);
  g_assert_true (g_file_set_contents (path, (const char *) png, png_length, NULL));
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), >=, 200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), >=, 60);
  cairo_surface_destroy (surface);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM captchas"), ==, 1);
  /* a device token is needed */
  registry_test_reply_free (g_steal_pointer (&reply));
  reply = registry_test_request (fx->session, plain, "GET", "/v1/captcha", NULL, NULL, 0);
  assert_error (reply, 401, "unauthorized");
  registry_test_process_stop (plain);
}

/* R-G2: single use, a wrong answer spends it too, case does not
 * matter, it belongs to the device it was shown on. */
static void
test_captcha_rules (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone = phone_number (1);
  g_autofree char *captcha = get_captcha (fx);
  g_autofree char *other_token = registry_test_enroll_device (fx->url, "kiosk-2");
  g_autofree char *foreign = NULL;
  RegistryTestReply *reply;

  file_person (fx, 1, NULL);
  reply = send_code_full (fx, fx->process, fx->token, "register", 1, phone, captcha, "K7MQ");
  assert_error (reply, 422, "captcha_wrong");
  registry_test_reply_free (reply);
  /* spent by the wrong answer */
  reply = send_code_full (fx, fx->process, fx->token, "register", 1, phone, captcha, ANSWER);
  assert_error (reply, 422, "captcha_wrong");
  registry_test_reply_free (reply);
  /* unknown id, empty and odd answers */
  reply = send_code_full (fx, fx->process, fx->token, "register", 1, phone,
                          "00000000-0000-4000-8000-000000000000", ANSWER);
  assert_error (reply, 422, "captcha_wrong");
  registry_test_reply_free (reply);
  g_free (captcha);
  captcha = get_captcha (fx);
  reply = send_code_full (fx, fx->process, fx->token, "register", 1, phone, captcha, "");
  assert_error (reply, 422, "captcha_wrong");
  registry_test_reply_free (reply);
  g_free (captcha);
  captcha = get_captcha (fx);
  reply = send_code_full (fx, fx->process, fx->token, "register", 1, phone, captcha, "K7M\\u00dc");
  assert_error (reply, 422, "captcha_wrong");
  registry_test_reply_free (reply);

  /* a captcha shown on another kiosk does not count here */
  foreign = get_captcha_at (fx, fx->process, other_token);
  reply = send_code_full (fx, fx->process, fx->token, "register", 1, phone, foreign, ANSWER);
  assert_error (reply, 422, "captcha_wrong");
  registry_test_reply_free (reply);

  /* lower case is right, and then it is spent */
  g_free (captcha);
  captcha = get_captcha (fx);
  reply = send_code_full (fx, fx->process, fx->token, "register", 1, phone, captcha, " k7mp ");
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  g_free (registry_test_spool_take_code (fx->spool, phone));
  advance (fx, 61);
  reply = send_code_full (fx, fx->process, fx->token, "register", 1, phone, captcha, ANSWER);
  assert_error (reply, 422, "captcha_wrong");
  registry_test_reply_free (reply);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM sms_codes"), ==, 1);
}

/* R-G2: a captcha is valid 3 minutes. */
static void
test_captcha_expiry (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone = phone_number (2);
  g_autofree char *captcha = NULL;
  RegistryTestReply *reply;

  file_person (fx, 2, NULL);
  captcha = get_captcha (fx);
  advance (fx, 181);
  reply = send_code_full (fx, fx->process, fx->token, "register", 2, phone, captcha, ANSWER);
  assert_error (reply, 422, "captcha_wrong");
  registry_test_reply_free (reply);

  g_free (captcha);
  captcha = get_captcha (fx);
  advance (fx, 170);
  reply = send_code_full (fx, fx->process, fx->token, "register", 2, phone, captcha, ANSWER);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
}

/* ---- the seed's errors ---- */

/* …, each through the API. */
static void
test_seed_errors (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone_a = phone_number (10);
  g_autofree char *phone_b = phone_number (11);
  g_autofree char *phone_c = phone_number (12);
  g_autofree char *session = NULL;
  RegistryTestReply *reply;

  /* never filed */
  reply = send_code (fx, "register", 10, phone_a);
  assert_error (reply, 404, "not_filed");
  registry_test_reply_free (reply);

  /* filed with a usable phone */
  file_person (fx, 11, phone_b);
  reply = send_code (fx, "register", 11, phone_c);
  assert_error (reply, 409, "already_enabled");
  registry_test_reply_free (reply);

  /* the phone is bound to person 11 */
  file_person (fx, 12, NULL);
  reply = send_code (fx, "register", 12, phone_b);
  assert_error (reply, 409, "phone_taken");
  registry_test_reply_free (reply);

  /* registered once, not twice (with any phone) */
  session = register_person (fx, 12, phone_c);
  g_assert_nonnull (session);
  advance (fx, 61);
  reply = send_code (fx, "register", 12, phone_a);
  assert_error (reply, 409, "id_already_registered");
  registry_test_reply_free (reply);
  reply = send_code (fx, "register", 12, phone_c);
  assert_error (reply, 409, "id_already_registered");
  registry_test_reply_free (reply);
  /* an SMS user's phone is taken for others too */
  file_person (fx, 13, NULL);
  reply = send_code (fx, "register", 13, phone_c);
  assert_error (reply, 409, "phone_taken");
  registry_test_reply_free (reply);

  /* login needs a filing phone or a registration, with that phone */
  reply = send_code (fx, "login", 13, phone_a);
  assert_error (reply, 404, "not_registered");
  registry_test_reply_free (reply);
  reply = send_code (fx, "login", 10, phone_a);
  assert_error (reply, 404, "not_registered");
  registry_test_reply_free (reply);
  reply = send_code (fx, "login", 11, phone_c);
  assert_error (reply, 404, "not_registered");
  registry_test_reply_free (reply);
  reply = send_code (fx, "login", 12, phone_b);
  assert_error (reply, 404, "not_registered");
  registry_test_reply_free (reply);

  /* the captcha is checked before everything else */
  {
    g_autofree char *captcha = get_captcha (fx);
    reply = send_code_full (fx, fx->process, fx->token, "register", 10, phone_a, captcha, "XXXX");
    assert_error (reply, 422, "captcha_wrong");
    registry_test_reply_free (reply);
  }
  /* nothing of it was sent */
  g_assert_null (registry_test_spool_take_code (fx->spool, phone_a));
}

static void
test_bad_requests (Fixture *fx, gconstpointer data)
{
  g_autofree char *captcha = get_captcha (fx);
  g_autofree char *phone = phone_number (20);
  g_autofree char *number = resident_number (20);
  const char *const bodies[] = {
    "[]",
    "{}",
    "{\"purpose\": \"delete\"}",
    "{\"purpose\": \"register\", \"doc_type\": \"resident\", \"doc_number\": "
    "\"110105198501010010\","
    " \"phone\": \"13900000000\", \"captcha_id\": \"x\", \"captcha_answer\": \"K7MP\"}",
    "{\"purpose\": \"register\", \"doc_type\": \"resident\", \"doc_number\": 1,"
    " \"phone\": \"13900000000\", \"captcha_id\": \"x\", \"captcha_answer\": \"K7MP\"}",
    NULL,
  };
  RegistryTestReply *reply;
  g_autofree char *bad_phone = NULL;
  g_autofree char *extra = NULL;

  for (guint i = 0; bodies[i] != NULL; i++)
    {
      reply = registry_test_request (fx->session, fx->process, "POST", "/v1/sms/send", fx->token,
                                     bodies[i], -1);
      g_assert_true (reply->status == 400 || reply->status == 422);
      registry_test_reply_free (reply);
    }
  reply =
      registry_test_request (fx->session, fx->process, "POST", "/v1/sms/send", fx->token, "{", -1);
  assert_error (reply, 400, "bad_json");
  registry_test_reply_free (reply);

  bad_phone = g_strdup_printf ("{\"purpose\": \"login\", \"doc_type\": \"resident\","
                               " \"doc_number\": \"%s\", \"phone\": \"12345\", \"captcha_id\":"
                               " \"%s\", \"captcha_answer\": \"K7MP\"}",
                               number, captcha);
  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/sms/send", fx->token,
                                 bad_phone, -1);
  assert_error (reply, 422, "invalid_field");
  g_assert_cmpstr (registry_test_json_string (reply->json, "error.field"), ==, "phone");
  registry_test_reply_free (reply);
  /* a refused body does not spend the captcha */
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM captchas"), ==, 1);

  extra = g_strdup_printf ("{\"doc_type\": \"resident\", \"doc_number\": \"%s\", \"phone\":"
                           " \"%s\", \"code\": \"12345\"}",
                           number, phone);
  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/sessions", fx->token, extra,
                                 -1);
  assert_error (reply, 422, "invalid_field");
  g_assert_cmpstr (registry_test_json_string (reply->json, "error.field"), ==, "code");
  registry_test_reply_free (reply);

  /* routes and methods */
  reply = registry_test_request (fx->session, fx->process, "PUT", "/v1/sessions/current", fx->token,
                                 NULL, 0);
  assert_error (reply, 405, "method_not_allowed");
  g_assert_cmpstr (reply->allow, ==, "GET, DELETE");
  registry_test_reply_free (reply);
  reply =
      registry_test_request (fx->session, fx->process, "GET", "/v1/sms/send", fx->token, NULL, 0);
  assert_error (reply, 405, "method_not_allowed");
  registry_test_reply_free (reply);
  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/sms/send", NULL, "{}", -1);
  assert_error (reply, 401, "unauthorized");
  registry_test_reply_free (reply);
}

/* ---- register, log in, log out ---- */

/* */
static void
test_register_login_logout (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone = phone_number (30);
  g_autofree char *filing_phone = phone_number (31);
  g_autofree char *number = resident_number (30);
  g_autofree char *code = NULL;
  g_autofree char *session = NULL;
  g_autofree char *second = NULL;
  RegistryTestReply *reply;

  file_person (fx, 30, NULL);
  code = send_code_ok (fx, "register", 30, phone);
  reply = redeem (fx, "/v1/registrations", 30, phone, code);
  g_assert_cmpuint (reply->status, ==, 201);
  session = g_strdup (registry_test_json_string (reply->json, "session_token"));
  g_assert_cmpuint (strlen (session), ==, 64);
  g_assert_cmpint (registry_test_json_int (reply->json, "expires_in"), ==, 900);
  g_assert_cmpstr (registry_test_json_string (reply->json, "person.doc_number"), ==, number);
  g_assert_cmpstr (registry_test_json_string (reply->json, "person.name"), ==, "李四");
  g_assert_cmpstr (registry_test_json_string (reply->json, "person.sex"), ==, "女");
  g_assert_cmpstr (registry_test_json_string (reply->json, "person.login_phone"), ==, phone);
  g_assert_nonnull (registry_test_json_string (reply->json, "person.person_id"));
  registry_test_reply_free (reply);
  /* the code is used up */
  reply = redeem (fx, "/v1/registrations", 30, phone, code);
  assert_error (reply, 422, "code_expired");
  registry_test_reply_free (reply);

  /* the session shows the person; the state says enabled */
  reply = session_call (fx, fx->process, "GET", session);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "person.doc_number"), ==, number);
  registry_test_reply_free (reply);
  {
    g_autofree char *path = g_strdup_printf ("/v1/persons/resident/%s/state", number);
    reply = registry_test_request (fx->session, fx->process, "GET", path, fx->token, NULL, 0);
    g_assert_cmpstr (registry_test_json_string (reply->json, "state"), ==, "enabled");
    registry_test_reply_free (reply);
  }

  /* logout ends it */
  reply = session_call (fx, fx->process, "DELETE", session);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "logged_out");
  registry_test_reply_free (reply);
  reply = session_call (fx, fx->process, "GET", session);
  assert_error (reply, 401, "session_invalid");
  registry_test_reply_free (reply);
  reply = session_call (fx, fx->process, "DELETE", session);
  assert_error (reply, 401, "session_invalid");
  registry_test_reply_free (reply);
  reply = session_call (fx, fx->process, "GET", NULL);
  assert_error (reply, 401, "session_invalid");
  registry_test_reply_free (reply);

  /* the SMS user logs in with the registered phone and ID */
  advance (fx, 61);
  g_free (code);
  code = send_code_ok (fx, "login", 30, phone);
  reply = redeem (fx, "/v1/sessions", 30, phone, code);
  g_assert_cmpuint (reply->status, ==, 200);
  second = g_strdup (registry_test_json_string (reply->json, "session_token"));
  g_assert_cmpstr (second, !=, session);
  registry_test_reply_free (reply);
  reply = session_call (fx, fx->process, "GET", second);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);

  /* a card-filed person logs in with the filing's phone */
  file_person (fx, 31, filing_phone);
  g_free (code);
  code = send_code_ok (fx, "login", 31, filing_phone);
  reply = redeem (fx, "/v1/sessions", 31, filing_phone, code);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "person.address"), ==,
                   "北京市东城区景山前街4号");
  registry_test_reply_free (reply);

  /* a login code does not register, a register code does not log in */
  advance (fx, 61);
  g_free (code);
  code = send_code_ok (fx, "login", 31, filing_phone);
  reply = redeem (fx, "/v1/registrations", 31, filing_phone, code);
  assert_error (reply, 422, "code_expired");
  registry_test_reply_free (reply);

  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM sms_users"), ==, 1);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM audit_log"
                                                     " WHERE action = 'sms_user.register'"),
                   ==, 1);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM audit_log"
                                                     " WHERE action = 'session.logout'"),
                   ==, 1);
}

/* Sessions last 15 minutes from their last use, and belong to one device. */
static void
test_session_lifetime (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone = phone_number (40);
  g_autofree char *session = NULL;
  g_autofree char *other_token = registry_test_enroll_device (fx->url, "kiosk-2");
  RegistryTestReply *reply;

  file_person (fx, 40, NULL);
  session = register_person (fx, 40, phone);

  reply = registry_test_request_session (fx->session, fx->process, "GET", "/v1/sessions/current",
                                         other_token, session, NULL);
  assert_error (reply, 401, "session_invalid");
  registry_test_reply_free (reply);

  for (guint i = 0; i < 3; i++)
    {
      advance (fx, 14 * 60);
      reply = session_call (fx, fx->process, "GET", session);
      g_assert_cmpuint (reply->status, ==, 200);
      registry_test_reply_free (reply);
    }
  advance (fx, 15 * 60 + 1);
  reply = session_call (fx, fx->process, "GET", session);
  assert_error (reply, 401, "session_invalid");
  registry_test_reply_free (reply);
  /* a malformed token is just not valid */
  reply = session_call (fx, fx->process, "GET", "not-a-token");
  assert_error (reply, 401, "session_invalid");
  registry_test_reply_free (reply);
}

/* ---- codes ---- */

/* R-G1: a code is valid 90 seconds. */
static void
test_code_expiry (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone = phone_number (50);
  g_autofree char *code = NULL;
  RegistryTestReply *reply;

  file_person (fx, 50, phone);
  code = send_code_ok (fx, "login", 50, phone);
  advance (fx, 91);
  reply = redeem (fx, "/v1/sessions", 50, phone, code);
  assert_error (reply, 422, "code_expired");
  registry_test_reply_free (reply);

  g_free (code);
  code = send_code_ok (fx, "login", 50, phone);
  advance (fx, 89);
  reply = redeem (fx, "/v1/sessions", 50, phone, code);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
}

/* Five wrong attempts spend a code; a newer code replaces an older one. */
static void
test_code_attempts (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone = phone_number (60);
  g_autofree char *code = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *old = NULL;
  RegistryTestReply *reply;

  file_person (fx, 60, phone);
  code = send_code_ok (fx, "login", 60, phone);
  wrong = wrong_code (code);
  for (int i = 4; i >= 0; i--)
    {
      reply = redeem (fx, "/v1/sessions", 60, phone, wrong);
      assert_error (reply, 422, "code_wrong");
      g_assert_cmpint (registry_test_json_int (reply->json, "error.attempts_left"), ==, i);
      registry_test_reply_free (reply);
    }
  reply = redeem (fx, "/v1/sessions", 60, phone, code);
  assert_error (reply, 422, "code_expired");
  registry_test_reply_free (reply);

  /* a resend makes the earlier code worthless */
  advance (fx, 61);
  old = send_code_ok (fx, "login", 60, phone);
  advance (fx, 61);
  g_free (code);
  code = send_code_ok (fx, "login", 60, phone);
  if (g_strcmp0 (old, code) != 0)
    {
      reply = redeem (fx, "/v1/sessions", 60, phone, old);
      assert_error (reply, 422, "code_wrong");
      registry_test_reply_free (reply);
    }
  /* wrong attempts below five leave the code usable */
  reply = redeem (fx, "/v1/sessions", 60, phone, code);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  /* another kiosk cannot use a code sent for this one */
}

/* ---- send limits ---- */

static void
test_resend_cooldown (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone = phone_number (70);
  g_autofree char *code = NULL;
  RegistryTestReply *reply;

  file_person (fx, 70, phone);
  code = send_code_ok (fx, "login", 70, phone);
  reply = send_code (fx, "login", 70, phone);
  assert_error (reply, 429, "too_frequent");
  g_assert_cmpint (registry_test_json_int (reply->json, "error.retry_after"), ==, 60);
  g_assert_cmpstr (reply->retry_after, ==, "60");
  registry_test_reply_free (reply);
  advance (fx, 30);
  reply = send_code (fx, "login", 70, phone);
  assert_error (reply, 429, "too_frequent");
  g_assert_cmpint (registry_test_json_int (reply->json, "error.retry_after"), >=, 29);
  g_assert_cmpint (registry_test_json_int (reply->json, "error.retry_after"), <=, 30);
  registry_test_reply_free (reply);
  /* refusals were not sent and do not count */
  g_assert_null (registry_test_spool_take_code (fx->spool, phone));
  advance (fx, 31);
  g_free (code);
  code = send_code_ok (fx, "login", 70, phone);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM sms_codes"), ==, 2);
}

/* At most 10 codes per phone and 50 per device a day, 5 per device a
 * minute. */
static void
test_daily_caps (Fixture *fx, gconstpointer data)
{
  g_autoptr (GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  RegistryTestReply *reply;

  for (guint i = 0; i < 7; i++)
    {
      g_ptr_array_add (phones, phone_number (100 + i));
      file_person (fx, 100 + i, g_ptr_array_index (phones, i));
    }

  /* the per-device burst: 5 phones in a minute, the sixth waits */
  for (guint i = 0; i < 5; i++)
    g_free (send_code_ok (fx, "login", 100 + i, g_ptr_array_index (phones, i)));
  reply = send_code (fx, "login", 105, g_ptr_array_index (phones, 5));
  assert_error (reply, 429, "rate_limited");
  g_assert_cmpint (registry_test_json_int (reply->json, "error.retry_after"), <=, 60);
  registry_test_reply_free (reply);

  /* ten rounds of five make 50 codes, 10 for each of five phones; two
   * minutes apart, so that the captchas stay under their own limit */
  for (guint round = 1; round < 10; round++)
    {
      advance (fx, 121);
      for (guint i = 0; i < 5; i++)
        g_free (send_code_ok (fx, "login", 100 + i, g_ptr_array_index (phones, i)));
    }
  advance (fx, 61);
  /* the phone's cap */
  reply = send_code (fx, "login", 100, g_ptr_array_index (phones, 0));
  assert_error (reply, 429, "rate_limited");
  g_assert_cmpint (registry_test_json_int (reply->json, "error.retry_after"), >, 3600);
  registry_test_reply_free (reply);
  /* the device's cap, for a fresh phone */
  reply = send_code (fx, "login", 106, g_ptr_array_index (phones, 6));
  assert_error (reply, 429, "rate_limited");
  registry_test_reply_free (reply);
  /* another device may still send to that phone */
  {
    g_autofree char *other = registry_test_enroll_device (fx->url, "kiosk-2");
    g_autofree char *captcha = get_captcha_at (fx, fx->process, other);
    reply = send_code_full (fx, fx->process, other, "login", 106, g_ptr_array_index (phones, 6),
                            captcha, ANSWER);
    g_assert_cmpuint (reply->status, ==, 200);
    registry_test_reply_free (reply);
  }
  /* a day later it all starts again */
  advance (fx, 24 * 3600);
  g_free (send_code_ok (fx, "login", 100, g_ptr_array_index (phones, 0)));
}

/* ---- gateways ---- */

typedef struct
{
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  guint status; /* what the relay answers */
  guint16 port;
  GMutex lock;
  GPtrArray *received;
} Relay;

static void
relay_handler (SoupServer *server,
               SoupServerMessage *msg,
               const char *path,
               GHashTable *query,
               gpointer user_data)
{
  Relay *relay = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  g_mutex_lock (&relay->lock);
  g_ptr_array_add (relay->received, g_strndup (body->data, body->length));
  g_mutex_unlock (&relay->lock);
  soup_server_message_set_status (msg, relay->status, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
}

static gpointer
relay_thread (gpointer data)
{
  Relay *relay = data;

  g_main_context_push_thread_default (relay->context);
  g_main_loop_run (relay->loop);
  g_main_context_pop_thread_default (relay->context);
  return NULL;
}

static Relay *
relay_start (guint status)
{
  Relay *relay = g_new0 (Relay, 1);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  relay->status = status;
  relay->received = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&relay->lock);
  relay->context = g_main_context_new ();
  relay->loop = g_main_loop_new (relay->context, FALSE);
  g_main_context_push_thread_default (relay->context);
  relay->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (relay->server, NULL, relay_handler, relay, NULL);
  soup_server_listen_local (relay->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (relay->server);
  relay->port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_context_pop_thread_default (relay->context);
  relay->thread = g_thread_new ("relay", relay_thread, relay);
  return relay;
}

static void
relay_stop (Relay *relay)
{
  g_main_loop_quit (relay->loop);
  g_thread_join (relay->thread);
  g_main_context_push_thread_default (relay->context);
  soup_server_disconnect (relay->server);
  g_object_unref (relay->server);
  g_main_context_pop_thread_default (relay->context);
  g_main_loop_unref (relay->loop);
  g_main_context_unref (relay->context);
  g_ptr_array_unref (relay->received);
  g_mutex_clear (&relay->lock);
  g_free (relay);
}

static void
test_http_gateway (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone = phone_number (80);
  Relay *good = relay_start (200);
  Relay *bad = relay_start (500);
  g_autofree char *good_url = g_strdup_printf ("http://127.0.0.1:%u/sms", good->port);
  g_autofree char *bad_url = g_strdup_printf ("http://127.0.0.1:%u/sms", bad->port);
  RegistryTestProcess *process;
  RegistryTestReply *reply;
  g_autofree char *captcha = NULL;

  file_person (fx, 80, phone);

  /* a relay that fails */
  process = start_registry (fx, bad_url);
  captcha = get_captcha_at (fx, process, fx->token);
  reply = send_code_full (fx, process, fx->token, "login", 80, phone, captcha, ANSWER);
  assert_error (reply, 502, "sms_failed");
  registry_test_reply_free (reply);
  registry_test_process_stop (process);
  g_assert_cmpuint (bad->received->len, ==, 1);
  /* the unsent code counts for nothing */
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM sms_codes"), ==, 0);

  /* a relay that is not there */
  process = start_registry (fx, "http://127.0.0.1:9/sms");
  g_free (captcha);
  captcha = get_captcha_at (fx, process, fx->token);
  reply = send_code_full (fx, process, fx->token, "login", 80, phone, captcha, ANSWER);
  assert_error (reply, 502, "sms_failed");
  registry_test_reply_free (reply);
  registry_test_process_stop (process);

  /* a relay that takes it gets {phone, text} */
  process = start_registry (fx, good_url);
  g_free (captcha);
  captcha = get_captcha_at (fx, process, fx->token);
  reply = send_code_full (fx, process, fx->token, "login", 80, phone, captcha, ANSWER);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  registry_test_process_stop (process);
  g_assert_cmpuint (good->received->len, ==, 1);
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    JsonObject *object;
    g_assert_true (
        json_parser_load_from_data (parser, g_ptr_array_index (good->received, 0), -1, NULL));
    object = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (object, "phone"), ==, phone);
    g_assert_nonnull (strstr (json_object_get_string_member (object, "text"), "90秒内有效"));
  }
  relay_stop (good);
  relay_stop (bad);
}

/* A relay that accepts and then answers with a body without end: the
 * registry takes the status and reads none of the body. The handler runs on
 * a thread of the service's and counts into the test's stack: the test waits
 * for it to return (threaded_service_finish) before it returns itself. */
static gboolean
endless_reply_cb (GThreadedSocketService *service,
                  GSocketConnection *connection,
                  GObject *source,
                  gpointer user_data)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                      "Content-Length: 2000000000\r\n\r\n";
  g_autofree char *block = g_strnfill (64 * 1024, 'x');
  char buf[4096];
  guint64 *sent = user_data;

  /* the request first: the registry waits for the answer only after it */
  while (g_input_stream_read (in, buf, sizeof buf, NULL, NULL) == sizeof buf)
    ;
  if (!g_output_stream_write_all (out, head, sizeof head - 1, NULL, NULL, NULL))
    return TRUE;
  while (*sent < (guint64) 2000000000 &&
         g_output_stream_write_all (out, block, 64 * 1024, NULL, NULL, NULL))
    *sent += 64 * 1024;
  return TRUE;
}

static gpointer
run_loop_thread (gpointer data)
{
  GMainLoop *loop = data;

  g_main_context_push_thread_default (g_main_loop_get_context (loop));
  g_main_loop_run (loop);
  g_main_context_pop_thread_default (g_main_loop_get_context (loop));
  return NULL;
}

static void
test_http_gateway_endless_reply (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone = phone_number (85);
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GMainLoop) loop = g_main_loop_new (context, FALSE);
  GSocketService *service;
  g_autoptr (GError) error = NULL;
  g_autoptr (GThread) thread = NULL;
  g_autofree char *url = NULL;
  g_autofree char *captcha = NULL;
  g_autofree char *status_path = NULL;
  g_autofree char *status = NULL;
  guint64 sent = 0;
  RegistryTestProcess *process;
  RegistryTestReply *reply;
  guint16 port;

  /* the relay accepts on a thread of its own (a service accepts in the
   * context current when its port is added): this one waits in requests */
  g_main_context_push_thread_default (context);
  service = threaded_service_new (2);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (endless_reply_cb), &sent);
  g_socket_service_start (service);
  g_main_context_pop_thread_default (context);
  thread = g_thread_new ("endless-relay", run_loop_thread, loop);
  url = g_strdup_printf ("http://127.0.0.1:%u/sms", port);

  file_person (fx, 85, phone);
  process = start_registry (fx, url);
  captcha = get_captcha_at (fx, process, fx->token);
  reply = send_code_full (fx, process, fx->token, "login", 85, phone, captcha, ANSWER);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);

  status_path = g_strdup_printf ("/proc/%d/status", (int) process->pid);
  g_assert_true (g_file_get_contents (status_path, &status, NULL, NULL));
  g_assert_cmpuint (g_ascii_strtoull (strstr (status, "VmHWM:") + 6, NULL, 10), <, 64 * 1024);
  /* with the registry gone the relay's writes fail and its handler returns */
  registry_test_process_stop (process);
  threaded_service_finish (service);
  g_test_message ("the relay sent %" G_GUINT64_FORMAT " bytes", sent);
  g_main_loop_quit (loop);
  g_thread_join (g_steal_pointer (&thread));
}

/* Spool files are whole JSON messages in Chinese, one per code, private. */
static void
test_spool_gateway (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone = phone_number (90);
  g_autoptr (GDir) dir = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  const char *name;
  JsonObject *object;
  RegistryTestReply *reply;
  GStatBuf st;
  guint n = 0;

  file_person (fx, 90, phone);
  reply = send_code (fx, "login", 90, phone);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);

  dir = g_dir_open (fx->spool, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_str_has_suffix (name, ".json"));
      g_free (path);
      path = g_build_filename (fx->spool, name, NULL);
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "phone"), ==, phone);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "text"),
                                   "【从业人员服务】您的验证码为"));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "text"), "90秒内有效"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "sent_at"), "Z"));

  /* a registry without a gateway refuses to send, before spending anything */
  {
    RegistryTestProcess *plain = registry_test_process_start (cluster, fx->url, NULL);
    g_autofree char *captcha = get_captcha_at (fx, plain, fx->token);
    reply = send_code_full (fx, plain, fx->token, "login", 90, phone, captcha, ANSWER);
    assert_error (reply, 502, "sms_failed");
    registry_test_reply_free (reply);
    registry_test_process_stop (plain);
  }
}

/* ---- privacy ---- */

/* Numbers (times, counters) and hashes or ids written in hex are made of
 * digits too, and may hold any 6 digits by chance: a code is looked for in
 * the other cells only. */
static gboolean
is_number_or_hex (const char *value)
{
  gsize len = strlen (value);
  gboolean all_digits = TRUE;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        all_digits = FALSE;
      if (!g_ascii_isxdigit (*p) && *p != '-')
        return FALSE;
    }
  return all_digits || len == 64 || g_uuid_string_is_valid (value);
}

static gboolean
table_contains_full (Fixture *fx, const char *table, const char *needle, gboolean skip_numbers)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s", table);
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (GError) error = NULL;

  registry_storage_query (fx->storage, sql, NULL, 0, &rows, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->n_rows * rows->n_columns; i++)
    {
      const char *value = rows->values[i];
      if (value == NULL || (skip_numbers && is_number_or_hex (value)))
        continue;
      if (strstr (value, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
table_contains (Fixture *fx, const char *table, const char *needle)
{
  return table_contains_full (fx, table, needle, FALSE);
}

/* No code, captcha answer or session token in the database in clear; no
 * code, answer, phone or ID number in the log. */
static void
test_no_secrets_in_clear (Fixture *fx, gconstpointer data)
{
  const char *const tables[] = { "captchas",       "sms_codes",      "practitioner_sessions",
                                 "audit_log",      "sms_users",      "staff_login_failures",
                                 "server_secrets", "staff_sessions", NULL };
  g_autofree char *phone = phone_number (95);
  g_autofree char *number = resident_number (95);
  g_autofree char *code = NULL;
  g_autofree char *login_code = NULL;
  g_autofree char *session = NULL;
  g_autofree char *log = NULL;
  g_autofree char *captcha = NULL;
  RegistryTestReply *reply;

  file_person (fx, 95, NULL);
  captcha = get_captcha (fx);
  code = send_code_ok (fx, "register", 95, phone);
  reply = redeem (fx, "/v1/registrations", 95, phone, code);
  g_assert_cmpuint (reply->status, ==, 201);
  session = g_strdup (registry_test_json_string (reply->json, "session_token"));
  registry_test_reply_free (reply);
  advance (fx, 61);
  login_code = send_code_ok (fx, "login", 95, phone);

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_assert_false (table_contains (fx, tables[i], ANSWER));
      g_assert_false (table_contains (fx, tables[i], session));
      if (g_strcmp0 (tables[i], "server_secrets") != 0)
        {
          g_assert_false (table_contains_full (fx, tables[i], code, TRUE));
          g_assert_false (table_contains_full (fx, tables[i], login_code, TRUE));
        }
    }
  /* spent captchas keep their rows, without the hash, for the device's limit */
  g_assert_cmpint (
      registry_test_count (fx->storage, "SELECT count(*) FROM captchas WHERE answer_hash <> ''"),
      ==, 1);
  /* the session is there, as its hash */
  {
    g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, session, -1);
    g_assert_true (table_contains (fx, "practitioner_sessions", hash));
  }

  /* everything the process logged so far, with every debug message */
  g_assert_true (g_file_get_contents (fx->process->log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "code sent for"));
  g_assert_null (strstr (log, code));
  g_assert_null (strstr (log, login_code));
  g_assert_null (strstr (log, ANSWER));
  g_assert_null (strstr (log, phone));
  g_assert_null (strstr (log, number));
  g_assert_null (strstr (log, session));
}

/* ---- staff login ---- */

static RegistryTestReply *
staff_login (Fixture *fx, const char *token, const char *user, const char *password)
{
  g_autofree char *body =
      g_strdup_printf ("{\"user\": \"%s\", \"password\": \"%s\"}", user, password);

  return registry_test_request (fx->session, fx->process, "POST", "/v1/staff/sessions", token, body,
                                -1);
}

static gboolean
is_staff_token (const char *token)
{
  if (token == NULL || strlen (token) != 64)
    return FALSE;
  for (const char *p = token; *p != '\0'; p++)
    {
      if (!g_ascii_isxdigit (*p))
        return FALSE;
    }
  return TRUE;
}

/* Signs in and returns the staff session token. */
static char *
staff_session (Fixture *fx, const char *token, const char *user, const char *password)
{
  g_autoptr (RegistryTestReply) reply = staff_login (fx, token, user, password);

  if (reply->status != 200)
    g_test_message ("body: %s", reply->body);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (is_staff_token (registry_test_json_string (reply->json, "staff_session")));
  return g_strdup (registry_test_json_string (reply->json, "staff_session"));
}

static RegistryTestReply *
staff_sign_out (Fixture *fx, const char *token, const char *staff_token)
{
  return registry_test_request_session (fx->session, fx->process, "DELETE",
                                        "/v1/staff/sessions/current", token, staff_token, NULL);
}

static void
add_staff (Fixture *fx, const char *user, const char *password)
{
  g_autofree char *input = g_strconcat (password, "\n", NULL);

  g_assert_cmpint (registry_test_run_cli (fx->url,
                                          (const char *[]){ "admin", "add-staff", user, NULL },
                                          input, NULL, NULL),
                   ==, 0);
}

static void
test_staff_login (Fixture *fx, gconstpointer data)
{
  g_autofree char *other = registry_test_enroll_device (fx->url, "kiosk-2");
  g_autofree char *wrong_body = NULL;
  RegistryTestReply *reply;

  add_staff (fx, "alice", "correct horse battery");
  add_staff (fx, "bob", "another long password");

  reply = staff_login (fx, fx->token, "alice", "correct horse battery");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "staff"), ==, "alice");
  g_assert_true (is_staff_token (registry_test_json_string (reply->json, "staff_session")));
  g_assert_cmpint (registry_test_json_int (reply->json, "expires_in"), ==, 12 * 3600);
  registry_test_reply_free (reply);

  /* a wrong password and an unknown user get the same answer */
  reply = staff_login (fx, fx->token, "alice", "wrong password");
  assert_error (reply, 401, "staff_login_failed");
  wrong_body = g_strdup (reply->body);
  registry_test_reply_free (reply);
  reply = staff_login (fx, fx->token, "mallory", "wrong password");
  assert_error (reply, 401, "staff_login_failed");
  g_assert_cmpstr (reply->body, ==, wrong_body);
  registry_test_reply_free (reply);
  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/staff/sessions", fx->token,
                                 "{\"user\": \"alice\"}", -1);
  assert_error (reply, 422, "missing_field");
  registry_test_reply_free (reply);
  reply = staff_login (fx, NULL, "alice", "correct horse battery");
  assert_error (reply, 401, "unauthorized");
  registry_test_reply_free (reply);
  /* a success clears the failures */
  reply = staff_login (fx, fx->token, "alice", "correct horse battery");
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);

  /* five wrong in a row lock alice for 5 minutes, everywhere */
  for (guint i = 0; i < 4; i++)
    {
      reply = staff_login (fx, fx->token, "alice", "wrong password");
      assert_error (reply, 401, "staff_login_failed");
      registry_test_reply_free (reply);
    }
  reply = staff_login (fx, fx->token, "alice", "wrong password");
  assert_error (reply, 403, "staff_locked");
  g_assert_cmpint (registry_test_json_int (reply->json, "error.retry_after"), ==, 300);
  g_assert_cmpstr (reply->retry_after, ==, "300");
  registry_test_reply_free (reply);
  reply = staff_login (fx, other, "alice", "correct horse battery");
  assert_error (reply, 403, "staff_locked");
  registry_test_reply_free (reply);
  /* ... and this kiosk for everyone */
  reply = staff_login (fx, fx->token, "bob", "another long password");
  assert_error (reply, 403, "staff_locked");
  registry_test_reply_free (reply);
  /* bob at another kiosk is fine */
  reply = staff_login (fx, other, "bob", "another long password");
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);

  advance (fx, 200);
  reply = staff_login (fx, fx->token, "alice", "correct horse battery");
  assert_error (reply, 403, "staff_locked");
  g_assert_cmpint (registry_test_json_int (reply->json, "error.retry_after"), <=, 100);
  registry_test_reply_free (reply);
  advance (fx, 101);
  reply = staff_login (fx, fx->token, "alice", "correct horse battery");
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);

  /* unknown users count for the kiosk too */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *user = g_strdup_printf ("nobody%u", i);
      reply = staff_login (fx, other, user, "wrong password");
      assert_error (reply, i < 4 ? 401 : 403, i < 4 ? "staff_login_failed" : "staff_locked");
      registry_test_reply_free (reply);
    }
  reply = staff_login (fx, other, "bob", "another long password");
  assert_error (reply, 403, "staff_locked");
  registry_test_reply_free (reply);

  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM audit_log"
                                                     " WHERE action = 'staff.locked'"),
                   ==, 2);
  g_assert_false (table_contains (fx, "staff_login_failures", "wrong password"));
  g_assert_false (table_contains (fx, "audit_log", "wrong password"));
}

/* A sign-in gives a session token bound to the kiosk; only its hash is
 * kept; signing out (at that kiosk only) ends it, and it ends by itself
 * after 12 hours. */
static void
test_staff_session (Fixture *fx, gconstpointer data)
{
  g_autofree char *other = registry_test_enroll_device (fx->url, "kiosk-2");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *log = NULL;
  RegistryTestReply *reply;

  add_staff (fx, "dora", "dora's long password");
  first = staff_session (fx, fx->token, "dora", "dora's long password");
  second = staff_session (fx, fx->token, "dora", "dora's long password");
  g_assert_cmpstr (first, !=, second);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM staff_sessions"), ==, 2);
  g_assert_false (table_contains (fx, "staff_sessions", first));
  {
    g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, first, -1);
    g_assert_true (table_contains (fx, "staff_sessions", hash));
  }

  /* another kiosk cannot end it; nor can a made-up or malformed token */
  reply = staff_sign_out (fx, other, first);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);
  reply = staff_sign_out (fx, fx->token,
                          "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);
  reply = staff_sign_out (fx, fx->token, "not a token");
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);
  reply = staff_sign_out (fx, fx->token, NULL);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);
  reply = staff_sign_out (fx, NULL, first);
  assert_error (reply, 401, "unauthorized");
  registry_test_reply_free (reply);

  reply = staff_sign_out (fx, fx->token, first);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "signed_out");
  registry_test_reply_free (reply);
  reply = staff_sign_out (fx, fx->token, first);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM audit_log"
                                                     " WHERE action = 'staff.logout'"
                                                     " AND staff = 'dora'"),
                   ==, 1);

  /* twelve hours on, the other session is over */
  advance (fx, 12 * 3600);
  reply = staff_sign_out (fx, fx->token, second);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);

  g_assert_true (g_file_get_contents (fx->process->log_path, &log, NULL, NULL));
  g_assert_null (strstr (log, first));
  g_assert_null (strstr (log, second));
}

/* Filings wait offline: a staff session still delivers manual filings 24
 * hours after it was signed out or expired, and then no more. A filing
 * accepted once keeps its answer. */
static void
test_staff_session_filing_grace (Fixture *fx, gconstpointer data)
{
  const gint64 hour = 3600;
  g_autofree char *ended = NULL;
  g_autofree char *expiring = NULL;
  g_autofree char *first_id = g_uuid_string_random ();
  RegistryTestReply *reply;

  add_staff (fx, "erin", "erin's long password");
  ended = staff_session (fx, fx->token, "erin", "erin's long password");
  reply = staff_sign_out (fx, fx->token, ended);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);

  reply = post_manual (fx, fx->token, 150, NULL, ended, first_id);
  g_assert_cmpuint (reply->status, ==, 201);
  registry_test_reply_free (reply);
  advance (fx, 24 * hour - 1);
  reply = post_manual (fx, fx->token, 151, NULL, ended, NULL);
  g_assert_cmpuint (reply->status, ==, 201);
  registry_test_reply_free (reply);
  advance (fx, 2);
  reply = post_manual (fx, fx->token, 152, NULL, ended, NULL);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);
  /* the retry of a filing accepted in time is still answered */
  reply = post_manual (fx, fx->token, 150, NULL, ended, first_id);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);

  /* a session that was never signed out: 12 hours, then 24 more */
  expiring = staff_session (fx, fx->token, "erin", "erin's long password");
  advance (fx, 36 * hour - 1);
  reply = post_manual (fx, fx->token, 153, NULL, expiring, NULL);
  g_assert_cmpuint (reply->status, ==, 201);
  registry_test_reply_free (reply);
  /* in its grace it delivers filings, nothing else */
  reply = staff_sign_out (fx, fx->token, expiring);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);
  advance (fx, 2);
  reply = post_manual (fx, fx->token, 154, NULL, expiring, NULL);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);

  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM filings"), ==, 3);
  g_assert_cmpint (registry_test_count (fx->storage,
                                        "SELECT count(*) FROM filings"
                                        " WHERE staff = 'erin' AND staff_id IS NOT NULL"),
                   ==, 3);
}

/* a person filed only by hand without a staff session the registry
 * issued (as filings were before staff sessions) is not filed: no
 * registration, no login with that filing's phone, until a card filing or a
 * staff-verified manual filing. */
static void
test_register_needs_counted_filing (Fixture *fx, gconstpointer data)
{
  g_autofree char *number = resident_number (160);
  g_autofree char *phone = phone_number (160);
  g_autofree char *other_phone = phone_number (161);
  g_autofree char *path = g_strdup_printf ("/v1/persons/resident/%s/state", number);
  g_autofree char *staff_token = NULL;
  g_autofree char *code = NULL;
  g_autoptr (GError) error = NULL;
  RegistryTestReply *reply;

  {
    g_autofree char *sql = g_strdup_printf (
        "INSERT INTO persons (person_id, doc_type, doc_number, name, sex, birth_date, phone,"
        " version, created_at, updated_at) VALUES ('legacy-1', 'resident', '%s', '王五', '男',"
        " '1985-01-01', '%s', 1, 1, 1);"
        "INSERT INTO filings (filing_id, person_id, device_id, source, doc_type, doc_number, name,"
        " phone, staff, original_checked, phone_usable, received_at) VALUES"
        " ('00000000-0000-4000-8000-000000000160', 'legacy-1', 1, 'manual', 'resident', '%s',"
        " '王五', '%s', 'no-such-staff-user', 1, 1, 1);"
        "INSERT INTO login_phones (phone, person_id, origin, bound_at)"
        " VALUES ('%s', 'legacy-1', 'filing', 1);",
        number, phone, number, phone, phone);
    registry_storage_exec (fx->storage, sql, &error);
    g_assert_no_error (error);
  }

  reply = registry_test_request (fx->session, fx->process, "GET", path, fx->token, NULL, 0);
  g_assert_cmpstr (registry_test_json_string (reply->json, "state"), ==, "not_filed");
  registry_test_reply_free (reply);
  reply = send_code (fx, "register", 160, other_phone);
  assert_error (reply, 404, "not_filed");
  registry_test_reply_free (reply);
  reply = send_code (fx, "login", 160, phone);
  assert_error (reply, 404, "not_registered");
  registry_test_reply_free (reply);

  /* staff the registry knows check the original and file it */
  add_staff (fx, "frank", "frank's long password");
  staff_token = staff_session (fx, fx->token, "frank", "frank's long password");
  advance (fx, 61);
  reply = post_manual (fx, fx->token, 160, NULL, staff_token, NULL);
  g_assert_cmpuint (reply->status, ==, 201);
  registry_test_reply_free (reply);
  reply = registry_test_request (fx->session, fx->process, "GET", path, fx->token, NULL, 0);
  g_assert_cmpstr (registry_test_json_string (reply->json, "state"), ==, "enabled");
  registry_test_reply_free (reply);
  code = send_code_ok (fx, "login", 160, phone);
  g_assert_nonnull (code);
}

/* The attack that was seen, with only another kiosk's device token: a
 * manual filing for a card-filed, registered person with a staff name the
 * kiosk wrote and a new phone. Refused; and no later filing of any kind
 * gives the person another login phone, so no SMS login with it. */
static void
test_other_kiosk_cannot_take_over (Fixture *fx, gconstpointer data)
{
  g_autofree char *other = registry_test_enroll_device (fx->url, "kiosk-2");
  g_autofree char *phone = phone_number (170);
  g_autofree char *new_phone = phone_number (171);
  g_autofree char *number = resident_number (170);
  g_autofree char *state_path = g_strdup_printf ("/v1/persons/resident/%s/state", number);
  g_autofree char *session = NULL;
  g_autofree char *code = NULL;
  RegistryTestReply *reply;

  file_person (fx, 170, NULL);
  session = register_person (fx, 170, phone);

  /* the filing that was seen: "staff" is no member, and no staff session */
  {
    g_autoptr (CoreFiling) filing = core_filing_new ();
    g_autofree char *id = g_uuid_string_random ();
    g_autofree char *json = NULL;
    g_autoptr (GString) forged = NULL;

    core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, id);
    core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "manual");
    core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, "resident");
    core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, number);
    core_filing_set (filing, CORE_FILING_FIELD_NAME, "李四");
    core_filing_set (filing, CORE_FILING_FIELD_SEX, "女");
    core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, "1985-01-01");
    core_filing_set (filing, CORE_FILING_FIELD_PHONE, new_phone);
    core_filing_set_original_checked (filing, TRUE);
    json = core_filing_to_json (filing);
    forged = g_string_new (json);
    g_string_replace (forged, "{", "{\"staff\":\"no-such-staff-user\",", 1);
    reply = registry_test_request (fx->session, fx->process, "POST", "/v1/filings", other,
                                   forged->str, -1);
    g_assert_cmpuint (reply->status, ==, 422);
    registry_test_reply_free (reply);
  }
  /* a made-up staff session */
  reply = post_manual (fx, other, 170, new_phone,
                       "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", NULL);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);
  /* card filings need no staff session: filed, but the phone is not taken */
  reply = post_card (fx, other, 170, new_phone);
  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_false (registry_test_json_bool (reply->json, "phone_usable"));
  registry_test_reply_free (reply);

  /* the login phone is the one registered, and only that one */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM login_phones l JOIN persons p"
                                            " ON p.person_id = l.person_id WHERE p.doc_number"
                                            " = '%s' AND l.phone = '%s'",
                                            number, phone);
    g_autofree char *any =
        g_strdup_printf ("SELECT count(*) FROM login_phones WHERE phone = '%s'", new_phone);
    g_autofree char *sms =
        g_strdup_printf ("SELECT count(*) FROM sms_users WHERE phone = '%s'", phone);
    g_assert_cmpint (registry_test_count (fx->storage, sql), ==, 1);
    g_assert_cmpint (registry_test_count (fx->storage, any), ==, 0);
    g_assert_cmpint (registry_test_count (fx->storage, sms), ==, 1);
  }
  /* no SMS login with the new phone: no code is even sent */
  reply = send_code (fx, "login", 170, new_phone);
  assert_error (reply, 404, "not_registered");
  registry_test_reply_free (reply);
  g_assert_null (registry_test_spool_take_code (fx->spool, new_phone));
  /* the person's own phone still works */
  advance (fx, 61);
  code = send_code_ok (fx, "login", 170, phone);
  reply = redeem (fx, "/v1/sessions", 170, phone, code);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  reply = registry_test_request (fx->session, fx->process, "GET", state_path, other, NULL, 0);
  g_assert_cmpstr (registry_test_json_string (reply->json, "state"), ==, "enabled");
  registry_test_reply_free (reply);
}

static RegistryTestReply *
put_phone (Fixture *fx,
           const char *token,
           const char *staff_token,
           const char *path_number,
           const char *phone)
{
  g_autofree char *path = g_strdup_printf ("/v1/staff/persons/resident/%s/phone", path_number);
  g_autofree char *body = g_strdup_printf ("{\"phone\": \"%s\"}", phone);

  return registry_test_request_session (fx->session, fx->process, "PUT", path, token, staff_token,
                                        body);
}

/* A registered person's phone changes only by staff, under a live staff
 * session at the kiosk that holds it, or by the operator's command. The new
 * phone is the only one that logs in; the person's sessions end. */
static void
test_staff_phone_change (Fixture *fx, gconstpointer data)
{
  g_autofree char *other = registry_test_enroll_device (fx->url, "kiosk-2");
  g_autofree char *number = resident_number (180);
  g_autofree char *unfiled = resident_number (189);
  g_autofree char *phone = phone_number (180);
  g_autofree char *taken = phone_number (181);
  g_autofree char *new_phone = phone_number (182);
  g_autofree char *admin_phone = phone_number (183);
  g_autofree char *staff_token = NULL;
  g_autofree char *other_staff = NULL;
  g_autofree char *practitioner = NULL;
  g_autofree char *code = NULL;
  RegistryTestReply *reply;

  add_staff (fx, "gina", "gina's long password");
  staff_token = staff_session (fx, fx->token, "gina", "gina's long password");
  other_staff = staff_session (fx, other, "gina", "gina's long password");
  file_person (fx, 180, NULL);
  practitioner = register_person (fx, 180, phone);
  file_person (fx, 181, taken);

  /* no staff session, another kiosk's, a made-up one */
  reply = put_phone (fx, fx->token, NULL, number, new_phone);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);
  reply = put_phone (fx, fx->token, other_staff, number, new_phone);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);
  reply = put_phone (fx, fx->token, practitioner, number, new_phone);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);
  reply = put_phone (fx, NULL, staff_token, number, new_phone);
  assert_error (reply, 401, "unauthorized");
  registry_test_reply_free (reply);
  /* bad requests */
  reply = put_phone (fx, fx->token, staff_token, "12345", new_phone);
  assert_error (reply, 422, "invalid_field");
  registry_test_reply_free (reply);
  reply = put_phone (fx, fx->token, staff_token, number, "12345");
  assert_error (reply, 422, "invalid_field");
  g_assert_cmpstr (registry_test_json_string (reply->json, "error.field"), ==, "phone");
  registry_test_reply_free (reply);
  reply = put_phone (fx, fx->token, staff_token, unfiled, new_phone);
  assert_error (reply, 404, "not_filed");
  registry_test_reply_free (reply);
  reply = put_phone (fx, fx->token, staff_token, number, taken);
  assert_error (reply, 409, "phone_taken");
  registry_test_reply_free (reply);
  {
    g_autofree char *path = g_strdup_printf ("/v1/staff/persons/resident/%s/phone", number);
    reply = registry_test_request_session (fx->session, fx->process, "POST", path, fx->token,
                                           staff_token, "{}");
    g_assert_cmpuint (reply->status, ==, 405);
    g_assert_cmpstr (reply->allow, ==, "PUT");
    registry_test_reply_free (reply);
  }

  reply = put_phone (fx, fx->token, staff_token, number, new_phone);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "login_phone"), ==, new_phone);
  g_assert_nonnull (registry_test_json_string (reply->json, "person_id"));
  registry_test_reply_free (reply);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM audit_log"
                                                     " WHERE action = 'person.phone_set'"
                                                     " AND staff = 'gina'"),
                   ==, 1);

  /* the person's session ended; the old phone no longer logs in, the new one does */
  reply = session_call (fx, fx->process, "GET", practitioner);
  assert_error (reply, 401, "session_invalid");
  registry_test_reply_free (reply);
  advance (fx, 61);
  reply = send_code (fx, "login", 180, phone);
  assert_error (reply, 404, "not_registered");
  registry_test_reply_free (reply);
  code = send_code_ok (fx, "login", 180, new_phone);
  reply = redeem (fx, "/v1/sessions", 180, new_phone, code);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "person.login_phone"), ==, new_phone);
  registry_test_reply_free (reply);

  /* after sign-out the session acts no more (its grace is for filings only) */
  reply = staff_sign_out (fx, fx->token, staff_token);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  reply = put_phone (fx, fx->token, staff_token, number, phone);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);

  /* the operator's command does the same */
  g_assert_cmpint (registry_test_run_cli (fx->url,
                                          (const char *[]){ "admin", "set-phone", "resident",
                                                            number, admin_phone, NULL },
                                          NULL, NULL, NULL),
                   ==, 0);
  g_assert_cmpint (registry_test_run_cli (
                       fx->url,
                       (const char *[]){ "admin", "set-phone", "resident", number, taken, NULL },
                       NULL, NULL, NULL),
                   ==, 1);
  g_assert_cmpint (registry_test_run_cli (fx->url,
                                          (const char *[]){ "admin", "set-phone", "resident",
                                                            unfiled, admin_phone, NULL },
                                          NULL, NULL, NULL),
                   ==, 1);
  g_assert_cmpint (registry_test_run_cli (
                       fx->url,
                       (const char *[]){ "admin", "set-phone", "resident", number, "12345", NULL },
                       NULL, NULL, NULL),
                   ==, 2);
  advance (fx, 61);
  reply = send_code (fx, "login", 180, new_phone);
  assert_error (reply, 404, "not_registered");
  registry_test_reply_free (reply);
  g_free (code);
  code = send_code_ok (fx, "login", 180, admin_phone);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM audit_log"
                                                     " WHERE action = 'person.phone_set'"
                                                     " AND detail = 'admin'"),
                   ==, 1);
}

static int
admin (Fixture *fx, const char *command, const char *user, const char *input)
{
  return registry_test_run_cli (fx->url, (const char *[]){ "admin", command, user, NULL }, input,
                                NULL, NULL);
}

/* A disabled account cannot sign in, its sessions end, and manual filings
 * made under them are refused, even from the 24-hour grace; enabled again,
 * it signs in as before. */
static void
test_staff_disable (Fixture *fx, gconstpointer data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  RegistryTestReply *reply;

  add_staff (fx, "hana", "hana's long password");
  before = staff_session (fx, fx->token, "hana", "hana's long password");
  reply = post_manual (fx, fx->token, 190, NULL, before, NULL);
  g_assert_cmpuint (reply->status, ==, 201);
  registry_test_reply_free (reply);

  g_assert_cmpint (admin (fx, "disable-staff", "hana", NULL), ==, 0);
  g_assert_cmpint (admin (fx, "disable-staff", "hana", NULL), ==, 1);
  g_assert_cmpint (admin (fx, "disable-staff", "nobody", NULL), ==, 1);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM staff_sessions"
                                                     " WHERE ended_at IS NULL"),
                   ==, 0);
  g_assert_cmpint (registry_test_run_cli (fx->url, (const char *[]){ "admin", "list-staff", NULL },
                                          NULL, &out, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "hana\t"));
  g_assert_null (strstr (out, "hana\t-\t-"));

  /* the right password learns the account is disabled; a wrong one learns nothing */
  reply = staff_login (fx, fx->token, "hana", "hana's long password");
  assert_error (reply, 403, "staff_disabled");
  registry_test_reply_free (reply);
  reply = staff_login (fx, fx->token, "hana", "not her password");
  assert_error (reply, 401, "staff_login_failed");
  registry_test_reply_free (reply);
  /* what waits on a kiosk under her session is refused, as is a staff call */
  reply = post_manual (fx, fx->token, 191, NULL, before, NULL);
  assert_error (reply, 403, "staff_disabled");
  registry_test_reply_free (reply);
  reply = put_phone (fx, fx->token, before, "110105198501010010", "13900000199");
  assert_error (reply, 403, "staff_disabled");
  registry_test_reply_free (reply);

  g_assert_cmpint (admin (fx, "enable-staff", "hana", NULL), ==, 0);
  g_assert_cmpint (admin (fx, "enable-staff", "hana", NULL), ==, 1);
  after = staff_session (fx, fx->token, "hana", "hana's long password");
  reply = post_manual (fx, fx->token, 192, NULL, after, NULL);
  g_assert_cmpuint (reply->status, ==, 201);
  registry_test_reply_free (reply);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM audit_log"
                                                     " WHERE action IN ('staff.disable',"
                                                     " 'staff.enable')"),
                   ==, 2);
}

/* A new password from stdin: the old one stops working, the account's
 * sessions end, and a lock from the old one is lifted. */
static void
test_staff_reset_password (Fixture *fx, gconstpointer data)
{
  g_autofree char *session = NULL;
  RegistryTestReply *reply;

  add_staff (fx, "ivan", "ivan's old password");
  session = staff_session (fx, fx->token, "ivan", "ivan's old password");
  for (guint i = 0; i < REGISTRY_STAFF_MAX_FAILURES; i++)
    {
      reply = staff_login (fx, fx->token, "ivan", "a forgotten password");
      registry_test_reply_free (reply);
    }
  reply = staff_login (fx, fx->token, "ivan", "ivan's old password");
  assert_error (reply, 403, "staff_locked");
  registry_test_reply_free (reply);

  g_assert_cmpint (admin (fx, "reset-password", "ivan", "short\n"), ==, 1);
  g_assert_cmpint (admin (fx, "reset-password", "nobody", "a long new password\n"), ==, 1);
  g_assert_cmpint (admin (fx, "reset-password", "ivan", "ivan's new password\n"), ==, 0);

  reply = staff_sign_out (fx, fx->token, session);
  assert_error (reply, 401, "staff_session_invalid");
  registry_test_reply_free (reply);
  /* the user's lock is lifted; this kiosk's own count still stands */
  reply = staff_login (fx, fx->token, "ivan", "ivan's new password");
  assert_error (reply, 403, "staff_locked");
  registry_test_reply_free (reply);
  {
    g_autofree char *other = registry_test_enroll_device (fx->url, "kiosk-2");
    reply = staff_login (fx, other, "ivan", "ivan's old password");
    assert_error (reply, 401, "staff_login_failed");
    registry_test_reply_free (reply);
    g_free (staff_session (fx, other, "ivan", "ivan's new password"));
  }
  g_assert_false (table_contains (fx, "audit_log", "new password"));
}

/* ---- several processes ---- */

/* A code sent through process A is redeemed at B, and the session is used
 * and ended across them. */
static void
test_two_processes (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone = phone_number (120);
  g_autofree char *code = NULL;
  g_autofree char *session = NULL;
  RegistryTestProcess *b;
  RegistryTestReply *reply;

  if (!registry_test_cluster_is_postgres (cluster))
    {
      g_test_skip ("needs REGISTRY_TEST_BACKEND=postgresql");
      return;
    }
  b = start_registry (fx, NULL);

  file_person (fx, 120, NULL);
  code = send_code_ok (fx, "register", 120, phone);
  reply = redeem_at (fx, b, "/v1/registrations", 120, phone, code);
  g_assert_cmpuint (reply->status, ==, 201);
  session = g_strdup (registry_test_json_string (reply->json, "session_token"));
  registry_test_reply_free (reply);

  reply = session_call (fx, fx->process, "GET", session);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  reply = session_call (fx, b, "GET", session);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);

  /* the cool-down and a captcha are shared too */
  {
    g_autofree char *captcha = get_captcha_at (fx, b, fx->token);
    reply = send_code_full (fx, fx->process, fx->token, "login", 120, phone, captcha, ANSWER);
    assert_error (reply, 429, "too_frequent");
    registry_test_reply_free (reply);
  }

  reply = session_call (fx, b, "DELETE", session);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  reply = session_call (fx, fx->process, "GET", session);
  assert_error (reply, 401, "session_invalid");
  registry_test_reply_free (reply);
  registry_test_process_stop (b);
}

typedef struct
{
  RegistryTestProcess *process;
  const char *token;
  const char *path;
  char *body;
  GMutex *lock;
  GCond *cond;
  gboolean *go;
  guint status;
  char *code;
} RaceThread;

static gpointer
race_thread (gpointer data)
{
  RaceThread *t = data;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (RegistryTestReply) reply = NULL;

  g_mutex_lock (t->lock);
  while (!*t->go)
    g_cond_wait (t->cond, t->lock);
  g_mutex_unlock (t->lock);
  reply = registry_test_request (session, t->process, "POST", t->path, t->token, t->body, -1);
  t->status = reply->status;
  t->code = g_strdup (registry_test_json_string (reply->json, "error.code"));
  return NULL;
}

/* Twenty wrong passwords for one account at once: every attempt is counted
 * before its password is checked, so no more than five are checked, the
 * rest are refused as locked, and the lock holds against the right password
 * until it ends. */
static void
test_staff_lock_parallel (Fixture *fx, gconstpointer data)
{
  g_autofree char *other = registry_test_enroll_device (fx->url, "kiosk-2");
  const char *body = "{\"user\": \"carol\", \"password\": \"not her password\"}";
  RaceThread threads[20];
  GThread *handles[20];
  GMutex lock;
  GCond cond;
  gboolean go = FALSE;
  guint failed = 0;
  guint locked = 0;
  RegistryTestReply *reply;

  add_staff (fx, "carol", "carol's right password");
  g_mutex_init (&lock);
  g_cond_init (&cond);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      threads[i] = (RaceThread){ fx->process,   fx->token, "/v1/staff/sessions",
                                 (char *) body, &lock,     &cond,
                                 &go,           0,         NULL };
      handles[i] = g_thread_new ("staff", race_thread, &threads[i]);
    }
  g_usleep (20000);
  g_mutex_lock (&lock);
  go = TRUE;
  g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (handles[i]);
      if (threads[i].status == 401 && g_strcmp0 (threads[i].code, "staff_login_failed") == 0)
        failed++;
      else if (threads[i].status == 403 && g_strcmp0 (threads[i].code, "staff_locked") == 0)
        locked++;
      else
        g_error ("unexpected answer %u %s", threads[i].status, threads[i].code);
      g_free (threads[i].code);
    }
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
  g_test_message ("%u wrong, %u locked", failed, locked);
  /* the fifth checked password already answers "locked" */
  g_assert_cmpuint (failed, <=, REGISTRY_STAFF_MAX_FAILURES - 1);
  g_assert_cmpuint (failed + locked, ==, G_N_ELEMENTS (threads));
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM audit_log"
                                                     " WHERE action = 'staff.login_failed'"),
                   <=, REGISTRY_STAFF_MAX_FAILURES);

  /* the right password is refused until the lock ends, at any kiosk */
  reply = staff_login (fx, fx->token, "carol", "carol's right password");
  assert_error (reply, 403, "staff_locked");
  registry_test_reply_free (reply);
  advance (fx, REGISTRY_STAFF_LOCK_S - 1);
  reply = staff_login (fx, other, "carol", "carol's right password");
  assert_error (reply, 403, "staff_locked");
  g_assert_cmpint (registry_test_json_int (reply->json, "error.retry_after"), <=, 1);
  registry_test_reply_free (reply);
  advance (fx, 2);
  reply = staff_login (fx, fx->token, "carol", "carol's right password");
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
}

/* The same right code sent to both processes at once registers once: one
 * answer 201, the others find the code used. */
static void
test_redeem_race (Fixture *fx, gconstpointer data)
{
  RegistryTestProcess *b;
  GMutex lock;
  GCond cond;
  gboolean go = FALSE;

  if (!registry_test_cluster_is_postgres (cluster))
    {
      g_test_skip ("needs REGISTRY_TEST_BACKEND=postgresql");
      return;
    }
  b = start_registry (fx, NULL);
  g_mutex_init (&lock);
  g_cond_init (&cond);

  for (guint r = 0; r < 5; r++)
    {
      g_autofree char *phone = phone_number (130 + r);
      g_autofree char *number = resident_number (130 + r);
      g_autofree char *code = NULL;
      g_autofree char *body = NULL;
      RaceThread threads[4];
      GThread *handles[4];
      guint created = 0;

      file_person (fx, 130 + r, NULL);
      code = send_code_ok (fx, "register", 130 + r, phone);
      body = g_strdup_printf ("{\"doc_type\": \"resident\", \"doc_number\": \"%s\","
                              " \"phone\": \"%s\", \"code\": \"%s\"}",
                              number, phone, code);
      go = FALSE;
      for (guint i = 0; i < 4; i++)
        {
          threads[i] = (RaceThread){ i % 2 ? b : fx->process,
                                     fx->token,
                                     "/v1/registrations",
                                     body,
                                     &lock,
                                     &cond,
                                     &go,
                                     0,
                                     NULL };
          handles[i] = g_thread_new ("race", race_thread, &threads[i]);
        }
      g_usleep (20000);
      g_mutex_lock (&lock);
      go = TRUE;
      g_cond_broadcast (&cond);
      g_mutex_unlock (&lock);
      for (guint i = 0; i < 4; i++)
        {
          g_thread_join (handles[i]);
          if (threads[i].status == 201)
            created++;
          else
            {
              g_assert_cmpuint (threads[i].status, ==, 422);
              g_assert_cmpstr (threads[i].code, ==, "code_expired");
            }
          g_free (threads[i].code);
        }
      g_assert_cmpuint (created, ==, 1);
    }
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM sms_users"), ==, 5);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM practitioner_sessions"),
                   ==, 5);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
  registry_test_process_stop (b);
}

/* Requests for a code to one phone at both processes at once: one is
 * sent, the others wait for the cool-down. */
static void
test_send_race (Fixture *fx, gconstpointer data)
{
  g_autofree char *phone = phone_number (140);
  g_autofree char *number = resident_number (140);
  RegistryTestProcess *b;
  RaceThread threads[4];
  GThread *handles[4];
  GMutex lock;
  GCond cond;
  gboolean go = FALSE;
  guint sent = 0;

  if (!registry_test_cluster_is_postgres (cluster))
    {
      g_test_skip ("needs REGISTRY_TEST_BACKEND=postgresql");
      return;
    }
  b = start_registry (fx, NULL);
  g_mutex_init (&lock);
  g_cond_init (&cond);
  file_person (fx, 140, phone);

  for (guint i = 0; i < 4; i++)
    {
      RegistryTestProcess *process = i % 2 ? b : fx->process;
      g_autofree char *captcha = get_captcha_at (fx, process, fx->token);
      threads[i] = (RaceThread){ process,
                                 fx->token,
                                 "/v1/sms/send",
                                 g_strdup_printf ("{\"purpose\": \"login\", \"doc_type\":"
                                                  " \"resident\", \"doc_number\": \"%s\","
                                                  " \"phone\": \"%s\", \"captcha_id\": \"%s\","
                                                  " \"captcha_answer\": \"%s\"}",
                                                  number, phone, captcha, ANSWER),
                                 &lock,
                                 &cond,
                                 &go,
                                 0,
                                 NULL };
      handles[i] = g_thread_new ("race", race_thread, &threads[i]);
    }
  g_usleep (20000);
  g_mutex_lock (&lock);
  go = TRUE;
  g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);
  for (guint i = 0; i < 4; i++)
    {
      g_thread_join (handles[i]);
      if (threads[i].status == 200)
        sent++;
      else
        {
          g_assert_cmpuint (threads[i].status, ==, 429);
          g_assert_cmpstr (threads[i].code, ==, "too_frequent");
        }
      g_free (threads[i].code);
      g_free (threads[i].body);
    }
  g_assert_cmpuint (sent, ==, 1);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM sms_codes"), ==, 1);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
  registry_test_process_stop (b);
}

/* ---- start-up and schema ---- */

static void
test_test_options_need_loopback (void)
{
  g_autofree char *url = registry_test_cluster_new_database (cluster);
  g_autofree char *err = NULL;

  g_assert_cmpint (registry_test_run_cli (url,
                                          (const char *[]){ "serve", "--listen", "0.0.0.0:0",
                                                            "--test-captcha-answer", ANSWER, NULL },
                                          NULL, NULL, &err),
                   ==, 2);
  g_assert_nonnull (strstr (err, "loopback"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      registry_test_run_cli (url,
                             (const char *[]){ "serve", "--listen", "0.0.0.0:0",
                                               "--test-clock-file", "/dev/null", NULL },
                             NULL, NULL, &err),
      ==, 2);
  g_assert_nonnull (strstr (err, "loopback"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (registry_test_run_cli (url,
                                          (const char *[]){ "serve", "--listen", "127.0.0.1:0",
                                                            "--test-captcha-answer", "a-b", NULL },
                                          NULL, NULL, &err),
                   ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      registry_test_run_cli (url,
                             (const char *[]){ "serve", "--listen", "127.0.0.1:0", "--sms",
                                               "spool:/nonexistent/dir", NULL },
                             NULL, NULL, &err),
      ==, 2);
  g_assert_nonnull (strstr (err, "spool"));
}

/* A database of the previous schema version with filings and devices in
 * it is brought up to date, and the data works with the new routes. */
static void
test_migrate_previous (void)
{
  g_autofree char *url = registry_test_cluster_new_database (cluster);
  g_autoptr (RegistryStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *token = NULL;
  RegistryTestProcess *process;
  RegistryTestReply *reply;
  int previous = registry_storage_get_latest_schema_version () - 1;

  storage = registry_storage_open (url, &error);
  g_assert_no_error (error);
  registry_storage_migrate_to (storage, previous, &error);
  g_assert_no_error (error);
  g_assert_cmpint (registry_storage_get_schema_version (storage, NULL), ==, previous);
  /* rows as the previous version wrote them (the CLI would migrate first) */
  token = g_strnfill (64, 'a');
  {
    g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
    g_autofree char *sql =
        g_strdup_printf ("INSERT INTO devices (name, token_hash, created_at)"
                         " VALUES ('old-kiosk', '%s', 1);"
                         "INSERT INTO staff (username, password_hash, created_at)"
                         " VALUES ('dave', 'x', 1);",
                         hash);
    registry_storage_exec (storage, sql, &error);
    g_assert_no_error (error);
  }

  g_assert_cmpint (
      registry_test_run_cli (url, (const char *[]){ "migrate", NULL }, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (registry_storage_get_schema_version (storage, NULL), ==,
                   registry_storage_get_latest_schema_version ());
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM staff"), ==, 1);
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM sms_codes"), ==, 0);

  process = registry_test_process_start (cluster, url, NULL);
  reply = registry_test_request (session, process, "GET", "/v1/captcha", token, NULL, 0);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  /* the phone checks of step 8 are counted */
  reply = check_phone_at (session, process, token, 700);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM phone_checks"), ==, 1);
  /* the key is made once and kept */
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM server_secrets"), ==, 1);
  registry_test_process_stop (process);
  process = registry_test_process_start (cluster, url, NULL);
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM server_secrets"), ==, 1);
  registry_test_process_stop (process);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster = registry_test_cluster_start ();

#define ADD(path, func)                                                                            \
  g_test_add ("/registry/accounts/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("captcha/image", test_captcha_image);
  ADD ("captcha/device-limit", test_captcha_device_limit);
  ADD ("captcha/rules", test_captcha_rules);
  ADD ("captcha/expiry", test_captcha_expiry);
  ADD ("phone-check/device-limit", test_phone_check_device_limit);
  ADD ("seed-errors", test_seed_errors);
  ADD ("bad-requests", test_bad_requests);
  ADD ("register-login-logout", test_register_login_logout);
  ADD ("session/lifetime", test_session_lifetime);
  ADD ("code/expiry", test_code_expiry);
  ADD ("code/attempts", test_code_attempts);
  ADD ("limits/cooldown", test_resend_cooldown);
  ADD ("limits/daily", test_daily_caps);
  ADD ("gateway/http", test_http_gateway);
  ADD ("gateway/http-endless-reply", test_http_gateway_endless_reply);
  ADD ("gateway/spool", test_spool_gateway);
  ADD ("no-secrets-in-clear", test_no_secrets_in_clear);
  ADD ("staff-login", test_staff_login);
  ADD ("staff-login/parallel-lock", test_staff_lock_parallel);
  ADD ("staff-session", test_staff_session);
  ADD ("staff-session/filing-grace", test_staff_session_filing_grace);
  ADD ("register/needs-counted-filing", test_register_needs_counted_filing);
  ADD ("phone/other-kiosk-cannot-take-over", test_other_kiosk_cannot_take_over);
  ADD ("phone/staff-change", test_staff_phone_change);
  ADD ("staff/disable", test_staff_disable);
  ADD ("staff/reset-password", test_staff_reset_password);
  ADD ("two-processes", test_two_processes);
  ADD ("two-processes/redeem-race", test_redeem_race);
  ADD ("two-processes/send-race", test_send_race);
#undef ADD
  g_test_add_func ("/registry/accounts/test-options-need-loopback",
                   test_test_options_need_loopback);
  g_test_add_func ("/registry/accounts/migrate/previous", test_migrate_previous);

  status = g_test_run ();
  registry_test_cluster_stop (cluster);
  return status;
}
