/* registry-accounts.h: captchas, SMS codes, sessions, login phones, staff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"

G_BEGIN_DECLS

#define REGISTRY_KEY_LENGTH 32

#define REGISTRY_CAPTCHA_LIFETIME_S 180
/* At most this many captchas per device in any window of this many seconds:
 * drawing one costs the registry CPU, and a device has no use for more. */
#define REGISTRY_CAPTCHA_DEVICE_LIMIT 30
#define REGISTRY_CAPTCHA_DEVICE_WINDOW_S 600
#define REGISTRY_CODE_LIFETIME_S 90
#define REGISTRY_CODE_LENGTH 6
#define REGISTRY_CODE_MAX_ATTEMPTS 5
#define REGISTRY_SMS_COOLDOWN_S 60
#define REGISTRY_SMS_PHONE_PER_DAY 10
#define REGISTRY_SMS_DEVICE_PER_DAY 50
#define REGISTRY_SMS_DEVICE_BURST 5
#define REGISTRY_SMS_BURST_WINDOW_S 60
#define REGISTRY_SESSION_LIFETIME_S 900
#define REGISTRY_STAFF_MAX_FAILURES 5
#define REGISTRY_STAFF_LOCK_S 300
/* Failures further apart than this do not add up. */
#define REGISTRY_STAFF_FAILURE_WINDOW_S 900
/* A staff session lasts this long from sign-in, unless signed out. */
#define REGISTRY_STAFF_SESSION_LIFETIME_S (12 * 3600)
/* Filings queue offline: after its session ended or expired, a token still
 * delivers manual filings for this long (and does nothing else). */
#define REGISTRY_STAFF_SESSION_GRACE_S (24 * 3600)

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

typedef struct
{
  RegistryOutcome outcome;
  gint64 retry_after; /* seconds: TOO_FREQUENT, RATE_LIMITED, STAFF_LOCKED */
  int attempts_left;  /* CODE_WRONG */
} RegistryVerdict;

typedef enum
{
  REGISTRY_PURPOSE_REGISTER,
  REGISTRY_PURPOSE_LOGIN,
} RegistryPurpose;

/**
 * RegistryAccountRequest:
 *
 * A decoded body of POST /v1/sms/send, /v1/registrations, /v1/sessions or
 * /v1/staff/sessions; members the route does not take are %NULL.
 */
typedef struct
{
  RegistryPurpose purpose;
  char *doc_type;
  char *doc_number; /* normalised and checked */
  char *phone;
  char *captcha_id;
  char *captcha_answer; /* as sent */
  char *code;
  char *user;
  char *password;
} RegistryAccountRequest;

void registry_account_request_clear (RegistryAccountRequest *request);
const char *registry_purpose_to_string (RegistryPurpose purpose);

gboolean registry_secret_load (RegistryStorage *storage,
                               guchar out_key[REGISTRY_KEY_LENGTH],
                               GError **error);

gboolean registry_captcha_issue (RegistryStorage *storage,
                                 const guchar *key,
                                 gint64 device_id,
                                 gint64 now,
                                 const char *answer,
                                 char **out_captcha_id,
                                 RegistryVerdict *out_verdict,
                                 GError **error);

gboolean registry_sms_code_issue (RegistryStorage *storage,
                                  const guchar *key,
                                  gint64 device_id,
                                  gint64 now,
                                  const RegistryAccountRequest *request,
                                  char **out_code,
                                  gint64 *out_code_id,
                                  RegistryVerdict *out_verdict,
                                  GError **error);
gboolean registry_sms_code_withdraw (RegistryStorage *storage, gint64 code_id, GError **error);

gboolean registry_sms_code_redeem (RegistryStorage *storage,
                                   const guchar *key,
                                   gint64 device_id,
                                   gint64 now,
                                   const RegistryAccountRequest *request,
                                   char **out_session_token,
                                   char **out_person_id,
                                   RegistryVerdict *out_verdict,
                                   GError **error);

gboolean registry_session_touch (RegistryStorage *storage,
                                 gint64 device_id,
                                 gint64 now,
                                 const char *token,
                                 char **out_person_id,
                                 char **out_login_phone,
                                 RegistryVerdict *out_verdict,
                                 GError **error);
gboolean registry_session_end (RegistryStorage *storage,
                               gint64 device_id,
                               gint64 now,
                               const char *token,
                               RegistryVerdict *out_verdict,
                               GError **error);

gboolean registry_login_phone_set (RegistryStorage *storage,
                                   const char *doc_type,
                                   const char *doc_number,
                                   const char *phone,
                                   const char *staff,
                                   gint64 device_id,
                                   gint64 now,
                                   char **out_person_id,
                                   RegistryVerdict *out_verdict,
                                   GError **error);

extern const char *const registry_person_basic_columns[];
RegistryRows *
registry_person_get_basic (RegistryStorage *storage, const char *person_id, GError **error);

gboolean registry_staff_login (RegistryStorage *storage,
                               gint64 device_id,
                               gint64 now,
                               const char *user,
                               const char *password,
                               char **out_session_token,
                               RegistryVerdict *out_verdict,
                               GError **error);
gboolean registry_staff_session_resolve (RegistryStorage *storage,
                                         gint64 device_id,
                                         gint64 now,
                                         const char *token,
                                         gint64 grace_s,
                                         gint64 *out_staff_id,
                                         char **out_user,
                                         RegistryVerdict *out_verdict,
                                         GError **error);
gboolean registry_staff_session_end (RegistryStorage *storage,
                                     gint64 device_id,
                                     gint64 now,
                                     const char *token,
                                     RegistryVerdict *out_verdict,
                                     GError **error);

G_END_DECLS
