/* soak-kiosk.c: thousands of visits to the real kiosk, and what they leave
 * behind in its memory, files, threads and store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real kiosk window under Xvfb, reading cards from an emulated reader
 * through the real IdcardReader, syncing to a real registry process and
 * printing to a private cupsd. Each visit is one of: a card filing; a
 * registration, logout, login, a practice record added and logout; a print of
 * the signature collection form; or a visit left half-way until the idle
 * reset takes it back. The mix comes from a seeded random generator, so two
 * runs with the same seed make the same visits.
 *
 * Every SOAK_SAMPLE_EVERY visits (100) it records this process's RSS and PSS,
 * open files, threads, sources on the main context, and the rows and sizes of
 * kiosk.db and its WAL, printing each as a `soak-sample:` line, into a CSV
 * file and, with gnuplot, a PNG plot of each against visits. At the end, with
 * the outbox drained, no ID number, name or phone of any visit may be left in
 * kiosk.db or its WAL (as plain bytes), and no filing may keep its sealed
 * payload: the only things this program fails on. The growth
 * figures are printed beside their targets for a person to judge.
 *
 *   SOAK_VISITS     visits to make (2000)
 *   SOAK_SEED       the mix's seed (18)
 *   SOAK_OUTPUT     folder for soak.csv and soak.png (the build folder)
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <malloc.h>
#include <sqlite3.h>
#include <string.h>

#include "forms-test-cups.h"
#include "idcard-emulated-transport.h"
#include "kiosk-card-page-private.h"
#include "kiosk-date-picker.h"
#include "kiosk-display-test.h"
#include "kiosk-home-page-private.h"
#include "kiosk-keypad.h"
#include "kiosk-pick-list.h"
#include "kiosk-print-page-private.h"
#include "kiosk-record-form-page-private.h"
#include "kiosk-record-list-page-private.h"
#include "kiosk-sms-page-private.h"
#include "registry-test-util.h"

#define ANSWER "K7MP"
#define PRINTER "Soak_Printer"
#define WAIT_MS 30000
#define PERSON_NAME "钱多多"
/* the registry's clock moves this far before each text message, so a
 * device's daily allowance of codes (50) is never reached */
#define SMS_CLOCK_STEP_S 1800

static const char *cards[] = {
  "resident-chen-jianguo.json",
  "resident-wang-xiuying.json",
  "resident-zhou-haitao.json",
  "resident-ayigul.json",
};

typedef enum
{
  VISIT_FILING,
  VISIT_REGISTER_EDIT,
  VISIT_PRINT,
  VISIT_IDLE_RESET,
  N_VISIT_KINDS,
} VisitKind;

typedef struct
{
  guint visits;
  double rss_mib;
  double pss_mib;
  double heap_mib; /* what malloc has handed out and not had back */
  guint fds;
  guint threads;
  guint sources;
  gint64 rows;
  double db_kib;
  double wal_kib;
} Sample;

static KioskApplication *app;
static KioskWindow *window;
static IdcardReader *reader;
static IdcardEmulatedTransport *emulated;
static RegistryTestCluster *cluster;
static RegistryTestProcess *registry;
static FormsTestCups *cups;
static SoupSession *soup;
static char *registry_db;
static char *device_token;
static char *folder;
static char *spool;
static char *clock_file;
static gint64 clock_offset;
/* what this run showed the kiosk: nothing of it may stay in kiosk.db */
static GPtrArray *personal;
/* the sequence numbers of people registered so far, for logins */
static GArray *registered;
static guint next_person = 1;
static guint visit_counts[N_VISIT_KINDS];

/* ---- the process and the store ---- */

static guint64
status_kib (const char *path, const char *field)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, field)) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

