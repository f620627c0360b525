/* kiosk-editable-keys.c: what an on-screen key does to the entry it types into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the numeric and the alphanumeric keypads: keys always type at the
 * end, whatever the caret, because a touch user cannot place it precisely.
 */

#include "config.h"

#include "kiosk-editable-keys.h"

/**
 * kiosk_editable_type_key:
 * @max_length: the most characters @target may hold; 0 for no limit
 * @key: the text of the key
 *
 * Returns: %FALSE when @target is full and nothing was typed
 */
gboolean
kiosk_editable_type_key (GtkEditable *target, guint max_length, const char *key)
{
  int position;

  if (max_length > 0 && g_utf8_strlen (gtk_editable_get_text (target), -1) >= (glong) max_length)
    return FALSE;

  gtk_editable_set_position (target, -1);
  position = gtk_editable_get_position (target);
  gtk_editable_insert_text (target, key, -1, &position);
  gtk_editable_set_position (target, position);
  return TRUE;
}

void
kiosk_editable_delete_last (GtkEditable *target)
{
  int n_chars = (int) g_utf8_strlen (gtk_editable_get_text (target), -1);

  if (n_chars > 0)
    gtk_editable_delete_text (target, n_chars - 1, n_chars);
}
