/* test-kiosk-fit.c: every page fits the screen, in both languages and text sizes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row of the page table, filled with the longest demo data (a 35-
 * character address, a long foreign name) and in the state that shows the
 * most: the filed page with its batch count and phone note, the record
 * form of every editable kind with every field at its longest, the phone
 * upload with its QR code, the signature page with an uploaded form's
 * status and times, the staff confirmation with a scan, the printers
 * page with a printer of a long name (a print server of the test's own;
 * the scripted registry answers the rest: the record list with three long
 * records, the record form and detail with two attached photos each). In
 * Chinese and English, with
 * normal and large text, on the screen this run's X server has
 * (KIOSK_TEST_SCREEN: meson runs it at 1280×720, 1280×800 and 1920×1080):
 *
 * - no widget is allocated outside the screen; at 1280×720 (a headless
 *   compositor's default) the frame's middle may scroll, at 800 px and up
 *   it may not;
 * - no label is ellipsised unless it carries the "may-ellipsize" class;
 * - no form scrolls inside its page at 800 px and up (its lower part would
 *   be cut at the scroller's edge); lists may;
 * - the footer's Home, Back and primary action are on screen and at least
 *   64 px high;
 * - nothing is cut by the edge of a parent that clips it, and a scrolled
 *   list shows at least its first row whole;
 * - no button, check button or switch is cut by the edge of any scroller
 *   of the page (the scrolling middle, a form's, a list's or a grid of
 *   tiles') as the page shows: each is whole in view or wholly below the
 *   fold, with the scrollbar on show;
 * - the welcome page's language, text size, Register and Log in buttons
 *   are on show whole, never below the fold;
 * - a label with the "one-line" class (the seconds-left pill) is one line;
 * - a home tile's title broken over lines is centred over its count;
 * - the page's primary action stands out from Home and Back: half as wide
 *   again at least, its label larger and bold;
 * - no scroller scrolls inside another that scrolls (a drag would move one
 *   or the other);
 * - every scroller of a page whose content is taller than its view shows
 *   its scrollbar, wide enough to see, before anyone has scrolled: a
 *   finger has no pointer to bring up an overlay scrollbar;
 * - the demo badge, shown as a demo shows it, covers nothing;
 * - the page's title shows once, in the frame's header;
 * - a journey's step bar names every step, each with its number;
 * - in English, no label shows a Chinese character, except the language
 *   button and data (values with the "field-value" or "proper-noun" class);
 *   nor does any text of the page that is not on show (labels, button
 *   labels, placeholders, tooltips, accessible names: other states of its
 *   stacks, closed revealers and popovers, hidden messages), so a string
 *   left untranslated in a state the run does not reach fails too;
 * - every date picker's panel (at each of its steps) and every pick-list's
 *   popover, opened in turn where its field is, lies on the screen with
 *   everything in it: a popover is a surface of its own, which GDK keeps
 *   on the screen by squeezing it, so what it cannot show is cut off;
 *   the date picker's panel shows no black band round it, keeps
 *   KIOSK_DATE_PICKER_PANEL_MARGIN px from every edge of the screen, covers
 *   none of the footer (Home, Back, the page's action), steps
 *   to other years (months) with buttons of 48 px at least that say in
 *   words how far, and, stepped to this year (month) with them, marks this
 *   month (today) and nothing else;
 * - every control looks like what it does, read from the drawn window:
 *   every button is at least 48 × 48 px, and so is a password's eye, a
 *   button beside the field (none in it), its icon drawn at 24 px at
 *   least, with a word that says what a tap does; every toggle that is a choice or an
 *   on/off setting shows a ticked box when on and an empty one when off,
 *   and chosen it is filled light (not in the primary action's solid
 *   colour) with bold words; every action that cannot be undone has red
 *   words on a light fill, is never the primary action and stands first
 *   in its row of actions; the footer's status line is at least the body
 *   text's size;
 * - every question asked before what cannot be undone, opened as a tap
 *   opens it (deleting a record, deleting an attachment, ending the visit
 *   for a changed phone, closing the kiosk, "are you still there?"), asks
 *   it the same way: its one answer that cannot be undone first, in red,
 *   the way back to its right, never named as the footer's Back;
 * - a damaged file's viewer shows no zoom buttons; a printer's description
 *   wraps only where its row has no room left; the staff menu's choices
 *   look alike.
 *
 * And on every page, with its questions open and closed, the on-screen
 * keyboard on each layer, a date picker at each step and a child added to
 * a stack later, every stack assistive technology can reach tells it only
 * of its visible child (/fit/stacks-tell-only-visible-child).
 *
 * A screenshot of each combination is saved under
 * meson-logs/screens/SCREEN/ for a person to look at, and of the screen
 * with each form's last date picker open (PAGE-…-date-picker.png). Every problem of the
 * whole run is listed before the test fails, not only the first.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "forms-test-cups.h"
#include "kiosk-display-test.h"
#include "kiosk-attachment-viewer-page-private.h"
#include "kiosk-attachments.h"
#include "kiosk-basic-info-page-private.h"
#include "kiosk-confirmation.h"
#include "kiosk-date-picker.h"
#include "kiosk-filed-page-private.h"
#include "kiosk-form-confirm-page-private.h"
#include "kiosk-keyboard-dock.h"
#include "kiosk-password-peek.h"
#include "kiosk-phone-upload-page-private.h"
#include "kiosk-pick-list.h"
#include "kiosk-record-form-page-private.h"
#include "kiosk-record-list-page-private.h"
#include "kiosk-signature-page-private.h"
#include "kiosk-sms-page-private.h"
#include "kiosk-staff-login-page-private.h"
#include "kiosk-staff-peer.h"
#include "kiosk-sync-indicator.h"

#define USER "wang.fang"
#define PASSWORD "correct horse battery"
#define TOKEN "fit-device-token-0123456789abcdef"
#define MIN_TARGET_PX 64
#define MIN_SCROLLBAR_PX 10
#define PRINTER_QUEUE "Window-3-HP-LaserJet-Pro-M404dn-Duplex"
#define PRINTER_DESCRIPTION "3号窗口签名表打印机（惠普 LaserJet Pro M404dn，双面）"

static KioskApplication *app;
static KioskWindow *window;
static KioskStaffPeer *peer;
static CoreDictionarySet *dictionaries;
static FormsTestCups *cups;
static GString *problems;
static int screen_width;
static int screen_height;

static IdcardCard *
demo_card (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("DEMO_CARDS_DIR"), name, NULL);
  IdcardCard *card = idcard_card_new_from_file (path, &error);

  g_assert_no_error (error);
  return card;
}

static JsonObject *
long_person (void)
{
  JsonObject *person = json_object_new ();

  /* as the registry gives the holder of the demo's foreign card */
  json_object_set_string_member (person, "person_id", "person-1");
  json_object_set_string_member (person, "name", "施乔纳");
  json_object_set_string_member (person, "name_en",
                                 "SCHNEIDER, JONAS MAXIMILIAN FRIEDRICH WILHELM");
  json_object_set_string_member (person, "doc_type", "foreign_permanent");
  json_object_set_string_member (person, "doc_number", "944276197909250057");
  json_object_set_string_member (person, "sex", "男");
  json_object_set_string_member (person, "birth_date", "1979-09-25");
  json_object_set_string_member (person, "nationality", "DEU");
  json_object_set_string_member (person, "login_phone", "13800138000");
  json_object_set_string_member (
      person, "address", "广东省深圳市南山区粤海街道科技园南区高新南七道数字技术园B座十八层");
  return person;
}

/* The form of the long person, as the home page makes it. */
static FormsSignatureForm *
long_form (void)
{
  g_autoptr (JsonObject) person = long_person ();

  return forms_signature_form_new_for_person (person);
}

/* The filing of the long person, with a phone, as the card page makes it. */
static CoreFiling *
long_filing (void)
{
  CoreFiling *filing = core_filing_new ();
  g_autofree char *id = g_uuid_string_random ();

  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, id);
  core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "card");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, "foreign_permanent");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, "944276197909250057");
  core_filing_set (filing, CORE_FILING_FIELD_NAME_EN,
                   "SCHNEIDER, JONAS MAXIMILIAN FRIEDRICH WILHELM");
  core_filing_set (filing, CORE_FILING_FIELD_SEX, "男");
  core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, "1979-09-25");
  core_filing_set (filing, CORE_FILING_FIELD_NATIONALITY, "DEU");
  core_filing_set (filing, CORE_FILING_FIELD_PHONE, "13800138000");
  return filing;
}

