/* kiosk-sync-indicator.c: a small line saying whether filings reach the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Walk-up people only need to know that their filing is safe; staff need to
 * know when the kiosk has been offline for a while. The line says both in a
 * few words; details are on the staff page.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-sync-indicator.h"

struct _KioskSyncIndicator
{
  GtkWidget parent_instance;

  GtkLabel *label;
  SyncEngine *engine;
  char *problem;
};

G_DEFINE_FINAL_TYPE (KioskSyncIndicator, kiosk_sync_indicator, GTK_TYPE_WIDGET)

static void
update (KioskSyncIndicator *self)
{
  g_autofree char *text = NULL;
  const char *css = "sync-ok";
  guint queued;

  if (self->engine == NULL)
    {
      gtk_label_set_text (self->label, _ ("Not connected to the registry; filings are kept here"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->problem);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "sync-ok");
      gtk_widget_add_css_class (GTK_WIDGET (self), "sync-offline");
      return;
    }

  queued = sync_engine_get_queued (self->engine);
  switch (sync_engine_get_state (self->engine))
    {
      case SYNC_STATE_SYNCING:
        text = g_strdup (_ ("Sending filings to the registry…"));
        break;
      case SYNC_STATE_ONLINE:
        text = queued == 0
                   ? g_strdup (_ ("All filings are with the registry"))
                   : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u filing waiting to be sent",
                                                   "%u filings waiting to be sent", queued),
                                      queued);
        break;
      case SYNC_STATE_OFFLINE:
      default:
        css = "sync-offline";
        text = queued == 0
                   ? g_strdup (_ ("Registry not reachable"))
                   : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Offline: %u filing kept safely here",
                                                   "Offline: %u filings kept safely here", queued),
                                      queued);
        break;
    }
  gtk_label_set_text (self->label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "sync-ok");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "sync-offline");
  gtk_widget_add_css_class (GTK_WIDGET (self), css);
}

static void
kiosk_sync_indicator_dispose (GObject *object)
{
  KioskSyncIndicator *self = KIOSK_SYNC_INDICATOR (object);
  GtkWidget *child;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SYNC_INDICATOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kiosk_sync_indicator_parent_class)->dispose (object);
}

static void
kiosk_sync_indicator_finalize (GObject *object)
{
  g_free (KIOSK_SYNC_INDICATOR (object)->problem);

  G_OBJECT_CLASS (kiosk_sync_indicator_parent_class)->finalize (object);
}

static void
kiosk_sync_indicator_class_init (KioskSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_sync_indicator_dispose;
  object_class->finalize = kiosk_sync_indicator_finalize;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/widgets/kiosk-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSyncIndicator, label);
  /* a column, not a bin: a column gives the footer no baseline, so two
   * lines of text are centred beside the buttons instead of hanging from
   * their text's baseline, which made the footer taller than either */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "syncindicator");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
kiosk_sync_indicator_init (KioskSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (
      GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
  update (self);
}

/**
 * kiosk_sync_indicator_set_engine:
 * @engine: (nullable): the kiosk's engine
 * @problem: (nullable): why there is none, shown as a tooltip for staff
 */
void
kiosk_sync_indicator_set_engine (KioskSyncIndicator *self, SyncEngine *engine, const char *problem)
{
  g_return_if_fail (KIOSK_IS_SYNC_INDICATOR (self));

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  g_free (self->problem);
  self->problem = g_strdup (problem);
  if (engine != NULL)
    g_signal_connect_swapped (engine, "notify", G_CALLBACK (update), self);
  update (self);
}

const char *
kiosk_sync_indicator_get_text (KioskSyncIndicator *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_INDICATOR (self), NULL);
  return gtk_label_get_text (self->label);
}
