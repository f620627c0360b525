/* idcard-reader.h: finds ID card readers, polls them and reports cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "idcard-card.h"
#include "idcard-transport.h"
#include "idcard-wlt-decoder.h"

G_BEGIN_DECLS

#define IDCARD_READER_DEFAULT_POLL_INTERVAL_MS 100
#define IDCARD_READER_DEFAULT_COMMAND_TIMEOUT_MS 1000
#define IDCARD_READER_DEFAULT_READ_TIMEOUT_MS 3000
#define IDCARD_READER_DEFAULT_RESCAN_INTERVAL_MS 2000

#define IDCARD_TYPE_READER (idcard_reader_get_type ())
G_DECLARE_FINAL_TYPE (IdcardReader, idcard_reader, IDCARD, READER, GObject)

IdcardReader *idcard_reader_new (gboolean scan_usb);

gboolean idcard_reader_start (IdcardReader *self, GError **error);
void idcard_reader_add_transport (IdcardReader *self, IdcardTransport *transport);
GPtrArray *idcard_reader_get_transports (IdcardReader *self);

guint idcard_reader_get_poll_interval (IdcardReader *self);
void idcard_reader_set_poll_interval (IdcardReader *self, guint interval_ms);
guint idcard_reader_get_command_timeout (IdcardReader *self);
void idcard_reader_set_command_timeout (IdcardReader *self, guint timeout_ms);
guint idcard_reader_get_read_timeout (IdcardReader *self);
void idcard_reader_set_read_timeout (IdcardReader *self, guint timeout_ms);
guint idcard_reader_get_rescan_interval (IdcardReader *self);
void idcard_reader_set_rescan_interval (IdcardReader *self, guint interval_ms);
IdcardWltDecoder *idcard_reader_get_photo_decoder (IdcardReader *self);
void idcard_reader_set_photo_decoder (IdcardReader *self, IdcardWltDecoder *decoder);

G_END_DECLS
