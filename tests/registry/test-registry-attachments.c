/* test-registry-attachments.c: attachments, the signature form and phone
 * upload links against a real registry process, on SQLite or on a
 * throwaway PostgreSQL cluster (REGISTRY_TEST_BACKEND)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files are made by the test: pictures with gdk-pixbuf (and a GPS EXIF
 * segment, a comment and XMP spliced in by hand), PDFs with cairo, the
 * form's QR code with libqrencode. What the registry stored is read back
 * from the database itself, not only through the API.
 */

#include "config.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <qrencode.h>
#include <string.h>

#include "registry-storage-private.h"
#include "registry-test-util.h"

#define ANSWER "K7MP"
#define YEAR 1979
#define PUBLIC_URL "https://registry.example.org/"
/* spliced into the test's JPEG as EXIF, comment and XMP: none may survive */
#define SECRET "GPS-31.2304N-121.4737E-ZHANG-SAN"

static RegistryTestCluster *cluster;
static guint fixture_counter;

typedef struct
{
  char *url;
  char *spool;
  char *clock;
  gint64 start;
  gint64 offset;
  RegistryTestProcess *process;
  RegistryStorage *storage;
  SoupSession *session;
  char *token;
  /* two people, each logged in at the kiosk */
  char *number[2];
  char *person_id[2];
  char *person_session[2];
} Fixture;

typedef struct
{
  guint status;
  GBytes *body;
  JsonNode *json;
  char *content_type;
  char *disposition;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply->content_type);
  g_free (reply->disposition);
  g_free (reply);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
set_clock (Fixture *fx, gint64 offset)
{
  g_autofree char *text = g_strdup_printf ("@%" G_GINT64_FORMAT "\n", fx->start + offset);
  g_autoptr (GError) error = NULL;

  fx->offset = offset;
  g_file_set_contents (fx->clock, text, -1, &error);
  g_assert_no_error (error);
}

static void
start_registry (Fixture *fx)
{
  g_autofree char *spool_arg = g_strconcat ("spool:", fx->spool, NULL);

  fx->process = registry_test_process_start (
      cluster, fx->url,
      (const char *[]){ "--sms", spool_arg, "--test-captcha-answer", ANSWER, "--test-clock-file",
                        fx->clock, "--public-url", PUBLIC_URL, NULL });
}

/* The registry again, with @name set to @value in its environment (the PDF
 * renderer's test hooks); sessions and rows stay, they are in the database. */
static void
restart_registry_with (Fixture *fx,
                       const char *name,
                       const char *value,
                       const char *name2,
                       const char *value2)
{
  registry_test_process_stop (fx->process);
  g_setenv (name, value, TRUE);
  if (name2 != NULL)
    g_setenv (name2, value2, TRUE);
  start_registry (fx);
  g_unsetenv (name);
  if (name2 != NULL)
    g_unsetenv (name2);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint n = ++fixture_counter;

  fx->url = registry_test_cluster_new_database (cluster);
  fx->spool = g_strdup_printf ("%s/spool-%u", registry_test_cluster_get_dir (cluster), n);
  g_assert_cmpint (g_mkdir (fx->spool, 0700), ==, 0);
  fx->clock = g_strdup_printf ("%s/clock-%u", registry_test_cluster_get_dir (cluster), n);
  fx->start = g_get_real_time () / G_USEC_PER_SEC;
  set_clock (fx, 0);
  fx->token = registry_test_enroll_device (fx->url, "kiosk-1");
  start_registry (fx);
  fx->storage = registry_storage_open (fx->url, &error);
  g_assert_no_error (error);
  /* a refusal that never comes fails the test instead of hanging it */
  fx->session = soup_session_new_with_options ("timeout", 60, NULL);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *phone = registry_test_phone_number (40 + i);
      g_autoptr (RegistryRows) rows = NULL;

      registry_test_file_person (fx->session, fx->process, fx->token, YEAR, 10 + i, phone);
      fx->number[i] = registry_test_resident_number (YEAR, 10 + i);
      fx->person_session[i] = registry_test_person_session (
          fx->session, fx->process, fx->token, fx->spool, ANSWER, fx->number[i], phone);
      g_assert_true (registry_storage_query (
          fx->storage, "SELECT person_id FROM persons WHERE doc_number = $1",
          (const char *[]){ fx->number[i] }, 1, &rows, NULL, &error));
      g_assert_no_error (error);
      fx->person_id[i] = g_strdup (registry_rows_get (rows, 0, 0));
      g_assert_nonnull (fx->person_id[i]);
    }
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->session);
  g_clear_object (&fx->storage);
  if (fx->process != NULL)
    registry_test_process_stop (fx->process);
  for (guint i = 0; i < 2; i++)
    {
      g_free (fx->number[i]);
      g_free (fx->person_id[i]);
      g_free (fx->person_session[i]);
    }
  g_free (fx->token);
  g_free (fx->url);
  g_free (fx->spool);
  g_free (fx->clock);
}

/* ---- talking to the registry ---- */

