/* kiosk-display-test.c: helpers for tests that drive the real kiosk window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "idcard-emulated-transport.h"
#include "kiosk-display-test.h"
#include "kiosk-staff-login-page-private.h"

/**
 * kiosk_test_start_application:
 * @config: the configuration; its data folder is replaced by a fresh one
 *
 * Starts the real kiosk (non-unique, so parallel tests do not find each other
 * on the bus) and waits until its window is mapped.
 */
KioskApplication *
kiosk_test_start_application (KioskConfig *config, char **out_data_folder)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("kiosk-display-XXXXXX", &error);
  KioskApplication *app;

  g_assert_no_error (error);
  kiosk_config_set_data_folder (config, folder);
  app = kiosk_test_start_application_full (config, NULL);
  if (out_data_folder != NULL)
    *out_data_folder = g_steal_pointer (&folder);
  return app;
}

/**
 * kiosk_test_start_application_full:
 * @config: the configuration, data folder included
 * @reader: (nullable): a reader service to use instead of the kiosk's own
 */
KioskApplication *
kiosk_test_start_application_full (KioskConfig *config, IdcardReader *reader)
{
  g_autoptr (GError) error = NULL;
  KioskApplication *app = kiosk_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (kiosk_application_prepare (app, config, FALSE, FALSE, &error));
  g_assert_no_error (error);
  if (reader != NULL)
    kiosk_services_set_reader (kiosk_application_get_services (app), reader);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (kiosk_test_wait_for ((KioskTestCondition) gtk_widget_get_mapped,
                                      kiosk_test_get_window (app), 10000));
  return app;
}

/**
 * kiosk_test_start_enrolled_kiosk:
 * @folder: the data folder to use
 * @registry_url: a registry process on loopback
 * @device_token: a token enrolled at that registry
 * @out_reader: (out): the kiosk's reader service
 * @out_emulated: (out): the emulated reader on it, to place cards on
 *
 * Starts the real kiosk enrolled with a real registry and reading cards from
 * an emulated reader through the real IdcardReader.
 */
KioskApplication *
kiosk_test_start_enrolled_kiosk (const char *folder,
                                 const char *registry_url,
                                 const char *device_token,
                                 IdcardReader **out_reader,
                                 IdcardEmulatedTransport **out_emulated)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskConfig) config = kiosk_config_new_defaults ();
  g_autofree char *token_file = g_build_filename (folder, "device-token", NULL);
  IdcardReader *reader;
  IdcardEmulatedTransport *emulated;

  g_file_set_contents_full (token_file, device_token, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  kiosk_config_set_data_folder (config, folder);
  kiosk_config_set_registry_url (config, registry_url);

  reader = idcard_reader_new (FALSE);
  idcard_reader_set_poll_interval (reader, 20);
  idcard_reader_set_rescan_interval (reader, 50);
  emulated = idcard_emulated_transport_new ();
  idcard_reader_add_transport (reader, IDCARD_TRANSPORT (emulated));
  g_assert_true (idcard_reader_start (reader, &error));
  g_assert_no_error (error);

  *out_reader = reader;
  *out_emulated = emulated;
  return kiosk_test_start_application_full (config, reader);
}

/* the window of the kiosk the test started last */
static KioskWindow *test_window;

KioskWindow *
kiosk_test_get_window (KioskApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (KIOSK_IS_WINDOW (window));
  test_window = KIOSK_WINDOW (window);
  return test_window;
}

/**
 * kiosk_test_flow:
 *
 * Returns: (transfer none): the flow of the kiosk the test started
 */
KioskFlow *
kiosk_test_flow (void)
{
  g_assert_nonnull (test_window);
  return kiosk_window_get_flow (test_window);
}

/**
 * kiosk_test_showing:
 *
 * Returns: whether the page @id is the one showing
 */
gboolean
kiosk_test_showing (KioskPageId id)
{
  return kiosk_flow_get_visible_page_id (kiosk_test_flow ()) == id;
}

