/* kiosk-fold.c: where a scroller's view ends so that it cuts no button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules every fold of the kiosk follows, the page's middle and the
 * grids and lists that fold themselves (KioskFoldingScroller) alike: a
 * scroller that shows less than it holds ends its view above a button it
 * would cut, not across it.
 */

#include "config.h"

#include "kiosk-fold.h"

/* a scroller with more than it shows */
gboolean
kiosk_fold_scrolls (GtkWidget *widget)
{
  GtkAdjustment *adjustment;

  if (!GTK_IS_SCROLLED_WINDOW (widget))
    return FALSE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));
  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 0.5;
}

/* Laid out and not set aside by its parent: a stack's other pages and a
 * closed revealer's child keep their last place, but are not on show. */
gboolean
kiosk_fold_on_show (GtkWidget *widget)
{
  return gtk_widget_should_layout (widget) && gtk_widget_get_child_visible (widget);
}

static GQuark
whole_quark (void)
{
  return g_quark_from_static_string ("kiosk-fold-whole");
}

/**
 * kiosk_fold_keep_whole:
 *
 * Has every fold treat @widget as it does a button: shown whole, or the
 * view ends above it. For an item of a list (a file's tile, its picture
 * beside its buttons), which cut through its picture reads as broken as a
 * button cut in half.
 */
void
kiosk_fold_keep_whole (GtkWidget *widget)
{
  g_object_set_qdata (G_OBJECT (widget), whole_quark (), GINT_TO_POINTER (TRUE));
}

/* what a fold must not cut: a control, a list's row (a record, a
 * printer: its last line sliced reads as the list's end), what is marked */
static gboolean
is_whole (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_LIST_BOX_ROW (widget) ||
         g_object_get_qdata (G_OBJECT (widget), whole_quark ()) != NULL;
}

/**
 * kiosk_fold_scroller_content:
 *
 * Returns: (transfer none) (nullable): what @scroller scrolls, inside its
 *   viewport if it has one
 */
GtkWidget *
kiosk_fold_scroller_content (GtkWidget *scroller)
{
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));

  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  return content;
}

/**
 * kiosk_fold_controls_across:
 *
 * Widens [*top, *bottom] to every control, list row and widget kept whole
 * (kiosk_fold_keep_whole()) under @widget that lies across @edge, in the
 * coordinates of @scroller scrolled to the top (the
 * scroller's own, @value further down). What a scroller that scrolls
 * holds is left alone: a list is scrolled through.
 */
