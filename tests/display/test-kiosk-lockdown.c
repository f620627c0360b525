/* test-kiosk-lockdown.c: a walk-up person with a USB keyboard cannot leave
 * the kiosk or reach staff functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real kiosk window under Xvfb with a window manager; keys and clicks go
 * through the X server (xdotool, XTest) and GTK's own event handling. The
 * kiosk is enrolled with a scripted registry peer that answers staff sign-in.
 * The GSettings key that Debian 12 ships on, enable-inspector-keybinding, is
 * set on here, and GTK_DEBUG=interactive is in the environment when the kiosk
 * starts: the kiosk must hold against both.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-demo-tray.h"
#include "kiosk-display-test.h"
#include "kiosk-lockdown.h"
#include "kiosk-manual-filing-page-private.h"
#include "kiosk-printers-page-private.h"
#include "kiosk-reader-status-page-private.h"
#include "kiosk-settings-page-private.h"
#include "kiosk-staff-login-page-private.h"
#include "kiosk-staff-peer.h"
#include "kiosk-sync-status-page-private.h"

#define TOKEN "lockdown-test-device-token"
#define USER "li.ming"
#define PASSWORD "staff password 42"
#define SIGN_IN_FIRST "请先以工作人员身份登录。"

static const KioskPageId staff_pages[] = {
  KIOSK_PAGE_STAFF,         KIOSK_PAGE_MANUAL_FILING, KIOSK_PAGE_SYNC_STATUS,
  KIOSK_PAGE_READER_STATUS, KIOSK_PAGE_SETTINGS,      KIOSK_PAGE_PRINTERS,
};

static KioskApplication *app;
static KioskWindow *window;
static KioskStaffPeer *peer;
static char *data_folder;
static char *token_folder;
static char *token_file;
static GArray *keys_seen;     /* keyvals pressed, as the window saw them first */
static guint buttons_seen[4]; /* releases of buttons 1–3, likewise */

/* ---- helpers ---- */

static KioskStaffAuth *
auth (void)
{
  return kiosk_services_get_staff_auth (kiosk_application_get_services (app));
}

static gboolean
window_ready (gpointer user_data)
{
  return gtk_window_is_active (GTK_WINDOW (window)) &&
         gtk_window_is_fullscreen (GTK_WINDOW (window));
}

static gboolean
clipboards_released (gpointer user_data)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));

  return !gdk_clipboard_is_local (gdk_display_get_clipboard (display)) &&
         !gdk_clipboard_is_local (gdk_display_get_primary_clipboard (display));
}

static void
back_to_start (void)
{
  kiosk_flow_reset (kiosk_test_flow ());
  kiosk_application_restore_defaults (app);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_assert_null (kiosk_staff_auth_get_user (auth ()));
  /* each test starts with empty clipboards, also when it started at home */
  kiosk_lockdown_clear_clipboards (gtk_widget_get_display (GTK_WIDGET (window)));
  /* the clipboards were given up; once the X server said so, a new
   * owner in the same millisecond cannot be mistaken for the release
   * (GDK compares the timestamps with <) */
  g_assert_true (kiosk_test_wait_for (clipboards_released, NULL, 5000));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kiosk_test_wait_for (window_ready, NULL, 5000));
}

