/* test-kiosk-manual-filing.c: manual filing in the real window, under the
 * staff session a real registry process gave at sign-in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * R-2.1b: staff sign in on the kiosk's sign-in page, file a person by hand,
 * and the registry records the staff account the session stands for. A
 * sign-in the registry could not confirm (the offline cache) cannot file by
 * hand, and the page says so.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-display-test.h"
#include "kiosk-keyboard-dock.h"
#include "kiosk-manual-filing-page-private.h"
#include "kiosk-staff-login-page-private.h"
#include "kiosk-sync-status-page-private.h"
#include "registry-test-util.h"

#define USER "zhao.lei"
#define PASSWORD "zhao lei's long password"
#define OTHER_USER "qian.li"
#define OTHER_PASSWORD "qian li's long password"

static KioskApplication *app;
static KioskWindow *window;
static IdcardReader *reader;
static IdcardEmulatedTransport *emulated;
static RegistryTestCluster *cluster;
static RegistryTestProcess *registry;
static RegistryStorage *registry_storage;
static char *registry_db;
static char *folder;

static KioskStaffLoginPage *
login_page (void)
{
  return KIOSK_STAFF_LOGIN_PAGE (kiosk_test_page (KIOSK_PAGE_STAFF_LOGIN));
}

static KioskManualFilingPage *
filing_page (void)
{
  return KIOSK_MANUAL_FILING_PAGE (kiosk_test_page (KIOSK_PAGE_MANUAL_FILING));
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
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_assert_null (kiosk_staff_auth_get_user (auth ()));
}

static void
click (KioskPage *on, const char *label)
{
  GtkWidget *button = kiosk_test_find_button (GTK_WIDGET (on), label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
login_settled (gpointer user_data)
{
  return !kiosk_staff_login_page_get_busy (login_page ());
}

/* Signs in on the sign-in page (登录). */
static void
sign_in_as (const char *user, const char *password)
{
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_STAFF_LOGIN, 5000));
  gtk_editable_set_text (kiosk_staff_login_page_get_user_entry (login_page ()), user);
  gtk_editable_set_text (kiosk_staff_login_page_get_password_entry (login_page ()), password);
  click (KIOSK_PAGE (login_page ()), "登录");
  g_assert_true (kiosk_test_wait_for (login_settled, NULL, 20000));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_STAFF, 5000));
}

/* Signs in and opens manual filing (人工建档). */
static void
sign_in_and_open_filing (void)
{
  sign_in_as (USER, PASSWORD);
  click (kiosk_test_page (KIOSK_PAGE_STAFF), "人工建档");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_MANUAL_FILING, 5000));
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

static void
fill_home_return (const char *number)
{
  kiosk_manual_filing_page_set_doc_type (filing_page (), IDCARD_DOCUMENT_HOME_RETURN);
  type_field (CORE_FILING_FIELD_DOC_NUMBER, number);
  type_field (CORE_FILING_FIELD_NAME, "陈大文");
  kiosk_manual_filing_page_set_sex (filing_page (), "男");
  type_field (CORE_FILING_FIELD_BIRTH_DATE, "1985-03-12");
  type_field (CORE_FILING_FIELD_VALID_UNTIL, "2030-01-01");
  kiosk_manual_filing_page_set_original_checked (filing_page (), TRUE);
}

static gboolean
filing_settled (gpointer user_data)
{
  return !kiosk_manual_filing_page_get_busy (filing_page ());
}

static gint64
registry_count (const char *sql)
{
  return registry_test_count (registry_storage, sql);
}

static gboolean
registry_has (gpointer sql)
{
  return registry_count (sql) > 0;
}

