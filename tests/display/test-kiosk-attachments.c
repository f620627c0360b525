/* test-kiosk-attachments.c: attachments and the signed form in the real window,
 * against a real registry process on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person registered by SMS opens an education record. A USB stick is a
 * real file system: an ext2 image the test fills with mke2fs -d (a JPEG, a
 * two-page PDF, a text file, a text file named .jpg, and a symbolic link
 * leading off the drive), loop-mounted read-only where the kiosk's udev rule
 * mounts sticks (/media/practitioner-kiosk/KERNEL-NAME), which GIO's volume
 * monitor lists as a removable drive. So that the mount reaches
 * nobody else, the test process takes a mount namespace of its own before
 * anything else (unshare(CLONE_NEWNS), everything made private, a tmpfs over
 * /media); without root, or without loop devices, the USB cases are skipped
 * and say why. Add from USB stick appears only while the drive is mounted and
 * lists only its pictures and PDFs; the PDF is uploaded, viewed (pages,
 * zoom) and deleted. From a phone: headless Chromium opens the link of the
 * QR code the kiosk shows and uploads a photo through the registry's phone
 * page; the kiosk shows its thumbnail. The signature form is printed on a
 * private CUPS's virtual printer (已打印 at the registry and on the page),
 * then its rendered image is uploaded from the stick as the signed scan
 * (已上传) and viewed. A reset leaves no file, thumbnail or QR code behind.
 */

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <sys/mount.h>

#include "forms-render.h"
#include "forms-test-cups.h"
#include "kiosk-attachment-viewer-page-private.h"
#include "core-privacy.h"
#include "kiosk-display-test.h"
#include "kiosk-form-confirm-page-private.h"
#include "kiosk-home-page-private.h"
#include "kiosk-keypad.h"
#include "kiosk-phone-upload-page-private.h"
#include "kiosk-print-page-private.h"
#include "kiosk-record-form-page-private.h"
#include "kiosk-record-list-page-private.h"
#include "kiosk-signature-page-private.h"
#include "kiosk-sms-page-private.h"
#include "kiosk-keyboard-dock.h"
#include "kiosk-usb-picker-page-private.h"
#include "registry-test-util.h"

#define ANSWER "K7MP"
#define SEQ 11
#define PRINTER "Window_A"
#define MEDIA "/media"
/* where the kiosk's udev rule mounts a stick (72-practitioner-kiosk-media.rules) */
#define STICK MEDIA "/practitioner-kiosk/sdz1"
#define CERTIFICATE "100011200905001234"
#define STAFF_USER "clerk"
#define STAFF_PASSWORD "clerk-password-1"

static KioskApplication *app;
static KioskWindow *window;
static IdcardReader *reader;
static IdcardEmulatedTransport *emulated;
static RegistryTestCluster *cluster;
static RegistryTestProcess *registry;
static FormsTestCups *cups;
static SoupSession *soup;
static char *folder;
static char *registry_db;
static char *device_token;
static char *spool;
static char *number;
static char *phone;
static char *no_usb_reason; /* why USB sticks cannot be made here, or NULL */

static KioskVisit *
visit (void)
{
  return kiosk_window_get_visit (window);
}

static KioskRecordFormPage *
form_page (void)
{
  return KIOSK_RECORD_FORM_PAGE (kiosk_test_page (KIOSK_PAGE_RECORD_FORM));
}

static KioskAttachments *
attachments (void)
{
  return kiosk_record_form_page_get_attachments (form_page ());
}

static KioskUsbPickerPage *
picker_page (void)
{
  return KIOSK_USB_PICKER_PAGE (kiosk_test_page (KIOSK_PAGE_USB_PICKER));
}

static KioskAttachmentViewerPage *
viewer_page (void)
{
  return KIOSK_ATTACHMENT_VIEWER_PAGE (kiosk_test_page (KIOSK_PAGE_ATTACHMENT_VIEWER));
}

static KioskPhoneUploadPage *
phone_page (void)
{
  return KIOSK_PHONE_UPLOAD_PAGE (kiosk_test_page (KIOSK_PAGE_PHONE_UPLOAD));
}

static KioskSignaturePage *
signature_page (void)
{
  return KIOSK_SIGNATURE_PAGE (kiosk_test_page (KIOSK_PAGE_SIGNATURE));
}

/* ---- touching ---- */

/* ---- a USB stick: an ext2 image, loop-mounted under /media ---- */

/* Takes a mount namespace of the test's own, with a tmpfs over /media: the
 * sticks it mounts there reach no other process. Must run before any thread
 * exists (a threaded process cannot unshare its file system view). */
static void
private_media (void)
{
  if (geteuid () != 0)
    {
      no_usb_reason = g_strdup ("mounting a USB stick image needs root");
      return;
    }
  if (unshare (CLONE_NEWNS) != 0)
    {
      no_usb_reason = g_strdup_printf ("no mount namespace of its own: %s", g_strerror (errno));
      return;
    }
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      (g_mkdir_with_parents (MEDIA, 0755) != 0) ||
      mount ("tmpfs", MEDIA, "tmpfs", 0, "size=1m,mode=0755") != 0)
    {
      no_usb_reason = g_strdup_printf ("/media cannot be made private: %s", g_strerror (errno));
      return;
    }
  if (!g_file_test ("/dev/loop-control", G_FILE_TEST_EXISTS))
    no_usb_reason = g_strdup ("there are no loop devices to mount a stick image with");
}

static gboolean
skip_without_usb (void)
{
  if (no_usb_reason == NULL)
    return FALSE;
  g_test_skip (no_usb_reason);
  return TRUE;
}

static void
run (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
}

/* Makes a stick of the files in @content and mounts it at STICK, read-only
 * unless @writable (so that the test can change it while the kiosk shows
 * it), nodev and nosuid as the kiosk's udev rule mounts sticks (the kiosk
 * reads no other). */
static void
plug_stick_options (const char *content, const char *options)
{
  g_autofree char *image = g_build_filename (folder, "stick.img", NULL);

  g_unlink (image);
  run ((const char *[]){ "mke2fs", "-q", "-F", "-t", "ext2", "-L", "PK-STICK", "-d", content, image,
                         "8M", NULL });
  g_assert_cmpint (g_mkdir_with_parents (STICK, 0755), ==, 0);
  run ((const char *[]){ "mount", "-o", options, image, STICK, NULL });
}

static void
plug_stick_mode (const char *content, gboolean writable)
{
  plug_stick_options (content,
                      writable ? "loop,rw,nodev,nosuid,noexec" : "loop,ro,nodev,nosuid,noexec");
}

static void
plug_stick (const char *content)
{
  plug_stick_mode (content, FALSE);
}

static void
unplug_stick (void)
{
  run ((const char *[]){ "umount", STICK, NULL });
}

static void
write_jpeg (const char *path, int width, int height)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr (GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3a7bd5ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL));
  g_assert_no_error (error);
}

static void
write_two_page_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < 2; i++)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_rectangle (cr, 100, 100 + 200 * i, 300, 100);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
write_text (const char *path, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
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
keys (KioskSmsPage *page, const char *text)
{
  GtkWidget *keypad = kiosk_test_find_by_type (GTK_WIDGET (page), KIOSK_TYPE_KEYPAD);

  g_assert_nonnull (keypad);
  for (const char *p = text; *p != '\0'; p++)
    {
      char key[2] = { *p, '\0' };
      g_assert_true (gtk_widget_activate_action (keypad, "keypad.insert", "s", key));
    }
}

static void
log_in (KioskPageId id, const char *button)
{
  KioskSmsPage *page = KIOSK_SMS_PAGE (kiosk_test_page (id));
  g_autofree char *code = NULL;

  if (kiosk_visit_get_logged_in (visit ()))
    return;
  kiosk_flow_reset (kiosk_test_flow ());
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  kiosk_test_tap (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_ATTRACT)), button);
  g_assert_true (kiosk_test_wait_for_page (id, 5000));
  g_assert_true (kiosk_test_wait_for (captcha_ready, page, 10000));
  kiosk_sms_page_select_field (page, KIOSK_SMS_FIELD_ID_NUMBER);
  keys (page, number);
  keys (page, phone);
  keys (page, ANSWER);
  kiosk_test_tap (GTK_WIDGET (page), "获取短信验证码");
  g_assert_true (kiosk_test_wait_for (idle_page, page, 10000));
  code = registry_test_spool_take_code (spool, phone);
  g_assert_nonnull (code);
  keys (page, code);
  kiosk_test_tap (GTK_WIDGET (page), button);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_HOME, 10000));
}

