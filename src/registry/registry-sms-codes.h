/* registry-sms-codes.h: dynamic passwords: who may have one, sending, redeeming
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"
#include "registry-verdict.h"

G_BEGIN_DECLS

#define REGISTRY_CODE_LIFETIME_S 90
#define REGISTRY_CODE_LENGTH 6
#define REGISTRY_CODE_MAX_ATTEMPTS 5
#define REGISTRY_SMS_COOLDOWN_S 60
#define REGISTRY_SMS_PHONE_PER_DAY 10
#define REGISTRY_SMS_DEVICE_PER_DAY 50
#define REGISTRY_SMS_DEVICE_BURST 5
#define REGISTRY_SMS_BURST_WINDOW_S 60

typedef enum
{
  REGISTRY_PURPOSE_REGISTER,
  REGISTRY_PURPOSE_LOGIN,
} RegistryPurpose;

/**
 * RegistryCodeRequest:
 *
 * What a kiosk asks a code for (POST /v1/sms/send) or redeems it with
 * (POST /v1/registrations, /v1/sessions), checked; members the call does
 * not take are %NULL.
 */
typedef struct
{
  RegistryPurpose purpose;
  const char *doc_type;
  const char *doc_number; /* normalised and checked */
  const char *phone;
  const char *captcha_id;
  const char *captcha_answer; /* as sent */
  const char *code;
} RegistryCodeRequest;

const char *registry_purpose_to_string (RegistryPurpose purpose);

gboolean registry_sms_code_issue (RegistryStorage *storage,
                                  const guchar *key,
                                  gint64 device_id,
                                  gint64 now,
                                  const RegistryCodeRequest *request,
                                  char **out_code,
                                  gint64 *out_code_id,
                                  RegistryVerdict *out_verdict,
                                  GError **error);
gboolean registry_sms_code_withdraw (RegistryStorage *storage, gint64 code_id, GError **error);

gboolean registry_sms_code_redeem (RegistryStorage *storage,
                                   const guchar *key,
                                   gint64 device_id,
                                   gint64 now,
                                   const RegistryCodeRequest *request,
                                   char **out_session_token,
                                   char **out_person_id,
                                   RegistryVerdict *out_verdict,
                                   GError **error);

G_END_DECLS
