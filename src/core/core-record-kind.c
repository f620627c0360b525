/* core-record-kind.c: the kinds of practice-information records, described once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every kind of record a practitioner has (R-4.2 …) is one row of the
 * table below and its fields are rows of their own array. The registry
 * validates bodies and serves the table with it, the kiosk builds its lists
 * and forms from it, and the tests iterate over it: adding a kind is adding
 * rows here (and translating their labels), nothing else.
 *
 * Validation is strict because records come from the network: every member
 * must be a field of the kind with the right JSON type; texts are counted in
 * characters and may hold no control or bidirectional formatting character;
 * dates must exist; dictionary codes must be in their dictionary. Every
 * faulty field gets one error naming it (core_error_get_field()), with a
 * reason in the current language a form can show beside the field.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "core-error.h"
#include "core-filing.h"
#include "core-i18n.h"
#include "core-record-kind.h"
#include "core-text.h"

/* China has one time zone; "today" is the date there, wherever a server runs. */
#define CHINA_UTC_OFFSET (8 * 3600)
#define MIN_YEAR 1900
#define MAX_YEAR 2100
#define MAX_MEMBER_SHOWN 32

#define REQUIRED CORE_FIELD_REQUIRED
#define KEY CORE_FIELD_KEY
#define PAST CORE_FIELD_NOT_IN_FUTURE
#define OPEN_END CORE_FIELD_OPEN_END

/* One row per field: name, label, flags and what the type needs. */
#define TEXT(name, label, length, flags, format)                                                   \
  {                                                                                                \
    name, label, CORE_FIELD_TEXT, flags, length, NULL, CORE_FIELD_FORMAT_##format, NULL, 0, 0,     \
        NULL, 0                                                                                    \
  }
#define DATE(name, label, flags, not_before)                                                       \
  {                                                                                                \
    name, label, CORE_FIELD_DATE, flags, 0, NULL, CORE_FIELD_FORMAT_NONE, not_before, 0, 0, NULL,  \
        0                                                                                          \
  }
#define YEAR_MONTH(name, label, flags, not_before)                                                 \
  {                                                                                                \
    name, label, CORE_FIELD_YEAR_MONTH, flags, 0, NULL, CORE_FIELD_FORMAT_NONE, not_before, 0, 0,  \
        NULL, 0                                                                                    \
  }
#define DICTIONARY(name, label, dictionary, flags)                                                 \
  {                                                                                                \
    name, label, CORE_FIELD_DICTIONARY, flags, 0, dictionary, CORE_FIELD_FORMAT_NONE, NULL, 0, 0,  \
        NULL, 0                                                                                    \
  }
#define NUMBER(name, label, min, max, flags)                                                       \
  {                                                                                                \
    name, label, CORE_FIELD_NUMBER, flags, 0, NULL, CORE_FIELD_FORMAT_NONE, NULL, min, max, NULL,  \
        0                                                                                          \
  }
#define LIST(name, label, max_items, flags, items)                                                 \
  {                                                                                                \
    name, label, CORE_FIELD_LIST, flags, max_items, NULL, CORE_FIELD_FORMAT_NONE, NULL, 0, 0,      \
        items, G_N_ELEMENTS (items)                                                                \
  }
#define FIELDS(array) array, G_N_ELEMENTS (array)

/* ---- the table ---- */

/* The education certificate rule reads these two fields of its record. */
#define EDUCATION_LEVEL_FIELD "level"
#define EDUCATION_DATE_FIELD "graduated_on"

static const CoreRecordField education_fields[] = {
  TEXT ("school", N_ ("School"), 64, REQUIRED | KEY, NONE),
  TEXT ("major", N_ ("Major"), 50, REQUIRED | KEY, NONE),
  DICTIONARY (EDUCATION_LEVEL_FIELD, N_ ("Education level"), "education-levels", REQUIRED | KEY),
  DICTIONARY ("study_form", N_ ("Form of study"), "learning-forms", 0),
  NUMBER ("duration", N_ ("Length of schooling (years)"), 0.5, 10, 0),
  DATE ("enrolled_on", N_ ("Enrolment date"), PAST, NULL),
  DATE (EDUCATION_DATE_FIELD, N_ ("Graduation date"), REQUIRED | KEY | PAST, "enrolled_on"),
  DICTIONARY ("conclusion", N_ ("Graduation result"), "graduation-results", 0),
  TEXT ("certificate_number",
        N_ ("Education certificate number"),
        32,
        REQUIRED,
        EDUCATION_CERTIFICATE),
};

static const CoreRecordField degree_fields[] = {
  DICTIONARY ("degree", N_ ("Degree"), "degrees", REQUIRED | KEY),
  TEXT ("subject", N_ ("Discipline or major"), 50, REQUIRED | KEY, NONE),
  TEXT ("grantor", N_ ("Awarding institution"), 64, REQUIRED | KEY, NONE),
  DATE ("granted_on", N_ ("Date awarded"), REQUIRED | KEY | PAST, NULL),
  TEXT ("certificate_number", N_ ("Degree certificate number"), 32, REQUIRED, CERTIFICATE_NUMBER),
};

