/* idcard-usb.c: the libusb context, device discovery and the one place libusb errors
 * are mapped into IDCARD_ERROR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-usb-private.h"

#define USB_KEY_DATA "idcard-usb-key"

struct _IdcardUsbMonitor
{
  libusb_context *context;
  libusb_hotplug_callback_handle hotplug;
  gboolean has_hotplug;
  gint changed; /* atomic */
  GMutex lock;
  GCond cond;
  gboolean interrupted;
};

gboolean
idcard_usb_set_error (GError **error, int rc, const char *what)
{
  IdcardError code;

  switch (rc)
    {
      case LIBUSB_ERROR_NO_DEVICE:
        code = IDCARD_ERROR_NO_DEVICE;
        break;
      case LIBUSB_ERROR_TIMEOUT:
        code = IDCARD_ERROR_TIMEOUT;
        break;
      case LIBUSB_ERROR_ACCESS:
        code = IDCARD_ERROR_ACCESS;
        break;
      case LIBUSB_ERROR_NOT_SUPPORTED:
        code = IDCARD_ERROR_NOT_SUPPORTED;
        break;
      case LIBUSB_ERROR_INTERRUPTED:
        code = IDCARD_ERROR_CANCELLED;
        break;
      default:
        code = IDCARD_ERROR_IO;
        break;
    }
  g_set_error (error, IDCARD_ERROR, code, "%s: %s", what, libusb_strerror (rc));
  return FALSE;
}

static int LIBUSB_CALL
hotplug_cb (libusb_context *context, libusb_device *device, libusb_hotplug_event event, void *data)
{
  IdcardUsbMonitor *monitor = data;

  g_mutex_lock (&monitor->lock);
  g_atomic_int_set (&monitor->changed, 1);
  g_cond_broadcast (&monitor->cond);
  g_mutex_unlock (&monitor->lock);
  return 0;
}

static void
monitor_release (IdcardUsbMonitor *monitor)
{
  if (monitor->has_hotplug)
    libusb_hotplug_deregister_callback (monitor->context, monitor->hotplug);
  libusb_exit (monitor->context);
  g_mutex_clear (&monitor->lock);
  g_cond_clear (&monitor->cond);
}

IdcardUsbMonitor *
idcard_usb_monitor_new (GError **error)
{
  IdcardUsbMonitor *monitor = g_atomic_rc_box_new0 (IdcardUsbMonitor);
  int rc;

  g_mutex_init (&monitor->lock);
  g_cond_init (&monitor->cond);
  rc = libusb_init (&monitor->context);
  if (rc != LIBUSB_SUCCESS)
    {
      idcard_usb_set_error (error, rc, "starting libusb");
      g_mutex_clear (&monitor->lock);
      g_cond_clear (&monitor->cond);
      g_atomic_rc_box_release (monitor);
      return NULL;
    }
  if (libusb_has_capability (LIBUSB_CAP_HAS_HOTPLUG))
    {
      rc = libusb_hotplug_register_callback (
          monitor->context, LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT,
          0, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
          hotplug_cb, monitor, &monitor->hotplug);
      monitor->has_hotplug = rc == LIBUSB_SUCCESS;
    }
  if (!monitor->has_hotplug)
    g_debug ("no USB hotplug notification; rescanning only");
  return monitor;
}

IdcardUsbMonitor *
idcard_usb_monitor_ref (IdcardUsbMonitor *monitor)
{
  return g_atomic_rc_box_acquire (monitor);
}

void
idcard_usb_monitor_unref (IdcardUsbMonitor *monitor)
{
  g_atomic_rc_box_release_full (monitor, (GDestroyNotify) monitor_release);
}

/* The owner's reference; transports may keep the context alive a little longer. */
void
idcard_usb_monitor_free (IdcardUsbMonitor *monitor)
{
  idcard_usb_monitor_unref (monitor);
}

gboolean
idcard_usb_monitor_has_hotplug (IdcardUsbMonitor *monitor)
{
  return monitor->has_hotplug;
}

gboolean
idcard_usb_monitor_take_change (IdcardUsbMonitor *monitor)
{
  return g_atomic_int_exchange (&monitor->changed, 0) != 0;
}

/* Delivers pending hotplug notifications, then sleeps up to @timeout_ms or until a
 * notification or idcard_usb_monitor_interrupt() wakes it. Events are handled without
 * blocking: the workers' own transfers handle them too, and a thread parked in
 * libusb's event loop would only compete with them for the event lock. */
void
idcard_usb_monitor_wait (IdcardUsbMonitor *monitor, guint timeout_ms)
{
  struct timeval zero = { 0, 0 };
  gint64 until = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  if (monitor->has_hotplug)
    libusb_handle_events_timeout_completed (monitor->context, &zero, NULL);
  g_mutex_lock (&monitor->lock);
  while (!monitor->interrupted && !g_atomic_int_get (&monitor->changed))
    {
      if (!g_cond_wait_until (&monitor->cond, &monitor->lock, until))
        break;
    }
  g_mutex_unlock (&monitor->lock);
}

