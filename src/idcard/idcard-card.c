/* idcard-card.c: the data read from one identity card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "idcard-card-private.h"
#include "idcard-wire-private.h"

typedef enum
{
  FIELD_NAME,
  FIELD_NAME_EN,
  FIELD_NAME_EN_2, /* 2023 cards: English name characters 36-46 */
  FIELD_SEX,
  FIELD_NATION,
  FIELD_BIRTH_DATE,
  FIELD_ADDRESS,
  FIELD_ID_NUMBER,
  FIELD_ISSUER,
  FIELD_VALID_FROM,
  FIELD_VALID_UNTIL,
  FIELD_PASS_NUMBER,
  FIELD_ISSUE_COUNT, /* 'J': issue count; 'Y': renewal count */
  FIELD_NATIONALITY,
  FIELD_CARD_VERSION,
  FIELD_AUTHORITY_CODE,
  FIELD_PREVIOUS_LINK,
  N_FIELDS
} Field;

typedef struct
{
  Field field;
  gsize offset;
  gsize size;
} FieldLayout;

/* The 256-byte UCS-2LE text of the four card types. Offsets and sizes in bytes.
 *
 * resident                 'J' (HK/Macao/Taiwan)    'I' (foreign 2017)       'Y' (foreign 2023)
 * 0   30 name              0   30 name              0   120 English name     0   30 name
 * 30   2 sex               30   2 sex               120   2 sex              30   2 sex
 * 32   4 nation            32   4 (reserved)        122  30 ID number        32   4 renewal count
 * 36  16 birth date        36  16 birth date        152   6 nationality      36  16 birth date
 * 52  70 address           52  70 address           158  30 Chinese name     52  70 English name 1-35
 * 122 36 ID number         122 36 ID number         188  16 valid from       122 36 ID number
 * 158 30 issuer            158 30 issuer            204  16 valid until      158 30 (reserved)
 * 188 16 valid from        188 16 valid from        220  16 birth date       188 16 valid from
 * 204 16 valid until       204 16 valid until       236   4 card version     204 16 valid until
 * 220 28 (reserved)        220 18 pass number       240   8 authority code   220 22 English name 36-46
 *                          238  4 issue count                                242  6 nationality
 * 248  2 type ' '          248  2 type 'J'          248   2 type 'I'         248  2 type 'Y'
 * 250  6 (reserved)        250  6 (reserved)        250   6 (reserved)       250  6 previous number link
 */
#define TEXT_TYPE_OFFSET 248

static const FieldLayout layout_resident[] = {
  { FIELD_NAME, 0, 30 },        { FIELD_SEX, 30, 2 },          { FIELD_NATION, 32, 4 },
  { FIELD_BIRTH_DATE, 36, 16 }, { FIELD_ADDRESS, 52, 70 },     { FIELD_ID_NUMBER, 122, 36 },
  { FIELD_ISSUER, 158, 30 },    { FIELD_VALID_FROM, 188, 16 }, { FIELD_VALID_UNTIL, 204, 16 },
};

static const FieldLayout layout_hmt[] = {
  { FIELD_NAME, 0, 30 },         { FIELD_SEX, 30, 2 },           { FIELD_BIRTH_DATE, 36, 16 },
  { FIELD_ADDRESS, 52, 70 },     { FIELD_ID_NUMBER, 122, 36 },   { FIELD_ISSUER, 158, 30 },
  { FIELD_VALID_FROM, 188, 16 }, { FIELD_VALID_UNTIL, 204, 16 }, { FIELD_PASS_NUMBER, 220, 18 },
  { FIELD_ISSUE_COUNT, 238, 4 },
};

static const FieldLayout layout_foreign_2017[] = {
  { FIELD_NAME_EN, 0, 120 },        { FIELD_SEX, 120, 2 },         { FIELD_ID_NUMBER, 122, 30 },
  { FIELD_NATIONALITY, 152, 6 },    { FIELD_NAME, 158, 30 },       { FIELD_VALID_FROM, 188, 16 },
  { FIELD_VALID_UNTIL, 204, 16 },   { FIELD_BIRTH_DATE, 220, 16 }, { FIELD_CARD_VERSION, 236, 4 },
  { FIELD_AUTHORITY_CODE, 240, 8 },
};

static const FieldLayout layout_foreign_2023[] = {
  { FIELD_NAME, 0, 30 },           { FIELD_SEX, 30, 2 },
  { FIELD_ISSUE_COUNT, 32, 4 },    { FIELD_BIRTH_DATE, 36, 16 },
  { FIELD_NAME_EN, 52, 70 },       { FIELD_ID_NUMBER, 122, 36 },
  { FIELD_VALID_FROM, 188, 16 },   { FIELD_VALID_UNTIL, 204, 16 },
  { FIELD_NAME_EN_2, 220, 22 },    { FIELD_NATIONALITY, 242, 6 },
  { FIELD_PREVIOUS_LINK, 250, 6 },
};

