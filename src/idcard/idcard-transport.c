/* idcard-transport.c: how frames reach a reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-transport.h"
#include "idcard-wire-private.h"

/* Hex dumps at debug level show whole requests (no personal data in them) but only the
 * status of a response: the data after it may be card text or an address, which are
 * personal data and never logged. */
#define DEBUG_DUMP_REQUEST_MAX 16
#define DEBUG_DUMP_RESPONSE_MAX 3
#define READ_CHUNK_SIZE 4096

typedef struct
{
  char *kind;
  guint16 vendor_id;
  guint16 product_id;
  char *location;
  guint settle_time_ms;
  char *sam_id;
  gboolean is_open;
  gint cancelled; /* atomic */
  IdcardFrameParser *parser;
} IdcardTransportPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (IdcardTransport, idcard_transport, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_VENDOR_ID,
  PROP_PRODUCT_ID,
  PROP_LOCATION,
  PROP_SETTLE_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
idcard_transport_finalize (GObject *object)
{
  IdcardTransport *self = IDCARD_TRANSPORT (object);
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  g_free (priv->kind);
  g_free (priv->location);
  g_free (priv->sam_id);
  g_clear_pointer (&priv->parser, idcard_frame_parser_free);

  G_OBJECT_CLASS (idcard_transport_parent_class)->finalize (object);
}

static void
idcard_transport_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IdcardTransport *self = IDCARD_TRANSPORT (object);
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_KIND:
        g_value_set_string (value, priv->kind);
        break;
      case PROP_VENDOR_ID:
        g_value_set_uint (value, priv->vendor_id);
        break;
      case PROP_PRODUCT_ID:
        g_value_set_uint (value, priv->product_id);
        break;
      case PROP_LOCATION:
        g_value_set_string (value, priv->location);
        break;
      case PROP_SETTLE_TIME:
        g_value_set_uint (value, priv->settle_time_ms);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
idcard_transport_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  IdcardTransport *self = IDCARD_TRANSPORT (object);
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_KIND:
        priv->kind = g_value_dup_string (value);
        break;
      case PROP_VENDOR_ID:
        priv->vendor_id = (guint16) g_value_get_uint (value);
        break;
      case PROP_PRODUCT_ID:
        priv->product_id = (guint16) g_value_get_uint (value);
        break;
      case PROP_LOCATION:
        priv->location = g_value_dup_string (value);
        break;
      case PROP_SETTLE_TIME:
        priv->settle_time_ms = g_value_get_uint (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
idcard_transport_class_init (IdcardTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags =
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = idcard_transport_finalize;
  object_class->get_property = idcard_transport_get_property;
  object_class->set_property = idcard_transport_set_property;

  /**
   * IdcardTransport:kind:
   *
   * "usb-bulk", "usb-hid", "serial" or "emulated".
   */
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_VENDOR_ID] =
      g_param_spec_uint ("vendor-id", NULL, NULL, 0, G_MAXUINT16, 0, flags);
  properties[PROP_PRODUCT_ID] =
      g_param_spec_uint ("product-id", NULL, NULL, 0, G_MAXUINT16, 0, flags);
  /**
   * IdcardTransport:location:
   *
   * Where the reader is: "usb:BUS-PORT.PORT", a device path, or "emulated".
   */
  properties[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, NULL, flags);
  /**
   * IdcardTransport:settle-time:
   *
   * Milliseconds the reader may need after it appears before its SAM answers (about
   * 2000 for some bulk readers after power-up); failures to open it within that time
   * are not reported.
   */
  properties[PROP_SETTLE_TIME] = g_param_spec_uint ("settle-time", NULL, NULL, 0, 60000, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
idcard_transport_init (IdcardTransport *self)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  priv->parser = idcard_frame_parser_new ();
}

const char *
idcard_transport_get_kind (IdcardTransport *self)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  g_return_val_if_fail (IDCARD_IS_TRANSPORT (self), NULL);
  return priv->kind;
}

guint16
idcard_transport_get_vendor_id (IdcardTransport *self)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  g_return_val_if_fail (IDCARD_IS_TRANSPORT (self), 0);
  return priv->vendor_id;
}

guint16
idcard_transport_get_product_id (IdcardTransport *self)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  g_return_val_if_fail (IDCARD_IS_TRANSPORT (self), 0);
  return priv->product_id;
}

const char *
idcard_transport_get_location (IdcardTransport *self)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  g_return_val_if_fail (IDCARD_IS_TRANSPORT (self), NULL);
  return priv->location;
}

guint
idcard_transport_get_settle_time (IdcardTransport *self)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  g_return_val_if_fail (IDCARD_IS_TRANSPORT (self), 0);
  return priv->settle_time_ms;
}

/**
 * idcard_transport_get_sam_id:
 *
 * Returns: (nullable): the SAM ID read when the reader was opened
 */
const char *
idcard_transport_get_sam_id (IdcardTransport *self)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  g_return_val_if_fail (IDCARD_IS_TRANSPORT (self), NULL);
  return priv->sam_id;
}

void
idcard_transport_set_sam_id (IdcardTransport *self, const char *sam_id)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  g_return_if_fail (IDCARD_IS_TRANSPORT (self));
  g_free (priv->sam_id);
  priv->sam_id = g_strdup (sam_id);
}

