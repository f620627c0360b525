/* kiosk-staff-login-page.c: the staff PIN prompt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PIN is checked against an argon2id hash from the configuration. The
 * check is deliberately slow (that is what makes guessing expensive), so it
 * runs on a worker thread and the page shows that it is busy.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "kiosk-keypad.h"
#include "kiosk-staff-login-page.h"

#define PIN_MAX_DIGITS 12

struct _KioskStaffLoginPage
{
  KioskPage parent_instance;

  GtkEditable *pin_entry;
  KioskKeypad *keypad;
  GtkLabel *message_label;
  GtkLabel *hint_label;
  GtkWidget *sign_in_button;
  GtkSpinner *spinner;

  char *pin_hash;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskStaffLoginPage, kiosk_staff_login_page, KIOSK_TYPE_PAGE)

typedef struct
{
  char *hash;
  char *pin;
} VerifyData;

static void
verify_data_free (VerifyData *data)
{
  g_free (data->hash);
  if (data->pin != NULL)
    sodium_memzero (data->pin, strlen (data->pin));
  g_free (data->pin);
  g_free (data);
}

static void
verify_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  VerifyData *data = task_data;
  gboolean ok = crypto_pwhash_str_verify (data->hash, data->pin, strlen (data->pin)) == 0;

  g_task_return_boolean (task, ok);
}

static void
set_busy (KioskStaffLoginPage *self, gboolean busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (self->sign_in_button, !busy && *self->pin_hash != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->keypad), !busy);
}

static void
show_message (KioskStaffLoginPage *self, const char *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
verify_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  KioskStaffLoginPage *self;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = KIOSK_STAFF_LOGIN_PAGE (user_data);
  set_busy (self, FALSE);
  gtk_editable_set_text (self->pin_entry, "");
  if (ok)
    {
      show_message (self, NULL);
      kiosk_page_navigate (KIOSK_PAGE (self), "staff");
    }
  else
    {
      g_message ("a staff sign-in was refused: wrong PIN");
      show_message (self, _ ("Wrong PIN. Please try again."));
    }
}

static void
sign_in_cb (KioskStaffLoginPage *self)
{
  g_autoptr (GTask) task = NULL;
  VerifyData *data;
  const char *pin = gtk_editable_get_text (self->pin_entry);

  if (*self->pin_hash == '\0')
    return;
  if (*pin == '\0')
    {
      show_message (self, _ ("Enter the staff PIN first."));
      return;
    }

  data = g_new0 (VerifyData, 1);
  data->hash = g_strdup (self->pin_hash);
  data->pin = g_strdup (pin);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  show_message (self, NULL);
  task = g_task_new (NULL, self->cancellable, verify_done_cb, self);
  g_task_set_source_tag (task, sign_in_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) verify_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, verify_thread);
}

static void
cancel_cb (KioskStaffLoginPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), "attract");
}

static void
update_availability (KioskStaffLoginPage *self)
{
  gboolean configured = *self->pin_hash != '\0';

  gtk_widget_set_sensitive (self->sign_in_button, configured);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keypad), configured);
  show_message (self, configured ? NULL
                                 : _ ("Staff access is not set up on this kiosk. "
                                      "The operator sets a staff PIN in the kiosk configuration."));
}

static void
kiosk_staff_login_page_reset (KioskPage *page)
{
  KioskStaffLoginPage *self = KIOSK_STAFF_LOGIN_PAGE (page);

  g_cancellable_cancel (self->cancellable);
  gtk_editable_set_text (self->pin_entry, "");
  set_busy (self, FALSE);
  update_availability (self);
}

static void
kiosk_staff_login_page_shown (KioskPage *page)
{
  KioskStaffLoginPage *self = KIOSK_STAFF_LOGIN_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
}

static void
kiosk_staff_login_page_dispose (GObject *object)
{
  KioskStaffLoginPage *self = KIOSK_STAFF_LOGIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_STAFF_LOGIN_PAGE);

  G_OBJECT_CLASS (kiosk_staff_login_page_parent_class)->dispose (object);
}

static void
kiosk_staff_login_page_finalize (GObject *object)
{
  KioskStaffLoginPage *self = KIOSK_STAFF_LOGIN_PAGE (object);

  g_free (self->pin_hash);

  G_OBJECT_CLASS (kiosk_staff_login_page_parent_class)->finalize (object);
}

static void
kiosk_staff_login_page_class_init (KioskStaffLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_staff_login_page_dispose;
  object_class->finalize = kiosk_staff_login_page_finalize;
  page_class->reset = kiosk_staff_login_page_reset;
  page_class->shown = kiosk_staff_login_page_shown;

  g_type_ensure (KIOSK_TYPE_KEYPAD);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-staff-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskStaffLoginPage, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffLoginPage, keypad);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffLoginPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffLoginPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffLoginPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffLoginPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
}

static void
kiosk_staff_login_page_init (KioskStaffLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pin_hash = g_strdup ("");
  kiosk_keypad_set_target (self->keypad, self->pin_entry);
  kiosk_keypad_set_max_length (self->keypad, PIN_MAX_DIGITS);
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Staff sign-in"));
  update_availability (self);
}

KioskPage *
kiosk_staff_login_page_new (void)
{
  return g_object_new (KIOSK_TYPE_STAFF_LOGIN_PAGE, NULL);
}

void
kiosk_staff_login_page_set_pin_hash (KioskStaffLoginPage *self, const char *pin_hash)
{
  g_return_if_fail (KIOSK_IS_STAFF_LOGIN_PAGE (self));

  g_free (self->pin_hash);
  self->pin_hash = g_strdup (pin_hash != NULL ? pin_hash : "");
  update_availability (self);
}

/**
 * kiosk_staff_login_page_set_hint:
 * @hint: (nullable): a line under the keypad, e.g. the demo PIN
 */
void
kiosk_staff_login_page_set_hint (KioskStaffLoginPage *self, const char *hint)
{
  g_return_if_fail (KIOSK_IS_STAFF_LOGIN_PAGE (self));

  gtk_label_set_text (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);
}

GtkEditable *
kiosk_staff_login_page_get_pin_entry (KioskStaffLoginPage *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_LOGIN_PAGE (self), NULL);
  return self->pin_entry;
}

/**
 * kiosk_staff_login_page_get_message:
 *
 * Returns: (nullable): the message the page shows, e.g. that the PIN was wrong
 */
const char *
kiosk_staff_login_page_get_message (KioskStaffLoginPage *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_LOGIN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_text (self->message_label);
}

/**
 * kiosk_staff_pin_hash:
 * @pin: the PIN, digits only, 4 to 12 of them
 *
 * Returns: (transfer full): the argon2id hash to put in the configuration
 */
char *
kiosk_staff_pin_hash (const char *pin, GError **error)
{
  char hash[crypto_pwhash_STRBYTES];
  size_t len = strlen (pin);

  if (len < 4 || len > PIN_MAX_DIGITS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "a staff PIN has 4 to %d digits",
                   PIN_MAX_DIGITS);
      return NULL;
    }
  for (size_t i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "a staff PIN has digits only");
        return NULL;
      }

  if (crypto_pwhash_str (hash, pin, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "not enough memory to hash the PIN");
      return NULL;
    }
  return g_strdup (hash);
}
