/* store-sealer.h: encrypts personal data at rest under the kiosk's own key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STORE_TYPE_SEALER (store_sealer_get_type ())

G_DECLARE_FINAL_TYPE (StoreSealer, store_sealer, STORE, SEALER, GObject)

StoreSealer *store_sealer_new_for_folder (const char *folder, GError **error);

GBytes *store_sealer_seal (StoreSealer *self, GBytes *plain);
GBytes *store_sealer_open (StoreSealer *self, GBytes *sealed, GError **error);

G_END_DECLS
