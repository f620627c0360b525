/* kiosk-staff-peer.c: a scripted registry for staff sign-in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Answers the registry's staff sign-in contract (POST /v1/staff/sessions:
 * 200 {"staff", "staff_session"}, 401 staff_login_failed, 403 staff_locked
 * with retry_after, 403 staff_disabled for a disabled account's right
 * password; DELETE /v1/staff/sessions/current), GET /v1/health and the
 * person-state lookup, on a loopback port; for the pages a person sees
 * after logging in, the signed form's record (uploaded, with its times and
 * scan) and a phone upload link that stays waiting, so those pages can be
 * shown with what they show at their fullest. When given, the person's
 * records of a kind (GET /v1/me/{kind}, one by GET /v1/me/{kind}/{id}, their
 * number on the home page's tiles by GET /v1/me) and
 * an image that every record has attached twice (GET
 * /v1/me/{kind}/{id}/attachments as the registry lists them, the file and
 * its thumbnail by GET /v1/me/attachments/{id}[/thumbnail]), and a captcha
 * picture (GET /v1/captcha) for the register and login pages. Everything
 * else gets 503, so filings stay queued on the kiosk.
 */

#include "config.h"

#include <cairo.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kiosk-staff-peer.h"
#include "threaded-service.h"

struct _KioskStaffPeer
{
  GSocketService *service;
  char *url;
  GMutex lock;
  GHashTable *accounts; /* user → password */
  GHashTable *disabled; /* user */
  gboolean locked;
  guint sign_ins;
  char *last_token;
  char *lookup_token;  /* the device token a person-state lookup came with */
  char *last_session;  /* the staff session given last */
  char *signed_out;    /* the staff session given back last */
  char *dictionaries;  /* GET /v1/dictionaries, when set */
  GHashTable *records; /* kind → JsonArray of its records */
  JsonObject *person;  /* the signed-in person GET /v1/me gives, when set */
  GBytes *attachment;  /* a JPEG, every record's attachments' file and thumbnail */
};

/* the ids of the two attachments every record has */
#define FIRST_ATTACHMENT KIOSK_STAFF_PEER_FIRST_ATTACHMENT
#define N_ATTACHMENTS 2

static char *
respond (const char *status, const char *body)
{
  return g_strdup_printf ("HTTP/1.1 %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                          status, strlen (body), body);
}

static cairo_status_t
append_png (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* GET /v1/captcha: a picture of letters the size the registry draws, so
 * that the pages show what they show in service */
static char *
answer_captcha (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 240, 90);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GByteArray) png = g_byte_array_new ();
  g_autofree char *image = NULL;
  g_autofree char *body = NULL;

  cairo_set_source_rgb (cr, 0.93, 0.95, 0.98);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.2, 0.4);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 56);
  cairo_move_to (cr, 28, 66);
  cairo_show_text (cr, "K7MP");
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  image = g_base64_encode (png->data, png->len);
  body = g_strdup_printf ("{\"captcha_id\":\"peer-captcha\",\"image_png_base64\":\"%s\"}", image);
  return respond ("200 OK", body);
}

