/* idcard-usb-bulk-transport.c: readers with vendor-class bulk endpoints
 *
 * The same VID:PID ships with two firmwares, told apart only by their descriptors:
 *
 *   layout  OUT endpoints              IN endpoints
 *   single  one: the whole request     one: the whole response, any chunking
 *   split   0x02: the 7 header bytes   0x81: the 7 header bytes
 *           0x06: the LEN body bytes   0x85: the LEN body bytes
 *
 * so the layout is decided at open time from the active configuration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-usb-bulk-transport.h"
#include "idcard-usb-private.h"
#include "idcard-wire-private.h"

#define MAX_ENDPOINTS 4

typedef struct
{
  guint8 address;
  guint8 type;
  guint16 max_packet;
} Endpoint;

struct _IdcardUsbBulkTransport
{
  IdcardTransport parent_instance;

  IdcardUsbHandle usb;
  IdcardUsbBulkLayout layout;
  Endpoint out[2]; /* [0] whole frame or header, [1] body */
  Endpoint in[2];
  gboolean expect_header; /* split layout: the next read is the 7-byte header */
  gsize body_left;
};

G_DEFINE_FINAL_TYPE (IdcardUsbBulkTransport, idcard_usb_bulk_transport, IDCARD_TYPE_TRANSPORT)

static int
compare_endpoints (gconstpointer a, gconstpointer b)
{
  return (int) ((const Endpoint *) a)->address - (int) ((const Endpoint *) b)->address;
}

/* Picks the first interface with bulk or interrupt endpoints in both directions. */
static gboolean
discover_layout (IdcardUsbBulkTransport *self, int *out_interface, GError **error)
{
  struct libusb_config_descriptor *config = NULL;
  int rc = libusb_get_active_config_descriptor (self->usb.device, &config);

  if (rc != LIBUSB_SUCCESS)
    return idcard_usb_set_error (error, rc, "reading the configuration descriptor");

  for (int i = 0; i < config->bNumInterfaces; i++)
    {
      const struct libusb_interface_descriptor *alt;
      Endpoint outs[MAX_ENDPOINTS], ins[MAX_ENDPOINTS];
      guint n_out = 0, n_in = 0;

      if (config->interface[i].num_altsetting < 1)
        continue;
      alt = &config->interface[i].altsetting[0];
      for (int e = 0; e < alt->bNumEndpoints; e++)
        {
          const struct libusb_endpoint_descriptor *ep = &alt->endpoint[e];
          guint8 type = ep->bmAttributes & LIBUSB_TRANSFER_TYPE_MASK;
          Endpoint endpoint = { ep->bEndpointAddress, type, ep->wMaxPacketSize };

          if (type != LIBUSB_TRANSFER_TYPE_BULK && type != LIBUSB_TRANSFER_TYPE_INTERRUPT)
            continue;
          if ((ep->bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN)
            {
              if (n_in < MAX_ENDPOINTS)
                ins[n_in++] = endpoint;
            }
          else if (n_out < MAX_ENDPOINTS)
            outs[n_out++] = endpoint;
        }
      if (n_out == 1 && n_in == 1)
        {
          self->layout = IDCARD_USB_BULK_LAYOUT_SINGLE;
          self->out[0] = self->out[1] = outs[0];
          self->in[0] = self->in[1] = ins[0];
        }
      else if (n_out == 2 && n_in == 2)
        {
          qsort (outs, 2, sizeof (Endpoint), compare_endpoints);
          qsort (ins, 2, sizeof (Endpoint), compare_endpoints);
          self->layout = IDCARD_USB_BULK_LAYOUT_SPLIT;
          memcpy (self->out, outs, sizeof self->out);
          memcpy (self->in, ins, sizeof self->in);
        }
      else
        continue;
      *out_interface = alt->bInterfaceNumber;
      libusb_free_config_descriptor (config);
      g_debug ("bulk reader: %s layout, OUT 0x%02x/0x%02x IN 0x%02x/0x%02x",
               self->layout == IDCARD_USB_BULK_LAYOUT_SPLIT ? "split" : "single",
               self->out[0].address, self->out[1].address, self->in[0].address,
               self->in[1].address);
      return TRUE;
    }
  libusb_free_config_descriptor (config);
  g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_NOT_SUPPORTED,
                       "the reader has no known endpoint layout");
  return FALSE;
}

static gboolean
idcard_usb_bulk_transport_open (IdcardTransport *transport, GError **error)
{
  IdcardUsbBulkTransport *self = IDCARD_USB_BULK_TRANSPORT (transport);
  int interface = 0;

  if (!idcard_usb_handle_open (&self->usb, error))
    return FALSE;
  if (!discover_layout (self, &interface, error) ||
      !idcard_usb_handle_claim (&self->usb, interface, error))
    {
      idcard_usb_handle_close (&self->usb);
      return FALSE;
    }
  return TRUE;
}

static void
idcard_usb_bulk_transport_close (IdcardTransport *transport)
{
  IdcardUsbBulkTransport *self = IDCARD_USB_BULK_TRANSPORT (transport);

  idcard_usb_handle_close (&self->usb);
}

static gboolean
write_all (IdcardUsbBulkTransport *self,
           const Endpoint *ep,
           const guint8 *data,
           gsize len,
           guint timeout_ms,
           GError **error)
{
  g_autofree guint8 *copy = g_memdup2 (data, len);
  gsize done = 0;

  while (done < len)
    {
      gsize n = 0;

      if (!idcard_usb_handle_transfer (&self->usb, ep->address, ep->type, copy + done, len - done,
                                       &n, timeout_ms, error))
        return FALSE;
      done += n;
    }
  return TRUE;
}

