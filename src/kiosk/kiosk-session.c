/* kiosk-session.c: a practitioner's login at the kiosk, and the registry calls
 * made for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session token lives in this object's memory only: never in the store,
 * never in a log. Ending the session forgets it at once and tells the
 * registry in the background; the kiosk does not wait for that answer.
 * Calls made for the person go through the typed registry client with the
 * token (kiosk_session_get_token()).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-session.h"

struct _KioskSession
{
  GObject parent_instance;

  SyncRegistry *registry; /* nullable: the kiosk is not enrolled */
  char *token;
  JsonObject *person;
};

G_DEFINE_FINAL_TYPE (KioskSession, kiosk_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
forget_token (KioskSession *self)
{
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->person, json_object_unref);
}

static void
kiosk_session_finalize (GObject *object)
{
  KioskSession *self = KIOSK_SESSION (object);

  forget_token (self);
  g_clear_object (&self->registry);

  G_OBJECT_CLASS (kiosk_session_parent_class)->finalize (object);
}

static void
kiosk_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskSession *self = KIOSK_SESSION (object);

  switch (prop_id)
    {
      case PROP_ACTIVE:
        g_value_set_boolean (value, kiosk_session_get_active (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_session_class_init (KioskSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_session_finalize;
  object_class->get_property = kiosk_session_get_property;

  properties[PROP_ACTIVE] =
      g_param_spec_boolean ("active", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_session_init (KioskSession *self)
{
}

/**
 * kiosk_session_new:
 * @registry: (nullable): the registry, %NULL when the kiosk is not enrolled
 */
KioskSession *
kiosk_session_new (SyncRegistry *registry)
{
  KioskSession *self;

  g_return_val_if_fail (registry == NULL || SYNC_IS_REGISTRY (registry), NULL);

  self = g_object_new (KIOSK_TYPE_SESSION, NULL);
  self->registry = registry != NULL ? g_object_ref (registry) : NULL;
  return self;
}

/**
 * kiosk_session_get_registry:
 *
 * Returns: (transfer none) (nullable): the registry the calls for the person
 *   go to, %NULL when the kiosk is not enrolled
 */
SyncRegistry *
kiosk_session_get_registry (KioskSession *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION (self), NULL);
  return self->registry;
}

gboolean
kiosk_session_get_active (KioskSession *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION (self), FALSE);
  return self->token != NULL;
}

/**
 * kiosk_session_get_person:
 *
 * Returns: (transfer none) (nullable): the basic information the registry
 *   gave at login, %NULL when nobody is logged in
 */
JsonObject *
kiosk_session_get_person (KioskSession *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION (self), NULL);
  return self->person;
}

/**
 * kiosk_session_get_token:
 *
 * Returns: (nullable): the session token, for calls made for the person
 */
const char *
kiosk_session_get_token (KioskSession *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION (self), NULL);
  return self->token;
}

/**
 * kiosk_session_begin:
 * @token: the session token the registry gave
 * @person: the person's basic information
 *
 * Replaces any session there was (without logging that one out).
 */
void
kiosk_session_begin (KioskSession *self, const char *token, JsonObject *person)
{
  g_return_if_fail (KIOSK_IS_SESSION (self));
  g_return_if_fail (token != NULL && person != NULL);

  forget_token (self);
  self->token = g_strdup (token);
  self->person = json_object_ref (person);
  g_debug ("a practitioner logged in");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
logged_out_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!sync_registry_log_out_finish (SYNC_REGISTRY (source), result, &error))
    g_message ("the registry was not told of a logout (the session expires by itself): %s",
               error->message);
}

/**
 * kiosk_session_end:
 *
 * Forgets the token and the person at once and tells the registry in the
 * background. Nothing happens when nobody is logged in.
 */
void
kiosk_session_end (KioskSession *self)
{
  g_autofree char *token = NULL;

  g_return_if_fail (KIOSK_IS_SESSION (self));

  if (self->token == NULL)
    return;
  token = g_strdup (self->token);
  forget_token (self);
  g_debug ("a practitioner logged out");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);

  if (self->registry != NULL)
    sync_registry_log_out_async (self->registry, token, NULL, logged_out_cb, NULL);
  memset (token, 0, strlen (token));
}
