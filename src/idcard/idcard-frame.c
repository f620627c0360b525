/* idcard-frame.c: the SAM (GA 467) frame codec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "idcard-frame.h"
#include "idcard-wire-private.h"

static const guint8 preamble[IDCARD_FRAME_PREAMBLE_SIZE] = { 0xAA, 0xAA, 0xAA, 0x96, 0x69 };

/* A parser never holds more than one maximal frame plus one read's worth of bytes
 * beyond it; anything older than a possible preamble start is dropped. */
#define PARSER_MAX_BUFFER (2 * (IDCARD_FRAME_HEADER_SIZE + IDCARD_FRAME_MAX_LENGTH))

struct _IdcardFrameParser
{
  GByteArray *buffer;
  gsize skipped; /* garbage bytes dropped since creation or reset */
};

typedef struct
{
  guint8 status;
  IdcardError code;
  const char *message;
} StatusInfo;

/* Every SW3 value known from the field, with the error it maps to. */
static const StatusInfo status_table[] = {
  { 0x90, IDCARD_ERROR_FAILED, N_ ("success") },
  { 0x9F, IDCARD_ERROR_FAILED, N_ ("card found") },
  { 0x91, IDCARD_ERROR_NO_CONTENT, N_ ("the card has no content for this item") },
  { 0x10, IDCARD_ERROR_SAM_FRAME_CHECKSUM, N_ ("the reader received a frame with a bad checksum") },
  { 0x11, IDCARD_ERROR_SAM_FRAME_LENGTH, N_ ("the reader received a frame with a bad length") },
  { 0x21, IDCARD_ERROR_SAM_COMMAND, N_ ("the reader rejected the command") },
  { 0x23, IDCARD_ERROR_SAM_FORBIDDEN, N_ ("the reader does not permit this operation") },
  { 0x24, IDCARD_ERROR_SAM_UNKNOWN, N_ ("the reader reports an unidentified error") },
  { 0x31, IDCARD_ERROR_CARD_AUTH_FAILED,
    N_ ("the card did not accept the reader's security module") },
  { 0x32, IDCARD_ERROR_SAM_AUTH_FAILED,
    N_ ("the reader's security module did not accept the card") },
  { 0x33, IDCARD_ERROR_VERIFY_FAILED, N_ ("the card's information failed verification") },
  { 0x40, IDCARD_ERROR_CARD_TYPE, N_ ("the card type is not recognised") },
  { 0x41, IDCARD_ERROR_READ_FAILED, N_ ("reading the card failed") },
  { 0x47, IDCARD_ERROR_RANDOM_FAILED, N_ ("the card could not provide a random number") },
  { 0x60, IDCARD_ERROR_SAM_SELF_TEST, N_ ("the reader's security module failed its self-test") },
  { 0x66, IDCARD_ERROR_SAM_UNAUTHORIZED, N_ ("the reader's security module is not authorised") },
  { 0x80, IDCARD_ERROR_NO_CARD, N_ ("no card on the reader") },
  { 0x81, IDCARD_ERROR_SELECT_FAILED, N_ ("selecting the card failed") },
};

guint8
idcard_frame_checksum (const guint8 *body, gsize len)
{
  guint8 chk = 0;

  for (gsize i = 0; i < len; i++)
    chk ^= body[i];
  return chk;
}

/**
 * idcard_frame_build:
 * @body: what follows the length field, without the checksum
 * @len: its size
 *
 * Returns: (transfer full): the complete frame with preamble, length and checksum
 */
GBytes *
idcard_frame_build (const guint8 *body, gsize len)
{
  gsize frame_len = len + 1;
  g_autoptr (GByteArray) frame = NULL;
  guint8 length[2];
  guint8 chk;

  g_return_val_if_fail (body != NULL || len == 0, NULL);
  g_return_val_if_fail (frame_len <= IDCARD_FRAME_MAX_LENGTH, NULL);

  length[0] = (guint8) (frame_len >> 8);
  length[1] = (guint8) (frame_len & 0xff);
  chk = length[0] ^ length[1] ^ idcard_frame_checksum (body, len);

  frame = g_byte_array_sized_new (IDCARD_FRAME_HEADER_SIZE + frame_len);
  g_byte_array_append (frame, preamble, sizeof preamble);
  g_byte_array_append (frame, length, sizeof length);
  if (len > 0)
    g_byte_array_append (frame, body, len);
  g_byte_array_append (frame, &chk, 1);
  return g_byte_array_free_to_bytes (g_steal_pointer (&frame));
}

