/* attachments-kiosk.c: a 5 MiB phone photo to its thumbnail on the kiosk's
 * screen, in the real kiosk window against a registry process on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A logged-in person's education record is open in the kiosk; Add from
 * phone shows a link's QR code. The phone's upload (the raw POST the phone
 * page makes to the link, from a thread standing in for the phone) starts
 * the clock; it stops at the first frame painted after the record's form
 * shows the new thumbnail, which took the kiosk's polling of the link, its
 * way back to the form, the list of attachments and the thumbnail's
 * download and decoding. Prints figures; asserts nothing about speed. Run
 * under a display (tests/display/run-under-display.sh).
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>

#include "kiosk-display-test.h"
#include "kiosk-phone-upload-page-private.h"
#include "kiosk-record-form-page-private.h"
#include "kiosk-record-list-page-private.h"
#include "registry-test-util.h"

#define ANSWER "K7MP"
#define RUNS 5
#define PHOTO_BYTES (5 * 1024 * 1024)
#define TARGET_MS 1500.0

static gint64 uploaded_at_us;
static gint64 painted_at_us;
static guint expected_thumbnails;

static KioskRecordFormPage *
form_page (void)
{
  return KIOSK_RECORD_FORM_PAGE (kiosk_test_page (KIOSK_PAGE_RECORD_FORM));
}

static gboolean
thumbnails_shown (gpointer n)
{
  KioskAttachments *attachments = kiosk_record_form_page_get_attachments (form_page ());

  return kiosk_test_showing (KIOSK_PAGE_RECORD_FORM) &&
         kiosk_attachments_get_n_thumbnails (attachments) == GPOINTER_TO_UINT (n);
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  if (uploaded_at_us != 0 && painted_at_us == 0 &&
      thumbnails_shown (GUINT_TO_POINTER (expected_thumbnails)))
    painted_at_us = g_get_monotonic_time ();
}

static gboolean
painted (gpointer unused)
{
  return painted_at_us != 0;
}

static gboolean
waiting (gpointer page)
{
  return kiosk_test_showing (KIOSK_PAGE_PHONE_UPLOAD) &&
         kiosk_phone_upload_page_get_state (page) == KIOSK_PHONE_UPLOAD_WAITING;
}

static gboolean
list_loaded (gpointer page)
{
  return kiosk_test_showing (KIOSK_PAGE_RECORD_LIST) && kiosk_record_list_page_get_loaded (page);
}

/* A phone photo: noise JPEG cannot squeeze, near @target bytes. */
static GBytes *
photo_of_size (gsize target)
{
  int width = 2600;
  GBytes *best = NULL;

  for (guint attempt = 0; attempt < 6; attempt++)
    {
      int height = width * 3 / 4;
      g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
      guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
      int stride = gdk_pixbuf_get_rowstride (pixbuf);
      guint32 state = 12345;
      gchar *buffer = NULL;
      gsize length = 0;

      for (int y = 0; y < height; y++)
        for (int x = 0; x < width * 3; x++)
          {
            state = state * 1103515245u + 12345u;
            pixels[(gsize) y * stride + x] = (guchar) (120 + ((state >> 16) % 100));
          }
      g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", NULL, "quality",
                                                "90", NULL));
      g_clear_pointer (&best, g_bytes_unref);
      best = g_bytes_new_take (buffer, length);
      if (length <= target && length > target * 9 / 10)
        break;
      width = (int) (width * sqrt ((double) target * 0.97 / (double) length));
    }
  return best;
}

typedef struct
{
  char *url;
  GBytes *photo;
  guint status;
} Upload;

/* the phone: the page's own POST of the raw file to its link */
static gpointer
phone_thread (gpointer data)
{
  Upload *upload = data;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", upload->url);
  g_autoptr (GBytes) reply = NULL;

  soup_message_set_request_body_from_bytes (msg, "image/jpeg", upload->photo);
  uploaded_at_us = g_get_monotonic_time ();
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  upload->status = soup_message_get_status (msg);
  return NULL;
}

