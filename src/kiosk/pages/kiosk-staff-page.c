/* kiosk-staff-page.c: the staff home page: what staff can do on this kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reached only after a staff sign-in; it lists the staff pages (manual
 * filing, sync status, reader diagnostics, printers, settings), signs out,
 * and leaves the kiosk. Leaving is a window action ("win.exit-kiosk") that
 * only this page offers, so a walk-up person has no way out of the
 * full-screen window. Any reset of the flow (the idle timeout included)
 * signs staff out.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-staff-page.h"

struct _KioskStaffPage
{
  KioskPage parent_instance;

  GtkLabel *account_label;
  GtkLabel *details_label;
  GtkLabel *problems_label;
  GtkButton *printers_button;
  GtkLabel *printers_label;

  KioskStaffAuth *auth;
  char *printers_page;
};

G_DEFINE_FINAL_TYPE (KioskStaffPage, kiosk_staff_page, KIOSK_TYPE_PAGE)

static void
manual_filing_cb (KioskStaffPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), "manual-filing");
}

static void
sync_status_cb (KioskStaffPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), "sync-status");
}

static void
reader_status_cb (KioskStaffPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), "reader-status");
}

static void
printers_cb (KioskStaffPage *self)
{
  if (self->printers_page != NULL)
    kiosk_page_navigate (KIOSK_PAGE (self), self->printers_page);
}

static void
settings_cb (KioskStaffPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), "settings");
}

static void
sign_out_cb (KioskStaffPage *self)
{
  if (self->auth != NULL)
    kiosk_staff_auth_sign_out (self->auth);
  kiosk_page_navigate (KIOSK_PAGE (self), "attract");
}

static void
kiosk_staff_page_shown (KioskPage *page)
{
  KioskStaffPage *self = KIOSK_STAFF_PAGE (page);
  const char *user = self->auth != NULL ? kiosk_staff_auth_get_user (self->auth) : NULL;
  g_autofree char *text = NULL;

  if (user == NULL)
    {
      /* nobody signed in: staff mode is not for walk-up people */
      kiosk_page_navigate (page, "staff-login");
      return;
    }
  text = g_strdup_printf (_ ("Signed in as %s"), user);
  gtk_label_set_text (self->account_label, text);
}

static void
kiosk_staff_page_reset (KioskPage *page)
{
  KioskStaffPage *self = KIOSK_STAFF_PAGE (page);

  if (self->auth != NULL)
    kiosk_staff_auth_sign_out (self->auth);
  gtk_label_set_text (self->account_label, "");
}

static void
kiosk_staff_page_dispose (GObject *object)
{
  KioskStaffPage *self = KIOSK_STAFF_PAGE (object);

  g_clear_object (&self->auth);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_STAFF_PAGE);

  G_OBJECT_CLASS (kiosk_staff_page_parent_class)->dispose (object);
}

static void
kiosk_staff_page_finalize (GObject *object)
{
  KioskStaffPage *self = KIOSK_STAFF_PAGE (object);

  g_free (self->printers_page);

  G_OBJECT_CLASS (kiosk_staff_page_parent_class)->finalize (object);
}

static void
kiosk_staff_page_class_init (KioskStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_staff_page_dispose;
  object_class->finalize = kiosk_staff_page_finalize;
  page_class->shown = kiosk_staff_page_shown;
  page_class->reset = kiosk_staff_page_reset;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, account_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, problems_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, printers_button);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, printers_label);
  gtk_widget_class_bind_template_callback (widget_class, manual_filing_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, reader_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, printers_cb);
  gtk_widget_class_bind_template_callback (widget_class, settings_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_out_cb);
}

static void
kiosk_staff_page_init (KioskStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Staff mode"));
}

KioskPage *
kiosk_staff_page_new (KioskStaffAuth *auth)
{
  KioskStaffPage *self = g_object_new (KIOSK_TYPE_STAFF_PAGE, NULL);

  if (auth != NULL)
    self->auth = g_object_ref (auth);
  return KIOSK_PAGE (self);
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

/**
 * kiosk_staff_page_set_printers_page:
 * @page_name: (nullable): the flow page with the printers' status
 *
 * The printers slot: until a printers page exists, the button is off and the
 * page says that printer status comes with printing support.
 */
void
kiosk_staff_page_set_printers_page (KioskStaffPage *self, const char *page_name)
{
  g_return_if_fail (KIOSK_IS_STAFF_PAGE (self));

  g_free (self->printers_page);
  self->printers_page = g_strdup (page_name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->printers_button), page_name != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->printers_label), page_name == NULL);
}