/* Signed in at the registry, the filing reaches it under that account. */
static void
test_reaches_registry (void)
{
  g_autofree char *sql = NULL;

  back_to_start ();
  sign_in_and_open_filing ();
  g_assert_nonnull (kiosk_staff_auth_get_session_token (auth ()));
  fill_home_return ("H12345678");
  click (KIOSK_PAGE (filing_page ()), "建档");
  g_assert_true (kiosk_test_wait_for (filing_settled, NULL, 10000));
  g_assert_nonnull (kiosk_manual_filing_page_get_last_filing_id (filing_page ()));

  /* the sync engine delivers it; the registry names the account */
  sql = g_strdup_printf ("SELECT count(*) FROM filings f JOIN staff s ON s.id = f.staff_id"
                         " WHERE f.filing_id = '%s' AND s.username = '" USER "'"
                         " AND f.staff = '" USER "' AND f.source = 'manual'"
                         " AND f.original_checked = 1",
                         kiosk_manual_filing_page_get_last_filing_id (filing_page ()));
  g_assert_true (kiosk_test_wait_for (registry_has, sql, 20000));
  back_to_start ();
}

/* Signed in from the offline cache: manual filing explains that it needs a
 * sign-in the registry confirmed, and files nothing. */
static void
test_offline_needs_registry (void)
{
  g_autoptr (SyncClient) online = g_object_ref (sync_registry_get_client (
      kiosk_services_get_registry (kiosk_application_get_services (app))));
  g_autoptr (SyncClient) unreachable = NULL;
  g_autoptr (GError) error = NULL;
  gint64 filings_before = registry_count ("SELECT count(*) FROM filings");

  back_to_start ();
  {
    g_autoptr (GSocketListener) listener = g_socket_listener_new ();
    guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", port);

    g_assert_no_error (error);
    g_socket_listener_close (listener);
    unreachable = sync_client_new (url, "unused-device-token", NULL, &error);
    g_assert_no_error (error);
  }
  /* an earlier test signed this account in online: the cache has it */
  kiosk_staff_auth_set_client (auth (), unreachable);
  sign_in_and_open_filing ();
  g_assert_null (kiosk_staff_auth_get_session_token (auth ()));
  g_assert_nonnull (kiosk_manual_filing_page_get_message (filing_page ()));
  g_assert_nonnull (
      strstr (kiosk_manual_filing_page_get_message (filing_page ()), "经登记中心确认"));
  g_test_message ("%s", kiosk_manual_filing_page_get_message (filing_page ()));
  g_assert_false (
      gtk_widget_is_sensitive (kiosk_test_find_button (GTK_WIDGET (filing_page ()), "建档")));

  fill_home_return ("H23456789");
  kiosk_manual_filing_page_file (filing_page ());
  g_assert_true (kiosk_test_wait_for (filing_settled, NULL, 10000));
  g_assert_null (kiosk_manual_filing_page_get_last_filing_id (filing_page ()));
  kiosk_test_spin (500); /* time for a filing that must not reach the registry */
  g_assert_cmpint (registry_count ("SELECT count(*) FROM filings"), ==, filings_before);

  kiosk_staff_auth_set_client (auth (), online);
  back_to_start ();
}

static gboolean
one_parked (gpointer user_data)
{
  StoreOutboxCounts counts = { 0 };

  return store_outbox_get_counts (kiosk_services_get_outbox (kiosk_application_get_services (app)),
                                  &counts, NULL) &&
         counts.rejected == 1 && counts.queued == 0;
}

/* Filed offline, then the account was disabled before the filing reached
 * the registry: the registry refuses it, the kiosk does not send it again,
 * and staff see it on the sync status page as needing re-entry. */
