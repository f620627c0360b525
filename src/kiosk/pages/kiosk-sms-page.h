/* kiosk-sms-page.h: register or log in with the ID number, a phone and an SMS code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "idcard-card.h"
#include "kiosk-page.h"

G_BEGIN_DECLS

/**
 * KioskSmsPurpose:
 * @KIOSK_SMS_PURPOSE_REGISTER: register as an SMS user (POST /v1/registrations)
 * @KIOSK_SMS_PURPOSE_LOGIN: log in (POST /v1/sessions)
 */
typedef enum
{
  KIOSK_SMS_PURPOSE_REGISTER,
  KIOSK_SMS_PURPOSE_LOGIN,
} KioskSmsPurpose;

/**
 * KioskSmsField:
 * The fields of the page, each typed on the keypad that suits it.
 */
typedef enum
{
  KIOSK_SMS_FIELD_ID_NUMBER,
  KIOSK_SMS_FIELD_PHONE,
  KIOSK_SMS_FIELD_CAPTCHA,
  KIOSK_SMS_FIELD_CODE,
} KioskSmsField;

#define KIOSK_TYPE_SMS_PAGE (kiosk_sms_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskSmsPage, kiosk_sms_page, KIOSK, SMS_PAGE, KioskPage)

G_END_DECLS
