/* idcard-usb-hid-transport.c: HID readers, in raw and wrapped framing
 *
 * Raw framing (2B8B:2721 class): a SAM frame is cut into 64-byte output reports without
 * a report ID, the last one zero-padded; the response comes back the same way. The
 * padding after a frame is skipped by the frame parser.
 *
 * Wrapped framing (10C4:0007 class): every report carries a small packet. Request, cut
 * into 64-byte output reports:
 *
 *   offset  size  content
 *   0       1     0x88
 *   1       2     sequence number, little-endian
 *   3       2     LEN = 1 + n, little-endian
 *   5       1     0xB1 (pass a SAM frame)
 *   6       n     the SAM frame
 *   6+n     2     SUM16 of bytes 3 … 5+n, little-endian
 *
 * Response, one packet per 64-byte input report:
 *
 *   offset  size  content
 *   0       1     0xAA
 *   1       2     sequence number
 *   3       2     LEN = 3 + k, little-endian
 *   5       1     result, 0x00 = passed on
 *   6       2     packet number, little-endian, from 0
 *   8       k     the next k ≤ 54 bytes of the SAM response frame
 *   8+k     2     SUM16 of bytes 3 … 7+k, little-endian
 *
 * The wrapped layout comes from a single public driver; check it on hardware.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-usb-hid-transport.h"
#include "idcard-usb-private.h"
#include "idcard-wire-private.h"

#define HID_REQUEST_TYPE_OUT 0x21
#define HID_SET_REPORT 0x09
#define HID_OUTPUT_REPORT (0x02 << 8)

#define WRAP_REQUEST_MAGIC 0x88
#define WRAP_RESPONSE_MAGIC 0xAA
#define WRAP_PASS_SAM 0xB1
#define WRAP_SEQUENCE_OFFSET 1
#define WRAP_LENGTH_OFFSET 3
#define WRAP_COMMAND_OFFSET 5
#define WRAP_FRAME_OFFSET 6
#define WRAP_RESULT_OFFSET 5
#define WRAP_PACKET_OFFSET 6
#define WRAP_DATA_OFFSET 8
#define WRAP_MAX_DATA 54

struct _IdcardUsbHidTransport
{
  IdcardTransport parent_instance;

  IdcardUsbHandle usb;
  gboolean wrapped;
  int interface;
  guint8 in_endpoint;
  guint8 out_endpoint; /* 0: SET_REPORT on the control endpoint */
  guint16 sequence;
  guint16 next_packet;
};

G_DEFINE_FINAL_TYPE (IdcardUsbHidTransport, idcard_usb_hid_transport, IDCARD_TYPE_TRANSPORT)