/* A binary answer: @body is not text, and may hold NULs. */
static GBytes *
respond_bytes (const char *media_type, GBytes *body)
{
  g_autoptr (GByteArray) answer = g_byte_array_new ();
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\n"
                                           "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                                           media_type, g_bytes_get_size (body));

  g_byte_array_append (answer, (const guint8 *) head, strlen (head));
  g_byte_array_append (answer, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return g_byte_array_free_to_bytes (g_steal_pointer (&answer));
}

/* GET /v1/me/{kind}[/{id}[/attachments]] (@path from the kind on, up to
 * the request line's space): the records given, as the registry answers. */
static char *
answer_records (KioskStaffPeer *peer, const char *path)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);
  g_auto (GStrv) parts = g_strsplit (path, "/", 3);
  JsonArray *records = g_hash_table_lookup (peer->records, parts[0]);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;
  guint64 id = 0;

  if (records == NULL)
    return NULL;
  if (parts[1] == NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, parts[0]);
      json_builder_set_member_name (builder, "records");
      json_builder_add_value (builder, json_node_init_array (json_node_alloc (), records));
      json_builder_end_object (builder);
    }
  else if (g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXINT64, &id, NULL) && parts[2] == NULL)
    {
      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonObject *record = json_array_get_object_element (records, i);

          if ((guint64) json_object_get_int_member (record, "id") == id)
            {
              g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), record);

              json = json_to_string (node, FALSE);
              return respond ("200 OK", json);
            }
        }
    }
  else if (id > 0 && g_str_equal (parts[2], "attachments") && peer->attachment != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "attachments");
      json_builder_begin_array (builder);
      for (guint i = 0; i < N_ATTACHMENTS; i++)
        {
          g_autofree char *url = g_strdup_printf ("/v1/me/attachments/%u", FIRST_ATTACHMENT + i);
          g_autofree char *thumbnail = g_strconcat (url, "/thumbnail", NULL);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, FIRST_ATTACHMENT + i);
          json_builder_set_member_name (builder, "media_type");
          json_builder_add_string_value (builder, "image/jpeg");
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, g_bytes_get_size (peer->attachment));
          json_builder_set_member_name (builder, "pages");
          json_builder_add_int_value (builder, 1);
          json_builder_set_member_name (builder, "created_at");
          json_builder_add_string_value (builder, "2026-03-02T02:45:00Z");
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, url);
          json_builder_set_member_name (builder, "thumbnail_url");
          json_builder_add_string_value (builder, thumbnail);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  root = json_builder_get_root (builder);
  if (root == NULL)
    return respond ("404 Not Found",
                    "{\"error\":{\"code\":\"not_found\",\"message\":\"no such record\"}}");
  json = json_to_string (root, FALSE);
  return respond ("200 OK", json);
}

/* GET /v1/me: the person, when given, and how many records of each kind
 * given they have */
static char *
answer_counts (KioskStaffPeer *peer)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;
  GHashTableIter iter;
  gpointer kind, records;

  if (g_hash_table_size (peer->records) == 0)
    return NULL;
  json_builder_begin_object (builder);
  if (peer->person != NULL)
    {
      g_autoptr (JsonNode) person = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (person, peer->person);
      json_builder_set_member_name (builder, "person");
      json_builder_add_value (builder, g_steal_pointer (&person));
    }
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, peer->records);
  while (g_hash_table_iter_next (&iter, &kind, &records))
    {
      json_builder_set_member_name (builder, kind);
      json_builder_add_int_value (builder, json_array_get_length (records));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  return respond ("200 OK", json);
}

/* GET /v1/me/attachments/{id}[/thumbnail] (@path from the id on) */
static GBytes *
answer_attachment (KioskStaffPeer *peer, const char *path)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);
  g_autofree char *id_text = g_strndup (path, strspn (path, "0123456789"));
  const char *rest = path + strlen (id_text);
  guint64 id = 0;

  if (peer->attachment == NULL ||
      !g_ascii_string_to_unsigned (id_text, 10, FIRST_ATTACHMENT,
                                   FIRST_ATTACHMENT + N_ATTACHMENTS - 1, &id, NULL) ||
      (*rest != ' ' && !g_str_has_prefix (rest, "/thumbnail ")))
    return NULL;
  return respond_bytes ("image/jpeg", peer->attachment);
}

