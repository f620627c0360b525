/* test-kiosk-sms.c: registration and login by SMS in the real window, against a
 * real registry process on loopback whose codes go to a spool folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registry runs with a known captcha answer and a clock file, which the
 * tests move forward instead of waiting out the resend cool-down. People are
 * filed through the registry's API, as a kiosk's sync engine would.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-privacy.h"
#include "idcard-document.h"
#include "idcard-emulated-transport.h"
#include "kiosk-attract-page-private.h"
#include "kiosk-confirmation.h"
#include "kiosk-display-test.h"
#include "kiosk-home-page-private.h"
#include "kiosk-keypad.h"
#include "kiosk-signature-page-private.h"
#include "kiosk-sms-page-private.h"
#include "registry-test-util.h"

#define ANSWER "K7MP"

static KioskApplication *app;
static KioskWindow *window;
static IdcardReader *reader;
static IdcardEmulatedTransport *emulated;
static RegistryTestCluster *cluster;
static RegistryTestProcess *registry;
static SoupSession *soup;
static char *registry_db;
static char *device_token;
static char *spool;
static char *clock_file;
static gint64 clock_offset;
static GPtrArray *visited;

static KioskSmsPage *
sms_page (KioskPageId id)
{
  return KIOSK_SMS_PAGE (kiosk_test_page (id));
}

static KioskHomePage *
home_page (void)
{
  return KIOSK_HOME_PAGE (kiosk_test_page (KIOSK_PAGE_HOME));
}

static KioskVisit *
visit (void)
{
  return kiosk_window_get_visit (window);
}

static void
page_changed_cb (KioskFlow *f)
{
  g_ptr_array_add (visited,
                   g_strdup (kiosk_page_id_to_string (kiosk_flow_get_visible_page_id (f))));
}

/* Moves the registry's clock on, past every cool-down of the test before. */
static void
advance_clock (gint64 seconds)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  clock_offset += seconds;
  text = g_strdup_printf ("%" G_GINT64_FORMAT "\n", clock_offset);
  g_file_set_contents (clock_file, text, -1, &error);
  g_assert_no_error (error);
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
  advance_clock (61);
}

static char *
resident_number (guint seq)
{
  return registry_test_resident_number (1990, seq);
}

static char *
phone_number (guint seq)
{
  return g_strdup_printf ("139%08u", seq);
}

/* Files person @seq through the registry's API, with @phone or none. */
static void
file_person (guint seq, const char *name, const char *phone)
{
  g_autoptr (CoreFiling) filing = registry_test_card_filing (1990, seq, phone);
  g_autoptr (RegistryTestReply) reply = NULL;

  core_filing_set (filing, CORE_FILING_FIELD_NAME, name);
  core_filing_set (filing, CORE_FILING_FIELD_SEX, "女");
  reply = registry_test_post_filing (soup, registry, device_token, filing);
  g_assert_cmpuint (reply->status, ==, 201);
}

/* ---- driving the page as a person does ---- */

static void
tap (GtkWidget *root, const char *label)
{
  GtkWidget *button = kiosk_test_find_button (root, label);

  if (button == NULL)
    g_error ("no button %s on the page", label);
  if (!gtk_widget_get_sensitive (button))
    g_error ("the button %s is not sensitive", label);
  /* "clicked" at once: gtk_widget_activate() lets a button look pressed first */
  g_signal_emit_by_name (button, "clicked");
}

static void
open_page (KioskPageId id)
{
  KioskPage *attract = kiosk_test_page (KIOSK_PAGE_ATTRACT);

  tap (GTK_WIDGET (attract), id == KIOSK_PAGE_REGISTER ? "注册" : "登录");
  g_assert_true (kiosk_test_wait_for_page (id, 5000));
}

static void
type_on_keypad (KioskSmsPage *page, gboolean letters, const char *text)
{
  GtkWidget *keypad = kiosk_test_find_by_type (GTK_WIDGET (page), KIOSK_TYPE_KEYPAD);

  g_assert_nonnull (keypad);
  g_assert_true (gtk_widget_get_mapped (keypad));
  g_assert_true ((kiosk_keypad_get_layout (KIOSK_KEYPAD (keypad)) == KIOSK_KEYPAD_LETTERS) ==
                 letters);
  for (const char *p = text; *p != '\0'; p++)
    {
      char key[2] = { *p, '\0' };
      g_assert_true (gtk_widget_activate_action (keypad, "keypad.insert", "s", key));
    }
}

static void
type_digits (KioskSmsPage *page, const char *text)
{
  type_on_keypad (page, FALSE, text);
}

static void
type_letters (KioskSmsPage *page, const char *text)
{
  type_on_keypad (page, TRUE, text);
}

static const char *
text_of (KioskSmsPage *page, KioskSmsField field)
{
  return gtk_editable_get_text (kiosk_sms_page_get_entry (page, field));
}

static gboolean
captcha_ready (gpointer page)
{
  return kiosk_sms_page_get_captcha_ready (page);
}

static gboolean
idle_page (gpointer page)
{
  return !kiosk_sms_page_get_busy (page);
}

/* Types the ID number, the phone and @answer, and taps "Get code". */
static void
ask_for_code (KioskSmsPage *page, const char *number, const char *phone, const char *answer)
{
  g_assert_true (kiosk_test_wait_for (captcha_ready, page, 10000));
  if (number != NULL)
    {
      kiosk_sms_page_select_field (page, KIOSK_SMS_FIELD_ID_NUMBER);
      type_digits (page, number);
      g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_ID_NUMBER), ==, number);
    }
  /* a whole ID number moves on to the phone, a whole phone to the captcha */
  if (phone != NULL)
    {
      type_digits (page, phone);
      g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_PHONE), ==, phone);
    }
  type_letters (page, answer);
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_CAPTCHA), ==, answer);
  tap (GTK_WIDGET (page), "获取短信验证码");
  g_assert_true (kiosk_test_wait_for (idle_page, page, 10000));
}

