/* attachments.c: uploads of scans and photos to a real registry process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On SQLite over loopback, the registry side of two figures:
 * - a 5 MiB phone photo of the signed form uploaded through a phone link,
 *   until the kiosk, polling the link, has the new thumbnail;
 * - the registry's memory while 20 uploads of 10 MiB run at once.
 * Prints `figure: VALUE UNIT (target …)` lines; asserts nothing about speed.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#include "registry-test-util.h"

#define ANSWER "K7MP"
#define YEAR 1966
#define PARALLEL 20
/* how often the kiosk asks about a link */
#define POLL_MS 250

static RegistryTestCluster *cluster;
static RegistryTestProcess *process;
static char *device_token;
static char *person_session;
static char *qr_text;

/* A "photo": the form's QR code on a page with noise, which JPEG cannot
 * squeeze, sized until its JPEG is near @target bytes. */
static GBytes *
photo_of_size (gsize target)
{
  QRcode *code = QRcode_encodeString (qr_text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  double side = 2000;
  GBytes *best = NULL;

  for (guint attempt = 0; attempt < 6; attempt++)
    {
      int width = (int) side;
      int height = (int) (side * 0.75);
      g_autoptr (GdkPixbuf) page = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
      guchar *pixels = gdk_pixbuf_get_pixels (page);
      int stride = gdk_pixbuf_get_rowstride (page);
      int scale = MAX (4, width / 3 / code->width);
      g_autoptr (GError) error = NULL;
      gchar *buffer = NULL;
      gsize length = 0;
      guint32 state = 12345;

      for (int y = 0; y < height; y++)
        for (int x = 0; x < width * 3; x++)
          {
            state = state * 1103515245u + 12345u;
            pixels[(gsize) y * stride + x] = (guchar) (200 + ((state >> 16) % 56));
          }
      /* the code with its quiet zone of four modules, white */
      for (int y = 0; y < (code->width + 8) * scale; y++)
        memset (pixels + (gsize) y * stride, 255, (gsize) (code->width + 8) * scale * 3);
      for (int y = 0; y < code->width * scale; y++)
        for (int x = 0; x < code->width * scale; x++)
          if (code->data[(y / scale) * code->width + x / scale] & 1)
            memset (pixels + (gsize) (scale * 4 + y) * stride + (gsize) (scale * 4 + x) * 3, 0, 3);
      g_assert_true (gdk_pixbuf_save_to_buffer (page, &buffer, &length, "jpeg", &error, "quality",
                                                "92", NULL));
      g_clear_pointer (&best, g_bytes_unref);
      best = g_bytes_new_take (buffer, length);
      if (length <= target && length > target * 95 / 100)
        break;
      side *= sqrt ((double) target * 0.975 / (double) length);
    }
  QRcode_free (code);
  return best;
}

static RegistryTestReply *
call (SoupSession *session, const char *method, const char *path, const char *body)
{
  return registry_test_request_session (session, process, method, path, device_token,
                                        person_session, body);
}

/* a link's upload path, /u/TOKEN, and its id */
static char *
new_link (SoupSession *session, gint64 *out_id)
{
  g_autoptr (RegistryTestReply) reply =
      call (session, "POST", "/v1/me/upload-links", "{\"target\": {\"kind\": \"signature-form\"}}");
  const char *url;

  g_assert_cmpuint (reply->status, ==, 201);
  *out_id = registry_test_json_int (reply->json, "id");
  url = registry_test_json_string (reply->json, "url");
  return g_strdup (strstr (url, "/u/"));
}

static guint
post_bytes (SoupSession *session, const char *path, GBytes *bytes)
{
  g_autofree char *url = g_strconcat (process->base_url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "image/jpeg", bytes);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  if (error != NULL)
    {
      g_printerr ("upload failed: %s\n", error->message);
      return 0;
    }
  if (soup_message_get_status (msg) != 201)
    g_printerr ("upload refused: %.*s\n", (int) MIN (g_bytes_get_size (reply), 200),
                (const char *) g_bytes_get_data (reply, NULL));
  return soup_message_get_status (msg);
}

static gint64
memory_kib (const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) process->pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, field)) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field) + 1, NULL, 10);
}

