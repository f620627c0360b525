/* kiosk-print-page.c: printing the signature collection form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is handed the person's form (kiosk_print_page_set_form) and, when
 * shown, asks CUPS for the printers and draws a preview, both on worker
 * threads. Printers that cannot print now are listed but cannot be chosen,
 * with the reason in words; the default is preselected when it can print.
 * A job is followed from queued through printing to done; then the person is
 * asked whether the form came out, and may print it again.
 *
 * Its arguments are the form to print ("form") and the page to go back to
 * ("return-page", by default the signature page) when the person has the
 * form or goes back. "printed" is emitted when CUPS reports the job
 * complete, and the visit's form is then marked printed. The printers are
 * the kiosk's shared list (the services').
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-privacy.h"
#include "forms-render.h"
#include "kiosk-enums.h"
#include "kiosk-print-page.h"
#include "kiosk-print-page-private.h"

#define PREVIEW_PIXELS_PER_POINT 1.5

struct _KioskPrintPage
{
  KioskPage parent_instance;

  GtkPicture *preview;
  FormsSignatureForm *preview_form; /* what the preview shows */
  GtkListBox *printer_list;
  GtkLabel *message_label;
  GtkWidget *progress_box;
  GtkWidget *step_queued;
  GtkWidget *step_printing;
  GtkWidget *step_done;
  GtkLabel *status_label;
  GtkLabel *problem_label;
  GtkWidget *question_box;
  GtkWidget *print_button;
  GtkWidget *cancel_button;
  GtkWidget *refresh_button;

  FormsSignatureForm *form;
  KioskPageId return_page;
  FormsPrinterList *printers;
  char *selected;
  guint offline_after;
  FormsPrintJob *job;
  gboolean refreshing;
  gboolean refresh_again;    /* asked for while a refresh ran: its answer may be older */
  GCancellable *cancellable; /* everything this page started; cancelled on reset and dispose */
};

G_DEFINE_FINAL_TYPE (KioskPrintPage, kiosk_print_page, KIOSK_TYPE_PAGE)

enum
{
  PROP_0,
  PROP_FORM,
  PROP_RETURN_PAGE,
  PROP_OFFLINE_AFTER,
  N_PROPS
};

