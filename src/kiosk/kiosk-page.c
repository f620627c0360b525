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
 */

#include "config.h"

#include "kiosk-enums.h"
#include "kiosk-page.h"

typedef struct
{
  KioskServices *services;
  KioskVisit *visit;
  KioskPageId id;
  char *title;
  gboolean offline;
} KioskPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KioskPage, kiosk_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SERVICES,
  PROP_VISIT,
  PROP_ID,
  PROP_TITLE,
  PROP_OFFLINE,
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
      case PROP_ID:
        g_value_set_enum (value, kiosk_page_get_id (self));
        break;
      case PROP_TITLE:
        g_value_set_string (value, kiosk_page_get_title (self));
        break;
      case PROP_OFFLINE:
        g_value_set_boolean (value, kiosk_page_get_offline (self));
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
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  g_return_if_fail (KIOSK_IS_PAGE (self));

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
