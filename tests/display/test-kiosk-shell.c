/* test-kiosk-shell.c: the kiosk shell in a real window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Full screen, the attract page in Chinese with every glyph present, the
 * language and text-size switches, idle reset, and the hidden staff entry.
 */

#include "config.h"

#include "kiosk-attract-page-private.h"
#include "kiosk-demo-tray.h"
#include "kiosk-display-test.h"
#include "kiosk-key.h"
#include "kiosk-keyboard-dock.h"
#include "kiosk-staff-login-page-private.h"
#include "kiosk-print-page-private.h"
#include "kiosk-signature-page-private.h"
#include "kiosk-sync-indicator.h"

#define PROMPT_ZH "请将第二代居民身份证放在读卡区"
#define PROMPT_EN "Please place your second-generation resident ID card on the reader area"

static KioskApplication *app;
static KioskWindow *window;
static char *data_folder;

static KioskAttractPage *
attract_page (void)
{
  return KIOSK_ATTRACT_PAGE (kiosk_test_page (KIOSK_PAGE_ATTRACT));
}

static KioskStaffLoginPage *
staff_login_page (void)
{
  return KIOSK_STAFF_LOGIN_PAGE (kiosk_test_page (KIOSK_PAGE_STAFF_LOGIN));
}

/* Every test starts from what the next walk-up person would see. */
static void
back_to_start (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);

  kiosk_idle_monitor_set_timeout (monitor, 60);
  kiosk_idle_monitor_set_countdown (monitor, 10);
  kiosk_flow_reset (kiosk_test_flow ());
  kiosk_application_restore_defaults (app);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
}

/* The pages the flow has built, as a set of KioskPageId bits. */
static guint
built_pages (void)
{
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (kiosk_test_flow ()));
  guint built = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (stack); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    built |= 1u << kiosk_page_get_id (KIOSK_PAGE (child));
  return built;
}

static KioskKeyboardDock *
dock (void)
{
  return KIOSK_KEYBOARD_DOCK (
      kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK));
}

/* A key of the on-screen keyboard, or %NULL while it has none (or there is
 * no keyboard yet). */
static GtkWidget *
keyboard_key (void)
{
  KioskKeyboard *keyboard = kiosk_keyboard_dock_peek_keyboard (dock ());

  return keyboard != NULL ? kiosk_test_find_by_type (GTK_WIDGET (keyboard), KIOSK_TYPE_KEY) : NULL;
}

/* Whether the idle countdown is (or is not) on, and shows (or not). */
static gboolean
counting_down (gpointer expected)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);
  KioskIdleOverlay *overlay = kiosk_window_get_idle_overlay (window);

  return kiosk_idle_monitor_get_counting_down (monitor) == GPOINTER_TO_INT (expected) &&
         (overlay != NULL && gtk_widget_get_visible (GTK_WIDGET (overlay))) ==
             GPOINTER_TO_INT (expected);
}

static gboolean
keyboard_up (gpointer unused)
{
  KioskKeyboard *keyboard = kiosk_keyboard_dock_peek_keyboard (dock ());

  return keyboard != NULL && kiosk_keyboard_dock_get_shown (dock ()) &&
         gtk_widget_get_mapped (GTK_WIDGET (keyboard));
}

static gboolean
typed_w (gpointer editable)
{
  return g_strcmp0 (gtk_editable_get_text (editable), "w") == 0;
}

