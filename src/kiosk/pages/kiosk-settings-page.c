/* kiosk-settings-page.c: staff set up this kiosk and enrol it with the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Window name, idle timeout and text size are checked like the
 * configuration's values, saved in the local store's settings table (where
 * KioskConfig finds them at the next start, above GSettings and the site
 * keyfile) and applied at once. Where the registry is, and which CA to
 * trust for it, is the operator's (site keyfile), not staff's. Enrolment takes
 * the device token printed by `practitioner-registry admin enroll-device` and
 * writes it to the device token file with mode 0600; the token is never shown
 * back nor logged. "Test connection" asks the registry's health and makes one
 * authenticated call with the saved token. Disk and network work runs on
 * worker threads.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kiosk-keyboard.h"
#include "kiosk-password-peek.h"
#include "kiosk-settings-page.h"
#include "kiosk-settings-page-private.h"

/* a fixed, valid number: the person-state lookup needs the device token and
 * changes nothing */
#define PROBE_PATH "/v1/persons/resident/11010519491231002X/state"

struct _KioskSettingsPage
{
  KioskPage parent_instance;

  GtkEditable *window_name_entry;
  GtkSpinButton *idle_timeout_spin;
  GtkToggleButton *normal_text_button;
  GtkToggleButton *large_text_button;
  GtkLabel *message_label;
  GtkEditable *token_entry;
  GtkLabel *enrolment_label;
  GtkWidget *save_button;
  GtkWidget *save_token_button;
  GtkWidget *test_button;

  GCancellable *cancellable;
  guint busy;
};

G_DEFINE_FINAL_TYPE (KioskSettingsPage, kiosk_settings_page, KIOSK_TYPE_PAGE)

static KioskServices *
page_services (KioskSettingsPage *self)
{
  return kiosk_page_get_services (KIOSK_PAGE (self));
}

static KioskConfig *
page_config (KioskSettingsPage *self)
{
  return kiosk_services_get_config (page_services (self));
}

static void
set_busy (KioskSettingsPage *self, gboolean busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  gtk_widget_set_sensitive (self->save_button, self->busy == 0);
  gtk_widget_set_sensitive (self->save_token_button, self->busy == 0);
  gtk_widget_set_sensitive (self->test_button, self->busy == 0);
}

static void
show_label (GtkLabel *label, const char *text, gboolean error)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (label), error ? "success-message" : "error-message");
  gtk_widget_add_css_class (GTK_WIDGET (label), error ? "error-message" : "success-message");
}

/* Each change asks for a live staff sign-in itself: the page being shown
 * is not proof enough. */
static gboolean
staff_may (KioskSettingsPage *self, const char *action, GtkLabel *label)
{
  if (kiosk_staff_auth_authorize (kiosk_services_get_staff_auth (page_services (self)), action))
    return TRUE;
  show_label (label, _ ("Sign in as staff first."), TRUE);
  return FALSE;
}

static void
load_values (KioskSettingsPage *self)
{
  KioskConfig *config = page_config (self);

  gtk_editable_set_text (self->window_name_entry, kiosk_config_get_window_name (config));
  gtk_spin_button_set_range (self->idle_timeout_spin, kiosk_config_get_idle_timeout_min (),
                             kiosk_config_get_idle_timeout_max ());
  gtk_spin_button_set_value (self->idle_timeout_spin, kiosk_config_get_idle_timeout (config));
  gtk_toggle_button_set_active (self->large_text_button,
                                kiosk_config_get_text_size (config) == KIOSK_TEXT_SIZE_LARGE);
  gtk_toggle_button_set_active (self->normal_text_button,
                                kiosk_config_get_text_size (config) != KIOSK_TEXT_SIZE_LARGE);
  gtk_editable_set_text (self->token_entry, "");
}

/* ---- saving the settings ---- */

typedef struct
{
  StoreDatabase *store;
  GHashTable *values; /* key → text */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->store);
  g_hash_table_unref (data->values);
  g_free (data);
}

