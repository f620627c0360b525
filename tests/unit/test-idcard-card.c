/* test-idcard-card.c: the card text of all four card types, SAM ID, newest address
 *
 * The texts are built here byte by byte from the published layouts, independently of
 * the library's own encoder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-card.h"
#include "idcard-card-private.h"
#include "idcard-protocol-private.h"

typedef struct
{
  guint8 buf[256];
} Text;

static void
text_init (Text *t, gunichar type)
{
  for (gsize i = 0; i < sizeof t->buf; i += 2)
    {
      t->buf[i] = ' ';
      t->buf[i + 1] = 0;
    }
  t->buf[248] = (guint8) type;
}

/* writes UTF-8 @s as UCS-2LE at @offset, never past @size bytes */
static void
put (Text *t, gsize offset, gsize size, const char *s)
{
  g_autofree gunichar2 *u = g_utf8_to_utf16 (s, -1, NULL, NULL, NULL);
  gsize n = 0;

  for (; u[n] != 0; n++)
    {
      g_assert_cmpuint (n * 2 + 2, <=, size);
      t->buf[offset + n * 2] = (guint8) (u[n] & 0xff);
      t->buf[offset + n * 2 + 1] = (guint8) (u[n] >> 8);
    }
}

static GBytes *
text_bytes (Text *t)
{
  return g_bytes_new (t->buf, sizeof t->buf);
}

static IdcardCard *
parse_ok (Text *t)
{
  g_autoptr (GBytes) bytes = text_bytes (t);
  g_autoptr (GError) error = NULL;
  IdcardCard *card = idcard_card_new_from_text (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  return card;
}

static void
assert_round_trip (IdcardCard *card, Text *t)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) encoded = idcard_card_encode_text (card, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded), t->buf,
                   sizeof t->buf);
}

#define ADDRESS_35 "北京市东城区景山前街四号紫禁城博物院内东华门外大街甲一号院三号楼二单元"

static void
make_resident (Text *t)
{
  text_init (t, ' ');
  put (t, 0, 30, "张三");
  put (t, 30, 2, "1");
  put (t, 32, 4, "01");
  put (t, 36, 16, "19491231");
  put (t, 52, 70, ADDRESS_35);
  put (t, 122, 36, "11010519491231002X");
  put (t, 158, 30, "北京市公安局东城分局");
  put (t, 188, 16, "20150101");
  put (t, 204, 16, "长期");
}

static void
test_resident (void)
{
  Text t;
  g_autoptr (IdcardCard) card = NULL;

  make_resident (&t);
  g_assert_cmpuint (g_utf8_strlen (ADDRESS_35, -1), ==, 35);
  card = parse_ok (&t);
  g_assert_cmpint (idcard_card_get_card_type (card), ==, IDCARD_CARD_RESIDENT);
  g_assert_cmpstr (idcard_card_get_name (card), ==, "张三");
  g_assert_null (idcard_card_get_name_en (card));
  g_assert_cmpint (idcard_card_get_sex (card), ==, IDCARD_SEX_MALE);
  g_assert_cmpuint (idcard_card_get_nation_code (card), ==, 1);
  g_assert_cmpstr (idcard_card_get_nation (card), ==, "汉");
  g_assert_cmpstr (idcard_card_get_birth_date (card), ==, "1949-12-31");
  g_assert_cmpstr (idcard_card_get_address (card), ==, ADDRESS_35);
  g_assert_cmpstr (idcard_card_get_id_number (card), ==, "11010519491231002X");
  g_assert_cmpstr (idcard_card_get_issuer (card), ==, "北京市公安局东城分局");
  g_assert_cmpstr (idcard_card_get_valid_from (card), ==, "2015-01-01");
  g_assert_cmpstr (idcard_card_get_valid_until (card), ==, "长期");
  g_assert_true (idcard_card_is_long_term (card));
  g_assert_cmpint (idcard_card_get_issue_count (card), ==, -1);
  g_assert_null (idcard_card_get_pass_number (card));
  assert_round_trip (card, &t);
}

static void
test_resident_dated (void)
{
  Text t;
  g_autoptr (IdcardCard) card = NULL;

  make_resident (&t);
  put (&t, 30, 2, "2");
  put (&t, 32, 4, "05");
  put (&t, 204, 16, "20350101");
  card = parse_ok (&t);
  g_assert_cmpint (idcard_card_get_sex (card), ==, IDCARD_SEX_FEMALE);
  g_assert_cmpstr (idcard_card_get_nation (card), ==, "维吾尔");
  g_assert_cmpstr (idcard_card_get_valid_until (card), ==, "2035-01-01");
  g_assert_false (idcard_card_is_long_term (card));
}

