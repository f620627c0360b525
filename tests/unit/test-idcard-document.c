/* test-idcard-document.c: document types and number rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-document.h"

typedef struct
{
  IdcardDocumentType type;
  const char *number;
  const char *reason; /* a fragment of the message, NULL for valid numbers */
} Sample;

static const Sample samples[] = {
  /* resident: the standard's own sample and a few more with correct check characters */
  { IDCARD_DOCUMENT_RESIDENT, "11010519491231002X", NULL },
  { IDCARD_DOCUMENT_RESIDENT, "440306199003070010", NULL },
  { IDCARD_DOCUMENT_RESIDENT, "320102198001010518", NULL },
  { IDCARD_DOCUMENT_RESIDENT, "11010520000229003X", NULL },
  { IDCARD_DOCUMENT_RESIDENT, "", "empty" },
  { IDCARD_DOCUMENT_RESIDENT, "11010519491231002", "wrong length" },
  { IDCARD_DOCUMENT_RESIDENT, "11010519491231002X1", "wrong length" },
  { IDCARD_DOCUMENT_RESIDENT, "110105194912310029", "checksum mismatch" },
  { IDCARD_DOCUMENT_RESIDENT, "11010519491231003X", "checksum mismatch" },
  { IDCARD_DOCUMENT_RESIDENT, "11010519491231002x", "upper-case X" },
  { IDCARD_DOCUMENT_RESIDENT, "1101051949123100AX", "digit is expected" },
  { IDCARD_DOCUMENT_RESIDENT, "110105 19491231002", "spaces" },
  { IDCARD_DOCUMENT_RESIDENT, "11010519491331002X", "no month 13" },
  { IDCARD_DOCUMENT_RESIDENT, "110105199902290000", "no day 29" },
  { IDCARD_DOCUMENT_RESIDENT, "110105185001010000", "before 1900" },
  { IDCARD_DOCUMENT_RESIDENT, "110105209901010000", "future" },
  { IDCARD_DOCUMENT_RESIDENT, "190105194912310021", "not a province code" },
  { IDCARD_DOCUMENT_RESIDENT, "810000199001011230", "residence permits" },
  { IDCARD_DOCUMENT_RESIDENT, "932682198501010017", "foreign permanent" },
  { IDCARD_DOCUMENT_RESIDENT, "110105491231002", "old 15-digit" },
  { IDCARD_DOCUMENT_RESIDENT, "11010519491231002\xe2\x80\x8b", "only letters and digits" },

  /* foreign permanent: the 2017 15-character and 2023 18-digit forms, official samples */
  { IDCARD_DOCUMENT_FOREIGN_PERMANENT, "CAN110019810803", NULL },
  { IDCARD_DOCUMENT_FOREIGN_PERMANENT, "932682198501010017", NULL },
  { IDCARD_DOCUMENT_FOREIGN_PERMANENT, "911124198108030024", NULL },
  { IDCARD_DOCUMENT_FOREIGN_PERMANENT, "can110019810803", "three upper-case letters" },
  { IDCARD_DOCUMENT_FOREIGN_PERMANENT, "CA1110019810803", "three upper-case letters" },
  { IDCARD_DOCUMENT_FOREIGN_PERMANENT, "CAN11001981080X", "digit is expected" },
  { IDCARD_DOCUMENT_FOREIGN_PERMANENT, "CAN1100198108", "wrong length" },
  { IDCARD_DOCUMENT_FOREIGN_PERMANENT, "932682198501010018", "checksum mismatch" },
  { IDCARD_DOCUMENT_FOREIGN_PERMANENT, "832682198501010017", "starts with 9" },
  { IDCARD_DOCUMENT_FOREIGN_PERMANENT, "999682198501010017", "not a province code" },
  { IDCARD_DOCUMENT_FOREIGN_PERMANENT, "932000198501010010", "country code" },
  { IDCARD_DOCUMENT_FOREIGN_PERMANENT, "932682198502300010", "no day 30" },

  /* Hong Kong, Macao and Taiwan residence permits */
  { IDCARD_DOCUMENT_HMT_RESIDENCE, "810000199001011230", NULL },
  { IDCARD_DOCUMENT_HMT_RESIDENCE, "820000200002290048", NULL },
  { IDCARD_DOCUMENT_HMT_RESIDENCE, "830000198511112014", NULL },
  { IDCARD_DOCUMENT_HMT_RESIDENCE, "840000198511112014", "810000" },
  { IDCARD_DOCUMENT_HMT_RESIDENCE, "11010519491231002X", "810000" },
  { IDCARD_DOCUMENT_HMT_RESIDENCE, "810000199001011231", "checksum mismatch" },
  { IDCARD_DOCUMENT_HMT_RESIDENCE, "81000019900101123", "wrong length" },

  /* home-return permits */
  { IDCARD_DOCUMENT_HOME_RETURN, "H12345678", NULL },
  { IDCARD_DOCUMENT_HOME_RETURN, "M1234567801", NULL },
  { IDCARD_DOCUMENT_HOME_RETURN, "K12345678", "starts with H" },
  { IDCARD_DOCUMENT_HOME_RETURN, "H1234567", "wrong length" },
  { IDCARD_DOCUMENT_HOME_RETURN, "H123456789", "wrong length" },
  { IDCARD_DOCUMENT_HOME_RETURN, "H1234567A", "digit is expected" },

  /* Taiwan residents' permits */
  { IDCARD_DOCUMENT_TAIWAN_PERMIT, "12345678", NULL },
  { IDCARD_DOCUMENT_TAIWAN_PERMIT, "1234567801", NULL },
  { IDCARD_DOCUMENT_TAIWAN_PERMIT, "1234567801(B)", NULL },
  { IDCARD_DOCUMENT_TAIWAN_PERMIT, "1234567", "wrong length" },
  { IDCARD_DOCUMENT_TAIWAN_PERMIT, "123456789", "wrong length" },
  { IDCARD_DOCUMENT_TAIWAN_PERMIT, "1234567801(b)", "bad suffix" },
  { IDCARD_DOCUMENT_TAIWAN_PERMIT, "T2345678", "digit is expected" },

  /* passports: Chinese forms and foreign ones */
  { IDCARD_DOCUMENT_PASSPORT, "E12345678", NULL },
  { IDCARD_DOCUMENT_PASSPORT, "EA1234567", NULL },
  { IDCARD_DOCUMENT_PASSPORT, "G12345678", NULL },
  { IDCARD_DOCUMENT_PASSPORT, "PE1234567", NULL },
  { IDCARD_DOCUMENT_PASSPORT, "C01X00T47", NULL },
  { IDCARD_DOCUMENT_PASSPORT, "123456789", NULL },
  { IDCARD_DOCUMENT_PASSPORT, "AB123", NULL },
  { IDCARD_DOCUMENT_PASSPORT, "AB12", "wrong length" },
  { IDCARD_DOCUMENT_PASSPORT, "A12345678901234567", "wrong length" },
  { IDCARD_DOCUMENT_PASSPORT, "e12345678", "upper-case letters and digits" },
  { IDCARD_DOCUMENT_PASSPORT, "E1234-5678", "position 6" },

  /* military officer IDs: loose */
  { IDCARD_DOCUMENT_MILITARY_OFFICER, "军字第2001988号", NULL },
  { IDCARD_DOCUMENT_MILITARY_OFFICER, "士字第P011816X号", NULL },
  { IDCARD_DOCUMENT_MILITARY_OFFICER, "A1234", NULL },
  { IDCARD_DOCUMENT_MILITARY_OFFICER, "", "empty" },
  { IDCARD_DOCUMENT_MILITARY_OFFICER, "军字 第2001988号", "spaces" },
  { IDCARD_DOCUMENT_MILITARY_OFFICER, "\xff\xfe", "not valid text" },
  { IDCARD_DOCUMENT_MILITARY_OFFICER, "123456789012345678901234567890123", "at most 32" },
};

