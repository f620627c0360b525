/* core-filing.c: one identity filing, as the kiosk sends it to the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON decoder is strict because its input comes from the network: every
 * member must be a known field of the right JSON type within its size limit,
 * and the decoded filing must then pass the rules of its document type and
 * source. A field that is absent and a field that is null mean the same. All
 * problems are collected, one error per field, so a kiosk can show them all.
 */

#include "config.h"

#include <string.h>

#include "core-error.h"
#include "core-filing.h"
#include "core-json.h"
#include "core-text.h"

#define SEX_MALE "男"
#define SEX_FEMALE "女"
#define WLT_MAX_BYTES 1536
#define STAFF_SESSION_LENGTH 64

typedef struct
{
  const char *name;
  gsize max_length; /* bytes of UTF-8 */
} FieldInfo;

static const FieldInfo field_info[CORE_FILING_N_FIELDS] = {
  [CORE_FILING_FIELD_FILING_ID] = { "filing_id", 36 },
  [CORE_FILING_FIELD_SOURCE] = { "source", 16 },
  [CORE_FILING_FIELD_DOC_TYPE] = { "doc_type", 32 },
  [CORE_FILING_FIELD_DOC_NUMBER] = { "doc_number", 32 },
  [CORE_FILING_FIELD_NAME] = { "name", 128 },
  [CORE_FILING_FIELD_NAME_EN] = { "name_en", 128 },
  [CORE_FILING_FIELD_SEX] = { "sex", 8 },
  [CORE_FILING_FIELD_NATION] = { "nation", 32 },
  [CORE_FILING_FIELD_NATIONALITY] = { "nationality", 64 },
  [CORE_FILING_FIELD_BIRTH_DATE] = { "birth_date", 10 },
  [CORE_FILING_FIELD_ADDRESS] = { "address", 256 },
  [CORE_FILING_FIELD_ISSUER] = { "issuer", 128 },
  [CORE_FILING_FIELD_VALID_FROM] = { "valid_from", 10 },
  [CORE_FILING_FIELD_VALID_UNTIL] = { "valid_until", 10 },
  [CORE_FILING_FIELD_CARD_TYPE] = { "card_type", 16 },
  [CORE_FILING_FIELD_PHOTO_WLT] = { "photo_wlt", 4 * ((WLT_MAX_BYTES + 2) / 3) },
  [CORE_FILING_FIELD_PHONE] = { "phone", 11 },
  [CORE_FILING_FIELD_STAFF_SESSION] = { "staff_session", STAFF_SESSION_LENGTH },
  [CORE_FILING_FIELD_ORIGINAL_CHECKED] = { "original_checked", 0 },
};

/* Card types as idcard-tool names them, and the document each one is. */
static const struct
{
  const char *card_type;
  IdcardDocumentType doc_type;
} card_types[] = {
  { "resident", IDCARD_DOCUMENT_RESIDENT },
  { "hmt_residence", IDCARD_DOCUMENT_HMT_RESIDENCE },
  { "foreign_2017", IDCARD_DOCUMENT_FOREIGN_PERMANENT },
  { "foreign_2023", IDCARD_DOCUMENT_FOREIGN_PERMANENT },
};

struct _CoreFiling
{
  GObject parent_instance;

  char *values[CORE_FILING_N_FIELDS];
  gboolean original_checked;
};

G_DEFINE_FINAL_TYPE (CoreFiling, core_filing, G_TYPE_OBJECT)

static void
core_filing_finalize (GObject *object)
{
  CoreFiling *self = CORE_FILING (object);

  for (guint i = 0; i < CORE_FILING_N_FIELDS; i++)
    g_free (self->values[i]);

  G_OBJECT_CLASS (core_filing_parent_class)->finalize (object);
}

static void
core_filing_class_init (CoreFilingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = core_filing_finalize;
}

static void
core_filing_init (CoreFiling *self)
{
}

CoreFiling *
core_filing_new (void)
{
  return g_object_new (CORE_TYPE_FILING, NULL);
}

CoreFiling *
core_filing_copy (CoreFiling *self)
{
  CoreFiling *copy;

  g_return_val_if_fail (CORE_IS_FILING (self), NULL);

  copy = core_filing_new ();
  for (guint i = 0; i < CORE_FILING_N_FIELDS; i++)
    copy->values[i] = g_strdup (self->values[i]);
  copy->original_checked = self->original_checked;
  return copy;
}

/**
 * core_filing_field_to_string:
 *
 * Returns: the JSON member name of @field, e.g. "doc_number"
 */
