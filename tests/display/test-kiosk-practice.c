/* test-kiosk-practice.c: practice information in the real window, against a real
 * registry process on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person filed through the registry's API registers by SMS at the kiosk,
 * then adds an education record by touch (a pick-list, the date picker,
 * text typed through the X server), sees it listed, changes it, meets a
 * change made elsewhere (409), deletes it after confirming; the registry is
 * asked after each step. Registrations and projects are imported with the
 * registry's admin command and shown read-only. An idle reset in the middle
 * of a form leaves nothing of the person on any page.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-basic-info-page-private.h"
#include "kiosk-date-picker.h"
#include "kiosk-display-test.h"
#include "kiosk-home-page-private.h"
#include "kiosk-keyboard-dock.h"
#include "kiosk-keypad.h"
#include "kiosk-pick-list.h"
#include "kiosk-record-detail-page-private.h"
#include "kiosk-record-form-page-private.h"
#include "kiosk-record-list-page-private.h"
#include "kiosk-sms-page-private.h"
#include "registry-test-util.h"
#include "store-dictionaries.h"

#define ANSWER "K7MP"
#define SEQ 7
#define SCHOOL "北京大学"
#define MAJOR "土木工程"
#define CERTIFICATE "100011200905001234"

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
static char *number;
static char *phone;

static KioskVisit *
visit (void)
{
  return kiosk_window_get_visit (window);
}

static KioskHomePage *
home_page (void)
{
  return KIOSK_HOME_PAGE (kiosk_test_page (KIOSK_PAGE_HOME));
}

static KioskRecordListPage *
list_page (void)
{
  return KIOSK_RECORD_LIST_PAGE (kiosk_test_page (KIOSK_PAGE_RECORD_LIST));
}

static KioskRecordFormPage *
form_page (void)
{
  return KIOSK_RECORD_FORM_PAGE (kiosk_test_page (KIOSK_PAGE_RECORD_FORM));
}

/* ---- touching ---- */

static KioskKeyboard *
keyboard (void)
{
  return kiosk_keyboard_dock_get_keyboard (KIOSK_KEYBOARD_DOCK (
      kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK)));
}

static gboolean
keyboard_on (gpointer editable)
{
  return gtk_widget_get_mapped (GTK_WIDGET (keyboard ())) &&
         kiosk_keyboard_get_attached (keyboard ()) == editable &&
         input_pinyin_engine_get_state (kiosk_keyboard_get_pinyin_engine (keyboard ())) ==
             INPUT_ENGINE_STATE_READY;
}

static gboolean
letters_are (gpointer letters)
{
  return g_strcmp0 (
             input_pinyin_engine_get_letters (kiosk_keyboard_get_pinyin_engine (keyboard ())),
             letters) == 0;
}

static gboolean
has_candidate (gpointer text)
{
  g_auto (GStrv) candidates = kiosk_keyboard_dup_candidates (keyboard ());

  return g_strv_contains ((const char *const *) candidates, text);
}

typedef struct
{
  GtkEditable *editable;
  const char *text;
} TextWanted;

static gboolean
text_is (gpointer data)
{
  TextWanted *wanted = data;

  return g_strcmp0 (gtk_editable_get_text (wanted->editable), wanted->text) == 0;
}

/* Writes @phrase into @editable by touch, as a person does: the field, the
 * pinyin keys of @letters one by one, then the phrase among the candidates. */
static void
write_on_keyboard (GtkWidget *editable, const char *letters, const char *phrase)
{
  g_autofree char *expected =
      g_strconcat (gtk_editable_get_text (GTK_EDITABLE (editable)), phrase, NULL);
  g_autofree char *typed = g_strdup ("");

  gtk_widget_grab_focus (editable);
  g_assert_true (kiosk_test_wait_for (keyboard_on, editable, 20000));
  for (const char *p = letters; *p != '\0'; p++)
    {
      char label[2] = { *p, '\0' };
      g_autofree char *more = g_strconcat (typed, label, NULL);

      kiosk_test_tap (GTK_WIDGET (keyboard ()), label);
      g_assert_true (kiosk_test_wait_for (letters_are, more, 5000));
      g_free (typed);
      typed = g_steal_pointer (&more);
    }
  g_assert_true (kiosk_test_wait_for (has_candidate, (gpointer) phrase, 5000));
  kiosk_test_tap (GTK_WIDGET (keyboard ()), phrase);
  g_assert_true (
      kiosk_test_wait_for (text_is, &(TextWanted){ GTK_EDITABLE (editable), expected }, 5000));
}

/* whether @editable (or the text inside it) has the focus */
static gboolean
focused (gpointer editable)
{
  return gtk_widget_has_focus (editable) ||
         gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (editable)), editable);
}

/* Types @text into @editable as the on-screen keyboard does: inserted at
 * the cursor of the field that has the focus. (xdotool cannot type Chinese
 * into an X server without an input method.) */
static void
type_text (GtkWidget *editable, const char *text)
{
  g_autofree char *expected = NULL;
  int position;

  gtk_widget_grab_focus (editable);
  g_assert_true (kiosk_test_wait_for (focused, editable, 5000));
  expected = g_strconcat (gtk_editable_get_text (GTK_EDITABLE (editable)), text, NULL);
  position = gtk_editable_get_position (GTK_EDITABLE (editable));
  gtk_editable_insert_text (GTK_EDITABLE (editable), text, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (editable), position);
  g_assert_true (
      kiosk_test_wait_for (text_is, &(TextWanted){ GTK_EDITABLE (editable), expected }, 5000));
}

