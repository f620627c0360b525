/* reader-model.c: USB ID card readers emulated under umockdev, and a serial one on a pty
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/usbdevice_fs.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include "reader-model.h"

#define REPORT_SIZE 64
#define HEADER_SIZE 7
#define WRAP_MAX_DATA 54
#define NO_URB_DELAY_MS 1

struct _ReaderModel
{
  UMockdevTestbed *testbed;
  ReaderModelKind kind;
  char *syspath;
  char *devnode;
  UMockdevIoctlBase *handler;
  IdcardEmulatedTransport *sam;

  GMutex lock;
  GQueue pending_in; /* UMockdevIoctlData* of submitted IN URBs */
  GQueue completed;  /* UMockdevIoctlData* ready to reap */
  gboolean gone;
  int claim_errno; /* CLAIMINTERFACE fails with this when not 0 */
  guint claim_attempts;

  gint64 last_in_time; /* monotonic µs of the last IN data handed to the host */

  /* wrapped HID framing */
  GByteArray *out_packet;
  guint16 sequence;
  guint16 packet_number;
};

static gboolean
sam_write (ReaderModel *model, const guint8 *data, gsize len)
{
  return IDCARD_TRANSPORT_GET_CLASS (model->sam)
      ->write (IDCARD_TRANSPORT (model->sam), data, len, 0, NULL);
}

/* Up to @size response bytes that the SAM has ready now; -1 when it is unplugged. */
static gssize
sam_read (ReaderModel *model, guint8 *buf, gsize size)
{
  IdcardTransportClass *klass = IDCARD_TRANSPORT_GET_CLASS (model->sam);
  g_autoptr (GError) error = NULL;
  gsize done = 0;

  while (done < size)
    {
      gssize n = klass->read (IDCARD_TRANSPORT (model->sam), buf + done, size - done, 0, &error);

      if (n < 0)
        {
          if (g_error_matches (error, IDCARD_ERROR, IDCARD_ERROR_NO_DEVICE))
            return -1;
          break;
        }
      done += (gsize) n;
    }
  return (gssize) done;
}

static guint16
sum16 (const guint8 *buf, gsize len)
{
  guint16 sum = 0;

  for (gsize i = 0; i < len; i++)
    sum = (guint16) (sum + buf[i]);
  return sum;
}

/* Fills @buf (@size bytes room) with what the device would send on @endpoint now. */
static gssize
produce_in (ReaderModel *model, guint8 endpoint, guint8 *buf, gsize size)
{
  guint8 data[WRAP_MAX_DATA];
  gssize n;
  guint16 sum;

  switch (model->kind)
    {
      case READER_MODEL_BULK_SINGLE:
        return sam_read (model, buf, size);
      case READER_MODEL_BULK_SPLIT:
        return sam_read (model, buf, endpoint == 0x81 ? MIN (size, HEADER_SIZE) : size);
      case READER_MODEL_HID_RAW:
        n = sam_read (model, buf, MIN (size, REPORT_SIZE));
        if (n <= 0)
          return n;
        memset (buf + n, 0, REPORT_SIZE - (gsize) n);
        return REPORT_SIZE;
      case READER_MODEL_HID_WRAPPED:
      default:
        n = sam_read (model, data, sizeof data);
        if (n <= 0)
          return n;
        memset (buf, 0, REPORT_SIZE);
        buf[0] = 0xAA;
        buf[1] = (guint8) (model->sequence & 0xff);
        buf[2] = (guint8) (model->sequence >> 8);
        buf[3] = (guint8) (n + 3);
        buf[4] = 0;
        buf[5] = 0x00;
        buf[6] = (guint8) (model->packet_number & 0xff);
        buf[7] = (guint8) (model->packet_number >> 8);
        memcpy (buf + 8, data, (gsize) n);
        sum = sum16 (buf + 3, 5 + (gsize) n);
        buf[8 + n] = (guint8) (sum & 0xff);
        buf[9 + n] = (guint8) (sum >> 8);
        model->packet_number++;
        return REPORT_SIZE;
    }
}

