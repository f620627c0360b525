/* test-kiosk-config.c: the kiosk's settings, and what bad values do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "kiosk-config.h"

static char *
write_keyfile (const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("kiosk-XXXXXX.conf", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count_problems (KioskConfig *config)
{
  return g_strv_length ((char **) kiosk_config_get_problems (config));
}

static gboolean
has_problem (KioskConfig *config, const char *needle)
{
  const char *const *problems = kiosk_config_get_problems (config);

  for (guint i = 0; problems[i] != NULL; i++)
    if (strstr (problems[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_defaults (void)
{
  g_autoptr (KioskConfig) config = kiosk_config_new_defaults ();
  g_autofree char *expected_folder =
      g_build_filename (g_get_user_data_dir (), "practitioner-kiosk", NULL);

  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 60);
  g_assert_cmpstr (kiosk_config_get_language (config), ==, "zh_CN");
  g_assert_cmpint (kiosk_config_get_text_size (config), ==, KIOSK_TEXT_SIZE_NORMAL);
  g_assert_cmpstr (kiosk_config_get_window_name (config), ==, "");
  g_assert_cmpstr (kiosk_config_get_data_folder (config), ==, expected_folder);
  g_assert_cmpuint (count_problems (config), ==, 0);
}

/* the schema's defaults and the built-in ones agree */
static void
test_gsettings (void)
{
  g_autoptr (KioskConfig) config = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_uint (settings, "idle-timeout", 120);
  g_settings_set_string (settings, "window-name", "第三受理窗口");
  g_settings_set_enum (settings, "text-size", KIOSK_TEXT_SIZE_LARGE);

  config = kiosk_config_load ("/nonexistent/kiosk.conf");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 120);
  g_assert_cmpstr (kiosk_config_get_window_name (config), ==, "第三受理窗口");
  g_assert_cmpint (kiosk_config_get_text_size (config), ==, KIOSK_TEXT_SIZE_LARGE);
  g_assert_cmpstr (kiosk_config_get_language (config), ==, "zh_CN");
  g_assert_cmpuint (count_problems (config), ==, 0);

  g_settings_reset (settings, "idle-timeout");
  g_settings_reset (settings, "window-name");
  g_settings_reset (settings, "text-size");
}

static void
test_keyfile_overrides (void)
{
  g_autoptr (KioskConfig) config = NULL;
  g_autofree char *path = write_keyfile ("[kiosk]\n"
                                         "registry-url=https://registry.example.org/\n"
                                         "idle-timeout=90\n"
                                         "window-name=市受理服务中心 2号窗口\n"
                                         "data-folder=/var/lib/practitioner-kiosk\n"
                                         "text-size=large\n"
                                         "language=en\n");

  config = kiosk_config_load (path);
  g_assert_cmpstr (kiosk_config_get_registry_url (config), ==, "https://registry.example.org/");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 90);
  g_assert_cmpstr (kiosk_config_get_window_name (config), ==, "市受理服务中心 2号窗口");
  g_assert_cmpstr (kiosk_config_get_data_folder (config), ==, "/var/lib/practitioner-kiosk");
  g_assert_cmpint (kiosk_config_get_text_size (config), ==, KIOSK_TEXT_SIZE_LARGE);
  g_assert_cmpstr (kiosk_config_get_language (config), ==, "en");
  g_assert_cmpuint (count_problems (config), ==, 0);
  g_unlink (path);
}

/* every bad value is named, and the default stays */
static void
test_keyfile_bad_values (void)
{
  g_autoptr (KioskConfig) config = NULL;
  g_autofree char *path = write_keyfile (
      "[kiosk]\n"
      "registry-url=http://registry.example.org/\n"
      "idle-timeout=5\n"
      "window-name="
      "这个窗口名称实在太长了这个窗口名称实在太长了这个窗口名称实在太长了这个窗口名称实在太长了\n"
      "data-folder=relative/folder\n"
      "text-size=huge\n"
      "language=fr\n"
      "staff-pin-hash=1234\n"
      "colour=blue\n");

  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "*registry-url must be https*");
  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "*idle-timeout is not a number*");
  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "*window-name must be text*");
  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "*data-folder must be an absolute*");
  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "*text-size must be normal or large*");
  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "*language must be zh_CN or en*");
  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "*unknown setting staff-pin-hash*");
  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "*unknown setting colour*");
  config = kiosk_config_load (path);
  g_test_assert_expected_messages ();

  g_assert_cmpstr (kiosk_config_get_registry_url (config), ==, "https://registry.invalid/");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 60);
  g_assert_cmpstr (kiosk_config_get_window_name (config), ==, "");
  g_assert_cmpint (kiosk_config_get_text_size (config), ==, KIOSK_TEXT_SIZE_NORMAL);
  g_assert_cmpstr (kiosk_config_get_language (config), ==, "zh_CN");
  g_assert_cmpuint (count_problems (config), ==, 8);
  g_assert_true (has_problem (config, "idle-timeout"));
  g_unlink (path);
}

