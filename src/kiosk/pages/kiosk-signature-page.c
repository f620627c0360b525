/* kiosk-signature-page.c: the signature collection form: status, preview, print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * the logged-in person sees whether their signature collection form
 * is still to be printed (待打印), printed (已打印) or uploaded (已上传), with
 * the times the registry keeps, a preview of the form made from their own
 * data, and Print. Once printed and signed, they upload the scan from their
 * phone or a USB stick (the attachment pages, with no record kind) and can
 * view the scan the registry holds. The status is asked of the registry when
 * the page shows and kept in the visit (the print page reports a finished
 * print and keeps the answer there too); the page follows the visit. Until
 * the registry answers, the page says it is checking and offers no upload:
 * the visit's own idea of the status (待打印 when the form was opened) may be
 * wrong, and a wrong status is worse than none.
 *
 * Once the signed form is uploaded the page says so and what is left: the
 * primary action becomes View, a new scan replaces the one on record, and
 * printing again is offered beside them, no longer as the next step.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-privacy.h"
#include "forms-render.h"
#include "kiosk-attachments.h"
#include "kiosk-removable-drives.h"
#include "kiosk-signature-page.h"
#include "kiosk-signature-page-private.h"

/* preview scale: an A4 page is 595 points wide */
#define PREVIEW_PIXELS_PER_POINT 0.6

typedef enum
{
  FORM_STATUS_CHECKING, /* asked of the registry, no answer yet */
  FORM_STATUS_KNOWN,    /* the registry's answer (or this visit's print) */
  FORM_STATUS_UNKNOWN,  /* the registry could not be asked, or did not answer */
} FormStatusState;

struct _KioskSignaturePage
{
  KioskPage parent_instance;

  GtkLabel *status_label;
  GtkLabel *times_label;
  GtkLabel *notice_label;
  GtkLabel *steps_label;
  GtkPicture *preview;
  FormsSignatureForm *preview_form; /* what the preview shows */
  GtkWidget *print_button;
  GtkWidget *reprint_button;
  GtkWidget *phone_button;
  GtkWidget *usb_button;
  GtkWidget *view_button;

  KioskRemovableDrives *drives;
  GCancellable *cancellable;
  FormStatusState state;
  gboolean offline; /* no registry to ask: only this visit's print is known */
};

G_DEFINE_FINAL_TYPE (KioskSignaturePage, kiosk_signature_page, KIOSK_TYPE_PAGE)

static const char *
status_text (KioskFormStatus status)
{
  switch (status)
    {
      case KIOSK_FORM_PRINTED:
        return _ ("Printed: sign the form by hand, scan it and upload the scan.");
      case KIOSK_FORM_UPLOADED:
        return _ ("Uploaded: your signed form is on record.");
      case KIOSK_FORM_NOT_PRINTED:
      default:
        return _ ("Not printed yet: print the form, then sign it by hand.");
    }
}

static FormsSignatureForm *
visit_form (KioskSignaturePage *self)
{
  return kiosk_visit_get_form (kiosk_page_get_visit (KIOSK_PAGE (self)));
}

static void
set_notice (KioskSignaturePage *self, const char *text)
{
  gtk_label_set_text (self->notice_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), text != NULL);
}

/* "2026-03-01 09:30" in the kiosk's time zone, from the registry's ISO 8601 */
static char *
shown_time (JsonObject *record, const char *member)
{
  const char *text = json_object_get_string_member_with_default (record, member, NULL);
  g_autoptr (GDateTime) utc = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;
}

static gint64
scan_id (KioskSignaturePage *self)
{
  JsonObject *record = kiosk_visit_get_form_record (kiosk_page_get_visit (KIOSK_PAGE (self)));
  JsonNode *scan = record != NULL ? json_object_get_member (record, "scan") : NULL;

  if (scan == NULL || !JSON_NODE_HOLDS_OBJECT (scan))
    return 0;
  return json_object_get_int_member_with_default (json_node_get_object (scan), "id", 0);
}