static char *
answer_sign_in (KioskStaffPeer *peer, const char *body)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);
  JsonObject *object;
  const char *user;
  const char *password;
  const char *expected;

  peer->sign_ins++;
  if (peer->locked)
    return respond ("403 Forbidden", "{\"error\":{\"code\":\"staff_locked\",\"message\":\"staff "
                                     "login is locked\",\"retry_after\":300}}");
  if (!json_parser_load_from_data (parser, body, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return respond ("400 Bad Request", "{\"error\":{\"code\":\"bad_json\",\"message\":\"\"}}");
  object = json_node_get_object (json_parser_get_root (parser));
  user = json_object_get_string_member_with_default (object, "user", "");
  password = json_object_get_string_member_with_default (object, "password", "");
  expected = g_hash_table_lookup (peer->accounts, user);
  if (expected != NULL && g_str_equal (expected, password) &&
      g_hash_table_contains (peer->disabled, user))
    return respond ("403 Forbidden", "{\"error\":{\"code\":\"staff_disabled\","
                                     "\"message\":\"this staff account is disabled\"}}");
  if (expected != NULL && g_str_equal (expected, password))
    {
      g_autofree char *answer = NULL;
      GString *token = g_string_new (NULL);

      for (guint i = 0; i < 32; i++)
        g_string_append_printf (token, "%02x", g_random_int_range (0, 256));
      g_free (peer->last_session);
      peer->last_session = g_string_free (token, FALSE);
      answer = g_strdup_printf ("{\"staff\":\"%s\",\"staff_session\":\"%s\","
                                "\"expires_in\":43200}",
                                user, peer->last_session);
      return respond ("200 OK", answer);
    }
  return respond ("401 Unauthorized", "{\"error\":{\"code\":\"staff_login_failed\","
                                      "\"message\":\"wrong user or password\"}}");
}

static gboolean
handler_cb (GThreadedSocketService *service,
            GSocketConnection *connection,
            GObject *source,
            gpointer user_data)
{
  KioskStaffPeer *peer = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr (GString) request = g_string_new (NULL);
  g_autofree char *answer = NULL;
  g_autoptr (GBytes) file = NULL;
  char buf[4096];
  gssize n;
  gsize body_len = 0;
  gsize head_len;
  const char *end;
  const char *auth;

  while ((end = strstr (request->str, "\r\n\r\n")) == NULL &&
         (n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (request, buf, n);
  if (end == NULL)
    return TRUE;
  head_len = (gsize) (end - request->str) + 4;
  {
    const char *cl = strcasestr (request->str, "Content-Length:");
    if (cl != NULL && cl < end)
      body_len = g_ascii_strtoull (cl + 15, NULL, 10);
  }
  while (request->len < head_len + body_len &&
         (n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (request, buf, n);

  auth = strcasestr (request->str, "Authorization: Bearer ");
  if (auth != NULL && auth < request->str + head_len)
    {
      G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);
      const char *start = auth + strlen ("Authorization: Bearer ");
      g_free (peer->last_token);
      peer->last_token = g_strndup (start, strcspn (start, "\r\n"));
      /* the kiosk's sync keeps its own client (and token) beside these calls */
      if (g_str_has_prefix (request->str, "GET /v1/persons/"))
        {
          g_free (peer->lookup_token);
          peer->lookup_token = g_strdup (peer->last_token);
        }
    }

  if (g_str_has_prefix (request->str, "POST /v1/staff/sessions "))
    answer = answer_sign_in (peer, request->str + head_len);
  else if (g_str_has_prefix (request->str, "DELETE /v1/staff/sessions/current "))
    {
      G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);
      const char *session = strcasestr (request->str, "X-Session-Token: ");

      if (session != NULL && session < request->str + head_len)
        {
          const char *start = session + strlen ("X-Session-Token: ");
          g_free (peer->signed_out);
          peer->signed_out = g_strndup (start, strcspn (start, "\r\n"));
        }
      answer = respond ("200 OK", "{\"status\":\"signed_out\"}");
    }
  else if (g_str_has_prefix (request->str, "GET /v1/captcha "))
    answer = answer_captcha ();
  else if (g_str_has_prefix (request->str, "GET /v1/health "))
    answer = respond ("200 OK", "{\"status\":\"ok\",\"version\":\"test\",\"database\":true}");
  else if (g_str_has_prefix (request->str, "GET /v1/persons/"))
    answer = respond ("200 OK", "{\"state\":\"not_filed\"}");
  else if (g_str_has_prefix (request->str, "GET /v1/dictionaries "))
    {
      G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

      answer = peer->dictionaries != NULL
                   ? respond ("200 OK", peer->dictionaries)
                   : respond ("503 Service Unavailable",
                              "{\"error\":{\"code\":\"unavailable\",\"message\":\"\"}}");
    }
  else if (g_str_has_prefix (request->str, "GET /v1/me "))
    answer = answer_counts (peer);
  else if (g_str_has_prefix (request->str, "GET /v1/me/signature-form "))
    answer = respond ("200 OK", "{\"status\":\"uploaded\",\"printed_at\":\"2026-03-01T01:30:00Z\","
                                "\"uploaded_at\":\"2026-03-02T02:45:00Z\","
                                "\"scan\":{\"id\":1,\"media_type\":\"image/png\"}}");
  else if (g_str_has_prefix (request->str, "POST /v1/me/upload-links "))
    answer = respond ("201 Created", "{\"id\":7,\"status\":\"waiting\",\"expires_in\":600,\"url\":"
                                     "\"https://registry.example.org/u/"
                                     "k7Qx2mP9vL4sT8wN3bR6yH1cF5dJ0gZaEeUuIiOoAaSs\"}");
  else if (g_str_has_prefix (request->str, "GET /v1/me/upload-links/7 "))
    answer = respond ("200 OK", "{\"id\":7,\"status\":\"waiting\",\"expires_in\":600}");
  else if (g_str_has_prefix (request->str, "GET /v1/me/attachments/"))
    file = answer_attachment (peer, request->str + strlen ("GET /v1/me/attachments/"));
  else if (g_str_has_prefix (request->str, "GET /v1/me/"))
    {
      const char *path = request->str + strlen ("GET /v1/me/");
      g_autofree char *kind_path = g_strndup (path, strcspn (path, " ?\r\n"));

      answer = answer_records (peer, kind_path);
    }
  /* filings wait on the kiosk: these tests look at them there */
  if (answer == NULL && file == NULL)
    answer = respond ("503 Service Unavailable",
                      "{\"error\":{\"code\":\"unavailable\",\"message\":\"\"}}");
  if (file != NULL)
    g_output_stream_write_all (out, g_bytes_get_data (file, NULL), g_bytes_get_size (file), NULL,
                               NULL, NULL);
  else
    g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

KioskStaffPeer *
kiosk_staff_peer_new (void)
{
  KioskStaffPeer *peer = g_new0 (KioskStaffPeer, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_mutex_init (&peer->lock);
  peer->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  peer->disabled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  peer->records =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_array_unref);
  peer->service = threaded_service_new (4);
  g_socket_listener_add_address (G_SOCKET_LISTENER (peer->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (peer->service, "run", G_CALLBACK (handler_cb), peer);
  g_socket_service_start (peer->service);
  peer->url = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  return peer;
}

void
kiosk_staff_peer_free (KioskStaffPeer *peer)
{
  threaded_service_finish (peer->service);
  g_hash_table_unref (peer->accounts);
  g_hash_table_unref (peer->disabled);
  g_hash_table_unref (peer->records);
  g_clear_pointer (&peer->person, json_object_unref);
  g_clear_pointer (&peer->attachment, g_bytes_unref);
  g_free (peer->last_session);
  g_free (peer->signed_out);
  g_free (peer->dictionaries);
  g_free (peer->url);
  g_free (peer->last_token);
  g_free (peer->lookup_token);
  g_mutex_clear (&peer->lock);
  g_free (peer);
}

/**
 * kiosk_staff_peer_write_enrolment:
 * @token: the device token the kiosk is to hold
 * @out_folder: (out): a new folder with the token file and the
 *   configuration, for the caller to remove
 *
 * Returns: (transfer full): the path of a kiosk configuration enrolled at
 *   this peer with @token
 */
char *
kiosk_staff_peer_write_enrolment (KioskStaffPeer *peer, const char *token, char **out_folder)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("kiosk-enrolment-XXXXXX", &error);
  g_autofree char *token_file = g_build_filename (folder, "device-token", NULL);
  g_autofree char *token_line = g_strconcat (token, "\n", NULL);
  char *keyfile = g_build_filename (folder, "kiosk.conf", NULL);
  g_autofree char *contents = g_strdup_printf ("[kiosk]\nregistry-url=%s\ndevice-token-file=%s\n",
                                               kiosk_staff_peer_get_url (peer), token_file);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents_full (token_file, token_line, -1,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error));
  g_assert_true (g_file_set_contents (keyfile, contents, -1, &error));
  g_assert_no_error (error);
  *out_folder = g_steal_pointer (&folder);
  return keyfile;
}

/* @json: what GET /v1/dictionaries answers, the registry's dictionary set */
void
kiosk_staff_peer_set_dictionaries (KioskStaffPeer *peer, const char *json)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  g_free (peer->dictionaries);
  peer->dictionaries = g_strdup (json);
}

/* @person: the signed-in person GET /v1/me answers with (the peer keeps a
 * reference); GET /v1/me answers only once records are given */
void
kiosk_staff_peer_set_person (KioskStaffPeer *peer, JsonObject *person)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  g_clear_pointer (&peer->person, json_object_unref);
  peer->person = json_object_ref (person);
}

/* @records: what GET /v1/me/@kind answers, the records with their "id"
 * and "version" (the peer keeps a reference) */
void
kiosk_staff_peer_set_records (KioskStaffPeer *peer, const char *kind, JsonArray *records)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  g_hash_table_insert (peer->records, g_strdup (kind), json_array_ref (records));
}

/* @jpeg: the file (and thumbnail) of the two attachments every record given
 * by kiosk_staff_peer_set_records() has */
void
kiosk_staff_peer_set_attachment (KioskStaffPeer *peer, GBytes *jpeg)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  g_clear_pointer (&peer->attachment, g_bytes_unref);
  peer->attachment = g_bytes_ref (jpeg);
}