static gboolean
page_is (gpointer id)
{
  return kiosk_test_showing ((KioskPageId) GPOINTER_TO_INT (id));
}

/**
 * kiosk_test_wait_for_page:
 *
 * Returns: whether the page @id showed within @timeout_ms
 */
gboolean
kiosk_test_wait_for_page (KioskPageId id, guint timeout_ms)
{
  return kiosk_test_wait_for (page_is, GINT_TO_POINTER (id), timeout_ms);
}

/**
 * kiosk_test_page:
 *
 * Returns: (transfer none): the page @id of the kiosk the test started
 *   (built now if it was not yet)
 */
KioskPage *
kiosk_test_page (KioskPageId id)
{
  return kiosk_flow_get_page (kiosk_test_flow (), id);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * kiosk_test_wait_for:
 *
 * Runs the main loop until @condition holds or @timeout_ms pass. The timeout
 * only guards against hanging: tests assert what happened, never how fast.
 *
 * Returns: whether @condition held
 */
gboolean
kiosk_test_wait_for (KioskTestCondition condition, gpointer user_data, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  return condition (user_data);
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

/* Lets the kiosk run for @ms, e.g. while a press is held. */
void
kiosk_test_spin (guint ms)
{
  kiosk_test_wait_for (never, NULL, ms);
}

GtkWidget *
kiosk_test_find_button (GtkWidget *root, const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kiosk_test_find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
kiosk_test_find_by_type (GtkWidget *root, GType type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kiosk_test_find_by_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * kiosk_test_count_labels:
 *
 * Returns: how many labels on show under @root read @text
 */
guint
kiosk_test_count_labels (GtkWidget *root, const char *text)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (root))
    return 0;
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += kiosk_test_count_labels (child, text);
  return n;
}

/* Whether @widget is all in view in its scroller. */
static gboolean
in_view (gpointer widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || scroller == NULL ||
      !gtk_widget_compute_bounds (widget, scroller, &bounds))
    return FALSE;
  /* laid out (a page just shown may not be yet), and not under the edge */
  return bounds.size.width > 0 && bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

/* Picks @label from @picker's list, as a tap on its row does, scrolled to
 * first as a finger would. */
void
kiosk_test_pick (KioskPickList *picker, const char *label)
{
  GtkWidget *row;

  g_assert_nonnull (picker);
  gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (picker)));
  g_assert_true (kiosk_test_wait_for (in_view, picker, 5000));
  kiosk_pick_list_open (picker);
  row = kiosk_pick_list_find_row (picker, label);
  g_assert_nonnull (row);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, row, 5000));
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, row, 5000));
}

/* Real input through the X server (XTest), as a touch screen's driver delivers it. */
void
kiosk_test_xdotool (const char *args)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/**
 * kiosk_test_screen_bounds:
 *
 * @widget's place on the screen, whether it is in the kiosk's window (full
 * screen, so its surface is the screen) or in a popover, whose surface is
 * placed against the window's.
 *
 * Returns: %FALSE when @widget is not on show
 */
gboolean
kiosk_test_screen_bounds (GtkWidget *widget, graphene_rect_t *out_bounds)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface;
  double x, y;

  if (native == NULL || !gtk_widget_get_mapped (widget) ||
      !gtk_widget_compute_bounds (widget, GTK_WIDGET (native), out_bounds))
    return FALSE;
  gtk_native_get_surface_transform (native, &x, &y);
  surface = gtk_native_get_surface (native);
  if (GDK_IS_POPUP (surface))
    {
      x += gdk_popup_get_position_x (GDK_POPUP (surface));
      y += gdk_popup_get_position_y (GDK_POPUP (surface));
    }
  out_bounds->origin.x += (float) x;
  out_bounds->origin.y += (float) y;
  return TRUE;
}

/* The popover of @picker's list. */
GtkWidget *
kiosk_test_pick_list_popover (KioskPickList *picker)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (kiosk_pick_list_get_search (picker)),
                                  GTK_TYPE_POPOVER);
}