static void
test_refused_needs_reentry (void)
{
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", registry->port);
  KioskSyncStatusPage *sync_page;
  const char *text;

  back_to_start ();
  sign_in_and_open_filing ();
  registry_test_process_stop (g_steal_pointer (&registry));
  fill_home_return ("H34567890");
  click (KIOSK_PAGE (filing_page ()), "建档");
  g_assert_true (kiosk_test_wait_for (filing_settled, NULL, 10000));
  g_assert_nonnull (kiosk_manual_filing_page_get_last_filing_id (filing_page ()));
  back_to_start ();

  g_assert_cmpint (registry_test_run_cli (registry_db,
                                          (const char *[]){ "admin", "disable-staff", USER, NULL },
                                          NULL, NULL, NULL),
                   ==, 0);
  registry = registry_test_process_start (cluster, registry_db,
                                          (const char *const[]){ "--listen", listen, NULL });
  sync_engine_kick (kiosk_services_get_sync_engine (kiosk_application_get_services (app)));
  g_assert_true (kiosk_test_wait_for (one_parked, NULL, 30000));

  sign_in_as (OTHER_USER, OTHER_PASSWORD);
  click (kiosk_test_page (KIOSK_PAGE_STAFF), "同步状态");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SYNC_STATUS, 5000));
  sync_page = KIOSK_SYNC_STATUS_PAGE (kiosk_test_page (KIOSK_PAGE_SYNC_STATUS));
  g_assert_cmpuint (kiosk_sync_status_page_get_n_parked (sync_page), ==, 1);
  text = kiosk_sync_status_page_get_parked_text (sync_page, 0);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "需重新录入"));
  g_assert_nonnull (strstr (text, "staff_disabled"));
  g_assert_null (strstr (text, "H34567890"));
  back_to_start ();
}

/* ---- every field's own message ---- */

/* A form that files: a home-return permit, or a passport (foreign). */
static void
fill_valid (gboolean passport)
{
  kiosk_page_reset (KIOSK_PAGE (filing_page ()));
  if (passport)
    {
      kiosk_manual_filing_page_set_doc_type (filing_page (), IDCARD_DOCUMENT_PASSPORT);
      type_field (CORE_FILING_FIELD_DOC_NUMBER, "E12345678");
      type_field (CORE_FILING_FIELD_NAME_EN, "SMITH, John");
      pick_nationality ("英国");
    }
  else
    {
      fill_home_return ("H12345678");
      type_field (CORE_FILING_FIELD_VALID_UNTIL, "");
    }
  kiosk_manual_filing_page_set_sex (filing_page (), "男");
  type_field (CORE_FILING_FIELD_BIRTH_DATE, "1985-03-12");
  type_field (CORE_FILING_FIELD_VALID_FROM, "2020-01-01");
  type_field (CORE_FILING_FIELD_VALID_UNTIL, "2030-01-01");
  type_field (CORE_FILING_FIELD_PHONE, "13800138000");
  kiosk_manual_filing_page_set_original_checked (filing_page (), TRUE);
}

static const CoreFilingField checked[] = {
  CORE_FILING_FIELD_DOC_NUMBER,  CORE_FILING_FIELD_NAME,
  CORE_FILING_FIELD_NAME_EN,     CORE_FILING_FIELD_SEX,
  CORE_FILING_FIELD_BIRTH_DATE,  CORE_FILING_FIELD_NATIONALITY,
  CORE_FILING_FIELD_PHONE,       CORE_FILING_FIELD_VALID_FROM,
  CORE_FILING_FIELD_VALID_UNTIL, CORE_FILING_FIELD_ORIGINAL_CHECKED,
};

typedef struct
{
  const char *what;
  gboolean passport;
  CoreFilingField field; /* the one that is wrong */
  const char *text;      /* typed into it; NULL: the field is cleared or unset */
  const char *says;      /* a piece of the message under it */
} FieldRule;