static void
show_status (KioskSignaturePage *self)
{
  KioskVisit *visit = kiosk_page_get_visit (KIOSK_PAGE (self));
  JsonObject *record = kiosk_visit_get_form_record (visit);
  KioskFormStatus status = kiosk_visit_get_form_status (visit);
  g_autofree char *printed = record != NULL ? shown_time (record, "printed_at") : NULL;
  g_autofree char *uploaded = record != NULL ? shown_time (record, "uploaded_at") : NULL;
  g_autoptr (GString) times = g_string_new (NULL);
  gboolean online =
      kiosk_visit_get_session_token (visit) != NULL &&
      kiosk_services_get_registry (kiosk_page_get_services (KIOSK_PAGE (self))) != NULL &&
      !kiosk_page_get_offline (KIOSK_PAGE (self));
  gboolean stick = kiosk_removable_drives_get_root (self->drives) != NULL;
  /* the registry's word only: the visit's own guess is no reason to stop
   * offering Print */
  gboolean on_record = self->state == FORM_STATUS_KNOWN && status == KIOSK_FORM_UPLOADED;
  gboolean viewable = on_record && online && scan_id (self) > 0;

  /* a USB stick is spoken of only while one is in: a person without one
   * would look for a slot and a way the screen does not offer */
  if (on_record)
    gtk_label_set_text (self->steps_label,
                        stick ? _ ("Nothing more is needed. To replace the form on record, upload "
                                   "a new scan of a signed form from your phone or a USB stick.")
                              : _ ("Nothing more is needed. To replace the form on record, upload "
                                   "a new photo of a signed form from your phone."));
  /* no way to upload is shown then: none is spoken of */
  else if (!online)
    gtk_label_set_text (self->steps_label,
                        _ ("Print the form and sign it by hand in the boxes. This kiosk cannot "
                           "reach the registry now: upload the signed form later."));
  else
    gtk_label_set_text (self->steps_label,
                        stick
                            ? _ ("Print the form, sign it by hand in the boxes, then photograph or "
                                 "scan the signed form and upload it from your phone or a USB "
                                 "stick.")
                            : _ ("Print the form, sign it by hand in the boxes, then photograph "
                                 "the signed form and upload it from your phone."));
  gtk_button_set_label (GTK_BUTTON (self->phone_button),
                        on_record ? _ ("Upload a new signed form from phone")
                                  : _ ("Upload signed form from phone"));
  /* one print button at a time: the primary until there is a form to view */
  gtk_widget_set_visible (self->view_button, viewable);
  gtk_widget_set_visible (self->print_button, !viewable);
  gtk_widget_set_visible (self->reprint_button, viewable);
  if (self->state != FORM_STATUS_KNOWN &&
      !(self->offline && status == KIOSK_FORM_PRINTED && self->state == FORM_STATUS_UNKNOWN))
    {
      gtk_label_set_text (self->status_label,
                          self->state == FORM_STATUS_CHECKING
                              ? _ ("Checking the status of your form…")
                              : _ ("The status of your form cannot be checked now."));
      gtk_widget_set_visible (GTK_WIDGET (self->times_label), FALSE);
      gtk_widget_set_visible (self->phone_button, FALSE);
      gtk_widget_set_visible (self->usb_button, FALSE);
      return;
    }
  gtk_label_set_text (self->status_label, status_text (status));
  if (printed != NULL)
    g_string_append_printf (times, _ ("Printed at %s"), printed);
  if (uploaded != NULL)
    {
      if (times->len > 0)
        g_string_append (times, "\n");
      g_string_append_printf (times, _ ("Uploaded at %s"), uploaded);
    }
  gtk_label_set_text (self->times_label, times->str);
  gtk_widget_set_visible (GTK_WIDGET (self->times_label), times->len > 0);
  /* a scan is taken once the form was printed; a new one replaces the last */
  gtk_widget_set_visible (self->phone_button, online && status != KIOSK_FORM_NOT_PRINTED);
  gtk_widget_set_visible (self->usb_button, online && status != KIOSK_FORM_NOT_PRINTED && stick);
}

