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

/* A finger put down in the band under a fold stops a flick's glide, as it
 * would on the view itself. */
void
kiosk_fold_stop_glide (GtkWidget *scroller)
{
  if (gtk_scrolled_window_get_kinetic_scrolling (GTK_SCROLLED_WINDOW (scroller)))
    {
      gtk_scrolled_window_set_kinetic_scrolling (GTK_SCROLLED_WINDOW (scroller), FALSE);
      gtk_scrolled_window_set_kinetic_scrolling (GTK_SCROLLED_WINDOW (scroller), TRUE);
    }
}