/**
 * kiosk_test_pick_list_rows_above:
 * @top: a height on the screen, e.g. the keys' top
 *
 * Returns: how many of @picker's rows a finger can reach above @top: on
 *   show, wholly inside the list's scrolled part and above @top
 */
guint
kiosk_test_pick_list_rows_above (KioskPickList *picker, double top)
{
  CoreDictionary *dictionary = kiosk_pick_list_get_dictionary (picker);
  GtkWidget *first = kiosk_pick_list_find_row (
      picker, core_dictionary_entry_get_label (core_dictionary_get_entry (dictionary, 0),
                                               kiosk_pick_list_get_language ()));
  GtkWidget *scroller = gtk_widget_get_ancestor (first, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t view, row;
  guint n = 0;

  if (!kiosk_test_screen_bounds (scroller, &view))
    return 0;
  for (GtkWidget *w = first; w != NULL; w = gtk_widget_get_next_sibling (w))
    if (gtk_widget_get_visible (w) && kiosk_test_screen_bounds (w, &row) &&
        row.origin.y >= view.origin.y &&
        row.origin.y + row.size.height <= view.origin.y + view.size.height &&
        row.origin.y + row.size.height <= top)
      n++;
  return n;
}

void
kiosk_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        kiosk_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/**
 * kiosk_test_tap_widget:
 *
 * Taps @button, which must be on screen and sensitive, as a finger does:
 * "clicked" at once (gtk_widget_activate() lets a button look pressed first).
 */
void
kiosk_test_tap_widget (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  if (!gtk_widget_is_sensitive (button))
    g_error ("the button %s is not sensitive",
             GTK_IS_BUTTON (button) ? gtk_button_get_label (GTK_BUTTON (button)) : "?");
  g_signal_emit_by_name (button, "clicked");
}

/**
 * kiosk_test_tap:
 *
 * Taps the button under @root labelled (or accessibly named) @label.
 */
void
kiosk_test_tap (GtkWidget *root, const char *label)
{
  GtkWidget *button = kiosk_test_find_button (root, label);

  if (button == NULL)
    g_error ("no button %s on the page", label);
  kiosk_test_tap_widget (button);
}

/* conditions for kiosk_test_wait_for() */
gboolean
kiosk_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

gboolean
kiosk_test_is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

/* The size of @widget's text in pixels, as its style gives it. */
double
kiosk_test_font_px (GtkWidget *widget)
{
  const PangoFontDescription *font =
      pango_context_get_font_description (gtk_widget_get_pango_context (widget));

  return (double) pango_font_description_get_size (font) / PANGO_SCALE;
}

static void
count_frame_cb (GdkFrameClock *clock, guint *frames)
{
  (*frames)++;
}

static gboolean
drawn_twice (gpointer frames)
{
  return *(guint *) frames >= 2;
}

/* Waits until @widget's window has been laid out and drawn twice since now:
 * what changed before (a class, a state, a scroll) has its style, size and
 * place by then. */
void
kiosk_test_wait_drawn (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint frames = 0;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &frames);

  gdk_frame_clock_begin_updating (clock);
  g_assert_true (kiosk_test_wait_for (drawn_twice, &frames, 5000));
  gdk_frame_clock_end_updating (clock);
  g_signal_handler_disconnect (clock, handler);
}

static gboolean
staff_signed_in (gpointer services)
{
  return kiosk_staff_auth_get_user (kiosk_services_get_staff_auth (services)) != NULL;
}

/**
 * kiosk_test_sign_in_staff:
 *
 * Signs @user in on the staff sign-in page, unless staff are signed in
 * already, and waits until the registry has answered.
 */
void
kiosk_test_sign_in_staff (const char *user, const char *password)
{
  KioskStaffLoginPage *login = KIOSK_STAFF_LOGIN_PAGE (kiosk_test_page (KIOSK_PAGE_STAFF_LOGIN));
  KioskServices *services = kiosk_page_get_services (KIOSK_PAGE (login));

  if (staff_signed_in (services))
    return;
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  gtk_editable_set_text (kiosk_staff_login_page_get_user_entry (login), user);
  gtk_editable_set_text (kiosk_staff_login_page_get_password_entry (login), password);
  kiosk_staff_login_page_sign_in (login);
  g_assert_true (kiosk_test_wait_for (staff_signed_in, services, 20000));
}

