/* idcard-serial-transport.c: serial readers and USB-serial bridges
 *
 * Raw mode, 115200 baud, 8 data bits, no parity, one stop bit, no flow control; the
 * SAM frames travel unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include "idcard-serial-transport.h"

struct _IdcardSerialTransport
{
  IdcardTransport parent_instance;

  int fd;
};

G_DEFINE_FINAL_TYPE (IdcardSerialTransport, idcard_serial_transport, IDCARD_TYPE_TRANSPORT)

static gboolean
set_errno_error (GError **error, int errsv, const char *what)
{
  IdcardError code;

  switch (errsv)
    {
      case ENOENT:
      case ENODEV:
      case ENXIO:
      case EIO:
        code = IDCARD_ERROR_NO_DEVICE;
        break;
      case EACCES:
      case EPERM:
        code = IDCARD_ERROR_ACCESS;
        break;
      default:
        code = IDCARD_ERROR_IO;
        break;
    }
  g_set_error (error, IDCARD_ERROR, code, "%s: %s", what, g_strerror (errsv));
  return FALSE;
}

static gboolean
idcard_serial_transport_open (IdcardTransport *transport, GError **error)
{
  IdcardSerialTransport *self = IDCARD_SERIAL_TRANSPORT (transport);
  const char *path = idcard_transport_get_location (transport);
  struct termios tio;
  int fd;

  fd = g_open (path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    return set_errno_error (error, errno, "opening the serial port");
  if (tcgetattr (fd, &tio) != 0)
    {
      int errsv = errno;

      close (fd);
      return set_errno_error (error, errsv, "reading the serial settings");
    }
  cfmakeraw (&tio);
  tio.c_cflag &= ~(tcflag_t) (CSTOPB | PARENB | CRTSCTS | CSIZE);
  tio.c_cflag |= CS8 | CLOCAL | CREAD;
  tio.c_iflag &= ~(tcflag_t) (IXON | IXOFF | IXANY);
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  cfsetispeed (&tio, B115200);
  cfsetospeed (&tio, B115200);
  if (tcsetattr (fd, TCSANOW, &tio) != 0)
    {
      int errsv = errno;

      close (fd);
      return set_errno_error (error, errsv, "setting 115200 8N1");
    }
  tcflush (fd, TCIOFLUSH);
  self->fd = fd;
  return TRUE;
}

static void
idcard_serial_transport_close (IdcardTransport *transport)
{
  IdcardSerialTransport *self = IDCARD_SERIAL_TRANSPORT (transport);

  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
}

/* How often a wait looks whether the transport was cancelled. */
#define CANCEL_CHECK_MS 50

/* Waits for @events; returns 1 when ready, 0 on timeout, -1 on error or cancellation. */
static int
wait_fd (IdcardSerialTransport *self, short events, guint timeout_ms, GError **error)
{
  struct pollfd pfd = { .fd = self->fd, .events = events };
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  int rc;

  for (;;)
    {
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;

      if (idcard_transport_is_cancelled (IDCARD_TRANSPORT (self)))
        {
          idcard_transport_set_cancelled_error (error);
          return -1;
        }
      rc = poll (&pfd, 1, (int) CLAMP (left, 0, CANCEL_CHECK_MS));
      if (rc < 0 && errno == EINTR)
        continue;
      if (rc != 0 || left <= CANCEL_CHECK_MS)
        break;
    }
  if (rc < 0)
    {
      set_errno_error (error, errno, "waiting for the serial port");
      return -1;
    }
  if (rc > 0 && (pfd.revents & (POLLERR | POLLNVAL)) != 0)
    {
      g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_NO_DEVICE, "the serial port is gone");
      return -1;
    }
  return rc;
}

static gboolean
idcard_serial_transport_write (IdcardTransport *transport,
                               const guint8 *data,
                               gsize len,
                               guint timeout_ms,
                               GError **error)
{
  IdcardSerialTransport *self = IDCARD_SERIAL_TRANSPORT (transport);
  gsize done = 0;

  tcflush (self->fd, TCIFLUSH);
  while (done < len)
    {
      ssize_t n;
      int ready = wait_fd (self, POLLOUT, timeout_ms, error);

      if (ready < 0)
        return FALSE;
      if (ready == 0)
        {
          g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_TIMEOUT,
                               "the serial port did not take the request");
          return FALSE;
        }
      n = write (self->fd, data + done, len - done);
      if (n < 0)
        {
          if (errno == EAGAIN || errno == EINTR)
            continue;
          return set_errno_error (error, errno, "writing to the serial port");
        }
      done += (gsize) n;
    }
  return TRUE;
}

static gssize
idcard_serial_transport_read (IdcardTransport *transport,
                              guint8 *buf,
                              gsize size,
                              guint timeout_ms,
                              GError **error)
{
  IdcardSerialTransport *self = IDCARD_SERIAL_TRANSPORT (transport);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  for (;;)
    {
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      int ready;
      ssize_t n;

      if (left <= 0)
        {
          g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_TIMEOUT,
                               "the serial reader did not answer");
          return -1;
        }
      ready = wait_fd (self, POLLIN, (guint) left, error);
      if (ready < 0)
        return -1;
      if (ready == 0)
        continue;
      n = read (self->fd, buf, size);
      if (n > 0)
        return n;
      if (n == 0)
        {
          g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_NO_DEVICE,
                               "the serial port was closed");
          return -1;
        }
      if (errno != EAGAIN && errno != EINTR)
        {
          set_errno_error (error, errno, "reading from the serial port");
          return -1;
        }
    }
}

static void
idcard_serial_transport_finalize (GObject *object)
{
  idcard_serial_transport_close (IDCARD_TRANSPORT (object));

  G_OBJECT_CLASS (idcard_serial_transport_parent_class)->finalize (object);
}

static void
idcard_serial_transport_class_init (IdcardSerialTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  IdcardTransportClass *transport_class = IDCARD_TRANSPORT_CLASS (klass);

  object_class->finalize = idcard_serial_transport_finalize;
  transport_class->open = idcard_serial_transport_open;
  transport_class->close = idcard_serial_transport_close;
  transport_class->write = idcard_serial_transport_write;
  transport_class->read = idcard_serial_transport_read;
}

static void
idcard_serial_transport_init (IdcardSerialTransport *self)
{
  self->fd = -1;
}

/**
 * idcard_serial_transport_new:
 * @path: the tty, e.g. /dev/ttyUSB0
 *
 * Add it to an #IdcardReader with idcard_reader_add_transport().
 */
IdcardSerialTransport *
idcard_serial_transport_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  return g_object_new (IDCARD_TYPE_SERIAL_TRANSPORT, "kind", "serial", "location", path, NULL);
}