static void
test_hmt_residence (void)
{
  Text t;
  g_autoptr (IdcardCard) card = NULL;

  text_init (&t, 'J');
  put (&t, 0, 30, "陈大文");
  put (&t, 30, 2, "1");
  put (&t, 36, 16, "19900101");
  put (&t, 52, 70, "广东省深圳市福田区福华路88号");
  put (&t, 122, 36, "810000199001011230");
  put (&t, 158, 30, "深圳市公安局");
  put (&t, 188, 16, "20200101");
  put (&t, 204, 16, "20250101");
  put (&t, 220, 18, "H12345678");
  put (&t, 238, 4, "03");
  card = parse_ok (&t);
  g_assert_cmpint (idcard_card_get_card_type (card), ==, IDCARD_CARD_HMT_RESIDENCE);
  g_assert_cmpstr (idcard_card_get_name (card), ==, "陈大文");
  g_assert_null (idcard_card_get_nation (card));
  g_assert_cmpstr (idcard_card_get_id_number (card), ==, "810000199001011230");
  g_assert_cmpstr (idcard_card_get_pass_number (card), ==, "H12345678");
  g_assert_cmpint (idcard_card_get_issue_count (card), ==, 3);
  g_assert_cmpstr (idcard_card_get_valid_until (card), ==, "2025-01-01");
  assert_round_trip (card, &t);
}

static void
test_foreign_2017 (void)
{
  Text t;
  g_autoptr (IdcardCard) card = NULL;

  text_init (&t, 'I');
  put (&t, 0, 120, "SMITH, JOHN ALEXANDER");
  put (&t, 120, 2, "1");
  put (&t, 122, 30, "CAN110019810803");
  put (&t, 152, 6, "CAN");
  put (&t, 158, 30, "史密斯");
  put (&t, 188, 16, "20180301");
  put (&t, 204, 16, "20280301");
  put (&t, 220, 16, "19810803");
  put (&t, 236, 4, "01");
  put (&t, 240, 8, "1100");
  card = parse_ok (&t);
  g_assert_cmpint (idcard_card_get_card_type (card), ==, IDCARD_CARD_FOREIGN_2017);
  g_assert_cmpstr (idcard_card_get_name_en (card), ==, "SMITH, JOHN ALEXANDER");
  g_assert_cmpstr (idcard_card_get_name (card), ==, "史密斯");
  g_assert_cmpstr (idcard_card_get_id_number (card), ==, "CAN110019810803");
  g_assert_cmpstr (idcard_card_get_nationality (card), ==, "CAN");
  g_assert_cmpstr (idcard_card_get_birth_date (card), ==, "1981-08-03");
  g_assert_cmpstr (idcard_card_get_card_version (card), ==, "01");
  g_assert_cmpstr (idcard_card_get_authority_code (card), ==, "1100");
  g_assert_null (idcard_card_get_address (card));
  g_assert_null (idcard_card_get_issuer (card));
  assert_round_trip (card, &t);
}

#define LONG_EN_NAME "WOLFESCHLEGELSTEIN BERGERDORFF, HUBERT BLAINE"

static void
test_foreign_2023 (void)
{
  Text t;
  g_autoptr (IdcardCard) card = NULL;
  g_autofree char *part1 = g_strndup (LONG_EN_NAME, 35);

  g_assert_cmpuint (strlen (LONG_EN_NAME), >, 35);
  text_init (&t, 'Y');
  put (&t, 0, 30, "沃尔夫");
  put (&t, 30, 2, "1");
  put (&t, 32, 4, "00");
  put (&t, 36, 16, "19810803");
  put (&t, 52, 70, part1);
  put (&t, 122, 36, "911124198108030024");
  put (&t, 188, 16, "20230601");
  put (&t, 204, 16, "20330601");
  put (&t, 220, 22, &LONG_EN_NAME[35]);
  put (&t, 242, 6, "124");
  put (&t, 250, 6, "A01");
  card = parse_ok (&t);
  g_assert_cmpint (idcard_card_get_card_type (card), ==, IDCARD_CARD_FOREIGN_2023);
  g_assert_cmpstr (idcard_card_get_name (card), ==, "沃尔夫");
  g_assert_cmpstr (idcard_card_get_name_en (card), ==, LONG_EN_NAME);
  g_assert_cmpint (idcard_card_get_issue_count (card), ==, 0);
  g_assert_cmpstr (idcard_card_get_id_number (card), ==, "911124198108030024");
  g_assert_cmpstr (idcard_card_get_nationality (card), ==, "124");
  g_assert_cmpstr (idcard_card_get_previous_number_link (card), ==, "A01");
  g_assert_cmpstr (idcard_card_get_birth_date (card), ==, "1981-08-03");
  assert_round_trip (card, &t);
}

