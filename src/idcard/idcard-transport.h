/* idcard-transport.h: how frames reach a reader (USB bulk, USB HID, serial, emulated)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "idcard-error.h"
#include "idcard-frame.h"

G_BEGIN_DECLS

#define IDCARD_TYPE_TRANSPORT (idcard_transport_get_type ())
G_DECLARE_DERIVABLE_TYPE (IdcardTransport, idcard_transport, IDCARD, TRANSPORT, GObject)

/**
 * IdcardTransportClass:
 * @open: claims the device; called on the reader's worker thread
 * @close: releases it; must be safe to call when not open
 * @write: sends one complete request frame
 * @read: returns the next bytes of the response (at least one), or -1 with an error;
 *   %IDCARD_ERROR_TIMEOUT when nothing came within @timeout_ms, %IDCARD_ERROR_NO_DEVICE
 *   when the device is gone
 * @cancel: (optional): wakes a blocked @write or @read, which then fail with
 *   %IDCARD_ERROR_CANCELLED (see idcard_transport_is_cancelled()); any thread
 *
 * Everything but the getters runs on one worker thread at a time. The protocol code
 * only sees these four calls: it never knows which transport it talks to.
 */
struct _IdcardTransportClass
{
  GObjectClass parent_class;

  gboolean (*open) (IdcardTransport *self, GError **error);
  void (*close) (IdcardTransport *self);
  gboolean (*write) (IdcardTransport *self,
                     const guint8 *data,
                     gsize len,
                     guint timeout_ms,
                     GError **error);
  gssize (*read) (IdcardTransport *self, guint8 *buf, gsize size, guint timeout_ms, GError **error);
  void (*cancel) (IdcardTransport *self);

  gpointer padding[7];
};

const char *idcard_transport_get_kind (IdcardTransport *self);
guint16 idcard_transport_get_vendor_id (IdcardTransport *self);
guint16 idcard_transport_get_product_id (IdcardTransport *self);
const char *idcard_transport_get_location (IdcardTransport *self);
guint idcard_transport_get_settle_time (IdcardTransport *self);
const char *idcard_transport_get_sam_id (IdcardTransport *self);
void idcard_transport_set_sam_id (IdcardTransport *self, const char *sam_id);

gboolean idcard_transport_open (IdcardTransport *self, GError **error);
void idcard_transport_close (IdcardTransport *self);
gboolean idcard_transport_is_open (IdcardTransport *self);
void idcard_transport_cancel (IdcardTransport *self);
gboolean idcard_transport_is_cancelled (IdcardTransport *self);
gboolean idcard_transport_set_cancelled_error (GError **error);
GBytes *idcard_transport_exchange (IdcardTransport *self,
                                   GBytes *request,
                                   guint timeout_ms,
                                   GError **error);
gboolean idcard_transport_command (IdcardTransport *self,
                                   IdcardCommand command,
                                   const guint8 *data,
                                   gsize len,
                                   guint timeout_ms,
                                   guint8 *out_status,
                                   GBytes **out_data,
                                   GError **error);

G_END_DECLS
