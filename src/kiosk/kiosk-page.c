/* kiosk-page.c: base class of every page of the kiosk flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page does not know the other pages: it asks the flow to show another by
 * its KioskPageId with kiosk_page_navigate(), giving the target's arguments
 * as values of the target's properties. Whoever builds a page hands it the
 * kiosk's services and the visit (construct-only, as gnome-initial-setup
 * gives its driver to every page) and its id; the flow says before showing
 * it whether the kiosk is offline for it.
 *
 * The page base draws the frame every page shares: a header (the page's
 * title, the step bar of the errand the page is part of, the seconds left
 * before the kiosk resets) and a footer (Home, Back, the sync line, the
 * page's primary action). A page fills only the middle: its template's
 * children go there, except those added as <child type="primary">, which go
 * to the footer's right end, and those added as <child type="pinned">, which
 * go in a row above the footer that stays on screen, as the footer does,
 * while the middle scrolls. The page table says which step bar, which step
 * and where Back and Home go; a page may change them as it goes
 * (kiosk_page_set_step(), kiosk_page_set_can_go_back(), the go_back vfunc).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-duration.h"
#include "kiosk-enums.h"
#include "kiosk-fold.h"
#include "kiosk-folding-scroller.h"
#include "kiosk-page.h"
#include "kiosk-sync-indicator.h"

typedef struct
{
  KioskServices *services;
  KioskVisit *visit;
  KioskPageId id;
  char *title;
  gboolean offline;

  /* the frame */
  GtkWidget *header;
  GtkLabel *title_label;
  GtkWidget *step_bar;
  GtkLabel *time_label;
  GtkWidget *demo_badge;
  GtkWidget *middle;
  KioskFold fold;         /* the middle's height, above any button it would cut */
  gboolean top_when_gone; /* reset while leaving: back to the top once hidden */
  GtkWidget *pinned;
  GtkWidget *footer;
  GtkWidget *home_button;
  GtkWidget *back_button;
  GtkWidget *status_box;
  GtkWidget *sync_line;
  GtkWidget *primary_box;
  guint step;
  gboolean can_go_back;
  gboolean can_go_home;
  guint idle_limit;
  char *idle_note;
  guint seconds_left;
} KioskPagePrivate;

static void kiosk_page_buildable_init (GtkBuildableIface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (KioskPage,
                                  kiosk_page,
                                  GTK_TYPE_WIDGET,
                                  G_ADD_PRIVATE (KioskPage)
                                      G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                             kiosk_page_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

enum
{
  PROP_0,
  PROP_SERVICES,
  PROP_VISIT,
  PROP_ID,
  PROP_TITLE,
  PROP_OFFLINE,
  PROP_STEP,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_HOME,
  PROP_IDLE_LIMIT,
  PROP_IDLE_NOTE,
  N_PROPS
};

enum
{
  NAVIGATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kiosk_page_dispose (GObject *object)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (KIOSK_PAGE (object));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->services);
  g_clear_object (&priv->visit);

  G_OBJECT_CLASS (kiosk_page_parent_class)->dispose (object);
}

static void
kiosk_page_finalize (GObject *object)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (KIOSK_PAGE (object));

  g_free (priv->title);
  g_free (priv->idle_note);

  G_OBJECT_CLASS (kiosk_page_parent_class)->finalize (object);
}

