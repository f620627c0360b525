/* test-kiosk-filing.c: walk-up card filing in the real window, through the real
 * IdcardReader on an emulated reader, to a real registry process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "core-privacy.h"

#include "idcard-emulated-transport.h"
#include "kiosk-attract-page-private.h"
#include "kiosk-card-page-private.h"
#include "kiosk-display-test.h"
#include "kiosk-filed-page-private.h"
#include "kiosk-keyboard-dock.h"
#include "kiosk-keypad.h"
#include "kiosk-sms-page-private.h"
#include "registry-test-util.h"

static KioskApplication *app;
static KioskWindow *window;
static IdcardReader *reader;
static IdcardEmulatedTransport *emulated;
static RegistryTestCluster *cluster;
static RegistryTestProcess *registry;
static char *registry_db;
static GPtrArray *visited;

static KioskCardPage *
card_page (void)
{
  return KIOSK_CARD_PAGE (kiosk_test_page (KIOSK_PAGE_CARD));
}

static KioskFiledPage *
filed_page (void)
{
  return KIOSK_FILED_PAGE (kiosk_test_page (KIOSK_PAGE_FILED));
}

static KioskAttractPage *
attract_page (void)
{
  return KIOSK_ATTRACT_PAGE (kiosk_test_page (KIOSK_PAGE_ATTRACT));
}

static void
page_changed_cb (KioskFlow *f)
{
  g_ptr_array_add (visited,
                   g_strdup (kiosk_page_id_to_string (kiosk_flow_get_visible_page_id (f))));
}

static void
place (const char *card_file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("DEMO_CARDS_DIR"), card_file, NULL);

  g_assert_true (idcard_emulated_transport_place_card_file (emulated, path, &error));
  g_assert_no_error (error);
}

static void
lift (void)
{
  /* the reader notices the card is gone before the next one is placed */
  kiosk_test_lift_card (reader, emulated);
}

static void
back_to_start (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);

  kiosk_idle_monitor_set_timeout (monitor, 60);
  kiosk_idle_monitor_set_countdown (monitor, 10);
  kiosk_flow_reset (kiosk_test_flow ());
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_ptr_array_set_size (visited, 0);
}

static void
type_on (KioskPage *page, const char *digits)
{
  GtkWidget *keypad = kiosk_test_find_by_type (GTK_WIDGET (page), KIOSK_TYPE_KEYPAD);

  g_assert_nonnull (keypad);
  for (const char *p = digits; *p != '\0'; p++)
    {
      char key[2] = { *p, '\0' };
      g_assert_true (gtk_widget_activate_action (keypad, "keypad.insert", "s", key));
    }
}

static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gint64
registry_count (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (
      sqlite3_open_v2 (registry_db + strlen ("sqlite:"), &db, SQLITE_OPEN_READONLY, NULL), ==,
      SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static gboolean
registry_has (gpointer sql)
{
  return registry_count (sql) > 0;
}

static void
file_now (void)
{
  GtkWidget *file = kiosk_test_find_button (GTK_WIDGET (card_page ()), "建档");

  g_assert_nonnull (file);
  g_assert_true (gtk_widget_get_sensitive (file));
  gtk_widget_activate (file);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_FILED, 10000));
}

