/* test-registry-phone-page.c: the phone upload page in a real browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A registry process makes a link for a logged-in person; headless Chromium
 * (driven by phone-page-browser.py over the DevTools protocol) opens the
 * link's page, picks a JPEG of the signed form with the page's own file
 * input, and the page's script uploads it; then the registry must have it,
 * and say so to the kiosk. A link past its 10 minutes opens its expired
 * page. The link is made without --public-url, so its address is the one
 * the kiosk called, which the browser reaches too.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <qrencode.h>
#include <string.h>

#include "registry-test-util.h"

#define ANSWER "K7MP"
#define YEAR 1981

static RegistryTestCluster *cluster;
static guint fixture_counter;

typedef struct
{
  char *url;
  char *spool;
  char *clock;
  gint64 start;
  RegistryTestProcess *process;
  SoupSession *session;
  char *token;
  char *number;
  char *person_session;
  RegistryStorage *storage;
} Fixture;

static void
set_clock (Fixture *fx, gint64 offset)
{
  g_autofree char *text = g_strdup_printf ("@%" G_GINT64_FORMAT "\n", fx->start + offset);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (fx->clock, text, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autofree char *spool_arg = NULL;
  g_autofree char *phone = registry_test_phone_number (77);
  g_autoptr (GError) error = NULL;
  guint n = ++fixture_counter;

  fx->url = registry_test_cluster_new_database (cluster);
  fx->spool = g_strdup_printf ("%s/spool-%u", registry_test_cluster_get_dir (cluster), n);
  g_assert_cmpint (g_mkdir (fx->spool, 0700), ==, 0);
  fx->clock = g_strdup_printf ("%s/clock-%u", registry_test_cluster_get_dir (cluster), n);
  fx->start = g_get_real_time () / G_USEC_PER_SEC;
  set_clock (fx, 0);
  fx->token = registry_test_enroll_device (fx->url, "kiosk-1");
  spool_arg = g_strconcat ("spool:", fx->spool, NULL);
  fx->process = registry_test_process_start (
      cluster, fx->url,
      (const char *[]){ "--sms", spool_arg, "--test-captcha-answer", ANSWER, "--test-clock-file",
                        fx->clock, NULL });
  fx->session = soup_session_new ();
  registry_test_file_person (fx->session, fx->process, fx->token, YEAR, 5, phone);
  fx->number = registry_test_resident_number (YEAR, 5);
  fx->person_session = registry_test_person_session (fx->session, fx->process, fx->token, fx->spool,
                                                     ANSWER, fx->number, phone);
  fx->storage = registry_storage_open (fx->url, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->storage);
  g_clear_object (&fx->session);
  registry_test_process_stop (fx->process);
  g_free (fx->person_session);
  g_free (fx->number);
  g_free (fx->token);
  g_free (fx->url);
  g_free (fx->spool);
  g_free (fx->clock);
}

static RegistryTestReply *
call (Fixture *fx, const char *method, const char *path, const char *body)
{
  return registry_test_request_session (fx->session, fx->process, method, path, fx->token,
                                        fx->person_session, body);
}

/* A photo of the person's signed form: its QR code on a white page. */
static char *
write_form_photo (Fixture *fx)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GdkPixbuf) page = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1000, 1400);
  char *path = g_build_filename (registry_test_cluster_get_dir (cluster), "form.jpg", NULL);
  QRcode *code;
  const int scale = 8;

  g_assert_true (registry_storage_query (fx->storage,
                                         "SELECT person_id FROM persons WHERE doc_number = $1",
                                         (const char *[]){ fx->number }, 1, &rows, NULL, &error));
  text = g_strdup_printf ("PKFORM:1:%s:%s", registry_rows_get (rows, 0, 0),
                          fx->number + strlen (fx->number) - 4);
  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  g_assert_nonnull (code);
  gdk_pixbuf_fill (page, 0xffffffff);
  for (int y = 0; y < code->width * scale; y++)
    for (int x = 0; x < code->width * scale; x++)
      if (code->data[(y / scale) * code->width + x / scale] & 1)
        memset (gdk_pixbuf_get_pixels (page) + (gsize) (100 + y) * gdk_pixbuf_get_rowstride (page) +
                    (gsize) (600 + x) * 3,
                0, 3);
  QRcode_free (code);
  g_assert_true (gdk_pixbuf_save (page, path, "jpeg", &error, NULL));
  g_assert_no_error (error);
  return path;
}