static guint
count_entries (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* GLib has no call that lists a context's sources; ids are handed out in
 * order, so every id up to a fresh one is looked up. */
static guint
count_sources (void)
{
  GMainContext *context = g_main_context_default ();
  GSource *probe = g_idle_source_new ();
  guint last = g_source_attach (probe, context);
  guint n = 0;

  g_source_destroy (probe);
  g_source_unref (probe);
  for (guint id = 1; id < last; id++)
    n += g_main_context_find_source_by_id (context, id) != NULL;
  return n;
}

static char *
store_path (const char *suffix)
{
  return g_strconcat (folder, "/kiosk.db", suffix, NULL);
}

static double
file_kib (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / 1024.0 : 0;
}

static gint64
store_count (const char *sql)
{
  g_autofree char *path = store_path ("");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("cannot open %s: %s", path, sqlite3_errmsg (db));
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* the rows of every table of kiosk.db, read as another process would */
static gint64
store_rows (void)
{
  g_autofree char *path = store_path ("");
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;
  gint64 total = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("cannot open %s: %s", path, sqlite3_errmsg (db));
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'",
                                       -1, &tables, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"",
                                              (const char *) sqlite3_column_text (tables, 0));
      sqlite3_stmt *count = NULL;

      if (sqlite3_prepare_v2 (db, sql, -1, &count, NULL) == SQLITE_OK &&
          sqlite3_step (count) == SQLITE_ROW)
        total += sqlite3_column_int64 (count, 0);
      sqlite3_finalize (count);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return total;
}

static Sample
take_sample (guint visits)
{
  g_autofree char *db = store_path ("");
  g_autofree char *wal = store_path ("-wal");
  Sample s = { visits };

  s.rss_mib = status_kib ("/proc/self/status", "VmRSS:") / 1024.0;
  s.pss_mib = status_kib ("/proc/self/smaps_rollup", "\nPss:") / 1024.0;
  /* RSS that grows while this stays flat is the allocator's free memory, not a leak */
  s.heap_mib = mallinfo2 ().uordblks / 1048576.0;
  s.fds = count_entries ("/proc/self/fd") - 1; /* less the one reading it */
  s.threads = count_entries ("/proc/self/task");
  s.sources = count_sources ();
  s.rows = store_rows ();
  s.db_kib = file_kib (db);
  s.wal_kib = file_kib (wal);
  return s;
}

/* ---- driving the kiosk as a person does ---- */

static void
tap_widget (GtkWidget *button)
{
  g_assert_nonnull (button);
  if (!gtk_widget_is_sensitive (button))
    g_error ("the button %s is not sensitive",
             GTK_IS_BUTTON (button) ? gtk_button_get_label (GTK_BUTTON (button)) : "?");
  /* "clicked" at once: gtk_widget_activate() lets a button look pressed first */
  g_signal_emit_by_name (button, "clicked");
}

static void
tap (KioskPageId id, const char *label)
{
  GtkWidget *button = kiosk_test_find_button (GTK_WIDGET (kiosk_test_page (id)), label);

  if (button == NULL)
    g_error ("no button %s on the page %s", label, kiosk_page_id_to_string (id));
  tap_widget (button);
}

static gboolean
sensitive_button (gpointer data)
{
  const char **what = data;
  GtkWidget *button = kiosk_test_find_button (
      GTK_WIDGET (kiosk_test_page ((KioskPageId) GPOINTER_TO_INT (what[0]))), what[1]);

  return button != NULL && gtk_widget_is_sensitive (button);
}

static void
tap_when_ready (KioskPageId id, const char *label)
{
  const char *what[] = { GINT_TO_POINTER (id), label };

  if (!kiosk_test_wait_for (sensitive_button, what, WAIT_MS))
    g_error ("the button %s on the page %s stayed off (showing %s)", label,
             kiosk_page_id_to_string (id),
             kiosk_page_id_to_string (kiosk_flow_get_visible_page_id (kiosk_test_flow ())));
  tap (id, label);
}

static void
wait_page (KioskPageId id)
{
  if (!kiosk_test_wait_for_page (id, WAIT_MS))
    g_error ("page %s did not show (showing %s)", kiosk_page_id_to_string (id),
             kiosk_page_id_to_string (kiosk_flow_get_visible_page_id (kiosk_test_flow ())));
}

static void
keys (KioskPageId id, const char *text)
{
  GtkWidget *keypad =
      kiosk_test_find_by_type (GTK_WIDGET (kiosk_test_page (id)), KIOSK_TYPE_KEYPAD);

  g_assert_nonnull (keypad);
  for (const char *p = text; *p != '\0'; p++)
    {
      char key[2] = { *p, '\0' };
      g_assert_true (gtk_widget_activate_action (keypad, "keypad.insert", "s", key));
    }
}

static void
keep_personal (const char *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (personal, g_strdup (text));
}

static void
back_to_start (void)
{
  kiosk_flow_reset (kiosk_test_flow ());
  wait_page (KIOSK_PAGE_ATTRACT);
}

static void
place_card (guint index)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("DEMO_CARDS_DIR"), cards[index], NULL);

  g_assert_true (idcard_emulated_transport_place_card_file (emulated, path, &error));
  g_assert_no_error (error);
  wait_page (KIOSK_PAGE_CARD);
}