static void
save_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SaveData *data = task_data;
  const char *const *keys = kiosk_config_get_staff_keys ();

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *store_key = kiosk_config_dup_store_key (keys[i]);
      GError *error = NULL;

      if (!store_database_set_setting (data->store, store_key,
                                       g_hash_table_lookup (data->values, keys[i]), &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

/* The configuration tells whoever shows a setting (the window its idle
 * timeout, the welcome page the window name, the application the text size). */
static void
apply_now (KioskSettingsPage *self, GHashTable *values)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr (GError) error = NULL;
      if (!kiosk_config_set_value (page_config (self), key, value, &error))
        g_warning ("cannot apply a staff setting: %s", error->message);
    }
}

typedef struct
{
  KioskSettingsPage *self;
  GHashTable *values;
} SaveResult;

static void
save_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SaveResult *data = user_data;
  KioskSettingsPage *self = data->self;
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_hash_table_unref (data->values);
      g_free (data);
      return;
    }
  set_busy (self, FALSE);
  if (error != NULL)
    {
      g_autofree char *text =
          g_strdup_printf (_ ("The settings were not saved: %s"), error->message);
      show_label (self->message_label, text, TRUE);
    }
  else
    {
      apply_now (self, data->values);
      g_message ("staff changed the kiosk settings");
      show_label (self->message_label, _ ("Saved and applied."), FALSE);
    }
  g_hash_table_unref (data->values);
  g_free (data);
}

static void
save_cb (KioskSettingsPage *self)
{
  g_autoptr (KioskConfig) scratch = kiosk_config_new_defaults ();
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GTask) task = NULL;
  SaveData *data;
  SaveResult *result;
  const char *const *keys = kiosk_config_get_staff_keys ();

  if (!staff_may (self, "change-settings", self->message_label))
    return;
  g_hash_table_insert (values, (gpointer) "window-name",
                       g_strstrip (g_strdup (gtk_editable_get_text (self->window_name_entry))));
  g_hash_table_insert (
      values, (gpointer) "idle-timeout",
      g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->idle_timeout_spin)));
  g_hash_table_insert (
      values, (gpointer) "text-size",
      g_strdup (gtk_toggle_button_get_active (self->large_text_button) ? "large" : "normal"));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      if (!kiosk_config_set_value (scratch, keys[i], g_hash_table_lookup (values, keys[i]), &error))
        {
          g_autofree char *text = g_strdup_printf (_ ("Not saved: %s."), error->message);
          show_label (self->message_label, text, TRUE);
          return;
        }
    }

  data = g_new0 (SaveData, 1);
  data->store = g_object_ref (kiosk_services_get_store (page_services (self)));
  data->values = g_hash_table_ref (values);
  result = g_new0 (SaveResult, 1);
  result->self = self;
  result->values = g_hash_table_ref (values);
  task = g_task_new (NULL, self->cancellable, save_done_cb, result);
  g_task_set_source_tag (task, save_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  set_busy (self, TRUE);
  show_label (self->message_label, NULL, FALSE);
  g_task_run_in_thread (task, save_thread);
}

/* ---- enrolment ---- */

typedef struct
{
  char *path;
  char *token;
  char *url;
  char *ca;
} TokenData;

static void
token_data_free (TokenData *data)
{
  g_free (data->path);
  g_free (data->url);
  g_free (data->ca);
  if (data->token != NULL)
    memset (data->token, 0, strlen (data->token));
  g_free (data->token);
  g_free (data);
}

static void
save_token_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TokenData *data = task_data;
  g_autofree char *folder = g_path_get_dirname (data->path);
  g_autofree char *contents = g_strconcat (data->token, "\n", NULL);
  GError *error = NULL;
  gboolean ok;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s",
                               folder, g_strerror (saved_errno));
      return;
    }
  ok = g_file_set_contents_full (data->path, contents, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600,
                                 &error);
  memset (contents, 0, strlen (contents));
  if (ok && g_chmod (data->path, 0600) != 0)
    {
      int saved_errno = errno;
      ok = FALSE;
      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", data->path,
                   g_strerror (saved_errno));
    }
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  /* staff sign-in can use the new token at once (NULL if it does not make a client) */
  g_task_return_pointer (task,
                         sync_client_new (data->url, data->token,
                                          data->ca != NULL && *data->ca != '\0' ? data->ca : NULL,
                                          NULL),
                         g_object_unref);
}

