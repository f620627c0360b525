/* idcard-serial-transport.h: serial readers and USB-serial bridges (115200 8N1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "idcard-transport.h"

G_BEGIN_DECLS

#define IDCARD_TYPE_SERIAL_TRANSPORT (idcard_serial_transport_get_type ())
G_DECLARE_FINAL_TYPE (IdcardSerialTransport,
                      idcard_serial_transport,
                      IDCARD,
                      SERIAL_TRANSPORT,
                      IdcardTransport)

IdcardSerialTransport *idcard_serial_transport_new (const char *path);

G_END_DECLS