gboolean
idcard_transport_open (IdcardTransport *self, GError **error)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  g_return_val_if_fail (IDCARD_IS_TRANSPORT (self), FALSE);

  if (priv->is_open)
    return TRUE;
  g_atomic_int_set (&priv->cancelled, 0);
  if (!IDCARD_TRANSPORT_GET_CLASS (self)->open (self, error))
    return FALSE;
  priv->is_open = TRUE;
  return TRUE;
}

void
idcard_transport_close (IdcardTransport *self)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  g_return_if_fail (IDCARD_IS_TRANSPORT (self));

  if (!priv->is_open)
    return;
  IDCARD_TRANSPORT_GET_CLASS (self)->close (self);
  priv->is_open = FALSE;
}

gboolean
idcard_transport_is_open (IdcardTransport *self)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  g_return_val_if_fail (IDCARD_IS_TRANSPORT (self), FALSE);
  return priv->is_open;
}

/**
 * idcard_transport_cancel:
 *
 * Makes the exchange in progress, on whatever thread, and every later one fail soon with
 * %IDCARD_ERROR_CANCELLED, until the transport is opened again. Thread-safe; the reader
 * calls it so that disposing never waits for a slow read to time out.
 */
void
idcard_transport_cancel (IdcardTransport *self)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);
  IdcardTransportClass *klass = IDCARD_TRANSPORT_GET_CLASS (self);

  g_return_if_fail (IDCARD_IS_TRANSPORT (self));

  g_atomic_int_set (&priv->cancelled, 1);
  if (klass->cancel != NULL)
    klass->cancel (self);
}

gboolean
idcard_transport_is_cancelled (IdcardTransport *self)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);

  g_return_val_if_fail (IDCARD_IS_TRANSPORT (self), TRUE);
  return g_atomic_int_get (&priv->cancelled) != 0;
}

gboolean
idcard_transport_set_cancelled_error (GError **error)
{
  g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_CANCELLED, "the exchange was cancelled");
  return FALSE;
}

static void
debug_dump (IdcardTransport *self, const char *direction, const guint8 *buf, gsize len, gsize max)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);
  g_autofree char *hex = NULL;

  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    {
      hex = idcard_wire_hexdump (buf, MIN (len, max));
      g_debug ("%s %s %" G_GSIZE_FORMAT " bytes: %s%s", priv->kind, direction, len, hex,
               len > max ? " ..." : "");
    }
}

/**
 * idcard_transport_exchange:
 * @request: a complete request frame
 * @timeout_ms: for the whole exchange
 *
 * Sends @request and reassembles the response from whatever chunks the transport
 * delivers.
 *
 * Returns: (transfer full): the response body (status and data, no checksum)
 */
GBytes *
idcard_transport_exchange (IdcardTransport *self, GBytes *request, guint timeout_ms, GError **error)
{
  IdcardTransportPrivate *priv = idcard_transport_get_instance_private (self);
  IdcardTransportClass *klass = IDCARD_TRANSPORT_GET_CLASS (self);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  g_autofree guint8 *chunk = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (request, &len);

  g_return_val_if_fail (IDCARD_IS_TRANSPORT (self), NULL);

  if (!priv->is_open)
    {
      g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_NO_DEVICE, "the reader is not open");
      return NULL;
    }

  if (idcard_transport_is_cancelled (self))
    {
      idcard_transport_set_cancelled_error (error);
      return NULL;
    }
  idcard_frame_parser_reset (priv->parser);
  debug_dump (self, ">", data, len, DEBUG_DUMP_REQUEST_MAX);
  if (!klass->write (self, data, len, timeout_ms, error))
    return NULL;

  chunk = g_malloc (READ_CHUNK_SIZE);
  for (;;)
    {
      GBytes *body = NULL;
      g_autoptr (GError) frame_error = NULL;
      gint64 left = deadline - g_get_monotonic_time ();
      gssize n;

      if (idcard_frame_parser_pop (priv->parser, &body, &frame_error))
        {
          debug_dump (self, "<", g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                      DEBUG_DUMP_RESPONSE_MAX);
          return body;
        }
      if (frame_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&frame_error));
          return NULL;
        }
      if (idcard_transport_is_cancelled (self))
        {
          idcard_transport_set_cancelled_error (error);
          return NULL;
        }
      if (left <= 0)
        {
          g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_TIMEOUT,
                       "the reader did not answer within %u ms", timeout_ms);
          return NULL;
        }
      n = klass->read (self, chunk, READ_CHUNK_SIZE, (guint) MAX (1, left / 1000), error);
      if (n < 0)
        return NULL;
      idcard_frame_parser_push (priv->parser, chunk, (gsize) n);
    }
}

/**
 * idcard_transport_command:
 * @out_status: (out) (optional): SW3 of the response
 * @out_data: (out) (optional): the response data after the status
 *
 * One request/response round trip. The status is returned, not judged.
 */
gboolean
idcard_transport_command (IdcardTransport *self,
                          IdcardCommand command,
                          const guint8 *data,
                          gsize len,
                          guint timeout_ms,
                          guint8 *out_status,
                          GBytes **out_data,
                          GError **error)
{
  g_autoptr (GBytes) request = idcard_frame_build_request (command, data, len);
  g_autoptr (GBytes) body = idcard_transport_exchange (self, request, timeout_ms, error);
  guint8 status;

  if (body == NULL)
    return FALSE;
  if (!idcard_frame_parse_response (body, &status, out_data, error))
    return FALSE;
  if (out_status != NULL)
    *out_status = status;
  return TRUE;
}