static void
lift_card (void)
{
  idcard_emulated_transport_lift_card (emulated);
  /* the reader notices the card is gone before the next one is placed */
  kiosk_test_spin (300);
}

static char *
filing_phone (guint visit)
{
  return g_strdup_printf ("137%08u", visit);
}

static void
visit_filing (GRand *rand, guint visit)
{
  guint card = g_rand_int_range (rand, 0, G_N_ELEMENTS (cards));
  g_autofree char *phone = filing_phone (visit);

  keep_personal (phone);
  place_card (card);
  keys (KIOSK_PAGE_CARD, phone);
  tap_when_ready (KIOSK_PAGE_CARD, "建档");
  wait_page (KIOSK_PAGE_FILED);
  lift_card ();
  back_to_start ();
}

/* ---- text messages ---- */

static void
advance_clock (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  clock_offset += SMS_CLOCK_STEP_S;
  text = g_strdup_printf ("%" G_GINT64_FORMAT "\n", clock_offset);
  g_file_set_contents (clock_file, text, -1, &error);
  g_assert_no_error (error);
}

static gboolean
captcha_ready (gpointer page)
{
  return kiosk_sms_page_get_captcha_ready (page);
}

static gboolean
page_idle (gpointer page)
{
  return !kiosk_sms_page_get_busy (page);
}

static char *
person_number (guint seq)
{
  return registry_test_resident_number (1970, seq);
}

static char *
person_phone (guint seq)
{
  return g_strdup_printf ("139%08u", seq);
}

/* From the attract page: Register or Log in, the ID number, phone, captcha,
 * code; the practice home shows. */
static void
sms_sign_in (KioskPageId id, guint seq)
{
  KioskSmsPage *page = KIOSK_SMS_PAGE (kiosk_test_page (id));
  g_autofree char *number = person_number (seq);
  g_autofree char *phone = person_phone (seq);
  g_autofree char *code = NULL;

  /* before the captcha is drawn: it lives by the registry's clock too */
  advance_clock ();
  tap (KIOSK_PAGE_ATTRACT, id == KIOSK_PAGE_REGISTER ? "注册" : "登录");
  wait_page (id);
  g_assert_true (kiosk_test_wait_for (captcha_ready, page, WAIT_MS));
  kiosk_sms_page_select_field (page, KIOSK_SMS_FIELD_ID_NUMBER);
  keys (id, number);
  keys (id, phone);
  keys (id, ANSWER);
  tap (id, "获取短信验证码");
  g_assert_true (kiosk_test_wait_for (page_idle, page, WAIT_MS));
  if (!kiosk_sms_page_get_code_sent (page))
    g_error ("no code sent: %s", kiosk_sms_page_get_problem_code (page));
  code = registry_test_spool_take_code (spool, phone);
  g_assert_nonnull (code);
  keys (id, code);
  tap (id, id == KIOSK_PAGE_REGISTER ? "注册" : "登录");
  wait_page (KIOSK_PAGE_HOME);
}

static void
log_out (void)
{
  tap (KIOSK_PAGE_HOME, "退出登录");
  wait_page (KIOSK_PAGE_ATTRACT);
}

/* A person filed at the registry (by another kiosk) who may register here. */
static guint
new_person (void)
{
  guint seq = next_person++;
  g_autoptr (CoreFiling) filing = registry_test_card_filing (1970, seq, NULL);
  g_autoptr (RegistryTestReply) reply = NULL;
  g_autofree char *number = person_number (seq);
  g_autofree char *phone = person_phone (seq);

  core_filing_set (filing, CORE_FILING_FIELD_NAME, PERSON_NAME);
  reply = registry_test_post_filing (soup, registry, device_token, filing);
  g_assert_cmpuint (reply->status, ==, 201);
  keep_personal (number);
  keep_personal (phone);
  return seq;
}

/* ---- practice information ---- */

