/* kiosk-fold.h: where a scroller's view ends so that it cuts no button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean kiosk_fold_scrolls (GtkWidget *widget);
gboolean kiosk_fold_on_show (GtkWidget *widget);
GtkWidget *kiosk_fold_scroller_content (GtkWidget *scroller);
void kiosk_fold_controls_across (GtkWidget *widget,
                                 GtkWidget *scroller,
                                 double value,
                                 float edge,
                                 float *top,
                                 float *bottom);
int kiosk_fold_height (GtkWidget *scroller, int height);

/* where a scroller's view ended, and the place it was found for */
typedef struct
{
  int height; /* 0 before the first layout */
  int width, space;
} KioskFold;

void
kiosk_fold_allocate (GtkWidget *scroller, KioskFold *fold, int x, int y, int width, int height);

/* the scroller whose band holds (@x, @y) in the gesture's widget, or NULL */
typedef GtkWidget *(*KioskFoldBandFunc) (double x, double y, gpointer user_data);

GtkGesture *kiosk_fold_band_drag_new (KioskFoldBandFunc scroller_at, gpointer user_data);
void kiosk_fold_keep_whole (GtkWidget *widget);

G_END_DECLS
