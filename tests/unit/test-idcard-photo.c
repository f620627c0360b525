/* test-idcard-photo.c: WLT photos through a configured decoder library, and without one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-emulated-transport.h"
#include "idcard-reader.h"
#include "idcard-wlt-decoder.h"

static GBytes *
make_wlt (guint8 first)
{
  guint8 *wlt = g_malloc0 (1024);

  wlt[0] = first;
  return g_bytes_new_take (wlt, 1024);
}

static void
test_decode (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IdcardWltDecoder) decoder = NULL;
  g_autoptr (GBytes) wlt = make_wlt (0xC8);
  g_autoptr (GBytes) rgb = NULL;
  g_autoptr (GBytes) short_wlt = g_bytes_new_static ("x", 1);
  const guint8 *px;

  decoder = idcard_wlt_decoder_new (
      FAKE_DECODER_PATH, "unpack_ok", 159,
      IDCARD_WLT_DECODER_FLAGS_BGR | IDCARD_WLT_DECODER_FLAGS_BOTTOM_UP, &error);
  g_assert_no_error (error);
  rgb = idcard_wlt_decoder_decode (decoder, wlt, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (rgb), ==, 102 * 126 * 3);
  px = g_bytes_get_data (rgb, NULL);
  /* top-left pixel: the last row the library wrote, RGB order */
  g_assert_cmpuint (px[0], ==, 0xC8);
  g_assert_cmpuint (px[1], ==, 0);
  g_assert_cmpuint (px[2], ==, 125);
  /* x = 5, y = 10 */
  g_assert_cmpuint (px[(10 * 102 + 5) * 3 + 0], ==, 0xC8);
  g_assert_cmpuint (px[(10 * 102 + 5) * 3 + 1], ==, 5);
  g_assert_cmpuint (px[(10 * 102 + 5) * 3 + 2], ==, 115);

  g_assert_null (idcard_wlt_decoder_decode (decoder, short_wlt, &error));
  g_assert_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA);
}

static void
test_decoder_failures (void)
{
  static const struct
  {
    const char *library;
    const char *symbol;
    int licence;
    const char *reason;
  } cases[] = {
    { FAKE_DECODER_PATH, "unpack_ok", 158, "self-test" },
    { FAKE_DECODER_PATH, "unpack_fail", 159, "self-test" },
    /* "crashed … (signal 11)"; under AddressSanitizer the child exits instead */
    { FAKE_DECODER_PATH, "unpack_crash", 159, "photo decoder" },
    { FAKE_DECODER_PATH, "no_such_function", 159, "no function" },
    { "/nonexistent/libwlt.so", "unpack", 159, "cannot be loaded" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IdcardWltDecoder) decoder =
          idcard_wlt_decoder_new (cases[i].library, cases[i].symbol, cases[i].licence,
                                  IDCARD_WLT_DECODER_FLAGS_NONE, &error);

      g_assert_null (decoder);
      g_assert_error (error, IDCARD_ERROR, IDCARD_ERROR_PHOTO_DECODER);
      g_assert_nonnull (strstr (error->message, cases[i].reason));
    }
}

static void
test_key_file (void)
{
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IdcardWltDecoder) decoder = NULL;
  g_autoptr (GBytes) wlt = make_wlt (7);
  g_autoptr (GBytes) rgb = NULL;
  g_autofree char *config = g_strdup_printf ("[photo-decoder]\nlibrary=%s\nsymbol=unpack_ok\n"
                                             "licence=159\nbgr=false\nbottom-up=false\n",
                                             FAKE_DECODER_PATH);

  /* nothing configured: no decoder, no error */
  decoder = idcard_wlt_decoder_new_from_key_file (key_file, &error);
  g_assert_no_error (error);
  g_assert_null (decoder);

  g_assert_true (g_key_file_load_from_data (key_file, config, -1, G_KEY_FILE_NONE, NULL));
  decoder = idcard_wlt_decoder_new_from_key_file (key_file, &error);
  g_assert_no_error (error);
  rgb = idcard_wlt_decoder_decode (decoder, wlt, &error);
  g_assert_no_error (error);
  /* as written: first row first, blue first */
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (rgb, NULL))[0], ==, 0);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (rgb, NULL))[2], ==, 7);
}

static void
test_png (void)
{
  g_autoptr (GBytes) rgb = g_bytes_new_take (g_malloc0 (102 * 126 * 3), 102 * 126 * 3);
  g_autoptr (GBytes) bad = g_bytes_new_static ("x", 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = idcard_photo_rgb_to_png (rgb, &error);
  static const guint8 header[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0,   13, 'I',
                                   'H',  'D', 'R', 0,   0,    0,    102,  0,    0, 0, 126, 8,  2 };

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (png), >, sizeof header);
  g_assert_cmpmem (g_bytes_get_data (png, NULL), sizeof header, header, sizeof header);
  g_assert_null (idcard_photo_rgb_to_png (bad, &error));
  g_assert_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA);
}

