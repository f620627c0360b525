/* kiosk-page.h: base class of every page of the kiosk flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kiosk-services.h"
#include "kiosk-visit.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_PAGE (kiosk_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (KioskPage, kiosk_page, KIOSK, PAGE, GtkWidget)

struct _KioskPageClass
{
  GtkWidgetClass parent_class;

  /* The page became the visible one. */
  void (*shown) (KioskPage *self);
  /* The person asked to go on; %FALSE keeps them on this page (the page shows why). */
  gboolean (*apply) (KioskPage *self);
  /* Forget everything typed or shown: entries cleared, data dropped. */
  void (*reset) (KioskPage *self);

  gpointer padding[8];
};

KioskServices *kiosk_page_get_services (KioskPage *self);
KioskVisit *kiosk_page_get_visit (KioskPage *self);
const char *kiosk_page_get_title (KioskPage *self);
void kiosk_page_set_title (KioskPage *self, const char *title);

void kiosk_page_shown (KioskPage *self);
gboolean kiosk_page_apply (KioskPage *self);
void kiosk_page_reset (KioskPage *self);

void kiosk_page_navigate (KioskPage *self, const char *target);

G_END_DECLS
