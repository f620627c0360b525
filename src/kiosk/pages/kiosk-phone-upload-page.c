/* kiosk-phone-upload-page.c: a file from the person's phone, through a QR code of an upload link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * a kiosk has no files of the person's; their phone has
 * the photo. The page asks the registry for a one-time upload link bound to
 * the person, the record (or the signature form) and this kiosk, shows it as
 * a large QR code with the minutes it stays valid, and asks the registry
 * every half second (on the client's worker thread) whether the upload arrived.
 * When it has, the page goes back to where it came from, which shows the new
 * thumbnail. While the code shows, the idle limit is the link's lifetime:
 * the person is busy with their phone, not the screen.
 *
 * A signed form whose QR code the registry cannot read waits with the link
 * ("needs_staff"): the page fetches that scan and, as the USB picker does,
 * offers Ask staff to confirm, which takes it to the form-confirm page. The
 * code stays up meanwhile, so a better photo from the phone still counts.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <qrencode.h>

#include "core-api-error.h"
#include "kiosk-enums.h"
#include "kiosk-attachments.h"
#include "kiosk-phone-upload-page.h"
#include "kiosk-phone-upload-page-private.h"

/* how often the registry is asked: the person sees the file half a second
 * after it arrived, on average a quarter (the answer is a small row) */
#define POLL_INTERVAL_MS 500
/* idle time granted beyond the link's lifetime */
#define IDLE_GRACE_S 30
/* pixels per QR module, and the quiet zone in modules */
#define QR_MODULE_PX 8
#define QR_QUIET_MODULES 4

struct _KioskPhoneUploadPage
{
  KioskPage parent_instance;

  GtkPicture *qr_picture;
  GtkLabel *heading_label;
  GtkLabel *status_label;
  GtkLabel *lifetime_label;
  GtkSpinner *spinner;
  GtkWidget *again_button;
  GtkWidget *staff_button;

  char *kind; /* NULL: the signature form */
  gint64 record_id;
  KioskPageId return_page;

  KioskPhoneUploadState state;
  gint64 link_id;
  char *url;       /* the link the QR code shows */
  gint64 deadline; /* monotonic µs */
  guint tick_id;
  guint poll_id;
  gboolean polling; /* a question is on its way */
  GBytes *scan;     /* the form waiting for staff, in memory only */
  char *scan_type;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskPhoneUploadPage, kiosk_phone_upload_page, KIOSK_TYPE_PAGE)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_RECORD_ID,
  PROP_RETURN_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void poll_now (KioskPhoneUploadPage *self);

/* the code shows and the link is asked about */
static gboolean
is_waiting (KioskPhoneUploadState state)
{
  return state == KIOSK_PHONE_UPLOAD_WAITING || state == KIOSK_PHONE_UPLOAD_NEEDS_STAFF;
}

static SyncRegistry *
registry (KioskPhoneUploadPage *self)
{
  return kiosk_services_get_registry (kiosk_page_get_services (KIOSK_PAGE (self)));
}

static const char *
token (KioskPhoneUploadPage *self)
{
  return kiosk_visit_get_session_token (kiosk_page_get_visit (KIOSK_PAGE (self)));
}

/* Stops the countdown and the questions, and forgets the link and its code. */
static void
stop (KioskPhoneUploadPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->polling = FALSE;
  self->link_id = 0;
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->scan, g_bytes_unref);
  g_clear_pointer (&self->scan_type, g_free);
  gtk_widget_set_visible (self->staff_button, FALSE);
  gtk_picture_set_paintable (self->qr_picture, NULL);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  kiosk_page_set_idle_limit (KIOSK_PAGE (self), 0);
  kiosk_page_set_idle_note (KIOSK_PAGE (self), NULL);
}