/* ---- asking the registry ---- */

static JsonNode *
registry_get (const char *path)
{
  g_autoptr (RegistryTestReply) reply = registry_test_request_session (
      soup, registry, "GET", path, device_token, kiosk_visit_get_session_token (visit ()), NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return json_node_ref (reply->json);
}

static gint64 record_id;

static JsonArray *registry_attachments (void);

static guint
n_registry_attachments (void)
{
  g_autoptr (JsonArray) list = registry_attachments ();

  return json_array_get_length (list);
}

static JsonArray *
registry_attachments (void)
{
  g_autofree char *path =
      g_strdup_printf ("/v1/me/education/%" G_GINT64_FORMAT "/attachments", record_id);
  g_autoptr (JsonNode) node = registry_get (path);

  return json_array_ref (json_object_get_array_member (json_node_get_object (node), "attachments"));
}

/* One education record, made through the API: the attachments are the point. */
static void
ensure_record (void)
{
  g_autoptr (RegistryTestReply) reply = NULL;

  if (record_id > 0)
    return;
  reply = registry_test_request_session (
      soup, registry, "POST", "/v1/me/education", device_token,
      kiosk_visit_get_session_token (visit ()),
      "{\"school\": \"北京大学\", \"major\": \"土木工程\", \"level\": \"21\", \"graduated_on\": "
      "\"2009-06-30\", \"certificate_number\": \"" CERTIFICATE "\"}");
  g_assert_cmpuint (reply->status, ==, 201);
  record_id = registry_test_json_int (reply->json, "id");
  g_assert_cmpint (record_id, >, 0);
}

/* ---- waiting ---- */

static gboolean
list_loaded (gpointer unused)
{
  KioskRecordListPage *page = KIOSK_RECORD_LIST_PAGE (kiosk_test_page (KIOSK_PAGE_RECORD_LIST));

  return kiosk_test_showing (KIOSK_PAGE_RECORD_LIST) && kiosk_record_list_page_get_loaded (page);
}

static gboolean
attachments_shown (gpointer n)
{
  /* the record's box: its buttons show once the form has its record */
  return kiosk_test_showing (KIOSK_PAGE_RECORD_FORM) &&
         gtk_widget_get_mapped (kiosk_attachments_get_phone_button (attachments ())) &&
         !kiosk_attachments_get_loading (attachments ()) &&
         kiosk_attachments_get_n_attachments (attachments ()) == GPOINTER_TO_UINT (n) &&
         kiosk_attachments_get_n_thumbnails (attachments ()) == GPOINTER_TO_UINT (n);
}

static gboolean
picker_listed (gpointer unused)
{
  return kiosk_test_showing (KIOSK_PAGE_USB_PICKER) &&
         !kiosk_usb_picker_page_get_busy (picker_page ()) &&
         kiosk_usb_picker_page_get_status_text (picker_page ()) != NULL &&
         !g_str_has_prefix (kiosk_usb_picker_page_get_status_text (picker_page ()), "正在查找");
}

static KioskKeyboardDock *
dock (void)
{
  return KIOSK_KEYBOARD_DOCK (
      kiosk_test_find_by_type (GTK_WIDGET (kiosk_test_get_window (app)), KIOSK_TYPE_KEYBOARD_DOCK));
}

static gboolean
picker_drawn (gpointer n)
{
  return kiosk_usb_picker_page_get_n_drawn (picker_page ()) == GPOINTER_TO_UINT (n);
}

/* whether the viewer's picture is larger than its view, either way */
static gboolean
viewer_scrolls (void)
{
  GtkScrolledWindow *scroller = kiosk_attachment_viewer_page_get_scroller (viewer_page ());
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (scroller);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (scroller);

  return gtk_adjustment_get_upper (h) > gtk_adjustment_get_page_size (h) + 0.5 ||
         gtk_adjustment_get_upper (v) > gtk_adjustment_get_page_size (v) + 0.5;
}

static gboolean
viewer_showing (gpointer unused)
{
  return kiosk_test_showing (KIOSK_PAGE_ATTACHMENT_VIEWER) &&
         kiosk_attachment_viewer_page_get_showing (viewer_page ());
}

static gboolean
phone_waiting (gpointer unused)
{
  return kiosk_test_showing (KIOSK_PAGE_PHONE_UPLOAD) &&
         kiosk_phone_upload_page_get_state (phone_page ()) == KIOSK_PHONE_UPLOAD_WAITING;
}

/* Opens the education record's form: its attachments under it. */
static void
open_record_form (void)
{
  KioskRecordListPage *list = KIOSK_RECORD_LIST_PAGE (kiosk_test_page (KIOSK_PAGE_RECORD_LIST));

  log_in (KIOSK_PAGE_LOGIN, "登录");
  ensure_record ();
  g_assert_true (
      kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_RECORD_LIST, "kind", "education", NULL));
  g_assert_true (kiosk_test_wait_for (list_loaded, NULL, 10000));
  kiosk_test_tap_widget (kiosk_record_list_page_get_row_button (list, 0, "修改"));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_RECORD_FORM, 5000));
  g_assert_true (
      kiosk_test_wait_for (attachments_shown, GUINT_TO_POINTER (n_registry_attachments ()), 10000));
}

static char *
stick_folder (void)
{
  g_autofree char *content = g_build_filename (folder, "stick", NULL);

  kiosk_test_remove_tree (content);
  g_assert_cmpint (g_mkdir_with_parents (content, 0700), ==, 0);
  return g_steal_pointer (&content);
}

/* ---- the paths ---- */

/* The stick's pictures and PDFs, and nothing else, as thumbnails; the PDF
 * uploaded; Add from USB stick only while the stick is in. */