static const FieldRule rules[] = {
  { "no number", FALSE, CORE_FILING_FIELD_DOC_NUMBER, "", "证件号码" },
  { "a short number", FALSE, CORE_FILING_FIELD_DOC_NUMBER, "H1234567", "证件号码" },
  { "no Chinese name", FALSE, CORE_FILING_FIELD_NAME, "", "姓名" },
  { "no name of a foreigner", TRUE, CORE_FILING_FIELD_NAME_EN, "", "姓名" },
  { "no sex", FALSE, CORE_FILING_FIELD_SEX, NULL, "性别" },
  { "no such birth date", FALSE, CORE_FILING_FIELD_BIRTH_DATE, "1985-13-40", "出生日期" },
  { "a birth date to come", FALSE, CORE_FILING_FIELD_BIRTH_DATE, "2999-01-01", "出生日期" },
  { "no nationality", TRUE, CORE_FILING_FIELD_NATIONALITY, NULL, "国籍" },
  { "a start of validity", FALSE, CORE_FILING_FIELD_VALID_FROM, "2020/01/01", "YYYY-MM-DD" },
  { "an end of validity", FALSE, CORE_FILING_FIELD_VALID_UNTIL, "someday", "YYYY-MM-DD" },
  { "validity the wrong way", FALSE, CORE_FILING_FIELD_VALID_UNTIL, "2019-12-31", "有效期" },
  { "a phone", FALSE, CORE_FILING_FIELD_PHONE, "12345", "11" },
  { "the original unchecked", FALSE, CORE_FILING_FIELD_ORIGINAL_CHECKED, NULL, "原件" },
};

static GtkWidget *
field_widget (CoreFilingField field)
{
  if (field == CORE_FILING_FIELD_SEX)
    return kiosk_test_find_button (GTK_WIDGET (filing_page ()), "男");
  if (field == CORE_FILING_FIELD_ORIGINAL_CHECKED)
    return kiosk_test_find_button (GTK_WIDGET (filing_page ()), "我已核验证件原件");
  if (field == CORE_FILING_FIELD_NATIONALITY)
    return GTK_WIDGET (kiosk_manual_filing_page_get_nationality_picker (filing_page ()));
  return GTK_WIDGET (kiosk_manual_filing_page_get_entry (filing_page (), field));
}

static void
break_field (const FieldRule *rule)
{
  if (rule->field == CORE_FILING_FIELD_SEX)
    kiosk_manual_filing_page_set_sex (filing_page (), NULL);
  else if (rule->field == CORE_FILING_FIELD_ORIGINAL_CHECKED)
    kiosk_manual_filing_page_set_original_checked (filing_page (), FALSE);
  else if (rule->field == CORE_FILING_FIELD_NATIONALITY)
    kiosk_pick_list_set_code (kiosk_manual_filing_page_get_nationality_picker (filing_page ()),
                              NULL);
  else
    {
      if (rule->field == CORE_FILING_FIELD_NAME_EN)
        type_field (CORE_FILING_FIELD_NAME, "");
      type_field (rule->field, rule->text);
    }
}

static void
assert_inside_window (GtkWidget *widget, graphene_rect_t *out_bounds)
{
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), out_bounds));
  g_assert_cmpfloat (out_bounds->origin.x, >=, 0);
  g_assert_cmpfloat (out_bounds->origin.y, >=, 0);
  g_assert_cmpfloat (out_bounds->origin.x + out_bounds->size.width, <=,
                     gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpfloat (out_bounds->origin.y + out_bounds->size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (window)));
}

static gboolean
inside_window (GtkWidget *widget)
{
  graphene_rect_t box;

  return gtk_widget_get_mapped (widget) &&
         gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &box) && box.origin.x >= 0 &&
         box.origin.y >= 0 &&
         box.origin.x + box.size.width <= gtk_widget_get_width (GTK_WIDGET (window)) &&
         box.origin.y + box.size.height <= gtk_widget_get_height (GTK_WIDGET (window));
}

/* @widget and File wholly in the window */
static gboolean
in_view (gpointer widget)
{
  return inside_window (widget) &&
         inside_window (kiosk_test_find_button (GTK_WIDGET (window), "建档"));
}

/* The keyboard, if called up, wholly slid in, and @widget and File wholly
 * in the window, @widget above the keyboard: the page has slid as far as
 * it will. */