const char *
core_filing_field_to_string (CoreFilingField field)
{
  g_return_val_if_fail (field < CORE_FILING_N_FIELDS, NULL);
  return field_info[field].name;
}

gboolean
core_filing_field_from_string (const char *name, CoreFilingField *out_field)
{
  for (guint i = 0; i < CORE_FILING_N_FIELDS; i++)
    {
      if (g_strcmp0 (name, field_info[i].name) == 0)
        {
          if (out_field != NULL)
            *out_field = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * core_filing_field_get_max_length:
 *
 * Returns: the most bytes of UTF-8 a string field may hold (0 for the boolean)
 */
gsize
core_filing_field_get_max_length (CoreFilingField field)
{
  g_return_val_if_fail (field < CORE_FILING_N_FIELDS, 0);
  return field_info[field].max_length;
}

/**
 * core_filing_get:
 * @field: a string field
 *
 * Returns: (nullable): the field's text, or %NULL when it is not set
 */
const char *
core_filing_get (CoreFiling *self, CoreFilingField field)
{
  g_return_val_if_fail (CORE_IS_FILING (self), NULL);
  g_return_val_if_fail (field < CORE_FILING_FIELD_ORIGINAL_CHECKED, NULL);
  return self->values[field];
}

/**
 * core_filing_set:
 * @field: a string field
 * @value: (nullable): the text, or %NULL to unset it
 *
 * Stores @value as given; core_filing_validate() judges it.
 */
void
core_filing_set (CoreFiling *self, CoreFilingField field, const char *value)
{
  g_return_if_fail (CORE_IS_FILING (self));
  g_return_if_fail (field < CORE_FILING_FIELD_ORIGINAL_CHECKED);
  g_free (self->values[field]);
  self->values[field] = g_strdup (value);
}

gboolean
core_filing_get_original_checked (CoreFiling *self)
{
  g_return_val_if_fail (CORE_IS_FILING (self), FALSE);
  return self->original_checked;
}

void
core_filing_set_original_checked (CoreFiling *self, gboolean original_checked)
{
  g_return_if_fail (CORE_IS_FILING (self));
  self->original_checked = !!original_checked;
}

const char *
core_filing_get_filing_id (CoreFiling *self)
{
  return core_filing_get (self, CORE_FILING_FIELD_FILING_ID);
}

/* Only meaningful on a filing that passed validation. */
CoreFilingSource
core_filing_get_source (CoreFiling *self)
{
  return g_strcmp0 (core_filing_get (self, CORE_FILING_FIELD_SOURCE), "manual") == 0
             ? CORE_FILING_SOURCE_MANUAL
             : CORE_FILING_SOURCE_CARD;
}

/* Only meaningful on a filing that passed validation. */
IdcardDocumentType
core_filing_get_doc_type (CoreFiling *self)
{
  IdcardDocumentType type = IDCARD_DOCUMENT_RESIDENT;

  idcard_document_type_from_string (core_filing_get (self, CORE_FILING_FIELD_DOC_TYPE), &type);
  return type;
}

const char *
core_filing_get_doc_number (CoreFiling *self)
{
  return core_filing_get (self, CORE_FILING_FIELD_DOC_NUMBER);
}

const char *
core_filing_get_phone (CoreFiling *self)
{
  return core_filing_get (self, CORE_FILING_FIELD_PHONE);
}

/**
 * core_filing_same_identity:
 *
 * Returns: %TRUE when both filings carry the same identity fields (names,
 *   sex, nation, nationality, dates, address, issuer, card type, photo);
 *   the filing id, source, phone and staff session do not count
 */
gboolean
core_filing_same_identity (CoreFiling *self, CoreFiling *other)
{
  static const CoreFilingField identity[] = {
    CORE_FILING_FIELD_DOC_TYPE,    CORE_FILING_FIELD_DOC_NUMBER, CORE_FILING_FIELD_NAME,
    CORE_FILING_FIELD_NAME_EN,     CORE_FILING_FIELD_SEX,        CORE_FILING_FIELD_NATION,
    CORE_FILING_FIELD_NATIONALITY, CORE_FILING_FIELD_BIRTH_DATE, CORE_FILING_FIELD_ADDRESS,
    CORE_FILING_FIELD_ISSUER,      CORE_FILING_FIELD_VALID_FROM, CORE_FILING_FIELD_VALID_UNTIL,
    CORE_FILING_FIELD_CARD_TYPE,   CORE_FILING_FIELD_PHOTO_WLT,
  };

  g_return_val_if_fail (CORE_IS_FILING (self), FALSE);
  g_return_val_if_fail (CORE_IS_FILING (other), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (identity); i++)
    {
      if (g_strcmp0 (self->values[identity[i]], other->values[identity[i]]) != 0)
        return FALSE;
    }
  return TRUE;
}

/* ---- validation ---- */

static void
add_error (GPtrArray *errors, CoreError code, CoreFilingField field, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static void
add_error (GPtrArray *errors, CoreError code, CoreFilingField field, const char *format, ...)
{
  g_autofree char *message = NULL;
  GError *error = NULL;
  va_list args;

  /* One error per field: the first reason found is the one reported. */
  for (guint i = 0; i < errors->len; i++)
    {
      g_autofree char *known = core_error_get_field (g_ptr_array_index (errors, i));
      if (g_strcmp0 (known, field_info[field].name) == 0)
        return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  core_error_set_field (&error, code, field_info[field].name, "%s", message);
  g_ptr_array_add (errors, error);
}

static gboolean
parse_date (const char *text, GDate *out)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }
  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (y < 1900 || y > 2200 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

/**
 * core_phone_is_mobile:
 * @text: a phone number as typed
 *
 * Returns: %TRUE for an 11-digit mainland mobile number, 1[3-9]…
 */
gboolean
core_phone_is_mobile (const char *text)
{
  if (text == NULL || strlen (text) != 11 || text[0] != '1' || text[1] < '3' || text[1] > '9')
    return FALSE;
  for (guint i = 0; i < 11; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_base64 (const char *text, gsize *out_decoded)
{
  gsize len = strlen (text);
  gsize pad = 0;

  if (len == 0 || len % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      if (c == '=')
        {
          if (i < len - 2)
            return FALSE;
          pad++;
        }
      else if (pad > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return FALSE;
    }
  *out_decoded = len / 4 * 3 - pad;
  return TRUE;
}

/* What the registry issues: 64 lower-case hex digits. */
static gboolean
is_staff_session (const char *text)
{
  if (strlen (text) != STAFF_SESSION_LENGTH)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
        return FALSE;
    }
  return TRUE;
}

static const char *
card_type_doc_type (const char *card_type, gboolean *known)
{
  for (guint i = 0; i < G_N_ELEMENTS (card_types); i++)
    {
      if (g_strcmp0 (card_type, card_types[i].card_type) == 0)
        {
          *known = TRUE;
          return idcard_document_type_to_string (card_types[i].doc_type);
        }
    }
  *known = FALSE;
  return NULL;
}

static void
require (CoreFiling *self, GPtrArray *errors, CoreFilingField field, const char *why)
{
  if (self->values[field] == NULL)
    add_error (errors, CORE_ERROR_MISSING_FIELD, field, "required%s%s", *why != '\0' ? " " : "",
               why);
}

static void
forbid (CoreFiling *self, GPtrArray *errors, CoreFilingField field, const char *why)
{
  if (self->values[field] != NULL)
    add_error (errors, CORE_ERROR_INVALID_FIELD, field, "not allowed %s", why);
}

/* Checks each present value on its own: size, characters, format. */
static void
check_formats (CoreFiling *self, GPtrArray *errors)
{
  const char *value;
  const char *problem;
  GDate date;
  gsize decoded = 0;
  IdcardDocumentType doc_type;

  for (guint i = 0; i < CORE_FILING_FIELD_ORIGINAL_CHECKED; i++)
    {
      value = self->values[i];
      if (value == NULL)
        continue;
      if (!g_utf8_validate (value, -1, NULL))
        add_error (errors, CORE_ERROR_INVALID_FIELD, i, "not valid UTF-8");
      else if (strlen (value) > field_info[i].max_length)
        add_error (errors, CORE_ERROR_INVALID_FIELD, i, "longer than %" G_GSIZE_FORMAT " bytes",
                   field_info[i].max_length);
      else if (*value == '\0')
        add_error (errors, CORE_ERROR_INVALID_FIELD, i, "empty");
      else if ((problem = core_text_get_problem (value)) != NULL)
        add_error (errors, CORE_ERROR_INVALID_FIELD, i, "%s", problem);
    }

  value = self->values[CORE_FILING_FIELD_FILING_ID];
  if (value != NULL && !g_uuid_string_is_valid (value))
    add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_FILING_ID, "not a UUID");

  value = self->values[CORE_FILING_FIELD_SOURCE];
  if (value != NULL && g_strcmp0 (value, "card") != 0 && g_strcmp0 (value, "manual") != 0)
    add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_SOURCE,
               "must be \"card\" or \"manual\"");

  value = self->values[CORE_FILING_FIELD_DOC_TYPE];
  if (value != NULL && !idcard_document_type_from_string (value, &doc_type))
    add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_DOC_TYPE,
               "unknown document type");

  value = self->values[CORE_FILING_FIELD_SEX];
  if (value != NULL && g_strcmp0 (value, SEX_MALE) != 0 && g_strcmp0 (value, SEX_FEMALE) != 0)
    add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_SEX,
               "must be \"" SEX_MALE "\" or \"" SEX_FEMALE "\"");

  value = self->values[CORE_FILING_FIELD_BIRTH_DATE];
  if (value != NULL && !parse_date (value, &date))
    add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_BIRTH_DATE,
               "not a date (YYYY-MM-DD)");

  value = self->values[CORE_FILING_FIELD_VALID_FROM];
  if (value != NULL && !parse_date (value, &date))
    add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_VALID_FROM,
               "not a date (YYYY-MM-DD)");

  value = self->values[CORE_FILING_FIELD_VALID_UNTIL];
  if (value != NULL && g_strcmp0 (value, IDCARD_LONG_TERM) != 0 && !parse_date (value, &date))
    add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_VALID_UNTIL,
               "not a date (YYYY-MM-DD) or \"" IDCARD_LONG_TERM "\"");

  value = self->values[CORE_FILING_FIELD_PHONE];
  if (value != NULL && !core_phone_is_mobile (value))
    add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_PHONE,
               "not an 11-digit mainland mobile number");

  value = self->values[CORE_FILING_FIELD_STAFF_SESSION];
  if (value != NULL && !is_staff_session (value))
    add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_STAFF_SESSION,
               "not a staff session from the registry");

  value = self->values[CORE_FILING_FIELD_PHOTO_WLT];
  if (value != NULL && (!is_base64 (value, &decoded) || decoded > WLT_MAX_BYTES))
    add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_PHOTO_WLT,
               "not base64 of at most %d bytes", WLT_MAX_BYTES);
}