static void
consume_out (ReaderModel *model, const guint8 *buf, gsize len)
{
  guint8 *p;
  gsize frame_len, total;

  if (model->kind != READER_MODEL_HID_WRAPPED)
    {
      sam_write (model, buf, len);
      return;
    }

  g_byte_array_append (model->out_packet, buf, (guint) len);
  p = model->out_packet->data;
  if (model->out_packet->len < 6)
    return;
  g_assert_cmpuint (p[0], ==, 0x88);
  g_assert_cmpuint (p[5], ==, 0xB1);
  frame_len = (gsize) (p[3] | (p[4] << 8)) - 1;
  total = 6 + frame_len + 2;
  if (model->out_packet->len < total)
    return;
  g_assert_cmpuint (sum16 (p + 3, 3 + frame_len), ==, p[6 + frame_len] | (p[7 + frame_len] << 8));
  model->sequence = (guint16) (p[1] | (p[2] << 8));
  model->packet_number = 0;
  sam_write (model, p + 6, frame_len);
  g_byte_array_set_size (model->out_packet, 0); /* the rest of the report is padding */
}

static void
set_urb_result (UMockdevIoctlData *urb_data, int status, int actual_length)
{
  struct usbdevfs_urb *urb = (struct usbdevfs_urb *) urb_data->data;

  urb->status = status;
  urb->actual_length = actual_length;
}

/* Completes the IN URBs the device can answer now. Called with the lock held. */
static void
service_in (ReaderModel *model)
{
  while (!model->gone && !g_queue_is_empty (&model->pending_in))
    {
      UMockdevIoctlData *urb_data = g_queue_peek_head (&model->pending_in);
      struct usbdevfs_urb *urb = (struct usbdevfs_urb *) urb_data->data;
      gssize n = produce_in (model, urb->endpoint, urb->buffer, (gsize) urb->buffer_length);

      if (n < 0)
        {
          model->gone = TRUE;
          return;
        }
      if (n == 0)
        return;
      set_urb_result (urb_data, 0, (int) n);
      g_queue_push_tail (&model->completed, g_queue_pop_head (&model->pending_in));
      model->last_in_time = g_get_monotonic_time ();
    }
}

static gboolean
complete_eagain_cb (gpointer data)
{
  umockdev_ioctl_client_complete (data, -1, EAGAIN);
  return G_SOURCE_REMOVE;
}

/* As the kernel does after a disconnect: URBs in flight come back with -ESHUTDOWN and can
 * still be reaped, everything else fails with ENODEV. */
static gboolean
handle_gone (ReaderModel *model,
             UMockdevIoctlClient *client,
             gulong request,
             UMockdevIoctlData *arg)
{
  UMockdevIoctlData *urb_data;

  while ((urb_data = g_queue_pop_head (&model->pending_in)) != NULL)
    {
      set_urb_result (urb_data, -ESHUTDOWN, 0);
      g_queue_push_tail (&model->completed, urb_data);
    }
  if ((request == USBDEVFS_REAPURB || request == USBDEVFS_REAPURBNDELAY) &&
      !g_queue_is_empty (&model->completed))
    {
      g_autoptr (UMockdevIoctlData) done = g_queue_pop_head (&model->completed);
      g_autoptr (UMockdevIoctlData) urb_ptr =
          umockdev_ioctl_data_resolve (arg, 0, sizeof (gpointer), NULL);

      umockdev_ioctl_data_set_ptr (urb_ptr, 0, done);
      umockdev_ioctl_client_complete (client, 0, 0);
      return TRUE;
    }
  if (request == USBDEVFS_DISCARDURB)
    {
      umockdev_ioctl_client_complete (client, -1, EINVAL);
      return TRUE;
    }
  umockdev_ioctl_client_complete (client, -1, ENODEV);
  return TRUE;
}

