/* kiosk-staff-login-page.c: staff sign-in with account and password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staff type their registry account and password on the kiosk's keyboard.
 * KioskStaffAuth checks them on a worker thread (the registry, or offline
 * the cache of recent sign-ins) while the page shows that it is busy.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-demo.h"
#include "kiosk-keyboard.h"
#include "kiosk-password-peek.h"
#include "kiosk-staff-login-page.h"
#include "kiosk-staff-login-page-private.h"

struct _KioskStaffLoginPage
{
  KioskPage parent_instance;

  GtkEditable *user_entry;
  GtkEditable *password_entry;
  GtkLabel *message_label;
  GtkLabel *hint_label;
  GtkWidget *sign_in_button;
  GtkSpinner *spinner;

  KioskStaffAuth *auth; /* the services'; %NULL when staff cannot sign in here */
  GCancellable *cancellable;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (KioskStaffLoginPage, kiosk_staff_login_page, KIOSK_TYPE_PAGE)

static void
set_busy (KioskStaffLoginPage *self, gboolean busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (self->sign_in_button, !busy);
  gtk_editable_set_editable (self->user_entry, !busy);
  gtk_editable_set_editable (self->password_entry, !busy);
}

static void
show_message (KioskStaffLoginPage *self, const char *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
show_locked (KioskStaffLoginPage *self)
{
  guint minutes = (kiosk_staff_auth_get_lock_remaining (self->auth) + 59) / 60;
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Too many wrong attempts. Staff sign-in is locked; "
                                       "try again in %u minute.",
                                       "Too many wrong attempts. Staff sign-in is locked; "
                                       "try again in %u minutes.",
                                       MAX (minutes, 1)),
                          MAX (minutes, 1));
  show_message (self, text);
}

static void
sign_in_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  KioskStaffLoginPage *self;
  gboolean ok = kiosk_staff_auth_sign_in_finish (KIOSK_STAFF_AUTH (source), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = KIOSK_STAFF_LOGIN_PAGE (user_data);
  set_busy (self, FALSE);
  gtk_editable_set_text (self->password_entry, "");
  if (ok)
    {
      show_message (self, NULL);
      gtk_editable_set_text (self->user_entry, "");
      /* on to the staff page the person was headed for, or the staff home */
      kiosk_page_continue (KIOSK_PAGE (self), KIOSK_PAGE_STAFF);
      return;
    }

  if (g_error_matches (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_LOCKED))
    show_locked (self);
  else if (g_error_matches (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_LOGIN))
    show_message (self, _ ("Wrong account or password. Please try again."));
  else if (g_error_matches (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_DISABLED))
    show_message (self, _ ("This staff account is disabled. It cannot sign in on this kiosk, "
                           "not even offline."));
  else if (g_error_matches (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_UNREACHABLE))
    {
      g_autofree char *text = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "The registry cannot be reached, and this account has not signed in on "
                       "this kiosk with the registry in the last %d day, so it cannot be checked "
                       "offline. (%s)",
                       "The registry cannot be reached, and this account has not signed in on "
                       "this kiosk with the registry in the last %d days, so it cannot be checked "
                       "offline. (%s)",
                       KIOSK_STAFF_AUTH_CACHE_DAYS),
          KIOSK_STAFF_AUTH_CACHE_DAYS, error->message);
      show_message (self, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_ ("Sign-in failed: %s"), error->message);
      show_message (self, text);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

/**
 * kiosk_staff_login_page_sign_in:
 *
 * What the "Sign in" button and Enter do: checks the account and password.
 */
