/* test-idcard-frame.c: the SAM frame codec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-frame.h"

static GBytes *
bytes_from_hex (const char *hex)
{
  GByteArray *array = g_byte_array_new ();

  while (*hex != '\0')
    {
      guint8 b;

      if (*hex == ' ')
        {
          hex++;
          continue;
        }
      g_assert_true (g_ascii_isxdigit (hex[0]) && g_ascii_isxdigit (hex[1]));
      b = (guint8) (g_ascii_xdigit_value (hex[0]) << 4 | g_ascii_xdigit_value (hex[1]));
      g_byte_array_append (array, &b, 1);
      hex += 2;
    }
  return g_byte_array_free_to_bytes (array);
}

static void
assert_bytes_hex (GBytes *bytes, const char *hex)
{
  g_autoptr (GBytes) expected = bytes_from_hex (hex);
  gsize a_len, b_len;
  const guint8 *a = g_bytes_get_data (bytes, &a_len);
  const guint8 *b = g_bytes_get_data (expected, &b_len);

  g_assert_cmpmem (a, a_len, b, b_len);
}

static void
test_requests (void)
{
  static const struct
  {
    IdcardCommand command;
    guint8 data;
    gboolean has_data;
    const char *hex;
  } cases[] = {
    { IDCARD_COMMAND_RESET_SAM, 0, FALSE, "AA AA AA 96 69 00 03 10 FF EC" },
    { IDCARD_COMMAND_SAM_STATUS, 0, FALSE, "AA AA AA 96 69 00 03 11 FF ED" },
    { IDCARD_COMMAND_READ_SAM_ID, 0, FALSE, "AA AA AA 96 69 00 03 12 FF EE" },
    { IDCARD_COMMAND_FIND_CARD, 0, FALSE, "AA AA AA 96 69 00 03 20 01 22" },
    { IDCARD_COMMAND_SELECT_CARD, 0, FALSE, "AA AA AA 96 69 00 03 20 02 21" },
    { IDCARD_COMMAND_READ_TEXT_PHOTO, 0, FALSE, "AA AA AA 96 69 00 03 30 01 32" },
    { IDCARD_COMMAND_READ_TEXT_PHOTO_FINGERPRINT, 0, FALSE, "AA AA AA 96 69 00 03 30 10 23" },
    { IDCARD_COMMAND_READ_NEW_ADDRESS, 0, FALSE, "AA AA AA 96 69 00 03 30 03 30" },
    { IDCARD_COMMAND_SET_MAX_RF_BYTES, 0x58, TRUE, "AA AA AA 96 69 00 04 61 FF 58 C2" },
    { IDCARD_COMMAND_SET_MAX_RF_BYTES, 0x50, TRUE, "AA AA AA 96 69 00 04 61 FF 50 CA" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) frame = idcard_frame_build_request (
          cases[i].command, cases[i].has_data ? &cases[i].data : NULL, cases[i].has_data ? 1 : 0);
      assert_bytes_hex (frame, cases[i].hex);
    }
}

static void
test_responses (void)
{
  static const guint8 zeros[8] = { 0 };
  g_autoptr (GBytes) found = idcard_frame_build_response (0x9F, zeros, 4);
  g_autoptr (GBytes) selected = idcard_frame_build_response (0x90, zeros, 8);

  assert_bytes_hex (found, "AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97");
  assert_bytes_hex (selected, "AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C");
}

static GBytes *
make_read_response (void)
{
  guint8 data[4 + 256 + 1024];

  data[0] = 0x01;
  data[1] = 0x00;
  data[2] = 0x04;
  data[3] = 0x00;
  for (gsize i = 4; i < sizeof data; i++)
    data[i] = (guint8) (i * 31 + 7);
  return idcard_frame_build_response (0x90, data, sizeof data);
}

static void
assert_read_response_body (GBytes *body)
{
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GError) error = NULL;
  guint8 status = 0;
  const guint8 *buf;
  gsize len;

  g_assert_true (idcard_frame_parse_response (body, &status, &data, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 0x90);
  buf = g_bytes_get_data (data, &len);
  g_assert_cmpuint (len, ==, 4 + 256 + 1024);
  g_assert_cmpuint (buf[0], ==, 0x01);
  g_assert_cmpuint (buf[2], ==, 0x04);
  for (gsize i = 4; i < len; i++)
    g_assert_cmpuint (buf[i], ==, (guint8) (i * 31 + 7));
}

static void
test_full_read_frame (void)
{
  g_autoptr (GBytes) frame = make_read_response ();
  const guint8 *buf;
  gsize len;

  buf = g_bytes_get_data (frame, &len);
  g_assert_cmpuint (len, ==, 1295);
  g_assert_cmpuint (buf[5], ==, 0x05);
  g_assert_cmpuint (buf[6], ==, 0x08);
  g_assert_cmpuint (buf[len - 1], ==, idcard_frame_checksum (buf + 5, len - 6));
}

static void
test_reassembly_one_byte_chunks (void)
{
  g_autoptr (GBytes) frame = make_read_response ();
  g_autoptr (IdcardFrameParser) parser = idcard_frame_parser_new ();
  g_autoptr (GBytes) body = NULL;
  gsize len;
  const guint8 *buf = g_bytes_get_data (frame, &len);

  for (gsize i = 0; i < len; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_cmpuint (idcard_frame_parser_get_needed (parser), >, 0);
      idcard_frame_parser_push (parser, buf + i, 1);
      if (i + 1 < len)
        {
          g_assert_false (idcard_frame_parser_pop (parser, &body, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_cmpuint (idcard_frame_parser_get_needed (parser), ==, 0);
  g_assert_true (idcard_frame_parser_pop (parser, &body, NULL));
  assert_read_response_body (body);
  g_assert_cmpuint (idcard_frame_parser_get_pending (parser), ==, 0);
  g_assert_cmpuint (idcard_frame_parser_get_skipped (parser), ==, 0);
}

static void
test_garbage_before_frame (void)
{
  /* noise, a lone preamble byte run, a false preamble with an impossible length */
  g_autoptr (GBytes) garbage = bytes_from_hex ("00 13 AA AA 96 69 FF AA AA AA 96 69 00 01 AA");
  g_autoptr (GBytes) frame = make_read_response ();
  g_autoptr (IdcardFrameParser) parser = idcard_frame_parser_new ();
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;

  idcard_frame_parser_push (parser, g_bytes_get_data (garbage, NULL), g_bytes_get_size (garbage));
  idcard_frame_parser_push (parser, g_bytes_get_data (frame, NULL), 100);
  g_assert_false (idcard_frame_parser_pop (parser, &body, &error));
  g_assert_no_error (error);
  idcard_frame_parser_push (parser, (const guint8 *) g_bytes_get_data (frame, NULL) + 100,
                            g_bytes_get_size (frame) - 100);
  g_assert_true (idcard_frame_parser_pop (parser, &body, &error));
  g_assert_no_error (error);
  assert_read_response_body (body);
  g_assert_cmpuint (idcard_frame_parser_get_skipped (parser), ==, g_bytes_get_size (garbage));
}