typedef struct
{
  const char *name;
  gunichar type_char;
  const FieldLayout *layout;
  gsize n_layout;
} CardTypeInfo;

static const CardTypeInfo card_types[] = {
  [IDCARD_CARD_RESIDENT] = { "resident", ' ', layout_resident, G_N_ELEMENTS (layout_resident) },
  [IDCARD_CARD_HMT_RESIDENCE] = { "hmt_residence", 'J', layout_hmt, G_N_ELEMENTS (layout_hmt) },
  [IDCARD_CARD_FOREIGN_2017] = { "foreign_2017", 'I', layout_foreign_2017,
                                 G_N_ELEMENTS (layout_foreign_2017) },
  [IDCARD_CARD_FOREIGN_2023] = { "foreign_2023", 'Y', layout_foreign_2023,
                                 G_N_ELEMENTS (layout_foreign_2023) },
};

/* Newest address (30 03): up to 4 blocks of 70 bytes UCS-2LE */
#define NEW_ADDRESS_BLOCK_SIZE 70
#define NEW_ADDRESS_MAX_BLOCKS 4

/* SAM ID (12 FF): u16 LE, u16 LE, u32 LE, u32 LE, u32 LE */
#define SAM_ID_SIZE 16
#define SAM_ID_PART1_OFFSET 0
#define SAM_ID_PART2_OFFSET 2
#define SAM_ID_PART3_OFFSET 4
#define SAM_ID_PART4_OFFSET 8
#define SAM_ID_PART5_OFFSET 12

#define ENGLISH_NAME_PART1_CHARS 35

/* GB 3304 nation codes; card data, not user interface text */
static const char *const nation_names[] = {
  NULL,     "汉",   "蒙古",     "回",   "藏",     "维吾尔", "苗",   "彝",       "壮",
  "布依",   "朝鲜", "满",       "侗",   "瑶",     "白",     "土家", "哈尼",     "哈萨克",
  "傣",     "黎",   "傈僳",     "佤",   "畲",     "高山",   "拉祜", "水",       "东乡",
  "纳西",   "景颇", "柯尔克孜", "土",   "达斡尔", "仫佬",   "羌",   "布朗",     "撒拉",
  "毛南",   "仡佬", "锡伯",     "阿昌", "普米",   "塔吉克", "怒",   "乌孜别克", "俄罗斯",
  "鄂温克", "德昂", "保安",     "裕固", "京",     "塔塔尔", "独龙", "鄂伦春",   "赫哲",
  "门巴",   "珞巴", "基诺",
};
#define NATION_OTHER 97
#define NATION_NATURALISED 98

struct _IdcardCard
{
  GObject parent_instance;

  IdcardCardType card_type;
  char *fields[N_FIELDS]; /* trimmed text; dates as YYYY-MM-DD */
  IdcardSex sex;
  guint nation_code;
  char *nation;
  int issue_count;
  char *new_address;
  char *sam_id;
  GBytes *photo_wlt;
  GBytes *photo_rgb;
};

G_DEFINE_FINAL_TYPE (IdcardCard, idcard_card, G_TYPE_OBJECT)

static void
idcard_card_finalize (GObject *object)
{
  IdcardCard *self = IDCARD_CARD (object);

  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->fields[i]);
  g_free (self->nation);
  g_free (self->new_address);
  g_free (self->sam_id);
  g_clear_pointer (&self->photo_wlt, g_bytes_unref);
  g_clear_pointer (&self->photo_rgb, g_bytes_unref);

  G_OBJECT_CLASS (idcard_card_parent_class)->finalize (object);
}

static void
idcard_card_class_init (IdcardCardClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = idcard_card_finalize;
}

static void
idcard_card_init (IdcardCard *self)
{
  self->issue_count = -1;
}

const char *
idcard_card_type_to_string (IdcardCardType type)
{
  g_return_val_if_fail ((gsize) type < G_N_ELEMENTS (card_types), NULL);
  return card_types[type].name;
}

gboolean
idcard_card_type_from_string (const char *text, IdcardCardType *out_type)
{
  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (card_types); i++)
    {
      if (g_str_equal (text, card_types[i].name))
        {
          *out_type = (IdcardCardType) i;
          return TRUE;
        }
    }
  return FALSE;
}