static void
save_token_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncClient) client = g_task_propagate_pointer (G_TASK (result), &error);
  KioskSettingsPage *self;
  KioskStaffAuth *auth;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = KIOSK_SETTINGS_PAGE (user_data);
  set_busy (self, FALSE);
  auth = kiosk_services_get_staff_auth (page_services (self));
  if (client != NULL && auth != NULL)
    kiosk_staff_auth_set_client (auth, client);
  if (error != NULL)
    {
      g_autofree char *text =
          g_strdup_printf (_ ("The device token was not saved: %s"), error->message);
      show_label (self->enrolment_label, text, TRUE);
      return;
    }
  g_message ("staff saved a new device token");
  show_label (self->enrolment_label,
              _ ("The device token is saved. Staff sign-in uses it now; the kiosk sends "
                 "filings with it from its next start. Test the connection."),
              FALSE);
}

static void
save_token_cb (KioskSettingsPage *self)
{
  g_autofree char *token = g_strstrip (g_strdup (gtk_editable_get_text (self->token_entry)));
  g_autoptr (GTask) task = NULL;
  TokenData *data;
  gboolean valid = *token != '\0' && strlen (token) <= 512;

  for (const char *p = token; valid && *p != '\0'; p++)
    valid = g_ascii_isgraph (*p);
  /* the token is never shown again */
  gtk_editable_set_text (self->token_entry, "");
  if (!staff_may (self, "enrol", self->enrolment_label))
    {
      memset (token, 0, strlen (token));
      return;
    }
  if (!valid)
    {
      memset (token, 0, strlen (token));
      show_label (self->enrolment_label,
                  _ ("Enter the device token exactly as practitioner-registry admin "
                     "enroll-device printed it."),
                  TRUE);
      return;
    }

  data = g_new0 (TokenData, 1);
  data->path = kiosk_config_dup_device_token_file (page_config (self));
  data->token = g_steal_pointer (&token);
  data->url = g_strdup (kiosk_config_get_registry_url (page_config (self)));
  data->ca = g_strdup (kiosk_config_get_registry_ca (page_config (self)));
  task = g_task_new (NULL, self->cancellable, save_token_done_cb, self);
  g_task_set_source_tag (task, save_token_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) token_data_free);
  set_busy (self, TRUE);
  show_label (self->enrolment_label, NULL, FALSE);
  g_task_run_in_thread (task, save_token_thread);
}

typedef struct
{
  char *url;
  char *ca;
  char *token_file;
} ProbeData;

static void
probe_data_free (ProbeData *data)
{
  g_free (data->url);
  g_free (data->ca);
  g_free (data->token_file);
  g_free (data);
}

static void
test_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ProbeData *data = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncClient) client = NULL;
  g_autoptr (JsonNode) health = NULL;
  g_autoptr (JsonNode) probe = NULL;
  g_autofree char *token = sync_client_read_token_file (data->token_file, &error);
  const char *version = "?";

  if (token == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", error->message);
      return;
    }
  client = sync_client_new (data->url, token,
                            data->ca != NULL && *data->ca != '\0' ? data->ca : NULL, &error);
  memset (token, 0, strlen (token));
  if (client == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", error->message);
      return;
    }
  sync_client_set_timeouts (client, SYNC_CLIENT_CONNECT_TIMEOUT_MS, 10000);
  health = sync_client_request (client, "GET", "/v1/health", NULL, NULL, &error);
  if (health == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _ ("The registry does not answer: %s"), error->message);
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (health))
    version =
        json_object_get_string_member_with_default (json_node_get_object (health), "version", "?");
  probe = sync_client_request (client, "GET", PROBE_PATH, NULL, NULL, &error);
  if (probe == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _ ("The registry answers (version %s) but does not accept this "
                                  "kiosk: %s"),
                               version, error->message);
      return;
    }
  g_task_return_pointer (task,
                         g_strdup_printf (_ ("The registry answers (version %s) and accepts "
                                             "this kiosk's device token."),
                                          version),
                         g_free);
}

static void
test_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);
  KioskSettingsPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = KIOSK_SETTINGS_PAGE (user_data);
  set_busy (self, FALSE);
  show_label (self->enrolment_label, text != NULL ? text : error->message, text == NULL);
}

