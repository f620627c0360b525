/* idcard-frame.h: the SAM (GA 467) frame codec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "idcard-error.h"

G_BEGIN_DECLS

/*
 * Frame layout (LEN is big-endian and counts every byte after itself, CHK included;
 * CHK is the XOR of LEN_H, LEN_L and every following byte but itself):
 *
 *   offset  size  request         response
 *   0       5     AA AA AA 96 69  AA AA AA 96 69
 *   5       2     LEN             LEN
 *   7       1     CMD             SW1 (00)
 *   8       1     PARA            SW2 (00)
 *   9       1     DATA…           SW3 (status)
 *   …             DATA…           DATA…
 *   7+LEN-1 1     CHK             CHK
 */
#define IDCARD_FRAME_PREAMBLE_SIZE 5
#define IDCARD_FRAME_LENGTH_OFFSET 5
#define IDCARD_FRAME_HEADER_SIZE 7
#define IDCARD_FRAME_BODY_OFFSET 7
#define IDCARD_FRAME_MIN_LENGTH 3    /* CMD PARA CHK */
#define IDCARD_FRAME_MAX_LENGTH 4096 /* the longest known response is 2314 */
#define IDCARD_FRAME_RESPONSE_SW_SIZE 3

/* Status codes (SW3) of a response */
#define IDCARD_STATUS_OK 0x90
#define IDCARD_STATUS_CARD_FOUND 0x9F
#define IDCARD_STATUS_NO_CONTENT 0x91

/**
 * IdcardCommand:
 *
 * The SAM commands, CMD in the high byte and PARA in the low byte.
 */
typedef enum
{
  IDCARD_COMMAND_RESET_SAM = 0x10FF,
  IDCARD_COMMAND_SAM_STATUS = 0x11FF,
  IDCARD_COMMAND_READ_SAM_ID = 0x12FF,
  IDCARD_COMMAND_FIND_CARD = 0x2001,
  IDCARD_COMMAND_SELECT_CARD = 0x2002,
  IDCARD_COMMAND_READ_TEXT_PHOTO = 0x3001,
  IDCARD_COMMAND_READ_NEW_ADDRESS = 0x3003,
  IDCARD_COMMAND_READ_TEXT_PHOTO_FINGERPRINT = 0x3010,
  IDCARD_COMMAND_SET_MAX_RF_BYTES = 0x61FF,
} IdcardCommand;

guint8 idcard_frame_checksum (const guint8 *body, gsize len);
GBytes *idcard_frame_build (const guint8 *body, gsize len);
GBytes *idcard_frame_build_request (IdcardCommand command, const guint8 *data, gsize len);
GBytes *idcard_frame_build_response (guint8 sw3, const guint8 *data, gsize len);

gboolean
idcard_frame_parse_response (GBytes *body, guint8 *out_status, GBytes **out_data, GError **error);
gboolean idcard_frame_parse_request (GBytes *body,
                                     IdcardCommand *out_command,
                                     GBytes **out_data,
                                     GError **error);

gboolean idcard_frame_status_to_error (guint8 status, GError **error);
const char *idcard_frame_status_describe (guint8 status);

/**
 * IdcardFrameParser:
 *
 * Reassembles frames from a byte stream that arrives in any chunking, skipping
 * anything before a preamble.
 */
typedef struct _IdcardFrameParser IdcardFrameParser;

IdcardFrameParser *idcard_frame_parser_new (void);
void idcard_frame_parser_free (IdcardFrameParser *parser);
void idcard_frame_parser_reset (IdcardFrameParser *parser);
void idcard_frame_parser_push (IdcardFrameParser *parser, const guint8 *data, gsize len);
gboolean idcard_frame_parser_pop (IdcardFrameParser *parser, GBytes **out_body, GError **error);
gsize idcard_frame_parser_get_pending (IdcardFrameParser *parser);
gsize idcard_frame_parser_get_skipped (IdcardFrameParser *parser);
gsize idcard_frame_parser_get_needed (IdcardFrameParser *parser);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdcardFrameParser, idcard_frame_parser_free)

G_END_DECLS