static int
compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("bench-attachments-kiosk-XXXXXX", &error);
  g_autofree char *spool = g_build_filename (folder, "spool", NULL);
  g_autofree char *spool_arg = g_strconcat ("spool:", spool, NULL);
  g_autofree char *number = registry_test_resident_number (1981, 4);
  g_autofree char *phone = g_strdup ("13900000004");
  g_autofree char *session_token = NULL;
  g_autofree char *database = NULL;
  g_autofree char *device_token = NULL;
  g_autoptr (SoupSession) soup = soup_session_new ();
  g_autoptr (RegistryTestReply) current = NULL;
  g_autoptr (RegistryTestReply) created = NULL;
  g_autoptr (GBytes) photo = NULL;
  RegistryTestCluster *cluster;
  RegistryTestProcess *registry;
  KioskApplication *app;
  KioskWindow *window;
  KioskPhoneUploadPage *phone_page;
  KioskRecordListPage *list_page;
  IdcardReader *reader = NULL;
  IdcardEmulatedTransport *emulated = NULL;
  double samples[RUNS];
  guint n = 0;

  g_assert_no_error (error);
  kiosk_application_setup_locale ();
  gtk_init ();
  g_assert_cmpint (g_mkdir (spool, 0700), ==, 0);
  cluster = registry_test_cluster_start ();
  database = registry_test_cluster_new_database (cluster);
  device_token = registry_test_enroll_device (database, "bench-kiosk");
  {
    const char *args[] = { "--sms", spool_arg, "--test-captcha-answer", ANSWER, NULL };
    registry = registry_test_process_start (cluster, database, args);
  }
  registry_test_file_person (soup, registry, device_token, 1981, 4, phone);
  session_token =
      registry_test_person_session (soup, registry, device_token, spool, ANSWER, number, phone);
  created = registry_test_request_session (
      soup, registry, "POST", "/v1/me/education", device_token, session_token,
      "{\"school\": \"北京大学\", \"major\": \"土木工程\", \"level\": \"21\", \"graduated_on\": "
      "\"2009-06-30\", \"certificate_number\": \"100011200905001234\"}");
  g_assert_cmpuint (created->status, ==, 201);
  current = registry_test_request_session (soup, registry, "GET", "/v1/sessions/current",
                                           device_token, session_token, NULL);
  g_assert_cmpuint (current->status, ==, 200);
  photo = photo_of_size (PHOTO_BYTES);

  app = kiosk_test_start_enrolled_kiosk (folder, registry->base_url, device_token, &reader,
                                         &emulated);
  window = kiosk_test_get_window (app);
  phone_page = KIOSK_PHONE_UPLOAD_PAGE (kiosk_test_page (KIOSK_PAGE_PHONE_UPLOAD));
  list_page = KIOSK_RECORD_LIST_PAGE (kiosk_test_page (KIOSK_PAGE_RECORD_LIST));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  kiosk_visit_begin_session (
      kiosk_window_get_visit (window), session_token,
      json_object_get_object_member (json_node_get_object (current->json), "person"));

  kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_RECORD_LIST, "kind", "education", NULL);
  g_assert_true (kiosk_test_wait_for (list_loaded, list_page, 10000));
  g_signal_emit_by_name (kiosk_record_list_page_get_row_button (list_page, 0, "修改"), "clicked");
  g_assert_true (kiosk_test_wait_for (thumbnails_shown, GUINT_TO_POINTER (0), 10000));

  for (guint run = 0; run < RUNS; run++)
    {
      KioskAttachments *attachments = kiosk_record_form_page_get_attachments (form_page ());
      Upload upload = { 0 };
      GThread *thread;

      kiosk_test_spin (300);
      g_signal_emit_by_name (kiosk_attachments_get_phone_button (attachments), "clicked");
      g_assert_true (kiosk_test_wait_for (waiting, phone_page, 10000));
      upload.url = g_strdup (kiosk_phone_upload_page_get_url (phone_page));
      upload.photo = photo;
      expected_thumbnails = run + 1;
      painted_at_us = 0;
      thread = g_thread_new ("phone", phone_thread, &upload);
      kiosk_test_wait_for (painted, NULL, 20000);
      g_thread_join (thread);
      if (upload.status == 201 && painted (NULL))
        samples[n++] = (painted_at_us - uploaded_at_us) / 1000.0;
      else
        g_printerr ("run %u: upload answered %u, thumbnail %s\n", run, upload.status,
                    painted (NULL) ? "shown" : "not shown");
      uploaded_at_us = 0;
      g_free (upload.url);
    }

  qsort (samples, n, sizeof (double), compare);
  g_print ("attachments-kiosk-photo-bytes: %zu\n", g_bytes_get_size (photo));
  g_print ("attachments-kiosk-runs: %u of %d shown\n", n, RUNS);
  if (n > 0)
    {
      g_print ("attachments-kiosk-photo-to-thumbnail-median: %.0f ms (target < %.0f ms)\n",
               samples[n / 2], TARGET_MS);
      g_print ("attachments-kiosk-photo-to-thumbnail-max: %.0f ms\n", samples[n - 1]);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  registry_test_process_stop (registry);
  registry_test_cluster_stop (cluster);
  kiosk_test_remove_tree (folder);
  return 0;
}
