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
  /* The frame's Back button was pressed; the default goes to the page
   * table's back column. */
  void (*go_back) (KioskPage *self);

  gpointer padding[7];
};

KioskServices *kiosk_page_get_services (KioskPage *self);
KioskVisit *kiosk_page_get_visit (KioskPage *self);
KioskPageId kiosk_page_get_id (KioskPage *self);
const char *kiosk_page_get_title (KioskPage *self);
void kiosk_page_set_title (KioskPage *self, const char *title);
gboolean kiosk_page_get_offline (KioskPage *self);
void kiosk_page_set_offline (KioskPage *self, gboolean offline);

guint kiosk_page_get_step (KioskPage *self);
void kiosk_page_set_step (KioskPage *self, guint step);
gboolean kiosk_page_get_can_go_back (KioskPage *self);
void kiosk_page_set_can_go_back (KioskPage *self, gboolean can_go_back);
gboolean kiosk_page_get_can_go_home (KioskPage *self);
void kiosk_page_set_can_go_home (KioskPage *self, gboolean can_go_home);
void kiosk_page_set_header_visible (KioskPage *self, gboolean visible);
void kiosk_page_set_sync_line_visible (KioskPage *self, gboolean visible);
gboolean kiosk_page_get_sync_line_visible (KioskPage *self);
guint kiosk_page_get_idle_limit (KioskPage *self);
void kiosk_page_set_idle_limit (KioskPage *self, guint seconds);
const char *kiosk_page_get_idle_note (KioskPage *self);
void kiosk_page_set_idle_note (KioskPage *self, const char *note);
void kiosk_page_set_seconds_left (KioskPage *self, guint seconds);
GtkWidget *kiosk_page_get_primary (KioskPage *self);
GtkWidget *kiosk_page_get_back_button (KioskPage *self);
GtkWidget *kiosk_page_get_home_button (KioskPage *self);
GtkWidget *kiosk_page_get_header (KioskPage *self);
GtkWidget *kiosk_page_get_footer (KioskPage *self);
void kiosk_page_scroll_into_view (KioskPage *self, GtkWidget *widget);
GtkLabel *kiosk_page_get_time_label (KioskPage *self);

void kiosk_page_shown (KioskPage *self);
void kiosk_page_reset (KioskPage *self);
gboolean kiosk_page_card_read (KioskPage *self, IdcardCard *card);

void
kiosk_page_navigate (KioskPage *self, KioskPageId target, const char *first_property_name, ...);
void kiosk_page_continue (KioskPage *self, KioskPageId otherwise);
void kiosk_page_go_back (KioskPage *self);
void kiosk_page_go_home (KioskPage *self);

G_END_DECLS
