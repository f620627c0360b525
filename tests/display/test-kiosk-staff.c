/* test-kiosk-staff.c: staff mode in the real kiosk window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk is enrolled with a scripted registry peer that answers the staff
 * sign-in contract; everything else (store, outbox, pages) is the real kiosk.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "idcard-emulated-transport.h"
#include "kiosk-display-test.h"
#include "kiosk-keyboard-dock.h"
#include "kiosk-keyboard.h"
#include "kiosk-reader-status-page-private.h"
#include "kiosk-settings-page-private.h"
#include "kiosk-manual-filing-page-private.h"
#include "kiosk-pick-list.h"
#include "kiosk-staff-login-page-private.h"
#include "kiosk-staff-peer.h"
#include "kiosk-sync-status-page-private.h"

#define TOKEN "staff-test-device-token"
#define USER "wang.fang"
#define PASSWORD "correct horse battery"

static KioskApplication *app;
static KioskWindow *window;
static KioskStaffPeer *peer;
static char *data_folder;
static char *token_folder;
static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static gboolean has_label_containing (GtkWidget *root, const char *text);
static gboolean without_countries;

/* Without the country list the kiosk says so once in its log: expected
 * there, so not fatal; any other warning is. */
static void
log_cb (const char *domain, GLogLevelFlags level, const char *message, gpointer user_data)
{
  if (!g_str_has_prefix (message, "no country names: "))
    g_error ("unexpected warning: %s", message);
}

static KioskStaffLoginPage *
login_page (void)
{
  return KIOSK_STAFF_LOGIN_PAGE (kiosk_test_page (KIOSK_PAGE_STAFF_LOGIN));
}

static KioskStaffAuth *
auth (void)
{
  return kiosk_services_get_staff_auth (kiosk_application_get_services (app));
}

static void
back_to_start (void)
{
  kiosk_flow_reset (kiosk_test_flow ());
  kiosk_application_restore_defaults (app);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_assert_null (kiosk_staff_auth_get_user (auth ()));
}

static void
click (KioskPage *on, const char *label)
{
  GtkWidget *button = kiosk_test_find_button (GTK_WIDGET (on), label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* what a tap does; gtk_widget_activate() would click only after a delay */
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
login_settled (gpointer user_data)
{
  return !kiosk_staff_login_page_get_busy (login_page ());
}

/* Types the account and password and presses "Sign in" (登录). */
static void
sign_in (const char *user, const char *password)
{
  if (!kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN))
    g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  gtk_editable_set_text (kiosk_staff_login_page_get_user_entry (login_page ()), user);
  gtk_editable_set_text (kiosk_staff_login_page_get_password_entry (login_page ()), password);
  click (KIOSK_PAGE (login_page ()), "登录");
  g_assert_true (kiosk_test_wait_for (login_settled, NULL, 20000));
}

static void
sign_in_staff (void)
{
  sign_in (USER, PASSWORD);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_STAFF, 5000));
  g_assert_cmpstr (kiosk_staff_auth_get_user (auth ()), ==, USER);
}

static void
test_wrong_password_locks (void)
{
  back_to_start ();
  for (guint i = 1; i < KIOSK_STAFF_AUTH_MAX_FAILURES; i++)
    {
      sign_in (USER, "not the password");
      g_assert_true (kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN));
      g_assert_cmpstr (kiosk_staff_login_page_get_message (login_page ()), ==,
                       "账号或密码错误，请重新输入。");
      /* the password is gone, the account stays for the next try */
      g_assert_cmpstr (
          gtk_editable_get_text (kiosk_staff_login_page_get_password_entry (login_page ())), ==,
          "");
      g_assert_cmpstr (
          gtk_editable_get_text (kiosk_staff_login_page_get_user_entry (login_page ())), ==, USER);
    }
  sign_in (USER, "not the password");
  g_assert_cmpstr (kiosk_staff_login_page_get_message (login_page ()), ==,
                   "错误次数过多，工作人员登录已锁定，请 5 分钟后再试。");

  /* locked: the right password does not get in either */
  sign_in (USER, PASSWORD);
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN));
  g_assert_null (kiosk_staff_auth_get_user (auth ()));
  g_assert_nonnull (strstr (kiosk_staff_login_page_get_message (login_page ()), "已锁定"));
  g_assert_null (kiosk_test_find_button (GTK_WIDGET (window), "退出终端"));

  /* the lock is in the store: a restarted kiosk is still locked */
  {
    g_autoptr (KioskStaffAuth) restarted = kiosk_staff_auth_new (
        kiosk_services_get_store (kiosk_application_get_services (app)), NULL);

    kiosk_staff_auth_set_clock (restarted, fake_clock, NULL);
    g_assert_cmpuint (kiosk_staff_auth_get_lock_remaining (restarted), ==,
                      KIOSK_STAFF_AUTH_LOCK_SECONDS);
  }

  /* five minutes later */
  fake_now += (gint64) KIOSK_STAFF_AUTH_LOCK_SECONDS * G_USEC_PER_SEC;
  sign_in_staff ();
}

static void
test_correct_login_reaches_home (void)
{
  back_to_start ();
  sign_in_staff ();
  g_assert_nonnull (
      kiosk_test_find_button (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_STAFF)), "人工建档"));
  g_assert_nonnull (
      kiosk_test_find_button (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_STAFF)), "退出终端"));

  /* signing out leaves staff mode */
  click (kiosk_test_page (KIOSK_PAGE_STAFF), "退出登录");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_assert_null (kiosk_staff_auth_get_user (auth ()));
}

static KioskManualFilingPage *
filing_page (void)
{
  return KIOSK_MANUAL_FILING_PAGE (kiosk_test_page (KIOSK_PAGE_MANUAL_FILING));
}