static gboolean
find_endpoints (IdcardUsbHidTransport *self, GError **error)
{
  struct libusb_config_descriptor *config = NULL;
  int rc = libusb_get_active_config_descriptor (self->usb.device, &config);

  if (rc != LIBUSB_SUCCESS)
    return idcard_usb_set_error (error, rc, "reading the configuration descriptor");
  for (int i = 0; i < config->bNumInterfaces; i++)
    {
      const struct libusb_interface_descriptor *alt;

      if (config->interface[i].num_altsetting < 1)
        continue;
      alt = &config->interface[i].altsetting[0];
      self->in_endpoint = self->out_endpoint = 0;
      for (int e = 0; e < alt->bNumEndpoints; e++)
        {
          const struct libusb_endpoint_descriptor *ep = &alt->endpoint[e];

          if ((ep->bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_INTERRUPT)
            continue;
          if ((ep->bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN)
            self->in_endpoint = ep->bEndpointAddress;
          else
            self->out_endpoint = ep->bEndpointAddress;
        }
      if (self->in_endpoint != 0)
        {
          self->interface = alt->bInterfaceNumber;
          libusb_free_config_descriptor (config);
          return TRUE;
        }
    }
  libusb_free_config_descriptor (config);
  g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_NOT_SUPPORTED,
                       "the HID reader has no interrupt IN endpoint");
  return FALSE;
}

static gboolean
idcard_usb_hid_transport_open (IdcardTransport *transport, GError **error)
{
  IdcardUsbHidTransport *self = IDCARD_USB_HID_TRANSPORT (transport);

  if (!idcard_usb_handle_open (&self->usb, error))
    return FALSE;
  if (!find_endpoints (self, error) ||
      !idcard_usb_handle_claim (&self->usb, self->interface, error))
    {
      idcard_usb_handle_close (&self->usb);
      return FALSE;
    }
  return TRUE;
}

static void
idcard_usb_hid_transport_close (IdcardTransport *transport)
{
  IdcardUsbHidTransport *self = IDCARD_USB_HID_TRANSPORT (transport);

  idcard_usb_handle_close (&self->usb);
}

static gboolean
send_report (IdcardUsbHidTransport *self, guint8 *report, guint timeout_ms, GError **error)
{
  gsize n = 0;
  int rc;

  if (self->out_endpoint != 0)
    return idcard_usb_handle_transfer (&self->usb, self->out_endpoint,
                                       LIBUSB_TRANSFER_TYPE_INTERRUPT, report,
                                       IDCARD_USB_HID_REPORT_SIZE, &n, timeout_ms, error);
  rc = libusb_control_transfer (self->usb.handle, HID_REQUEST_TYPE_OUT, HID_SET_REPORT,
                                HID_OUTPUT_REPORT, (guint16) self->interface, report,
                                IDCARD_USB_HID_REPORT_SIZE, timeout_ms);
  if (rc < 0)
    return idcard_usb_set_error (error, rc, "sending a HID report");
  return TRUE;
}

static gboolean
send_chunked (IdcardUsbHidTransport *self,
              const guint8 *data,
              gsize len,
              guint timeout_ms,
              GError **error)
{
  for (gsize done = 0; done < len; done += IDCARD_USB_HID_REPORT_SIZE)
    {
      guint8 report[IDCARD_USB_HID_REPORT_SIZE] = { 0 };
      gsize n = MIN (len - done, IDCARD_USB_HID_REPORT_SIZE);

      memcpy (report, data + done, n);
      if (!send_report (self, report, timeout_ms, error))
        return FALSE;
    }
  return TRUE;
}

static guint16
sum16 (const guint8 *buf, gsize len)
{
  guint16 sum = 0;

  for (gsize i = 0; i < len; i++)
    sum = (guint16) (sum + buf[i]);
  return sum;
}

static gboolean
idcard_usb_hid_transport_write (IdcardTransport *transport,
                                const guint8 *data,
                                gsize len,
                                guint timeout_ms,
                                GError **error)
{
  IdcardUsbHidTransport *self = IDCARD_USB_HID_TRANSPORT (transport);
  g_autofree guint8 *packet = NULL;
  gsize packet_len = WRAP_FRAME_OFFSET + len + 2;
  guint16 sum;

  if (!self->wrapped)
    return send_chunked (self, data, len, timeout_ms, error);

  self->sequence++;
  self->next_packet = 0;
  packet = g_malloc (packet_len);
  packet[0] = WRAP_REQUEST_MAGIC;
  packet[WRAP_SEQUENCE_OFFSET] = (guint8) (self->sequence & 0xff);
  packet[WRAP_SEQUENCE_OFFSET + 1] = (guint8) (self->sequence >> 8);
  packet[WRAP_LENGTH_OFFSET] = (guint8) ((len + 1) & 0xff);
  packet[WRAP_LENGTH_OFFSET + 1] = (guint8) ((len + 1) >> 8);
  packet[WRAP_COMMAND_OFFSET] = WRAP_PASS_SAM;
  memcpy (packet + WRAP_FRAME_OFFSET, data, len);
  sum = sum16 (packet + WRAP_LENGTH_OFFSET, WRAP_FRAME_OFFSET + len - WRAP_LENGTH_OFFSET);
  packet[WRAP_FRAME_OFFSET + len] = (guint8) (sum & 0xff);
  packet[WRAP_FRAME_OFFSET + len + 1] = (guint8) (sum >> 8);
  return send_chunked (self, packet, packet_len, timeout_ms, error);
}

static gssize
unwrap (IdcardUsbHidTransport *self, const guint8 *report, gsize n, guint8 *buf, GError **error)
{
  guint16 len, packet, sum, expected;
  guint8 result;
  gsize k;

  if (n < 1 || report[0] != WRAP_RESPONSE_MAGIC)
    {
      g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_FRAME,
                           "a HID packet from the reader has no 0xAA start");
      return -1;
    }
  if (!idcard_wire_read_u16_le (report, n, WRAP_LENGTH_OFFSET, &len, error) ||
      !idcard_wire_read_u8 (report, n, WRAP_RESULT_OFFSET, &result, error) ||
      !idcard_wire_read_u16_le (report, n, WRAP_PACKET_OFFSET, &packet, error))
    return -1;
  if (len < 3 || len - 3 > WRAP_MAX_DATA)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_FRAME,
                   "a HID packet from the reader announces %u bytes", len);
      return -1;
    }
  k = len - 3;
  if (!idcard_wire_read_u16_le (report, n, WRAP_DATA_OFFSET + k, &sum, error))
    return -1;
  expected = sum16 (report + WRAP_LENGTH_OFFSET, WRAP_DATA_OFFSET + k - WRAP_LENGTH_OFFSET);
  if (sum != expected)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_CHECKSUM,
                   "a HID packet from the reader has a bad checksum (0x%04X, expected 0x%04X)", sum,
                   expected);
      return -1;
    }
  if (result != 0)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_IO,
                   "the HID reader refused to pass the frame on (result 0x%02X)", result);
      return -1;
    }
  if (packet != self->next_packet)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_FRAME,
                   "HID packet %u arrived when %u was expected", packet, self->next_packet);
      return -1;
    }
  self->next_packet++;
  memcpy (buf, report + WRAP_DATA_OFFSET, k);
  return (gssize) k;
}