/* Checks the fields against each other and against the document type. */
static void
check_rules (CoreFiling *self, GPtrArray *errors)
{
  const char *doc_type_text = self->values[CORE_FILING_FIELD_DOC_TYPE];
  const char *source = self->values[CORE_FILING_FIELD_SOURCE];
  IdcardDocumentType doc_type;
  gboolean have_doc_type = idcard_document_type_from_string (doc_type_text, &doc_type);
  gboolean foreign;
  GDate birth, from, until, today;

  require (self, errors, CORE_FILING_FIELD_FILING_ID, "");
  require (self, errors, CORE_FILING_FIELD_SOURCE, "");
  require (self, errors, CORE_FILING_FIELD_DOC_TYPE, "");
  require (self, errors, CORE_FILING_FIELD_DOC_NUMBER, "");
  require (self, errors, CORE_FILING_FIELD_SEX, "");
  require (self, errors, CORE_FILING_FIELD_BIRTH_DATE, "");

  if (have_doc_type && self->values[CORE_FILING_FIELD_DOC_NUMBER] != NULL)
    {
      g_autoptr (GError) error = NULL;
      if (!idcard_document_number_check (doc_type, self->values[CORE_FILING_FIELD_DOC_NUMBER],
                                         &error))
        add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_DOC_NUMBER, "%s",
                   error->message);
    }

  foreign = have_doc_type &&
            (doc_type == IDCARD_DOCUMENT_FOREIGN_PERMANENT || doc_type == IDCARD_DOCUMENT_PASSPORT);
  if (foreign)
    {
      if (self->values[CORE_FILING_FIELD_NAME] == NULL &&
          self->values[CORE_FILING_FIELD_NAME_EN] == NULL)
        add_error (errors, CORE_ERROR_MISSING_FIELD, CORE_FILING_FIELD_NAME_EN,
                   "required: a name or an English name");
      require (self, errors, CORE_FILING_FIELD_NATIONALITY, "for this document type");
    }
  else
    require (self, errors, CORE_FILING_FIELD_NAME, "");

  if (g_strcmp0 (source, "card") == 0)
    {
      const char *card_doc_type;
      gboolean known = FALSE;

      require (self, errors, CORE_FILING_FIELD_CARD_TYPE, "for card filings");
      require (self, errors, CORE_FILING_FIELD_ISSUER, "for card filings");
      require (self, errors, CORE_FILING_FIELD_VALID_FROM, "for card filings");
      require (self, errors, CORE_FILING_FIELD_VALID_UNTIL, "for card filings");
      forbid (self, errors, CORE_FILING_FIELD_STAFF_SESSION, "on card filings");
      if (self->original_checked)
        add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_ORIGINAL_CHECKED,
                   "only for manual filings");
      card_doc_type = card_type_doc_type (self->values[CORE_FILING_FIELD_CARD_TYPE], &known);
      if (self->values[CORE_FILING_FIELD_CARD_TYPE] != NULL && !known)
        add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_CARD_TYPE,
                   "unknown card type");
      else if (known && have_doc_type && g_strcmp0 (card_doc_type, doc_type_text) != 0)
        add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_CARD_TYPE,
                   "does not match doc_type");
      if (have_doc_type && doc_type == IDCARD_DOCUMENT_RESIDENT)
        {
          require (self, errors, CORE_FILING_FIELD_NATION, "on resident cards");
          require (self, errors, CORE_FILING_FIELD_ADDRESS, "on resident cards");
        }
      else if (have_doc_type && doc_type == IDCARD_DOCUMENT_HMT_RESIDENCE)
        require (self, errors, CORE_FILING_FIELD_ADDRESS, "on residence permits");
    }
  else if (g_strcmp0 (source, "manual") == 0)
    {
      /* a staff session the registry gave, never a name the kiosk wrote */
      require (self, errors, CORE_FILING_FIELD_STAFF_SESSION, "for manual filings");
      forbid (self, errors, CORE_FILING_FIELD_CARD_TYPE, "on manual filings");
      forbid (self, errors, CORE_FILING_FIELD_PHOTO_WLT, "on manual filings");
      if (!self->original_checked)
        add_error (errors, CORE_ERROR_MISSING_FIELD, CORE_FILING_FIELD_ORIGINAL_CHECKED,
                   "manual filings need the original document checked (true)");
    }

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  if (parse_date (self->values[CORE_FILING_FIELD_BIRTH_DATE], &birth) &&
      g_date_compare (&birth, &today) > 0)
    add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_BIRTH_DATE, "in the future");
  if (parse_date (self->values[CORE_FILING_FIELD_VALID_FROM], &from) &&
      parse_date (self->values[CORE_FILING_FIELD_VALID_UNTIL], &until) &&
      g_date_compare (&from, &until) > 0)
    add_error (errors, CORE_ERROR_INVALID_FIELD, CORE_FILING_FIELD_VALID_UNTIL,
               "before valid_from");
}