static void
test_usb_upload (void)
{
  g_autofree char *content = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *link = NULL;
  g_autofree char *path = NULL;
  g_autoptr (JsonArray) stored = NULL;
  GtkWidget *usb_button;

  if (skip_without_usb ())
    return;
  open_record_form ();
  usb_button = kiosk_attachments_get_usb_button (attachments ());
  g_assert_false (gtk_widget_get_visible (usb_button));
  g_assert_true (gtk_widget_get_mapped (kiosk_attachments_get_phone_button (attachments ())));

  content = stick_folder ();
  sub = g_build_filename (content, "证书", NULL);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  path = g_build_filename (sub, "毕业证.jpg", NULL);
  write_jpeg (path, 1200, 900);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (content, "scan.pdf", NULL);
  write_two_page_pdf (path);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (content, "notes.txt", NULL);
  write_text (path, "not a picture");
  g_clear_pointer (&path, g_free);
  /* a name says nothing: this is text */
  path = g_build_filename (content, "fake.jpg", NULL);
  write_text (path, "GIF89a, or rather, plain text");
  g_clear_pointer (&path, g_free);
  /* a JPEG's start and nothing after: listed, then found damaged */
  path = g_build_filename (content, "broken.jpg", NULL);
  write_text (path, "\xff\xd8\xff\xe0 and no picture after it");
  g_clear_pointer (&path, g_free);
  /* a link off the drive, to a picture outside it */
  secret = g_build_filename (folder, "outside.jpg", NULL);
  write_jpeg (secret, 64, 64);
  link = g_build_filename (content, "outside.jpg", NULL);
  g_assert_cmpint (symlink (secret, link), ==, 0);
  plug_stick (content);

  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, usb_button, 10000));
  kiosk_test_tap_widget (usb_button);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_USB_PICKER, 5000));
  g_assert_true (kiosk_test_wait_for (picker_listed, NULL, 20000));
  g_assert_cmpuint (kiosk_usb_picker_page_get_n_files (picker_page ()), ==, 3);
  /* newest first, and by name within a second: either way this order */
  g_assert_cmpstr (kiosk_usb_picker_page_get_file_name (picker_page (), 0), ==, "broken.jpg");
  g_assert_cmpstr (kiosk_usb_picker_page_get_file_name (picker_page (), 1), ==, "scan.pdf");
  g_assert_cmpstr (kiosk_usb_picker_page_get_file_name (picker_page (), 2), ==, "毕业证.jpg");
  g_assert_false (
      gtk_widget_is_sensitive (kiosk_usb_picker_page_get_upload_button (picker_page ())));
  /* the thumbnails come after the list, one by one; the broken file stays
   * listed, greyed, and cannot be picked */
  g_assert_true (kiosk_test_wait_for (picker_drawn, GUINT_TO_POINTER (3), 20000));
  kiosk_test_tap_widget (kiosk_usb_picker_page_get_file_tile (picker_page (), "scan.pdf"));
  kiosk_test_spin (300); /* time for keys that must not come up */
  g_assert_false (kiosk_keyboard_dock_get_shown (dock ()));
  g_assert_true (kiosk_usb_picker_page_get_file_damaged (picker_page (), 0));
  g_assert_false (kiosk_usb_picker_page_get_file_damaged (picker_page (), 1));
  g_assert_false (kiosk_usb_picker_page_get_file_damaged (picker_page (), 2));
  g_assert_false (
      gtk_widget_is_sensitive (kiosk_usb_picker_page_get_file_tile (picker_page (), "broken.jpg")));
  for (guint i = 1; i < 3; i++)
    g_assert_nonnull (gtk_image_get_paintable (GTK_IMAGE (kiosk_test_find_by_type (
        kiosk_usb_picker_page_get_file_tile (
            picker_page (), kiosk_usb_picker_page_get_file_name (picker_page (), i)),
        GTK_TYPE_IMAGE))));

  kiosk_test_tap_widget (kiosk_usb_picker_page_get_file_tile (picker_page (), "scan.pdf"));
  kiosk_test_tap_widget (kiosk_usb_picker_page_get_upload_button (picker_page ()));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_RECORD_FORM, 20000));
  g_assert_true (kiosk_test_wait_for (attachments_shown, GUINT_TO_POINTER (1), 10000));
  /* the form waited as it was: still the record's */
  g_assert_cmpstr (gtk_editable_get_text (
                       GTK_EDITABLE (kiosk_record_form_page_get_editor (form_page (), "school"))),
                   ==, "北京大学");

  stored = registry_attachments ();
  g_assert_cmpuint (json_array_get_length (stored), ==, 1);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (stored, 0), "media_type"), ==,
      "application/pdf");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (stored, 0), "pages"),
                   ==, 2);

  unplug_stick ();
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, usb_button, 10000));
}

/* A stick mounted without nodev and nosuid (not by the kiosk's rule) is not
 * read: nothing listed, the person told to use their phone, staff why. */
static void
test_usb_without_nodev (void)
{
  g_autofree char *content = NULL;
  g_autofree char *path = NULL;
  GtkWidget *usb_button;
  const char *status;

  if (skip_without_usb ())
    return;
  open_record_form ();
  usb_button = kiosk_attachments_get_usb_button (attachments ());
  content = stick_folder ();
  path = g_build_filename (content, "毕业证.jpg", NULL);
  write_jpeg (path, 1200, 900);
  plug_stick_options (content, "loop,ro");

  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, usb_button, 10000));
  kiosk_test_tap_widget (usb_button);
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_USB_PICKER, 5000));
  g_assert_true (kiosk_test_wait_for (picker_listed, NULL, 20000));
  g_assert_cmpuint (kiosk_usb_picker_page_get_n_files (picker_page ()), ==, 0);
  status = kiosk_usb_picker_page_get_status_text (picker_page ());
  g_assert_true (g_str_has_prefix (status, "本机不能使用这个 U 盘"));
  g_assert_nonnull (strstr (status, "nodev"));
  kiosk_page_go_back (KIOSK_PAGE (picker_page ()));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_RECORD_FORM, 5000));
  unplug_stick ();
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, usb_button, 10000));
}

static gboolean
picker_refused (gpointer unused)
{
  return !kiosk_usb_picker_page_get_busy (picker_page ()) &&
         g_strcmp0 (kiosk_usb_picker_page_get_status_text (picker_page ()),
                    "无法读取这个文件。U 盘还插着吗？") == 0;
}

/* Files listed, then swapped on the stick for links off it (the file itself,
 * and the folder a file is in): Upload opens nothing outside the drive. */
static void
test_usb_swapped_for_link (void)
{
  g_autofree char *content = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *path = NULL;
  g_autofree char *outside = NULL;
  g_autofree char *outside_folder = NULL;
  g_autofree char *on_stick = NULL;
  guint before;

  if (skip_without_usb ())
    return;
  open_record_form ();
  before = n_registry_attachments ();

  content = stick_folder ();
  sub = g_build_filename (content, "证书", NULL);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  path = g_build_filename (sub, "毕业证.jpg", NULL);
  write_jpeg (path, 320, 240);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (content, "scan.pdf", NULL);
  write_two_page_pdf (path);
  g_clear_pointer (&path, g_free);
  /* what the links lead to: a picture and a folder off the drive */
  outside = g_build_filename (folder, "outside.pdf", NULL);
  write_two_page_pdf (outside);
  outside_folder = g_build_filename (folder, "outside-folder", NULL);
  kiosk_test_remove_tree (outside_folder);
  g_assert_cmpint (g_mkdir (outside_folder, 0700), ==, 0);
  path = g_build_filename (outside_folder, "毕业证.jpg", NULL);
  write_jpeg (path, 320, 240);
  g_clear_pointer (&path, g_free);
  plug_stick_mode (content, TRUE);

  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped,
                                      kiosk_attachments_get_usb_button (attachments ()), 10000));
  kiosk_test_tap_widget (kiosk_attachments_get_usb_button (attachments ()));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_USB_PICKER, 5000));
  g_assert_true (kiosk_test_wait_for (picker_listed, NULL, 20000));
  g_assert_cmpuint (kiosk_usb_picker_page_get_n_files (picker_page ()), ==, 2);
  /* swapped once drawn, so that only the upload meets the links */
  g_assert_true (kiosk_test_wait_for (picker_drawn, GUINT_TO_POINTER (2), 20000));

  /* the listed file becomes a link to a file outside */
  on_stick = g_build_filename (STICK, "scan.pdf", NULL);
  g_assert_cmpint (g_unlink (on_stick), ==, 0);
  g_assert_cmpint (symlink (outside, on_stick), ==, 0);
  kiosk_test_tap_widget (kiosk_usb_picker_page_get_file_tile (picker_page (), "scan.pdf"));
  kiosk_test_tap_widget (kiosk_usb_picker_page_get_upload_button (picker_page ()));
  g_assert_true (kiosk_test_wait_for (picker_refused, NULL, 10000));
  g_assert_true (kiosk_test_showing (KIOSK_PAGE_USB_PICKER));
  g_assert_cmpuint (n_registry_attachments (), ==, before);

  /* the listed file's folder becomes a link to a folder outside */
  g_clear_pointer (&on_stick, g_free);
  on_stick = g_build_filename (STICK, "证书", NULL);
  path = g_build_filename (on_stick, "毕业证.jpg", NULL);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (on_stick), ==, 0);
  g_assert_cmpint (symlink (outside_folder, on_stick), ==, 0);
  kiosk_test_tap_widget (kiosk_usb_picker_page_get_file_tile (picker_page (), "毕业证.jpg"));
  kiosk_test_tap_widget (kiosk_usb_picker_page_get_upload_button (picker_page ()));
  g_assert_true (kiosk_test_wait_for (picker_refused, NULL, 10000));
  g_assert_cmpuint (n_registry_attachments (), ==, before);

  kiosk_page_go_back (KIOSK_PAGE (picker_page ()));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_RECORD_FORM, 5000));
  unplug_stick ();
  kiosk_test_remove_tree (outside_folder);
  g_unlink (outside);
}