static void
type_field (CoreFilingField field, const char *text)
{
  gtk_editable_set_text (kiosk_manual_filing_page_get_entry (filing_page (), field), text);
}

/* Picks @label from the nationality's list of countries. */
static void
pick_nationality (const char *label)
{
  kiosk_test_pick (kiosk_manual_filing_page_get_nationality_picker (filing_page ()), label);
}

static gboolean
filing_settled (gpointer user_data)
{
  return !kiosk_manual_filing_page_get_busy (filing_page ());
}

static guint
outbox_queued (void)
{
  StoreOutboxCounts counts = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_true (store_outbox_get_counts (
      kiosk_services_get_outbox (kiosk_application_get_services (app)), &counts, &error));
  g_assert_no_error (error);
  return counts.queued;
}

/* A complete passport filing on the form, the original checked. */
static void
fill_passport (const char *number)
{
  kiosk_manual_filing_page_set_doc_type (filing_page (), IDCARD_DOCUMENT_PASSPORT);
  type_field (CORE_FILING_FIELD_DOC_NUMBER, number);
  type_field (CORE_FILING_FIELD_NAME_EN, "SMITH, John");
  pick_nationality ("英国");
  kiosk_manual_filing_page_set_sex (filing_page (), "男");
  type_field (CORE_FILING_FIELD_BIRTH_DATE, "1979-11-30");
  kiosk_manual_filing_page_set_long_term (filing_page (), TRUE);
  kiosk_manual_filing_page_set_original_checked (filing_page (), TRUE);
}

static void
test_offline_login_from_cache (void)
{
  g_autoptr (SyncClient) unreachable = NULL;
  g_autoptr (SyncClient) online = NULL;
  g_autoptr (GError) error = NULL;
  guint queued_before = outbox_queued ();

  back_to_start ();
  sign_in_staff ();
  back_to_start ();

  /* the registry goes away: a port nobody listens on */
  {
    g_autoptr (GSocketListener) listener = g_socket_listener_new ();
    guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", port);

    g_assert_no_error (error);
    g_socket_listener_close (listener);
    unreachable = sync_client_new (url, TOKEN, NULL, &error);
    g_assert_no_error (error);
  }
  online = g_object_ref (sync_registry_get_client (
      kiosk_services_get_registry (kiosk_application_get_services (app))));
  kiosk_staff_auth_set_client (auth (), unreachable);

  sign_in ("someone.else", PASSWORD);
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN));
  g_assert_nonnull (strstr (kiosk_staff_login_page_get_message (login_page ()), "无法离线验证"));

  sign_in_staff ();
  /* checked offline: no staff session, so no manual filing; the page says why */
  g_assert_null (kiosk_staff_auth_get_session_token (auth ()));
  click (kiosk_test_page (KIOSK_PAGE_STAFF), "人工建档");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_MANUAL_FILING, 5000));
  g_assert_nonnull (kiosk_manual_filing_page_get_message (filing_page ()));
  g_assert_nonnull (
      strstr (kiosk_manual_filing_page_get_message (filing_page ()), "经登记中心确认"));
  g_assert_false (
      gtk_widget_is_sensitive (kiosk_test_find_button (GTK_WIDGET (filing_page ()), "建档")));
  fill_passport ("E87654321");
  kiosk_manual_filing_page_file (filing_page ());
  g_assert_true (kiosk_test_wait_for (filing_settled, NULL, 10000));
  g_assert_null (kiosk_manual_filing_page_get_last_filing_id (filing_page ()));
  g_assert_cmpuint (outbox_queued (), ==, queued_before);
  /* the other staff pages work offline */
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_SYNC_STATUS, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SYNC_STATUS, 5000));
  kiosk_staff_auth_set_client (auth (), online);
  back_to_start ();
}

/* nobody touches the kiosk: the reset that sends every page home ends staff mode */
static void
test_idle_reset_signs_out (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);

  back_to_start ();
  sign_in_staff ();
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 1);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 15000));
  g_assert_null (kiosk_staff_auth_get_user (auth ()));
  kiosk_idle_monitor_set_timeout (monitor, 600);
  kiosk_idle_monitor_set_countdown (monitor, 10);

  /* and the staff pages are not reachable without signing in again */
  g_assert_false (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_STAFF_LOGIN, 5000));
}

static gboolean
button_shown (gpointer label)
{
  return kiosk_test_find_button (GTK_WIDGET (window), label) != NULL;
}

static gboolean
no_window (gpointer unused)
{
  return gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL;
}

static void
test_exit (void)
{
  GtkWidget *exit_button;

  back_to_start ();
  sign_in_staff ();
  exit_button = kiosk_test_find_button (GTK_WIDGET (window), "退出终端");
  g_assert_nonnull (exit_button);
  /* far from Settings, which a finger aims at on the same page (measured
   * once the page has come in) */
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  {
    GtkWidget *settings = kiosk_test_find_button (GTK_WIDGET (window), "设置");
    graphene_rect_t a, b;

    g_assert_nonnull (settings);
    g_assert_true (gtk_widget_compute_bounds (settings, GTK_WIDGET (window), &a));
    g_assert_true (gtk_widget_compute_bounds (exit_button, GTK_WIDGET (window), &b));
    g_assert_cmpfloat (b.origin.y - (a.origin.y + a.size.height), >=, 64);
  }
  /* one tap only asks (an activated button answers once its press shows) */
  gtk_widget_activate (exit_button);
  g_assert_true (kiosk_test_wait_for (button_shown, "不退出", 5000));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
  g_assert_null (kiosk_test_find_button (GTK_WIDGET (window), "退出终端"));
  gtk_widget_activate (kiosk_test_find_button (GTK_WIDGET (window), "不退出"));
  g_assert_true (kiosk_test_wait_for (button_shown, "退出终端", 5000));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
  gtk_widget_activate (kiosk_test_find_button (GTK_WIDGET (window), "退出终端"));
  g_assert_true (kiosk_test_wait_for (button_shown, "确认退出终端", 5000));
  gtk_widget_activate (kiosk_test_find_button (GTK_WIDGET (window), "确认退出终端"));
  g_assert_true (kiosk_test_wait_for (no_window, NULL, 5000));

  /* sign-ins, refusals, the lock and who left are on record */
  {
    const char *const actions[] = { "staff-sign-in", "staff-sign-in-refused",
                                    "staff-sign-in-locked", "exit-kiosk" };
    sqlite3 *db =
        store_database_get_handle (kiosk_services_get_store (kiosk_application_get_services (app)));

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        sqlite3_stmt *stmt = NULL;

        g_assert_cmpint (
            sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit WHERE action = ?", -1, &stmt, NULL),
            ==, SQLITE_OK);
        sqlite3_bind_text (stmt, 1, actions[i], -1, SQLITE_STATIC);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), >, 0);
        sqlite3_finalize (stmt);
      }
  }
}