/* A button by its label, on a page shown or not, as the inspector finds it. */
static GtkWidget *
find_button_anywhere (GtkWidget *root, const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_anywhere (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether @root shows a visible label reading @text. */
static gboolean
shows_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* Emits "clicked" on a button of a page, shown or not: what a tap, or the
 * inspector, does. */
static void
click_anywhere (KioskPage *on, const char *label)
{
  GtkWidget *button = find_button_anywhere (GTK_WIDGET (on), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static GtkWidget *
find_visible_popover (GtkWidget *root)
{
  if (GTK_IS_POPOVER (root) && gtk_widget_get_visible (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible_popover (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Any window but the kiosk's: the inspector, or its warning dialog. */
static gboolean
other_toplevel_exists (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel == GTK_WIDGET (window))
        continue;
      if (gtk_widget_get_visible (toplevel) ||
          g_str_has_prefix (G_OBJECT_TYPE_NAME (toplevel), "GtkInspector"))
        return TRUE;
    }
  return FALSE;
}

static gboolean
window_event_cb (GtkEventControllerLegacy *controller, GdkEvent *event, gpointer user_data)
{
  if (gdk_event_get_event_type (event) == GDK_KEY_PRESS)
    {
      guint keyval = gdk_key_event_get_keyval (event);
      g_array_append_val (keys_seen, keyval);
    }
  else if (gdk_event_get_event_type (event) == GDK_BUTTON_RELEASE &&
           gdk_button_event_get_button (event) < G_N_ELEMENTS (buttons_seen))
    buttons_seen[gdk_button_event_get_button (event)]++;
  return GDK_EVENT_PROPAGATE;
}

static guint
count_keys (guint keyval)
{
  guint count = 0;

  for (guint i = 0; i < keys_seen->len; i++)
    if (gdk_keyval_to_lower (g_array_index (keys_seen, guint, i)) == gdk_keyval_to_lower (keyval))
      count++;
  return count;
}

typedef struct
{
  guint keyval;
  guint count;
} KeyWait;

static gboolean
key_counted (gpointer user_data)
{
  KeyWait *wait = user_data;
  return count_keys (wait->keyval) >= wait->count;
}

/* Whether the kiosk window is still there; no cast, it may be gone. */
static gboolean
window_alive (void)
{
  return (gpointer) gtk_application_get_active_window (GTK_APPLICATION (app)) == (gpointer) window;
}

static gboolean
key_counted_or_popover (gpointer user_data)
{
  return !window_alive () || key_counted (user_data) ||
         find_visible_popover (GTK_WIDGET (window)) != NULL;
}

/* Presses @keys through the X server, then F12. Events arrive in order, so
 * once F12 reached the window, whatever @keys did has been done. */
static void
press_keys (const char *keys)
{
  g_autofree char *command = g_strdup_printf ("key %s F12", keys);
  KeyWait barrier = { GDK_KEY_F12, count_keys (GDK_KEY_F12) + 1 };

  kiosk_test_xdotool (command);
  /* a popover that opened takes the keys that follow: stop at it too */
  kiosk_test_wait_for (key_counted_or_popover, &barrier, 10000);
  g_assert_true (window_alive ());
  g_assert_null (find_visible_popover (GTK_WIDGET (window)));
  g_assert_true (key_counted (&barrier));
}

static gboolean
allocated (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0;
}

typedef struct
{
  guint button;
  guint count;
} ButtonWait;

static gboolean
button_counted (gpointer user_data)
{
  ButtonWait *wait = user_data;
  return buttons_seen[wait->button] >= wait->count;
}

static gboolean
button_counted_or_popover (gpointer user_data)
{
  return button_counted (user_data) || find_visible_popover (GTK_WIDGET (window)) != NULL;
}

/* Clicks @button in the middle of @widget through the X server; returns once
 * the release reached the window, after the press was handled. */
static void
click_on (GtkWidget *widget, guint button)
{
  graphene_point_t centre;
  g_autofree char *command = NULL;
  ButtonWait barrier = { button, buttons_seen[button] + 1 };

  /* a page just shown is mapped before it is laid out */
  g_assert_true (kiosk_test_wait_for (allocated, widget, 5000));
  g_assert_true (
      gtk_widget_compute_point (widget, GTK_WIDGET (window),
                                &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                      gtk_widget_get_height (widget) / 2.0),
                                &centre));
  command = g_strdup_printf ("mousemove %d %d click %u", (int) centre.x, (int) centre.y, button);
  kiosk_test_xdotool (command);
  kiosk_test_wait_for (button_counted_or_popover, &barrier, 10000);
  g_assert_null (find_visible_popover (GTK_WIDGET (window)));
  g_assert_true (button_counted (&barrier));
}

typedef struct
{
  gboolean done;
  char *text;
} ReadWait;

static void
read_text_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ReadWait *wait = user_data;

  wait->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  wait->done = TRUE;
}

static gboolean
read_done (gpointer user_data)
{
  return ((ReadWait *) user_data)->done;
}

/* Reads @clipboard as an entry's paste would. A paste asked for earlier has
 * landed once this read has. */
static char *
read_clipboard (GdkClipboard *clipboard)
{
  ReadWait wait = { FALSE, NULL };

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &wait);
  g_assert_true (kiosk_test_wait_for (read_done, &wait, 10000));
  return wait.text;
}

typedef struct
{
  gboolean done;
  char *out;
} XclipWait;

static void
xclip_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  XclipWait *wait = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &wait->out, NULL, NULL);
  wait->done = TRUE;
}

static gboolean
xclip_done (gpointer user_data)
{
  return ((XclipWait *) user_data)->done;
}

/* What another X client finds in @selection ("clipboard" or "primary"); the
 * kiosk answers while this waits. */
static char *
other_client_reads (const char *selection)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) xclip =
      g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                        "xclip", "-o", "-selection", selection, NULL);
  XclipWait wait = { FALSE, NULL };

  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (xclip, NULL, NULL, xclip_done_cb, &wait);
  g_assert_true (kiosk_test_wait_for (xclip_done, &wait, 20000));
  return wait.out != NULL ? wait.out : g_strdup ("");
}

typedef struct
{
  const char *selection;
  const char *text;
} OwnedWait;

static gboolean
other_client_owns (gpointer user_data)
{
  OwnedWait *wait = user_data;
  g_autofree char *seen = other_client_reads (wait->selection);

  return g_strcmp0 (seen, wait->text) == 0;
}

/* Another X client puts @text in @selection and serves it until someone
 * else takes the selection. */
static void
other_client_writes (const char *selection, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) xclip =
      g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                            G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                        &error, "xclip", "-i", "-selection", selection, NULL);
  g_autoptr (GBytes) input = g_bytes_new_static (text, strlen (text));
  OwnedWait owned = { selection, text };

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (xclip, input, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (xclip));
  /* its parent exits before the child it forks takes the selection */
  g_assert_true (kiosk_test_wait_for (other_client_owns, &owned, 10000));
}

