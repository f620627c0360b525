/* startup.c: how fast the kiosk shows its first frame, and how much memory it
 * takes when idle, against a minimal GTK 4 window measured in the same run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: startup KIOSK MINIMAL-WINDOW [RUNS]
 * Needs a display with a window manager (tests/display/run-under-display.sh).
 * The two programs alternate, so drift on the machine hits both alike. The
 * time runs from just before exec to the first after-paint of the window, as
 * reported by the program from its frame clock on the same monotonic clock.
 * Each program also reports its main thread's CPU time up to that frame,
 * which a busy machine moves far less than the wall clock.
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>

#define IDLE_SECONDS 5
#define TARGET_RATIO 1.3

typedef struct
{
  double first_frame_ms;
  double first_frame_cpu_ms;
  double pss_mib;
  char *renderer;
} Sample;

static guint64
pss_kib_of (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/smaps_rollup", pid);
  g_autofree char *children_path = g_strdup_printf ("/proc/%d/task/%d/children", pid, pid);
  g_autofree char *text = NULL;
  g_autofree char *children = NULL;
  guint64 total = 0;
  const char *line;

  if (g_file_get_contents (path, &text, NULL, NULL) && (line = strstr (text, "\nPss:")) != NULL)
    total = g_ascii_strtoull (line + 5, NULL, 10);

  if (g_file_get_contents (children_path, &children, NULL, NULL))
    {
      g_auto (GStrv) pids = g_strsplit (g_strstrip (children), " ", -1);
      for (guint i = 0; pids[i] != NULL && *pids[i] != '\0'; i++)
        total += pss_kib_of ((GPid) g_ascii_strtoll (pids[i], NULL, 10));
    }
  return total;
}

static Sample
measure (const char *const *argv, const char *renderer)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  Sample sample = { -1, -1, -1, NULL };
  gint64 start_us;
  char *line;

  g_subprocess_launcher_setenv (launcher, "PRACTITIONER_KIOSK_STARTUP_PROBE", "1", TRUE);
  if (renderer != NULL)
    g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", renderer, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "GSK_RENDERER");

  start_us = g_get_monotonic_time ();
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (proc == NULL)
    g_error ("cannot start %s: %s", argv[0], error->message);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, NULL)) != NULL)
    {
      if (g_str_has_prefix (line, "first-frame-monotonic-us: "))
        sample.first_frame_ms = (g_ascii_strtoll (line + 26, NULL, 10) - start_us) / 1000.0;
      else if (g_str_has_prefix (line, "first-frame-main-thread-cpu-us: "))
        sample.first_frame_cpu_ms = g_ascii_strtoll (line + 32, NULL, 10) / 1000.0;
      else if (g_str_has_prefix (line, "renderer: "))
        {
          sample.renderer = g_strdup (line + 10);
          g_free (line);
          break;
        }
      g_free (line);
    }

  g_usleep (IDLE_SECONDS * G_USEC_PER_SEC);
  sample.pss_mib =
      pss_kib_of ((GPid) g_ascii_strtoll (g_subprocess_get_identifier (proc), NULL, 10)) / 1024.0;
  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_wait (proc, NULL, NULL);
  return sample;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
run_renderer (const char *kiosk,
              const char *minimal,
              const char *data_folder,
              const char *renderer,
              guint runs)
{
  const char *kiosk_argv[] = { kiosk, "--data-folder", data_folder, NULL };
  const char *minimal_argv[] = { minimal, NULL };
  g_autofree double *kiosk_ms = g_new0 (double, runs);
  g_autofree double *kiosk_cpu_ms = g_new0 (double, runs);
  g_autofree double *kiosk_mib = g_new0 (double, runs);
  g_autofree double *minimal_ms = g_new0 (double, runs);
  g_autofree double *minimal_cpu_ms = g_new0 (double, runs);
  g_autofree double *minimal_mib = g_new0 (double, runs);
  g_autofree char *kiosk_renderer = NULL;
  g_autofree char *minimal_renderer = NULL;
  const char *label = renderer != NULL ? renderer : "default";

  for (guint i = 0; i < runs; i++)
    {
      Sample k = measure (kiosk_argv, renderer);
      Sample m = measure (minimal_argv, renderer);

      kiosk_ms[i] = k.first_frame_ms;
      kiosk_cpu_ms[i] = k.first_frame_cpu_ms;
      kiosk_mib[i] = k.pss_mib;
      minimal_ms[i] = m.first_frame_ms;
      minimal_cpu_ms[i] = m.first_frame_cpu_ms;
      minimal_mib[i] = m.pss_mib;
      g_free (kiosk_renderer);
      kiosk_renderer = k.renderer;
      g_free (minimal_renderer);
      minimal_renderer = m.renderer;
    }

  {
    double km = median (kiosk_ms, runs), mm = median (minimal_ms, runs);
    double kc = median (kiosk_cpu_ms, runs), mc = median (minimal_cpu_ms, runs);
    double kp = median (kiosk_mib, runs), mp = median (minimal_mib, runs);

    g_print ("startup-renderer-%s: kiosk %s, minimal window %s\n", label,
             kiosk_renderer ? kiosk_renderer : "?", minimal_renderer ? minimal_renderer : "?");
    g_print ("startup-first-frame-%s: %.0f ms (minimal window %.0f ms)\n", label, km, mm);
    g_print ("startup-first-frame-ratio-%s: %.2f x (target <= %.1f x)\n", label, km / mm,
             TARGET_RATIO);
    if (kc >= 0 && mc >= 0)
      g_print ("startup-first-frame-main-thread-cpu-%s: %.0f ms (minimal window %.0f ms, %.2f x)\n",
               label, kc, mc, kc / mc);
    else /* a kiosk built before the probe reported it */
      g_print ("startup-first-frame-main-thread-cpu-%s: not reported\n", label);
    g_print ("startup-idle-pss-%s: %.1f MiB (minimal window %.1f MiB)\n", label, kp, mp);
    g_print ("startup-idle-pss-ratio-%s: %.2f x (target <= %.1f x)\n", label, kp / mp,
             TARGET_RATIO);
  }
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_folder = NULL;
  guint runs = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 3;

  if (argc < 3 || runs == 0)
    {
      g_printerr ("usage: %s KIOSK MINIMAL-WINDOW [RUNS]\n", argv[0]);
      return 2;
    }

  data_folder = g_dir_make_tmp ("bench-startup-XXXXXX", &error);
  g_assert_no_error (error);

  g_print ("startup-runs: %u each, alternating, %d s idle before PSS\n", runs, IDLE_SECONDS);
  run_renderer (argv[1], argv[2], data_folder, NULL, runs);
  run_renderer (argv[1], argv[2], data_folder, "cairo", runs);

  {
    g_autofree char *db = g_build_filename (data_folder, "kiosk.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (data_folder);
  }
  return 0;
}