static gssize
idcard_usb_hid_transport_read (IdcardTransport *transport,
                               guint8 *buf,
                               gsize size,
                               guint timeout_ms,
                               GError **error)
{
  IdcardUsbHidTransport *self = IDCARD_USB_HID_TRANSPORT (transport);
  guint8 report[IDCARD_USB_HID_REPORT_SIZE];
  gsize n = 0;

  g_return_val_if_fail (size >= IDCARD_USB_HID_REPORT_SIZE, -1);

  memset (report, 0, sizeof report);
  if (!idcard_usb_handle_transfer (&self->usb, self->in_endpoint, LIBUSB_TRANSFER_TYPE_INTERRUPT,
                                   report, sizeof report, &n, timeout_ms, error))
    return -1;
  if (!self->wrapped)
    {
      memcpy (buf, report, n);
      return (gssize) n;
    }
  return unwrap (self, report, n, buf, error);
}

static void
idcard_usb_hid_transport_finalize (GObject *object)
{
  IdcardUsbHidTransport *self = IDCARD_USB_HID_TRANSPORT (object);

  idcard_usb_handle_clear (&self->usb);

  G_OBJECT_CLASS (idcard_usb_hid_transport_parent_class)->finalize (object);
}

static void
idcard_usb_hid_transport_class_init (IdcardUsbHidTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  IdcardTransportClass *transport_class = IDCARD_TRANSPORT_CLASS (klass);

  object_class->finalize = idcard_usb_hid_transport_finalize;
  transport_class->open = idcard_usb_hid_transport_open;
  transport_class->close = idcard_usb_hid_transport_close;
  transport_class->write = idcard_usb_hid_transport_write;
  transport_class->read = idcard_usb_hid_transport_read;
}

static void
idcard_usb_hid_transport_init (IdcardUsbHidTransport *self)
{
}

IdcardTransport *
idcard_usb_hid_transport_new (IdcardUsbMonitor *monitor,
                              libusb_device *device,
                              const IdcardDeviceEntry *entry,
                              const char *location)
{
  IdcardUsbHidTransport *self = g_object_new (
      IDCARD_TYPE_USB_HID_TRANSPORT, "kind", "usb-hid", "vendor-id", (guint) entry->vendor_id,
      "product-id", (guint) entry->product_id, "location", location, "settle-time",
      (entry->quirks & IDCARD_DEVICE_QUIRK_SLOW_POWER_UP) ? IDCARD_SLOW_POWER_UP_MS : 0, NULL);

  idcard_usb_handle_init (&self->usb, IDCARD_TRANSPORT (self), monitor, device);
  self->wrapped = entry->kind == IDCARD_DEVICE_USB_HID_WRAPPED;
  return IDCARD_TRANSPORT (self);
}

gboolean
idcard_usb_hid_transport_is_wrapped (IdcardUsbHidTransport *self)
{
  g_return_val_if_fail (IDCARD_IS_USB_HID_TRANSPORT (self), FALSE);
  return self->wrapped;
}
