/* registry-verdict.h: how a request the database answered ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "core-api-error.h"

G_BEGIN_DECLS

/**
 * RegistryVerdict:
 * @refused: whether the request was refused
 * @code: why, as the API says it (CORE_API_ERROR_CAPTCHA_WRONG, …)
 * @retry_after: seconds, for TOO_FREQUENT, RATE_LIMITED and STAFF_LOCKED
 * @attempts_left: for CODE_WRONG
 *
 * Steps that must count even when they fail (a wrong captcha spends it, a
 * wrong code counts an attempt, a staff sign-in attempt counts before its
 * password is checked) commit and report the refusal as a verdict, not as
 * a GError: a GError means the database failed and nothing was written.
 */
typedef struct
{
  gboolean refused;
  CoreApiError code;
  gint64 retry_after;
  int attempts_left;
} RegistryVerdict;

G_END_DECLS
