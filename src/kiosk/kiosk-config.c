/* kiosk-config.c: the kiosk's settings: GSettings < site keyfile < staff settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A kiosk must start whatever its configuration says: every value is checked,
 * and a bad one is reported (log and staff pages) and replaced by the default.
 *
 * Precedence, lowest first: GSettings (the packaged defaults and what an
 * image builder sets), the site keyfile in /etc (what the operator deploys),
 * then what staff set on the kiosk's settings page, kept in the local store.
 * Staff win because they act on this one kiosk, later and on purpose; only
 * the keys in kiosk_config_get_staff_keys() can be set that way. Where the
 * kiosk sends personal data (registry-url, registry-ca) is the operator's
 * alone: a registry address staff once set on an older kiosk is ignored.
 */

#include "config.h"

#include <gio/gio.h>

#include "kiosk-config.h"
#include "kiosk-enums.h"
#include "store-database.h"

#define KEYFILE_GROUP "kiosk"
#define IDLE_TIMEOUT_MIN 15
#define IDLE_TIMEOUT_MAX 3600
/* as the registry takes them: a kiosk reports every 10 s to once a day */
#define HEALTH_INTERVAL_MIN 10
#define HEALTH_INTERVAL_MAX 86400
#define WINDOW_NAME_MAX_CHARS 40
/* confirmed filings' rows: a day to ten years */
#define KEEP_DAYS_MIN 1
#define KEEP_DAYS_MAX 3650

struct _KioskConfig
{
  GObject parent_instance;

  char *registry_url;
  char *registry_ca;
  char *device_token_file;
  guint idle_timeout;
  guint health_interval;
  guint keep_days;
  char *window_name;
  char *data_folder;
  KioskTextSize text_size;
  char *language;

  GPtrArray *problems; /* char*, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (KioskConfig, kiosk_config, G_TYPE_OBJECT)

/* one read-only property per key, notified when its value changes */
enum
{
  PROP_0,
  PROP_REGISTRY_URL,
  PROP_REGISTRY_CA,
  PROP_DEVICE_TOKEN_FILE,
  PROP_IDLE_TIMEOUT,
  PROP_HEALTH_INTERVAL,
  PROP_KEEP_DAYS,
  PROP_WINDOW_NAME,
  PROP_DATA_FOLDER,
  PROP_TEXT_SIZE,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef gboolean (*ApplyFunc) (KioskConfig *self, const char *text, char **reason);

static void
replace_string (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
apply_registry_url (KioskConfig *self, const char *text, char **reason)
{
  g_autoptr (GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      *reason = g_strdup ("is not a URL");
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 &&
      !(g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback_host (g_uri_get_host (uri))))
    {
      *reason = g_strdup ("must be https (plain http only to this machine)");
      return FALSE;
    }
  replace_string (&self->registry_url, text);
  return TRUE;
}

static gboolean
apply_absolute_path (char **field, const char *text, char **reason)
{
  if (*text != '\0' && !g_path_is_absolute (text))
    {
      *reason = g_strdup ("must be empty or an absolute path");
      return FALSE;
    }
  replace_string (field, text);
  return TRUE;
}

static gboolean
apply_registry_ca (KioskConfig *self, const char *text, char **reason)
{
  return apply_absolute_path (&self->registry_ca, text, reason);
}

static gboolean
apply_device_token_file (KioskConfig *self, const char *text, char **reason)
{
  return apply_absolute_path (&self->device_token_file, text, reason);
}

static gboolean
apply_idle_timeout (KioskConfig *self, const char *text, char **reason)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, IDLE_TIMEOUT_MIN, IDLE_TIMEOUT_MAX, &value, NULL))
    {
      *reason = g_strdup_printf ("is not a number of seconds from %d to %d", IDLE_TIMEOUT_MIN,
                                 IDLE_TIMEOUT_MAX);
      return FALSE;
    }
  self->idle_timeout = (guint) value;
  return TRUE;
}

