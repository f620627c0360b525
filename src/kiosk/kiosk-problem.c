/* kiosk-problem.c: what a person at the kiosk reads when the registry says no
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table maps each registry error code (CoreApiError, shared with the
 * registry) to the message a person reads, the next step offered and its
 * button; the registry has its own table for API clients and logs. A code
 * may have more than one row: the first whose detail the answer gave wins
 * (a wrong code with tries left, then one without). Failing to reach the
 * registry, or an answer the kiosk cannot read, have rows of their own.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-api-error.h"
#include "kiosk-problem.h"
#include "sync-client.h"

#define DEFAULT_RESEND_S 60

/* the number a row's message counts, taken from the error answer */
typedef enum
{
  DETAIL_NONE,
  DETAIL_ATTEMPTS_LEFT, /* only when the answer said tries are left */
  DETAIL_RETRY_AFTER,   /* seconds; the resend cool-down when the answer did not say */
} Detail;

typedef char *(*FormatCount) (gint64 count);

typedef struct
{
  CoreApiError code;
  Detail detail;
  const char *message; /* N_(); NULL when @format words it */
  FormatCount format;  /* plural messages, which need the count */
  KioskNextStep next_step;
  const char *button; /* N_(); NULL for KIOSK_NEXT_STEP_LEAVE */
} ProblemRow;

static char *
code_wrong_tries (gint64 left)
{
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "The code is wrong. You can try %d more time.",
                   "The code is wrong. You can try %d more times.", (gulong) left),
      (int) left);
}

static char *
too_frequent_wait (gint64 seconds)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "A code was sent to this phone less than a minute ago. "
                                       "Please wait %d second before asking again.",
                                       "A code was sent to this phone less than a minute ago. "
                                       "Please wait %d seconds before asking again.",
                                       (gulong) seconds),
                          (int) seconds);
}

static char *
rate_limited_wait (gint64 seconds)
{
  gint64 minutes = MAX ((seconds + 59) / 60, 1);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Too many codes were asked for. Please try again in "
                                       "%d minute.",
                                       "Too many codes were asked for. Please try again in "
                                       "%d minutes.",
                                       (gulong) minutes),
                          (int) minutes);
}

