/* kiosk-folding-scroller.h: a scroller that ends its view above a button it would cut
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_FOLDING_SCROLLER (kiosk_folding_scroller_get_type ())

G_DECLARE_FINAL_TYPE (KioskFoldingScroller,
                      kiosk_folding_scroller,
                      KIOSK,
                      FOLDING_SCROLLER,
                      GtkWidget)

GtkWidget *kiosk_folding_scroller_new (GtkWidget *scroller);
GtkWidget *kiosk_folding_scroller_get_scroller (KioskFoldingScroller *self);
void kiosk_folding_scroller_set_scroller (KioskFoldingScroller *self, GtkWidget *scroller);
GtkWidget *kiosk_folding_scroller_get_hint (KioskFoldingScroller *self);
int kiosk_folding_scroller_get_band (KioskFoldingScroller *self);

G_END_DECLS