static void
assert_problem (KioskSmsPage *page, const char *code, const char *message, const char *next_step)
{
  g_assert_cmpstr (kiosk_sms_page_get_problem_code (page), ==, code);
  g_assert_cmpstr (kiosk_sms_page_get_problem (page), ==, message);
  g_assert_cmpstr (kiosk_sms_page_get_next_step (page), ==, next_step);
  g_assert_nonnull (kiosk_test_find_button (GTK_WIDGET (page), next_step));
}

static GtkWidget *
keypad_of (KioskSmsPage *page)
{
  return kiosk_test_find_by_type (GTK_WIDGET (page), KIOSK_TYPE_KEYPAD);
}

/* Whether the fields, the captcha and the keypad are on show. */
static gboolean
form_shown (KioskSmsPage *page)
{
  const KioskSmsField fields[] = { KIOSK_SMS_FIELD_ID_NUMBER, KIOSK_SMS_FIELD_PHONE,
                                   KIOSK_SMS_FIELD_CAPTCHA, KIOSK_SMS_FIELD_CODE };
  gboolean shown = gtk_widget_get_mapped (keypad_of (page));

  g_assert_true (gtk_widget_get_mapped (
                     kiosk_test_find_by_type (GTK_WIDGET (page), GTK_TYPE_PICTURE)) == shown);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (
        gtk_widget_get_mapped (GTK_WIDGET (kiosk_sms_page_get_entry (page, fields[i]))) == shown);
  return shown;
}

/* "Already registered" shows only what is left to do: logging in, as the
 * frame's primary action (the one way to it on the page), and the window
 * for a changed phone; the number typed is shown with how to correct it. */
static GtkWidget *
assert_registered_view (KioskSmsPage *page, const char *number)
{
  GtkWidget *primary = kiosk_page_get_primary (KIOSK_PAGE (page));
  GtkWidget *log_in = kiosk_test_find_button (primary, "去登录");

  g_assert_false (form_shown (page));
  g_assert_nonnull (log_in);
  g_assert_true (gtk_widget_is_sensitive (log_in));
  g_assert_null (kiosk_test_find_button (primary, "注册"));
  g_assert_true (kiosk_test_find_button (GTK_WIDGET (page), "去登录") == log_in);
  g_assert_true (gtk_widget_get_mapped (kiosk_sms_page_get_changed_phone_button (page)));
  g_assert_cmpuint (kiosk_test_count_labels (GTK_WIDGET (page), number), ==, 1);
  g_assert_cmpuint (
      kiosk_test_count_labels (GTK_WIDGET (page), "公民身份号码输错了？请点“返回”修改。"), ==, 1);
  return log_in;
}

/* The form as a person opening the page finds it: Register greyed until a
 * code is sent. */
static void
assert_form_view (KioskSmsPage *page)
{
  GtkWidget *primary = kiosk_page_get_primary (KIOSK_PAGE (page));
  GtkWidget *registering = kiosk_test_find_button (primary, "注册");

  g_assert_true (form_shown (page));
  g_assert_null (kiosk_sms_page_get_problem (page));
  g_assert_nonnull (registering);
  g_assert_false (gtk_widget_is_sensitive (registering));
  g_assert_null (kiosk_test_find_button (GTK_WIDGET (page), "去登录"));
  g_assert_false (gtk_widget_get_mapped (kiosk_sms_page_get_changed_phone_button (page)));
}

/* Asks for a code, types the code from the spool and taps the page's action. */
static void
complete_with_code (KioskSmsPage *page, const char *phone)
{
  g_autofree char *code = NULL;

  g_assert_null (kiosk_sms_page_get_problem (page));
  g_assert_true (kiosk_sms_page_get_code_sent (page));
  code = registry_test_spool_take_code (spool, phone);
  g_assert_nonnull (code);
  /* the code field has the numeric keypad now */
  type_digits (page, code);
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_CODE), ==, code);
  tap (GTK_WIDGET (page),
       kiosk_sms_page_get_purpose (page) == KIOSK_SMS_PURPOSE_REGISTER ? "注册" : "登录");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_HOME, 10000));
}

static void
register_person (guint seq, const char *phone)
{
  g_autofree char *number = resident_number (seq);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_REGISTER);

  open_page (KIOSK_PAGE_REGISTER);
  ask_for_code (page, number, phone, ANSWER);
  complete_with_code (page, phone);
}

static gint64
session_status (const char *token)
{
  g_autoptr (RegistryTestReply) reply = registry_test_request_session (
      soup, registry, "GET", "/v1/sessions/current", device_token, token, NULL);
  return reply->status;
}

static gboolean
session_gone (gpointer token)
{
  return session_status (token) == 401;
}

/* ---- the paths ---- */