static void
test_samples (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      const Sample *s = &samples[i];
      g_autoptr (GError) error = NULL;
      gboolean ok = idcard_document_number_check (s->type, s->number, &error);

      g_test_message ("sample %" G_GSIZE_FORMAT ": %s", i,
                      idcard_document_type_to_string (s->type));
      if (s->reason == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_NUMBER);
          g_assert_false (ok);
          if (strstr (error->message, s->reason) == NULL)
            g_error ("sample %" G_GSIZE_FORMAT ": “%s” does not contain “%s”", i, error->message,
                     s->reason);
        }
    }
}

static void
test_every_type_has_samples (void)
{
  for (guint t = 0; t < IDCARD_DOCUMENT_N_TYPES; t++)
    {
      gboolean valid = FALSE, invalid = FALSE;

      for (gsize i = 0; i < G_N_ELEMENTS (samples); i++)
        {
          if (samples[i].type != t)
            continue;
          if (samples[i].reason == NULL)
            valid = TRUE;
          else
            invalid = TRUE;
        }
      g_assert_true (valid);
      g_assert_true (invalid);
    }
}

static void
test_type_strings (void)
{
  static const char *const names[] = { "resident",        "foreign_permanent", "hmt_residence",
                                       "home_return",     "taiwan_permit",     "passport",
                                       "military_officer" };

  g_assert_cmpuint (G_N_ELEMENTS (names), ==, IDCARD_DOCUMENT_N_TYPES);
  for (guint t = 0; t < IDCARD_DOCUMENT_N_TYPES; t++)
    {
      IdcardDocumentType parsed = IDCARD_DOCUMENT_PASSPORT;

      g_assert_cmpstr (idcard_document_type_to_string (t), ==, names[t]);
      g_assert_true (idcard_document_type_from_string (names[t], &parsed));
      g_assert_cmpint (parsed, ==, t);
      g_assert_nonnull (idcard_document_type_get_label (t));
      g_assert_cmpstr (idcard_document_type_get_label (t), !=, "");
    }
  g_assert_cmpstr (idcard_document_type_get_label (IDCARD_DOCUMENT_RESIDENT), ==,
                   "Resident ID card");
  {
    IdcardDocumentType parsed = IDCARD_DOCUMENT_PASSPORT;

    g_assert_false (idcard_document_type_from_string ("Resident", &parsed));
    g_assert_false (idcard_document_type_from_string ("", &parsed));
    g_assert_false (idcard_document_type_from_string (NULL, &parsed));
    g_assert_cmpint (parsed, ==, IDCARD_DOCUMENT_PASSPORT);
  }
}