void
kiosk_staff_login_page_sign_in (KioskStaffLoginPage *self)
{
  g_autofree char *user = NULL;
  const char *password;

  g_return_if_fail (KIOSK_IS_STAFF_LOGIN_PAGE (self));

  if (self->busy || self->auth == NULL)
    return;
  user = g_strstrip (g_strdup (gtk_editable_get_text (self->user_entry)));
  password = gtk_editable_get_text (self->password_entry);
  if (*user == '\0' || *password == '\0')
    {
      show_message (self, _ ("Enter your staff account and password."));
      gtk_widget_grab_focus (GTK_WIDGET (*user == '\0' ? self->user_entry : self->password_entry));
      return;
    }
  if (kiosk_staff_auth_get_lock_remaining (self->auth) > 0)
    {
      gtk_editable_set_text (self->password_entry, "");
      show_locked (self);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  show_message (self, NULL);
  kiosk_staff_auth_sign_in_async (self->auth, user, password, self->cancellable, sign_in_done_cb,
                                  self);
}

static void
sign_in_cb (KioskStaffLoginPage *self)
{
  kiosk_staff_login_page_sign_in (self);
}

static void
user_activate_cb (KioskStaffLoginPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
kiosk_staff_login_page_reset (KioskPage *page)
{
  KioskStaffLoginPage *self = KIOSK_STAFF_LOGIN_PAGE (page);

  g_cancellable_cancel (self->cancellable);
  gtk_editable_set_text (self->user_entry, "");
  gtk_editable_set_text (self->password_entry, "");
  set_busy (self, FALSE);
  show_message (self, NULL);
  /* a reset ends staff mode */
  if (self->auth != NULL)
    kiosk_staff_auth_sign_out (self->auth);
}

static void
kiosk_staff_login_page_shown (KioskPage *page)
{
  KioskStaffLoginPage *self = KIOSK_STAFF_LOGIN_PAGE (page);

  if (self->auth != NULL && kiosk_staff_auth_get_lock_remaining (self->auth) > 0)
    show_locked (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->user_entry));
}

static void
kiosk_staff_login_page_constructed (GObject *object)
{
  KioskStaffLoginPage *self = KIOSK_STAFF_LOGIN_PAGE (object);
  KioskServices *services;

  G_OBJECT_CLASS (kiosk_staff_login_page_parent_class)->constructed (object);

  services = kiosk_page_get_services (KIOSK_PAGE (self));
  self->auth = kiosk_services_get_staff_auth (services);
  if (self->auth != NULL)
    g_object_ref (self->auth);
  else
    {
      gtk_widget_set_sensitive (self->sign_in_button, FALSE);
      show_message (self, _ ("Staff sign-in is not available on this kiosk."));
    }
  /* the demo registry has this staff account: a viewer can try staff mode */
  if (kiosk_services_get_demo (services) != NULL)
    {
      g_autofree char *hint =
          g_strdup_printf (_ ("Demo kiosk: sign in as %s with the password %s."),
                           KIOSK_DEMO_STAFF_USER, KIOSK_DEMO_STAFF_PASSWORD);
      gtk_label_set_text (self->hint_label, hint);
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), TRUE);
    }
}

static void
kiosk_staff_login_page_dispose (GObject *object)
{
  KioskStaffLoginPage *self = KIOSK_STAFF_LOGIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->auth);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_STAFF_LOGIN_PAGE);

  G_OBJECT_CLASS (kiosk_staff_login_page_parent_class)->dispose (object);
}

static void
kiosk_staff_login_page_class_init (KioskStaffLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->constructed = kiosk_staff_login_page_constructed;
  object_class->dispose = kiosk_staff_login_page_dispose;
  page_class->reset = kiosk_staff_login_page_reset;
  page_class->shown = kiosk_staff_login_page_shown;

  g_type_ensure (KIOSK_TYPE_PASSWORD_PEEK);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-staff-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskStaffLoginPage, user_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffLoginPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffLoginPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffLoginPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffLoginPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffLoginPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_activate_cb);
}

static void
kiosk_staff_login_page_init (KioskStaffLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Staff sign-in"));
  /* staff sign in by touch: the names and passwords are Latin letters */
  kiosk_keyboard_request (self->user_entry, KIOSK_KEYBOARD_LAYER_LETTERS);
  kiosk_keyboard_request (self->password_entry, KIOSK_KEYBOARD_LAYER_LETTERS);
}

GtkEditable *
kiosk_staff_login_page_get_user_entry (KioskStaffLoginPage *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_LOGIN_PAGE (self), NULL);
  return self->user_entry;
}

GtkEditable *
kiosk_staff_login_page_get_password_entry (KioskStaffLoginPage *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_LOGIN_PAGE (self), NULL);
  return self->password_entry;
}

/* Whether a sign-in is being checked. */
gboolean
kiosk_staff_login_page_get_busy (KioskStaffLoginPage *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_LOGIN_PAGE (self), FALSE);
  return self->busy;
}

/**
 * kiosk_staff_login_page_get_message:
 *
 * Returns: (nullable): the message the page shows, e.g. that the password was wrong
 */
const char *
kiosk_staff_login_page_get_message (KioskStaffLoginPage *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_LOGIN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_text (self->message_label);
}