IdcardDocumentType
idcard_card_type_get_document_type (IdcardCardType type)
{
  switch (type)
    {
      case IDCARD_CARD_HMT_RESIDENCE:
        return IDCARD_DOCUMENT_HMT_RESIDENCE;
      case IDCARD_CARD_FOREIGN_2017:
      case IDCARD_CARD_FOREIGN_2023:
        return IDCARD_DOCUMENT_FOREIGN_PERMANENT;
      case IDCARD_CARD_RESIDENT:
      default:
        return IDCARD_DOCUMENT_RESIDENT;
    }
}

/* The words printed on cards; card data, not user interface text. */
const char *
idcard_sex_to_string (IdcardSex sex)
{
  switch (sex)
    {
      case IDCARD_SEX_MALE:
        return "男";
      case IDCARD_SEX_FEMALE:
        return "女";
      case IDCARD_SEX_UNSPECIFIED:
        return "未说明的性别";
      case IDCARD_SEX_UNKNOWN:
      default:
        return "未知的性别";
    }
}

/**
 * idcard_sex_get_label:
 *
 * Returns: the word for @sex in the language of the user interface
 */
const char *
idcard_sex_get_label (IdcardSex sex)
{
  switch (sex)
    {
      case IDCARD_SEX_MALE:
        return _ ("Male");
      case IDCARD_SEX_FEMALE:
        return _ ("Female");
      case IDCARD_SEX_UNSPECIFIED:
        return _ ("Not stated");
      case IDCARD_SEX_UNKNOWN:
      default:
        return _ ("Unknown");
    }
}

/**
 * idcard_sex_from_string:
 * @text: the words printed on a card, as idcard_sex_to_string() gives them
 *
 * Returns: whether @text is one of them
 */
