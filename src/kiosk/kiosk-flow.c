/* kiosk-flow.c: owns the pages and moves between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages are kept in the order they were added; the first is the home page
 * (the attract page). Going to a later page asks the current page to apply
 * first; going back, or a reset, never does.
 *
 * A page added with KIOSK_FLOW_PAGE_NEEDS_STAFF shows only while a staff
 * account is signed in, however it is asked for: kiosk_flow_go_to() shows
 * the sign-in page instead, and a stack switched by other means switches
 * back. Signing out leaves such a page for home.
 *
 * Whenever home shows again (a reset, a sign-out, the end of a visit) the
 * clipboard and the primary selection are emptied.
 */

#include "config.h"

#include "kiosk-flow.h"
#include "kiosk-lockdown.h"

#define TRANSITION_MS 200

struct _KioskFlow
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GPtrArray *pages; /* KioskPage, in flow order; owned by the stack */

  KioskStaffAuth *auth;
  gulong auth_handler;
  char *sign_in_page;
};

G_DEFINE_FINAL_TYPE (KioskFlow, kiosk_flow, GTK_TYPE_WIDGET)

static GQuark
page_flags_quark (void)
{
  return g_quark_from_static_string ("kiosk-flow-page-flags");
}

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

  if (self->auth != NULL)
    g_clear_signal_handler (&self->auth_handler, self->auth);
  g_clear_object (&self->auth);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_FLOW);

  G_OBJECT_CLASS (kiosk_flow_parent_class)->dispose (object);
}

static void
kiosk_flow_finalize (GObject *object)
{
  KioskFlow *self = KIOSK_FLOW (object);

  g_free (self->sign_in_page);

  G_OBJECT_CLASS (kiosk_flow_parent_class)->finalize (object);
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

/* Whether @page may show now: a staff page only while staff are signed in. */
static gboolean
may_show (KioskFlow *self, KioskPage *page)
{
  KioskFlowPageFlags flags =
      GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (page), page_flags_quark ()));

  if ((flags & KIOSK_FLOW_PAGE_NEEDS_STAFF) == 0)
    return TRUE;
  return self->auth != NULL && kiosk_staff_auth_get_user (self->auth) != NULL;
}

static KioskPage *
home_page (KioskFlow *self)
{
  return self->pages != NULL && self->pages->len > 0 ? g_ptr_array_index (self->pages, 0) : NULL;
}

static void
visible_child_changed_cb (KioskFlow *self, GParamSpec *pspec, GtkStack *stack)
{
  KioskPage *page = kiosk_flow_get_visible_page (self);

  if (self->pages == NULL)
    return; /* disposing */
  if (page != NULL && !may_show (self, page))
    {
      /* switched some other way than kiosk_flow_go_to(): not without staff either */
      KioskPage *instead = self->sign_in_page != NULL
                               ? kiosk_flow_get_page (self, self->sign_in_page)
                               : home_page (self);

      g_message ("a staff page was shown without a staff sign-in; leaving it");
      if (instead != NULL && instead != page)
        gtk_stack_set_visible_child (self->stack, GTK_WIDGET (instead));
      return;
    }
  /* back home, a visit is over: nothing selected or copied in it stays */
  if (page != NULL && page == home_page (self))
    kiosk_lockdown_clear_clipboards (gtk_widget_get_display (GTK_WIDGET (self)));
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
  object_class->finalize = kiosk_flow_finalize;
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
  kiosk_flow_add_page_full (self, name, page, KIOSK_FLOW_PAGE_DEFAULT);
}

/**
 * kiosk_flow_add_page_full:
 * @name: the name other pages navigate to
 * @page: (transfer floating): the page
 * @flags: when the page may show
 *
 * Adds @page after the pages already added. The first page added is home.
 */
void
kiosk_flow_add_page_full (KioskFlow *self,
                          const char *name,
                          KioskPage *page,
                          KioskFlowPageFlags flags)
{
  g_return_if_fail (KIOSK_IS_FLOW (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (KIOSK_IS_PAGE (page));
  g_return_if_fail (gtk_stack_get_child_by_name (self->stack, name) == NULL);

  g_object_set_qdata (G_OBJECT (page), page_flags_quark (), GUINT_TO_POINTER (flags));
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

  if (!may_show (self, target))
    {
      g_message ("the %s page needs a staff sign-in", name);
      if (self->sign_in_page != NULL && g_strcmp0 (self->sign_in_page, name) != 0)
        kiosk_flow_go_to (self, self->sign_in_page);
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

static void
staff_user_changed_cb (KioskFlow *self)
{
  KioskPage *page = kiosk_flow_get_visible_page (self);

  if (kiosk_staff_auth_get_user (self->auth) != NULL)
    return;
  /* signed out: no staff page stays (and home empties the clipboards) */
  if (page != NULL && !may_show (self, page) && home_page (self) != NULL)
    gtk_stack_set_visible_child (self->stack, GTK_WIDGET (home_page (self)));
}

/**
 * kiosk_flow_set_staff_auth:
 * @auth: (nullable): staff sign-in; without it no staff page shows
 * @sign_in_page: (nullable): the page shown instead of a staff page
 *
 * Whose sign-in opens the pages added with %KIOSK_FLOW_PAGE_NEEDS_STAFF.
 */
void
kiosk_flow_set_staff_auth (KioskFlow *self, KioskStaffAuth *auth, const char *sign_in_page)
{
  g_return_if_fail (KIOSK_IS_FLOW (self));
  g_return_if_fail (auth == NULL || KIOSK_IS_STAFF_AUTH (auth));

  if (self->auth != NULL)
    g_clear_signal_handler (&self->auth_handler, self->auth);
  g_set_object (&self->auth, auth);
  g_free (self->sign_in_page);
  self->sign_in_page = g_strdup (sign_in_page);
  if (auth != NULL)
    self->auth_handler =
        g_signal_connect_swapped (auth, "notify::user", G_CALLBACK (staff_user_changed_cb), self);
}