/* as the kiosk of @device_token */
static Reply *
send_request_as (Fixture *fx,
                 const char *device_token,
                 const char *method,
                 const char *path,
                 const char *session_token,
                 const char *content_type,
                 GBytes *body,
                 const char *staff_token)
{
  g_autofree char *url = g_strconcat (fx->process->base_url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autofree char *bearer = g_strconcat ("Bearer ", device_token, NULL);
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *request_headers = soup_message_get_request_headers (msg);
  SoupMessageHeaders *headers;
  Reply *reply = g_new0 (Reply, 1);

  if (session_token != NULL)
    {
      soup_message_headers_replace (request_headers, "Authorization", bearer);
      soup_message_headers_replace (request_headers, "X-Session-Token", session_token);
    }
  if (staff_token != NULL)
    soup_message_headers_replace (request_headers, "X-Staff-Session", staff_token);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);
  reply->body = soup_session_send_and_read (fx->session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  headers = soup_message_get_response_headers (msg);
  reply->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  reply->disposition = g_strdup (soup_message_headers_get_one (headers, "Content-Disposition"));
  if (g_strcmp0 (reply->content_type, "application/json") == 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (reply->body, &size);

      g_assert_true (json_parser_load_from_data (parser, data, (gssize) size, NULL));
      reply->json = json_node_ref (json_parser_get_root (parser));
    }
  return reply;
}

static Reply *
send_request (Fixture *fx,
              const char *method,
              const char *path,
              const char *session_token,
              const char *content_type,
              GBytes *body,
              const char *staff_token)
{
  return send_request_as (fx, fx->token, method, path, session_token, content_type, body,
                          staff_token);
}

static Reply *
get (Fixture *fx, guint who, const char *path)
{
  return send_request (fx, "GET", path, fx->person_session[who], NULL, NULL, NULL);
}

static Reply *
post_json (Fixture *fx, guint who, const char *path, const char *json)
{
  g_autoptr (GBytes) body = g_bytes_new (json, strlen (json));

  return send_request (fx, "POST", path, fx->person_session[who], "application/json", body, NULL);
}

static Reply *
post_scan (Fixture *fx, guint who, const char *content_type, GBytes *bytes, const char *staff)
{
  return send_request (fx, "POST", "/v1/me/signature-form/scan", fx->person_session[who],
                       content_type, bytes, staff);
}

static const char *
error_code (Reply *reply)
{
  return reply->json != NULL ? registry_test_json_string (reply->json, "error.code") : NULL;
}

static void
assert_refused (Reply *reply, guint status, const char *code)
{
  if (reply->status != status || g_strcmp0 (error_code (reply), code) != 0)
    g_error ("expected %u %s, got %u %.*s", status, code, reply->status,
             (int) MIN (g_bytes_get_size (reply->body), 300),
             (const char *) g_bytes_get_data (reply->body, NULL));
}

/* whether @bytes hold @text anywhere (a binary file holds NUL bytes) */
static gboolean
contains (GBytes *bytes, const char *text)
{
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  return data != NULL && memmem (data, size, text, strlen (text)) != NULL;
}

static gint64
count (Fixture *fx, const char *sql)
{
  return registry_test_count (fx->storage, sql);
}

static GBytes *
stored_content (Fixture *fx, gint64 id)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (GError) error = NULL;
  GBytes *bytes =
      registry_storage_read_blob (fx->storage, "SELECT content FROM attachments WHERE id = $1",
                                  (const char *[]){ id_text }, 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* ---- files the test makes ---- */

static GdkPixbuf *
white_page (int width, int height)
{
  GdkPixbuf *page = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

  gdk_pixbuf_fill (page, 0xffffffff);
  return page;
}

/* @text as a QR code drawn on a white page, as a phone photo of the form */
static GdkPixbuf *
page_with_qr (const char *text)
{
  QRcode *code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  GdkPixbuf *page = white_page (900, 1200);
  const int scale = 8;
  const int left = 500;
  const int top = 80;
  guchar *pixels = gdk_pixbuf_get_pixels (page);
  int stride = gdk_pixbuf_get_rowstride (page);

  g_assert_nonnull (code);
  for (int y = 0; y < code->width * scale; y++)
    for (int x = 0; x < code->width * scale; x++)
      if (code->data[(y / scale) * code->width + x / scale] & 1)
        memset (pixels + (gsize) (top + y) * stride + (gsize) (left + x) * 3, 0, 3);
  QRcode_free (code);
  return page;
}

static GBytes *
encode (GdkPixbuf *pixbuf, const char *type)
{
  g_autoptr (GError) error = NULL;
  gchar *buffer = NULL;
  gsize length = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

static void
append_segment (GByteArray *out, guint8 marker, const guint8 *data, gsize length)
{
  guint8 head[4] = { 0xff, marker, (guint8) ((length + 2) >> 8), (guint8) ((length + 2) & 0xff) };

  g_byte_array_append (out, head, 4);
  g_byte_array_append (out, data, (guint) length);
}

/* A JPEG from a phone: an EXIF segment with a GPS block and the owner's
 * name, a comment and an XMP packet, all holding SECRET. */
static GBytes *
jpeg_with_metadata (void)
{
  g_autoptr (GdkPixbuf) page = white_page (900, 1200);
  g_autoptr (GBytes) plain = NULL;
  g_autoptr (GByteArray) exif = g_byte_array_new ();
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autofree char *xmp = g_strconcat ("http://ns.adobe.com/xap/1.0/",
                                      "<x:xmpmeta><rdf:Description"
                                      " exif:GPSLatitude=\"",
                                      SECRET, "\"/></x:xmpmeta>", NULL);
  gsize size;
  const guint8 *data;
  /* big-endian TIFF: IFD0 with Artist (ASCII, at 38) and GPSInfo (IFD at
   * 26); the GPS IFD with GPSLatitudeRef "N" */
  static const guint8 tiff[] = {
    'E', 'x', 'i', 'f', 0, 0, 'M', 'M',  0,    42, 0, 0, 0,   8, 0, 2, 0x01, 0x3b, 0,  2, 0,
    0,   0,   33,  0,   0, 0, 38,  0x88, 0x25, 0,  4, 0, 0,   0, 1, 0, 0,    0,    26, 0, 0,
    0,   0,   0,   1,   0, 1, 0,   2,    0,    0,  0, 2, 'N', 0, 0, 0, 0,    0,    0,  0,
  };

  /* a dark band, so the picture is not blank; no QR code on it */
  for (int y = 500; y < 700; y++)
    memset (gdk_pixbuf_get_pixels (page) + (gsize) y * gdk_pixbuf_get_rowstride (page), 40,
            (gsize) 900 * 3);
  plain = encode (page, "jpeg");
  data = g_bytes_get_data (plain, &size);
  g_byte_array_append (exif, tiff, sizeof tiff);
  g_byte_array_append (exif, (const guint8 *) SECRET, sizeof SECRET);
  g_assert_true (data[0] == 0xff && data[1] == 0xd8);
  g_byte_array_append (out, data, 2);
  append_segment (out, 0xe1, exif->data, exif->len);
  append_segment (out, 0xe1, (const guint8 *) xmp, strlen (xmp) + 1);
  append_segment (out, 0xfe, (const guint8 *) SECRET, strlen (SECRET));
  g_byte_array_append (out, data + 2, (guint) size - 2);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
pdf_of_pages (guint pages)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_cb, out, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < pages; i++)
    {
      cairo_move_to (cr, 72, 72);
      cairo_show_text (cr, "page");
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

static char *
form_qr_text (Fixture *fx, guint who)
{
  const char *number = fx->number[who];

  return g_strdup_printf ("PKFORM:1:%s:%s", fx->person_id[who], number + strlen (number) - 4);
}

static GBytes *
form_scan (Fixture *fx, guint who)
{
  g_autofree char *text = form_qr_text (fx, who);
  g_autoptr (GdkPixbuf) page = page_with_qr (text);

  return encode (page, "jpeg");
}

/* ---- the checks on the bytes ---- */

/* Every segment before the picture's data, by marker: only SOI, APP0
 * (JFIF), quantisation and Huffman tables, frame header and scan. */
static void
assert_jpeg_without_metadata (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize at = 2;

  g_assert_cmpuint (size, >, 4);
  g_assert_true (data[0] == 0xff && data[1] == 0xd8);
  while (at + 4 <= size)
    {
      guint8 marker = data[at + 1];
      gsize length = (gsize) data[at + 2] << 8 | data[at + 3];

      g_assert_cmpuint (data[at], ==, 0xff);
      if (marker == 0xda)
        break;
      /* APP1..APP15 (EXIF, XMP, ICC, vendor blocks) and COM */
      if ((marker >= 0xe1 && marker <= 0xef) || marker == 0xfe)
        g_error ("the stored JPEG has a segment 0xff%02x", marker);
      at += 2 + length;
    }
  g_assert_false (contains (bytes, "Exif"));
  g_assert_false (contains (bytes, SECRET));
}

static void
test_metadata_stripped (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) original = jpeg_with_metadata ();
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GdkPixbuf) decoded = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (Reply) reply = NULL;
  g_autoptr (Reply) served = NULL;
  g_autoptr (GBytes) stored = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();

  /* the test's file does carry what must not be stored */
  g_assert_true (contains (original, SECRET));
  gdk_pixbuf_loader_write_bytes (loader, original, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);

  /* a scan without the form's code, confirmed by no one, is refused... */
  reply = post_scan (fx, 0, "image/jpeg", original, NULL);
  assert_refused (reply, 422, "form_qr_unreadable");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 0);
  g_clear_pointer (&reply, reply_free);

  /* ...and taken when staff of the kiosk confirm it */
  registry_test_add_staff (fx->url, "clerk", "clerk-password-1");
  {
    g_autofree char *staff = registry_test_staff_session (fx->session, fx->process, fx->token,
                                                          "clerk", "clerk-password-1");
    reply = post_scan (fx, 0, "image/jpeg", original, staff);
  }
  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_cmpstr (registry_test_json_string (reply->json, "media_type"), ==, "image/jpeg");

  stored = stored_content (fx, registry_test_json_int (reply->json, "id"));
  assert_jpeg_without_metadata (stored);
  path = g_strdup_printf ("/v1/me/attachments/%" G_GINT64_FORMAT,
                          registry_test_json_int (reply->json, "id"));
  served = get (fx, 0, path);
  g_assert_cmpuint (served->status, ==, 200);
  g_assert_cmpstr (served->content_type, ==, "image/jpeg");
  assert_jpeg_without_metadata (served->body);
  g_assert_true (g_bytes_equal (served->body, stored));
  /* still the same picture */
  stream = g_memory_input_stream_new_from_bytes (stored);
  decoded = gdk_pixbuf_new_from_stream (stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (decoded), ==, 900);
  g_assert_cmpint (gdk_pixbuf_get_height (decoded), ==, 1200);
  g_assert_null (strstr (served->disposition, SECRET));
}

static void
test_refusals (Fixture *fx, gconstpointer data)
{
  g_autofree char *executable = NULL;
  gsize executable_size = 0;
  g_autoptr (GBytes) exe_bytes = NULL;
  g_autoptr (GBytes) jpeg = form_scan (fx, 0);
  g_autoptr (GBytes) truncated = NULL;
  g_autoptr (GBytes) pdf30 = pdf_of_pages (30);
  Reply *reply;
  g_autoptr (GError) error = NULL;

  /* a program renamed and labelled as a photo */
  g_assert_true (g_file_get_contents ("/bin/true", &executable, &executable_size, &error));
  exe_bytes = g_bytes_new (executable, executable_size);
  reply = post_scan (fx, 0, "image/jpeg", exe_bytes, NULL);
  assert_refused (reply, 415, "file_type_refused");
  reply_free (reply);

  /* a photo cut off half-way */
  truncated = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 2);
  reply = post_scan (fx, 0, "image/jpeg", truncated, NULL);
  assert_refused (reply, 422, "file_damaged");
  reply_free (reply);

  /* 12 MiB: refused from the headers, before the body is read (a client
   * that sends it all finds the connection closed under it) */
  {
    g_autofree char *head = g_strdup_printf (
        "POST /v1/me/signature-form/scan HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Authorization: Bearer %s\r\nX-Session-Token: %s\r\nContent-Type: image/jpeg\r\n"
        "Content-Length: %d\r\n\r\n",
        fx->token, fx->person_session[0], 12 * 1024 * 1024);
    g_autoptr (RegistryTestReply) raw = registry_test_raw (fx->process, head, strlen (head));

    g_assert_cmpuint (raw->status, ==, 413);
    g_assert_cmpstr (registry_test_json_string (raw->json, "error.code"), ==, "payload_too_large");
  }

  /* a PDF of 30 pages */
  reply = post_scan (fx, 0, "application/pdf", pdf30, NULL);
  assert_refused (reply, 422, "pdf_too_many_pages");
  reply_free (reply);

  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 0);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM signature_forms"), ==, 0);
}

