/* kiosk-reader-status-page.c: staff check the card readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the readers IdcardReader found (transport kind, VID:PID, location,
 * SAM ID) and the last error, and offers a test read: the next card placed
 * shows its type and masked number. Nothing of the card is kept.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-privacy.h"
#include "kiosk-reader-status-page.h"
#include "kiosk-reader-status-page-private.h"

struct _KioskReaderStatusPage
{
  KioskPage parent_instance;

  GtkLabel *readers_label;
  GtkLabel *last_error_label;
  GtkLabel *test_label;
  GtkWidget *test_button;

  IdcardReader *reader; /* connected to while the page exists */
  char *last_error;
  gboolean waiting;
};

G_DEFINE_FINAL_TYPE (KioskReaderStatusPage, kiosk_reader_status_page, KIOSK_TYPE_PAGE)

static void
update_readers (KioskReaderStatusPage *self)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *error_text = NULL;
  GPtrArray *transports = self->reader != NULL ? idcard_reader_get_transports (self->reader) : NULL;

  for (guint i = 0; transports != NULL && i < transports->len; i++)
    {
      IdcardTransport *transport = g_ptr_array_index (transports, i);
      const char *sam = idcard_transport_get_sam_id (transport);
      const char *location = idcard_transport_get_location (transport);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (
          text, _ ("%s reader %04x:%04x at %s, SAM ID %s"), idcard_transport_get_kind (transport),
          idcard_transport_get_vendor_id (transport), idcard_transport_get_product_id (transport),
          location != NULL && *location != '\0' ? location : _ ("unknown"),
          sam != NULL && *sam != '\0' ? sam : _ ("not read yet"));
    }
  if (text->len == 0)
    g_string_append (text, _ ("No card reader is connected."));
  gtk_label_set_text (self->readers_label, text->str);

  error_text = g_strdup_printf (_ ("Last error: %s"),
                                self->last_error != NULL ? self->last_error : _ ("none"));
  gtk_label_set_text (self->last_error_label, error_text);
}

static void
readers_changed_cb (KioskReaderStatusPage *self)
{
  update_readers (self);
}

static void
reader_error_cb (IdcardReader *reader,
                 IdcardTransport *transport,
                 GError *error,
                 KioskReaderStatusPage *self)
{
  g_free (self->last_error);
  self->last_error =
      transport != NULL
          ? g_strdup_printf ("%s: %s", idcard_transport_get_kind (transport), error->message)
          : g_strdup (error->message);
  update_readers (self);
}

static void stop_waiting (KioskReaderStatusPage *self);

static void
card_read_cb (IdcardReader *reader,
              IdcardTransport *transport,
              IdcardCard *card,
              KioskReaderStatusPage *self)
{
  g_autofree char *masked = NULL;
  g_autofree char *text = NULL;

  update_readers (self);
  if (!self->waiting)
    return;
  self->waiting = FALSE;
  /* the card's number shows only to staff signed in when it arrives */
  if (!kiosk_staff_auth_authorize (
          kiosk_services_get_staff_auth (kiosk_page_get_services (KIOSK_PAGE (self))), "test-read"))
    {
      stop_waiting (self);
      return;
    }
  masked = core_mask_id_number (idcard_card_get_id_number (card));
  text = g_strdup_printf (_ ("The test read worked: %s, number %s."),
                          idcard_document_type_get_label (idcard_card_type_get_document_type (
                              idcard_card_get_card_type (card))),
                          masked);
  gtk_label_set_text (self->test_label, text);
  gtk_widget_set_sensitive (self->test_button, TRUE);
  g_message ("staff test read a card");
}

static void
test_read_cb (KioskReaderStatusPage *self)
{
  if (!kiosk_staff_auth_authorize (
          kiosk_services_get_staff_auth (kiosk_page_get_services (KIOSK_PAGE (self))), "test-read"))
    {
      gtk_label_set_text (self->test_label, _ ("Sign in as staff first."));
      return;
    }
  self->waiting = TRUE;
  gtk_widget_set_sensitive (self->test_button, FALSE);
  gtk_label_set_text (self->test_label, _ ("Place a card on the reader…"));
}

static void
stop_waiting (KioskReaderStatusPage *self)
{
  self->waiting = FALSE;
  gtk_widget_set_sensitive (self->test_button, TRUE);
  gtk_label_set_text (self->test_label, "");
}

static void
kiosk_reader_status_page_shown (KioskPage *page)
{
  KioskReaderStatusPage *self = KIOSK_READER_STATUS_PAGE (page);

  if (self->reader == NULL)
    {
      self->reader = g_object_ref (kiosk_services_get_reader (kiosk_page_get_services (page)));
      g_signal_connect_swapped (self->reader, "reader-added", G_CALLBACK (readers_changed_cb),
                                self);
      g_signal_connect_swapped (self->reader, "reader-removed", G_CALLBACK (readers_changed_cb),
                                self);
      g_signal_connect (self->reader, "error", G_CALLBACK (reader_error_cb), self);
      g_signal_connect (self->reader, "card-read", G_CALLBACK (card_read_cb), self);
    }
  stop_waiting (self);
  update_readers (self);
  gtk_widget_grab_focus (self->test_button);
}

static void
kiosk_reader_status_page_reset (KioskPage *page)
{
  stop_waiting (KIOSK_READER_STATUS_PAGE (page));
}

static void
kiosk_reader_status_page_dispose (GObject *object)
{
  KioskReaderStatusPage *self = KIOSK_READER_STATUS_PAGE (object);

  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_clear_object (&self->reader);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_READER_STATUS_PAGE);

  G_OBJECT_CLASS (kiosk_reader_status_page_parent_class)->dispose (object);
}

static void
kiosk_reader_status_page_finalize (GObject *object)
{
  KioskReaderStatusPage *self = KIOSK_READER_STATUS_PAGE (object);

  g_free (self->last_error);

  G_OBJECT_CLASS (kiosk_reader_status_page_parent_class)->finalize (object);
}

static void
kiosk_reader_status_page_class_init (KioskReaderStatusPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_reader_status_page_dispose;
  object_class->finalize = kiosk_reader_status_page_finalize;
  page_class->shown = kiosk_reader_status_page_shown;
  page_class->reset = kiosk_reader_status_page_reset;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-reader-status-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskReaderStatusPage, readers_label);
  gtk_widget_class_bind_template_child (widget_class, KioskReaderStatusPage, last_error_label);
  gtk_widget_class_bind_template_child (widget_class, KioskReaderStatusPage, test_label);
  gtk_widget_class_bind_template_child (widget_class, KioskReaderStatusPage, test_button);
  gtk_widget_class_bind_template_callback (widget_class, test_read_cb);
}

static void
kiosk_reader_status_page_init (KioskReaderStatusPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Reader diagnostics"));
}

const char *
kiosk_reader_status_page_get_readers_text (KioskReaderStatusPage *self)
{
  g_return_val_if_fail (KIOSK_IS_READER_STATUS_PAGE (self), NULL);
  return gtk_label_get_text (self->readers_label);
}

/* What the test read says: waiting, or the card's type and masked number. */
const char *
kiosk_reader_status_page_get_test_text (KioskReaderStatusPage *self)
{
  g_return_val_if_fail (KIOSK_IS_READER_STATUS_PAGE (self), NULL);
  return gtk_label_get_text (self->test_label);
}

gboolean
kiosk_reader_status_page_get_waiting (KioskReaderStatusPage *self)
{
  g_return_val_if_fail (KIOSK_IS_READER_STATUS_PAGE (self), FALSE);
  return self->waiting;
}
