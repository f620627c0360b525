/* kiosk-problem.h: what a person at the kiosk reads when the registry says no
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KioskNextStep:
 * @KIOSK_NEXT_STEP_DISMISS: "OK": read it and go on
 * @KIOSK_NEXT_STEP_CAPTCHA: type the new captcha
 * @KIOSK_NEXT_STEP_WELCOME: back to the welcome page
 * @KIOSK_NEXT_STEP_LOG_IN: log in instead of registering
 * @KIOSK_NEXT_STEP_REGISTER: register before logging in
 * @KIOSK_NEXT_STEP_OTHER_PHONE: use another phone
 * @KIOSK_NEXT_STEP_CODE: type the code again
 * @KIOSK_NEXT_STEP_NEW_CODE: get a new code
 * @KIOSK_NEXT_STEP_LEAVE: nothing more can be done on the page; the frame's
 *   Home and Back leave it, so the problem has no button of its own
 *
 * What the button offered with a problem does.
 */
typedef enum
{
  KIOSK_NEXT_STEP_DISMISS,
  KIOSK_NEXT_STEP_CAPTCHA,
  KIOSK_NEXT_STEP_WELCOME,
  KIOSK_NEXT_STEP_LOG_IN,
  KIOSK_NEXT_STEP_REGISTER,
  KIOSK_NEXT_STEP_OTHER_PHONE,
  KIOSK_NEXT_STEP_CODE,
  KIOSK_NEXT_STEP_NEW_CODE,
  KIOSK_NEXT_STEP_LEAVE,
} KioskNextStep;

/**
 * KioskProblem:
 * @code: the registry's error code ("phone_taken", …), or "not_connected",
 *   "unreachable" or "failed" for what happened on the way
 * @message: what the person reads, in the kiosk's language
 * @next_step: what the button beside it does
 * @button: (nullable): the button's label, %NULL for %KIOSK_NEXT_STEP_LEAVE
 */
typedef struct
{
  char *code;
  char *message;
  KioskNextStep next_step;
  char *button;
} KioskProblem;

#define KIOSK_TYPE_PROBLEM (kiosk_problem_get_type ())

GType kiosk_problem_get_type (void) G_GNUC_CONST;

KioskProblem *kiosk_problem_new_for_error (const GError *error);
KioskProblem *kiosk_problem_new_not_connected (void);
KioskProblem *kiosk_problem_copy (const KioskProblem *problem);
void kiosk_problem_free (KioskProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskProblem, kiosk_problem_free)

G_END_DECLS