/* The bytes decide: a PNG sent as a PDF is stored and served as a PNG. */
static void
test_png_labelled_pdf (Fixture *fx, gconstpointer data)
{
  g_autofree char *text = form_qr_text (fx, 0);
  g_autoptr (GdkPixbuf) page = page_with_qr (text);
  g_autoptr (GBytes) png = encode (page, "png");
  g_autoptr (Reply) reply = post_scan (fx, 0, "application/pdf", png, NULL);
  g_autoptr (Reply) served = NULL;
  g_autoptr (Reply) thumbnail = NULL;
  g_autofree char *path = NULL;
  g_autofree char *thumbnail_path = NULL;
  g_autoptr (GBytes) stored = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_cmpstr (registry_test_json_string (reply->json, "media_type"), ==, "image/png");
  path = g_strdup_printf ("/v1/me/attachments/%" G_GINT64_FORMAT,
                          registry_test_json_int (reply->json, "id"));
  served = get (fx, 0, path);
  g_assert_cmpuint (served->status, ==, 200);
  g_assert_cmpstr (served->content_type, ==, "image/png");
  g_assert_nonnull (strstr (served->disposition, ".png\""));
  g_assert_true (memcmp (g_bytes_get_data (served->body, NULL), "\x89PNG", 4) == 0);
  stored = stored_content (fx, registry_test_json_int (reply->json, "id"));
  g_assert_true (g_bytes_equal (stored, served->body));
  g_assert_true (registry_storage_query (fx->storage, "SELECT media_type FROM attachments", NULL, 0,
                                         &rows, NULL, &error));
  g_assert_cmpstr (registry_rows_get (rows, 0, 0), ==, "image/png");

  /* the thumbnail was made at upload */
  thumbnail_path = g_strconcat (path, "/thumbnail", NULL);
  thumbnail = get (fx, 0, thumbnail_path);
  g_assert_cmpuint (thumbnail->status, ==, 200);
  g_assert_cmpstr (thumbnail->content_type, ==, "image/jpeg");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments WHERE thumbnail IS NOT NULL"), ==,
                   1);
}

/* Another person's attachment is as unknown as one that does not exist. */
static void
test_other_persons_attachment (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) scan = form_scan (fx, 0);
  g_autoptr (Reply) reply = post_scan (fx, 0, "image/jpeg", scan, NULL);
  g_autofree char *path = NULL;
  g_autofree char *thumbnail = NULL;
  Reply *other;

  g_assert_cmpuint (reply->status, ==, 201);
  path = g_strdup_printf ("/v1/me/attachments/%" G_GINT64_FORMAT,
                          registry_test_json_int (reply->json, "id"));
  thumbnail = g_strconcat (path, "/thumbnail", NULL);

  other = get (fx, 1, path);
  assert_refused (other, 404, "not_found");
  reply_free (other);
  other = get (fx, 1, thumbnail);
  assert_refused (other, 404, "not_found");
  reply_free (other);
  other = send_request (fx, "DELETE", path, fx->person_session[1], NULL, NULL, NULL);
  assert_refused (other, 404, "not_found");
  reply_free (other);
  other = get (fx, 1, "/v1/me/attachments/999999");
  assert_refused (other, 404, "not_found");
  reply_free (other);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 1);

  /* its owner deletes it; the form is printed-not-uploaded again */
  other = send_request (fx, "DELETE", path, fx->person_session[0], NULL, NULL, NULL);
  g_assert_cmpuint (other->status, ==, 200);
  reply_free (other);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 0);
  other = get (fx, 0, "/v1/me/signature-form");
  g_assert_cmpstr (registry_test_json_string (other->json, "status"), !=, "uploaded");
  reply_free (other);
}

/* ---- the signature form ---- */

static void
test_signature_form (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) own = form_scan (fx, 0);
  g_autoptr (GBytes) others = form_scan (fx, 1);
  g_autoptr (GdkPixbuf) not_a_form = page_with_qr ("https://example.org/");
  g_autoptr (GBytes) other_code = encode (not_a_form, "png");
  Reply *reply;

  reply = get (fx, 0, "/v1/me/signature-form");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "to_print");
  g_assert_cmpstr (registry_test_json_string (reply->json, "label"), ==, "待打印");
  reply_free (reply);

  set_clock (fx, 60);
  reply = post_json (fx, 0, "/v1/me/signature-form/printed", "");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "label"), ==, "已打印");
  g_assert_nonnull (registry_test_json_string (reply->json, "printed_at"));
  reply_free (reply);

  /* someone else's form, and a QR code that is no form's */
  reply = post_scan (fx, 0, "image/jpeg", others, NULL);
  assert_refused (reply, 422, "form_of_another_person");
  reply_free (reply);
  reply = post_scan (fx, 0, "image/png", other_code, NULL);
  assert_refused (reply, 422, "form_not_recognised");
  reply_free (reply);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 0);

  /* the person's own */
  set_clock (fx, 120);
  reply = post_scan (fx, 0, "image/jpeg", own, NULL);
  g_assert_cmpuint (reply->status, ==, 201);
  reply_free (reply);
  reply = get (fx, 0, "/v1/me/signature-form");
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "uploaded");
  g_assert_cmpstr (registry_test_json_string (reply->json, "label"), ==, "已上传");
  g_assert_nonnull (registry_test_json_string (reply->json, "uploaded_at"));
  g_assert_false (registry_test_json_bool (reply->json, "staff_confirmed"));
  g_assert_cmpstr (registry_test_json_string (reply->json, "scan.media_type"), ==, "image/jpeg");
  reply_free (reply);

  /* the other person's form is still to print */
  reply = get (fx, 1, "/v1/me/signature-form");
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "to_print");
  reply_free (reply);
}