static KioskStaffLoginPage *
login_page (void)
{
  return KIOSK_STAFF_LOGIN_PAGE (kiosk_test_page (KIOSK_PAGE_STAFF_LOGIN));
}

static gboolean
login_settled (gpointer user_data)
{
  return !kiosk_staff_login_page_get_busy (login_page ());
}

/* Signs in on the sign-in page showing; the flow goes on from there. */
static void
submit_staff_sign_in (void)
{
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN));
  gtk_editable_set_text (kiosk_staff_login_page_get_user_entry (login_page ()), USER);
  gtk_editable_set_text (kiosk_staff_login_page_get_password_entry (login_page ()), PASSWORD);
  click_anywhere (KIOSK_PAGE (login_page ()), "登录");
  g_assert_true (kiosk_test_wait_for (login_settled, NULL, 20000));
  g_assert_cmpstr (kiosk_staff_auth_get_user (auth ()), ==, USER);
}

static void
sign_in_staff (void)
{
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  gtk_editable_set_text (kiosk_staff_login_page_get_user_entry (login_page ()), USER);
  gtk_editable_set_text (kiosk_staff_login_page_get_password_entry (login_page ()), PASSWORD);
  click_anywhere (KIOSK_PAGE (login_page ()), "登录");
  g_assert_true (kiosk_test_wait_for (login_settled, NULL, 20000));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_STAFF, 5000));
  g_assert_cmpstr (kiosk_staff_auth_get_user (auth ()), ==, USER);
}

/* The text widget inside the sign-in page's account entry, focused. */
static GtkWidget *
focused_account_text (void)
{
  GtkWidget *entry;
  GtkWidget *text;

  if (!kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN))
    g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  entry = GTK_WIDGET (kiosk_staff_login_page_get_user_entry (login_page ()));
  text = kiosk_test_find_by_type (entry, GTK_TYPE_TEXT);
  g_assert_nonnull (text);
  g_assert_true (kiosk_test_wait_for ((KioskTestCondition) gtk_widget_get_mapped, text, 5000));
  gtk_widget_grab_focus (entry);
  g_assert_true (gtk_widget_has_focus (text));
  return text;
}

static guint
exits_recorded (void)
{
  sqlite3 *db =
      store_database_get_handle (kiosk_services_get_store (kiosk_application_get_services (app)));
  sqlite3_stmt *stmt = NULL;
  guint count;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit WHERE action = 'exit-kiosk'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static void
assert_still_locked_in (KioskPageId on_page)
{
  g_assert_true (window_alive ());
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  /* a window manager may have taken full screen away: the kiosk takes it back */
  g_assert_true (kiosk_test_wait_for (window_ready, NULL, 5000));
  g_assert_false (other_toplevel_exists ());
  g_assert_null (find_visible_popover (GTK_WIDGET (window)));
  g_assert_null (kiosk_staff_auth_get_user (auth ()));
  g_assert_true (kiosk_test_showing (on_page));
}

/* ---- the inspector ---- */

/* GTK_DEBUG=interactive was set before the kiosk started */
static void
test_inspector_gtk_debug (void)
{
  g_assert_false (other_toplevel_exists ());
  g_assert_null (g_getenv ("GTK_DEBUG"));
}

static void
assert_keys_open_nothing (const char *keys, guint keyval)
{
  guint before = count_keys (keyval);

  press_keys (keys);
  /* the keys did reach the window */
  g_assert_cmpuint (count_keys (keyval), ==, before + 1);
  g_assert_false (other_toplevel_exists ());
}

static void
test_inspector_keys (void)
{
  back_to_start ();
  assert_keys_open_nothing ("ctrl+shift+d", GDK_KEY_d);
  assert_keys_open_nothing ("ctrl+shift+i", GDK_KEY_i);
  assert_still_locked_in (KIOSK_PAGE_ATTRACT);

  /* nor with the focus in a text entry */
  focused_account_text ();
  assert_keys_open_nothing ("ctrl+shift+i", GDK_KEY_i);
  assert_keys_open_nothing ("ctrl+shift+d", GDK_KEY_d);
  assert_still_locked_in (KIOSK_PAGE_STAFF_LOGIN);
}

/* ---- privileged actions without a staff sign-in ---- */

static void
test_staff_pages_need_sign_in (void)
{
  GtkStack *stack;

  back_to_start ();
  stack = GTK_STACK (kiosk_test_find_by_type (GTK_WIDGET (kiosk_test_flow ()), GTK_TYPE_STACK));
  for (guint i = 0; i < G_N_ELEMENTS (staff_pages); i++)
    {
      /* asked for by name */
      g_assert_false (kiosk_flow_go_to (kiosk_test_flow (), staff_pages[i], NULL));
      g_assert_true (kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN));
      back_to_start ();

      /* asked for by a page, the way its buttons do */
      kiosk_page_navigate (kiosk_test_page (KIOSK_PAGE_ATTRACT), staff_pages[i], NULL);
      g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_STAFF_LOGIN, 5000));
      back_to_start ();

      /* the stack switched directly, as the inspector would (the page built first) */
      kiosk_test_page (staff_pages[i]);
      gtk_stack_set_visible_child_name (stack, kiosk_page_id_to_string (staff_pages[i]));
      g_assert_true (kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN));
      back_to_start ();
    }
}

