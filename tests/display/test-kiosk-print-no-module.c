/* test-kiosk-print-no-module.c: the print page of a kiosk without its CUPS
 * module, in a real window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libcups is a module opened on the first print-related call
 * (forms-cups.h). Without it the print page says the printing service is
 * not available, as when CUPS is down, and offers nothing to print on.
 * The module's folder is an empty one here, so no scheduler is needed.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-application.h"
#include "kiosk-display-test.h"
#include "kiosk-print-page-private.h"

#define UNAVAILABLE "打印服务不可用。请向窗口工作人员求助。"

static GtkWindow *window;

/* KIOSK_TEST_SCREENSHOTS=FOLDER keeps a picture of the page for review */
static void
screenshot (void)
{
  const char *folder = g_getenv ("KIOSK_TEST_SCREENSHOTS");
  g_autofree char *args = NULL;

  if (folder == NULL)
    return;
  kiosk_test_wait_drawn (GTK_WIDGET (window)); /* painted */
  args = g_strdup_printf ("import -window root %s/print-page-no-module.png", folder);
  g_spawn_command_line_sync (args, NULL, NULL, NULL, NULL);
}

static gboolean
says_unavailable (gpointer page)
{
  return kiosk_test_count_labels (page, UNAVAILABLE) > 0;
}

static void
test_unavailable (void)
{
  g_autoptr (KioskServices) services = g_object_new (KIOSK_TYPE_SERVICES, NULL);
  g_autoptr (FormsSignatureForm) form = forms_signature_form_new ();
  KioskPage *page = g_object_new (KIOSK_TYPE_PRINT_PAGE, "services", services, NULL);
  GtkWidget *print_button;

  forms_signature_form_set_name (form, "张三丰");
  forms_signature_form_set_sex (form, "男");
  forms_signature_form_set_document_type (form, "居民身份证");
  forms_signature_form_set_document_number (form, "11010519491231002X");
  forms_signature_form_set_phone (form, "13800138000");
  forms_signature_form_set_record_id (form, "R2026-000900");
  forms_signature_form_set_window_name (form, "测试窗口");
  kiosk_print_page_set_form (KIOSK_PRINT_PAGE (page), form);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  g_assert_true (
      kiosk_test_wait_for ((KioskTestCondition) gtk_widget_get_mapped, GTK_WIDGET (page), 10000));
  /* the loader says why, once; the page, that it cannot list printers */
  g_test_expect_message ("Forms", G_LOG_LEVEL_WARNING, "cannot load the CUPS module:*");
  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "cannot list the printers:*");
  kiosk_page_shown (page);

  g_assert_true (kiosk_test_wait_for (says_unavailable, page, 30000));
  g_test_assert_expected_messages ();
  screenshot ();
  g_assert_null (kiosk_print_page_get_selected_printer (KIOSK_PRINT_PAGE (page)));
  print_button = kiosk_test_find_button (GTK_WIDGET (page), "打印");
  g_assert_nonnull (print_button);
  g_assert_false (gtk_widget_get_sensitive (print_button));
  kiosk_page_reset (page);
  gtk_window_set_child (window, NULL);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GtkCssProvider) css = NULL;
  g_autofree char *modules = g_dir_make_tmp ("kiosk-no-module-XXXXXX", NULL);
  int status;

  g_assert_nonnull (modules);
  g_setenv ("PRACTITIONER_KIOSK_MODULE_DIR", modules, TRUE);
  kiosk_application_setup_locale ();
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/practitioner/Kiosk/ui/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_add_css_class (GTK_WIDGET (window), "kiosk");
  gtk_window_set_default_size (window, 1280, 800);

  g_test_add_func ("/print-page/no-cups-module", test_unavailable);

  status = g_test_run ();
  gtk_window_destroy (window);
  g_rmdir (modules);
  return status;
}
