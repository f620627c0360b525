/* kiosk-window.c: the kiosk's one full-screen window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Undecorated and full-screen; a walk-up person cannot close, minimise or
 * leave it. It closes only through staff mode ("win.exit-kiosk") or when the
 * kiosk runs --windowed for development.
 *
 * Text and touch targets scale with the window's height: the window picks
 * a scale class (style.css) from the height it is given, so a 1080-line
 * screen gets larger text and targets than an 800-line one. It tells the
 * visible page the seconds left before the idle reset and applies the
 * page's idle limit.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <time.h>

#include "kiosk-card-reminder.h"
#include "kiosk-demo-tray.h"
#include "kiosk-filing-controller.h"
#include "kiosk-keyboard-dock.h"
#include "kiosk-keyboard.h"
#include "kiosk-systemd.h"
#include "kiosk-window.h"

struct _KioskWindow
{
  GtkApplicationWindow parent_instance;

  GtkOverlay *overlay;
  KioskKeyboardDock *keyboard_dock;
  KioskDemoTray *demo_tray;         /* in demo mode only */
  KioskIdleOverlay *idle_overlay;   /* %NULL until the first countdown */
  KioskCardReminder *card_reminder; /* %NULL until a card is first left */

  KioskServices *services;
  KioskVisit *visit; /* the person in front of the kiosk, forgotten at home */
  KioskFlow *flow;
  KioskFilingController *filing_controller;
  KioskIdleMonitor *idle_monitor;
  gboolean may_close;
  gulong first_frame_handler;
  gboolean first_frame_painted;
  KioskPage *watched_page; /* the visible page whose idle limit applies */
  const char *scale_class;
  guint scale_source;
};

/* window heights from which each scale class applies, smallest first */
static const struct
{
  int min_height;
  const char *css_class;
} scales[] = {
  { 0, "scale-small" },
  { 960, "scale-large" },
};

G_DEFINE_FINAL_TYPE (KioskWindow, kiosk_window, GTK_TYPE_APPLICATION_WINDOW)

enum
{
  SIGNAL_VISIT_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
page_idle_limit_changed_cb (KioskWindow *self)
{
  if (self->idle_monitor == NULL)
    return;
  kiosk_idle_monitor_set_page_limit (
      self->idle_monitor,
      self->watched_page != NULL ? kiosk_page_get_idle_limit (self->watched_page) : 0);
}

static void
seconds_left_changed_cb (KioskWindow *self)
{
  if (self->watched_page != NULL && self->idle_monitor != NULL)
    kiosk_page_set_seconds_left (self->watched_page,
                                 kiosk_idle_monitor_get_seconds_left (self->idle_monitor));
}

static void
watch_page (KioskWindow *self, KioskPage *page)
{
  if (self->watched_page == page)
    return;
  if (self->watched_page != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->watched_page, self);
      kiosk_page_set_seconds_left (self->watched_page, 0);
    }
  g_set_weak_pointer (&self->watched_page, page);
  if (page != NULL)
    g_signal_connect_swapped (page, "notify::idle-limit", G_CALLBACK (page_idle_limit_changed_cb),
                              self);
  page_idle_limit_changed_cb (self);
  seconds_left_changed_cb (self);
}

static void
visible_page_changed_cb (KioskWindow *self)
{
  KioskPageId visible = kiosk_flow_get_visible_page_id (self->flow);

  kiosk_idle_monitor_set_active (self->idle_monitor, visible != KIOSK_PAGE_ATTRACT);
  watch_page (self, kiosk_flow_get_visible_page (self->flow));
  /* the keyboard belongs to the page it was called up on; home, the visit is over */
  kiosk_keyboard_dock_page_changed (self->keyboard_dock,
                                    GTK_WIDGET (kiosk_flow_get_visible_page (self->flow)));
  if (visible == KIOSK_PAGE_ATTRACT)
    kiosk_keyboard_dock_end_visit (self->keyboard_dock);
  /* the way out is on the staff page only */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.exit-kiosk", visible == KIOSK_PAGE_STAFF);
}

/* Staff see what the keyboard could not load, known only once its engines
 * have tried (they load when the keyboard is first shown): none before the
 * keyboard is made. */
static void
keyboard_problems_cb (KioskWindow *self)
{
  KioskKeyboard *keyboard = kiosk_keyboard_dock_peek_keyboard (self->keyboard_dock);
  g_auto (GStrv) problems = keyboard != NULL ? kiosk_keyboard_dup_problems (keyboard) : NULL;

  kiosk_services_set_input_problems (self->services, (const char *const *) problems);
}

