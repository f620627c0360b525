/* kiosk-form-confirm-page.c: staff confirm a signed form whose QR code cannot be read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * the registry takes a signed form's scan only when the QR code
 * printed on it names the person's own form. A scan on which no code can be
 * read (a crease, a poor photo) is taken only when staff of this kiosk vouch
 * for it. The USB picker sends the person here with the refused scan, the
 * phone-upload page with the scan the registry kept from the phone; the
 * page shows staff that scan beside the person's name and masked ID number
 * for them to compare, takes their account and password, signs them in at
 * the registry, and sends the same bytes again with that staff session
 * (X-Staff-Session), so the registry records who confirmed. Staff are signed
 * out again as soon as the registry has answered: the person's visit goes
 * on, not staff mode. The scan is held in memory by this page only and
 * dropped when it is left or reset.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-api-error.h"
#include "core-privacy.h"
#include "idcard-document.h"
#include "kiosk-attachments.h"
#include "kiosk-document.h"
#include "kiosk-enums.h"
#include "kiosk-form-confirm-page.h"
#include "kiosk-form-confirm-page-private.h"
#include "kiosk-keyboard.h"
#include "kiosk-password-peek.h"
#include "kiosk-staff-auth.h"

/* the scan as large as the left half of a 1280×720 screen allows */
#define SCAN_WIDTH 520
#define SCAN_HEIGHT 560

struct _KioskFormConfirmPage
{
  KioskPage parent_instance;

  GtkPicture *picture;
  GtkLabel *person_label;
  GtkLabel *message_label;
  GtkEditable *user_entry;
  GtkEditable *password_entry;
  GtkSpinner *spinner;
  GtkWidget *confirm_button;

  GBytes *scan; /* the refused scan, in memory only */
  char *media_type;
  KioskPageId return_page;

  gboolean busy;      /* signing staff in, or sending */
  gboolean signed_in; /* staff signed in by this page, to be signed out */
  gboolean showing;   /* the scan is drawn */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskFormConfirmPage, kiosk_form_confirm_page, KIOSK_TYPE_PAGE)

enum
{
  PROP_0,
  PROP_SCAN,
  PROP_MEDIA_TYPE,
  PROP_RETURN_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static KioskStaffAuth *
staff_auth (KioskFormConfirmPage *self)
{
  return kiosk_services_get_staff_auth (kiosk_page_get_services (KIOSK_PAGE (self)));
}

static void
show_message (KioskFormConfirmPage *self, const char *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_busy (KioskFormConfirmPage *self, gboolean busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (self->confirm_button, !busy && self->scan != NULL);
  gtk_editable_set_editable (self->user_entry, !busy);
  gtk_editable_set_editable (self->password_entry, !busy);
}

/* Staff mode ends with the answer: the visit is the person's. */
static void
sign_staff_out (KioskFormConfirmPage *self)
{
  if (self->signed_in && staff_auth (self) != NULL)
    kiosk_staff_auth_sign_out (staff_auth (self));
  self->signed_in = FALSE;
}

/* Drops the scan, its picture, the typed password and whatever is on its way. */
static void
clear (KioskFormConfirmPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  sign_staff_out (self);
  g_clear_pointer (&self->scan, g_bytes_unref);
  g_clear_pointer (&self->media_type, g_free);
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_label_set_text (self->person_label, "");
  gtk_editable_set_text (self->user_entry, "");
  gtk_editable_set_text (self->password_entry, "");
  self->showing = FALSE;
  show_message (self, NULL);
  set_busy (self, FALSE);
}

/* ---- the scan, drawn on a worker ---- */

static void
rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskFormConfirmPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture =
      kiosk_document_render_finish (KIOSK_DOCUMENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      g_message ("the refused scan cannot be drawn: %s", error->message);
      show_message (self, _ ("This file cannot be shown."));
      gtk_widget_set_sensitive (self->confirm_button, FALSE);
      return;
    }
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  self->showing = TRUE;
}

static void
opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskFormConfirmPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskDocument) document = kiosk_document_new_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (document == NULL)
    {
      g_message ("the refused scan cannot be opened: %s", error->message);
      show_message (self, _ ("This file cannot be shown."));
      gtk_widget_set_sensitive (self->confirm_button, FALSE);
      return;
    }
  /* the form is one page: its first is what staff compare */
  kiosk_document_render_async (document, 0, SCAN_WIDTH, SCAN_HEIGHT, self->cancellable, rendered_cb,
                               g_object_ref (self));
}