/* The PDF on the whole screen: its two pages, zoomed in and out. */
static void
test_view (void)
{
  GtkWidget *tile;
  GdkPaintable *fitted;
  int fitted_width;

  if (skip_without_usb ())
    return;
  open_record_form ();
  g_assert_cmpuint (kiosk_attachments_get_n_attachments (attachments ()), ==, 1);
  tile = kiosk_attachments_get_tile (attachments (), 0);
  kiosk_test_tap (tile, "查看");
  g_assert_true (kiosk_test_wait_for (viewer_showing, NULL, 20000));
  g_assert_cmpuint (
      kiosk_document_get_n_pages (kiosk_attachment_viewer_page_get_document (viewer_page ())), ==,
      2);
  g_assert_cmpstr (
      kiosk_document_get_media_type (kiosk_attachment_viewer_page_get_document (viewer_page ())),
      ==, "application/pdf");

  kiosk_test_tap (GTK_WIDGET (viewer_page ()), "下一页");
  g_assert_true (kiosk_test_wait_for (viewer_showing, NULL, 10000));
  g_assert_cmpuint (kiosk_attachment_viewer_page_get_page (viewer_page ()), ==, 1);
  fitted = kiosk_attachment_viewer_page_get_paintable (viewer_page ());
  fitted_width = gdk_paintable_get_intrinsic_width (fitted);
  /* at 1× the page fits its view whatever the size it was drawn at */
  kiosk_test_wait_drawn (GTK_WIDGET (viewer_page ()));
  g_assert_false (viewer_scrolls ());

  kiosk_test_tap (GTK_WIDGET (viewer_page ()), "放大");
  g_assert_true (kiosk_test_wait_for (viewer_showing, NULL, 10000));
  g_assert_cmpfloat (kiosk_attachment_viewer_page_get_zoom (viewer_page ()), ==, 1.5);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (
                       kiosk_attachment_viewer_page_get_paintable (viewer_page ())),
                   >, fitted_width);
  /* zoomed in, it keeps its size and pans */
  kiosk_test_wait_drawn (GTK_WIDGET (viewer_page ()));
  g_assert_true (viewer_scrolls ());
  kiosk_test_tap (GTK_WIDGET (viewer_page ()), "缩小");
  g_assert_true (kiosk_test_wait_for (viewer_showing, NULL, 10000));

  /* Back returns to the record; the viewer keeps nothing */
  kiosk_page_go_back (KIOSK_PAGE (viewer_page ()));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_RECORD_FORM, 5000));
  g_assert_null (kiosk_attachment_viewer_page_get_document (viewer_page ()));
  g_assert_null (kiosk_attachment_viewer_page_get_paintable (viewer_page ()));
}

/* the viewer says why it shows nothing, no longer loading */
static gboolean
viewer_says_why (gpointer unused)
{
  const char *status = kiosk_attachment_viewer_page_get_status_text (viewer_page ());

  return kiosk_test_showing (KIOSK_PAGE_ATTACHMENT_VIEWER) && status != NULL &&
         g_strcmp0 (status, "正在加载……") != 0;
}

/* the viewer says that the page it turned to cannot be shown */
static gboolean
viewer_page_fails (gpointer unused)
{
  return g_strcmp0 (kiosk_attachment_viewer_page_get_status_text (viewer_page ()),
                    "这一页无法显示。") == 0;
}

/* the button under @root labelled @label, whether or not it is on show */
static GtkWidget *
any_button (GtkWidget *root, const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = any_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether AT-SPI lists @widget under @root: GTK presents a widget that is
 * visible and not hidden from it, below ancestors that are too, whether
 * or not it is mapped. */
static gboolean
announced (GtkWidget *widget, GtkWidget *root)
{
  for (GtkWidget *w = widget; w != NULL && w != root; w = gtk_widget_get_parent (w))
    {
      g_autofree char *hidden =
          gtk_test_accessible_check_state (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);

      if (!gtk_widget_get_visible (w) || hidden == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Whether the window as drawn shows something of @widget where it is: not
 * only its place, the same colour all over. */
static gboolean
drawn (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  graphene_rect_t bounds;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  guint32 first = 0;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (int y = MAX ((int) bounds.origin.y, 0);
       y < MIN ((int) (bounds.origin.y + bounds.size.height), height); y++)
    for (int x = MAX ((int) bounds.origin.x, 0);
         x < MIN ((int) (bounds.origin.x + bounds.size.width), width); x++)
      {
        guint32 pixel;

        memcpy (&pixel, pixels + ((gsize) y * width + x) * 4, 4);
        if (x == MAX ((int) bounds.origin.x, 0) && y == MAX ((int) bounds.origin.y, 0))
          first = pixel;
        else if (pixel != first)
          return TRUE;
      }
  return FALSE;
}

/* the top left corner of @widget in the window */
static graphene_point_t
corner (GtkWidget *widget)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (
      gtk_widget_compute_point (widget, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &point));
  return point;
}

/* @widget is where it was, at @before */
static void
assert_in_place (GtkWidget *widget, graphene_point_t before)
{
  graphene_point_t now = corner (widget);

  g_assert_cmpfloat (now.x, ==, before.x);
  g_assert_cmpfloat (now.y, ==, before.y);
}

/* A file the registry no longer has is said to be gone, with nothing
 * under the words to zoom (not even greyed); the next good file has its
 * zoom again. A page of it that cannot be drawn has no zoom either, and
 * Previous and Next stay where they were for the finger that turns the
 * pages. */
static void
test_view_missing (void)
{
  GtkWidget *viewer = GTK_WIDGET (viewer_page ());
  g_autofree char *failing = g_build_filename (folder, "failing-renderer", NULL);
  g_autoptr (GError) error = NULL;
  GtkWidget *previous, *next, *zoom_in;
  graphene_point_t previous_at, next_at;

  if (skip_without_usb ())
    return;
  open_record_form ();
  g_assert_cmpuint (kiosk_attachments_get_n_attachments (attachments ()), ==, 1);
  /* deleted from another kiosk while this one still lists it */
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_ATTACHMENT_VIEWER,
                                   "attachment-id", (gint64) 999999, "return-page",
                                   KIOSK_PAGE_RECORD_FORM, NULL));
  g_assert_true (kiosk_test_wait_for (viewer_says_why, NULL, 10000));
  g_assert_null (kiosk_attachment_viewer_page_get_paintable (viewer_page ()));
  g_assert_false (gtk_widget_get_visible (
      GTK_WIDGET (kiosk_attachment_viewer_page_get_scroller (viewer_page ()))));
  g_assert_null (kiosk_test_find_button (viewer, "放大"));
  g_assert_null (kiosk_test_find_button (viewer, "缩小"));
  g_assert_null (kiosk_test_find_button (viewer, "下一页"));

  kiosk_page_go_back (KIOSK_PAGE (viewer_page ()));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_RECORD_FORM, 5000));
  g_assert_true (
      kiosk_test_wait_for (attachments_shown, GUINT_TO_POINTER (n_registry_attachments ()), 10000));
  kiosk_test_tap (kiosk_attachments_get_tile (attachments (), 0), "查看");
  g_assert_true (kiosk_test_wait_for (viewer_showing, NULL, 20000));
  g_assert_nonnull (kiosk_test_find_button (viewer, "放大"));
  g_assert_nonnull (kiosk_test_find_button (viewer, "缩小"));
  previous = kiosk_test_find_button (viewer, "上一页");
  next = kiosk_test_find_button (viewer, "下一页");
  zoom_in = kiosk_test_find_button (viewer, "放大");
  g_assert_true (announced (zoom_in, viewer));
  kiosk_test_wait_drawn (viewer);
  g_assert_true (drawn (zoom_in));
  previous_at = corner (previous);
  next_at = corner (next);

  /* its second page cannot be drawn: a renderer that reads the file and fails */
  g_file_set_contents (failing, "#!/bin/sh\ncat >/dev/null\nexit 1\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (failing, 0755), ==, 0);
  g_setenv ("PRACTITIONER_PDF_RENDERER", failing, TRUE);
  kiosk_test_tap_widget (next);
  g_assert_true (kiosk_test_wait_for (viewer_page_fails, NULL, 20000));
  g_unsetenv ("PRACTITIONER_PDF_RENDERER");
  g_assert_cmpuint (kiosk_attachment_viewer_page_get_page (viewer_page ()), ==, 1);
  g_assert_null (kiosk_test_find_button (viewer, "放大"));
  g_assert_null (kiosk_test_find_button (viewer, "缩小"));
  g_assert_false (announced (zoom_in, viewer));
  g_assert_false (announced (any_button (viewer, "缩小"), viewer));
  kiosk_test_wait_drawn (viewer);
  g_assert_false (drawn (zoom_in));
  assert_in_place (previous, previous_at);
  assert_in_place (next, next_at);

  /* back to the first page, drawn again: its zoom is back, nothing moved */
  kiosk_test_tap_widget (previous);
  g_assert_true (kiosk_test_wait_for (viewer_showing, NULL, 20000));
  g_assert_cmpuint (kiosk_attachment_viewer_page_get_page (viewer_page ()), ==, 0);
  g_assert_true (kiosk_test_find_button (viewer, "放大") == zoom_in);
  g_assert_true (announced (zoom_in, viewer));
  kiosk_test_wait_drawn (viewer);
  g_assert_true (drawn (zoom_in));
  assert_in_place (previous, previous_at);
  assert_in_place (next, next_at);
  g_unlink (failing);

  kiosk_page_go_back (KIOSK_PAGE (viewer_page ()));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_RECORD_FORM, 5000));
}