/* A scan without a readable code, confirmed by staff: only staff signed in
 * on this kiosk, never for a code that names another person, and the
 * audit log names who confirmed. */
static void
test_signature_form_staff (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) unreadable = jpeg_with_metadata ();
  g_autoptr (GBytes) others = form_scan (fx, 1);
  g_autofree char *other_token = registry_test_enroll_device (fx->url, "kiosk-2");
  g_autofree char *staff = NULL;
  g_autofree char *other_staff = NULL;
  g_autofree char *sql = NULL;
  Reply *reply;

  registry_test_add_staff (fx->url, "clerk", "clerk-password-1");
  registry_test_add_staff (fx->url, "porter", "porter-password-1");
  staff = registry_test_staff_session (fx->session, fx->process, fx->token, "clerk",
                                       "clerk-password-1");
  other_staff = registry_test_staff_session (fx->session, fx->process, other_token, "porter",
                                             "porter-password-1");

  /* staff of another kiosk, and a made-up session, vouch for nothing here */
  reply = post_scan (fx, 0, "image/jpeg", unreadable, other_staff);
  assert_refused (reply, 401, "staff_session_invalid");
  reply_free (reply);
  reply = post_scan (fx, 0, "image/jpeg", unreadable,
                     "00000000000000000000000000000000000000000000000000000000000000ff");
  assert_refused (reply, 401, "staff_session_invalid");
  reply_free (reply);
  /* a code that can be read and names someone else stays refused, staff or not */
  reply = post_scan (fx, 0, "image/jpeg", others, staff);
  assert_refused (reply, 422, "form_of_another_person");
  reply_free (reply);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 0);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action ="
                              " 'signature_form.staff_confirmed'"),
                   ==, 0);

  /* this kiosk's staff confirm the unreadable scan */
  reply = post_scan (fx, 0, "image/jpeg", unreadable, staff);
  g_assert_cmpuint (reply->status, ==, 201);
  reply_free (reply);
  reply = get (fx, 0, "/v1/me/signature-form");
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "uploaded");
  g_assert_true (registry_test_json_bool (reply->json, "staff_confirmed"));
  reply_free (reply);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM signature_forms f JOIN staff s"
                              " ON s.id = f.confirmed_by WHERE s.username = 'clerk'"),
                   ==, 1);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log a JOIN signature_forms f"
                         " ON f.person_id = a.person_id AND a.detail = "
                         "CAST(f.attachment_id AS TEXT) WHERE a.action ="
                         " 'signature_form.staff_confirmed' AND a.staff = 'clerk'"
                         " AND a.person_id = '%s'",
                         fx->person_id[0]);
  g_assert_cmpint (count (fx, sql), ==, 1);
}

/* ---- phone upload links ---- */

static char *
token_of (Reply *reply)
{
  const char *url = registry_test_json_string (reply->json, "url");

  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, "https://registry.example.org/u/"));
  return g_strdup (url + strlen ("https://registry.example.org"));
}

static void
test_link_single_use (Fixture *fx, gconstpointer data)
{
  g_autoptr (Reply) link =
      post_json (fx, 0, "/v1/me/upload-links", "{\"target\": {\"kind\": \"signature-form\"}}");
  g_autoptr (GBytes) scan = form_scan (fx, 0);
  g_autoptr (GBytes) executable = g_bytes_new_static ("\x7f"
                                                      "ELF\2\1\1",
                                                      7);
  g_autofree char *page_path = NULL;
  g_autofree char *status_path = NULL;
  Reply *reply;

  g_assert_cmpuint (link->status, ==, 201);
  g_assert_cmpstr (registry_test_json_string (link->json, "status"), ==, "waiting");
  g_assert_cmpint (registry_test_json_int (link->json, "expires_in"), ==, 600);
  page_path = token_of (link);
  status_path = g_strdup_printf ("/v1/me/upload-links/%" G_GINT64_FORMAT,
                                 registry_test_json_int (link->json, "id"));

  reply = send_request (fx, "GET", page_path, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply->content_type, ==, "text/html");
  g_assert_true (contains (reply->body, "上传"));
  reply_free (reply);

  /* a refused file leaves the link usable */
  reply = send_request (fx, "POST", page_path, NULL, "application/octet-stream", executable, NULL);
  assert_refused (reply, 415, "file_type_refused");
  reply_free (reply);

  /* only the kiosk and person that made it may ask about it */
  reply = get (fx, 1, status_path);
  assert_refused (reply, 404, "not_found");
  reply_free (reply);
  reply = get (fx, 0, status_path);
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "waiting");
  reply_free (reply);

  reply = send_request (fx, "POST", page_path, NULL, "application/octet-stream", scan, NULL);
  g_assert_cmpuint (reply->status, ==, 201);
  reply_free (reply);
  reply = get (fx, 0, status_path);
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "uploaded");
  g_assert_cmpstr (registry_test_json_string (reply->json, "attachment.media_type"), ==,
                   "image/jpeg");
  reply_free (reply);
  reply = get (fx, 0, "/v1/me/signature-form");
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "uploaded");
  reply_free (reply);

  /* once only */
  reply = send_request (fx, "POST", page_path, NULL, "image/jpeg", scan, NULL);
  assert_refused (reply, 410, "link_used");
  reply_free (reply);
  reply = send_request (fx, "GET", page_path, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 410);
  g_assert_true (contains (reply->body, "已使用"));
  reply_free (reply);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 1);

  /* a token never made */
  reply = send_request (fx, "GET",
                        "/u/00000000000000000000000000000000000000000000000000000000000000ff", NULL,
                        NULL, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 404);
  g_assert_cmpstr (reply->content_type, ==, "text/html");
  reply_free (reply);
  reply = send_request (fx, "GET", "/u/not-a-token", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 404);
  reply_free (reply);
}

static void
test_link_expiry (Fixture *fx, gconstpointer data)
{
  g_autoptr (Reply) link =
      post_json (fx, 0, "/v1/me/upload-links", "{\"target\": {\"kind\": \"signature-form\"}}");
  g_autoptr (GBytes) scan = form_scan (fx, 0);
  g_autofree char *page_path = token_of (link);
  g_autofree char *status_path = g_strdup_printf ("/v1/me/upload-links/%" G_GINT64_FORMAT,
                                                  registry_test_json_int (link->json, "id"));
  Reply *reply;

  /* a second before the end it still opens */
  set_clock (fx, 599);
  reply = send_request (fx, "GET", page_path, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  reply_free (reply);

  set_clock (fx, 600);
  reply = send_request (fx, "GET", page_path, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 410);
  g_assert_true (contains (reply->body, "已过期"));
  reply_free (reply);
  reply = send_request (fx, "POST", page_path, NULL, "image/jpeg", scan, NULL);
  assert_refused (reply, 410, "link_expired");
  reply_free (reply);
  reply = get (fx, 0, status_path);
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "expired");
  reply_free (reply);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 0);
}

/* ---- a phone's signed form that staff must confirm ---- */

typedef struct
{
  char *page_path;   /* /u/{token} */
  char *status_path; /* /v1/me/upload-links/{id} */
  char *scan_path;   /* …/pending-scan */
} Link;

static void
link_free (Link *link)
{
  g_free (link->page_path);
  g_free (link->status_path);
  g_free (link->scan_path);
  g_free (link);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Link, link_free)

static Link *
form_link (Fixture *fx, guint who)
{
  g_autoptr (Reply) reply =
      post_json (fx, who, "/v1/me/upload-links", "{\"target\": {\"kind\": \"signature-form\"}}");
  Link *link = g_new0 (Link, 1);

  g_assert_cmpuint (reply->status, ==, 201);
  link->page_path = token_of (reply);
  link->status_path = g_strdup_printf ("/v1/me/upload-links/%" G_GINT64_FORMAT,
                                       registry_test_json_int (reply->json, "id"));
  link->scan_path = g_strconcat (link->status_path, "/pending-scan", NULL);
  return link;
}