gboolean
idcard_sex_from_string (const char *text, IdcardSex *out)
{
  static const IdcardSex all[] = { IDCARD_SEX_MALE, IDCARD_SEX_FEMALE, IDCARD_SEX_UNSPECIFIED,
                                   IDCARD_SEX_UNKNOWN };

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    {
      if (g_str_equal (text, idcard_sex_to_string (all[i])))
        {
          *out = all[i];
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * idcard_nation_name:
 * @code: a GB 3304 code
 *
 * Returns: (transfer full): the nation's name, or "未知(NN)" for codes outside the table
 */
char *
idcard_nation_name (guint code)
{
  if (code >= 1 && code < G_N_ELEMENTS (nation_names))
    return g_strdup (nation_names[code]);
  if (code == NATION_OTHER)
    return g_strdup ("其他");
  if (code == NATION_NATURALISED)
    return g_strdup ("外国血统中国籍人士");
  return g_strdup_printf ("未知(%02u)", code);
}

static gboolean
nation_from_string (const char *text, guint *out)
{
  for (guint code = 1; code < 100; code++)
    {
      g_autofree char *name = idcard_nation_name (code);

      if (g_str_equal (name, text))
        {
          *out = code;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
all_digits (const char *text, gsize n)
{
  if (strlen (text) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

static guint
digits_value (const char *text, gsize n)
{
  guint value = 0;

  for (gsize i = 0; i < n; i++)
    value = value * 10 + (guint) (text[i] - '0');
  return value;
}

/* YYYYMMDD → YYYY-MM-DD; "长期" passes through when @allow_long_term */
static gboolean
date_to_iso (char **field, const char *what, gboolean allow_long_term, GError **error)
{
  const char *text = *field;
  guint y, m, d;

  if (allow_long_term && g_str_equal (text, IDCARD_LONG_TERM))
    return TRUE;
  if (!all_digits (text, 8))
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                   _ ("the card's %s is not a date of 8 digits"), what);
      return FALSE;
    }
  y = digits_value (text, 4);
  m = digits_value (text + 4, 2);
  d = digits_value (text + 6, 2);
  if (y == 0 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                   _ ("the card's %s is not a real date"), what);
      return FALSE;
    }
  g_free (*field);
  *field = g_strdup_printf ("%04u-%02u-%02u", y, m, d);
  return TRUE;
}

/* YYYY-MM-DD → YYYYMMDD, for encoding */
static gboolean
date_from_iso (const char *iso, char out[9], gboolean allow_long_term, GError **error)
{
  if (allow_long_term && g_str_equal (iso, IDCARD_LONG_TERM))
    {
      g_strlcpy (out, iso, 9);
      return TRUE;
    }
  if (strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    {
      g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                           "a date is not in the form YYYY-MM-DD");
      return FALSE;
    }
  for (gsize i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
        {
          g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                               "a date is not in the form YYYY-MM-DD");
          return FALSE;
        }
    }
  out[0] = iso[0];
  out[1] = iso[1];
  out[2] = iso[2];
  out[3] = iso[3];
  out[4] = iso[5];
  out[5] = iso[6];
  out[6] = iso[8];
  out[7] = iso[9];
  out[8] = '\0';
  return TRUE;
}

static gboolean
card_type_from_text (const guint8 *buf, gsize len, IdcardCardType *out, GError **error)
{
  guint16 c;

  if (!idcard_wire_read_u16_le (buf, len, TEXT_TYPE_OFFSET, &c, error))
    return FALSE;
  switch (c)
    {
      case ' ':
      case 0:
        *out = IDCARD_CARD_RESIDENT;
        return TRUE;
      case 'J':
        *out = IDCARD_CARD_HMT_RESIDENCE;
        return TRUE;
      case 'I':
        *out = IDCARD_CARD_FOREIGN_2017;
        return TRUE;
      case 'Y':
        *out = IDCARD_CARD_FOREIGN_2023;
        return TRUE;
      default:
        g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_CARD_TYPE,
                     _ ("the card type (0x%04X) is not recognised"), c);
        return FALSE;
    }
}

/**
 * idcard_card_new_from_text:
 * @text: the 256-byte UCS-2LE text of a card
 * @photo_wlt: (nullable): the raw WLT photo
 *
 * Returns: (transfer full): the card, or %NULL with %IDCARD_ERROR_INVALID_DATA or
 *   %IDCARD_ERROR_CARD_TYPE
 */
IdcardCard *
idcard_card_new_from_text (GBytes *text, GBytes *photo_wlt, GError **error)
{
  g_autoptr (IdcardCard) self = NULL;
  gsize len;
  const guint8 *buf = g_bytes_get_data (text, &len);
  const CardTypeInfo *info;
  IdcardCardType type;
  const char *sex;

  g_return_val_if_fail (text != NULL, NULL);

  if (len != IDCARD_TEXT_SIZE)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                   _ ("the card text has %u bytes instead of %u"), (guint) len, IDCARD_TEXT_SIZE);
      return NULL;
    }
  if (!card_type_from_text (buf, len, &type, error))
    return NULL;

  self = g_object_new (IDCARD_TYPE_CARD, NULL);
  self->card_type = type;
  info = &card_types[type];
  for (gsize i = 0; i < info->n_layout; i++)
    {
      const FieldLayout *f = &info->layout[i];

      if (!idcard_wire_read_ucs2 (buf, len, f->offset, f->size, &self->fields[f->field], error))
        return NULL;
    }

  /* 2023 cards split the English name; the first part is full when a second exists */
  if (self->fields[FIELD_NAME_EN_2] != NULL && self->fields[FIELD_NAME_EN_2][0] != '\0')
    {
      g_autoptr (GString) joined = g_string_new (self->fields[FIELD_NAME_EN]);

      while (g_utf8_strlen (joined->str, -1) < ENGLISH_NAME_PART1_CHARS)
        g_string_append_c (joined, ' ');
      g_string_append (joined, self->fields[FIELD_NAME_EN_2]);
      g_free (self->fields[FIELD_NAME_EN]);
      self->fields[FIELD_NAME_EN] = g_string_free (g_steal_pointer (&joined), FALSE);
    }
  g_clear_pointer (&self->fields[FIELD_NAME_EN_2], g_free);

  sex = self->fields[FIELD_SEX];
  if (!all_digits (sex, 1))
    {
      g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                           _ ("the card's sex code is not a digit"));
      return NULL;
    }
  switch (sex[0])
    {
      case '1':
        self->sex = IDCARD_SEX_MALE;
        break;
      case '2':
        self->sex = IDCARD_SEX_FEMALE;
        break;
      case '9':
        self->sex = IDCARD_SEX_UNSPECIFIED;
        break;
      default:
        self->sex = IDCARD_SEX_UNKNOWN;
        break;
    }

  if (self->fields[FIELD_NATION] != NULL)
    {
      if (!all_digits (self->fields[FIELD_NATION], 2))
        {
          g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                               _ ("the card's nation code is not two digits"));
          return NULL;
        }
      self->nation_code = digits_value (self->fields[FIELD_NATION], 2);
      self->nation = idcard_nation_name (self->nation_code);
    }

  if (self->fields[FIELD_ISSUE_COUNT] != NULL && self->fields[FIELD_ISSUE_COUNT][0] != '\0')
    {
      if (!all_digits (self->fields[FIELD_ISSUE_COUNT], 2))
        {
          g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                               _ ("the card's issue count is not two digits"));
          return NULL;
        }
      self->issue_count = (int) digits_value (self->fields[FIELD_ISSUE_COUNT], 2);
    }

  if (!date_to_iso (&self->fields[FIELD_BIRTH_DATE], _ ("birth date"), FALSE, error) ||
      !date_to_iso (&self->fields[FIELD_VALID_FROM], _ ("start of validity"), FALSE, error) ||
      !date_to_iso (&self->fields[FIELD_VALID_UNTIL], _ ("end of validity"), TRUE, error))
    return NULL;

  if (photo_wlt != NULL)
    self->photo_wlt = g_bytes_ref (photo_wlt);
  return g_steal_pointer (&self);
}