static void
test_register_path (void)
{
  g_autofree char *number = resident_number (1);
  g_autofree char *phone = phone_number (1);
  g_autofree char *token = NULL;
  g_autofree char *masked = NULL;
  KioskSmsPage *page = sms_page (KIOSK_PAGE_REGISTER);

  file_person (1, "李四", NULL);
  back_to_start ();
  open_page (KIOSK_PAGE_REGISTER);
  g_assert_null (kiosk_visit_get_session_token (visit ()));
  ask_for_code (page, number, phone, ANSWER);
  /* the captcha was spent: a new one is shown */
  g_assert_true (kiosk_test_wait_for (captcha_ready, page, 10000));
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_CAPTCHA), ==, "");
  complete_with_code (page, phone);

  /* the practice-information home with the basic information, masked */
  g_assert_true (kiosk_visit_get_logged_in (visit ()));
  g_assert_cmpuint (strlen (kiosk_visit_get_session_token (visit ())), ==, 64);
  g_assert_cmpstr (kiosk_home_page_get_field (home_page (), "name"), ==, "李四");
  masked = g_strdup_printf ("%.6s********%s", number, number + 14);
  g_assert_cmpstr (kiosk_home_page_get_field (home_page (), "doc_number"), ==, masked);
  g_assert_cmpstr (kiosk_home_page_get_field (home_page (), "login_phone"), ==, "139****0001");
  g_assert_nonnull (kiosk_home_page_get_practice_sections (home_page ()));
  /* the register page forgot what was typed */
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_ID_NUMBER), ==, "");
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_PHONE), ==, "");

  /* logging out ends the session on the registry too */
  token = g_strdup (kiosk_visit_get_session_token (visit ()));
  g_assert_cmpint (session_status (token), ==, 200);
  tap (GTK_WIDGET (home_page ()), "退出登录");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_assert_false (kiosk_visit_get_logged_in (visit ()));
  g_assert_null (kiosk_visit_get_session_token (visit ()));
  g_assert_true (kiosk_test_wait_for (session_gone, token, 10000));
}

static gboolean
signature_status_is (gpointer text)
{
  KioskSignaturePage *signature = KIOSK_SIGNATURE_PAGE (kiosk_test_page (KIOSK_PAGE_SIGNATURE));

  return g_strcmp0 (kiosk_signature_page_get_status_text (signature), text) == 0;
}

static void
test_login_path (void)
{
  g_autofree char *number = resident_number (1);
  g_autofree char *phone = phone_number (1);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_LOGIN);

  /* registered in the test before */
  back_to_start ();
  open_page (KIOSK_PAGE_LOGIN);
  ask_for_code (page, number, phone, ANSWER);
  complete_with_code (page, phone);
  g_assert_true (kiosk_visit_get_logged_in (visit ()));
  g_assert_cmpstr (kiosk_home_page_get_field (home_page (), "name"), ==, "李四");

  /* the signature collection form is made from this person's record */
  tap (GTK_WIDGET (home_page ()), "个人签名信息");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SIGNATURE, 5000));
  {
    KioskSignaturePage *signature = KIOSK_SIGNATURE_PAGE (kiosk_test_page (KIOSK_PAGE_SIGNATURE));
    FormsSignatureForm *form = kiosk_signature_page_get_form (signature);

    g_assert_nonnull (form);
    g_assert_cmpstr (forms_signature_form_get_name (form), ==, "李四");
    g_assert_cmpstr (forms_signature_form_get_document_number (form), ==, number);
    /* its preview masks the ID number and the phone */
    {
      FormsSignatureForm *shown = kiosk_signature_page_get_preview_form (signature);

      g_assert_nonnull (shown);
      g_assert_nonnull (strstr (forms_signature_form_get_document_number (shown), "********"));
      g_assert_true (g_str_has_suffix (forms_signature_form_get_document_number (shown),
                                       number + strlen (number) - 4));
      if (forms_signature_form_get_phone (form) != NULL)
        g_assert_nonnull (strstr (forms_signature_form_get_phone (shown), "****"));
    }
    g_assert_cmpstr (forms_signature_form_get_document_type (form), ==, "居民身份证");
    /* the registry's answer, once it comes */
    g_assert_true (
        kiosk_test_wait_for (signature_status_is, "待打印：请先打印采集表，再手写签名。", 10000));
  }
  tap (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_SIGNATURE)), "返回");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_HOME, 5000));

  tap (GTK_WIDGET (home_page ()), "退出登录");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
}

/* ---- each error of the seed on its own screen ---- */

static void
test_phone_taken (void)
{
  g_autofree char *number = resident_number (2);
  g_autofree char *taken = phone_number (4);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_REGISTER);

  file_person (2, "王五", NULL);
  file_person (4, "赵六", taken);
  back_to_start ();
  open_page (KIOSK_PAGE_REGISTER);
  ask_for_code (page, number, taken, ANSWER);
  assert_problem (page, "phone_taken", "该手机号已注册个人短信用户，不能重复注册", "换一个手机号");
  g_assert_false (kiosk_sms_page_get_code_sent (page));
  tap (GTK_WIDGET (page), "换一个手机号");
  g_assert_null (kiosk_sms_page_get_problem (page));
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_PHONE), ==, "");
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_ID_NUMBER), ==, number);
}

static void
test_id_already_registered (void)
{
  g_autofree char *number = resident_number (5);
  g_autofree char *phone = phone_number (5);
  g_autofree char *other = phone_number (6);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_REGISTER);

  file_person (5, "孙七", NULL);
  back_to_start ();
  register_person (5, phone);
  back_to_start ();
  open_page (KIOSK_PAGE_REGISTER);
  ask_for_code (page, number, other, ANSWER);
  assert_problem (page, "id_already_registered", "该身份证号已注册短信用户，不能重复注册",
                  "去登录");
  /* nothing of the number on record: anyone can type an ID number here */
  g_assert_null (strstr (kiosk_sms_page_get_shown_problem (page), phone + 7));
  kiosk_test_tap_widget (assert_registered_view (page, number));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_LOGIN, 5000));
  /* the ID number typed came along; the phone typed is not the one to log in with */
  g_assert_cmpstr (text_of (sms_page (KIOSK_PAGE_LOGIN), KIOSK_SMS_FIELD_ID_NUMBER), ==, number);
  g_assert_cmpstr (text_of (sms_page (KIOSK_PAGE_LOGIN), KIOSK_SMS_FIELD_PHONE), ==, "");
}

