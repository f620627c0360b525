/* idcard-usb-private.h: what the USB transports and the monitor share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libusb.h>

#include "idcard-device-table.h"
#include "idcard-transport.h"

G_BEGIN_DECLS

/* A libusb context with hotplug notification, shared (reference-counted) by the monitor
 * thread and every USB transport, so that no device outlives its context. */
typedef struct _IdcardUsbMonitor IdcardUsbMonitor;

IdcardUsbMonitor *idcard_usb_monitor_new (GError **error);
IdcardUsbMonitor *idcard_usb_monitor_ref (IdcardUsbMonitor *monitor);
void idcard_usb_monitor_unref (IdcardUsbMonitor *monitor);
void idcard_usb_monitor_free (IdcardUsbMonitor *monitor);
typedef gboolean (*IdcardUsbKnownFunc) (const char *key, gpointer user_data);

GPtrArray *
idcard_usb_monitor_scan (IdcardUsbMonitor *monitor, IdcardUsbKnownFunc known, gpointer user_data);
gboolean idcard_usb_monitor_take_change (IdcardUsbMonitor *monitor);
gboolean idcard_usb_monitor_has_hotplug (IdcardUsbMonitor *monitor);
void idcard_usb_monitor_wait (IdcardUsbMonitor *monitor, guint timeout_ms);
void idcard_usb_monitor_interrupt (IdcardUsbMonitor *monitor);
gboolean idcard_usb_monitor_device_exists (IdcardUsbMonitor *monitor, const char *key);

const char *idcard_usb_transport_get_key (IdcardTransport *transport);

/* The open device of one USB transport. */
typedef struct
{
  IdcardTransport *owner; /* not a reference: the handle lives inside it */
  IdcardUsbMonitor *monitor;
  libusb_device *device;
  libusb_device_handle *handle;
  int interface;
  gboolean claimed;
} IdcardUsbHandle;

void idcard_usb_handle_init (IdcardUsbHandle *usb,
                             IdcardTransport *owner,
                             IdcardUsbMonitor *monitor,
                             libusb_device *device);
void idcard_usb_handle_clear (IdcardUsbHandle *usb);
gboolean idcard_usb_handle_open (IdcardUsbHandle *usb, GError **error);
gboolean idcard_usb_handle_claim (IdcardUsbHandle *usb, int interface, GError **error);
void idcard_usb_handle_close (IdcardUsbHandle *usb);
gboolean idcard_usb_handle_transfer (IdcardUsbHandle *usb,
                                     guint8 endpoint,
                                     guint8 type,
                                     guint8 *buf,
                                     gsize len,
                                     gsize *out_transferred,
                                     guint timeout_ms,
                                     GError **error);
gboolean idcard_usb_set_error (GError **error, int rc, const char *what);

IdcardTransport *idcard_usb_bulk_transport_new (IdcardUsbMonitor *monitor,
                                                libusb_device *device,
                                                const IdcardDeviceEntry *entry,
                                                const char *location);
IdcardTransport *idcard_usb_hid_transport_new (IdcardUsbMonitor *monitor,
                                               libusb_device *device,
                                               const IdcardDeviceEntry *entry,
                                               const char *location);

G_END_DECLS