static KioskRecordFormPage *
form_page (void)
{
  return KIOSK_RECORD_FORM_PAGE (kiosk_test_page (KIOSK_PAGE_RECORD_FORM));
}

static KioskRecordListPage *
list_page (void)
{
  return KIOSK_RECORD_LIST_PAGE (kiosk_test_page (KIOSK_PAGE_RECORD_LIST));
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
not_mapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static gboolean
count_shown (gpointer kind)
{
  return kiosk_home_page_get_count (KIOSK_HOME_PAGE (kiosk_test_page (KIOSK_PAGE_HOME)), kind) !=
         NULL;
}

static gboolean
list_loaded (gpointer kind)
{
  return kiosk_test_showing (KIOSK_PAGE_RECORD_LIST) &&
         g_strcmp0 (kiosk_record_list_page_get_kind (list_page ()), kind) == 0 &&
         kiosk_record_list_page_get_loaded (list_page ());
}

static gboolean
form_ready (gpointer unused)
{
  return kiosk_test_showing (KIOSK_PAGE_RECORD_FORM) &&
         kiosk_record_form_page_get_ready (form_page ());
}

static GtkWidget *
editor (const char *field)
{
  GtkWidget *widget = kiosk_record_form_page_get_editor (form_page (), field);

  g_assert_nonnull (widget);
  return widget;
}

/* as the on-screen keyboard does: inserted at the cursor of the field */
static void
type_text (const char *field, const char *text)
{
  GtkEditable *editable = GTK_EDITABLE (editor (field));
  int position = gtk_editable_get_position (editable);

  gtk_widget_grab_focus (GTK_WIDGET (editable));
  gtk_editable_insert_text (editable, text, -1, &position);
  gtk_editable_set_position (editable, position);
}

static void
pick (const char *field, const char *label)
{
  KioskPickList *list = KIOSK_PICK_LIST (editor (field));
  GtkWidget *row;

  kiosk_pick_list_open (list);
  row = kiosk_pick_list_find_row (list, label);
  g_assert_nonnull (row);
  g_assert_true (kiosk_test_wait_for (is_mapped, row, WAIT_MS));
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  g_assert_true (kiosk_test_wait_for (not_mapped, row, WAIT_MS));
}

static void
pick_date (const char *field, guint year, guint month, guint day)
{
  KioskDatePicker *picker = KIOSK_DATE_PICKER (editor (field));
  GtkWidget *month_button = kiosk_date_picker_get_month_button (picker, month);
  GtkWidget *day_button = kiosk_date_picker_get_day_button (picker, day);

  kiosk_date_picker_open (picker);
  /* the panel opens on the year and months; a month shows its days */
  g_assert_true (kiosk_test_wait_for (is_mapped, month_button, WAIT_MS));
  while (kiosk_date_picker_get_shown_year (picker) >= year + 10)
    tap_widget (kiosk_date_picker_get_year_step_button (picker, -10));
  while (kiosk_date_picker_get_shown_year (picker) > year)
    tap_widget (kiosk_date_picker_get_year_step_button (picker, -1));
  tap_widget (month_button);
  g_assert_true (kiosk_test_wait_for (is_mapped, day_button, WAIT_MS));
  tap_widget (day_button);
  g_assert_true (kiosk_test_wait_for (not_mapped, day_button, WAIT_MS));
}

/* Adds an education record through the form, and sees it listed. */
static void
add_education (void)
{
  KioskHomePage *home = KIOSK_HOME_PAGE (kiosk_test_page (KIOSK_PAGE_HOME));

  g_assert_true (kiosk_test_wait_for (count_shown, "education", WAIT_MS));
  tap_widget (kiosk_home_page_get_tile (home, "education"));
  g_assert_true (kiosk_test_wait_for (list_loaded, "education", WAIT_MS));
  tap (KIOSK_PAGE_RECORD_LIST, "添加");
  g_assert_true (kiosk_test_wait_for (form_ready, NULL, WAIT_MS));
  type_text ("school", "北京大学");
  pick ("level", "大学本科");
  pick_date ("graduated_on", 2009, 6, 30);
  type_text ("major", "土木工程");
  type_text ("certificate_number", "100011200905001234");
  tap_widget (kiosk_record_form_page_get_save_button (form_page ()));
  g_assert_true (kiosk_test_wait_for (list_loaded, "education", WAIT_MS));
  g_assert_cmpuint (kiosk_record_list_page_get_n_records (list_page ()), ==, 1);
  kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_HOME, NULL);
  wait_page (KIOSK_PAGE_HOME);
}

