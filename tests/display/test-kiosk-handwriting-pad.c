/* test-kiosk-handwriting-pad.c: the pad keeps every point a finger passed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A kiosk busy elsewhere (laying out a page, loading the handwriting model)
 * gets a finger's moves in batches, and GDK folds a batch of pointer moves
 * into one event that carries the others as its history: a pad that took
 * only the event's own point would turn a stroke's corner into a diagonal,
 * which the recogniser reads as another character. Real pointer input
 * through the X server; the test holds the main loop while it moves, as a
 * busy kiosk would.
 */

#include "config.h"

#include "kiosk-display-test.h"
#include "kiosk-handwriting-pad.h"

static GtkWindow *window;
static KioskHandwritingPad *pad;

static gboolean
window_on_show (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (pad)) && gtk_widget_get_height (GTK_WIDGET (pad)) > 300;
}

static gboolean
has_strokes (gpointer n)
{
  return input_ink_get_n_strokes (kiosk_handwriting_pad_get_ink (pad)) == GPOINTER_TO_UINT (n);
}

/* The screen point of the pad's canvas point (@x, @y); the window is full
 * screen, so its surface is the screen. */
static void
screen_point (double x, double y, int *out_x, int *out_y)
{
  double width = gtk_widget_get_width (GTK_WIDGET (pad));
  double height = gtk_widget_get_height (GTK_WIDGET (pad));
  double side = MIN (width, height);
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (
      GTK_WIDGET (pad), GTK_WIDGET (window),
      &GRAPHENE_POINT_INIT ((width - side) / 2 + x * side / KIOSK_HANDWRITING_PAD_CANVAS,
                            (height - side) / 2 + y * side / KIOSK_HANDWRITING_PAD_CANVAS),
      &point));
  *out_x = (int) point.x;
  *out_y = (int) point.y;
}

/* Whether the first stroke passes within a few canvas units of (@x, @y). */
static gboolean
passes_near (double x, double y)
{
  InputInk *ink = kiosk_handwriting_pad_get_ink (pad);

  for (guint i = 0; i < input_ink_get_n_points (ink, 0); i++)
    {
      double px, py;

      g_assert_true (input_ink_get_point (ink, 0, i, &px, &py));
      if (fabs (px - x) < 15 && fabs (py - y) < 15)
        return TRUE;
    }
  return FALSE;
}

/* A stroke ㄱ: right along the top, then down. Its moves come while the
 * main loop is held, so GDK folds them into one event; the corner must be
 * in the stroke all the same. */
static void
test_folded_moves_kept (void)
{
  g_autofree char *down = NULL;
  g_autofree char *moves = NULL;
  int x0, y0, x1, y1, x2, y2, x3, y3;

  kiosk_handwriting_pad_clear (pad);
  screen_point (200, 200, &x0, &y0);
  screen_point (500, 200, &x1, &y1);
  screen_point (800, 200, &x2, &y2);
  screen_point (800, 800, &x3, &y3);

  down = g_strdup_printf ("mousemove %d %d mousedown 1", x0, y0);
  kiosk_test_xdotool (down);
  g_assert_true (kiosk_test_wait_for (has_strokes, GUINT_TO_POINTER (1), 10000));
  kiosk_test_wait_drawn (GTK_WIDGET (window));

  /* the main loop is held while xdotool runs: all the moves wait together */
  moves =
      g_strdup_printf ("mousemove %d %d mousemove %d %d mousemove %d %d", x1, y1, x2, y2, x3, y3);
  kiosk_test_xdotool (moves);
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  kiosk_test_xdotool ("mouseup 1");
  kiosk_test_wait_drawn (GTK_WIDGET (window));

  g_assert_cmpuint (input_ink_get_n_strokes (kiosk_handwriting_pad_get_ink (pad)), ==, 1);
  g_assert_true (passes_near (800, 800));
  /* the corner, which only the folded event's history holds */
  g_assert_true (passes_near (800, 200));
  g_assert_true (passes_near (500, 200));
}

int
main (int argc, char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);

  window = GTK_WINDOW (gtk_window_new ());
  pad = KIOSK_HANDWRITING_PAD (kiosk_handwriting_pad_new ());
  gtk_window_set_child (window, GTK_WIDGET (pad));
  gtk_window_fullscreen (window);
  gtk_window_present (window);
  g_assert_true (kiosk_test_wait_for (window_on_show, NULL, 20000));
  kiosk_test_wait_drawn (GTK_WIDGET (window));

  g_test_add_func ("/handwriting-pad/folded-moves-kept", test_folded_moves_kept);
  status = g_test_run ();

  gtk_window_destroy (window);
  return status;
}