/* A picture of one colour, saved as @format. */
static GBytes *
plain_picture (int width, int height, guint32 colour, const char *format)
{
  g_autoptr (GdkPixbuf) picture = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr (GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (picture, colour);
  g_assert_true (gdk_pixbuf_save_to_buffer (picture, &buffer, &size, format, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

/* A scan of a signed form as a stick holds it: an A4 page at 150 dpi. */
static GBytes *
long_scan (void)
{
  return plain_picture (1240, 1754, 0xf4f1eaff, "png");
}

/* A photo of a certificate as a phone sends one, small: a real JPEG. */
static GBytes *
small_photo (void)
{
  return plain_picture (320, 240, 0xd8e4f0ff, "jpeg");
}

/* A saved record of @kind with every field at its longest: texts as long as
 * a real name or place gets (a long company name), the dictionary entry
 * with the longest label in @language, numbers at their most. Texts of a
 * format (codes, numbers) and lists stay empty. */
static JsonObject *
long_record (const CoreRecordKind *kind, const char *language)
{
  static const char long_text[] =
      "中国建筑第八工程局有限公司华东分公司上海浦东国际机场四期扩建工程项目经理部综合管理办公室";
  JsonObject *record = json_object_new ();

  json_object_set_int_member (record, "id", 1);
  json_object_set_int_member (record, "version", 1);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const CoreRecordField *field = &kind->fields[i];

      switch (field->type)
        {
          case CORE_FIELD_TEXT:
            if (field->format == CORE_FIELD_FORMAT_NONE)
              {
                glong length = MIN ((glong) field->max_length, g_utf8_strlen (long_text, -1));
                g_autofree char *text = g_utf8_substring (long_text, 0, length);

                json_object_set_string_member (record, field->name, text);
              }
            break;
          case CORE_FIELD_DATE:
            json_object_set_string_member (record, field->name, "2019-07-01");
            break;
          case CORE_FIELD_YEAR_MONTH:
            json_object_set_string_member (record, field->name, "2019-07");
            break;
          case CORE_FIELD_NUMBER:
            json_object_set_int_member (record, field->name, field->max);
            break;
          case CORE_FIELD_DICTIONARY:
            {
              CoreDictionary *dictionary =
                  core_dictionary_set_lookup (dictionaries, field->dictionary);
              const CoreDictionaryEntry *longest = NULL;

              for (guint e = 0; e < core_dictionary_get_n_entries (dictionary); e++)
                {
                  const CoreDictionaryEntry *entry = core_dictionary_get_entry (dictionary, e);

                  if (longest == NULL ||
                      g_utf8_strlen (core_dictionary_entry_get_label (entry, language), -1) >
                          g_utf8_strlen (core_dictionary_entry_get_label (longest, language), -1))
                    longest = entry;
                }
              json_object_set_string_member (record, field->name, longest->code);
            }
            break;
          case CORE_FIELD_LIST:
          default:
            break;
        }
    }
  return record;
}

static gboolean
form_ready (gpointer page)
{
  return kiosk_record_form_page_get_ready (page);
}

/* @widget shows whole in the scrolled view it is in */
static gboolean
whole_in_its_scroller (gpointer widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds, view;

  return scroller != NULL && gtk_widget_compute_bounds (widget, scroller, &bounds) &&
         gtk_widget_compute_bounds (scroller, scroller, &view) && bounds.size.height > 0 &&
         bounds.origin.y >= view.origin.y - 0.5 &&
         bounds.origin.y + bounds.size.height <= view.origin.y + view.size.height + 0.5;
}

static gboolean
basic_info_shown (gpointer page)
{
  return kiosk_basic_info_page_get_field (page, "name_en") != NULL;
}

static gboolean
list_loaded (gpointer page)
{
  return kiosk_record_list_page_get_loaded (page);
}

/* The record's attachments listed, each with its thumbnail (the scripted
 * registry gives every record two), when the page shows them. */
static gboolean
attachments_shown (gpointer page)
{
  GtkWidget *attachments = kiosk_test_find_by_type (page, KIOSK_TYPE_ATTACHMENTS);

  if (attachments == NULL || !gtk_widget_get_mapped (attachments))
    return TRUE;
  return !kiosk_attachments_get_loading (KIOSK_ATTACHMENTS (attachments)) &&
         kiosk_attachments_get_n_attachments (KIOSK_ATTACHMENTS (attachments)) == 2 &&
         kiosk_attachments_get_n_thumbnails (KIOSK_ATTACHMENTS (attachments)) == 2;
}

static gboolean
phone_checked (gpointer page)
{
  return !kiosk_filed_page_get_checking_phone (page);
}

static gboolean
link_shown (gpointer page)
{
  return kiosk_phone_upload_page_get_state (page) == KIOSK_PHONE_UPLOAD_WAITING;
}

static gboolean
form_record_known (gpointer visit)
{
  return kiosk_visit_get_form_record (visit) != NULL;
}

static gboolean
scan_shown (gpointer page)
{
  return kiosk_form_confirm_page_get_showing (page);
}

static gboolean
viewer_showing (gpointer page)
{
  return kiosk_attachment_viewer_page_get_showing (page);
}

/* showing the file, or saying why not: no longer loading it */
static gboolean
viewer_settled (gpointer page)
{
  const char *status = kiosk_attachment_viewer_page_get_status_text (page);

  return kiosk_attachment_viewer_page_get_showing (page) ||
         (status != NULL && g_strcmp0 (status, g_dgettext (GETTEXT_PACKAGE, "Loading…")) != 0);
}

static gboolean
captcha_shown (gpointer page)
{
  return kiosk_sms_page_get_captcha_ready (page);
}

/* Shows @id with the longest data it can show. */
static void
show_page (KioskPageId id, const char *variant)
{
  KioskVisit *visit = kiosk_window_get_visit (window);
  KioskFlow *flow = kiosk_test_flow ();

  if ((kiosk_page_table_lookup (id)->flags & KIOSK_PAGE_NEEDS_STAFF) != 0)
    kiosk_test_sign_in_staff (USER, PASSWORD);
  if ((kiosk_page_table_lookup (id)->flags & KIOSK_PAGE_NEEDS_SESSION) != 0)
    {
      g_autoptr (JsonObject) person = long_person ();
      g_autoptr (FormsSignatureForm) form = long_form ();

      kiosk_visit_begin_session (visit, "session-1", person);
      kiosk_visit_set_form (visit, form, KIOSK_FORM_NOT_PRINTED);
    }

  switch (id)
    {
      case KIOSK_PAGE_CARD:
        {
          g_autoptr (IdcardCard) card =
              demo_card (g_strcmp0 (variant, "foreign") == 0 ? "foreign-2023-schneider.json"
                                                             : "resident-chen-jianguo.json");
          g_assert_true (kiosk_flow_go_to (flow, id, "card", card, NULL));
        }
        break;
      case KIOSK_PAGE_LOGIN:
        /* with its captcha, as the registry draws one */
        g_assert_true (kiosk_flow_go_to (flow, id, NULL));
        g_assert_true (kiosk_test_wait_for (captcha_shown, kiosk_test_page (id), 10000));
        break;
      case KIOSK_PAGE_REGISTER:
        g_assert_true (kiosk_flow_go_to (flow, id, NULL));
        g_assert_true (kiosk_test_wait_for (captcha_shown, kiosk_test_page (id), 10000));
        if (g_strcmp0 (variant, "registered") == 0 || g_strcmp0 (variant, "changed-phone") == 0)
          {
            /* the longest problem, about a typed number, with both its
             * ways on: logging in and the window */
            g_autoptr (GError) error = g_error_new_literal (
                CORE_API_ERROR, CORE_API_ERROR_ALREADY_ENABLED, "already enabled");
            KioskSmsPage *page = KIOSK_SMS_PAGE (kiosk_flow_get_visible_page (flow));

            gtk_editable_set_text (kiosk_sms_page_get_entry (page, KIOSK_SMS_FIELD_ID_NUMBER),
                                   "11010519491231002X");
            gtk_editable_set_text (kiosk_sms_page_get_entry (page, KIOSK_SMS_FIELD_PHONE),
                                   "13800138000");
            kiosk_sms_page_show_error (page, error);
            /* its ways forward are scrolled into view where they are below the fold */
            kiosk_test_wait_drawn (GTK_WIDGET (window));
            g_assert_true (kiosk_test_wait_for (
                whole_in_its_scroller, kiosk_sms_page_get_changed_phone_button (page), 5000));
          }
        break;
      case KIOSK_PAGE_PRINT:
        {
          g_autoptr (FormsSignatureForm) form = long_form ();
          g_assert_true (kiosk_flow_go_to (flow, id, "form", form, NULL));
        }
        break;
      case KIOSK_PAGE_RECORD_FORM:
        {
          /* every editable kind: their fields differ in number, types and
           * the length of their names */
          const CoreRecordKind *kind = core_record_kind_lookup (
              g_strcmp0 (variant, "delete-attachment") == 0 ? "education" : variant);
          g_autoptr (JsonObject) record = long_record (kind, kiosk_pick_list_get_language ());

          /* the flow shows a page it shows already as it is: the form of
           * the kind before is left first, as a person leaves it */
          if (kiosk_flow_get_visible_page_id (flow) == id)
            g_assert_true (
                kiosk_flow_go_to (flow, KIOSK_PAGE_RECORD_LIST, "kind", kind->name, NULL));
          g_assert_true (kiosk_flow_go_to (flow, id, "kind", kind->name, "record", record, NULL));
          g_assert_true (kiosk_test_wait_for (form_ready, kiosk_test_page (id), 10000));
          g_assert_true (kiosk_test_wait_for (attachments_shown, kiosk_test_page (id), 10000));
        }
        break;
      case KIOSK_PAGE_BASIC_INFO:
        /* the long person, named as the card page names a foreigner: by the
         * Latin name first, then the Chinese one */
        g_assert_true (kiosk_flow_go_to (flow, id, NULL));
        g_assert_true (kiosk_test_wait_for (basic_info_shown, kiosk_test_page (id), 10000));
        {
          KioskBasicInfoPage *page = KIOSK_BASIC_INFO_PAGE (kiosk_test_page (id));

          g_assert_cmpstr (kiosk_basic_info_page_get_field_name (page, "name_en"), ==,
                           g_dgettext (GETTEXT_PACKAGE, "English name"));
          g_assert_cmpstr (kiosk_basic_info_page_get_field_name (page, "name"), ==,
                           g_dgettext (GETTEXT_PACKAGE, "Chinese name"));
          /* in the page's language: the sex and country the registry keeps
           * as the card writes them (男, DEU), and what the number is */
          g_assert_cmpstr (kiosk_basic_info_page_get_field (page, "sex"), ==,
                           g_dgettext (GETTEXT_PACKAGE, "Male"));
          g_assert_cmpstr (kiosk_basic_info_page_get_field (page, "nationality"), !=, "DEU");
          g_assert_cmpstr (kiosk_basic_info_page_get_field_name (page, "doc_number"), ==,
                           g_dgettext (GETTEXT_PACKAGE, "Document number"));
        }
        break;
      case KIOSK_PAGE_RECORD_LIST:
        /* the registry's long records of a kind */
        g_assert_true (kiosk_flow_go_to (flow, id, "kind", "education", NULL));
        g_assert_true (kiosk_test_wait_for (list_loaded, kiosk_test_page (id), 10000));
        break;
      case KIOSK_PAGE_RECORD_DETAIL:
        {
          g_autoptr (JsonObject) record =
              long_record (core_record_kind_lookup ("education"), kiosk_pick_list_get_language ());

          g_assert_true (kiosk_flow_go_to (flow, id, "kind", "education", "record", record, NULL));
          g_assert_true (kiosk_test_wait_for (attachments_shown, kiosk_test_page (id), 10000));
        }
        break;
      case KIOSK_PAGE_FILED:
        {
          /* the third of a batch, with a phone the registry cannot check now */
          g_autoptr (CoreFiling) filing = long_filing ();

          kiosk_visit_add_filed (visit);
          kiosk_visit_add_filed (visit);
          kiosk_visit_add_filed (visit);
          g_assert_true (kiosk_flow_go_to (flow, id, "filing", filing, NULL));
          g_assert_true (kiosk_test_wait_for (phone_checked, kiosk_test_page (id), 10000));
          /* a registry out of reach logs nobody in now: no Log in beside a
           * note that says the phone will be checked later */
          g_assert_false (gtk_widget_get_visible (
              kiosk_filed_page_get_login_button (KIOSK_FILED_PAGE (kiosk_test_page (id)))));
        }
        break;
      case KIOSK_PAGE_PHONE_UPLOAD:
        /* the signed form's link, its QR code and countdown on show */
        g_assert_true (kiosk_flow_go_to (flow, id, "return-page", KIOSK_PAGE_SIGNATURE, NULL));
        g_assert_true (kiosk_test_wait_for (link_shown, kiosk_test_page (id), 10000));
        break;
      case KIOSK_PAGE_SIGNATURE:
        /* uploaded: its status, both times and View */
        kiosk_visit_set_form_record (visit, NULL);
        g_assert_true (kiosk_flow_go_to (flow, id, NULL));
        g_assert_true (kiosk_test_wait_for (form_record_known, visit, 10000));
        break;
      case KIOSK_PAGE_ATTACHMENT_VIEWER:
        {
          /* a record's photo as the scripted registry serves it; "damaged":
           * the same cut short after its headers, which open but whose
           * pixels are not there, so the page says what is wrong */
          g_autoptr (GBytes) photo = small_photo ();
          g_autoptr (GBytes) damaged = g_bytes_new_from_bytes (photo, 0, 600);
          KioskAttachmentViewerPage *viewer = KIOSK_ATTACHMENT_VIEWER_PAGE (kiosk_test_page (id));
          gboolean broken = g_strcmp0 (variant, "damaged") == 0;

          /* the flow leaves a page it shows as it is: the viewer of the
           * whole photo is left first, as a person leaves it */
          if (kiosk_flow_get_visible_page_id (flow) == id)
            g_assert_true (kiosk_flow_go_to (flow, KIOSK_PAGE_HOME, NULL));
          kiosk_staff_peer_set_attachment (peer, broken ? damaged : photo);
          g_assert_true (kiosk_flow_go_to (flow, id, "attachment-id",
                                           (gint64) KIOSK_STAFF_PEER_FIRST_ATTACHMENT, NULL));
          g_assert_true (
              kiosk_test_wait_for (broken ? viewer_settled : viewer_showing, viewer, 10000));
          kiosk_staff_peer_set_attachment (peer, photo);
        }
        break;
      case KIOSK_PAGE_FORM_CONFIRM:
        {
          g_autoptr (GBytes) scan = long_scan ();

          g_assert_true (kiosk_flow_go_to (flow, id, "scan", scan, "media-type", "image/png",
                                           "return-page", KIOSK_PAGE_SIGNATURE, NULL));
          g_assert_true (kiosk_test_wait_for (scan_shown, kiosk_test_page (id), 10000));
        }
        break;
      default:
        g_assert_true (kiosk_flow_go_to (flow, id, NULL));
        break;
    }
}

static gboolean
transition_done (gpointer user_data)
{
  GtkWidget *stack = kiosk_test_find_by_type (GTK_WIDGET (kiosk_test_flow ()), GTK_TYPE_STACK);

  return !gtk_stack_get_transition_running (GTK_STACK (stack));
}

/* data (a value, a name), which is shown as it was written */
static gboolean
is_data (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "field-value") || gtk_widget_has_css_class (w, "proper-noun"))
      return TRUE;
  return FALSE;
}

static gboolean
allowed_chinese (GtkWidget *label)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  return g_strcmp0 (text, "中文") == 0 || is_data (label);
}

static gboolean
has_chinese (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x3000 && c <= 0x303f) || (c >= 0x3400 && c <= 0x9fff) ||
          (c >= 0xff00 && c <= 0xffef))
        return TRUE;
    }
  return FALSE;
}

static void
problem (const char *where, GtkWidget *widget, const char *what)
{
  const char *text = GTK_IS_LABEL (widget)    ? gtk_label_get_text (GTK_LABEL (widget))
                     : GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget))
                                              : NULL;

  g_string_append_printf (problems, "%s: %s %s%s%s%s\n", where, G_OBJECT_TYPE_NAME (widget), what,
                          text != NULL ? " «" : "", text != NULL ? text : "",
                          text != NULL ? "»" : "");
}

/* Whether @scroller holds a list, whose rows may be out of view. */
static gboolean
holds_list (GtkWidget *scroller)
{
  GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));

  if (GTK_IS_VIEWPORT (child))
    child = gtk_viewport_get_child (GTK_VIEWPORT (child));
  return GTK_IS_LIST_BOX (child) || GTK_IS_LIST_VIEW (child) || GTK_IS_GRID_VIEW (child) ||
         GTK_IS_COLUMN_VIEW (child) || GTK_IS_FLOW_BOX (child) || GTK_IS_TEXT_VIEW (child);
}

/* A widget cut by the edge of a parent that clips what sticks out of it
 * and does not scroll (a scroller's content may be out of view, which the
 * scroller's own rules below judge): its cut part is simply not drawn, on
 * the screen or not. */
static void
check_clipped (const char *where, GtkWidget *widget, const graphene_rect_t *bounds)
{
  for (GtkWidget *parent = gtk_widget_get_parent (widget);
       parent != NULL && parent != GTK_WIDGET (window) && !GTK_IS_SCROLLED_WINDOW (parent) &&
       !GTK_IS_VIEWPORT (parent);
       parent = gtk_widget_get_parent (parent))
    {
      graphene_rect_t edge;

      if (gtk_widget_get_overflow (parent) != GTK_OVERFLOW_HIDDEN ||
          !gtk_widget_compute_bounds (parent, GTK_WIDGET (window), &edge))
        continue;
      if (bounds->origin.x < edge.origin.x - 0.5 || bounds->origin.y < edge.origin.y - 0.5 ||
          bounds->origin.x + bounds->size.width > edge.origin.x + edge.size.width + 0.5 ||
          bounds->origin.y + bounds->size.height > edge.origin.y + edge.size.height + 0.5)
        {
          g_autofree char *what = g_strdup_printf (
              "cut by the edge of its %s (%.0f×%.0f inside %.0f×%.0f)", G_OBJECT_TYPE_NAME (parent),
              bounds->size.width, bounds->size.height, edge.size.width, edge.size.height);
          problem (where, widget, what);
          return;
        }
    }
}

/* A page's scroller with more than it shows says so: its scrollbar is
 * there, opaque and wide enough to see (an overlay scrollbar waits,
 * invisible, for a pointer to move). */
static void
check_scroll_hint (const char *where, GtkWidget *scroller)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  GtkWidget *scrollbar = gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scroller));

  if (gtk_widget_get_ancestor (scroller, KIOSK_TYPE_PAGE) == NULL ||
      gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment) + 0.5)
    return;
  if (!gtk_widget_get_mapped (scrollbar) || gtk_widget_get_opacity (scrollbar) < 0.99 ||
      gtk_widget_get_width (scrollbar) < MIN_SCROLLBAR_PX)
    {
      g_autofree char *what = g_strdup_printf (
          "scrolls (%.0f px in a view of %.0f) but hides its scrollbar (%s, opacity %.1f, %d px "
          "wide)",
          gtk_adjustment_get_upper (adjustment), gtk_adjustment_get_page_size (adjustment),
          gtk_widget_get_mapped (scrollbar) ? "shown" : "not shown",
          gtk_widget_get_opacity (scrollbar), gtk_widget_get_width (scrollbar));
      problem (where, scroller, what);
    }
}

/* A scrolled list may hold rows out of view, but the first must show whole:
 * a list lower than one row shows a person half a row and nothing to tap. */