void
idcard_usb_monitor_interrupt (IdcardUsbMonitor *monitor)
{
  g_mutex_lock (&monitor->lock);
  monitor->interrupted = TRUE;
  g_cond_broadcast (&monitor->cond);
  g_mutex_unlock (&monitor->lock);
}

static char *
device_key (libusb_device *device)
{
  return g_strdup_printf ("%03u:%03u", libusb_get_bus_number (device),
                          libusb_get_device_address (device));
}

static char *
device_location (libusb_device *device)
{
  guint8 ports[8];
  int n = libusb_get_port_numbers (device, ports, G_N_ELEMENTS (ports));
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "usb:%u-", libusb_get_bus_number (device));
  for (int i = 0; i < n; i++)
    g_string_append_printf (out, i == 0 ? "%u" : ".%u", ports[i]);
  if (n <= 0)
    g_string_append_printf (out, "%u", libusb_get_device_address (device));
  return g_string_free (out, FALSE);
}

/**
 * idcard_usb_monitor_scan:
 *
 * @known: tells which devices (by key) already have a transport
 *
 * Returns: (transfer container) (element-type IdcardTransport): a new, closed transport
 *   for every supported USB reader now connected that @known does not know
 */
GPtrArray *
idcard_usb_monitor_scan (IdcardUsbMonitor *monitor, IdcardUsbKnownFunc known, gpointer user_data)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  libusb_device **list = NULL;
  ssize_t n = libusb_get_device_list (monitor->context, &list);

  for (ssize_t i = 0; i < n; i++)
    {
      struct libusb_device_descriptor desc;
      const IdcardDeviceEntry *entry;
      IdcardTransport *transport = NULL;
      g_autofree char *location = NULL;
      g_autofree char *key = NULL;

      if (libusb_get_device_descriptor (list[i], &desc) != LIBUSB_SUCCESS)
        continue;
      entry = idcard_device_table_lookup (desc.idVendor, desc.idProduct);
      if (entry == NULL)
        continue;
      key = device_key (list[i]);
      if (known (key, user_data))
        continue;
      location = device_location (list[i]);
      switch (entry->kind)
        {
          case IDCARD_DEVICE_USB_BULK:
            transport = idcard_usb_bulk_transport_new (monitor, list[i], entry, location);
            break;
          case IDCARD_DEVICE_USB_HID_RAW:
          case IDCARD_DEVICE_USB_HID_WRAPPED:
            transport = idcard_usb_hid_transport_new (monitor, list[i], entry, location);
            break;
          case IDCARD_DEVICE_SERIAL_BRIDGE:
          default:
            /* reached through its tty (IdcardSerialTransport) */
            continue;
        }
      g_object_set_data_full (G_OBJECT (transport), USB_KEY_DATA, g_steal_pointer (&key), g_free);
      g_ptr_array_add (found, transport);
    }
  if (n >= 0)
    libusb_free_device_list (list, 1);
  return found;
}

gboolean
idcard_usb_monitor_device_exists (IdcardUsbMonitor *monitor, const char *key)
{
  libusb_device **list = NULL;
  ssize_t n = libusb_get_device_list (monitor->context, &list);
  gboolean exists = FALSE;

  for (ssize_t i = 0; i < n && !exists; i++)
    {
      g_autofree char *k = device_key (list[i]);

      exists = g_str_equal (k, key);
    }
  if (n >= 0)
    libusb_free_device_list (list, 1);
  return exists;
}

const char *
idcard_usb_transport_get_key (IdcardTransport *transport)
{
  return g_object_get_data (G_OBJECT (transport), USB_KEY_DATA);
}

void
idcard_usb_handle_init (IdcardUsbHandle *usb,
                        IdcardTransport *owner,
                        IdcardUsbMonitor *monitor,
                        libusb_device *device)
{
  usb->owner = owner;
  usb->monitor = idcard_usb_monitor_ref (monitor);
  usb->device = libusb_ref_device (device);
  usb->handle = NULL;
  usb->interface = -1;
  usb->claimed = FALSE;
}

void
idcard_usb_handle_clear (IdcardUsbHandle *usb)
{
  idcard_usb_handle_close (usb);
  g_clear_pointer (&usb->device, libusb_unref_device);
  g_clear_pointer (&usb->monitor, idcard_usb_monitor_unref);
}

gboolean
idcard_usb_handle_open (IdcardUsbHandle *usb, GError **error)
{
  int rc;

  if (usb->handle != NULL)
    return TRUE;
  rc = libusb_open (usb->device, &usb->handle);
  if (rc != LIBUSB_SUCCESS)
    {
      usb->handle = NULL;
      return idcard_usb_set_error (error, rc, "opening the reader");
    }
  return TRUE;
}

/* Detaches a kernel driver (usbhid for HID readers) by hand: auto-detach is not
 * available everywhere. */