/* Sent to sign in on the way to a staff page, staff land on that page; a
 * reset in between forgets where they were headed. */
static void
test_sign_in_goes_on (void)
{
  back_to_start ();
  g_assert_false (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_READER_STATUS, NULL));
  submit_staff_sign_in ();
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_READER_STATUS, 5000));

  kiosk_staff_auth_sign_out (auth ());
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_ATTRACT));
  g_assert_false (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_PRINTERS, NULL));
  kiosk_flow_reset (kiosk_test_flow ());
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  submit_staff_sign_in ();
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_STAFF, 5000));
  back_to_start ();
}

static void
test_exit_kiosk_needs_sign_in (void)
{
  guint exits = exits_recorded ();
  GtkStack *stack;

  back_to_start ();
  /* the action forced on, as the inspector could */
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.exit-kiosk", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.exit-kiosk", NULL));
  kiosk_test_spin (300); /* time for an exit that must not come */
  assert_still_locked_in (KIOSK_PAGE_ATTRACT);

  /* the staff page shown by switching the stack: the exit stays shut */
  stack = GTK_STACK (kiosk_test_find_by_type (GTK_WIDGET (kiosk_test_flow ()), GTK_TYPE_STACK));
  kiosk_test_page (KIOSK_PAGE_STAFF);
  gtk_stack_set_visible_child_name (stack, kiosk_page_id_to_string (KIOSK_PAGE_STAFF));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.exit-kiosk", NULL);
  click_anywhere (kiosk_test_page (KIOSK_PAGE_STAFF), "退出终端");
  kiosk_test_spin (300); /* time for an exit that must not come */
  assert_still_locked_in (KIOSK_PAGE_STAFF_LOGIN);
  g_assert_cmpuint (exits_recorded (), ==, exits);
}

static KioskSettingsPage *
settings_page (void)
{
  return KIOSK_SETTINGS_PAGE (kiosk_test_page (KIOSK_PAGE_SETTINGS));
}

static gboolean
settings_settled (gpointer user_data)
{
  return !kiosk_settings_page_get_busy (settings_page ());
}

static void
assert_settings_refused (void)
{
  KioskConfig *config = kiosk_services_get_config (kiosk_application_get_services (app));
  g_autofree char *key = kiosk_config_dup_store_key ("window-name");
  g_autofree char *stored = NULL;
  g_autofree char *token = NULL;
  g_autoptr (GError) error = NULL;
  const char *window_name = kiosk_config_get_window_name (config);

  /* a change */
  gtk_editable_set_text (kiosk_settings_page_get_window_name_entry (settings_page ()),
                         "被改的窗口");
  click_anywhere (KIOSK_PAGE (settings_page ()), "保存设置");
  g_assert_true (kiosk_test_wait_for (settings_settled, NULL, 10000));
  g_assert_cmpstr (kiosk_settings_page_get_message (settings_page ()), ==, SIGN_IN_FIRST);
  g_assert_cmpstr (kiosk_config_get_window_name (config), ==, window_name);
  stored = store_database_get_setting (
      kiosk_services_get_store (kiosk_application_get_services (app)), key, &error);
  g_assert_error (error, STORE_ERROR, STORE_ERROR_NOT_FOUND);
  g_assert_null (stored);

  /* enrolment */
  gtk_editable_set_text (kiosk_settings_page_get_token_entry (settings_page ()),
                         "taken-over-0123456789abcdef");
  click_anywhere (KIOSK_PAGE (settings_page ()), "保存设备令牌");
  g_assert_true (kiosk_test_wait_for (settings_settled, NULL, 10000));
  g_assert_cmpstr (kiosk_settings_page_get_enrolment_message (settings_page ()), ==, SIGN_IN_FIRST);
  g_assert_cmpstr (gtk_editable_get_text (kiosk_settings_page_get_token_entry (settings_page ())),
                   ==, "");
  g_assert_true (g_file_get_contents (token_file, &token, NULL, NULL));
  g_assert_cmpstr (token, ==, TOKEN "\n");

  /* the connection test */
  click_anywhere (KIOSK_PAGE (settings_page ()), "测试连接");
  g_assert_true (kiosk_test_wait_for (settings_settled, NULL, 20000));
  g_assert_cmpstr (kiosk_settings_page_get_enrolment_message (settings_page ()), ==, SIGN_IN_FIRST);
}

static KioskSyncStatusPage *
sync_page (void)
{
  return KIOSK_SYNC_STATUS_PAGE (kiosk_test_page (KIOSK_PAGE_SYNC_STATUS));
}

static gboolean
sync_settled (gpointer user_data)
{
  return !kiosk_sync_status_page_get_busy (sync_page ());
}

/* a filing the registry refused, parked for staff */
static void
park_a_filing (void)
{
  StoreOutbox *outbox = kiosk_services_get_outbox (kiosk_application_get_services (app));
  g_autofree char *filing_id = g_uuid_string_random ();
  g_autoptr (GBytes) payload = g_bytes_new_static ("{}", 2);
  g_autoptr (GError) error = NULL;

  g_assert_true (store_outbox_add (outbox, filing_id, "card", NULL, payload, &error));
  g_assert_no_error (error);
  g_assert_true (store_outbox_reject (outbox, filing_id, "refused for the test", &error));
  g_assert_no_error (error);
}