static void
card_read_cb (IdcardReader *reader, IdcardTransport *transport, IdcardCard *card, gpointer data)
{
  *(IdcardCard **) data = g_object_ref (card);
}

static IdcardCard *
read_one (IdcardWltDecoder *decoder)
{
  g_autoptr (IdcardReader) reader = idcard_reader_new (FALSE);
  g_autoptr (IdcardEmulatedTransport) emulated = idcard_emulated_transport_new ();
  g_autoptr (GError) error = NULL;
  IdcardCard *card = NULL;

  idcard_reader_set_poll_interval (reader, 2);
  idcard_reader_set_photo_decoder (reader, decoder);
  g_signal_connect (reader, "card-read", G_CALLBACK (card_read_cb), &card);
  g_assert_true (idcard_emulated_transport_place_card_file (
      emulated,
      g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", "resident-zhou-haitao.json",
                           NULL),
      &error));
  idcard_reader_add_transport (reader, IDCARD_TRANSPORT (emulated));
  g_assert_true (idcard_reader_start (reader, &error));
  while (card == NULL)
    g_main_context_iteration (NULL, TRUE);
  return card;
}

static void
test_reader_photo (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IdcardWltDecoder) decoder = idcard_wlt_decoder_new (
      FAKE_DECODER_PATH, "unpack_ok", 159, IDCARD_WLT_DECODER_FLAGS_BGR, &error);
  g_autoptr (IdcardCard) with = NULL;
  g_autoptr (IdcardCard) without = NULL;

  g_assert_no_error (error);
  with = read_one (decoder);
  g_assert_cmpuint (g_bytes_get_size (idcard_card_get_photo_wlt (with)), ==, 1024);
  g_assert_cmpuint (g_bytes_get_size (idcard_card_get_photo_rgb (with)), ==, 102 * 126 * 3);
  /* the emulated card's photo starts with byte 3 */
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (idcard_card_get_photo_rgb (with), NULL))[0],
                    ==, 3);

  without = read_one (NULL);
  g_assert_cmpuint (g_bytes_get_size (idcard_card_get_photo_wlt (without)), ==, 1024);
  g_assert_null (idcard_card_get_photo_rgb (without));
}

static void
error_cb (IdcardReader *reader, IdcardTransport *transport, GError *error, gpointer data)
{
  GPtrArray *errors = data;

  g_ptr_array_add (errors, g_error_copy (error));
}

static void
count_card_cb (IdcardReader *reader, IdcardTransport *transport, IdcardCard *card, gpointer data)
{
  g_assert_null (idcard_card_get_photo_rgb (card));
  g_assert_nonnull (idcard_card_get_photo_wlt (card));
  (*(guint *) data)++;
}

static void
count_removed_cb (IdcardReader *reader, IdcardTransport *transport, gpointer data)
{
  (*(guint *) data)++;
}

/* A decoder that fails on real photos: said once, and every card still arrives. */
static void
test_reader_decoder_fails (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IdcardWltDecoder) decoder = idcard_wlt_decoder_new (
      FAKE_DECODER_PATH, "unpack_blank_only", 159, IDCARD_WLT_DECODER_FLAGS_NONE, &error);
  g_autoptr (IdcardReader) reader = idcard_reader_new (FALSE);
  g_autoptr (IdcardEmulatedTransport) emulated = idcard_emulated_transport_new ();
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards",
                                          "resident-chen-jianguo.json", NULL);
  guint n_cards = 0;
  guint n_removed = 0;

  g_assert_no_error (error);
  idcard_reader_set_poll_interval (reader, 2);
  idcard_reader_set_photo_decoder (reader, decoder);
  g_signal_connect (reader, "card-read", G_CALLBACK (count_card_cb), &n_cards);
  g_signal_connect (reader, "card-removed", G_CALLBACK (count_removed_cb), &n_removed);
  g_signal_connect (reader, "error", G_CALLBACK (error_cb), errors);
  idcard_reader_add_transport (reader, IDCARD_TRANSPORT (emulated));
  g_assert_true (idcard_reader_start (reader, &error));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (idcard_emulated_transport_place_card_file (emulated, path, NULL));
      while (n_cards <= i)
        g_main_context_iteration (NULL, TRUE);
      idcard_emulated_transport_lift_card (emulated);
      while (n_removed <= i)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (errors, 0), IDCARD_ERROR,
                  IDCARD_ERROR_PHOTO_DECODER);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/idcard/photo/decode", test_decode);
  g_test_add_func ("/idcard/photo/decoder-failures", test_decoder_failures);
  g_test_add_func ("/idcard/photo/key-file", test_key_file);
  g_test_add_func ("/idcard/photo/png", test_png);
  g_test_add_func ("/idcard/photo/reader", test_reader_photo);
  g_test_add_func ("/idcard/photo/reader-decoder-fails", test_reader_decoder_fails);

  return g_test_run ();
}