static void
test_walk_up_filing (void)
{
  GtkWidget *file;
  gboolean saw_reading = FALSE;

  back_to_start ();
  place ("resident-chen-jianguo.json");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_CARD, 10000));
  for (guint i = 0; i < visited->len; i++)
    saw_reading |= g_str_equal (g_ptr_array_index (visited, i), "reading");
  g_assert_true (saw_reading);

  /* the card's fields, the number masked */
  g_assert_null (kiosk_card_page_get_refusal (card_page ()));
  g_assert_cmpstr (kiosk_card_page_get_shown_id_number (card_page ()), ==, "440305********1236");
  g_assert_nonnull (find_label (GTK_WIDGET (card_page ()), "陈建国"));
  g_assert_nonnull (find_label (GTK_WIDGET (card_page ()), "深圳市公安局南山分局"));
  g_assert_null (find_label (GTK_WIDGET (card_page ()), "440305198507091236"));

  /* a half-typed phone keeps File off; a whole one turns it on */
  type_on (KIOSK_PAGE (card_page ()), "1380013");
  file = kiosk_test_find_button (GTK_WIDGET (card_page ()), "建档");
  g_assert_false (gtk_widget_get_sensitive (file));
  type_on (KIOSK_PAGE (card_page ()), "8000");
  g_assert_cmpstr (gtk_editable_get_text (kiosk_card_page_get_phone_entry (card_page ())), ==,
                   "13800138000");
  file_now ();
  g_assert_nonnull (find_label (GTK_WIDGET (filed_page ()), "陈** 已完成建档。"));

  /* kept in the outbox, then delivered to the registry */
  g_assert_true (
      kiosk_test_wait_for (registry_has,
                           "SELECT count(*) FROM filings WHERE doc_number = '440305198507091236' "
                           "AND phone = '13800138000' AND source = 'card'",
                           20000));
  {
    StoreOutboxCounts counts;
    g_assert_true (store_outbox_get_counts (
        kiosk_services_get_outbox (kiosk_application_get_services (app)), &counts, NULL));
    g_assert_cmpuint (counts.queued + counts.confirmed, >=, 1);
  }
  lift ();
}

static void
test_expired_card_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (IdcardCard) card = NULL;

  back_to_start ();
  g_assert_true (json_parser_load_from_data (
      parser,
      "{\"card_type\":\"resident\",\"name\":\"过期测试\",\"sex\":\"男\",\"nation\":\"汉\","
      "\"birth_date\":\"1970-01-01\",\"address\":\"北京市西城区测试街1号\","
      "\"id_number\":\"11010219700101001X\",\"issuer\":\"北京市公安局西城分局\","
      "\"valid_from\":\"2000-01-01\",\"valid_until\":\"2020-01-01\"}",
      -1, &error));
  card = idcard_card_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_true (idcard_emulated_transport_place_card (emulated, card, &error));
  g_assert_no_error (error);

  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_CARD, 10000));
  g_assert_nonnull (kiosk_card_page_get_refusal (card_page ()));
  g_assert_nonnull (strstr (kiosk_card_page_get_refusal (card_page ()), "过有效期"));
  g_assert_null (kiosk_test_find_button (GTK_WIDGET (card_page ()), "建档"));
  gtk_widget_activate (kiosk_test_find_button (GTK_WIDGET (card_page ()), "返回"));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  lift ();
}

static gboolean
waiting_for_next (gpointer user_data)
{
  return kiosk_filed_page_get_waiting_for_next (filed_page ());
}

static void
test_batch_of_three (void)
{
  const char *cards[] = { "resident-wang-xiuying.json", "resident-zhou-haitao.json",
                          "resident-ayigul.json" };
  g_autofree char *expected = NULL;

  back_to_start ();
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      place (cards[i]);
      g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_CARD, 10000));
      if (i > 0)
        {
          g_autofree char *count = g_strdup_printf ("本次已建档 %u 人", i);
          g_assert_nonnull (find_label (GTK_WIDGET (card_page ()), count));
        }
      file_now ();
      g_assert_cmpuint (kiosk_filed_page_get_batch_count (filed_page ()), ==, i + 1);
      gtk_widget_activate (kiosk_test_find_button (GTK_WIDGET (filed_page ()), "下一张"));
      g_assert_true (kiosk_test_wait_for (waiting_for_next, NULL, 5000));
      lift ();
    }
  /* never went back to the welcome page in between */
  for (guint i = 0; i < visited->len; i++)
    g_assert_cmpstr (g_ptr_array_index (visited, i), !=, "attract");

  expected = g_strdup ("本次已连续建档 3 人");
  g_assert_nonnull (find_label (GTK_WIDGET (filed_page ()), expected));
  gtk_widget_activate (kiosk_test_find_button (GTK_WIDGET (filed_page ()), "完成"));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_assert_true (kiosk_test_wait_for (
      registry_has,
      "SELECT count(*) = 3 FROM filings WHERE doc_number IN "
      "('110101195803140024', (SELECT doc_number FROM filings WHERE name = '周海涛'), "
      "(SELECT doc_number FROM filings WHERE name = '阿依古丽·买买提'))",
      20000));
}