static void
check_first_row (const char *where, GtkWidget *scroller)
{
  GtkWidget *list = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  graphene_rect_t view, row;

  if (GTK_IS_VIEWPORT (list))
    list = gtk_viewport_get_child (GTK_VIEWPORT (list));
  for (GtkWidget *first = gtk_widget_get_first_child (list); first != NULL;
       first = gtk_widget_get_next_sibling (first))
    {
      if (!gtk_widget_get_mapped (first))
        continue;
      if (gtk_widget_compute_bounds (first, scroller, &row) &&
          gtk_widget_compute_bounds (scroller, scroller, &view) && row.size.height > 0 &&
          row.size.height > view.size.height + 0.5)
        {
          g_autofree char *what = g_strdup_printf (
              "is cut by its list's scroller: a row %.0f px high in a view %.0f px high",
              row.size.height, view.size.height);
          problem (where, first, what);
        }
      return;
    }
}

static void
check_tree (const char *where, GtkWidget *widget, gboolean english, gboolean scrolled)
{
  graphene_rect_t bounds;

  /* a spinner's bounds turn with its animation; it draws inside its box */
  if (!gtk_widget_get_mapped (widget) || GTK_IS_SPINNER (widget))
    return;
  /* a tooltip or popover is a surface of its own, placed where it was raised */
  if (GTK_IS_NATIVE (widget) && widget != GTK_WIDGET (window))
    return;
  if (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds) && bounds.size.width > 0 &&
      bounds.size.height > 0 &&
      (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > screen_width + 0.5 ||
       (!scrolled &&
        (bounds.origin.y < -0.5 || bounds.origin.y + bounds.size.height > screen_height + 0.5))))
    {
      g_autofree char *what =
          g_strdup_printf ("outside the screen (%.0f,%.0f %.0f×%.0f)", bounds.origin.x,
                           bounds.origin.y, bounds.size.width, bounds.size.height);
      problem (where, widget, what);
      return; /* its children are, too */
    }
  if (bounds.size.width > 0 && bounds.size.height > 0)
    check_clipped (where, widget, &bounds);
  if (GTK_IS_LABEL (widget))
    {
      GtkLabel *label = GTK_LABEL (widget);

      if (pango_layout_is_ellipsized (gtk_label_get_layout (label)) &&
          !gtk_widget_has_css_class (widget, "may-ellipsize"))
        problem (where, widget, "ellipsised");
      if (english && has_chinese (gtk_label_get_text (label)) && !allowed_chinese (widget))
        problem (where, widget, "shows Chinese on an English page");
      /* a pill, a badge: short words that read as one thing */
      if (gtk_widget_has_css_class (widget, "one-line") &&
          pango_layout_get_line_count (gtk_label_get_layout (label)) > 1)
        {
          g_autofree char *what =
              g_strdup_printf ("breaks over %d lines (it has the one-line class)",
                               pango_layout_get_line_count (gtk_label_get_layout (label)));
          problem (where, widget, what);
        }
    }
  /* The frame's middle, and a form scrolling inside a page, scroll only on
   * a screen lower than 800 px: there what is out of view may be scrolled
   * to, the rest must still fit across. Elsewhere a form that scrolls in
   * its page has its lower part cut off at the scroller's edge, which
   * nothing above checks (its rows are on the screen, under the frame). */
  if (GTK_IS_SCROLLED_WINDOW (widget))
    check_scroll_hint (where, widget);
  /* a scroller that scrolls inside one that scrolls (a list in the page's
   * middle): a finger's drag moves one or the other, which a person
   * cannot tell beforehand */
  if (GTK_IS_SCROLLED_WINDOW (widget) && scrolled)
    {
      GtkAdjustment *adjustment =
          gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

      if (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 0.5)
        problem (where, widget, "scrolls inside a scroller that scrolls");
    }
  if (GTK_IS_SCROLLED_WINDOW (widget) && !holds_list (widget))
    {
      GtkAdjustment *adjustment =
          gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));
      gboolean scrolls =
          gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 0.5;

      if (scrolls && screen_height >= 800)
        problem (where, widget,
                 gtk_widget_has_css_class (widget, "frame-middle")
                     ? "scrolls: the page is taller than the screen"
                     : "scrolls: the form is taller than its place in the page, cut at its edge");
      scrolled = scrolled || scrolls;
    }
  /* a scrolled list may hold rows out of view: that is what it is for */
  else if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      check_first_row (where, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_tree (where, child, english, scrolled);
}

/* What a control says, for a problem to name it: its label, or the text of
 * the first label in it (a tile, a key with a picture). */
static const char *
control_text (GtkWidget *control)
{
  const char *text = NULL;

  if (GTK_IS_BUTTON (control))
    text = gtk_button_get_label (GTK_BUTTON (control));
  else if (GTK_IS_CHECK_BUTTON (control))
    text = gtk_check_button_get_label (GTK_CHECK_BUTTON (control));
  if (text != NULL)
    return text;
  if (GTK_IS_LABEL (control))
    return gtk_label_get_text (GTK_LABEL (control));
  for (GtkWidget *child = gtk_widget_get_first_child (control); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((text = control_text (child)) != NULL)
      return text;
  return NULL;
}

/* A button, check button or switch (a tile) in any scroller of the page —
 * the page's middle, a form or a list scrolling in it — is, as the page
 * first shows, either whole in view or wholly out of it, where the
 * scrollbar says there is more (which check_scroll_hint() judges): a
 * control cut by a scroller's edge reads as the page's end, and half a
 * button is not one a person trusts to tap. A list is scrolled through,
 * but a tile of it cut at the edge is as untrustworthy as any button. */
static void
check_fold (const char *where, GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget) || (GTK_IS_NATIVE (widget) && widget != GTK_WIDGET (window)))
    return;
  if (GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget))
    {
      for (GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
           scroller != NULL; scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (scroller),
                                                                 GTK_TYPE_SCROLLED_WINDOW))
        {
          GtkAdjustment *adjustment =
              gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
          graphene_rect_t bounds, view;
          float top, bottom, shown;

          if (!gtk_widget_compute_bounds (widget, scroller, &bounds) ||
              !gtk_widget_compute_bounds (scroller, scroller, &view) || bounds.size.height <= 0)
            continue;
          top = MAX (bounds.origin.y, view.origin.y);
          bottom = MIN (bounds.origin.y + bounds.size.height, view.origin.y + view.size.height);
          shown = bottom - top;
          /* wholly out of an inner scroller's view, it is not seen through
           * the outer one either */
          if (shown <= 0.5)
            return;
          if (shown < bounds.size.height - 0.5)
            {
              const char *text = control_text (widget);
              const char *edge = "its scroller";

              if (gtk_widget_has_css_class (scroller, "frame-middle"))
                edge = "the page's scrolling middle";
              else if (holds_list (scroller))
                edge = "its list's scroller";
              g_string_append_printf (
                  problems,
                  "%s at %d×%d: %s «%s» is cut by the edge of %s: %.0f of its %.0f px in view "
                  "as the page shows (scrolled %.0f px down)\n",
                  where, screen_width, screen_height, G_OBJECT_TYPE_NAME (widget),
                  text != NULL ? text : "", edge, shown, bounds.size.height,
                  gtk_adjustment_get_value (adjustment));
              return;
            }
        }
      return; /* what is in a button is the button */
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_fold (where, child);
}

/* @widget is on show whole: mapped, and in view in every scroller it is in. */
static gboolean
whole_on_show (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  for (GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
       scroller != NULL; scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (scroller),
                                                             GTK_TYPE_SCROLLED_WINDOW))
    {
      graphene_rect_t bounds, view;

      if (!gtk_widget_compute_bounds (widget, scroller, &bounds) ||
          !gtk_widget_compute_bounds (scroller, scroller, &view) ||
          bounds.origin.y < view.origin.y - 0.5 ||
          bounds.origin.y + bounds.size.height > view.origin.y + view.size.height + 0.5)
        return FALSE;
    }
  return TRUE;
}

/* A section tile's title broken over lines (English, large text) is
 * centred line by line over its count, not set flush left above it:
 * the middles of its lines' ink lie together. */
static void
check_tile_titles (const char *where, GtkWidget *widget)
{
  GtkWidget *tile = gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON);

  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && tile != NULL && gtk_widget_has_css_class (tile, "section-tile") &&
      pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (widget))) > 1)
    {
      PangoLayoutIter *iter = pango_layout_get_iter (gtk_label_get_layout (GTK_LABEL (widget)));
      double first = 0;
      int line = 0;

      do
        {
          PangoRectangle ink;
          double middle;

          pango_layout_iter_get_line_extents (iter, &ink, NULL);
          middle = (ink.x + ink.width / 2.0) / PANGO_SCALE;
          if (line++ == 0)
            first = middle;
          else if (fabs (middle - first) > 3)
            {
              g_autofree char *what = g_strdup_printf (
                  "breaks over lines that are not centred at %d×%d (line 1 centred at %.0f px, "
                  "line %d at %.0f px)",
                  screen_width, screen_height, first, line, middle);
              problem (where, widget, what);
              break;
            }
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_tile_titles (where, child);
}

/* The welcome page's way in for a person who cannot read its small print:
 * the language, the text size and (online) Register and Log in, on show
 * whole at every size, never below the fold. */
static void
check_welcome_buttons (const char *where, GtkWidget *page)
{
  const char *always[] = { "中文", "English", "A", "A+" };
  const char *online[] = { g_dgettext (GETTEXT_PACKAGE, "Register"),
                           g_dgettext (GETTEXT_PACKAGE, "Log in") };

  for (guint i = 0; i < G_N_ELEMENTS (always) + G_N_ELEMENTS (online); i++)
    {
      gboolean must = i < G_N_ELEMENTS (always);
      const char *label = must ? always[i] : online[i - G_N_ELEMENTS (always)];
      GtkWidget *button = kiosk_test_find_button (page, label);

      if (button == NULL && must)
        g_string_append_printf (problems, "%s: the welcome page has no button «%s»\n", where,
                                label);
      else if (button != NULL && !whole_on_show (button))
        problem (where, button, "is not on show whole as the welcome page shows");
    }
}

/* The accessible name a widget was given (GTK 4.8 has no getter: the test
 * API answers with the value when it is not the one asked about). */
static char *
accessible_label (GtkWidget *widget)
{
  char *value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL, "\x01");

  return value;
}

static void
hidden_problem (const char *where, GtkWidget *widget, const char *kind, const char *text)
{
  g_string_append_printf (problems, "%s: %s %s shows Chinese on an English page, hidden: «%s»\n",
                          where, G_OBJECT_TYPE_NAME (widget), kind, text);
}

/* Every text of @widget's tree, on show or not, in English (the mapped ones
 * were judged by check_tree() already, with their allowances). */
static void
check_hidden_words (const char *where, GtkWidget *widget)
{
  g_autofree char *name = NULL;
  const char *text;

  if (!gtk_widget_get_mapped (widget) && !is_data (widget))
    {
      if (GTK_IS_LABEL (widget) && has_chinese (gtk_label_get_text (GTK_LABEL (widget))) &&
          !allowed_chinese (widget))
        hidden_problem (where, widget, "label", gtk_label_get_text (GTK_LABEL (widget)));
      if (GTK_IS_BUTTON (widget) && (text = gtk_button_get_label (GTK_BUTTON (widget))) != NULL &&
          has_chinese (text))
        hidden_problem (where, widget, "button label", text);
      if ((text = gtk_widget_get_tooltip_text (widget)) != NULL && has_chinese (text))
        hidden_problem (where, widget, "tooltip", text);
      if (GTK_IS_ENTRY (widget) &&
          (text = gtk_entry_get_placeholder_text (GTK_ENTRY (widget))) != NULL &&
          has_chinese (text))
        hidden_problem (where, widget, "placeholder", text);
    }
  /* accessible names are read out whether the widget is on show or not */
  name = accessible_label (widget);
  if (name != NULL && has_chinese (name) && !is_data (widget) && g_strcmp0 (name, "中文") != 0)
    hidden_problem (where, widget, "accessible name", name);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_hidden_words (where, child);
}

/* Whether a mapped label under @root reads @text. */
static gboolean
shows_label (GtkWidget *root, const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return FALSE;
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* The buttons a person sees under @root. */
static guint
count_shown_buttons (GtkWidget *root)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (root))
    return 0;
  if (GTK_IS_BUTTON (root))
    return 1;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_shown_buttons (child);
  return n;
}

/* Shows every demo badge, as a demo does (this run is not one). */
static void
show_demo_badges (GtkWidget *widget)
{
  if (gtk_widget_has_css_class (widget, "demo-badge"))
    gtk_widget_set_visible (widget, TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    show_demo_badges (child);
}

/* Whether @widget, something a person reads or taps, lies under @badge
 * where it is on show (@view: what its scrollers let through). */
static void
check_covered (const char *where,
               GtkWidget *badge,
               const graphene_rect_t *over,
               GtkWidget *widget,
               const graphene_rect_t *view)
{
  graphene_rect_t bounds, shown, both;

  if (widget == badge || !gtk_widget_get_mapped (widget) ||
      (GTK_IS_NATIVE (widget) && widget != GTK_WIDGET (window)) ||
      !gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds) ||
      !graphene_rect_intersection (view, &bounds, &shown))
    return;
  if ((GTK_IS_LABEL (widget) || GTK_IS_BUTTON (widget) || GTK_IS_PICTURE (widget) ||
       GTK_IS_IMAGE (widget) || GTK_IS_EDITABLE (widget)) &&
      graphene_rect_intersection (over, &shown, &both) && both.size.width > 0.5 &&
      both.size.height > 0.5)
    problem (where, widget, "lies under the demo badge");
  /* a scroller's content shows only inside it */
  if (!GTK_IS_SCROLLED_WINDOW (widget))
    shown = *view;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_covered (where, badge, over, child, &shown);
}

/* Every demo badge on show covers nothing of the page or its frame. */
static void
check_demo_badges (const char *where, GtkWidget *widget)
{
  graphene_rect_t over;

  if (!gtk_widget_get_mapped (widget))
    return;
  if (gtk_widget_has_css_class (widget, "demo-badge") &&
      gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &over))
    {
      graphene_rect_t screen = GRAPHENE_RECT_INIT (0, 0, screen_width, screen_height);

      check_covered (where, widget, &over, GTK_WIDGET (window), &screen);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_demo_badges (where, child);
}

static void
check_target (const char *where, GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (!gtk_widget_get_mapped (widget))
    problem (where, widget, "not shown");
  else if (gtk_widget_get_height (widget) < MIN_TARGET_PX)
    {
      g_autofree char *what = g_strdup_printf ("only %d px high", gtk_widget_get_height (widget));
      problem (where, widget, what);
    }
}