static const char *
field_text (CoreFilingField field)
{
  return gtk_editable_get_text (kiosk_manual_filing_page_get_entry (filing_page (), field));
}

/* The outbox entry of @filing_id, opened, as the registry will get it. */
static JsonObject *
find_queued_payload (const char *filing_id)
{
  StoreOutbox *outbox = kiosk_services_get_outbox (kiosk_application_get_services (app));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = store_outbox_get_due (outbox, 500, G_MAXINT64 / 2, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    {
      StoreOutboxEntry *entry = g_ptr_array_index (due, i);
      g_autoptr (JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (entry->payload, &size);

      if (g_strcmp0 (entry->filing_id, filing_id) != 0)
        continue;
      g_assert_true (json_parser_load_from_data (parser, data, (gssize) size, &error));
      g_assert_no_error (error);
      return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }
  return NULL;
}

static void
test_manual_filing_home_return (void)
{
  g_autoptr (GError) rule = NULL;
  g_autoptr (JsonObject) payload = NULL;
  g_autofree char *filing_id = NULL;

  back_to_start ();
  sign_in_staff ();
  click (kiosk_test_page (KIOSK_PAGE_STAFF), "人工建档");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_MANUAL_FILING, 5000));

  kiosk_manual_filing_page_set_doc_type (filing_page (), IDCARD_DOCUMENT_HOME_RETURN);
  type_field (CORE_FILING_FIELD_NAME, "陈大文");
  type_field (CORE_FILING_FIELD_NAME_EN, "CHAN, Tai Man");
  kiosk_manual_filing_page_set_sex (filing_page (), "男");
  type_field (CORE_FILING_FIELD_BIRTH_DATE, "1985-03-12");
  type_field (CORE_FILING_FIELD_VALID_FROM, "2020-01-01");
  type_field (CORE_FILING_FIELD_VALID_UNTIL, "2030-01-01");
  type_field (CORE_FILING_FIELD_PHONE, "13800138000");
  kiosk_manual_filing_page_set_original_checked (filing_page (), TRUE);

  /* a number one digit short: the rule's reason shows as it is typed */
  type_field (CORE_FILING_FIELD_DOC_NUMBER, "H1234567");
  g_assert_false (idcard_document_number_check (IDCARD_DOCUMENT_HOME_RETURN, "H1234567", &rule));
  g_assert_false (kiosk_manual_filing_page_get_number_valid (filing_page ()));
  g_assert_cmpstr (kiosk_manual_filing_page_get_number_hint (filing_page ()), ==, rule->message);

  /* and "File" refuses it with that reason, losing nothing typed */
  click (KIOSK_PAGE (filing_page ()), "建档");
  g_assert_true (kiosk_test_wait_for (filing_settled, NULL, 10000));
  g_assert_nonnull (
      kiosk_manual_filing_page_get_field_error (filing_page (), CORE_FILING_FIELD_DOC_NUMBER));
  g_assert_nonnull (strstr (
      kiosk_manual_filing_page_get_field_error (filing_page (), CORE_FILING_FIELD_DOC_NUMBER),
      rule->message));
  g_assert_null (kiosk_manual_filing_page_get_last_filing_id (filing_page ()));
  g_assert_cmpstr (field_text (CORE_FILING_FIELD_DOC_NUMBER), ==, "H1234567");
  g_assert_cmpstr (field_text (CORE_FILING_FIELD_NAME), ==, "陈大文");

  /* the right number files, with the staff account on record */
  type_field (CORE_FILING_FIELD_DOC_NUMBER, "H12345678");
  g_assert_true (kiosk_manual_filing_page_get_number_valid (filing_page ()));
  click (KIOSK_PAGE (filing_page ()), "建档");
  g_assert_true (kiosk_test_wait_for (filing_settled, NULL, 10000));
  filing_id = g_strdup (kiosk_manual_filing_page_get_last_filing_id (filing_page ()));
  g_assert_nonnull (filing_id);
  g_assert_true (
      g_str_has_prefix (kiosk_manual_filing_page_get_message (filing_page ()), "已建档"));
  /* the form is ready for the next person */
  g_assert_cmpstr (field_text (CORE_FILING_FIELD_DOC_NUMBER), ==, "");
  g_assert_cmpstr (field_text (CORE_FILING_FIELD_NAME), ==, "");

  payload = find_queued_payload (filing_id);
  g_assert_nonnull (payload);
  /* the staff session the registry gave at sign-in, not a name */
  {
    g_autofree char *session = kiosk_staff_peer_dup_last_session (peer);
    g_assert_cmpstr (json_object_get_string_member (payload, "staff_session"), ==, session);
    g_assert_false (json_object_has_member (payload, "staff"));
  }
  g_assert_cmpstr (json_object_get_string_member (payload, "source"), ==, "manual");
  g_assert_true (json_object_get_boolean_member (payload, "original_checked"));
  g_assert_cmpstr (json_object_get_string_member (payload, "doc_type"), ==, "home_return");
  g_assert_cmpstr (json_object_get_string_member (payload, "doc_number"), ==, "H12345678");
  g_assert_cmpstr (json_object_get_string_member (payload, "name"), ==, "陈大文");
}

