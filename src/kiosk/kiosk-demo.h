/* kiosk-demo.h: the whole system on one machine, for a first look
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "idcard-emulated-transport.h"
#include "kiosk-config.h"

G_BEGIN_DECLS

#define KIOSK_DEMO_STAFF_USER "demo"
#define KIOSK_DEMO_STAFF_PASSWORD "demo2468"
/* every captcha of the demo's registry reads this, so a demonstration of
 * registration and login does not stall on a hard-to-read image */
#define KIOSK_DEMO_CAPTCHA_ANSWER "2468"

#define KIOSK_TYPE_DEMO (kiosk_demo_get_type ())

G_DECLARE_FINAL_TYPE (KioskDemo, kiosk_demo, KIOSK, DEMO, GObject)

KioskDemo *kiosk_demo_start (KioskConfig *config, GError **error);
void kiosk_demo_stop (KioskDemo *self);

IdcardEmulatedTransport *kiosk_demo_get_transport (KioskDemo *self);
GPtrArray *kiosk_demo_list_cards (KioskDemo *self);
const char *kiosk_demo_get_sms_folder (KioskDemo *self);
const char *kiosk_demo_get_folder (KioskDemo *self);

G_END_DECLS