/* Canonical spelling, so one document is one person: lower-case UUID,
 * the document number as the shared rules write it. */
static void
normalize (CoreFiling *self)
{
  char *value;

  value = self->values[CORE_FILING_FIELD_FILING_ID];
  if (value != NULL)
    {
      self->values[CORE_FILING_FIELD_FILING_ID] = g_ascii_strdown (value, -1);
      g_free (value);
    }
  value = self->values[CORE_FILING_FIELD_DOC_NUMBER];
  if (value != NULL && strlen (value) <= field_info[CORE_FILING_FIELD_DOC_NUMBER].max_length)
    {
      self->values[CORE_FILING_FIELD_DOC_NUMBER] = idcard_document_number_normalize (value);
      g_free (value);
    }
}

/**
 * core_filing_validate_all:
 *
 * Normalises the filing id and document number, then checks every field.
 *
 * Returns: (transfer full) (element-type GError): one #CORE_ERROR per faulty
 *   field (see core_error_get_field()); empty when the filing is valid
 */
GPtrArray *
core_filing_validate_all (CoreFiling *self)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  g_return_val_if_fail (CORE_IS_FILING (self), errors);

  normalize (self);
  check_formats (self, errors);
  check_rules (self, errors);
  return errors;
}

/**
 * core_filing_validate:
 *
 * Like core_filing_validate_all() but reports only the first problem.
 */