static const CoreRecordField title_fields[] = {
  TEXT ("title", N_ ("Title"), 50, REQUIRED | KEY, NONE),
  TEXT ("specialty", N_ ("Title specialty"), 50, REQUIRED | KEY, NONE),
  DICTIONARY ("level", N_ ("Title level"), "title-levels", REQUIRED | KEY),
  TEXT ("issuer", N_ ("Assessing or issuing authority"), 64, 0, NONE),
  DATE ("obtained_on", N_ ("Date obtained"), REQUIRED | KEY | PAST, NULL),
  TEXT ("certificate_number", N_ ("Certificate number"), 32, REQUIRED, CERTIFICATE_NUMBER),
};

static const CoreRecordField training_fields[] = {
  DICTIONARY ("certificate_type", N_ ("Certificate type"), "certificate-types", REQUIRED | KEY),
  DICTIONARY ("trade", N_ ("Trade"), "work-types", REQUIRED | KEY),
  DICTIONARY ("grade", N_ ("Skill level"), "skill-levels", KEY),
  TEXT ("certificate_number", N_ ("Certificate number"), 32, REQUIRED, CERTIFICATE_NUMBER),
  TEXT ("issuer", N_ ("Issuing body"), 64, REQUIRED, NONE),
  DATE ("issued_on", N_ ("Date of issue"), REQUIRED | KEY | PAST, NULL),
  DATE ("valid_until", N_ ("Valid until"), 0, "issued_on"),
};

static const CoreRecordField work_history_fields[] = {
  TEXT ("company", N_ ("Employer"), 64, REQUIRED | KEY, NONE),
  TEXT ("department", N_ ("Department"), 50, 0, NONE),
  TEXT ("position", N_ ("Position"), 50, REQUIRED | KEY, NONE),
  YEAR_MONTH ("start_month", N_ ("Start (year and month)"), REQUIRED | KEY | PAST, NULL),
  YEAR_MONTH ("end_month", N_ ("End (year and month)"), KEY | PAST | OPEN_END, "start_month"),
  TEXT ("referee", N_ ("Referee"), 30, 0, NONE),
  TEXT ("referee_phone", N_ ("Referee's phone"), 20, 0, PHONE),
};

static const CoreRecordField specialty_fields[] = {
  TEXT ("specialty", N_ ("Specialty"), 50, REQUIRED, NONE),
  DATE ("valid_from", N_ ("Valid from"), 0, NULL),
  DATE ("valid_until", N_ ("Valid until"), 0, "valid_from"),
};

static const CoreRecordField registration_fields[] = {
  DICTIONARY ("category",
              N_ ("Registration category and class"),
              "registration-categories",
              REQUIRED | KEY),
  TEXT ("certificate_number",
        N_ ("Registration certificate number"),
        32,
        REQUIRED | KEY,
        CERTIFICATE_NUMBER),
  TEXT ("seal_number", N_ ("Practice seal number"), 32, 0, CERTIFICATE_NUMBER),
  DATE ("issued_on", N_ ("Date of issue"), PAST, NULL),
  TEXT ("issuer", N_ ("Issuing organisation"), 64, 0, NONE),
  DATE ("valid_until", N_ ("Registration valid until"), KEY, "issued_on"),
  TEXT ("company", N_ ("Registered employer"), 64, KEY, NONE),
  TEXT ("company_code", N_ ("Unified social credit code"), 18, 0, CREDIT_CODE),
  TEXT ("status", N_ ("Practice status"), 20, 0, NONE),
  LIST ("specialties", N_ ("Registered specialties"), 10, 0, specialty_fields),
};

static const CoreRecordField project_fields[] = {
  TEXT ("name", N_ ("Project name"), 100, REQUIRED | KEY, NONE),
  TEXT ("code", N_ ("Project code"), 50, 0, NONE),
  DICTIONARY ("category", N_ ("Project category"), "project-categories", KEY),
  TEXT ("owner", N_ ("Client (owner)"), 64, 0, NONE),
  DICTIONARY ("role", N_ ("Role"), "project-roles", KEY),
  DATE ("started_on", N_ ("Start date"), KEY | PAST, NULL),
  DATE ("completed_on", N_ ("Completion date"), PAST, "started_on"),
  NUMBER ("investment_wan", N_ ("Total investment (10,000 yuan)"), 0, 100000000, 0),
  NUMBER ("area_m2", N_ ("Area (square metres)"), 0, 100000000, 0),
  TEXT ("location", N_ ("Location"), 100, 0, NONE),
};