static void
kiosk_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskPage *self = KIOSK_PAGE (object);

  switch (prop_id)
    {
      case PROP_SERVICES:
        g_value_set_object (value, kiosk_page_get_services (self));
        break;
      case PROP_VISIT:
        g_value_set_object (value, kiosk_page_get_visit (self));
        break;
      case PROP_ID:
        g_value_set_enum (value, kiosk_page_get_id (self));
        break;
      case PROP_TITLE:
        g_value_set_string (value, kiosk_page_get_title (self));
        break;
      case PROP_OFFLINE:
        g_value_set_boolean (value, kiosk_page_get_offline (self));
        break;
      case PROP_STEP:
        g_value_set_uint (value, kiosk_page_get_step (self));
        break;
      case PROP_CAN_GO_BACK:
        g_value_set_boolean (value, kiosk_page_get_can_go_back (self));
        break;
      case PROP_CAN_GO_HOME:
        g_value_set_boolean (value, kiosk_page_get_can_go_home (self));
        break;
      case PROP_IDLE_LIMIT:
        g_value_set_uint (value, kiosk_page_get_idle_limit (self));
        break;
      case PROP_IDLE_NOTE:
        g_value_set_string (value, kiosk_page_get_idle_note (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KioskPage *self = KIOSK_PAGE (object);
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_SERVICES:
        priv->services = g_value_dup_object (value);
        break;
      case PROP_VISIT:
        priv->visit = g_value_dup_object (value);
        break;
      case PROP_ID:
        priv->id = g_value_get_enum (value);
        break;
      case PROP_TITLE:
        kiosk_page_set_title (self, g_value_get_string (value));
        break;
      case PROP_STEP:
        kiosk_page_set_step (self, g_value_get_uint (value));
        break;
      case PROP_CAN_GO_BACK:
        kiosk_page_set_can_go_back (self, g_value_get_boolean (value));
        break;
      case PROP_CAN_GO_HOME:
        kiosk_page_set_can_go_home (self, g_value_get_boolean (value));
        break;
      case PROP_IDLE_LIMIT:
        kiosk_page_set_idle_limit (self, g_value_get_uint (value));
        break;
      case PROP_IDLE_NOTE:
        kiosk_page_set_idle_note (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
is_frame (KioskPagePrivate *priv, GtkWidget *child)
{
  return child == priv->header || child == priv->pinned || child == priv->footer;
}

/* The step bar, the buttons and the seconds left, from the page's state. */
static void
update_frame (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);
  const KioskPageRow *row = kiosk_page_table_lookup (priv->id);
  guint n_steps = kiosk_journey_get_n_steps (row->journey);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (priv->step_bar)) != NULL)
    gtk_box_remove (GTK_BOX (priv->step_bar), child);
  for (guint step = 1; step <= n_steps; step++)
    {
      const char *name = kiosk_journey_get_step_name (row->journey, step);
      g_autofree char *text = g_strdup_printf ("%u %s", step, name);
      /* every step is named, so a person sees where the visit goes; the
       * steps other than the current one in smaller type, for the title's
       * room (a bare number said nothing) */
      GtkWidget *label = gtk_label_new (text);

      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
      gtk_widget_add_css_class (label, "frame-step");
      if (step == priv->step)
        {
          gtk_widget_add_css_class (label, "current");
          gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_SELECTED, TRUE,
                                       -1);
        }
      else if (step < priv->step)
        gtk_widget_add_css_class (label, "done");
      else
        gtk_widget_add_css_class (label, "ahead");
      gtk_box_append (GTK_BOX (priv->step_bar), label);
    }
  gtk_widget_set_visible (priv->step_bar, n_steps > 0);
  gtk_widget_set_visible (priv->back_button, priv->can_go_back);
  gtk_widget_set_visible (priv->home_button, priv->can_go_home);

  if (priv->seconds_left > 0)
    {
      /* short, to stay on one line beside the title; a long wait (an
       * upload from the phone) in whole minutes, which is what a person
       * plans with, not a count of seconds ticking: the minutes whole, so
       * the header never promises more time than there is */
      g_autofree char *time = kiosk_duration_text (
          priv->seconds_left >= 180 ? priv->seconds_left / 60 * 60 : priv->seconds_left);
      /* TRANSLATORS: the time left before the page is cleared, in its
       * header: %s a time, e.g. 剩余 10 分钟 */
      g_autofree char *text = g_strdup_printf (_ ("%s left"), time);

      /* why the page waits longer than usual, then how long */
      if (priv->idle_note != NULL)
        {
          g_autofree char *left = g_steal_pointer (&text);

          text = g_strdup_printf ("%s · %s", priv->idle_note, left);
        }
      gtk_label_set_text (priv->time_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (priv->time_label), priv->seconds_left > 0);
}

static void
home_clicked_cb (KioskPage *self)
{
  kiosk_page_go_home (self);
}

static void
back_clicked_cb (KioskPage *self)
{
  kiosk_page_go_back (self);
}

static void
kiosk_page_real_go_back (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);
  const KioskPageRow *row = kiosk_page_table_lookup (priv->id);

  if (row->back != KIOSK_PAGE_NONE)
    kiosk_page_navigate (self, row->back, NULL);
}

static void
kiosk_page_measure (GtkWidget *widget,
                    GtkOrientation orientation,
                    int for_size,
                    int *minimum,
                    int *natural,
                    int *minimum_baseline,
                    int *natural_baseline)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (KIOSK_PAGE (widget));
  int frame_min = 0, frame_nat = 0, content_min = 0, content_nat = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_VERTICAL && is_frame (priv, child))
        {
          frame_min += child_min;
          frame_nat += child_nat;
        }
      else
        {
          content_min = MAX (content_min, child_min);
          content_nat = MAX (content_nat, child_nat);
        }
    }
  *minimum = frame_min + content_min;
  *natural = frame_nat + content_nat;
}

