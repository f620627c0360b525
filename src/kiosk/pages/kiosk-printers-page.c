/* kiosk-printers-page.c: staff mode: the printers, their queues, a test page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each printer shows its state in words, the raw message CUPS gives (staff
 * may need it to call the vendor), how many jobs wait, and two actions:
 * print a test page (no personal data on it) and cancel all its jobs. The
 * page goes back to the staff page ("staff") when done. Both actions run only
 * while staff are signed in.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "forms-print-job.h"
#include "kiosk-printers-page.h"
#include "kiosk-printers-page-private.h"

struct _KioskPrintersPage
{
  KioskPage parent_instance;

  GtkListBox *printer_list;
  GtkLabel *feedback_label;
  GtkWidget *refresh_button;

  FormsPrinterList *printers;
  GPtrArray *test_jobs;
  gboolean refreshing;
  gboolean refresh_again; /* asked for while a refresh ran: its answer may be older */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskPrintersPage, kiosk_printers_page, KIOSK_TYPE_PAGE)

static KioskStaffAuth *
staff_auth (KioskPrintersPage *self)
{
  return kiosk_services_get_staff_auth (kiosk_page_get_services (KIOSK_PAGE (self)));
}

static void
set_feedback (KioskPrintersPage *self, const char *text)
{
  gtk_label_set_text (self->feedback_label, text != NULL ? text : "");
}

static void
test_page_clicked_cb (GtkButton *button, KioskPrintersPage *self)
{
  kiosk_printers_page_print_test_page (self, g_object_get_data (G_OBJECT (button), "printer-name"));
}

static void
cancel_all_clicked_cb (GtkButton *button, KioskPrintersPage *self)
{
  kiosk_printers_page_cancel_all_jobs (self, g_object_get_data (G_OBJECT (button), "printer-name"));
}

static GtkWidget *
action_button (KioskPrintersPage *self, FormsPrinter *printer, const char *label, GCallback cb)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  g_object_set_data_full (G_OBJECT (button), "printer-name",
                          g_strdup (forms_printer_get_name (printer)), g_free);
  g_signal_connect_object (button, "clicked", cb, self, 0);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
create_printer_row (gpointer item, gpointer user_data)
{
  FormsPrinter *printer = item;
  KioskPrintersPage *self = user_data;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name;
  GtkWidget *state;
  GtkWidget *queue;
  GtkWidget *cancel_all;
  g_autofree char *title = NULL;
  g_autofree char *state_text = NULL;
  g_autofree char *queue_text = NULL;
  guint jobs = forms_printer_get_queued_jobs (printer);

  if (forms_printer_get_is_default (printer))
    /* TRANSLATORS: a printer's name, marked as the default */
    title = g_strdup_printf (_ ("%s (default)"), forms_printer_get_description (printer));
  else
    title = g_strdup (forms_printer_get_description (printer));
  if (forms_printer_get_state_message (printer) != NULL)
    state_text = g_strdup_printf ("%s — %s", forms_printer_get_status_text (printer),
                                  forms_printer_get_state_message (printer));
  else
    state_text = g_strdup (forms_printer_get_status_text (printer));
  queue_text = g_strdup_printf (_ ("Jobs in the queue: %u"), jobs);

  name = gtk_label_new (title);
  state = gtk_label_new (state_text);
  queue = gtk_label_new (queue_text);
  gtk_widget_add_css_class (name, "printer-name");
  /* as the operator named it, in whichever language */
  gtk_widget_add_css_class (name, "proper-noun");
  gtk_widget_add_css_class (state, "printer-state");
  gtk_widget_add_css_class (queue, "printer-state");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  /* queue names are one long word ("Window-3-HP-LaserJet-…"): broken
   * anywhere, not pushing the row's buttons off the screen */
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_label_set_wrap (GTK_LABEL (state), TRUE);
  gtk_label_set_xalign (GTK_LABEL (queue), 0);
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), state);
  gtk_box_append (GTK_BOX (text), queue);
  gtk_widget_set_hexpand (text, TRUE);

  gtk_box_append (GTK_BOX (row), text);
  /* cancelling every job cannot be undone: in red, and first, away from
   * the right-hand place where a finger goes on */
  cancel_all =
      action_button (self, printer, _ ("Cancel all jobs"), G_CALLBACK (cancel_all_clicked_cb));
  gtk_widget_add_css_class (cancel_all, "destructive-action");
  gtk_box_append (GTK_BOX (row), cancel_all);
  gtk_box_append (GTK_BOX (row), action_button (self, printer, _ ("Print a test page"),
                                                G_CALLBACK (test_page_clicked_cb)));
  gtk_widget_add_css_class (row, "printer-status-row");
  if (!forms_printer_get_is_usable (printer))
    gtk_widget_add_css_class (row, "unusable");
  return row;
}