static void
visit_register_edit (GRand *rand, guint visit)
{
  guint seq = new_person ();

  sms_sign_in (KIOSK_PAGE_REGISTER, seq);
  log_out ();
  sms_sign_in (KIOSK_PAGE_LOGIN, seq);
  add_education ();
  log_out ();
  g_array_append_val (registered, seq);
}

/* ---- printing ---- */

static gboolean
job_finished (gpointer unused)
{
  FormsPrintJob *job =
      kiosk_print_page_get_job (KIOSK_PRINT_PAGE (kiosk_test_page (KIOSK_PAGE_PRINT)));

  return job != NULL && forms_print_job_get_finished (job);
}

static gboolean
print_ready (gpointer unused)
{
  const char *what[] = { GINT_TO_POINTER (KIOSK_PAGE_PRINT), "打印" };

  return sensitive_button (what);
}

static void
visit_print (GRand *rand, guint visit)
{
  guint seq;

  if (registered->len == 0)
    {
      seq = new_person ();
      sms_sign_in (KIOSK_PAGE_REGISTER, seq);
      g_array_append_val (registered, seq);
    }
  else
    {
      seq = g_array_index (registered, guint, g_rand_int_range (rand, 0, registered->len));
      sms_sign_in (KIOSK_PAGE_LOGIN, seq);
    }
  tap (KIOSK_PAGE_HOME, "个人签名信息");
  wait_page (KIOSK_PAGE_SIGNATURE);
  tap_when_ready (KIOSK_PAGE_SIGNATURE, "打印采集表");
  wait_page (KIOSK_PAGE_PRINT);
  if (!kiosk_test_wait_for (print_ready, NULL, WAIT_MS))
    {
      KioskPrintPage *page = KIOSK_PRINT_PAGE (kiosk_test_page (KIOSK_PAGE_PRINT));
      FormsPrinterList *printers = kiosk_print_page_get_printers (page);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (printers)); i++)
        {
          g_autoptr (FormsPrinter) p = g_list_model_get_item (G_LIST_MODEL (printers), i);
          g_printerr ("soak: printer %s: %s (%s)\n", forms_printer_get_name (p),
                      forms_printer_get_status_text (p), forms_printer_get_state_message (p));
        }
      g_error ("cannot print: form %p, printer %s", kiosk_print_page_get_form (page),
               kiosk_print_page_get_selected_printer (page));
    }
  tap (KIOSK_PAGE_PRINT, "打印");
  g_assert_true (kiosk_test_wait_for (job_finished, NULL, 120000));
  g_assert_cmpint (forms_print_job_get_status (kiosk_print_page_get_job (
                       KIOSK_PRINT_PAGE (kiosk_test_page (KIOSK_PAGE_PRINT)))),
                   ==, FORMS_JOB_STATUS_DONE);
  tap_when_ready (KIOSK_PAGE_PRINT, "是的，已拿到");
  wait_page (KIOSK_PAGE_SIGNATURE);
  tap (KIOSK_PAGE_SIGNATURE, "返回");
  wait_page (KIOSK_PAGE_HOME);
  log_out ();
}

/* ---- left half-way ---- */

static void
visit_idle_reset (GRand *rand, guint visit)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);
  gboolean at_card = g_rand_boolean (rand);

  if (at_card)
    {
      place_card (g_rand_int_range (rand, 0, G_N_ELEMENTS (cards)));
      keys (KIOSK_PAGE_CARD, "1380013");
    }
  else
    {
      tap (KIOSK_PAGE_ATTRACT, "注册");
      wait_page (KIOSK_PAGE_REGISTER);
      kiosk_sms_page_select_field (KIOSK_SMS_PAGE (kiosk_test_page (KIOSK_PAGE_REGISTER)),
                                   KIOSK_SMS_FIELD_ID_NUMBER);
      keys (KIOSK_PAGE_REGISTER, "1101011970");
    }
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 1);
  wait_page (KIOSK_PAGE_ATTRACT);
  kiosk_idle_monitor_set_timeout (monitor, 600);
  kiosk_idle_monitor_set_countdown (monitor, 10);
  if (at_card)
    lift_card ();
}

