/* bench-link.c: a slow, distant network link between two loopback ports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TCP relay on 127.0.0.1 that delivers every byte a fixed delay after it
 * has crossed a link of a fixed bandwidth, each direction one link shared
 * by all connections, as a kiosk's uplink to a distant registry is. A new
 * connection's first bytes also wait for the round trip of TCP's handshake
 * (the relay accepts at once on loopback). What it leaves out: loss,
 * reordering and slow start, so figures through it are a floor for a real
 * link of that delay and bandwidth.
 *
 * Blocking sockets, one thread to read and one to write each direction of
 * each connection: a benchmark opens tens to a few hundred connections.
 */

#include "config.h"

#include <gio/gio.h>

#include "bench-link.h"

#define CHUNK_SIZE (16 * 1024)

struct _BenchLink
{
  GSocket *listener;
  GCancellable *cancellable;
  GThread *accept_thread;
  guint16 port;
  guint16 target_port;
  gint64 delay_us;
  double us_per_byte;
  GMutex lock;
  gint64 busy_until[2]; /* when each direction's link is free again */
  guint64 bytes[2];
  guint n_connections;
};

typedef enum
{
  UPSTREAM,   /* client to target */
  DOWNSTREAM, /* target to client */
} Direction;

typedef struct
{
  gint64 deliver_at;
  gsize length; /* 0: the sender closed its side */
  guint8 data[];
} Chunk;

typedef struct
{
  BenchLink *link;
  GSocket *client;
  GSocket *target;
} Connection;

typedef struct
{
  Connection *connection; /* a reference */
  Direction direction;
  GSocket *from;
  GSocket *to;
  GAsyncQueue *queue; /* Chunk */
} Pipe;

static BenchLink *
link_ref (BenchLink *link)
{
  return g_atomic_rc_box_acquire (link);
}

static void
link_clear (BenchLink *link)
{
  g_clear_object (&link->listener);
  g_clear_object (&link->cancellable);
  g_mutex_clear (&link->lock);
}

static void
link_unref (BenchLink *link)
{
  g_atomic_rc_box_release_full (link, (GDestroyNotify) link_clear);
}

static void
connection_clear (Connection *connection)
{
  g_socket_close (connection->client, NULL);
  g_socket_close (connection->target, NULL);
  g_object_unref (connection->client);
  g_object_unref (connection->target);
  link_unref (connection->link);
}

static void
connection_unref (Connection *connection)
{
  g_atomic_rc_box_release_full (connection, (GDestroyNotify) connection_clear);
}

static void
pipe_free (Pipe *pipe)
{
  g_async_queue_unref (pipe->queue);
  connection_unref (pipe->connection);
  g_free (pipe);
}

/* When @length bytes read now arrive at the far end. */
static gint64
schedule (BenchLink *link, Direction direction, gsize length, gboolean first)
{
  gint64 now = g_get_monotonic_time ();
  gint64 sent;

  g_mutex_lock (&link->lock);
  /* a connection's first bytes leave once SYN and SYN-ACK have crossed */
  link->bytes[direction] += length;
  link->busy_until[direction] =
      MAX (now + (first ? 2 * link->delay_us : 0), link->busy_until[direction]) +
      (gint64) (length * link->us_per_byte);
  sent = link->busy_until[direction];
  g_mutex_unlock (&link->lock);
  return sent + link->delay_us;
}

static gpointer
read_thread (gpointer user_data)
{
  Pipe *pipe = user_data;
  gboolean first = pipe->direction == UPSTREAM;

  for (;;)
    {
      Chunk *chunk = g_malloc (sizeof (Chunk) + CHUNK_SIZE);
      gssize n = g_socket_receive (pipe->from, (char *) chunk->data, CHUNK_SIZE, NULL, NULL);

      chunk->length = n > 0 ? (gsize) n : 0;
      chunk->deliver_at =
          n > 0 ? schedule (pipe->connection->link, pipe->direction, chunk->length, first)
                : g_get_monotonic_time () + pipe->connection->link->delay_us;
      first = FALSE;
      g_async_queue_push (pipe->queue, chunk);
      if (n <= 0)
        break;
    }
  pipe_free (pipe);
  return NULL;
}

