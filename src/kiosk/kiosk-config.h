/* kiosk-config.h: the kiosk's settings: GSettings < site keyfile < staff settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "store-database.h"

G_BEGIN_DECLS

typedef enum
{
  KIOSK_TEXT_SIZE_NORMAL,
  KIOSK_TEXT_SIZE_LARGE,
} KioskTextSize;

#define KIOSK_TYPE_CONFIG (kiosk_config_get_type ())

G_DECLARE_FINAL_TYPE (KioskConfig, kiosk_config, KIOSK, CONFIG, GObject)

#define KIOSK_CONFIG_DEFAULT_KEYFILE SYSCONFDIR "/practitioner-kiosk/kiosk.conf"
/* staff settings live in the store's settings table under this prefix */
#define KIOSK_CONFIG_STORE_PREFIX "config."

KioskConfig *kiosk_config_new_defaults (void);
KioskConfig *kiosk_config_load (const char *keyfile_path);
gboolean kiosk_config_load_keyfile (KioskConfig *self, const char *path, GError **error);

const char *kiosk_config_get_registry_url (KioskConfig *self);
const char *kiosk_config_get_registry_ca (KioskConfig *self);
char *kiosk_config_dup_device_token_file (KioskConfig *self);
void kiosk_config_set_registry_url (KioskConfig *self, const char *url);
guint kiosk_config_get_idle_timeout (KioskConfig *self);
guint kiosk_config_get_health_interval (KioskConfig *self);
guint kiosk_config_get_keep_days (KioskConfig *self);
const char *kiosk_config_get_window_name (KioskConfig *self);
const char *kiosk_config_get_data_folder (KioskConfig *self);
KioskTextSize kiosk_config_get_text_size (KioskConfig *self);
const char *kiosk_config_get_language (KioskConfig *self);
void kiosk_config_set_data_folder (KioskConfig *self, const char *folder);

const char *const *kiosk_config_get_problems (KioskConfig *self);

const char *const *kiosk_config_get_staff_keys (void);
char *kiosk_config_dup_store_key (const char *key);
gboolean
kiosk_config_set_value (KioskConfig *self, const char *key, const char *text, GError **error);
void kiosk_config_load_store (KioskConfig *self, StoreDatabase *store);
guint kiosk_config_get_idle_timeout_min (void);
guint kiosk_config_get_idle_timeout_max (void);

G_END_DECLS
