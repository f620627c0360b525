/* core-filing.h: one identity filing, as the kiosk sends it to the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "idcard-document.h"

G_BEGIN_DECLS

/* Largest filing the JSON decoder accepts, all fields together, in bytes. */
#define CORE_FILING_MAX_JSON_SIZE (16 * 1024)

typedef enum
{
  CORE_FILING_SOURCE_CARD,   /* "card": read from a card by the kiosk (R-2.1a) */
  CORE_FILING_SOURCE_MANUAL, /* "manual": entered by staff from the original (R-2.1b) */
} CoreFilingSource;

/**
 * CoreFilingField:
 *
 * The members of a filing's JSON object, in the order they are written. All
 * but %CORE_FILING_FIELD_ORIGINAL_CHECKED (a boolean) are strings.
 */
typedef enum
{
  CORE_FILING_FIELD_FILING_ID,
  CORE_FILING_FIELD_SOURCE,
  CORE_FILING_FIELD_DOC_TYPE,
  CORE_FILING_FIELD_DOC_NUMBER,
  CORE_FILING_FIELD_NAME,
  CORE_FILING_FIELD_NAME_EN,
  CORE_FILING_FIELD_SEX,
  CORE_FILING_FIELD_NATION,
  CORE_FILING_FIELD_NATIONALITY,
  CORE_FILING_FIELD_BIRTH_DATE,
  CORE_FILING_FIELD_ADDRESS,
  CORE_FILING_FIELD_ISSUER,
  CORE_FILING_FIELD_VALID_FROM,
  CORE_FILING_FIELD_VALID_UNTIL,
  CORE_FILING_FIELD_CARD_TYPE,
  CORE_FILING_FIELD_PHOTO_WLT,
  CORE_FILING_FIELD_PHONE,
  CORE_FILING_FIELD_STAFF_SESSION, /* manual filings: the staff session the registry gave */
  CORE_FILING_FIELD_ORIGINAL_CHECKED,
  CORE_FILING_N_FIELDS,
} CoreFilingField;

#define CORE_TYPE_FILING (core_filing_get_type ())
G_DECLARE_FINAL_TYPE (CoreFiling, core_filing, CORE, FILING, GObject)

CoreFiling *core_filing_new (void);
CoreFiling *core_filing_copy (CoreFiling *self);

const char *core_filing_field_to_string (CoreFilingField field);
gboolean core_filing_field_from_string (const char *name, CoreFilingField *out_field);
gsize core_filing_field_get_max_length (CoreFilingField field);

const char *core_filing_get (CoreFiling *self, CoreFilingField field);
void core_filing_set (CoreFiling *self, CoreFilingField field, const char *value);
gboolean core_filing_get_original_checked (CoreFiling *self);
void core_filing_set_original_checked (CoreFiling *self, gboolean original_checked);

const char *core_filing_get_filing_id (CoreFiling *self);
CoreFilingSource core_filing_get_source (CoreFiling *self);
IdcardDocumentType core_filing_get_doc_type (CoreFiling *self);
const char *core_filing_get_doc_number (CoreFiling *self);
const char *core_filing_get_phone (CoreFiling *self);
gboolean core_phone_is_mobile (const char *text);
gboolean core_filing_same_identity (CoreFiling *self, CoreFiling *other);

gboolean core_filing_validate (CoreFiling *self, GError **error);
GPtrArray *core_filing_validate_all (CoreFiling *self);

GPtrArray *core_filing_decode_json_node (JsonNode *node, CoreFiling **out_filing);
CoreFiling *core_filing_new_from_json_node (JsonNode *node, GError **error);
CoreFiling *core_filing_new_from_json (const char *data, gssize length, GError **error);
JsonNode *core_filing_to_json_node (CoreFiling *self);
char *core_filing_to_json (CoreFiling *self);

G_END_DECLS
