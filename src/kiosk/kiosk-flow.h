/* kiosk-flow.h: builds the pages from the page table and moves between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_FLOW (kiosk_flow_get_type ())

G_DECLARE_FINAL_TYPE (KioskFlow, kiosk_flow, KIOSK, FLOW, GtkWidget)

KioskFlow *kiosk_flow_new (KioskServices *services, KioskVisit *visit);

KioskPage *kiosk_flow_get_page (KioskFlow *self, KioskPageId id);
KioskPage *kiosk_flow_get_visible_page (KioskFlow *self);
KioskPageId kiosk_flow_get_visible_page_id (KioskFlow *self);
gboolean kiosk_flow_go_to (KioskFlow *self, KioskPageId id, const char *first_property_name, ...);
gboolean kiosk_flow_navigate (KioskFlow *self, const KioskNavigation *navigation);
void kiosk_flow_reset (KioskFlow *self);

G_END_DECLS
