/* kiosk-flow.c: builds the pages from the page table and moves between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page is a row of the page table; the flow builds each page from its
 * row when it is first needed (home at once, any other page when it is first
 * navigated to or asked for with kiosk_flow_get_page()), handing it the
 * services, the visit and its id, and keeps it in a stack until the flow
 * goes. Navigation goes through the flow, which enforces the row's flags in
 * one place:
 *
 * - a page that needs staff shows only while a staff account is signed in,
 *   and one that needs a session only while a practitioner is logged in,
 *   however it is asked for: the flow shows staff sign-in (or login) instead
 *   and remembers where the person was headed, which the sign-in page goes
 *   on to with kiosk_page_continue(); a stack switched by other means is
 *   switched back; signing out (or logging out) leaves such a page for home;
 * - a page that does not work offline is told, before it shows, whether the
 *   kiosk has a registry to work with (KioskPage:offline);
 * - only the page on show is told to assistive technology.
 *
 * Whenever home (the welcome page) shows again, the visit is over: it is
 * reset, and the clipboard and the primary selection are emptied.
 */

#include "config.h"

#include <malloc.h>

#include "kiosk-accessibility.h"
#include "kiosk-enums.h"
#include "kiosk-flow.h"
#include "kiosk-lockdown.h"

#define TRANSITION_MS 200
#define HOME KIOSK_PAGE_ATTRACT

struct _KioskFlow
{
  GtkWidget parent_instance;

  GtkStack *stack;
  KioskPage *pages[KIOSK_N_PAGES]; /* built on first use; owned by the stack */

  KioskServices *services;
  KioskVisit *visit;
  KioskNavigation *pending; /* where the person was headed when sent to sign in */
};

G_DEFINE_FINAL_TYPE (KioskFlow, kiosk_flow, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SERVICES,
  PROP_VISIT,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static KioskPage *ensure_page (KioskFlow *self, KioskPageId id);

static KioskStaffAuth *
staff_auth (KioskFlow *self)
{
  return self->services != NULL ? kiosk_services_get_staff_auth (self->services) : NULL;
}

/* Whether @id may show now; if not, which sign-in page comes first. */
static gboolean
may_show (KioskFlow *self, KioskPageId id, KioskPageId *out_gate)
{
  KioskPageFlags flags = kiosk_page_table_lookup (id)->flags;

  if ((flags & KIOSK_PAGE_NEEDS_STAFF) != 0 &&
      (staff_auth (self) == NULL || kiosk_staff_auth_get_user (staff_auth (self)) == NULL))
    {
      if (out_gate != NULL)
        *out_gate = KIOSK_PAGE_STAFF_LOGIN;
      return FALSE;
    }
  if ((flags & KIOSK_PAGE_NEEDS_SESSION) != 0 && !kiosk_visit_get_logged_in (self->visit))
    {
      if (out_gate != NULL)
        *out_gate = KIOSK_PAGE_LOGIN;
      return FALSE;
    }
  return TRUE;
}

static void
show_home (KioskFlow *self)
{
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (ensure_page (self, HOME)));
}

static void
trim_heap_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  malloc_trim (0);
  g_task_return_boolean (task, TRUE);
}

/* What a visit freed (a printed form's pages, previews, a captcha) goes
 * back to the system rather than staying in the allocator until the next
 * peak; the walk over the heap is done on a worker, off the main loop. */
static void
release_free_memory (void)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_name (task, "release free memory");
  g_task_run_in_thread (task, trim_heap_thread);
}

/* A visit is over: every page forgets it (also pages no reset would show
 * again, which assistive technology can still read), then the visit itself,
 * and nothing stays selected or copied. */
static void
end_visit (KioskFlow *self)
{
  for (guint i = 0; i < KIOSK_N_PAGES; i++)
    if (self->pages[i] != NULL)
      kiosk_page_reset (self->pages[i]);
  kiosk_visit_reset (self->visit);
  kiosk_lockdown_clear_clipboards (gtk_widget_get_display (GTK_WIDGET (self)));
  release_free_memory ();
}