/* name, title, requirement, editable, attachments, max records, fields */
static const CoreRecordKind kinds[] = {
  { "education", N_ ("Education"), "R-4.2", TRUE, TRUE, 50, FIELDS (education_fields) },
  { "degrees", N_ ("Degrees"), "R-4.2", TRUE, TRUE, 50, FIELDS (degree_fields) },
  { "titles", N_ ("Professional titles"), "R-4.3", TRUE, TRUE, 50, FIELDS (title_fields) },
  { "trainings", N_ ("Skill training certificates"), "R-4.5", TRUE, TRUE, 50,
    FIELDS (training_fields) },
  { "work-history", N_ ("Work history"), "R-4.6", TRUE, FALSE, 50, FIELDS (work_history_fields) },
  { "registrations", N_ ("Registrations"), "R-4.4", FALSE, FALSE, 0, FIELDS (registration_fields) },
  { "projects", N_ ("Project performance"), "R-4.7", FALSE, FALSE, 0, FIELDS (project_fields) },
};

/* ---- looking up ---- */

/**
 * core_record_kinds_get:
 * @out_n_kinds: (out): how many kinds there are
 *
 * Returns: (transfer none) (array length=out_n_kinds): every kind, in the
 *   order a practitioner's home shows them
 */
const CoreRecordKind *
core_record_kinds_get (guint *out_n_kinds)
{
  g_return_val_if_fail (out_n_kinds != NULL, NULL);
  *out_n_kinds = G_N_ELEMENTS (kinds);
  return kinds;
}

/**
 * core_record_kind_lookup:
 * @name: a kind's name in URLs, e.g. "work-history"
 *
 * Returns: (transfer none) (nullable): the kind, or %NULL
 */
const CoreRecordKind *
core_record_kind_lookup (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (kinds); i++)
    {
      if (strcmp (kinds[i].name, name) == 0)
        return &kinds[i];
    }
  return NULL;
}

/**
 * core_record_kind_get_title:
 *
 * Returns: (transfer none): the kind's title in the current language
 */
const char *
core_record_kind_get_title (const CoreRecordKind *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);
  return _ (kind->title);
}

/**
 * core_record_kind_lookup_field:
 * @name: a field's name, e.g. "graduated_on"
 *
 * Returns: (transfer none) (nullable): the field of @kind, or %NULL
 */
const CoreRecordField *
core_record_kind_lookup_field (const CoreRecordKind *kind, const char *name)
{
  g_return_val_if_fail (kind != NULL, NULL);
  for (guint i = 0; name != NULL && i < kind->n_fields; i++)
    {
      if (strcmp (kind->fields[i].name, name) == 0)
        return &kind->fields[i];
    }
  return NULL;
}

/**
 * core_record_field_get_label:
 *
 * Returns: (transfer none): the field's label in the current language
 */
const char *
core_record_field_get_label (const CoreRecordField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return _ (field->label);
}

gboolean
core_record_field_is_required (const CoreRecordField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return (field->flags & CORE_FIELD_REQUIRED) != 0;
}

gboolean
core_record_field_is_key (const CoreRecordField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return (field->flags & CORE_FIELD_KEY) != 0;
}

/**
 * core_field_type_to_string:
 *
 * Returns: the type's name in JSON, e.g. "year-month"
 */
const char *
core_field_type_to_string (CoreFieldType type)
{
  switch (type)
    {
      case CORE_FIELD_TEXT:
        return "text";
      case CORE_FIELD_DATE:
        return "date";
      case CORE_FIELD_YEAR_MONTH:
        return "year-month";
      case CORE_FIELD_DICTIONARY:
        return "dictionary";
      case CORE_FIELD_NUMBER:
        return "number";
      case CORE_FIELD_LIST:
        return "list";
      default:
        g_return_val_if_reached (NULL);
    }
}

/**
 * core_field_format_to_string:
 *
 * Returns: (nullable): the format's name in JSON, e.g. "phone"; %NULL for none
 */
const char *
core_field_format_to_string (CoreFieldFormat format)
{
  switch (format)
    {
      case CORE_FIELD_FORMAT_NONE:
        return NULL;
      case CORE_FIELD_FORMAT_CERTIFICATE_NUMBER:
        return "certificate_number";
      case CORE_FIELD_FORMAT_EDUCATION_CERTIFICATE:
        return "education_certificate";
      case CORE_FIELD_FORMAT_PHONE:
        return "phone";
      case CORE_FIELD_FORMAT_CREDIT_CODE:
        return "credit_code";
      default:
        g_return_val_if_reached (NULL);
    }
}

/* ---- formats ---- */

/* GB 32100-2015: 18 characters of this alphabet; the last is a check
 * character, weights 3^i mod 31. */
static const char credit_code_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/**
 * core_credit_code_is_valid:
 * @text: a unified social credit code (统一社会信用代码)
 *
 * Returns: %TRUE for 18 characters of the GB 32100 alphabet (upper case)
 *   with the right check character
 */
