/* kiosk-handwriting-pad.c: a square box to write one character in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A finger (or the mouse) draws strokes through a drag gesture, so touch
 * screens and pointers take the same path. The box is square and drawn with
 * the 田 guide lines people learn to write in; its strokes are kept on a
 * 1000 × 1000 canvas, so the handwriting engine reads the same character
 * whatever size the pad has on screen. "ink-changed" follows each finished
 * stroke, a removed stroke and clearing.
 */

#include "config.h"

#include "kiosk-handwriting-pad.h"

#define MIN_SIDE 216
#define STROKE_WIDTH 6.0

struct _KioskHandwritingPad
{
  GtkWidget parent_instance;

  InputInk *ink;
  gboolean writing;
};

G_DEFINE_FINAL_TYPE (KioskHandwritingPad, kiosk_handwriting_pad, GTK_TYPE_WIDGET)

enum
{
  INK_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The square box: as large as the pad allows, in the middle of it. */
static void
get_box (KioskHandwritingPad *self, double *x, double *y, double *side)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  *side = MAX (1, MIN (width, height));
  *x = (width - *side) / 2;
  *y = (height - *side) / 2;
}

static void
add_point (KioskHandwritingPad *self, double widget_x, double widget_y)
{
  double x, y, side;

  get_box (self, &x, &y, &side);
  if (input_ink_add_point (self->ink, (widget_x - x) * KIOSK_HANDWRITING_PAD_CANVAS / side,
                           (widget_y - y) * KIOSK_HANDWRITING_PAD_CANVAS / side))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, KioskHandwritingPad *self)
{
  /* a full box takes no more strokes; the person rewrites */
  self->writing = input_ink_begin_stroke (self->ink);
  if (!self->writing)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  add_point (self, x, y);
}

/* A kiosk busy elsewhere gets a finger's moves in batches, and GDK folds a
 * batch of pointer moves into one event that keeps the others as its
 * history: a stroke drawn from the event's own point alone would cut its
 * corners, and read as another character. The moves folded in come first,
 * placed as the event's own point is (@x, @y in the pad). */
static void
add_folded_points (KioskHandwritingPad *self, GtkGesture *gesture, double x, double y)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  g_autofree GdkTimeCoord *history = NULL;
  double event_x, event_y;
  guint n = 0;

  if (event == NULL || !gdk_event_get_position (event, &event_x, &event_y))
    return;
  history = gdk_event_get_history (event, &n);
  for (guint i = 0; i < n; i++)
    if ((history[i].flags & (GDK_AXIS_FLAG_X | GDK_AXIS_FLAG_Y)) ==
        (GDK_AXIS_FLAG_X | GDK_AXIS_FLAG_Y))
      add_point (self, x + history[i].axes[GDK_AXIS_X] - event_x,
                 y + history[i].axes[GDK_AXIS_Y] - event_y);
}

static void
drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, KioskHandwritingPad *self)
{
  double x, y;

  if (!self->writing || !gtk_gesture_drag_get_start_point (gesture, &x, &y))
    return;
  add_folded_points (self, GTK_GESTURE (gesture), x + dx, y + dy);
  add_point (self, x + dx, y + dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture, double dx, double dy, KioskHandwritingPad *self)
{
  if (!self->writing)
    return;
  self->writing = FALSE;
  g_signal_emit (self, signals[INK_CHANGED], 0);
}

static void
drag_cancel_cb (GtkGesture *gesture, GdkEventSequence *sequence, KioskHandwritingPad *self)
{
  /* a stroke the system took away is not half kept */
  if (!self->writing)
    return;
  self->writing = FALSE;
  input_ink_remove_last_stroke (self->ink);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw (KioskHandwritingPad *self, cairo_t *cr, double x, double y, double side)
{
  static const double dashes[] = { 6.0, 6.0 };
  double scale = side / KIOSK_HANDWRITING_PAD_CANVAS;

  /* the 田 guide: the middle lines of the box, dashed and light */
  cairo_set_source_rgb (cr, 0.75, 0.78, 0.82);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_move_to (cr, x + side / 2, y);
  cairo_line_to (cr, x + side / 2, y + side);
  cairo_move_to (cr, x, y + side / 2);
  cairo_line_to (cr, x + side, y + side / 2);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  cairo_set_source_rgb (cr, 0.04, 0.16, 0.29);
  cairo_set_line_width (cr, STROKE_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < input_ink_get_n_strokes (self->ink); s++)
    {
      guint n = input_ink_get_n_points (self->ink, s);

      for (guint i = 0; i < n; i++)
        {
          double px = 0, py = 0;

          input_ink_get_point (self->ink, s, i, &px, &py);
          if (i == 0)
            cairo_move_to (cr, x + px * scale, y + py * scale);
          else
            cairo_line_to (cr, x + px * scale, y + py * scale);
        }
      /* a tap is a dot */
      if (n == 1)
        cairo_rel_line_to (cr, 0.1, 0);
      cairo_stroke (cr);
    }
}

static void
kiosk_handwriting_pad_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  KioskHandwritingPad *self = KIOSK_HANDWRITING_PAD (widget);
  double x, y, side;
  cairo_t *cr;

  get_box (self, &x, &y, &side);
  cr =
      gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                                gtk_widget_get_height (widget)));
  draw (self, cr, x, y, side);
  cairo_destroy (cr);
}

