/* test-kiosk-print.c: the print page and the staff printers page in a real
 * window under Xvfb, printing through a private CUPS scheduler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages sit in a plain window styled like the kiosk's, in Chinese; the
 * scheduler and its two virtual printers ("Window_A", the default, and
 * "Window_B") are started by this program and stopped at its end.
 */

#include "config.h"

#include <string.h>

#include "forms-test-cups.h"
#include "kiosk-application.h"
#include "kiosk-display-test.h"
#include "kiosk-print-page-private.h"
#include "kiosk-printers-page-private.h"
#include "kiosk-staff-peer.h"

#define PRINTER_A "Window_A"
#define PRINTER_B "Window_B"
#define WAIT_MS 60000
#define STAFF_USER "zhao.lei"
#define STAFF_PASSWORD "printer room 7"
#define SIGN_IN_FIRST "请先以工作人员身份登录。"

static FormsTestCups *cups;
static GtkWindow *window;
static KioskStaffPeer *peer;
static KioskStaffAuth *staff; /* the printers page is for staff */
static KioskServices *test_services;

/* What the pages work with here: the staff sign-in, and the printers. */
static KioskServices *
services (void)
{
  if (test_services == NULL)
    test_services = g_object_new (KIOSK_TYPE_SERVICES, "staff-auth", staff, NULL);
  return test_services;
}
static char *store_folder;

static FormsSignatureForm *
sample_form (void)
{
  FormsSignatureForm *form = forms_signature_form_new ();

  forms_signature_form_set_name (form, "张三丰");
  forms_signature_form_set_sex (form, "男");
  forms_signature_form_set_document_type (form, "居民身份证");
  forms_signature_form_set_document_number (form, "11010519491231002X");
  forms_signature_form_set_phone (form, "13800138000");
  forms_signature_form_set_record_id (form, "R2026-000900");
  forms_signature_form_set_window_name (form, "测试窗口");
  return form;
}

static void
show_page (KioskPage *page)
{
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  g_assert_true (
      kiosk_test_wait_for ((KioskTestCondition) gtk_widget_get_mapped, GTK_WIDGET (page), 10000));
  kiosk_page_shown (page);
}