/* Whether @widget holds a list that grows with what it holds and scrolls
 * when squeezed (a scroller that gives its content's natural height). */
static gboolean
holds_growing_list (GtkWidget *widget)
{
  if (!kiosk_fold_on_show (widget) || GTK_IS_NATIVE (widget))
    return FALSE;
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkPolicyType policy;

      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (widget), NULL, &policy);
      return policy != GTK_POLICY_NEVER && policy != GTK_POLICY_EXTERNAL &&
             gtk_scrolled_window_get_propagate_natural_height (GTK_SCROLLED_WINDOW (widget));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (holds_growing_list (child))
      return TRUE;
  return FALSE;
}

static GtkWidget *
middle_content (KioskPagePrivate *priv)
{
  return kiosk_fold_scroller_content (priv->middle);
}

static void
scrollers_to_top (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget)),
                              0);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scrollers_to_top (child);
}

/* Shown again, the page starts at its top; so do the lists and grids in it
 * that scroll: the next person starts where the page begins. The folds
 * need nothing: each layout finds them afresh, placed as with the view at
 * its top, from what the page holds by then. */
static void
return_to_top (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  priv->top_when_gone = FALSE;
  scrollers_to_top (priv->middle);
}

/* On show, but no longer the stack's visible page: fading out. */
static gboolean
is_leaving (KioskPage *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  return gtk_widget_get_mapped (GTK_WIDGET (self)) && GTK_IS_STACK (parent) &&
         gtk_stack_get_visible_child (GTK_STACK (parent)) != GTK_WIDGET (self);
}

static void
kiosk_page_unmap (GtkWidget *widget)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (KIOSK_PAGE (widget));

  GTK_WIDGET_CLASS (kiosk_page_parent_class)->unmap (widget);

  if (priv->top_when_gone)
    return_to_top (KIOSK_PAGE (widget));
}

/* The band the middle's fold leaves above the pinned row or the footer
 * shows only the page's background: a finger that drags there scrolls the
 * middle as it would a hand's width higher, rather than nothing. (A grid
 * or list folded inside the middle scrolls from its own band:
 * KioskFoldingScroller.) */
static GtkWidget *
middle_band_at (double x, double y, gpointer user_data)
{
  KioskPage *self = user_data;
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);
  GtkWidget *below = gtk_widget_get_visible (priv->pinned) ? priv->pinned : priv->footer;
  graphene_rect_t middle, under;

  if (!gtk_widget_get_mapped (priv->middle) || !kiosk_fold_scrolls (priv->middle) ||
      !gtk_widget_compute_bounds (priv->middle, GTK_WIDGET (self), &middle) ||
      !gtk_widget_compute_bounds (below, GTK_WIDGET (self), &under) ||
      y < middle.origin.y + middle.size.height || y >= under.origin.y)
    return NULL;
  return priv->middle;
}

/* header on top, footer at the bottom, the pinned row above the footer,
 * every other child in between */
static void
kiosk_page_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (KIOSK_PAGE (widget));
  int header_height = 0, footer_height = 0, pinned_height = 0, middle_height;

  if (gtk_widget_should_layout (priv->header))
    gtk_widget_measure (priv->header, GTK_ORIENTATION_VERTICAL, width, &header_height, NULL, NULL,
                        NULL);
  if (gtk_widget_should_layout (priv->footer))
    gtk_widget_measure (priv->footer, GTK_ORIENTATION_VERTICAL, width, &footer_height, NULL, NULL,
                        NULL);
  if (gtk_widget_should_layout (priv->pinned))
    gtk_widget_measure (priv->pinned, GTK_ORIENTATION_VERTICAL, width, &pinned_height, NULL, NULL,
                        NULL);
  if (gtk_widget_should_layout (priv->header))
    gtk_widget_size_allocate (priv->header, &(GtkAllocation){ 0, 0, width, header_height }, -1);
  if (gtk_widget_should_layout (priv->footer))
    gtk_widget_size_allocate (
        priv->footer, &(GtkAllocation){ 0, height - footer_height, width, footer_height }, -1);
  if (gtk_widget_should_layout (priv->pinned))
    gtk_widget_size_allocate (
        priv->pinned,
        &(GtkAllocation){ 0, height - footer_height - pinned_height, width, pinned_height }, -1);
  middle_height = MAX (0, height - header_height - footer_height - pinned_height);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child) && !is_frame (priv, child) && child != priv->middle)
      gtk_widget_size_allocate (child, &(GtkAllocation){ 0, header_height, width, middle_height },
                                -1);
  /* the middle, its view ending at its fold */
  if (gtk_widget_should_layout (priv->middle))
    {
      GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (priv->middle));
      GtkWidget *content = middle_content (priv);
      int least = 0;

      /* A page too tall for the screen even at its least scrolls as a
       * whole, and a list in it that grows with what it holds shows all of
       * it (the page is laid out at its natural height): a list scrolling
       * inside the scrolling page would leave a finger's drag to move one
       * or the other. A page that fits squeezes such a list instead, which
       * then scrolls, and the page does not. Other pages keep their least
       * height, where a picture that may shrink does. */
      if (GTK_IS_VIEWPORT (viewport) && content != NULL)
        {
          GtkScrollablePolicy policy = GTK_SCROLL_MINIMUM;

          /* measured at the middle's whole width: beside a scrollbar it
           * may wrap a line more, which this does not foresee */
          if (holds_growing_list (content))
            {
              gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, width, &least, NULL, NULL,
                                  NULL);
              if (least > middle_height)
                policy = GTK_SCROLL_NATURAL;
            }
          if (gtk_scrollable_get_vscroll_policy (GTK_SCROLLABLE (viewport)) != policy)
            gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (viewport), policy);
        }

      kiosk_fold_allocate (priv->middle, &priv->fold, 0, header_height, width, middle_height);
    }
}