GBytes *
idcard_frame_build_request (IdcardCommand command, const guint8 *data, gsize len)
{
  g_autofree guint8 *body = g_malloc (2 + len);

  body[0] = (guint8) (command >> 8);
  body[1] = (guint8) (command & 0xff);
  if (len > 0)
    memcpy (body + 2, data, len);
  return idcard_frame_build (body, 2 + len);
}

GBytes *
idcard_frame_build_response (guint8 sw3, const guint8 *data, gsize len)
{
  g_autofree guint8 *body = g_malloc (IDCARD_FRAME_RESPONSE_SW_SIZE + len);

  body[0] = 0x00;
  body[1] = 0x00;
  body[2] = sw3;
  if (len > 0)
    memcpy (body + IDCARD_FRAME_RESPONSE_SW_SIZE, data, len);
  return idcard_frame_build (body, IDCARD_FRAME_RESPONSE_SW_SIZE + len);
}

/**
 * idcard_frame_parse_response:
 * @body: a frame body from idcard_frame_parser_pop()
 * @out_status: (out): SW3
 * @out_data: (out) (optional): the bytes after SW1 SW2 SW3
 *
 * Splits a response body. The status itself is not judged here: see
 * idcard_frame_status_to_error().
 */
gboolean
idcard_frame_parse_response (GBytes *body, guint8 *out_status, GBytes **out_data, GError **error)
{
  gsize len;
  const guint8 *buf = g_bytes_get_data (body, &len);

  if (len < IDCARD_FRAME_RESPONSE_SW_SIZE)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_FRAME,
                   "response of %" G_GSIZE_FORMAT " bytes has no status", len);
      return FALSE;
    }
  if (!idcard_wire_read_u8 (buf, len, 2, out_status, error))
    return FALSE;
  if (out_data != NULL)
    *out_data = g_bytes_new_from_bytes (body, IDCARD_FRAME_RESPONSE_SW_SIZE,
                                        len - IDCARD_FRAME_RESPONSE_SW_SIZE);
  return TRUE;
}

gboolean
idcard_frame_parse_request (GBytes *body,
                            IdcardCommand *out_command,
                            GBytes **out_data,
                            GError **error)
{
  gsize len;
  const guint8 *buf = g_bytes_get_data (body, &len);
  guint16 command;

  if (!idcard_wire_read_u16_be (buf, len, 0, &command, error))
    {
      g_prefix_error (error, "request without a command: ");
      return FALSE;
    }
  *out_command = (IdcardCommand) command;
  if (out_data != NULL)
    *out_data = g_bytes_new_from_bytes (body, 2, len - 2);
  return TRUE;
}

const char *
idcard_frame_status_describe (guint8 status)
{
  for (gsize i = 0; i < G_N_ELEMENTS (status_table); i++)
    {
      if (status_table[i].status == status)
        return _ (status_table[i].message);
    }
  return _ ("unknown status code");
}

/**
 * idcard_frame_status_to_error:
 * @status: SW3 of a response
 *
 * Returns: %TRUE for the two success codes (0x90 and 0x9F); otherwise sets @error
 *   to the matching %IDCARD_ERROR code and returns %FALSE
 */
gboolean
idcard_frame_status_to_error (guint8 status, GError **error)
{
  if (status == IDCARD_STATUS_OK || status == IDCARD_STATUS_CARD_FOUND)
    return TRUE;

  for (gsize i = 0; i < G_N_ELEMENTS (status_table); i++)
    {
      if (status_table[i].status == status)
        {
          g_set_error (error, IDCARD_ERROR, status_table[i].code, "%s (0x%02X)",
                       _ (status_table[i].message), status);
          return FALSE;
        }
    }
  g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_SAM_STATUS,
               _ ("the reader answered with an unknown status code (0x%02X)"), status);
  return FALSE;
}

IdcardFrameParser *
idcard_frame_parser_new (void)
{
  IdcardFrameParser *parser = g_new0 (IdcardFrameParser, 1);

  parser->buffer = g_byte_array_sized_new (IDCARD_FRAME_HEADER_SIZE + 1400);
  return parser;
}

void
idcard_frame_parser_free (IdcardFrameParser *parser)
{
  if (parser == NULL)
    return;
  g_byte_array_unref (parser->buffer);
  g_free (parser);
}

void
idcard_frame_parser_reset (IdcardFrameParser *parser)
{
  g_byte_array_set_size (parser->buffer, 0);
  parser->skipped = 0;
}