static void
erase_text (GtkWidget *editable)
{
  gtk_widget_grab_focus (editable);
  g_assert_true (kiosk_test_wait_for (focused, editable, 5000));
  kiosk_test_xdotool ("key --delay 20 ctrl+a BackSpace");
  g_assert_true (
      kiosk_test_wait_for (text_is, &(TextWanted){ GTK_EDITABLE (editable), "" }, 10000));
}

static gboolean
on_screen (gpointer widget)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) ||
      !gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds))
    return FALSE;
  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (GTK_WIDGET (window));
}

/* Brings @widget into the part of a scrolling page that is on screen, as a
 * person scrolls to a field before tapping it: its focus scrolls the page. */
static void
show_on_screen (GtkWidget *widget)
{
  gtk_widget_grab_focus (widget);
  g_assert_true (kiosk_test_wait_for (on_screen, widget, 5000));
}

/* Picks @year-@month-@day: year steps of ten and one, the month, then its day. */
static void
pick_date (KioskDatePicker *picker, guint year, guint month, guint day)
{
  GtkWidget *month_button = kiosk_date_picker_get_month_button (picker, month);
  GtkWidget *day_button = kiosk_date_picker_get_day_button (picker, day);

  show_on_screen (gtk_widget_get_first_child (GTK_WIDGET (picker)));
  kiosk_date_picker_open (picker);
  /* the panel opens on the year and months; a month shows its days */
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, month_button, 5000));
  while (kiosk_date_picker_get_shown_year (picker) >= year + 10)
    kiosk_test_tap_widget (kiosk_date_picker_get_year_step_button (picker, -10));
  while (kiosk_date_picker_get_shown_year (picker) > year)
    kiosk_test_tap_widget (kiosk_date_picker_get_year_step_button (picker, -1));
  while (kiosk_date_picker_get_shown_year (picker) < year)
    kiosk_test_tap_widget (kiosk_date_picker_get_year_step_button (picker, 1));
  kiosk_test_tap_widget (month_button);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, day_button, 5000));
  kiosk_test_tap_widget (day_button);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, day_button, 5000));
}

/* ---- logging in by SMS ---- */

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

static void
keys (KioskSmsPage *page, GType type, const char *action, const char *text)
{
  GtkWidget *keypad = kiosk_test_find_by_type (GTK_WIDGET (page), type);

  g_assert_nonnull (keypad);
  for (const char *p = text; *p != '\0'; p++)
    {
      char key[2] = { *p, '\0' };
      g_assert_true (gtk_widget_activate_action (keypad, action, "s", key));
    }
}

/* Registers the filed person by SMS at the kiosk: the practice home shows. */
static void
register_by_sms (void)
{
  KioskSmsPage *page = KIOSK_SMS_PAGE (kiosk_test_page (KIOSK_PAGE_REGISTER));
  g_autofree char *code = NULL;

  kiosk_test_tap (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_ATTRACT)), "注册");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_REGISTER, 5000));
  g_assert_true (kiosk_test_wait_for (captcha_ready, page, 10000));
  kiosk_sms_page_select_field (page, KIOSK_SMS_FIELD_ID_NUMBER);
  keys (page, KIOSK_TYPE_KEYPAD, "keypad.insert", number);
  keys (page, KIOSK_TYPE_KEYPAD, "keypad.insert", phone);
  keys (page, KIOSK_TYPE_KEYPAD, "keypad.insert", ANSWER);
  kiosk_test_tap (GTK_WIDGET (page), "获取短信验证码");
  g_assert_true (kiosk_test_wait_for (idle_page, page, 10000));
  code = registry_test_spool_take_code (spool, phone);
  g_assert_nonnull (code);
  keys (page, KIOSK_TYPE_KEYPAD, "keypad.insert", code);
  kiosk_test_tap (GTK_WIDGET (page), "注册");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_HOME, 10000));
}

/* Moves the registry's clock on, past the SMS codes' cool-down. */
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
log_in_again (void)
{
  KioskSmsPage *page = KIOSK_SMS_PAGE (kiosk_test_page (KIOSK_PAGE_LOGIN));
  g_autofree char *code = NULL;

  if (kiosk_visit_get_logged_in (visit ()))
    return;
  kiosk_flow_reset (kiosk_test_flow ());
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  /* a code was sent a moment ago: the next may go once the cool-down is over */
  advance_clock (120);
  kiosk_test_tap (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_ATTRACT)), "登录");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_LOGIN, 5000));
  g_assert_true (kiosk_test_wait_for (captcha_ready, page, 10000));
  kiosk_sms_page_select_field (page, KIOSK_SMS_FIELD_ID_NUMBER);
  keys (page, KIOSK_TYPE_KEYPAD, "keypad.insert", number);
  keys (page, KIOSK_TYPE_KEYPAD, "keypad.insert", phone);
  keys (page, KIOSK_TYPE_KEYPAD, "keypad.insert", ANSWER);
  kiosk_test_tap (GTK_WIDGET (page), "获取短信验证码");
  g_assert_true (kiosk_test_wait_for (idle_page, page, 10000));
  code = registry_test_spool_take_code (spool, phone);
  g_assert_nonnull (code);
  keys (page, KIOSK_TYPE_KEYPAD, "keypad.insert", code);
  kiosk_test_tap (GTK_WIDGET (page), "登录");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_HOME, 10000));
}

