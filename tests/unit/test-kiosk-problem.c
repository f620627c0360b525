/* test-kiosk-problem.c: the kiosk's one table from registry error codes to what a
 * person reads and may do next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-api-error.h"
#include "kiosk-application.h"
#include "kiosk-problem.h"
#include "sync-client.h"

static KioskProblem *
problem_for (CoreApiError code, gint64 retry_after, gint64 attempts_left)
{
  g_autoptr (GError) error = g_error_new_literal (CORE_API_ERROR, code, "from the registry");

  core_api_error_set_details (error, retry_after, attempts_left, NULL);
  return kiosk_problem_new_for_error (error);
}

static void
assert_problem (KioskProblem *problem, const char *code, KioskNextStep next_step)
{
  g_assert_cmpstr (problem->code, ==, code);
  g_assert_cmpint (problem->next_step, ==, next_step);
  g_assert_nonnull (problem->message);
  g_assert_cmpuint (strlen (problem->message), >, 0);
  /* a problem that leaves nothing to do on the page has no button: the
   * frame's Home and Back are the ways out */
  if (next_step == KIOSK_NEXT_STEP_LEAVE)
    {
      g_assert_null (problem->button);
      return;
    }
  g_assert_nonnull (problem->button);
  g_assert_cmpuint (strlen (problem->button), >, 0);
}

/* …: each seed error has its own message and next step. */
static void
test_seed_errors (void)
{
  static const struct
  {
    CoreApiError code;
    const char *name;
    KioskNextStep next_step;
  } seed[] = {
    { CORE_API_ERROR_PHONE_TAKEN, "phone_taken", KIOSK_NEXT_STEP_OTHER_PHONE },
    { CORE_API_ERROR_ID_ALREADY_REGISTERED, "id_already_registered", KIOSK_NEXT_STEP_LOG_IN },
    { CORE_API_ERROR_ALREADY_ENABLED, "already_enabled", KIOSK_NEXT_STEP_LOG_IN },
    { CORE_API_ERROR_NOT_FILED, "not_filed", KIOSK_NEXT_STEP_WELCOME },
    { CORE_API_ERROR_NOT_REGISTERED, "not_registered", KIOSK_NEXT_STEP_REGISTER },
    { CORE_API_ERROR_CAPTCHA_WRONG, "captcha_wrong", KIOSK_NEXT_STEP_CAPTCHA },
    { CORE_API_ERROR_CODE_EXPIRED, "code_expired", KIOSK_NEXT_STEP_NEW_CODE },
    { CORE_API_ERROR_CONFLICT, "conflict", KIOSK_NEXT_STEP_DISMISS },
    { CORE_API_ERROR_RECORD_LIMIT, "record_limit", KIOSK_NEXT_STEP_DISMISS },
    { CORE_API_ERROR_PHONE_CHECKS_LIMITED, "phone_checks_limited", KIOSK_NEXT_STEP_DISMISS },
  };
  g_autoptr (GHashTable) messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (seed); i++)
    {
      g_autoptr (KioskProblem) problem = problem_for (seed[i].code, -1, -1);

      assert_problem (problem, seed[i].name, seed[i].next_step);
      /* no two seed errors read the same */
      g_assert_false (g_hash_table_contains (messages, problem->message));
      g_hash_table_add (messages, g_strdup (problem->message));
    }
  {
    g_autoptr (KioskProblem) captcha = problem_for (CORE_API_ERROR_CAPTCHA_WRONG, -1, -1);
    g_assert_cmpstr (captcha->message, ==, "请填写正确的图形验证码，图形验证码不区分大小写");
  }
}

/* A wrong code with tries left asks for it again; without, for a new one. */
static void
test_code_wrong (void)
{
  g_autoptr (KioskProblem) two_left = problem_for (CORE_API_ERROR_CODE_WRONG, -1, 2);
  g_autoptr (KioskProblem) none_left = problem_for (CORE_API_ERROR_CODE_WRONG, -1, 0);
  g_autoptr (KioskProblem) unsaid = problem_for (CORE_API_ERROR_CODE_WRONG, -1, -1);

  assert_problem (two_left, "code_wrong", KIOSK_NEXT_STEP_CODE);
  g_assert_nonnull (strstr (two_left->message, "2"));
  assert_problem (none_left, "code_wrong", KIOSK_NEXT_STEP_NEW_CODE);
  g_assert_null (strstr (none_left->message, "0"));
  assert_problem (unsaid, "code_wrong", KIOSK_NEXT_STEP_NEW_CODE);
}

