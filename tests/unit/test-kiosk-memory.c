/* test-kiosk-memory.c: the kiosk's allocator keeps to two arenas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <malloc.h>
#include <string.h>
#include <stdio.h>

#include "kiosk-application.h"

#define N_THREADS 6

typedef struct
{
  GMutex lock;
  GCond cond;
  guint allocated;
  gboolean done;
} Barrier;

/* Allocates, then stays alive until every thread has: glibc hands each new
 * thread an arena of its own until the limit is reached. */
static gpointer
allocate_thread (gpointer data)
{
  Barrier *barrier = data;
  g_autofree char *block = g_malloc (4096);

  block[0] = 1;
  g_mutex_lock (&barrier->lock);
  barrier->allocated++;
  g_cond_broadcast (&barrier->cond);
  while (!barrier->done)
    g_cond_wait (&barrier->cond, &barrier->lock);
  g_mutex_unlock (&barrier->lock);
  return NULL;
}

/* malloc_info() writes one <heap nr="…"> element per arena. */
static guint
count_arenas (void)
{
  char *text = NULL;
  size_t len = 0;
  FILE *stream = open_memstream (&text, &len);
  guint n = 0;

  g_assert_nonnull (stream);
  g_assert_cmpint (malloc_info (0, stream), ==, 0);
  fclose (stream);
  for (const char *p = text; (p = strstr (p, "<heap nr=")) != NULL; p++)
    n++;
  free (text);
  return n;
}

static void
test_two_arenas (void)
{
  Barrier barrier = { 0 };
  GThread *threads[N_THREADS];
  guint arenas;

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("allocate", allocate_thread, &barrier);
  g_mutex_lock (&barrier.lock);
  while (barrier.allocated < N_THREADS)
    g_cond_wait (&barrier.cond, &barrier.lock);
  arenas = count_arenas ();
  barrier.done = TRUE;
  g_cond_broadcast (&barrier.cond);
  g_mutex_unlock (&barrier.lock);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  g_test_message ("%u arenas for %u threads and the main one", arenas, N_THREADS);
  g_assert_cmpuint (arenas, >=, 1);
  g_assert_cmpuint (arenas, <=, 2);
}

int
main (int argc, char *argv[])
{
  /* as the kiosk's main() does, before any thread */
  kiosk_application_setup_memory ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiosk-memory/two-arenas", test_two_arenas);

  return g_test_run ();
}