gboolean
idcard_usb_handle_claim (IdcardUsbHandle *usb, int interface, GError **error)
{
  int rc;

  if (libusb_kernel_driver_active (usb->handle, interface) == 1)
    {
      rc = libusb_detach_kernel_driver (usb->handle, interface);
      if (rc != LIBUSB_SUCCESS && rc != LIBUSB_ERROR_NOT_FOUND)
        return idcard_usb_set_error (error, rc, "detaching the kernel driver");
    }
  rc = libusb_claim_interface (usb->handle, interface);
  if (rc != LIBUSB_SUCCESS)
    return idcard_usb_set_error (error, rc, "claiming the reader's interface");
  usb->interface = interface;
  usb->claimed = TRUE;
  return TRUE;
}

void
idcard_usb_handle_close (IdcardUsbHandle *usb)
{
  if (usb->handle == NULL)
    return;
  if (usb->claimed)
    libusb_release_interface (usb->handle, usb->interface);
  usb->claimed = FALSE;
  libusb_close (usb->handle);
  usb->handle = NULL;
}

static void LIBUSB_CALL
transfer_done_cb (struct libusb_transfer *transfer)
{
  *(int *) transfer->user_data = 1;
}

/* How often a transfer in progress looks whether it was cancelled. */
#define CANCEL_CHECK_MS 50

/**
 * idcard_usb_handle_transfer:
 * @type: LIBUSB_TRANSFER_TYPE_BULK or LIBUSB_TRANSFER_TYPE_INTERRUPT
 *
 * One transfer on @endpoint, waited for on the calling thread. It gives up early when the
 * owning transport is cancelled. A timeout with some bytes transferred counts as success.
 */
gboolean
idcard_usb_handle_transfer (IdcardUsbHandle *usb,
                            guint8 endpoint,
                            guint8 type,
                            guint8 *buf,
                            gsize len,
                            gsize *out_transferred,
                            guint timeout_ms,
                            GError **error)
{
  struct libusb_transfer *transfer;
  g_autofree char *what = NULL;
  gboolean cancel_sent = FALSE;
  int completed = 0;
  int rc;

  if (usb->handle == NULL)
    {
      g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_NO_DEVICE, "the reader is not open");
      return FALSE;
    }
  if (usb->owner != NULL && idcard_transport_is_cancelled (usb->owner))
    return idcard_transport_set_cancelled_error (error);

  what = g_strdup_printf ("transfer on endpoint 0x%02x", endpoint);
  transfer = libusb_alloc_transfer (0);
  if (type == LIBUSB_TRANSFER_TYPE_INTERRUPT)
    libusb_fill_interrupt_transfer (transfer, usb->handle, endpoint, buf, (int) len,
                                    transfer_done_cb, &completed, timeout_ms);
  else
    libusb_fill_bulk_transfer (transfer, usb->handle, endpoint, buf, (int) len, transfer_done_cb,
                               &completed, timeout_ms);
  rc = libusb_submit_transfer (transfer);
  if (rc != LIBUSB_SUCCESS)
    {
      libusb_free_transfer (transfer);
      return idcard_usb_set_error (error, rc, what);
    }

  while (!completed)
    {
      struct timeval tv = { 0, CANCEL_CHECK_MS * 1000 };

      if (!cancel_sent && usb->owner != NULL && idcard_transport_is_cancelled (usb->owner))
        {
          libusb_cancel_transfer (transfer);
          cancel_sent = TRUE;
        }
      rc = libusb_handle_events_timeout_completed (usb->monitor->context, &tv, &completed);
      if (rc != LIBUSB_SUCCESS && rc != LIBUSB_ERROR_INTERRUPTED && !cancel_sent)
        {
          /* the event loop itself failed: take the transfer back before returning */
          libusb_cancel_transfer (transfer);
          cancel_sent = TRUE;
        }
    }

  switch (transfer->status)
    {
      case LIBUSB_TRANSFER_COMPLETED:
        rc = LIBUSB_SUCCESS;
        break;
      case LIBUSB_TRANSFER_TIMED_OUT:
        rc = transfer->actual_length > 0 ? LIBUSB_SUCCESS : LIBUSB_ERROR_TIMEOUT;
        break;
      case LIBUSB_TRANSFER_CANCELLED:
        rc = LIBUSB_ERROR_INTERRUPTED;
        break;
      case LIBUSB_TRANSFER_NO_DEVICE:
        rc = LIBUSB_ERROR_NO_DEVICE;
        break;
      case LIBUSB_TRANSFER_STALL:
        rc = LIBUSB_ERROR_PIPE;
        break;
      case LIBUSB_TRANSFER_OVERFLOW:
        rc = LIBUSB_ERROR_OVERFLOW;
        break;
      case LIBUSB_TRANSFER_ERROR:
      default:
        rc = LIBUSB_ERROR_IO;
        break;
    }
  *out_transferred = (gsize) MAX (transfer->actual_length, 0);
  libusb_free_transfer (transfer);
  if (rc != LIBUSB_SUCCESS)
    return idcard_usb_set_error (error, rc, what);
  return TRUE;
}