static const ProblemRow rows[] = {
  { CORE_API_ERROR_CAPTCHA_WRONG, DETAIL_NONE,
    N_ ("Please enter the correct captcha; the captcha is not case-sensitive."), NULL,
    KIOSK_NEXT_STEP_CAPTCHA, N_ ("Enter the new captcha") },
  { CORE_API_ERROR_NOT_FILED, DETAIL_NONE,
    N_ ("This ID card has not completed card-reading filing."), NULL, KIOSK_NEXT_STEP_WELCOME,
    N_ ("Read your card at a window") },
  { CORE_API_ERROR_ID_ALREADY_REGISTERED, DETAIL_NONE,
    N_ ("This ID number has already registered an SMS user and cannot register again."), NULL,
    KIOSK_NEXT_STEP_LOG_IN, N_ ("Log in instead") },
  { CORE_API_ERROR_ALREADY_ENABLED, DETAIL_NONE,
    N_ ("You have completed card-reading filing with a mobile number: log in with your ID "
        "number and that mobile number directly; no registration is needed."),
    NULL, KIOSK_NEXT_STEP_LOG_IN, N_ ("Log in instead") },
  { CORE_API_ERROR_PHONE_TAKEN, DETAIL_NONE,
    N_ ("This phone number is already registered to a personal SMS user and cannot be "
        "registered again."),
    NULL, KIOSK_NEXT_STEP_OTHER_PHONE, N_ ("Use another phone") },
  { CORE_API_ERROR_NOT_REGISTERED, DETAIL_NONE,
    N_ ("This ID number and phone number are not registered as an SMS user; please register "
        "first."),
    NULL, KIOSK_NEXT_STEP_REGISTER, N_ ("Register first") },
  { CORE_API_ERROR_CODE_WRONG, DETAIL_ATTEMPTS_LEFT, NULL, code_wrong_tries, KIOSK_NEXT_STEP_CODE,
    N_ ("Enter the code again") },
  { CORE_API_ERROR_CODE_WRONG, DETAIL_NONE,
    N_ ("The code is wrong and cannot be tried again. Please get a new code."), NULL,
    KIOSK_NEXT_STEP_NEW_CODE, N_ ("Get a new code") },
  { CORE_API_ERROR_CODE_EXPIRED, DETAIL_NONE,
    N_ ("The code has expired or was already used. Please get a new code."), NULL,
    KIOSK_NEXT_STEP_NEW_CODE, N_ ("Get a new code") },
  { CORE_API_ERROR_TOO_FREQUENT, DETAIL_RETRY_AFTER, NULL, too_frequent_wait,
    KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_RATE_LIMITED, DETAIL_RETRY_AFTER, NULL, rate_limited_wait, KIOSK_NEXT_STEP_LEAVE,
    NULL },
  { CORE_API_ERROR_SMS_FAILED, DETAIL_NONE,
    N_ ("The text message could not be sent. Please try again later, or ask the staff at the "
        "window."),
    NULL, KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_CONFLICT, DETAIL_NONE,
    N_ ("Someone changed this record since it was opened. It now shows what is saved; check it "
        "and save again."),
    NULL, KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_RECORD_LIMIT, DETAIL_NONE,
    N_ ("This section already holds as many records as it can. Delete one before adding "
        "another."),
    NULL, KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  /* attachments and the signed signature form: read, then try another file */
  { CORE_API_ERROR_FILE_TYPE_REFUSED, DETAIL_NONE,
    N_ ("Only JPEG or PNG pictures and PDF documents can be added. Please pick another file."),
    NULL, KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_UNSUPPORTED_MEDIA_TYPE, DETAIL_NONE,
    N_ ("Only JPEG or PNG pictures and PDF documents can be added. Please pick another file."),
    NULL, KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_PAYLOAD_TOO_LARGE, DETAIL_NONE,
    N_ ("The file is larger than 10 MB. Please take the photo at a lower resolution or pick a "
        "smaller file."),
    NULL, KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_FILE_DAMAGED, DETAIL_NONE,
    N_ ("The file is damaged or incomplete and cannot be opened. Please take the photo or make "
        "the scan again."),
    NULL, KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_IMAGE_TOO_LARGE, DETAIL_NONE,
    N_ ("The picture has too many pixels. Please take it at a lower resolution."), NULL,
    KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_PDF_TOO_MANY_PAGES, DETAIL_NONE,
    N_ ("A PDF may have at most 20 pages. Please split it into smaller files."), NULL,
    KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_TOO_MANY_ATTACHMENTS, DETAIL_NONE,
    N_ ("This record already holds 20 attachments. Delete one before adding another."), NULL,
    KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_FORM_QR_UNREADABLE, DETAIL_NONE,
    N_ ("The QR code on the form cannot be read. Please scan the whole signed form again, or ask "
        "the staff at the window to confirm it."),
    NULL, KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_FORM_NOT_RECOGNISED, DETAIL_NONE,
    N_ ("This is not a scan of a signature form printed at the kiosk. Please upload the scan of "
        "your signed form."),
    NULL, KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_FORM_OF_ANOTHER_PERSON, DETAIL_NONE,
    N_ ("This is the signature form of someone else. Please upload your own signed form."), NULL,
    KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_LINK_EXPIRED, DETAIL_NONE, N_ ("The code has expired. Please make a new one."),
    NULL, KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_LINK_USED, DETAIL_NONE,
    N_ ("This code has already been used. Please make a new one."), NULL, KIOSK_NEXT_STEP_DISMISS,
    N_ ("OK") },
  /* the filed page's phone check: the filing is kept all the same */
  { CORE_API_ERROR_PHONE_CHECKS_LIMITED, DETAIL_NONE,
    N_ ("This kiosk has checked many mobile numbers in a short time, so yours was not checked "
        "now. Your filing is kept. If logging in fails, please go to the window."),
    NULL, KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_INVALID_FIELD, DETAIL_NONE,
    N_ ("The ID number or the mobile number is not valid. Please check them."), NULL,
    KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
  { CORE_API_ERROR_MISSING_FIELD, DETAIL_NONE,
    N_ ("The ID number or the mobile number is not valid. Please check them."), NULL,
    KIOSK_NEXT_STEP_DISMISS, N_ ("OK") },
};

/* every other code, and answers the kiosk cannot read */
static const ProblemRow failed_row = {
  CORE_API_ERROR_UNKNOWN,
  DETAIL_NONE,
  N_ ("The registry could not handle this request. Please try again later, or ask the staff at "
      "the window."),
  NULL,
  KIOSK_NEXT_STEP_LEAVE,
  NULL,
};

static KioskProblem *
problem_new (const char *code, char *message, KioskNextStep next_step, const char *button)
{
  KioskProblem *problem = g_new0 (KioskProblem, 1);

  problem->code = g_strdup (code);
  problem->message = message;
  problem->next_step = next_step;
  problem->button = g_strdup (button);
  return problem;
}

static KioskProblem *
problem_from_row (const ProblemRow *row, const char *code, gint64 count)
{
  char *message = row->format != NULL ? row->format (count) : g_strdup (_ (row->message));

  return problem_new (code, message, row->next_step, row->button != NULL ? _ (row->button) : NULL);
}

/**
 * kiosk_problem_new_for_error:
 * @error: what a registry call failed with
 *
 * Returns: (transfer full): what to tell the person, and what to offer
 */
KioskProblem *
kiosk_problem_new_for_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == SYNC_ERROR && error->code != SYNC_ERROR_BAD_RESPONSE)
    return problem_new ("unreachable",
                        g_strdup (_ ("Registration and login need the network, which cannot be "
                                     "reached now. Please try again later, or ask the staff at "
                                     "the window.")),
                        KIOSK_NEXT_STEP_LEAVE, NULL);
  if (error->domain != CORE_API_ERROR)
    return problem_from_row (&failed_row, "failed", 0);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const ProblemRow *row = &rows[i];
      gint64 count = 0;

      if ((int) row->code != error->code)
        continue;
      if (row->detail == DETAIL_ATTEMPTS_LEFT)
        {
          count = core_api_error_get_attempts_left (error);
          if (count <= 0)
            continue;
        }
      else if (row->detail == DETAIL_RETRY_AFTER)
        {
          count = core_api_error_get_retry_after (error);
          if (count <= 0)
            count = DEFAULT_RESEND_S;
        }
      return problem_from_row (row, core_api_error_to_string (error->code), count);
    }
  return problem_from_row (&failed_row, core_api_error_to_string (error->code), 0);
}

/**
 * kiosk_problem_new_not_connected:
 *
 * Returns: (transfer full): the problem of a kiosk that has no registry (not
 *   enrolled), before anything was tried
 */
KioskProblem *
kiosk_problem_new_not_connected (void)
{
  return problem_new ("not_connected",
                      g_strdup (_ ("Registration and login need the network, and this kiosk is "
                                   "not connected to the registry. Please ask the staff at the "
                                   "window.")),
                      KIOSK_NEXT_STEP_LEAVE, NULL);
}

KioskProblem *
kiosk_problem_copy (const KioskProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  return problem_new (problem->code, g_strdup (problem->message), problem->next_step,
                      problem->button);
}

void
kiosk_problem_free (KioskProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->code);
  g_free (problem->message);
  g_free (problem->button);
  g_free (problem);
}

G_DEFINE_BOXED_TYPE (KioskProblem, kiosk_problem, kiosk_problem_copy, kiosk_problem_free)
