/* core-api-error.c: every error code of the registry API, for both ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per code: the code as it is spelled in JSON, the HTTP status the
 * registry answers with, and the English message of the answer. Messages
 * here are for API clients and logs; what a person at the kiosk reads comes
 * from the kiosk's own table, translated.
 */

#include "config.h"

#include "core-api-error.h"

/* What an error answer says beyond its code, carried by the GError itself
 * (an extended error domain), so a client can wait as long as the registry
 * asks or point at the fields it named. */
typedef struct
{
  gint64 retry_after;   /* seconds; -1 when the answer gave none */
  gint64 attempts_left; /* -1 when the answer gave none */
  GStrv fields;         /* the fields the answer named, or NULL */
  JsonObject *current;  /* a conflict's record as it is now, or NULL */
} CoreApiErrorPrivate;

static void
core_api_error_private_init (CoreApiErrorPrivate *priv)
{
  priv->retry_after = -1;
  priv->attempts_left = -1;
  priv->fields = NULL;
  priv->current = NULL;
}

static void
core_api_error_private_copy (const CoreApiErrorPrivate *src, CoreApiErrorPrivate *dest)
{
  dest->retry_after = src->retry_after;
  dest->attempts_left = src->attempts_left;
  dest->fields = g_strdupv (src->fields);
  dest->current = src->current != NULL ? json_object_ref (src->current) : NULL;
}

static void
core_api_error_private_clear (CoreApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->fields, g_strfreev);
  g_clear_pointer (&priv->current, json_object_unref);
}

G_DEFINE_EXTENDED_ERROR (CoreApiError, core_api_error)

typedef struct
{
  const char *code;
  guint http_status;
  const char *message;
} ApiErrorRow;