static void
set_state (KioskPhoneUploadPage *self, KioskPhoneUploadState state, const char *status)
{
  self->state = state;
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_spinner_set_spinning (self->spinner, state == KIOSK_PHONE_UPLOAD_WAITING ||
                                               state == KIOSK_PHONE_UPLOAD_STARTING);
  gtk_widget_set_visible (self->again_button, state == KIOSK_PHONE_UPLOAD_EXPIRED ||
                                                  state == KIOSK_PHONE_UPLOAD_FAILED);
  gtk_widget_set_visible (self->staff_button,
                          state == KIOSK_PHONE_UPLOAD_NEEDS_STAFF && self->scan != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->lifetime_label), is_waiting (state));
  if (!is_waiting (state))
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      g_clear_handle_id (&self->poll_id, g_source_remove);
      if (state != KIOSK_PHONE_UPLOAD_STARTING)
        gtk_picture_set_paintable (self->qr_picture, NULL);
      kiosk_page_set_idle_limit (KIOSK_PAGE (self), 0);
      kiosk_page_set_idle_note (KIOSK_PAGE (self), NULL);
    }
  /* the upload is done: what is left is for staff, not the phone */
  else if (state == KIOSK_PHONE_UPLOAD_NEEDS_STAFF)
    kiosk_page_set_idle_note (KIOSK_PAGE (self), _ ("Waiting for staff to check the form"));
}

static void
fail (KioskPhoneUploadPage *self, const GError *error)
{
  g_autofree char *problem = kiosk_attachments_describe_error (error);

  g_message ("the phone upload failed: %s", error->message);
  set_state (self, KIOSK_PHONE_UPLOAD_FAILED, problem);
}

/* The QR code of @url: dark modules on white, a quiet zone around. */
static GdkTexture *
qr_texture (const char *url)
{
  QRcode *qr = QRcode_encodeString (url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  g_autoptr (GBytes) bytes = NULL;
  guint8 *pixels;
  int side, size;

  if (qr == NULL)
    return NULL;
  side = qr->width + 2 * QR_QUIET_MODULES;
  size = side * QR_MODULE_PX;
  pixels = g_malloc (size * size);
  memset (pixels, 0xff, size * size);
  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      if (qr->data[y * qr->width + x] & 1)
        for (int dy = 0; dy < QR_MODULE_PX; dy++)
          memset (pixels + ((y + QR_QUIET_MODULES) * QR_MODULE_PX + dy) * size +
                      (x + QR_QUIET_MODULES) * QR_MODULE_PX,
                  0, QR_MODULE_PX);
  QRcode_free (qr);
  /* one grey byte per pixel, made three for GDK */
  {
    guint8 *rgb = g_malloc ((gsize) size * size * 3);

    for (int i = 0; i < size * size; i++)
      rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = pixels[i];
    g_free (pixels);
    bytes = g_bytes_new_take (rgb, (gsize) size * size * 3);
  }
  return gdk_memory_texture_new (size, size, GDK_MEMORY_R8G8B8, bytes, (gsize) size * 3);
}

/* How long the code works, said once and calmly: the header's pill is the
 * one time that runs on this page (the idle limit follows the link), and a
 * second clock ticking beside it, with another number, asks the person
 * which of the two to believe. */
static void
show_lifetime (KioskPhoneUploadPage *self, gint64 expires_in)
{
  guint minutes = (guint) MAX ((expires_in + 30) / 60, 1);
  g_autofree char *text =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The code works for %u minute.",
                                    "The code works for %u minutes.", minutes),
                       minutes);

  gtk_label_set_text (self->lifetime_label, text);
}

static gboolean
deadline_cb (gpointer user_data)
{
  KioskPhoneUploadPage *self = user_data;

  /* the registry has the last word; ask it once more */
  self->tick_id = 0;
  poll_now (self);
  return G_SOURCE_REMOVE;
}

static gboolean
poll_cb (gpointer user_data)
{
  KioskPhoneUploadPage *self = user_data;

  self->poll_id = 0;
  poll_now (self);
  return G_SOURCE_REMOVE;
}

static void
pending_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskPhoneUploadPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncFile) scan =
      sync_registry_upload_link_pending_scan_finish (SYNC_REGISTRY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->polling = FALSE;
  if (self->state != KIOSK_PHONE_UPLOAD_WAITING)
    return;
  if (scan != NULL)
    {
      g_autoptr (GError) unreadable =
          g_error_new_literal (CORE_API_ERROR, CORE_API_ERROR_FORM_QR_UNREADABLE,
                               core_api_error_get_message (CORE_API_ERROR_FORM_QR_UNREADABLE));
      g_autofree char *problem = kiosk_attachments_describe_error (unreadable);

      self->scan = g_bytes_ref (scan->bytes);
      self->scan_type = g_strdup (scan->media_type);
      set_state (self, KIOSK_PHONE_UPLOAD_NEEDS_STAFF, problem);
    }
  else
    /* used or expired meanwhile: the link's status says which */
    g_message ("fetching the scan that waits for staff failed: %s", error->message);
  self->poll_id = g_timeout_add (POLL_INTERVAL_MS, poll_cb, self);
}