static gboolean
apply_health_interval (KioskConfig *self, const char *text, char **reason)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, HEALTH_INTERVAL_MIN, HEALTH_INTERVAL_MAX, &value,
                                   NULL))
    {
      *reason = g_strdup_printf ("is not a number of seconds from %d to %d", HEALTH_INTERVAL_MIN,
                                 HEALTH_INTERVAL_MAX);
      return FALSE;
    }
  self->health_interval = (guint) value;
  return TRUE;
}

static gboolean
apply_keep_days (KioskConfig *self, const char *text, char **reason)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, KEEP_DAYS_MIN, KEEP_DAYS_MAX, &value, NULL))
    {
      *reason =
          g_strdup_printf ("is not a number of days from %d to %d", KEEP_DAYS_MIN, KEEP_DAYS_MAX);
      return FALSE;
    }
  self->keep_days = (guint) value;
  return TRUE;
}

static gboolean
apply_window_name (KioskConfig *self, const char *text, char **reason)
{
  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > WINDOW_NAME_MAX_CHARS)
    {
      *reason = g_strdup_printf ("must be text of at most %d characters", WINDOW_NAME_MAX_CHARS);
      return FALSE;
    }
  replace_string (&self->window_name, text);
  return TRUE;
}

static gboolean
apply_data_folder (KioskConfig *self, const char *text, char **reason)
{
  if (*text == '\0')
    {
      g_autofree char *folder =
          g_build_filename (g_get_user_data_dir (), "practitioner-kiosk", NULL);
      replace_string (&self->data_folder, folder);
      return TRUE;
    }
  if (!g_path_is_absolute (text))
    {
      *reason = g_strdup ("must be an absolute path");
      return FALSE;
    }
  replace_string (&self->data_folder, text);
  return TRUE;
}

static gboolean
apply_text_size (KioskConfig *self, const char *text, char **reason)
{
  if (g_str_equal (text, "normal"))
    self->text_size = KIOSK_TEXT_SIZE_NORMAL;
  else if (g_str_equal (text, "large"))
    self->text_size = KIOSK_TEXT_SIZE_LARGE;
  else
    {
      *reason = g_strdup ("must be normal or large");
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_language (KioskConfig *self, const char *text, char **reason)
{
  if (!g_str_equal (text, "zh_CN") && !g_str_equal (text, "en"))
    {
      *reason = g_strdup ("must be zh_CN or en");
      return FALSE;
    }
  replace_string (&self->language, text);
  return TRUE;
}

static const struct
{
  const char *key; /* also the name of its property */
  ApplyFunc apply;
} keys[] = {
  { "registry-url", apply_registry_url },
  { "registry-ca", apply_registry_ca },
  { "device-token-file", apply_device_token_file },
  { "idle-timeout", apply_idle_timeout },
  { "health-interval", apply_health_interval },
  { "keep-days", apply_keep_days },
  { "window-name", apply_window_name },
  { "data-folder", apply_data_folder },
  { "text-size", apply_text_size },
  { "language", apply_language },
};

/* Applies @text to @key and tells whoever watches the key's property when
 * its value changed: the window follows the idle timeout, the welcome page
 * the window name, the application the text size. */
static gboolean
apply_and_notify (KioskConfig *self, guint index, const char *text, char **reason)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), keys[index].key);
  g_auto (GValue) before = G_VALUE_INIT;
  g_auto (GValue) after = G_VALUE_INIT;

  g_value_init (&before, pspec->value_type);
  g_value_init (&after, pspec->value_type);
  g_object_get_property (G_OBJECT (self), keys[index].key, &before);
  if (!keys[index].apply (self, text, reason))
    return FALSE;
  g_object_get_property (G_OBJECT (self), keys[index].key, &after);
  if (g_param_values_cmp (pspec, &before, &after) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
  return TRUE;
}

static void
add_problem (KioskConfig *self, char *message)
{
  g_warning ("%s", message);
  g_ptr_array_insert (self->problems, (int) self->problems->len - 1, message);
}

/* Applies one value from @source; a bad value keeps what was there before. */
static void
apply_value (KioskConfig *self, const char *source, const char *key, const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *reason = NULL;

      if (!g_str_equal (keys[i].key, key))
        continue;
      if (!apply_and_notify (self, i, text, &reason))
        add_problem (self, g_strdup_printf ("%s: %s %s; using the default", source, key, reason));
      return;
    }
  add_problem (self, g_strdup_printf ("%s: unknown setting %s ignored", source, key));
}