static const ApiErrorRow rows[] = {
  [CORE_API_ERROR_UNKNOWN] = { "unknown", 500, "The registry answered with an unknown error." },
  [CORE_API_ERROR_BAD_REQUEST] = { "bad_request", 400, "The request is malformed." },
  [CORE_API_ERROR_BAD_JSON] = { "bad_json", 400, "The body is not valid JSON." },
  [CORE_API_ERROR_INVALID_FIELD] = { "invalid_field", 422, "A field is not valid." },
  [CORE_API_ERROR_MISSING_FIELD] = { "missing_field", 422, "A required field is missing." },
  [CORE_API_ERROR_UNAUTHORIZED] = { "unauthorized", 401,
                                    "A valid device token is needed for this call." },
  [CORE_API_ERROR_NOT_FOUND] = { "not_found", 404, "No such resource." },
  [CORE_API_ERROR_METHOD_NOT_ALLOWED] = { "method_not_allowed", 405,
                                          "This resource does not take that method." },
  [CORE_API_ERROR_LENGTH_REQUIRED] = { "length_required", 411,
                                       "Send the body with a Content-Length." },
  [CORE_API_ERROR_PAYLOAD_TOO_LARGE] = { "payload_too_large", 413, "The body is too large." },
  [CORE_API_ERROR_INTERNAL] = { "internal", 500, "The registry failed; try again later." },
  [CORE_API_ERROR_UNAVAILABLE] = { "unavailable", 503,
                                   "The database is not available; try again later." },
  [CORE_API_ERROR_FILING_ID_CONFLICT] = { "filing_id_conflict", 409,
                                          "This filing id was used for a different filing." },
  [CORE_API_ERROR_CAPTCHA_WRONG] = { "captcha_wrong", 422,
                                     "Please enter the correct captcha; the captcha is not"
                                     " case-sensitive. A captcha is used once: get a new one." },
  [CORE_API_ERROR_NOT_FILED] = { "not_filed", 404,
                                 "This ID card has not completed card-reading filing; have the"
                                 " card read at a window first." },
  [CORE_API_ERROR_ID_ALREADY_REGISTERED] = { "id_already_registered", 409,
                                             "This ID number has already registered an SMS user"
                                             " and cannot register again; log in instead." },
  [CORE_API_ERROR_ALREADY_ENABLED] = { "already_enabled", 409,
                                       "This person is filed with a phone number or already has"
                                       " practice-information access; log in directly." },
  [CORE_API_ERROR_PHONE_TAKEN] = { "phone_taken", 409,
                                   "This phone number is already registered to a personal SMS"
                                   " user and cannot be registered again; use another phone." },
  [CORE_API_ERROR_NOT_REGISTERED] = { "not_registered", 404,
                                      "This ID number and phone number are not registered as an"
                                      " SMS user; please register first." },
  [CORE_API_ERROR_TOO_FREQUENT] = { "too_frequent", 429,
                                    "A code was sent to this phone less than a minute ago; wait"
                                    " retry_after seconds." },
  [CORE_API_ERROR_RATE_LIMITED] = { "rate_limited", 429, "Too many requests; try again later." },
  [CORE_API_ERROR_CODE_WRONG] = { "code_wrong", 422, "The dynamic password is wrong." },
  [CORE_API_ERROR_CODE_EXPIRED] = { "code_expired", 422,
                                    "The dynamic password has expired or was used up; request a"
                                    " new one." },
  [CORE_API_ERROR_SMS_FAILED] = { "sms_failed", 502,
                                  "The SMS gateway did not take the message; try again later." },
  [CORE_API_ERROR_SESSION_INVALID] = { "session_invalid", 401,
                                       "The session has ended or is not valid here; log in"
                                       " again." },
  [CORE_API_ERROR_STAFF_LOGIN_FAILED] = { "staff_login_failed", 401,
                                          "Wrong user name or password." },
  [CORE_API_ERROR_STAFF_LOCKED] = { "staff_locked", 403,
                                    "Staff login is locked after repeated failures; try again"
                                    " after retry_after seconds." },
  [CORE_API_ERROR_STAFF_SESSION_INVALID] = { "staff_session_invalid", 401,
                                             "The staff session is unknown, of another kiosk, or"
                                             " over; staff must sign in again." },
  [CORE_API_ERROR_STAFF_DISABLED] = { "staff_disabled", 403, "This staff account is disabled." },
  [CORE_API_ERROR_UNSUPPORTED_MEDIA_TYPE] = { "unsupported_media_type", 415,
                                              "This resource does not take a body of that type." },
  [CORE_API_ERROR_ADMIN_UNAUTHORIZED] = { "admin_unauthorized", 401,
                                          "An operator's admin token is needed for this call." },
  [CORE_API_ERROR_CONFLICT] = { "conflict", 409,
                                "The record was changed since it was read; the current record is"
                                " in current." },
  [CORE_API_ERROR_RECORD_LIMIT] = { "record_limit", 409,
                                    "This section already holds as many records as one person may"
                                    " have; delete one first." },
  [CORE_API_ERROR_FILE_TYPE_REFUSED] = { "file_type_refused", 415,
                                         "Only JPEG or PNG pictures and PDF documents can be"
                                         " attached; this file is none of them." },
  [CORE_API_ERROR_FILE_DAMAGED] = { "file_damaged", 422,
                                    "The file is damaged or incomplete and cannot be opened;"
                                    " take the photo or make the scan again." },
  [CORE_API_ERROR_IMAGE_TOO_LARGE] = { "image_too_large", 422,
                                       "The picture has too many pixels; take it at a lower"
                                       " resolution." },
  [CORE_API_ERROR_PDF_TOO_MANY_PAGES] = { "pdf_too_many_pages", 422,
                                          "A PDF may have at most 20 pages; split it into"
                                          " smaller files." },
  [CORE_API_ERROR_FORM_QR_UNREADABLE] = { "form_qr_unreadable", 422,
                                          "No QR code of a signature form can be read on this"
                                          " scan; scan the whole signed form again, or ask staff"
                                          " to confirm it." },
  [CORE_API_ERROR_FORM_NOT_RECOGNISED] = { "form_not_recognised", 422,
                                           "The QR code on this scan is not that of a signature"
                                           " form." },
  [CORE_API_ERROR_FORM_OF_ANOTHER_PERSON] = { "form_of_another_person", 422,
                                              "This is the signature form of someone else;"
                                              " upload your own signed form." },
  [CORE_API_ERROR_LINK_EXPIRED] = { "link_expired", 410,
                                    "This upload link has expired; make a new one at the"
                                    " kiosk." },
  [CORE_API_ERROR_LINK_USED] = { "link_used", 410,
                                 "This upload link has already been used; make a new one at the"
                                 " kiosk." },
  [CORE_API_ERROR_TOO_MANY_ATTACHMENTS] = { "too_many_attachments", 409,
                                            "A record holds at most 20 attachments; delete one"
                                            " first." },
  [CORE_API_ERROR_PHONE_CHECKS_LIMITED] = { "phone_checks_limited", 429,
                                            "This device has checked too many phones; try again"
                                            " after retry_after seconds." },
};

G_STATIC_ASSERT (G_N_ELEMENTS (rows) == CORE_API_ERROR_PHONE_CHECKS_LIMITED + 1);