static void
flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
flag_set (gpointer flag)
{
  return *(gboolean *) flag;
}

/**
 * kiosk_test_lift_card:
 *
 * Lifts the card from @emulated and waits until @reader has noticed, so the
 * next card placed is a placement of its own. The card must have been read.
 */
void
kiosk_test_lift_card (IdcardReader *reader, IdcardEmulatedTransport *emulated)
{
  gboolean removed = FALSE;
  gulong handler =
      g_signal_connect_swapped (reader, "card-removed", G_CALLBACK (flag_cb), &removed);

  idcard_emulated_transport_lift_card (emulated);
  g_assert_true (kiosk_test_wait_for (flag_set, &removed, 10000));
  g_signal_handler_disconnect (reader, handler);
}

typedef struct
{
  KioskIdleMonitor *monitor;
  guint notified;
  guint until;
} IdleWait;

static void
seconds_left_cb (GObject *monitor, GParamSpec *pspec, IdleWait *wait)
{
  wait->notified++;
}

/* the monitor no longer just counts: its countdown runs, or it stopped */
static gboolean
idle_stopped_counting (IdleWait *wait)
{
  return !kiosk_idle_monitor_get_active (wait->monitor) ||
         kiosk_idle_monitor_get_counting_down (wait->monitor);
}

static gboolean
idle_ticked (gpointer wait)
{
  return ((IdleWait *) wait)->notified > 0 || idle_stopped_counting (wait);
}

static gboolean
idle_counted (gpointer wait)
{
  return kiosk_idle_monitor_get_seconds_left (((IdleWait *) wait)->monitor) <=
             ((IdleWait *) wait)->until ||
         idle_stopped_counting (wait);
}

/**
 * kiosk_test_wait_idle_seconds:
 *
 * Lets the kiosk stay untouched until its idle monitor's own clock has
 * counted @seconds off the time left, or sooner if it starts its countdown
 * or stops counting (the page was left): what a page that holds the kiosk
 * must not let happen is then either past or has happened. The monitor's
 * clock, not a sleep, so a busy machine makes it slower, never shorter.
 */
void
kiosk_test_wait_idle_seconds (guint seconds)
{
  IdleWait wait = { kiosk_window_get_idle_monitor (test_window), 0, 0 };
  gulong handler =
      g_signal_connect (wait.monitor, "notify::seconds-left", G_CALLBACK (seconds_left_cb), &wait);
  guint left;

  /* its next tick first: the time left it shows until then may count a
   * countdown changed since */
  g_assert_true (kiosk_test_wait_for (idle_ticked, &wait, 5000));
  left = kiosk_idle_monitor_get_seconds_left (wait.monitor);
  wait.until = left > seconds ? left - seconds : 0;
  g_assert_true (kiosk_test_wait_for (idle_counted, &wait, (seconds + 10) * 1000));
  g_signal_handler_disconnect (wait.monitor, handler);
}

/* WCAG's relative luminance of an sRGB colour */
double
kiosk_test_luminance (const GdkRGBA *colour)
{
  double channels[] = { colour->red, colour->green, colour->blue };

  for (guint i = 0; i < 3; i++)
    channels[i] =
        channels[i] <= 0.03928 ? channels[i] / 12.92 : pow ((channels[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

/* WCAG's contrast ratio of two colours, 1 to 21 */
double
kiosk_test_contrast (const GdkRGBA *a, const GdkRGBA *b)
{
  double la = kiosk_test_luminance (a), lb = kiosk_test_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* the colour @widget's style gives its text */
GdkRGBA
kiosk_test_text_colour (GtkWidget *widget)
{
  GdkRGBA rgba;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return rgba;
}