/* The dock makes the keyboard when a field first calls it up. */
static void
keyboard_made_cb (KioskWindow *self)
{
  g_signal_connect_object (kiosk_keyboard_dock_peek_keyboard (self->keyboard_dock),
                           "notify::problems", G_CALLBACK (keyboard_problems_cb), self,
                           G_CONNECT_SWAPPED);
  keyboard_problems_cb (self);
}

/* A card left on the reader after its visit: the page behind can wait, and
 * takes no touch until the card is lifted. */
static void
reminding_changed_cb (KioskWindow *self)
{
  gboolean reminding = kiosk_filing_controller_get_reminding (self->filing_controller);

  if (reminding)
    {
      g_message ("a card was left on the reader; asking for it to be taken");
      /* made the first time, like its picture and chime: most starts never
       * need it. Over the pages, under the demo tray and the countdown. */
      if (self->card_reminder == NULL)
        {
          self->card_reminder = g_object_new (KIOSK_TYPE_CARD_REMINDER, "visible", FALSE, NULL);
          gtk_overlay_add_overlay (self->overlay, GTK_WIDGET (self->card_reminder));
          gtk_widget_insert_after (GTK_WIDGET (self->card_reminder), GTK_WIDGET (self->overlay),
                                   GTK_WIDGET (self->keyboard_dock));
        }
      kiosk_card_reminder_show (self->card_reminder);
    }
  else if (self->card_reminder != NULL)
    kiosk_card_reminder_hide (self->card_reminder);
}

/* The window's title, in the kiosk's language: what window managers and
 * screen readers call it. Set from the first painted frame on, as nobody
 * sees a full-screen kiosk's title: on X a title in Chinese goes through
 * Xlib's compound text, whose first use loads the locale's tables, some
 * 2.3 M instructions of the main thread before the first frame. */
static void
update_title (KioskWindow *self)
{
  if (self->first_frame_painted)
    gtk_window_set_title (GTK_WINDOW (self), _ ("Practitioner Kiosk"));
}

/**
 * kiosk_window_rebuild_pages:
 *
 * Builds the pages anew (each when it is first shown), so each string is
 * translated again after a language switch, and shows the page that was
 * visible before.
 */
void
kiosk_window_rebuild_pages (KioskWindow *self)
{
  KioskPageId visible = KIOSK_PAGE_ATTRACT;

  g_return_if_fail (KIOSK_IS_WINDOW (self));

  if (self->flow != NULL)
    {
      visible = kiosk_flow_get_visible_page_id (self->flow);
      g_signal_handlers_disconnect_by_data (self->flow, self);
    }
  watch_page (self, NULL);

  /* home now, each other page when it is first shown */
  self->flow = kiosk_flow_new (self->services, self->visit);
  kiosk_keyboard_dock_set_content (self->keyboard_dock, GTK_WIDGET (self->flow));
  /* it knows what lies on the reader: it stays, and moves the new flow */
  if (self->filing_controller != NULL)
    kiosk_filing_controller_set_flow (self->filing_controller, self->flow);
  else
    {
      self->filing_controller = kiosk_filing_controller_new (
          self->flow, kiosk_services_get_reader (self->services), self->visit);
      g_signal_connect_object (self->filing_controller, "notify::reminding",
                               G_CALLBACK (reminding_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_swapped (self->flow, "notify::visible-page",
                            G_CALLBACK (visible_page_changed_cb), self);
  if (visible != KIOSK_PAGE_ATTRACT)
    kiosk_flow_go_to (self->flow, visible, NULL);
  visible_page_changed_cb (self);
  update_title (self);
}

static void
idle_expired_cb (KioskWindow *self)
{
  g_info ("nobody touched the kiosk; resetting every page");
  kiosk_flow_reset (self->flow);
  g_signal_emit (self, signals[SIGNAL_VISIT_ENDED], 0);
}

static void overlay_continue_cb (KioskWindow *self);
static void overlay_end_cb (KioskWindow *self);

/* The countdown is made when a visit is first left idle: most of a kiosk's
 * starts never need it before their first frame, or at all. On top of
 * everything else the window shows. */
static void
ensure_idle_overlay (KioskWindow *self)
{
  if (self->idle_overlay != NULL)
    return;
  self->idle_overlay = g_object_new (KIOSK_TYPE_IDLE_OVERLAY, "visible", FALSE, NULL);
  g_signal_connect_swapped (self->idle_overlay, "continue", G_CALLBACK (overlay_continue_cb), self);
  g_signal_connect_swapped (self->idle_overlay, "end", G_CALLBACK (overlay_end_cb), self);
  gtk_overlay_add_overlay (self->overlay, GTK_WIDGET (self->idle_overlay));
}

static void
counting_down_changed_cb (KioskWindow *self)
{
  gboolean counting = kiosk_idle_monitor_get_counting_down (self->idle_monitor);
  gboolean was_counting;

  if (!counting && self->idle_overlay == NULL)
    return;
  ensure_idle_overlay (self);
  was_counting = gtk_widget_get_visible (GTK_WIDGET (self->idle_overlay));
  kiosk_idle_overlay_set_remaining (self->idle_overlay,
                                    kiosk_idle_monitor_get_remaining (self->idle_monitor));
  if (counting == was_counting)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->idle_overlay), counting);
  /* keys typed go to the overlay's focused button; the page behind is
   * blurred (nothing on it can be read over a shoulder), no touch reaches
   * it, and a screen reader reads the question alone (and cannot press
   * what is behind it) */
  if (counting)
    gtk_widget_grab_focus (kiosk_idle_overlay_get_continue_button (self->idle_overlay));
  /* the dock holds the pages and the on-screen keyboard: both go behind */
  gtk_widget_set_can_target (GTK_WIDGET (self->keyboard_dock), !counting);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->keyboard_dock), GTK_ACCESSIBLE_STATE_HIDDEN,
                               counting, -1);
  if (counting)
    gtk_widget_add_css_class (GTK_WIDGET (self->keyboard_dock), "blurred");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->keyboard_dock), "blurred");
}