static void
set_window_name (const char *name)
{
  g_autoptr (GError) error = NULL;
  KioskConfig *config = kiosk_services_get_config (kiosk_application_get_services (app));

  g_assert_true (kiosk_config_set_value (config, "window-name", name, &error));
  g_assert_no_error (error);
}

/* "Phone changed?" says where to go before anything is cleared, by the
 * name of the window this kiosk stands by when it has one: Back (its own
 * or the frame's) keeps the page as it was, End and clear ends the visit. */
static void
test_changed_phone_exit (void)
{
  g_autofree char *number = resident_number (5);
  g_autofree char *other = phone_number (8);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_REGISTER);
  GtkWidget *question = kiosk_sms_page_get_changed_phone_question (page);

  back_to_start ();
  set_window_name ("");
  open_page (KIOSK_PAGE_REGISTER);
  ask_for_code (page, number, other, ANSWER);
  g_assert_cmpstr (kiosk_sms_page_get_problem_code (page), ==, "id_already_registered");

  tap (GTK_WIDGET (page), "手机号已更换？请到窗口办理");
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, question, 5000));
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_REGISTER));
  g_assert_cmpstr (kiosk_confirmation_get_question (KIOSK_CONFIRMATION (question)), ==,
                   "手机号需到窗口更换");
  g_assert_cmpstr (kiosk_confirmation_get_message (KIOSK_CONFIRMATION (question)), ==,
                   "请带上身份证到受理窗口，工作人员会为您更换登录用的手机号。"
                   "点“结束并清空”将清除您在本机填写的内容。");
  /* nothing cleared yet, and no way on but the two answers */
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_ID_NUMBER), ==, number);
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_PHONE), ==, other);
  g_assert_null (kiosk_test_find_button (kiosk_page_get_primary (KIOSK_PAGE (page)), "去登录"));
  g_assert_false (gtk_widget_get_mapped (kiosk_sms_page_get_changed_phone_button (page)));

  /* the way back says what it does, not the footer's 返回 (the page
   * before) right under it: the page as it was */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (
                       kiosk_confirmation_get_cancel_button (KIOSK_CONFIRMATION (question)))),
                   ==, "继续办理");
  g_assert_cmpstr (
      gtk_button_get_label (GTK_BUTTON (kiosk_page_get_back_button (KIOSK_PAGE (page)))), ==,
      "返回");
  tap (question, "继续办理");
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, question, 5000));
  assert_registered_view (page, number);

  /* the window by its name, as the welcome page shows it; the frame's
   * Back answers as the question's own does */
  set_window_name ("3号窗口");
  tap (GTK_WIDGET (page), "手机号已更换？请到窗口办理");
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, question, 5000));
  g_assert_cmpstr (kiosk_confirmation_get_message (KIOSK_CONFIRMATION (question)), ==,
                   "请带上身份证到3号窗口，工作人员会为您更换登录用的手机号。"
                   "点“结束并清空”将清除您在本机填写的内容。");
  kiosk_test_tap_widget (kiosk_page_get_back_button (KIOSK_PAGE (page)));
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, question, 5000));
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_REGISTER));
  assert_registered_view (page, number);

  /* End and clear ends the visit */
  tap (GTK_WIDGET (page), "手机号已更换？请到窗口办理");
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, question, 5000));
  tap (question, "结束并清空");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_PHONE), ==, "");
  g_assert_false (gtk_widget_get_visible (question));
  set_window_name ("");
}

/* A mistyped ID number can be someone else's, registered already: Back
 * brings the form again as it was, the number to correct on the keypad,
 * and the corrected number goes on. */
static void
test_registered_back_to_form (void)
{
  g_autofree char *registered = resident_number (5);
  g_autofree char *meant = resident_number (2); /* filed, not registered */
  g_autofree char *phone = phone_number (10);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_REGISTER);

  back_to_start ();
  open_page (KIOSK_PAGE_REGISTER);
  ask_for_code (page, registered, phone, ANSWER);
  g_assert_cmpstr (kiosk_sms_page_get_problem_code (page), ==, "id_already_registered");
  assert_registered_view (page, registered);

  tap (GTK_WIDGET (page), "返回");
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_REGISTER));
  assert_form_view (page);
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_ID_NUMBER), ==, registered);
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_PHONE), ==, phone);
  g_assert_true (kiosk_keypad_get_target (KIOSK_KEYPAD (keypad_of (page))) ==
                 kiosk_sms_page_get_entry (page, KIOSK_SMS_FIELD_ID_NUMBER));

  g_assert_true (gtk_widget_activate_action (keypad_of (page), "keypad.clear", NULL));
  type_digits (page, meant);
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_ID_NUMBER), ==, meant);
  g_assert_true (kiosk_test_wait_for (captcha_ready, page, 10000));
  kiosk_sms_page_select_field (page, KIOSK_SMS_FIELD_CAPTCHA);
  type_letters (page, ANSWER);
  tap (GTK_WIDGET (page), "获取短信验证码");
  g_assert_true (kiosk_test_wait_for (idle_page, page, 10000));
  g_assert_null (kiosk_sms_page_get_problem (page));
  g_assert_true (kiosk_sms_page_get_code_sent (page));
  g_free (registry_test_spool_take_code (spool, phone));
}

/* Nothing of "already registered" is left for the next person: not after
 * the idle timeout, nor after leaving by Home. */