static void
check_primary_button (const char *where, GtkWidget *button, GtkWidget *beside)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));
  GtkWidget *beside_label = gtk_button_get_child (GTK_BUTTON (beside));
  const PangoFontDescription *font;

  if (gtk_widget_get_width (button) < gtk_widget_get_width (beside) * 3 / 2)
    {
      g_autofree char *what = g_strdup_printf (
          "is the primary action, only %d px wide beside %s's %d px", gtk_widget_get_width (button),
          gtk_button_get_label (GTK_BUTTON (beside)), gtk_widget_get_width (beside));
      problem (where, button, what);
    }
  if (!GTK_IS_LABEL (label) || !GTK_IS_LABEL (beside_label))
    return;
  font = pango_context_get_font_description (gtk_widget_get_pango_context (label));
  if (kiosk_test_font_px (label) <= kiosk_test_font_px (beside_label) ||
      pango_font_description_get_weight (font) < PANGO_WEIGHT_BOLD)
    {
      g_autofree char *what = g_strdup_printf (
          "is the primary action, its label %.1f px and of weight %d beside %s's %.1f px",
          kiosk_test_font_px (label), pango_font_description_get_weight (font),
          gtk_button_get_label (GTK_BUTTON (beside)), kiosk_test_font_px (beside_label));
      problem (where, button, what);
    }
}

/* The page's primary action (its buttons in the footer's right end) stands
 * out from Home and Back. */
static void
check_primary (const char *where, GtkWidget *widget, GtkWidget *beside)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget))
    {
      check_primary_button (where, widget, beside);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_primary (where, child, beside);
}

static void
save_screenshot (const char *name)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  folder = g_build_filename (g_getenv ("KIOSK_TEST_SCREENS"), g_getenv ("KIOSK_TEST_SCREEN"), NULL);
  g_mkdir_with_parents (folder, 0755);
  path = g_strdup_printf ("%s/%s.png", folder, name);
  /* no picture is better than an old one that looks like this run's */
  g_unlink (path);
  if (node == NULL)
    {
      g_test_message ("%s: the window drew nothing to save", name);
      return;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* ---- controls that look like what they do ---- */

/* a target a finger can hit: no button of any page is smaller */
#define MIN_BUTTON_PX 48
/* the password's eye drawn as an icon of 24 px, which the symbolic eye
 * fills to 20 px across at least */
#define MIN_EYE_INK_PX 20

/* how many of each the run has checked: none would pass whatever the
 * style sheet says */
static guint n_toggles_on;
static guint n_toggles_off;
static guint n_destructive;
static guint n_eyes;
static guint n_eye_words;
static guint n_status_lines;
static guint n_bands;
static guint n_panel_margins;
static guint n_step_bars;
static guint n_now_marks;

/* The window as drawn now, its pixels at hand. */
typedef struct
{
  GdkTexture *texture;
  guchar *data;
  int width;
  int height;
} Shot;

static Shot *
shot_take (void)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  Shot *shot = g_new0 (Shot, 1);

  /* drawn once at least since the page changed: a window that has not
   * drawn since gives no picture */
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  shot->width = gtk_widget_get_width (GTK_WIDGET (window));
  shot->height = gtk_widget_get_height (GTK_WIDGET (window));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), shot->width, shot->height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  shot->texture =
      gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                   &GRAPHENE_RECT_INIT (0, 0, shot->width, shot->height));
  shot->data = g_malloc ((gsize) shot->width * shot->height * 4);
  gdk_texture_download (shot->texture, shot->data, (gsize) shot->width * 4);
  return shot;
}

/* A screenshot saved as a file (the screen as X has it). */
static Shot *
shot_load (const char *path)
{
  g_autoptr (GError) error = NULL;
  Shot *shot = g_new0 (Shot, 1);

  shot->texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  shot->width = gdk_texture_get_width (shot->texture);
  shot->height = gdk_texture_get_height (shot->texture);
  shot->data = g_malloc ((gsize) shot->width * shot->height * 4);
  gdk_texture_download (shot->texture, shot->data, (gsize) shot->width * 4);
  return shot;
}

static void
shot_free (Shot *shot)
{
  g_object_unref (shot->texture);
  g_free (shot->data);
  g_free (shot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shot, shot_free)

static GdkRGBA
shot_pixel (Shot *shot, double x, double y)
{
  int px = CLAMP ((int) x, 0, shot->width - 1);
  int py = CLAMP ((int) y, 0, shot->height - 1);
  /* GDK_MEMORY_DEFAULT: B, G, R, A premultiplied; the window is opaque */
  const guchar *p = shot->data + ((gsize) py * shot->width + px) * 4;

  return (GdkRGBA){ p[2] / 255.0, p[1] / 255.0, p[0] / 255.0, 1 };
}

/* The fill of @button: just inside its right edge, clear of its border, a
 * ring inside it and its text, halfway down. */
static GdkRGBA
button_fill (Shot *shot, GtkWidget *button)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (window), &bounds));
  return shot_pixel (shot, bounds.origin.x + bounds.size.width - 7,
                     bounds.origin.y + bounds.size.height / 2);
}

/* @widget lies whole in what its scroller shows (or has none): where its
 * pixels can be read */
static gboolean
whole_in_view (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  return scroller == NULL ||
         (gtk_widget_compute_bounds (widget, scroller, &bounds) && bounds.origin.x >= -0.5 &&
          bounds.origin.y >= -0.5 &&
          bounds.origin.x + bounds.size.width <= gtk_widget_get_width (scroller) + 0.5 &&
          bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller) + 0.5);
}

static gboolean
label_is_bold (GtkWidget *button)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));
  const PangoFontDescription *font;

  if (!GTK_IS_LABEL (label))
    return TRUE;
  font = pango_context_get_font_description (gtk_widget_get_pango_context (label));
  return pango_font_description_get_weight (font) >= PANGO_WEIGHT_BOLD;
}

/* How many dark pixels (the tick, the dot) are inside the mark a toggle
 * draws at its left (style.css: a box or a circle 1.2 em wide, 0.5 em from
 * the padding's edge, white inside 0.15 em of blue). */
static guint
ticked_pixels (Shot *shot, GtkWidget *button)
{
  graphene_rect_t bounds;
  double em = kiosk_test_font_px (button);
  double left, top, size;
  guint n = 0;

  g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (window), &bounds));
  /* the white inside of the box, less a pixel or two of rounding each way;
   * the background starts inside the button's 2 px border */
  left = bounds.origin.x + 2 + 0.65 * em + 3;
  size = 0.9 * em - 6;
  top = bounds.origin.y + bounds.size.height / 2 - size / 2;
  /* within the circle the box holds: a choice's mark is round */
  for (double y = top; y < top + size; y++)
    for (double x = left; x < left + size; x++)
      {
        double dx = x + 0.5 - (left + size / 2), dy = y + 0.5 - (top + size / 2);
        GdkRGBA pixel;

        if (dx * dx + dy * dy > size * size / 4)
          continue;
        pixel = shot_pixel (shot, x, y);
        if (kiosk_test_luminance (&pixel) < 0.3)
          n++;
      }
  return n;
}

/* A choice or an on/off setting the page shows as a toggle button, not the
 * toggle inside a pick-list's or drop-down's button (which shows a value):
 * its state shows at a glance, a box ticked or empty; chosen, it is filled
 * light, never in the solid colour of the page's primary action, and its
 * words are bold. */
static void
check_toggle (const char *where, Shot *shot, GtkWidget *toggle, GtkWidget *primary)
{
  gboolean on = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle));
  GtkWidget *parent = gtk_widget_get_parent (toggle);
  guint ticked;

  if (GTK_IS_MENU_BUTTON (parent) || GTK_IS_DROP_DOWN (parent) || !whole_in_view (toggle))
    return;
  ticked = ticked_pixels (shot, toggle);
  if (on)
    n_toggles_on++;
  else
    n_toggles_off++;
  if (on && ticked < 10)
    {
      g_autofree char *what =
          g_strdup_printf ("is on but its mark is empty (%u dark pixels)", ticked);
      problem (where, toggle, what);
    }
  if (!on && ticked > 0)
    {
      g_autofree char *what =
          g_strdup_printf ("is off but its mark is not empty (%u dark pixels)", ticked);
      problem (where, toggle, what);
    }
  if (on)
    {
      GdkRGBA fill = button_fill (shot, toggle);

      if (kiosk_test_luminance (&fill) < 0.5)
        {
          g_autofree char *what =
              g_strdup_printf ("is chosen in a solid fill (luminance %.2f), as a primary action is",
                               kiosk_test_luminance (&fill));
          problem (where, toggle, what);
        }
      if (primary != NULL)
        {
          GdkRGBA primary_fill = button_fill (shot, primary);

          if (kiosk_test_contrast (&fill, &primary_fill) < 3)
            {
              g_autofree char *what = g_strdup_printf (
                  "is chosen in a fill like the primary action's (contrast %.1f:1)",
                  kiosk_test_contrast (&fill, &primary_fill));
              problem (where, toggle, what);
            }
        }
      if (!label_is_bold (toggle))
        problem (where, toggle, "is chosen but its words are not bold");
    }
}

/* What cannot be undone looks it: red words on a light fill (a red outline,
 * not a solid red that outshouts the primary action), never in the
 * primary action's place, and first in a row of actions, away from the
 * right-hand place where a finger goes on, in a question that confirms it
 * as anywhere else. */
static void
check_destructive (const char *where, Shot *shot, GtkWidget *button, GtkWidget *primary_box)
{
  GdkRGBA words = kiosk_test_text_colour (button);
  graphene_rect_t bounds;
  GdkRGBA fill;

  n_destructive++;
  g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (window), &bounds));
  /* inside the border, left of the words */
  fill = shot_pixel (shot, bounds.origin.x + 6, bounds.origin.y + bounds.size.height / 2);
  if (!(words.red > 0.5 && words.green < 0.3 && words.blue < 0.3))
    problem (where, button, "cannot be undone but its words are not red");
  /* a list's edge may shade it a little; a solid red is far darker */
  if (whole_in_view (button) && kiosk_test_luminance (&fill) < 0.5)
    {
      g_autofree char *what = g_strdup_printf (
          "cannot be undone and is filled solid (luminance %.2f), louder than the primary action",
          kiosk_test_luminance (&fill));
      problem (where, button, what);
    }
  if (gtk_widget_is_ancestor (button, primary_box))
    problem (where, button, "cannot be undone but is the page's primary action");
  for (GtkWidget *sibling = gtk_widget_get_prev_sibling (button); sibling != NULL;
       sibling = gtk_widget_get_prev_sibling (sibling))
    if (GTK_IS_BUTTON (sibling) && gtk_widget_get_mapped (sibling))
      {
        problem (where, button, "cannot be undone but stands after a harmless action");
        break;
      }
}