static void
test_check_char (void)
{
  g_assert_cmpint (idcard_document_mod11_2_check_char ("11010519491231002", 17), ==, 'X');
  g_assert_cmpint (idcard_document_mod11_2_check_char ("93268219850101001", 17), ==, '7');
  g_assert_cmpint (idcard_document_mod11_2_check_char ("91112419810803002", 17), ==, '4');
  g_assert_cmpint (idcard_document_mod11_2_check_char ("9111241981080300A", 17), ==, '\0');
}

static void
test_normalize (void)
{
  const struct
  {
    const char *in, *out;
  } cases[] = {
    { " 110105 1949 1231 002x ", "11010519491231002X" },
    { "ｅ１２３４５６７８", "E12345678" },
    { "h12345678\t", "H12345678" },
    { "军字第2001988号", "军字第2001988号" },
    { "1234567801（b）", "1234567801(B)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = idcard_document_number_normalize (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* Whom every page and the form name by the Latin name first. */
static void
test_latin_name_first (void)
{
  /* a foreign permanent resident: the Chinese name on the card is a translation */
  g_assert_true (
      idcard_holder_goes_by_latin_name ("foreign_permanent", "DEU", "施乔纳", "SCHNEIDER"));
  /* a passport of another country, but not a Chinese one */
  g_assert_true (idcard_holder_goes_by_latin_name ("passport", "DEU", "施乔纳", "SCHNEIDER"));
  g_assert_false (idcard_holder_goes_by_latin_name ("passport", "CHN", "张伟", "ZHANG WEI"));
  g_assert_false (idcard_holder_goes_by_latin_name ("passport", NULL, "张伟", "ZHANG WEI"));
  /* a Hong Kong resident's permit gives both; the Chinese one is theirs */
  g_assert_false (
      idcard_holder_goes_by_latin_name ("home_return", "CHN", "陈大文", "CHAN TAI MAN"));
  g_assert_false (idcard_holder_goes_by_latin_name ("resident", NULL, "陈建国", NULL));
  /* whoever has only a Latin name goes by it; nobody goes by an empty one */
  g_assert_true (idcard_holder_goes_by_latin_name ("resident", NULL, NULL, "ANNA"));
  g_assert_true (idcard_holder_goes_by_latin_name (NULL, NULL, "", "ANNA"));
  g_assert_false (idcard_holder_goes_by_latin_name ("foreign_permanent", "DEU", "施乔纳", ""));
  g_assert_false (idcard_holder_goes_by_latin_name ("not-a-type", "DEU", "施乔纳", "SCHNEIDER"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/idcard/document/samples", test_samples);
  g_test_add_func ("/idcard/document/every-type-has-samples", test_every_type_has_samples);
  g_test_add_func ("/idcard/document/type-strings", test_type_strings);
  g_test_add_func ("/idcard/document/latin-name-first", test_latin_name_first);
  g_test_add_func ("/idcard/document/check-char", test_check_char);
  g_test_add_func ("/idcard/document/normalize", test_normalize);

  return g_test_run ();
}