static GtkSizeRequestMode
kiosk_page_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kiosk_page_buildable_add_child (GtkBuildable *buildable,
                                GtkBuilder *builder,
                                GObject *child,
                                const char *type)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (KIOSK_PAGE (buildable));

  if (g_strcmp0 (type, "primary") == 0 && GTK_IS_WIDGET (child))
    {
      gtk_box_append (GTK_BOX (priv->primary_box), GTK_WIDGET (child));
      return;
    }
  if (g_strcmp0 (type, "pinned") == 0 && GTK_IS_WIDGET (child))
    {
      gtk_box_append (GTK_BOX (priv->pinned), GTK_WIDGET (child));
      gtk_widget_set_visible (priv->pinned, TRUE);
      return;
    }
  if (type == NULL && GTK_IS_WIDGET (child))
    {
      if (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (priv->middle)) != NULL)
        g_warning ("%s: a page fills the middle with one widget", G_OBJECT_TYPE_NAME (buildable));
      else
        gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (priv->middle), GTK_WIDGET (child));
      return;
    }
  parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
kiosk_page_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = kiosk_page_buildable_add_child;
}

/* An overlay scrollbar shows only while a pointer moves over it or the
 * content moves: a finger that has not scrolled yet never sees one, nor
 * that there is more below. Every scroller of the page keeps its scrollbar
 * on show instead, whenever its content is taller than its view. */
static void
show_scrollbars (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (widget), FALSE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    show_scrollbars (child);
}

static void
kiosk_page_constructed (GObject *object)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (KIOSK_PAGE (object));
  const KioskPageRow *row;
  GtkWidget *indicator;

  /* a page built on its own (a test) works with nothing but the defaults */
  if (priv->services == NULL)
    priv->services = g_object_new (KIOSK_TYPE_SERVICES, NULL);
  if (priv->visit == NULL)
    priv->visit = kiosk_visit_new (kiosk_services_get_registry (priv->services));

  G_OBJECT_CLASS (kiosk_page_parent_class)->constructed (object);

  row = kiosk_page_table_lookup (priv->id);
  priv->step = row->step;
  priv->can_go_back = row->back != KIOSK_PAGE_NONE;
  priv->can_go_home = row->home != KIOSK_PAGE_NONE;
  update_frame (KIOSK_PAGE (object));
  /* the page's template is in place by now */
  show_scrollbars (priv->middle);
  gtk_widget_set_visible (priv->demo_badge, kiosk_services_get_demo (priv->services) != NULL);

  /* the sync line sits in the footer, where it covers no button */
  indicator = g_object_new (KIOSK_TYPE_SYNC_INDICATOR, NULL);
  kiosk_sync_indicator_set_engine (KIOSK_SYNC_INDICATOR (indicator),
                                   kiosk_services_get_sync_engine (priv->services),
                                   kiosk_services_get_sync_problem (priv->services));
  gtk_box_append (GTK_BOX (priv->status_box), indicator);
  priv->sync_line = indicator;
}