static gboolean
in_view_above_keyboard (gpointer widget)
{
  KioskKeyboardDock *dock =
      KIOSK_KEYBOARD_DOCK (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK));
  GtkWidget *keyboard = GTK_WIDGET (kiosk_keyboard_dock_get_keyboard (dock));
  graphene_rect_t box, keyboard_box;

  if (!in_view (widget))
    return FALSE;
  if (!kiosk_keyboard_dock_get_shown (dock))
    return TRUE;
  return inside_window (keyboard) &&
         gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &box) &&
         gtk_widget_compute_bounds (keyboard, GTK_WIDGET (window), &keyboard_box) &&
         box.origin.y + box.size.height <= keyboard_box.origin.y;
}

/* The message of @rule's field is under that field, in view and not under
 * the on-screen keyboard, File is in view too, and the field has the focus. */
static void
assert_said_beside (const FieldRule *rule)
{
  GtkWidget *field = field_widget (rule->field);
  GtkWidget *label = kiosk_manual_filing_page_get_error_label (filing_page (), rule->field);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  KioskKeyboardDock *dock =
      KIOSK_KEYBOARD_DOCK (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK));
  GtkWidget *keyboard = GTK_WIDGET (kiosk_keyboard_dock_get_keyboard (dock));
  graphene_rect_t field_box, label_box, file_box, keyboard_box;

  /* laid out and slid (the keyboard, when the field called it up): on a
   * busy machine that takes a while; a page that never gets there fails */
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  g_assert_true (kiosk_test_wait_for (in_view_above_keyboard, label, 10000));
  assert_inside_window (field, &field_box);
  assert_inside_window (label, &label_box);
  assert_inside_window (kiosk_test_find_button (GTK_WIDGET (window), "建档"), &file_box);
  /* under the field, in its column */
  g_assert_cmpfloat (label_box.origin.y, >=, field_box.origin.y + field_box.size.height - 1);
  g_assert_cmpfloat (label_box.origin.y - (field_box.origin.y + field_box.size.height), <, 48);
  g_assert_cmpfloat (label_box.origin.x, <, field_box.origin.x + field_box.size.width);
  g_assert_cmpfloat (label_box.origin.x + label_box.size.width, >, field_box.origin.x);
  if (kiosk_keyboard_dock_get_shown (dock) && gtk_widget_get_mapped (keyboard))
    {
      g_assert_true (gtk_widget_compute_bounds (keyboard, GTK_WIDGET (window), &keyboard_box));
      g_assert_cmpfloat (label_box.origin.y + label_box.size.height, <=, keyboard_box.origin.y);
    }
  g_assert_nonnull (focus);
  g_assert_true (focus == field || gtk_widget_is_ancestor (focus, field));
}

/* Each rule of the form: "File" says what is wrong under the field that is
 * wrong, and nowhere else, gives it the focus, files nothing, and the
 * message goes as soon as the field is edited. */