static void
test_registered_then_reset (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);
  g_autofree char *number = resident_number (5);
  g_autofree char *phone = phone_number (11);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_REGISTER);

  back_to_start ();
  open_page (KIOSK_PAGE_REGISTER);
  ask_for_code (page, number, phone, ANSWER);
  assert_registered_view (page, number);
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 1);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 10000));
  kiosk_idle_monitor_set_timeout (monitor, 60);
  kiosk_idle_monitor_set_countdown (monitor, 10);
  open_page (KIOSK_PAGE_REGISTER);
  assert_form_view (page);
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_ID_NUMBER), ==, "");
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_PHONE), ==, "");

  advance_clock (61);
  ask_for_code (page, number, phone, ANSWER);
  assert_registered_view (page, number);
  tap (GTK_WIDGET (page), "首页");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  open_page (KIOSK_PAGE_REGISTER);
  assert_form_view (page);
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_ID_NUMBER), ==, "");
  g_assert_cmpuint (kiosk_test_count_labels (GTK_WIDGET (page), number), ==, 0);
}

static void
test_already_enabled (void)
{
  g_autofree char *number = resident_number (7);
  g_autofree char *phone = phone_number (7);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_REGISTER);

  file_person (7, "周八", phone);
  back_to_start ();
  open_page (KIOSK_PAGE_REGISTER);
  ask_for_code (page, number, phone, ANSWER);
  assert_problem (page, "already_enabled",
                  "您已完成人员读卡建档并登记了手机号，可直接用身份证号和该手机号登录，无需注册",
                  "去登录");
  tap (GTK_WIDGET (page), "去登录");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_LOGIN, 5000));
  g_assert_cmpstr (text_of (sms_page (KIOSK_PAGE_LOGIN), KIOSK_SMS_FIELD_ID_NUMBER), ==, number);
  g_assert_cmpstr (text_of (sms_page (KIOSK_PAGE_LOGIN), KIOSK_SMS_FIELD_PHONE), ==, "");
  /* and that login works with the number on record */
  kiosk_sms_page_select_field (sms_page (KIOSK_PAGE_LOGIN), KIOSK_SMS_FIELD_PHONE);
  ask_for_code (sms_page (KIOSK_PAGE_LOGIN), NULL, phone, ANSWER);
  complete_with_code (sms_page (KIOSK_PAGE_LOGIN), phone);
  g_assert_cmpstr (kiosk_home_page_get_field (home_page (), "name"), ==, "周八");
}

static void
test_not_filed (void)
{
  g_autofree char *number = resident_number (99);
  g_autofree char *phone = phone_number (99);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_REGISTER);

  back_to_start ();
  open_page (KIOSK_PAGE_REGISTER);
  ask_for_code (page, number, phone, ANSWER);
  assert_problem (page, "not_filed", "该身份证尚未完成人员读卡建档", "到窗口读卡建档");
  tap (GTK_WIDGET (page), "到窗口读卡建档");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
}

static void
test_not_registered (void)
{
  g_autofree char *number = resident_number (8);
  g_autofree char *phone = phone_number (8);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_LOGIN);

  file_person (8, "吴九", NULL);
  back_to_start ();
  open_page (KIOSK_PAGE_LOGIN);
  ask_for_code (page, number, phone, ANSWER);
  assert_problem (page, "not_registered", "该身份证号和手机号未注册短信用户，请先注册", "去注册");
  tap (GTK_WIDGET (page), "去注册");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_REGISTER, 5000));
  g_assert_cmpstr (text_of (sms_page (KIOSK_PAGE_REGISTER), KIOSK_SMS_FIELD_ID_NUMBER), ==, number);
}

static void
test_captcha_wrong (void)
{
  g_autofree char *number = resident_number (1);
  g_autofree char *phone = phone_number (1);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_LOGIN);

  back_to_start ();
  open_page (KIOSK_PAGE_LOGIN);
  ask_for_code (page, number, phone, "AAAA");
  assert_problem (page, "captcha_wrong", "请填写正确的图形验证码，图形验证码不区分大小写",
                  "重新输入图形验证码");
  g_assert_false (kiosk_sms_page_get_code_sent (page));
  /* a new captcha is there, and a right answer goes through */
  tap (GTK_WIDGET (page), "重新输入图形验证码");
  g_assert_null (kiosk_sms_page_get_problem (page));
  g_assert_true (kiosk_test_wait_for (captcha_ready, page, 10000));
  type_letters (page, ANSWER);
  tap (GTK_WIDGET (page), "获取短信验证码");
  g_assert_true (kiosk_test_wait_for (idle_page, page, 10000));
  complete_with_code (page, phone);
}

static void
type_code (KioskSmsPage *page, const char *code)
{
  gtk_editable_set_text (kiosk_sms_page_get_entry (page, KIOSK_SMS_FIELD_CODE), "");
  kiosk_sms_page_select_field (page, KIOSK_SMS_FIELD_CODE);
  type_digits (page, code);
  tap (GTK_WIDGET (page), "登录");
  g_assert_true (kiosk_test_wait_for (idle_page, page, 10000));
}