gboolean
core_credit_code_is_valid (const char *text)
{
  guint weight = 1;
  guint sum = 0;
  guint check;

  if (text == NULL || strlen (text) != 18)
    return FALSE;
  for (guint i = 0; i < 18; i++)
    {
      const char *found = text[i] != '\0' ? strchr (credit_code_alphabet, text[i]) : NULL;

      if (found == NULL)
        return FALSE;
      if (i < 17)
        {
          sum += (guint) (found - credit_code_alphabet) * weight;
          weight = weight * 3 % 31;
        }
      else
        {
          check = (31 - sum % 31) % 31;
          if ((guint) (found - credit_code_alphabet) != check)
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
all_digits (const char *text, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

/* 0 + area code (2 or 3 more digits), optional '-', a local number of 7 or
 * 8 digits not starting with 0 or 1, optional '-' extension of 1–6 digits. */
static gboolean
is_landline (const char *text)
{
  for (gsize area = 3; area <= 4; area++)
    {
      const char *p = text;
      gsize local;
      const char *rest;

      if (strlen (p) < area || p[0] != '0' || p[1] == '0' || !all_digits (p, area))
        continue;
      p += area;
      if (*p == '-')
        p++;
      rest = strchr (p, '-');
      local = rest != NULL ? (gsize) (rest - p) : strlen (p);
      if ((local != 7 && local != 8) || !all_digits (p, local) || p[0] < '2')
        continue;
      if (rest == NULL)
        return TRUE;
      rest++;
      if (strlen (rest) >= 1 && strlen (rest) <= 6 && all_digits (rest, strlen (rest)))
        return TRUE;
    }
  return FALSE;
}

/**
 * core_phone_number_is_valid:
 * @text: a phone number as typed
 *
 * Returns: %TRUE for an 11-digit mainland mobile number or a landline with
 *   its area code, e.g. "010-12345678" or "075512345678-123"
 */
gboolean
core_phone_number_is_valid (const char *text)
{
  return text != NULL && (core_phone_is_mobile (text) || is_landline (text));
}

static gboolean
is_certificate_number (const char *text)
{
  gboolean digit = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && g_ascii_isdigit (c))
        digit = TRUE;
      else if (c < 0x80 && !g_ascii_isalpha (c) && strchr ("-/()[]", (int) c) == NULL)
        return FALSE;
      /* Chinese characters, full-width brackets （）〔〕【】 */
      else if (c >= 0x80 && g_unichar_get_script (c) != G_UNICODE_SCRIPT_HAN && c != 0xFF08 &&
               c != 0xFF09 && c != 0x3014 && c != 0x3015 && c != 0x3010 && c != 0x3011)
        return FALSE;
    }
  return digit;
}

/* Higher-education diplomas (bachelor's 21, college 31) have been registered
 * electronically since 2001, each with an 18-digit number: school code (5),
 * kind of school (1), year (4), level (2), serial (6). 2002 leaves a margin. */
static gboolean
needs_registered_number (JsonObject *record)
{
  JsonNode *level = json_object_get_member (record, EDUCATION_LEVEL_FIELD);
  JsonNode *date = json_object_get_member (record, EDUCATION_DATE_FIELD);
  const char *level_code;
  const char *date_text;

  if (level == NULL || date == NULL || !JSON_NODE_HOLDS_VALUE (level) ||
      !JSON_NODE_HOLDS_VALUE (date) || json_node_get_value_type (level) != G_TYPE_STRING ||
      json_node_get_value_type (date) != G_TYPE_STRING)
    return FALSE;
  level_code = json_node_get_string (level);
  date_text = json_node_get_string (date);
  return (g_strcmp0 (level_code, "21") == 0 || g_strcmp0 (level_code, "31") == 0) &&
         strlen (date_text) >= 4 && all_digits (date_text, 4) &&
         g_ascii_strtoull (date_text, NULL, 10) >= 2002;
}

/* Returns the reason @text does not have @format, or NULL. */
static const char *
check_format (CoreFieldFormat format, const char *text, JsonObject *record)
{
  switch (format)
    {
      case CORE_FIELD_FORMAT_NONE:
        return NULL;
      case CORE_FIELD_FORMAT_CERTIFICATE_NUMBER:
        return is_certificate_number (text)
                   ? NULL
                   : _ ("only letters, digits and Chinese characters, with at least one digit");
      case CORE_FIELD_FORMAT_EDUCATION_CERTIFICATE:
        if (!is_certificate_number (text))
          return _ ("only letters, digits and Chinese characters, with at least one digit");
        if (needs_registered_number (record) && (strlen (text) != 18 || !all_digits (text, 18)))
          return _ ("a diploma registered since 2002 has an 18-digit number");
        return NULL;
      case CORE_FIELD_FORMAT_PHONE:
        return core_phone_number_is_valid (text)
                   ? NULL
                   : _ ("not a mobile number, or a landline number with its area code");
      case CORE_FIELD_FORMAT_CREDIT_CODE:
        return core_credit_code_is_valid (text) ? NULL : _ ("not a unified social credit code");
      default:
        g_return_val_if_reached (NULL);
    }
}

/* ---- validation ---- */

typedef struct
{
  CoreDictionarySet *dictionaries;
  char today[11];     /* YYYY-MM-DD in China */
  GPtrArray *errors;  /* GError */
  GHashTable *faulty; /* paths of fields with an error */
} Validation;

static void add_error (Validation *v, CoreError code, const char *path, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static void
add_error (Validation *v, CoreError code, const char *path, const char *format, ...)
{
  g_autofree char *message = NULL;
  GError *error = NULL;
  va_list args;

  /* one error per field: the first reason found is the one reported */
  if (g_hash_table_contains (v->faulty, path))
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  core_error_set_field (&error, code, path, "%s", message);
  g_ptr_array_add (v->errors, error);
  g_hash_table_add (v->faulty, g_strdup (path));
}

static gboolean
parse_digits (const char *text, gsize len, guint *out)
{
  if (!all_digits (text, len))
    return FALSE;
  *out = (guint) g_ascii_strtoull (text, NULL, 10);
  return TRUE;
}

/* YYYY-MM-DD (or YYYY-MM with @with_day FALSE) of a day that exists. */
static gboolean
is_date (const char *text, gboolean with_day)
{
  gsize len = with_day ? 10 : 7;
  guint year, month, day = 1;

  if (strlen (text) != len || text[4] != '-' || !parse_digits (text, 4, &year) ||
      !parse_digits (text + 5, 2, &month))
    return FALSE;
  if (with_day && (text[7] != '-' || !parse_digits (text + 8, 2, &day)))
    return FALSE;
  return year >= MIN_YEAR && year <= MAX_YEAR && g_date_valid_dmy (day, month, year);
}

static const char *
text_problem (CoreTextProblem problem)
{
  switch (problem)
    {
      case CORE_TEXT_EMPTY:
        return _ ("must not be empty");
      case CORE_TEXT_BIDI:
        return _ ("contains bidirectional formatting characters");
      case CORE_TEXT_CONTROL:
      case CORE_TEXT_INVALID_UTF8:
        return _ ("contains control characters");
      case CORE_TEXT_OK:
      case CORE_TEXT_TOO_LONG:
      default:
        return NULL;
    }
}

static void check_object (Validation *v,
                          const CoreRecordField *fields,
                          guint n_fields,
                          JsonObject *object,
                          const char *prefix);

static void
check_string (Validation *v,
              const CoreRecordField *field,
              const char *path,
              JsonNode *node,
              JsonObject *object)
{
  const char *text = json_node_get_string (node);
  CoreTextProblem problem;
  const char *reason;
  gsize max_chars;

  switch (field->type)
    {
      case CORE_FIELD_DATE:
        max_chars = 10;
        break;
      case CORE_FIELD_YEAR_MONTH:
        max_chars = 7;
        break;
      case CORE_FIELD_DICTIONARY:
        max_chars = CORE_DICTIONARY_MAX_CODE;
        break;
      case CORE_FIELD_TEXT:
      case CORE_FIELD_NUMBER:
      case CORE_FIELD_LIST:
      default:
        max_chars = field->max_length;
        break;
    }

  problem = core_text_check (text, G_MAXSIZE);
  if (problem != CORE_TEXT_OK)
    {
      add_error (v, CORE_ERROR_INVALID_FIELD, path, "%s", text_problem (problem));
      return;
    }

  switch (field->type)
    {
      case CORE_FIELD_TEXT:
        if ((gsize) g_utf8_strlen (text, -1) > max_chars)
          add_error (v, CORE_ERROR_INVALID_FIELD, path, _ ("at most %u characters"),
                     field->max_length);
        else if ((reason = check_format (field->format, text, object)) != NULL)
          add_error (v, CORE_ERROR_INVALID_FIELD, path, "%s", reason);
        break;
      case CORE_FIELD_DATE:
        if (!is_date (text, TRUE))
          add_error (v, CORE_ERROR_INVALID_FIELD, path, "%s", _ ("not a date (YYYY-MM-DD)"));
        else if ((field->flags & CORE_FIELD_NOT_IN_FUTURE) && strcmp (text, v->today) > 0)
          add_error (v, CORE_ERROR_INVALID_FIELD, path, "%s", _ ("lies in the future"));
        break;
      case CORE_FIELD_YEAR_MONTH:
        if (!is_date (text, FALSE))
          add_error (v, CORE_ERROR_INVALID_FIELD, path, "%s",
                     (field->flags & CORE_FIELD_OPEN_END)
                         ? _ ("not a year and month (YYYY-MM); leave it empty for “until now”")
                         : _ ("not a year and month (YYYY-MM)"));
        else if ((field->flags & CORE_FIELD_NOT_IN_FUTURE) && strncmp (text, v->today, 7) > 0)
          add_error (v, CORE_ERROR_INVALID_FIELD, path, "%s", _ ("lies in the future"));
        break;
      case CORE_FIELD_DICTIONARY:
        {
          CoreDictionary *dictionary =
              core_dictionary_set_lookup (v->dictionaries, field->dictionary);

          if (strlen (text) > max_chars || dictionary == NULL ||
              core_dictionary_lookup (dictionary, text) == NULL)
            add_error (v, CORE_ERROR_INVALID_FIELD, path, "%s", _ ("not one of the choices"));
        }
        break;
      case CORE_FIELD_NUMBER:
      case CORE_FIELD_LIST:
      default:
        g_assert_not_reached ();
    }
}

static void
check_number (Validation *v, const CoreRecordField *field, const char *path, JsonNode *node)
{
  double value = json_node_get_double (node); /* converts an integer too */

  if (!isfinite (value) || value < field->min || value > field->max)
    {
      char min[G_ASCII_DTOSTR_BUF_SIZE];
      char max[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (min, sizeof min, "%g", field->min);
      g_ascii_formatd (max, sizeof max, "%g", field->max);
      add_error (v, CORE_ERROR_INVALID_FIELD, path, _ ("from %s to %s"), min, max);
    }
}

static void
check_list (Validation *v, const CoreRecordField *field, const char *path, JsonNode *node)
{
  JsonArray *array = json_node_get_array (node);
  guint length = json_array_get_length (array);

  if (length == 0 && (field->flags & CORE_FIELD_REQUIRED))
    {
      add_error (v, CORE_ERROR_MISSING_FIELD, path, "%s", _ ("required"));
      return;
    }
  if (length > field->max_length)
    {
      add_error (v, CORE_ERROR_INVALID_FIELD, path, _ ("at most %u entries"), field->max_length);
      return;
    }
  for (guint i = 0; i < length; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      g_autofree char *prefix = g_strdup_printf ("%s.", item_path);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        add_error (v, CORE_ERROR_INVALID_FIELD, item_path, "%s", _ ("must be an object"));
      else
        check_object (v, field->items, field->n_items, json_node_get_object (item), prefix);
    }
}

static gboolean
holds_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
holds_number (JsonNode *node)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static const CoreRecordField *
find_field (const CoreRecordField *fields, guint n_fields, const char *name)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (strcmp (fields[i].name, name) == 0)
        return &fields[i];
    }
  return NULL;
}

/* Member names come from outside: shown only as plain identifier characters. */
static char *
shown_member (const char *prefix, const char *member)
{
  g_autofree char *valid = g_utf8_make_valid (member, MIN (strlen (member), MAX_MEMBER_SHOWN));

  g_strcanon (valid, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", '_');
  return g_strconcat (prefix, *valid != '\0' ? valid : "_", NULL);
}

static void
check_object (Validation *v,
              const CoreRecordField *fields,
              guint n_fields,
              JsonObject *object,
              const char *prefix)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    {
      /* "id" and "version" are checked by the caller at the top level */
      if (find_field (fields, n_fields, member) == NULL &&
          !(*prefix == '\0' && (strcmp (member, "id") == 0 || strcmp (member, "version") == 0)))
        {
          g_autofree char *path = shown_member (prefix, member);
          add_error (v, CORE_ERROR_INVALID_FIELD, path, "%s", _ ("unknown field"));
        }
    }

  for (guint i = 0; i < n_fields; i++)
    {
      const CoreRecordField *field = &fields[i];
      g_autofree char *path = g_strconcat (prefix, field->name, NULL);

      node = json_object_get_member (object, field->name);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          if (field->flags & CORE_FIELD_REQUIRED)
            add_error (v, CORE_ERROR_MISSING_FIELD, path, "%s", _ ("required"));
          continue;
        }
      switch (field->type)
        {
          case CORE_FIELD_TEXT:
          case CORE_FIELD_DATE:
          case CORE_FIELD_YEAR_MONTH:
          case CORE_FIELD_DICTIONARY:
            if (!holds_string (node))
              add_error (v, CORE_ERROR_INVALID_FIELD, path, "%s", _ ("must be text"));
            else
              check_string (v, field, path, node, object);
            break;
          case CORE_FIELD_NUMBER:
            if (!holds_number (node))
              add_error (v, CORE_ERROR_INVALID_FIELD, path, "%s", _ ("must be a number"));
            else
              check_number (v, field, path, node);
            break;
          case CORE_FIELD_LIST:
            if (!JSON_NODE_HOLDS_ARRAY (node))
              add_error (v, CORE_ERROR_INVALID_FIELD, path, "%s", _ ("must be a list"));
            else
              check_list (v, field, path, node);
            break;
          default:
            g_assert_not_reached ();
        }
    }

  /* end >= start, once both are valid on their own; same types compare as text */
  for (guint i = 0; i < n_fields; i++)
    {
      const CoreRecordField *field = &fields[i];
      const CoreRecordField *start;
      g_autofree char *path = g_strconcat (prefix, field->name, NULL);
      g_autofree char *start_path = NULL;
      JsonNode *start_node;

      if (field->not_before == NULL ||
          (node = json_object_get_member (object, field->name)) == NULL ||
          JSON_NODE_HOLDS_NULL (node) || g_hash_table_contains (v->faulty, path))
        continue;
      start = find_field (fields, n_fields, field->not_before);
      if (start == NULL) /* a mistake in the table, which its test catches */
        continue;
      start_path = g_strconcat (prefix, start->name, NULL);
      start_node = json_object_get_member (object, start->name);
      if (start_node == NULL || JSON_NODE_HOLDS_NULL (start_node) ||
          g_hash_table_contains (v->faulty, start_path))
        continue;
      if (strcmp (json_node_get_string (node), json_node_get_string (start_node)) < 0)
        add_error (v, CORE_ERROR_INVALID_FIELD, path, _ ("earlier than “%s”"),
                   core_record_field_get_label (start));
    }
}

static void
check_meta (Validation *v, JsonObject *record, CoreRecordValidateFlags flags)
{
  static const char *const members[] = { "version", "id" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *node = json_object_get_member (record, members[i]);
      gboolean present = node != NULL && !JSON_NODE_HOLDS_NULL (node);

      if (!(flags & CORE_RECORD_VALIDATE_UPDATE))
        {
          if (node != NULL)
            add_error (v, CORE_ERROR_INVALID_FIELD, members[i], "%s", _ ("set by the registry"));
        }
      else if (!present)
        {
          if (i == 0)
            add_error (v, CORE_ERROR_MISSING_FIELD, members[i], "%s", _ ("required"));
        }
      else if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
               json_node_get_int (node) < 1)
        add_error (v, CORE_ERROR_INVALID_FIELD, members[i], "%s",
                   _ ("must be a positive whole number"));
    }
}