static const char *
field_or_empty (IdcardCard *self, Field field)
{
  return self->fields[field] != NULL ? self->fields[field] : "";
}

/**
 * idcard_card_encode_text:
 *
 * Writes the card back into the 256-byte text a chip would hold; the emulated reader
 * and the tests use it.
 *
 * Returns: (transfer full): the text, or %NULL when a field does not fit its place
 */
GBytes *
idcard_card_encode_text (IdcardCard *self, GError **error)
{
  guint8 buf[IDCARD_TEXT_SIZE];
  const CardTypeInfo *info;

  g_return_val_if_fail (IDCARD_IS_CARD (self), NULL);

  info = &card_types[self->card_type];
  if (!idcard_wire_write_ucs2 (buf, sizeof buf, 0, sizeof buf, "", error))
    return NULL;

  for (gsize i = 0; i < info->n_layout; i++)
    {
      const FieldLayout *f = &info->layout[i];
      g_autofree char *value = NULL;
      char date[9];

      switch (f->field)
        {
          case FIELD_SEX:
            value = g_strdup_printf ("%u", (guint) self->sex);
            break;
          case FIELD_NATION:
            value = g_strdup_printf ("%02u", self->nation_code);
            break;
          case FIELD_ISSUE_COUNT:
            value = self->issue_count >= 0 ? g_strdup_printf ("%02d", self->issue_count)
                                           : g_strdup ("");
            break;
          case FIELD_BIRTH_DATE:
          case FIELD_VALID_FROM:
          case FIELD_VALID_UNTIL:
            if (!date_from_iso (field_or_empty (self, f->field), date,
                                f->field == FIELD_VALID_UNTIL, error))
              return NULL;
            value = g_strdup (date);
            break;
          case FIELD_NAME_EN:
            if (self->card_type == IDCARD_CARD_FOREIGN_2023)
              {
                const char *name = field_or_empty (self, FIELD_NAME_EN);
                const char *split = g_utf8_offset_to_pointer (
                    name, MIN (g_utf8_strlen (name, -1), ENGLISH_NAME_PART1_CHARS));

                value = g_strndup (name, (gsize) (split - name));
                if (!idcard_wire_write_ucs2 (buf, sizeof buf, 220, 22, split, error))
                  return NULL;
              }
            else
              value = g_strdup (field_or_empty (self, f->field));
            break;
          case FIELD_NAME_EN_2:
            continue; /* written with the first part */
          default:
            value = g_strdup (field_or_empty (self, f->field));
            break;
        }
      if (!idcard_wire_write_ucs2 (buf, sizeof buf, f->offset, f->size, value, error))
        {
          g_prefix_error (error, "field at offset %" G_GSIZE_FORMAT ": ", f->offset);
          return NULL;
        }
    }
  buf[TEXT_TYPE_OFFSET] = (guint8) info->type_char;
  buf[TEXT_TYPE_OFFSET + 1] = 0;
  return g_bytes_new (buf, sizeof buf);
}

/* Card file keys: the same as idcard_card_to_json() writes, so a read card can be
 * saved and replayed by the emulated reader. */
typedef struct
{
  const char *key;
  Field field;
} JsonField;

static const JsonField json_fields[] = {
  { "name", FIELD_NAME },
  { "name_en", FIELD_NAME_EN },
  { "birth_date", FIELD_BIRTH_DATE },
  { "address", FIELD_ADDRESS },
  { "id_number", FIELD_ID_NUMBER },
  { "issuer", FIELD_ISSUER },
  { "valid_from", FIELD_VALID_FROM },
  { "valid_until", FIELD_VALID_UNTIL },
  { "pass_number", FIELD_PASS_NUMBER },
  { "nationality", FIELD_NATIONALITY },
  { "card_version", FIELD_CARD_VERSION },
  { "authority_code", FIELD_AUTHORITY_CODE },
  { "previous_number_link", FIELD_PREVIOUS_LINK },
};