/* a foreign passport needs a nationality; the page says so before filing */
static void
test_manual_filing_passport_needs_nationality (void)
{
  g_autofree char *filing_id = NULL;
  g_autoptr (JsonObject) payload = NULL;

  back_to_start ();
  sign_in_staff ();
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_MANUAL_FILING, NULL));
  kiosk_manual_filing_page_set_doc_type (filing_page (), IDCARD_DOCUMENT_PASSPORT);
  type_field (CORE_FILING_FIELD_DOC_NUMBER, "E12345678");
  type_field (CORE_FILING_FIELD_NAME_EN, "SMITH, John");
  kiosk_manual_filing_page_set_sex (filing_page (), "男");
  type_field (CORE_FILING_FIELD_BIRTH_DATE, "1979-11-30");
  kiosk_manual_filing_page_set_long_term (filing_page (), TRUE);
  kiosk_manual_filing_page_set_original_checked (filing_page (), TRUE);
  click (KIOSK_PAGE (filing_page ()), "建档");
  g_assert_true (kiosk_test_wait_for (filing_settled, NULL, 10000));
  g_assert_nonnull (strstr (
      kiosk_manual_filing_page_get_field_error (filing_page (), CORE_FILING_FIELD_NATIONALITY),
      "国籍"));
  g_assert_null (kiosk_manual_filing_page_get_last_filing_id (filing_page ()));

  /* the country by its name in the kiosk's language, stored as its code */
  pick_nationality ("英国");
  g_assert_cmpstr (kiosk_pick_list_get_shown_label (
                       kiosk_manual_filing_page_get_nationality_picker (filing_page ())),
                   ==, "英国");
  click (KIOSK_PAGE (filing_page ()), "建档");
  g_assert_true (kiosk_test_wait_for (filing_settled, NULL, 10000));
  filing_id = g_strdup (kiosk_manual_filing_page_get_last_filing_id (filing_page ()));
  g_assert_nonnull (filing_id);
  payload = find_queued_payload (filing_id);
  g_assert_nonnull (payload);
  g_assert_cmpstr (json_object_get_string_member (payload, "nationality"), ==, "GBR");
  g_assert_cmpstr (json_object_get_string_member (payload, "valid_until"), ==, "长期");
  g_assert_false (json_object_has_member (payload, "phone") &&
                  !json_object_get_null_member (payload, "phone"));
}

/* Without the kiosk's country list (an installation that lost it), staff
 * type the nationality's code from the document; the page says why, takes
 * the code in either case and refuses what is not a code. */
static void
test_manual_filing_without_countries (void)
{
  g_autofree char *filing_id = NULL;
  g_autoptr (JsonObject) payload = NULL;
  GtkEditable *code;

  back_to_start ();
  sign_in_staff ();
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_MANUAL_FILING, NULL));
  g_assert_null (kiosk_manual_filing_page_get_nationality_picker (filing_page ()));
  code = kiosk_manual_filing_page_get_entry (filing_page (), CORE_FILING_FIELD_NATIONALITY);
  g_assert_nonnull (code);
  g_assert_true (has_label_containing (GTK_WIDGET (filing_page ()), "缺少国家和地区列表"));

  kiosk_manual_filing_page_set_doc_type (filing_page (), IDCARD_DOCUMENT_PASSPORT);
  type_field (CORE_FILING_FIELD_DOC_NUMBER, "E23456789");
  type_field (CORE_FILING_FIELD_NAME_EN, "SMITH, John");
  kiosk_manual_filing_page_set_sex (filing_page (), "男");
  type_field (CORE_FILING_FIELD_BIRTH_DATE, "1979-11-30");
  kiosk_manual_filing_page_set_long_term (filing_page (), TRUE);
  kiosk_manual_filing_page_set_original_checked (filing_page (), TRUE);
  gtk_editable_set_text (code, "英国");
  click (KIOSK_PAGE (filing_page ()), "建档");
  g_assert_true (kiosk_test_wait_for (filing_settled, NULL, 10000));
  g_assert_null (kiosk_manual_filing_page_get_last_filing_id (filing_page ()));
  g_assert_nonnull (strstr (
      kiosk_manual_filing_page_get_field_error (filing_page (), CORE_FILING_FIELD_NATIONALITY),
      "三位字母"));

  gtk_editable_set_text (code, "gbr");
  click (KIOSK_PAGE (filing_page ()), "建档");
  g_assert_true (kiosk_test_wait_for (filing_settled, NULL, 10000));
  filing_id = g_strdup (kiosk_manual_filing_page_get_last_filing_id (filing_page ()));
  g_assert_nonnull (filing_id);
  payload = find_queued_payload (filing_id);
  g_assert_nonnull (payload);
  g_assert_cmpstr (json_object_get_string_member (payload, "nationality"), ==, "GBR");
}

static gboolean
has_label_containing (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_containing (child, text))
      return TRUE;
  return FALSE;
}

static KioskSyncStatusPage *
sync_page (void)
{
  return KIOSK_SYNC_STATUS_PAGE (kiosk_test_page (KIOSK_PAGE_SYNC_STATUS));
}

static gboolean
sync_page_settled (gpointer user_data)
{
  return !kiosk_sync_status_page_get_busy (sync_page ());
}

