/* kiosk-lockdown.h: what a walk-up person with a keyboard cannot do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_LOCKDOWN (kiosk_lockdown_get_type ())

G_DECLARE_FINAL_TYPE (KioskLockdown, kiosk_lockdown, KIOSK, LOCKDOWN, GObject)

void kiosk_lockdown_scrub_environment (void);
KioskLockdown *kiosk_lockdown_new (gboolean allow_inspector);
gboolean kiosk_lockdown_get_allow_inspector (KioskLockdown *self);

void kiosk_lockdown_clear_clipboards (GdkDisplay *display);

G_END_DECLS