static gboolean
type_has_field (IdcardCardType type, Field field)
{
  const CardTypeInfo *info = &card_types[type];

  for (gsize i = 0; i < info->n_layout; i++)
    {
      if (info->layout[i].field == field)
        return TRUE;
    }
  return FALSE;
}

static const char *
json_get_string (JsonObject *object, const char *key, GError **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return "";
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA, "“%s” is not a string", key);
      return NULL;
    }
  return json_node_get_string (node);
}

/**
 * idcard_card_new_from_json:
 * @object: a card as idcard_card_to_json() writes it; "photo_wlt" may hold the
 *   photo in base64
 *
 * The card is checked by encoding it, so anything that would not fit on a chip is
 * rejected here.
 */
IdcardCard *
idcard_card_new_from_json (JsonObject *object, GError **error)
{
  g_autoptr (IdcardCard) self = g_object_new (IDCARD_TYPE_CARD, NULL);
  g_autoptr (GBytes) text = NULL;
  IdcardCard *card;
  const char *value;

  value = json_get_string (object, "card_type", error);
  if (value == NULL)
    return NULL;
  if (!idcard_card_type_from_string (value, &self->card_type))
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA, "unknown card_type “%s”", value);
      return NULL;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (json_fields); i++)
    {
      value = json_get_string (object, json_fields[i].key, error);
      if (value == NULL)
        return NULL;
      if (type_has_field (self->card_type, json_fields[i].field))
        self->fields[json_fields[i].field] = g_strdup (value);
    }

  value = json_get_string (object, "sex", error);
  if (value == NULL)
    return NULL;
  if (!idcard_sex_from_string (value, &self->sex))
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA, "unknown sex “%s”", value);
      return NULL;
    }

  if (type_has_field (self->card_type, FIELD_NATION))
    {
      value = json_get_string (object, "nation", error);
      if (value == NULL)
        return NULL;
      if (!nation_from_string (value, &self->nation_code))
        {
          g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA, "unknown nation “%s”",
                       value);
          return NULL;
        }
      self->nation = idcard_nation_name (self->nation_code);
    }

  if (type_has_field (self->card_type, FIELD_ISSUE_COUNT) &&
      json_object_has_member (object, "issue_count"))
    {
      JsonNode *node = json_object_get_member (object, "issue_count");
      gint64 count = -1;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        count = json_node_get_int (node);
      if (count < 0 || count > 99)
        {
          g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                               "issue_count is not between 0 and 99");
          return NULL;
        }
      self->issue_count = (int) count;
    }

  value = json_get_string (object, "photo_wlt", error);
  if (value == NULL)
    return NULL;
  if (value[0] != '\0')
    {
      gsize len = 0;
      guchar *wlt = g_base64_decode (value, &len);

      if (len != IDCARD_PHOTO_WLT_SIZE)
        {
          g_free (wlt);
          g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                       "photo_wlt has %" G_GSIZE_FORMAT " bytes instead of %u", len,
                       IDCARD_PHOTO_WLT_SIZE);
          return NULL;
        }
      self->photo_wlt = g_bytes_new_take (wlt, len);
    }

  value = json_get_string (object, "new_address", error);
  if (value == NULL)
    return NULL;
  if (g_utf8_strlen (value, -1) > NEW_ADDRESS_MAX_BLOCKS * NEW_ADDRESS_BLOCK_SIZE / 2)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                   "new_address is longer than %u characters",
                   NEW_ADDRESS_MAX_BLOCKS * NEW_ADDRESS_BLOCK_SIZE / 2);
      return NULL;
    }
  self->new_address = value[0] != '\0' ? g_strdup (value) : NULL;

  /* normalise exactly as a chip would: encode, then parse back */
  text = idcard_card_encode_text (self, error);
  if (text == NULL)
    return NULL;
  card = idcard_card_new_from_text (text, self->photo_wlt, error);
  if (card != NULL)
    idcard_card_set_new_address (card, self->new_address);
  return card;
}

IdcardCard *
idcard_card_new_from_file (const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA, "%s does not hold a JSON object",
                   path);
      return NULL;
    }
  return idcard_card_new_from_json (json_node_get_object (root), error);
}

/**
 * idcard_card_to_json:
 *
 * Returns: (transfer full): the card as one JSON object; keys that its card type does
 *   not have are left out
 */
