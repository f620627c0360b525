/* kiosk-idle-overlay.c: "are you still there?" countdown over the whole window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It covers the page so the touch that cancels the countdown cannot also press
 * a button underneath by accident: it takes every touch itself, a tap
 * anywhere or Continue answers ::continue when the finger lifts, End and
 * clear answers ::end. The owner blurs and disables the page behind it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-confirmation.h"
#include "kiosk-duration.h"
#include "kiosk-idle-overlay.h"

struct _KioskIdleOverlay
{
  GtkWidget parent_instance;

  KioskConfirmation *confirmation;
};

enum
{
  CONTINUE,
  END,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
continue_cb (KioskIdleOverlay *self)
{
  g_signal_emit (self, signals[CONTINUE], 0);
}

static void
end_cb (KioskIdleOverlay *self)
{
  g_signal_emit (self, signals[END], 0);
}

static gboolean
on_a_button (KioskIdleOverlay *self, double x, double y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  return picked != NULL && gtk_widget_get_ancestor (picked, GTK_TYPE_BUTTON) != NULL;
}

/* Every press and release outside the overlay's own buttons is ours: the
 * finger lifting answers Continue, and nothing underneath sees either. */
static gboolean
event_cb (GtkEventControllerLegacy *controller, GdkEvent *event, KioskIdleOverlay *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  double x, y;

  if (type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE && type != GDK_TOUCH_BEGIN &&
      type != GDK_TOUCH_END)
    return GDK_EVENT_PROPAGATE;
  if (gdk_event_get_position (event, &x, &y))
    {
      graphene_point_t point;

      if (gtk_widget_compute_point (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))),
                                    GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point) &&
          on_a_button (self, point.x, point.y))
        return GDK_EVENT_PROPAGATE;
    }
  if (type == GDK_BUTTON_RELEASE || type == GDK_TOUCH_END)
    continue_cb (self);
  return GDK_EVENT_STOP;
}

static void
kiosk_idle_overlay_class_init (KioskIdleOverlayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_idle_overlay_dispose;

  g_type_ensure (KIOSK_TYPE_CONFIRMATION);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/widgets/kiosk-idle-overlay.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskIdleOverlay, confirmation);
  gtk_widget_class_bind_template_callback (widget_class, continue_cb);
  gtk_widget_class_bind_template_callback (widget_class, end_cb);

  /**
   * KioskIdleOverlay::continue:
   *
   * The person answered: they are still there.
   */
  signals[CONTINUE] = g_signal_new ("continue", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * KioskIdleOverlay::end:
   *
   * The person wants the page cleared now.
   */
  signals[END] = g_signal_new ("end", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                               NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "idleoverlay");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
kiosk_idle_overlay_init (KioskIdleOverlay *self)
{
  GtkEventController *legacy;

  gtk_widget_init_template (GTK_WIDGET (self));
  legacy = gtk_event_controller_legacy_new ();
  g_signal_connect (legacy, "event", G_CALLBACK (event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), legacy);
}

/**
 * kiosk_idle_overlay_get_continue_button:
 *
 * Returns: (transfer none): the button that keeps the page, focused while
 *   the overlay shows so keys typed reach nothing behind it
 */
GtkWidget *
kiosk_idle_overlay_get_continue_button (KioskIdleOverlay *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_OVERLAY (self), NULL);
  return kiosk_confirmation_get_cancel_button (self->confirmation);
}

void
kiosk_idle_overlay_set_remaining (KioskIdleOverlay *self, guint seconds)
{
  g_autofree char *time = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (KIOSK_IS_IDLE_OVERLAY (self));

  /* in minutes and seconds from a minute up, as the header counts, in
   * words: it is a sentence */
  time = kiosk_duration_words (seconds);
  /* TRANSLATORS: %s is the time left, e.g. 本页面将在 9 分 58 秒后清空。 */
  text = g_strdup_printf (_ ("This page will be cleared in %s."), time);
  kiosk_confirmation_set_message (self->confirmation, text);
  /* the window, and this overlay with it, outlives language switches: its
   * words are looked up again each time it counts */
  kiosk_confirmation_set_question (self->confirmation, _ ("Are you still there?"));
  kiosk_confirmation_set_confirm_label (self->confirmation, _ ("End and clear"));
  kiosk_confirmation_set_cancel_label (self->confirmation, _ ("Continue"));
}

const char *
kiosk_idle_overlay_get_message (KioskIdleOverlay *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_OVERLAY (self), NULL);
  return kiosk_confirmation_get_message (self->confirmation);
}
