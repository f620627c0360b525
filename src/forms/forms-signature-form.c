/* forms-signature-form.c: the data printed on the signature collection form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form holds display strings only (the sex and document type as the form
 * prints them, in Chinese whatever the screen's language, e.g. "男",
 * "居民身份证"); the caller owns the dictionaries.
 * Required: a name (Chinese or Latin), document type, document number and
 * record id. Everything else may be empty and is printed as a dash.
 *
 * Whose name is the Latin one: a foreigner's document (the foreign permanent
 * resident card, a passport of another country) names its holder in Latin
 * letters, and a Chinese name on it is a translation, so the form leads with
 * the Latin name; so does a form whose person has no Chinese name at all
 * (idcard_holder_goes_by_latin_name(), the rule the kiosk's pages follow).
 *
 * The QR code carries as little as matching an uploaded scan needs: the form
 * version, the registry's record id (opaque, not personal), and the last four
 * characters of the document number as a cross-check that a scan was not
 * attached to the wrong person. The name, phone and full number stay off it.
 */

#include "config.h"

#include <string.h>

#include "forms-error.h"
#include "forms-signature-form.h"
#include "idcard-document.h"

enum
{
  PROP_0,
  PROP_NAME,
  PROP_NAME_EN,
  PROP_SEX,
  PROP_DOCUMENT_TYPE,
  PROP_DOCUMENT_NUMBER,
  PROP_COMPANY,
  PROP_PHONE,
  PROP_RECORD_ID,
  PROP_WINDOW_NAME,
  N_STRING_PROPS,
  PROP_PRINT_DATE = N_STRING_PROPS,
  PROP_FOREIGN,
  N_PROPS
};

struct _FormsSignatureForm
{
  GObject parent_instance;

  char *strings[N_STRING_PROPS];
  GDateTime *print_date;
  gboolean foreign;
};

