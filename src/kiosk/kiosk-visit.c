/* kiosk-visit.c: one person's visit at the kiosk, forgotten when it ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the pages share about the person in front of the kiosk: their login
 * (the session token and the basic information the registry gave), the card
 * last read, how many people were filed in a row, and their signature
 * collection form with its status. Pages get the visit at construction, as
 * they get the services, and read it instead of asking each other. A visit
 * ends when the welcome page shows again (a reset, a logout, the end of a
 * filing): kiosk_visit_reset() forgets everything, and a session still open
 * is ended at the registry in the background.
 *
 * The session token lives in this object's memory only: never in the
 * store, never in a log.
 */

#include "config.h"

#include "kiosk-enums.h"
#include "kiosk-visit.h"

struct _KioskVisit
{
  GObject parent_instance;

  SyncRegistry *registry; /* nullable: the kiosk is not enrolled */
  char *token;
  JsonObject *person;
  IdcardCard *card;
  guint filed;
  FormsSignatureForm *form;
  KioskFormStatus form_status;
  JsonObject *form_record; /* the registry's account of the form */
};

G_DEFINE_FINAL_TYPE (KioskVisit, kiosk_visit, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LOGGED_IN,
  PROP_PERSON,
  PROP_CARD,
  PROP_FILED,
  PROP_FORM,
  PROP_FORM_STATUS,
  PROP_FORM_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
forget_session (KioskVisit *self)
{
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->person, json_object_unref);
}

static void
kiosk_visit_dispose (GObject *object)
{
  KioskVisit *self = KIOSK_VISIT (object);

  forget_session (self);
  g_clear_object (&self->card);
  g_clear_object (&self->form);
  g_clear_pointer (&self->form_record, json_object_unref);
  g_clear_object (&self->registry);

  G_OBJECT_CLASS (kiosk_visit_parent_class)->dispose (object);
}

