/* fuzz-frame.c: libFuzzer target for frame reassembly and response parsing
 *
 * The first input byte picks a chunk size, so reassembly is exercised across every
 * split of the stream; every frame that comes out is parsed as a response, and card
 * data is parsed as a reader would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-frame.h"
#include "idcard-protocol-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (IdcardFrameParser) parser = idcard_frame_parser_new ();
  gsize chunk;

  if (size < 1)
    return 0;
  chunk = (gsize) data[0] + 1;
  data++;
  size--;

  for (gsize offset = 0; offset < size; offset += chunk)
    {
      idcard_frame_parser_push (parser, data + offset, MIN (chunk, size - offset));
      for (;;)
        {
          g_autoptr (GBytes) body = NULL;
          g_autoptr (GBytes) payload = NULL;
          g_autoptr (GError) error = NULL;
          g_autoptr (IdcardCard) card = NULL;
          guint8 status = 0;
          gsize before = idcard_frame_parser_get_pending (parser);

          if (!idcard_frame_parser_pop (parser, &body, &error))
            {
              /* a bad frame is consumed; nothing else may stall the parser */
              if (error == NULL)
                break;
              g_assert (idcard_frame_parser_get_pending (parser) < before);
              continue;
            }
          if (!idcard_frame_parse_response (body, &status, &payload, NULL))
            continue;
          idcard_frame_status_to_error (status, NULL);
          card = idcard_protocol_parse_read_data (payload, NULL);
        }
      g_assert (idcard_frame_parser_get_pending (parser) <= 2 * (7 + IDCARD_FRAME_MAX_LENGTH));
    }
  return 0;
}