static void
test_loopback_http_allowed (void)
{
  g_autoptr (KioskConfig) config = NULL;
  g_autofree char *path = write_keyfile ("[kiosk]\nregistry-url=http://127.0.0.1:8080/\n");

  config = kiosk_config_load (path);
  g_assert_cmpstr (kiosk_config_get_registry_url (config), ==, "http://127.0.0.1:8080/");
  g_assert_cmpuint (count_problems (config), ==, 0);
  g_unlink (path);
}

static void
test_keyfile_garbage (void)
{
  g_autoptr (KioskConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_keyfile ("this is not\x01 a keyfile [[[\n");

  config = kiosk_config_new_defaults ();
  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "*cannot be read*");
  g_assert_false (kiosk_config_load_keyfile (config, path, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE);
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 60);
  g_unlink (path);
}

static void
test_keyfile_missing_is_fine (void)
{
  g_autoptr (KioskConfig) config = kiosk_config_new_defaults ();
  g_autoptr (GError) error = NULL;

  g_assert_true (kiosk_config_load_keyfile (config, "/nonexistent/kiosk.conf", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_problems (config), ==, 0);
}

/* GSettings < site keyfile < what staff set on the kiosk (the store) */
static void
test_staff_settings_win (void)
{
  g_autoptr (KioskConfig) config = NULL;
  g_autoptr (StoreDatabase) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("kiosk-config-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  g_autofree char *path = write_keyfile ("[kiosk]\n"
                                         "window-name=keyfile window\n"
                                         "idle-timeout=90\n"
                                         "text-size=normal\n");
  g_autofree char *key = NULL;

  g_assert_no_error (error);
  db_path = g_build_filename (folder, "kiosk.db", NULL);
  store = store_database_open (db_path, &error);
  g_assert_no_error (error);
  key = kiosk_config_dup_store_key ("window-name");
  g_assert_true (store_database_set_setting (store, key, "staff window", &error));
  g_assert_no_error (error);
  g_clear_pointer (&key, g_free);
  key = kiosk_config_dup_store_key ("text-size");
  g_assert_true (store_database_set_setting (store, key, "large", &error));
  g_assert_no_error (error);
  g_clear_pointer (&key, g_free);
  key = kiosk_config_dup_store_key ("idle-timeout");
  g_assert_true (store_database_set_setting (store, key, "5", &error));
  g_assert_no_error (error);

  config = kiosk_config_load (path);
  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "*staff settings: idle-timeout*");
  kiosk_config_load_store (config, store);
  g_test_assert_expected_messages ();

  g_assert_cmpstr (kiosk_config_get_window_name (config), ==, "staff window");
  g_assert_cmpint (kiosk_config_get_text_size (config), ==, KIOSK_TEXT_SIZE_LARGE);
  /* a bad staff value keeps the keyfile's */
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 90);
  g_assert_true (has_problem (config, "idle-timeout"));

  /* only the staff keys can be set that way */
  g_assert_false (kiosk_config_set_value (config, "data-folder", "/tmp", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (kiosk_config_set_value (config, "window-name",
                                          "这个窗口名称实在太长了这个窗口名称实在太长了这个窗口名称"
                                          "实在太长了这个窗口名称实在太长了",
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (kiosk_config_get_window_name (config), ==, "staff window");

  g_clear_object (&store);
  {
    g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (folder, name, NULL);
        g_unlink (child);
      }
  }
  g_rmdir (folder);
  g_unlink (path);
}

/* Where the kiosk sends personal data is the operator's: a registry
 * address staff set on an older kiosk is ignored, said once, and removed. */
static void
test_registry_is_operators (void)
{
  g_autoptr (KioskConfig) config = NULL;
  g_autoptr (StoreDatabase) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("kiosk-config-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  g_autofree char *path = write_keyfile ("[kiosk]\n"
                                         "registry-url=https://registry.example.org/\n"
                                         "registry-ca=/etc/practitioner-kiosk/registry-ca.pem\n");
  g_autofree char *key = kiosk_config_dup_store_key ("registry-url");
  g_autofree char *left = NULL;

  g_assert_no_error (error);
  g_assert_false (g_strv_contains (kiosk_config_get_staff_keys (), "registry-url"));
  g_assert_false (g_strv_contains (kiosk_config_get_staff_keys (), "registry-ca"));
  g_assert_false (kiosk_config_set_value (kiosk_config_new_defaults (), "registry-url",
                                          "https://elsewhere.example.org/", NULL));

  db_path = g_build_filename (folder, "kiosk.db", NULL);
  store = store_database_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (
      store_database_set_setting (store, key, "https://someone-elses.example.net/", &error));
  g_assert_no_error (error);

  config = kiosk_config_load (path);
  g_test_expect_message ("Kiosk", G_LOG_LEVEL_MESSAGE, "*registry-url set on this kiosk*ignored*");
  kiosk_config_load_store (config, store);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (kiosk_config_get_registry_url (config), ==, "https://registry.example.org/");
  g_assert_cmpstr (kiosk_config_get_registry_ca (config), ==,
                   "/etc/practitioner-kiosk/registry-ca.pem");
  /* removed, so the next start says nothing */
  left = store_database_get_setting (store, key, &error);
  g_assert_null (left);
  g_assert_error (error, STORE_ERROR, STORE_ERROR_NOT_FOUND);
  g_clear_object (&config);
  config = kiosk_config_load (path);
  kiosk_config_load_store (config, store);
  g_assert_cmpstr (kiosk_config_get_registry_url (config), ==, "https://registry.example.org/");

  g_clear_object (&store);
  {
    g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (folder, name, NULL);
        g_unlink (child);
      }
  }
  g_rmdir (folder);
  g_unlink (path);
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, GPtrArray *seen)
{
  g_ptr_array_add (seen, g_strdup (pspec->name));
}

/* Whoever shows a setting follows it: a change is notified once, a value
 * set again or refused is not. */
static void
test_changes_are_notified (void)
{
  g_autoptr (KioskConfig) config = kiosk_config_new_defaults ();
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  KioskTextSize size;

  g_signal_connect (config, "notify", G_CALLBACK (count_notify_cb), seen);
  g_assert_true (kiosk_config_set_value (config, "window-name", "3号窗口", &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_config_set_value (config, "window-name", "3号窗口", &error));
  g_assert_true (kiosk_config_set_value (config, "idle-timeout", "90", &error));
  g_assert_true (kiosk_config_set_value (config, "text-size", "large", &error));
  g_assert_false (kiosk_config_set_value (config, "idle-timeout", "5", &error));
  g_clear_error (&error);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "window-name");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "idle-timeout");
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "text-size");

  g_object_get (config, "text-size", &size, NULL);
  g_assert_cmpint (size, ==, KIOSK_TEXT_SIZE_LARGE);
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 90);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk-config/defaults", test_defaults);
  g_test_add_func ("/kiosk-config/changes-are-notified", test_changes_are_notified);
  g_test_add_func ("/kiosk-config/gsettings", test_gsettings);
  g_test_add_func ("/kiosk-config/keyfile-overrides", test_keyfile_overrides);
  g_test_add_func ("/kiosk-config/keyfile-bad-values", test_keyfile_bad_values);
  g_test_add_func ("/kiosk-config/staff-settings-win", test_staff_settings_win);
  g_test_add_func ("/kiosk-config/registry-is-operators", test_registry_is_operators);
  g_test_add_func ("/kiosk-config/loopback-http-allowed", test_loopback_http_allowed);
  g_test_add_func ("/kiosk-config/keyfile-garbage", test_keyfile_garbage);
  g_test_add_func ("/kiosk-config/keyfile-missing-is-fine", test_keyfile_missing_is_fine);
  return g_test_run ();
}
