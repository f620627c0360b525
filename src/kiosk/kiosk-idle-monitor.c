/* kiosk-idle-monitor.c: notices when nobody has touched the kiosk for a while
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input event that reaches the watched widget (captured before any child
 * sees it) counts as activity. After `timeout` seconds without one, a countdown
 * of `countdown` seconds starts; any activity cancels it; at zero the monitor
 * emits ::expired and the owner resets the kiosk. An inactive monitor (on the
 * attract page) never counts.
 *
 * Once the countdown runs, input no longer cancels it: the owner shows a
 * modal overlay whose own buttons call kiosk_idle_monitor_poke(), so the
 * touch that answers "are you still there?" presses nothing else.
 * ::seconds-left counts down every second for the header's "seconds left".
 */

#include "config.h"

#include "kiosk-idle-monitor.h"

#define DEFAULT_TIMEOUT_S 60
#define DEFAULT_COUNTDOWN_S 10

struct _KioskIdleMonitor
{
  GObject parent_instance;

  GtkWidget *watched; /* weak */
  GtkEventController *controller;

  gboolean active;
  guint timeout_s;
  guint limit_s; /* the visible page's own idle limit, 0 for none */
  guint countdown_s;
  gint64 last_activity_us;

  guint idle_source;
  guint tick_source;
  guint remaining_s;
  guint clock_source; /* every second while active, for seconds-left */
  guint seconds_left;
};

G_DEFINE_FINAL_TYPE (KioskIdleMonitor, kiosk_idle_monitor, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ACTIVE,
  PROP_COUNTING_DOWN,
  PROP_REMAINING,
  PROP_SECONDS_LEFT,
  N_PROPS
};

enum
{
  EXPIRED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void arm_idle_timer (KioskIdleMonitor *self);

static guint
effective_timeout (KioskIdleMonitor *self)
{
  return self->limit_s != 0 ? self->limit_s : self->timeout_s;
}

static guint
compute_seconds_left (KioskIdleMonitor *self)
{
  gint64 due_us;
  gint64 left_us;

  if (!self->active)
    return 0;
  if (self->tick_source != 0)
    return self->remaining_s;
  due_us = self->last_activity_us + (gint64) effective_timeout (self) * G_USEC_PER_SEC;
  left_us = MAX (0, due_us - g_get_monotonic_time ());
  return (guint) ((left_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC) + self->countdown_s;
}

static void
update_seconds_left (KioskIdleMonitor *self)
{
  guint left = compute_seconds_left (self);

  if (left == self->seconds_left)
    return;
  self->seconds_left = left;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS_LEFT]);
}

static gboolean
clock_cb (gpointer user_data)
{
  update_seconds_left (user_data);
  return G_SOURCE_CONTINUE;
}

static void
stop_countdown (KioskIdleMonitor *self)
{
  if (self->tick_source == 0)
    return;
  g_clear_handle_id (&self->tick_source, g_source_remove);
  self->remaining_s = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING_DOWN]);
}

static gboolean
countdown_tick_cb (gpointer user_data)
{
  KioskIdleMonitor *self = user_data;

  self->remaining_s--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
  update_seconds_left (self);
  if (self->remaining_s > 0)
    return G_SOURCE_CONTINUE;

  self->tick_source = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING_DOWN]);
  g_signal_emit (self, signals[EXPIRED], 0);

  /* the owner usually deactivates us by going home; if not, count again */
  if (self->active)
    {
      self->last_activity_us = g_get_monotonic_time ();
      arm_idle_timer (self);
    }
  return G_SOURCE_REMOVE;
}

static void
start_countdown (KioskIdleMonitor *self)
{
  self->remaining_s = self->countdown_s;
  self->tick_source = g_timeout_add_seconds (1, countdown_tick_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING_DOWN]);
}

/* The timer is not restarted on every event (motion comes in floods): it fires
 * at the first possible expiry and re-arms itself for whatever remains. */