static void
test_code_wrong_then_expired (void)
{
  g_autofree char *number = resident_number (1);
  g_autofree char *phone = phone_number (1);
  g_autofree char *code = NULL;
  char wrong[7];
  KioskSmsPage *page = sms_page (KIOSK_PAGE_LOGIN);

  back_to_start ();
  open_page (KIOSK_PAGE_LOGIN);
  ask_for_code (page, number, phone, ANSWER);
  g_assert_true (kiosk_sms_page_get_code_sent (page));
  code = registry_test_spool_take_code (spool, phone);
  g_assert_nonnull (code);
  g_strlcpy (wrong, code, sizeof wrong);
  wrong[0] = wrong[0] == '9' ? '0' : (char) (wrong[0] + 1);

  type_code (page, wrong);
  assert_problem (page, "code_wrong", "短信验证码错误，还可再试 4 次", "重新输入短信验证码");
  tap (GTK_WIDGET (page), "重新输入短信验证码");
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_CODE), ==, "");

  /* 91 s later on the registry's clock, the right code is too old */
  advance_clock (91);
  type_code (page, code);
  assert_problem (page, "code_expired", "短信验证码已过期或已使用，请重新获取",
                  "重新获取短信验证码");
  g_assert_false (kiosk_sms_page_get_code_sent (page));
  tap (GTK_WIDGET (page), "重新获取短信验证码");
  g_assert_null (kiosk_sms_page_get_problem (page));
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_LOGIN));
}

static void
test_too_frequent (void)
{
  g_autofree char *number = resident_number (1);
  g_autofree char *phone = phone_number (1);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_LOGIN);
  g_autofree char *code = NULL;

  back_to_start ();
  open_page (KIOSK_PAGE_LOGIN);
  ask_for_code (page, number, phone, ANSWER);
  g_assert_true (kiosk_sms_page_get_code_sent (page));
  code = registry_test_spool_take_code (spool, phone);
  /* "Get code" counts down to the resend on this page ... */
  g_assert_nonnull (code);
  g_assert_null (kiosk_test_find_button (GTK_WIDGET (page), "获取短信验证码"));
  g_assert_null (kiosk_test_find_button (GTK_WIDGET (page), "重新获取短信验证码"));

  /* ... and starting again on the page does not get round the registry's */
  tap (GTK_WIDGET (page), "返回");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  open_page (KIOSK_PAGE_LOGIN);
  ask_for_code (page, number, phone, ANSWER);
  g_assert_cmpstr (kiosk_sms_page_get_problem_code (page), ==, "too_frequent");
  g_assert_true (g_str_has_prefix (kiosk_sms_page_get_problem (page),
                                   "一分钟内已向该手机号发送过短信验证码，请等待 "));
  g_assert_cmpstr (kiosk_sms_page_get_next_step (page), ==, "知道了");
  tap (GTK_WIDGET (page), "知道了");
  g_assert_null (kiosk_sms_page_get_problem (page));
}

/* The buttons shown under @root that take a person away from the page. */
static guint
count_ways_home (GtkWidget *root)
{
  static const char *const labels[] = { "首页", "返回", "返回首页", "取消" };
  guint n = 0;

  if (!gtk_widget_get_mapped (root))
    return 0;
  if (GTK_IS_BUTTON (root) &&
      g_strv_contains (labels, gtk_button_get_label (GTK_BUTTON (root)) != NULL
                                   ? gtk_button_get_label (GTK_BUTTON (root))
                                   : ""))
    return 1;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_ways_home (child);
  return n;
}

/* A problem that leaves nothing to do on the page (too many codes, the
 * registry failing) has no button of its own: the frame's Home and Back,
 * one of each, are the ways out. Home forgets the pending code as Back
 * does: the page opened again has none, and no problem. */
static void
test_one_way_home (void)
{
  g_autofree char *number = resident_number (1);
  g_autofree char *phone = phone_number (1);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_LOGIN);
  g_autoptr (GError) error =
      g_error_new_literal (CORE_API_ERROR, CORE_API_ERROR_RATE_LIMITED, "rate limited");

  back_to_start ();
  open_page (KIOSK_PAGE_LOGIN);
  g_assert_cmpuint (count_ways_home (GTK_WIDGET (page)), ==, 2);
  ask_for_code (page, number, phone, ANSWER);
  g_assert_true (kiosk_sms_page_get_code_sent (page));
  g_free (registry_test_spool_take_code (spool, phone));

  kiosk_sms_page_show_error (page, error);
  g_assert_cmpstr (kiosk_sms_page_get_problem_code (page), ==, "rate_limited");
  g_assert_null (kiosk_sms_page_get_next_step (page));
  g_assert_cmpuint (count_ways_home (GTK_WIDGET (page)), ==, 2);
  g_assert_true (gtk_widget_get_mapped (kiosk_page_get_home_button (KIOSK_PAGE (page))));
  g_assert_true (gtk_widget_get_mapped (kiosk_page_get_back_button (KIOSK_PAGE (page))));

  tap (GTK_WIDGET (page), "首页");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_assert_false (kiosk_sms_page_get_code_sent (page));
  open_page (KIOSK_PAGE_LOGIN);
  g_assert_false (kiosk_sms_page_get_code_sent (page));
  g_assert_null (kiosk_sms_page_get_problem (page));
}

static void
test_another_captcha (void)
{
  KioskSmsPage *page = sms_page (KIOSK_PAGE_REGISTER);
  GtkPicture *picture;
  GdkPaintable *first;
  GtkWidget *keypad;

  back_to_start ();
  open_page (KIOSK_PAGE_REGISTER);
  g_assert_true (kiosk_test_wait_for (captcha_ready, page, 10000));
  picture = GTK_PICTURE (kiosk_test_find_by_type (GTK_WIDGET (page), GTK_TYPE_PICTURE));
  first = g_object_ref (gtk_picture_get_paintable (picture));
  tap (GTK_WIDGET (page), "换一张");
  g_assert_true (kiosk_test_wait_for (captcha_ready, page, 10000));
  g_assert_true (gtk_picture_get_paintable (picture) != first);
  /* the answer is typed on the letter keypad */
  keypad = kiosk_test_find_by_type (GTK_WIDGET (page), KIOSK_TYPE_KEYPAD);
  g_assert_true (gtk_widget_get_mapped (keypad));
  g_assert_cmpint (kiosk_keypad_get_layout (KIOSK_KEYPAD (keypad)), ==, KIOSK_KEYPAD_LETTERS);
  g_object_unref (first);
}