static void
kiosk_page_class_init (KioskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiosk_page_constructed;
  object_class->dispose = kiosk_page_dispose;
  object_class->finalize = kiosk_page_finalize;
  object_class->get_property = kiosk_page_get_property;
  object_class->set_property = kiosk_page_set_property;
  widget_class->measure = kiosk_page_measure;
  widget_class->size_allocate = kiosk_page_size_allocate;
  widget_class->get_request_mode = kiosk_page_get_request_mode;
  widget_class->unmap = kiosk_page_unmap;
  klass->go_back = kiosk_page_real_go_back;

  /**
   * KioskPage:services:
   *
   * What the page works with: configuration, store, registry, reader, …
   * given by whoever builds the page, never fetched.
   */
  properties[PROP_SERVICES] =
      g_param_spec_object ("services", NULL, NULL, KIOSK_TYPE_SERVICES,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                               G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskPage:visit:
   *
   * The person in front of the kiosk: login, card, form; every page of a
   * flow shares one.
   */
  properties[PROP_VISIT] =
      g_param_spec_object ("visit", NULL, NULL, KIOSK_TYPE_VISIT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                               G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskPage:id:
   *
   * Which row of the page table the page is (a class may serve more than
   * one, as the SMS page serves registration and login).
   */
  properties[PROP_ID] = g_param_spec_enum ("id", NULL, NULL, KIOSK_TYPE_PAGE_ID, KIOSK_PAGE_ATTRACT,
                                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                               G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskPage:offline:
   *
   * The page needs the registry and the kiosk has none: it shows its offline
   * state. Set by the flow before the page shows.
   */
  properties[PROP_OFFLINE] =
      g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
      g_param_spec_string ("title", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskPage:step:
   *
   * The step of the page's errand the step bar marks (1, 2, …); the page
   * table's step until the page says otherwise.
   */
  properties[PROP_STEP] =
      g_param_spec_uint ("step", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_GO_BACK] =
      g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_GO_HOME] =
      g_param_spec_boolean ("can-go-home", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskPage:idle-limit:
   *
   * Seconds without a touch before the kiosk starts counting down to its
   * reset while this page shows; 0 for the kiosk's setting. A page waiting
   * for something the person does away from the screen (an SMS) raises it,
   * one holding data nobody attends to (a lifted card) lowers it.
   */
  properties[PROP_IDLE_LIMIT] =
      g_param_spec_uint ("idle-limit", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskPage:idle-note:
   *
   * Why the page waits longer than usual, shown beside the seconds left.
   */
  properties[PROP_IDLE_NOTE] =
      g_param_spec_string ("idle-note", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskPage::navigate:
   * @navigation: where to go, with the target's arguments
   *
   * The page asks the flow to show another page.
   */
  signals[NAVIGATE] =
      g_signal_new ("navigate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, KIOSK_TYPE_NAVIGATION | G_SIGNAL_TYPE_STATIC_SCOPE);

  /* for the pages' templates: a grid or list that scrolls in the middle
   * folds itself */
  g_type_ensure (KIOSK_TYPE_FOLDING_SCROLLER);

  gtk_widget_class_set_css_name (widget_class, "kioskpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_page_init (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  priv->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_widget_add_css_class (priv->header, "frame-header");
  gtk_widget_set_parent (priv->header, GTK_WIDGET (self));
  priv->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (priv->title_label, TRUE);
  gtk_label_set_xalign (priv->title_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (priv->title_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (priv->title_label), "frame-title");
  gtk_box_append (GTK_BOX (priv->header), GTK_WIDGET (priv->title_label));
  priv->step_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (priv->step_bar, "frame-steps");
  gtk_widget_set_valign (priv->step_bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->step_bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Steps"), -1);
  gtk_box_append (GTK_BOX (priv->header), priv->step_bar);
  priv->time_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (priv->time_label), "frame-time");
  /* one line, whatever the language or text size: a pill that breaks in
   * two reads as two things */
  gtk_widget_add_css_class (GTK_WIDGET (priv->time_label), "one-line");
  gtk_widget_set_valign (GTK_WIDGET (priv->time_label), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (priv->time_label), FALSE);
  gtk_box_append (GTK_BOX (priv->header), GTK_WIDGET (priv->time_label));

  /* On a screen too low for a page's content (a long form, large text at
   * 1280×720) the middle scrolls; the header and the footer with the
   * primary action stay on screen. */
  priv->middle = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (priv->middle), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (priv->middle), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (priv->middle), TRUE);
  gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (priv->middle), FALSE);
  gtk_widget_add_css_class (priv->middle, "frame-middle");
  gtk_widget_set_parent (priv->middle, GTK_WIDGET (self));
  gtk_widget_add_controller (
      GTK_WIDGET (self), GTK_EVENT_CONTROLLER (kiosk_fold_band_drag_new (middle_band_at, self)));

  /* what a page keeps on screen however far its middle scrolls; empty
   * and hidden on most pages */
  priv->pinned = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (priv->pinned, "frame-pinned");
  gtk_widget_set_visible (priv->pinned, FALSE);
  gtk_widget_set_parent (priv->pinned, GTK_WIDGET (self));

  priv->footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_widget_add_css_class (priv->footer, "frame-footer");
  gtk_widget_set_parent (priv->footer, GTK_WIDGET (self));
  priv->home_button = gtk_button_new_with_label (_ ("Home"));
  gtk_widget_add_css_class (priv->home_button, "frame-home");
  g_signal_connect_swapped (priv->home_button, "clicked", G_CALLBACK (home_clicked_cb), self);
  gtk_box_append (GTK_BOX (priv->footer), priv->home_button);
  priv->back_button = gtk_button_new_with_label (_ ("Back"));
  gtk_widget_add_css_class (priv->back_button, "frame-back");
  g_signal_connect_swapped (priv->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  gtk_box_append (GTK_BOX (priv->footer), priv->back_button);
  priv->status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  gtk_widget_set_hexpand (priv->status_box, TRUE);
  gtk_widget_set_halign (priv->status_box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (priv->status_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (priv->footer), priv->status_box);
  /* in the footer's row, beside the sync line, not over the page: laid out
   * with the rest it covers nothing at any size, and the header keeps its
   * width for the title */
  priv->demo_badge = gtk_label_new (_ ("DEMO"));
  gtk_widget_add_css_class (priv->demo_badge, "demo-badge");
  gtk_widget_add_css_class (priv->demo_badge, "one-line");
  gtk_widget_set_valign (priv->demo_badge, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (priv->demo_badge, FALSE);
  gtk_box_append (GTK_BOX (priv->status_box), priv->demo_badge);
  priv->primary_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_widget_add_css_class (priv->primary_box, "frame-primary");
  gtk_box_append (GTK_BOX (priv->footer), priv->primary_box);
}

/**
 * kiosk_page_get_services:
 *
 * Returns: (transfer none): what the page works with
 */
KioskServices *
kiosk_page_get_services (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), NULL);
  return priv->services;
}

/**
 * kiosk_page_get_visit:
 *
 * Returns: (transfer none): the visit the page is part of
 */
KioskVisit *
kiosk_page_get_visit (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), NULL);
  return priv->visit;
}

KioskPageId
kiosk_page_get_id (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), KIOSK_PAGE_ATTRACT);
  return priv->id;
}

/**
 * kiosk_page_get_offline:
 *
 * Returns: whether the page needs the registry and the kiosk has none
 */
gboolean
kiosk_page_get_offline (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), FALSE);
  return priv->offline;
}

/* For the flow, which knows the page's row and the kiosk's registry. */
void
kiosk_page_set_offline (KioskPage *self, gboolean offline)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));

  if (priv->offline == !!offline)
    return;
  priv->offline = !!offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