static guint
outbox_rejected (void)
{
  StoreOutboxCounts counts = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_true (store_outbox_get_counts (
      kiosk_services_get_outbox (kiosk_application_get_services (app)), &counts, &error));
  g_assert_no_error (error);
  return counts.rejected;
}

/* the registry refused a filing: staff see it parked, with the reason, and send it again */
static void
test_sync_status_send_again (void)
{
  StoreOutbox *outbox = kiosk_services_get_outbox (kiosk_application_get_services (app));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = NULL;
  StoreOutboxEntry *entry;
  g_autofree char *filing_id = NULL;
  const char *text;

  back_to_start ();
  due = store_outbox_get_due (outbox, 500, G_MAXINT64 / 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, >, 0);
  entry = g_ptr_array_index (due, 0);
  filing_id = g_strdup (entry->filing_id);
  g_assert_true (
      store_outbox_reject (outbox, filing_id, "doc_number: refused for the test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (outbox_rejected (), ==, 1);

  sign_in_staff ();
  click (kiosk_test_page (KIOSK_PAGE_STAFF), "同步状态");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SYNC_STATUS, 5000));
  g_assert_cmpstr (kiosk_sync_status_page_get_state_text (sync_page ()), !=, "");
  g_assert_cmpuint (kiosk_sync_status_page_get_n_parked (sync_page ()), ==, 1);
  text = kiosk_sync_status_page_get_parked_text (sync_page (), 0);
  g_assert_nonnull (strstr (text, "refused for the test"));
  /* only what staff need: the number and the name are masked */
  g_assert_null (strstr (text, "H12345678"));
  g_assert_null (strstr (text, "陈大文"));
  g_assert_nonnull (strstr (text, "陈"));

  click (KIOSK_PAGE (sync_page ()), "重新发送");
  g_assert_true (kiosk_test_wait_for (sync_page_settled, NULL, 10000));
  g_assert_cmpuint (outbox_rejected (), ==, 0);
  g_assert_cmpuint (kiosk_sync_status_page_get_n_parked (sync_page ()), ==, 0);

  /* "Retry now" asks the engine at once */
  click (KIOSK_PAGE (sync_page ()), "立即重试");
}

/* refused for the staff sign-in it was filed under: sending it again cannot
 * help, and the page says it must be entered again */
static void
test_sync_status_needs_reentry (void)
{
  StoreOutbox *outbox = kiosk_services_get_outbox (kiosk_application_get_services (app));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = NULL;
  const char *text;

  back_to_start ();
  due = store_outbox_get_due (outbox, 500, G_MAXINT64 / 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, >, 0);
  g_assert_true (store_outbox_reject (outbox,
                                      ((StoreOutboxEntry *) g_ptr_array_index (due, 0))->filing_id,
                                      "staff_session_invalid: refused for the test", &error));
  g_assert_no_error (error);

  sign_in_staff ();
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_SYNC_STATUS, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SYNC_STATUS, 5000));
  g_assert_cmpuint (kiosk_sync_status_page_get_n_parked (sync_page ()), ==, 1);
  text = kiosk_sync_status_page_get_parked_text (sync_page (), 0);
  g_assert_nonnull (strstr (text, "需重新录入"));
  g_assert_nonnull (strstr (text, "refused for the test"));
  /* it stays until staff deal with it */
  click (KIOSK_PAGE (sync_page ()), "重新发送");
  g_assert_true (kiosk_test_wait_for (sync_page_settled, NULL, 10000));
  back_to_start ();
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

#define WINDOW_NAME "市受理服务中心 7号窗口"

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

static GtkWidget *
find_url_entry (GtkWidget *root)
{
  if (GTK_IS_ENTRY (root) &&
      gtk_entry_get_input_purpose (GTK_ENTRY (root)) == GTK_INPUT_PURPOSE_URL)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_url_entry (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_settings_survive_restart (void)
{
  KioskConfig *config = kiosk_services_get_config (kiosk_application_get_services (app));
  g_autoptr (StoreDatabase) reopened = NULL;
  g_autoptr (KioskConfig) next_start = NULL;
  g_autoptr (GError) error = NULL;

  back_to_start ();
  sign_in_staff ();
  click (kiosk_test_page (KIOSK_PAGE_STAFF), "设置");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SETTINGS, 5000));
  /* where the registry is belongs to the operator: no field for it here */
  g_assert_null (find_label (GTK_WIDGET (settings_page ()), "登记中心地址"));
  g_assert_null (find_url_entry (GTK_WIDGET (settings_page ())));

  gtk_editable_set_text (kiosk_settings_page_get_window_name_entry (settings_page ()), WINDOW_NAME);
  gtk_spin_button_set_value (kiosk_settings_page_get_idle_timeout_spin (settings_page ()), 120);
  kiosk_settings_page_set_large_text (settings_page (), TRUE);
  click (KIOSK_PAGE (settings_page ()), "保存设置");
  g_assert_true (kiosk_test_wait_for (settings_settled, NULL, 10000));
  g_assert_cmpstr (kiosk_settings_page_get_message (settings_page ()), ==, "已保存并生效。");

  /* applied now */
  g_assert_cmpstr (kiosk_config_get_window_name (config), ==, WINDOW_NAME);
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 120);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "large-text"));

  /* and what the next start reads from the store, opened afresh */
  reopened = store_database_open (
      store_database_get_path (kiosk_services_get_store (kiosk_application_get_services (app))),
      &error);
  g_assert_no_error (error);
  next_start = kiosk_config_new_defaults ();
  kiosk_config_load_store (next_start, reopened);
  g_assert_cmpstr (kiosk_config_get_window_name (next_start), ==, WINDOW_NAME);
  g_assert_cmpuint (kiosk_config_get_idle_timeout (next_start), ==, 120);
  g_assert_cmpint (kiosk_config_get_text_size (next_start), ==, KIOSK_TEXT_SIZE_LARGE);
  /* and nothing about the registry: that stays the site keyfile's */
  {
    g_autofree char *key = kiosk_config_dup_store_key ("registry-url");
    g_autofree char *value = store_database_get_setting (reopened, key, NULL);
    g_assert_null (value);
  }
  g_assert_cmpstr (kiosk_config_get_registry_url (config), ==, kiosk_staff_peer_get_url (peer));
}

