/* threaded-service.c: stop a test's socket service and wait for its handlers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "threaded-service.h"

/* The connections a service accepted, so that finishing can cut them: a
 * handler waiting for a kept-alive connection's next request returns only
 * when that connection ends. */
typedef struct
{
  GMutex lock;
  GPtrArray *connections;
} Accepted;

static void
accepted_free (gpointer data)
{
  Accepted *accepted = data;

  g_ptr_array_unref (accepted->connections);
  g_mutex_clear (&accepted->lock);
  g_free (accepted);
}

static gboolean
incoming_cb (GSocketService *service,
             GSocketConnection *connection,
             GObject *source,
             gpointer user_data)
{
  Accepted *accepted = user_data;

  g_mutex_lock (&accepted->lock);
  g_ptr_array_add (accepted->connections, g_object_ref (connection));
  g_mutex_unlock (&accepted->lock);
  /* not handled: the service's own handler runs next */
  return FALSE;
}

/**
 * threaded_service_new:
 * @max_threads: how many connections are handled at once
 *
 * Returns: (transfer full): a GThreadedSocketService whose handlers
 *   threaded_service_finish() can wait for
 */
GSocketService *
threaded_service_new (int max_threads)
{
  GSocketService *service = g_threaded_socket_service_new (max_threads);
  Accepted *accepted = g_new0 (Accepted, 1);

  g_mutex_init (&accepted->lock);
  accepted->connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_object_set_data_full (G_OBJECT (service), "threaded-service-accepted", accepted, accepted_free);
  g_signal_connect (service, "incoming", G_CALLBACK (incoming_cb), accepted);
  return service;
}

typedef struct
{
  GMainContext *context;
  gint gone;
} Finalized;

static void
finalized_cb (gpointer data, GObject *where_the_object_was)
{
  Finalized *finalized = data;

  g_atomic_int_set (&finalized->gone, TRUE);
  g_main_context_wakeup (finalized->context);
}

/**
 * threaded_service_finish:
 * @service: (transfer full): a service from threaded_service_new()
 *
 * Stops @service, closes its ports, cuts every connection it accepted, drops
 * the caller's reference and waits until the service is finalized. Its
 * handlers run on threads of their own, each holding a reference to the
 * service until it returns: only once the service is gone may the caller
 * free what the handlers use (often the test function's own stack). A
 * handler that waits for the test must have been released before. The
 * thread-default main context runs meanwhile: the service's cancelled accept
 * holds a reference until it is dispatched there.
 */
void
threaded_service_finish (GSocketService *service)
{
  Accepted *accepted = g_object_get_data (G_OBJECT (service), "threaded-service-accepted");
  Finalized finalized = { 0 };

  g_assert_nonnull (accepted);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));

  /* a shutdown wakes a handler blocked reading or writing it */
  g_mutex_lock (&accepted->lock);
  for (guint i = 0; i < accepted->connections->len; i++)
    g_socket_shutdown (g_socket_connection_get_socket (accepted->connections->pdata[i]), TRUE, TRUE,
                       NULL);
  g_mutex_unlock (&accepted->lock);

  finalized.context = g_main_context_ref_thread_default ();
  g_object_weak_ref (G_OBJECT (service), finalized_cb, &finalized);
  g_object_unref (service);
  while (!g_atomic_int_get (&finalized.gone))
    g_main_context_iteration (finalized.context, TRUE);
  g_main_context_unref (finalized.context);
}