static void
test_foreign_2023_short_name (void)
{
  Text t;
  g_autoptr (IdcardCard) card = NULL;

  text_init (&t, 'Y');
  put (&t, 30, 2, "2");
  put (&t, 32, 4, "01");
  put (&t, 36, 16, "19850101");
  put (&t, 52, 70, "AL-FULAN, FATIMA");
  put (&t, 122, 36, "932682198501010017");
  put (&t, 188, 16, "20230601");
  put (&t, 204, 16, "20330601");
  put (&t, 242, 6, "682");
  card = parse_ok (&t);
  g_assert_cmpstr (idcard_card_get_name (card), ==, "");
  g_assert_cmpstr (idcard_card_get_name_en (card), ==, "AL-FULAN, FATIMA");
  g_assert_cmpint (idcard_card_get_sex (card), ==, IDCARD_SEX_FEMALE);
  assert_round_trip (card, &t);
}

static void
test_padding_and_nul (void)
{
  Text t;
  g_autoptr (IdcardCard) card = NULL;

  make_resident (&t);
  /* some readers pad with NUL instead of spaces */
  memset (t.buf + 4, 0, 26);
  card = parse_ok (&t);
  g_assert_cmpstr (idcard_card_get_name (card), ==, "张三");
}

static void
test_nation_table (void)
{
  static const struct
  {
    guint code;
    const char *name;
  } cases[] = {
    { 1, "汉" },        { 2, "蒙古" },      { 29, "柯尔克孜" },           { 43, "乌孜别克" },
    { 56, "基诺" },     { 97, "其他" },     { 98, "外国血统中国籍人士" }, { 0, "未知(00)" },
    { 57, "未知(57)" }, { 99, "未知(99)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = idcard_nation_name (cases[i].code);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
  g_assert_cmpstr (idcard_sex_to_string (IDCARD_SEX_MALE), ==, "男");
  g_assert_cmpstr (idcard_sex_to_string (IDCARD_SEX_FEMALE), ==, "女");
  g_assert_cmpstr (idcard_sex_to_string (IDCARD_SEX_UNKNOWN), ==, "未知的性别");
  g_assert_cmpstr (idcard_sex_to_string (IDCARD_SEX_UNSPECIFIED), ==, "未说明的性别");
}

static void
assert_text_error (Text *t, int code)
{
  g_autoptr (GBytes) bytes = text_bytes (t);
  g_autoptr (GError) error = NULL;
  g_autoptr (IdcardCard) card = idcard_card_new_from_text (bytes, NULL, &error);

  g_assert_null (card);
  g_assert_error (error, IDCARD_ERROR, code);
}

static void
test_bad_texts (void)
{
  Text t;
  g_autoptr (GBytes) short_text = NULL;
  g_autoptr (GError) error = NULL;

  make_resident (&t);
  t.buf[248] = 'Q';
  assert_text_error (&t, IDCARD_ERROR_CARD_TYPE);

  make_resident (&t);
  put (&t, 36, 16, "19491331");
  assert_text_error (&t, IDCARD_ERROR_INVALID_DATA);

  make_resident (&t);
  put (&t, 188, 16, "2015010A");
  assert_text_error (&t, IDCARD_ERROR_INVALID_DATA);

  make_resident (&t);
  put (&t, 30, 2, "M");
  assert_text_error (&t, IDCARD_ERROR_INVALID_DATA);

  make_resident (&t);
  put (&t, 32, 4, "X1");
  assert_text_error (&t, IDCARD_ERROR_INVALID_DATA);

  make_resident (&t);
  t.buf[0] = 0x00;
  t.buf[1] = 0xD8; /* a lone surrogate */
  assert_text_error (&t, IDCARD_ERROR_INVALID_DATA);

  short_text = g_bytes_new (t.buf, 255);
  g_assert_null (idcard_card_new_from_text (short_text, NULL, &error));
  g_assert_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA);
}

static void
test_sam_id (void)
{
  static const guint8 raw[16] = { 0x05, 0x00, 0x01, 0x00, 0xF4, 0xB7, 0x32, 0x01,
                                  0x40, 0xE2, 0x01, 0x00, 0x15, 0xCD, 0x5B, 0x07 };
  g_autoptr (GBytes) data = g_bytes_new_static (raw, sizeof raw);
  g_autoptr (GBytes) short_data = g_bytes_new_static (raw, 15);
  g_autoptr (GError) error = NULL;
  g_autofree char *sam_id = idcard_format_sam_id (data, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sam_id, ==, "05.01-20101108-0000123456-0123456789");
  g_assert_null (idcard_format_sam_id (short_data, &error));
  g_assert_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA);
}