static void
kiosk_config_finalize (GObject *object)
{
  KioskConfig *self = KIOSK_CONFIG (object);

  g_free (self->registry_url);
  g_free (self->registry_ca);
  g_free (self->device_token_file);
  g_free (self->window_name);
  g_free (self->data_folder);
  g_free (self->language);
  g_ptr_array_unref (self->problems);

  G_OBJECT_CLASS (kiosk_config_parent_class)->finalize (object);
}

static void
kiosk_config_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskConfig *self = KIOSK_CONFIG (object);

  switch (prop_id)
    {
      case PROP_REGISTRY_URL:
        g_value_set_string (value, self->registry_url);
        break;
      case PROP_REGISTRY_CA:
        g_value_set_string (value, self->registry_ca);
        break;
      case PROP_DEVICE_TOKEN_FILE:
        g_value_set_string (value, self->device_token_file);
        break;
      case PROP_IDLE_TIMEOUT:
        g_value_set_uint (value, self->idle_timeout);
        break;
      case PROP_HEALTH_INTERVAL:
        g_value_set_uint (value, self->health_interval);
        break;
      case PROP_KEEP_DAYS:
        g_value_set_uint (value, self->keep_days);
        break;
      case PROP_WINDOW_NAME:
        g_value_set_string (value, self->window_name);
        break;
      case PROP_DATA_FOLDER:
        g_value_set_string (value, self->data_folder);
        break;
      case PROP_TEXT_SIZE:
        g_value_set_enum (value, self->text_size);
        break;
      case PROP_LANGUAGE:
        g_value_set_string (value, self->language);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
kiosk_config_class_init (KioskConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_config_finalize;
  object_class->get_property = kiosk_config_get_property;

  properties[PROP_REGISTRY_URL] = string_property ("registry-url");
  properties[PROP_REGISTRY_CA] = string_property ("registry-ca");
  properties[PROP_DEVICE_TOKEN_FILE] = string_property ("device-token-file");
  properties[PROP_IDLE_TIMEOUT] =
      g_param_spec_uint ("idle-timeout", NULL, NULL, 0, IDLE_TIMEOUT_MAX, 60,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* seconds between health reports to the registry */
  properties[PROP_HEALTH_INTERVAL] =
      g_param_spec_uint ("health-interval", NULL, NULL, 0, HEALTH_INTERVAL_MAX, 300,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* days a filing's row stays in the store once the registry confirmed it */
  properties[PROP_KEEP_DAYS] =
      g_param_spec_uint ("keep-days", NULL, NULL, 0, KEEP_DAYS_MAX, 30,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WINDOW_NAME] = string_property ("window-name");
  properties[PROP_DATA_FOLDER] = string_property ("data-folder");
  properties[PROP_TEXT_SIZE] =
      g_param_spec_enum ("text-size", NULL, NULL, KIOSK_TYPE_TEXT_SIZE, KIOSK_TEXT_SIZE_NORMAL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LANGUAGE] = string_property ("language");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_config_init (KioskConfig *self)
{
  char *reason = NULL;

  self->problems = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->problems, NULL);

  /* the schema's defaults, for when the schema itself is missing */
  self->registry_url = g_strdup ("https://registry.invalid/");
  self->registry_ca = g_strdup ("");
  self->device_token_file = g_strdup ("");
  self->idle_timeout = 60;
  self->health_interval = 300;
  self->keep_days = 30;
  self->window_name = g_strdup ("");
  self->text_size = KIOSK_TEXT_SIZE_NORMAL;
  self->language = g_strdup ("zh_CN");
  apply_data_folder (self, "", &reason);
}

/**
 * kiosk_config_new_defaults:
 *
 * Returns: (transfer full): the built-in defaults, without GSettings or keyfile
 */
KioskConfig *
kiosk_config_new_defaults (void)
{
  return g_object_new (KIOSK_TYPE_CONFIG, NULL);
}

static void
load_gsettings (KioskConfig *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      add_problem (self, g_strdup ("the settings schema " APP_ID
                                   " is not installed; using built-in defaults"));
      return;
    }

  settings = g_settings_new_full (schema, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr (GVariant) value = g_settings_get_value (settings, keys[i].key);
      g_autofree char *text = NULL;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        text = g_variant_dup_string (value, NULL);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
        text = g_strdup_printf ("%u", g_variant_get_uint32 (value));
      else
        continue;
      apply_value (self, "settings", keys[i].key, text);
    }
}

/**
 * kiosk_config_load_keyfile:
 * @path: a keyfile with a [kiosk] group
 *
 * Overrides settings with the values in @path. Bad values are reported and
 * skipped. A missing file is not an error: a site keyfile is optional.
 *
 * Returns: %FALSE if the file exists but cannot be read or parsed
 */
gboolean
kiosk_config_load_keyfile (KioskConfig *self, const char *path, GError **error)
{
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) names = NULL;
  g_autofree char *source = g_path_get_basename (path);

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), FALSE);

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      add_problem (self, g_strdup_printf ("%s cannot be read (%s); using the other settings", path,
                                          local_error->message));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  names = g_key_file_get_keys (keyfile, KEYFILE_GROUP, NULL, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr (GError) value_error = NULL;
      g_autofree char *text =
          g_key_file_get_string (keyfile, KEYFILE_GROUP, names[i], &value_error);

      if (text == NULL)
        add_problem (self, g_strdup_printf ("%s: %s cannot be read (%s); using the default", source,
                                            names[i], value_error->message));
      else
        apply_value (self, source, names[i], g_strstrip (text));
    }
  return TRUE;
}