G_DEFINE_FINAL_TYPE (FormsSignatureForm, forms_signature_form, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
set_string (FormsSignatureForm *self, guint prop_id, const char *value)
{
  /* empty and NULL mean the same: not known */
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (self->strings[prop_id], value) == 0)
    return;
  g_free (self->strings[prop_id]);
  self->strings[prop_id] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
forms_signature_form_finalize (GObject *object)
{
  FormsSignatureForm *self = FORMS_SIGNATURE_FORM (object);

  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_free (self->strings[i]);
  g_clear_pointer (&self->print_date, g_date_time_unref);

  G_OBJECT_CLASS (forms_signature_form_parent_class)->finalize (object);
}

static void
forms_signature_form_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FormsSignatureForm *self = FORMS_SIGNATURE_FORM (object);

  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else if (prop_id == PROP_PRINT_DATE)
    g_value_set_boxed (value, self->print_date);
  else if (prop_id == PROP_FOREIGN)
    g_value_set_boolean (value, self->foreign);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
forms_signature_form_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  FormsSignatureForm *self = FORMS_SIGNATURE_FORM (object);

  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    set_string (self, prop_id, g_value_get_string (value));
  else if (prop_id == PROP_PRINT_DATE)
    forms_signature_form_set_print_date (self, g_value_get_boxed (value));
  else if (prop_id == PROP_FOREIGN)
    forms_signature_form_set_foreign (self, g_value_get_boolean (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
forms_signature_form_class_init (FormsSignatureFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  static const char *const names[N_STRING_PROPS] = {
    [PROP_NAME] = "name",
    [PROP_NAME_EN] = "name-en",
    [PROP_SEX] = "sex",
    [PROP_DOCUMENT_TYPE] = "document-type",
    [PROP_DOCUMENT_NUMBER] = "document-number",
    [PROP_COMPANY] = "company",
    [PROP_PHONE] = "phone",
    [PROP_RECORD_ID] = "record-id",
    [PROP_WINDOW_NAME] = "window-name",
  };

  object_class->finalize = forms_signature_form_finalize;
  object_class->get_property = forms_signature_form_get_property;
  object_class->set_property = forms_signature_form_set_property;

  for (guint i = PROP_0 + 1; i < N_STRING_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);
  /**
   * FormsSignatureForm:print-date:
   *
   * The date printed on the form; %NULL prints today's date.
   */
  properties[PROP_PRINT_DATE] =
      g_param_spec_boxed ("print-date", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /**
   * FormsSignatureForm:foreign:
   *
   * Whether the person's document is a foreigner's: their name is the one in
   * Latin letters, and a Chinese name is its translation.
   */
  properties[PROP_FOREIGN] = g_param_spec_boolean ("foreign", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
forms_signature_form_init (FormsSignatureForm *self)
{
}

FormsSignatureForm *
forms_signature_form_new (void)
{
  return g_object_new (FORMS_TYPE_SIGNATURE_FORM, NULL);
}

static const char *
person_member (JsonObject *person, const char *member)
{
  JsonNode *node = json_object_get_member (person, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

/**
 * forms_signature_form_new_for_person:
 * @person: a person as the registry describes them at login (`name`,
 *   `name_en`, `sex`, `doc_type`, `doc_number`, `login_phone`, `person_id`)
 *
 * the form is filled from the logged-in person's record. The window
 * name and the print date are the caller's.
 *
 * Returns: (transfer full): the form
 */
FormsSignatureForm *
forms_signature_form_new_for_person (JsonObject *person)
{
  FormsSignatureForm *self;
  IdcardDocumentType doc_type;

  g_return_val_if_fail (person != NULL, NULL);

  self = forms_signature_form_new ();
  forms_signature_form_set_name (self, person_member (person, "name"));
  forms_signature_form_set_name_en (self, person_member (person, "name_en"));
  forms_signature_form_set_sex (self, person_member (person, "sex"));
  if (idcard_document_type_from_string (person_member (person, "doc_type"), &doc_type))
    {
      /* an official Chinese form: its values are in Chinese (the sex as
       * the card writes it), not in the screen's language */
      forms_signature_form_set_document_type (self,
                                              idcard_document_type_get_chinese_name (doc_type));
    }
  /* the rule the kiosk's pages name the person by */
  forms_signature_form_set_foreign (
      self, idcard_holder_goes_by_latin_name (
                person_member (person, "doc_type"), person_member (person, "nationality"),
                person_member (person, "name"), person_member (person, "name_en")));
  forms_signature_form_set_document_number (self, person_member (person, "doc_number"));
  forms_signature_form_set_phone (self, person_member (person, "login_phone"));
  forms_signature_form_set_record_id (self, person_member (person, "person_id"));
  return self;
}

/**
 * forms_signature_form_copy:
 *
 * A copy that a worker thread can read while the original stays with the UI.
 *
 * Returns: (transfer full): a new form with the same data
 */
FormsSignatureForm *
forms_signature_form_copy (FormsSignatureForm *self)
{
  FormsSignatureForm *copy;

  g_return_val_if_fail (FORMS_IS_SIGNATURE_FORM (self), NULL);

  copy = forms_signature_form_new ();
  for (guint i = PROP_0 + 1; i < N_STRING_PROPS; i++)
    copy->strings[i] = g_strdup (self->strings[i]);
  if (self->print_date != NULL)
    copy->print_date = g_date_time_ref (self->print_date);
  copy->foreign = self->foreign;
  return copy;
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                                                       \
  const char *forms_signature_form_get_##field (FormsSignatureForm *self)                          \
  {                                                                                                \
    g_return_val_if_fail (FORMS_IS_SIGNATURE_FORM (self), NULL);                                   \
    return self->strings[PROP];                                                                    \
  }                                                                                                \
  void forms_signature_form_set_##field (FormsSignatureForm *self, const char *v)                  \
  {                                                                                                \
    g_return_if_fail (FORMS_IS_SIGNATURE_FORM (self));                                             \
    set_string (self, PROP, v);                                                                    \
  }

DEFINE_STRING_ACCESSORS (name, PROP_NAME)
DEFINE_STRING_ACCESSORS (name_en, PROP_NAME_EN)
DEFINE_STRING_ACCESSORS (sex, PROP_SEX)
DEFINE_STRING_ACCESSORS (document_type, PROP_DOCUMENT_TYPE)
DEFINE_STRING_ACCESSORS (document_number, PROP_DOCUMENT_NUMBER)
DEFINE_STRING_ACCESSORS (company, PROP_COMPANY)
DEFINE_STRING_ACCESSORS (phone, PROP_PHONE)
DEFINE_STRING_ACCESSORS (record_id, PROP_RECORD_ID)
DEFINE_STRING_ACCESSORS (window_name, PROP_WINDOW_NAME)

gboolean
forms_signature_form_get_foreign (FormsSignatureForm *self)
{
  g_return_val_if_fail (FORMS_IS_SIGNATURE_FORM (self), FALSE);
  return self->foreign;
}

void
forms_signature_form_set_foreign (FormsSignatureForm *self, gboolean foreign)
{
  g_return_if_fail (FORMS_IS_SIGNATURE_FORM (self));

  if (self->foreign == !!foreign)
    return;
  self->foreign = !!foreign;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOREIGN]);
}

/**
 * forms_signature_form_get_latin_name_first:
 *
 * Returns: whether the form names the person by their Latin name first:
 *   a foreigner's with one, or anyone's without a Chinese name
 */
gboolean
forms_signature_form_get_latin_name_first (FormsSignatureForm *self)
{
  g_return_val_if_fail (FORMS_IS_SIGNATURE_FORM (self), FALSE);
  return self->strings[PROP_NAME_EN] != NULL && (self->foreign || self->strings[PROP_NAME] == NULL);
}

GDateTime *
forms_signature_form_get_print_date (FormsSignatureForm *self)
{
  g_return_val_if_fail (FORMS_IS_SIGNATURE_FORM (self), NULL);
  return self->print_date;
}

void
forms_signature_form_set_print_date (FormsSignatureForm *self, GDateTime *print_date)
{
  g_return_if_fail (FORMS_IS_SIGNATURE_FORM (self));

  if (self->print_date == print_date)
    return;
  g_clear_pointer (&self->print_date, g_date_time_unref);
  if (print_date != NULL)
    self->print_date = g_date_time_ref (print_date);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINT_DATE]);
}

static gboolean
record_id_is_valid (const char *record_id)
{
  if (strlen (record_id) > FORMS_RECORD_ID_MAX)
    return FALSE;
  for (const char *p = record_id; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
        return FALSE;
    }
  return TRUE;
}

/**
 * forms_signature_form_validate:
 *
 * Checks that the form can be printed: the required fields are there, every
 * field is valid UTF-8 and the record id is short and plain.
 */
gboolean
forms_signature_form_validate (FormsSignatureForm *self, GError **error)
{
  static const struct
  {
    guint prop;
    const char *what;
  } required[] = {
    { PROP_DOCUMENT_TYPE, "document type" },
    { PROP_DOCUMENT_NUMBER, "document number" },
    { PROP_RECORD_ID, "record id" },
  };

  g_return_val_if_fail (FORMS_IS_SIGNATURE_FORM (self), FALSE);

  /* a foreigner may have no Chinese name, never no name */
  if (self->strings[PROP_NAME] == NULL && self->strings[PROP_NAME_EN] == NULL)
    {
      g_set_error_literal (error, FORMS_ERROR, FORMS_ERROR_INVALID_FORM, "the form has no name");
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (self->strings[required[i].prop] == NULL)
        {
          g_set_error (error, FORMS_ERROR, FORMS_ERROR_INVALID_FORM, "the form has no %s",
                       required[i].what);
          return FALSE;
        }
    }
  for (guint i = PROP_0 + 1; i < N_STRING_PROPS; i++)
    {
      if (self->strings[i] != NULL && !g_utf8_validate (self->strings[i], -1, NULL))
        {
          g_set_error (error, FORMS_ERROR, FORMS_ERROR_INVALID_FORM, "the form's %s is not UTF-8",
                       g_param_spec_get_name (properties[i]));
          return FALSE;
        }
    }
  if (!record_id_is_valid (self->strings[PROP_RECORD_ID]))
    {
      g_set_error_literal (error, FORMS_ERROR, FORMS_ERROR_INVALID_FORM,
                           "the record id must be at most 64 letters, digits, '-', '_' or '.'");
      return FALSE;
    }
  return TRUE;
}

/**
 * forms_signature_form_dup_qr_payload:
 *
 * The text of the form's QR code: `PKFORM:1:<record-id>:<check>`, where
 * check is the last four characters of the document number (upper case).
 *
 * Returns: (transfer full): the payload, or %NULL if the form is not valid
 */
char *
forms_signature_form_dup_qr_payload (FormsSignatureForm *self, GError **error)
{
  const char *number;
  const char *tail;
  g_autofree char *check = NULL;

  if (!forms_signature_form_validate (self, error))
    return NULL;

  number = self->strings[PROP_DOCUMENT_NUMBER];
  tail = number;
  for (glong n = g_utf8_strlen (number, -1); n > 4; n--)
    tail = g_utf8_next_char (tail);
  check = g_utf8_strup (tail, -1);
  return g_strconcat (FORMS_QR_PREFIX, self->strings[PROP_RECORD_ID], ":", check, NULL);
}