static void
test_idle_reset_mid_filing (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);

  back_to_start ();
  place ("resident-zhou-haitao.json");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_CARD, 10000));
  type_on (KIOSK_PAGE (card_page ()), "139");
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 1);

  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 10000));
  /* nothing typed or shown survives */
  g_assert_null (kiosk_card_page_get_card (card_page ()));
  g_assert_null (kiosk_card_page_get_shown_id_number (card_page ()));
  g_assert_cmpstr (gtk_editable_get_text (kiosk_card_page_get_phone_entry (card_page ())), ==, "");
  g_assert_null (find_label (GTK_WIDGET (card_page ()), "周海涛"));
  lift ();
}

static gboolean
phone_checked (gpointer user_data)
{
  return !kiosk_filed_page_get_checking_phone (filed_page ());
}

static void
file_with_phone (const char *card_file, const char *phone)
{
  back_to_start ();
  place (card_file);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_CARD, 10000));
  if (phone != NULL)
    type_on (KIOSK_PAGE (card_page ()), phone);
  file_now ();
  g_assert_true (kiosk_test_wait_for (phone_checked, NULL, 10000));
}

static void
assert_note_has (const char *text)
{
  const char *note = kiosk_filed_page_get_phone_note (filed_page ());

  if (strstr (note, text) == NULL)
    g_error ("the filed page says «%s», not «%s»", note, text);
}

/* The confirmation says what the registry says about the phone: the login it
 * promises works, another person's phone sends the person to the window, a
 * changed phone shows the one on record masked, and no phone means register. */
static void
test_filed_phone_outcomes (void)
{
  file_with_phone ("resident-chen-jianguo.json", "13800138000");
  assert_note_has ("您可以用 138****8000 登录自助服务。");
  g_assert_true (gtk_widget_get_visible (kiosk_filed_page_get_login_button (filed_page ())));
  lift ();
  g_assert_true (kiosk_test_wait_for (
      registry_has, "SELECT count(*) FROM login_phones WHERE phone = '13800138000'", 20000));

  /* another person's phone: no login is promised */
  file_with_phone ("resident-wang-xiuying.json", "13800138000");
  assert_note_has ("已绑定他人");
  assert_note_has ("请到窗口办理");
  g_assert_false (gtk_widget_get_visible (kiosk_filed_page_get_login_button (filed_page ())));
  g_assert_false (gtk_widget_get_visible (kiosk_filed_page_get_register_button (filed_page ())));
  lift ();

  /* a new phone for someone filed before: log in with the one on record,
   * which the kiosk is not told */
  file_with_phone ("resident-chen-jianguo.json", "13700137000");
  assert_note_has ("请使用登记的手机号登录");
  g_assert_null (strstr (kiosk_filed_page_get_phone_note (filed_page ()), "8000"));
  assert_note_has ("手机号已更换？请到窗口办理");
  g_assert_null (strstr (kiosk_filed_page_get_phone_note (filed_page ()), "13800138000"));
  lift ();

  /* no phone: registering is the way in */
  file_with_phone ("resident-ayigul.json", NULL);
  assert_note_has ("您未填写手机号");
  g_assert_true (gtk_widget_get_visible (kiosk_filed_page_get_register_button (filed_page ())));
  g_assert_false (gtk_widget_get_visible (kiosk_filed_page_get_login_button (filed_page ())));
  lift ();
}

static gboolean
card_lifted (gpointer user_data)
{
  return kiosk_card_page_get_card_lifted (card_page ());
}

static gboolean
seconds_left_at_most (gpointer seconds)
{
  return kiosk_idle_monitor_get_seconds_left (kiosk_window_get_idle_monitor (window)) <=
         GPOINTER_TO_UINT (seconds);
}

static gboolean
reminding (gpointer expected)
{
  KioskCardReminder *reminder = kiosk_window_get_card_reminder (window);

  /* none is made before a card is first left */
  return (reminder != NULL && gtk_widget_get_visible (GTK_WIDGET (reminder))) ==
         GPOINTER_TO_INT (expected);
}