static void
test_new_address (void)
{
  Text t;
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *address = NULL;

  text_init (&t, ' ');
  put (&t, 0, 70, "北京市海淀区");
  put (&t, 70, 70, "中关村大街1号");
  data = g_bytes_new (t.buf, 140);
  g_assert_true (idcard_card_parse_new_address (data, &address, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (address, ==, "北京市海淀区中关村大街1号");

  g_clear_pointer (&data, g_bytes_unref);
  data = g_bytes_new (t.buf, 71);
  g_assert_false (idcard_card_parse_new_address (data, &address, &error));
  g_assert_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA);
}

static GList *
json_keys (IdcardCard *card)
{
  g_autoptr (JsonNode) node = idcard_card_to_json (card);
  GList *keys = json_object_get_members (json_node_get_object (node));

  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    l->data = g_strdup (l->data);
  return keys;
}

static void
assert_keys (IdcardCard *card, const char *expected)
{
  GList *keys = json_keys (card);
  g_autoptr (GString) joined = g_string_new (NULL);

  for (GList *l = keys; l != NULL; l = l->next)
    g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", (char *) l->data);
  g_list_free_full (keys, g_free);
  g_assert_cmpstr (joined->str, ==, expected);
}

static void
test_json (void)
{
  Text t;
  g_autoptr (IdcardCard) card = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GBytes) wlt = g_bytes_new_take (g_malloc0 (1024), 1024);
  g_autoptr (GBytes) text = NULL;
  g_autofree char *json = NULL;

  make_resident (&t);
  text = text_bytes (&t);
  card = idcard_card_new_from_text (text, wlt, NULL);
  idcard_card_set_sam_id (card, "05.01-20101108-0000123456-0123456789");
  assert_keys (card, "address birth_date card_type id_number issuer name nation photo_wlt_size "
                     "sam_id sex valid_from valid_until");
  node = idcard_card_to_json (card);
  json = json_to_string (node, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"card_type\":\"resident\",\"name\":\"张三\",\"sex\":\"男\","
                   "\"nation\":\"汉\",\"birth_date\":\"1949-12-31\",\"address\":\"" ADDRESS_35
                   "\",\"id_number\":\"11010519491231002X\",\"issuer\":\"北京市公安局东城分局\","
                   "\"valid_from\":\"2015-01-01\",\"valid_until\":\"长期\","
                   "\"sam_id\":\"05.01-20101108-0000123456-0123456789\",\"photo_wlt_size\":1024}");
  g_clear_object (&card);

  text_init (&t, 'J');
  put (&t, 30, 2, "1");
  put (&t, 36, 16, "19900101");
  put (&t, 188, 16, "20200101");
  put (&t, 204, 16, "20250101");
  card = parse_ok (&t);
  assert_keys (card, "address birth_date card_type id_number issue_count issuer name "
                     "pass_number photo_wlt_size sex valid_from valid_until");
  g_clear_object (&card);

  text_init (&t, 'I');
  put (&t, 120, 2, "1");
  put (&t, 188, 16, "20200101");
  put (&t, 204, 16, "20250101");
  put (&t, 220, 16, "19900101");
  card = parse_ok (&t);
  assert_keys (card, "birth_date card_type id_number name name_en nationality photo_wlt_size "
                     "sex valid_from valid_until");
  g_clear_object (&card);

  text_init (&t, 'Y');
  put (&t, 30, 2, "1");
  put (&t, 36, 16, "19900101");
  put (&t, 188, 16, "20200101");
  put (&t, 204, 16, "20250101");
  card = parse_ok (&t);
  assert_keys (card, "birth_date card_type id_number issue_count name name_en nationality "
                     "photo_wlt_size sex valid_from valid_until");
}

static void
test_json_round_trip (void)
{
  Text t;
  g_autoptr (IdcardCard) card = NULL;
  g_autoptr (IdcardCard) again = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) encoded = NULL;

  make_resident (&t);
  card = parse_ok (&t);
  node = idcard_card_to_json (card);
  again = idcard_card_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  encoded = idcard_card_encode_text (again, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (encoded, NULL), 256, t.buf, 256);
}