static void
test_settings_device_token (void)
{
  KioskConfig *config = kiosk_services_get_config (kiosk_application_get_services (app));
  g_autofree char *token_file = kiosk_config_dup_device_token_file (config);
  g_autofree char *contents = NULL;
  g_autofree char *seen = NULL;
  g_autoptr (GError) error = NULL;
  GStatBuf st;

  back_to_start ();
  sign_in_staff ();
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_SETTINGS, NULL));
  gtk_editable_set_text (kiosk_settings_page_get_token_entry (settings_page ()),
                         "enrolled-again-0123456789abcdef");
  click (KIOSK_PAGE (settings_page ()), "保存设备令牌");
  g_assert_true (kiosk_test_wait_for (settings_settled, NULL, 10000));
  g_assert_true (g_str_has_prefix (kiosk_settings_page_get_enrolment_message (settings_page ()),
                                   "设备令牌已保存"));
  /* never shown back */
  g_assert_cmpstr (gtk_editable_get_text (kiosk_settings_page_get_token_entry (settings_page ())),
                   ==, "");
  g_assert_cmpint (g_stat (token_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (token_file, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "enrolled-again-0123456789abcdef\n");

  /* test connection: health, then one call with the new token */
  click (KIOSK_PAGE (settings_page ()), "测试连接");
  g_assert_true (kiosk_test_wait_for (settings_settled, NULL, 20000));
  g_assert_cmpstr (kiosk_settings_page_get_enrolment_message (settings_page ()), ==,
                   "登记中心有响应（版本 test），并接受本终端的设备令牌。");
  seen = kiosk_staff_peer_dup_lookup_token (peer);
  g_assert_cmpstr (seen, ==, "enrolled-again-0123456789abcdef");
}

static KioskReaderStatusPage *
reader_page (void)
{
  return KIOSK_READER_STATUS_PAGE (kiosk_test_page (KIOSK_PAGE_READER_STATUS));
}

static gboolean
test_read_done (gpointer user_data)
{
  return !kiosk_reader_status_page_get_waiting (reader_page ());
}

static gboolean
reader_listed (gpointer user_data)
{
  return strstr (kiosk_reader_status_page_get_readers_text (reader_page ()), "emulated") != NULL;
}

static void
test_reader_test_read (void)
{
  g_autoptr (IdcardEmulatedTransport) emulated = idcard_emulated_transport_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *card_file = NULL;
  const char *text;

  back_to_start ();
  sign_in_staff ();
  click (kiosk_test_page (KIOSK_PAGE_STAFF), "读卡器诊断");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_READER_STATUS, 5000));
  idcard_reader_add_transport (kiosk_services_get_reader (kiosk_application_get_services (app)),
                               IDCARD_TRANSPORT (emulated));
  g_assert_true (kiosk_test_wait_for (reader_listed, NULL, 10000));

  click (KIOSK_PAGE (reader_page ()), "测试读卡");
  g_assert_true (kiosk_reader_status_page_get_waiting (reader_page ()));
  card_file = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "demo-cards",
                                     "resident-zhou-haitao.json", NULL);
  g_assert_true (idcard_emulated_transport_place_card_file (emulated, card_file, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_test_wait_for (test_read_done, NULL, 15000));
  text = kiosk_reader_status_page_get_test_text (reader_page ());
  g_assert_true (g_str_has_prefix (text, "测试读卡成功：居民身份证，号码"));
  /* the number shows masked only */
  g_assert_nonnull (strstr (text, "********"));
  idcard_emulated_transport_lift_card (emulated);
  back_to_start ();
}

static gboolean
keyboard_attached_to (gpointer editable)
{
  KioskKeyboardDock *dock =
      KIOSK_KEYBOARD_DOCK (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK));

  return kiosk_keyboard_dock_get_shown (dock) &&
         kiosk_keyboard_get_attached (kiosk_keyboard_dock_get_keyboard (dock)) == editable;
}

static gboolean
typed_w (gpointer editable)
{
  return g_strcmp0 (gtk_editable_get_text (editable), "w") == 0;
}

static gboolean
letter_key_shown (gpointer dock)
{
  return kiosk_test_find_button (GTK_WIDGET (kiosk_keyboard_dock_get_keyboard (dock)), "w") != NULL;
}

/* A real tap in the middle of @widget, through the X server; @widget may be
 * in a popover, a surface of its own placed against the window's. */
/* Where the middle of @widget is in its surface, or FALSE while it is not
 * laid out. */
static gboolean
middle_in_surface (GtkWidget *widget, graphene_point_t *point)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0 &&
         gtk_widget_compute_point (widget, GTK_WIDGET (gtk_widget_get_native (widget)),
                                   &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                         gtk_widget_get_height (widget) / 2.f),
                                   point);
}

/* Whether @widget is laid out where it was at the last look: a key of a
 * layer just switched to, or a list sliding into place, moves for a frame
 * or two, and a tap computed meanwhile lands on another key. */
