/* keyboard-show.c: what showing the on-screen keyboard costs the main
 * thread, the first time in a kiosk's life and afterwards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk makes the keyboard, and its keys, the first time it is shown,
 * not at start; this measures what that moves into the first visit that types. In
 * the real kiosk window (run under a display, tests/display/run-under-display.sh)
 * the staff sign-in page is opened from the welcome page, and its account
 * field calls the keyboard up as the page opens; the clock stops at the
 * first frame painted with the keyboard mapped. The first opening makes
 * the keyboard and its keys; later ones (after going back to the welcome page) reuse them. Wall time moves with the machine's load; the main thread's CPU
 * time over the same span moves far less, so both are printed. The engines
 * (pinyin data, handwriting model) load on worker threads and are not
 * counted here: the keyboard benchmark measures them. Prints figures and
 * never fails.
 */

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "kiosk-display-test.h"
#include "kiosk-keyboard-dock.h"
#include "kiosk-key.h"
#include "kiosk-keyboard.h"

#define LATER_SHOWS 20

static KioskKeyboardDock *dock;
static gint64 shown_at_us;
static double shown_at_cpu_ms;
static gint64 painted_at_us;
static double painted_at_cpu_ms;

static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static gboolean
keyboard_mapped (void)
{
  KioskKeyboard *keyboard = kiosk_keyboard_dock_peek_keyboard (dock);

  return keyboard != NULL && gtk_widget_get_mapped (GTK_WIDGET (keyboard));
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  if (shown_at_us != 0 && painted_at_us == 0 && keyboard_mapped ())
    {
      painted_at_us = g_get_monotonic_time ();
      painted_at_cpu_ms = thread_cpu_ms ();
    }
}

static gboolean
painted (gpointer unused)
{
  return painted_at_us != 0;
}

static gboolean
hidden (gpointer unused)
{
  return !kiosk_keyboard_dock_get_shown (dock) && !keyboard_mapped ();
}

/* Opens the staff sign-in page, whose account field calls the keyboard up
 * as the page opens; returns the wall time to the first frame with the
 * keyboard and sets @out_cpu_ms to the main thread's CPU time over it. */
static double
open_sign_in (double *out_cpu_ms)
{
  gint64 started_us;

  kiosk_test_spin (200);
  painted_at_us = 0;
  shown_at_cpu_ms = thread_cpu_ms ();
  started_us = shown_at_us = g_get_monotonic_time ();
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_STAFF_LOGIN, NULL));
  g_assert_true (kiosk_test_wait_for (painted, NULL, 10000));
  shown_at_us = 0;
  *out_cpu_ms = painted_at_cpu_ms - shown_at_cpu_ms;
  return (painted_at_us - started_us) / 1000.0;
}

/* Back to the welcome page, the keyboard gone. */
static void
leave_sign_in (void)
{
  g_assert_true (kiosk_flow_go_to (kiosk_test_flow (), KIOSK_PAGE_ATTRACT, NULL));
  g_assert_true (kiosk_test_wait_for_page (KIOSK_PAGE_ATTRACT, 5000));
  g_assert_true (kiosk_test_wait_for (hidden, NULL, 5000));
}

static int
compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char *argv[])
{
  g_autoptr (KioskConfig) config = kiosk_config_new_defaults ();
  g_autofree char *folder = NULL;
  KioskApplication *app;
  KioskWindow *window;
  double first_ms, first_cpu_ms;
  double later_ms[LATER_SHOWS], later_cpu_ms[LATER_SHOWS];

  kiosk_application_setup_locale ();
  gtk_init ();
  app = kiosk_test_start_application (config, &folder);
  window = kiosk_test_get_window (app);
  dock =
      KIOSK_KEYBOARD_DOCK (kiosk_test_find_by_type (GTK_WIDGET (window), KIOSK_TYPE_KEYBOARD_DOCK));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  /* the page is made beforehand (pages are made on first navigation), so
   * that the first opening counts the keys and the page's first layout */
  kiosk_test_page (KIOSK_PAGE_STAFF_LOGIN);
  /* measured only if the keyboard is still to be made */
  if (kiosk_keyboard_dock_peek_keyboard (dock) != NULL)
    g_error ("the keyboard was made before its first show");

  first_ms = open_sign_in (&first_cpu_ms);
  for (guint i = 0; i < LATER_SHOWS; i++)
    {
      leave_sign_in ();
      later_ms[i] = open_sign_in (&later_cpu_ms[i]);
    }
  qsort (later_ms, LATER_SHOWS, sizeof (double), compare);
  qsort (later_cpu_ms, LATER_SHOWS, sizeof (double), compare);

  g_print ("keyboard-first-show: %.1f ms to its first frame, %.1f ms of main-thread CPU "
           "(target none; the keyboard and its keys are made then, not at start)\n",
           first_ms, first_cpu_ms);
  g_print ("keyboard-later-show-median: %.1f ms to its first frame, %.1f ms of main-thread CPU "
           "over %d shows\n",
           later_ms[LATER_SHOWS / 2], later_cpu_ms[LATER_SHOWS / 2], LATER_SHOWS);
  g_print ("keyboard-first-show-extra-cpu: %.1f ms (the first show's CPU beyond a later one's: "
           "the keyboard, its keys and the page's first layout)\n",
           first_cpu_ms - later_cpu_ms[LATER_SHOWS / 2]);
  gtk_window_destroy (GTK_WINDOW (window));
  kiosk_test_remove_tree (folder);
  return 0;
}