enum
{
  PRINTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
job_is_running (KioskPrintPage *self)
{
  return self->job != NULL && !forms_print_job_get_finished (self->job);
}

static void
update_print_button (KioskPrintPage *self)
{
  FormsPrinter *printer =
      self->selected != NULL ? forms_printer_list_find (self->printers, self->selected) : NULL;

  gtk_widget_set_sensitive (self->print_button, self->form != NULL && printer != NULL &&
                                                    forms_printer_get_is_usable (printer) &&
                                                    !job_is_running (self));
  gtk_widget_set_sensitive (self->refresh_button, !self->refreshing);
}

static void
show_message (KioskPrintPage *self, const char *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_step (GtkWidget *step, gboolean active, gboolean done)
{
  if (active)
    gtk_widget_add_css_class (step, "active");
  else
    gtk_widget_remove_css_class (step, "active");
  if (done)
    gtk_widget_add_css_class (step, "done");
  else
    gtk_widget_remove_css_class (step, "done");
}

static void
update_job_ui (KioskPrintPage *self)
{
  FormsJobStatus status;
  const char *problem;

  gtk_widget_set_visible (self->progress_box, self->job != NULL);
  gtk_widget_set_visible (self->question_box, FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->printer_list), !job_is_running (self));
  update_print_button (self);
  /* a printed job is dropped when the page shows again (the next person's,
   * or a second copy): Print comes back with it */
  gtk_widget_set_visible (self->print_button,
                          self->job == NULL ||
                              forms_print_job_get_status (self->job) != FORMS_JOB_STATUS_DONE);
  if (self->job == NULL)
    return;

  status = forms_print_job_get_status (self->job);
  problem = forms_print_job_get_problem_text (self->job);
  gtk_label_set_text (self->status_label, forms_print_job_get_status_text (self->job));
  if (problem != NULL)
    {
      /* TRANSLATORS: %s is what is wrong, e.g. "The printer is out of paper." */
      g_autofree char *text =
          g_strdup_printf (_ ("%s Please ask the staff at the window for help."), problem);
      gtk_label_set_text (self->problem_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);

  set_step (self->step_queued, status <= FORMS_JOB_STATUS_QUEUED, status > FORMS_JOB_STATUS_QUEUED);
  set_step (self->step_printing, status == FORMS_JOB_STATUS_PRINTING,
            status == FORMS_JOB_STATUS_DONE);
  set_step (self->step_done, status == FORMS_JOB_STATUS_DONE, status == FORMS_JOB_STATUS_DONE);

  /* a job waiting on a printer can be given up; one that is being sent cannot yet */
  gtk_widget_set_visible (self->cancel_button,
                          status == FORMS_JOB_STATUS_QUEUED || status == FORMS_JOB_STATUS_PRINTING);
  gtk_widget_set_visible (self->question_box, status == FORMS_JOB_STATUS_DONE);
}

static void
job_changed_cb (KioskPrintPage *self, GParamSpec *pspec, FormsPrintJob *job)
{
  if (job != self->job)
    return;
  if (g_str_equal (g_param_spec_get_name (pspec), "status") &&
      forms_print_job_get_status (job) == FORMS_JOB_STATUS_DONE)
    g_signal_emit (self, signals[PRINTED], 0, job);
  update_job_ui (self);
  /* what the job ran into is now in the queue's state too: show it on the list */
  if (g_str_equal (g_param_spec_get_name (pspec), "problem") &&
      forms_print_job_get_problem (job) != FORMS_JOB_PROBLEM_NONE)
    kiosk_print_page_refresh (self);
}

static void
drop_job (KioskPrintPage *self)
{
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
}

/* ---- printers --------------------------------------------------------- */

static void
printer_toggled_cb (GtkCheckButton *button, KioskPrintPage *self)
{
  if (!gtk_check_button_get_active (button))
    return;
  g_free (self->selected);
  self->selected = g_strdup (g_object_get_data (G_OBJECT (button), "printer-name"));
  update_print_button (self);
}

static GtkWidget *
create_printer_row (gpointer item, gpointer user_data)
{
  FormsPrinter *printer = item;
  KioskPrintPage *self = user_data;
  GtkWidget *button = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name = gtk_label_new (forms_printer_get_description (printer));
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *state_text = NULL;

  if (forms_printer_get_is_usable (printer))
    state_text = g_strdup (forms_printer_get_status_text (printer));
  else
    /* TRANSLATORS: a printer's state, e.g. "Out of paper — cannot print now" */
    state_text =
        g_strdup_printf (_ ("%s — cannot print now"), forms_printer_get_status_text (printer));
  gtk_label_set_text (GTK_LABEL (state), state_text);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  /* the row's whole width for the name: a wrapping label asks for less
   * than its one line, and the check button would leave the rest empty */
  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_widget_add_css_class (name, "printer-name");
  /* as the operator named it, in whichever language */
  gtk_widget_add_css_class (name, "proper-noun");
  gtk_widget_add_css_class (state, "printer-state");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), state);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "printer-choice");
  g_object_set_data_full (G_OBJECT (button), "printer-name",
                          g_strdup (forms_printer_get_name (printer)), g_free);
  gtk_widget_set_sensitive (button, forms_printer_get_is_usable (printer));
  if (!forms_printer_get_is_usable (printer))
    gtk_widget_add_css_class (row, "unusable");

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_signal_connect_object (button, "toggled", G_CALLBACK (printer_toggled_cb), self, 0);
  return row;
}

static GtkCheckButton *
row_button (GtkListBoxRow *row)
{
  return GTK_CHECK_BUTTON (gtk_list_box_row_get_child (row));
}

/* radio behaviour, the chosen printer kept across refreshes if it can still
 * print, else the default, else the first one that can */
static void
choose_printer (KioskPrintPage *self)
{
  FormsPrinter *chosen = NULL;
  FormsPrinter *fallback = forms_printer_list_get_default (self->printers);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->printers));
  GtkCheckButton *group = NULL;

  if (self->selected != NULL)
    chosen = forms_printer_list_find (self->printers, self->selected);
  /* while a job waits on it, its printer stays chosen, whatever its state */
  if (job_is_running (self))
    chosen = forms_printer_list_find (self->printers, forms_print_job_get_printer_name (self->job));
  else if (chosen == NULL || !forms_printer_get_is_usable (chosen))
    chosen = fallback != NULL && forms_printer_get_is_usable (fallback) ? fallback : NULL;
  for (guint i = 0; chosen == NULL && i < n; i++)
    {
      g_autoptr (FormsPrinter) printer = g_list_model_get_item (G_LIST_MODEL (self->printers), i);
      if (forms_printer_get_is_usable (printer))
        chosen = printer;
    }

  g_free (self->selected);
  self->selected = chosen != NULL ? g_strdup (forms_printer_get_name (chosen)) : NULL;

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->printer_list, (int) i);
      GtkCheckButton *button = row_button (row);
      const char *name = g_object_get_data (G_OBJECT (button), "printer-name");

      if (group == NULL)
        group = button;
      else
        gtk_check_button_set_group (button, group);
      gtk_check_button_set_active (button, g_strcmp0 (name, self->selected) == 0);
    }

  if (n == 0)
    show_message (self, _ ("No printer is set up. Please ask the staff at the window for help."));
  else if (self->selected == NULL)
    show_message (self,
                  _ ("No printer can print now. Please ask the staff at the window for help."));
  else
    show_message (self, NULL);
  update_print_button (self);
}