static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_by_css_class (GtkWidget *root, const char *css_class, int *min_height)
{
  guint count = 0;

  if (gtk_widget_has_css_class (root, css_class) && gtk_widget_get_mapped (root))
    {
      count++;
      *min_height = MIN (*min_height, gtk_widget_get_height (root));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += count_by_css_class (child, css_class, min_height);
  return count;
}

static gboolean
label_shown (gpointer text)
{
  return find_label (gtk_window_get_child (window), text) != NULL;
}

typedef struct
{
  GtkWidget *root;
  const char *css_class;
  guint count;
} CountWait;

static gboolean
css_class_count_is (gpointer user_data)
{
  CountWait *wait = user_data;
  int height = G_MAXINT;

  return count_by_css_class (wait->root, wait->css_class, &height) == wait->count;
}

static gboolean
preview_drawn (gpointer page)
{
  GtkWidget *picture = kiosk_test_find_by_type (page, GTK_TYPE_PICTURE);
  return gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
}

static gboolean
job_finished (gpointer page)
{
  FormsPrintJob *job = kiosk_print_page_get_job (page);
  return job != NULL && forms_print_job_get_finished (job);
}

typedef struct
{
  const char *printer;
  guint count;
} OutputWait;

static gboolean
output_arrived (gpointer user_data)
{
  OutputWait *wait = user_data;
  g_autoptr (GPtrArray) files = forms_test_cups_list_output (cups, wait->printer);
  return files->len >= wait->count;
}

static void
count_cb (gpointer instance, gpointer arg, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
navigate_cb (KioskPage *page, KioskNavigation *navigation, gpointer user_data)
{
  g_free (*(char **) user_data);
  *(char **) user_data =
      g_strdup (kiosk_page_id_to_string (kiosk_navigation_get_target (navigation)));
}

/* KIOSK_TEST_SCREENSHOTS=FOLDER keeps a picture of each page for review */
static void
screenshot (const char *name)
{
  const char *folder = g_getenv ("KIOSK_TEST_SCREENSHOTS");
  g_autofree char *args = NULL;

  if (folder == NULL)
    return;
  kiosk_test_wait_drawn (GTK_WIDGET (window)); /* painted */
  args = g_strdup_printf ("import -window root %s/%s.png", folder, name);
  g_spawn_command_line_sync (args, NULL, NULL, NULL, NULL);
}

static gboolean
string_is_set (gpointer user_data)
{
  return *(char **) user_data != NULL;
}

static gboolean
print_shown (gpointer page)
{
  GtkWidget *button = kiosk_test_find_button (page, "打印");
  return button != NULL && gtk_widget_get_sensitive (button);
}

static void
test_print_page (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ();
  KioskPage *page = g_object_new (KIOSK_TYPE_PRINT_PAGE, "services", services (), NULL);
  KioskPrintPage *print_page = KIOSK_PRINT_PAGE (page);
  CountWait rows = { GTK_WIDGET (page), "printer-choice", 2 };
  g_autoptr (GPtrArray) before = forms_test_cups_list_output (cups, PRINTER_A);
  OutputWait output = { PRINTER_A, before->len + 1 };
  g_autofree char *target = NULL;
  GtkWidget *print_button;
  GtkWidget *yes_button;
  guint printed = 0;
  int min_height = G_MAXINT;

  kiosk_print_page_set_form (print_page, form);
  g_signal_connect (page, "printed", G_CALLBACK (count_cb), &printed);
  g_signal_connect (page, "navigate", G_CALLBACK (navigate_cb), &target);
  show_page (page);

  /* both printers, with their state, the default chosen */
  g_assert_true (kiosk_test_wait_for (css_class_count_is, &rows, WAIT_MS));
  g_assert_cmpstr (kiosk_print_page_get_selected_printer (print_page), ==, PRINTER_A);
  g_assert_nonnull (find_label (GTK_WIDGET (page), PRINTER_A));
  g_assert_nonnull (find_label (GTK_WIDGET (page), PRINTER_B));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "就绪"));
  g_assert_true (kiosk_test_wait_for (preview_drawn, page, WAIT_MS));
  /* the screen shows the ID number and the phone masked; the paper, whole */
  g_assert_cmpstr (
      forms_signature_form_get_document_number (kiosk_print_page_get_preview_form (print_page)), ==,
      "110105********002X");
  g_assert_cmpstr (forms_signature_form_get_phone (kiosk_print_page_get_preview_form (print_page)),
                   ==, "138****8000");
  g_assert_cmpstr (forms_signature_form_get_document_number (form), ==, "11010519491231002X");

  /* big enough for a finger, once laid out */
  kiosk_test_wait_drawn (GTK_WIDGET (page));
  count_by_css_class (GTK_WIDGET (page), "printer-choice", &min_height);
  g_assert_cmpint (min_height, >=, 64);
  print_button = kiosk_test_find_button (GTK_WIDGET (page), "打印");
  g_assert_nonnull (print_button);
  g_assert_true (gtk_widget_get_sensitive (print_button));
  g_assert_cmpint (gtk_widget_get_height (print_button), >=, 64);

  gtk_widget_activate (print_button);
  g_assert_true (kiosk_test_wait_for (job_finished, page, WAIT_MS));
  g_assert_cmpint (forms_print_job_get_status (kiosk_print_page_get_job (print_page)), ==,
                   FORMS_JOB_STATUS_DONE);
  g_assert_cmpuint (printed, ==, 1);
  g_assert_cmpstr (kiosk_print_page_get_status_text (print_page), ==, "已打印");
  g_assert_true (kiosk_test_wait_for (output_arrived, &output, WAIT_MS));

  /* the person is asked, and their answer takes them back */
  g_assert_true (kiosk_test_wait_for (label_shown, "表格打印出来了吗？", WAIT_MS));
  screenshot ("print-page");
  g_assert_nonnull (find_label (GTK_WIDGET (page), "表格打印出来了吗？"));
  g_assert_nonnull (kiosk_test_find_button (GTK_WIDGET (page), "没有，重新打印"));
  yes_button = kiosk_test_find_button (GTK_WIDGET (page), "是的，已拿到");
  g_assert_nonnull (yes_button);
  gtk_widget_activate (yes_button);
  g_assert_true (kiosk_test_wait_for (string_is_set, &target, 5000));
  g_assert_cmpstr (target, ==, kiosk_page_id_to_string (KIOSK_PAGE_SIGNATURE));

  /* back on the page (a second copy, or the next person after a logout,
   * which resets no page): Print is there again */
  kiosk_page_shown (page);
  g_assert_null (kiosk_print_page_get_job (print_page));
  g_assert_true (kiosk_test_wait_for (print_shown, page, WAIT_MS));

  /* a reset forgets the person */
  kiosk_page_reset (page);
  g_assert_null (kiosk_print_page_get_form (print_page));
  g_assert_null (kiosk_print_page_get_job (print_page));
  g_assert_false (preview_drawn (page));
  gtk_window_set_child (window, NULL);
}