static void
test_field_errors (void)
{
  back_to_start ();
  /* the first account is disabled by now */
  sign_in_as (OTHER_USER, OTHER_PASSWORD);
  click (kiosk_test_page (KIOSK_PAGE_STAFF), "人工建档");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_MANUAL_FILING, 5000));
  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      const FieldRule *rule = &rules[r];
      const char *said;

      g_test_message ("rule: %s", rule->what);
      fill_valid (rule->passport);
      break_field (rule);
      click (KIOSK_PAGE (filing_page ()), "建档");
      g_assert_true (kiosk_test_wait_for (filing_settled, NULL, 10000));
      g_assert_null (kiosk_manual_filing_page_get_last_filing_id (filing_page ()));
      /* not one block at the bottom */
      g_assert_null (kiosk_manual_filing_page_get_message (filing_page ()));
      for (guint i = 0; i < G_N_ELEMENTS (checked); i++)
        {
          said = kiosk_manual_filing_page_get_field_error (filing_page (), checked[i]);
          if (checked[i] == rule->field)
            {
              g_assert_nonnull (said);
              g_assert_nonnull (strstr (said, rule->says));
            }
          else if (said != NULL)
            g_error ("%s: a message under another field: %s", rule->what, said);
        }
      assert_said_beside (rule);

      /* edited, the field's message goes */
      if (rule->field == CORE_FILING_FIELD_SEX)
        kiosk_manual_filing_page_set_sex (filing_page (), "女");
      else if (rule->field == CORE_FILING_FIELD_ORIGINAL_CHECKED)
        kiosk_manual_filing_page_set_original_checked (filing_page (), TRUE);
      else if (rule->field == CORE_FILING_FIELD_DOC_NUMBER)
        type_field (rule->field, "H12345678");
      else if (rule->field == CORE_FILING_FIELD_NATIONALITY)
        pick_nationality ("德国");
      else
        type_field (rule->field, rule->field == CORE_FILING_FIELD_PHONE ? "13800138000" : "x");
      g_assert_null (kiosk_manual_filing_page_get_field_error (filing_page (), rule->field));
    }

  /* everything wrong at once: each field says so, the first has the focus */
  kiosk_page_reset (KIOSK_PAGE (filing_page ()));
  kiosk_manual_filing_page_set_doc_type (filing_page (), IDCARD_DOCUMENT_PASSPORT);
  type_field (CORE_FILING_FIELD_BIRTH_DATE, "1985-02-30");
  type_field (CORE_FILING_FIELD_VALID_FROM, "soon");
  type_field (CORE_FILING_FIELD_VALID_UNTIL, "later");
  type_field (CORE_FILING_FIELD_PHONE, "1");
  click (KIOSK_PAGE (filing_page ()), "建档");
  g_assert_true (kiosk_test_wait_for (filing_settled, NULL, 10000));
  for (guint i = 0; i < G_N_ELEMENTS (checked); i++)
    if (checked[i] != CORE_FILING_FIELD_NAME)
      g_assert_nonnull (kiosk_manual_filing_page_get_field_error (filing_page (), checked[i]));
  assert_said_beside (&rules[0]);
  /* the last one is in view too: the form scrolls inside the frame */
  {
    GtkWidget *last = kiosk_manual_filing_page_get_error_label (filing_page (),
                                                                CORE_FILING_FIELD_ORIGINAL_CHECKED);
    graphene_rect_t box;

    gtk_widget_grab_focus (field_widget (CORE_FILING_FIELD_ORIGINAL_CHECKED));
    kiosk_test_wait_drawn (GTK_WIDGET (window));
    /* and not under the keys the fields before it called up */
    g_assert_true (kiosk_test_wait_for (in_view_above_keyboard, last, 10000));
    assert_inside_window (last, &box);
    assert_inside_window (kiosk_test_find_button (GTK_WIDGET (window), "建档"), &box);
  }
  kiosk_page_reset (KIOSK_PAGE (filing_page ()));
  back_to_start ();
}

static KioskKeyboardDock *
keyboard_dock (void)
{
  return KIOSK_KEYBOARD_DOCK (
      kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK));
}

/* Whether the keys are all the way up, their top where it stays. */
static gboolean
keys_in_place (gpointer unused)
{
  graphene_rect_t keys;

  return kiosk_keyboard_dock_get_shown (keyboard_dock ()) &&
         kiosk_test_screen_bounds (GTK_WIDGET (kiosk_keyboard_dock_get_keyboard (keyboard_dock ())),
                                   &keys) &&
         keys.origin.y + keys.size.height <= gtk_widget_get_height (GTK_WIDGET (window)) + 0.5;
}

static double
keys_top (void)
{
  graphene_rect_t keys;

  g_assert_true (kiosk_test_screen_bounds (
      GTK_WIDGET (kiosk_keyboard_dock_get_keyboard (keyboard_dock ())), &keys));
  return keys.origin.y;
}

/* Whether @picker's open list stands clear of the keys: all of it above
 * their top and on the screen, with its search and four whole rows. */
static gboolean
list_clear_of_keys (gpointer picker)
{
  GtkWidget *popover = kiosk_test_pick_list_popover (picker);
  graphene_rect_t list;

  if (!keys_in_place (NULL) ||
      !kiosk_test_screen_bounds (gtk_popover_get_child (GTK_POPOVER (popover)), &list))
    return FALSE;
  return list.origin.y >= 0 && list.origin.y + list.size.height <= keys_top () &&
         kiosk_test_pick_list_rows_above (picker, keys_top ()) >= 4;
}