/* While the countdown shows, every touch is the overlay's, whatever lies
 * under the finger: a press or release outside the overlay's own buttons
 * is stopped before it reaches any widget, and the lifting finger answers
 * Continue. */
static gboolean
countdown_event_cb (GtkEventControllerLegacy *controller, GdkEvent *event, KioskWindow *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  GtkWidget *picked = NULL;
  double x, y;

  if (self->idle_overlay == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->idle_overlay)))
    return GDK_EVENT_PROPAGATE;
  if (type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE && type != GDK_TOUCH_BEGIN &&
      type != GDK_TOUCH_UPDATE && type != GDK_TOUCH_END)
    return GDK_EVENT_PROPAGATE;
  if (gdk_event_get_position (event, &x, &y))
    picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  if (picked != NULL && gtk_widget_is_ancestor (picked, GTK_WIDGET (self->idle_overlay)) &&
      gtk_widget_get_ancestor (picked, GTK_TYPE_BUTTON) != NULL)
    return GDK_EVENT_PROPAGATE;
  if (type == GDK_BUTTON_RELEASE || type == GDK_TOUCH_END)
    kiosk_idle_monitor_poke (self->idle_monitor);
  return GDK_EVENT_STOP;
}

static void
overlay_continue_cb (KioskWindow *self)
{
  kiosk_idle_monitor_poke (self->idle_monitor);
}

static void
overlay_end_cb (KioskWindow *self)
{
  kiosk_idle_monitor_poke (self->idle_monitor);
  idle_expired_cb (self);
}

static gboolean
apply_scale_cb (gpointer user_data)
{
  KioskWindow *self = user_data;

  self->scale_source = 0;
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), scales[i].css_class);
  gtk_widget_add_css_class (GTK_WIDGET (self), self->scale_class);
  return G_SOURCE_REMOVE;
}

/* The scale class follows the height the window got; it changes after the
 * allocation, not during it. */
static void
kiosk_window_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  KioskWindow *self = KIOSK_WINDOW (widget);
  const char *scale = scales[0].css_class;

  GTK_WIDGET_CLASS (kiosk_window_parent_class)->size_allocate (widget, width, height, baseline);

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (height >= scales[i].min_height)
      scale = scales[i].css_class;
  if (scale != self->scale_class)
    {
      self->scale_class = scale;
      if (self->scale_source == 0)
        self->scale_source = g_idle_add (apply_scale_cb, self);
    }
}

/**
 * kiosk_window_get_scale_class:
 *
 * Returns: the CSS class the window's height chose, e.g. "scale-large"
 */
const char *
kiosk_window_get_scale_class (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  return self->scale_class;
}

static void
exit_kiosk_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);
  StoreDatabase *store = kiosk_services_get_store (self->services);
  KioskStaffAuth *auth = kiosk_services_get_staff_auth (self->services);
  const char *user;
  g_autoptr (GError) error = NULL;

  /* not the action's enabled state alone: a live staff sign-in, now */
  if (!kiosk_staff_auth_authorize (auth, "exit-kiosk"))
    return;
  user = kiosk_staff_auth_get_user (auth);
  /* the account that left goes with the record */
  if (store != NULL && !store_database_audit (store, "staff", "exit-kiosk", user, &error))
    g_warning ("cannot record leaving the kiosk in the audit log: %s", error->message);
  g_message ("staff %s left the kiosk", user);
  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