static void
refresh_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskPrintPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!forms_printer_list_refresh_finish (FORMS_PRINTER_LIST (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("cannot list the printers: %s", error->message);
      self->refreshing = FALSE;
      self->refresh_again = FALSE;
      show_message (self, _ ("The printing service is not available. Please ask the staff at "
                             "the window for help."));
      update_print_button (self);
      return;
    }
  self->refreshing = FALSE;
  choose_printer (self);
  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      kiosk_print_page_refresh (self);
    }
}

/**
 * kiosk_print_page_refresh:
 *
 * Asks CUPS for the printers again; the page shows them when it answers.
 */
void
kiosk_print_page_refresh (KioskPrintPage *self)
{
  g_return_if_fail (KIOSK_IS_PRINT_PAGE (self));

  /* a job that has just run into a problem asks while the list of a moment
   * ago may still be on its way: ask once more when it comes */
  if (self->refreshing)
    {
      self->refresh_again = TRUE;
      return;
    }
  self->refreshing = TRUE;
  update_print_button (self);
  forms_printer_list_refresh_async (self->printers, self->cancellable, refresh_done_cb,
                                    g_object_ref (self));
}

/* ---- preview ---------------------------------------------------------- */

typedef struct
{
  GBytes *pixels;
  int width;
  int height;
  int stride;
} PreviewImage;

static void
preview_image_free (PreviewImage *image)
{
  g_bytes_unref (image->pixels);
  g_free (image);
}

/* What the screen shows of the form: the ID number and the phone masked
 * (anyone behind the person can read the screen); paper gets the whole. */
static FormsSignatureForm *
masked_copy (FormsSignatureForm *form)
{
  FormsSignatureForm *copy = forms_signature_form_copy (form);
  g_autofree char *number = NULL;
  g_autofree char *phone = NULL;

  if (forms_signature_form_get_document_number (form) != NULL)
    {
      number = core_mask_id_number (forms_signature_form_get_document_number (form));
      forms_signature_form_set_document_number (copy, number);
    }
  if (forms_signature_form_get_phone (form) != NULL)
    {
      phone = core_mask_phone (forms_signature_form_get_phone (form));
      forms_signature_form_set_phone (copy, phone);
    }
  return copy;
}

static void
render_preview_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  cairo_surface_t *image = forms_render_image (task_data, PREVIEW_PIXELS_PER_POINT, &error);
  cairo_surface_t *argb;
  cairo_t *cr;
  PreviewImage *preview;

  if (image == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* GdkMemoryTexture wants a defined alpha byte: copy into ARGB32 */
  preview = g_new0 (PreviewImage, 1);
  preview->width = cairo_image_surface_get_width (image);
  preview->height = cairo_image_surface_get_height (image);
  argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, preview->width, preview->height);
  cr = cairo_create (argb);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (argb);
  preview->stride = cairo_image_surface_get_stride (argb);
  preview->pixels =
      g_bytes_new (cairo_image_surface_get_data (argb), (gsize) preview->stride * preview->height);
  cairo_surface_destroy (argb);
  cairo_surface_destroy (image);
  g_task_return_pointer (task, preview, (GDestroyNotify) preview_image_free);
}

static void
preview_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskPrintPage) self = user_data;
  g_autoptr (GError) error = NULL;
  PreviewImage *preview = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (GdkTexture) texture = NULL;

  if (preview == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("cannot draw the form: %s", error->message);
      return;
    }
  texture = gdk_memory_texture_new (preview->width, preview->height, GDK_MEMORY_DEFAULT,
                                    preview->pixels, (gsize) preview->stride);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  preview_image_free (preview);
}