static void
assert_sync_refused (void)
{
  park_a_filing ();
  kiosk_sync_status_page_refresh (sync_page ());
  g_assert_cmpuint (kiosk_sync_status_page_get_n_parked (sync_page ()), >, 0);
  click_anywhere (KIOSK_PAGE (sync_page ()), "重新发送");
  g_assert_true (kiosk_test_wait_for (sync_settled, NULL, 10000));
  g_assert_true (shows_label (GTK_WIDGET (sync_page ()), SIGN_IN_FIRST));

  kiosk_page_reset (KIOSK_PAGE (sync_page ()));
  click_anywhere (KIOSK_PAGE (sync_page ()), "立即重试");
  g_assert_true (shows_label (GTK_WIDGET (sync_page ()), SIGN_IN_FIRST));
}

static void
assert_reader_refused (void)
{
  KioskReaderStatusPage *reader =
      KIOSK_READER_STATUS_PAGE (kiosk_test_page (KIOSK_PAGE_READER_STATUS));

  click_anywhere (KIOSK_PAGE (reader), "测试读卡");
  g_assert_false (kiosk_reader_status_page_get_waiting (reader));
  g_assert_cmpstr (kiosk_reader_status_page_get_test_text (reader), ==, SIGN_IN_FIRST);
}

static void
assert_filing_refused (void)
{
  KioskManualFilingPage *filing =
      KIOSK_MANUAL_FILING_PAGE (kiosk_test_page (KIOSK_PAGE_MANUAL_FILING));
  StoreOutboxCounts before = { 0 };
  StoreOutboxCounts after = { 0 };

  g_assert_true (store_outbox_get_counts (
      kiosk_services_get_outbox (kiosk_application_get_services (app)), &before, NULL));
  click_anywhere (KIOSK_PAGE (filing), "建档");
  g_assert_false (kiosk_manual_filing_page_get_busy (filing));
  g_assert_cmpstr (kiosk_manual_filing_page_get_message (filing), ==,
                   "请先以工作人员身份登录再建档。");
  g_assert_true (store_outbox_get_counts (
      kiosk_services_get_outbox (kiosk_application_get_services (app)), &after, NULL));
  g_assert_cmpuint (after.queued, ==, before.queued);
}

static void
assert_printers_refused (void)
{
  KioskPrintersPage *printers = KIOSK_PRINTERS_PAGE (kiosk_test_page (KIOSK_PAGE_PRINTERS));

  kiosk_printers_page_print_test_page (printers, "Window_A");
  g_assert_cmpstr (kiosk_printers_page_get_feedback (printers), ==, SIGN_IN_FIRST);
  kiosk_page_reset (KIOSK_PAGE (printers));
  kiosk_printers_page_cancel_all_jobs (printers, "Window_A");
  g_assert_cmpstr (kiosk_printers_page_get_feedback (printers), ==, SIGN_IN_FIRST);
}

/* every staff action, reached the way the inspector could: its button on a
 * page that is not showing */
static void
test_staff_actions_need_sign_in (void)
{
  back_to_start ();
  assert_settings_refused ();
  assert_sync_refused ();
  assert_reader_refused ();
  assert_filing_refused ();
  assert_printers_refused ();
  assert_still_locked_in (KIOSK_PAGE_ATTRACT);
}

/* a sign-in counts while it lasts: after signing out, the pages and actions
 * that were open are shut */
static void
test_sign_out_shuts_staff_actions (void)
{
  guint exits = exits_recorded ();

  back_to_start ();
  sign_in_staff ();
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_SETTINGS, NULL));
  kiosk_staff_auth_sign_out (auth ());
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_ATTRACT));

  assert_settings_refused ();
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.exit-kiosk", TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.exit-kiosk", NULL);
  kiosk_test_spin (300); /* time for an exit that must not come */
  assert_still_locked_in (KIOSK_PAGE_ATTRACT);
  g_assert_cmpuint (exits_recorded (), ==, exits);
}

/* ---- text entries ---- */

static void
test_entry_context_menu (void)
{
  GtkWidget *text;

  back_to_start ();
  text = focused_account_text ();

  /* the secondary button */
  click_on (text, 3);
  g_assert_null (find_visible_popover (GTK_WIDGET (window)));

  /* the menu key and Shift+F10 */
  text = focused_account_text ();
  press_keys ("Menu shift+F10");
  g_assert_null (find_visible_popover (GTK_WIDGET (window)));

  /* and the action itself */
  gtk_widget_activate_action (text, "menu.popup", NULL);
  g_assert_null (find_visible_popover (GTK_WIDGET (window)));
  assert_still_locked_in (KIOSK_PAGE_STAFF_LOGIN);
}

