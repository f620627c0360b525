/* idcard-protocol-private.h: the SAM command sequences, over any transport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "idcard-card.h"
#include "idcard-transport.h"

G_BEGIN_DECLS

/* Response data of 30 01 (after SW1 SW2 SW3):
 *
 *   offset  size      content
 *   0       2         text length, big-endian (256)
 *   2       2         photo length, big-endian (1024)
 *   4       textLen   card text, UCS-2LE
 *   4+textLen photoLen WLT photo
 */
#define IDCARD_READ_TEXT_LENGTH_OFFSET 0
#define IDCARD_READ_PHOTO_LENGTH_OFFSET 2
#define IDCARD_READ_TEXT_OFFSET 4

gboolean idcard_protocol_prepare (IdcardTransport *transport,
                                  guint timeout_ms,
                                  char **out_sam_id,
                                  GError **error);
gboolean idcard_protocol_find_card (IdcardTransport *transport,
                                    guint timeout_ms,
                                    gboolean *out_found,
                                    GError **error);
IdcardCard *idcard_protocol_read_card (IdcardTransport *transport,
                                       guint timeout_ms,
                                       guint read_timeout_ms,
                                       GError **error);
gboolean idcard_protocol_card_present (IdcardTransport *transport,
                                       guint timeout_ms,
                                       gboolean *out_present,
                                       GError **error);
IdcardCard *idcard_protocol_parse_read_data (GBytes *data, GError **error);

G_END_DECLS