static gboolean
handle_ioctl_cb (UMockdevIoctlBase *handler, UMockdevIoctlClient *client, ReaderModel *model)
{
  UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg (client);
  gulong request = umockdev_ioctl_client_get_request (client);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&model->lock);

  if (model->gone)
    return handle_gone (model, client, request, arg);

  switch (request)
    {
      case USBDEVFS_GET_CAPABILITIES:
        {
          g_autoptr (UMockdevIoctlData) caps =
              umockdev_ioctl_data_resolve (arg, 0, sizeof (guint32), NULL);

          *(guint32 *) caps->data = USBDEVFS_CAP_BULK_CONTINUATION |
                                    USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
                                    USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET;
          umockdev_ioctl_client_complete (client, 0, 0);
          return TRUE;
        }
      case USBDEVFS_CLAIMINTERFACE:
        model->claim_attempts++;
        if (model->claim_errno != 0)
          umockdev_ioctl_client_complete (client, -1, model->claim_errno);
        else
          umockdev_ioctl_client_complete (client, 0, 0);
        return TRUE;
      case USBDEVFS_RELEASEINTERFACE:
      case USBDEVFS_SETINTERFACE:
      case USBDEVFS_SETCONFIGURATION:
      case USBDEVFS_CLEAR_HALT:
      case USBDEVFS_RESET:
      case USBDEVFS_RESETEP:
        umockdev_ioctl_client_complete (client, 0, 0);
        return TRUE;
      case USBDEVFS_GETDRIVER:
        umockdev_ioctl_client_complete (client, -1, ENODATA);
        return TRUE;
      case USBDEVFS_SUBMITURB:
        {
          g_autoptr (UMockdevIoctlData) urb_data =
              umockdev_ioctl_data_resolve (arg, 0, sizeof (struct usbdevfs_urb), NULL);
          struct usbdevfs_urb *urb = (struct usbdevfs_urb *) urb_data->data;
          g_autoptr (UMockdevIoctlData) buffer =
              umockdev_ioctl_data_resolve (urb_data, G_STRUCT_OFFSET (struct usbdevfs_urb, buffer),
                                           (gsize) urb->buffer_length, NULL);

          if (urb->endpoint & 0x80)
            {
              g_queue_push_tail (&model->pending_in, umockdev_ioctl_data_ref (urb_data));
              service_in (model);
            }
          else
            {
              consume_out (model, buffer->data, (gsize) urb->buffer_length);
              set_urb_result (urb_data, 0, urb->buffer_length);
              g_queue_push_tail (&model->completed, umockdev_ioctl_data_ref (urb_data));
            }
          umockdev_ioctl_client_complete (client, 0, 0);
          return TRUE;
        }
      case USBDEVFS_REAPURB:
      case USBDEVFS_REAPURBNDELAY:
        {
          g_autoptr (UMockdevIoctlData) urb_data = NULL;
          g_autoptr (UMockdevIoctlData) urb_ptr = NULL;

          service_in (model);
          if (model->gone)
            return handle_gone (model, client, request, arg);
          urb_data = g_queue_pop_head (&model->completed);
          if (urb_data == NULL)
            {
              /* the emulated fd always polls ready: do not let libusb spin */
              GSource *source = g_timeout_source_new (NO_URB_DELAY_MS);

              g_source_set_callback (source, complete_eagain_cb, g_object_ref (client),
                                     g_object_unref);
              g_source_attach (source, g_main_context_get_thread_default ());
              g_source_unref (source);
              return TRUE;
            }
          urb_ptr = umockdev_ioctl_data_resolve (arg, 0, sizeof (gpointer), NULL);
          umockdev_ioctl_data_set_ptr (urb_ptr, 0, urb_data);
          umockdev_ioctl_client_complete (client, 0, 0);
          return TRUE;
        }
      case USBDEVFS_DISCARDURB:
        {
          gulong address = *(gulong *) arg->data;

          for (GList *l = model->pending_in.head; l != NULL; l = l->next)
            {
              UMockdevIoctlData *urb_data = l->data;

              if (urb_data->client_addr == address)
                {
                  g_queue_unlink (&model->pending_in, l);
                  g_list_free (l);
                  set_urb_result (urb_data, -ENOENT, 0);
                  g_queue_push_tail (&model->completed, urb_data);
                  umockdev_ioctl_client_complete (client, 0, 0);
                  return TRUE;
                }
            }
          umockdev_ioctl_client_complete (client, -1, EINVAL);
          return TRUE;
        }
      default:
        umockdev_ioctl_client_complete (client, -1, ENOTTY);
        return TRUE;
    }
}