static void
form_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskSignaturePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) record =
      sync_registry_signature_form_get_finish (SYNC_REGISTRY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (record == NULL)
    {
      g_autofree char *problem = kiosk_attachments_describe_error (error);

      g_message ("reading the signature form's status failed: %s", error->message);
      self->state = FORM_STATUS_UNKNOWN;
      set_notice (self, problem);
      show_status (self);
      return;
    }
  set_notice (self, NULL);
  self->state = FORM_STATUS_KNOWN;
  kiosk_visit_set_form_record (kiosk_page_get_visit (KIOSK_PAGE (self)), record);
  show_status (self);
}

static void
kiosk_signature_page_shown (KioskPage *page)
{
  KioskSignaturePage *self = KIOSK_SIGNATURE_PAGE (page);
  SyncRegistry *registry = kiosk_services_get_registry (kiosk_page_get_services (page));
  const char *token = kiosk_visit_get_session_token (kiosk_page_get_visit (page));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_notice (self, NULL);
  if (kiosk_page_get_offline (page) || registry == NULL || token == NULL)
    {
      self->offline = TRUE;
      self->state = FORM_STATUS_UNKNOWN;
      show_status (self);
      return;
    }
  self->offline = FALSE;
  self->state = FORM_STATUS_CHECKING;
  show_status (self);
  self->cancellable = g_cancellable_new ();
  sync_registry_signature_form_get_async (registry, token, self->cancellable, form_read_cb,
                                          g_object_ref (self));
}

static void
phone_cb (KioskSignaturePage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_PHONE_UPLOAD, "kind", NULL, "record-id",
                       (gint64) 0, "return-page", KIOSK_PAGE_SIGNATURE, NULL);
}

static void
usb_cb (KioskSignaturePage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_USB_PICKER, "kind", NULL, "record-id",
                       (gint64) 0, "return-page", KIOSK_PAGE_SIGNATURE, NULL);
}

static void
view_cb (KioskSignaturePage *self)
{
  gint64 id = scan_id (self);

  if (id > 0)
    kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_ATTACHMENT_VIEWER, "attachment-id", id,
                         "return-page", KIOSK_PAGE_SIGNATURE, NULL);
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
show_preview (KioskSignaturePage *self)
{
  FormsSignatureForm *form = visit_form (self);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GBytes) bytes = NULL;
  int width, height, stride;

  g_clear_object (&self->preview_form);
  if (form == NULL)
    {
      gtk_picture_set_paintable (self->preview, NULL);
      return;
    }
  self->preview_form = masked_copy (form);
  surface = forms_render_image (self->preview_form, PREVIEW_PIXELS_PER_POINT, &error);
  if (surface == NULL)
    {
      g_warning ("the form preview cannot be drawn: %s", error->message);
      return;
    }
  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  cairo_surface_destroy (surface);
}

static void
print_cb (KioskSignaturePage *self)
{
  if (visit_form (self) != NULL)
    kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_PRINT, "form", visit_form (self),
                         "return-page", KIOSK_PAGE_SIGNATURE, NULL);
}

static void
kiosk_signature_page_reset (KioskPage *page)
{
  KioskSignaturePage *self = KIOSK_SIGNATURE_PAGE (page);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_picture_set_paintable (self->preview, NULL);
  set_notice (self, NULL);
  self->state = FORM_STATUS_CHECKING;
  show_status (self);
}