/* ---- the run ---- */

static VisitKind
choose (GRand *rand)
{
  /* of 100 visits: 45 filings, 20 registrations, 20 prints, 15 left half-way */
  int roll = g_rand_int_range (rand, 0, 100);

  return roll < 45   ? VISIT_FILING
         : roll < 65 ? VISIT_REGISTER_EDIT
         : roll < 85 ? VISIT_PRINT
                     : VISIT_IDLE_RESET;
}

static gboolean
outbox_drained (gpointer unused)
{
  StoreOutboxCounts counts;

  return store_outbox_get_counts (kiosk_services_get_outbox (kiosk_application_get_services (app)),
                                  &counts, NULL) &&
         counts.queued == 0;
}

static void
keep_card_texts (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_build_filename (g_getenv ("DEMO_CARDS_DIR"), cards[i], NULL);
      JsonObject *card;

      g_assert_true (json_parser_load_from_file (parser, path, &error));
      card = json_node_get_object (json_parser_get_root (parser));
      keep_personal (json_object_get_string_member (card, "name"));
      keep_personal (json_object_get_string_member (card, "id_number"));
      keep_personal (json_object_get_string_member (card, "address"));
    }
  keep_personal (PERSON_NAME);
}

/* Every byte of the file, for each text the run showed the kiosk. */
static guint
scan_for_personal (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;
  guint found = 0;

  if (!g_file_get_contents (path, &bytes, &length, NULL))
    return 0;
  for (guint i = 0; i < personal->len; i++)
    {
      const char *text = g_ptr_array_index (personal, i);

      if (memmem (bytes, length, text, strlen (text)) != NULL)
        {
          /* which one is left says where to look; the text itself is not printed */
          g_printerr ("soak: personal text no. %u (%zu bytes) found in %s\n", i, strlen (text),
                      path);
          found++;
        }
    }
  return found;
}

static void
write_plot (const char *output, const char *csv)
{
  g_autofree char *gnuplot = g_find_program_in_path ("gnuplot");
  g_autofree char *png = g_build_filename (output, "soak.png", NULL);
  g_autofree char *script = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (gnuplot == NULL)
    {
      g_print ("soak-plot: gnuplot not installed, no plot (figures in %s)\n", csv);
      return;
    }
  script =
      g_strdup_printf ("set terminal pngcairo size 1400,900 font ',10' noenhanced\n"
                       "set output '%s'\n"
                       "set datafile separator ','\n"
                       "set key autotitle columnhead\n"
                       "set xlabel 'visits'\n"
                       "set grid\n"
                       "set multiplot layout 2,3 title 'Kiosk soak: %u visits'\n"
                       "set title 'memory (MiB)'\n"
                       "plot '%s' using 1:2 with linespoints, '' using 1:3 with linespoints, "
                       "'' using 1:10 with linespoints\n"
                       "set title 'open files'\n"
                       "plot '%s' using 1:4 with linespoints\n"
                       "set title 'threads'\n"
                       "plot '%s' using 1:5 with linespoints\n"
                       "set title 'sources on the main context'\n"
                       "plot '%s' using 1:6 with linespoints\n"
                       "set title 'rows in kiosk.db'\n"
                       "plot '%s' using 1:7 with linespoints\n"
                       "set title 'kiosk.db and WAL (KiB)'\n"
                       "plot '%s' using 1:8 with linespoints, '' using 1:9 with linespoints\n"
                       "unset multiplot\n",
                       png, visit_counts[0] + visit_counts[1] + visit_counts[2] + visit_counts[3],
                       csv, csv, csv, csv, csv, csv);
  {
    const char *argv[] = { gnuplot, NULL };
    g_autoptr (GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE, &error);
    g_autoptr (GBytes) input = g_bytes_new (script, strlen (script));

    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate (proc, input, NULL, NULL, NULL, &error));
    status = g_subprocess_get_exit_status (proc);
  }
  g_print ("soak-plot: %s%s\n", png, status == 0 ? "" : " (gnuplot failed)");
}

