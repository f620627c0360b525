/* kiosk-idle-overlay.c: "are you still there?" countdown over the whole window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It covers the page so the touch that cancels the countdown cannot also press
 * a button underneath by accident.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-idle-overlay.h"

struct _KioskIdleOverlay
{
  GtkWidget parent_instance;

  GtkLabel *countdown_label;
};

G_DEFINE_FINAL_TYPE (KioskIdleOverlay, kiosk_idle_overlay, GTK_TYPE_WIDGET)

static void
kiosk_idle_overlay_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_IDLE_OVERLAY);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kiosk_idle_overlay_parent_class)->dispose (object);
}

static void
kiosk_idle_overlay_class_init (KioskIdleOverlayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_idle_overlay_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/widgets/kiosk-idle-overlay.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskIdleOverlay, countdown_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "idleoverlay");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
kiosk_idle_overlay_init (KioskIdleOverlay *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
kiosk_idle_overlay_set_remaining (KioskIdleOverlay *self, guint seconds)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KIOSK_IS_IDLE_OVERLAY (self));

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "This page will be cleared in %u second.",
                                       "This page will be cleared in %u seconds.", seconds),
                          seconds);
  gtk_label_set_text (self->countdown_label, text);
}

const char *
kiosk_idle_overlay_get_message (KioskIdleOverlay *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_OVERLAY (self), NULL);
  return gtk_label_get_text (self->countdown_label);
}
