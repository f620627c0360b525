/* idcard-card.h: the data read from one identity card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "idcard-document.h"
#include "idcard-error.h"

G_BEGIN_DECLS

/**
 * IdcardCardType:
 * @IDCARD_CARD_RESIDENT: "resident", resident ID card
 * @IDCARD_CARD_HMT_RESIDENCE: "hmt_residence", residence permit for Hong Kong, Macao and
 *   Taiwan residents (type character 'J')
 * @IDCARD_CARD_FOREIGN_2017: "foreign_2017", foreign permanent resident ID card, 2017
 *   edition ('I')
 * @IDCARD_CARD_FOREIGN_2023: "foreign_2023", foreign permanent resident ID card, 2023
 *   edition ('Y')
 */
typedef enum
{
  IDCARD_CARD_RESIDENT,
  IDCARD_CARD_HMT_RESIDENCE,
  IDCARD_CARD_FOREIGN_2017,
  IDCARD_CARD_FOREIGN_2023,
} IdcardCardType;

/**
 * IdcardSex:
 *
 * GB/T 2261.1 codes, as stored on the card.
 */
typedef enum
{
  IDCARD_SEX_UNKNOWN = 0,
  IDCARD_SEX_MALE = 1,
  IDCARD_SEX_FEMALE = 2,
  IDCARD_SEX_UNSPECIFIED = 9,
} IdcardSex;

#define IDCARD_TEXT_SIZE 256
#define IDCARD_PHOTO_WLT_SIZE 1024
#define IDCARD_PHOTO_WIDTH 102
#define IDCARD_PHOTO_HEIGHT 126

#define IDCARD_TYPE_CARD (idcard_card_get_type ())
G_DECLARE_FINAL_TYPE (IdcardCard, idcard_card, IDCARD, CARD, GObject)

const char *idcard_card_type_to_string (IdcardCardType type);
gboolean idcard_card_type_from_string (const char *text, IdcardCardType *out_type);
IdcardDocumentType idcard_card_type_get_document_type (IdcardCardType type);

const char *idcard_sex_to_string (IdcardSex sex);
gboolean idcard_sex_from_string (const char *text, IdcardSex *out);
const char *idcard_sex_get_label (IdcardSex sex);
char *idcard_nation_name (guint code);

IdcardCard *idcard_card_new_from_text (GBytes *text, GBytes *photo_wlt, GError **error);
IdcardCard *idcard_card_new_from_json (JsonObject *object, GError **error);
IdcardCard *idcard_card_new_from_file (const char *path, GError **error);
GBytes *idcard_card_encode_text (IdcardCard *self, GError **error);
JsonNode *idcard_card_to_json (IdcardCard *self);

IdcardCardType idcard_card_get_card_type (IdcardCard *self);
const char *idcard_card_get_name (IdcardCard *self);
const char *idcard_card_get_name_en (IdcardCard *self);
IdcardSex idcard_card_get_sex (IdcardCard *self);
guint idcard_card_get_nation_code (IdcardCard *self);
const char *idcard_card_get_nation (IdcardCard *self);
const char *idcard_card_get_birth_date (IdcardCard *self);
const char *idcard_card_get_address (IdcardCard *self);
const char *idcard_card_get_new_address (IdcardCard *self);
const char *idcard_card_get_id_number (IdcardCard *self);
const char *idcard_card_get_issuer (IdcardCard *self);
const char *idcard_card_get_valid_from (IdcardCard *self);
const char *idcard_card_get_valid_until (IdcardCard *self);
gboolean idcard_card_is_long_term (IdcardCard *self);
const char *idcard_card_get_pass_number (IdcardCard *self);
int idcard_card_get_issue_count (IdcardCard *self);
const char *idcard_card_get_nationality (IdcardCard *self);
const char *idcard_card_get_card_version (IdcardCard *self);
const char *idcard_card_get_authority_code (IdcardCard *self);
const char *idcard_card_get_previous_number_link (IdcardCard *self);
GBytes *idcard_card_get_photo_wlt (IdcardCard *self);
GBytes *idcard_card_get_photo_rgb (IdcardCard *self);
const char *idcard_card_get_sam_id (IdcardCard *self);

G_END_DECLS
