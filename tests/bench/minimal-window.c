/* minimal-window.c: the yardstick for tests/bench/startup: one label, one
 * button, full screen, and the same first-frame probe as the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>
#include <time.h>

/* CPU time of the main thread so far, as the kiosk reports it */
static gint64
main_thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
first_frame_cb (GdkFrameClock *clock, GtkWidget *window)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  g_print ("first-frame-monotonic-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_print ("first-frame-main-thread-cpu-us: %" G_GINT64_FORMAT "\n", main_thread_cpu_us ());
  g_print ("renderer: %s\n", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, window);
}

static void
map_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (first_frame_cb),
                    window);
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_box_append (GTK_BOX (box), gtk_label_new ("Hello"));
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_label ("OK"));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_fullscreen (GTK_WINDOW (window));
  g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GtkApplication) app =
      gtk_application_new ("org.practitioner.MinimalWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