/* The show/hide button (KioskPasswordPeek) of @entry, beside it. */
static GtkWidget *
find_peek (GtkWidget *widget, GtkWidget *entry)
{
  if (KIOSK_IS_PASSWORD_PEEK (widget) &&
      GTK_WIDGET (kiosk_password_peek_get_entry (KIOSK_PASSWORD_PEEK (widget))) == entry)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_peek (child, entry);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The password's show/hide button: a target a finger can hit, its eye
 * drawn large enough to see, and a word beside it that says what a tap
 * does; the field itself shows no bare eye. */
static void
check_eye (const char *where, Shot *shot, GtkWidget *entry)
{
  GtkWidget *eye = find_peek (gtk_widget_get_parent (entry), entry);
  GtkWidget *icon, *word;
  graphene_rect_t bounds;
  GdkRGBA paper;
  double ink_left = G_MAXDOUBLE, ink_right = -1, ink_top = G_MAXDOUBLE, ink_bottom = -1;

  if (gtk_password_entry_get_show_peek_icon (GTK_PASSWORD_ENTRY (entry)))
    problem (where, entry, "shows a bare eye of its own, without a word");
  if (eye == NULL || !gtk_widget_get_mapped (eye))
    {
      problem (where, entry, "has no button beside it to show the password");
      return;
    }
  n_eyes++;
  g_assert_true (gtk_widget_compute_bounds (eye, GTK_WIDGET (window), &bounds));
  if (bounds.size.width < MIN_BUTTON_PX || bounds.size.height < MIN_BUTTON_PX)
    {
      g_autofree char *what =
          g_strdup_printf ("has an eye of %.0f × %.0f px to tap, less than %d × %d",
                           bounds.size.width, bounds.size.height, MIN_BUTTON_PX, MIN_BUTTON_PX);
      problem (where, entry, what);
    }
  /* the word: on show, and saying something */
  word = kiosk_test_find_by_type (eye, GTK_TYPE_LABEL);
  if (word == NULL || !gtk_widget_get_mapped (word) ||
      *gtk_label_get_text (GTK_LABEL (word)) == '\0' || gtk_widget_get_width (word) <= 0)
    problem (where, eye, "shows its eye without a word");
  else
    n_eye_words++;
  icon = kiosk_test_find_by_type (eye, GTK_TYPE_IMAGE);
  if (icon == NULL || !gtk_widget_compute_bounds (icon, GTK_WIDGET (window), &bounds))
    {
      problem (where, eye, "has no eye");
      return;
    }
  paper = shot_pixel (shot, bounds.origin.x + 1, bounds.origin.y + 1);
  for (double y = bounds.origin.y; y < bounds.origin.y + bounds.size.height; y++)
    for (double x = bounds.origin.x; x < bounds.origin.x + bounds.size.width; x++)
      {
        GdkRGBA pixel = shot_pixel (shot, x, y);

        if (fabs (kiosk_test_luminance (&pixel) - kiosk_test_luminance (&paper)) > 0.25)
          {
            ink_left = MIN (ink_left, x);
            ink_right = MAX (ink_right, x);
            ink_top = MIN (ink_top, y);
            ink_bottom = MAX (ink_bottom, y);
          }
      }
  if (ink_right < 0 || MAX (ink_right - ink_left + 1, ink_bottom - ink_top + 1) < MIN_EYE_INK_PX)
    {
      g_autofree char *what = g_strdup_printf (
          "draws its eye %.0f px across, less than an icon of 24 px",
          ink_right < 0 ? 0 : MAX (ink_right - ink_left + 1, ink_bottom - ink_top + 1));
      problem (where, entry, what);
    }
}

static void
walk_controls (const char *where,
               Shot *shot,
               GtkWidget *widget,
               GtkWidget *primary,
               GtkWidget *primary_box)
{
  if (!gtk_widget_get_mapped (widget) || (GTK_IS_NATIVE (widget) && widget != GTK_WIDGET (window)))
    return;
  if (GTK_IS_BUTTON (widget) && (gtk_widget_get_width (widget) < MIN_BUTTON_PX ||
                                 gtk_widget_get_height (widget) < MIN_BUTTON_PX))
    {
      g_autofree char *what = g_strdup_printf (
          "is %d × %d px, less than a finger's %d × %d", gtk_widget_get_width (widget),
          gtk_widget_get_height (widget), MIN_BUTTON_PX, MIN_BUTTON_PX);
      problem (where, widget, what);
    }
  if (GTK_IS_TOGGLE_BUTTON (widget))
    check_toggle (where, shot, widget, primary);
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "destructive-action"))
    check_destructive (where, shot, widget, primary_box);
  if (GTK_IS_PASSWORD_ENTRY (widget))
    check_eye (where, shot, widget);
  /* the footer's status line is read as the body text is */
  if (KIOSK_IS_SYNC_INDICATOR (widget))
    {
      GtkWidget *label = kiosk_test_find_by_type (widget, GTK_TYPE_LABEL);
      double body = kiosk_test_font_px (GTK_WIDGET (window));

      n_status_lines++;
      if (label != NULL && kiosk_test_font_px (label) < body - 0.5)
        {
          g_autofree char *what = g_strdup_printf ("says its status in %.1f px, the body %.1f px",
                                                   kiosk_test_font_px (label), body);
          problem (where, widget, what);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk_controls (where, shot, child, primary, primary_box);
}

/* The first button on show under @widget in the solid colour of a primary
 * action. */
static GtkWidget *
find_primary_button (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "suggested-action"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every control of the page, and of the frame around it, says what it
 * does by how it looks (see the checks above). */
static void
check_controls (const char *where, KioskPage *page)
{
  g_autoptr (Shot) shot = shot_take ();
  GtkWidget *primary_box = kiosk_page_get_primary (page);
  GtkWidget *primary = find_primary_button (primary_box);

  /* a page without one in its footer: the solid button it shows */
  if (primary == NULL)
    primary = find_primary_button (GTK_WIDGET (page));
  walk_controls (where, shot, GTK_WIDGET (window), primary, primary_box);
}

/* ---- popovers: a date picker's or pick-list's panel, opened in turn ---- */

/* Where @popover's panel (its contents, without the shadow around them)
 * is on the screen, in the window's coordinates. A popover is a surface
 * of its own: GDK places it relative to the window's surface (and flips
 * or slides it there), so its widgets' bounds in the window say nothing. */
static gboolean
popover_bounds (GtkPopover *popover, graphene_rect_t *out)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  GtkWidget *contents = gtk_widget_get_first_child (GTK_WIDGET (popover));
  double popover_x, popover_y, window_x, window_y;

  if (!gtk_widget_get_mapped (GTK_WIDGET (popover)) || surface == NULL ||
      !gdk_surface_get_mapped (surface) || contents == NULL ||
      !gtk_widget_compute_bounds (contents, GTK_WIDGET (popover), out))
    return FALSE;
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
  gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
  out->origin.x += gdk_popup_get_position_x (GDK_POPUP (surface)) + popover_x - window_x;
  out->origin.y += gdk_popup_get_position_y (GDK_POPUP (surface)) + popover_y - window_y;
  return TRUE;
}

typedef struct
{
  GtkPopover *popover;
  graphene_rect_t last;
  guint same; /* frames drawn since the bounds last changed */
} Placing;

static void
placing_frame_cb (GdkFrameClock *clock, Placing *placing)
{
  graphene_rect_t bounds;

  if (!popover_bounds (placing->popover, &bounds))
    placing->same = 0;
  else if (graphene_rect_equal (&bounds, &placing->last))
    placing->same++;
  else
    {
      placing->last = bounds;
      placing->same = 0;
    }
}

static gboolean
placed (gpointer user_data)
{
  Placing *placing = user_data;

  /* laid out and drawn twice at the same place: GDK has placed it */
  return placing->same >= 2;
}

/* Waits until @popover is on show and placed; its bounds in @out. */
static gboolean
wait_placed (GtkPopover *popover, graphene_rect_t *out)
{
  Placing placing = { popover, GRAPHENE_RECT_INIT (0, 0, 0, 0), 0 };
  GdkFrameClock *clock;
  gulong handler;
  gboolean done;

  if (!kiosk_test_wait_for (kiosk_test_is_mapped, popover, 5000))
    return FALSE;
  /* the window's clock drives the popover's layout as well */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (popover));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (placing_frame_cb), &placing);
  gdk_frame_clock_begin_updating (clock);
  done = kiosk_test_wait_for (placed, &placing, 5000);
  gdk_frame_clock_end_updating (clock);
  g_signal_handler_disconnect (clock, handler);
  *out = placing.last;
  return done;
}

/* The screen as X has it, the popovers' surfaces with the window: the
 * window's own paintable leaves them out. */
static void
save_screen (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder =
      g_build_filename (g_getenv ("KIOSK_TEST_SCREENS"), g_getenv ("KIOSK_TEST_SCREEN"), NULL);
  g_autofree char *path = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *command = NULL;
  int status = 0;

  g_mkdir_with_parents (folder, 0755);
  path = g_strdup_printf ("%s/%s.png", folder, name);
  quoted = g_shell_quote (path);
  command = g_strdup_printf ("import -window root %s", quoted);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* A date picker's or pick-list's panel as the screen shows it (the screenshot at
 * @path): nothing black round its box. A popover's surface is larger than
 * its box by its arrow, shadow and rounded corners, left transparent,
 * which a screen without a compositor shows as black: a dark band. */
static void
check_no_band (const char *where, GtkPopover *popover, const char *path, const char *what)
{
  g_autoptr (Shot) screen = shot_load (path);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  graphene_rect_t panel;
  double window_x, window_y, left, top;
  guint black = 0;

  if (!popover_bounds (popover, &panel))
    {
      g_string_append_printf (problems, "%s: the popover of %s is not open\n", where, what);
      return;
    }
  /* the window fills the screen: its surface is at the screen's corner */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
  panel.origin.x += window_x;
  panel.origin.y += window_y;
  n_bands++;
  left = gdk_popup_get_position_x (GDK_POPUP (surface));
  top = gdk_popup_get_position_y (GDK_POPUP (surface));
  for (double y = top; y < top + gdk_surface_get_height (surface); y++)
    for (double x = left; x < left + gdk_surface_get_width (surface); x++)
      {
        GdkRGBA pixel;

        /* the panel's inside, where its days are; its edge is checked */
        if (x >= panel.origin.x + 3 && x < panel.origin.x + panel.size.width - 3 &&
            y >= panel.origin.y + 3 && y < panel.origin.y + panel.size.height - 3)
          continue;
        pixel = shot_pixel (screen, x, y);
        if (pixel.red < 0.12 && pixel.green < 0.12 && pixel.blue < 0.12)
          black++;
      }
  if (black > 0)
    g_string_append_printf (problems,
                            "%s: the popover of %s shows %u black pixels round its panel (a "
                            "surface of %d × %d px for a panel of %.0f × %.0f)\n",
                            where, what, black, gdk_surface_get_width (surface),
                            gdk_surface_get_height (surface), panel.size.width, panel.size.height);
}

/* The first widget under @widget (in @popover) that is not all inside
 * @area, in @popover's coordinates: GDK gives a popover no more than the
 * screen's height, and what it cannot show is cut at its surface's edge. */
static GtkWidget *
find_cut (GtkWidget *widget, GtkWidget *popover, const graphene_rect_t *area, graphene_rect_t *out)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (gtk_widget_compute_bounds (widget, popover, out) && out->size.width > 0 &&
      out->size.height > 0 &&
      (out->origin.x < area->origin.x - 0.5 || out->origin.y < area->origin.y - 0.5 ||
       out->origin.x + out->size.width > area->origin.x + area->size.width + 0.5 ||
       out->origin.y + out->size.height > area->origin.y + area->size.height + 0.5))
    return widget;
  /* a list scrolls its rows out of view: that is what it is for */
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *cut = find_cut (child, popover, area, out);

      if (cut != NULL)
        return cut;
    }
  return NULL;
}

/* @popover, open, lies inside the screen with everything in it; @what
 * names it in the problem. */
static void
check_popover (const char *where, GtkPopover *popover, const char *what)
{
  GtkWidget *contents = gtk_widget_get_first_child (GTK_WIDGET (popover));
  graphene_rect_t bounds, area, cut_bounds;
  GtkWidget *cut;
  int needed = 0;

  if (!wait_placed (popover, &bounds))
    {
      g_string_append_printf (problems, "%s: the popover of %s did not open\n", where, what);
      return;
    }
  if (bounds.origin.x < -0.5 || bounds.origin.y < -0.5 ||
      bounds.origin.x + bounds.size.width > screen_width + 0.5 ||
      bounds.origin.y + bounds.size.height > screen_height + 0.5)
    {
      g_string_append_printf (
          problems, "%s: the popover of %s is outside the screen (%.0f,%.0f %.0f×%.0f)\n", where,
          what, bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
      return;
    }
  /* squeezed into the screen: its panel (its border box, as measured)
   * lower than it needs, the rest cut */
  if (!gtk_widget_compute_bounds (contents, GTK_WIDGET (popover), &area))
    return;
  gtk_widget_measure (contents, GTK_ORIENTATION_VERTICAL, (int) area.size.width, &needed, NULL,
                      NULL, NULL);
  cut = find_cut (contents, GTK_WIDGET (popover), &area, &cut_bounds);
  if (needed > (int) (area.size.height + 0.5) || cut != NULL)
    g_string_append_printf (
        problems,
        "%s: the popover of %s is cut at the screen's edge: it needs %d px, "
        "has %d px (at %.0f,%.0f)%s%s%s\n",
        where, what, needed, (int) (area.size.height + 0.5), bounds.origin.x, bounds.origin.y,
        cut != NULL ? ", " : "", cut != NULL ? G_OBJECT_TYPE_NAME (cut) : "",
        cut != NULL && GTK_IS_BUTTON (cut) && gtk_button_get_label (GTK_BUTTON (cut))
            ? gtk_button_get_label (GTK_BUTTON (cut))
            : "");
}

/* Whether @widget is all in view in its scroller (or has none). */
static gboolean
in_view (gpointer widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (scroller == NULL)
    return TRUE;
  return gtk_widget_compute_bounds (widget, scroller, &bounds) && bounds.size.width > 0 &&
         bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

/* The keyboard, if a list's search called it up, has slid all the way in
 * (a list placed before then fits itself again once it is in). */
static gboolean
keyboard_settled (gpointer dock)
{
  GtkWidget *revealer = kiosk_test_find_by_type (dock, GTK_TYPE_REVEALER);

  return !kiosk_keyboard_dock_get_shown (KIOSK_KEYBOARD_DOCK (dock)) ||
         gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

static void
find_pickers (GtkWidget *widget, GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget) || (GTK_IS_NATIVE (widget) && widget != GTK_WIDGET (window)))
    return;
  if (KIOSK_IS_DATE_PICKER (widget) || KIOSK_IS_PICK_LIST (widget))
    {
      g_ptr_array_add (found, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_pickers (child, found);
}

/* ---- the step bar: every step named ---- */

static GtkWidget *
find_by_class (GtkWidget *widget, const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A journey's step bar names every step, not only the current one, so a
 * person sees where the visit goes: each step shows its number and its
 * name, in the page's language. */
static void
check_steps (const char *where, KioskPage *page)
{
  const KioskPageRow *row = kiosk_page_table_lookup (kiosk_page_get_id (page));
  guint n_steps = kiosk_journey_get_n_steps (row->journey);
  GtkWidget *bar = find_by_class (GTK_WIDGET (page), "frame-steps");
  guint step = 0;

  if (n_steps == 0)
    return;
  if (bar == NULL || !gtk_widget_get_mapped (bar))
    {
      problem (where, GTK_WIDGET (page), "shows no step bar");
      return;
    }
  n_step_bars++;
  for (GtkWidget *child = gtk_widget_get_first_child (bar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *expected = NULL;

      if (++step > n_steps)
        break;
      expected = g_strdup_printf ("%u %s", step, kiosk_journey_get_step_name (row->journey, step));
      if (!GTK_IS_LABEL (child) || !gtk_widget_get_mapped (child) ||
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), expected) != 0)
        {
          g_autofree char *what = g_strdup_printf ("does not name step %u («%s»)", step, expected);

          problem (where, child, what);
        }
    }
  if (step != n_steps)
    {
      g_autofree char *what = g_strdup_printf ("shows %u steps of %u", step, n_steps);

      problem (where, bar, what);
    }
}

/* ---- the date picker's panel: its margin, its headers, where now is ---- */

/* The date picker's panel, open at @popover, keeps its margin from every
 * edge of the window (the screen), ends above the page's footer, and its
 * headers' buttons are targets for a finger that say in words where they
 * go. */
static void
check_date_panel (const char *where, KioskDatePicker *date, GtkPopover *popover, const char *what)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (date), KIOSK_TYPE_PAGE);
  graphene_rect_t bounds, footer;
  gboolean days = kiosk_date_picker_get_showing_days (date);
  GtkWidget *steps[] = {
    days ? kiosk_date_picker_get_back_button (date)
         : kiosk_date_picker_get_year_step_button (date, -10),
    days ? kiosk_date_picker_get_month_step_button (date, -1)
         : kiosk_date_picker_get_year_step_button (date, -1),
    days ? kiosk_date_picker_get_month_step_button (date, 1)
         : kiosk_date_picker_get_year_step_button (date, 1),
    days ? NULL : kiosk_date_picker_get_year_step_button (date, 10),
  };

  n_panel_margins++;
  if (!wait_placed (popover, &bounds))
    return; /* check_popover() says so */
  if (bounds.origin.x < KIOSK_DATE_PICKER_PANEL_MARGIN - 0.5 ||
      bounds.origin.y < KIOSK_DATE_PICKER_PANEL_MARGIN - 0.5 ||
      bounds.origin.x + bounds.size.width > screen_width - KIOSK_DATE_PICKER_PANEL_MARGIN + 0.5 ||
      bounds.origin.y + bounds.size.height > screen_height - KIOSK_DATE_PICKER_PANEL_MARGIN + 0.5)
    g_string_append_printf (problems,
                            "%s: the panel of %s at %.0f,%.0f %.0f × %.0f is nearer than %d px "
                            "to an edge of the %d × %d screen\n",
                            where, what, bounds.origin.x, bounds.origin.y, bounds.size.width,
                            bounds.size.height, KIOSK_DATE_PICKER_PANEL_MARGIN, screen_width,
                            screen_height);
  /* nor does it cover the page's footer: Home, Back and the page's action */
  if (page != NULL && gtk_widget_get_mapped (kiosk_page_get_footer (KIOSK_PAGE (page))) &&
      gtk_widget_compute_bounds (kiosk_page_get_footer (KIOSK_PAGE (page)), GTK_WIDGET (window),
                                 &footer) &&
      bounds.origin.y + bounds.size.height > footer.origin.y + 0.5)
    g_string_append_printf (problems,
                            "%s: the panel of %s at %.0f,%.0f %.0f × %.0f covers the footer "
                            "from %.0f down\n",
                            where, what, bounds.origin.x, bounds.origin.y, bounds.size.width,
                            bounds.size.height, footer.origin.y);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const char *label;
      gboolean words = FALSE;

      if (steps[i] == NULL)
        continue;
      label = gtk_button_get_label (GTK_BUTTON (steps[i]));
      /* a letter or a character, not only an arrow or a number */
      for (const char *c = label; c != NULL && *c != '\0'; c = g_utf8_next_char (c))
        words |= g_unichar_isalpha (g_utf8_get_char (c));
      if (!words)
        problem (where, steps[i], "steps the date picker's panel without a word");
      if (gtk_widget_get_width (steps[i]) < MIN_BUTTON_PX ||
          gtk_widget_get_height (steps[i]) < MIN_BUTTON_PX)
        {
          g_autofree char *size = g_strdup_printf (
              "steps the date picker's panel in %d × %d px, less than a finger's %d × %d",
              gtk_widget_get_width (steps[i]), gtk_widget_get_height (steps[i]), MIN_BUTTON_PX,
              MIN_BUTTON_PX);
          problem (where, steps[i], size);
        }
    }
}