JsonNode *
idcard_card_to_json (IdcardCard *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  static const struct
  {
    const char *key;
    Field field;
  } order[] = {
    { "name", FIELD_NAME },
    { "name_en", FIELD_NAME_EN },
    { "sex", FIELD_SEX },
    { "nation", FIELD_NATION },
    { "birth_date", FIELD_BIRTH_DATE },
    { "address", FIELD_ADDRESS },
    { "id_number", FIELD_ID_NUMBER },
    { "issuer", FIELD_ISSUER },
    { "valid_from", FIELD_VALID_FROM },
    { "valid_until", FIELD_VALID_UNTIL },
    { "pass_number", FIELD_PASS_NUMBER },
    { "issue_count", FIELD_ISSUE_COUNT },
    { "nationality", FIELD_NATIONALITY },
  };

  g_return_val_if_fail (IDCARD_IS_CARD (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "card_type");
  json_builder_add_string_value (builder, idcard_card_type_to_string (self->card_type));
  for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
    {
      Field field = order[i].field;

      if (!type_has_field (self->card_type, field))
        continue;
      json_builder_set_member_name (builder, order[i].key);
      if (field == FIELD_SEX)
        json_builder_add_string_value (builder, idcard_sex_to_string (self->sex));
      else if (field == FIELD_NATION)
        json_builder_add_string_value (builder, self->nation);
      else if (field == FIELD_ISSUE_COUNT)
        json_builder_add_int_value (builder, self->issue_count);
      else
        json_builder_add_string_value (builder, field_or_empty (self, field));
    }
  if (self->sam_id != NULL)
    {
      json_builder_set_member_name (builder, "sam_id");
      json_builder_add_string_value (builder, self->sam_id);
    }
  json_builder_set_member_name (builder, "photo_wlt_size");
  json_builder_add_int_value (
      builder, self->photo_wlt != NULL ? (gint64) g_bytes_get_size (self->photo_wlt) : 0);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

IdcardCardType
idcard_card_get_card_type (IdcardCard *self)
{
  g_return_val_if_fail (IDCARD_IS_CARD (self), IDCARD_CARD_RESIDENT);
  return self->card_type;
}

#define FIELD_GETTER(fn, field)                                                                    \
  const char *idcard_card_get_##fn (IdcardCard *self)                                              \
  {                                                                                                \
    g_return_val_if_fail (IDCARD_IS_CARD (self), NULL);                                            \
    return self->fields[field];                                                                    \
  }

/* Each returns %NULL when the card type has no such field. */
FIELD_GETTER (name, FIELD_NAME)
FIELD_GETTER (name_en, FIELD_NAME_EN)
FIELD_GETTER (birth_date, FIELD_BIRTH_DATE)
FIELD_GETTER (address, FIELD_ADDRESS)
FIELD_GETTER (id_number, FIELD_ID_NUMBER)
FIELD_GETTER (issuer, FIELD_ISSUER)
FIELD_GETTER (valid_from, FIELD_VALID_FROM)
FIELD_GETTER (valid_until, FIELD_VALID_UNTIL)
FIELD_GETTER (pass_number, FIELD_PASS_NUMBER)
FIELD_GETTER (nationality, FIELD_NATIONALITY)
FIELD_GETTER (card_version, FIELD_CARD_VERSION)
FIELD_GETTER (authority_code, FIELD_AUTHORITY_CODE)
FIELD_GETTER (previous_number_link, FIELD_PREVIOUS_LINK)

IdcardSex
idcard_card_get_sex (IdcardCard *self)
{
  g_return_val_if_fail (IDCARD_IS_CARD (self), IDCARD_SEX_UNKNOWN);
  return self->sex;
}

guint
idcard_card_get_nation_code (IdcardCard *self)
{
  g_return_val_if_fail (IDCARD_IS_CARD (self), 0);
  return self->nation_code;
}

const char *
idcard_card_get_nation (IdcardCard *self)
{
  g_return_val_if_fail (IDCARD_IS_CARD (self), NULL);
  return self->nation;
}

gboolean
idcard_card_is_long_term (IdcardCard *self)
{
  g_return_val_if_fail (IDCARD_IS_CARD (self), FALSE);
  return g_strcmp0 (self->fields[FIELD_VALID_UNTIL], IDCARD_LONG_TERM) == 0;
}

/* -1 when the card type has no issue count */
int
idcard_card_get_issue_count (IdcardCard *self)
{
  g_return_val_if_fail (IDCARD_IS_CARD (self), -1);
  return self->issue_count;
}

const char *
idcard_card_get_new_address (IdcardCard *self)
{
  g_return_val_if_fail (IDCARD_IS_CARD (self), NULL);
  return self->new_address;
}

GBytes *
idcard_card_get_photo_wlt (IdcardCard *self)
{
  g_return_val_if_fail (IDCARD_IS_CARD (self), NULL);
  return self->photo_wlt;
}

/* 102×126 RGB, rows top-down; %NULL when no decoder is configured */
GBytes *
idcard_card_get_photo_rgb (IdcardCard *self)
{
  g_return_val_if_fail (IDCARD_IS_CARD (self), NULL);
  return self->photo_rgb;
}

const char *
idcard_card_get_sam_id (IdcardCard *self)
{
  g_return_val_if_fail (IDCARD_IS_CARD (self), NULL);
  return self->sam_id;
}

void
idcard_card_set_sam_id (IdcardCard *self, const char *sam_id)
{
  g_free (self->sam_id);
  self->sam_id = g_strdup (sam_id);
}

void
idcard_card_set_new_address (IdcardCard *self, const char *address)
{
  g_free (self->new_address);
  self->new_address = g_strdup (address);
}

void
idcard_card_set_photo_rgb (IdcardCard *self, GBytes *rgb)
{
  g_clear_pointer (&self->photo_rgb, g_bytes_unref);
  if (rgb != NULL)
    self->photo_rgb = g_bytes_ref (rgb);
}

/**
 * idcard_card_parse_new_address:
 * @data: the data of a 30 03 response (up to 4 blocks of 70 bytes)
 *
 * Returns: the newest address: the non-empty blocks joined
 */
gboolean
idcard_card_parse_new_address (GBytes *data, char **out_address, GError **error)
{
  gsize len;
  const guint8 *buf = g_bytes_get_data (data, &len);
  g_autoptr (GString) address = g_string_new (NULL);

  if (len % NEW_ADDRESS_BLOCK_SIZE != 0 || len > NEW_ADDRESS_BLOCK_SIZE * NEW_ADDRESS_MAX_BLOCKS)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                   "newest address of %" G_GSIZE_FORMAT " bytes", len);
      return FALSE;
    }
  for (gsize offset = 0; offset < len; offset += NEW_ADDRESS_BLOCK_SIZE)
    {
      g_autofree char *block = NULL;

      if (!idcard_wire_read_ucs2 (buf, len, offset, NEW_ADDRESS_BLOCK_SIZE, &block, error))
        return FALSE;
      g_string_append (address, block);
    }
  *out_address = g_string_free (g_steal_pointer (&address), FALSE);
  return TRUE;
}