static gpointer
write_thread (gpointer user_data)
{
  Pipe *pipe = user_data;
  gboolean failed = FALSE;

  for (;;)
    {
      g_autofree Chunk *chunk = g_async_queue_pop (pipe->queue);
      gint64 wait = chunk->deliver_at - g_get_monotonic_time ();

      if (chunk->length == 0)
        break;
      if (failed)
        continue;
      if (wait > 0)
        g_usleep ((gulong) wait);
      for (gsize done = 0; done < chunk->length && !failed;)
        {
          gssize n = g_socket_send (pipe->to, (const char *) chunk->data + done,
                                    chunk->length - done, NULL, NULL);
          if (n <= 0)
            failed = TRUE;
          else
            done += (gsize) n;
        }
      /* the far end is gone: stop reading what nobody will receive */
      if (failed)
        g_socket_shutdown (pipe->from, TRUE, FALSE, NULL);
    }
  g_socket_shutdown (pipe->to, FALSE, TRUE, NULL);
  pipe_free (pipe);
  return NULL;
}

static void
start_pipe (Connection *connection, Direction direction)
{
  /* the reader and the writer each hold the pipe once */
  Pipe *reader = g_new0 (Pipe, 1);
  Pipe *writer = g_new0 (Pipe, 1);

  reader->direction = writer->direction = direction;
  reader->from = writer->from = direction == UPSTREAM ? connection->client : connection->target;
  reader->to = writer->to = direction == UPSTREAM ? connection->target : connection->client;
  reader->queue = g_async_queue_new_full (g_free);
  writer->queue = g_async_queue_ref (reader->queue);
  reader->connection = g_atomic_rc_box_acquire (connection);
  writer->connection = g_atomic_rc_box_acquire (connection);
  g_thread_unref (g_thread_new ("link-read", read_thread, reader));
  g_thread_unref (g_thread_new ("link-write", write_thread, writer));
}

static GSocket *
connect_target (BenchLink *link)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, link->target_port);
  g_autoptr (GSocket) socket =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);

  if (socket == NULL || !g_socket_connect (socket, address, NULL, NULL))
    return NULL;
  return g_steal_pointer (&socket);
}

static gpointer
accept_thread (gpointer user_data)
{
  BenchLink *link = user_data;

  for (;;)
    {
      g_autoptr (GSocket) client = g_socket_accept (link->listener, link->cancellable, NULL);
      g_autoptr (GSocket) target = NULL;
      Connection *connection;

      if (client == NULL)
        break;
      target = connect_target (link);
      if (target == NULL)
        continue;
      g_atomic_int_inc (&link->n_connections);
      connection = g_atomic_rc_box_new0 (Connection);
      connection->link = link_ref (link);
      connection->client = g_steal_pointer (&client);
      connection->target = g_steal_pointer (&target);
      start_pipe (connection, UPSTREAM);
      start_pipe (connection, DOWNSTREAM);
      connection_unref (connection);
    }
  return NULL;
}

/**
 * bench_link_start:
 * @target_port: where on 127.0.0.1 the link leads
 * @delay_ms: one way
 * @bits_per_second: each way
 *
 * Returns: (transfer full): a link listening on a free port of 127.0.0.1
 */
BenchLink *
bench_link_start (guint16 target_port, guint delay_ms, guint64 bits_per_second)
{
  BenchLink *link = g_atomic_rc_box_new0 (BenchLink);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  g_mutex_init (&link->lock);
  link->target_port = target_port;
  link->delay_us = (gint64) delay_ms * 1000;
  link->us_per_byte = 8.0 * G_USEC_PER_SEC / (double) bits_per_second;
  link->cancellable = g_cancellable_new ();
  link->listener =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (link->listener, 256);
  if (!g_socket_bind (link->listener, address, TRUE, &error) ||
      !g_socket_listen (link->listener, &error) ||
      (bound = g_socket_get_local_address (link->listener, &error)) == NULL)
    g_error ("link: %s", error->message);
  link->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  link->accept_thread = g_thread_new ("link-accept", accept_thread, link_ref (link));
  return link;
}

guint16
bench_link_get_port (BenchLink *link)
{
  return link->port;
}

/**
 * bench_link_get_connections:
 *
 * Returns: how many connections crossed the link so far
 */
guint
bench_link_get_connections (BenchLink *link)
{
  return (guint) g_atomic_int_get (&link->n_connections);
}

/**
 * bench_link_get_bytes:
 * @out_up: (out): bytes that crossed towards the target so far
 * @out_down: (out): and back
 */
void
bench_link_get_bytes (BenchLink *link, guint64 *out_up, guint64 *out_down)
{
  g_mutex_lock (&link->lock);
  *out_up = link->bytes[UPSTREAM];
  *out_down = link->bytes[DOWNSTREAM];
  g_mutex_unlock (&link->lock);
}

/**
 * bench_link_stop:
 *
 * Takes no new connections; those still open end when their peers close.
 */
void
bench_link_stop (BenchLink *link)
{
  g_cancellable_cancel (link->cancellable);
  g_thread_join (link->accept_thread);
  link_unref (link); /* the accept thread's */
  link_unref (link);
}