static void
render_preview (KioskPrintPage *self)
{
  g_autoptr (GTask) task = NULL;

  gtk_picture_set_paintable (self->preview, NULL);
  if (self->form == NULL)
    return;
  task = g_task_new (NULL, self->cancellable, preview_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, render_preview);
  g_clear_object (&self->preview_form);
  self->preview_form = masked_copy (self->form);
  g_task_set_task_data (task, forms_signature_form_copy (self->preview_form), g_object_unref);
  g_task_run_in_thread (task, render_preview_thread);
}

/* ---- printing --------------------------------------------------------- */

static void
submit_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskPrintPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!forms_print_job_submit_finish (FORMS_PRINT_JOB (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* CUPS messages name printers and states, never the person */
      g_warning ("cannot send the form to the printer: %s", error->message);
      if (FORMS_PRINT_JOB (source) == self->job)
        {
          gtk_label_set_text (self->problem_label,
                              _ ("The form could not be sent to the printer. Please try again or "
                                 "ask the staff at the window for help."));
          gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
        }
      kiosk_print_page_refresh (self);
    }
}

static void
start_printing (KioskPrintPage *self)
{
  if (self->form == NULL || self->selected == NULL || job_is_running (self))
    return;

  drop_job (self);
  self->job = forms_print_job_new (self->selected, self->form);
  forms_print_job_set_offline_after (self->job, self->offline_after);
  g_signal_connect_object (self->job, "notify::status", G_CALLBACK (job_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::problem", G_CALLBACK (job_changed_cb), self,
                           G_CONNECT_SWAPPED);
  forms_print_job_submit_async (self->job, self->cancellable, submit_done_cb, g_object_ref (self));
  update_job_ui (self);
}

static void
print_cb (KioskPrintPage *self)
{
  start_printing (self);
}

static void
reprint_cb (KioskPrintPage *self)
{
  drop_job (self);
  update_job_ui (self);
  start_printing (self);
}

static void
cancel_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskPrintPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!forms_print_job_cancel_finish (FORMS_PRINT_JOB (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("cannot cancel the job: %s", error->message);
  kiosk_print_page_refresh (self);
}

static void
cancel_cb (KioskPrintPage *self)
{
  if (!job_is_running (self))
    return;
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  forms_print_job_cancel_async (self->job, self->cancellable, cancel_done_cb, g_object_ref (self));
}

static void
came_out_cb (KioskPrintPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), self->return_page, NULL);
}

static void
kiosk_print_page_go_back (KioskPage *page)
{
  KioskPrintPage *self = KIOSK_PRINT_PAGE (page);

  kiosk_page_navigate (page, self->return_page, NULL);
}

static void
refresh_cb (KioskPrintPage *self)
{
  kiosk_print_page_refresh (self);
}

/* ---- KioskPage -------------------------------------------------------- */

static void
kiosk_print_page_shown (KioskPage *page)
{
  KioskPrintPage *self = KIOSK_PRINT_PAGE (page);

  /* coming back to the page starts afresh; a job still waiting is still shown */
  if (self->job != NULL && forms_print_job_get_finished (self->job))
    drop_job (self);
  render_preview (self);
  kiosk_print_page_refresh (self);
  update_job_ui (self);
}

static void
kiosk_print_page_reset (KioskPage *page)
{
  KioskPrintPage *self = KIOSK_PRINT_PAGE (page);

  /* a job already with CUPS prints on; the page only stops following it */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->refreshing = FALSE;
  self->refresh_again = FALSE;
  drop_job (self);
  g_clear_object (&self->form);
  g_clear_pointer (&self->selected, g_free);
  gtk_picture_set_paintable (self->preview, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_widget_set_visible (self->print_button, TRUE);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  show_message (self, NULL);
  update_job_ui (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORM]);
}

typedef struct
{
  KioskVisit *visit;
  char *token; /* the session the report was made in */
} PrintedReport;

static void
printed_reported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PrintedReport *report = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) form =
      sync_registry_signature_form_printed_finish (SYNC_REGISTRY (source), result, &error);

  if (form == NULL)
    g_message ("reporting the printed form to the registry failed: %s", error->message);
  /* only into the visit that printed it: a reset meanwhile began another */
  else if (g_strcmp0 (kiosk_visit_get_session_token (report->visit), report->token) == 0)
    kiosk_visit_set_form_record (report->visit, form);
  g_object_unref (report->visit);
  g_free (report->token);
  g_free (report);
}