gboolean
core_filing_validate (CoreFiling *self, GError **error)
{
  g_autoptr (GPtrArray) errors = core_filing_validate_all (self);

  if (errors->len == 0)
    return TRUE;
  g_propagate_error (error, g_error_copy (g_ptr_array_index (errors, 0)));
  return FALSE;
}

/* ---- JSON ---- */

/**
 * core_filing_decode_json_node:
 * @node: a JSON object
 * @out_filing: (out) (transfer full) (nullable): the filing, set only when it is valid
 *
 * Decodes and validates a filing strictly. Unknown members are rejected, so
 * a misspelt field never disappears silently.
 *
 * Returns: (transfer full) (element-type GError): the problems, one per
 *   field (or one #CORE_ERROR_BAD_JSON when @node is not an object); empty
 *   when @out_filing was set
 */
GPtrArray *
core_filing_decode_json_node (JsonNode *node, CoreFiling **out_filing)
{
  g_autoptr (CoreFiling) self = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GPtrArray) rule_errors = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  g_return_val_if_fail (out_filing != NULL, NULL);
  *out_filing = NULL;

  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_ptr_array_add (errors, g_error_new_literal (CORE_ERROR, CORE_ERROR_BAD_JSON,
                                                    "a filing is a JSON object"));
      return g_steal_pointer (&errors);
    }

  self = core_filing_new ();
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &member, &value))
    {
      CoreFilingField field;

      if (!core_filing_field_from_string (member, &field))
        {
          g_autofree char *shown = g_utf8_make_valid (member, MIN (strlen (member), 64));
          GError *error = NULL;
          g_set_error (
              &error, CORE_ERROR, CORE_ERROR_INVALID_FIELD, "%s: unknown field",
              g_strcanon (shown, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
                          '_'));
          g_ptr_array_add (errors, error);
          continue;
        }
      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      if (field == CORE_FILING_FIELD_ORIGINAL_CHECKED)
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
            add_error (errors, CORE_ERROR_INVALID_FIELD, field, "must be true or false");
          else
            self->original_checked = json_node_get_boolean (value);
          continue;
        }
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          add_error (errors, CORE_ERROR_INVALID_FIELD, field, "must be a string");
          continue;
        }
      g_free (self->values[field]);
      self->values[field] = g_strdup (json_node_get_string (value));
    }

  rule_errors = core_filing_validate_all (self);
  for (guint i = 0; i < rule_errors->len; i++)
    {
      GError *error = g_ptr_array_index (rule_errors, i);
      g_autofree char *name = core_error_get_field (error);
      CoreFilingField field;

      if (name != NULL && core_filing_field_from_string (name, &field))
        add_error (errors, error->code, field, "%s", error->message + strlen (name) + 2);
    }

  if (errors->len == 0)
    *out_filing = g_steal_pointer (&self);
  return g_steal_pointer (&errors);
}