static void
visible_child_changed_cb (KioskFlow *self)
{
  KioskPage *page = kiosk_flow_get_visible_page (self);
  KioskPageId id;
  KioskPageId gate;

  if (page == NULL || self->visit == NULL)
    return; /* being built, or disposed */
  /* the page on show is told of before it is shown, the others no more */
  kiosk_accessibility_present_visible_child_only (self->stack);
  id = kiosk_page_get_id (page);
  if (!may_show (self, id, &gate))
    {
      /* switched some other way than through the flow: not without signing in either */
      g_message ("the %s page was shown without its sign-in; leaving it",
                 kiosk_page_id_to_string (id));
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (ensure_page (self, gate)));
      return;
    }
  /* back home, however (a logout, 首页, a finished filing), a visit is over */
  if (id == HOME)
    end_visit (self);
  kiosk_page_set_offline (page,
                          (kiosk_page_table_lookup (id)->flags & KIOSK_PAGE_WORKS_OFFLINE) == 0 &&
                              kiosk_services_get_registry (self->services) == NULL);
  kiosk_page_shown (page);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PAGE]);
}

/* Signed out, or logged out: no page that needed it stays (and home empties
 * the clipboards). */
static void
gate_closed_cb (KioskFlow *self)
{
  KioskPage *page = kiosk_flow_get_visible_page (self);

  if (page != NULL && !may_show (self, kiosk_page_get_id (page), NULL))
    show_home (self);
}

static void
page_navigate_cb (KioskPage *page, KioskNavigation *navigation, KioskFlow *self)
{
  kiosk_flow_navigate (self, navigation);
}

static KioskPage *
ensure_page (KioskFlow *self, KioskPageId id)
{
  const KioskPageRow *row = kiosk_page_table_lookup (id);
  KioskPage *page;

  if (self->pages[id] != NULL)
    return self->pages[id];

  page = g_object_new (row->get_type (), "services", self->services, "visit", self->visit, "id", id,
                       NULL);
  self->pages[id] = page;
  gtk_stack_add_named (self->stack, GTK_WIDGET (page), kiosk_page_id_to_string (id));
  g_signal_connect_object (page, "navigate", G_CALLBACK (page_navigate_cb), self, 0);
  return page;
}