/**
 * kiosk_config_load:
 * @keyfile_path: (nullable): the site keyfile; %NULL for the default path
 *
 * GSettings first, then the site keyfile on top.
 *
 * Returns: (transfer full): the configuration; never fails
 */
KioskConfig *
kiosk_config_load (const char *keyfile_path)
{
  KioskConfig *self = kiosk_config_new_defaults ();

  load_gsettings (self);
  kiosk_config_load_keyfile (
      self, keyfile_path != NULL ? keyfile_path : KIOSK_CONFIG_DEFAULT_KEYFILE, NULL);
  return self;
}

const char *
kiosk_config_get_registry_url (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);
  return self->registry_url;
}

/**
 * kiosk_config_get_registry_ca:
 *
 * Returns: (nullable): a CA file to trust for the registry, %NULL for the system's
 */
const char *
kiosk_config_get_registry_ca (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);
  return *self->registry_ca != '\0' ? self->registry_ca : NULL;
}

/**
 * kiosk_config_dup_device_token_file:
 *
 * Returns: (transfer full): the device token file, by default in the data folder
 */
char *
kiosk_config_dup_device_token_file (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);
  if (*self->device_token_file != '\0')
    return g_strdup (self->device_token_file);
  return g_build_filename (self->data_folder, "device-token", NULL);
}

void
kiosk_config_set_registry_url (KioskConfig *self, const char *url)
{
  g_autofree char *reason = NULL;

  g_return_if_fail (KIOSK_IS_CONFIG (self));
  if (!apply_registry_url (self, url, &reason))
    g_warning ("registry-url %s", reason);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRY_URL]);
}

guint
kiosk_config_get_idle_timeout (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), 0);
  return self->idle_timeout;
}

/**
 * kiosk_config_get_health_interval:
 *
 * Returns: seconds between the kiosk's health reports to the registry
 */
guint
kiosk_config_get_health_interval (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), 0);
  return self->health_interval;
}

/**
 * kiosk_config_get_keep_days:
 *
 * Returns: days a filing's row stays in the local store once the registry
 *   confirmed it
 */
guint
kiosk_config_get_keep_days (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), 0);
  return self->keep_days;
}

const char *
kiosk_config_get_window_name (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);
  return self->window_name;
}

const char *
kiosk_config_get_data_folder (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);
  return self->data_folder;
}

KioskTextSize
kiosk_config_get_text_size (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), KIOSK_TEXT_SIZE_NORMAL);
  return self->text_size;
}

const char *
kiosk_config_get_language (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);
  return self->language;
}