static void
print_sample (FILE *csv, const Sample *s)
{
  g_print ("soak-sample: visits %u rss %.1f MiB pss %.1f MiB heap %.1f MiB fds %u threads %u "
           "sources %u rows %" G_GINT64_FORMAT " db %.0f KiB wal %.0f KiB\n",
           s->visits, s->rss_mib, s->pss_mib, s->heap_mib, s->fds, s->threads, s->sources, s->rows,
           s->db_kib, s->wal_kib);
  fprintf (csv, "%u,%.2f,%.2f,%u,%u,%u,%" G_GINT64_FORMAT ",%.1f,%.1f,%.2f\n", s->visits,
           s->rss_mib, s->pss_mib, s->fds, s->threads, s->sources, s->rows, s->db_kib, s->wal_kib,
           s->heap_mib);
  fflush (csv);
}

static void
summarise (GArray *samples)
{
  const Sample *first = NULL, *last = &g_array_index (samples, Sample, samples->len - 1);
  guint min_fds = G_MAXUINT, max_fds = 0, min_threads = G_MAXUINT, max_threads = 0;
  guint min_sources = G_MAXUINT, max_sources = 0;
  double max_wal = 0;

  /* the first 200 visits warm caches up: growth counts after them */
  for (guint i = 0; i < samples->len; i++)
    {
      const Sample *s = &g_array_index (samples, Sample, i);

      if (first == NULL && (s->visits >= 200 || i == samples->len - 1))
        first = s;
      if (s->visits < 200 && i != samples->len - 1)
        continue;
      min_fds = MIN (min_fds, s->fds);
      max_fds = MAX (max_fds, s->fds);
      min_threads = MIN (min_threads, s->threads);
      max_threads = MAX (max_threads, s->threads);
      min_sources = MIN (min_sources, s->sources);
      max_sources = MAX (max_sources, s->sources);
      max_wal = MAX (max_wal, s->wal_kib);
    }
  if (last->visits > first->visits)
    g_print ("soak-rss-growth: %.2f MiB per 1000 visits after %u (target < 2)\n",
             (last->rss_mib - first->rss_mib) * 1000.0 / (last->visits - first->visits),
             first->visits);
  if (last->visits > first->visits)
    g_print ("soak-heap-growth: %.2f MiB per 1000 visits after %u\n",
             (last->heap_mib - first->heap_mib) * 1000.0 / (last->visits - first->visits),
             first->visits);
  if (last->visits > first->visits)
    g_print ("soak-pss-growth: %.2f MiB per 1000 visits after %u\n",
             (last->pss_mib - first->pss_mib) * 1000.0 / (last->visits - first->visits),
             first->visits);
  g_print ("soak-fds: %u to %u after visit %u (target: flat)\n", min_fds, max_fds, first->visits);
  g_print ("soak-threads: %u to %u after visit %u (target: flat)\n", min_threads, max_threads,
           first->visits);
  g_print ("soak-sources: %u to %u after visit %u (target: flat)\n", min_sources, max_sources,
           first->visits);
  g_print ("soak-wal-max: %.0f KiB after visit %u (target: bounded)\n", max_wal, first->visits);
}

static void
start (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *spool_arg = NULL;

  folder = g_dir_make_tmp ("kiosk-soak-XXXXXX", &error);
  g_assert_no_error (error);
  cluster = registry_test_cluster_start ();
  registry_db = registry_test_cluster_new_database (cluster);
  device_token = registry_test_enroll_device (registry_db, "soak-kiosk");
  spool = g_build_filename (folder, "spool", NULL);
  g_assert_cmpint (g_mkdir (spool, 0700), ==, 0);
  clock_file = g_build_filename (folder, "clock", NULL);
  g_file_set_contents (clock_file, "0\n", -1, &error);
  g_assert_no_error (error);
  spool_arg = g_strconcat ("spool:", spool, NULL);
  {
    const char *args[] = { "--sms", spool_arg,           "--test-captcha-answer",
                           ANSWER,  "--test-clock-file", clock_file,
                           NULL };
    registry = registry_test_process_start (cluster, registry_db, args);
  }
  soup = soup_session_new ();
  app = kiosk_test_start_enrolled_kiosk (folder, registry->base_url, device_token, &reader,
                                         &emulated);
  window = kiosk_test_get_window (app);
  /* visits end at the driver's word; the idle reset is a visit kind of its own */
  kiosk_idle_monitor_set_timeout (kiosk_window_get_idle_monitor (window), 600);
}