static char *
descriptors_hex (ReaderModelKind kind, guint16 vid, guint16 pid)
{
  GString *hex = g_string_new (NULL);
  gboolean hid = kind == READER_MODEL_HID_RAW || kind == READER_MODEL_HID_WRAPPED;
  guint n_endpoints = kind == READER_MODEL_BULK_SPLIT ? 4 : 2;
  guint total = 9 + 9 + (hid ? 9 : 0) + 7 * n_endpoints;
  static const guint8 split_endpoints[] = { 0x02, 0x06, 0x81, 0x85 };
  static const guint8 pair_endpoints[] = { 0x02, 0x81 };
  const guint8 *endpoints = kind == READER_MODEL_BULK_SPLIT ? split_endpoints : pair_endpoints;

  /* device */
  g_string_append_printf (hex, "120100020000004%c%02x%02x%02x%02x000100000001", '0', vid & 0xff,
                          vid >> 8, pid & 0xff, pid >> 8);
  /* configuration, interface */
  g_string_append_printf (hex, "0902%02x%02x0101008032", total & 0xff, total >> 8);
  g_string_append_printf (hex, "09040000%02x%s000000", n_endpoints, hid ? "03" : "ff");
  if (hid)
    g_string_append (hex, "092111010001222000");
  for (guint i = 0; i < n_endpoints; i++)
    g_string_append_printf (hex, "0705%02x%s4000%s", endpoints[i], hid ? "03" : "02",
                            hid ? "01" : "00");
  return g_string_free (hex, FALSE);
}