/* whether @tile asks whether to delete (its Keep on show) */
static gboolean
asking (gpointer tile)
{
  return kiosk_test_find_button (tile, "保留") != NULL;
}

static gboolean
not_asking (gpointer tile)
{
  return !asking (tile) && kiosk_test_find_button (tile, "删除") != NULL;
}

/* Delete asks first; Keep keeps it, Delete deletes it at the registry. */
static void
test_delete (void)
{
  GtkWidget *tile;
  g_autoptr (JsonArray) after = NULL;

  if (skip_without_usb ())
    return;
  open_record_form ();
  g_assert_cmpuint (kiosk_attachments_get_n_attachments (attachments ()), ==, 1);
  tile = kiosk_attachments_get_tile (attachments (), 0);
  kiosk_test_tap (tile, "删除");
  g_assert_true (kiosk_test_wait_for (asking, tile, 5000));
  kiosk_test_tap (tile, "保留");
  g_assert_true (kiosk_test_wait_for (not_asking, tile, 5000));
  kiosk_test_spin (300); /* time for a deletion that must not come */
  g_assert_cmpuint (kiosk_attachments_get_n_attachments (attachments ()), ==, 1);
  g_assert_cmpuint (n_registry_attachments (), ==, 1);

  kiosk_test_tap (tile, "删除");
  g_assert_true (kiosk_test_wait_for (asking, tile, 5000));
  /* the tile's own question: its Delete is now the confirming one */
  {
    GtkWidget *confirm = NULL;

    for (GtkWidget *child = gtk_widget_get_last_child (tile); child != NULL && confirm == NULL;
         child = gtk_widget_get_prev_sibling (child))
      if (gtk_widget_get_visible (child))
        confirm = kiosk_test_find_button (child, "删除");
    g_assert_nonnull (confirm);
    kiosk_test_tap_widget (confirm);
  }
  g_assert_true (kiosk_test_wait_for (attachments_shown, GUINT_TO_POINTER (0), 10000));
  after = registry_attachments ();
  g_assert_cmpuint (json_array_get_length (after), ==, 0);

  /* the frame's Back leaves the form for the list of its kind */
  g_object_set (kiosk_test_page (KIOSK_PAGE_RECORD_LIST), "kind", "degrees", NULL);
  kiosk_test_tap_widget (kiosk_page_get_back_button (KIOSK_PAGE (form_page ())));
  g_assert_true (kiosk_test_wait_for (list_loaded, NULL, 10000));
  g_assert_cmpstr (kiosk_record_list_page_get_kind (
                       KIOSK_RECORD_LIST_PAGE (kiosk_test_page (KIOSK_PAGE_RECORD_LIST))),
                   ==, "education");
}

/* The QR code's link, opened by a real browser that uploads a photo through
 * the registry's phone page: the kiosk notices and shows the thumbnail. */
static void
test_phone_upload (void)
{
  g_autofree char *script =
      g_test_build_filename (G_TEST_DIST, "..", "registry", "phone-page-browser.py", NULL);
  g_autofree char *photo = g_build_filename (folder, "photo.jpg", NULL);
  g_autofree char *url = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) stored = NULL;
  guint before;
  int status = 0;

  open_record_form ();
  before = kiosk_attachments_get_n_attachments (attachments ());
  kiosk_test_tap_widget (kiosk_attachments_get_phone_button (attachments ()));
  g_assert_true (kiosk_test_wait_for (phone_waiting, NULL, 10000));
  g_assert_nonnull (kiosk_phone_upload_page_get_qr (phone_page ()));
  g_assert_cmpstr (kiosk_phone_upload_page_get_status_text (phone_page ()), ==, "正在等待您上传……");
  /* the person is busy with their phone: the idle limit is the link's life */
  g_assert_cmpuint (kiosk_page_get_idle_limit (KIOSK_PAGE (phone_page ())), >, 300);
  url = g_strdup (kiosk_phone_upload_page_get_url (phone_page ()));
  g_assert_true (g_str_has_prefix (url, registry->base_url));

  write_jpeg (photo, 1600, 1200);
  {
    const char *argv[] = { "/usr/bin/python3", script, url, photo, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("the browser failed: %s%s", out, err);
    g_test_message ("browser: %s", out);
  }

  /* back to the record by itself, with the photo's thumbnail */
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_RECORD_FORM, 10000));
  g_assert_true (kiosk_test_wait_for (attachments_shown, GUINT_TO_POINTER (before + 1), 10000));
  g_assert_null (kiosk_phone_upload_page_get_qr (phone_page ()));
  stored = registry_attachments ();
  g_assert_cmpuint (json_array_get_length (stored), ==, before + 1);
}

static gboolean
print_done (gpointer page)
{
  FormsPrintJob *job = kiosk_print_page_get_job (page);

  return job != NULL && forms_print_job_get_finished (job);
}

static gboolean
print_ready (gpointer page)
{
  GtkWidget *button = kiosk_test_find_button (GTK_WIDGET (page), "打印");

  return kiosk_print_page_get_selected_printer (page) != NULL && button != NULL &&
         gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button);
}

static gboolean
form_status_is (gpointer status)
{
  JsonObject *record = kiosk_visit_get_form_record (visit ());

  return record != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (record, "status", NULL), status) ==
             0;
}

/* The signature page while the registry's answer is on its way: it says so,
 * shows no status and offers no upload. */
static void
assert_form_checking (void)
{
  g_assert_cmpstr (kiosk_signature_page_get_status_text (signature_page ()), ==,
                   "正在查询采集表的状态……");
  g_assert_null (kiosk_signature_page_get_times_text (signature_page ()));
  g_assert_false (
      gtk_widget_get_visible (kiosk_signature_page_get_phone_button (signature_page ())));
  g_assert_false (
      gtk_widget_get_visible (kiosk_signature_page_get_view_button (signature_page ())));
}

/* Uploaded, the page says so and what is left (nothing, or a new scan
 * to replace it), and View is the primary action: Print is offered again
 * only beside the rest, no longer as the next step. */