/**
 * core_record_validate:
 * @kind: the record's kind
 * @dictionaries: the dictionaries its dictionary fields name
 * @record: the record's JSON object; a member that is null counts as absent
 * @flags: whether "version" and "id" belong in @record
 * @out_field_errors: (out) (optional) (transfer full) (element-type GError):
 *   one #CORE_ERROR per faulty field, named as in "specialties[0].valid_until"
 *   (see core_error_get_field() and core_error_get_reason()); empty when valid
 *
 * Checks @record against its kind's description: unknown members, JSON
 * types, lengths in characters, control and bidirectional formatting
 * characters, dates that exist, dictionary codes, formats and the order of
 * dates. (A NUL character cannot be in a #JsonObject: core_json_parse()
 * refuses it in the text.)
 *
 * Returns: %TRUE when @record is a valid record of @kind
 */
/**
 * core_record_today:
 *
 * Today's date in China, where "not in the future" is judged.
 *
 * Returns: (transfer full): "YYYY-MM-DD"
 */
char *
core_record_today (void)
{
  g_autoptr (GTimeZone) china = g_time_zone_new_offset (CHINA_UTC_OFFSET);
  g_autoptr (GDateTime) now = g_date_time_new_now (china);

  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
core_record_validate (const CoreRecordKind *kind,
                      CoreDictionarySet *dictionaries,
                      JsonObject *record,
                      CoreRecordValidateFlags flags,
                      GPtrArray **out_field_errors)
{
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr (GHashTable) faulty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *today = core_record_today ();
  Validation v = { dictionaries, { 0 }, errors, faulty };
  gboolean valid;

  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (CORE_IS_DICTIONARY_SET (dictionaries), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  g_strlcpy (v.today, today, sizeof v.today);
  check_object (&v, kind->fields, kind->n_fields, record, "");
  check_meta (&v, record, flags);

  valid = errors->len == 0;
  if (out_field_errors != NULL)
    *out_field_errors = g_steal_pointer (&errors);
  return valid;
}

/* ---- the table for others ---- */

static gboolean
check_field_dictionaries (const CoreRecordKind *kind,
                          const CoreRecordField *fields,
                          guint n_fields,
                          CoreDictionarySet *dictionaries,
                          GError **error)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const CoreRecordField *field = &fields[i];

      if (field->type == CORE_FIELD_DICTIONARY &&
          core_dictionary_set_lookup (dictionaries, field->dictionary) == NULL)
        {
          g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                       "record kind %s, field %s: dictionary \"%s\" is missing", kind->name,
                       field->name, field->dictionary);
          return FALSE;
        }
      if (field->type == CORE_FIELD_LIST &&
          !check_field_dictionaries (kind, field->items, field->n_items, dictionaries, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * core_record_kinds_check_dictionaries:
 *
 * A program that validates records checks at start that the dictionaries
 * it loaded have every one the kinds name.
 *
 * Returns: %TRUE when they do; otherwise %FALSE with %CORE_ERROR_BAD_DATA
 */
gboolean
core_record_kinds_check_dictionaries (CoreDictionarySet *dictionaries, GError **error)
{
  g_return_val_if_fail (CORE_IS_DICTIONARY_SET (dictionaries), FALSE);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      if (!check_field_dictionaries (&kinds[k], kinds[k].fields, kinds[k].n_fields, dictionaries,
                                     error))
        return FALSE;
    }
  return TRUE;
}

static void
add_labels (JsonBuilder *builder, const char *member, const char *msgid)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, CORE_LANGUAGE_ZH_CN);
  json_builder_add_string_value (builder, core_i18n_translate (CORE_LANGUAGE_ZH_CN, msgid));
  json_builder_set_member_name (builder, CORE_LANGUAGE_EN);
  json_builder_add_string_value (builder, core_i18n_translate (CORE_LANGUAGE_EN, msgid));
  json_builder_end_object (builder);
}