static void
polled_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskPhoneUploadPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) link =
      sync_registry_upload_link_get_finish (SYNC_REGISTRY (source), result, &error);
  const char *status;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->polling = FALSE;
  if (!is_waiting (self->state))
    return;
  if (link == NULL)
    {
      /* a moment without the network does not end the wait */
      if (error->domain == CORE_API_ERROR)
        {
          fail (self, error);
          return;
        }
      g_message ("asking about the upload link failed: %s", error->message);
    }
  status = link != NULL ? json_object_get_string_member_with_default (link, "status", "") : "";
  if (g_str_equal (status, "uploaded"))
    {
      set_state (self, KIOSK_PHONE_UPLOAD_DONE, _ ("Received."));
      stop (self);
      kiosk_page_navigate (KIOSK_PAGE (self), self->return_page, NULL);
      return;
    }
  if (g_str_equal (status, "expired") || g_get_monotonic_time () >= self->deadline)
    {
      set_state (self, KIOSK_PHONE_UPLOAD_EXPIRED,
                 _ ("The code has expired. Make a new one to try again."));
      return;
    }
  /* a signed form whose code cannot be read: fetched once for staff */
  if (g_str_equal (status, "needs_staff") && self->state == KIOSK_PHONE_UPLOAD_WAITING)
    {
      self->polling = TRUE;
      sync_registry_upload_link_pending_scan_async (registry (self), token (self), self->link_id,
                                                    self->cancellable, pending_cb,
                                                    g_object_ref (self));
      return;
    }
  self->poll_id = g_timeout_add (POLL_INTERVAL_MS, poll_cb, self);
}

static void
poll_now (KioskPhoneUploadPage *self)
{
  if (self->polling || self->link_id <= 0 || !is_waiting (self->state))
    return;
  self->polling = TRUE;
  sync_registry_upload_link_get_async (registry (self), token (self), self->link_id,
                                       self->cancellable, polled_cb, g_object_ref (self));
}

static void
created_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskPhoneUploadPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) link =
      sync_registry_upload_link_create_finish (SYNC_REGISTRY (source), result, &error);
  g_autoptr (GdkTexture) texture = NULL;
  const char *url;
  gint64 expires_in;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (link == NULL)
    {
      fail (self, error);
      return;
    }
  url = json_object_get_string_member_with_default (link, "url", NULL);
  self->link_id = json_object_get_int_member_with_default (link, "id", 0);
  expires_in = json_object_get_int_member_with_default (link, "expires_in", 0);
  texture = url != NULL ? qr_texture (url) : NULL;
  if (texture == NULL || self->link_id <= 0 || expires_in <= 0)
    {
      g_autoptr (GError) bad = g_error_new_literal (CORE_API_ERROR, CORE_API_ERROR_UNKNOWN,
                                                    "the upload link answer is incomplete");
      fail (self, bad);
      return;
    }
  gtk_picture_set_paintable (self->qr_picture, GDK_PAINTABLE (texture));
  g_free (self->url);
  self->url = g_strdup (url);
  self->deadline = g_get_monotonic_time () + expires_in * G_USEC_PER_SEC;
  set_state (self, KIOSK_PHONE_UPLOAD_WAITING, _ ("Waiting for your upload…"));
  show_lifetime (self, expires_in);
  kiosk_page_set_idle_limit (KIOSK_PAGE (self), (guint) expires_in + IDLE_GRACE_S);
  kiosk_page_set_idle_note (KIOSK_PAGE (self), _ ("Waiting for your upload"));
  self->tick_id = g_timeout_add_seconds ((guint) expires_in, deadline_cb, self);
  self->poll_id = g_timeout_add (POLL_INTERVAL_MS, poll_cb, self);
}