static void
kiosk_visit_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskVisit *self = KIOSK_VISIT (object);

  switch (prop_id)
    {
      case PROP_LOGGED_IN:
        g_value_set_boolean (value, kiosk_visit_get_logged_in (self));
        break;
      case PROP_PERSON:
        g_value_set_boxed (value, self->person);
        break;
      case PROP_CARD:
        g_value_set_object (value, self->card);
        break;
      case PROP_FILED:
        g_value_set_uint (value, self->filed);
        break;
      case PROP_FORM:
        g_value_set_object (value, self->form);
        break;
      case PROP_FORM_STATUS:
        g_value_set_enum (value, self->form_status);
        break;
      case PROP_FORM_RECORD:
        g_value_set_boxed (value, self->form_record);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_visit_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KioskVisit *self = KIOSK_VISIT (object);

  switch (prop_id)
    {
      case PROP_CARD:
        kiosk_visit_set_card (self, g_value_get_object (value));
        break;
      case PROP_FORM_STATUS:
        kiosk_visit_set_form_status (self, g_value_get_enum (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_visit_class_init (KioskVisitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_visit_dispose;
  object_class->get_property = kiosk_visit_get_property;
  object_class->set_property = kiosk_visit_set_property;

  properties[PROP_LOGGED_IN] =
      g_param_spec_boolean ("logged-in", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskVisit:person:
   *
   * The basic information the registry gave at login, %NULL when nobody is
   * logged in.
   */
  properties[PROP_PERSON] =
      g_param_spec_boxed ("person", NULL, NULL, JSON_TYPE_OBJECT,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskVisit:card:
   *
   * The card read last in this visit, for a filing or the ID number of a
   * registration or login.
   */
  properties[PROP_CARD] =
      g_param_spec_object ("card", NULL, NULL, IDCARD_TYPE_CARD,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskVisit:filed:
   *
   * How many people were filed in a row, a company filing its staff one card
   * after another.
   */
  properties[PROP_FILED] =
      g_param_spec_uint ("filed", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FORM] =
      g_param_spec_object ("form", NULL, NULL, FORMS_TYPE_SIGNATURE_FORM,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FORM_STATUS] =
      g_param_spec_enum ("form-status", NULL, NULL, KIOSK_TYPE_FORM_STATUS, KIOSK_FORM_NOT_PRINTED,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskVisit:form-record:
   *
   * What the registry says of the person's signature form (`status`,
   * `printed_at`, `uploaded_at`, `scan`), %NULL before it was asked.
   */
  properties[PROP_FORM_RECORD] =
      g_param_spec_boxed ("form-record", NULL, NULL, JSON_TYPE_OBJECT,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_visit_init (KioskVisit *self)
{
}

/**
 * kiosk_visit_new:
 * @registry: (nullable): where a session is ended; %NULL when the kiosk is
 *   not enrolled
 */
KioskVisit *
kiosk_visit_new (SyncRegistry *registry)
{
  KioskVisit *self;

  g_return_val_if_fail (registry == NULL || SYNC_IS_REGISTRY (registry), NULL);

  self = g_object_new (KIOSK_TYPE_VISIT, NULL);
  if (registry != NULL)
    self->registry = g_object_ref (registry);
  return self;
}

/* ---- the session ---- */

gboolean
kiosk_visit_get_logged_in (KioskVisit *self)
{
  g_return_val_if_fail (KIOSK_IS_VISIT (self), FALSE);
  return self->token != NULL;
}

/**
 * kiosk_visit_get_person:
 *
 * Returns: (transfer none) (nullable): the basic information the registry
 *   gave at login, %NULL when nobody is logged in
 */
JsonObject *
kiosk_visit_get_person (KioskVisit *self)
{
  g_return_val_if_fail (KIOSK_IS_VISIT (self), NULL);
  return self->person;
}

/**
 * kiosk_visit_get_session_token:
 *
 * Returns: (nullable): the session token, for the calls made for the person
 */
const char *
kiosk_visit_get_session_token (KioskVisit *self)
{
  g_return_val_if_fail (KIOSK_IS_VISIT (self), NULL);
  return self->token;
}

static void
notify_session (KioskVisit *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGGED_IN]);
}

/**
 * kiosk_visit_begin_session:
 * @token: the session token the registry gave
 * @person: the person's basic information
 *
 * Replaces any session there was (without logging that one out).
 */
void
kiosk_visit_begin_session (KioskVisit *self, const char *token, JsonObject *person)
{
  g_return_if_fail (KIOSK_IS_VISIT (self));
  g_return_if_fail (token != NULL && person != NULL);

  forget_session (self);
  self->token = g_strdup (token);
  self->person = json_object_ref (person);
  g_debug ("a practitioner logged in");
  notify_session (self);
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
 * kiosk_visit_end_session:
 *
 * Forgets the token and the person at once and tells the registry in the
 * background; the kiosk does not wait for that answer. Nothing happens when
 * nobody is logged in.
 */
void
kiosk_visit_end_session (KioskVisit *self)
{
  g_autofree char *token = NULL;

  g_return_if_fail (KIOSK_IS_VISIT (self));

  if (self->token == NULL)
    return;
  token = g_strdup (self->token);
  forget_session (self);
  g_debug ("a practitioner logged out");
  notify_session (self);

  if (self->registry != NULL)
    sync_registry_log_out_async (self->registry, token, NULL, logged_out_cb, NULL);
  memset (token, 0, strlen (token));
}

/* ---- the card and the filings ---- */

/**
 * kiosk_visit_get_card:
 *
 * Returns: (transfer none) (nullable): the card read last in this visit
 */
IdcardCard *
kiosk_visit_get_card (KioskVisit *self)
{
  g_return_val_if_fail (KIOSK_IS_VISIT (self), NULL);
  return self->card;
}

void
kiosk_visit_set_card (KioskVisit *self, IdcardCard *card)
{
  g_return_if_fail (KIOSK_IS_VISIT (self));
  g_return_if_fail (card == NULL || IDCARD_IS_CARD (card));

  if (g_set_object (&self->card, card))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
}

guint
kiosk_visit_get_filed (KioskVisit *self)
{
  g_return_val_if_fail (KIOSK_IS_VISIT (self), 0);
  return self->filed;
}

/* One more person filed in this visit. */
void
kiosk_visit_add_filed (KioskVisit *self)
{
  g_return_if_fail (KIOSK_IS_VISIT (self));

  self->filed++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILED]);
}

/* ---- the signature collection form ---- */

/**
 * kiosk_visit_get_form:
 *
 * Returns: (transfer none) (nullable): the logged-in person's signature
 *   collection form
 */
FormsSignatureForm *
kiosk_visit_get_form (KioskVisit *self)
{
  g_return_val_if_fail (KIOSK_IS_VISIT (self), NULL);
  return self->form;
}

/**
 * kiosk_visit_set_form:
 * @form: (nullable): the form, filled from the person's record
 * @status: where that form stands
 */
void
kiosk_visit_set_form (KioskVisit *self, FormsSignatureForm *form, KioskFormStatus status)
{
  g_return_if_fail (KIOSK_IS_VISIT (self));
  g_return_if_fail (form == NULL || FORMS_IS_SIGNATURE_FORM (form));

  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->form, form))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORM]);
  kiosk_visit_set_form_status (self, status);
  g_object_thaw_notify (G_OBJECT (self));
}

KioskFormStatus
kiosk_visit_get_form_status (KioskVisit *self)
{
  g_return_val_if_fail (KIOSK_IS_VISIT (self), KIOSK_FORM_NOT_PRINTED);
  return self->form_status;
}

void
kiosk_visit_set_form_status (KioskVisit *self, KioskFormStatus status)
{
  g_return_if_fail (KIOSK_IS_VISIT (self));

  if (self->form_status == status)
    return;
  self->form_status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORM_STATUS]);
}