static void
refresh_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskPrintersPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!forms_printer_list_refresh_finish (FORMS_PRINTER_LIST (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("cannot list the printers: %s", error->message);
      set_feedback (self, _ ("The printing service (CUPS) cannot be reached."));
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->printers)) == 0)
    set_feedback (self, _ ("No printer is set up in CUPS."));
  self->refreshing = FALSE;
  gtk_widget_set_sensitive (self->refresh_button, TRUE);
  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      kiosk_printers_page_refresh (self);
    }
}

void
kiosk_printers_page_refresh (KioskPrintersPage *self)
{
  g_return_if_fail (KIOSK_IS_PRINTERS_PAGE (self));

  /* as on the print page: a test page's problem asks while the list of a
   * moment ago may still be on its way */
  if (self->refreshing)
    {
      self->refresh_again = TRUE;
      return;
    }
  self->refreshing = TRUE;
  gtk_widget_set_sensitive (self->refresh_button, FALSE);
  forms_printer_list_refresh_async (self->printers, self->cancellable, refresh_done_cb,
                                    g_object_ref (self));
}

static void
test_job_changed_cb (KioskPrintersPage *self, GParamSpec *pspec, FormsPrintJob *job)
{
  g_autofree char *text = NULL;
  const char *problem = forms_print_job_get_problem_text (job);

  /* TRANSLATORS: "Test page on Front_Desk: Printed" */
  text = g_strdup_printf (_ ("Test page on %s: %s"), forms_print_job_get_printer_name (job),
                          forms_print_job_get_status_text (job));
  if (problem != NULL)
    {
      g_autofree char *with_problem = g_strdup_printf ("%s %s", text, problem);
      set_feedback (self, with_problem);
    }
  else
    set_feedback (self, text);
  if (forms_print_job_get_finished (job))
    kiosk_printers_page_refresh (self);
}

static void
test_page_submitted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskPrintersPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!forms_print_job_submit_finish (FORMS_PRINT_JOB (source), result, &error))
    {
      g_autofree char *text = NULL;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_ ("The test page could not be sent: %s"), error->message);
      set_feedback (self, text);
    }
  kiosk_printers_page_refresh (self);
}

/**
 * kiosk_printers_page_print_test_page:
 *
 * Prints a page without personal data on @printer_name and reports its
 * progress on the page.
 */