/* ---- asking the registry ---- */

static JsonArray *
registry_records (const char *kind)
{
  g_autofree char *path = g_strdup_printf ("/v1/me/%s", kind);
  g_autoptr (RegistryTestReply) reply = registry_test_request_session (
      soup, registry, "GET", path, device_token, kiosk_visit_get_session_token (visit ()), NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return json_array_ref (
      json_object_get_array_member (json_node_get_object (reply->json), "records"));
}

static const char *
member (JsonArray *records, guint index, const char *name)
{
  return json_object_get_string_member_with_default (json_array_get_object_element (records, index),
                                                     name, NULL);
}

/* ---- waiting for pages ---- */

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

static gboolean
count_shown (gpointer kind)
{
  return kiosk_home_page_get_count (home_page (), kind) != NULL;
}

static void
open_section (const char *kind)
{
  if (!kiosk_test_showing (KIOSK_PAGE_HOME))
    {
      kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_HOME, NULL);
      g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_HOME, 5000));
    }
  g_assert_true (kiosk_test_wait_for (count_shown, (gpointer) kind, 10000));
  kiosk_test_tap_widget (kiosk_home_page_get_tile (home_page (), kind));
  g_assert_true (kiosk_test_wait_for (list_loaded, (gpointer) kind, 10000));
}