ReaderModel *
reader_model_new (UMockdevTestbed *testbed,
                  ReaderModelKind kind,
                  guint devnum,
                  IdcardEmulatedTransport *sam)
{
  ReaderModel *model = g_new0 (ReaderModel, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *descriptors = NULL;
  g_autofree char *record = NULL;
  guint16 vid, pid;

  switch (kind)
    {
      case READER_MODEL_HID_RAW:
        vid = 0x2B8B;
        pid = 0x2721;
        break;
      case READER_MODEL_HID_WRAPPED:
        vid = 0x10C4;
        pid = 0x0007;
        break;
      case READER_MODEL_BULK_SINGLE:
      case READER_MODEL_BULK_SPLIT:
      default:
        vid = 0x0400;
        pid = 0xC35A;
        break;
    }

  model->testbed = g_object_ref (testbed);
  model->kind = kind;
  model->sam = g_object_ref (sam);
  model->out_packet = g_byte_array_new ();
  g_mutex_init (&model->lock);
  g_queue_init (&model->pending_in);
  g_queue_init (&model->completed);
  g_assert_true (idcard_transport_open (IDCARD_TRANSPORT (sam), NULL));

  model->syspath = g_strdup_printf ("/sys/devices/pci0000:00/0000:00:14.0/usb1/1-%u", devnum);
  model->devnode = g_strdup_printf ("/dev/bus/usb/001/%03u", devnum);
  model->handler = umockdev_ioctl_base_new ();
  g_signal_connect (model->handler, "handle-ioctl", G_CALLBACK (handle_ioctl_cb), model);
  /* the handler first, so that libusb can open the device as soon as it appears */
  umockdev_testbed_attach_ioctl (testbed, model->devnode, model->handler, &error);
  g_assert_no_error (error);

  descriptors = descriptors_hex (kind, vid, pid);
  record =
      g_strdup_printf ("P: /devices/pci0000:00/0000:00:14.0/usb1/1-%u\n"
                       "N: bus/usb/001/%03u\n"
                       "E: SUBSYSTEM=usb\n"
                       "E: DEVTYPE=usb_device\n"
                       "E: DRIVER=usb\n"
                       "E: BUSNUM=001\n"
                       "E: DEVNUM=%03u\n"
                       "E: DEVNAME=/dev/bus/usb/001/%03u\n"
                       "E: PRODUCT=%x/%x/100\n"
                       "A: busnum=1\\n\n"
                       "A: devnum=%u\\n\n"
                       "A: speed=12\\n\n"
                       "A: bConfigurationValue=1\\n\n"
                       "A: bNumInterfaces= 1\\n\n"
                       "A: idVendor=%04x\\n\n"
                       "A: idProduct=%04x\\n\n"
                       "H: descriptors=%s\n",
                       devnum, devnum, devnum, devnum, vid, pid, devnum, vid, pid, descriptors);
  umockdev_testbed_add_from_string (testbed, record, &error);
  g_assert_no_error (error);
  return model;
}

/* The device disappears: ioctls fail with ENODEV, the sysfs entry and node go away. */
void
reader_model_unplug (ReaderModel *model)
{
  g_mutex_lock (&model->lock);
  if (model->syspath == NULL)
    {
      g_mutex_unlock (&model->lock);
      return;
    }
  model->gone = TRUE;
  g_mutex_unlock (&model->lock);
  umockdev_testbed_remove_device (model->testbed, model->syspath);
  g_clear_pointer (&model->syspath, g_free);
}

void
reader_model_free (ReaderModel *model)
{
  UMockdevIoctlData *urb;

  if (model == NULL)
    return;
  g_signal_handlers_disconnect_by_data (model->handler, model);
  reader_model_unplug (model);
  umockdev_testbed_detach_ioctl (model->testbed, model->devnode, NULL);
  while ((urb = g_queue_pop_head (&model->pending_in)) != NULL)
    umockdev_ioctl_data_unref (urb);
  while ((urb = g_queue_pop_head (&model->completed)) != NULL)
    umockdev_ioctl_data_unref (urb);
  g_clear_object (&model->handler);
  g_clear_object (&model->sam);
  g_clear_object (&model->testbed);
  g_byte_array_unref (model->out_packet);
  g_mutex_clear (&model->lock);
  g_free (model->devnode);
  g_free (model);
}

/* ---- serial ---- */

struct _SerialModel
{
  IdcardEmulatedTransport *sam;
  int master;
  int slave;
  char *path;
  GThread *thread;
  gint stop;
};

static gpointer
serial_thread (gpointer data)
{
  SerialModel *model = data;
  IdcardTransportClass *klass = IDCARD_TRANSPORT_GET_CLASS (model->sam);
  guint8 buf[512];

  while (!g_atomic_int_get (&model->stop))
    {
      struct pollfd pfd = { .fd = model->master, .events = POLLIN };
      gssize n;

      if (poll (&pfd, 1, 1) > 0 && (pfd.revents & POLLIN))
        {
          n = read (model->master, buf, sizeof buf);
          if (n > 0)
            klass->write (IDCARD_TRANSPORT (model->sam), buf, (gsize) n, 0, NULL);
        }
      /* whatever the SAM has ready goes out in 32-byte pieces, as from a UART FIFO */
      n = klass->read (IDCARD_TRANSPORT (model->sam), buf, 32, 0, NULL);
      if (n > 0 && write (model->master, buf, (gsize) n) != n)
        g_warning ("pty write failed");
    }
  return NULL;
}

SerialModel *
serial_model_new (IdcardEmulatedTransport *sam)
{
  SerialModel *model = g_new0 (SerialModel, 1);
  char name[256];
  struct termios tio;

  g_assert_cmpint (openpty (&model->master, &model->slave, name, NULL, NULL), ==, 0);
  /* the master side talks raw bytes, as a reader's UART does */
  g_assert_cmpint (tcgetattr (model->master, &tio), ==, 0);
  cfmakeraw (&tio);
  g_assert_cmpint (tcsetattr (model->master, TCSANOW, &tio), ==, 0);
  model->path = g_strdup (name);
  model->sam = g_object_ref (sam);
  g_assert_true (idcard_transport_open (IDCARD_TRANSPORT (sam), NULL));
  model->thread = g_thread_new ("serial-model", serial_thread, model);
  return model;
}

const char *
serial_model_get_path (SerialModel *model)
{
  return model->path;
}

void
serial_model_free (SerialModel *model)
{
  if (model == NULL)
    return;
  g_atomic_int_set (&model->stop, 1);
  g_thread_join (model->thread);
  close (model->master);
  close (model->slave);
  g_clear_object (&model->sam);
  g_free (model->path);
  g_free (model);
}

/* When the device last had IN data ready for the host (monotonic µs). */
gint64
reader_model_get_last_in_time (ReaderModel *model)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&model->lock);

  return model->last_in_time;
}

/* Another program holds the interface: claiming fails with @errsv (0: works again). */
void
reader_model_set_claim_error (ReaderModel *model, int errsv)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&model->lock);

  model->claim_errno = errsv;
}

guint
reader_model_get_claim_attempts (ReaderModel *model)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&model->lock);

  return model->claim_attempts;
}
