/* kiosk-folding-scroller.c: a scroller that ends its view above a button it would cut
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A grid of tiles or a list that scrolls inside a page (the practice
 * information's sections, a form's attachments) holds its GtkScrolledWindow
 * in one of these. Given its place, it lays the scroller out there and, where
 * the scroller shows less than it holds, shortens the scroller's view so it
 * ends above a button it would cut (kiosk_fold_height()); the band left
 * under the view shows the page's background, and a finger's drag that
 * starts there scrolls the view. A band high enough for a line of text
 * says there is more below in words, which a person who takes the band
 * for the page's end reads (a scrollbar says it only to those who know
 * one); it goes when the view reaches its end. The fold is found in every
 * layout of this
 * widget, whoever asks for it: a parent that lays out its children again
 * without the page lays this out again too, fold and all.
 *
 * GtkScrolledWindow is final, hence a widget around one rather than a kind
 * of one; a widget rather than a layout manager, so that the fold, its
 * band and the band's drag live in one object that knows all three.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-folding-scroller.h"

#include "kiosk-fold.h"

/* the least band that says "more below" in words: less is a gap */
#define HINT_MARGIN 4 /* above and below the hint, at least, in its band */

struct _KioskFoldingScroller
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkWidget *hint;        /* "more below", in a band high enough for it */
  gboolean hint_fits;     /* the band is high enough for it */
  GtkAdjustment *watched; /* the scroller's, whose end hides the hint */
  KioskFold fold;         /* where the view ends */
};

static void kiosk_folding_scroller_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskFoldingScroller,
                               kiosk_folding_scroller,
                               GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      kiosk_folding_scroller_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