static GtkWidget *
editor (const char *field)
{
  GtkWidget *widget = kiosk_record_form_page_get_editor (form_page (), field);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
save_enabled (void)
{
  return gtk_widget_is_sensitive (kiosk_record_form_page_get_save_button (form_page ()));
}

static gboolean
form_valid (void)
{
  return kiosk_record_form_page_get_valid (form_page ());
}

/* Whether the window's focus is in @widget (an entry's text, say). */
static gboolean
focus_in (gpointer widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* How many of the form's fields show a problem. */
static guint
count_problems (void)
{
  const CoreRecordKind *kind =
      core_record_kind_lookup (kiosk_record_form_page_get_kind (form_page ()));
  guint n = 0;

  for (guint i = 0; i < kind->n_fields; i++)
    n += kiosk_record_form_page_get_problem (form_page (), kind->fields[i].name) != NULL;
  return n;
}

/* ---- the paths ---- */

/* Log in by SMS; add an education record by touch. Nothing is red before
 * the person gets to a field; a field left empty says it is required; Save
 * tapped too early saves nothing, says beside it how many fields are left,
 * marks each and takes the person to the first; the count follows the
 * filling in and goes once all is valid; the record is listed and at the
 * registry. */
static void
test_add (void)
{
  g_autoptr (JsonArray) records = NULL;
  const char *required[] = { "school", "major", "level", "graduated_on", "certificate_number" };

  register_by_sms ();
  g_assert_true (kiosk_test_wait_for (count_shown, "education", 10000));
  g_assert_cmpstr (kiosk_home_page_get_count (home_page (), "education"), ==, "0 条记录");
  g_assert_cmpstr (kiosk_home_page_get_count (home_page (), "registrations"), ==, "1 条记录");

  open_section ("education");
  g_assert_cmpuint (kiosk_record_list_page_get_n_records (list_page ()), ==, 0);
  /* an empty section says so, by its name, and how to fill it */
  g_assert_cmpstr (kiosk_record_list_page_get_status (list_page ()), ==,
                   "还没有“学历”记录，点“添加”填写。");
  kiosk_test_tap (GTK_WIDGET (list_page ()), "添加");
  g_assert_true (kiosk_test_wait_for (form_ready, NULL, 10000));

  /* its title once, in the frame's header */
  g_assert_cmpuint (kiosk_test_count_labels (GTK_WIDGET (window),
                                             kiosk_page_get_title (KIOSK_PAGE (form_page ()))),
                    ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_true (kiosk_record_form_page_get_marked_required (form_page (), required[i]));
  g_assert_false (kiosk_record_form_page_get_marked_required (form_page (), "study_form"));
  g_assert_true (kiosk_record_form_page_get_attachments_shown (form_page ()));

  /* nothing red before the person got anywhere; Save may be tapped */
  g_assert_cmpuint (count_problems (), ==, 0);
  g_assert_null (kiosk_record_form_page_get_summary (form_page ()));
  g_assert_false (form_valid ());
  g_assert_true (save_enabled ());

  /* a field tapped and left empty is required, and only that one */
  gtk_widget_grab_focus (editor ("major"));
  g_assert_true (kiosk_test_wait_for (focus_in, editor ("major"), 5000));
  gtk_widget_grab_focus (editor ("duration"));
  g_assert_true (kiosk_test_wait_for (focus_in, editor ("duration"), 5000));
  g_assert_cmpstr (kiosk_record_form_page_get_problem (form_page (), "major"), ==, "必填");
  g_assert_cmpuint (count_problems (), ==, 1);
  g_assert_null (kiosk_record_form_page_get_summary (form_page ()));

  /* Save now: nothing saved, the count beside it, every field left marked,
   * the first of them in hand */
  kiosk_test_tap_widget (kiosk_record_form_page_get_save_button (form_page ()));
  g_assert_true (form_ready (NULL));
  g_assert_cmpstr (kiosk_record_form_page_get_summary (form_page ()), ==, "还有5项需要填写");
  g_assert_true (gtk_widget_get_mapped (kiosk_record_form_page_get_save_button (form_page ())));
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_cmpstr (kiosk_record_form_page_get_problem (form_page (), required[i]), ==, "必填");
  g_assert_cmpuint (count_problems (), ==, G_N_ELEMENTS (required));
  g_assert_true (kiosk_test_wait_for (focus_in, editor ("school"), 5000));
  g_assert_true (kiosk_test_wait_for (keyboard_on, editor ("school"), 10000));

  write_on_keyboard (editor ("school"), "beijingdaxue", SCHOOL);
  g_assert_cmpstr (kiosk_record_form_page_get_summary (form_page ()), ==, "还有4项需要填写");
  kiosk_test_pick (KIOSK_PICK_LIST (editor ("level")), "大学本科");
  pick_date (KIOSK_DATE_PICKER (editor ("graduated_on")), 2009, 6, 30);
  g_assert_cmpstr (kiosk_date_picker_get_value (KIOSK_DATE_PICKER (editor ("graduated_on"))), ==,
                   "2009-06-30");
  write_on_keyboard (editor ("major"), "tumugongcheng", MAJOR);
  g_assert_cmpstr (kiosk_record_form_page_get_summary (form_page ()), ==, "还有1项需要填写");
  g_assert_false (form_valid ());

  /* a bachelor's diploma of 2009 has an 18-digit number: the problem is shown beside it */
  type_text (editor ("certificate_number"), "12345");
  g_assert_nonnull (kiosk_record_form_page_get_problem (form_page (), "certificate_number"));
  g_assert_null (kiosk_record_form_page_get_problem (form_page (), "school"));
  g_assert_cmpstr (kiosk_record_form_page_get_summary (form_page ()), ==, "还有1项需要填写或改正");
  g_assert_false (form_valid ());
  /* and an enrolment after graduation breaks the order of the dates */
  pick_date (KIOSK_DATE_PICKER (editor ("enrolled_on")), 2010, 9, 1);
  g_assert_nonnull (kiosk_record_form_page_get_problem (form_page (), "graduated_on"));
  pick_date (KIOSK_DATE_PICKER (editor ("enrolled_on")), 2005, 9, 1);
  g_assert_null (kiosk_record_form_page_get_problem (form_page (), "graduated_on"));

  erase_text (editor ("certificate_number"));
  g_assert_false (form_valid ());
  type_text (editor ("certificate_number"), CERTIFICATE);
  g_assert_null (kiosk_record_form_page_get_problem (form_page (), "certificate_number"));
  g_assert_true (form_valid ());
  /* all there: the count is gone */
  g_assert_null (kiosk_record_form_page_get_summary (form_page ()));
  g_assert_cmpuint (count_problems (), ==, 0);
  g_assert_true (save_enabled ());

  kiosk_test_tap_widget (kiosk_record_form_page_get_save_button (form_page ()));
  g_assert_true (kiosk_test_wait_for (list_loaded, "education", 10000));
  g_assert_cmpuint (kiosk_record_list_page_get_n_records (list_page ()), ==, 1);
  g_assert_cmpstr (kiosk_record_list_page_get_row_text (list_page (), 0), ==,
                   SCHOOL " · " MAJOR " · 大学本科 · 2009-06-30");

  records = registry_records ("education");
  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  g_assert_cmpstr (member (records, 0, "school"), ==, SCHOOL);
  g_assert_cmpstr (member (records, 0, "level"), ==, "21");
  g_assert_cmpstr (member (records, 0, "graduated_on"), ==, "2009-06-30");
  g_assert_cmpstr (member (records, 0, "enrolled_on"), ==, "2005-09-01");
  g_assert_cmpstr (member (records, 0, "certificate_number"), ==, CERTIFICATE);
}

/* Edit: the same form, pre-filled; the change reaches the registry. */
static void
test_edit (void)
{
  g_autoptr (JsonArray) records = NULL;

  log_in_again ();
  open_section ("education");
  kiosk_test_tap_widget (kiosk_record_list_page_get_row_button (list_page (), 0, "修改"));
  g_assert_true (kiosk_test_wait_for (form_ready, NULL, 10000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor ("school"))), ==, SCHOOL);
  g_assert_cmpstr (kiosk_pick_list_get_code (KIOSK_PICK_LIST (editor ("level"))), ==, "21");
  g_assert_true (save_enabled ());
  g_assert_true (form_valid ());

  erase_text (editor ("major"));
  g_assert_false (form_valid ());
  g_assert_nonnull (kiosk_record_form_page_get_problem (form_page (), "major"));
  type_text (editor ("major"), "工程管理");
  g_assert_true (form_valid ());
  kiosk_test_tap_widget (kiosk_record_form_page_get_save_button (form_page ()));
  g_assert_true (kiosk_test_wait_for (list_loaded, "education", 10000));
  g_assert_cmpstr (kiosk_record_list_page_get_row_text (list_page (), 0), ==,
                   SCHOOL " · 工程管理 · 大学本科 · 2009-06-30");

  records = registry_records ("education");
  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  g_assert_cmpstr (member (records, 0, "major"), ==, "工程管理");
  g_assert_cmpint (
      json_object_get_int_member (json_array_get_object_element (records, 0), "version"), ==, 2);
}

typedef struct
{
  GtkWidget *closed;
  GtkWidget *opened;
} Handover;

static gboolean
handed_over (gpointer data)
{
  Handover *handover = data;

  return !gtk_widget_get_mapped (handover->closed) && gtk_widget_get_mapped (handover->opened);
}

/* A long list stays open on taps outside it (its search is typed on keys
 * outside it), but not under another: a date or another list opened
 * beside it (as their buttons' taps do) closes it. */
static void
test_one_list_at_a_time (void)
{
  KioskPickList *trade;
  KioskPickList *type;
  GtkWidget *month;
  GtkWidget *trades;

  log_in_again ();
  open_section ("trainings");
  kiosk_test_tap (GTK_WIDGET (list_page ()), "添加");
  g_assert_true (kiosk_test_wait_for (form_ready, NULL, 10000));
  trade = KIOSK_PICK_LIST (editor ("trade"));
  type = KIOSK_PICK_LIST (editor ("certificate_type"));
  /* a date picker opens on its months */
  month = kiosk_date_picker_get_month_button (KIOSK_DATE_PICKER (editor ("valid_until")), 1);
  trades = kiosk_test_pick_list_popover (trade);

  kiosk_pick_list_open (trade);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, trades, 5000));
  kiosk_date_picker_open (KIOSK_DATE_PICKER (editor ("valid_until")));
  g_assert_true (kiosk_test_wait_for (handed_over, &(Handover){ trades, month }, 5000));
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (month, GTK_TYPE_POPOVER)));
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, month, 5000));

  kiosk_pick_list_open (trade);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, trades, 5000));
  kiosk_pick_list_open (type);
  g_assert_true (kiosk_test_wait_for (
      handed_over, &(Handover){ trades, kiosk_pick_list_find_row (type, "职业技能等级证书") },
      5000));
  kiosk_test_pick (type, "职业技能等级证书");
  g_assert_false (gtk_widget_get_mapped (trades));
}