static void
test_entry_emoji_chooser (void)
{
  GtkWidget *text;

  back_to_start ();
  text = focused_account_text ();
  press_keys ("ctrl+period ctrl+semicolon");
  g_assert_null (find_visible_popover (GTK_WIDGET (window)));

  gtk_widget_activate_action (text, "misc.insert-emoji", NULL);
  g_signal_emit_by_name (text, "insert-emoji");
  g_assert_null (find_visible_popover (GTK_WIDGET (window)));

  /* a page asking for other hints does not bring it back */
  gtk_entry_set_input_hints (GTK_ENTRY (kiosk_staff_login_page_get_user_entry (login_page ())),
                             GTK_INPUT_HINT_NONE);
  g_assert_true (gtk_text_get_input_hints (GTK_TEXT (text)) & GTK_INPUT_HINT_NO_EMOJI);
  press_keys ("ctrl+period");
  g_assert_null (find_visible_popover (GTK_WIDGET (window)));
  assert_still_locked_in (KIOSK_PAGE_STAFF_LOGIN);
}

static void
test_entry_paste (void)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GdkClipboard *clipboard = gdk_display_get_clipboard (display);
  GdkClipboard *primary = gdk_display_get_primary_clipboard (display);
  GtkWidget *text;
  g_autofree char *clipboard_text = NULL;
  g_autofree char *primary_text = NULL;

  back_to_start ();
  text = focused_account_text ();
  gdk_clipboard_set_text (clipboard, "13800138000");
  gdk_clipboard_set_text (primary, "110105194912310025");

  press_keys ("ctrl+v shift+Insert");
  click_on (text, 2);
  gtk_widget_activate_action (text, "clipboard.paste", NULL);
  g_signal_emit_by_name (text, "paste-clipboard");

  /* the pastes would have read before these reads */
  clipboard_text = read_clipboard (clipboard);
  primary_text = read_clipboard (primary);
  g_assert_cmpstr (clipboard_text, ==, "13800138000");
  g_assert_cmpstr (primary_text, ==, "110105194912310025");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (text)), ==, "");
  back_to_start ();
}

static void
test_entry_copy (void)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autoptr (GdkContentProvider) before = gdk_content_provider_new_typed (G_TYPE_STRING, "before");
  GtkWidget *text;

  back_to_start ();
  text = focused_account_text ();
  gtk_editable_set_text (GTK_EDITABLE (text), "zhang.san");
  gdk_clipboard_set_content (clipboard, before);

  gtk_editable_select_region (GTK_EDITABLE (text), 0, -1);
  press_keys ("ctrl+c ctrl+Insert ctrl+x shift+Delete");
  gtk_widget_activate_action (text, "clipboard.copy", NULL);
  gtk_widget_activate_action (text, "clipboard.cut", NULL);

  g_assert_true (gdk_clipboard_get_content (clipboard) == before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (text)), ==, "zhang.san");
  back_to_start ();
}

/* A filled entry that takes the focus (as a page opening on it gives it)
 * has nothing selected and its caret at the end, so the first key tapped
 * adds to its text. */
static void
test_entry_focus_selects_nothing (void)
{
  GtkWidget *text;

  back_to_start ();
  text = focused_account_text ();
  gtk_editable_set_text (GTK_EDITABLE (text), "zhang.san");
  gtk_editable_set_position (GTK_EDITABLE (text), 0);
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  g_assert_false (gtk_widget_has_focus (text));
  gtk_widget_grab_focus (text);
  g_assert_true (gtk_widget_has_focus (text));
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (text), NULL, NULL));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (text)), ==, strlen ("zhang.san"));
  back_to_start ();
}

/* Nothing dropped on an entry lands in it: it has no drop target. */
static void
test_entry_no_drop (void)
{
  GtkWidget *text;
  g_autoptr (GListModel) controllers = NULL;

  back_to_start ();
  text = focused_account_text ();
  controllers = gtk_widget_observe_controllers (text);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      g_assert_false (GTK_IS_DROP_TARGET (controller));
      g_assert_false (GTK_IS_DROP_TARGET_ASYNC (controller));
    }
}

/* ---- clipboards between visits ---- */

static void
fill_clipboards (void)
{
  GtkWidget *text;
  g_autofree char *clipboard = NULL;
  g_autofree char *primary = NULL;

  other_client_writes ("clipboard", "13800138000");
  text = focused_account_text ();
  gtk_editable_set_text (GTK_EDITABLE (text), "zhang.san");
  gtk_editable_select_region (GTK_EDITABLE (text), 0, -1);

  /* what any X client could read now */
  clipboard = other_client_reads ("clipboard");
  primary = other_client_reads ("primary");
  g_assert_cmpstr (clipboard, ==, "13800138000");
  g_assert_cmpstr (primary, ==, "zhang.san");
}

static void
assert_clipboards_empty (void)
{
  g_autofree char *clipboard = other_client_reads ("clipboard");
  g_autofree char *primary = other_client_reads ("primary");

  g_assert_cmpstr (clipboard, ==, "");
  g_assert_cmpstr (primary, ==, "");
}

static void
test_clipboards_cleared_by_idle_reset (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);

  back_to_start ();
  fill_clipboards ();

  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 1);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 15000));
  kiosk_idle_monitor_set_timeout (monitor, 600);
  kiosk_idle_monitor_set_countdown (monitor, 10);
  assert_clipboards_empty ();
}