static Reply *
phone_upload (Fixture *fx, Link *link, GBytes *bytes)
{
  return send_request (fx, "POST", link->page_path, NULL, "application/octet-stream", bytes, NULL);
}

static void
assert_link_status (Fixture *fx, Link *link, const char *status)
{
  g_autoptr (Reply) reply = get (fx, 0, link->status_path);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, status);
}

/* how many links keep any of a scan for staff, in the database itself */
static gint64
kept_scans (Fixture *fx)
{
  return count (fx, "SELECT count(*) FROM upload_links"
                    " WHERE pending_scan IS NOT NULL OR pending_type IS NOT NULL");
}

/* A signed form photographed so that its code cannot be read is kept with
 * the link, cleaned like any upload, for the kiosk and person of the link
 * only; another upload replaces it, a form naming someone else is never
 * kept; staff confirming it at the kiosk use the link and leave nothing
 * of the scan with it. */
static void
test_link_needs_staff (Fixture *fx, gconstpointer data)
{
  g_autoptr (Link) link = form_link (fx, 0);
  g_autoptr (Link) other_link = form_link (fx, 0);
  g_autoptr (GBytes) first = jpeg_with_metadata ();
  g_autoptr (GdkPixbuf) blank = white_page (600, 800);
  g_autoptr (GBytes) second = encode (blank, "png");
  g_autoptr (GBytes) others = form_scan (fx, 1);
  g_autofree char *other_token = registry_test_enroll_device (fx->url, "kiosk-2");
  g_autofree char *phone = registry_test_phone_number (40);
  g_autofree char *elsewhere = NULL;
  g_autofree char *staff = NULL;
  g_autoptr (GBytes) pending = NULL;
  Reply *reply;

  reply = phone_upload (fx, link, first);
  g_assert_cmpuint (reply->status, ==, 202);
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "needs_staff");
  reply_free (reply);
  assert_link_status (fx, link, "needs_staff");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 0);

  /* the kiosk and person of the link get it, without what the phone put in */
  reply = get (fx, 0, link->scan_path);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply->content_type, ==, "image/jpeg");
  assert_jpeg_without_metadata (reply->body);
  reply_free (reply);

  /* nobody else: another person at this kiosk, this person at another */
  reply = get (fx, 1, link->scan_path);
  assert_refused (reply, 404, "not_found");
  reply_free (reply);
  set_clock (fx, 61); /* past the SMS cool-down of the fixture's login */
  elsewhere = registry_test_person_session (fx->session, fx->process, other_token, fx->spool,
                                            ANSWER, fx->number[0], phone);
  reply = send_request_as (fx, other_token, "GET", link->scan_path, elsewhere, NULL, NULL, NULL);
  assert_refused (reply, 404, "not_found");
  reply_free (reply);
  /* nor a link that keeps nothing */
  reply = get (fx, 0, other_link->scan_path);
  assert_refused (reply, 404, "not_found");
  reply_free (reply);

  /* another try replaces it */
  reply = phone_upload (fx, link, second);
  g_assert_cmpuint (reply->status, ==, 202);
  reply_free (reply);
  reply = get (fx, 0, link->scan_path);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply->content_type, ==, "image/png");
  pending = g_bytes_ref (reply->body);
  reply_free (reply);
  g_assert_cmpint (kept_scans (fx), ==, 1);

  /* a code that names someone else is refused and never kept */
  reply = phone_upload (fx, other_link, others);
  assert_refused (reply, 422, "form_of_another_person");
  reply_free (reply);
  assert_link_status (fx, other_link, "waiting");
  g_assert_cmpint (kept_scans (fx), ==, 1);

  /* staff of this kiosk confirm the scan it fetched: stored, the link
   * used, nothing of the scan left with it */
  registry_test_add_staff (fx->url, "clerk", "clerk-password-1");
  staff = registry_test_staff_session (fx->session, fx->process, fx->token, "clerk",
                                       "clerk-password-1");
  reply = post_scan (fx, 0, "image/png", pending, staff);
  g_assert_cmpuint (reply->status, ==, 201);
  reply_free (reply);
  reply = get (fx, 0, "/v1/me/signature-form");
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "uploaded");
  g_assert_true (registry_test_json_bool (reply->json, "staff_confirmed"));
  reply_free (reply);
  assert_link_status (fx, link, "uploaded");
  g_assert_cmpint (kept_scans (fx), ==, 0);
  reply = get (fx, 0, link->scan_path);
  assert_refused (reply, 404, "not_found");
  reply_free (reply);
  reply = phone_upload (fx, link, second);
  assert_refused (reply, 410, "link_used");
  reply_free (reply);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 1);
}

/* A scan kept for staff goes when its link expires: at the first look at
 * the link after its end, and for links nobody looks at again, when the
 * next link is made. */
static void
test_link_needs_staff_expiry (Fixture *fx, gconstpointer data)
{
  g_autoptr (Link) looked_at = form_link (fx, 0);
  g_autoptr (Link) forgotten = form_link (fx, 0);
  g_autoptr (Link) next = NULL;
  g_autoptr (GdkPixbuf) blank = white_page (600, 800);
  g_autoptr (GBytes) scan = encode (blank, "png");
  Reply *reply;

  reply = phone_upload (fx, looked_at, scan);
  g_assert_cmpuint (reply->status, ==, 202);
  reply_free (reply);
  reply = phone_upload (fx, forgotten, scan);
  g_assert_cmpuint (reply->status, ==, 202);
  reply_free (reply);

  /* a second before the end it is still there */
  set_clock (fx, 599);
  reply = get (fx, 0, looked_at->scan_path);
  g_assert_cmpuint (reply->status, ==, 200);
  reply_free (reply);
  g_assert_cmpint (kept_scans (fx), ==, 2);

  set_clock (fx, 600);
  reply = get (fx, 0, looked_at->scan_path);
  assert_refused (reply, 404, "not_found");
  reply_free (reply);
  assert_link_status (fx, looked_at, "expired");
  g_assert_cmpint (kept_scans (fx), ==, 1);

  next = form_link (fx, 0);
  g_assert_cmpint (kept_scans (fx), ==, 0);
  assert_link_status (fx, forgotten, "expired");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 0);
}

static void
test_link_targets (Fixture *fx, gconstpointer data)
{
  const char *const bad[] = {
    "{}",
    "{\"target\": \"signature-form\"}",
    "{\"target\": {\"kind\": \"signature-form\", \"id\": 3}}",
    "{\"target\": {\"kind\": \"no-such-kind\", \"id\": 3}}",
    "{\"target\": {\"kind\": 7}}",
    "{\"target\": {\"kind\": \"signature-form\"}, \"more\": 1}",
    NULL,
  };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (Reply) reply = post_json (fx, 0, "/v1/me/upload-links", bad[i]);
      assert_refused (reply, 422, "invalid_field");
    }
  g_assert_cmpint (count (fx, "SELECT count(*) FROM upload_links"), ==, 0);
}

/* A record of @kind for person @who, written as the records' subject
 * stores one (the records' own tests cover how they get there). */
static gint64
add_record (Fixture *fx, guint who, const char *kind)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (registry_storage_query (
      fx->storage,
      "INSERT INTO practice_records (person_id, kind, version, document, created_at,"
      " updated_at) VALUES ($1, $2, 1, '{}', 0, 0) RETURNING id",
      (const char *[]){ fx->person_id[who], kind }, 2, &rows, NULL, &error));
  g_assert_no_error (error);
  return registry_rows_get_int (rows, 0, 0);
}

static Reply *
post_to_record (Fixture *fx, guint who, const char *path, const char *type, GBytes *bytes)
{
  return send_request (fx, "POST", path, fx->person_session[who], type, bytes, NULL);
}

/* A two-page PDF written by hand, with SECRET in its document information
 * (title, author, creator tool, producer) and in an XMP packet. Its pages
 * are filled rectangles: a font poppler has to find on the system stays in
 * its caches until the registry's exit, where cairo's cache reset aborts
 * on it (a separate matter from what this file tests). */