static void
assert_form_on_record (void)
{
  const char *steps = kiosk_signature_page_get_steps_text (signature_page ());

  g_assert_true (g_str_has_prefix (steps, "无需其他操作。"));
  g_assert_null (strstr (steps, "打印表格"));
  g_assert_false (
      gtk_widget_get_visible (kiosk_signature_page_get_print_button (signature_page ())));
  g_assert_null (kiosk_test_find_button (GTK_WIDGET (signature_page ()), "打印采集表"));
  g_assert_true (gtk_widget_get_visible (kiosk_signature_page_get_view_button (signature_page ())));
  g_assert_true (gtk_widget_is_ancestor (kiosk_signature_page_get_view_button (signature_page ()),
                                         kiosk_page_get_primary (KIOSK_PAGE (signature_page ()))));
  g_assert_true (
      gtk_widget_get_visible (kiosk_signature_page_get_reprint_button (signature_page ())));
}

static gboolean
form_shown_as (gpointer prefix)
{
  return g_str_has_prefix (kiosk_signature_page_get_status_text (signature_page ()), prefix);
}

/* Print on the virtual printer: 已打印, at the registry too. The rendered
 * form from a stick as the signed scan: 已上传, and viewable; back to the
 * page, "checking" until the registry answers. */
static void
test_signature_form (void)
{
  KioskPrintPage *print_page = KIOSK_PRINT_PAGE (kiosk_test_page (KIOSK_PAGE_PRINT));
  g_autofree char *content = NULL;
  g_autofree char *scan = NULL;
  g_autoptr (JsonNode) at_registry = NULL;
  cairo_surface_t *surface;
  g_autoptr (GError) error = NULL;
  KioskHomePage *home = KIOSK_HOME_PAGE (kiosk_test_page (KIOSK_PAGE_HOME));

  log_in (KIOSK_PAGE_LOGIN, "登录");
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_HOME, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_HOME, 5000));
  g_assert_true (kiosk_test_wait_for (
      kiosk_test_is_mapped, kiosk_home_page_get_tile (home, "signature-information"), 10000));
  kiosk_test_tap_widget (kiosk_home_page_get_tile (home, "signature-information"));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SIGNATURE, 5000));
  /* nothing of the registry's answer can have come yet: no status is shown */
  assert_form_checking ();
  g_assert_true (kiosk_test_wait_for (form_status_is, "to_print", 10000));
  g_assert_cmpstr (kiosk_signature_page_get_status_text (signature_page ()), ==,
                   "待打印：请先打印采集表，再手写签名。");
  g_assert_false (
      gtk_widget_get_visible (kiosk_signature_page_get_view_button (signature_page ())));
  g_assert_true (
      gtk_widget_get_visible (kiosk_signature_page_get_print_button (signature_page ())));
  g_assert_false (
      gtk_widget_get_visible (kiosk_signature_page_get_reprint_button (signature_page ())));

  kiosk_test_tap (GTK_WIDGET (signature_page ()), "打印采集表");
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_PRINT, 5000));
  g_assert_true (kiosk_test_wait_for (print_ready, print_page, 20000));
  kiosk_test_tap (GTK_WIDGET (print_page), "打印");
  g_assert_true (kiosk_test_wait_for (print_done, print_page, 60000));
  g_assert_true (kiosk_test_wait_for (form_status_is, "printed", 10000));
  at_registry = registry_get ("/v1/me/signature-form");
  g_assert_cmpstr (registry_test_json_string (at_registry, "status"), ==, "printed");
  g_assert_cmpstr (registry_test_json_string (at_registry, "label"), ==, "已打印");

  kiosk_page_go_back (KIOSK_PAGE (print_page));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SIGNATURE, 5000));
  g_assert_true (kiosk_test_wait_for (form_shown_as, "已打印", 10000));
  g_assert_nonnull (strstr (kiosk_signature_page_get_times_text (signature_page ()), "打印时间"));
  /* no stick in: the phone is the one way offered, and the only one named */
  g_assert_true (
      gtk_widget_get_visible (kiosk_signature_page_get_phone_button (signature_page ())));
  g_assert_false (gtk_widget_get_visible (kiosk_signature_page_get_usb_button (signature_page ())));
  g_assert_null (strstr (kiosk_signature_page_get_steps_text (signature_page ()), "U 盘"));
  g_assert_nonnull (strstr (kiosk_signature_page_get_steps_text (signature_page ()), "手机"));

  if (skip_without_usb ())
    return;
  /* the form as drawn for paper, signed by nobody: its QR code is the point */
  content = stick_folder ();
  scan = g_build_filename (content, "signed-form.png", NULL);
  surface = forms_render_image (kiosk_visit_get_form (visit ()), 2.0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_surface_write_to_png (surface, scan), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  plug_stick (content);

  /* a stick put in while the page shows brings its way, and its mention */
  g_assert_true (kiosk_test_wait_for (
      kiosk_test_is_mapped, kiosk_signature_page_get_usb_button (signature_page ()), 10000));
  g_assert_nonnull (strstr (kiosk_signature_page_get_steps_text (signature_page ()), "U 盘"));
  kiosk_test_tap_widget (kiosk_signature_page_get_usb_button (signature_page ()));
  g_assert_true (kiosk_test_wait_for (picker_listed, NULL, 20000));
  g_assert_cmpuint (kiosk_usb_picker_page_get_n_files (picker_page ()), ==, 1);
  kiosk_test_tap_widget (kiosk_usb_picker_page_get_file_tile (picker_page (), "signed-form.png"));
  kiosk_test_tap_widget (kiosk_usb_picker_page_get_upload_button (picker_page ()));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SIGNATURE, 30000));
  g_assert_true (kiosk_test_wait_for (form_status_is, "uploaded", 10000));
  g_assert_true (kiosk_test_wait_for (form_shown_as, "已上传", 10000));
  assert_form_on_record ();
  g_clear_pointer (&at_registry, json_node_unref);
  at_registry = registry_get ("/v1/me/signature-form");
  g_assert_cmpstr (registry_test_json_string (at_registry, "label"), ==, "已上传");
  unplug_stick ();

  g_assert_true (kiosk_test_wait_for (
      kiosk_test_is_mapped, kiosk_signature_page_get_view_button (signature_page ()), 5000));
  kiosk_test_tap_widget (kiosk_signature_page_get_view_button (signature_page ()));
  g_assert_true (kiosk_test_wait_for (viewer_showing, NULL, 20000));
  g_assert_cmpstr (
      kiosk_document_get_media_type (kiosk_attachment_viewer_page_get_document (viewer_page ())),
      ==, "image/png");

  /* back to the form later: never 待打印 for a form uploaded, not even for a moment */
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_HOME, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_HOME, 5000));
  g_assert_true (kiosk_test_wait_for (
      kiosk_test_is_mapped, kiosk_home_page_get_tile (home, "signature-information"), 10000));
  kiosk_test_tap_widget (kiosk_home_page_get_tile (home, "signature-information"));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SIGNATURE, 5000));
  assert_form_checking ();
  g_assert_true (kiosk_test_wait_for (form_shown_as, "已上传", 10000));
  assert_form_on_record ();
}

static KioskFormConfirmPage *
confirm_page (void)
{
  return KIOSK_FORM_CONFIRM_PAGE (kiosk_test_page (KIOSK_PAGE_FORM_CONFIRM));
}

static KioskStaffAuth *
staff_auth (void)
{
  return kiosk_services_get_staff_auth (kiosk_application_get_services (app));
}

static gboolean
picker_says (gpointer text)
{
  return !kiosk_usb_picker_page_get_busy (picker_page ()) &&
         g_strcmp0 (kiosk_usb_picker_page_get_status_text (picker_page ()), text) == 0;
}

static gboolean
confirm_settled (gpointer unused)
{
  return kiosk_test_showing (KIOSK_PAGE_FORM_CONFIRM) &&
         !kiosk_form_confirm_page_get_busy (confirm_page ()) &&
         kiosk_form_confirm_page_get_message (confirm_page ()) != NULL;
}

