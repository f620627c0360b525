/* kiosk-staff-page.c: staff mode: kiosk information and leaving the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Leaving the kiosk is a window action ("win.exit-kiosk") that only this page
 * offers, so a walk-up person has no way out of the full-screen window.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-staff-page.h"

struct _KioskStaffPage
{
  KioskPage parent_instance;

  GtkLabel *details_label;
  GtkLabel *problems_label;
};

G_DEFINE_FINAL_TYPE (KioskStaffPage, kiosk_staff_page, KIOSK_TYPE_PAGE)

static void
back_cb (KioskStaffPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), "attract");
}

static void
kiosk_staff_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_STAFF_PAGE);

  G_OBJECT_CLASS (kiosk_staff_page_parent_class)->dispose (object);
}

static void
kiosk_staff_page_class_init (KioskStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_staff_page_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
}

static void
kiosk_staff_page_init (KioskStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Staff mode"));
}

KioskPage *
kiosk_staff_page_new (void)
{
  return g_object_new (KIOSK_TYPE_STAFF_PAGE, NULL);
}

void
kiosk_staff_page_set_details (KioskStaffPage *self, const char *details)
{
  g_return_if_fail (KIOSK_IS_STAFF_PAGE (self));
  gtk_label_set_text (self->details_label, details);
}

/**
 * kiosk_staff_page_set_problems:
 * @problems: (array zero-terminated=1): what is wrong with the configuration
 */
void
kiosk_staff_page_set_problems (KioskStaffPage *self, const char *const *problems)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KIOSK_IS_STAFF_PAGE (self));

  if (problems != NULL && problems[0] != NULL)
    text = g_strjoinv ("\n", (char **) problems);
  gtk_label_set_text (self->problems_label,
                      text != NULL ? text : _ ("The configuration has no problems."));
}
