/* kiosk-page.c: base class of every page of the kiosk flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page does not know the other pages: it asks the flow to go somewhere with
 * kiosk_page_navigate(), and the flow calls apply() first when the page is left
 * going forward, the way gnome-initial-setup's driver only advances when a
 * page applies.
 */

#include "config.h"

#include "kiosk-page.h"

typedef struct
{
  KioskServices *services;
  KioskVisit *visit;
  char *title;
} KioskPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KioskPage, kiosk_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SERVICES,
  PROP_VISIT,
  PROP_TITLE,
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
      case PROP_TITLE:
        g_value_set_string (value, kiosk_page_get_title (self));
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
      case PROP_TITLE:
        kiosk_page_set_title (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
kiosk_page_real_apply (KioskPage *self)
{
  return TRUE;
}

static void
kiosk_page_constructed (GObject *object)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (KIOSK_PAGE (object));

  /* a page built on its own (a test) works with nothing but the defaults */
  if (priv->services == NULL)
    priv->services = g_object_new (KIOSK_TYPE_SERVICES, NULL);
  if (priv->visit == NULL)
    priv->visit = kiosk_visit_new (kiosk_services_get_registry (priv->services));

  G_OBJECT_CLASS (kiosk_page_parent_class)->constructed (object);
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

  klass->apply = kiosk_page_real_apply;

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
  properties[PROP_TITLE] =
      g_param_spec_string ("title", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskPage::navigate:
   * @target: the name of the page to show next
   *
   * The page asks the flow to show another page.
   */
  signals[NAVIGATE] = g_signal_new ("navigate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_page_init (KioskPage *self)
{
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

gboolean
kiosk_page_apply (KioskPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PAGE (self), FALSE);

  return KIOSK_PAGE_GET_CLASS (self)->apply (self);
}

void
kiosk_page_reset (KioskPage *self)
{
  g_return_if_fail (KIOSK_IS_PAGE (self));

  if (KIOSK_PAGE_GET_CLASS (self)->reset != NULL)
    KIOSK_PAGE_GET_CLASS (self)->reset (self);
}

/**
 * kiosk_page_navigate:
 * @target: the page to show next, e.g. "attract"
 *
 * Asks the flow that holds this page to show @target.
 */
void
kiosk_page_navigate (KioskPage *self, const char *target)
{
  g_return_if_fail (KIOSK_IS_PAGE (self));
  g_return_if_fail (target != NULL);

  g_signal_emit (self, signals[NAVIGATE], 0, target);
}