static gboolean
notice_shown (gpointer unused)
{
  return kiosk_record_form_page_get_notice (form_page ()) != NULL &&
         kiosk_record_form_page_get_ready (form_page ());
}

/* Changed elsewhere while the form is open: Save reloads the record as it
 * is now and says so; nothing is overwritten; saving again works. */
static void
test_conflict (void)
{
  g_autoptr (JsonArray) records = NULL;
  g_autoptr (JsonArray) after = NULL;
  gint64 id;

  log_in_again ();
  open_section ("education");
  kiosk_test_tap_widget (kiosk_record_list_page_get_row_button (list_page (), 0, "修改"));
  g_assert_true (kiosk_test_wait_for (form_ready, NULL, 10000));

  records = registry_records ("education");
  id = json_object_get_int_member (json_array_get_object_element (records, 0), "id");
  {
    g_autofree char *path = g_strdup_printf ("/v1/me/education/%" G_GINT64_FORMAT, id);
    g_autoptr (RegistryTestReply) reply = registry_test_request_session (
        soup, registry, "PUT", path, device_token, kiosk_visit_get_session_token (visit ()),
        "{\"version\": 2, \"school\": \"清华大学\", \"major\": \"建筑学\", \"level\": "
        "\"21\", \"graduated_on\": \"2009-06-30\", \"certificate_number\": \"" CERTIFICATE "\"}");
    g_assert_cmpuint (reply->status, ==, 200);
  }

  erase_text (editor ("school"));
  type_text (editor ("school"), "浙江大学");
  kiosk_test_tap_widget (kiosk_record_form_page_get_save_button (form_page ()));
  g_assert_true (kiosk_test_wait_for (notice_shown, NULL, 10000));
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_RECORD_FORM));
  g_assert_true (g_str_has_prefix (kiosk_record_form_page_get_notice (form_page ()),
                                   "您编辑期间此记录已在别处被修改"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor ("school"))), ==, "清华大学");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor ("major"))), ==, "建筑学");
  after = registry_records ("education");
  g_assert_cmpstr (member (after, 0, "school"), ==, "清华大学");

  /* the record as it is now saves */
  type_text (editor ("major"), "与城乡规划");
  kiosk_test_tap_widget (kiosk_record_form_page_get_save_button (form_page ()));
  g_assert_true (kiosk_test_wait_for (list_loaded, "education", 10000));
  g_clear_pointer (&after, json_array_unref);
  after = registry_records ("education");
  g_assert_cmpstr (member (after, 0, "major"), ==, "建筑学与城乡规划");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (after, 0), "version"),
                   ==, 4);
}

static gboolean
list_emptied (gpointer unused)
{
  return list_loaded ("education") && kiosk_record_list_page_get_n_records (list_page ()) == 0;
}

/* Delete asks first: "Keep it" keeps it, "Delete" deletes it at the registry. */
static void
test_delete (void)
{
  g_autoptr (JsonArray) kept = NULL;
  g_autoptr (JsonArray) gone = NULL;

  log_in_again ();
  open_section ("education");
  g_assert_cmpuint (kiosk_record_list_page_get_n_records (list_page ()), ==, 1);
  kiosk_test_tap_widget (kiosk_record_list_page_get_row_button (list_page (), 0, "删除"));
  g_assert_true (kiosk_record_list_page_get_asking (list_page ()));
  kiosk_test_tap (kiosk_record_list_page_get_question (list_page ()), "保留");
  g_assert_false (kiosk_record_list_page_get_asking (list_page ()));
  kept = registry_records ("education");
  g_assert_cmpuint (json_array_get_length (kept), ==, 1);

  kiosk_test_tap_widget (kiosk_record_list_page_get_row_button (list_page (), 0, "删除"));
  g_assert_true (kiosk_record_list_page_get_asking (list_page ()));
  kiosk_test_tap (kiosk_record_list_page_get_question (list_page ()), "删除");
  g_assert_true (kiosk_test_wait_for (list_emptied, NULL, 10000));
  g_assert_false (kiosk_record_list_page_get_asking (list_page ()));
  g_assert_cmpuint (kiosk_record_list_page_get_n_records (list_page ()), ==, 0);
  gone = registry_records ("education");
  g_assert_cmpuint (json_array_get_length (gone), ==, 0);
}

