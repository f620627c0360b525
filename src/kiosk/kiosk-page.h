/* kiosk-page.h: base class of every page of the kiosk flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "idcard-card.h"
#include "kiosk-page-table.h"
#include "kiosk-services.h"
#include "kiosk-visit.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_PAGE (kiosk_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (KioskPage, kiosk_page, KIOSK, PAGE, GtkWidget)

struct _KioskPageClass
{
  GtkWidgetClass parent_class;

  /* The page became the visible one (its arguments are set already). */
  void (*shown) (KioskPage *self);
  /* Forget everything typed or shown: entries cleared, data dropped. */
  void (*reset) (KioskPage *self);
  /* A card was read while the page shows; pages that take the identity on
   * a card (registration, login) implement it. */
  void (*card_read) (KioskPage *self, IdcardCard *card);

  gpointer padding[8];
};

KioskServices *kiosk_page_get_services (KioskPage *self);
KioskVisit *kiosk_page_get_visit (KioskPage *self);
KioskPageId kiosk_page_get_id (KioskPage *self);
const char *kiosk_page_get_title (KioskPage *self);
void kiosk_page_set_title (KioskPage *self, const char *title);
gboolean kiosk_page_get_offline (KioskPage *self);
void kiosk_page_set_offline (KioskPage *self, gboolean offline);

void kiosk_page_shown (KioskPage *self);
void kiosk_page_reset (KioskPage *self);
gboolean kiosk_page_card_read (KioskPage *self, IdcardCard *card);

void
kiosk_page_navigate (KioskPage *self, KioskPageId target, const char *first_property_name, ...);
void kiosk_page_continue (KioskPage *self, KioskPageId otherwise);

G_END_DECLS