static gboolean
idle_timer_cb (gpointer user_data)
{
  KioskIdleMonitor *self = user_data;
  gint64 idle_us = g_get_monotonic_time () - self->last_activity_us;

  self->idle_source = 0;
  if (idle_us + G_USEC_PER_SEC / 100 < (gint64) effective_timeout (self) * G_USEC_PER_SEC)
    arm_idle_timer (self);
  else
    start_countdown (self);
  return G_SOURCE_REMOVE;
}

static void
arm_idle_timer (KioskIdleMonitor *self)
{
  gint64 due_us = self->last_activity_us + (gint64) effective_timeout (self) * G_USEC_PER_SEC;
  gint64 wait_ms = MAX (0, (due_us - g_get_monotonic_time ()) / 1000);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  self->idle_source = g_timeout_add ((guint) wait_ms + 1, idle_timer_cb, self);
}

/**
 * kiosk_idle_monitor_poke:
 *
 * Counts as activity: cancels a running countdown and starts the idle time
 * again.
 */
void
kiosk_idle_monitor_poke (KioskIdleMonitor *self)
{
  g_return_if_fail (KIOSK_IS_IDLE_MONITOR (self));

  self->last_activity_us = g_get_monotonic_time ();
  if (!self->active)
    return;
  if (self->tick_source != 0)
    {
      stop_countdown (self);
      arm_idle_timer (self);
    }
  else if (self->idle_source == 0)
    arm_idle_timer (self);
  update_seconds_left (self);
}

