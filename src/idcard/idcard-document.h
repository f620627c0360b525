/* idcard-document.h: identity document types and their number rules
 *
 * These rules are shared by the card reader, manual entry at the kiosk and the
 * registry server, so this part builds on GLib alone (idcard_document_dep).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "idcard-error.h"

G_BEGIN_DECLS

/* What a document with no end date says instead of one, as the card prints it;
 * filings, the store and the registry carry the same word. */
#define IDCARD_LONG_TERM "长期"

/**
 * IdcardDocumentType:
 * @IDCARD_DOCUMENT_RESIDENT: "resident", 居民身份证 (GB 11643, 18 characters)
 * @IDCARD_DOCUMENT_FOREIGN_PERMANENT: "foreign_permanent", 外国人永久居留身份证:
 *   the 2017 form (3 letters + 12 digits) and the 2023 form (18 digits, starts with 9)
 * @IDCARD_DOCUMENT_HMT_RESIDENCE: "hmt_residence", 港澳台居民居住证 (810000/820000/830000 + GB 11643)
 * @IDCARD_DOCUMENT_HOME_RETURN: "home_return", 港澳居民来往内地通行证 (H or M + 8 or 10 digits)
 * @IDCARD_DOCUMENT_TAIWAN_PERMIT: "taiwan_permit", 台湾居民来往大陆通行证 (8 or 10 digits)
 * @IDCARD_DOCUMENT_PASSPORT: "passport"; Chinese and foreign passports alike, see
 *   idcard_document_number_check()
 * @IDCARD_DOCUMENT_MILITARY_OFFICER: "military_officer", 军官证; checked loosely
 *
 * The strings are the names used everywhere in the project (JSON, database, registry).
 */
typedef enum
{
  IDCARD_DOCUMENT_RESIDENT,
  IDCARD_DOCUMENT_FOREIGN_PERMANENT,
  IDCARD_DOCUMENT_HMT_RESIDENCE,
  IDCARD_DOCUMENT_HOME_RETURN,
  IDCARD_DOCUMENT_TAIWAN_PERMIT,
  IDCARD_DOCUMENT_PASSPORT,
  IDCARD_DOCUMENT_MILITARY_OFFICER,
} IdcardDocumentType;

#define IDCARD_DOCUMENT_N_TYPES (IDCARD_DOCUMENT_MILITARY_OFFICER + 1)

const char *idcard_document_type_to_string (IdcardDocumentType type);
gboolean idcard_document_type_from_string (const char *text, IdcardDocumentType *out_type);
const char *idcard_document_type_get_label (IdcardDocumentType type);
const char *idcard_document_type_get_chinese_name (IdcardDocumentType type);
gboolean idcard_document_type_is_foreign (IdcardDocumentType type);
gboolean idcard_holder_goes_by_latin_name (const char *doc_type,
                                           const char *nationality,
                                           const char *name,
                                           const char *name_en);

gboolean idcard_document_number_check (IdcardDocumentType type, const char *number, GError **error);

char *idcard_document_number_normalize (const char *number);
char idcard_document_mod11_2_check_char (const char *digits, gsize n_digits);

G_END_DECLS
