/* idcard-document.c: identity document types and their number rules
 *
 * Every rule says why a number fails, in words a person at the kiosk can act on.
 * The messages never repeat the number itself: callers may log them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "idcard-document.h"

typedef struct
{
  const char *name;
  const char *name_zh; /* as the document and official forms print it */
  const char *label;   /* translated at run time */
} DocumentTypeInfo;

static const DocumentTypeInfo document_types[IDCARD_DOCUMENT_N_TYPES] = {
  [IDCARD_DOCUMENT_RESIDENT] = { "resident", "居民身份证", N_ ("Resident ID card") },
  [IDCARD_DOCUMENT_FOREIGN_PERMANENT] = { "foreign_permanent", "外国人永久居留身份证",
                                          N_ ("Foreign permanent resident ID card") },
  [IDCARD_DOCUMENT_HMT_RESIDENCE] = { "hmt_residence", "港澳台居民居住证",
                                      N_ ("Residence permit for Hong Kong, Macao "
                                          "and Taiwan residents") },
  [IDCARD_DOCUMENT_HOME_RETURN] = { "home_return", "港澳居民来往内地通行证",
                                    N_ ("Mainland travel permit for Hong Kong and "
                                        "Macao residents") },
  [IDCARD_DOCUMENT_TAIWAN_PERMIT] = { "taiwan_permit", "台湾居民来往大陆通行证",
                                      N_ ("Mainland travel permit for Taiwan residents") },
  [IDCARD_DOCUMENT_PASSPORT] = { "passport", "护照", N_ ("Passport") },
  [IDCARD_DOCUMENT_MILITARY_OFFICER] = { "military_officer", "军官证", N_ ("Military officer ID") },
};

/* GB 11643 / ISO 7064 MOD 11-2 */
static const guint mod11_2_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char mod11_2_check_chars[] = "10X98765432";

/* Province-level codes of GB/T 2260 under which resident ID numbers are issued. */
static const guint8 province_codes[] = { 11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33,
                                         34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50,
                                         51, 52, 53, 54, 61, 62, 63, 64, 65, 71 };

#define MILITARY_MAX_CHARS 32
#define PASSPORT_MIN_CHARS 5
#define PASSPORT_MAX_CHARS 17
#define EARLIEST_BIRTH_YEAR 1900

const char *
idcard_document_type_to_string (IdcardDocumentType type)
{
  g_return_val_if_fail ((guint) type < IDCARD_DOCUMENT_N_TYPES, NULL);

  return document_types[type].name;
}

