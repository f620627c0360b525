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
 * shown with what they show at their fullest. Everything else gets 503, so
 * filings stay queued on the kiosk.
 */

#include "config.h"

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
  char *lookup_token; /* the device token a person-state lookup came with */
  char *last_session; /* the staff session given last */
  char *signed_out;   /* the staff session given back last */
  char *dictionaries; /* GET /v1/dictionaries, when set */
};

static char *
respond (const char *status, const char *body)
{
  return g_strdup_printf ("HTTP/1.1 %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                          status, strlen (body), body);
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
  else /* filings wait on the kiosk: these tests look at them there */
    answer = respond ("503 Service Unavailable",
                      "{\"error\":{\"code\":\"unavailable\",\"message\":\"\"}}");
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
  g_free (peer->last_session);
  g_free (peer->signed_out);
  g_free (peer->dictionaries);
  g_free (peer->url);
  g_free (peer->last_token);
  g_free (peer->lookup_token);
  g_mutex_clear (&peer->lock);
  g_free (peer);
}

/* @json: what GET /v1/dictionaries answers, the registry's dictionary set */
void
kiosk_staff_peer_set_dictionaries (KioskStaffPeer *peer, const char *json)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&peer->lock);

  g_free (peer->dictionaries);
  peer->dictionaries = g_strdup (json);
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
