/* test-registry-limits.c: clients that try to exhaust the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Huge bodies, endless chunked bodies, clients that send a byte every now
 * and then, and requests that stop half-way, all without a device token:
 * each is refused or dropped and its connection closed, the registry answers
 * other clients meanwhile, and its resident memory stays small throughout.
 * The timeouts are made short with the serve options, so the test is quick;
 * it asserts what happened, never how fast.
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "registry-test-util.h"

#define MiB (1024 * 1024)
/* what the registry may use at most, whatever the clients do */
#define RSS_LIMIT_KB (64 * 1024)

static RegistryTestCluster *cluster;

/* short timeouts for a quick test; each of the two alone where a test is
 * about one of them (the other one then lies beyond the test's patience) */
static const char *const short_limits[] = {
  "--idle-timeout", "2", "--request-timeout", "4", "--workers", "4", NULL,
};
static const char *const short_deadline_only[] = {
  "--idle-timeout", "600", "--request-timeout", "3", NULL,
};
static const char *const short_idle_only[] = {
  "--idle-timeout", "2", "--request-timeout", "600", NULL,
};

typedef struct
{
  char *url;
  char *token;
  RegistryTestProcess *process;
  SoupSession *session;
  guint64 peak_rss_kb;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->url = registry_test_cluster_new_database (cluster);
  fx->token = registry_test_enroll_device (fx->url, "kiosk-1");
  fx->process = registry_test_process_start (cluster, fx->url, data);
  fx->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_test_message ("peak resident memory seen: %" G_GUINT64_FORMAT " KiB", fx->peak_rss_kb);
  g_clear_object (&fx->session);
  registry_test_process_stop (fx->process);
  g_free (fx->token);
  g_free (fx->url);
}

static guint64
read_status_kb (Fixture *fx, const char *key)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) fx->process->pid);
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, key);
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen (key), NULL, 10);
}

/* One look at the registry while a client misbehaves: its memory, and an
 * answer to a well-behaved client on another connection. */
static void
check_meanwhile (Fixture *fx)
{
  g_autoptr (RegistryTestReply) reply = NULL;
  guint64 rss = read_status_kb (fx, "VmRSS:");

  fx->peak_rss_kb = MAX (fx->peak_rss_kb, rss);
  g_assert_cmpuint (rss, <, RSS_LIMIT_KB);
  reply = registry_test_request (fx->session, fx->process, "GET", "/v1/health", NULL, NULL, 0);
  g_assert_cmpuint (reply->status, ==, 200);
}

/* A quiet machine may refuse a flood before the first look, so the registry
 * is always looked at once more when the misbehaving client is done. */
static void
check_afterwards (Fixture *fx)
{
  /* the high-water mark covers the moments between two looks as well */
  guint64 hwm = read_status_kb (fx, "VmHWM:");

  fx->peak_rss_kb = MAX (fx->peak_rss_kb, hwm);
  g_assert_cmpuint (hwm, <, RSS_LIMIT_KB);
  check_meanwhile (fx);
}

static GSocket *
connect_raw (Fixture *fx, GSocketConnection **out_connection)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  GSocketConnection *connection;
  GSocket *socket;

  connection =
      g_socket_client_connect_to_host (client, "127.0.0.1", fx->process->port, NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);
  /* only a guard against a hanging test: the registry must close first */
  g_socket_set_timeout (socket, 60);
  *out_connection = connection;
  return socket;
}

/* Whether the registry has closed the connection (reading what it answered
 * into @answer); FALSE when it is open and has nothing to say. */
static gboolean
closed_by_registry (GSocket *socket, GString *answer)
{
  char buf[4096];
  gssize n;

  while (g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR) != 0)
    {
      n = g_socket_receive (socket, buf, sizeof buf, NULL, NULL);
      if (n <= 0)
        return TRUE;
      g_string_append_len (answer, buf, n);
    }
  return FALSE;
}

/* ---- bodies that never end ---- */