static void
kiosk_handwriting_pad_measure (GtkWidget *widget,
                               GtkOrientation orientation,
                               int for_size,
                               int *minimum,
                               int *natural,
                               int *minimum_baseline,
                               int *natural_baseline)
{
  /* three rows of keys high, and as wide as high */
  *minimum = MIN_SIDE;
  *natural = MIN_SIDE;
}

static void
kiosk_handwriting_pad_finalize (GObject *object)
{
  KioskHandwritingPad *self = KIOSK_HANDWRITING_PAD (object);

  g_clear_pointer (&self->ink, input_ink_unref);

  G_OBJECT_CLASS (kiosk_handwriting_pad_parent_class)->finalize (object);
}

static void
kiosk_handwriting_pad_class_init (KioskHandwritingPadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kiosk_handwriting_pad_finalize;
  widget_class->snapshot = kiosk_handwriting_pad_snapshot;
  widget_class->measure = kiosk_handwriting_pad_measure;

  /**
   * KioskHandwritingPad::ink-changed:
   *
   * A stroke was finished or removed, or the pad was cleared.
   */
  signals[INK_CHANGED] = g_signal_new ("ink-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "handwritingpad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kiosk_handwriting_pad_init (KioskHandwritingPad *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->ink = input_ink_new (KIOSK_HANDWRITING_PAD_CANVAS, KIOSK_HANDWRITING_PAD_CANVAS);

  /* touch and pointer alike; the first finger writes */
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (drag), FALSE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
kiosk_handwriting_pad_new (void)
{
  return g_object_new (KIOSK_TYPE_HANDWRITING_PAD, NULL);
}

/**
 * kiosk_handwriting_pad_get_ink:
 *
 * Returns: (transfer none): the strokes on a %KIOSK_HANDWRITING_PAD_CANVAS
 *   square; copy it to keep it
 */
InputInk *
kiosk_handwriting_pad_get_ink (KioskHandwritingPad *self)
{
  g_return_val_if_fail (KIOSK_IS_HANDWRITING_PAD (self), NULL);
  return self->ink;
}

gboolean
kiosk_handwriting_pad_get_empty (KioskHandwritingPad *self)
{
  g_return_val_if_fail (KIOSK_IS_HANDWRITING_PAD (self), TRUE);
  return input_ink_get_n_strokes (self->ink) == 0;
}

/* Returns: %FALSE when the pad was empty */
gboolean
kiosk_handwriting_pad_remove_last_stroke (KioskHandwritingPad *self)
{
  g_return_val_if_fail (KIOSK_IS_HANDWRITING_PAD (self), FALSE);

  if (self->writing || !input_ink_remove_last_stroke (self->ink))
    return FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[INK_CHANGED], 0);
  return TRUE;
}

void
kiosk_handwriting_pad_clear (KioskHandwritingPad *self)
{
  g_return_if_fail (KIOSK_IS_HANDWRITING_PAD (self));

  if (input_ink_get_n_strokes (self->ink) == 0)
    return;
  self->writing = FALSE;
  input_ink_clear (self->ink);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[INK_CHANGED], 0);
}