static gboolean
problem_shown (gpointer page)
{
  return kiosk_sms_page_get_problem (page) != NULL;
}

/* Without a registry nothing can be sent, and the page says so. */
static void
test_offline (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskServices) not_enrolled = g_object_new (KIOSK_TYPE_SERVICES, NULL);
  g_autoptr (SyncClient) nowhere = sync_client_new ("http://127.0.0.1:1/", "token", NULL, &error);
  g_autoptr (SyncRegistry) nowhere_registry = NULL;
  g_autoptr (KioskServices) unreachable = NULL;
  g_autoptr (KioskVisit) no_visit = kiosk_visit_new (NULL);
  KioskFlow *flow;
  KioskPage *page;

  g_assert_no_error (error);
  /* a kiosk without a registry: the flow tells the page, which says so */
  flow = g_object_ref_sink (kiosk_flow_new (not_enrolled, no_visit));
  g_assert_true (kiosk_flow_go_to (flow, KIOSK_PAGE_REGISTER, NULL));
  page = g_object_ref (kiosk_flow_get_visible_page (flow));
  g_assert_true (kiosk_page_get_offline (page));
  g_assert_cmpstr (kiosk_sms_page_get_problem_code (KIOSK_SMS_PAGE (page)), ==, "not_connected");
  g_assert_cmpstr (kiosk_sms_page_get_problem (KIOSK_SMS_PAGE (page)), ==,
                   "注册和登录需要联网，本机尚未接入登记系统，请咨询窗口工作人员");
  /* nothing to do on the page: the frame's Home and Back leave it */
  g_assert_null (kiosk_sms_page_get_next_step (KIOSK_SMS_PAGE (page)));
  g_assert_false (kiosk_sms_page_get_captcha_ready (KIOSK_SMS_PAGE (page)));
  g_object_unref (page);
  g_object_unref (flow);

  nowhere_registry = sync_registry_new (nowhere);
  unreachable = g_object_new (KIOSK_TYPE_SERVICES, "registry", nowhere_registry, NULL);
  page = g_object_ref_sink (
      g_object_new (KIOSK_TYPE_SMS_PAGE, "services", unreachable, "id", KIOSK_PAGE_LOGIN, NULL));
  kiosk_page_shown (page);
  g_assert_true (kiosk_test_wait_for (problem_shown, page, 10000));
  g_assert_cmpstr (kiosk_sms_page_get_problem_code (KIOSK_SMS_PAGE (page)), ==, "unreachable");
  g_assert_cmpstr (kiosk_sms_page_get_problem (KIOSK_SMS_PAGE (page)), ==,
                   "注册和登录需要联网，目前无法连接网络，请稍后再试，或咨询窗口工作人员");
  g_object_unref (page);
}

/* ---- the session ---- */

static void
test_idle_reset_drops_session (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);
  g_autofree char *number = resident_number (1);
  g_autofree char *phone = phone_number (1);
  g_autofree char *token = NULL;

  back_to_start ();
  open_page (KIOSK_PAGE_LOGIN);
  ask_for_code (sms_page (KIOSK_PAGE_LOGIN), number, phone, ANSWER);
  complete_with_code (sms_page (KIOSK_PAGE_LOGIN), phone);
  token = g_strdup (kiosk_visit_get_session_token (visit ()));
  g_assert_nonnull (token);

  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 1);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 10000));
  g_assert_false (kiosk_visit_get_logged_in (visit ()));
  g_assert_null (kiosk_visit_get_session_token (visit ()));
  g_assert_null (kiosk_visit_get_person (visit ()));
  g_assert_null (kiosk_home_page_get_field (home_page (), "name"));
  /* the registry was told */
  g_assert_true (kiosk_test_wait_for (session_gone, token, 10000));
}

/* A person looking for their phone for the code keeps the page past the
 * kiosk's idle timeout while the code is valid (plus 30 s), and the header
 * says why. */
static void
test_pending_code_holds_page (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);
  g_autofree char *number = resident_number (1);
  g_autofree char *phone = phone_number (1);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_LOGIN);
  const char *time_text;

  back_to_start ();
  open_page (KIOSK_PAGE_LOGIN);
  ask_for_code (page, number, phone, ANSWER);
  g_assert_cmpstr (kiosk_page_get_idle_note (KIOSK_PAGE (page)), ==, "正在等待短信");
  /* the code lives 90 s: the page holds at least until 30 s after that */
  g_assert_cmpuint (kiosk_page_get_idle_limit (KIOSK_PAGE (page)), >=, 90 + 30);

  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 1);
  kiosk_test_wait_idle_seconds (3);
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_LOGIN));
  g_assert_false (kiosk_idle_monitor_get_counting_down (monitor));
  time_text = gtk_label_get_text (kiosk_page_get_time_label (KIOSK_PAGE (page)));
  g_assert_nonnull (strstr (time_text, "正在等待短信"));
  g_assert_nonnull (strstr (time_text, "秒"));
  back_to_start ();
}

/* ---- the card on the reader ---- */

static gboolean
id_from_card (gpointer page)
{
  return g_strcmp0 (text_of (page, KIOSK_SMS_FIELD_ID_NUMBER), "440305********1236") == 0;
}