typedef struct
{
  GSocket *socket;
  const char *head;
  gboolean chunked;
  guint64 body_bytes;
  guint64 sent;
  gboolean send_failed;
  GString *answer;
  gboolean closed;
  gboolean done;
} Flood;

/* Sends all of @data (one send may take only part of it); FALSE once the
 * registry has closed or reset the connection. */
static gboolean
send_all (GSocket *socket, const char *data, gsize length)
{
  while (length > 0)
    {
      gssize n = g_socket_send (socket, data, length, NULL, NULL);

      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gpointer
flood_thread (gpointer data)
{
  Flood *flood = data;
  g_autofree char *block = g_malloc (64 * 1024);
  char chunk_head[32];
  char buf[4096];
  gssize n;

  memset (block, '{', 64 * 1024);
  g_snprintf (chunk_head, sizeof chunk_head, "%x\r\n", 64 * 1024);
  g_assert_true (send_all (flood->socket, flood->head, strlen (flood->head)));
  while (flood->sent < flood->body_bytes && !flood->send_failed)
    {
      if ((flood->chunked && !send_all (flood->socket, chunk_head, strlen (chunk_head))) ||
          !send_all (flood->socket, block, 64 * 1024) ||
          (flood->chunked && !send_all (flood->socket, "\r\n", 2)))
        flood->send_failed = TRUE;
      else
        flood->sent += 64 * 1024;
    }
  while ((n = g_socket_receive (flood->socket, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (flood->answer, buf, n);
  /* 0: the registry closed; an error: it reset the connection */
  flood->closed = n == 0 || flood->send_failed;
  g_atomic_int_set (&flood->done, TRUE);
  return NULL;
}

static void
check_flood (Fixture *fx, const char *head, gboolean chunked, guint status)
{
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GThread) thread = NULL;
  g_autoptr (GString) answer = g_string_new (NULL);
  g_autofree char *expected = g_strdup_printf ("HTTP/1.1 %u ", status);
  Flood flood = { 0 };

  flood.socket = connect_raw (fx, &connection);
  flood.head = head;
  flood.chunked = chunked;
  flood.body_bytes = (guint64) 300 * MiB;
  flood.answer = answer;
  thread = g_thread_new ("flood", flood_thread, &flood);
  while (!g_atomic_int_get (&flood.done))
    {
      check_meanwhile (fx);
      g_usleep (20000);
    }
  g_thread_join (g_steal_pointer (&thread));

  g_test_message ("sent %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes; answer: %.40s",
                  flood.sent, flood.body_bytes, answer->str);
  g_assert_true (flood.closed);
  /* refused long before the end, and never read into memory */
  g_assert_cmpuint (flood.sent, <, flood.body_bytes);
  /* the answer, when it outran the reset, is the right one */
  if (answer->len > 0)
    {
      g_assert_true (g_str_has_prefix (answer->str, expected));
      g_assert_nonnull (strstr (answer->str, "Connection: close"));
      g_assert_nonnull (strstr (answer->str, "\"error\""));
    }
  check_afterwards (fx);
}

static void
test_huge_declared_body (Fixture *fx, gconstpointer data)
{
  check_flood (fx,
               "POST /v1/filings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               "Content-Length: 2000000000\r\n\r\n",
               FALSE, 413);
}

static void
test_huge_declared_body_with_token (Fixture *fx, gconstpointer data)
{
  g_autofree char *head =
      g_strdup_printf ("POST /v1/filings:batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                       "Content-Type: application/json\r\nContent-Length: 2000000000\r\n\r\n",
                       fx->token);

  check_flood (fx, head, FALSE, 413);
}

static void
test_endless_chunked_body (Fixture *fx, gconstpointer data)
{
  check_flood (fx,
               "POST /v1/filings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               "Transfer-Encoding: chunked\r\n\r\n",
               TRUE, 411);
}

/* A body within the limit but without a device token is not waited for:
 * the answer comes from the headers alone, before any of the body is sent. */
static void
test_body_without_token (Fixture *fx, gconstpointer data)
{
  const char *const heads[] = {
    "POST /v1/sms/send HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    "Content-Length: 1000000\r\n\r\n",
    "POST /v1/filings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer not-a-token\r\n"
    "Content-Length: 1000000\r\n\r\n",
    "POST /v1/registrations HTTP/1.1\r\nHost: x\r\nAuthorization: Basic YTpi\r\n"
    "Content-Length: 1000000\r\n\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      g_autoptr (GSocketConnection) connection = NULL;
      g_autoptr (GString) answer = g_string_new (NULL);
      GSocket *socket = connect_raw (fx, &connection);
      guint waited = 0;

      g_assert_true (send_all (socket, heads[i], strlen (heads[i])));
      while (!closed_by_registry (socket, answer))
        {
          g_assert_cmpuint (waited++, <, 600);
          check_meanwhile (fx);
          g_usleep (100000);
        }
      g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 401 "));
      g_assert_nonnull (strstr (answer->str, "\"unauthorized\""));
    }
  check_afterwards (fx);
}

/* ---- clients that are slow or stop ---- */

typedef struct
{
  const char *what;
  GSocketConnection *connection;
  GSocket *socket;
  const char *text; /* sent a byte at a time, after @head */
  gsize at;
  GString *answer;
  gboolean closed;
} Slow;

/* Several slow clients at once, a byte each every second; the registry must
 * drop each of them while answering others. */
static void
check_slow_clients (Fixture *fx, Slow *clients, guint n_clients, const char *const *heads)
{
  guint open = n_clients;

  for (guint i = 0; i < n_clients; i++)
    {
      clients[i].socket = connect_raw (fx, &clients[i].connection);
      clients[i].answer = g_string_new (NULL);
      if (heads[i] != NULL)
        g_assert_true (send_all (clients[i].socket, heads[i], strlen (heads[i])));
    }
  for (guint second = 0; open > 0; second++)
    {
      if (second > 50)
        g_error ("a client is still connected after 50 s");
      for (guint i = 0; i < n_clients; i++)
        {
          Slow *c = &clients[i];

          if (c->closed)
            continue;
          if (closed_by_registry (c->socket, c->answer))
            {
              g_test_message ("%s: closed by the registry after %u s", c->what, second);
              c->closed = TRUE;
              open--;
              continue;
            }
          /* a client that is not done sending has not given up by itself */
          g_assert_true (c->text == NULL || c->text[c->at] != '\0');
          if (c->text != NULL && g_socket_send (c->socket, c->text + c->at, 1, NULL, NULL) == 1)
            c->at++;
        }
      for (guint tick = 0; tick < 5; tick++)
        {
          check_meanwhile (fx);
          g_usleep (200000);
        }
    }
  for (guint i = 0; i < n_clients; i++)
    {
      g_string_free (clients[i].answer, TRUE);
      g_object_unref (clients[i].connection);
    }
  check_afterwards (fx);
}

/* The request deadline alone: clients that keep sending, too slowly. */
static void
test_slow_clients (Fixture *fx, gconstpointer data)
{
  g_autofree char *body_head = g_strdup_printf (
      "POST /v1/filings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
      "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"filing_id\":",
      fx->token);
  g_autofree char *slow_body = g_strnfill (3990, ' ');
  Slow clients[] = {
    /* the headers a byte at a time */
    { "slow headers", .text = "GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Padding: aaaaaaaaaaaaaaaa"
                              "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n" },
    /* the body a byte at a time */
    { "slow body", .text = slow_body },
  };
  const char *heads[] = { NULL, body_head };

  check_slow_clients (fx, clients, G_N_ELEMENTS (clients), heads);
}

/* The idle timeout alone: clients that stop. */
static void
test_stalled_clients (Fixture *fx, gconstpointer data)
{
  g_autofree char *body_head = g_strdup_printf (
      "POST /v1/filings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
      "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"filing_id\":",
      fx->token);
  Slow clients[] = {
    /* half the headers, then nothing */
    { "stalled headers" },
    /* the headers and part of the body, then nothing */
    { "stalled body" },
    /* connected, never a byte */
    { "silent connection" },
  };
  const char *heads[] = { "POST /v1/filings HTTP/1.1\r\nHost: x\r\nContent-Le", body_head, NULL };

  check_slow_clients (fx, clients, G_N_ELEMENTS (clients), heads);
}

static guint
count_descriptors (Fixture *fx)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", (int) fx->process->pid);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Clients that make a request and go away, or stay connected after the
 * answer: their connections are closed and nothing of them is kept. */
static void
test_connections_not_kept (Fixture *fx, gconstpointer data)
{
  const char request[] = "GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
  guint before;
  guint waited = 0;

  check_meanwhile (fx);
  before = count_descriptors (fx);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr (GSocketConnection) connection = NULL;
      g_autoptr (GString) answer = g_string_new (NULL);
      GSocket *socket = connect_raw (fx, &connection);

      g_assert_true (send_all (socket, request, sizeof request - 1));
      if (i % 2 == 0)
        {
          /* leaves right after the answer */
          while (answer->len == 0 && !closed_by_registry (socket, answer))
            g_usleep (1000);
          g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 200 "));
          continue;
        }
      /* stays: the registry closes */
      while (!closed_by_registry (socket, answer))
        {
          g_assert_cmpuint (waited++, <, 6000);
          g_usleep (10000);
        }
      g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 200 "));
      g_assert_nonnull (strstr (answer->str, "Connection: close"));
    }

  /* every descriptor of those connections is released */
  while (count_descriptors (fx) > before)
    {
      g_assert_cmpuint (waited++, <, 6000);
      check_meanwhile (fx);
      g_usleep (10000);
    }
  check_afterwards (fx);
}

static void
health_on_new_connections (Fixture *fx, guint n)
{
  const char request[] = "GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n";

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RegistryTestReply) reply =
          registry_test_raw (fx->process, request, sizeof request - 1);

      g_assert_cmpuint (reply->status, ==, 200);
    }
}

/* A registry runs for months and takes a new connection for every
 * request: nothing of a finished connection stays in its memory. Kept
 * objects of some 500 bytes each would add about 3 MiB over these 6,000
 * connections; the allocator's own drift stays far below 1 MiB. */
static void
test_memory_flat_over_connections (Fixture *fx, gconstpointer data)
{
  guint64 before, after;

  /* the allocator's pools and libsoup's first allocations settle */
  health_on_new_connections (fx, 1000);
  before = read_status_kb (fx, "VmRSS:");
  health_on_new_connections (fx, 6000);
  after = read_status_kb (fx, "VmRSS:");
  g_test_message ("resident memory over 6,000 connections: %" G_GUINT64_FORMAT
                  " KiB to %" G_GUINT64_FORMAT " KiB",
                  before, after);
  fx->peak_rss_kb = after;
  g_assert_cmpuint (after, <, before + 1024);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster = registry_test_cluster_start ();

#define ADD(path, args, func)                                                                      \
  g_test_add ("/registry/limits/" path, Fixture, args, fixture_set_up, func, fixture_tear_down)
  ADD ("huge-declared-body", short_limits, test_huge_declared_body);
  ADD ("huge-declared-body-with-token", short_limits, test_huge_declared_body_with_token);
  ADD ("endless-chunked-body", short_limits, test_endless_chunked_body);
  ADD ("body-without-token", short_limits, test_body_without_token);
  ADD ("slow-clients", short_deadline_only, test_slow_clients);
  ADD ("stalled-clients", short_idle_only, test_stalled_clients);
  ADD ("connections-not-kept", short_limits, test_connections_not_kept);
  ADD ("memory-flat-over-connections", short_limits, test_memory_flat_over_connections);
#undef ADD

  status = g_test_run ();
  registry_test_cluster_stop (cluster);
  return status;
}