static gboolean
confirm_showing (gpointer unused)
{
  return kiosk_test_showing (KIOSK_PAGE_FORM_CONFIRM) &&
         kiosk_form_confirm_page_get_showing (confirm_page ());
}

static gint64
registry_scan_id (void)
{
  g_autoptr (JsonNode) form = registry_get ("/v1/me/signature-form");
  JsonNode *scan = json_object_get_member (json_node_get_object (form), "scan");

  return scan != NULL && JSON_NODE_HOLDS_OBJECT (scan)
             ? json_object_get_int_member (json_node_get_object (scan), "id")
             : 0;
}

/* A signed form whose QR code cannot be read (a blank page stands in for a
 * poor scan) is refused; staff, asked to confirm, see the scan beside the
 * person's name and masked ID number, sign in, and the registry takes the
 * same scan as staff-confirmed. A wrong password takes nothing, and staff
 * are signed out again afterwards. */
static void
test_staff_confirm (void)
{
  KioskHomePage *home = KIOSK_HOME_PAGE (kiosk_test_page (KIOSK_PAGE_HOME));
  g_autofree char *content = NULL;
  g_autofree char *path = NULL;
  g_autofree char *masked = core_mask_id_number (number);
  g_autoptr (GdkPixbuf) blank = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 900, 1200);
  g_autoptr (JsonNode) form = NULL;
  g_autoptr (GError) error = NULL;
  gint64 before;

  if (skip_without_usb ())
    return;
  log_in (KIOSK_PAGE_LOGIN, "登录");
  /* the form must be printed before a scan is taken */
  {
    g_autoptr (RegistryTestReply) printed =
        registry_test_request_session (soup, registry, "POST", "/v1/me/signature-form/printed",
                                       device_token, kiosk_visit_get_session_token (visit ()), "");

    g_assert_cmpuint (printed->status, ==, 200);
  }
  before = registry_scan_id ();
  content = stick_folder ();
  path = g_build_filename (content, "blurred-form.png", NULL);
  gdk_pixbuf_fill (blank, 0xffffffff);
  g_assert_true (gdk_pixbuf_save (blank, path, "png", &error, NULL));
  g_assert_no_error (error);
  plug_stick (content);

  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_HOME, NULL));
  g_assert_true (kiosk_test_wait_for (
      kiosk_test_is_mapped, kiosk_home_page_get_tile (home, "signature-information"), 10000));
  kiosk_test_tap_widget (kiosk_home_page_get_tile (home, "signature-information"));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SIGNATURE, 5000));
  g_assert_true (kiosk_test_wait_for (
      kiosk_test_is_mapped, kiosk_signature_page_get_usb_button (signature_page ()), 10000));
  kiosk_test_tap_widget (kiosk_signature_page_get_usb_button (signature_page ()));
  g_assert_true (kiosk_test_wait_for (picker_listed, NULL, 20000));
  g_assert_false (gtk_widget_get_visible (kiosk_usb_picker_page_get_staff_button (picker_page ())));
  kiosk_test_tap_widget (kiosk_usb_picker_page_get_file_tile (picker_page (), "blurred-form.png"));
  kiosk_test_tap_widget (kiosk_usb_picker_page_get_upload_button (picker_page ()));
  g_assert_true (kiosk_test_wait_for (picker_says,
                                      "无法识别表上的二维码，请重新扫描整张签字后的表，"
                                      "或请窗口工作人员确认。",
                                      30000));
  g_assert_cmpint (registry_scan_id (), ==, before);

  kiosk_test_tap_widget (kiosk_usb_picker_page_get_staff_button (picker_page ()));
  g_assert_true (kiosk_test_wait_for (confirm_showing, NULL, 20000));
  /* the name to compare with the signature, the ID number masked */
  g_assert_nonnull (strstr (kiosk_form_confirm_page_get_person_text (confirm_page ()), "钱七"));
  g_assert_nonnull (strstr (kiosk_form_confirm_page_get_person_text (confirm_page ()), masked));
  g_assert_null (strstr (kiosk_form_confirm_page_get_person_text (confirm_page ()), number));

  gtk_editable_set_text (kiosk_form_confirm_page_get_user_entry (confirm_page ()), STAFF_USER);
  gtk_editable_set_text (kiosk_form_confirm_page_get_password_entry (confirm_page ()),
                         "not-the-password");
  kiosk_test_tap_widget (kiosk_form_confirm_page_get_confirm_button (confirm_page ()));
  g_assert_true (kiosk_test_wait_for (confirm_settled, NULL, 20000));
  g_assert_cmpstr (kiosk_form_confirm_page_get_message (confirm_page ()), ==,
                   "账号或密码错误，请重新输入。");
  g_assert_cmpint (registry_scan_id (), ==, before);
  g_assert_null (kiosk_staff_auth_get_user (staff_auth ()));

  gtk_editable_set_text (kiosk_form_confirm_page_get_user_entry (confirm_page ()), STAFF_USER);
  gtk_editable_set_text (kiosk_form_confirm_page_get_password_entry (confirm_page ()),
                         STAFF_PASSWORD);
  kiosk_test_tap_widget (kiosk_form_confirm_page_get_confirm_button (confirm_page ()));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SIGNATURE, 30000));
  g_assert_true (kiosk_test_wait_for (form_shown_as, "已上传", 10000));
  /* staff vouched for this one scan, then left */
  g_assert_null (kiosk_staff_auth_get_user (staff_auth ()));
  g_assert_null (kiosk_staff_auth_get_session_token (staff_auth ()));
  form = registry_get ("/v1/me/signature-form");
  g_assert_true (registry_test_json_bool (form, "staff_confirmed"));
  g_assert_cmpint (registry_scan_id (), !=, before);
  g_assert_cmpstr (registry_test_json_string (form, "scan.media_type"), ==, "image/png");
  unplug_stick ();
}

static gboolean
phone_needs_staff (gpointer unused)
{
  return kiosk_test_showing (KIOSK_PAGE_PHONE_UPLOAD) &&
         kiosk_phone_upload_page_get_state (phone_page ()) == KIOSK_PHONE_UPLOAD_NEEDS_STAFF &&
         gtk_widget_get_mapped (kiosk_phone_upload_page_get_staff_button (phone_page ()));
}

/* The same from a phone: a photo of the form whose QR code cannot be read
 * (a blank page) goes through the phone page, which says staff at the
 * kiosk will check it; the kiosk fetches it from the registry and offers
 * staff the same confirmation as for a USB stick; confirmed, the form is
 * 已上传 and the link used. */