static void
begin (KioskPhoneUploadPage *self)
{
  stop (self);
  gtk_label_set_text (self->heading_label, self->kind == NULL
                                               ? _ ("Upload your signed form from your phone")
                                               : _ ("Add a photo or file from your phone"));
  if (kiosk_page_get_offline (KIOSK_PAGE (self)) || registry (self) == NULL || token (self) == NULL)
    {
      set_state (self, KIOSK_PHONE_UPLOAD_FAILED,
                 _ ("Attachments are kept on the registry, which this kiosk cannot reach now."));
      gtk_widget_set_visible (self->again_button, FALSE);
      return;
    }
  if (self->kind != NULL && self->record_id <= 0)
    {
      set_state (self, KIOSK_PHONE_UPLOAD_FAILED, _ ("Save the record first."));
      gtk_widget_set_visible (self->again_button, FALSE);
      return;
    }
  self->cancellable = g_cancellable_new ();
  set_state (self, KIOSK_PHONE_UPLOAD_STARTING, _ ("Making a code for your phone…"));
  sync_registry_upload_link_create_async (registry (self), token (self), self->kind,
                                          self->record_id, self->cancellable, created_cb,
                                          g_object_ref (self));
}

static void
again_cb (KioskPhoneUploadPage *self)
{
  begin (self);
}

/* staff compare the scan with the person and vouch for it */
static void
staff_cb (KioskPhoneUploadPage *self)
{
  g_autoptr (GBytes) scan = NULL;
  g_autofree char *media_type = NULL;

  if (self->state != KIOSK_PHONE_UPLOAD_NEEDS_STAFF || self->scan == NULL)
    return;
  scan = g_bytes_ref (self->scan);
  media_type = g_strdup (self->scan_type);
  stop (self);
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_FORM_CONFIRM, "scan", scan, "media-type",
                       media_type, "return-page", self->return_page, NULL);
}

static void
kiosk_phone_upload_page_shown (KioskPage *page)
{
  begin (KIOSK_PHONE_UPLOAD_PAGE (page));
}

static void
kiosk_phone_upload_page_reset (KioskPage *page)
{
  KioskPhoneUploadPage *self = KIOSK_PHONE_UPLOAD_PAGE (page);

  stop (self);
  set_state (self, KIOSK_PHONE_UPLOAD_STARTING, NULL);
  g_clear_pointer (&self->kind, g_free);
  self->record_id = 0;
}

static void
kiosk_phone_upload_page_go_back (KioskPage *page)
{
  KioskPhoneUploadPage *self = KIOSK_PHONE_UPLOAD_PAGE (page);

  stop (self);
  kiosk_page_navigate (page, self->return_page, NULL);
}

/* a page out of sight waits for nothing */
static void
kiosk_phone_upload_page_unmap (GtkWidget *widget)
{
  stop (KIOSK_PHONE_UPLOAD_PAGE (widget));
  GTK_WIDGET_CLASS (kiosk_phone_upload_page_parent_class)->unmap (widget);
}

static void
kiosk_phone_upload_page_dispose (GObject *object)
{
  KioskPhoneUploadPage *self = KIOSK_PHONE_UPLOAD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_pointer (&self->scan, g_bytes_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_PHONE_UPLOAD_PAGE);

  G_OBJECT_CLASS (kiosk_phone_upload_page_parent_class)->dispose (object);
}

static void
kiosk_phone_upload_page_finalize (GObject *object)
{
  g_free (KIOSK_PHONE_UPLOAD_PAGE (object)->kind);
  g_free (KIOSK_PHONE_UPLOAD_PAGE (object)->url);
  g_free (KIOSK_PHONE_UPLOAD_PAGE (object)->scan_type);

  G_OBJECT_CLASS (kiosk_phone_upload_page_parent_class)->finalize (object);
}