/* The page opens with the keys up for the number. The country list opened
 * then, its button low on the page under the keys' top (1280×800, large
 * text), stands clear of them at once, with four rows at least to pick
 * from, and the keys type into its search. */
static void
test_country_list_clear_of_keys (void)
{
  KioskPickList *picker;
  GtkWidget *popover;
  graphene_rect_t button, list;

  back_to_start ();
  kiosk_application_set_text_size (app, KIOSK_TEXT_SIZE_LARGE);
  sign_in_as (OTHER_USER, OTHER_PASSWORD);
  click (kiosk_test_page (KIOSK_PAGE_STAFF), "人工建档");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_MANUAL_FILING, 5000));
  g_assert_true (kiosk_test_wait_for (keys_in_place, NULL, 5000));
  picker = kiosk_manual_filing_page_get_nationality_picker (filing_page ());
  g_assert_true (kiosk_test_screen_bounds (GTK_WIDGET (picker), &button));
  g_test_message ("the country button at %.0f–%.0f, the keys' top at %.0f", button.origin.y,
                  button.origin.y + button.size.height, keys_top ());

  kiosk_pick_list_open (picker);
  popover = kiosk_test_pick_list_popover (picker);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, popover, 5000));
  g_assert_true (kiosk_test_wait_for (list_clear_of_keys, picker, 5000));
  g_assert_true (kiosk_keyboard_get_attached (kiosk_keyboard_dock_get_keyboard (
                     keyboard_dock ())) == kiosk_pick_list_get_search (picker));
  g_assert_true (kiosk_test_screen_bounds (gtk_popover_get_child (GTK_POPOVER (popover)), &list));
  g_test_message ("the list at %.0f–%.0f, %u rows above the keys' top at %.0f", list.origin.y,
                  list.origin.y + list.size.height,
                  kiosk_test_pick_list_rows_above (picker, keys_top ()), keys_top ());

  kiosk_test_tap (popover, "关闭");
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, popover, 5000));
  kiosk_page_reset (KIOSK_PAGE (filing_page ()));
  kiosk_application_set_text_size (app, KIOSK_TEXT_SIZE_NORMAL);
  back_to_start ();
}

static void
start_kiosk (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;

  folder = g_dir_make_tmp ("kiosk-manual-filing-XXXXXX", &error);
  g_assert_no_error (error);
  cluster = registry_test_cluster_start ();
  registry_db = registry_test_cluster_new_database (cluster);
  token = registry_test_enroll_device (registry_db, "staff-window-kiosk");
  registry_test_add_staff (registry_db, USER, PASSWORD);
  registry_test_add_staff (registry_db, OTHER_USER, OTHER_PASSWORD);
  registry = registry_test_process_start (cluster, registry_db, NULL);
  registry_storage = registry_storage_open (registry_db, &error);
  g_assert_no_error (error);

  app = kiosk_test_start_enrolled_kiosk (folder, registry->base_url, token, &reader, &emulated);
  window = kiosk_test_get_window (app);
}

int
main (int argc, char *argv[])
{
  int status;

  kiosk_application_setup_locale ();
  g_test_init (&argc, &argv, NULL);
  start_kiosk ();

  g_test_add_func ("/manual-filing/reaches-registry", test_reaches_registry);
  g_test_add_func ("/manual-filing/offline-needs-registry", test_offline_needs_registry);
  g_test_add_func ("/manual-filing/refused-needs-reentry", test_refused_needs_reentry);
  g_test_add_func ("/manual-filing/field-errors", test_field_errors);
  g_test_add_func ("/manual-filing/country-list-clear-of-keys", test_country_list_clear_of_keys);

  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&registry_storage);
  registry_test_process_stop (registry);
  registry_test_cluster_stop (cluster);
  kiosk_test_remove_tree (folder);
  return status;
}
