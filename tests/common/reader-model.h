/* reader-model.h: USB ID card readers emulated under umockdev, and a serial one on a pty
 *
 * Each model answers the real usbfs ioctls libusb sends and passes the SAM frames to an
 * IdcardEmulatedTransport acting as the reader's SAM, so faults injected there show up
 * on the wire exactly as a real reader would produce them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <umockdev.h>

#include "idcard-emulated-transport.h"

G_BEGIN_DECLS

typedef enum
{
  READER_MODEL_BULK_SINGLE, /* 0400:C35A, OUT 0x02 + IN 0x81 */
  READER_MODEL_BULK_SPLIT,  /* 0400:C35A, OUT 0x02/0x06 + IN 0x81/0x85 */
  READER_MODEL_HID_RAW,     /* 2B8B:2721, raw frames in 64-byte reports */
  READER_MODEL_HID_WRAPPED, /* 10C4:0007, 0x88/0xAA packets in 64-byte reports */
} ReaderModelKind;

typedef struct _ReaderModel ReaderModel;

ReaderModel *reader_model_new (UMockdevTestbed *testbed,
                               ReaderModelKind kind,
                               guint devnum,
                               IdcardEmulatedTransport *sam);
void reader_model_unplug (ReaderModel *model);
gint64 reader_model_get_last_in_time (ReaderModel *model);
void reader_model_set_claim_error (ReaderModel *model, int errsv);
guint reader_model_get_claim_attempts (ReaderModel *model);
void reader_model_free (ReaderModel *model);

typedef struct _SerialModel SerialModel;

SerialModel *serial_model_new (IdcardEmulatedTransport *sam);
const char *serial_model_get_path (SerialModel *model);
void serial_model_free (SerialModel *model);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReaderModel, reader_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerialModel, serial_model_free)

G_END_DECLS