/* a visit that ends by going home, not by the idle timeout */
static void
test_clipboards_cleared_going_home (void)
{
  back_to_start ();
  fill_clipboards ();
  click_anywhere (kiosk_test_page (KIOSK_PAGE_STAFF_LOGIN), "返回");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  assert_clipboards_empty ();
}

static void
test_clipboards_cleared_by_sign_out (void)
{
  back_to_start ();
  sign_in_staff ();
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_SETTINGS, NULL));
  /* whatever staff copied, wherever from */
  other_client_writes ("clipboard", "enrolment notes");
  other_client_writes ("primary", "3号窗口");
  {
    g_autofree char *clipboard = other_client_reads ("clipboard");
    g_autofree char *primary = other_client_reads ("primary");

    g_assert_cmpstr (clipboard, ==, "enrolment notes");
    g_assert_cmpstr (primary, ==, "3号窗口");
  }

  click_anywhere (kiosk_test_page (KIOSK_PAGE_STAFF), "退出登录");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  assert_clipboards_empty ();
}

/* ---- other ways out ---- */

/* GTK's, the desktop's and the window manager's (matchbox here binds Alt+F4
 * and Alt+C to close, Alt+D to the desktop, F11 to full screen) */
static const char *const escape_keys[] = {
  "alt+F4", "alt+c",  "alt+d",  "alt+n",  "alt+p", "alt+Tab", "alt+space", "alt+Escape",
  "F11",    "ctrl+q", "ctrl+w", "Escape", "F10",   "super",   "super+d",   "alt+F2",
};

static void
test_keys_lead_nowhere (void)
{
  back_to_start ();
  for (guint i = 0; i < G_N_ELEMENTS (escape_keys); i++)
    {
      g_test_message ("pressing %s", escape_keys[i]);
      press_keys (escape_keys[i]);
      assert_still_locked_in (KIOSK_PAGE_ATTRACT);
    }
  for (guint i = 0; i < G_N_ELEMENTS (escape_keys); i++)
    {
      focused_account_text ();
      press_keys (escape_keys[i]);
      assert_still_locked_in (KIOSK_PAGE_STAFF_LOGIN);
    }
}

static GtkWidget *
find_by_css_class (GtkWidget *root, const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_css_class (child, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Tab reaches what a walk-up person may touch: not the staff corner */
static void
test_tab_never_reaches_staff (void)
{
  GtkWidget *corner;

  back_to_start ();
  corner = find_by_css_class (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_ATTRACT)), "staff-corner");
  g_assert_nonnull (corner);
  for (guint i = 0; i < 40; i++)
    {
      GtkWidget *focus;

      press_keys ("Tab");
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_true (focus == NULL || (focus != corner && !gtk_widget_is_ancestor (focus, corner)));
      g_assert_true (kiosk_test_showing (KIOSK_PAGE_ATTRACT));
    }
  g_assert_null (kiosk_staff_auth_get_user (auth ()));
}

/* a kiosk that is not the demo has no demo drawer, not even hidden */
static void
test_no_demo_drawer (void)
{
  g_assert_null (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_DEMO_TRAY));
}

/* ---- the development flag ---- */

static guint
visible_windows_of (GPid pid)
{
  g_autofree char *command = g_strdup_printf ("xdotool search --onlyvisible --pid %d", pid);
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;
  guint count = 0;

  /* exits 1 when it finds none */
  g_spawn_command_line_sync (command, &out, NULL, NULL, NULL);
  lines = g_strsplit (out != NULL ? out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      count++;
  return count;
}

typedef struct
{
  GPid pid;
  guint count;
} WindowsWait;

static gboolean
windows_shown (gpointer user_data)
{
  WindowsWait *wait = user_data;
  return visible_windows_of (wait->pid) >= wait->count;
}

static void
exited_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

/* Runs the real program with @argv until it exits; kills it if it does not. */
static GSubprocess *
run_kiosk (const char *const *argv, const char *gtk_debug, gboolean *out_exited)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GError) error = NULL;
  GSubprocess *kiosk;

  if (gtk_debug != NULL)
    g_subprocess_launcher_setenv (launcher, "GTK_DEBUG", gtk_debug, TRUE);
  kiosk = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  *out_exited = FALSE;
  g_subprocess_wait_async (kiosk, NULL, exited_cb, out_exited);
  return kiosk;
}