/**
 * core_filing_new_from_json_node:
 *
 * Returns: (transfer full) (nullable): the valid filing, or %NULL with the
 *   first problem in @error
 */
CoreFiling *
core_filing_new_from_json_node (JsonNode *node, GError **error)
{
  CoreFiling *filing = NULL;
  g_autoptr (GPtrArray) errors = core_filing_decode_json_node (node, &filing);

  if (errors->len > 0)
    {
      g_propagate_error (error, g_error_copy (g_ptr_array_index (errors, 0)));
      return NULL;
    }
  return filing;
}

/**
 * core_filing_new_from_json:
 * @data: JSON text
 * @length: its length, or -1 when nul-terminated
 *
 * Returns: (transfer full) (nullable): the valid filing, or %NULL with
 *   #CORE_ERROR_BAD_JSON or the first field problem in @error
 */
CoreFiling *
core_filing_new_from_json (const char *data, gssize length, GError **error)
{
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if ((gsize) length > CORE_FILING_MAX_JSON_SIZE)
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_JSON, "a filing is at most %d bytes",
                   CORE_FILING_MAX_JSON_SIZE);
      return NULL;
    }
  root = core_json_parse (data, (gsize) length, error);
  if (root == NULL)
    return NULL;
  return core_filing_new_from_json_node (root, error);
}

/**
 * core_filing_to_json_node:
 *
 * Returns: (transfer full): the filing as the JSON object the registry takes;
 *   unset fields are left out, original_checked only when it is true
 */
JsonNode *
core_filing_to_json_node (CoreFiling *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (CORE_IS_FILING (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < CORE_FILING_FIELD_ORIGINAL_CHECKED; i++)
    {
      if (self->values[i] == NULL)
        continue;
      json_builder_set_member_name (builder, field_info[i].name);
      json_builder_add_string_value (builder, self->values[i]);
    }
  if (self->original_checked)
    {
      json_builder_set_member_name (builder, field_info[CORE_FILING_FIELD_ORIGINAL_CHECKED].name);
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
core_filing_to_json (CoreFiling *self)
{
  g_autoptr (JsonNode) node = core_filing_to_json_node (self);

  return json_to_string (node, FALSE);
}