const char *
kiosk_page_get_title (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), NULL);
  return priv->title;
}

void
kiosk_page_set_title (KioskPage *self, const char *title)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  gtk_label_set_text (priv->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
kiosk_page_shown (KioskPage *self)
{
  g_return_if_fail (KIOSK_IS_PAGE (self));

  if (KIOSK_PAGE_GET_CLASS (self)->shown != NULL)
    KIOSK_PAGE_GET_CLASS (self)->shown (self);
}

void
kiosk_page_reset (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));

  /* a page fading out keeps its place until it is gone: a jump to its top
   * there would show as one */
  if (is_leaving (self))
    priv->top_when_gone = TRUE;
  else
    return_to_top (self);
  if (KIOSK_PAGE_GET_CLASS (self)->reset != NULL)
    KIOSK_PAGE_GET_CLASS (self)->reset (self);
}

/**
 * kiosk_page_card_read:
 * @card: a card read while the page shows
 *
 * Returns: whether the page takes cards (then it took this one)
 */
gboolean
kiosk_page_card_read (KioskPage *self, IdcardCard *card)
{
  g_return_val_if_fail (KIOSK_IS_PAGE (self), FALSE);
  g_return_val_if_fail (IDCARD_IS_CARD (card), FALSE);

  if (KIOSK_PAGE_GET_CLASS (self)->card_read == NULL)
    return FALSE;
  KIOSK_PAGE_GET_CLASS (self)->card_read (self, card);
  return TRUE;
}

/**
 * kiosk_page_navigate:
 * @target: the page to show next, e.g. %KIOSK_PAGE_ATTRACT
 * @first_property_name: (nullable): the first of @target's properties to
 *   set, then its value, other name/value pairs, and %NULL
 *
 * Asks the flow that holds this page to show @target, e.g.
 * kiosk_page_navigate (self, KIOSK_PAGE_PRINT, "form", form, NULL).
 */