static void
kiosk_signature_page_constructed (GObject *object)
{
  KioskSignaturePage *self = KIOSK_SIGNATURE_PAGE (object);
  KioskVisit *visit;

  G_OBJECT_CLASS (kiosk_signature_page_parent_class)->constructed (object);

  visit = kiosk_page_get_visit (KIOSK_PAGE (self));
  g_signal_connect_object (visit, "notify::form", G_CALLBACK (show_preview), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (visit, "notify::form-status", G_CALLBACK (show_status), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (visit, "notify::form-record", G_CALLBACK (show_status), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (visit, "notify::logged-in", G_CALLBACK (show_status), self,
                           G_CONNECT_SWAPPED);
  show_status (self);
  show_preview (self);
}

static void
kiosk_signature_page_dispose (GObject *object)
{
  KioskSignaturePage *self = KIOSK_SIGNATURE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->drives);
  g_clear_object (&self->preview_form);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SIGNATURE_PAGE);

  G_OBJECT_CLASS (kiosk_signature_page_parent_class)->dispose (object);
}

static void
kiosk_signature_page_class_init (KioskSignaturePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->constructed = kiosk_signature_page_constructed;
  object_class->dispose = kiosk_signature_page_dispose;
  page_class->reset = kiosk_signature_page_reset;
  page_class->shown = kiosk_signature_page_shown;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-signature-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, preview);
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, times_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, print_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, reprint_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, phone_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, usb_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, steps_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, view_button);
  gtk_widget_class_bind_template_callback (widget_class, print_cb);
  gtk_widget_class_bind_template_callback (widget_class, phone_cb);
  gtk_widget_class_bind_template_callback (widget_class, usb_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_cb);
}

static void
kiosk_signature_page_init (KioskSignaturePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Signature information"));
  self->drives = kiosk_removable_drives_new ();
  g_signal_connect_object (self->drives, "notify::root", G_CALLBACK (show_status), self,
                           G_CONNECT_SWAPPED);
}

FormsSignatureForm *
kiosk_signature_page_get_form (KioskSignaturePage *self)
{
  g_return_val_if_fail (KIOSK_IS_SIGNATURE_PAGE (self), NULL);
  return visit_form (self);
}

const char *
kiosk_signature_page_get_status_text (KioskSignaturePage *self)
{
  g_return_val_if_fail (KIOSK_IS_SIGNATURE_PAGE (self), NULL);
  return gtk_label_get_text (self->status_label);
}

/**
 * kiosk_signature_page_get_preview_form:
 *
 * Returns: (transfer none) (nullable): the form as the preview shows it,
 *   the ID number and the phone masked
 */
FormsSignatureForm *
kiosk_signature_page_get_preview_form (KioskSignaturePage *self)
{
  g_return_val_if_fail (KIOSK_IS_SIGNATURE_PAGE (self), NULL);
  return self->preview_form;
}

const char *
kiosk_signature_page_get_times_text (KioskSignaturePage *self)
{
  g_return_val_if_fail (KIOSK_IS_SIGNATURE_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->times_label))
             ? gtk_label_get_text (self->times_label)
             : NULL;
}

GtkWidget *
kiosk_signature_page_get_phone_button (KioskSignaturePage *self)
{
  g_return_val_if_fail (KIOSK_IS_SIGNATURE_PAGE (self), NULL);
  return self->phone_button;
}

GtkWidget *
kiosk_signature_page_get_usb_button (KioskSignaturePage *self)
{
  g_return_val_if_fail (KIOSK_IS_SIGNATURE_PAGE (self), NULL);
  return self->usb_button;
}

/**
 * kiosk_signature_page_get_print_button:
 *
 * Returns: (transfer none): Print, the primary action until the form is
 *   uploaded
 */
GtkWidget *
kiosk_signature_page_get_print_button (KioskSignaturePage *self)
{
  g_return_val_if_fail (KIOSK_IS_SIGNATURE_PAGE (self), NULL);
  return self->print_button;
}

GtkWidget *
kiosk_signature_page_get_reprint_button (KioskSignaturePage *self)
{
  g_return_val_if_fail (KIOSK_IS_SIGNATURE_PAGE (self), NULL);
  return self->reprint_button;
}

GtkWidget *
kiosk_signature_page_get_view_button (KioskSignaturePage *self)
{
  g_return_val_if_fail (KIOSK_IS_SIGNATURE_PAGE (self), NULL);
  return self->view_button;
}

/**
 * kiosk_signature_page_get_steps_text:
 *
 * Returns: what the page tells the person to do with the form
 */
const char *
kiosk_signature_page_get_steps_text (KioskSignaturePage *self)
{
  g_return_val_if_fail (KIOSK_IS_SIGNATURE_PAGE (self), NULL);
  return gtk_label_get_text (self->steps_label);
}