static void
kiosk_phone_upload_page_get_property (GObject *object,
                                      guint prop_id,
                                      GValue *value,
                                      GParamSpec *pspec)
{
  KioskPhoneUploadPage *self = KIOSK_PHONE_UPLOAD_PAGE (object);

  switch (prop_id)
    {
      case PROP_KIND:
        g_value_set_string (value, self->kind);
        break;
      case PROP_RECORD_ID:
        g_value_set_int64 (value, self->record_id);
        break;
      case PROP_RETURN_PAGE:
        g_value_set_enum (value, self->return_page);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_phone_upload_page_set_property (GObject *object,
                                      guint prop_id,
                                      const GValue *value,
                                      GParamSpec *pspec)
{
  KioskPhoneUploadPage *self = KIOSK_PHONE_UPLOAD_PAGE (object);

  switch (prop_id)
    {
      case PROP_KIND:
        if (g_strcmp0 (self->kind, g_value_get_string (value)) != 0)
          {
            g_free (self->kind);
            self->kind = g_value_dup_string (value);
            g_object_notify_by_pspec (object, pspec);
          }
        break;
      case PROP_RECORD_ID:
        if (self->record_id != g_value_get_int64 (value))
          {
            self->record_id = g_value_get_int64 (value);
            g_object_notify_by_pspec (object, pspec);
          }
        break;
      case PROP_RETURN_PAGE:
        if (self->return_page != (KioskPageId) g_value_get_enum (value))
          {
            self->return_page = g_value_get_enum (value);
            g_object_notify_by_pspec (object, pspec);
          }
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_phone_upload_page_class_init (KioskPhoneUploadPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_phone_upload_page_dispose;
  object_class->finalize = kiosk_phone_upload_page_finalize;
  object_class->get_property = kiosk_phone_upload_page_get_property;
  object_class->set_property = kiosk_phone_upload_page_set_property;
  widget_class->unmap = kiosk_phone_upload_page_unmap;
  page_class->shown = kiosk_phone_upload_page_shown;
  page_class->reset = kiosk_phone_upload_page_reset;
  page_class->go_back = kiosk_phone_upload_page_go_back;

  /**
   * KioskPhoneUploadPage:kind:
   *
   * The kind of the record the file is for, %NULL for the signed signature
   * form (an argument).
   */
  properties[PROP_KIND] =
      g_param_spec_string ("kind", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskPhoneUploadPage:record-id:
   *
   * The record the file is for (an argument).
   */
  properties[PROP_RECORD_ID] =
      g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskPhoneUploadPage:return-page:
   *
   * Where Back, and a finished upload, go (an argument).
   */
  properties[PROP_RETURN_PAGE] =
      g_param_spec_enum ("return-page", NULL, NULL, KIOSK_TYPE_PAGE_ID, KIOSK_PAGE_HOME,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-phone-upload-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskPhoneUploadPage, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, KioskPhoneUploadPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, KioskPhoneUploadPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskPhoneUploadPage, lifetime_label);
  gtk_widget_class_bind_template_child (widget_class, KioskPhoneUploadPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KioskPhoneUploadPage, again_button);
  gtk_widget_class_bind_template_child (widget_class, KioskPhoneUploadPage, staff_button);
  gtk_widget_class_bind_template_callback (widget_class, again_cb);
  gtk_widget_class_bind_template_callback (widget_class, staff_cb);
}

static void
kiosk_phone_upload_page_init (KioskPhoneUploadPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->return_page = KIOSK_PAGE_HOME;
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Add from phone"));
}

KioskPhoneUploadState
kiosk_phone_upload_page_get_state (KioskPhoneUploadPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PHONE_UPLOAD_PAGE (self), KIOSK_PHONE_UPLOAD_STARTING);
  return self->state;
}

/**
 * kiosk_phone_upload_page_get_qr:
 *
 * Returns: (transfer none) (nullable): the QR code shown
 */
GdkPaintable *
kiosk_phone_upload_page_get_qr (KioskPhoneUploadPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PHONE_UPLOAD_PAGE (self), NULL);
  return gtk_picture_get_paintable (self->qr_picture);
}

const char *
kiosk_phone_upload_page_get_status_text (KioskPhoneUploadPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PHONE_UPLOAD_PAGE (self), NULL);
  return gtk_label_get_text (self->status_label);
}

gint64
kiosk_phone_upload_page_get_link_id (KioskPhoneUploadPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PHONE_UPLOAD_PAGE (self), 0);
  return self->link_id;
}

/**
 * kiosk_phone_upload_page_get_url:
 *
 * Returns: (nullable): the upload link the QR code shows
 */
const char *
kiosk_phone_upload_page_get_url (KioskPhoneUploadPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PHONE_UPLOAD_PAGE (self), NULL);
  return self->url;
}

/**
 * kiosk_phone_upload_page_get_staff_button:
 *
 * Returns: (transfer none): Ask staff to confirm, shown for a signed form
 *   whose QR code cannot be read
 */
GtkWidget *
kiosk_phone_upload_page_get_staff_button (KioskPhoneUploadPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PHONE_UPLOAD_PAGE (self), NULL);
  return self->staff_button;
}
