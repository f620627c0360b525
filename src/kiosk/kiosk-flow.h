/* kiosk-flow.h: owns the pages and moves between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"
#include "kiosk-staff-auth.h"

G_BEGIN_DECLS

typedef enum
{
  KIOSK_FLOW_PAGE_DEFAULT = 0,
  KIOSK_FLOW_PAGE_NEEDS_STAFF = 1 << 0, /* shown only while staff are signed in */
} KioskFlowPageFlags;

#define KIOSK_TYPE_FLOW (kiosk_flow_get_type ())

G_DECLARE_FINAL_TYPE (KioskFlow, kiosk_flow, KIOSK, FLOW, GtkWidget)

KioskFlow *kiosk_flow_new (void);

void kiosk_flow_add_page (KioskFlow *self, const char *name, KioskPage *page);
void kiosk_flow_add_page_full (KioskFlow *self,
                               const char *name,
                               KioskPage *page,
                               KioskFlowPageFlags flags);
void kiosk_flow_set_staff_auth (KioskFlow *self, KioskStaffAuth *auth, const char *sign_in_page);
KioskPage *kiosk_flow_get_page (KioskFlow *self, const char *name);
KioskPage *kiosk_flow_get_visible_page (KioskFlow *self);
const char *kiosk_flow_get_visible_page_name (KioskFlow *self);
gboolean kiosk_flow_go_to (KioskFlow *self, const char *name);
void kiosk_flow_reset (KioskFlow *self);

G_END_DECLS