static gboolean
basic_info_shown (gpointer page)
{
  return kiosk_basic_info_page_get_field (page, "name") != NULL;
}

/* The imported sections: listed with their key fields, details read-only,
 * nothing to add or change. */
static void
test_read_only (void)
{
  KioskRecordDetailPage *detail =
      KIOSK_RECORD_DETAIL_PAGE (kiosk_test_page (KIOSK_PAGE_RECORD_DETAIL));

  log_in_again ();
  open_section ("registrations");
  g_assert_cmpuint (kiosk_record_list_page_get_n_records (list_page ()), ==, 1);
  g_assert_null (kiosk_test_find_button (GTK_WIDGET (list_page ()), "添加"));
  g_assert_null (kiosk_record_list_page_get_row_button (list_page (), 0, "修改"));
  g_assert_nonnull (
      strstr (kiosk_record_list_page_get_row_text (list_page (), 0), "一级注册建造师"));
  kiosk_test_tap_widget (kiosk_record_list_page_get_row_button (list_page (), 0, "详情"));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_RECORD_DETAIL, 5000));
  g_assert_cmpstr (kiosk_record_detail_page_get_value (detail, "certificate_number"), ==,
                   "京111060800001");
  /* no scans are kept with a registration: the page says so, not nothing */
  {
    g_autofree char *notes = kiosk_record_detail_page_get_notes (detail);

    g_assert_cmpstr (notes, ==, "无附件：本栏目的记录不保存扫描件。");
  }
  g_assert_cmpstr (kiosk_record_detail_page_get_value (detail, "specialties"), ==,
                   "建筑工程 · 2020-01-01 · 2026-01-01");
  /* the frame's Back goes to the list of the detail's kind, whatever the
   * list page showed last */
  g_object_set (list_page (), "kind", "projects", NULL);
  kiosk_test_tap_widget (kiosk_page_get_back_button (KIOSK_PAGE (detail)));
  g_assert_true (kiosk_test_wait_for (list_loaded, "registrations", 10000));

  open_section ("projects");
  g_assert_cmpuint (kiosk_record_list_page_get_n_records (list_page ()), ==, 1);
  g_assert_nonnull (strstr (kiosk_record_list_page_get_row_text (list_page (), 0), "某大厦"));
  kiosk_test_tap_widget (kiosk_record_list_page_get_row_button (list_page (), 0, "详情"));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_RECORD_DETAIL, 5000));
  g_assert_cmpstr (kiosk_record_detail_page_get_value (detail, "role"), ==, "项目负责人");

  /* basic information from the registry, masked */
  kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_HOME, NULL);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_HOME, 5000));
  kiosk_test_tap (GTK_WIDGET (home_page ()), "基本信息");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_BASIC_INFO, 5000));
  {
    KioskBasicInfoPage *basic = KIOSK_BASIC_INFO_PAGE (kiosk_test_page (KIOSK_PAGE_BASIC_INFO));
    g_autofree char *masked = g_strdup_printf ("%.6s********%s", number, number + 14);

    g_assert_true (kiosk_test_wait_for (basic_info_shown, basic, 10000));
    g_assert_cmpstr (kiosk_basic_info_page_get_field (basic, "name"), ==, "赵六");
    g_assert_cmpstr (kiosk_basic_info_page_get_field (basic, "doc_number"), ==, masked);
    /* the registry keeps the card's word (汉); the page names the group */
    g_assert_cmpstr (kiosk_basic_info_page_get_field (basic, "nation"), ==, "汉族");
  }
}

static gboolean
basic_info_failed (gpointer page)
{
  return gtk_widget_get_visible (kiosk_basic_info_page_get_retry_button (page));
}

/* The registry does not answer the basic information: the page says what
 * the person can do, offers Retry with no "all is well" of the sync line
 * beside it, and Retry asks again once the registry is back. */