static gboolean
settled (gpointer widget)
{
  static GtkWidget *last_widget;
  static graphene_point_t last;
  static gint64 since;
  graphene_point_t point;
  gint64 now = g_get_monotonic_time ();

  if (!middle_in_surface (widget, &point))
    return FALSE;
  if (widget != last_widget || !graphene_point_equal (&point, &last))
    {
      last_widget = widget;
      last = point;
      since = now;
    }
  /* unmoved for a few frames */
  return now - since >= 100 * G_TIME_SPAN_MILLISECOND;
}

static void
tap_through_server (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double surface_x = 0, surface_y = 0;
  g_autofree char *args = NULL;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (kiosk_test_wait_for (settled, widget, 5000));
  g_assert_true (middle_in_surface (widget, &point));
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  point.x += surface_x;
  point.y += surface_y;
  if (GTK_IS_POPOVER (native))
    {
      GtkNative *window_native = gtk_widget_get_native (GTK_WIDGET (window));
      GdkPopup *popup = GDK_POPUP (gtk_native_get_surface (native));

      /* the window fills the screen from its corner */
      g_assert_true (gdk_popup_get_parent (popup) == gtk_native_get_surface (window_native));
      point.x += gdk_popup_get_position_x (popup);
      point.y += gdk_popup_get_position_y (popup);
    }
  args = g_strdup_printf ("mousemove %d %d click 1 sleep 0.05", (int) point.x, (int) point.y);
  kiosk_test_xdotool (args);
}

/* Staff sign in without a hardware keyboard: each field calls up the
 * on-screen keyboard on its ABC layer, and its keys type into the field. */
static void
test_login_by_touch (void)
{
  GtkEditable *user, *password;
  KioskKeyboardDock *dock;
  GtkWidget *key;

  if (!kiosk_test_showing (KIOSK_PAGE_STAFF_LOGIN))
    g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_STAFF_LOGIN, 5000));
  user = kiosk_staff_login_page_get_user_entry (login_page ());
  password = kiosk_staff_login_page_get_password_entry (login_page ());
  gtk_editable_set_text (user, "");
  gtk_editable_set_text (password, "");
  dock =
      KIOSK_KEYBOARD_DOCK (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK));

  kiosk_test_wait_drawn (GTK_WIDGET (window));
  tap_through_server (GTK_WIDGET (user));
  g_assert_true (kiosk_test_wait_for (keyboard_attached_to, user, 5000));
  g_assert_cmpint (kiosk_keyboard_get_layer (kiosk_keyboard_dock_get_keyboard (dock)), ==,
                   KIOSK_KEYBOARD_LAYER_LETTERS);
  /* the keyboard slides up before its keys are shown */
  g_assert_true (kiosk_test_wait_for (letter_key_shown, dock, 5000));
  key = kiosk_test_find_button (GTK_WIDGET (kiosk_keyboard_dock_get_keyboard (dock)), "w");
  tap_through_server (key);
  g_assert_true (kiosk_test_wait_for (typed_w, user, 5000));

  /* the password calls up the same layer */
  {
    KioskKeyboardLayer layer = KIOSK_KEYBOARD_LAYER_PINYIN;

    g_assert_true (kiosk_keyboard_get_requested (password, &layer));
    g_assert_cmpint (layer, ==, KIOSK_KEYBOARD_LAYER_LETTERS);
  }
  gtk_editable_set_text (user, "");
  kiosk_keyboard_dock_dismiss (dock);
}

static gboolean
searched_to_one (gpointer picker)
{
  return kiosk_pick_list_get_n_visible (picker) == 1;
}

static gboolean
picked_gbr (gpointer picker)
{
  return g_strcmp0 (kiosk_pick_list_get_code (picker), "GBR") == 0;
}

static gboolean
on_letters (gpointer dock)
{
  return kiosk_keyboard_get_layer (kiosk_keyboard_dock_get_keyboard (dock)) ==
         KIOSK_KEYBOARD_LAYER_LETTERS;
}