static void
photo_to_thumbnail (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GBytes) photo = photo_of_size (5 * 1024 * 1024);
  double total = 0, worst = 0, upload_total = 0;
  const guint runs = 5;

  for (guint run = 0; run < runs; run++)
    {
      gint64 id = 0;
      g_autofree char *path = new_link (session, &id);
      g_autofree char *status_path = g_strdup_printf ("/v1/me/upload-links/%" G_GINT64_FORMAT, id);
      g_autofree char *thumbnail = NULL;
      g_autoptr (RegistryTestReply) shown = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 uploaded;
      double ms;
      guint status = post_bytes (session, path, photo);

      uploaded = g_get_monotonic_time ();
      g_assert_cmpuint (status, ==, 201);
      /* the kiosk's side: ask about the link until it has a file, then
       * fetch the file's thumbnail */
      for (;;)
        {
          g_autoptr (RegistryTestReply) link = call (session, "GET", status_path, NULL);
          if (g_strcmp0 (registry_test_json_string (link->json, "status"), "uploaded") == 0)
            {
              thumbnail =
                  g_strdup (registry_test_json_string (link->json, "attachment.thumbnail_url"));
              break;
            }
          g_usleep (POLL_MS * 1000);
        }
      shown = call (session, "GET", thumbnail, NULL);
      g_assert_cmpuint (shown->status, ==, 200);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      total += ms;
      worst = MAX (worst, ms);
      upload_total += (uploaded - start) / 1000.0;
    }
  printf ("photo: %.1f MiB JPEG\n", g_bytes_get_size (photo) / 1048576.0);
  printf ("figure: photo upload (checks, re-encoding, thumbnail, QR, stored) %.0f ms mean\n",
          upload_total / runs);
  printf ("figure: 5 MiB photo to thumbnail at the kiosk %.0f ms mean, %.0f ms worst"
          " (target < 1500 ms; a kiosk polling every %d ms)\n",
          total / runs, worst, POLL_MS);
}

typedef struct
{
  GBytes *photo;
  char *path;
  guint status;
} Upload;

static gpointer
upload_thread (gpointer data)
{
  Upload *upload = data;
  g_autoptr (SoupSession) session = soup_session_new ();

  upload->status = post_bytes (session, upload->path, upload->photo);
  return NULL;
}

static void
parallel_uploads (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GBytes) photo = photo_of_size (10 * 1024 * 1024 - 64 * 1024);
  Upload uploads[PARALLEL];
  GThread *threads[PARALLEL];
  gint64 before = memory_kib ("VmRSS:");
  gint64 peak_sampled = 0;
  guint ok = 0;
  gint64 start;

  for (guint i = 0; i < PARALLEL; i++)
    {
      gint64 id;
      uploads[i].photo = photo;
      uploads[i].path = new_link (session, &id);
      uploads[i].status = 0;
    }
  start = g_get_monotonic_time ();
  for (guint i = 0; i < PARALLEL; i++)
    threads[i] = g_thread_new ("upload", upload_thread, &uploads[i]);
  /* sample while they run; VmHWM below is the kernel's own peak */
  for (guint done = 0; done < PARALLEL;)
    {
      peak_sampled = MAX (peak_sampled, memory_kib ("VmRSS:"));
      done = 0;
      for (guint i = 0; i < PARALLEL; i++)
        done += uploads[i].status != 0;
      g_usleep (20000);
      if (g_get_monotonic_time () - start > 300 * G_USEC_PER_SEC)
        break;
    }
  for (guint i = 0; i < PARALLEL; i++)
    {
      g_thread_join (threads[i]);
      ok += uploads[i].status == 201;
      g_free (uploads[i].path);
    }
  printf ("photo: %.1f MiB JPEG, %u uploads at once, %u stored, %.1f s\n",
          g_bytes_get_size (photo) / 1048576.0, PARALLEL, ok,
          (g_get_monotonic_time () - start) / 1e6);
  printf ("figure: registry memory before %" G_GINT64_FORMAT " KiB\n", before);
  printf ("figure: registry memory during 20 uploads of 10 MiB: peak %.0f MiB"
          " (VmHWM; sampled RSS %.0f MiB) (target < 200 MiB)\n",
          memory_kib ("VmHWM:") / 1024.0, peak_sampled / 1024.0);
}

int
main (int argc, char **argv)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *url = NULL;
  g_autofree char *spool = NULL;
  g_autofree char *spool_arg = NULL;
  g_autofree char *phone = registry_test_phone_number (5);
  g_autofree char *number = registry_test_resident_number (YEAR, 5);
  g_autoptr (RegistryStorage) storage = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (GError) error = NULL;

  g_setenv ("REGISTRY_TEST_BACKEND", "sqlite", TRUE);
  cluster = registry_test_cluster_start ();
  url = registry_test_cluster_new_database (cluster);
  spool = g_build_filename (registry_test_cluster_get_dir (cluster), "spool", NULL);
  g_mkdir (spool, 0700);
  spool_arg = g_strconcat ("spool:", spool, NULL);
  device_token = registry_test_enroll_device (url, "kiosk-1");
  process = registry_test_process_start (
      cluster, url, (const char *[]){ "--sms", spool_arg, "--test-captcha-answer", ANSWER, NULL });
  registry_test_file_person (session, process, device_token, YEAR, 5, phone);
  person_session =
      registry_test_person_session (session, process, device_token, spool, ANSWER, number, phone);
  storage = registry_storage_open (url, &error);
  g_assert_no_error (error);
  g_assert_true (registry_storage_query (storage,
                                         "SELECT person_id FROM persons WHERE doc_number = $1",
                                         (const char *[]){ number }, 1, &rows, NULL, &error));
  qr_text = g_strdup_printf ("PKFORM:1:%s:%s", registry_rows_get (rows, 0, 0),
                             number + strlen (number) - 4);
  printf ("backend: sqlite, %u processors\n", g_get_num_processors ());

  photo_to_thumbnail ();
  parallel_uploads ();

  registry_test_process_stop (process);
  registry_test_cluster_stop (cluster);
  return 0;
}
