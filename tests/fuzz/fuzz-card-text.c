/* fuzz-card-text.c: libFuzzer target for the card text, newest address and SAM ID
 *
 * A text that parses must encode back to a text that parses to the same card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-card-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
assert_same (IdcardCard *a, IdcardCard *b)
{
  g_autoptr (JsonNode) ja = idcard_card_to_json (a);
  g_autoptr (JsonNode) jb = idcard_card_to_json (b);

  g_assert (json_node_equal (ja, jb));
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GBytes) text = NULL;
  g_autoptr (GBytes) rest = NULL;
  g_autoptr (IdcardCard) card = NULL;
  g_autofree char *address = NULL;
  g_autofree char *sam_id = NULL;

  if (size < IDCARD_TEXT_SIZE)
    {
      g_autoptr (GBytes) small = g_bytes_new (data, size);

      card = idcard_card_new_from_text (small, NULL, NULL);
      g_assert (card == NULL);
      return 0;
    }

  text = g_bytes_new (data, IDCARD_TEXT_SIZE);
  rest = g_bytes_new (data + IDCARD_TEXT_SIZE, size - IDCARD_TEXT_SIZE);
  card = idcard_card_new_from_text (text, NULL, NULL);
  if (card != NULL)
    {
      g_autoptr (GBytes) encoded = idcard_card_encode_text (card, NULL);

      /* trailing spaces and characters after a NUL are lost; the fields are not */
      if (encoded != NULL)
        {
          g_autoptr (IdcardCard) again = idcard_card_new_from_text (encoded, NULL, NULL);

          g_assert (again != NULL);
          assert_same (card, again);
        }
    }
  if (idcard_card_parse_new_address (rest, &address, NULL))
    g_assert (g_utf8_validate (address, -1, NULL));
  sam_id = idcard_format_sam_id (rest, NULL);
  return 0;
}
