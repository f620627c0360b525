/* kiosk-filing-controller.h: from a card on the reader to a filing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "idcard-reader.h"
#include "kiosk-flow.h"
#include "kiosk-visit.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_FILING_CONTROLLER (kiosk_filing_controller_get_type ())

G_DECLARE_FINAL_TYPE (KioskFilingController,
                      kiosk_filing_controller,
                      KIOSK,
                      FILING_CONTROLLER,
                      GObject)

KioskFilingController *
kiosk_filing_controller_new (KioskFlow *flow, IdcardReader *reader, KioskVisit *visit);
void kiosk_filing_controller_set_flow (KioskFilingController *self, KioskFlow *flow);
gboolean kiosk_filing_controller_get_reminding (KioskFilingController *self);

G_END_DECLS