static void
test_json_errors (void)
{
  static const char *const bad[] = {
    "{\"card_type\":\"driving_licence\"}",
    "{\"card_type\":\"resident\",\"sex\":\"M\"}",
    "{\"card_type\":\"resident\",\"sex\":\"男\",\"nation\":\"火星\"}",
    /* 16 characters do not fit the 15-character name field */
    "{\"card_type\":\"hmt_residence\",\"sex\":\"男\",\"name\":\"ABCDEFGHIJKLMNOP\"}",
    "{\"card_type\":\"resident\",\"sex\":\"男\",\"nation\":\"汉\",\"birth_date\":\"1949/12/31\"}",
    "{\"card_type\":\"resident\",\"sex\":\"男\",\"nation\":\"汉\",\"name\":1}",
    "{\"card_type\":\"hmt_residence\",\"sex\":\"男\",\"issue_count\":100}",
    "{\"card_type\":\"hmt_residence\",\"sex\":\"男\",\"issue_count\":\"3\"}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (IdcardCard) card = NULL;

      g_assert_true (json_parser_load_from_data (parser, bad[i], -1, NULL));
      card =
          idcard_card_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
      g_assert_null (card);
      g_assert_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA);
    }
}

static GBytes *
read_data (Text *t, guint16 text_len, guint16 photo_len, gsize photo_present)
{
  GByteArray *data = g_byte_array_new ();
  guint8 lengths[4] = { text_len >> 8, text_len & 0xff, photo_len >> 8, photo_len & 0xff };
  g_autofree guint8 *photo = g_malloc (photo_present);

  for (gsize i = 0; i < photo_present; i++)
    photo[i] = (guint8) i;
  g_byte_array_append (data, lengths, 4);
  g_byte_array_append (data, t->buf, sizeof t->buf);
  g_byte_array_append (data, photo, (guint) photo_present);
  return g_byte_array_free_to_bytes (data);
}

/* The data of a 30 01 response: lengths are read, never assumed. */
static void
test_read_data (void)
{
  Text t;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) good = NULL;
  g_autoptr (GBytes) no_photo = NULL;
  g_autoptr (GBytes) short_photo = NULL;
  g_autoptr (GBytes) odd_text = NULL;
  g_autoptr (IdcardCard) card = NULL;
  g_autoptr (IdcardCard) card2 = NULL;

  make_resident (&t);
  good = read_data (&t, 256, 1024, 1024);
  card = idcard_protocol_parse_read_data (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (idcard_card_get_id_number (card), ==, "11010519491231002X");
  g_assert_cmpuint (g_bytes_get_size (idcard_card_get_photo_wlt (card)), ==, 1024);
  g_assert_cmpuint (
      ((const guint8 *) g_bytes_get_data (idcard_card_get_photo_wlt (card), NULL))[1023], ==, 0xFF);

  no_photo = read_data (&t, 256, 0, 0);
  card2 = idcard_protocol_parse_read_data (no_photo, &error);
  g_assert_no_error (error);
  g_assert_null (idcard_card_get_photo_wlt (card2));

  short_photo = read_data (&t, 256, 1024, 1000);
  g_assert_null (idcard_protocol_parse_read_data (short_photo, &error));
  g_assert_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA);
  g_clear_error (&error);

  odd_text = read_data (&t, 254, 1024, 1026);
  g_assert_null (idcard_protocol_parse_read_data (odd_text, &error));
  g_assert_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/idcard/card/resident", test_resident);
  g_test_add_func ("/idcard/card/resident-dated", test_resident_dated);
  g_test_add_func ("/idcard/card/hmt-residence", test_hmt_residence);
  g_test_add_func ("/idcard/card/foreign-2017", test_foreign_2017);
  g_test_add_func ("/idcard/card/foreign-2023", test_foreign_2023);
  g_test_add_func ("/idcard/card/foreign-2023-short-name", test_foreign_2023_short_name);
  g_test_add_func ("/idcard/card/padding-and-nul", test_padding_and_nul);
  g_test_add_func ("/idcard/card/nation-table", test_nation_table);
  g_test_add_func ("/idcard/card/bad-texts", test_bad_texts);
  g_test_add_func ("/idcard/card/sam-id", test_sam_id);
  g_test_add_func ("/idcard/card/new-address", test_new_address);
  g_test_add_func ("/idcard/card/json", test_json);
  g_test_add_func ("/idcard/card/json-round-trip", test_json_round_trip);
  g_test_add_func ("/idcard/card/json-errors", test_json_errors);
  g_test_add_func ("/idcard/card/read-data", test_read_data);

  return g_test_run ();
}