void
kiosk_page_navigate (KioskPage *self, KioskPageId target, const char *first_property_name, ...)
{
  g_autoptr (KioskNavigation) navigation = NULL;
  va_list args;

  g_return_if_fail (KIOSK_IS_PAGE (self));

  va_start (args, first_property_name);
  navigation = kiosk_navigation_new_valist (target, first_property_name, args);
  va_end (args);
  g_signal_emit (self, signals[NAVIGATE], 0, navigation);
}

/**
 * kiosk_page_continue:
 * @otherwise: the page to show when the person was not headed anywhere
 *
 * For the sign-in pages: shows the page the person was headed for when the
 * flow sent them here to sign in, or @otherwise.
 */
void
kiosk_page_continue (KioskPage *self, KioskPageId otherwise)
{
  g_autoptr (KioskNavigation) navigation = NULL;

  g_return_if_fail (KIOSK_IS_PAGE (self));

  navigation = kiosk_navigation_new (otherwise, NULL);
  kiosk_navigation_set_resume (navigation, TRUE);
  g_signal_emit (self, signals[NAVIGATE], 0, navigation);
}

guint
kiosk_page_get_step (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), 0);
  return priv->step;
}

/**
 * kiosk_page_set_step:
 * @step: the step of the page's errand the step bar marks
 *
 * For a page that covers more than one step (the SMS page: identity, then
 * the codes).
 */
void
kiosk_page_set_step (KioskPage *self, guint step)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));

  if (priv->step == step)
    return;
  priv->step = step;
  update_frame (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

gboolean
kiosk_page_get_can_go_back (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), FALSE);
  return priv->can_go_back;
}

/**
 * kiosk_page_set_can_go_back:
 *
 * Shows or hides the frame's Back button, e.g. while a job runs that Back
 * would abandon.
 */
void
kiosk_page_set_can_go_back (KioskPage *self, gboolean can_go_back)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));

  if (priv->can_go_back == !!can_go_back)
    return;
  priv->can_go_back = !!can_go_back;
  update_frame (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

gboolean
kiosk_page_get_can_go_home (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), FALSE);
  return priv->can_go_home;
}

void
kiosk_page_set_can_go_home (KioskPage *self, gboolean can_go_home)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));

  if (priv->can_go_home == !!can_go_home)
    return;
  priv->can_go_home = !!can_go_home;
  update_frame (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_HOME]);
}

/**
 * kiosk_page_set_header_visible:
 *
 * The welcome page draws a header of its own (the window's name, the
 * clock): it hides the frame's.
 */
void
kiosk_page_set_header_visible (KioskPage *self, gboolean visible)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));
  gtk_widget_set_visible (priv->header, visible);
}

/**
 * kiosk_page_set_sync_line_visible:
 *
 * Shows or hides the footer's sync line. A page that tells the person the
 * registry cannot be reached hides it: "all filings are with the registry"
 * beside that reads as a contradiction, whatever each means on its own.
 */
void
kiosk_page_set_sync_line_visible (KioskPage *self, gboolean visible)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));
  gtk_widget_set_visible (priv->sync_line, visible);
}

gboolean
kiosk_page_get_sync_line_visible (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), FALSE);
  return gtk_widget_get_visible (priv->sync_line);
}

guint
kiosk_page_get_idle_limit (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), 0);
  return priv->idle_limit;
}

void
kiosk_page_set_idle_limit (KioskPage *self, guint seconds)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));

  if (priv->idle_limit == seconds)
    return;
  priv->idle_limit = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_LIMIT]);
}

const char *
kiosk_page_get_idle_note (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), NULL);
  return priv->idle_note;
}

void
kiosk_page_set_idle_note (KioskPage *self, const char *note)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));

  if (g_strcmp0 (priv->idle_note, note) == 0)
    return;
  g_free (priv->idle_note);
  priv->idle_note = g_strdup (note);
  update_frame (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_NOTE]);
}

/**
 * kiosk_page_set_seconds_left:
 * @seconds: seconds before the kiosk resets, 0 when it will not
 *
 * For the window, which knows the idle time; the header shows it.
 */
void
kiosk_page_set_seconds_left (KioskPage *self, guint seconds)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));

  if (priv->seconds_left == seconds)
    return;
  priv->seconds_left = seconds;
  update_frame (self);
}

/**
 * kiosk_page_get_primary:
 *
 * Returns: (transfer none): the footer's box that holds the page's primary
 *   action (the template's <child type="primary">)
 */
GtkWidget *
kiosk_page_get_primary (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), NULL);
  return priv->primary_box;
}