/* ---- confirming ---- */

static void
sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskFormConfirmPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) stored =
      sync_registry_signature_form_scan_finish (SYNC_REGISTRY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  sign_staff_out (self);
  set_busy (self, FALSE);
  if (stored == NULL)
    {
      g_autofree char *problem = kiosk_attachments_describe_error (error);

      g_message ("the staff-confirmed scan was refused: %s", error->message);
      show_message (self, problem);
      return;
    }
  clear (self);
  kiosk_page_navigate (KIOSK_PAGE (self), self->return_page, NULL);
}

static void
signed_in_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskFormConfirmPage) self = user_data;
  g_autoptr (GError) error = NULL;
  KioskPage *page = KIOSK_PAGE (self);
  SyncRegistry *registry = kiosk_services_get_registry (kiosk_page_get_services (page));
  const char *token = kiosk_visit_get_session_token (kiosk_page_get_visit (page));
  gboolean ok = kiosk_staff_auth_sign_in_finish (KIOSK_STAFF_AUTH (source), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_editable_set_text (self->password_entry, "");
  if (!ok)
    {
      set_busy (self, FALSE);
      if (g_error_matches (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_LOGIN))
        show_message (self, _ ("Wrong account or password. Please try again."));
      else
        {
          g_autofree char *text = g_strdup_printf (_ ("Sign-in failed: %s"), error->message);
          show_message (self, text);
        }
      return;
    }
  self->signed_in = TRUE;
  /* an offline sign-in has no staff session the registry would know */
  if (kiosk_staff_auth_get_session_token (KIOSK_STAFF_AUTH (source)) == NULL || registry == NULL ||
      token == NULL || self->scan == NULL)
    {
      sign_staff_out (self);
      set_busy (self, FALSE);
      show_message (self, _ ("Staff can confirm a form only while the registry can be reached."));
      return;
    }
  sync_registry_signature_form_scan_async (
      registry, token, kiosk_staff_auth_get_session_token (KIOSK_STAFF_AUTH (source)),
      self->media_type, self->scan, self->cancellable, sent_cb, g_object_ref (self));
}

/* What Confirm does: signs staff in with the account and password typed,
 * then sends the scan again with their staff session. */
