/* bench-bare-server.c: a bare libsoup server, the yardstick of the registry's figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Absolute figures move twofold between machines and with whatever else
 * runs on them. A libsoup server on a thread of the benchmark, answering a
 * fixed JSON body to every request and closing the connection as the
 * registry does, measured by the same load generator in the same run, is
 * what a figure is divided by to compare runs across machines.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "bench-bare-server.h"

#define BARE_LISTEN_BACKLOG 1024

struct _BenchBareServer
{
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  GBytes *body;
  char *url;
  GMutex lock;
  GCond ready;
};

static void
answer_cb (SoupServer *server,
           SoupServerMessage *msg,
           const char *path,
           GHashTable *query,
           gpointer user_data)
{
  BenchBareServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_replace (headers, "Content-Type", "application/json");
  /* as the registry does: one request per connection */
  soup_message_headers_replace (headers, "Connection", "close");
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), self->body);
}

static gpointer
serve_thread (gpointer user_data)
{
  BenchBareServer *self = user_data;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  /* the registry's backlog: with libsoup's default of 10, fifty clients
   * connecting at once lose SYNs and wait a second for the retry */
  g_socket_set_listen_backlog (socket, BARE_LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, &error) || !g_socket_listen (socket, &error))
    g_error ("bare server: %s", error->message);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, answer_cb, self, NULL);
  if (!soup_server_listen_socket (server, socket, 0, &error))
    g_error ("bare server: %s", error->message);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&self->lock);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (self->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/**
 * bench_bare_server_start:
 * @body: the JSON every request is answered with
 *
 * Returns: (transfer full): a server listening on 127.0.0.1, on a thread of
 *   its own with its own main context
 */
BenchBareServer *
bench_bare_server_start (GBytes *body)
{
  BenchBareServer *self = g_new0 (BenchBareServer, 1);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->body = g_bytes_ref (body);
  g_mutex_init (&self->lock);
  g_cond_init (&self->ready);
  self->thread = g_thread_new ("bare-server", serve_thread, self);
  g_mutex_lock (&self->lock);
  while (self->url == NULL)
    g_cond_wait (&self->ready, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

/**
 * bench_bare_server_get_url:
 *
 * Returns: `http://127.0.0.1:PORT`, without a trailing slash
 */
const char *
bench_bare_server_get_url (BenchBareServer *self)
{
  return self->url;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
bench_bare_server_stop (BenchBareServer *self)
{
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_bytes_unref (self->body);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready);
  g_free (self->url);
  g_free (self);
}