static void
painted_cb (GdkFrameClock *clock, gboolean *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

/* On screen, and with nothing left to do, the kiosk holds the welcome page
 * only; a page is built when it is first shown, and kept when the visit
 * ends (which resets it). Nor is there an on-screen keyboard, an idle
 * countdown or (outside a demo) a demo tray: the keyboard is made, with its
 * keys, when a field first calls it up, the countdown when a visit is first
 * left idle; both then work and are kept. */
static void
test_pages_on_first_navigation (void)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);
  KioskPage *page;
  GtkEditable *user;
  KioskIdleOverlay *overlay;
  g_autofree char *left = NULL;

  gtk_widget_queue_draw (GTK_WIDGET (window));
  g_assert_true (kiosk_test_wait_for (is_true, &painted, 10000));
  g_signal_handler_disconnect (clock, handler);
  /* whatever the main loop had ready after the frame, idle callbacks too */
  for (guint i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  g_assert_cmphex (built_pages (), ==, 1u << KIOSK_PAGE_ATTRACT);
  /* the window's title, set from the first painted frame on */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "从业人员自助服务终端");
  /* nor the card reminder, until a card is left on the reader */
  g_assert_null (kiosk_window_get_card_reminder (window));
  g_assert_null (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_CARD_REMINDER));
  g_assert_null (kiosk_keyboard_dock_peek_keyboard (dock ()));
  g_assert_null (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD));
  g_assert_null (kiosk_window_get_idle_overlay (window));
  g_assert_null (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_IDLE_OVERLAY));
  g_assert_null (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_DEMO_TRAY));

  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_REGISTER, NULL));
  g_assert_cmphex (built_pages (), ==, 1u << KIOSK_PAGE_ATTRACT | 1u << KIOSK_PAGE_REGISTER);
  page = kiosk_test_page (KIOSK_PAGE_REGISTER);
  back_to_start ();
  g_assert_true (kiosk_test_page (KIOSK_PAGE_REGISTER) == page);
  g_assert_cmphex (built_pages (), ==, 1u << KIOSK_PAGE_ATTRACT | 1u << KIOSK_PAGE_REGISTER);
  g_assert_null (keyboard_key ());

  /* staff sign-in puts the focus in its account field, which calls the
   * keyboard up as the page opens */
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  user = kiosk_staff_login_page_get_user_entry (staff_login_page ());
  g_assert_true (kiosk_test_wait_for (keyboard_up, NULL, 5000));
  g_assert_nonnull (keyboard_key ());
  g_assert_true (kiosk_keyboard_get_attached (kiosk_keyboard_dock_peek_keyboard (dock ())) == user);
  g_assert_cmpint (kiosk_keyboard_get_layer (kiosk_keyboard_dock_peek_keyboard (dock ())), ==,
                   KIOSK_KEYBOARD_LAYER_LETTERS);
  gtk_editable_set_text (user, "");
  kiosk_test_tap (GTK_WIDGET (kiosk_keyboard_dock_peek_keyboard (dock ())), "w");
  g_assert_true (kiosk_test_wait_for (typed_w, user, 5000));

  /* left there, the visit counts down, over the page and its keyboard */
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 30);
  g_assert_true (kiosk_test_wait_for (counting_down, GINT_TO_POINTER (TRUE), 10000));
  overlay = kiosk_window_get_idle_overlay (window);
  g_assert_null (gtk_widget_get_next_sibling (GTK_WIDGET (overlay)));
  left = g_strdup_printf ("%u", kiosk_idle_monitor_get_remaining (monitor));
  g_assert_nonnull (strstr (kiosk_idle_overlay_get_message (overlay), left));
  g_assert_true (gtk_widget_is_focus (kiosk_idle_overlay_get_continue_button (overlay)));
  kiosk_test_tap (GTK_WIDGET (overlay), "继续办理");
  g_assert_true (kiosk_test_wait_for (counting_down, GINT_TO_POINTER (FALSE), 5000));
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN));
  g_assert_cmpstr (gtk_editable_get_text (user), ==, "w");

  /* the keys are kept for the next visit */
  back_to_start ();
  g_assert_nonnull (keyboard_key ());
  g_assert_null (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_DEMO_TRAY));
}

/* Whether assistive technology is told of @page: GTK 4.8 lists every
 * visible widget, on show or not, unless it is hidden from it. */
static gboolean
presented (KioskPage *page)
{
  g_autofree char *hidden =
      gtk_test_accessible_check_state (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);

  return gtk_widget_get_visible (GTK_WIDGET (page)) && hidden != NULL;
}

/* Of the pages built, only the one on show is told to assistive
 * technology: GTK 4.8 marks no widget as showing, so a screen reader (or a
 * script waiting for the welcome page) could not tell a page on the screen
 * from one left long ago. A page built before it shows is not told of
 * either. */
static void
test_only_page_on_show_presented (void)
{
  KioskPage *attract = KIOSK_PAGE (attract_page ());

  back_to_start ();
  g_assert_true (presented (attract));
  g_assert_false (presented (kiosk_test_page (KIOSK_PAGE_LOGIN)));

  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  g_assert_true (presented (KIOSK_PAGE (staff_login_page ())));
  g_assert_false (presented (attract));
  g_assert_false (presented (kiosk_test_page (KIOSK_PAGE_LOGIN)));

  back_to_start ();
  g_assert_true (presented (attract));
  g_assert_false (presented (KIOSK_PAGE (staff_login_page ())));
}