static void
kiosk_flow_constructed (GObject *object)
{
  KioskFlow *self = KIOSK_FLOW (object);

  G_OBJECT_CLASS (kiosk_flow_parent_class)->constructed (object);

  if (self->services == NULL)
    self->services = g_object_new (KIOSK_TYPE_SERVICES, NULL);
  if (self->visit == NULL)
    self->visit = kiosk_visit_new (kiosk_services_get_registry (self->services));
  if (staff_auth (self) != NULL)
    g_signal_connect_object (staff_auth (self), "notify::user", G_CALLBACK (gate_closed_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->visit, "notify::logged-in", G_CALLBACK (gate_closed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The stack keeps every page built, and assistive technology is told of
   * the one on show only (whether or not the process has every stack do
   * so): pages left long ago are not read with it. */
  kiosk_accessibility_present_visible_child_only (self->stack);
  /* Only home; each other page is built when it is first shown (or asked
   * for). GTK 4.8 puts a page added to the stack later on the accessibility
   * bus like the first ones: a screen reader connected before finds it. */
  show_home (self);
}

static void
kiosk_flow_dispose (GObject *object)
{
  KioskFlow *self = KIOSK_FLOW (object);

  g_clear_pointer (&self->pending, kiosk_navigation_free);
  memset (self->pages, 0, sizeof self->pages);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_FLOW);
  g_clear_object (&self->visit);
  g_clear_object (&self->services);

  G_OBJECT_CLASS (kiosk_flow_parent_class)->dispose (object);
}

static void
kiosk_flow_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskFlow *self = KIOSK_FLOW (object);

  switch (prop_id)
    {
      case PROP_SERVICES:
        g_value_set_object (value, self->services);
        break;
      case PROP_VISIT:
        g_value_set_object (value, self->visit);
        break;
      case PROP_VISIBLE_PAGE:
        g_value_set_enum (value, kiosk_flow_get_visible_page_id (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_flow_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KioskFlow *self = KIOSK_FLOW (object);

  switch (prop_id)
    {
      case PROP_SERVICES:
        self->services = g_value_dup_object (value);
        break;
      case PROP_VISIT:
        self->visit = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_flow_class_init (KioskFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiosk_flow_constructed;
  object_class->dispose = kiosk_flow_dispose;
  object_class->get_property = kiosk_flow_get_property;
  object_class->set_property = kiosk_flow_set_property;

  properties[PROP_SERVICES] =
      g_param_spec_object ("services", NULL, NULL, KIOSK_TYPE_SERVICES,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                               G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VISIT] =
      g_param_spec_object ("visit", NULL, NULL, KIOSK_TYPE_VISIT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                               G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VISIBLE_PAGE] =
      g_param_spec_enum ("visible-page", NULL, NULL, KIOSK_TYPE_PAGE_ID, HOME,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
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
  gtk_stack_set_transition_duration (self->stack, TRANSITION_MS);
}

/**
 * kiosk_flow_new:
 * @services: what the pages work with
 * @visit: the visit the pages share
 */
KioskFlow *
kiosk_flow_new (KioskServices *services, KioskVisit *visit)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);
  g_return_val_if_fail (KIOSK_IS_VISIT (visit), NULL);

  return g_object_new (KIOSK_TYPE_FLOW, "services", services, "visit", visit, NULL);
}

/**
 * kiosk_flow_get_page:
 *
 * Returns: (transfer none): the page @id, built now if it was not yet
 */
KioskPage *
kiosk_flow_get_page (KioskFlow *self, KioskPageId id)
{
  g_return_val_if_fail (KIOSK_IS_FLOW (self), NULL);
  g_return_val_if_fail ((guint) id < KIOSK_N_PAGES, NULL);

  return ensure_page (self, id);
}

KioskPage *
kiosk_flow_get_visible_page (KioskFlow *self)
{
  GtkWidget *child;

  g_return_val_if_fail (KIOSK_IS_FLOW (self), NULL);

  child = gtk_stack_get_visible_child (self->stack);
  return child != NULL ? KIOSK_PAGE (child) : NULL;
}

KioskPageId
kiosk_flow_get_visible_page_id (KioskFlow *self)
{
  KioskPage *page = kiosk_flow_get_visible_page (self);

  return page != NULL ? kiosk_page_get_id (page) : HOME;
}

/**
 * kiosk_flow_navigate:
 * @navigation: where to go, with the target's arguments
 *
 * Shows the target with its arguments set, unless it needs a sign-in first:
 * then the sign-in page shows and the navigation waits for
 * kiosk_page_continue().
 *
 * Returns: %TRUE if the target is now the visible page
 */
gboolean
kiosk_flow_navigate (KioskFlow *self, const KioskNavigation *navigation)
{
  g_autoptr (KioskNavigation) resumed = NULL;
  KioskPageId target;
  KioskPageId gate;
  KioskPage *page;

  g_return_val_if_fail (KIOSK_IS_FLOW (self), FALSE);
  g_return_val_if_fail (navigation != NULL, FALSE);

  if (kiosk_navigation_get_resume (navigation) && self->pending != NULL)
    navigation = resumed = g_steal_pointer (&self->pending);
  target = kiosk_navigation_get_target (navigation);

  if (!may_show (self, target, &gate))
    {
      g_message ("the %s page needs a sign-in first", kiosk_page_id_to_string (target));
      g_clear_pointer (&self->pending, kiosk_navigation_free);
      self->pending = kiosk_navigation_copy (navigation);
      kiosk_navigation_set_resume (self->pending, FALSE);
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (ensure_page (self, gate)));
      return FALSE;
    }
  /* gone somewhere else than to sign in: the person is not headed there any more */
  if (target != KIOSK_PAGE_STAFF_LOGIN && target != KIOSK_PAGE_LOGIN)
    g_clear_pointer (&self->pending, kiosk_navigation_free);

  page = ensure_page (self, target);
  kiosk_navigation_apply (navigation, G_OBJECT (page));
  if (kiosk_flow_get_visible_page (self) != page)
    gtk_stack_set_visible_child (self->stack, GTK_WIDGET (page));
  return kiosk_flow_get_visible_page (self) == page;
}

/**
 * kiosk_flow_go_to:
 * @id: the page to show
 * @first_property_name: (nullable): the first of @id's properties to set,
 *   then its value, other name/value pairs, and %NULL
 *
 * As kiosk_flow_navigate().
 *
 * Returns: %TRUE if @id is now the visible page
 */
gboolean
kiosk_flow_go_to (KioskFlow *self, KioskPageId id, const char *first_property_name, ...)
{
  g_autoptr (KioskNavigation) navigation = NULL;
  va_list args;

  g_return_val_if_fail (KIOSK_IS_FLOW (self), FALSE);

  va_start (args, first_property_name);
  navigation = kiosk_navigation_new_valist (id, first_property_name, args);
  va_end (args);
  return kiosk_flow_navigate (self, navigation);
}

/**
 * kiosk_flow_reset:
 *
 * Shows the home page, which ends the visit: every page is reset, so nothing
 * a person typed or was shown survives.
 */
void
kiosk_flow_reset (KioskFlow *self)
{
  g_return_if_fail (KIOSK_IS_FLOW (self));

  g_clear_pointer (&self->pending, kiosk_navigation_free);
  /* already home: the visit ends all the same */
  if (kiosk_flow_get_visible_page_id (self) == HOME)
    end_visit (self);
  else
    show_home (self);
}
