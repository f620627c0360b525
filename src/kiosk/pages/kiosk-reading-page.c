/* kiosk-reading-page.c: "reading your card…"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown as soon as a card is found, while the reader reads it (about a second
 * on real readers), so the person knows to leave the card where it is.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-reading-page.h"

struct _KioskReadingPage
{
  KioskPage parent_instance;

  GtkSpinner *spinner;
};

G_DEFINE_FINAL_TYPE (KioskReadingPage, kiosk_reading_page, KIOSK_TYPE_PAGE)

static void
kiosk_reading_page_shown (KioskPage *page)
{
  gtk_spinner_start (KIOSK_READING_PAGE (page)->spinner);
}

static void
kiosk_reading_page_reset (KioskPage *page)
{
  gtk_spinner_stop (KIOSK_READING_PAGE (page)->spinner);
}

static void
kiosk_reading_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_READING_PAGE);

  G_OBJECT_CLASS (kiosk_reading_page_parent_class)->dispose (object);
}

static void
kiosk_reading_page_class_init (KioskReadingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_reading_page_dispose;
  page_class->shown = kiosk_reading_page_shown;
  page_class->reset = kiosk_reading_page_reset;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-reading-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskReadingPage, spinner);
}

static void
kiosk_reading_page_init (KioskReadingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Reading the card"));
}