static gboolean
window_is_fullscreen (gpointer user_data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkMonitor *monitor =
      gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  return gtk_window_is_fullscreen (GTK_WINDOW (window)) &&
         gdk_surface_get_width (surface) == geometry.width &&
         gdk_surface_get_height (surface) == geometry.height;
}

static void
test_fullscreen (void)
{
  back_to_start ();
  g_assert_true (kiosk_test_wait_for (window_is_fullscreen, NULL, 5000));
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (window)));
}

/* without a device token the kiosk still files, and says where filings are */
static void
test_sync_indicator_not_enrolled (void)
{
  GtkWidget *indicator;

  back_to_start ();
  indicator = kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_SYNC_INDICATOR);
  g_assert_nonnull (indicator);
  g_assert_true (gtk_widget_get_mapped (indicator));
  g_assert_cmpstr (kiosk_sync_indicator_get_text (KIOSK_SYNC_INDICATOR (indicator)), ==,
                   "未连接登记中心，建档信息保存在本机");
  g_assert_nonnull (kiosk_services_get_sync_problem (kiosk_application_get_services (app)));
}

/* the signature page hands its form to the print page */
static void
test_signature_print_navigation (void)
{
  g_autoptr (FormsSignatureForm) form = forms_signature_form_new ();
  g_autoptr (JsonObject) person = json_object_new ();
  KioskSignaturePage *signature;
  KioskPrintPage *print;
  GtkWidget *button;

  back_to_start ();
  forms_signature_form_set_name (form, "王秀英");
  forms_signature_form_set_document_type (form, "居民身份证");
  forms_signature_form_set_document_number (form, "110101195803140024");
  forms_signature_form_set_record_id (form, "person-1");
  signature = KIOSK_SIGNATURE_PAGE (kiosk_test_page (KIOSK_PAGE_SIGNATURE));
  print = KIOSK_PRINT_PAGE (kiosk_test_page (KIOSK_PAGE_PRINT));

  /* the page shows only to a logged-in person */
  g_assert_false (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_SIGNATURE, NULL));
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_LOGIN));
  kiosk_visit_begin_session (kiosk_window_get_visit (window), "session-1", person);
  kiosk_visit_set_form (kiosk_window_get_visit (window), form, KIOSK_FORM_NOT_PRINTED);
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_SIGNATURE, NULL));
  /* no registry to ask: the status is not known, and no guess is shown */
  g_assert_cmpstr (kiosk_signature_page_get_status_text (signature), ==,
                   "暂时无法查询采集表的状态。");
  button = kiosk_test_find_button (GTK_WIDGET (signature), "打印采集表");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_PRINT, 5000));
  g_assert_true (kiosk_print_page_get_form (print) == form);

  /* a completed job (the print suite prints for real) marks the form printed */
  g_signal_emit_by_name (print, "printed", NULL);
  g_assert_cmpint (kiosk_visit_get_form_status (kiosk_window_get_visit (window)), ==,
                   KIOSK_FORM_PRINTED);
  g_assert_cmpstr (kiosk_signature_page_get_status_text (signature), ==,
                   "已打印：请在表上手写签名，扫描后上传。");
  /* with no way to upload on show, none is spoken of */
  g_assert_false (kiosk_test_is_mapped (kiosk_signature_page_get_phone_button (signature)));
  g_assert_null (strstr (kiosk_signature_page_get_steps_text (signature), "手机"));

  /* a reset forgets the person's form, and logs them out */
  back_to_start ();
  g_assert_null (kiosk_signature_page_get_form (signature));
  g_assert_false (kiosk_visit_get_logged_in (kiosk_window_get_visit (window)));
}

static void
test_cannot_close (void)
{
  back_to_start ();
  gtk_window_close (GTK_WINDOW (window));
  kiosk_test_spin (200); /* time for a close that must not come */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
}

static void
test_chinese_prompt (void)
{
  GtkLabel *label;
  PangoLayout *layout;

  back_to_start ();
  label = kiosk_attract_page_get_prompt_label (attract_page ());
  g_assert_cmpstr (gtk_label_get_text (label), ==, PROMPT_ZH);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));

  /* every character has a glyph in the fonts the kiosk uses: no tofu boxes */
  layout = gtk_label_get_layout (label);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  g_assert_cmpint (pango_layout_get_character_count (layout), ==, g_utf8_strlen (PROMPT_ZH, -1));
}