/* Whether @popover's panel has the height its step needs, no more, no
 * less: it takes it a round trip to the X server after the step shows. */
static gboolean
panel_sized (gpointer popover)
{
  GtkWidget *contents = gtk_widget_get_first_child (popover);
  graphene_rect_t area;
  int needed = 0;

  if (!gtk_widget_get_mapped (popover) ||
      !gtk_widget_compute_bounds (contents, GTK_WIDGET (popover), &area))
    return FALSE;
  gtk_widget_measure (contents, GTK_ORIENTATION_VERTICAL, (int) area.size.width, &needed, NULL,
                      NULL, NULL);
  return needed == (int) (area.size.height + 0.5);
}

/* Steps the panel of @date, open, to this year (and for a date, to this
 * month's days) with its own buttons, as a person counting back from now
 * would see it: this month (today) is marked, and nothing else is. */
static void
check_date_now (const char *where, KioskDatePicker *date, GtkPopover *popover, const char *what)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  guint year = g_date_time_get_year (now);
  guint month = g_date_time_get_month (now);
  guint day = g_date_time_get_day_of_month (now);

  /* taps faster than a finger's: each step shown before the next (a
   * panel that grows again before the X server has shrunk it keeps the
   * smaller size) */
  if (kiosk_date_picker_get_showing_days (date))
    {
      kiosk_test_tap_widget (kiosk_date_picker_get_back_button (date));
      kiosk_test_wait_for (panel_sized, popover, 5000);
    }
  while (kiosk_date_picker_get_shown_year (date) < year)
    kiosk_test_tap_widget (kiosk_date_picker_get_year_step_button (date, 1));
  while (kiosk_date_picker_get_shown_year (date) > year)
    kiosk_test_tap_widget (kiosk_date_picker_get_year_step_button (date, -1));
  kiosk_test_wait_for (kiosk_test_is_mapped, kiosk_date_picker_get_month_button (date, month),
                       5000);
  n_now_marks++;
  for (guint m = 1; m <= 12; m++)
    if (kiosk_date_picker_get_now_marked (date, kiosk_date_picker_get_month_button (date, m)) !=
        (m == month))
      g_string_append_printf (problems, "%s: the panel of %s %s month %u as this month\n", where,
                              what, m == month ? "does not mark" : "marks", m);
  if (!kiosk_date_picker_get_year_month (date))
    {
      kiosk_test_tap_widget (kiosk_date_picker_get_month_button (date, month));
      kiosk_test_wait_for (kiosk_test_is_mapped, kiosk_date_picker_get_day_button (date, 1), 5000);
      kiosk_test_wait_for (panel_sized, popover, 5000);
      for (guint d = 1; d <= 31; d++)
        if (kiosk_date_picker_get_now_marked (date, kiosk_date_picker_get_day_button (date, d)) !=
            (d == day))
          g_string_append_printf (problems, "%s: the panel of %s %s day %u as today\n", where, what,
                                  d == day ? "does not mark" : "marks", d);
    }
  check_popover (where, popover, what);
  check_date_panel (where, date, popover, what);
  /* drawn as it is now, for the screenshot */
  kiosk_test_wait_drawn (GTK_WIDGET (popover));
}

/* A pick-list's panel is as wide as its field at least: narrower, a short
 * choice ("副高级") breaks over lines in a panel as wide as its longest word. */
static void
check_list_width (const char *where, GtkPopover *popover, GtkWidget *picker, const char *what)
{
  graphene_rect_t panel;

  if (popover_bounds (popover, &panel) && panel.size.width < gtk_widget_get_width (picker) - 1)
    g_string_append_printf (problems,
                            "%s: the panel of %s is %.0f px wide under a field of %d px\n", where,
                            what, panel.size.width, gtk_widget_get_width (picker));
}

/* Opens every date picker (at each of its steps) and pick-list of the page
 * in turn, as a finger would: scrolled to first, the panel must then lie
 * inside the screen, wherever on the page its field is. A screenshot of
 * the last date picker open is kept as @name-date-picker, of the last
 * pick-list as @name-pick-list. */
static void
check_popovers (const char *where, GtkWidget *page, const char *name)
{
  g_autoptr (GPtrArray) pickers = g_ptr_array_new ();
  GtkWidget *dock = kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK);
  GtkWidget *last_date = NULL, *last_list = NULL;

  find_pickers (page, pickers);
  for (guint i = 0; i < pickers->len; i++)
    if (KIOSK_IS_DATE_PICKER (pickers->pdata[i]))
      last_date = pickers->pdata[i];
    else
      last_list = pickers->pdata[i];
  for (guint i = 0; i < pickers->len; i++)
    {
      GtkWidget *picker = pickers->pdata[i];
      GtkWidget *button = gtk_widget_get_first_child (picker);
      GtkPopover *popover;
      g_autofree char *what = NULL;

      gtk_widget_grab_focus (button);
      if (!kiosk_test_wait_for (in_view, picker, 5000))
        {
          problem (where, picker, "cannot be scrolled into view");
          continue;
        }
      if (KIOSK_IS_DATE_PICKER (picker))
        {
          KioskDatePicker *date = KIOSK_DATE_PICKER (picker);
          /* January: a month of 31 days, never after a limit */
          GtkWidget *month = kiosk_date_picker_get_month_button (date, 1);

          what = g_strdup_printf ("the date picker «%s»", kiosk_date_picker_get_shown_text (date));
          kiosk_date_picker_open (date);
          popover = GTK_POPOVER (gtk_widget_get_ancestor (month, GTK_TYPE_POPOVER));
          check_popover (where, popover, what);
          check_date_panel (where, date, popover, what);
          if (!kiosk_date_picker_get_year_month (date) && gtk_widget_get_mapped (month))
            {
              g_autofree char *days = g_strdup_printf ("%s, its days", what);

              kiosk_test_tap_widget (month);
              kiosk_test_wait_for (kiosk_test_is_mapped,
                                   kiosk_date_picker_get_day_button (date, 31), 5000);
              check_popover (where, popover, days);
              check_date_panel (where, date, popover, days);
            }
          if (picker == last_date)
            {
              g_autofree char *shot = g_strdup_printf ("%s-date-picker", name);
              g_autofree char *path =
                  g_strdup_printf ("%s/%s/%s.png", g_getenv ("KIOSK_TEST_SCREENS"),
                                   g_getenv ("KIOSK_TEST_SCREEN"), shot);

              /* the screenshot shows where now is */
              check_date_now (where, date, popover, what);
              save_screen (shot);
              check_no_band (where, popover, path, what);
            }
          kiosk_date_picker_close (date);
        }
      else
        {
          KioskPickList *list = KIOSK_PICK_LIST (picker);

          what = g_strdup_printf ("the pick-list «%s»", kiosk_pick_list_get_shown_label (list));
          kiosk_pick_list_open (list);
          popover = GTK_POPOVER (kiosk_test_find_by_type (picker, GTK_TYPE_POPOVER));
          g_assert_true (kiosk_test_wait_for (keyboard_settled, dock, 5000));
          check_popover (where, popover, what);
          check_list_width (where, popover, picker, what);
          if (picker == last_list)
            {
              g_autofree char *shot = g_strdup_printf ("%s-pick-list", name);
              g_autofree char *path =
                  g_strdup_printf ("%s/%s/%s.png", g_getenv ("KIOSK_TEST_SCREENS"),
                                   g_getenv ("KIOSK_TEST_SCREEN"), shot);

              kiosk_test_wait_drawn (GTK_WIDGET (popover));
              save_screen (shot);
              check_no_band (where, popover, path, what);
            }
          gtk_popover_popdown (popover);
          g_assert_true (kiosk_test_wait_for (
              kiosk_test_is_unmapped, kiosk_keyboard_dock_get_keyboard (KIOSK_KEYBOARD_DOCK (dock)),
              5000));
        }
      if (!kiosk_test_wait_for (kiosk_test_is_unmapped, popover, 5000))
        g_string_append_printf (problems, "%s: the popover of %s did not close\n", where, what);
    }
}

/* In English with large text, names beside their editors would squeeze a
 * list's value into three lines: they go above them where the page has
 * the room, as it has for the kind with the fewest fields. */
static void
check_record_form (const char *where,
                   KioskRecordFormPage *page,
                   const char *kind,
                   const char *language,
                   KioskTextSize size)
{
  gboolean above = kiosk_record_form_page_get_names_above (page);

  g_test_message ("%s: names %s their fields", where, above ? "above" : "beside");
  if (g_str_equal (kind, "degrees") && g_str_equal (language, "en") &&
      size == KIOSK_TEXT_SIZE_LARGE && !above)
    problem (where, GTK_WIDGET (page), "keeps the names beside their fields, squeezing them");
}

/* ---- the questions asked before what cannot be undone ---- */

static guint n_questions;

static KioskIdleMonitor *
idle_monitor (void)
{
  return kiosk_window_get_idle_monitor (window);
}

static gboolean
counting_down (gpointer unused)
{
  return kiosk_idle_monitor_get_counting_down (idle_monitor ());
}

/* The question @variant is about, as a person's tap on the page opens it:
 * ending the visit for a changed phone, deleting a record or an
 * attachment, closing the kiosk, and "are you still there?". */
static GtkWidget *
find_question (KioskPageId id, const char *variant)
{
  KioskPage *page = kiosk_test_page (id);

  if (id == KIOSK_PAGE_REGISTER && g_strcmp0 (variant, "changed-phone") == 0)
    return kiosk_sms_page_get_changed_phone_question (KIOSK_SMS_PAGE (page));
  if (id == KIOSK_PAGE_RECORD_LIST && g_strcmp0 (variant, "delete") == 0)
    return kiosk_record_list_page_get_question (KIOSK_RECORD_LIST_PAGE (page));
  if (id == KIOSK_PAGE_RECORD_FORM && g_strcmp0 (variant, "delete-attachment") == 0)
    return kiosk_test_find_by_type (
        kiosk_attachments_get_tile (
            kiosk_record_form_page_get_attachments (KIOSK_RECORD_FORM_PAGE (page)), 0),
        KIOSK_TYPE_CONFIRMATION);
  if (id == KIOSK_PAGE_STAFF && g_strcmp0 (variant, "exit") == 0)
    return kiosk_test_find_by_type (GTK_WIDGET (page), KIOSK_TYPE_CONFIRMATION);
  /* the countdown is made when a visit is first left idle */
  if (id == KIOSK_PAGE_HOME && g_strcmp0 (variant, "idle") == 0 &&
      kiosk_window_get_idle_overlay (window) != NULL)
    return kiosk_test_find_by_type (GTK_WIDGET (kiosk_window_get_idle_overlay (window)),
                                    KIOSK_TYPE_CONFIRMATION);
  return NULL;
}

static void
open_question (KioskPageId id, const char *variant)
{
  KioskPage *page = kiosk_test_page (id);
  GtkWidget *question;

  if (id == KIOSK_PAGE_HOME && g_strcmp0 (variant, "idle") == 0)
    {
      /* nobody touches it for a second; the countdown then outlasts the checks */
      kiosk_idle_monitor_set_countdown (idle_monitor (), 600);
      kiosk_idle_monitor_set_timeout (idle_monitor (), 1);
      g_assert_true (kiosk_test_wait_for (counting_down, NULL, 10000));
    }
  question = find_question (id, variant);
  if (question == NULL)
    return;
  if (id == KIOSK_PAGE_REGISTER)
    kiosk_test_tap_widget (kiosk_sms_page_get_changed_phone_button (KIOSK_SMS_PAGE (page)));
  else if (id == KIOSK_PAGE_RECORD_LIST)
    kiosk_test_tap_widget (kiosk_record_list_page_get_row_button (
        KIOSK_RECORD_LIST_PAGE (page), 0, g_dgettext (GETTEXT_PACKAGE, "Delete")));
  else if (id == KIOSK_PAGE_RECORD_FORM)
    kiosk_test_tap (kiosk_attachments_get_tile (
                        kiosk_record_form_page_get_attachments (KIOSK_RECORD_FORM_PAGE (page)), 0),
                    g_dgettext (GETTEXT_PACKAGE, "Delete"));
  else if (id == KIOSK_PAGE_STAFF)
    kiosk_test_tap (GTK_WIDGET (page), g_dgettext (GETTEXT_PACKAGE, "Exit kiosk"));
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, question, 5000));
}