/**
 * idcard_card_encode_new_address:
 *
 * Returns: (transfer full) (nullable): the newest address as a 30 03 response carries it
 *   (70-byte UCS-2LE blocks), %NULL when the card has none
 */
GBytes *
idcard_card_encode_new_address (IdcardCard *self, GError **error)
{
  const char *address = self->new_address;
  glong n_chars;
  gsize n_blocks;
  g_autofree guint8 *buf = NULL;
  gsize size;

  if (address == NULL)
    return NULL;
  n_chars = g_utf8_strlen (address, -1);
  n_blocks =
      MAX (1, ((gsize) n_chars + NEW_ADDRESS_BLOCK_SIZE / 2 - 1) / (NEW_ADDRESS_BLOCK_SIZE / 2));
  size = n_blocks * NEW_ADDRESS_BLOCK_SIZE;
  buf = g_malloc (size);
  if (!idcard_wire_write_ucs2 (buf, size, 0, size, address, error))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&buf), size);
}

/**
 * idcard_format_sam_id:
 * @data: the 16 bytes of a 12 FF response
 *
 * Formats the SAM ID the way Routon's SDK prints it: "%02u.%02u-%08u-%010u-%010u"
 * over u16 LE, u16 LE, u32 LE, u32 LE, u32 LE. Other vendors pad differently.
 */
char *
idcard_format_sam_id (GBytes *data, GError **error)
{
  gsize len;
  const guint8 *buf = g_bytes_get_data (data, &len);
  guint16 a, b;
  guint32 c, d, e;

  if (len != SAM_ID_SIZE)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                   "SAM ID of %" G_GSIZE_FORMAT " bytes instead of %u", len, SAM_ID_SIZE);
      return NULL;
    }
  if (!idcard_wire_read_u16_le (buf, len, SAM_ID_PART1_OFFSET, &a, error) ||
      !idcard_wire_read_u16_le (buf, len, SAM_ID_PART2_OFFSET, &b, error) ||
      !idcard_wire_read_u32_le (buf, len, SAM_ID_PART3_OFFSET, &c, error) ||
      !idcard_wire_read_u32_le (buf, len, SAM_ID_PART4_OFFSET, &d, error) ||
      !idcard_wire_read_u32_le (buf, len, SAM_ID_PART5_OFFSET, &e, error))
    return NULL;
  return g_strdup_printf ("%02u.%02u-%08u-%010u-%010u", a, b, c, d, e);
}