/* How long to wait comes from the answer, or the resend cool-down. */
static void
test_waits (void)
{
  g_autoptr (KioskProblem) said = problem_for (CORE_API_ERROR_TOO_FREQUENT, 42, -1);
  g_autoptr (KioskProblem) unsaid = problem_for (CORE_API_ERROR_TOO_FREQUENT, -1, -1);
  g_autoptr (KioskProblem) minutes = problem_for (CORE_API_ERROR_RATE_LIMITED, 601, -1);

  assert_problem (said, "too_frequent", KIOSK_NEXT_STEP_DISMISS);
  g_assert_nonnull (strstr (said->message, "42"));
  g_assert_nonnull (strstr (unsaid->message, "60"));
  assert_problem (minutes, "rate_limited", KIOSK_NEXT_STEP_LEAVE);
  g_assert_nonnull (strstr (minutes->message, "11"));
}

/* Every code has something to say, codes without a row of their own too. */
static void
test_every_code (void)
{
  for (CoreApiError code = CORE_API_ERROR_UNKNOWN; code <= CORE_API_ERROR_PHONE_CHECKS_LIMITED;
       code++)
    {
      g_autoptr (KioskProblem) problem = problem_for (code, -1, -1);
      g_autoptr (KioskProblem) copy = kiosk_problem_copy (problem);

      assert_problem (problem, core_api_error_to_string (code), problem->next_step);
      g_assert_cmpstr (copy->message, ==, problem->message);
      g_assert_cmpstr (copy->button, ==, problem->button);
    }
}

/* A refused upload says why in the person's words, each reason its own,
 * never the "could not handle this request" of codes without a row. */
static void
test_upload_refusals (void)
{
  static const CoreApiError codes[] = {
    CORE_API_ERROR_FILE_TYPE_REFUSED,
    CORE_API_ERROR_FILE_DAMAGED,
    CORE_API_ERROR_IMAGE_TOO_LARGE,
    CORE_API_ERROR_PDF_TOO_MANY_PAGES,
    CORE_API_ERROR_FORM_QR_UNREADABLE,
    CORE_API_ERROR_FORM_NOT_RECOGNISED,
    CORE_API_ERROR_FORM_OF_ANOTHER_PERSON,
    CORE_API_ERROR_LINK_EXPIRED,
    CORE_API_ERROR_LINK_USED,
    CORE_API_ERROR_TOO_MANY_ATTACHMENTS,
    CORE_API_ERROR_PAYLOAD_TOO_LARGE,
  };
  g_autoptr (KioskProblem) unknown = problem_for (CORE_API_ERROR_UNKNOWN, -1, -1);
  g_autoptr (GHashTable) messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr (KioskProblem) problem = problem_for (codes[i], -1, -1);

      assert_problem (problem, core_api_error_to_string (codes[i]), KIOSK_NEXT_STEP_DISMISS);
      g_assert_cmpstr (problem->message, !=, unknown->message);
      g_assert_false (g_hash_table_contains (messages, problem->message));
      g_hash_table_add (messages, g_strdup (problem->message));
    }
  {
    g_autoptr (KioskProblem) other = problem_for (CORE_API_ERROR_FORM_OF_ANOTHER_PERSON, -1, -1);
    g_assert_cmpstr (other->message, ==, "这是别人的签名采集表，请上传您本人签字的表。");
  }
}

/* Not reaching the registry, and not understanding it, are problems too. */
static void
test_on_the_way (void)
{
  g_autoptr (GError) unreachable =
      g_error_new_literal (SYNC_ERROR, SYNC_ERROR_UNREACHABLE, "no route");
  g_autoptr (GError) garbled = g_error_new_literal (SYNC_ERROR, SYNC_ERROR_BAD_RESPONSE, "junk");
  g_autoptr (GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "png");
  g_autoptr (KioskProblem) a = kiosk_problem_new_for_error (unreachable);
  g_autoptr (KioskProblem) b = kiosk_problem_new_for_error (garbled);
  g_autoptr (KioskProblem) c = kiosk_problem_new_for_error (other);
  g_autoptr (KioskProblem) d = kiosk_problem_new_not_connected ();

  assert_problem (a, "unreachable", KIOSK_NEXT_STEP_LEAVE);
  assert_problem (b, "failed", KIOSK_NEXT_STEP_LEAVE);
  assert_problem (c, "failed", KIOSK_NEXT_STEP_LEAVE);
  assert_problem (d, "not_connected", KIOSK_NEXT_STEP_LEAVE);
  g_assert_cmpstr (a->message, !=, d->message);
}

int
main (int argc, char **argv)
{
  kiosk_application_setup_locale ();
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk/problem/seed-errors", test_seed_errors);
  g_test_add_func ("/kiosk/problem/code-wrong", test_code_wrong);
  g_test_add_func ("/kiosk/problem/waits", test_waits);
  g_test_add_func ("/kiosk/problem/every-code", test_every_code);
  g_test_add_func ("/kiosk/problem/upload-refusals", test_upload_refusals);
  g_test_add_func ("/kiosk/problem/on-the-way", test_on_the_way);
  return g_test_run ();
}