/* A card lifted before "File" leaves its data on a screen nobody may be
 * watching: the page resets after 20 s without a touch, not 60. */
static void
test_card_lifted_shortens_idle (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);

  back_to_start ();
  place ("resident-zhou-haitao.json");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_CARD, 10000));
  g_assert_cmpuint (kiosk_page_get_idle_limit (KIOSK_PAGE (card_page ())), ==, 0);
  g_assert_cmpuint (kiosk_idle_monitor_get_seconds_left (monitor), >, 40);

  lift ();
  g_assert_true (kiosk_test_wait_for (card_lifted, NULL, 5000));
  g_assert_cmpuint (kiosk_page_get_idle_limit (KIOSK_PAGE (card_page ())), ==, 20);
  /* 20 s and the 10 s countdown */
  g_assert_true (kiosk_test_wait_for (seconds_left_at_most, GUINT_TO_POINTER (30), 3000));
  g_assert_nonnull (strstr (
      gtk_label_get_text (kiosk_page_get_time_label (KIOSK_PAGE (card_page ()))), "证件已取走"));
  g_assert_cmpuint (kiosk_idle_monitor_get_seconds_left (monitor), >, 0);
  /* nothing left on the reader: no reminder on the way out */
  gtk_widget_activate (kiosk_test_find_button (GTK_WIDGET (card_page ()), "返回"));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  kiosk_test_spin (300); /* time for a reminder that must not come */
  g_assert_true (reminding (GINT_TO_POINTER (FALSE)));
}

/* After filing, cancelling or a reset, a card still on the reader is asked
 * for, full screen, until it is lifted. */
static void
test_card_reminder (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);
  KioskCardReminder *reminder;
  gboolean first_reminder;

  back_to_start ();
  g_assert_true (reminding (GINT_TO_POINTER (FALSE)));

  /* reset by the idle timeout. Run alone (meson's kiosk-card-reminder),
   * this makes the kiosk's first reminder after its first countdown: it is
   * still drawn under it, right over the pages. */
  first_reminder = kiosk_window_get_card_reminder (window) == NULL;
  place ("resident-wang-xiuying.json");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_CARD, 10000));
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 1);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 10000));
  g_assert_true (kiosk_test_wait_for (reminding, GINT_TO_POINTER (TRUE), 5000));
  reminder = kiosk_window_get_card_reminder (window);
  g_assert_nonnull (kiosk_window_get_idle_overlay (window));
  if (first_reminder)
    g_assert_true (gtk_widget_get_prev_sibling (GTK_WIDGET (reminder)) ==
                   kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK));
  lift ();
  g_assert_true (kiosk_test_wait_for (reminding, GINT_TO_POINTER (FALSE), 5000));
  kiosk_idle_monitor_set_timeout (monitor, 60);
  kiosk_idle_monitor_set_countdown (monitor, 10);

  /* filed */
  place ("resident-zhou-haitao.json");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_CARD, 10000));
  g_assert_false (reminding (GINT_TO_POINTER (TRUE)));
  file_now ();
  g_assert_true (kiosk_test_wait_for (reminding, GINT_TO_POINTER (TRUE), 5000));
  g_assert_cmpstr (kiosk_card_reminder_get_title (reminder), ==, "请取走您的身份证");
  /* with its illustration, loaded for the first reminder */
  g_assert_nonnull (gtk_picture_get_paintable (
      GTK_PICTURE (kiosk_test_find_by_type (GTK_WIDGET (reminder), GTK_TYPE_PICTURE))));
  lift ();
  g_assert_true (kiosk_test_wait_for (reminding, GINT_TO_POINTER (FALSE), 5000));
  g_assert_cmpint (kiosk_flow_get_visible_page_id (kiosk_test_flow ()), ==, KIOSK_PAGE_FILED);

  /* cancelled: the welcome page asks for it and files nothing */
  back_to_start ();
  place ("resident-wang-xiuying.json");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_CARD, 10000));
  gtk_widget_activate (kiosk_test_find_button (GTK_WIDGET (card_page ()), "返回"));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_assert_true (kiosk_test_wait_for (reminding, GINT_TO_POINTER (TRUE), 5000));
  kiosk_test_spin (500); /* time for a visit the card must not start */
  g_assert_cmpint (kiosk_flow_get_visible_page_id (kiosk_test_flow ()), ==, KIOSK_PAGE_ATTRACT);
  lift ();
  g_assert_true (kiosk_test_wait_for (reminding, GINT_TO_POINTER (FALSE), 5000));
}