static void
drop_front (IdcardFrameParser *parser, gsize n, gboolean garbage)
{
  n = MIN (n, parser->buffer->len);
  g_byte_array_remove_range (parser->buffer, 0, (guint) n);
  if (garbage)
    parser->skipped += n;
}

void
idcard_frame_parser_push (IdcardFrameParser *parser, const guint8 *data, gsize len)
{
  g_return_if_fail (parser != NULL);

  if (len == 0)
    return;
  g_byte_array_append (parser->buffer, data, (guint) len);
  /* keep the buffer bounded whatever a device sends */
  if (parser->buffer->len > PARSER_MAX_BUFFER)
    drop_front (parser, parser->buffer->len - PARSER_MAX_BUFFER, TRUE);
}

/* Index of the first (possibly partial, at the end) preamble, or the buffer length. */
static gsize
find_preamble (const guint8 *buf, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      gsize n = MIN (sizeof preamble, len - i);

      if (memcmp (buf + i, preamble, n) == 0)
        return i;
    }
  return len;
}

/**
 * idcard_frame_parser_pop:
 * @out_body: (out): the bytes between the length field and the checksum
 *
 * Returns: %TRUE with a complete, checked frame; %FALSE with @error set when a frame
 *   was complete but bad (its bytes are consumed, so the next call resynchronises);
 *   %FALSE without an error when more bytes are needed
 */
gboolean
idcard_frame_parser_pop (IdcardFrameParser *parser, GBytes **out_body, GError **error)
{
  g_return_val_if_fail (parser != NULL, FALSE);
  g_return_val_if_fail (out_body != NULL, FALSE);

  for (;;)
    {
      const guint8 *buf = parser->buffer->data;
      gsize len = parser->buffer->len;
      gsize start = find_preamble (buf, len);
      guint16 frame_len;
      gsize total;
      guint8 chk, expected;

      if (start > 0)
        {
          drop_front (parser, start, TRUE);
          continue;
        }
      if (len < IDCARD_FRAME_HEADER_SIZE)
        return FALSE;
      if (!idcard_wire_read_u16_be (buf, len, IDCARD_FRAME_LENGTH_OFFSET, &frame_len, error))
        return FALSE;
      if (frame_len < IDCARD_FRAME_MIN_LENGTH || frame_len > IDCARD_FRAME_MAX_LENGTH)
        {
          /* not a real frame start: skip this preamble and look for the next one */
          drop_front (parser, 1, TRUE);
          continue;
        }
      total = IDCARD_FRAME_HEADER_SIZE + frame_len;
      if (len < total)
        return FALSE;

      expected = idcard_frame_checksum (buf + IDCARD_FRAME_LENGTH_OFFSET,
                                        total - 1 - IDCARD_FRAME_LENGTH_OFFSET);
      if (!idcard_wire_read_u8 (buf, len, total - 1, &chk, error))
        return FALSE;
      if (chk != expected)
        {
          drop_front (parser, total, FALSE);
          g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_CHECKSUM,
                       _ ("a frame from the reader has a bad checksum (0x%02X, expected 0x%02X)"),
                       chk, expected);
          return FALSE;
        }
      *out_body = g_bytes_new (buf + IDCARD_FRAME_BODY_OFFSET, frame_len - 1);
      drop_front (parser, total, FALSE);
      return TRUE;
    }
}

gsize
idcard_frame_parser_get_pending (IdcardFrameParser *parser)
{
  return parser->buffer->len;
}

gsize
idcard_frame_parser_get_skipped (IdcardFrameParser *parser)
{
  return parser->skipped;
}

/**
 * idcard_frame_parser_get_needed:
 *
 * Returns: how many more bytes complete the frame being assembled, at least 1 when
 *   the header is not complete yet; 0 when a frame can be popped
 */
gsize
idcard_frame_parser_get_needed (IdcardFrameParser *parser)
{
  const guint8 *buf = parser->buffer->data;
  gsize len = parser->buffer->len;
  guint16 frame_len;

  if (len < IDCARD_FRAME_HEADER_SIZE || find_preamble (buf, len) != 0)
    return IDCARD_FRAME_HEADER_SIZE - MIN (len, IDCARD_FRAME_HEADER_SIZE - 1);
  if (!idcard_wire_read_u16_be (buf, len, IDCARD_FRAME_LENGTH_OFFSET, &frame_len, NULL))
    return 1;
  if (len >= IDCARD_FRAME_HEADER_SIZE + (gsize) frame_len)
    return 0;
  return IDCARD_FRAME_HEADER_SIZE + frame_len - len;
}