static void
assert_inside_window (GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=,
                     gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (window)));
}

static void
assert_attract_layout_fits (void)
{
  GtkWidget *prompt = GTK_WIDGET (kiosk_attract_page_get_prompt_label (attract_page ()));
  GtkWidget *english = kiosk_test_find_button (GTK_WIDGET (window), "English");
  graphene_rect_t prompt_bounds, footer_bounds;

  g_assert_nonnull (english);
  assert_inside_window (prompt);
  assert_inside_window (english);
  assert_inside_window (kiosk_test_find_button (GTK_WIDGET (window), "A+"));

  /* the prompt is shown whole: it got at least the height it asked for */
  {
    int minimum;
    gtk_widget_measure (prompt, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (prompt), &minimum,
                        NULL, NULL, NULL);
    g_assert_cmpint (gtk_widget_get_height (prompt), >=, minimum);
  }
  /* and it does not run into the footer */
  g_assert_true (gtk_widget_compute_bounds (prompt, GTK_WIDGET (window), &prompt_bounds));
  g_assert_true (gtk_widget_compute_bounds (english, GTK_WIDGET (window), &footer_bounds));
  g_assert_cmpfloat (prompt_bounds.origin.y + prompt_bounds.size.height, <=,
                     footer_bounds.origin.y);
}

static void
test_layout_fits (void)
{
  back_to_start ();
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  assert_attract_layout_fits ();

  kiosk_application_set_text_size (app, KIOSK_TEXT_SIZE_LARGE);
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  assert_attract_layout_fits ();

  kiosk_application_set_language (app, "en");
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  assert_attract_layout_fits ();
}

static gboolean
prompt_is (gpointer text)
{
  return g_strcmp0 (kiosk_attract_page_get_prompt (attract_page ()), text) == 0;
}

static void
test_language_switch (void)
{
  GtkWidget *english;
  GtkWidget *chinese;

  back_to_start ();
  g_assert_true (prompt_is (PROMPT_ZH));

  english = kiosk_test_find_button (GTK_WIDGET (window), "English");
  g_assert_nonnull (english);
  gtk_widget_activate (english);
  g_assert_true (kiosk_test_wait_for (prompt_is, PROMPT_EN, 5000));
  g_assert_cmpstr (kiosk_application_get_language (app), ==, "en");
  /* the window's title follows, set once the first frame was painted */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Practitioner Kiosk");
  /* the rebuilt page shows which language is on */
  english = kiosk_test_find_button (GTK_WIDGET (window), "English");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (english)));
  g_assert_false (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (kiosk_test_find_button (GTK_WIDGET (window), "中文"))));
  /* the switch reached every page, not just the visible one */
  g_assert_cmpstr (kiosk_page_get_title (KIOSK_PAGE (staff_login_page ())), ==, "Staff sign-in");
  /* and what the window shows over the pages, once a visit is left idle */
  {
    KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);
    KioskIdleOverlay *overlay;

    kiosk_idle_monitor_set_timeout (monitor, 1);
    kiosk_idle_monitor_set_countdown (monitor, 30);
    g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
    g_assert_true (kiosk_test_wait_for (counting_down, GINT_TO_POINTER (TRUE), 10000));
    overlay = kiosk_window_get_idle_overlay (window);
    kiosk_idle_overlay_set_remaining (overlay, 5);
    g_assert_cmpstr (
        gtk_button_get_label (GTK_BUTTON (kiosk_idle_overlay_get_continue_button (overlay))), ==,
        "Continue");
    /* in words: it is a sentence, not the header's chip */
    g_assert_cmpstr (kiosk_idle_overlay_get_message (overlay), ==,
                     "This page will be cleared in 5 seconds.");
    /* a minute or more in minutes and seconds, as the header counts */
    kiosk_idle_overlay_set_remaining (overlay, 598);
    g_assert_cmpstr (kiosk_idle_overlay_get_message (overlay), ==,
                     "This page will be cleared in 9 minutes 58 seconds.");
    kiosk_test_tap (GTK_WIDGET (overlay), "Continue");
    g_assert_true (kiosk_test_wait_for (counting_down, GINT_TO_POINTER (FALSE), 5000));
    kiosk_idle_monitor_set_timeout (monitor, 60);
    g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_ATTRACT, NULL));
  }

  chinese = kiosk_test_find_button (GTK_WIDGET (window), "中文");
  g_assert_nonnull (chinese);
  gtk_widget_activate (chinese);
  g_assert_true (kiosk_test_wait_for (prompt_is, PROMPT_ZH, 5000));
  g_assert_cmpstr (kiosk_page_get_title (KIOSK_PAGE (staff_login_page ())), ==, "工作人员登录");
}