static void
test_cb (KioskSettingsPage *self)
{
  KioskConfig *config = page_config (self);
  g_autoptr (GTask) task = NULL;
  ProbeData *data;

  if (!staff_may (self, "test-connection", self->enrolment_label))
    return;
  data = g_new0 (ProbeData, 1);
  data->url = g_strdup (kiosk_config_get_registry_url (config));
  data->ca = g_strdup (kiosk_config_get_registry_ca (config));
  data->token_file = kiosk_config_dup_device_token_file (config);
  task = g_task_new (NULL, self->cancellable, test_done_cb, self);
  g_task_set_source_tag (task, test_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) probe_data_free);
  set_busy (self, TRUE);
  show_label (self->enrolment_label, _ ("Testing the connection…"), FALSE);
  g_task_run_in_thread (task, test_thread);
}

static void
kiosk_settings_page_shown (KioskPage *page)
{
  load_values (KIOSK_SETTINGS_PAGE (page));
}

static void
kiosk_settings_page_reset (KioskPage *page)
{
  KioskSettingsPage *self = KIOSK_SETTINGS_PAGE (page);

  gtk_editable_set_text (self->token_entry, "");
  show_label (self->message_label, NULL, FALSE);
  show_label (self->enrolment_label, NULL, FALSE);
}

static void
kiosk_settings_page_dispose (GObject *object)
{
  KioskSettingsPage *self = KIOSK_SETTINGS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SETTINGS_PAGE);

  G_OBJECT_CLASS (kiosk_settings_page_parent_class)->dispose (object);
}

static void
kiosk_settings_page_class_init (KioskSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_settings_page_dispose;
  page_class->shown = kiosk_settings_page_shown;
  page_class->reset = kiosk_settings_page_reset;

  g_type_ensure (KIOSK_TYPE_PASSWORD_PEEK);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-settings-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, KioskSettingsPage, name)
  BIND (window_name_entry);
  BIND (idle_timeout_spin);
  BIND (normal_text_button);
  BIND (large_text_button);
  BIND (message_label);
  BIND (token_entry);
  BIND (enrolment_label);
  BIND (save_button);
  BIND (save_token_button);
  BIND (test_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_token_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_cb);
}

static void
kiosk_settings_page_init (KioskSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Settings"));
  /* staff at a touch screen without a keyboard set the kiosk up too */
  kiosk_keyboard_request (self->window_name_entry, KIOSK_KEYBOARD_LAYER_PINYIN);
  kiosk_keyboard_request (GTK_EDITABLE (self->idle_timeout_spin), KIOSK_KEYBOARD_LAYER_DIGITS);
  kiosk_keyboard_request (self->token_entry, KIOSK_KEYBOARD_LAYER_LETTERS);
}

GtkEditable *
kiosk_settings_page_get_window_name_entry (KioskSettingsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SETTINGS_PAGE (self), NULL);
  return self->window_name_entry;
}

GtkSpinButton *
kiosk_settings_page_get_idle_timeout_spin (KioskSettingsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SETTINGS_PAGE (self), NULL);
  return self->idle_timeout_spin;
}

void
kiosk_settings_page_set_large_text (KioskSettingsPage *self, gboolean large)
{
  g_return_if_fail (KIOSK_IS_SETTINGS_PAGE (self));
  gtk_toggle_button_set_active (large ? self->large_text_button : self->normal_text_button, TRUE);
}

GtkEditable *
kiosk_settings_page_get_token_entry (KioskSettingsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SETTINGS_PAGE (self), NULL);
  return self->token_entry;
}

gboolean
kiosk_settings_page_get_busy (KioskSettingsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SETTINGS_PAGE (self), FALSE);
  return self->busy > 0;
}

/**
 * kiosk_settings_page_get_message:
 *
 * Returns: (nullable): what the page says about the last save
 */
const char *
kiosk_settings_page_get_message (KioskSettingsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SETTINGS_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_text (self->message_label);
}

/**
 * kiosk_settings_page_get_enrolment_message:
 *
 * Returns: (nullable): what the page says about the device token or the connection
 */
const char *
kiosk_settings_page_get_enrolment_message (KioskSettingsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SETTINGS_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->enrolment_label)))
    return NULL;
  return gtk_label_get_text (self->enrolment_label);
}