static gboolean
visit_has_card (gpointer card)
{
  IdcardCard *had = kiosk_visit_get_card (kiosk_window_get_visit (window));

  return had != NULL &&
         g_strcmp0 (idcard_card_get_id_number (had), idcard_card_get_id_number (card)) == 0;
}

static guint cards_read;

static void
card_read_cb (void)
{
  cards_read++;
}

static gboolean
read_count_is (gpointer expected)
{
  return cards_read == GPOINTER_TO_UINT (expected);
}

/* The reader reports a card once per placement: one placed while a page
 * that takes none shows is read by the next page that takes cards. */
static void
test_card_already_present (void)
{
  KioskFlow *flow = kiosk_test_flow ();
  KioskPage *register_page;
  g_autoptr (GError) error = NULL;
  g_autofree char *path =
      g_build_filename (g_getenv ("DEMO_CARDS_DIR"), "resident-zhou-haitao.json", NULL);
  g_autoptr (IdcardCard) zhou = idcard_card_new_from_file (path, &error);
  g_autofree char *masked = core_mask_id_number (idcard_card_get_id_number (zhou));
  gulong handler = g_signal_connect_swapped (reader, "card-read", G_CALLBACK (card_read_cb), NULL);

  g_assert_no_error (error);
  /* the welcome page files it */
  back_to_start ();
  g_assert_true (kiosk_flow_go_to (flow, KIOSK_PAGE_STAFF_LOGIN, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_STAFF_LOGIN, 5000));
  cards_read = 0;
  place ("resident-zhou-haitao.json");
  g_assert_true (kiosk_test_wait_for (read_count_is, GUINT_TO_POINTER (1), 10000));
  kiosk_test_spin (300); /* time for a page change the card must not cause */
  g_assert_cmpint (kiosk_flow_get_visible_page_id (flow), ==, KIOSK_PAGE_STAFF_LOGIN);
  g_assert_true (kiosk_flow_go_to (flow, KIOSK_PAGE_ATTRACT, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_CARD, 5000));
  g_assert_cmpstr (kiosk_card_page_get_shown_id_number (card_page ()), ==, masked);
  g_assert_false (reminding (GINT_TO_POINTER (TRUE)));
  gtk_widget_activate (kiosk_test_find_button (GTK_WIDGET (card_page ()), "返回"));
  g_assert_true (kiosk_test_wait_for (reminding, GINT_TO_POINTER (TRUE), 5000));
  lift ();

  /* the register page takes its number */
  back_to_start ();
  g_assert_true (kiosk_flow_go_to (flow, KIOSK_PAGE_STAFF_LOGIN, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_STAFF_LOGIN, 5000));
  cards_read = 0;
  place ("resident-zhou-haitao.json");
  g_assert_true (kiosk_test_wait_for (read_count_is, GUINT_TO_POINTER (1), 10000));
  g_assert_true (kiosk_flow_go_to (flow, KIOSK_PAGE_REGISTER, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_REGISTER, 5000));
  register_page = kiosk_flow_get_visible_page (flow);
  g_assert_true (kiosk_test_wait_for (visit_has_card, zhou, 5000));
  g_assert_cmpstr (gtk_editable_get_text (kiosk_sms_page_get_entry (KIOSK_SMS_PAGE (register_page),
                                                                    KIOSK_SMS_FIELD_ID_NUMBER)),
                   ==, masked);
  g_signal_handler_disconnect (reader, handler);
  lift ();
}

static gboolean
reader_connected (gpointer expected)
{
  return kiosk_attract_page_get_reader_connected (attract_page ()) == GPOINTER_TO_INT (expected);
}

