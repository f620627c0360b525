/* core-record-kind.h: the kinds of practice-information records, described once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "core-dictionary-set.h"

G_BEGIN_DECLS

/**
 * CoreFieldType:
 * @CORE_FIELD_TEXT: "text": a JSON string of at most max_length characters
 * @CORE_FIELD_DATE: "date": a JSON string YYYY-MM-DD
 * @CORE_FIELD_YEAR_MONTH: "year-month": a JSON string YYYY-MM
 * @CORE_FIELD_DICTIONARY: "dictionary": a JSON string, a code of the field's dictionary
 * @CORE_FIELD_NUMBER: "number": a JSON number between min and max
 * @CORE_FIELD_LIST: "list": a JSON array of at most max_length objects, each
 *   with the fields in items (the specialties of a registration)
 */
typedef enum
{
  CORE_FIELD_TEXT,
  CORE_FIELD_DATE,
  CORE_FIELD_YEAR_MONTH,
  CORE_FIELD_DICTIONARY,
  CORE_FIELD_NUMBER,
  CORE_FIELD_LIST,
} CoreFieldType;

/**
 * CoreFieldFormat:
 * @CORE_FIELD_FORMAT_NONE: any text
 * @CORE_FIELD_FORMAT_CERTIFICATE_NUMBER: "certificate_number": letters,
 *   digits, Chinese characters, '-', '/' and brackets, with at least one digit
 * @CORE_FIELD_FORMAT_EDUCATION_CERTIFICATE: "education_certificate": a
 *   certificate number; for a bachelor's or college diploma awarded since
 *   2002 and a postgraduate one since 2009 (registered electronically), 18 digits
 * @CORE_FIELD_FORMAT_PHONE: "phone": an 11-digit mainland mobile number, or a
 *   landline with its area code (010-12345678, optional -extension)
 * @CORE_FIELD_FORMAT_CREDIT_CODE: "credit_code": an 18-character unified
 *   social credit code (GB 32100) with a correct check character
 *
 * What a text field's value must look like, beyond its length.
 */
typedef enum
{
  CORE_FIELD_FORMAT_NONE,
  CORE_FIELD_FORMAT_CERTIFICATE_NUMBER,
  CORE_FIELD_FORMAT_EDUCATION_CERTIFICATE,
  CORE_FIELD_FORMAT_PHONE,
  CORE_FIELD_FORMAT_CREDIT_CODE,
} CoreFieldFormat;

/**
 * CoreFieldFlags:
 * @CORE_FIELD_REQUIRED: must be present (red asterisk in forms)
 * @CORE_FIELD_KEY: shown in the record's row of a list
 * @CORE_FIELD_NOT_IN_FUTURE: a date or year-month no later than today (China time)
 * @CORE_FIELD_OPEN_END: left empty, the period runs until now (至今)
 */
typedef enum
{
  CORE_FIELD_REQUIRED = 1 << 0,
  CORE_FIELD_KEY = 1 << 1,
  CORE_FIELD_NOT_IN_FUTURE = 1 << 2,
  CORE_FIELD_OPEN_END = 1 << 3,
} CoreFieldFlags;

typedef struct _CoreRecordField CoreRecordField;

/**
 * CoreRecordField:
 * @name: the JSON member, e.g. "graduated_on"
 * @label: the English msgid of its label, marked with N_()
 * @type: its type
 * @flags: required, key, date rules
 * @max_length: text: most characters (not bytes); list: most items
 * @dictionary: dictionary fields: the dictionary's name
 * @format: text fields: what the value must look like
 * @not_before: the name of a field of the same type and record this one may
 *   not precede (end >= start); %NULL for none
 * @min: number fields: the smallest value
 * @max: number fields: the largest value
 * @items: list fields: the fields of each item
 * @n_items: the number of @items
 *
 * One field of a record kind. Read only; part of the static kind table.
 */
struct _CoreRecordField
{
  const char *name;
  const char *label;
  CoreFieldType type;
  CoreFieldFlags flags;
  guint max_length;
  const char *dictionary;
  CoreFieldFormat format;
  const char *not_before;
  double min;
  double max;
  const CoreRecordField *items;
  guint n_items;
};

/**
 * CoreRecordKind:
 * @name: its name in URLs, e.g. "work-history"
 * @title: the English msgid of its title, marked with N_()
 * @requirement: the requirement it serves, e.g. "R-4.6"
 * @editable: %FALSE for kinds other authorities provide (registrations, projects)
 * @attachments: scans of the certificate can be attached to a record
 * @max_records: editable kinds: the most records one person may have
 * @fields: its fields, in form order
 * @n_fields: the number of @fields
 *
 * One kind of practice-information record. Read only; a row of the static table.
 */
typedef struct
{
  const char *name;
  const char *title;
  const char *requirement;
  gboolean editable;
  gboolean attachments;
  guint max_records;
  const CoreRecordField *fields;
  guint n_fields;
} CoreRecordKind;

/**
 * CoreRecordValidateFlags:
 * @CORE_RECORD_VALIDATE_NONE: a new record: only the kind's fields
 * @CORE_RECORD_VALIDATE_UPDATE: a changed record: "version" (a positive
 *   integer, the version it was read at) is required and "id" (a positive
 *   integer, which the caller compares with the record it updates) allowed
 */
typedef enum
{
  CORE_RECORD_VALIDATE_NONE = 0,
  CORE_RECORD_VALIDATE_UPDATE = 1 << 0,
} CoreRecordValidateFlags;

const CoreRecordKind *core_record_kinds_get (guint *out_n_kinds);
const CoreRecordKind *core_record_kind_lookup (const char *name);
const char *core_record_kind_get_title (const CoreRecordKind *kind);
const CoreRecordField *core_record_kind_lookup_field (const CoreRecordKind *kind, const char *name);

const char *core_record_field_get_label (const CoreRecordField *field);
gboolean core_record_field_is_required (const CoreRecordField *field);
gboolean core_record_field_is_key (const CoreRecordField *field);
const char *core_field_type_to_string (CoreFieldType type);
const char *core_field_format_to_string (CoreFieldFormat format);

char *core_record_today (void);
gboolean core_record_validate (const CoreRecordKind *kind,
                               CoreDictionarySet *dictionaries,
                               JsonObject *record,
                               CoreRecordValidateFlags flags,
                               GPtrArray **out_field_errors);
gboolean core_record_kinds_check_dictionaries (CoreDictionarySet *dictionaries, GError **error);
JsonNode *core_record_kinds_to_json (void);

gboolean core_credit_code_is_valid (const char *text);
gboolean core_phone_number_is_valid (const char *text);

G_END_DECLS