/* The way back of the question, as a person taps it: nothing is undone
 * and the next page is checked as it is without it. */
static void
close_question (KioskPageId id, const char *variant)
{
  GtkWidget *question = find_question (id, variant);

  if (question == NULL)
    return;
  kiosk_test_tap_widget (kiosk_confirmation_get_cancel_button (KIOSK_CONFIRMATION (question)));
  if (id == KIOSK_PAGE_HOME)
    {
      kiosk_idle_monitor_set_timeout (idle_monitor (), 600);
      kiosk_idle_monitor_set_countdown (idle_monitor (), 10);
      kiosk_idle_monitor_poke (idle_monitor ());
    }
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, question, 5000));
}

static void
collect_buttons (GtkWidget *widget, GPtrArray *buttons)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget))
    {
      g_ptr_array_add (buttons, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

/* Every question on show asks it the same way, however it was built: one
 * answer that cannot be undone, in red, first in the row of answers, and
 * the way back after it, at the right-hand place where a finger goes on. */
static void
check_question (const char *where, GtkWidget *question)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
  guint n_red = 0;

  n_questions++;
  collect_buttons (question, buttons);
  if (buttons->len < 2)
    {
      problem (where, question, "asks a question without an answer and a way back");
      return;
    }
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (buttons->pdata[i], "destructive-action"))
      n_red++;
  if (n_red != 1 || !gtk_widget_has_css_class (buttons->pdata[0], "destructive-action"))
    problem (where, question, "does not put its one answer that cannot be undone first");
  for (guint i = 1; i < buttons->len; i++)
    {
      graphene_rect_t first, other;

      g_assert_true (gtk_widget_compute_bounds (buttons->pdata[0], GTK_WIDGET (window), &first));
      g_assert_true (gtk_widget_compute_bounds (buttons->pdata[i], GTK_WIDGET (window), &other));
      if (fabs (first.origin.y - other.origin.y) > 1 || other.origin.x <= first.origin.x)
        problem (where, buttons->pdata[i],
                 "is not to the right of the answer that cannot be undone");
      /* the footer's Back goes to the page before: a question's way back
       * that says the same reads as leaving the page */
      if (GTK_IS_BUTTON (buttons->pdata[i]) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (buttons->pdata[i])),
                     g_dgettext (GETTEXT_PACKAGE, "Back")) == 0)
        problem (where, buttons->pdata[i],
                 "is a question's way back that reads as the footer's Back");
    }
}

static void
check_questions (const char *where, GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) ==
      GTK_ACCESSIBLE_ROLE_ALERT_DIALOG)
    {
      check_question (where, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_questions (where, child);
}

/* A printer's description (a proper noun from CUPS) wraps only when the
 * row has no room left for it: it has the row's width, not half of it. */
static void
check_printer_names (const char *where, GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "printer-name"))
    {
      GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_CHECK_BUTTON);
      graphene_rect_t name, room;

      if (row == NULL ||
          pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (widget))) < 2)
        return;
      g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &name));
      g_assert_true (gtk_widget_compute_bounds (row, GTK_WIDGET (window), &room));
      /* the row's padding and border are 18 px; a little more is slack */
      if (room.origin.x + room.size.width - (name.origin.x + name.size.width) > 18 + 24)
        {
          g_autofree char *what = g_strdup_printf (
              "wraps at %.0f px with %.0f px of its row empty beside it", name.size.width,
              room.origin.x + room.size.width - 18 - (name.origin.x + name.size.width));
          problem (where, widget, what);
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_printer_names (where, child);
}

/* The staff page's menu is a menu of places, none of them the page's one
 * next step: its buttons look alike, none in the primary action's solid
 * colour, which would read as chosen or as the only one that works. */
static void
check_staff_menu (const char *where, GtkWidget *page)
{
  g_autoptr (Shot) shot = shot_take ();
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *menu = find_by_class (page, "staff-menu");
  GdkRGBA first;

  g_assert_nonnull (menu);
  collect_buttons (menu, buttons);
  g_assert_cmpuint (buttons->len, >=, 2);
  first = button_fill (shot, buttons->pdata[0]);
  for (guint i = 0; i < buttons->len; i++)
    {
      GdkRGBA fill = button_fill (shot, buttons->pdata[i]);

      if (fabs (kiosk_test_luminance (&fill) - kiosk_test_luminance (&first)) > 0.05 ||
          kiosk_test_luminance (&fill) < 0.5)
        {
          g_autofree char *what = g_strdup_printf (
              "is a menu choice filled unlike the others (luminance %.2f, the first %.2f)",
              kiosk_test_luminance (&fill), kiosk_test_luminance (&first));
          problem (where, buttons->pdata[i], what);
        }
    }
}

static void
check_page (KioskPageId id, const char *variant, const char *language, KioskTextSize size)
{
  g_autofree char *where = NULL;
  KioskPage *page;
  GtkWidget *primary;

  where = g_strdup_printf ("%s%s%s %s %s", kiosk_page_id_to_string (id), variant ? "-" : "",
                           variant ? variant : "", language,
                           size == KIOSK_TEXT_SIZE_LARGE ? "A+" : "A");
  /* the walk is a person looking at every page, not one who walked away:
   * each page has the whole idle time, however slow the machine is */
  kiosk_idle_monitor_poke (kiosk_window_get_idle_monitor (window));
  show_page (id, variant);
  open_question (id, variant);
  show_demo_badges (GTK_WIDGET (window));
  g_assert_true (kiosk_test_wait_for (transition_done, NULL, 20000));
  /* a page that opens on a field has the keyboard up for it, and slides up
   * above the keys as far as the field needs: what must fit is the page */
  {
    KioskKeyboardDock *dock = KIOSK_KEYBOARD_DOCK (
        kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK));

    kiosk_keyboard_dock_dismiss (dock);
    g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped,
                                        kiosk_keyboard_dock_get_keyboard (dock), 5000));
  }
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  page = kiosk_flow_get_visible_page (kiosk_test_flow ());
  g_assert_cmpint (kiosk_page_get_id (page), ==, id);

  check_tree (where, GTK_WIDGET (window), g_str_equal (language, "en"), FALSE);
  check_fold (where, GTK_WIDGET (page));
  if (id == KIOSK_PAGE_ATTRACT)
    check_welcome_buttons (where, GTK_WIDGET (page));
  if (id == KIOSK_PAGE_HOME)
    check_tile_titles (where, GTK_WIDGET (page));
  check_demo_badges (where, GTK_WIDGET (window));
  check_steps (where, page);
  if (g_str_equal (language, "en"))
    check_hidden_words (where, GTK_WIDGET (page));
  /* data the card writes in Chinese is shown in the page's language */
  if (id == KIOSK_PAGE_CARD && g_str_equal (language, "en") &&
      !shows_label (GTK_WIDGET (page), "Male"))
    problem (where, GTK_WIDGET (page), "does not show the card's sex in English (Male)");
  /* and the ethnic group by its GB 3304 name, not the card's 汉 */
  if (id == KIOSK_PAGE_CARD && variant == NULL &&
      !shows_label (GTK_WIDGET (page), g_str_equal (language, "en") ? "Han" : "汉族"))
    problem (where, GTK_WIDGET (page), "does not name the card's ethnic group in its language");
  /* a country by its name in the page's language, never its code */
  if (id == KIOSK_PAGE_CARD && g_strcmp0 (variant, "foreign") == 0 &&
      !shows_label (GTK_WIDGET (page), g_str_equal (language, "en") ? "Germany" : "德国"))
    problem (where, GTK_WIDGET (page), "does not name the card's nationality (DEU)");
  /* a printer by the name its operator gave it, not by its queue's */
  if (id == KIOSK_PAGE_PRINT && (!shows_label (GTK_WIDGET (page), PRINTER_DESCRIPTION) ||
                                 shows_label (GTK_WIDGET (page), PRINTER_QUEUE)))
    problem (where, GTK_WIDGET (page), "does not name the printer by its description");
  /* a count as people say it: 0 renewals, not the card's 00 */
  if (id == KIOSK_PAGE_CARD && g_strcmp0 (variant, "foreign") == 0 &&
      (!shows_label (GTK_WIDGET (page), "0") || shows_label (GTK_WIDGET (page), "00")))
    problem (where, GTK_WIDGET (page), "does not show the renewal count as a number (0)");
  /* the nine sections all on the screen, with normal text from 800 lines
   * up, whatever the length of the name greeted above them: a person does
   * not look below the fold for the signature */
  if (id == KIOSK_PAGE_HOME && size == KIOSK_TEXT_SIZE_NORMAL &&
      gtk_widget_get_height (GTK_WIDGET (window)) >= 800)
    for (GtkWidget *tile = kiosk_test_find_by_type (GTK_WIDGET (page), GTK_TYPE_FLOW_BOX_CHILD);
         tile != NULL; tile = gtk_widget_get_next_sibling (tile))
      if (GTK_IS_FLOW_BOX_CHILD (tile) && !whole_in_its_scroller (tile))
        problem (where, gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (tile)),
                 "is a section below the fold");
  /* a record's photo shows; a damaged one is said to be damaged, and
   * nothing is drawn of it */
  if (id == KIOSK_PAGE_ATTACHMENT_VIEWER)
    {
      KioskAttachmentViewerPage *viewer = KIOSK_ATTACHMENT_VIEWER_PAGE (page);
      gboolean broken = g_strcmp0 (variant, "damaged") == 0;
      const char *damaged_text =
          g_str_equal (language, "en")
              ? "This file is damaged and cannot be shown. Please upload it again."
              : "这个文件已损坏，无法显示。请重新上传。";

      if (!broken && !kiosk_attachment_viewer_page_get_showing (viewer))
        problem (where, GTK_WIDGET (page), "does not show the record's photo");
      if (broken &&
          (g_strcmp0 (kiosk_attachment_viewer_page_get_status_text (viewer), damaged_text) != 0 ||
           kiosk_attachment_viewer_page_get_paintable (viewer) != NULL))
        problem (where, GTK_WIDGET (page), "does not say that the file is damaged");
      if (broken &&
          gtk_widget_get_visible (GTK_WIDGET (kiosk_attachment_viewer_page_get_scroller (viewer))))
        problem (where, GTK_WIDGET (page), "shows an empty frame beside the damage it says");
      /* not even greyed: with no picture there is nothing to zoom */
      if (broken && (kiosk_test_find_button (GTK_WIDGET (page),
                                             g_dgettext (GETTEXT_PACKAGE, "Zoom in")) != NULL ||
                     kiosk_test_find_button (GTK_WIDGET (page),
                                             g_dgettext (GETTEXT_PACKAGE, "Zoom out")) != NULL))
        problem (where, GTK_WIDGET (page), "shows zoom buttons beside a damaged file");
      if (!broken && kiosk_test_find_button (GTK_WIDGET (page),
                                             g_dgettext (GETTEXT_PACKAGE, "Zoom in")) == NULL)
        problem (where, GTK_WIDGET (page), "offers no zoom for the record's photo");
    }
  /* an uploaded form: what is left is said, View is the primary action,
   * and printing is no longer offered as the next step */
  if (id == KIOSK_PAGE_SIGNATURE)
    {
      KioskSignaturePage *signature = KIOSK_SIGNATURE_PAGE (page);
      const char *steps = kiosk_signature_page_get_steps_text (signature);

      if (strstr (steps, g_str_equal (language, "en") ? "Print the form," : "打印表格") != NULL)
        problem (where, GTK_WIDGET (page), "tells to print a form already uploaded");
      if (gtk_widget_get_mapped (kiosk_signature_page_get_print_button (signature)) ||
          !gtk_widget_get_mapped (kiosk_signature_page_get_view_button (signature)))
        problem (where, GTK_WIDGET (page), "offers Print, not View, as the next step");
    }
  /* after filing, one clear next step (Done) and at most two others, even
   * when the registry cannot say yet what the phone leads to */
  if (id == KIOSK_PAGE_FILED && count_shown_buttons (GTK_WIDGET (page)) > 3)
    problem (where, GTK_WIDGET (page), "offers more than Done and two other buttons");
  /* the frame's header names the page; the page does not name itself again */
  if (kiosk_page_get_title (page) != NULL &&
      kiosk_test_count_labels (GTK_WIDGET (window), kiosk_page_get_title (page)) > 1)
    problem (where, GTK_WIDGET (page), "shows its title twice");
  if (id == KIOSK_PAGE_RECORD_FORM)
    check_record_form (where, KIOSK_RECORD_FORM_PAGE (page),
                       g_strcmp0 (variant, "delete-attachment") == 0 ? "education" : variant,
                       language, size);
  if (id == KIOSK_PAGE_PRINT)
    check_printer_names (where, GTK_WIDGET (page));
  if (id == KIOSK_PAGE_STAFF)
    check_staff_menu (where, GTK_WIDGET (page));
  check_questions (where, GTK_WIDGET (window));
  check_controls (where, page);
  check_target (where, kiosk_page_get_home_button (page));
  check_target (where, kiosk_page_get_back_button (page));
  primary = kiosk_page_get_primary (page);
  for (GtkWidget *child = gtk_widget_get_first_child (primary); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_target (where, child);
  {
    GtkWidget *home = kiosk_page_get_home_button (page);
    GtkWidget *back = kiosk_page_get_back_button (page);
    GtkWidget *beside = gtk_widget_get_mapped (home)   ? home
                        : gtk_widget_get_mapped (back) ? back
                                                       : NULL;

    if (beside != NULL)
      check_primary (where, primary, beside);
  }

  {
    g_autofree char *name = g_strdup_printf ("%s%s%s-%s-%s", kiosk_page_id_to_string (id),
                                             variant ? "-" : "", variant ? variant : "", language,
                                             size == KIOSK_TEXT_SIZE_LARGE ? "large" : "normal");
    save_screenshot (name);
    check_popovers (where, GTK_WIDGET (page), name);
  }
  close_question (id, variant);
}

