/* kiosk-accessibility.c: what assistive technology is told of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 lists in the accessibility tree every child of a GtkStack, the
 * ones not on show with the one that is, and marks no widget as showing. A
 * screen reader would read a page left long ago, or a keyboard layer or a
 * question that is not on the screen, and a script pressing a button by its
 * name could press one that nobody can see.
 *
 * So every stack the process realizes, whoever built it, tells assistive
 * technology only of its visible child: the others are marked
 * GTK_ACCESSIBLE_STATE_HIDDEN, and the marks follow the visible child and
 * the children added later. Only a stack's own children are governed, and
 * only by whether they are on show: a widget inside one that its page hides
 * from assistive technology on purpose keeps its mark.
 */

#include "config.h"

#include "kiosk-accessibility.h"

struct _KioskAccessibility
{
  GObject parent_instance;

  guint realize_signal;
  gulong realize_hook;
};

G_DEFINE_FINAL_TYPE (KioskAccessibility, kiosk_accessibility, G_TYPE_OBJECT)

static GQuark
stack_pages_quark (void)
{
  return g_quark_from_static_string ("kiosk-accessibility-stack-pages");
}

static void
present_visible_child (GtkStack *stack)
{
  GtkWidget *visible = gtk_stack_get_visible_child (stack);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN,
                                 child != visible, -1);
}

static void
pages_changed_cb (GListModel *pages, guint position, guint removed, guint added, GtkStack *stack)
{
  /* a child added later, which is not on show until the stack shows it */
  if (added > 0)
    present_visible_child (stack);
}

/**
 * kiosk_accessibility_present_visible_child_only:
 *
 * Tells assistive technology of @stack's visible child only, now and
 * whichever child it shows next. Calling it again marks the children now,
 * for a handler of "notify::visible-child" that runs before the marks
 * would follow.
 */
void
kiosk_accessibility_present_visible_child_only (GtkStack *stack)
{
  GtkSelectionModel *pages;

  g_return_if_fail (GTK_IS_STACK (stack));

  if (g_object_get_qdata (G_OBJECT (stack), stack_pages_quark ()) != NULL)
    {
      present_visible_child (stack);
      return;
    }
  /* the stack keeps its list of pages, and says when a page comes, only
   * while someone holds it: the stack holds it here for its life */
  pages = gtk_stack_get_pages (stack);
  g_object_set_qdata_full (G_OBJECT (stack), stack_pages_quark (), pages, g_object_unref);
  g_signal_connect_object (pages, "items-changed", G_CALLBACK (pages_changed_cb), stack, 0);
  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (present_visible_child), NULL);
  present_visible_child (stack);
}

/* Called for every widget of the process as it is realized, before it can
 * be shown; a stack's children not on show may never be realized. */
static gboolean
widget_realized_cb (GSignalInvocationHint *hint,
                    guint n_values,
                    const GValue *values,
                    gpointer user_data)
{
  GObject *widget = g_value_get_object (&values[0]);

  if (GTK_IS_STACK (widget))
    kiosk_accessibility_present_visible_child_only (GTK_STACK (widget));
  return TRUE;
}

static void
kiosk_accessibility_dispose (GObject *object)
{
  KioskAccessibility *self = KIOSK_ACCESSIBILITY (object);

  if (self->realize_hook != 0)
    g_signal_remove_emission_hook (self->realize_signal, self->realize_hook);
  self->realize_hook = 0;

  G_OBJECT_CLASS (kiosk_accessibility_parent_class)->dispose (object);
}

static void
kiosk_accessibility_class_init (KioskAccessibilityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_accessibility_dispose;
}

static void
kiosk_accessibility_init (KioskAccessibility *self)
{
}

/**
 * kiosk_accessibility_new:
 *
 * Has every stack that the process realizes from now on, until the
 * returned object is disposed, tell assistive technology of its visible
 * child only. Call once, after GTK has started and before the first window
 * is shown.
 */
KioskAccessibility *
kiosk_accessibility_new (void)
{
  g_autoptr (GTypeClass) widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
  KioskAccessibility *self = g_object_new (KIOSK_TYPE_ACCESSIBILITY, NULL);

  /* the class made, and its signals with it, before any widget is */
  self->realize_signal = g_signal_lookup ("realize", G_TYPE_FROM_CLASS (widget_class));
  self->realize_hook =
      g_signal_add_emission_hook (self->realize_signal, 0, widget_realized_cb, self, NULL);
  return self;
}