static void
test_basic_info_retry (void)
{
  KioskBasicInfoPage *basic = KIOSK_BASIC_INFO_PAGE (kiosk_test_page (KIOSK_PAGE_BASIC_INFO));
  g_autofree char *listen = NULL;
  g_autofree char *spool_arg = g_strconcat ("spool:", spool, NULL);

  log_in_again ();
  listen = g_strdup_printf ("127.0.0.1:%u", registry->port);
  registry_test_process_stop (registry);
  registry = NULL;
  /* the page asks when it is shown: from elsewhere, as a person comes */
  kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_HOME, NULL);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_HOME, 5000));
  kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_BASIC_INFO, NULL);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_BASIC_INFO, 5000));
  if (!kiosk_test_wait_for (basic_info_failed, basic, 20000))
    g_error ("no Retry; the page says: %s", kiosk_basic_info_page_get_status (basic));
  g_assert_cmpstr (kiosk_basic_info_page_get_status (basic), ==,
                   "暂时无法读取您的基本信息。请点“重试”或稍后重试，或到窗口办理。");
  g_assert_true (kiosk_test_is_mapped (kiosk_basic_info_page_get_retry_button (basic)));
  g_assert_false (kiosk_page_get_sync_line_visible (KIOSK_PAGE (basic)));
  g_assert_null (kiosk_basic_info_page_get_field (basic, "name"));

  /* back where the kiosk knows it */
  {
    const char *args[] = { "--sms",
                           spool_arg,
                           "--test-captcha-answer",
                           ANSWER,
                           "--test-clock-file",
                           clock_file,
                           "--listen",
                           listen,
                           NULL };
    registry = registry_test_process_start (cluster, registry_db, args);
  }
  kiosk_test_tap_widget (kiosk_basic_info_page_get_retry_button (basic));
  g_assert_true (kiosk_test_wait_for (basic_info_shown, basic, 20000));
  g_assert_cmpstr (kiosk_basic_info_page_get_field (basic, "name"), ==, "赵六");
  g_assert_null (kiosk_basic_info_page_get_status (basic));
  g_assert_false (gtk_widget_get_visible (kiosk_basic_info_page_get_retry_button (basic)));
  g_assert_true (kiosk_page_get_sync_line_visible (KIOSK_PAGE (basic)));
}

/* Nothing of the person in any widget of any page: no entry, label,
 * button or row naming them or their record. */
static void
assert_no_trace (GtkWidget *widget, const char *const *traces)
{
  const char *text = NULL;

  if (GTK_IS_EDITABLE (widget))
    text = gtk_editable_get_text (GTK_EDITABLE (widget));
  else if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_MENU_BUTTON (widget))
    text = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
  for (guint i = 0; text != NULL && traces[i] != NULL; i++)
    if (strstr (text, traces[i]) != NULL)
      g_error ("%s still shows %s after the reset", G_OBJECT_TYPE_NAME (widget), traces[i]);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_no_trace (child, traces);
  /* the panels of pickers are not children in the widget tree's walk order */
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)))
    assert_no_trace (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget))), traces);
}

/* The idle reset in the middle of a form ends the session and leaves
 * nothing on any page. */
/* Opens a section's form and half fills it, with a read-only section seen
 * before: what the next checks look for once the visit is over. */
static void
leave_traces (void)
{
  log_in_again ();
  open_section ("registrations");
  open_section ("education");
  kiosk_test_tap (GTK_WIDGET (list_page ()), "添加");
  g_assert_true (kiosk_test_wait_for (form_ready, NULL, 10000));
  type_text (editor ("school"), SCHOOL);
  kiosk_test_pick (KIOSK_PICK_LIST (editor ("level")), "大学本科");
  pick_date (KIOSK_DATE_PICKER (editor ("graduated_on")), 2011, 7, 1);
}

static void
assert_visit_gone (void)
{
  const char *traces[] = { "赵六", SCHOOL, "大学本科", "2011-07-01", "一级注册建造师", NULL };

  g_assert_false (kiosk_visit_get_logged_in (visit ()));
  g_assert_cmpuint (kiosk_record_form_page_get_n_fields (form_page ()), ==, 0);
  g_assert_cmpuint (kiosk_record_list_page_get_n_records (list_page ()), ==, 0);
  g_assert_null (kiosk_home_page_get_field (home_page (), "name"));
  assert_no_trace (GTK_WIDGET (window), traces);
  for (guint id = 0; id < KIOSK_N_PAGES; id++)
    assert_no_trace (GTK_WIDGET (kiosk_test_page (id)), traces);
}

/* The idle reset in the middle of a form ends the visit on every page. */
static void
test_idle_reset_mid_form (void)
{
  KioskIdleMonitor *monitor = kiosk_window_get_idle_monitor (window);

  leave_traces ();
  kiosk_idle_monitor_set_timeout (monitor, 1);
  kiosk_idle_monitor_set_countdown (monitor, 1);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 10000));
  kiosk_idle_monitor_set_timeout (monitor, 60);
  kiosk_idle_monitor_set_countdown (monitor, 10);
  assert_visit_gone ();
}

/* So does logging out from the practitioner's home, though the pages left
 * behind are not shown again: assistive technology could still read them. */
static void
test_logout_mid_form (void)
{
  leave_traces ();
  kiosk_page_go_back (kiosk_test_page (KIOSK_PAGE_RECORD_FORM));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_RECORD_LIST, 5000));
  kiosk_page_go_back (kiosk_test_page (KIOSK_PAGE_RECORD_LIST));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_HOME, 5000));
  kiosk_test_tap (GTK_WIDGET (home_page ()), "退出登录");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  assert_visit_gone ();
}

/* ---- the registry and the kiosk ---- */

static gboolean
dictionaries_kept (gpointer version)
{
  StoreDatabase *store = kiosk_services_get_store (kiosk_application_get_services (app));
  g_autofree char *kept = store_dictionaries_get_version (store, NULL);

  return g_strcmp0 (kept, version) == 0;
}

static void
refreshed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
answered (gpointer result)
{
  return *(GAsyncResult **) result != NULL;
}

/* The pick-lists a login fetched are kept in the store, and the next run
 * starts from them even when the registry cannot be reached. */