/* The page in the browser: its HTTP status, title, status line, text. */
static JsonNode *
browse (const char *url, const char *file)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "phone-page-browser.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, url, file, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the browser failed: %s%s", out, err);
  g_test_message ("browser: %s", out);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static char *
make_link (Fixture *fx, gint64 *out_id)
{
  g_autoptr (RegistryTestReply) reply =
      call (fx, "POST", "/v1/me/upload-links", "{\"target\": {\"kind\": \"signature-form\"}}");

  g_assert_cmpuint (reply->status, ==, 201);
  *out_id = registry_test_json_int (reply->json, "id");
  return g_strdup (registry_test_json_string (reply->json, "url"));
}

static void
test_upload_through_page (Fixture *fx, gconstpointer data)
{
  g_autofree char *photo = write_form_photo (fx);
  gint64 id = 0;
  g_autofree char *url = make_link (fx, &id);
  g_autofree char *status_path = g_strdup_printf ("/v1/me/upload-links/%" G_GINT64_FORMAT, id);
  g_autoptr (JsonNode) page = NULL;
  g_autoptr (RegistryTestReply) link = NULL;
  g_autoptr (RegistryTestReply) form = NULL;
  g_autoptr (RegistryTestReply) thumbnail = NULL;
  g_autofree char *thumbnail_path = NULL;

  g_assert_true (g_str_has_prefix (url, fx->process->base_url));
  page = browse (url, photo);
  g_assert_cmpint (registry_test_json_int (page, "http_status"), ==, 200);
  g_assert_cmpstr (registry_test_json_string (page, "title"), ==, "上传附件");
  g_assert_cmpstr (registry_test_json_string (page, "status_class"), ==, "ok");
  g_assert_nonnull (strstr (registry_test_json_string (page, "status"), "上传成功"));
  g_assert_cmpint (registry_test_json_int (page, "progress"), ==, 100);

  /* the kiosk's view: the link delivered the scan, the form is uploaded */
  link = call (fx, "GET", status_path, NULL);
  g_assert_cmpuint (link->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (link->json, "status"), ==, "uploaded");
  g_assert_cmpstr (registry_test_json_string (link->json, "attachment.media_type"), ==,
                   "image/jpeg");
  form = call (fx, "GET", "/v1/me/signature-form", NULL);
  g_assert_cmpstr (registry_test_json_string (form->json, "label"), ==, "已上传");
  thumbnail_path = g_strdup (registry_test_json_string (form->json, "scan.thumbnail_url"));
  thumbnail = call (fx, "GET", thumbnail_path, NULL);
  g_assert_cmpuint (thumbnail->status, ==, 200);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM attachments"), ==, 1);
}

static void
test_expired_page (Fixture *fx, gconstpointer data)
{
  gint64 id = 0;
  g_autofree char *url = make_link (fx, &id);
  g_autoptr (JsonNode) page = NULL;

  set_clock (fx, 601);
  page = browse (url, NULL);
  g_assert_cmpint (registry_test_json_int (page, "http_status"), ==, 410);
  g_assert_cmpstr (registry_test_json_string (page, "title"), ==, "此上传链接已过期");
  g_assert_nonnull (strstr (registry_test_json_string (page, "body"), "重新生成二维码"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster = registry_test_cluster_start ();
  g_test_add ("/registry/phone-page/upload", Fixture, NULL, fixture_set_up,
              test_upload_through_page, fixture_tear_down);
  g_test_add ("/registry/phone-page/expired", Fixture, NULL, fixture_set_up, test_expired_page,
              fixture_tear_down);
  status = g_test_run ();
  registry_test_cluster_stop (cluster);
  return status;
}
