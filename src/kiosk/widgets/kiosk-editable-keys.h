/* kiosk-editable-keys.h: what an on-screen key does to the entry it types into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean kiosk_editable_type_key (GtkEditable *target, guint max_length, const char *key);
void kiosk_editable_delete_last (GtkEditable *target);

G_END_DECLS
