/* core-api-error.h: every error code of the registry API, for both ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CORE_API_ERROR (core_api_error_quark ())

/**
 * CoreApiError:
 *
 * One value per `error.code` the registry answers with (see docs/registry.md,
 * "Errors"). The registry builds its error answers from this table; the kiosk
 * turns an answer back into a #GError in the %CORE_API_ERROR domain and looks
 * its message and next step up by the same value. A code a newer registry
 * sends that this build does not know is %CORE_API_ERROR_UNKNOWN. The domain
 * is an extended one: an error also carries the answer's `retry_after`,
 * `attempts_left` and `fields` (core_api_error_get_retry_after() …).
 */
typedef enum
{
  CORE_API_ERROR_UNKNOWN,
  /* requests and transport */
  CORE_API_ERROR_BAD_REQUEST,
  CORE_API_ERROR_BAD_JSON,
  CORE_API_ERROR_INVALID_FIELD,
  CORE_API_ERROR_MISSING_FIELD,
  CORE_API_ERROR_UNAUTHORIZED,
  CORE_API_ERROR_NOT_FOUND,
  CORE_API_ERROR_METHOD_NOT_ALLOWED,
  CORE_API_ERROR_LENGTH_REQUIRED,
  CORE_API_ERROR_PAYLOAD_TOO_LARGE,
  CORE_API_ERROR_INTERNAL,
  CORE_API_ERROR_UNAVAILABLE,
  /* filings */
  CORE_API_ERROR_FILING_ID_CONFLICT,
  /* registration and login (R-2.2, R-3, R-G1, R-G2) */
  CORE_API_ERROR_CAPTCHA_WRONG,
  CORE_API_ERROR_NOT_FILED,
  CORE_API_ERROR_ID_ALREADY_REGISTERED,
  CORE_API_ERROR_ALREADY_ENABLED,
  CORE_API_ERROR_PHONE_TAKEN,
  CORE_API_ERROR_NOT_REGISTERED,
  CORE_API_ERROR_TOO_FREQUENT,
  CORE_API_ERROR_RATE_LIMITED,
  CORE_API_ERROR_CODE_WRONG,
  CORE_API_ERROR_CODE_EXPIRED,
  CORE_API_ERROR_SMS_FAILED,
  CORE_API_ERROR_SESSION_INVALID,
  /* staff */
  CORE_API_ERROR_STAFF_LOGIN_FAILED,
  CORE_API_ERROR_STAFF_LOCKED,
  CORE_API_ERROR_STAFF_SESSION_INVALID,
  CORE_API_ERROR_STAFF_DISABLED,
  /* requests and transport, added later */
  CORE_API_ERROR_UNSUPPORTED_MEDIA_TYPE,
  /* operators */
  CORE_API_ERROR_ADMIN_UNAUTHORIZED,
  /* practice-information records */
  CORE_API_ERROR_CONFLICT,
  CORE_API_ERROR_RECORD_LIMIT,
  /* attachments, the signature form and upload links */
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
  /* a device asking about too many phones */
  CORE_API_ERROR_PHONE_CHECKS_LIMITED,
} CoreApiError;

GQuark core_api_error_quark (void);

const char *core_api_error_to_string (CoreApiError code);
CoreApiError core_api_error_from_string (const char *code);
guint core_api_error_get_http_status (CoreApiError code);
const char *core_api_error_get_message (CoreApiError code);

void core_api_error_set_details (GError *error,
                                 gint64 retry_after,
                                 gint64 attempts_left,
                                 const char *const *fields);
gint64 core_api_error_get_retry_after (const GError *error);
gint64 core_api_error_get_attempts_left (const GError *error);
const char *const *core_api_error_get_fields (const GError *error);
void core_api_error_set_current (GError *error, JsonObject *current);
JsonObject *core_api_error_get_current (const GError *error);

G_END_DECLS