static void
test_card_gives_id_number (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path =
      g_build_filename (g_getenv ("DEMO_CARDS_DIR"), "resident-chen-jianguo.json", NULL);
  g_autoptr (GError) registered =
      g_error_new_literal (CORE_API_ERROR, CORE_API_ERROR_ID_ALREADY_REGISTERED, "registered");
  KioskSmsPage *page = sms_page (KIOSK_PAGE_REGISTER);

  back_to_start ();
  open_page (KIOSK_PAGE_REGISTER);
  /* a card placed after "already registered" (of a number typed wrong) is
   * another try: the form is back for it */
  kiosk_sms_page_show_error (page, registered);
  g_assert_false (form_shown (page));
  g_assert_true (idcard_emulated_transport_place_card_file (emulated, path, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_test_wait_for (id_from_card, page, 10000));
  g_assert_true (form_shown (page));
  g_assert_null (kiosk_sms_page_get_problem (page));
  /* kept whole for the registry, shown masked; the phone is next */
  g_assert_true (kiosk_keypad_get_target (KIOSK_KEYPAD (
                     kiosk_test_find_by_type (GTK_WIDGET (page), KIOSK_TYPE_KEYPAD))) ==
                 kiosk_sms_page_get_entry (page, KIOSK_SMS_FIELD_PHONE));
  /* no filing was started: the kiosk stayed on the page */
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_REGISTER));
  for (guint i = 0; i < visited->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (visited, i), !=, "reading");
      g_assert_cmpstr (g_ptr_array_index (visited, i), !=, "card");
    }
  kiosk_test_lift_card (reader, emulated);
}

static gboolean
registry_knows (gpointer path)
{
  g_autoptr (RegistryTestReply) reply =
      registry_test_request (soup, registry, "GET", path, device_token, NULL, 0);
  return reply->status == 200 &&
         g_strcmp0 (registry_test_json_string (reply->json, "state"), "filed") == 0;
}

/* Filed at this kiosk a moment ago, the card still on the reader: Register
 * takes the number from it, and works once the filing reached the registry. */
static void
test_register_after_filing (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path =
      g_build_filename (g_getenv ("DEMO_CARDS_DIR"), "resident-wang-xiuying.json", NULL);
  g_autofree char *phone = phone_number (20);
  KioskSmsPage *page = sms_page (KIOSK_PAGE_REGISTER);

  back_to_start ();
  g_assert_true (idcard_emulated_transport_place_card_file (emulated, path, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_CARD, 10000));
  tap (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_CARD)), "建档");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_FILED, 10000));
  tap (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_FILED)), "注册");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_REGISTER, 5000));
  g_assert_cmpstr (text_of (page, KIOSK_SMS_FIELD_ID_NUMBER), ==, "110101********0024");

  g_assert_true (
      kiosk_test_wait_for (registry_knows, "/v1/persons/resident/110101195803140024/state", 20000));
  kiosk_sms_page_select_field (page, KIOSK_SMS_FIELD_PHONE);
  ask_for_code (page, NULL, phone, ANSWER);
  complete_with_code (page, phone);
  g_assert_cmpstr (kiosk_home_page_get_field (home_page (), "name"), ==, "王秀英");
  tap (GTK_WIDGET (home_page ()), "退出登录");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  kiosk_test_lift_card (reader, emulated);
}

static void
start_kiosk (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("kiosk-sms-XXXXXX", &error);
  g_autofree char *spool_arg = NULL;

  g_assert_no_error (error);
  cluster = registry_test_cluster_start ();
  registry_db = registry_test_cluster_new_database (cluster);
  device_token = registry_test_enroll_device (registry_db, "display-kiosk");
  spool = g_build_filename (folder, "spool", NULL);
  g_assert_cmpint (g_mkdir (spool, 0700), ==, 0);
  clock_file = g_build_filename (folder, "clock", NULL);
  advance_clock (0);
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

  g_test_add_func ("/sms/register", test_register_path);
  g_test_add_func ("/sms/login", test_login_path);
  g_test_add_func ("/sms/error/phone-taken", test_phone_taken);
  g_test_add_func ("/sms/error/id-already-registered", test_id_already_registered);
  g_test_add_func ("/sms/error/changed-phone-exit", test_changed_phone_exit);
  g_test_add_func ("/sms/error/registered-back-to-form", test_registered_back_to_form);
  g_test_add_func ("/sms/error/registered-then-reset", test_registered_then_reset);
  g_test_add_func ("/sms/error/already-enabled", test_already_enabled);
  g_test_add_func ("/sms/error/not-filed", test_not_filed);
  g_test_add_func ("/sms/error/not-registered", test_not_registered);
  g_test_add_func ("/sms/error/captcha-wrong", test_captcha_wrong);
  g_test_add_func ("/sms/error/code-wrong-then-expired", test_code_wrong_then_expired);
  g_test_add_func ("/sms/error/too-frequent", test_too_frequent);
  g_test_add_func ("/sms/error/offline", test_offline);
  g_test_add_func ("/sms/error/one-way-home", test_one_way_home);
  g_test_add_func ("/sms/another-captcha", test_another_captcha);
  g_test_add_func ("/sms/session/idle-reset", test_idle_reset_drops_session);
  g_test_add_func ("/sms/idle/pending-code-holds-page", test_pending_code_holds_page);
  g_test_add_func ("/sms/card-gives-id-number", test_card_gives_id_number);
  g_test_add_func ("/sms/register-after-filing", test_register_after_filing);

  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&soup);
  registry_test_process_stop (registry);
  registry_test_cluster_stop (cluster);
  return status;
}