enum
{
  PROP_0,
  PROP_SCROLLER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kiosk_folding_scroller_dispose (GObject *object)
{
  KioskFoldingScroller *self = KIOSK_FOLDING_SCROLLER (object);

  kiosk_folding_scroller_set_scroller (self, NULL);
  g_clear_pointer (&self->hint, gtk_widget_unparent);

  G_OBJECT_CLASS (kiosk_folding_scroller_parent_class)->dispose (object);
}

static void
kiosk_folding_scroller_get_property (GObject *object,
                                     guint prop_id,
                                     GValue *value,
                                     GParamSpec *pspec)
{
  KioskFoldingScroller *self = KIOSK_FOLDING_SCROLLER (object);

  switch (prop_id)
    {
      case PROP_SCROLLER:
        g_value_set_object (value, self->scroller);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_folding_scroller_set_property (GObject *object,
                                     guint prop_id,
                                     const GValue *value,
                                     GParamSpec *pspec)
{
  KioskFoldingScroller *self = KIOSK_FOLDING_SCROLLER (object);

  switch (prop_id)
    {
      case PROP_SCROLLER:
        kiosk_folding_scroller_set_scroller (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_folding_scroller_measure (GtkWidget *widget,
                                GtkOrientation orientation,
                                int for_size,
                                int *minimum,
                                int *natural,
                                int *minimum_baseline,
                                int *natural_baseline)
{
  KioskFoldingScroller *self = KIOSK_FOLDING_SCROLLER (widget);

  /* the fold takes nothing from the scroller's place, so asks for none */
  if (self->scroller != NULL && gtk_widget_should_layout (self->scroller))
    gtk_widget_measure (self->scroller, orientation, for_size, minimum, natural, NULL, NULL);
}

/* the hint in a band high enough for it, under a view not yet at its end */
static gboolean
wants_hint (KioskFoldingScroller *self)
{
  GtkAdjustment *adjustment = self->watched;

  return self->hint_fits && adjustment != NULL &&
         gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) <
             gtk_adjustment_get_upper (adjustment) - 0.5;
}

static void
place_hint (KioskFoldingScroller *self, int width, int band)
{
  int hint_height = 0;
  gboolean shown;

  /* as high as its words are in this size of text, at this width */
  gtk_widget_measure (self->hint, GTK_ORIENTATION_VERTICAL, width, &hint_height, NULL, NULL, NULL);
  self->hint_fits = band > 0 && hint_height + 2 * HINT_MARGIN <= band;
  shown = wants_hint (self);
  gtk_widget_set_child_visible (self->hint, shown);
  if (shown)
    gtk_widget_size_allocate (
        self->hint,
        &(GtkAllocation){ 0, self->fold.height + (band - hint_height) / 2, width, hint_height },
        -1);
}

/* scrolled to its end, or back from it: the hint goes or comes */
static void
value_changed_cb (KioskFoldingScroller *self)
{
  if (wants_hint (self) != gtk_widget_get_child_visible (self->hint))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
kiosk_folding_scroller_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  KioskFoldingScroller *self = KIOSK_FOLDING_SCROLLER (widget);

  if (self->scroller == NULL || !gtk_widget_should_layout (self->scroller))
    {
      gtk_widget_set_child_visible (self->hint, FALSE);
      return;
    }

  kiosk_fold_allocate (self->scroller, &self->fold, 0, 0, width, height);
  place_hint (self, width, height - self->fold.height);
}

static GtkSizeRequestMode
kiosk_folding_scroller_get_request_mode (GtkWidget *widget)
{
  KioskFoldingScroller *self = KIOSK_FOLDING_SCROLLER (widget);

  if (self->scroller == NULL)
    return GTK_SIZE_REQUEST_CONSTANT_SIZE;
  return gtk_widget_get_request_mode (self->scroller);
}

static void
kiosk_folding_scroller_compute_expand (GtkWidget *widget, gboolean *hexpand, gboolean *vexpand)
{
  KioskFoldingScroller *self = KIOSK_FOLDING_SCROLLER (widget);

  *hexpand = self->scroller != NULL &&
             gtk_widget_compute_expand (self->scroller, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = self->scroller != NULL &&
             gtk_widget_compute_expand (self->scroller, GTK_ORIENTATION_VERTICAL);
}

/* a drag under the fold, in the band, scrolls the view */
static GtkWidget *
band_scroller_at (double x, double y, gpointer user_data)
{
  KioskFoldingScroller *self = user_data;

  return kiosk_folding_scroller_get_band (self) > 0 && y >= self->fold.height ? self->scroller
                                                                              : NULL;
}

static void
kiosk_folding_scroller_buildable_add_child (GtkBuildable *buildable,
                                            GtkBuilder *builder,
                                            GObject *child,
                                            const char *type)
{
  KioskFoldingScroller *self = KIOSK_FOLDING_SCROLLER (buildable);

  if (type == NULL && GTK_IS_SCROLLED_WINDOW (child))
    {
      if (self->scroller != NULL)
        g_warning ("a folding scroller holds one scroller");
      else
        kiosk_folding_scroller_set_scroller (self, GTK_WIDGET (child));
      return;
    }
  parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
kiosk_folding_scroller_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = kiosk_folding_scroller_buildable_add_child;
}

static void
kiosk_folding_scroller_class_init (KioskFoldingScrollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_folding_scroller_dispose;
  object_class->get_property = kiosk_folding_scroller_get_property;
  object_class->set_property = kiosk_folding_scroller_set_property;
  widget_class->measure = kiosk_folding_scroller_measure;
  widget_class->size_allocate = kiosk_folding_scroller_size_allocate;
  widget_class->get_request_mode = kiosk_folding_scroller_get_request_mode;
  widget_class->compute_expand = kiosk_folding_scroller_compute_expand;

  /**
   * KioskFoldingScroller:scroller:
   *
   * The GtkScrolledWindow whose view is folded.
   */
  properties[PROP_SCROLLER] =
      g_param_spec_object ("scroller", NULL, NULL, GTK_TYPE_SCROLLED_WINDOW,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "kioskfoldingscroller");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
kiosk_folding_scroller_init (KioskFoldingScroller *self)
{
  /* words, not a button: it says there is more, the drag is the band's;
   * for the eye: a screen reader reads the list's items themselves, and
   * "more below" would be read even where none is */
  self->hint = gtk_label_new (_ ("↓ More below"));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->hint), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_label_set_wrap (GTK_LABEL (self->hint), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->hint), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->hint, "fold-hint");
  gtk_widget_set_can_target (self->hint, FALSE);
  gtk_widget_set_child_visible (self->hint, FALSE);
  gtk_widget_set_parent (self->hint, GTK_WIDGET (self));

  gtk_widget_add_controller (
      GTK_WIDGET (self), GTK_EVENT_CONTROLLER (kiosk_fold_band_drag_new (band_scroller_at, self)));
}

/**
 * kiosk_folding_scroller_new:
 * @scroller: (nullable): a GtkScrolledWindow to fold
 */
GtkWidget *
kiosk_folding_scroller_new (GtkWidget *scroller)
{
  g_return_val_if_fail (scroller == NULL || GTK_IS_SCROLLED_WINDOW (scroller), NULL);

  return g_object_new (KIOSK_TYPE_FOLDING_SCROLLER, "scroller", scroller, NULL);
}

/**
 * kiosk_folding_scroller_get_scroller:
 *
 * Returns: (transfer none) (nullable): the GtkScrolledWindow folded
 */
GtkWidget *
kiosk_folding_scroller_get_scroller (KioskFoldingScroller *self)
{
  g_return_val_if_fail (KIOSK_IS_FOLDING_SCROLLER (self), NULL);
  return self->scroller;
}

void
kiosk_folding_scroller_set_scroller (KioskFoldingScroller *self, GtkWidget *scroller)
{
  g_return_if_fail (KIOSK_IS_FOLDING_SCROLLER (self));
  g_return_if_fail (scroller == NULL || GTK_IS_SCROLLED_WINDOW (scroller));

  if (self->scroller == scroller)
    return;
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_func (self->watched, value_changed_cb, self);
  g_clear_object (&self->watched);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  self->fold = (KioskFold){ 0 };
  if (scroller != NULL)
    {
      self->scroller = scroller;
      /* under the hint, which shows over the band only */
      gtk_widget_insert_before (scroller, GTK_WIDGET (self), self->hint);
      self->watched =
          g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
      g_signal_connect_swapped (self->watched, "value-changed", G_CALLBACK (value_changed_cb),
                                self);
      g_signal_connect_swapped (self->watched, "changed", G_CALLBACK (value_changed_cb), self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCROLLER]);
}

/**
 * kiosk_folding_scroller_get_hint:
 *
 * Returns: (transfer none): the line that says there is more below, on
 *   show in a band high enough for it while the view is not at its end
 */
GtkWidget *
kiosk_folding_scroller_get_hint (KioskFoldingScroller *self)
{
  g_return_val_if_fail (KIOSK_IS_FOLDING_SCROLLER (self), NULL);
  return self->hint;
}

/**
 * kiosk_folding_scroller_get_band:
 *
 * Returns: how far below the scroller's view its place goes on, in pixels:
 *   the band the fold left, 0 where the view is not folded
 */
int
kiosk_folding_scroller_get_band (KioskFoldingScroller *self)
{
  g_return_val_if_fail (KIOSK_IS_FOLDING_SCROLLER (self), 0);

  if (self->scroller == NULL || !gtk_widget_should_layout (self->scroller) ||
      self->fold.height <= 0)
    return 0;
  return MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - self->fold.height);
}