static GBytes *
pdf_with_metadata (void)
{
  /* text in a font the file does not carry, as most office PDFs have */
  static const char *const contents[] = { "72 700 200 50 re f",
                                          "BT /F1 24 Tf 72 600 Td (Signed) Tj ET" };
  const char *xmp = "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                    "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                    "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                    "<dc:creator>" SECRET "</dc:creator></rdf:Description></rdf:RDF>"
                    "</x:xmpmeta><?xpacket end=\"w\"?>";
  g_autofree char *objects[9] = { NULL };
  GString *out = g_string_new ("%PDF-1.4\n");
  gsize offsets[9];

  objects[0] = g_strdup ("<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>");
  objects[1] = g_strdup ("<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>");
  objects[2] = g_strdup ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                         " /Resources << /Font << /F1 7 0 R >> >> >>");
  objects[3] = g_strdup_printf ("<< /Length %zu >>\nstream\n%s\nendstream", strlen (contents[0]),
                                contents[0]);
  objects[4] = g_strdup_printf ("<< /Type /Metadata /Subtype /XML /Length %zu >>\nstream\n%s\n"
                                "endstream",
                                strlen (xmp), xmp);
  objects[5] = g_strdup ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 8 0 R"
                         " /Resources << /Font << /F1 7 0 R >> >> >>");
  objects[6] = g_strdup ("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  objects[7] = g_strdup_printf ("<< /Length %zu >>\nstream\n%s\nendstream", strlen (contents[1]),
                                contents[1]);
  objects[8] = g_strdup ("<< /Title (" SECRET " title) /Author (" SECRET
                         " author) /Creator (" SECRET " tool) /Producer (" SECRET " producer) >>");
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = out->len;
      g_string_append_printf (out, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  {
    gsize xref = out->len;

    g_string_append_printf (out, "xref\n0 %u\n0000000000 65535 f \n",
                            (guint) G_N_ELEMENTS (objects) + 1);
    for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
      g_string_append_printf (out, "%010zu 00000 n \n", offsets[i]);
    g_string_append_printf (out,
                            "trailer\n<< /Size %u /Root 1 0 R /Info 9 0 R >>\nstartxref\n%zu\n"
                            "%%%%EOF\n",
                            (guint) G_N_ELEMENTS (objects) + 1, xref);
  }
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_clear_pointer (&objects[i], g_free);
  return g_string_free_to_bytes (out);
}

/* What poppler reads of a PDF's metadata, and its pages. */
static void
assert_pdf (GBytes *bytes, gboolean with_metadata)
{
  g_autoptr (GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *xmp = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 2);
  title = poppler_document_get_title (document);
  author = poppler_document_get_author (document);
  creator = poppler_document_get_creator (document);
  xmp = poppler_document_get_metadata (document);
  if (with_metadata)
    {
      g_assert_nonnull (strstr (title, SECRET));
      g_assert_nonnull (strstr (author, SECRET));
      g_assert_nonnull (strstr (xmp, SECRET));
    }
  else
    {
      g_assert_null (title);
      g_assert_null (author);
      g_assert_true (creator == NULL || strstr (creator, SECRET) == NULL);
      g_assert_null (xmp);
      g_assert_false (contains (bytes, SECRET));
      g_assert_false (contains (bytes, "xmpmeta"));
    }
  g_object_unref (document);
}

/* A PDF's document information and XMP packet never reach storage; its
 * pages do. */
static void
test_pdf_metadata_stripped (Fixture *fx, gconstpointer data)
{
  gint64 record = add_record (fx, 0, "education");
  g_autofree char *path =
      g_strdup_printf ("/v1/me/education/%" G_GINT64_FORMAT "/attachments", record);
  g_autoptr (GBytes) original = pdf_with_metadata ();
  g_autoptr (GBytes) stored = NULL;
  g_autoptr (Reply) reply = NULL;
  g_autoptr (Reply) served = NULL;

  /* the test's file does carry what must not be stored */
  assert_pdf (original, TRUE);
  reply = post_to_record (fx, 0, path, "application/pdf", original);
  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_cmpint (registry_test_json_int (reply->json, "pages"), ==, 2);
  stored = stored_content (fx, registry_test_json_int (reply->json, "id"));
  assert_pdf (stored, FALSE);
  served = get (fx, 0, registry_test_json_string (reply->json, "url"));
  g_assert_cmpuint (served->status, ==, 200);
  g_assert_cmpstr (served->content_type, ==, "application/pdf");
  g_assert_true (g_bytes_equal (served->body, stored));
}

/* A phone photo in a PDF: cairo embeds the JPEG's own bytes, EXIF and all,
 * as a PDF writer on a phone does. */
