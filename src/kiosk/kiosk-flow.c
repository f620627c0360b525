/* kiosk-flow.c: owns the pages and moves between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages are kept in the order they were added; the first is the home page
 * (the attract page). Going to a later page asks the current page to apply
 * first; going back, or a reset, never does.
 */

#include "config.h"

#include "kiosk-flow.h"

#define TRANSITION_MS 200

struct _KioskFlow
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GPtrArray *pages; /* KioskPage, in flow order; owned by the stack */
};

G_DEFINE_FINAL_TYPE (KioskFlow, kiosk_flow, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_VISIBLE_PAGE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kiosk_flow_dispose (GObject *object)
{
  KioskFlow *self = KIOSK_FLOW (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_FLOW);

  G_OBJECT_CLASS (kiosk_flow_parent_class)->dispose (object);
}

static void
kiosk_flow_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskFlow *self = KIOSK_FLOW (object);

  switch (prop_id)
    {
      case PROP_VISIBLE_PAGE_NAME:
        g_value_set_string (value, kiosk_flow_get_visible_page_name (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
visible_child_changed_cb (KioskFlow *self, GParamSpec *pspec, GtkStack *stack)
{
  KioskPage *page = kiosk_flow_get_visible_page (self);

  if (page != NULL)
    kiosk_page_shown (page);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PAGE_NAME]);
}

static void
kiosk_flow_class_init (KioskFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_flow_dispose;
  object_class->get_property = kiosk_flow_get_property;

  properties[PROP_VISIBLE_PAGE_NAME] = g_param_spec_string (
      "visible-page-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/practitioner/Kiosk/ui/kiosk-flow.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskFlow, stack);
  gtk_widget_class_bind_template_callback (widget_class, visible_child_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskflow");
}

static void
kiosk_flow_init (KioskFlow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pages = g_ptr_array_new ();
  gtk_stack_set_transition_duration (self->stack, TRANSITION_MS);
}

KioskFlow *
kiosk_flow_new (void)
{
  return g_object_new (KIOSK_TYPE_FLOW, NULL);
}

static int
page_index (KioskFlow *self, KioskPage *page)
{
  guint index;

  if (page != NULL && g_ptr_array_find (self->pages, page, &index))
    return (int) index;
  return -1;
}

static void
page_navigate_cb (KioskPage *page, const char *target, KioskFlow *self)
{
  kiosk_flow_go_to (self, target);
}

/**
 * kiosk_flow_add_page:
 * @name: the name other pages navigate to
 * @page: (transfer floating): the page
 *
 * Adds @page after the pages already added. The first page added is home.
 */
void
kiosk_flow_add_page (KioskFlow *self, const char *name, KioskPage *page)
{
  g_return_if_fail (KIOSK_IS_FLOW (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (KIOSK_IS_PAGE (page));
  g_return_if_fail (gtk_stack_get_child_by_name (self->stack, name) == NULL);

  gtk_stack_add_named (self->stack, GTK_WIDGET (page), name);
  g_ptr_array_add (self->pages, page);
  g_signal_connect_object (page, "navigate", G_CALLBACK (page_navigate_cb), self, 0);
}

KioskPage *
kiosk_flow_get_page (KioskFlow *self, const char *name)
{
  g_return_val_if_fail (KIOSK_IS_FLOW (self), NULL);

  return KIOSK_PAGE (gtk_stack_get_child_by_name (self->stack, name));
}

KioskPage *
kiosk_flow_get_visible_page (KioskFlow *self)
{
  GtkWidget *child;

  g_return_val_if_fail (KIOSK_IS_FLOW (self), NULL);

  child = gtk_stack_get_visible_child (self->stack);
  return child != NULL ? KIOSK_PAGE (child) : NULL;
}

const char *
kiosk_flow_get_visible_page_name (KioskFlow *self)
{
  g_return_val_if_fail (KIOSK_IS_FLOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * kiosk_flow_go_to:
 * @name: the page to show
 *
 * Shows @name. Moving forward asks the current page to apply first.
 *
 * Returns: %TRUE if @name is now the visible page
 */
gboolean
kiosk_flow_go_to (KioskFlow *self, const char *name)
{
  KioskPage *current;
  KioskPage *target;

  g_return_val_if_fail (KIOSK_IS_FLOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  target = kiosk_flow_get_page (self, name);
  if (target == NULL)
    {
      g_critical ("the flow has no page called %s", name);
      return FALSE;
    }

  current = kiosk_flow_get_visible_page (self);
  if (current == target)
    return TRUE;
  if (page_index (self, target) > page_index (self, current) && !kiosk_page_apply (current))
    return FALSE;

  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (target));
  return TRUE;
}

/**
 * kiosk_flow_reset:
 *
 * Resets every page, then shows the home page: nothing a person typed or was
 * shown survives.
 */
void
kiosk_flow_reset (KioskFlow *self)
{
  g_return_if_fail (KIOSK_IS_FLOW (self));

  for (guint i = 0; i < self->pages->len; i++)
    kiosk_page_reset (g_ptr_array_index (self->pages, i));

  if (self->pages->len > 0)
    gtk_stack_set_visible_child (self->stack, g_ptr_array_index (self->pages, 0));
}