static gboolean
keyboard_up (gpointer dock)
{
  GtkWidget *revealer = gtk_widget_get_ancestor (
      GTK_WIDGET (kiosk_keyboard_dock_get_keyboard (dock)), GTK_TYPE_REVEALER);

  return gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

/* Whether @row is mapped and laid out first in its list (under the list's
 * frame). */
static gboolean
first_row (gpointer row)
{
  graphene_point_t point;

  return gtk_widget_get_mapped (row) && gtk_widget_get_height (row) > 0 &&
         gtk_widget_compute_point (row, gtk_widget_get_parent (row), &GRAPHENE_POINT_INIT (0, 0),
                                   &point) &&
         point.y < gtk_widget_get_height (row) / 2.0;
}

/* Taps the on-screen keyboard's key named @name through the X server. */
static void
tap_key (KioskKeyboardDock *dock, const char *name)
{
  GtkWidget *key =
      kiosk_test_find_button (GTK_WIDGET (kiosk_keyboard_dock_get_keyboard (dock)), name);

  g_assert_nonnull (key);
  tap_through_server (key);
}

/* Staff at a touch screen search the long country list: a tap on its search
 * calls up the on-screen keyboard, taps on its keys (outside the list's
 * popover) narrow the list without closing it, and a tap on the row left
 * picks the country. */
static void
search_by_touch (gboolean keys_up_first)
{
  KioskPickList *picker;
  GtkEditable *search;
  KioskKeyboardDock *dock =
      KIOSK_KEYBOARD_DOCK (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK));
  GtkWidget *row;

  back_to_start ();
  sign_in_staff ();
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_MANUAL_FILING, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_MANUAL_FILING, 5000));
  kiosk_manual_filing_page_set_doc_type (filing_page (), IDCARD_DOCUMENT_PASSPORT);
  /* the page opens with the keys up for the number; they may stay up */
  if (keys_up_first)
    g_assert_true (kiosk_test_wait_for (keyboard_up, dock, 5000));
  else
    {
      kiosk_keyboard_dock_dismiss (dock);
      g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped,
                                          kiosk_keyboard_dock_get_keyboard (dock), 5000));
    }
  picker = kiosk_manual_filing_page_get_nationality_picker (filing_page ());
  search = kiosk_pick_list_get_search (picker);
  kiosk_test_wait_drawn (GTK_WIDGET (window));

  /* with the keys up the list's button may be under them (on a larger
   * screen it is not): the list is opened as that tap would */
  if (keys_up_first)
    kiosk_pick_list_open (picker);
  else
    tap_through_server (gtk_widget_get_first_child (GTK_WIDGET (picker)));
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, search, 5000));
  kiosk_test_wait_drawn (GTK_WIDGET (search));
  tap_through_server (GTK_WIDGET (search));
  g_assert_true (kiosk_test_wait_for (keyboard_attached_to, search, 5000));
  /* a Chinese kiosk searches in pinyin first; the code is typed on ABC */
  g_assert_cmpint (kiosk_keyboard_get_layer (kiosk_keyboard_dock_get_keyboard (dock)), ==,
                   KIOSK_KEYBOARD_LAYER_PINYIN);
  /* the keyboard slides up before its keys are where they show */
  g_assert_true (kiosk_test_wait_for (keyboard_up, dock, 5000));
  tap_key (dock, "ABC");
  g_assert_true (kiosk_test_wait_for (on_letters, dock, 5000));
  tap_key (dock, "g");
  tap_key (dock, "b");
  tap_key (dock, "r");
  g_assert_true (kiosk_test_wait_for (searched_to_one, picker, 5000));
  /* the taps on the keys left the list open */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (search)));
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "gbr");

  row = kiosk_pick_list_find_row (picker, "英国");
  /* the popover has laid out its rows anew: the one left is first */
  g_assert_true (kiosk_test_wait_for (first_row, row, 5000));
  tap_through_server (row);
  g_assert_true (kiosk_test_wait_for (picked_gbr, picker, 5000));
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, search, 5000));
  g_assert_cmpstr (kiosk_pick_list_get_shown_label (picker), ==, "英国");
  /* the keyboard went with the list, and so did what was searched for */
  g_assert_false (keyboard_attached_to (search));
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
}

static void
test_nationality_search_by_touch (void)
{
  search_by_touch (FALSE);
}

/* The keys already up for the number move to the search without showing
 * anew: the list must still be fitted above them, or the taps on g, b and
 * r land on the list. */
static void
test_nationality_search_keys_up (void)
{
  search_by_touch (TRUE);
}

int
main (int argc, char *argv[])
{
  g_autoptr (KioskConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *keyfile = NULL;
  int status;

  kiosk_application_setup_locale ();
  g_test_init (&argc, &argv, NULL);
  /* run with PRACTITIONER_DICTIONARIES naming a folder without countries.json */
  without_countries = g_getenv ("KIOSK_TEST_NO_COUNTRIES") != NULL;
  if (without_countries)
    {
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
      g_log_set_handler ("Kiosk", G_LOG_LEVEL_WARNING, log_cb, NULL);
    }

  peer = kiosk_staff_peer_new ();
  kiosk_staff_peer_add_account (peer, USER, PASSWORD);
  keyfile = kiosk_staff_peer_write_enrolment (peer, TOKEN, &token_folder);
  config = kiosk_config_new_defaults ();
  g_assert_true (kiosk_config_load_keyfile (config, keyfile, &error));
  g_assert_no_error (error);

  app = kiosk_test_start_application (config, &data_folder);
  window = kiosk_test_get_window (app);
  g_assert_nonnull (sync_registry_get_client (
      kiosk_services_get_registry (kiosk_application_get_services (app))));
  fake_now = g_get_real_time ();
  kiosk_staff_auth_set_clock (auth (), fake_clock, NULL);

  if (without_countries)
    {
      g_test_add_func ("/staff/manual-filing/without-countries",
                       test_manual_filing_without_countries);
      status = g_test_run ();
      kiosk_test_remove_tree (data_folder);
      kiosk_test_remove_tree (token_folder);
      kiosk_staff_peer_free (peer);
      return status;
    }
  g_test_add_func ("/staff/login/by-touch", test_login_by_touch);
  g_test_add_func ("/staff/manual-filing/nationality-search-by-touch",
                   test_nationality_search_by_touch);
  g_test_add_func ("/staff/manual-filing/nationality-search-keys-up",
                   test_nationality_search_keys_up);
  g_test_add_func ("/staff/login/wrong-password-locks", test_wrong_password_locks);
  g_test_add_func ("/staff/login/correct-reaches-home", test_correct_login_reaches_home);
  g_test_add_func ("/staff/login/offline-from-cache", test_offline_login_from_cache);
  g_test_add_func ("/staff/mode/idle-reset-signs-out", test_idle_reset_signs_out);
  g_test_add_func ("/staff/manual-filing/home-return", test_manual_filing_home_return);
  g_test_add_func ("/staff/manual-filing/passport-needs-nationality",
                   test_manual_filing_passport_needs_nationality);
  g_test_add_func ("/staff/sync-status/send-again", test_sync_status_send_again);
  g_test_add_func ("/staff/sync-status/needs-reentry", test_sync_status_needs_reentry);
  g_test_add_func ("/staff/reader/test-read", test_reader_test_read);
  g_test_add_func ("/staff/settings/survive-restart", test_settings_survive_restart);
  g_test_add_func ("/staff/settings/device-token", test_settings_device_token);
  /* last: it leaves the kiosk */
  g_test_add_func ("/staff/leave/exit", test_exit);

  status = g_test_run ();
  kiosk_test_remove_tree (data_folder);
  kiosk_test_remove_tree (token_folder);
  kiosk_staff_peer_free (peer);
  return status;
}