static gboolean
window_has_large_text (gpointer expected)
{
  return gtk_widget_has_css_class (GTK_WIDGET (window), "large-text") == GPOINTER_TO_INT (expected);
}

static void
test_text_size_switch (void)
{
  GtkWidget *large;
  int normal_height;
  int large_height;

  back_to_start ();
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  normal_height =
      gtk_widget_get_height (GTK_WIDGET (kiosk_attract_page_get_prompt_label (attract_page ())));

  large = kiosk_test_find_button (GTK_WIDGET (window), "A+");
  g_assert_nonnull (large);
  gtk_widget_activate (large);
  g_assert_true (kiosk_test_wait_for (window_has_large_text, GINT_TO_POINTER (TRUE), 5000));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  large_height =
      gtk_widget_get_height (GTK_WIDGET (kiosk_attract_page_get_prompt_label (attract_page ())));
  g_assert_cmpint (large_height, >, normal_height);

  /* the next person gets the configured size back */
  back_to_start ();
  g_assert_true (window_has_large_text (GINT_TO_POINTER (FALSE)));
}

static void
test_idle_reset_clears_typed_text (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);
  GtkEditable *user;

  back_to_start ();
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 2);

  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  user = kiosk_staff_login_page_get_user_entry (staff_login_page ());
  gtk_editable_set_text (user, "someone");
  g_assert_cmpstr (gtk_editable_get_text (user), ==, "someone");
  /* this person also chose English and large text */
  kiosk_application_set_language (app, "en");
  kiosk_application_set_text_size (app, KIOSK_TEXT_SIZE_LARGE);
  g_assert_true (window_has_large_text (GINT_TO_POINTER (TRUE)));

  g_assert_true (kiosk_test_wait_for (counting_down, GINT_TO_POINTER (TRUE), 10000));
  g_assert_nonnull (
      strstr (kiosk_idle_overlay_get_message (kiosk_window_get_idle_overlay (window)), "2"));
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN));

  /* nobody touches it: everything typed is gone and the attract page is back */
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 10000));
  g_assert_true (counting_down (GINT_TO_POINTER (FALSE)));
  g_assert_cmpstr (
      gtk_editable_get_text (kiosk_staff_login_page_get_user_entry (staff_login_page ())), ==, "");
  /* and the next person gets the configured language and text size */
  g_assert_cmpstr (kiosk_application_get_language (app), ==, "zh_CN");
  g_assert_true (window_has_large_text (GINT_TO_POINTER (FALSE)));
}

static void
test_idle_touch_cancels (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);

  back_to_start ();
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 5);

  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  gtk_editable_set_text (kiosk_staff_login_page_get_user_entry (staff_login_page ()), "99");
  g_assert_true (kiosk_test_wait_for (counting_down, GINT_TO_POINTER (TRUE), 10000));

  /* a real click through the X server, beside the overlay's card */
  kiosk_test_xdotool ("mousemove 100 300 click 1");
  g_assert_true (kiosk_test_wait_for (counting_down, GINT_TO_POINTER (FALSE), 5000));
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN));
  g_assert_cmpstr (
      gtk_editable_get_text (kiosk_staff_login_page_get_user_entry (staff_login_page ())), ==,
      "99");
}

/* Whether the pages (and the keyboard docked under them) are blurred. */
static gboolean
behind_blurred (void)
{
  for (GtkWidget *w = GTK_WIDGET (kiosk_test_flow ()); w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "blurred"))
      return TRUE;
  return FALSE;
}

/* Whether a touch could reach the pages: no widget from them up refuses it. */
static gboolean
behind_targetable (void)
{
  for (GtkWidget *w = GTK_WIDGET (kiosk_test_flow ()); w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_can_target (w))
      return FALSE;
  return TRUE;
}

