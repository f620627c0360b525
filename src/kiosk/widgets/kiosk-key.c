/* kiosk-key.c: a key of the on-screen keypad and keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A button that clicks once for every activation. A GtkButton activated
 * (Enter or Space on it, or the click action of assistive technology, which
 * calls gtk_widget_activate()) looks pressed for a quarter of a second and
 * clicks only then, ignoring any activation in between: the second 0 of
 * "00" pressed by a screen reader, a switch or a keyboard within that time
 * was lost, and the last digit landed after the person had moved on. A key
 * clicks at once instead; a tap is a click as on any button.
 */

#include "config.h"

#include "kiosk-key.h"

struct _KioskKey
{
  GtkButton parent_instance;
};

G_DEFINE_FINAL_TYPE (KioskKey, kiosk_key, GTK_TYPE_BUTTON)

static void
kiosk_key_activate (GtkButton *button)
{
  g_signal_emit_by_name (button, "clicked");
}

static void
kiosk_key_class_init (KioskKeyClass *klass)
{
  GtkButtonClass *button_class = GTK_BUTTON_CLASS (klass);

  button_class->activate = kiosk_key_activate;
}

static void
kiosk_key_init (KioskKey *self)
{
}

GtkWidget *
kiosk_key_new (const char *label)
{
  return g_object_new (KIOSK_TYPE_KEY, "label", label, NULL);
}