static void
test_phone_staff_confirm (void)
{
  g_autofree char *script =
      g_test_build_filename (G_TEST_DIST, "..", "registry", "phone-page-browser.py", NULL);
  KioskHomePage *home = KIOSK_HOME_PAGE (kiosk_test_page (KIOSK_PAGE_HOME));
  g_autofree char *photo = g_build_filename (folder, "blurred-photo.png", NULL);
  g_autoptr (GdkPixbuf) blank = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 900, 1200);
  g_autofree char *url = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *link_path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonNode) form = NULL;
  g_autoptr (JsonNode) link = NULL;
  gint64 before;
  int status = 0;

  log_in (KIOSK_PAGE_LOGIN, "登录");
  {
    g_autoptr (RegistryTestReply) printed =
        registry_test_request_session (soup, registry, "POST", "/v1/me/signature-form/printed",
                                       device_token, kiosk_visit_get_session_token (visit ()), "");

    g_assert_cmpuint (printed->status, ==, 200);
  }
  before = registry_scan_id ();
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_HOME, NULL));
  g_assert_true (kiosk_test_wait_for (
      kiosk_test_is_mapped, kiosk_home_page_get_tile (home, "signature-information"), 10000));
  kiosk_test_tap_widget (kiosk_home_page_get_tile (home, "signature-information"));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SIGNATURE, 5000));
  g_assert_true (kiosk_test_wait_for (
      kiosk_test_is_mapped, kiosk_signature_page_get_phone_button (signature_page ()), 10000));
  kiosk_test_tap_widget (kiosk_signature_page_get_phone_button (signature_page ()));
  g_assert_true (kiosk_test_wait_for (phone_waiting, NULL, 10000));
  g_assert_false (
      gtk_widget_get_visible (kiosk_phone_upload_page_get_staff_button (phone_page ())));
  url = g_strdup (kiosk_phone_upload_page_get_url (phone_page ()));
  link_path = g_strdup_printf ("/v1/me/upload-links/%" G_GINT64_FORMAT,
                               kiosk_phone_upload_page_get_link_id (phone_page ()));

  gdk_pixbuf_fill (blank, 0xffffffff);
  g_assert_true (gdk_pixbuf_save (blank, photo, "png", &error, NULL));
  g_assert_no_error (error);
  {
    const char *argv[] = { "/usr/bin/python3", script, url, photo, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("the browser failed: %s%s", out, err);
    g_test_message ("browser: %s", out);
  }
  /* the phone says staff at the kiosk will check it */
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  g_assert_nonnull (
      strstr (registry_test_json_string (json_parser_get_root (parser), "status"), "工作人员"));
  g_assert_cmpint (registry_scan_id (), ==, before);

  /* the kiosk: the USB picker's message and button */
  g_assert_true (kiosk_test_wait_for (phone_needs_staff, NULL, 20000));
  g_assert_cmpstr (kiosk_phone_upload_page_get_status_text (phone_page ()), ==,
                   "无法识别表上的二维码，请重新扫描整张签字后的表，或请窗口工作人员确认。");
  /* the time-left line no longer asks the person to upload */
  g_assert_cmpstr (kiosk_page_get_idle_note (KIOSK_PAGE (phone_page ())), ==, "等待工作人员核对");
  kiosk_test_tap_widget (kiosk_phone_upload_page_get_staff_button (phone_page ()));
  g_assert_true (kiosk_test_wait_for (confirm_showing, NULL, 20000));
  g_assert_nonnull (strstr (kiosk_form_confirm_page_get_person_text (confirm_page ()), "钱七"));

  gtk_editable_set_text (kiosk_form_confirm_page_get_user_entry (confirm_page ()), STAFF_USER);
  gtk_editable_set_text (kiosk_form_confirm_page_get_password_entry (confirm_page ()),
                         STAFF_PASSWORD);
  kiosk_test_tap_widget (kiosk_form_confirm_page_get_confirm_button (confirm_page ()));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_SIGNATURE, 30000));
  g_assert_true (kiosk_test_wait_for (form_shown_as, "已上传", 10000));
  g_assert_null (kiosk_staff_auth_get_user (staff_auth ()));
  form = registry_get ("/v1/me/signature-form");
  g_assert_true (registry_test_json_bool (form, "staff_confirmed"));
  g_assert_cmpint (registry_scan_id (), !=, before);
  g_assert_cmpstr (registry_test_json_string (form, "scan.media_type"), ==, "image/png");
  /* the link is used, and keeps nothing of the scan */
  link = registry_get (link_path);
  g_assert_cmpstr (registry_test_json_string (link, "status"), ==, "uploaded");
  {
    g_autofree char *scan_path = g_strconcat (link_path, "/pending-scan", NULL);
    g_autoptr (RegistryTestReply) gone =
        registry_test_request_session (soup, registry, "GET", scan_path, device_token,
                                       kiosk_visit_get_session_token (visit ()), NULL);

    g_assert_cmpuint (gone->status, ==, 404);
  }
}

/* A reset with a file on the screen and thumbnails under a form: nothing of
 * them stays, nor the QR code of a link. */
static void
test_reset_drops_everything (void)
{
  open_record_form ();
  g_assert_cmpuint (kiosk_attachments_get_n_thumbnails (attachments ()), >, 0);
  kiosk_test_tap (kiosk_attachments_get_tile (attachments (), 0), "查看");
  g_assert_true (kiosk_test_wait_for (viewer_showing, NULL, 20000));

  kiosk_flow_reset (kiosk_test_flow ());
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_assert_null (kiosk_attachment_viewer_page_get_document (viewer_page ()));
  g_assert_null (kiosk_attachment_viewer_page_get_paintable (viewer_page ()));
  g_assert_cmpuint (kiosk_attachments_get_n_attachments (attachments ()), ==, 0);
  g_assert_cmpuint (kiosk_attachments_get_n_thumbnails (attachments ()), ==, 0);
  g_assert_cmpuint (kiosk_usb_picker_page_get_n_files (picker_page ()), ==, 0);
  g_assert_null (kiosk_phone_upload_page_get_qr (phone_page ()));
  g_assert_null (kiosk_phone_upload_page_get_url (phone_page ()));
  g_assert_null (kiosk_visit_get_form_record (visit ()));
}

static void
start_kiosk (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *spool_arg = NULL;
  g_autoptr (CoreFiling) filing = NULL;
  g_autoptr (RegistryTestReply) reply = NULL;

  folder = g_dir_make_tmp ("kiosk-attachments-XXXXXX", &error);
  g_assert_no_error (error);
  cluster = registry_test_cluster_start ();
  registry_db = registry_test_cluster_new_database (cluster);
  device_token = registry_test_enroll_device (registry_db, "display-kiosk");
  registry_test_add_staff (registry_db, STAFF_USER, STAFF_PASSWORD);
  spool = g_build_filename (folder, "spool", NULL);
  g_assert_cmpint (g_mkdir (spool, 0700), ==, 0);
  spool_arg = g_strconcat ("spool:", spool, NULL);
  {
    const char *args[] = { "--sms", spool_arg, "--test-captcha-answer", ANSWER, NULL };
    registry = registry_test_process_start (cluster, registry_db, args);
  }
  soup = soup_session_new ();

  number = registry_test_resident_number (1986, SEQ);
  phone = g_strdup_printf ("139%08u", SEQ);
  filing = registry_test_card_filing (1986, SEQ, NULL);
  core_filing_set (filing, CORE_FILING_FIELD_NAME, "钱七");
  reply = registry_test_post_filing (soup, registry, device_token, filing);
  g_assert_cmpuint (reply->status, ==, 201);

  app = kiosk_test_start_enrolled_kiosk (folder, registry->base_url, device_token, &reader,
                                         &emulated);
  window = kiosk_test_get_window (app);
  log_in (KIOSK_PAGE_REGISTER, "注册");
}

int
main (int argc, char *argv[])
{
  int status;

  /* first, while the process has one thread */
  private_media ();
  cups = forms_test_cups_start ();
  forms_test_cups_add_printer (cups, PRINTER, TRUE);
  kiosk_application_setup_locale ();
  g_test_init (&argc, &argv, NULL);
  if (no_usb_reason != NULL)
    g_test_message ("USB sticks cannot be presented here: %s", no_usb_reason);
  start_kiosk ();

  g_test_add_func ("/attachments/usb-upload", test_usb_upload);
  g_test_add_func ("/attachments/usb-swapped-for-link", test_usb_swapped_for_link);
  g_test_add_func ("/attachments/usb-without-nodev", test_usb_without_nodev);
  g_test_add_func ("/attachments/view", test_view);
  g_test_add_func ("/attachments/view-missing", test_view_missing);
  g_test_add_func ("/attachments/delete", test_delete);
  g_test_add_func ("/attachments/phone-upload", test_phone_upload);
  g_test_add_func ("/attachments/signature-form", test_signature_form);
  g_test_add_func ("/attachments/staff-confirm", test_staff_confirm);
  g_test_add_func ("/attachments/phone-staff-confirm", test_phone_staff_confirm);
  g_test_add_func ("/attachments/reset-drops-everything", test_reset_drops_everything);

  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&soup);
  registry_test_process_stop (registry);
  registry_test_cluster_stop (cluster);
  forms_test_cups_stop (cups);
  kiosk_test_remove_tree (folder);
  return status;
}