gboolean
idcard_document_type_from_string (const char *text, IdcardDocumentType *out_type)
{
  g_return_val_if_fail (out_type != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < IDCARD_DOCUMENT_N_TYPES; i++)
    {
      if (g_str_equal (text, document_types[i].name))
        {
          *out_type = (IdcardDocumentType) i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * idcard_document_type_get_label:
 *
 * Returns: the name of @type in the language of the user interface
 */
const char *
idcard_document_type_get_label (IdcardDocumentType type)
{
  g_return_val_if_fail ((guint) type < IDCARD_DOCUMENT_N_TYPES, NULL);

  return _ (document_types[type].label);
}

/**
 * idcard_document_type_get_chinese_name:
 *
 * Paper that an office files (the signature collection form) names the
 * document in Chinese whatever language the screen was in.
 *
 * Returns: the Chinese name of @type, e.g. "居民身份证"
 */
const char *
idcard_document_type_get_chinese_name (IdcardDocumentType type)
{
  g_return_val_if_fail ((guint) type < IDCARD_DOCUMENT_N_TYPES, NULL);

  return document_types[type].name_zh;
}

/**
 * idcard_document_type_is_foreign:
 *
 * Returns: whether @type is issued to foreigners, naming its holder in Latin
 *   letters: a Chinese name on it is a translation, not the holder's name
 */
gboolean
idcard_document_type_is_foreign (IdcardDocumentType type)
{
  return type == IDCARD_DOCUMENT_FOREIGN_PERMANENT;
}

/**
 * idcard_holder_goes_by_latin_name:
 * @doc_type: (nullable): the document's type as a string, e.g. "passport"
 * @nationality: (nullable): the holder's ISO 3166-1 alpha-3 code
 * @name: (nullable): the holder's Chinese name
 * @name_en: (nullable): the holder's name in Latin letters
 *
 * The one rule every page and the signature form name a person by: by the
 * Latin name first when there is one and the person either has no Chinese
 * name or holds a document issued to foreigners (a foreign permanent
 * resident card, or a passport of another country than China), where a
 * Chinese name is a translation; by the Chinese name otherwise (a Hong Kong
 * resident's permit gives both, and the Chinese one is theirs).
 *
 * Returns: whether @name_en comes first
 */
gboolean
idcard_holder_goes_by_latin_name (const char *doc_type,
                                  const char *nationality,
                                  const char *name,
                                  const char *name_en)
{
  IdcardDocumentType type;

  if (name_en == NULL || *name_en == '\0')
    return FALSE;
  if (name == NULL || *name == '\0')
    return TRUE;
  if (!idcard_document_type_from_string (doc_type, &type))
    return FALSE;
  return idcard_document_type_is_foreign (type) ||
         (type == IDCARD_DOCUMENT_PASSPORT && nationality != NULL && *nationality != '\0' &&
          g_strcmp0 (nationality, "CHN") != 0);
}

/**
 * idcard_document_mod11_2_check_char:
 * @digits: at least 17 ASCII digits
 * @n_digits: how many of them count; must be 17
 *
 * Returns: the GB 11643 check character ('0'–'9' or 'X') for the first 17 digits,
 *   or '\0' when @digits holds anything but digits.
 */
char
idcard_document_mod11_2_check_char (const char *digits, gsize n_digits)
{
  guint sum = 0;

  g_return_val_if_fail (digits != NULL, '\0');
  g_return_val_if_fail (n_digits == G_N_ELEMENTS (mod11_2_weights), '\0');

  for (gsize i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (digits[i]))
        return '\0';
      sum += (guint) (digits[i] - '0') * mod11_2_weights[i];
    }
  return mod11_2_check_chars[sum % 11];
}

/**
 * idcard_document_number_normalize:
 * @number: a number as a person typed it
 *
 * Drops white space, turns full-width digits and letters (as Chinese input methods
 * type them) into ASCII and upper-cases ASCII letters. Other characters are kept, so
 * the rules can still say which one is wrong.
 *
 * Returns: (transfer full): the normalised number
 */
char *
idcard_document_number_normalize (const char *number)
{
  g_autoptr (GString) out = NULL;

  g_return_val_if_fail (number != NULL, NULL);

  if (!g_utf8_validate (number, -1, NULL))
    return g_strdup (number);

  out = g_string_sized_new (strlen (number));
  for (const char *p = number; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000 /* ideographic space */)
        continue;
      if (c >= 0xFF01 && c <= 0xFF5E) /* full-width ASCII forms */
        c = c - 0xFF01 + 0x21;
      if (c < 0x80)
        g_string_append_c (out, g_ascii_toupper ((char) c));
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean fail (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_NUMBER, message);
  return FALSE;
}

static gboolean
check_not_empty (const char *number, GError **error)
{
  if (number[0] == '\0')
    return fail (error, "%s", _ ("the number is empty"));
  return TRUE;
}

/* Every character must be printable ASCII before the per-type rules look at it. */
static gboolean
check_ascii (const char *number, GError **error)
{
  for (gsize i = 0; number[i] != '\0'; i++)
    {
      guchar c = (guchar) number[i];

      if (c == ' ')
        return fail (error, _ ("bad character at position %u: spaces are not allowed"),
                     (guint) i + 1);
      if (c < 0x21 || c > 0x7e)
        return fail (error, _ ("bad character at position %u: only letters and digits are allowed"),
                     (guint) i + 1);
    }
  return TRUE;
}

static gboolean
check_digits (const char *number, gsize start, gsize n, GError **error)
{
  for (gsize i = start; i < start + n; i++)
    {
      if (!g_ascii_isdigit (number[i]))
        return fail (error, _ ("bad character “%c” at position %u: a digit is expected"), number[i],
                     (guint) i + 1);
    }
  return TRUE;
}

static guint
parse_uint (const char *digits, gsize n)
{
  guint value = 0;

  for (gsize i = 0; i < n; i++)
    value = value * 10 + (guint) (digits[i] - '0');
  return value;
}

/* @digits: 8 checked ASCII digits YYYYMMDD */
static gboolean
check_birth_date (const char *digits, GError **error)
{
  guint year = parse_uint (digits, 4);
  guint month = parse_uint (digits + 4, 2);
  guint day = parse_uint (digits + 6, 2);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  guint today;

  if (month < 1 || month > 12)
    return fail (error, _ ("impossible birth date: there is no month %02u"), month);
  if (year < 1 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return fail (error, _ ("impossible birth date: month %02u has no day %02u"), month, day);
  if (year < EARLIEST_BIRTH_YEAR)
    return fail (error, _ ("impossible birth date: the year is before %u"), EARLIEST_BIRTH_YEAR);

  today = (guint) g_date_time_get_year (now) * 10000 + (guint) g_date_time_get_month (now) * 100 +
          (guint) g_date_time_get_day_of_month (now);
  if (year * 10000 + month * 100 + day > today)
    return fail (error, "%s", _ ("impossible birth date: it is in the future"));
  return TRUE;
}

static gboolean
is_province_code (guint code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (province_codes); i++)
    {
      if (province_codes[i] == code)
        return TRUE;
    }
  return FALSE;
}

/* The shared tail of the GB 11643 layout (resident, residence permit, 2023 foreign):
 * 18 characters, 17 digits, birth date at 6..13, MOD 11-2 check character. */
static gboolean
check_gb11643 (const char *number, GError **error)
{
  gsize len = strlen (number);
  char expected;

  if (len != 18)
    return fail (error, _ ("wrong length: 18 characters are expected, this number has %u"),
                 (guint) len);
  if (!check_digits (number, 0, 17, error))
    return FALSE;
  if (number[17] == 'x')
    return fail (error, "%s", _ ("the check character must be an upper-case X"));
  if (!g_ascii_isdigit (number[17]) && number[17] != 'X')
    return fail (error, "%s", _ ("bad last character: a digit or X is expected"));
  if (!check_birth_date (number + 6, error))
    return FALSE;

  expected = idcard_document_mod11_2_check_char (number, 17);
  if (expected != number[17])
    return fail (error, "%s",
                 _ ("checksum mismatch: the last character does not match the other 17; "
                    "a digit may be mistyped"));
  return TRUE;
}

static gboolean
check_resident (const char *number, GError **error)
{
  guint province;

  if (strlen (number) == 15 && check_digits (number, 0, 15, NULL))
    return fail (error, "%s",
                 _ ("this is an old 15-digit number; the 18-character number on the second-"
                    "generation card is needed"));
  if (strlen (number) == 18 && check_digits (number, 0, 2, NULL))
    {
      province = parse_uint (number, 2);
      if (province == 81 || province == 82 || province == 83)
        return fail (error, "%s",
                     _ ("unknown prefix: numbers starting with 81, 82 or 83 belong to residence "
                        "permits for Hong Kong, Macao and Taiwan residents"));
      if (number[0] == '9')
        return fail (error, "%s",
                     _ ("unknown prefix: numbers starting with 9 belong to foreign permanent "
                        "resident ID cards"));
      if (!is_province_code (province))
        return fail (error, _ ("unknown prefix: %02u is not a province code"), province);
    }
  return check_gb11643 (number, error);
}

static gboolean
check_foreign_2017 (const char *number, GError **error)
{
  for (gsize i = 0; i < 3; i++)
    {
      if (!g_ascii_isupper (number[i]))
        return fail (error,
                     _ ("bad character at position %u: a 2017 card number starts with the "
                        "three upper-case letters of the nationality"),
                     (guint) i + 1);
    }
  return check_digits (number, 3, 12, error);
}

static gboolean
check_foreign_2023 (const char *number, GError **error)
{
  guint province;

  if (number[0] != '9')
    return fail (error, "%s",
                 _ ("unknown prefix: an 18-digit number on a 2023 card starts with 9"));
  if (!check_digits (number, 0, 6, error))
    return FALSE;
  province = parse_uint (number + 1, 2);
  if (!is_province_code (province))
    return fail (error, _ ("unknown prefix: %02u is not a province code"), province);
  if (parse_uint (number + 3, 3) == 0)
    return fail (error, "%s", _ ("unknown country code 000"));
  return check_gb11643 (number, error);
}

static gboolean
check_foreign_permanent (const char *number, GError **error)
{
  gsize len = strlen (number);

  if (len == 15)
    return check_foreign_2017 (number, error);
  if (len == 18)
    return check_foreign_2023 (number, error);
  return fail (error,
               _ ("wrong length: 15 characters (2017 card) or 18 digits (2023 card) are "
                  "expected, this number has %u"),
               (guint) len);
}

static gboolean
check_hmt_residence (const char *number, GError **error)
{
  if (strlen (number) == 18 && check_digits (number, 0, 6, NULL) &&
      !(number[0] == '8' && number[1] >= '1' && number[1] <= '3' &&
        g_str_has_prefix (number + 2, "0000")))
    return fail (error, "%s",
                 _ ("unknown prefix: 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan) "
                    "is expected"));
  return check_gb11643 (number, error);
}

static gboolean
check_home_return (const char *number, GError **error)
{
  gsize len = strlen (number);

  if (number[0] != 'H' && number[0] != 'M')
    return fail (error, "%s",
                 _ ("unknown prefix: the number starts with H (Hong Kong) or M (Macao)"));
  if (len != 9 && len != 11)
    return fail (error,
                 _ ("wrong length: H or M and 8 or 10 digits are expected, this number has %u "
                    "characters"),
                 (guint) len);
  return check_digits (number, 1, len - 1, error);
}

static gboolean
check_taiwan_permit (const char *number, GError **error)
{
  gsize len = strlen (number);
  gsize n_digits = len;

  /* older booklets carry a letter suffix such as "(A)" */
  if (len >= 3 && number[len - 1] == ')' && number[len - 3] == '(')
    {
      if (!g_ascii_isupper (number[len - 2]))
        return fail (error, "%s", _ ("bad suffix: one upper-case letter in brackets is expected"));
      n_digits = len - 3;
    }
  if (n_digits != 8 && n_digits != 10)
    return fail (error, _ ("wrong length: 8 or 10 digits are expected, this number has %u"),
                 (guint) n_digits);
  return check_digits (number, 0, n_digits, error);
}

/* Chinese passports are E + 8 digits, E + letter + 7 digits, G/P/S/D + 8 digits and
 * PE/SE/DE + 7 digits; foreign passports follow no common rule. The kiosk files
 * both, so any 5–17 upper-case letters and digits are accepted. */
static gboolean
check_passport (const char *number, GError **error)
{
  gsize len = strlen (number);

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isupper (number[i]) && !g_ascii_isdigit (number[i]))
        return fail (error,
                     _ ("bad character at position %u: only upper-case letters and digits are "
                        "allowed"),
                     (guint) i + 1);
    }
  if (len < PASSPORT_MIN_CHARS || len > PASSPORT_MAX_CHARS)
    return fail (error, _ ("wrong length: %u to %u characters are expected, this number has %u"),
                 PASSPORT_MIN_CHARS, PASSPORT_MAX_CHARS, (guint) len);
  return TRUE;
}