static GBytes *
pdf_with_jpeg (GBytes *jpeg)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_cb, out, 595, 842);
  cairo_t *cr = cairo_create (surface);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 1200);
  gsize size;
  const guchar *data = g_bytes_get_data (jpeg, &size);
  cairo_t *image_cr = cairo_create (image);

  cairo_set_source_rgb (image_cr, 0.8, 0.8, 0.8);
  cairo_paint (image_cr);
  cairo_destroy (image_cr);
  cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, data, size,
                               (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (jpeg));
  cairo_move_to (cr, 72, 60);
  cairo_show_text (cr, "diploma");
  cairo_scale (cr, 595.0 / 900, 595.0 / 900);
  cairo_set_source_surface (cr, image, 0, 100);
  cairo_paint (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

/* Every stream of a PDF, inflated where it is deflated, so a compressed
 * stream cannot hide what is looked for. */
static GPtrArray *
pdf_streams (GBytes *pdf)
{
  GPtrArray *streams = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  const char *at = data;
  const char *end = data + size;

  while ((at = memmem (at, end - at, "stream", 6)) != NULL)
    {
      const char *start = at + 6;
      const char *stop;
      g_autoptr (GBytes) raw = NULL;
      g_autoptr (GZlibDecompressor) zlib = NULL;
      g_autoptr (GInputStream) inflated = NULL;
      g_autoptr (GInputStream) source = NULL;
      g_autoptr (GBytes) plain = NULL;

      if (at > data && at[-1] == 'd') /* endstream */
        {
          at = start;
          continue;
        }
      if (start < end && *start == '\r')
        start++;
      if (start < end && *start == '\n')
        start++;
      stop = memmem (start, end - start, "endstream", 9);
      if (stop == NULL)
        break;
      raw = g_bytes_new (start, stop - start);
      g_ptr_array_add (streams, g_bytes_ref (raw));
      zlib = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
      source = g_memory_input_stream_new_from_bytes (raw);
      inflated = g_converter_input_stream_new (source, G_CONVERTER (zlib));
      plain = g_input_stream_read_bytes (inflated, 64 * 1024 * 1024, NULL, NULL);
      if (plain != NULL && g_bytes_get_size (plain) > 0)
        g_ptr_array_add (streams, g_steal_pointer (&plain));
      at = stop + 9;
    }
  return streams;
}

/* No EXIF anywhere in @pdf: not in its bytes, not in an inflated stream,
 * no JPEG with an APP1 segment. */
static void
assert_pdf_without_exif (GBytes *pdf)
{
  g_autoptr (GPtrArray) streams = pdf_streams (pdf);
  static const char app1[] = { (char) 0xff, (char) 0xd8, (char) 0xff, (char) 0xe1, 0 };

  g_assert_cmpuint (streams->len, >, 0);
  g_assert_false (contains (pdf, "Exif"));
  g_assert_false (contains (pdf, SECRET));
  g_assert_false (contains (pdf, app1));
  for (guint i = 0; i < streams->len; i++)
    {
      GBytes *stream = g_ptr_array_index (streams, i);

      g_assert_false (contains (stream, "Exif"));
      g_assert_false (contains (stream, SECRET));
      g_assert_false (contains (stream, app1));
    }
}

/* A JPEG inside a PDF loses its EXIF (GPS included) too: its pixels are
 * encoded again, its own bytes are not copied into what is stored. */
static void
test_pdf_jpeg_exif_stripped (Fixture *fx, gconstpointer data)
{
  gint64 record = add_record (fx, 0, "education");
  g_autofree char *path =
      g_strdup_printf ("/v1/me/education/%" G_GINT64_FORMAT "/attachments", record);
  g_autoptr (GBytes) jpeg = jpeg_with_metadata ();
  g_autoptr (GBytes) original = pdf_with_jpeg (jpeg);
  g_autoptr (GBytes) stored = NULL;
  g_autoptr (Reply) reply = NULL;
  g_autoptr (Reply) served = NULL;
  g_autoptr (GError) error = NULL;
  PopplerDocument *document;

  /* the test's file does carry the photo's EXIF */
  g_assert_true (contains (original, "Exif"));
  g_assert_true (contains (original, SECRET));
  reply = post_to_record (fx, 0, path, "application/pdf", original);
  g_assert_cmpuint (reply->status, ==, 201);
  stored = stored_content (fx, registry_test_json_int (reply->json, "id"));
  assert_pdf_without_exif (stored);
  /* the photo is still a JPEG (not stored again as lossless pixels, which
   * makes a scanned page ten times larger) */
  g_assert_true (contains (stored, "/DCTDecode"));
  served = get (fx, 0, registry_test_json_string (reply->json, "url"));
  g_assert_true (g_bytes_equal (served->body, stored));
  /* still a PDF of one page */
  document = poppler_document_new_from_bytes (stored, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  g_object_unref (document);
}

/* A small PDF whose one page draws a form that draws the next one ten times,
 * @levels deep: 10^@levels rectangles, more than any renderer can draw in
 * memory or time (a "billion laughs" of PDF). */
static GBytes *
pdf_bomb (guint levels)
{
  g_autoptr (GString) out = g_string_new ("%PDF-1.4\n");
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GString) fan = g_string_new (NULL);
  gsize xref;

#define OBJECT(...)                                                                                \
  G_STMT_START                                                                                     \
  {                                                                                                \
    gsize offset = out->len;                                                                       \
    g_array_append_val (offsets, offset);                                                          \
    g_string_append_printf (out, "%u 0 obj\n", offsets->len);                                      \
    g_string_append_printf (out, __VA_ARGS__);                                                     \
    g_string_append (out, "\nendobj\n");                                                           \
  }                                                                                                \
  G_STMT_END

  for (guint i = 0; i < 10; i++)
    g_string_append (fan, "q 1 0 0 1 0.01 0 cm /X Do Q ");
  OBJECT ("<< /Type /Catalog /Pages 2 0 R >>");
  OBJECT ("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  OBJECT ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
          " /Resources << /XObject << /X 5 0 R >> >> >>");
  OBJECT ("<< /Length 9 >>\nstream\nq /X Do Q\nendstream");
  for (guint level = 0; level < levels; level++)
    {
      if (level + 1 < levels)
        OBJECT ("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842]"
                " /Resources << /XObject << /X %u 0 R >> >> /Length %zu >>\nstream\n%s\nendstream",
                offsets->len + 2, fan->len, fan->str);
      else
        OBJECT ("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Length 12 >>\n"
                "stream\n0 0 1 1 re f\nendstream");
    }
#undef OBJECT
  xref = out->len;
  g_string_append_printf (out, "xref\n0 %u\n0000000000 65535 f \n", offsets->len + 1);
  for (guint i = 0; i < offsets->len; i++)
    g_string_append_printf (out, "%010zu 00000 n \n", g_array_index (offsets, gsize, i));
  g_string_append_printf (out, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                          offsets->len + 1, xref);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* The registry answers and stores again after a refused PDF. */
static void
assert_still_serving (Fixture *fx, const char *path)
{
  g_autoptr (GdkPixbuf) page = white_page (200, 100);
  g_autoptr (GBytes) png = encode (page, "png");
  g_autoptr (Reply) reply = post_to_record (fx, 0, path, "image/png", png);

  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 1);
}

/* A PDF that exhausts the renderer stops at the renderer's own limits: with
 * the callers' wall-clock timeout out of reach (longer than the test's
 * client waits), only its memory and CPU limits can end it. Refused as
 * damaged, nothing stored, the registry serves on. */
static void
test_pdf_bomb (Fixture *fx, gconstpointer data)
{
  gint64 record = add_record (fx, 0, "education");
  g_autofree char *path =
      g_strdup_printf ("/v1/me/education/%" G_GINT64_FORMAT "/attachments", record);
  g_autoptr (GBytes) bomb = pdf_bomb (12);
  g_autoptr (Reply) reply = NULL;

  restart_registry_with (fx, "PRACTITIONER_PDF_TIMEOUT", "3600", NULL, NULL);
  reply = post_to_record (fx, 0, path, "application/pdf", bomb);
  assert_refused (reply, 422, "file_damaged");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 0);
  assert_still_serving (fx, path);
}

/* A renderer that crashes half-way, or hangs until the registry kills it:
 * the upload is refused, nothing is stored, the registry serves on. */
static void
test_pdf_renderer_dies (Fixture *fx, gconstpointer data)
{
  const char *how = data;
  gint64 record = add_record (fx, 0, "education");
  g_autofree char *path =
      g_strdup_printf ("/v1/me/education/%" G_GINT64_FORMAT "/attachments", record);
  g_autofree char *script = g_strdup_printf (
      "%s/renderer-%s-%u", registry_test_cluster_get_dir (cluster), how, fixture_counter);
  g_autofree char *text =
      g_strdup_printf ("#!/bin/sh\n"
                       "# reads part of the file, says it has pages, then %s\n"
                       "head -c 100 >/dev/null\n"
                       "printf 'NPAG\\000\\000\\000\\004\\000\\000\\000\\001'\n"
                       "%s\n",
                       how, g_str_equal (how, "crash") ? "kill -SEGV $$" : "exec sleep 3600");
  g_autoptr (GBytes) pdf = pdf_of_pages (2);
  g_autoptr (Reply) reply = NULL;
  g_autoptr (GError) error = NULL;

  g_file_set_contents (script, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  restart_registry_with (fx, "PRACTITIONER_PDF_RENDERER", script, "PRACTITIONER_PDF_TIMEOUT", "2");
  reply = post_to_record (fx, 0, path, "application/pdf", pdf);
  assert_refused (reply, 422, "file_damaged");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 0);
  assert_still_serving (fx, path);
}

/* Attachments of a record: added, listed, read, refused on someone else's
 * record and on kinds that take none, gone with their record. */