static void
test_inspector_flag (void)
{
  const char *kiosk = g_getenv ("PRACTITIONER_KIOSK");
  g_autofree char *folder = g_dir_make_tmp ("kiosk-lockdown-XXXXXX", NULL);
  g_autoptr (GSubprocess) refused = NULL;
  g_autoptr (GSubprocess) developer = NULL;
  g_autoptr (GBytes) err = NULL;
  g_autoptr (GError) error = NULL;
  gboolean exited;
  WindowsWait wait = { 0, 2 };

  g_assert_nonnull (kiosk);

  /* full screen: refused before anything starts */
  {
    const char *argv[] = { kiosk, "--inspector", "--data-folder", folder, NULL };

    refused = run_kiosk (argv, "interactive", &exited);
    if (!kiosk_test_wait_for (is_true, &exited, 30000))
      g_subprocess_force_exit (refused);
    g_assert_true (kiosk_test_wait_for (is_true, &exited, 10000));
    g_assert_true (g_subprocess_get_if_exited (refused));
    g_assert_cmpint (g_subprocess_get_exit_status (refused), ==, 1);
    g_assert_true (g_subprocess_communicate (refused, NULL, NULL, NULL, &err, &error));
    g_assert_no_error (error);
    g_assert_nonnull (
        g_strstr_len (g_bytes_get_data (err, NULL), g_bytes_get_size (err), "--windowed"));
  }

  /* in a development window, the inspector opens */
  {
    const char *argv[] = { kiosk, "--windowed", "--inspector", "--data-folder", folder, NULL };

    developer = run_kiosk (argv, "interactive", &exited);
    wait.pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (developer), NULL, 10);
    g_assert_true (kiosk_test_wait_for (windows_shown, &wait, 30000));
    g_subprocess_send_signal (developer, SIGTERM);
    g_assert_true (kiosk_test_wait_for (is_true, &exited, 30000));
  }
  kiosk_test_remove_tree (folder);
}

/* ---- set-up ---- */

/* As Debian 12 ships it: the inspector keys on, and no warning first. */
static void
enable_inspector_keys (void)
{
  g_autoptr (GSettingsSchema) schema = g_settings_schema_source_lookup (
      g_settings_schema_source_get_default (), "org.gtk.gtk4.Settings.Debug", TRUE);
  g_autoptr (GSettings) settings = NULL;

  if (schema == NULL)
    return; /* GTK then treats the keys as on */
  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_set_boolean (settings, "enable-inspector-keybinding", TRUE);
  g_settings_set_boolean (settings, "inspector-warning", FALSE);
}

int
main (int argc, char *argv[])
{
  g_autoptr (KioskConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *keyfile = NULL;
  GtkEventController *recorder;
  int status;

  kiosk_application_setup_locale ();
  g_test_init (&argc, &argv, NULL);
  enable_inspector_keys ();
  g_setenv ("GTK_DEBUG", "interactive", TRUE);

  peer = kiosk_staff_peer_new ();
  kiosk_staff_peer_add_account (peer, USER, PASSWORD);
  keyfile = kiosk_staff_peer_write_enrolment (peer, TOKEN, &token_folder);
  token_file = g_build_filename (token_folder, "device-token", NULL);
  config = kiosk_config_new_defaults ();
  g_assert_true (kiosk_config_load_keyfile (config, keyfile, &error));
  g_assert_no_error (error);

  app = kiosk_test_start_application (config, &data_folder);
  window = kiosk_test_get_window (app);
  keys_seen = g_array_new (FALSE, FALSE, sizeof (guint));
  recorder = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (recorder, GTK_PHASE_CAPTURE);
  g_signal_connect (recorder, "event", G_CALLBACK (window_event_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (window), recorder);

  g_test_add_func ("/lockdown/inspector/gtk-debug", test_inspector_gtk_debug);
  g_test_add_func ("/lockdown/inspector/keys", test_inspector_keys);
  g_test_add_func ("/lockdown/inspector/development-flag", test_inspector_flag);
  g_test_add_func ("/lockdown/staff/pages-need-sign-in", test_staff_pages_need_sign_in);
  g_test_add_func ("/lockdown/staff/sign-in-goes-on", test_sign_in_goes_on);
  g_test_add_func ("/lockdown/staff/exit-needs-sign-in", test_exit_kiosk_needs_sign_in);
  g_test_add_func ("/lockdown/staff/actions-need-sign-in", test_staff_actions_need_sign_in);
  g_test_add_func ("/lockdown/staff/sign-out-shuts-actions", test_sign_out_shuts_staff_actions);
  g_test_add_func ("/lockdown/entry/context-menu", test_entry_context_menu);
  g_test_add_func ("/lockdown/entry/emoji-chooser", test_entry_emoji_chooser);
  g_test_add_func ("/lockdown/entry/paste", test_entry_paste);
  g_test_add_func ("/lockdown/entry/copy", test_entry_copy);
  g_test_add_func ("/lockdown/entry/no-drop", test_entry_no_drop);
  g_test_add_func ("/lockdown/entry/focus-selects-nothing", test_entry_focus_selects_nothing);
  g_test_add_func ("/lockdown/clipboard/idle-reset", test_clipboards_cleared_by_idle_reset);
  g_test_add_func ("/lockdown/clipboard/going-home", test_clipboards_cleared_going_home);
  g_test_add_func ("/lockdown/clipboard/sign-out", test_clipboards_cleared_by_sign_out);
  g_test_add_func ("/lockdown/keys/lead-nowhere", test_keys_lead_nowhere);
  g_test_add_func ("/lockdown/keys/tab-never-reaches-staff", test_tab_never_reaches_staff);
  g_test_add_func ("/lockdown/demo-drawer", test_no_demo_drawer);

  status = g_test_run ();
  kiosk_test_remove_tree (data_folder);
  kiosk_test_remove_tree (token_folder);
  g_free (token_file);
  g_array_unref (keys_seen);
  kiosk_staff_peer_free (peer);
  return status;
}