/* No official public format exists (e.g. 军字第2001988号); accept any short printable text. */
static gboolean
check_military_officer (const char *number, GError **error)
{
  glong n_chars;

  if (!g_utf8_validate (number, -1, NULL))
    return fail (error, "%s", _ ("the number is not valid text"));
  for (const char *p = number; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isgraph (c))
        return fail (error, "%s", _ ("spaces and control characters are not allowed"));
    }
  n_chars = g_utf8_strlen (number, -1);
  if (n_chars > MILITARY_MAX_CHARS)
    return fail (error, _ ("wrong length: at most %u characters are expected, this number has %u"),
                 MILITARY_MAX_CHARS, (guint) n_chars);
  return TRUE;
}

/**
 * idcard_document_number_check:
 * @type: the document type
 * @number: the number, exactly as it will be stored (see idcard_document_number_normalize())
 * @error: set to %IDCARD_ERROR_INVALID_NUMBER with the reason when the number is not valid
 *
 * Passports are checked loosely on purpose: 5 to 17 upper-case letters and digits,
 * which covers every Chinese passport form and foreign passports alike. Military officer
 * IDs are checked loosely too: at most 32 printable characters, no spaces.
 *
 * Returns: %TRUE when @number is a valid number of @type
 */
gboolean
idcard_document_number_check (IdcardDocumentType type, const char *number, GError **error)
{
  g_return_val_if_fail ((guint) type < IDCARD_DOCUMENT_N_TYPES, FALSE);
  g_return_val_if_fail (number != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_empty (number, error))
    return FALSE;
  if (type == IDCARD_DOCUMENT_MILITARY_OFFICER)
    return check_military_officer (number, error);
  if (!check_ascii (number, error))
    return FALSE;

  switch (type)
    {
      case IDCARD_DOCUMENT_RESIDENT:
        return check_resident (number, error);
      case IDCARD_DOCUMENT_FOREIGN_PERMANENT:
        return check_foreign_permanent (number, error);
      case IDCARD_DOCUMENT_HMT_RESIDENCE:
        return check_hmt_residence (number, error);
      case IDCARD_DOCUMENT_HOME_RETURN:
        return check_home_return (number, error);
      case IDCARD_DOCUMENT_TAIWAN_PERMIT:
        return check_taiwan_permit (number, error);
      case IDCARD_DOCUMENT_PASSPORT:
        return check_passport (number, error);
      case IDCARD_DOCUMENT_MILITARY_OFFICER:
      default:
        g_assert_not_reached ();
    }
}