static gboolean
event_cb (GtkEventControllerLegacy *controller, GdkEvent *event, KioskIdleMonitor *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
      case GDK_BUTTON_PRESS:
      case GDK_BUTTON_RELEASE:
      case GDK_MOTION_NOTIFY:
      case GDK_KEY_PRESS:
      case GDK_KEY_RELEASE:
      case GDK_SCROLL:
      case GDK_TOUCH_BEGIN:
      case GDK_TOUCH_UPDATE:
      case GDK_TOUCH_END:
        /* during the countdown only the overlay's answer counts */
        if (self->tick_source == 0)
          kiosk_idle_monitor_poke (self);
        break;
      default:
        break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
kiosk_idle_monitor_dispose (GObject *object)
{
  KioskIdleMonitor *self = KIOSK_IDLE_MONITOR (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->watched != NULL)
    {
      gtk_widget_remove_controller (self->watched, self->controller);
      g_clear_weak_pointer (&self->watched);
    }
  self->controller = NULL;

  G_OBJECT_CLASS (kiosk_idle_monitor_parent_class)->dispose (object);
}

static void
kiosk_idle_monitor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskIdleMonitor *self = KIOSK_IDLE_MONITOR (object);

  switch (prop_id)
    {
      case PROP_ACTIVE:
        g_value_set_boolean (value, self->active);
        break;
      case PROP_COUNTING_DOWN:
        g_value_set_boolean (value, kiosk_idle_monitor_get_counting_down (self));
        break;
      case PROP_REMAINING:
        g_value_set_uint (value, self->remaining_s);
        break;
      case PROP_SECONDS_LEFT:
        g_value_set_uint (value, self->seconds_left);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_idle_monitor_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  KioskIdleMonitor *self = KIOSK_IDLE_MONITOR (object);

  switch (prop_id)
    {
      case PROP_ACTIVE:
        kiosk_idle_monitor_set_active (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_idle_monitor_class_init (KioskIdleMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_idle_monitor_dispose;
  object_class->get_property = kiosk_idle_monitor_get_property;
  object_class->set_property = kiosk_idle_monitor_set_property;

  properties[PROP_ACTIVE] =
      g_param_spec_boolean ("active", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COUNTING_DOWN] = g_param_spec_boolean ("counting-down", NULL, NULL, FALSE,
                                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMAINING] = g_param_spec_uint ("remaining", NULL, NULL, 0, G_MAXUINT, 0,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * KioskIdleMonitor:seconds-left:
   *
   * Seconds before the kiosk resets if nobody touches it, countdown
   * included; 0 while inactive.
   */
  properties[PROP_SECONDS_LEFT] = g_param_spec_uint ("seconds-left", NULL, NULL, 0, G_MAXUINT, 0,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskIdleMonitor::expired:
   *
   * The countdown reached zero with nobody touching the kiosk.
   */
  signals[EXPIRED] = g_signal_new ("expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
kiosk_idle_monitor_init (KioskIdleMonitor *self)
{
  self->timeout_s = DEFAULT_TIMEOUT_S;
  self->countdown_s = DEFAULT_COUNTDOWN_S;
}

/**
 * kiosk_idle_monitor_new:
 * @watched: the widget whose input counts as activity, usually the window
 */
KioskIdleMonitor *
kiosk_idle_monitor_new (GtkWidget *watched)
{
  KioskIdleMonitor *self;

  g_return_val_if_fail (GTK_IS_WIDGET (watched), NULL);

  self = g_object_new (KIOSK_TYPE_IDLE_MONITOR, NULL);
  g_set_weak_pointer (&self->watched, watched);
  self->controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (self->controller, GTK_PHASE_CAPTURE);
  g_signal_connect (self->controller, "event", G_CALLBACK (event_cb), self);
  gtk_widget_add_controller (watched, self->controller);
  return self;
}

void
kiosk_idle_monitor_set_active (KioskIdleMonitor *self, gboolean active)
{
  g_return_if_fail (KIOSK_IS_IDLE_MONITOR (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;
  if (active)
    {
      self->last_activity_us = g_get_monotonic_time ();
      arm_idle_timer (self);
      self->clock_source = g_timeout_add_seconds (1, clock_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->idle_source, g_source_remove);
      g_clear_handle_id (&self->clock_source, g_source_remove);
      stop_countdown (self);
    }
  update_seconds_left (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

gboolean
kiosk_idle_monitor_get_active (KioskIdleMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_MONITOR (self), FALSE);
  return self->active;
}

void
kiosk_idle_monitor_set_timeout (KioskIdleMonitor *self, guint seconds)
{
  g_return_if_fail (KIOSK_IS_IDLE_MONITOR (self));
  g_return_if_fail (seconds > 0);

  self->timeout_s = seconds;
  if (self->idle_source != 0)
    arm_idle_timer (self);
  update_seconds_left (self);
}

/**
 * kiosk_idle_monitor_set_page_limit:
 * @seconds: the visible page's idle time before the countdown, 0 for the
 *   monitor's timeout
 *
 * A page that waits for something done away from the screen asks for more
 * time, one that holds data nobody attends to for less. The time already
 * idle counts.
 */
void
kiosk_idle_monitor_set_page_limit (KioskIdleMonitor *self, guint seconds)
{
  g_return_if_fail (KIOSK_IS_IDLE_MONITOR (self));

  if (self->limit_s == seconds)
    return;
  self->limit_s = seconds;
  if (self->idle_source != 0)
    arm_idle_timer (self);
  update_seconds_left (self);
}

guint
kiosk_idle_monitor_get_timeout (KioskIdleMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_MONITOR (self), 0);
  return self->timeout_s;
}

/**
 * kiosk_idle_monitor_get_seconds_left:
 *
 * Returns: seconds before the reset, countdown included; 0 while inactive
 */
guint
kiosk_idle_monitor_get_seconds_left (KioskIdleMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_MONITOR (self), 0);
  return self->seconds_left;
}

void
kiosk_idle_monitor_set_countdown (KioskIdleMonitor *self, guint seconds)
{
  g_return_if_fail (KIOSK_IS_IDLE_MONITOR (self));
  g_return_if_fail (seconds > 0);

  self->countdown_s = seconds;
}

guint
kiosk_idle_monitor_get_remaining (KioskIdleMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_MONITOR (self), 0);
  return self->remaining_s;
}

gboolean
kiosk_idle_monitor_get_counting_down (KioskIdleMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_MONITOR (self), FALSE);
  return self->tick_source != 0;
}