/* Whether a screen reader is told of the pages: nothing from them up is
 * hidden from it. */
static gboolean
behind_presented (void)
{
  for (GtkWidget *w = GTK_WIDGET (kiosk_test_flow ()); w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autofree char *hidden =
          gtk_test_accessible_check_state (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);

      if (hidden == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
count_clicks_cb (GtkButton *button, guint *clicks)
{
  (*clicks)++;
}

/* The tap that answers "are you still there?" lands on a button of the page
 * behind: the page cannot be targeted while the overlay shows, so the button is never clicked and the page, blurred
 * meanwhile, stays. */
static void
test_idle_dismissing_tap_presses_nothing (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);
  KioskPage *login = KIOSK_PAGE (staff_login_page ());
  GtkWidget *back, *picked;
  graphene_point_t centre;
  g_autofree char *click = NULL;
  guint clicks = 0;
  gulong handler;

  back_to_start ();
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 30);
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  back = kiosk_page_get_back_button (login);
  g_assert_true (gtk_widget_get_mapped (back));
  g_assert_true (gtk_widget_compute_point (
      back, GTK_WIDGET (window),
      &GRAPHENE_POINT_INIT (gtk_widget_get_width (back) / 2.f, gtk_widget_get_height (back) / 2.f),
      &centre));
  handler = g_signal_connect (back, "clicked", G_CALLBACK (count_clicks_cb), &clicks);
  g_assert_true (kiosk_test_wait_for (counting_down, GINT_TO_POINTER (TRUE), 10000));
  g_assert_true (behind_blurred ());

  /* what is under the finger is not the page's: the page takes no touch */
  picked = gtk_widget_pick (GTK_WIDGET (window), centre.x, centre.y, GTK_PICK_DEFAULT);
  g_assert_nonnull (picked);
  g_test_message ("under the finger: %s", G_OBJECT_TYPE_NAME (picked));
  g_assert_true (picked != back &&
                 !gtk_widget_is_ancestor (picked, GTK_WIDGET (kiosk_test_flow ())));
  g_assert_false (behind_targetable ());
  /* nor is it read out beside the question, or pressed through it */
  g_assert_false (behind_presented ());

  /* a real click through the X server, right on Back (返回) under the overlay */
  click = g_strdup_printf ("mousemove %d %d click 1", (int) centre.x, (int) centre.y);
  kiosk_test_xdotool (click);
  g_assert_true (kiosk_test_wait_for (counting_down, GINT_TO_POINTER (FALSE), 5000));
  kiosk_test_spin (500); /* time for a click on Back that must not come */
  g_signal_handler_disconnect (back, handler);
  g_assert_cmpuint (clicks, ==, 0);
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN));
  g_assert_false (behind_blurred ());
  g_assert_true (behind_targetable ());
  g_assert_true (behind_presented ());
}

/* End and clear resets at once, without waiting for the countdown. */
static void
test_idle_end_and_clear (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);

  back_to_start ();
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 60);
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  gtk_editable_set_text (kiosk_staff_login_page_get_user_entry (staff_login_page ()), "someone");
  g_assert_true (kiosk_test_wait_for (counting_down, GINT_TO_POINTER (TRUE), 10000));
  g_signal_emit_by_name (
      kiosk_test_find_button (GTK_WIDGET (kiosk_window_get_idle_overlay (window)), "结束并清空"),
      "clicked");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_assert_cmpstr (
      gtk_editable_get_text (kiosk_staff_login_page_get_user_entry (staff_login_page ())), ==, "");
}

/* A page may hold the kiosk longer than the setting (an SMS on its way). */
static void
test_idle_page_limit (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);
  KioskPage *login = KIOSK_PAGE (staff_login_page ());

  back_to_start ();
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 1);
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  kiosk_page_set_idle_limit (login, 30);
  /* past the setting's second and its countdown's */
  kiosk_test_wait_idle_seconds (3);
  g_assert_false (kiosk_idle_monitor_get_counting_down (monitor));
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN));
  /* and the header says how long */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kiosk_page_get_time_label (login))));
  g_assert_true (
      g_str_has_prefix (gtk_label_get_text (kiosk_page_get_time_label (login)), "剩余 "));
  kiosk_page_set_idle_limit (login, 0);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 10000));
}

/* The header says a short time to the second, a long one in whole
 * minutes: never more time than there is (9 minutes from a second after
 * ten began). */