static gboolean
idcard_usb_bulk_transport_write (IdcardTransport *transport,
                                 const guint8 *data,
                                 gsize len,
                                 guint timeout_ms,
                                 GError **error)
{
  IdcardUsbBulkTransport *self = IDCARD_USB_BULK_TRANSPORT (transport);

  self->expect_header = TRUE;
  self->body_left = 0;
  if (self->layout == IDCARD_USB_BULK_LAYOUT_SINGLE || len <= IDCARD_FRAME_HEADER_SIZE)
    return write_all (self, &self->out[0], data, len, timeout_ms, error);
  return write_all (self, &self->out[0], data, IDCARD_FRAME_HEADER_SIZE, timeout_ms, error) &&
         write_all (self, &self->out[1], data + IDCARD_FRAME_HEADER_SIZE,
                    len - IDCARD_FRAME_HEADER_SIZE, timeout_ms, error);
}

/* A read request is a whole number of packets, or the device may overflow it. */
static gsize
request_size (const Endpoint *ep, gsize wanted, gsize room)
{
  gsize packet = MAX (ep->max_packet, 1);
  gsize size = ((wanted + packet - 1) / packet) * packet;

  return MIN (MAX (size, packet), room - room % packet);
}

static gssize
idcard_usb_bulk_transport_read (IdcardTransport *transport,
                                guint8 *buf,
                                gsize size,
                                guint timeout_ms,
                                GError **error)
{
  IdcardUsbBulkTransport *self = IDCARD_USB_BULK_TRANSPORT (transport);
  gsize n = 0;

  if (self->layout == IDCARD_USB_BULK_LAYOUT_SINGLE)
    {
      if (!idcard_usb_handle_transfer (&self->usb, self->in[0].address, self->in[0].type, buf,
                                       size - size % MAX (self->in[0].max_packet, 1), &n,
                                       timeout_ms, error))
        return -1;
      return (gssize) n;
    }

  if (self->expect_header || self->body_left == 0)
    {
      guint16 frame_len = 0;

      if (!idcard_usb_handle_transfer (&self->usb, self->in[0].address, self->in[0].type, buf,
                                       request_size (&self->in[0], IDCARD_FRAME_HEADER_SIZE, size),
                                       &n, timeout_ms, error))
        return -1;
      self->expect_header = FALSE;
      if (n >= IDCARD_FRAME_HEADER_SIZE &&
          idcard_wire_read_u16_be (buf, n, IDCARD_FRAME_LENGTH_OFFSET, &frame_len, NULL))
        self->body_left = frame_len > n - IDCARD_FRAME_HEADER_SIZE
                              ? frame_len - (n - IDCARD_FRAME_HEADER_SIZE)
                              : 0;
      return (gssize) n;
    }

  if (!idcard_usb_handle_transfer (&self->usb, self->in[1].address, self->in[1].type, buf,
                                   request_size (&self->in[1], self->body_left, size), &n,
                                   timeout_ms, error))
    return -1;
  self->body_left -= MIN (n, self->body_left);
  return (gssize) n;
}

static void
idcard_usb_bulk_transport_finalize (GObject *object)
{
  IdcardUsbBulkTransport *self = IDCARD_USB_BULK_TRANSPORT (object);

  idcard_usb_handle_clear (&self->usb);

  G_OBJECT_CLASS (idcard_usb_bulk_transport_parent_class)->finalize (object);
}

static void
idcard_usb_bulk_transport_class_init (IdcardUsbBulkTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  IdcardTransportClass *transport_class = IDCARD_TRANSPORT_CLASS (klass);

  object_class->finalize = idcard_usb_bulk_transport_finalize;
  transport_class->open = idcard_usb_bulk_transport_open;
  transport_class->close = idcard_usb_bulk_transport_close;
  transport_class->write = idcard_usb_bulk_transport_write;
  transport_class->read = idcard_usb_bulk_transport_read;
}

static void
idcard_usb_bulk_transport_init (IdcardUsbBulkTransport *self)
{
}

IdcardTransport *
idcard_usb_bulk_transport_new (IdcardUsbMonitor *monitor,
                               libusb_device *device,
                               const IdcardDeviceEntry *entry,
                               const char *location)
{
  IdcardUsbBulkTransport *self = g_object_new (
      IDCARD_TYPE_USB_BULK_TRANSPORT, "kind", "usb-bulk", "vendor-id", (guint) entry->vendor_id,
      "product-id", (guint) entry->product_id, "location", location, "settle-time",
      (entry->quirks & IDCARD_DEVICE_QUIRK_SLOW_POWER_UP) ? IDCARD_SLOW_POWER_UP_MS : 0, NULL);

  idcard_usb_handle_init (&self->usb, IDCARD_TRANSPORT (self), monitor, device);
  return IDCARD_TRANSPORT (self);
}

IdcardUsbBulkLayout
idcard_usb_bulk_transport_get_layout (IdcardUsbBulkTransport *self)
{
  g_return_val_if_fail (IDCARD_IS_USB_BULK_TRANSPORT (self), IDCARD_USB_BULK_LAYOUT_UNKNOWN);
  return self->layout;
}