kiosk_window_close_request (GtkWindow *window)
{
  KioskWindow *self = KIOSK_WINDOW (window);

  if (!self->may_close)
    return TRUE; /* Alt+F4 and friends: a walk-up person cannot leave */

  return GTK_WINDOW_CLASS (kiosk_window_parent_class)->close_request (window);
}

/* CPU time of the main thread so far: what the first frame cost the kiosk
 * itself, which a busy machine moves far less than the wall clock */
static gint64
main_thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

/* systemd waits for the first painted frame (READY=1). tests/bench/startup
 * reads the moment it was painted, on the same monotonic clock the benchmark
 * reads before it starts the kiosk. */
static void
first_frame_cb (GdkFrameClock *clock, KioskWindow *self)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  g_clear_signal_handler (&self->first_frame_handler, clock);
  self->first_frame_painted = TRUE;
  kiosk_systemd_notify_ready ();
  if (g_getenv ("PRACTITIONER_KIOSK_STARTUP_PROBE") != NULL)
    {
      g_print ("first-frame-monotonic-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
      g_print ("first-frame-main-thread-cpu-us: %" G_GINT64_FORMAT "\n", main_thread_cpu_us ());
      g_print ("renderer: %s\n", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
      fflush (stdout);
    }
  update_title (self);
}

static void
kiosk_window_map (GtkWidget *widget)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  GTK_WIDGET_CLASS (kiosk_window_parent_class)->map (widget);

  if (!self->first_frame_painted && self->first_frame_handler == 0)
    self->first_frame_handler = g_signal_connect (gtk_widget_get_frame_clock (widget),
                                                  "after-paint", G_CALLBACK (first_frame_cb), self);
}

/* A window manager's key (matchbox binds F11) or the compositor may take
 * full screen away; the kiosk takes it back at once. */
static void
fullscreened_changed_cb (KioskWindow *self)
{
  /* unless staff are leaving the kiosk */
  if (!self->may_close && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_window_fullscreen (GTK_WINDOW (self));
}

static void
idle_timeout_changed_cb (KioskWindow *self, GParamSpec *pspec, KioskConfig *config)
{
  kiosk_idle_monitor_set_timeout (self->idle_monitor, kiosk_config_get_idle_timeout (config));
}

/* The services and the window mode come from kiosk_window_new(): the window
 * knows nothing of the application that made it. */
static void
setup_with_services (KioskWindow *self, KioskServices *services, gboolean windowed)
{
  KioskConfig *config;

  self->services = g_object_ref (services);
  self->visit = kiosk_visit_new (kiosk_services_get_registry (self->services));
  config = kiosk_services_get_config (self->services);

  self->may_close = windowed;
  if (!windowed)
    {
      GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
      g_autoptr (GdkMonitor) monitor =
          g_list_model_get_item (gdk_display_get_monitors (display), 0);

      /* the screen's size as well: a compositor that grants full screen
       * without saying a size (cage) leaves the window at its natural
       * size, and the welcome page alone is narrower than the screen */
      if (monitor != NULL)
        {
          GdkRectangle geometry;

          gdk_monitor_get_geometry (monitor, &geometry);
          gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
        }
      gtk_window_fullscreen (GTK_WINDOW (self));
      g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreened_changed_cb), NULL);
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);

  /* a real kiosk has no demo drawer at all, not even a hidden one; the
   * demo's goes over the card reminder (it lifts the demo's cards) and
   * under the idle countdown, both made later */
  if (kiosk_services_get_demo (self->services) != NULL)
    {
      self->demo_tray = g_object_new (KIOSK_TYPE_DEMO_TRAY, "halign", GTK_ALIGN_START, "valign",
                                      GTK_ALIGN_CENTER, NULL);
      kiosk_demo_tray_set_demo (self->demo_tray, kiosk_services_get_demo (self->services));
      gtk_overlay_add_overlay (self->overlay, GTK_WIDGET (self->demo_tray));
    }
  /* staff may change the timeout on the settings page */
  g_signal_connect_object (config, "notify::idle-timeout", G_CALLBACK (idle_timeout_changed_cb),
                           self, G_CONNECT_SWAPPED);
  kiosk_idle_monitor_set_timeout (self->idle_monitor, kiosk_config_get_idle_timeout (config));
  g_signal_connect_object (self->keyboard_dock, "notify::keyboard", G_CALLBACK (keyboard_made_cb),
                           self, G_CONNECT_SWAPPED);
  if (kiosk_keyboard_dock_peek_keyboard (self->keyboard_dock) != NULL)
    keyboard_made_cb (self); /* made already: follow it all the same */
  else
    keyboard_problems_cb (self);
  kiosk_window_rebuild_pages (self);
}