static void
test_reader_unplugged (void)
{
  back_to_start ();
  g_assert_true (kiosk_test_wait_for (reader_connected, GINT_TO_POINTER (TRUE), 5000));
  idcard_emulated_transport_unplug (emulated);
  g_assert_true (kiosk_test_wait_for (reader_connected, GINT_TO_POINTER (FALSE), 10000));
  idcard_emulated_transport_replug (emulated);
  g_assert_true (kiosk_test_wait_for (reader_connected, GINT_TO_POINTER (TRUE), 10000));
}

static gboolean
reader_reported (gpointer state)
{
  static RegistryStorage *storage;
  g_autofree char *sql =
      g_strdup_printf ("SELECT count(*) FROM device_health WHERE reader = '%s'", (char *) state);

  if (storage == NULL)
    storage = registry_storage_open (registry_db, NULL);
  return registry_test_count (storage, sql) == 1;
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* The kiosk's health reports follow its reader: unplugged, the registry's
 * fleet soon says so; plugged in again, the problem goes. */
static void
test_health_reports_reader (void)
{
  /* wakes the loop to look at the registry's database now and then */
  guint tick = g_timeout_add (100, tick_cb, NULL);
  g_autofree char *fleet = NULL;

  back_to_start ();
  g_assert_true (kiosk_test_wait_for (reader_connected, GINT_TO_POINTER (TRUE), 5000));
  idcard_emulated_transport_unplug (emulated);
  g_assert_true (kiosk_test_wait_for (reader_reported, "missing", 60000));
  g_assert_cmpint (registry_test_run_cli (registry_db, (const char *[]){ "admin", "fleet", NULL },
                                          NULL, &fleet, NULL),
                   ==, 3);
  g_assert_nonnull (strstr (fleet, "display-kiosk\t"));
  g_assert_nonnull (strstr (fleet, "reader_missing"));

  idcard_emulated_transport_replug (emulated);
  g_assert_true (kiosk_test_wait_for (reader_reported, "ok", 60000));
  g_clear_pointer (&fleet, g_free);
  registry_test_run_cli (registry_db, (const char *[]){ "admin", "fleet", NULL }, NULL, &fleet,
                         NULL);
  g_assert_nonnull (strstr (fleet, "display-kiosk\t"));
  g_assert_null (strstr (fleet, "reader_missing"));
  g_source_remove (tick);
}

static void
start_kiosk (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("kiosk-filing-XXXXXX", &error);
  g_autofree char *token = NULL;

  g_assert_no_error (error);
  cluster = registry_test_cluster_start ();
  registry_db = registry_test_cluster_new_database (cluster);
  token = registry_test_enroll_device (registry_db, "display-kiosk");
  registry = registry_test_process_start (cluster, registry_db, NULL);

  app = kiosk_test_start_enrolled_kiosk (folder, registry->base_url, token, &reader, &emulated);
  window = kiosk_test_get_window (app);
  g_signal_connect (kiosk_test_flow (), "notify::visible-page", G_CALLBACK (page_changed_cb), NULL);
}

int
main (int argc, char *argv[])
{
  int status;

  kiosk_application_setup_locale ();
  g_test_init (&argc, &argv, NULL);
  visited = g_ptr_array_new_with_free_func (g_free);
  start_kiosk ();

  g_test_add_func ("/filing/walk-up", test_walk_up_filing);
  g_test_add_func ("/filing/expired-card-refused", test_expired_card_refused);
  g_test_add_func ("/filing/batch-of-three", test_batch_of_three);
  /* after the batch, which counts its own filings */
  g_test_add_func ("/filing/filed-phone-outcomes", test_filed_phone_outcomes);
  g_test_add_func ("/filing/idle-reset-mid-filing", test_idle_reset_mid_filing);
  g_test_add_func ("/filing/card-lifted-shortens-idle", test_card_lifted_shortens_idle);
  g_test_add_func ("/filing/card-reminder", test_card_reminder);
  g_test_add_func ("/filing/card-already-present", test_card_already_present);
  g_test_add_func ("/filing/reader-unplugged", test_reader_unplugged);
  g_test_add_func ("/filing/health-reports-reader", test_health_reports_reader);

  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  registry_test_process_stop (registry);
  registry_test_cluster_stop (cluster);
  return status;
}