int
main (int argc, char *argv[])
{
  const char *visits_text = g_getenv ("SOAK_VISITS");
  const char *seed_text = g_getenv ("SOAK_SEED");
  const char *every_text = g_getenv ("SOAK_SAMPLE_EVERY");
  const char *output = g_getenv ("SOAK_OUTPUT");
  guint n_visits = visits_text ? (guint) g_ascii_strtoull (visits_text, NULL, 10) : 2000;
  guint32 seed = seed_text ? (guint32) g_ascii_strtoull (seed_text, NULL, 10) : 18;
  guint every = every_text ? (guint) g_ascii_strtoull (every_text, NULL, 10) : 100;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  g_autofree char *csv_path = NULL;
  g_autofree char *db = NULL;
  g_autofree char *wal = NULL;
  gint64 started;
  guint leftovers;
  gint64 sealed;
  FILE *csv;

  /* the kiosk's allocator as the program sets it, before any thread starts */
  kiosk_application_setup_memory ();
  /* the scheduler first: its environment must be set before any thread starts */
  cups = forms_test_cups_start ();
  forms_test_cups_add_printer (cups, PRINTER, TRUE);
  kiosk_application_setup_locale ();
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  /* the scheduler's private HOME hides the session's accessibility bus */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_init ();

  personal = g_ptr_array_new_with_free_func (g_free);
  registered = g_array_new (FALSE, FALSE, sizeof (guint));
  keep_card_texts ();
  start ();

  if (output == NULL)
    output = ".";
  g_mkdir_with_parents (output, 0755);
  csv_path = g_build_filename (output, "soak.csv", NULL);
  csv = g_fopen (csv_path, "w");
  g_assert_nonnull (csv);
  fprintf (csv, "visits,rss_mib,pss_mib,fds,threads,sources,rows,db_kib,wal_kib,heap_mib\n");
  g_print ("soak-run: %u visits, seed %u, a sample every %u\n", n_visits, seed, every);

  {
    Sample s = take_sample (0);
    g_array_append_val (samples, s);
    print_sample (csv, &s);
  }
  started = g_get_monotonic_time ();
  for (guint visit = 1; visit <= n_visits; visit++)
    {
      VisitKind kind = choose (rand);

      visit_counts[kind]++;
      switch (kind)
        {
          case VISIT_FILING:
            visit_filing (rand, visit);
            break;
          case VISIT_REGISTER_EDIT:
            visit_register_edit (rand, visit);
            break;
          case VISIT_PRINT:
            visit_print (rand, visit);
            break;
          case VISIT_IDLE_RESET:
          default:
            visit_idle_reset (rand, visit);
            break;
        }
      if (visit % every == 0 || visit == n_visits)
        {
          Sample s = take_sample (visit);
          g_array_append_val (samples, s);
          print_sample (csv, &s);
        }
    }
  fclose (csv);
  g_print ("soak-visits: %u filings, %u registrations, %u prints, %u idle resets in %.0f s\n",
           visit_counts[VISIT_FILING], visit_counts[VISIT_REGISTER_EDIT], visit_counts[VISIT_PRINT],
           visit_counts[VISIT_IDLE_RESET], (g_get_monotonic_time () - started) / 1e6);
  summarise (samples);
  write_plot (output, csv_path);

  /* once synced, nothing personal is left in the store's files */
  g_assert_true (kiosk_test_wait_for (outbox_drained, NULL, 120000));
  kiosk_test_spin (500);
  db = store_path ("");
  wal = store_path ("-wal");
  leftovers = scan_for_personal (db) + scan_for_personal (wal);
  g_print ("soak-personal-texts-left: %u of %u (target 0)\n", leftovers, personal->len);
  /* the filings themselves are sealed: plain bytes cannot show them, their rows can */
  sealed = store_count ("SELECT count(*) FROM filings WHERE payload IS NOT NULL");
  g_print ("soak-sealed-filings-left: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " (target 0)\n",
           sealed, store_count ("SELECT count(*) FROM filings"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_object (&emulated);
  g_clear_object (&reader);
  g_clear_object (&soup);
  registry_test_process_stop (registry);
  registry_test_cluster_stop (cluster);
  forms_test_cups_stop (cups);
  kiosk_test_remove_tree (folder);
  g_ptr_array_unref (personal);
  g_array_unref (registered);
  return leftovers == 0 && sealed == 0 ? 0 : 1;
}