void
kiosk_printers_page_print_test_page (KioskPrintersPage *self, const char *printer_name)
{
  FormsPrintJob *job;

  g_return_if_fail (KIOSK_IS_PRINTERS_PAGE (self));
  g_return_if_fail (printer_name != NULL);

  if (!kiosk_staff_auth_authorize (staff_auth (self), "print-test-page"))
    {
      set_feedback (self, _ ("Sign in as staff first."));
      return;
    }
  job = forms_print_job_new_test_page (printer_name);
  g_ptr_array_add (self->test_jobs, job);
  g_signal_connect_object (job, "notify::status", G_CALLBACK (test_job_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::problem", G_CALLBACK (test_job_changed_cb), self,
                           G_CONNECT_SWAPPED);
  forms_print_job_submit_async (job, self->cancellable, test_page_submitted_cb,
                                g_object_ref (self));
}

static void
cancel_all_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskPrintersPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (!forms_printer_cancel_all_jobs_finish (FORMS_PRINTER (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_ ("The jobs could not be cancelled: %s"), error->message);
    }
  else
    text = g_strdup_printf (_ ("All jobs on %s were cancelled."),
                            forms_printer_get_name (FORMS_PRINTER (source)));
  set_feedback (self, text);
  kiosk_printers_page_refresh (self);
}

/**
 * kiosk_printers_page_cancel_all_jobs:
 *
 * Cancels every job on @printer_name, e.g. a queue stuck on a broken printer.
 */
void
kiosk_printers_page_cancel_all_jobs (KioskPrintersPage *self, const char *printer_name)
{
  FormsPrinter *printer;

  g_return_if_fail (KIOSK_IS_PRINTERS_PAGE (self));

  if (!kiosk_staff_auth_authorize (staff_auth (self), "cancel-all-jobs"))
    {
      set_feedback (self, _ ("Sign in as staff first."));
      return;
    }
  printer = forms_printer_list_find (self->printers, printer_name);
  if (printer == NULL)
    return;
  forms_printer_cancel_all_jobs_async (printer, self->cancellable, cancel_all_done_cb,
                                       g_object_ref (self));
}

static void
refresh_cb (KioskPrintersPage *self)
{
  kiosk_printers_page_refresh (self);
}

static void
kiosk_printers_page_shown (KioskPage *page)
{
  kiosk_printers_page_refresh (KIOSK_PRINTERS_PAGE (page));
}

static void
kiosk_printers_page_reset (KioskPage *page)
{
  KioskPrintersPage *self = KIOSK_PRINTERS_PAGE (page);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->refreshing = FALSE;
  self->refresh_again = FALSE;
  gtk_widget_set_sensitive (self->refresh_button, TRUE);
  g_ptr_array_set_size (self->test_jobs, 0);
  set_feedback (self, NULL);
}

static void
kiosk_printers_page_constructed (GObject *object)
{
  KioskPrintersPage *self = KIOSK_PRINTERS_PAGE (object);

  G_OBJECT_CLASS (kiosk_printers_page_parent_class)->constructed (object);

  /* the kiosk's one list, which the print page shows too */
  self->printers =
      g_object_ref (kiosk_services_get_printers (kiosk_page_get_services (KIOSK_PAGE (self))));
  gtk_list_box_bind_model (self->printer_list, G_LIST_MODEL (self->printers), create_printer_row,
                           self, NULL);
}

static void
kiosk_printers_page_dispose (GObject *object)
{
  KioskPrintersPage *self = KIOSK_PRINTERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_ptr_array_set_size (self->test_jobs, 0);
  if (self->printer_list != NULL)
    gtk_list_box_bind_model (self->printer_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_PRINTERS_PAGE);

  G_OBJECT_CLASS (kiosk_printers_page_parent_class)->dispose (object);
}

static void
kiosk_printers_page_finalize (GObject *object)
{
  KioskPrintersPage *self = KIOSK_PRINTERS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->printers);
  g_ptr_array_unref (self->test_jobs);

  G_OBJECT_CLASS (kiosk_printers_page_parent_class)->finalize (object);
}

static void
kiosk_printers_page_class_init (KioskPrintersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->constructed = kiosk_printers_page_constructed;
  object_class->dispose = kiosk_printers_page_dispose;
  object_class->finalize = kiosk_printers_page_finalize;
  page_class->shown = kiosk_printers_page_shown;
  page_class->reset = kiosk_printers_page_reset;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-printers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskPrintersPage, printer_list);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintersPage, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintersPage, refresh_button);
  gtk_widget_class_bind_template_callback (widget_class, refresh_cb);
}

static void
kiosk_printers_page_init (KioskPrintersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Printers"));

  self->cancellable = g_cancellable_new ();
  self->test_jobs = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * kiosk_printers_page_get_printers:
 *
 * Returns: (transfer none): the printers the page lists
 */
FormsPrinterList *
kiosk_printers_page_get_printers (KioskPrintersPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PRINTERS_PAGE (self), NULL);
  return self->printers;
}

const char *
kiosk_printers_page_get_feedback (KioskPrintersPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PRINTERS_PAGE (self), NULL);
  return gtk_label_get_text (self->feedback_label);
}