static void
test_every_page_fits (void)
{
  const char *languages[] = { "zh_CN", "en" };
  KioskTextSize sizes[] = { KIOSK_TEXT_SIZE_NORMAL, KIOSK_TEXT_SIZE_LARGE };

  problems = g_string_new (NULL);
  /* the pointer in the corner, where no popover opens: a popover opened
   * and closed under it leaves GTK 4.8 a tooltip timeout on its destroyed
   * surface (a critical) */
  kiosk_test_xdotool ("mousemove 1 1");
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        kiosk_application_set_language (app, languages[l]);
        kiosk_application_set_text_size (app, sizes[s]);
        kiosk_test_wait_drawn (GTK_WIDGET (window));
        for (guint id = 0; id < KIOSK_N_PAGES; id++)
          {
            if (id == KIOSK_PAGE_RECORD_FORM)
              {
                guint n_kinds = 0;
                const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);

                for (guint k = 0; k < n_kinds; k++)
                  if (kinds[k].editable)
                    check_page (id, kinds[k].name, languages[l], sizes[s]);
                check_page (id, "delete-attachment", languages[l], sizes[s]);
                continue;
              }
            check_page (id, NULL, languages[l], sizes[s]);
            if (id == KIOSK_PAGE_CARD)
              check_page (id, "foreign", languages[l], sizes[s]);
            if (id == KIOSK_PAGE_REGISTER)
              check_page (id, "registered", languages[l], sizes[s]);
            if (id == KIOSK_PAGE_ATTACHMENT_VIEWER)
              check_page (id, "damaged", languages[l], sizes[s]);
            /* every question asked before what cannot be undone */
            if (id == KIOSK_PAGE_REGISTER)
              check_page (id, "changed-phone", languages[l], sizes[s]);
            if (id == KIOSK_PAGE_RECORD_LIST)
              check_page (id, "delete", languages[l], sizes[s]);
            if (id == KIOSK_PAGE_STAFF)
              check_page (id, "exit", languages[l], sizes[s]);
            if (id == KIOSK_PAGE_HOME)
              check_page (id, "idle", languages[l], sizes[s]);
          }
      }
  if (problems->len > 0)
    g_test_message ("%s", problems->str);
  g_test_message ("checked %u chosen and %u unchosen toggles, %u actions that cannot be undone, "
                  "%u password eyes, %u status lines, %u popovers' edges",
                  n_toggles_on, n_toggles_off, n_destructive, n_eyes, n_status_lines, n_bands);
  g_test_message ("checked %u date pickers' margins and headers, %u marks of now, %u eyes' words, "
                  "%u step bars",
                  n_panel_margins, n_now_marks, n_eye_words, n_step_bars);
  g_test_message ("checked %u questions before what cannot be undone", n_questions);
  g_assert_cmpstr (problems->str, ==, "");
  g_string_free (problems, TRUE);
  g_assert_cmpuint (n_toggles_on, >, 0);
  g_assert_cmpuint (n_toggles_off, >, 0);
  g_assert_cmpuint (n_destructive, >, 0);
  g_assert_cmpuint (n_eyes, >, 0);
  g_assert_cmpuint (n_eye_words, >, 0);
  g_assert_cmpuint (n_step_bars, >, 0);
  g_assert_cmpuint (n_status_lines, >, 0);
  g_assert_cmpuint (n_bands, >, 0);
  g_assert_cmpuint (n_panel_margins, >, 0);
  g_assert_cmpuint (n_now_marks, >, 0);
  /* five kinds of question, in two languages at two text sizes */
  g_assert_cmpuint (n_questions, ==, 5 * 4);
}

/* ---- assistive technology: a stack's children not on show are not told of ---- */

/* What GTK 4.8 puts on the accessibility bus: visible widgets, but for
 * those hidden from it and all inside them. */
static gboolean
told_to_assistive_technology (GtkWidget *widget)
{
  g_autofree char *shown =
      gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE);

  return gtk_widget_get_visible (widget) && shown == NULL;
}

/* A name for @widget in a message: its type, its name in its stack or
 * its id in its template where it has one, and the page or widget of ours
 * that holds it. */
static char *
widget_name (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
  GtkWidget *owner = parent;

  if (GTK_IS_STACK (parent) && gtk_stack_get_page (GTK_STACK (parent), widget) != NULL &&
      gtk_stack_page_get_name (gtk_stack_get_page (GTK_STACK (parent), widget)) != NULL)
    id = gtk_stack_page_get_name (gtk_stack_get_page (GTK_STACK (parent), widget));
  if (id != NULL && g_str_has_prefix (id, "___object_"))
    id = NULL; /* a name GtkBuilder made up */
  while (owner != NULL && !g_str_has_prefix (G_OBJECT_TYPE_NAME (owner), "Kiosk"))
    owner = gtk_widget_get_parent (owner);
  return g_strdup_printf ("%s%s%s in %s", G_OBJECT_TYPE_NAME (widget), id ? " " : "", id ? id : "",
                          owner ? G_OBJECT_TYPE_NAME (owner) : "the window");
}

/* Walks what assistive technology is told of under @widget; of every stack
 * there, each child but the visible one must be hidden from it, and the
 * visible one not. Counts the stacks in *n_stacks. */
static void
check_stacks (const char *where, GtkWidget *widget, GString *wrong, guint *n_stacks)
{
  if (!told_to_assistive_technology (widget))
    return;
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *visible = gtk_stack_get_visible_child (GTK_STACK (widget));

      (*n_stacks)++;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          g_autofree char *hidden = gtk_test_accessible_check_state (
              GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, child != visible);

          if (hidden != NULL)
            {
              g_autofree char *stack_name = widget_name (widget);
              g_autofree char *child_name = widget_name (child);

              g_string_append_printf (
                  wrong, "%s: the stack %s %s %s (hidden: %s)\n", where, stack_name,
                  child == visible ? "hides its visible child" : "tells of a child not on show",
                  child_name, hidden);
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_stacks (where, child, wrong, n_stacks);
}

static guint
check_window_stacks (const char *where, GString *wrong)
{
  guint n_stacks = 0;

  kiosk_test_wait_drawn (GTK_WIDGET (window));
  check_stacks (where, GTK_WIDGET (window), wrong, &n_stacks);
  return n_stacks;
}

/* Every stack of every page, and of the keyboard and the questions, tells
 * assistive technology only of the child on show: a screen reader reads
 * no layer, question or state that is not on the screen, and a script
 * pressing a button by name cannot press one that nobody can see. */
static void
test_stacks_tell_only_visible_child (void)
{
  g_autoptr (GString) wrong = g_string_new (NULL);
  KioskKeyboardDock *dock =
      KIOSK_KEYBOARD_DOCK (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK));
  KioskKeyboard *keyboard;
  guint n_stacks = 0;

  kiosk_application_set_language (app, "zh_CN");
  kiosk_application_set_text_size (app, KIOSK_TEXT_SIZE_NORMAL);
  for (guint id = 0; id < KIOSK_N_PAGES; id++)
    {
      kiosk_idle_monitor_poke (idle_monitor ());
      show_page (id, id == KIOSK_PAGE_RECORD_FORM ? "delete-attachment" : NULL);
      g_assert_true (kiosk_test_wait_for (transition_done, NULL, 20000));
      n_stacks += check_window_stacks (kiosk_page_id_to_string (id), wrong);
    }

  /* a stack that switches: the staff page's question, open and closed */
  show_page (KIOSK_PAGE_STAFF, "exit");
  open_question (KIOSK_PAGE_STAFF, "exit");
  check_window_stacks ("staff, asking before exiting", wrong);
  close_question (KIOSK_PAGE_STAFF, "exit");
  check_window_stacks ("staff, asked", wrong);
  /* a child added to a stack on show, and not shown */
  {
    GtkWidget *stack =
        kiosk_test_find_by_type (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_STAFF)), GTK_TYPE_STACK);
    GtkWidget *later = gtk_label_new ("later");

    gtk_stack_add_named (GTK_STACK (stack), later, "later");
    check_window_stacks ("staff, a child added later", wrong);
    gtk_stack_remove (GTK_STACK (stack), later);
  }
  /* and a tile's question before deleting its attachment */
  show_page (KIOSK_PAGE_RECORD_FORM, "delete-attachment");
  open_question (KIOSK_PAGE_RECORD_FORM, "delete-attachment");
  check_window_stacks ("record-form, asking before deleting", wrong);
  close_question (KIOSK_PAGE_RECORD_FORM, "delete-attachment");

  /* a stack in a popover: a date picker's months, then its days */
  show_page (KIOSK_PAGE_RECORD_FORM, "education");
  g_assert_true (kiosk_test_wait_for (transition_done, NULL, 20000));
  {
    g_autoptr (GPtrArray) pickers = g_ptr_array_new ();
    KioskDatePicker *date = NULL;

    find_pickers (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_RECORD_FORM)), pickers);
    for (guint i = 0; i < pickers->len && date == NULL; i++)
      if (KIOSK_IS_DATE_PICKER (pickers->pdata[i]) &&
          !kiosk_date_picker_get_year_month (pickers->pdata[i]))
        date = pickers->pdata[i];
    g_assert_nonnull (date);
    kiosk_date_picker_open (date);
    g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped,
                                        kiosk_date_picker_get_month_button (date, 1), 5000));
    check_window_stacks ("record-form, picking a month", wrong);
    kiosk_test_tap_widget (kiosk_date_picker_get_month_button (date, 1));
    g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped,
                                        kiosk_date_picker_get_day_button (date, 31), 5000));
    check_window_stacks ("record-form, picking a day", wrong);
    kiosk_date_picker_close (date);
  }

  /* the keyboard, built when first called up, on each of its layers */
  show_page (KIOSK_PAGE_STAFF_LOGIN, NULL);
  keyboard = kiosk_keyboard_dock_get_keyboard (dock);
  kiosk_keyboard_dock_show_for (
      dock, kiosk_staff_login_page_get_user_entry (
                KIOSK_STAFF_LOGIN_PAGE (kiosk_test_page (KIOSK_PAGE_STAFF_LOGIN))));
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, keyboard, 5000));
  for (KioskKeyboardLayer layer = KIOSK_KEYBOARD_LAYER_PINYIN; layer <= KIOSK_KEYBOARD_LAYER_DIGITS;
       layer++)
    {
      g_autofree char *where = g_strdup_printf ("staff-login, keyboard layer %d", layer);

      kiosk_keyboard_set_layer (keyboard, layer);
      check_window_stacks (where, wrong);
    }
  kiosk_keyboard_dock_dismiss (dock);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, keyboard, 5000));

  g_test_message ("checked %u stacks on the pages", n_stacks);
  g_assert_cmpstr (wrong->str, ==, "");
  /* the flow's own, and the pages' */
  g_assert_cmpuint (n_stacks, >, KIOSK_N_PAGES);
}

int
main (int argc, char *argv[])
{
  g_autoptr (KioskConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *token_folder = NULL;
  g_autofree char *data_folder = NULL;
  GdkMonitor *monitor;
  GdkRectangle geometry;
  int status;

  /* a print server of its own with a printer of a long description, as
   * the print pages show one; without one they would say (and warn) that
   * printing is out of service. First: its environment is set before any
   * thread. */
  cups = forms_test_cups_start ();
  forms_test_cups_add_printer (cups, PRINTER_QUEUE, TRUE);
  forms_test_cups_set_description (cups, PRINTER_QUEUE, PRINTER_DESCRIPTION);

  kiosk_application_setup_locale ();
  g_test_init (&argc, &argv, NULL);

  peer = kiosk_staff_peer_new ();
  kiosk_staff_peer_add_account (peer, USER, PASSWORD);
  /* the registry's pick-lists, which the record forms show their values from */
  dictionaries =
      core_dictionary_set_new_from_directory (core_dictionary_set_get_default_directory (), &error);
  g_assert_no_error (error);
  {
    g_autoptr (JsonNode) served = core_dictionary_set_to_json_node (dictionaries);
    g_autofree char *json = json_to_string (served, FALSE);

    kiosk_staff_peer_set_dictionaries (peer, json);
  }
  /* every editable kind's records, three at their longest, each with two
   * photos attached, as the record list, detail and form pages show them */
  {
    guint n_kinds = 0;
    const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);
    g_autoptr (GBytes) photo = small_photo ();

    for (guint k = 0; k < n_kinds; k++)
      if (kinds[k].editable)
        {
          g_autoptr (JsonArray) records = json_array_new ();

          for (guint i = 1; i <= 3; i++)
            {
              JsonObject *record = long_record (&kinds[k], "zh_CN");

              json_object_set_int_member (record, "id", i);
              json_array_add_object_element (records, record);
            }
          kiosk_staff_peer_set_records (peer, kinds[k].name, records);
        }
    kiosk_staff_peer_set_attachment (peer, photo);
  }
  /* the signed-in person, as the basic information page shows them */
  {
    g_autoptr (JsonObject) person = long_person ();

    kiosk_staff_peer_set_person (peer, person);
  }
  keyfile = kiosk_staff_peer_write_enrolment (peer, TOKEN, &token_folder);
  config = kiosk_config_new_defaults ();
  g_assert_true (kiosk_config_load_keyfile (config, keyfile, &error));
  g_assert_no_error (error);
  /* nobody touches the kiosk while it is checked: on a loaded machine a
   * page's checks took longer than the minute after which it resets */
  g_assert_true (kiosk_config_set_value (config, "idle-timeout", "600", &error));
  g_assert_no_error (error);
  app = kiosk_test_start_application (config, &data_folder);
  window = kiosk_test_get_window (app);
  monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
  gdk_monitor_get_geometry (monitor, &geometry);
  g_object_unref (monitor);
  screen_width = geometry.width;
  screen_height = geometry.height;

  /* this run's screenshots only: names of pages gone stay out */
  {
    g_autofree char *folder =
        g_build_filename (g_getenv ("KIOSK_TEST_SCREENS"), g_getenv ("KIOSK_TEST_SCREEN"), NULL);

    kiosk_test_remove_tree (folder);
  }
  g_test_add_func ("/fit/every-page", test_every_page_fits);
  g_test_add_func ("/fit/stacks-tell-only-visible-child", test_stacks_tell_only_visible_child);
  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
  kiosk_staff_peer_free (peer);
  g_clear_object (&dictionaries);
  forms_test_cups_stop (cups);
  kiosk_test_remove_tree (data_folder);
  kiosk_test_remove_tree (token_folder);
  return status;
}