static void
test_dictionaries_kept (void)
{
  g_autoptr (RegistryTestReply) reply = NULL;
  const char *version;
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncClient) unreachable = NULL;
  g_autoptr (SyncRegistry) registry_unreachable = NULL;
  g_autoptr (KioskServices) next_run = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  CoreDictionarySet *lists;

  /* logged in since the first section: the home page fetched the lists */
  g_assert_true (kiosk_visit_get_logged_in (visit ()));
  reply = registry_test_request_session (soup, registry, "GET", "/v1/dictionaries", device_token,
                                         kiosk_visit_get_session_token (visit ()), NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  version = json_object_get_string_member (json_node_get_object (reply->json), "version");
  g_assert_true (kiosk_test_wait_for (dictionaries_kept, (gpointer) version, 10000));

  /* port 1 on loopback: nothing answers */
  unreachable = sync_client_new ("http://127.0.0.1:1/", device_token, NULL, &error);
  g_assert_no_error (error);
  registry_unreachable = sync_registry_new (unreachable);
  next_run = g_object_new (KIOSK_TYPE_SERVICES, "store",
                           kiosk_services_get_store (kiosk_application_get_services (app)),
                           "registry", registry_unreachable, NULL);
  g_assert_null (kiosk_services_get_dictionaries (next_run));
  kiosk_services_refresh_dictionaries_async (next_run, "a-session", NULL, refreshed_cb, &result);
  g_assert_true (kiosk_test_wait_for (answered, &result, 30000));
  g_assert_false (kiosk_services_refresh_dictionaries_finish (next_run, result, &error));
  g_assert_nonnull (error);
  lists = kiosk_services_get_dictionaries (next_run);
  g_assert_nonnull (lists);
  g_assert_cmpstr (core_dictionary_set_get_version (lists), ==, version);
}

static void
import (const char *kind, const char *json)
{
  g_autofree char *path =
      g_build_filename (registry_test_cluster_get_dir (cluster), "import.json", NULL);
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  g_assert_cmpint (registry_test_run_cli (registry_db,
                                          (const char *[]){ "admin", "import", kind, path, NULL },
                                          NULL, NULL, &err),
                   ==, 0);
}

static void
start_kiosk (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("kiosk-practice-XXXXXX", &error);
  g_autofree char *spool_arg = NULL;
  g_autoptr (CoreFiling) filing = NULL;
  g_autoptr (RegistryTestReply) reply = NULL;
  g_autofree char *registrations = NULL;
  g_autofree char *projects = NULL;

  g_assert_no_error (error);
  cluster = registry_test_cluster_start ();
  registry_db = registry_test_cluster_new_database (cluster);
  device_token = registry_test_enroll_device (registry_db, "display-kiosk");
  spool = g_build_filename (folder, "spool", NULL);
  g_assert_cmpint (g_mkdir (spool, 0700), ==, 0);
  spool_arg = g_strconcat ("spool:", spool, NULL);
  clock_file = g_build_filename (folder, "clock", NULL);
  advance_clock (0);
  {
    const char *args[] = { "--sms", spool_arg,           "--test-captcha-answer",
                           ANSWER,  "--test-clock-file", clock_file,
                           NULL };
    registry = registry_test_process_start (cluster, registry_db, args);
  }
  soup = soup_session_new ();

  number = registry_test_resident_number (1985, SEQ);
  phone = g_strdup_printf ("139%08u", SEQ);
  filing = registry_test_card_filing (1985, SEQ, NULL);
  core_filing_set (filing, CORE_FILING_FIELD_NAME, "赵六");
  reply = registry_test_post_filing (soup, registry, device_token, filing);
  g_assert_cmpuint (reply->status, ==, 201);

  registrations = g_strdup_printf (
      "{\"registrations\": [{\"doc_type\": \"resident\", \"doc_number\": \"%s\", \"category\": "
      "\"一级注册建造师\", \"certificate_number\": \"京111060800001\", \"specialties\": "
      "[{\"specialty\": \"建筑工程\", \"valid_from\": \"2020-01-01\", \"valid_until\": "
      "\"2026-01-01\"}]}]}",
      number);
  import ("registrations", registrations);
  projects =
      g_strdup_printf ("{\"projects\": [{\"doc_type\": \"resident\", \"doc_number\": \"%s\", "
                       "\"name\": \"某大厦\", \"role\": \"项目负责人\"}]}",
                       number);
  import ("projects", projects);

  app = kiosk_test_start_enrolled_kiosk (folder, registry->base_url, device_token, &reader,
                                         &emulated);
  window = kiosk_test_get_window (app);
}

int
main (int argc, char *argv[])
{
  int status;

  kiosk_application_setup_locale ();
  g_test_init (&argc, &argv, NULL);
  start_kiosk ();

  g_test_add_func ("/practice/add", test_add);
  g_test_add_func ("/practice/edit", test_edit);
  g_test_add_func ("/practice/conflict", test_conflict);
  g_test_add_func ("/practice/delete", test_delete);
  g_test_add_func ("/practice/one-list-at-a-time", test_one_list_at_a_time);
  g_test_add_func ("/practice/read-only", test_read_only);
  g_test_add_func ("/practice/basic-info-retry", test_basic_info_retry);
  g_test_add_func ("/practice/dictionaries-kept", test_dictionaries_kept);
  g_test_add_func ("/practice/logout-mid-form", test_logout_mid_form);
  g_test_add_func ("/practice/idle-reset-mid-form", test_idle_reset_mid_form);

  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&soup);
  registry_test_process_stop (registry);
  registry_test_cluster_stop (cluster);
  return status;
}