static void
test_header_time_left (void)
{
  /* a page not on show, which the idle countdown does not set meanwhile */
  KioskPage *login = KIOSK_PAGE (staff_login_page ());
  struct
  {
    guint seconds;
    const char *said;
  } times[] = {
    { 45, "剩余 45 秒" },       { 60, "剩余 1 分钟" },  { 150, "剩余 2 分 30 秒" },
    { 179, "剩余 2 分 59 秒" }, { 180, "剩余 3 分钟" }, { 239, "剩余 3 分钟" },
    { 541, "剩余 9 分钟" },     { 599, "剩余 9 分钟" }, { 600, "剩余 10 分钟" },
  };

  back_to_start ();
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      kiosk_page_set_seconds_left (login, times[i].seconds);
      g_assert_cmpstr (gtk_label_get_text (kiosk_page_get_time_label (login)), ==, times[i].said);
    }
  kiosk_page_set_seconds_left (login, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (kiosk_page_get_time_label (login))));
}

static void
test_idle_not_on_attract (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);

  back_to_start ();
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 1);
  kiosk_test_spin (2500); /* past a countdown that must not start */
  g_assert_false (kiosk_idle_monitor_get_active (monitor));
  g_assert_true (counting_down (GINT_TO_POINTER (FALSE)));
}

static void
corner_point (int *x, int *y)
{
  *x = gtk_widget_get_width (GTK_WIDGET (window)) - 30;
  *y = 30;
}

static void
test_staff_long_press (void)
{
  g_autofree char *press = NULL;
  int x, y;

  back_to_start ();
  corner_point (&x, &y);
  press = g_strdup_printf ("mousemove %d %d mousedown 1", x, y);

  /* a short press does nothing */
  kiosk_test_xdotool (press);
  kiosk_test_spin (1000); /* held for a second */
  kiosk_test_xdotool ("mouseup 1");
  kiosk_test_spin (2500); /* past the three seconds, for a sign-in that must not open */
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_ATTRACT));

  /* holding for three seconds opens staff sign-in */
  kiosk_test_xdotool (press);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_STAFF_LOGIN, 6000));
  kiosk_test_xdotool ("mouseup 1");
}

int
main (int argc, char *argv[])
{
  g_autoptr (KioskConfig) config = NULL;
  int status;

  kiosk_application_setup_locale ();
  g_test_init (&argc, &argv, NULL);

  config = kiosk_config_new_defaults ();
  app = kiosk_test_start_application (config, &data_folder);
  window = kiosk_test_get_window (app);

  /* first: it looks at the kiosk as it started */
  g_test_add_func ("/shell/pages-on-first-navigation", test_pages_on_first_navigation);
  g_test_add_func ("/shell/only-page-on-show-presented", test_only_page_on_show_presented);
  g_test_add_func ("/shell/fullscreen", test_fullscreen);
  g_test_add_func ("/shell/cannot-close", test_cannot_close);
  g_test_add_func ("/shell/signature-print-navigation", test_signature_print_navigation);
  g_test_add_func ("/shell/sync-indicator-not-enrolled", test_sync_indicator_not_enrolled);
  g_test_add_func ("/shell/attract/chinese-prompt", test_chinese_prompt);
  g_test_add_func ("/shell/attract/layout-fits", test_layout_fits);
  g_test_add_func ("/shell/attract/language-switch", test_language_switch);
  g_test_add_func ("/shell/attract/text-size-switch", test_text_size_switch);
  g_test_add_func ("/shell/idle/reset-clears-typed-text", test_idle_reset_clears_typed_text);
  g_test_add_func ("/shell/idle/touch-cancels", test_idle_touch_cancels);
  g_test_add_func ("/shell/idle/not-on-attract", test_idle_not_on_attract);
  g_test_add_func ("/shell/idle/dismissing-tap-presses-nothing",
                   test_idle_dismissing_tap_presses_nothing);
  g_test_add_func ("/shell/idle/end-and-clear", test_idle_end_and_clear);
  g_test_add_func ("/shell/idle/page-limit", test_idle_page_limit);
  g_test_add_func ("/shell/header-time-left", test_header_time_left);
  g_test_add_func ("/shell/staff/long-press", test_staff_long_press);

  status = g_test_run ();
  kiosk_test_remove_tree (data_folder);
  return status;
}