static void
test_record_attachments (Fixture *fx, gconstpointer data)
{
  gint64 record = add_record (fx, 0, "education");
  gint64 others = add_record (fx, 1, "education");
  gint64 work = add_record (fx, 0, "work-history");
  g_autofree char *path =
      g_strdup_printf ("/v1/me/education/%" G_GINT64_FORMAT "/attachments", record);
  g_autofree char *others_path =
      g_strdup_printf ("/v1/me/education/%" G_GINT64_FORMAT "/attachments", others);
  g_autofree char *work_path =
      g_strdup_printf ("/v1/me/work-history/%" G_GINT64_FORMAT "/attachments", work);
  g_autofree char *record_path = g_strdup_printf ("/v1/me/education/%" G_GINT64_FORMAT, record);
  g_autoptr (GBytes) photo = jpeg_with_metadata ();
  g_autoptr (GBytes) pdf = pdf_of_pages (3);
  g_autofree char *file_path = NULL;
  Reply *reply;

  reply = post_to_record (fx, 0, path, "image/jpeg", photo);
  g_assert_cmpuint (reply->status, ==, 201);
  file_path = g_strdup (registry_test_json_string (reply->json, "url"));
  {
    g_autoptr (GBytes) stored = stored_content (fx, registry_test_json_int (reply->json, "id"));
    assert_jpeg_without_metadata (stored);
  }
  reply_free (reply);
  reply = post_to_record (fx, 0, path, "application/pdf", pdf);
  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_cmpint (registry_test_json_int (reply->json, "pages"), ==, 3);
  reply_free (reply);

  reply = get (fx, 0, path);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "attachments.0.media_type"), ==,
                   "image/jpeg");
  g_assert_cmpstr (registry_test_json_string (reply->json, "attachments.1.media_type"), ==,
                   "application/pdf");
  /* drawn again without its metadata: its own size, as stored */
  g_assert_cmpint (registry_test_json_int (reply->json, "attachments.1.size"), >, 0);
  g_assert_nonnull (registry_test_json_string (reply->json, "attachments.1.created_at"));
  g_assert_nonnull (registry_test_json_string (reply->json, "attachments.1.thumbnail_url"));
  reply_free (reply);
  reply = get (fx, 0, file_path);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (strstr (reply->disposition, ".jpg\""));
  reply_free (reply);

  /* someone else's record: as if it did not exist, both ways */
  reply = post_to_record (fx, 0, others_path, "image/jpeg", photo);
  assert_refused (reply, 404, "not_found");
  reply_free (reply);
  reply = get (fx, 0, others_path);
  assert_refused (reply, 404, "not_found");
  reply_free (reply);
  reply = get (fx, 1, path);
  assert_refused (reply, 404, "not_found");
  reply_free (reply);
  /* a kind that takes no attachments */
  reply = post_to_record (fx, 0, work_path, "image/jpeg", photo);
  assert_refused (reply, 404, "not_found");
  reply_free (reply);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 2);

  /* a phone link to the record delivers to it */
  {
    g_autofree char *body = g_strdup_printf (
        "{\"target\": {\"kind\": \"education\", \"id\": %" G_GINT64_FORMAT "}}", record);
    g_autofree char *others_body = g_strdup_printf (
        "{\"target\": {\"kind\": \"education\", \"id\": %" G_GINT64_FORMAT "}}", others);
    g_autoptr (Reply) link = post_json (fx, 0, "/v1/me/upload-links", body);
    g_autoptr (Reply) refused = post_json (fx, 0, "/v1/me/upload-links", others_body);
    g_autofree char *page_path = NULL;

    g_assert_cmpuint (link->status, ==, 201);
    assert_refused (refused, 404, "not_found");
    page_path = token_of (link);
    reply = send_request (fx, "POST", page_path, NULL, "image/jpeg", photo, NULL);
    g_assert_cmpuint (reply->status, ==, 201);
    reply_free (reply);
  }
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments WHERE section = 'education'"), ==,
                   3);

  /* the record's deletion takes its attachments */
  reply = send_request (fx, "DELETE", record_path, fx->person_session[0], NULL, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  reply_free (reply);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 0);
  reply = get (fx, 0, file_path);
  assert_refused (reply, 404, "not_found");
  reply_free (reply);
}

/* A record holds at most 20 attachments; the signature form's are apart. */
static void
test_attachment_limit (Fixture *fx, gconstpointer data)
{
  gint64 record = add_record (fx, 0, "titles");
  g_autofree char *path =
      g_strdup_printf ("/v1/me/titles/%" G_GINT64_FORMAT "/attachments", record);
  g_autoptr (GdkPixbuf) page = white_page (40, 30);
  g_autoptr (GBytes) png = encode (page, "png");
  g_autoptr (Reply) refused = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr (Reply) reply = post_to_record (fx, 0, path, "image/png", png);
      g_assert_cmpuint (reply->status, ==, 201);
    }
  refused = post_to_record (fx, 0, path, "image/png", png);
  assert_refused (refused, 409, "too_many_attachments");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 20);
}

typedef struct
{
  Fixture *fx;
  char *path;
  GBytes *scan;
  guint status;
} ParallelUpload;

static gpointer
parallel_upload_thread (gpointer data)
{
  ParallelUpload *upload = data;
  g_autofree char *url = g_strconcat (upload->fx->process->base_url, upload->path, NULL);
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr (GBytes) reply = NULL;

  soup_message_set_request_body_from_bytes (msg, "image/jpeg", upload->scan);
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  upload->status = soup_message_get_status (msg);
  return NULL;
}

/* More uploads at once than the registry reads at once: the others wait at
 * their headers, and every one of them is answered. */
static void
test_parallel_uploads (Fixture *fx, gconstpointer data)
{
  enum
  {
    N = 8
  };
  g_autoptr (GBytes) scan = form_scan (fx, 0);
  ParallelUpload uploads[N];
  GThread *threads[N];

  for (guint i = 0; i < N; i++)
    {
      g_autoptr (Reply) link =
          post_json (fx, 0, "/v1/me/upload-links", "{\"target\": {\"kind\": \"signature-form\"}}");
      uploads[i] = (ParallelUpload){ fx, token_of (link), scan, 0 };
    }
  for (guint i = 0; i < N; i++)
    threads[i] = g_thread_new ("upload", parallel_upload_thread, &uploads[i]);
  for (guint i = 0; i < N; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (uploads[i].status, ==, 201);
      g_free (uploads[i].path);
    }
  g_assert_cmpint (count (fx, "SELECT count(*) FROM upload_links WHERE used_at IS NOT NULL"), ==,
                   N);
  /* the form keeps its latest scan */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 1);
}

/* Uploads whose clients go away half-way free their turn: after more of
 * them than are read at once, a whole upload is still taken. */
static void
test_abandoned_uploads (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) scan = form_scan (fx, 0);
  g_autoptr (Reply) reply = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *head = g_strdup_printf (
          "POST /v1/me/signature-form/scan HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          "Authorization: Bearer %s\r\nX-Session-Token: %s\r\nContent-Type: image/jpeg\r\n"
          "Content-Length: 100000\r\n\r\n\xff\xd8\xff\xe0",
          fx->token, fx->person_session[0]);
      g_autoptr (RegistryTestReply) cut = registry_test_raw (fx->process, head, strlen (head));

      /* closed without an answer: the body never came */
      g_assert_cmpuint (cut->status, !=, 201);
    }
  reply = post_scan (fx, 0, "image/jpeg", scan, NULL);
  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM attachments"), ==, 1);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster = registry_test_cluster_start ();

#define ADD(path, func)                                                                            \
  g_test_add ("/registry/attachments/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("metadata-stripped", test_metadata_stripped);
  ADD ("refusals", test_refusals);
  ADD ("png-labelled-pdf", test_png_labelled_pdf);
  ADD ("other-persons-attachment", test_other_persons_attachment);
  ADD ("signature-form", test_signature_form);
  ADD ("signature-form-staff", test_signature_form_staff);
  ADD ("link-single-use", test_link_single_use);
  ADD ("link-expiry", test_link_expiry);
  ADD ("link-needs-staff", test_link_needs_staff);
  ADD ("link-needs-staff-expiry", test_link_needs_staff_expiry);
  ADD ("link-targets", test_link_targets);
  ADD ("parallel-uploads", test_parallel_uploads);
  ADD ("record-attachments", test_record_attachments);
  ADD ("pdf-metadata-stripped", test_pdf_metadata_stripped);
  ADD ("attachment-limit", test_attachment_limit);
  ADD ("pdf-jpeg-exif-stripped", test_pdf_jpeg_exif_stripped);
  ADD ("pdf-bomb", test_pdf_bomb);
  g_test_add ("/registry/attachments/pdf-renderer-crashes", Fixture, "crash", fixture_set_up,
              test_pdf_renderer_dies, fixture_tear_down);
  g_test_add ("/registry/attachments/pdf-renderer-hangs", Fixture, "hang", fixture_set_up,
              test_pdf_renderer_dies, fixture_tear_down);
  ADD ("abandoned-uploads", test_abandoned_uploads);
#undef ADD

  status = g_test_run ();
  registry_test_cluster_stop (cluster);
  return status;
}
