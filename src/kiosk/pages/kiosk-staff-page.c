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

#include "kiosk-confirmation.h"
#include "kiosk-staff-page.h"

struct _KioskStaffPage
{
  KioskPage parent_instance;

  GtkLabel *account_label;
  GtkLabel *details_label;
  GtkLabel *problems_label;
  GtkStack *exit_stack;
  KioskConfirmation *exit_confirmation;
};

G_DEFINE_FINAL_TYPE (KioskStaffPage, kiosk_staff_page, KIOSK_TYPE_PAGE)

static void
manual_filing_cb (KioskStaffPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_MANUAL_FILING, NULL);
}

static void
sync_status_cb (KioskStaffPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_SYNC_STATUS, NULL);
}

static void
reader_status_cb (KioskStaffPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_READER_STATUS, NULL);
}

static void
printers_cb (KioskStaffPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_PRINTERS, NULL);
}

static void
settings_cb (KioskStaffPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_SETTINGS, NULL);
}

static KioskStaffAuth *
staff_auth (KioskStaffPage *self)
{
  return kiosk_services_get_staff_auth (kiosk_page_get_services (KIOSK_PAGE (self)));
}

static void
sign_out_cb (KioskStaffPage *self)
{
  if (staff_auth (self) != NULL)
    kiosk_staff_auth_sign_out (staff_auth (self));
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_ATTRACT, NULL);
}

/* What staff need to know about this kiosk when they call for help. */
static void
show_details (KioskStaffPage *self)
{
  KioskServices *services = kiosk_page_get_services (KIOSK_PAGE (self));
  KioskConfig *config = kiosk_services_get_config (services);
  StoreDatabase *store = kiosk_services_get_store (services);
  const char *const *input_problems = kiosk_services_get_input_problems (services);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) problems = NULL;
  g_autofree char *details = NULL;
  g_autofree char *problem_text = NULL;

  details =
      g_strdup_printf (_ ("Version %s\nData folder: %s\nLocal store schema: %d\nRegistry: %s"),
                       PACKAGE_VERSION, kiosk_config_get_data_folder (config),
                       store != NULL ? store_database_get_schema_version (store) : 0,
                       kiosk_config_get_registry_url (config));
  gtk_label_set_text (self->details_label, details);
  if (kiosk_config_get_problems (config) != NULL)
    g_strv_builder_addv (builder, (const char **) kiosk_config_get_problems (config));
  if (input_problems != NULL)
    g_strv_builder_addv (builder, (const char **) input_problems);
  problems = g_strv_builder_end (builder);
  if (problems[0] != NULL)
    problem_text = g_strjoinv ("\n", problems);
  gtk_label_set_text (self->problems_label, problem_text != NULL
                                                ? problem_text
                                                : _ ("The configuration has no problems."));
}

/* Leaving the kiosk closes it for everyone: asked once more, in words. */
static void
exit_ask_cb (KioskStaffPage *self)
{
  gtk_stack_set_visible_child_name (self->exit_stack, "confirm");
}

static void
exit_cancel_cb (KioskStaffPage *self)
{
  gtk_stack_set_visible_child_name (self->exit_stack, "ask");
}

static void
kiosk_staff_page_shown (KioskPage *page)
{
  KioskStaffPage *self = KIOSK_STAFF_PAGE (page);
  const char *user =
      staff_auth (self) != NULL ? kiosk_staff_auth_get_user (staff_auth (self)) : NULL;
  g_autofree char *text = NULL;

  gtk_stack_set_visible_child_name (self->exit_stack, "ask");
  /* the flow shows the page only while staff are signed in */
  text = g_strdup_printf (_ ("Signed in as %s"), user != NULL ? user : "");
  gtk_label_set_text (self->account_label, text);
  show_details (self);
}

static void
kiosk_staff_page_reset (KioskPage *page)
{
  KioskStaffPage *self = KIOSK_STAFF_PAGE (page);

  if (staff_auth (self) != NULL)
    kiosk_staff_auth_sign_out (staff_auth (self));
  gtk_label_set_text (self->account_label, "");
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
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_staff_page_dispose;
  page_class->shown = kiosk_staff_page_shown;
  page_class->reset = kiosk_staff_page_reset;

  g_type_ensure (KIOSK_TYPE_CONFIRMATION);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, account_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, problems_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, exit_stack);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, exit_confirmation);
  gtk_widget_class_bind_template_callback (widget_class, manual_filing_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, reader_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, printers_cb);
  gtk_widget_class_bind_template_callback (widget_class, settings_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_out_cb);
  gtk_widget_class_bind_template_callback (widget_class, exit_ask_cb);
  gtk_widget_class_bind_template_callback (widget_class, exit_cancel_cb);
}

static void
kiosk_staff_page_init (KioskStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Staff mode"));
  /* the window's action, which the window enables for signed-in staff
   * only: the button is as usable as the action is */
  gtk_actionable_set_action_name (
      GTK_ACTIONABLE (kiosk_confirmation_get_confirm_button (self->exit_confirmation)),
      "win.exit-kiosk");
}