static void
confirm_cb (KioskFormConfirmPage *self)
{
  g_autofree char *user = NULL;
  const char *password;

  if (self->busy || self->scan == NULL)
    return;
  if (staff_auth (self) == NULL)
    {
      show_message (self, _ ("Staff sign-in is not available on this kiosk."));
      return;
    }
  user = g_strstrip (g_strdup (gtk_editable_get_text (self->user_entry)));
  password = gtk_editable_get_text (self->password_entry);
  if (*user == '\0' || *password == '\0')
    {
      show_message (self, _ ("Enter your staff account and password."));
      gtk_widget_grab_focus (GTK_WIDGET (*user == '\0' ? self->user_entry : self->password_entry));
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  show_message (self, NULL);
  kiosk_staff_auth_sign_in_async (staff_auth (self), user, password, self->cancellable,
                                  signed_in_cb, g_object_ref (self));
}

static void
user_activate_cb (KioskFormConfirmPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

/* ---- the page ---- */

static void
kiosk_form_confirm_page_shown (KioskPage *page)
{
  KioskFormConfirmPage *self = KIOSK_FORM_CONFIRM_PAGE (page);
  JsonObject *person = kiosk_visit_get_person (kiosk_page_get_visit (page));
  const char *name = NULL;
  const char *number = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *text = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show_message (self, NULL);
  set_busy (self, FALSE);
  if (person != NULL)
    {
      const char *name_en = json_object_get_string_member_with_default (person, "name_en", NULL);

      name = json_object_get_string_member_with_default (person, "name", NULL);
      /* a foreigner by the Latin name, as their card and form name them */
      if (idcard_holder_goes_by_latin_name (
              json_object_get_string_member_with_default (person, "doc_type", NULL),
              json_object_get_string_member_with_default (person, "nationality", NULL), name,
              name_en))
        name = name_en;
      number = json_object_get_string_member_with_default (person, "doc_number", NULL);
    }
  /* the name in full (staff compare it with the signature and the card),
   * the ID number masked as everywhere on screen */
  masked = number != NULL ? core_mask_id_number (number) : NULL;
  text = g_strdup_printf (_ ("Name: %s\nID number: %s"), name != NULL ? name : "",
                          masked != NULL ? masked : "");
  gtk_label_set_text (self->person_label, text);
  if (self->scan == NULL)
    return;
  kiosk_document_new_async (self->scan, self->cancellable, opened_cb, g_object_ref (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->user_entry));
}

static void
kiosk_form_confirm_page_reset (KioskPage *page)
{
  clear (KIOSK_FORM_CONFIRM_PAGE (page));
}

static void
kiosk_form_confirm_page_go_back (KioskPage *page)
{
  KioskFormConfirmPage *self = KIOSK_FORM_CONFIRM_PAGE (page);

  clear (self);
  kiosk_page_navigate (page, self->return_page, NULL);
}

/* the scan is not kept once the page is out of sight */
static void
kiosk_form_confirm_page_unmap (GtkWidget *widget)
{
  clear (KIOSK_FORM_CONFIRM_PAGE (widget));
  GTK_WIDGET_CLASS (kiosk_form_confirm_page_parent_class)->unmap (widget);
}

static void
kiosk_form_confirm_page_dispose (GObject *object)
{
  KioskFormConfirmPage *self = KIOSK_FORM_CONFIRM_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->scan, g_bytes_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_FORM_CONFIRM_PAGE);

  G_OBJECT_CLASS (kiosk_form_confirm_page_parent_class)->dispose (object);
}

static void
kiosk_form_confirm_page_finalize (GObject *object)
{
  g_free (KIOSK_FORM_CONFIRM_PAGE (object)->media_type);

  G_OBJECT_CLASS (kiosk_form_confirm_page_parent_class)->finalize (object);
}

static void
kiosk_form_confirm_page_get_property (GObject *object,
                                      guint prop_id,
                                      GValue *value,
                                      GParamSpec *pspec)
{
  KioskFormConfirmPage *self = KIOSK_FORM_CONFIRM_PAGE (object);

  switch (prop_id)
    {
      case PROP_SCAN:
        g_value_set_boxed (value, self->scan);
        break;
      case PROP_MEDIA_TYPE:
        g_value_set_string (value, self->media_type);
        break;
      case PROP_RETURN_PAGE:
        g_value_set_enum (value, self->return_page);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_form_confirm_page_set_property (GObject *object,
                                      guint prop_id,
                                      const GValue *value,
                                      GParamSpec *pspec)
{
  KioskFormConfirmPage *self = KIOSK_FORM_CONFIRM_PAGE (object);

  switch (prop_id)
    {
      case PROP_SCAN:
        if (self->scan != g_value_get_boxed (value))
          {
            g_clear_pointer (&self->scan, g_bytes_unref);
            self->scan = g_value_dup_boxed (value);
            g_object_notify_by_pspec (object, pspec);
          }
        break;
      case PROP_MEDIA_TYPE:
        if (g_strcmp0 (self->media_type, g_value_get_string (value)) != 0)
          {
            g_free (self->media_type);
            self->media_type = g_value_dup_string (value);
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
kiosk_form_confirm_page_class_init (KioskFormConfirmPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_form_confirm_page_dispose;
  object_class->finalize = kiosk_form_confirm_page_finalize;
  object_class->get_property = kiosk_form_confirm_page_get_property;
  object_class->set_property = kiosk_form_confirm_page_set_property;
  widget_class->unmap = kiosk_form_confirm_page_unmap;
  page_class->shown = kiosk_form_confirm_page_shown;
  page_class->reset = kiosk_form_confirm_page_reset;
  page_class->go_back = kiosk_form_confirm_page_go_back;

  /**
   * KioskFormConfirmPage:scan:
   *
   * The scan the registry refused for its unreadable QR code (an argument).
   */
  properties[PROP_SCAN] =
      g_param_spec_boxed ("scan", NULL, NULL, G_TYPE_BYTES,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskFormConfirmPage:media-type:
   *
   * What the scan is, judged from its first bytes (an argument).
   */
  properties[PROP_MEDIA_TYPE] =
      g_param_spec_string ("media-type", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskFormConfirmPage:return-page:
   *
   * Where Back, and a confirmed scan, go (an argument).
   */
  properties[PROP_RETURN_PAGE] =
      g_param_spec_enum ("return-page", NULL, NULL, KIOSK_TYPE_PAGE_ID, KIOSK_PAGE_SIGNATURE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KIOSK_TYPE_PASSWORD_PEEK);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-form-confirm-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskFormConfirmPage, picture);
  gtk_widget_class_bind_template_child (widget_class, KioskFormConfirmPage, person_label);
  gtk_widget_class_bind_template_child (widget_class, KioskFormConfirmPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, KioskFormConfirmPage, user_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskFormConfirmPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskFormConfirmPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KioskFormConfirmPage, confirm_button);
  gtk_widget_class_bind_template_callback (widget_class, confirm_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_activate_cb);
}

static void
kiosk_form_confirm_page_init (KioskFormConfirmPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->return_page = KIOSK_PAGE_SIGNATURE;
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Staff confirm the signed form"));
  /* staff sign in by touch: the names and passwords are Latin letters */
  kiosk_keyboard_request (self->user_entry, KIOSK_KEYBOARD_LAYER_LETTERS);
  kiosk_keyboard_request (self->password_entry, KIOSK_KEYBOARD_LAYER_LETTERS);
}

gboolean
kiosk_form_confirm_page_get_busy (KioskFormConfirmPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FORM_CONFIRM_PAGE (self), FALSE);
  return self->busy;
}

/* Whether the scan is drawn for staff to see. */
gboolean
kiosk_form_confirm_page_get_showing (KioskFormConfirmPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FORM_CONFIRM_PAGE (self), FALSE);
  return self->showing;
}

const char *
kiosk_form_confirm_page_get_person_text (KioskFormConfirmPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FORM_CONFIRM_PAGE (self), NULL);
  return gtk_label_get_text (self->person_label);
}

/**
 * kiosk_form_confirm_page_get_message:
 *
 * Returns: (nullable): what the page says went wrong, if anything
 */
const char *
kiosk_form_confirm_page_get_message (KioskFormConfirmPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FORM_CONFIRM_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
             ? gtk_label_get_text (self->message_label)
             : NULL;
}

GtkEditable *
kiosk_form_confirm_page_get_user_entry (KioskFormConfirmPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FORM_CONFIRM_PAGE (self), NULL);
  return self->user_entry;
}

GtkEditable *
kiosk_form_confirm_page_get_password_entry (KioskFormConfirmPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FORM_CONFIRM_PAGE (self), NULL);
  return self->password_entry;
}

GtkWidget *
kiosk_form_confirm_page_get_confirm_button (KioskFormConfirmPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FORM_CONFIRM_PAGE (self), NULL);
  return self->confirm_button;
}