void
kiosk_fold_controls_across (GtkWidget *widget,
                            GtkWidget *scroller,
                            double value,
                            float edge,
                            float *top,
                            float *bottom)
{
  graphene_rect_t bounds;

  if (!kiosk_fold_on_show (widget) || GTK_IS_NATIVE (widget) || kiosk_fold_scrolls (widget))
    return;
  if (is_whole (widget))
    {
      if (gtk_widget_compute_bounds (widget, scroller, &bounds))
        {
          float start = bounds.origin.y + value;
          float end = start + bounds.size.height;

          if (start < edge - 0.5 && end > edge + 0.5)
            {
              *top = MIN (*top, start);
              *bottom = MAX (*bottom, end);
            }
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    kiosk_fold_controls_across (child, scroller, value, edge, top, bottom);
}

/**
 * kiosk_fold_height:
 * @height: the height @scroller has room for
 *
 * Where a scroller's view should end when it shows less than it holds (the
 * page's middle on a screen too low for the page, a grid of tiles or a
 * list in it): not across a button, which would read as the end, or as a
 * button cut in half nobody trusts to tap, but above it, with the
 * scrollbar and the shade at the edge saying there is more; the page's
 * background shows under the view's end instead. The fold is placed where
 * it falls with the scroller scrolled to the top, as it shows, and stays
 * there while it scrolls. The scroller is laid out already (at any height
 * lower than its content).
 *
 * Returns: the view's height, @height where nothing is cut
 */
int
kiosk_fold_height (GtkWidget *scroller, int height)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  GtkWidget *content = kiosk_fold_scroller_content (scroller);
  double value = gtk_adjustment_get_value (adjustment);
  float fold = height, top, bottom;

  /* what fits the whole height needs no fold */
  if (content == NULL || gtk_adjustment_get_upper (adjustment) <= height + 0.5)
    return height;
  /* raising the fold above one button may cut another beside it */
  for (;;)
    {
      top = bottom = fold;
      kiosk_fold_controls_across (content, scroller, value, fold, &top, &bottom);
      if (top >= fold)
        break;
      fold = top;
    }
  /* a view of half the scroller or less shows too little: the button stays cut */
  return fold > height / 2 ? (int) fold : height;
}

/**
 * kiosk_fold_allocate:
 * @fold: where @scroller's view ended in its last layout, updated
 *
 * Lays @scroller out in the place (@x, @y, @width, @height) with its view
 * ending at its fold. Laid out first where the fold was: at the full
 * height, a view scrolled further down than that allows would be taken
 * back up. A fold found for another place says nothing of this one.
 */
void
kiosk_fold_allocate (GtkWidget *scroller, KioskFold *fold, int x, int y, int width, int height)
{
  int view;

  if (width != fold->width || height != fold->space)
    fold->height = 0;
  fold->width = width;
  fold->space = height;
  view = fold->height > 0 ? MIN (fold->height, height) : height;
  gtk_widget_size_allocate (scroller, &(GtkAllocation){ x, y, width, view }, -1);
  fold->height = kiosk_fold_height (scroller, height);
  if (fold->height != view)
    gtk_widget_size_allocate (scroller, &(GtkAllocation){ x, y, width, fold->height }, -1);
}

/* what a drag in a band scrolls, and where it was when the drag began */
typedef struct
{
  KioskFoldBandFunc scroller_at;
  gpointer user_data;
  GtkAdjustment *dragged;
  double start;
} BandDrag;

static void
band_drag_free (BandDrag *drag)
{
  g_clear_object (&drag->dragged);
  g_free (drag);
}

static void
band_drag_begin_cb (GtkGestureDrag *gesture, double x, double y, BandDrag *drag)
{
  GtkWidget *scroller = drag->scroller_at (x, y, drag->user_data);

  if (scroller == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  /* a finger put down stops a flick's glide, as on the view itself */
  if (gtk_scrolled_window_get_kinetic_scrolling (GTK_SCROLLED_WINDOW (scroller)))
    {
      gtk_scrolled_window_set_kinetic_scrolling (GTK_SCROLLED_WINDOW (scroller), FALSE);
      gtk_scrolled_window_set_kinetic_scrolling (GTK_SCROLLED_WINDOW (scroller), TRUE);
    }
  g_set_object (&drag->dragged,
                gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
  drag->start = gtk_adjustment_get_value (drag->dragged);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
band_drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, BandDrag *drag)
{
  if (drag->dragged != NULL)
    gtk_adjustment_set_value (drag->dragged, drag->start - dy);
}

static void
band_drag_end_cb (GtkGesture *gesture, GdkEventSequence *sequence, BandDrag *drag)
{
  g_clear_object (&drag->dragged);
}

/**
 * kiosk_fold_band_drag_new:
 * @scroller_at: finds the scroller whose band a drag starts in
 *
 * The band a fold leaves under a view shows only the page's background: a
 * finger that drags there scrolls the view as it would a hand's width
 * higher, rather than nothing. For the widget that holds the band (the
 * page for its middle, a folding scroller for its own).
 *
 * Returns: (transfer full): a drag gesture to add to that widget
 */
GtkGesture *
kiosk_fold_band_drag_new (KioskFoldBandFunc scroller_at, gpointer user_data)
{
  GtkGesture *gesture = gtk_gesture_drag_new ();
  BandDrag *drag = g_new0 (BandDrag, 1);

  drag->scroller_at = scroller_at;
  drag->user_data = user_data;
  g_object_set_data_full (G_OBJECT (gesture), "kiosk-fold-band-drag", drag,
                          (GDestroyNotify) band_drag_free);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (band_drag_begin_cb), drag);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (band_drag_update_cb), drag);
  g_signal_connect (gesture, "end", G_CALLBACK (band_drag_end_cb), drag);
  return gesture;
}