static void
test_two_frames_one_chunk (void)
{
  g_autoptr (GBytes) both = bytes_from_hex ("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"
                                            "AA AA AA 96 69 00 04 00 00 80 84");
  g_autoptr (IdcardFrameParser) parser = idcard_frame_parser_new ();
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) second = NULL;
  guint8 status;

  idcard_frame_parser_push (parser, g_bytes_get_data (both, NULL), g_bytes_get_size (both));
  g_assert_true (idcard_frame_parser_pop (parser, &first, NULL));
  g_assert_true (idcard_frame_parser_pop (parser, &second, NULL));
  g_assert_true (idcard_frame_parse_response (first, &status, NULL, NULL));
  g_assert_cmpuint (status, ==, 0x9F);
  g_assert_true (idcard_frame_parse_response (second, &status, NULL, NULL));
  g_assert_cmpuint (status, ==, 0x80);
  g_assert_cmpuint (idcard_frame_parser_get_pending (parser), ==, 0);
}

static void
test_bad_checksum (void)
{
  g_autoptr (GBytes) frames = bytes_from_hex ("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 98"
                                              "AA AA AA 96 69 00 04 00 00 90 94");
  g_autoptr (IdcardFrameParser) parser = idcard_frame_parser_new ();
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  guint8 status;

  idcard_frame_parser_push (parser, g_bytes_get_data (frames, NULL), g_bytes_get_size (frames));
  g_assert_false (idcard_frame_parser_pop (parser, &body, &error));
  g_assert_error (error, IDCARD_ERROR, IDCARD_ERROR_CHECKSUM);
  g_assert_null (body);
  g_clear_error (&error);
  g_assert_true (idcard_frame_parser_pop (parser, &body, &error));
  g_assert_no_error (error);
  g_assert_true (idcard_frame_parse_response (body, &status, NULL, NULL));
  g_assert_cmpuint (status, ==, 0x90);
}

