/* registry-verdict.h: how a request the database answered ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RegistryOutcome:
 *
 * How an account request ended, when it did not fail in the database.
 * Each one but OK is an error code of the API.
 */
typedef enum
{
  REGISTRY_OUTCOME_OK,
  REGISTRY_OUTCOME_CAPTCHA_WRONG,
  REGISTRY_OUTCOME_NOT_FILED,
  REGISTRY_OUTCOME_ID_ALREADY_REGISTERED,
  REGISTRY_OUTCOME_ALREADY_ENABLED,
  REGISTRY_OUTCOME_PHONE_TAKEN,
  REGISTRY_OUTCOME_NOT_REGISTERED,
  REGISTRY_OUTCOME_TOO_FREQUENT,
  REGISTRY_OUTCOME_RATE_LIMITED,
  REGISTRY_OUTCOME_CODE_WRONG,
  REGISTRY_OUTCOME_CODE_EXPIRED,
  REGISTRY_OUTCOME_SESSION_INVALID,
  REGISTRY_OUTCOME_STAFF_LOGIN_FAILED,
  REGISTRY_OUTCOME_STAFF_LOCKED,
  REGISTRY_OUTCOME_STAFF_SESSION_INVALID,
  REGISTRY_OUTCOME_STAFF_DISABLED,
} RegistryOutcome;

/**
 * RegistryVerdict:
 *
 * Steps that must count even when they fail (a wrong captcha spends it, a
 * wrong code counts an attempt, a staff sign-in attempt counts before its
 * password is checked) commit and report the failure as a verdict, not as
 * a GError: a GError means the database failed and nothing was written.
 */
typedef struct
{
  RegistryOutcome outcome;
  gint64 retry_after; /* seconds: TOO_FREQUENT, RATE_LIMITED, STAFF_LOCKED */
  int attempts_left;  /* CODE_WRONG */
} RegistryVerdict;

G_END_DECLS