GtkWidget *
kiosk_page_get_back_button (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), NULL);
  return priv->back_button;
}

GtkWidget *
kiosk_page_get_home_button (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), NULL);
  return priv->home_button;
}

GtkWidget *
kiosk_page_get_header (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), NULL);
  return priv->header;
}

typedef struct
{
  GWeakRef page;
  GWeakRef widget;
  gulong handler;
  guint frames;
} ScrollRequest;

static void
scroll_request_free (gpointer data, GClosure *closure)
{
  ScrollRequest *request = data;

  g_weak_ref_clear (&request->page);
  g_weak_ref_clear (&request->widget);
  g_free (request);
}

/* after a frame's layout: the widget shown a moment ago has its place */
static void
scroll_into_view_cb (GdkFrameClock *clock, ScrollRequest *request)
{
  g_autoptr (KioskPage) self = g_weak_ref_get (&request->page);
  g_autoptr (GtkWidget) widget = g_weak_ref_get (&request->widget);
  KioskPagePrivate *priv;
  graphene_rect_t bounds;

  request->frames++;
  if (self == NULL || widget == NULL || request->frames > 3)
    goto done;
  if (!gtk_widget_get_mapped (widget))
    return;
  priv = kiosk_page_get_instance_private (self);
  /* where it is in the part of the middle on show; the content may have
   * margins the adjustment counts, so place it by what is seen */
  if (gtk_widget_compute_bounds (widget, priv->middle, &bounds))
    {
      GtkAdjustment *adjustment =
          gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (priv->middle));
      double value = gtk_adjustment_get_value (adjustment);
      double shown = gtk_adjustment_get_page_size (adjustment);

      if (bounds.origin.y + bounds.size.height > shown)
        value += bounds.origin.y + bounds.size.height - shown;
      if (bounds.origin.y < 0)
        value += bounds.origin.y;
      /* nor is a button left cut in half at the view's top: the view goes
       * on past it where the widget stays whole and the page goes on */
      {
        GtkWidget *content = middle_content (priv);
        double before = gtk_adjustment_get_value (adjustment);
        double limit =
            MIN (bounds.origin.y + before, gtk_adjustment_get_upper (adjustment) - shown);
        float top, bottom;

        while (content != NULL)
          {
            top = bottom = value;
            kiosk_fold_controls_across (content, priv->middle, before, value, &top, &bottom);
            if (bottom <= value || bottom > limit)
              break;
            value = bottom;
          }
      }
      gtk_adjustment_set_value (adjustment, value);
    }

done:
  g_signal_handler_disconnect (clock, request->handler);
}

/**
 * kiosk_page_scroll_into_view:
 * @widget: a widget in the page's middle
 *
 * Scrolls the page's middle, where it is taller than the screen, so that
 * @widget shows whole once it is laid out: a message and its way forward
 * that appear below the fold are seen without a person having to know
 * there is more.
 */
void
kiosk_page_scroll_into_view (KioskPage *self, GtkWidget *widget)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);
  GdkFrameClock *clock;
  ScrollRequest *request;

  g_return_if_fail (KIOSK_IS_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return; /* not on show: nothing to scroll */
  if (!gtk_widget_is_ancestor (widget, priv->middle))
    return; /* over the page, not in what scrolls */
  request = g_new0 (ScrollRequest, 1);
  g_weak_ref_init (&request->page, self);
  g_weak_ref_init (&request->widget, widget);
  request->handler = g_signal_connect_data (clock, "after-paint", G_CALLBACK (scroll_into_view_cb),
                                            request, scroll_request_free, 0);
  gtk_widget_queue_resize (widget);
}

GtkWidget *
kiosk_page_get_footer (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), NULL);
  return priv->footer;
}

GtkLabel *
kiosk_page_get_time_label (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), NULL);
  return priv->time_label;
}

/**
 * kiosk_page_go_back:
 *
 * What the frame's Back button does: the page's go_back vfunc.
 */
void
kiosk_page_go_back (KioskPage *self)
{
  g_return_if_fail (KIOSK_IS_PAGE (self));

  if (KIOSK_PAGE_GET_CLASS (self)->go_back != NULL)
    KIOSK_PAGE_GET_CLASS (self)->go_back (self);
}

/**
 * kiosk_page_go_home:
 *
 * What the frame's Home button does: the page table's home column.
 */
void
kiosk_page_go_home (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);
  const KioskPageRow *row;

  g_return_if_fail (KIOSK_IS_PAGE (self));

  row = kiosk_page_table_lookup (priv->id);
  if (row->home != KIOSK_PAGE_NONE)
    kiosk_page_navigate (self, row->home, NULL);
}