static void
kiosk_window_dispose (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  if (self->idle_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->idle_monitor, self);
  watch_page (self, NULL);
  g_clear_object (&self->idle_monitor);
  g_clear_handle_id (&self->scale_source, g_source_remove);
  g_clear_object (&self->filing_controller);
  g_clear_object (&self->visit);
  g_clear_object (&self->services);
  /* no gtk_widget_dispose_template(): GtkWindow disposes its own child */

  G_OBJECT_CLASS (kiosk_window_parent_class)->dispose (object);
}

static void
kiosk_window_class_init (KioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kiosk_window_dispose;
  widget_class->map = kiosk_window_map;
  widget_class->size_allocate = kiosk_window_size_allocate;
  window_class->close_request = kiosk_window_close_request;

  gtk_widget_class_install_action (widget_class, "win.exit-kiosk", NULL, exit_kiosk_action);

  /**
   * KioskWindow::visit-ended:
   *
   * Every page was reset because nobody touched the kiosk or the person
   * chose to end: whoever holds per-person choices (language, text size)
   * puts them back for the next person.
   */
  signals[SIGNAL_VISIT_ENDED] =
      g_signal_new ("visit-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 0);

  g_type_ensure (KIOSK_TYPE_KEYBOARD_DOCK);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/practitioner/Kiosk/ui/kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, overlay);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, keyboard_dock);
}

static void
kiosk_window_init (KioskWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->idle_monitor = kiosk_idle_monitor_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->idle_monitor, "expired", G_CALLBACK (idle_expired_cb), self);
  g_signal_connect_swapped (self->idle_monitor, "notify::counting-down",
                            G_CALLBACK (counting_down_changed_cb), self);
  g_signal_connect_swapped (self->idle_monitor, "notify::remaining",
                            G_CALLBACK (counting_down_changed_cb), self);
  g_signal_connect_swapped (self->idle_monitor, "notify::seconds-left",
                            G_CALLBACK (seconds_left_changed_cb), self);
  {
    GtkEventController *legacy = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
    g_signal_connect (legacy, "event", G_CALLBACK (countdown_event_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), legacy);
  }
  self->scale_class = scales[0].css_class;
  gtk_widget_add_css_class (GTK_WIDGET (self), self->scale_class);
}

/**
 * kiosk_window_new:
 * @application: the program the window belongs to
 * @services: what the pages work with
 * @windowed: an ordinary closable window (development) instead of full screen
 */
KioskWindow *
kiosk_window_new (GtkApplication *application, KioskServices *services, gboolean windowed)
{
  KioskWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);

  self = g_object_new (KIOSK_TYPE_WINDOW, "application", application, NULL);
  setup_with_services (self, services, windowed);
  return self;
}

KioskFlow *
kiosk_window_get_flow (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  return self->flow;
}

/**
 * kiosk_window_get_visit:
 *
 * Returns: (transfer none): the visit the window's pages share
 */
KioskVisit *
kiosk_window_get_visit (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  return self->visit;
}

KioskIdleMonitor *
kiosk_window_get_idle_monitor (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  return self->idle_monitor;
}

/**
 * kiosk_window_get_idle_overlay:
 *
 * Returns: (transfer none) (nullable): the "are you still there?"
 *   countdown, or %NULL until a visit was first left idle
 */
KioskIdleOverlay *
kiosk_window_get_idle_overlay (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  return self->idle_overlay;
}

void
kiosk_window_set_text_size (KioskWindow *self, KioskTextSize size)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  if (size == KIOSK_TEXT_SIZE_LARGE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large-text");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large-text");
}

/**
 * kiosk_window_set_language:
 *
 * Marks the window "chinese" while its pages are in Chinese, which the
 * style sheet draws in the CJK font's simplified Chinese face alone.
 */
void
kiosk_window_set_language (KioskWindow *self, const char *language)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  if (g_str_equal (language, "zh_CN"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "chinese");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "chinese");
}

/**
 * kiosk_window_get_card_reminder:
 *
 * Returns: (transfer none) (nullable): the "please take your ID card"
 *   reminder, or %NULL until a card is first left on the reader
 */
KioskCardReminder *
kiosk_window_get_card_reminder (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  return self->card_reminder;
}