static void
test_garbage_bounded (void)
{
  g_autoptr (IdcardFrameParser) parser = idcard_frame_parser_new ();
  guint8 noise[4096];
  g_autoptr (GBytes) body = NULL;

  memset (noise, 0x5A, sizeof noise);
  for (int i = 0; i < 16; i++)
    {
      idcard_frame_parser_push (parser, noise, sizeof noise);
      g_assert_false (idcard_frame_parser_pop (parser, &body, NULL));
      g_assert_cmpuint (idcard_frame_parser_get_pending (parser), <, 5);
    }
  g_assert_cmpuint (idcard_frame_parser_get_skipped (parser), ==, 16 * sizeof noise);
}

static void
test_request_parse (void)
{
  g_autoptr (GBytes) frame =
      idcard_frame_build_request (IDCARD_COMMAND_SET_MAX_RF_BYTES, (const guint8 *) "\x58", 1);
  g_autoptr (IdcardFrameParser) parser = idcard_frame_parser_new ();
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) data = NULL;
  IdcardCommand command = 0;

  idcard_frame_parser_push (parser, g_bytes_get_data (frame, NULL), g_bytes_get_size (frame));
  g_assert_true (idcard_frame_parser_pop (parser, &body, NULL));
  g_assert_true (idcard_frame_parse_request (body, &command, &data, NULL));
  g_assert_cmpuint (command, ==, IDCARD_COMMAND_SET_MAX_RF_BYTES);
  g_assert_cmpuint (g_bytes_get_size (data), ==, 1);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (data, NULL))[0], ==, 0x58);
}

static void
test_status_codes (void)
{
  static const struct
  {
    guint8 status;
    int code; /* -1: success */
  } cases[] = {
    { 0x90, -1 },
    { 0x9F, -1 },
    { 0x91, IDCARD_ERROR_NO_CONTENT },
    { 0x10, IDCARD_ERROR_SAM_FRAME_CHECKSUM },
    { 0x11, IDCARD_ERROR_SAM_FRAME_LENGTH },
    { 0x21, IDCARD_ERROR_SAM_COMMAND },
    { 0x23, IDCARD_ERROR_SAM_FORBIDDEN },
    { 0x24, IDCARD_ERROR_SAM_UNKNOWN },
    { 0x31, IDCARD_ERROR_CARD_AUTH_FAILED },
    { 0x32, IDCARD_ERROR_SAM_AUTH_FAILED },
    { 0x33, IDCARD_ERROR_VERIFY_FAILED },
    { 0x40, IDCARD_ERROR_CARD_TYPE },
    { 0x41, IDCARD_ERROR_READ_FAILED },
    { 0x47, IDCARD_ERROR_RANDOM_FAILED },
    { 0x60, IDCARD_ERROR_SAM_SELF_TEST },
    { 0x66, IDCARD_ERROR_SAM_UNAUTHORIZED },
    { 0x80, IDCARD_ERROR_NO_CARD },
    { 0x81, IDCARD_ERROR_SELECT_FAILED },
    { 0x22, IDCARD_ERROR_SAM_STATUS },
    { 0xFF, IDCARD_ERROR_SAM_STATUS },
    { 0x00, IDCARD_ERROR_SAM_STATUS },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = idcard_frame_status_to_error (cases[i].status, &error);
      g_autofree char *hex = g_strdup_printf ("0x%02X", cases[i].status);

      if (cases[i].code < 0)
        {
          g_assert_true (ok);
          g_assert_no_error (error);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, IDCARD_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, hex));
    }
}

static void
test_short_response (void)
{
  g_autoptr (GBytes) body = bytes_from_hex ("00 00");
  g_autoptr (GError) error = NULL;
  guint8 status;

  g_assert_false (idcard_frame_parse_response (body, &status, NULL, &error));
  g_assert_error (error, IDCARD_ERROR, IDCARD_ERROR_FRAME);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/idcard/frame/requests", test_requests);
  g_test_add_func ("/idcard/frame/responses", test_responses);
  g_test_add_func ("/idcard/frame/full-read-frame", test_full_read_frame);
  g_test_add_func ("/idcard/frame/reassembly-one-byte-chunks", test_reassembly_one_byte_chunks);
  g_test_add_func ("/idcard/frame/garbage-before-frame", test_garbage_before_frame);
  g_test_add_func ("/idcard/frame/two-frames-one-chunk", test_two_frames_one_chunk);
  g_test_add_func ("/idcard/frame/bad-checksum", test_bad_checksum);
  g_test_add_func ("/idcard/frame/garbage-bounded", test_garbage_bounded);
  g_test_add_func ("/idcard/frame/request-parse", test_request_parse);
  g_test_add_func ("/idcard/frame/status-codes", test_status_codes);
  g_test_add_func ("/idcard/frame/short-response", test_short_response);

  return g_test_run ();
}