static gboolean
feedback_contains (gpointer text)
{
  KioskPrintersPage *page = KIOSK_PRINTERS_PAGE (gtk_window_get_child (window));
  return strstr (kiosk_printers_page_get_feedback (page), text) != NULL;
}

static void
signed_in_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (kiosk_staff_auth_sign_in_finish (KIOSK_STAFF_AUTH (source), result, NULL, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

/* A staff sign-in against a scripted registry, with a store of its own. */
static void
sign_in_staff (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (StoreDatabase) store = NULL;
  g_autoptr (SyncClient) client = NULL;
  gboolean signed_in = FALSE;

  peer = kiosk_staff_peer_new ();
  kiosk_staff_peer_add_account (peer, STAFF_USER, STAFF_PASSWORD);
  store_folder = g_dir_make_tmp ("kiosk-print-store-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (store_folder, "kiosk.db", NULL);
  store = store_database_open (path, &error);
  g_assert_no_error (error);
  client = sync_client_new (kiosk_staff_peer_get_url (peer), "print-test-token", NULL, &error);
  g_assert_no_error (error);
  staff = kiosk_staff_auth_new (store, client);
  kiosk_staff_auth_sign_in_async (staff, STAFF_USER, STAFF_PASSWORD, NULL, signed_in_cb,
                                  &signed_in);
  g_assert_true (kiosk_test_wait_for (is_true, &signed_in, WAIT_MS));
}

typedef struct
{
  guint changes;
  guint wanted;
} ChangeCount;

static void
printers_changed_cb (GListModel *printers,
                     guint position,
                     guint removed,
                     guint added,
                     ChangeCount *count)
{
  count->changes++;
}

static gboolean
changes_reached (gpointer user_data)
{
  ChangeCount *count = user_data;

  return count->changes >= count->wanted;
}

static gboolean
refresh_idle (gpointer page)
{
  return gtk_widget_get_sensitive (kiosk_test_find_button (page, "刷新打印机列表"));
}

static void
test_printers_page (void)
{
  KioskPage *page = g_object_new (KIOSK_TYPE_PRINTERS_PAGE, "services", services (), NULL);
  CountWait rows = { GTK_WIDGET (page), "printer-status-row", 2 };
  g_autoptr (GPtrArray) before = forms_test_cups_list_output (cups, PRINTER_A);
  OutputWait output = { PRINTER_A, before->len + 1 };
  g_autofree char *default_label = g_strdup_printf ("%s（默认）", PRINTER_A);

  show_page (page);
  g_assert_true (kiosk_test_wait_for (css_class_count_is, &rows, WAIT_MS));
  g_assert_nonnull (find_label (GTK_WIDGET (page), default_label));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "队列中的任务：0"));
  g_assert_nonnull (kiosk_test_find_button (GTK_WIDGET (page), "打印测试页"));
  g_assert_nonnull (kiosk_test_find_button (GTK_WIDGET (page), "取消全部任务"));

  kiosk_printers_page_print_test_page (KIOSK_PRINTERS_PAGE (page), PRINTER_A);
  g_assert_true (kiosk_test_wait_for (feedback_contains, "已打印", WAIT_MS));
  screenshot ("printers-page");
  g_assert_true (kiosk_test_wait_for (output_arrived, &output, WAIT_MS));

  kiosk_printers_page_cancel_all_jobs (KIOSK_PRINTERS_PAGE (page), PRINTER_A);
  g_assert_true (kiosk_test_wait_for (feedback_contains, "全部任务已取消", WAIT_MS));

  /* a refresh asked for while one runs is not dropped (see the print page) */
  {
    GListModel *printers =
        G_LIST_MODEL (kiosk_printers_page_get_printers (KIOSK_PRINTERS_PAGE (page)));
    ChangeCount count = { 0, 2 };
    gulong handler;

    g_assert_true (kiosk_test_wait_for (refresh_idle, page, WAIT_MS));
    handler =
        g_signal_connect (printers, "items-changed", G_CALLBACK (printers_changed_cb), &count);
    kiosk_printers_page_refresh (KIOSK_PRINTERS_PAGE (page));
    kiosk_printers_page_refresh (KIOSK_PRINTERS_PAGE (page));
    g_assert_true (kiosk_test_wait_for (changes_reached, &count, WAIT_MS));
    g_assert_true (kiosk_test_wait_for (refresh_idle, page, WAIT_MS));
    kiosk_test_spin (300); /* time for a third listing that must not come */
    g_assert_cmpuint (count.changes, ==, 2);
    g_signal_handler_disconnect (printers, handler);
  }

  /* once staff signed out, neither runs */
  kiosk_staff_auth_sign_out (staff);
  kiosk_page_reset (page);
  kiosk_printers_page_print_test_page (KIOSK_PRINTERS_PAGE (page), PRINTER_A);
  g_assert_cmpstr (kiosk_printers_page_get_feedback (KIOSK_PRINTERS_PAGE (page)), ==,
                   SIGN_IN_FIRST);
  kiosk_page_reset (page);
  kiosk_printers_page_cancel_all_jobs (KIOSK_PRINTERS_PAGE (page), PRINTER_A);
  g_assert_cmpstr (kiosk_printers_page_get_feedback (KIOSK_PRINTERS_PAGE (page)), ==,
                   SIGN_IN_FIRST);
  /* as the kiosk's reset does when a page is left: what the page still has
   * in flight (a refresh of the printers) is cancelled, not left to answer
   * after the test's scheduler has stopped */
  kiosk_page_reset (page);
  gtk_window_set_child (window, NULL);
}

static gboolean
job_has_problem (gpointer page)
{
  FormsPrintJob *job = kiosk_print_page_get_job (page);
  return job != NULL && forms_print_job_get_problem (job) != FORMS_JOB_PROBLEM_NONE;
}

static gboolean
cancel_button_shown (gpointer page)
{
  return kiosk_test_find_button (page, "取消打印") != NULL;
}

/* A refresh asked for while one is on its way (a job that has just found its
 * printer offline asks while the page's own listing may still be out) is
 * not dropped: the answer already on its way may be older than the problem. */
static void
test_print_page_refresh_while_refreshing (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ();
  KioskPage *page = g_object_new (KIOSK_TYPE_PRINT_PAGE, "services", services (), NULL);
  KioskPrintPage *print_page = KIOSK_PRINT_PAGE (page);
  CountWait rows = { GTK_WIDGET (page), "printer-choice", 2 };
  ChangeCount count = { 0, 2 };
  GListModel *printers;
  gulong handler;

  kiosk_print_page_set_form (print_page, form);
  show_page (page);
  g_assert_true (kiosk_test_wait_for (css_class_count_is, &rows, WAIT_MS));
  g_assert_true (kiosk_test_wait_for (refresh_idle, page, WAIT_MS));

  printers = G_LIST_MODEL (kiosk_print_page_get_printers (print_page));
  handler = g_signal_connect (printers, "items-changed", G_CALLBACK (printers_changed_cb), &count);
  kiosk_print_page_refresh (print_page);
  kiosk_print_page_refresh (print_page);
  g_assert_true (kiosk_test_wait_for (changes_reached, &count, WAIT_MS));
  g_assert_true (kiosk_test_wait_for (refresh_idle, page, WAIT_MS));
  /* one listing more, not one for every time it was asked */
  kiosk_test_spin (300);
  g_assert_cmpuint (count.changes, ==, 2);
  g_signal_handler_disconnect (printers, handler);
  kiosk_page_reset (page);
  gtk_window_set_child (window, NULL);
}

/* switches printer B off for good; the other tests print on A */
static void
test_print_page_offline (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ();
  KioskPage *page = g_object_new (KIOSK_TYPE_PRINT_PAGE, "services", services (), NULL);
  KioskPrintPage *print_page = KIOSK_PRINT_PAGE (page);
  CountWait rows = { GTK_WIDGET (page), "printer-choice", 2 };

  forms_test_cups_stop_printer (cups, PRINTER_B);
  kiosk_print_page_set_form (print_page, form);
  kiosk_print_page_set_offline_after (print_page, 1);
  show_page (page);
  g_assert_true (kiosk_test_wait_for (css_class_count_is, &rows, WAIT_MS));

  /* an idle queue does not know its printer is gone: only a job finds out */
  kiosk_print_page_select_printer (print_page, PRINTER_B);
  g_assert_cmpstr (kiosk_print_page_get_selected_printer (print_page), ==, PRINTER_B);
  gtk_widget_activate (kiosk_test_find_button (GTK_WIDGET (page), "打印"));
  g_assert_true (kiosk_test_wait_for (job_has_problem, page, 90000));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "打印机离线。"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "打印机离线。请向窗口工作人员求助。"));
  /* and the printer list says so */
  g_assert_true (kiosk_test_wait_for (label_shown, "离线 — 暂时无法打印", WAIT_MS));
  kiosk_test_spin (300); /* time for a change of printer that must not come */
  g_assert_cmpstr (kiosk_print_page_get_selected_printer (print_page), ==, PRINTER_B);
  screenshot ("print-page-offline");

  /* the stuck job can be given up */
  g_assert_true (kiosk_test_wait_for (cancel_button_shown, page, 5000));
  gtk_widget_activate (kiosk_test_find_button (GTK_WIDGET (page), "取消打印"));
  g_assert_true (kiosk_test_wait_for (job_finished, page, WAIT_MS));
  g_assert_cmpint (forms_print_job_get_status (kiosk_print_page_get_job (print_page)), ==,
                   FORMS_JOB_STATUS_CANCELLED);
  g_assert_cmpstr (kiosk_print_page_get_status_text (print_page), ==, "打印已取消");
  kiosk_page_reset (page);
  gtk_window_set_child (window, NULL);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GtkCssProvider) css = NULL;
  int status;

  /* the scheduler first: its environment must be set before any thread starts */
  cups = forms_test_cups_start ();
  forms_test_cups_add_printer (cups, PRINTER_A, TRUE);
  forms_test_cups_add_printer (cups, PRINTER_B, FALSE);

  kiosk_application_setup_locale ();
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  /* the scheduler's private HOME and runtime folder hide the session's
   * accessibility bus; the shell test covers accessibility */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/practitioner/Kiosk/ui/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_add_css_class (GTK_WIDGET (window), "kiosk");
  gtk_window_set_default_size (window, 1280, 800);

  sign_in_staff ();

  g_test_add_func ("/print-page/lists-and-prints", test_print_page);
  g_test_add_func ("/printers-page/status-and-test-page", test_printers_page);
  g_test_add_func ("/print-page/refresh-while-refreshing",
                   test_print_page_refresh_while_refreshing);
  g_test_add_func ("/print-page/offline-and-cancel", test_print_page_offline);

  status = g_test_run ();
  gtk_window_destroy (window);
  forms_test_cups_stop (cups);
  g_clear_object (&test_services);
  g_clear_object (&staff);
  kiosk_staff_peer_free (peer);
  kiosk_test_remove_tree (store_folder);
  return status;
}