void
kiosk_config_set_data_folder (KioskConfig *self, const char *folder)
{
  g_return_if_fail (KIOSK_IS_CONFIG (self));
  g_return_if_fail (folder != NULL && g_path_is_absolute (folder));
  if (g_strcmp0 (self->data_folder, folder) == 0)
    return;
  replace_string (&self->data_folder, folder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_FOLDER]);
}

/**
 * kiosk_config_get_problems:
 *
 * Returns: (transfer none): what was wrong with the configuration, for staff
 */
const char *const *
kiosk_config_get_problems (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);
  return (const char *const *) self->problems->pdata;
}

static const char *const staff_keys[] = {
  "window-name",
  "idle-timeout",
  "text-size",
  NULL,
};

/* Keys staff could set on older kiosks and no longer can. */
static const char *const retired_staff_keys[] = {
  "registry-url",
  NULL,
};

/**
 * kiosk_config_get_staff_keys:
 *
 * Returns: (transfer none): the settings staff may change on the kiosk
 */
const char *const *
kiosk_config_get_staff_keys (void)
{
  return staff_keys;
}

/* The settings-table key under which the staff value of @key is stored. */
char *
kiosk_config_dup_store_key (const char *key)
{
  return g_strconcat (KIOSK_CONFIG_STORE_PREFIX, key, NULL);
}

/**
 * kiosk_config_set_value:
 * @key: one of kiosk_config_get_staff_keys()
 * @text: the value as text, as in the keyfile
 *
 * Checks and applies one value. A bad value changes nothing.
 *
 * Returns: %FALSE with @error (G_IO_ERROR_INVALID_ARGUMENT) saying why
 */
gboolean
kiosk_config_set_value (KioskConfig *self, const char *key, const char *text, GError **error)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), FALSE);
  g_return_val_if_fail (key != NULL && text != NULL, FALSE);

  if (!g_strv_contains (staff_keys, key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s cannot be set on the kiosk",
                   key);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *reason = NULL;

      if (!g_str_equal (keys[i].key, key))
        continue;
      if (apply_and_notify (self, i, text, &reason))
        return TRUE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s %s", key, reason);
      return FALSE;
    }
  g_assert_not_reached ();
}

/**
 * kiosk_config_load_store:
 * @store: the kiosk's local store
 *
 * Overrides settings with what staff set on the kiosk (the settings table,
 * keys from kiosk_config_dup_store_key()). Bad values are reported and skipped.
 */
void
kiosk_config_load_store (KioskConfig *self, StoreDatabase *store)
{
  g_return_if_fail (KIOSK_IS_CONFIG (self));
  g_return_if_fail (STORE_IS_DATABASE (store));

  for (guint i = 0; staff_keys[i] != NULL; i++)
    {
      g_autofree char *store_key = kiosk_config_dup_store_key (staff_keys[i]);
      g_autoptr (GError) error = NULL;
      g_autofree char *text = store_database_get_setting (store, store_key, &error);

      if (text != NULL)
        apply_value (self, "staff settings", staff_keys[i], text);
      else if (!g_error_matches (error, STORE_ERROR, STORE_ERROR_NOT_FOUND))
        add_problem (self, g_strdup_printf ("staff settings cannot be read (%s)", error->message));
    }

  /* said once, then forgotten: the value is not shown, it may be anything */
  for (guint i = 0; retired_staff_keys[i] != NULL; i++)
    {
      g_autofree char *store_key = kiosk_config_dup_store_key (retired_staff_keys[i]);
      g_autoptr (GError) error = NULL;
      g_autofree char *text = store_database_get_setting (store, store_key, NULL);

      if (text == NULL)
        continue;
      g_message ("a %s set on this kiosk's settings page is ignored and removed: it is an "
                 "operator setting now (the site keyfile)",
                 retired_staff_keys[i]);
      if (!store_database_remove_setting (store, store_key, &error))
        g_warning ("cannot remove the old %s setting: %s", retired_staff_keys[i], error->message);
    }
}

guint
kiosk_config_get_idle_timeout_min (void)
{
  return IDLE_TIMEOUT_MIN;
}

guint
kiosk_config_get_idle_timeout_max (void)
{
  return IDLE_TIMEOUT_MAX;
}