/* the default handler of ::printed: the person's form is on paper now, and
 * the registry is told so (the status outlives the login session there) */
static void
kiosk_print_page_printed (KioskPrintPage *self, FormsPrintJob *job)
{
  KioskVisit *visit = kiosk_page_get_visit (KIOSK_PAGE (self));
  SyncRegistry *registry =
      kiosk_services_get_registry (kiosk_page_get_services (KIOSK_PAGE (self)));
  const char *token = kiosk_visit_get_session_token (visit);

  kiosk_visit_set_form_status (visit, KIOSK_FORM_PRINTED);
  if (registry != NULL && token != NULL)
    {
      PrintedReport *report = g_new0 (PrintedReport, 1);

      report->visit = g_object_ref (visit);
      report->token = g_strdup (token);
      sync_registry_signature_form_printed_async (registry, token, NULL, printed_reported_cb,
                                                  report);
    }
}

static void
kiosk_print_page_constructed (GObject *object)
{
  KioskPrintPage *self = KIOSK_PRINT_PAGE (object);

  G_OBJECT_CLASS (kiosk_print_page_parent_class)->constructed (object);

  self->printers =
      g_object_ref (kiosk_services_get_printers (kiosk_page_get_services (KIOSK_PAGE (self))));
  gtk_list_box_bind_model (self->printer_list, G_LIST_MODEL (self->printers), create_printer_row,
                           self, NULL);
}

static void
kiosk_print_page_dispose (GObject *object)
{
  KioskPrintPage *self = KIOSK_PRINT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  drop_job (self);
  if (self->printer_list != NULL)
    gtk_list_box_bind_model (self->printer_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_PRINT_PAGE);

  G_OBJECT_CLASS (kiosk_print_page_parent_class)->dispose (object);
}

static void
kiosk_print_page_finalize (GObject *object)
{
  KioskPrintPage *self = KIOSK_PRINT_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->form);
  g_clear_object (&self->preview_form);
  g_clear_object (&self->printers);
  g_free (self->selected);

  G_OBJECT_CLASS (kiosk_print_page_parent_class)->finalize (object);
}

static void
kiosk_print_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskPrintPage *self = KIOSK_PRINT_PAGE (object);

  switch (prop_id)
    {
      case PROP_FORM:
        g_value_set_object (value, self->form);
        break;
      case PROP_RETURN_PAGE:
        g_value_set_enum (value, self->return_page);
        break;
      case PROP_OFFLINE_AFTER:
        g_value_set_uint (value, self->offline_after);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_print_page_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  KioskPrintPage *self = KIOSK_PRINT_PAGE (object);

  switch (prop_id)
    {
      case PROP_FORM:
        kiosk_print_page_set_form (self, g_value_get_object (value));
        break;
      case PROP_RETURN_PAGE:
        kiosk_print_page_set_return_page (self, g_value_get_enum (value));
        break;
      case PROP_OFFLINE_AFTER:
        kiosk_print_page_set_offline_after (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_print_page_class_init (KioskPrintPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->constructed = kiosk_print_page_constructed;
  object_class->dispose = kiosk_print_page_dispose;
  object_class->finalize = kiosk_print_page_finalize;
  object_class->get_property = kiosk_print_page_get_property;
  object_class->set_property = kiosk_print_page_set_property;
  page_class->shown = kiosk_print_page_shown;
  page_class->reset = kiosk_print_page_reset;
  page_class->go_back = kiosk_print_page_go_back;

  /**
   * KioskPrintPage:form:
   *
   * The form to print, from the person's record; %NULL after a reset.
   */
  properties[PROP_FORM] =
      g_param_spec_object ("form", NULL, NULL, FORMS_TYPE_SIGNATURE_FORM,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskPrintPage:return-page:
   *
   * The page the person goes to with Back, or once the form is in hand.
   */
  properties[PROP_RETURN_PAGE] = g_param_spec_enum (
      "return-page", NULL, NULL, KIOSK_TYPE_PAGE_ID, KIOSK_PAGE_SIGNATURE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskPrintPage:offline-after:
   *
   * Seconds a job may wait on a printer CUPS cannot reach before the page
   * says the printer is offline and offers to cancel.
   */
  properties[PROP_OFFLINE_AFTER] = g_param_spec_uint (
      "offline-after", NULL, NULL, 0, 3600, FORMS_PRINT_JOB_DEFAULT_OFFLINE_AFTER,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskPrintPage::printed:
   * @job: the finished job
   *
   * CUPS reports the form printed: the form's status becomes "printed".
   */
  signals[PRINTED] =
      g_signal_new_class_handler ("printed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  G_CALLBACK (kiosk_print_page_printed), NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, FORMS_TYPE_PRINT_JOB);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-print-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, preview);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, printer_list);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, step_queued);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, step_printing);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, step_done);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, question_box);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintPage, refresh_button);
  gtk_widget_class_bind_template_callback (widget_class, print_cb);
  gtk_widget_class_bind_template_callback (widget_class, reprint_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, came_out_cb);
  gtk_widget_class_bind_template_callback (widget_class, refresh_cb);
}

static void
kiosk_print_page_init (KioskPrintPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Print the signature collection form"));

  self->cancellable = g_cancellable_new ();
}

FormsSignatureForm *
kiosk_print_page_get_form (KioskPrintPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PRINT_PAGE (self), NULL);
  return self->form;
}

/**
 * kiosk_print_page_set_form:
 * @form: (nullable): the person's form
 *
 * Hands the page the data to print. Call it before the page is shown.
 */
void
kiosk_print_page_set_form (KioskPrintPage *self, FormsSignatureForm *form)
{
  g_return_if_fail (KIOSK_IS_PRINT_PAGE (self));
  g_return_if_fail (form == NULL || FORMS_IS_SIGNATURE_FORM (form));

  if (!g_set_object (&self->form, form))
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    render_preview (self);
  update_print_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORM]);
}

KioskPageId
kiosk_print_page_get_return_page (KioskPrintPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PRINT_PAGE (self), KIOSK_PAGE_SIGNATURE);
  return self->return_page;
}

void
kiosk_print_page_set_return_page (KioskPrintPage *self, KioskPageId return_page)
{
  g_return_if_fail (KIOSK_IS_PRINT_PAGE (self));

  if (self->return_page == return_page)
    return;
  self->return_page = return_page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETURN_PAGE]);
}

guint
kiosk_print_page_get_offline_after (KioskPrintPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PRINT_PAGE (self), 0);
  return self->offline_after;
}

