/* idcard-protocol.c: the SAM command sequences, over any transport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-card-private.h"
#include "idcard-protocol-private.h"
#include "idcard-wire-private.h"

static gboolean
command_expect (IdcardTransport *transport,
                IdcardCommand command,
                guint timeout_ms,
                GBytes **out_data,
                GError **error)
{
  guint8 status = 0;

  if (!idcard_transport_command (transport, command, NULL, 0, timeout_ms, &status, out_data, error))
    return FALSE;
  if (!idcard_frame_status_to_error (status, error))
    {
      if (out_data != NULL)
        g_clear_pointer (out_data, g_bytes_unref);
      return FALSE;
    }
  return TRUE;
}

/**
 * idcard_protocol_prepare:
 * @out_sam_id: (out) (optional): the formatted SAM ID, %NULL when the reader does not
 *   tell it
 *
 * Checks the SAM answers and is healthy, then asks for its ID.
 */
gboolean
idcard_protocol_prepare (IdcardTransport *transport,
                         guint timeout_ms,
                         char **out_sam_id,
                         GError **error)
{
  g_autoptr (GBytes) sam_id = NULL;
  g_autoptr (GError) local_error = NULL;

  if (!command_expect (transport, IDCARD_COMMAND_SAM_STATUS, timeout_ms, NULL, error))
    {
      g_prefix_error (error, "checking the reader: ");
      return FALSE;
    }
  if (!command_expect (transport, IDCARD_COMMAND_READ_SAM_ID, timeout_ms, &sam_id, &local_error))
    {
      /* a reader that will not tell its SAM ID still reads cards */
      if (local_error->domain == IDCARD_ERROR &&
          (local_error->code == IDCARD_ERROR_NO_DEVICE ||
           local_error->code == IDCARD_ERROR_TIMEOUT || local_error->code == IDCARD_ERROR_IO))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      "reading the SAM ID: ");
          return FALSE;
        }
      g_debug ("no SAM ID: %s", local_error->message);
    }
  if (out_sam_id != NULL)
    *out_sam_id = sam_id != NULL ? idcard_format_sam_id (sam_id, NULL) : NULL;
  return TRUE;
}

gboolean
idcard_protocol_find_card (IdcardTransport *transport,
                           guint timeout_ms,
                           gboolean *out_found,
                           GError **error)
{
  guint8 status = 0;

  if (!idcard_transport_command (transport, IDCARD_COMMAND_FIND_CARD, NULL, 0, timeout_ms, &status,
                                 NULL, error))
    return FALSE;
  if (status == IDCARD_STATUS_CARD_FOUND)
    *out_found = TRUE;
  else if (status == 0x80)
    *out_found = FALSE;
  else
    return idcard_frame_status_to_error (status, error);
  return TRUE;
}

IdcardCard *
idcard_protocol_parse_read_data (GBytes *data, GError **error)
{
  gsize len;
  const guint8 *buf = g_bytes_get_data (data, &len);
  guint16 text_len, photo_len;
  g_autoptr (GBytes) text = NULL;
  g_autoptr (GBytes) photo = NULL;

  if (!idcard_wire_read_u16_be (buf, len, IDCARD_READ_TEXT_LENGTH_OFFSET, &text_len, error) ||
      !idcard_wire_read_u16_be (buf, len, IDCARD_READ_PHOTO_LENGTH_OFFSET, &photo_len, error))
    return NULL;
  if (text_len != IDCARD_TEXT_SIZE || (gsize) IDCARD_READ_TEXT_OFFSET + text_len + photo_len > len)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                   "card data of %" G_GSIZE_FORMAT " bytes announces %u bytes of text and %u "
                   "of photo",
                   len, text_len, photo_len);
      return NULL;
    }
  text = g_bytes_new_from_bytes (data, IDCARD_READ_TEXT_OFFSET, text_len);
  if (photo_len > 0)
    photo = g_bytes_new_from_bytes (data, IDCARD_READ_TEXT_OFFSET + text_len, photo_len);
  return idcard_card_new_from_text (text, photo, error);
}

/**
 * idcard_protocol_read_card:
 *
 * Selects the card found by idcard_protocol_find_card() and reads its text, photo and
 * newest address.
 */
IdcardCard *
idcard_protocol_read_card (IdcardTransport *transport,
                           guint timeout_ms,
                           guint read_timeout_ms,
                           GError **error)
{
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GBytes) address_data = NULL;
  g_autoptr (IdcardCard) card = NULL;
  g_autoptr (GError) local_error = NULL;
  guint8 status = 0;

  if (!command_expect (transport, IDCARD_COMMAND_SELECT_CARD, timeout_ms, NULL, error))
    {
      g_prefix_error (error, "selecting the card: ");
      return NULL;
    }
  if (!command_expect (transport, IDCARD_COMMAND_READ_TEXT_PHOTO, read_timeout_ms, &data, error))
    {
      g_prefix_error (error, "reading the card: ");
      return NULL;
    }
  card = idcard_protocol_parse_read_data (data, error);
  if (card == NULL)
    return NULL;

  if (!idcard_transport_command (transport, IDCARD_COMMAND_READ_NEW_ADDRESS, NULL, 0, timeout_ms,
                                 &status, &address_data, &local_error))
    {
      if (g_error_matches (local_error, IDCARD_ERROR, IDCARD_ERROR_NO_DEVICE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_debug ("no newest address: %s", local_error->message);
    }
  else if (status == IDCARD_STATUS_OK)
    {
      g_autofree char *address = NULL;

      if (idcard_card_parse_new_address (address_data, &address, &local_error))
        idcard_card_set_new_address (card, address[0] != '\0' ? address : NULL);
      else
        g_debug ("newest address unreadable: %s", local_error->message);
    }
  return g_steal_pointer (&card);
}

/**
 * idcard_protocol_card_present:
 *
 * After a read, find-card fails until the card is lifted and put back, so presence is
 * asked with the newest-address command: 0x90 or 0x91 while the card is there.
 */
gboolean
idcard_protocol_card_present (IdcardTransport *transport,
                              guint timeout_ms,
                              gboolean *out_present,
                              GError **error)
{
  guint8 status = 0;

  if (!idcard_transport_command (transport, IDCARD_COMMAND_READ_NEW_ADDRESS, NULL, 0, timeout_ms,
                                 &status, NULL, error))
    return FALSE;
  *out_present = status == IDCARD_STATUS_OK || status == IDCARD_STATUS_NO_CONTENT;
  return TRUE;
}