static void
add_fields (JsonBuilder *builder, const CoreRecordField *fields, guint n_fields)
{
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_fields; i++)
    {
      const CoreRecordField *field = &fields[i];
      const char *format = core_field_format_to_string (field->format);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, field->name);
      add_labels (builder, "label", field->label);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, core_field_type_to_string (field->type));
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, (field->flags & CORE_FIELD_REQUIRED) != 0);
      json_builder_set_member_name (builder, "key");
      json_builder_add_boolean_value (builder, (field->flags & CORE_FIELD_KEY) != 0);
      switch (field->type)
        {
          case CORE_FIELD_TEXT:
            json_builder_set_member_name (builder, "max_length");
            json_builder_add_int_value (builder, field->max_length);
            break;
          case CORE_FIELD_DICTIONARY:
            json_builder_set_member_name (builder, "dictionary");
            json_builder_add_string_value (builder, field->dictionary);
            break;
          case CORE_FIELD_NUMBER:
            json_builder_set_member_name (builder, "min");
            json_builder_add_double_value (builder, field->min);
            json_builder_set_member_name (builder, "max");
            json_builder_add_double_value (builder, field->max);
            break;
          case CORE_FIELD_LIST:
            json_builder_set_member_name (builder, "max_items");
            json_builder_add_int_value (builder, field->max_length);
            add_fields (builder, field->items, field->n_items);
            break;
          case CORE_FIELD_DATE:
          case CORE_FIELD_YEAR_MONTH:
          default:
            break;
        }

      json_builder_set_member_name (builder, "rule");
      json_builder_begin_object (builder);
      if (format != NULL)
        {
          json_builder_set_member_name (builder, "format");
          json_builder_add_string_value (builder, format);
        }
      if (field->not_before != NULL)
        {
          json_builder_set_member_name (builder, "not_before");
          json_builder_add_string_value (builder, field->not_before);
        }
      if (field->flags & CORE_FIELD_NOT_IN_FUTURE)
        {
          json_builder_set_member_name (builder, "not_in_future");
          json_builder_add_boolean_value (builder, TRUE);
        }
      if (field->flags & CORE_FIELD_OPEN_END)
        {
          json_builder_set_member_name (builder, "open_end");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * core_record_kinds_to_json:
 *
 * The table for clients that build their forms from it (`GET
 * /v1/record-kinds`). Labels come in both languages whatever the process's
 * locale is.
 *
 * Returns: (transfer full): `{"kinds": [{"name", "title": {"zh_CN", "en"},
 *   "requirement", "editable", "attachments", "max_records" (editable kinds),
 *   "fields": [{"name", "label", "type", "required", "key", "max_length"
 *   (text), "dictionary", "min"/"max" (number), "max_items"/"fields" (list),
 *   "rule": {"format", "not_before", "not_in_future", "open_end"}}]}]}`
 */
JsonNode *
core_record_kinds_to_json (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kinds");
  json_builder_begin_array (builder);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const CoreRecordKind *kind = &kinds[k];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, kind->name);
      add_labels (builder, "title", kind->title);
      json_builder_set_member_name (builder, "requirement");
      json_builder_add_string_value (builder, kind->requirement);
      json_builder_set_member_name (builder, "editable");
      json_builder_add_boolean_value (builder, kind->editable);
      json_builder_set_member_name (builder, "attachments");
      json_builder_add_boolean_value (builder, kind->attachments);
      if (kind->editable)
        {
          json_builder_set_member_name (builder, "max_records");
          json_builder_add_int_value (builder, kind->max_records);
        }
      add_fields (builder, kind->fields, kind->n_fields);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
