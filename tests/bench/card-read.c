/* card-read.c: how fast a card read reaches the kiosk, and what an idle reader costs
 *
 * Runs IdcardReader over the real libusb code path against a umockdev bulk reader with
 * realistic SAM timing, and prints:
 *
 *   library-latency-*     from the last USB byte of the read sequence (the reader has
 *                         data ready) to card-read on the main context
 *   placed-to-card-read-* from a card placed on the reader to card-read
 *   idle-cpu-library      CPU of the library's threads (workers, USB monitor, libusb's
 *                         event thread) with a reader attached and no card
 *   idle-cpu-process      the same for the whole process, emulation included
 *
 * Each line reads "figure-name: VALUE UNIT (target …)".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "reader-model.h"
#include "idcard-reader.h"

#define POLL_INTERVAL_MS 100
#define COMMAND_DELAY_MS 5 /* find, select, newest address: a few ms on real readers */
#define READ_DELAY_MS 250  /* 30 01 takes roughly 200–400 ms on real readers */
#define N_READS 15
#define IDLE_SECONDS 5

typedef struct
{
  ReaderModel *model;
  gint64 read_at;
  gboolean added;
} Bench;

static void
reader_added_cb (IdcardReader *reader, IdcardTransport *transport, Bench *bench)
{
  bench->added = TRUE;
}

static void
card_read_cb (IdcardReader *reader, IdcardTransport *transport, IdcardCard *card, Bench *bench)
{
  bench->read_at = g_get_monotonic_time ();
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values, double p)
{
  guint index;

  g_array_sort (values, compare_double);
  index = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, index);
}

/* CPU time in ns of this process's threads whose name starts with one of @prefixes
 * (NULL: all threads), from /proc/self/task/<tid>/{comm,schedstat}. */
static guint64
threads_cpu_ns (const char *const *prefixes)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;
  guint64 total = 0;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
      g_autofree char *stat_path = g_build_filename ("/proc/self/task", tid, "schedstat", NULL);
      g_autofree char *comm = NULL;
      g_autofree char *stat = NULL;
      gboolean match = prefixes == NULL;

      if (!g_file_get_contents (comm_path, &comm, NULL, NULL) ||
          !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      for (guint i = 0; prefixes != NULL && prefixes[i] != NULL; i++)
        match |= g_str_has_prefix (comm, prefixes[i]);
      if (match)
        total += g_ascii_strtoull (stat, NULL, 10);
    }
  return total;
}

static void
spin_until (gboolean *flag, guint guard_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) guard_s * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  if (!*flag)
    g_error ("the reader did not answer within %u s", guard_s);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

int
main (int argc, char **argv)
{
  static const char *const library_threads[] = { "idcard-", "libusb_event", NULL };
  g_autoptr (UMockdevTestbed) testbed = NULL;
  g_autoptr (IdcardEmulatedTransport) sam = NULL;
  g_autoptr (IdcardReader) reader = NULL;
  g_autoptr (GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) placements = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  g_autofree char *card_path = NULL;
  g_autoptr (IdcardCard) card = NULL;
  Bench bench = { 0 };
  guint64 lib0, lib1, proc0, proc1;
  gint64 wall0, wall1;
  double device_ms = COMMAND_DELAY_MS * 3 + READ_DELAY_MS;
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");

  card_path = g_build_filename (srcdir != NULL ? srcdir : ".", "..", "data", "demo-cards",
                                "resident-chen-jianguo.json", NULL);
  card = idcard_card_new_from_file (card_path, &error);
  g_assert_no_error (error);

  testbed = umockdev_testbed_new ();
  sam = idcard_emulated_transport_new ();
  idcard_emulated_transport_set_timing (sam, COMMAND_DELAY_MS, READ_DELAY_MS);
  bench.model = reader_model_new (testbed, READER_MODEL_BULK_SPLIT, 5, sam);

  reader = idcard_reader_new (TRUE);
  idcard_reader_set_poll_interval (reader, POLL_INTERVAL_MS);
  g_signal_connect (reader, "reader-added", G_CALLBACK (reader_added_cb), &bench);
  g_signal_connect (reader, "card-read", G_CALLBACK (card_read_cb), &bench);
  g_assert_true (idcard_reader_start (reader, &error));
  g_assert_no_error (error);
  spin_until (&bench.added, 10);

  /* idle: a reader, no card */
  spin_for (500);
  lib0 = threads_cpu_ns (library_threads);
  proc0 = threads_cpu_ns (NULL);
  wall0 = g_get_monotonic_time ();
  spin_for (IDLE_SECONDS * 1000);
  lib1 = threads_cpu_ns (library_threads);
  proc1 = threads_cpu_ns (NULL);
  wall1 = g_get_monotonic_time ();

  for (guint i = 0; i < N_READS; i++)
    {
      gint64 placed;
      gboolean read = FALSE;
      double latency;

      bench.read_at = 0;
      /* place at a random moment of the poll cycle */
      spin_for (g_random_int_range (20, 20 + POLL_INTERVAL_MS));
      placed = g_get_monotonic_time ();
      g_assert_true (idcard_emulated_transport_place_card (sam, card, NULL));
      while (!read)
        {
          g_main_context_iteration (NULL, TRUE);
          read = bench.read_at != 0;
        }
      latency = (double) (bench.read_at - reader_model_get_last_in_time (bench.model)) / 1000.0;
      g_array_append_val (latencies, latency);
      latency = (double) (bench.read_at - placed) / 1000.0;
      g_array_append_val (placements, latency);
      idcard_emulated_transport_lift_card (sam);
      spin_for (3 * POLL_INTERVAL_MS);
    }

  g_print ("library-latency-median: %.2f ms (target < 5 ms)\n", percentile (latencies, 0.5));
  g_print ("library-latency-max: %.2f ms (target none; reported for context)\n",
           percentile (latencies, 1.0));
  g_print ("placed-to-card-read-median: %.1f ms (target <= %.0f ms: poll %d ms + device %.0f ms "
           "+ 20 ms)\n",
           percentile (placements, 0.5), POLL_INTERVAL_MS + device_ms + 20, POLL_INTERVAL_MS,
           device_ms);
  g_print ("placed-to-card-read-max: %.1f ms (target <= %.0f ms)\n", percentile (placements, 1.0),
           POLL_INTERVAL_MS + device_ms + 20);
  g_print ("idle-cpu-library: %.3f %% (target < 1 %% of one core)\n",
           100.0 * (double) (lib1 - lib0) / ((double) (wall1 - wall0) * 1000.0));
  g_print ("idle-cpu-process: %.3f %% (target none; includes the USB emulation)\n",
           100.0 * (double) (proc1 - proc0) / ((double) (wall1 - wall0) * 1000.0));

  g_clear_object (&reader);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  reader_model_free (bench.model);
  return 0;
}