static const ApiErrorRow *
row_for (CoreApiError code)
{
  if ((guint) code >= G_N_ELEMENTS (rows) || rows[code].code == NULL)
    return &rows[CORE_API_ERROR_UNKNOWN];
  return &rows[code];
}

/**
 * core_api_error_to_string:
 *
 * Returns: the code as JSON spells it, e.g. "phone_taken"
 */
const char *
core_api_error_to_string (CoreApiError code)
{
  return row_for (code)->code;
}

/**
 * core_api_error_from_string:
 * @code: (nullable): an `error.code` from an answer
 *
 * Returns: its value, or %CORE_API_ERROR_UNKNOWN for a code this build does
 *   not know
 */
CoreApiError
core_api_error_from_string (const char *code)
{
  if (code == NULL)
    return CORE_API_ERROR_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i].code != NULL && g_strcmp0 (rows[i].code, code) == 0)
        return (CoreApiError) i;
    }
  return CORE_API_ERROR_UNKNOWN;
}

/**
 * core_api_error_get_http_status:
 *
 * Returns: the HTTP status the registry answers @code with
 */
guint
core_api_error_get_http_status (CoreApiError code)
{
  return row_for (code)->http_status;
}

/**
 * core_api_error_get_message:
 *
 * Returns: the English message of the registry's answer, for API clients and
 *   logs (never shown to a person at the kiosk)
 */
const char *
core_api_error_get_message (CoreApiError code)
{
  return row_for (code)->message;
}

/**
 * core_api_error_set_details:
 * @error: an error in the %CORE_API_ERROR domain
 * @retry_after: seconds the registry asked to wait, or -1
 * @attempts_left: tries left (of a dynamic password), or -1
 * @fields: (nullable) (array zero-terminated=1): the fields the answer named
 *
 * Keeps what an error answer said beyond its code with @error.
 */
void
core_api_error_set_details (GError *error,
                            gint64 retry_after,
                            gint64 attempts_left,
                            const char *const *fields)
{
  CoreApiErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == CORE_API_ERROR);

  priv = core_api_error_get_private (error);
  priv->retry_after = retry_after >= 0 ? retry_after : -1;
  priv->attempts_left = attempts_left >= 0 ? attempts_left : -1;
  g_clear_pointer (&priv->fields, g_strfreev);
  if (fields != NULL && fields[0] != NULL)
    priv->fields = g_strdupv ((char **) fields);
}

/**
 * core_api_error_get_retry_after:
 * @error: (nullable): any error
 *
 * Returns: the seconds the registry asked to wait before trying again, or
 *   -1 when @error is not an API error or its answer gave none
 */
gint64
core_api_error_get_retry_after (const GError *error)
{
  if (error == NULL || error->domain != CORE_API_ERROR)
    return -1;
  return core_api_error_get_private (error)->retry_after;
}

/**
 * core_api_error_get_attempts_left:
 * @error: (nullable): any error
 *
 * Returns: how many more tries the registry allows, or -1 when @error is not
 *   an API error or its answer did not say
 */
gint64
core_api_error_get_attempts_left (const GError *error)
{
  if (error == NULL || error->domain != CORE_API_ERROR)
    return -1;
  return core_api_error_get_private (error)->attempts_left;
}

/**
 * core_api_error_get_fields:
 * @error: (nullable): any error
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the fields
 *   the answer named as missing or invalid, %NULL when it named none
 */
const char *const *
core_api_error_get_fields (const GError *error)
{
  if (error == NULL || error->domain != CORE_API_ERROR)
    return NULL;
  return (const char *const *) core_api_error_get_private (error)->fields;
}

/**
 * core_api_error_set_current:
 * @error: an error in the %CORE_API_ERROR domain
 * @current: the record as it is now, from a `conflict` answer
 *
 * Keeps the current record of a refused update with @error, for the form
 * to reload it.
 */
void
core_api_error_set_current (GError *error, JsonObject *current)
{
  CoreApiErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == CORE_API_ERROR);

  priv = core_api_error_get_private (error);
  g_clear_pointer (&priv->current, json_object_unref);
  if (current != NULL)
    priv->current = json_object_ref (current);
}

/**
 * core_api_error_get_current:
 * @error: (nullable): any error
 *
 * Returns: (nullable) (transfer none): the record as it is now, when @error
 *   is a `conflict` answer that carried it
 */
JsonObject *
core_api_error_get_current (const GError *error)
{
  if (error == NULL || error->domain != CORE_API_ERROR)
    return NULL;
  return core_api_error_get_private (error)->current;
}