void
kiosk_print_page_set_offline_after (KioskPrintPage *self, guint seconds)
{
  g_return_if_fail (KIOSK_IS_PRINT_PAGE (self));

  if (self->offline_after == seconds)
    return;
  self->offline_after = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_AFTER]);
}

/**
 * kiosk_print_page_get_printers:
 *
 * Returns: (transfer none): the printers the page lists
 */
FormsPrinterList *
kiosk_print_page_get_printers (KioskPrintPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PRINT_PAGE (self), NULL);
  return self->printers;
}

/**
 * kiosk_print_page_get_selected_printer:
 *
 * Returns: (nullable): the name of the chosen printer
 */
const char *
kiosk_print_page_get_selected_printer (KioskPrintPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PRINT_PAGE (self), NULL);
  return self->selected;
}

/**
 * kiosk_print_page_select_printer:
 *
 * Chooses the printer called @name, as a tap on its row does; a printer that
 * cannot print now cannot be chosen.
 */
void
kiosk_print_page_select_printer (KioskPrintPage *self, const char *name)
{
  guint n;

  g_return_if_fail (KIOSK_IS_PRINT_PAGE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->printers));
  for (guint i = 0; i < n; i++)
    {
      GtkCheckButton *button =
          row_button (gtk_list_box_get_row_at_index (self->printer_list, (int) i));
      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "printer-name"), name) == 0 &&
          gtk_widget_get_sensitive (GTK_WIDGET (button)))
        gtk_check_button_set_active (button, TRUE);
    }
}

/**
 * kiosk_print_page_get_job:
 *
 * Returns: (transfer none) (nullable): the job the page follows
 */
FormsPrintJob *
kiosk_print_page_get_job (KioskPrintPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PRINT_PAGE (self), NULL);
  return self->job;
}

const char *
kiosk_print_page_get_status_text (KioskPrintPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PRINT_PAGE (self), NULL);
  return gtk_label_get_text (self->status_label);
}

/**
 * kiosk_print_page_get_preview_form:
 *
 * Returns: (transfer none) (nullable): the form as the preview shows it,
 *   the ID number and the phone masked (the printer gets the whole)
 */
FormsSignatureForm *
kiosk_print_page_get_preview_form (KioskPrintPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PRINT_PAGE (self), NULL);
  return self->preview_form;
}