/**
 * kiosk_visit_reset:
 *
 * The visit is over: the session is ended (at the registry too), the card,
 * the count of filings and the form are forgotten.
 */
void
kiosk_visit_reset (KioskVisit *self)
{
  g_return_if_fail (KIOSK_IS_VISIT (self));

  g_object_freeze_notify (G_OBJECT (self));
  kiosk_visit_end_session (self);
  kiosk_visit_set_card (self, NULL);
  if (self->filed != 0)
    {
      self->filed = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILED]);
    }
  kiosk_visit_set_form (self, NULL, KIOSK_FORM_NOT_PRINTED);
  kiosk_visit_set_form_record (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * kiosk_visit_get_form_record:
 *
 * Returns: (transfer none) (nullable): the registry's account of the
 *   signature form, as kiosk_visit_set_form_record() was given it
 */
JsonObject *
kiosk_visit_get_form_record (KioskVisit *self)
{
  g_return_val_if_fail (KIOSK_IS_VISIT (self), NULL);
  return self->form_record;
}

/**
 * kiosk_visit_set_form_record:
 * @record: (nullable): the registry's answer about the signature form
 *
 * Keeps what the registry says of the form; its `status` (`to_print`,
 * `printed`, `uploaded`) becomes the form's status.
 */
void
kiosk_visit_set_form_record (KioskVisit *self, JsonObject *record)
{
  g_return_if_fail (KIOSK_IS_VISIT (self));

  if (record == NULL && self->form_record == NULL)
    return;
  g_clear_pointer (&self->form_record, json_object_unref);
  self->form_record = record != NULL ? json_object_ref (record) : NULL;
  if (record != NULL)
    {
      const char *status = json_object_get_string_member_with_default (record, "status", "");

      if (g_str_equal (status, "uploaded"))
        kiosk_visit_set_form_status (self, KIOSK_FORM_UPLOADED);
      else if (g_str_equal (status, "printed"))
        kiosk_visit_set_form_status (self, KIOSK_FORM_PRINTED);
      else if (g_str_equal (status, "to_print"))
        kiosk_visit_set_form_status (self, KIOSK_FORM_NOT_PRINTED);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORM_RECORD]);
}
