/* kiosk-signature-page.c: the signature collection form: status, preview, print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * R-4.8 "print": the logged-in person sees whether their signature collection
 * form is still to be printed, printed or uploaded, a preview of the form made
 * from their own data, and Print. The form and its status are the visit's:
 * the page shows them as they change (the print page marks the form printed).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-privacy.h"
#include "forms-render.h"
#include "kiosk-signature-page.h"
#include "kiosk-signature-page-private.h"

/* preview scale: an A4 page is 595 points wide */
#define PREVIEW_PIXELS_PER_POINT 0.6

struct _KioskSignaturePage
{
  KioskPage parent_instance;

  GtkLabel *status_label;
  GtkPicture *preview;
  FormsSignatureForm *preview_form; /* what the preview shows */
  GtkWidget *print_button;
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
show_status (KioskSignaturePage *self)
{
  KioskVisit *visit = kiosk_page_get_visit (KIOSK_PAGE (self));

  gtk_label_set_text (self->status_label, status_text (kiosk_visit_get_form_status (visit)));
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

  gtk_picture_set_paintable (self->preview, NULL);
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
  show_status (self);
  show_preview (self);
}

static void
kiosk_signature_page_dispose (GObject *object)
{
  KioskSignaturePage *self = KIOSK_SIGNATURE_PAGE (object);

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

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-signature-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, preview);
  gtk_widget_class_bind_template_child (widget_class, KioskSignaturePage, print_button);
  gtk_widget_class_bind_template_callback (widget_class, print_cb);
}

static void
kiosk_signature_page_init (KioskSignaturePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Signature information"));
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