const char *
kiosk_staff_peer_get_url (KioskStaffPeer *peer)
{
  return peer->url;
}

void
kiosk_staff_peer_add_account (KioskStaffPeer *peer, const char *user, const char *password)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  g_hash_table_insert (peer->accounts, g_strdup (user), g_strdup (password));
}

void
kiosk_staff_peer_set_locked (KioskStaffPeer *peer, gboolean locked)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  peer->locked = locked;
}

void
kiosk_staff_peer_set_disabled (KioskStaffPeer *peer, const char *user, gboolean disabled)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  if (disabled)
    g_hash_table_add (peer->disabled, g_strdup (user));
  else
    g_hash_table_remove (peer->disabled, user);
}

/* The staff session token the last successful sign-in was given. */
char *
kiosk_staff_peer_dup_last_session (KioskStaffPeer *peer)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  return g_strdup (peer->last_session);
}

/* The staff session token the last sign-out gave back. */
char *
kiosk_staff_peer_dup_signed_out (KioskStaffPeer *peer)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  return g_strdup (peer->signed_out);
}

guint
kiosk_staff_peer_get_sign_ins (KioskStaffPeer *peer)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  return peer->sign_ins;
}

char *
kiosk_staff_peer_dup_last_token (KioskStaffPeer *peer)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  return g_strdup (peer->last_token);
}

/* The device token the last person-state lookup (the settings page's test of
 * the connection) came with; syncing, which runs beside it, does not change it. */
char *
kiosk_staff_peer_dup_lookup_token (KioskStaffPeer *peer)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  return g_strdup (peer->lookup_token);
}
