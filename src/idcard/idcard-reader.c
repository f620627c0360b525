/* idcard-reader.c: finds ID card readers, polls them and reports cards
 *
 * Every reader gets its own worker thread, because every libusb, serial or SAM call
 * blocks. A worker opens its reader, then asks "find card" every poll interval; a found
 * card is selected and read, and reported once; while it stays on the reader the
 * worker only checks that it is still there, and reports when it is lifted. Signals go
 * out on the main context the IdcardReader was created on.
 *
 * USB readers come and go: a monitor thread follows libusb hotplug (or rescans slowly
 * where hotplug is missing) and starts a worker for every new device of the device
 * table. A worker whose device vanished ends; the device gets a new worker when it is
 * plugged in again. Transports added by hand (serial, emulated) keep their worker and
 * reopen the device when it comes back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-card-private.h"
#include "idcard-protocol-private.h"
#include "idcard-reader.h"
#include "idcard-usb-private.h"

/* How often the monitor thread looks at libusb's device list, which libusb keeps current
 * from hotplug events; devices that appear are picked up within this time. Without
 * hotplug support the list is only rescanned every rescan-interval. */
#define MONITOR_CYCLE_MS 200

typedef struct _Slot Slot;

struct _IdcardReader
{
  GObject parent_instance;

  GMainContext *context;
  gboolean scan_usb;
  guint poll_interval_ms;
  guint command_timeout_ms;
  guint read_timeout_ms;
  guint rescan_interval_ms;
  IdcardWltDecoder *decoder;
  gboolean decoder_error_reported;

  GMutex lock;
  GCond cond;
  GPtrArray *slots; /* Slot*, under lock */
  gboolean started;
  gboolean stopping; /* under lock */

  IdcardUsbMonitor *usb; /* used only on the monitor thread after start */
  GThread *monitor_thread;

  GPtrArray *present; /* IdcardTransport*, main context only */
};

struct _Slot
{
  IdcardReader *reader; /* not a reference: slots never outlive the reader's dispose */
  IdcardTransport *transport;
  char *usb_key; /* the USB device instance, NULL for transports added by hand */
  GThread *thread;
  gint finished; /* atomic */

  /* worker thread only */
  gboolean added;
  gboolean card_present;
  gboolean connect_error_reported;
  gint64 appeared_at;
  GQuark last_error_domain;
  int last_error_code;
};

G_DEFINE_FINAL_TYPE (IdcardReader, idcard_reader, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SCAN_USB,
  PROP_POLL_INTERVAL,
  PROP_COMMAND_TIMEOUT,
  PROP_READ_TIMEOUT,
  PROP_RESCAN_INTERVAL,
  PROP_PHOTO_DECODER,
  N_PROPS
};

enum
{
  SIGNAL_READER_ADDED,
  SIGNAL_READER_REMOVED,
  SIGNAL_CARD_FOUND,
  SIGNAL_CARD_READ,
  SIGNAL_CARD_REMOVED,
  SIGNAL_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- delivery on the main context ---- */

typedef struct
{
  GWeakRef reader;
  guint signal;
  IdcardTransport *transport;
  IdcardCard *card;
  GError *error;
} Emission;

static void
emission_free (gpointer data)
{
  Emission *emission = data;

  g_weak_ref_clear (&emission->reader);
  g_clear_object (&emission->transport);
  g_clear_object (&emission->card);
  g_clear_error (&emission->error);
  g_free (emission);
}

static gboolean
reader_is_stopping (IdcardReader *self)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return self->stopping;
}

static gboolean
emission_dispatch_cb (gpointer data)
{
  Emission *emission = data;
  g_autoptr (IdcardReader) self = g_weak_ref_get (&emission->reader);

  if (self == NULL || reader_is_stopping (self))
    return G_SOURCE_REMOVE;

  if (emission->signal == signals[SIGNAL_READER_ADDED])
    g_ptr_array_add (self->present, g_object_ref (emission->transport));
  else if (emission->signal == signals[SIGNAL_READER_REMOVED])
    g_ptr_array_remove (self->present, emission->transport);

  if (emission->signal == signals[SIGNAL_CARD_READ])
    g_signal_emit (self, emission->signal, 0, emission->transport, emission->card);
  else if (emission->signal == signals[SIGNAL_ERROR])
    g_signal_emit (self, emission->signal, 0, emission->transport, emission->error);
  else
    g_signal_emit (self, emission->signal, 0, emission->transport);
  return G_SOURCE_REMOVE;
}

static void
emit_later (IdcardReader *self,
            guint signal,
            IdcardTransport *transport,
            IdcardCard *card,
            const GError *error)
{
  Emission *emission = g_new0 (Emission, 1);
  g_autoptr (GSource) source = NULL;

  g_weak_ref_init (&emission->reader, self);
  emission->signal = signal;
  emission->transport = transport != NULL ? g_object_ref (transport) : NULL;
  emission->card = card != NULL ? g_object_ref (card) : NULL;
  emission->error = error != NULL ? g_error_copy (error) : NULL;
  source = g_idle_source_new ();
  /* always through a source: g_main_context_invoke() would run the callback right here
   * when the worker can acquire the context */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emission_dispatch_cb, emission, emission_free);
  g_source_set_static_name (source, "[idcard] reader event");
  g_source_attach (source, self->context);
}

/* ---- the worker of one reader ---- */

static guint
get_uint (IdcardReader *self, const guint *field)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return *field;
}

/* Sleeps up to @ms; returns %FALSE when the reader is stopping. */
static gboolean
slot_wait (Slot *slot, guint ms)
{
  IdcardReader *self = slot->reader;
  gint64 until = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  while (!self->stopping)
    {
      if (!g_cond_wait_until (&self->cond, &self->lock, until))
        break;
    }
  return !self->stopping;
}

static void
slot_report (Slot *slot, const GError *error)
{
  g_info ("%s reader at %s: %s", idcard_transport_get_kind (slot->transport),
          idcard_transport_get_location (slot->transport), error->message);
  emit_later (slot->reader, signals[SIGNAL_ERROR], slot->transport, NULL, error);
}

static gboolean
slot_connect (Slot *slot)
{
  IdcardReader *self = slot->reader;
  g_autoptr (GError) error = NULL;
  g_autofree char *sam_id = NULL;

  if (!idcard_transport_open (slot->transport, &error) ||
      !idcard_protocol_prepare (slot->transport, get_uint (self, &self->command_timeout_ms),
                                &sam_id, &error))
    {
      idcard_transport_close (slot->transport);
      g_debug ("%s reader at %s not ready: %s", idcard_transport_get_kind (slot->transport),
               idcard_transport_get_location (slot->transport), error->message);
      /* a reader that is not there is not an error; a reader that cannot be used is,
       * once, when it had the time it may need after power-up */
      if (!g_error_matches (error, IDCARD_ERROR, IDCARD_ERROR_NO_DEVICE) &&
          !slot->connect_error_reported &&
          g_get_monotonic_time () - slot->appeared_at >=
              (gint64) idcard_transport_get_settle_time (slot->transport) * 1000)
        {
          slot_report (slot, error);
          slot->connect_error_reported = TRUE;
        }
      return FALSE;
    }

  idcard_transport_set_sam_id (slot->transport, sam_id);
  slot->added = TRUE;
  slot->card_present = FALSE;
  slot->connect_error_reported = FALSE;
  slot->last_error_domain = 0;
  g_debug ("%s reader at %s ready", idcard_transport_get_kind (slot->transport),
           idcard_transport_get_location (slot->transport));
  emit_later (self, signals[SIGNAL_READER_ADDED], slot->transport, NULL, NULL);
  return TRUE;
}

static void
slot_disconnect (Slot *slot, gboolean announce)
{
  IdcardReader *self = slot->reader;

  idcard_transport_close (slot->transport);
  if (!slot->added)
    return;
  if (announce && slot->card_present)
    emit_later (self, signals[SIGNAL_CARD_REMOVED], slot->transport, NULL, NULL);
  if (announce)
    emit_later (self, signals[SIGNAL_READER_REMOVED], slot->transport, NULL, NULL);
  slot->card_present = FALSE;
  slot->added = FALSE;
}

/* Returns %FALSE when the device is gone. Errors of a read are always reported; errors of
 * the polling only when they differ from the previous one. */
static gboolean
slot_handle_error (Slot *slot, const GError *error, gboolean during_read)
{
  gboolean repeated =
      error->domain == slot->last_error_domain && error->code == slot->last_error_code;

  if (during_read || (!repeated && !g_error_matches (error, IDCARD_ERROR, IDCARD_ERROR_NO_DEVICE)))
    slot_report (slot, error);
  slot->last_error_domain = error->domain;
  slot->last_error_code = error->code;
  return !g_error_matches (error, IDCARD_ERROR, IDCARD_ERROR_NO_DEVICE);
}

static void
slot_decode_photo (Slot *slot, IdcardCard *card)
{
  IdcardReader *self = slot->reader;
  g_autoptr (IdcardWltDecoder) decoder = NULL;
  g_autoptr (GBytes) rgb = NULL;
  g_autoptr (GError) error = NULL;
  GBytes *wlt = idcard_card_get_photo_wlt (card);

  g_mutex_lock (&self->lock);
  if (self->decoder != NULL)
    decoder = g_object_ref (self->decoder);
  g_mutex_unlock (&self->lock);
  if (decoder == NULL || wlt == NULL)
    return;

  rgb = idcard_wlt_decoder_decode (decoder, wlt, &error);
  if (rgb != NULL)
    {
      idcard_card_set_photo_rgb (card, rgb);
      return;
    }
  g_mutex_lock (&self->lock);
  if (!self->decoder_error_reported)
    {
      self->decoder_error_reported = TRUE;
      g_mutex_unlock (&self->lock);
      slot_report (slot, error);
      return;
    }
  g_mutex_unlock (&self->lock);
}

static gboolean
slot_poll (Slot *slot)
{
  IdcardReader *self = slot->reader;
  guint timeout = get_uint (self, &self->command_timeout_ms);
  g_autoptr (GError) error = NULL;
  g_autoptr (IdcardCard) card = NULL;
  gboolean flag = FALSE;

  if (slot->card_present)
    {
      if (!idcard_protocol_card_present (slot->transport, timeout, &flag, &error))
        return slot_handle_error (slot, error, FALSE);
      slot->last_error_domain = 0;
      if (!flag)
        {
          slot->card_present = FALSE;
          emit_later (self, signals[SIGNAL_CARD_REMOVED], slot->transport, NULL, NULL);
        }
      return TRUE;
    }

  if (!idcard_protocol_find_card (slot->transport, timeout, &flag, &error))
    return slot_handle_error (slot, error, FALSE);
  slot->last_error_domain = 0;
  if (!flag)
    return TRUE;

  /* a reading state can show long before the read itself is done */
  emit_later (self, signals[SIGNAL_CARD_FOUND], slot->transport, NULL, NULL);
  card = idcard_protocol_read_card (slot->transport, timeout,
                                    get_uint (self, &self->read_timeout_ms), &error);
  if (card == NULL)
    return slot_handle_error (slot, error, TRUE);

  idcard_card_set_sam_id (card, idcard_transport_get_sam_id (slot->transport));
  slot_decode_photo (slot, card);
  slot->card_present = TRUE;
  emit_later (self, signals[SIGNAL_CARD_READ], slot->transport, card, NULL);
  return TRUE;
}

static gpointer
slot_thread_func (gpointer data)
{
  Slot *slot = data;
  IdcardReader *self = slot->reader;

  while (!reader_is_stopping (self))
    {
      if (!slot->added)
        {
          if (slot_connect (slot))
            continue;
          /* a USB device that cannot be opened is retried until it is unplugged */
          if (slot->usb_key != NULL && !idcard_usb_monitor_device_exists (self->usb, slot->usb_key))
            break;
          slot_wait (slot, get_uint (self, &self->rescan_interval_ms));
          continue;
        }
      if (!slot_poll (slot))
        {
          slot_disconnect (slot, TRUE);
          if (slot->usb_key != NULL)
            break;
          slot_wait (slot, get_uint (self, &self->rescan_interval_ms));
          continue;
        }
      slot_wait (slot, get_uint (self, &self->poll_interval_ms));
    }

  slot_disconnect (slot, !reader_is_stopping (self));
  g_atomic_int_set (&slot->finished, 1);
  return NULL;
}

static void
slot_free (Slot *slot)
{
  if (slot->thread != NULL)
    g_thread_join (slot->thread);
  idcard_transport_close (slot->transport);
  g_clear_object (&slot->transport);
  g_free (slot->usb_key);
  g_free (slot);
}

static void
add_slot (IdcardReader *self, IdcardTransport *transport, const char *usb_key)
{
  Slot *slot = g_new0 (Slot, 1);
  g_autofree char *name = NULL;

  slot->reader = self;
  slot->transport = g_object_ref (transport);
  slot->usb_key = g_strdup (usb_key);
  slot->appeared_at = g_get_monotonic_time ();
  name = g_strdup_printf ("idcard-%s", idcard_transport_get_kind (transport));
  slot->thread = g_thread_new (name, slot_thread_func, slot);
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->slots, slot);
  g_mutex_unlock (&self->lock);
}

/* ---- USB monitor thread ---- */

static gboolean
usb_key_in_use (const char *key, gpointer data)
{
  IdcardReader *self = data;
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (g_strcmp0 (slot->usb_key, key) == 0 && !g_atomic_int_get (&slot->finished))
        return TRUE;
    }
  return FALSE;
}

static void
reap_finished_slots (IdcardReader *self)
{
  g_autoptr (GPtrArray) done = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->slots->len;)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (g_atomic_int_get (&slot->finished))
        g_ptr_array_add (done, g_ptr_array_steal_index (self->slots, i));
      else
        i++;
    }
  g_mutex_unlock (&self->lock);
}

static void
scan_usb (IdcardReader *self)
{
  g_autoptr (GPtrArray) found = idcard_usb_monitor_scan (self->usb, usb_key_in_use, self);

  for (guint i = 0; i < found->len; i++)
    {
      IdcardTransport *transport = g_ptr_array_index (found, i);

      add_slot (self, transport, idcard_usb_transport_get_key (transport));
    }
}

static gpointer
monitor_thread_func (gpointer data)
{
  IdcardReader *self = data;
  gint64 next_scan = 0;

  while (!reader_is_stopping (self))
    {
      gint64 now = g_get_monotonic_time ();

      reap_finished_slots (self);
      if (idcard_usb_monitor_take_change (self->usb) || now >= next_scan ||
          idcard_usb_monitor_has_hotplug (self->usb))
        {
          scan_usb (self);
          next_scan = now + (gint64) get_uint (self, &self->rescan_interval_ms) * 1000;
        }
      idcard_usb_monitor_wait (self->usb, MONITOR_CYCLE_MS);
    }
  return NULL;
}

/* ---- GObject ---- */

static void
stop_everything (IdcardReader *self)
{
  g_autoptr (GPtrArray) slots = NULL;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  slots = g_steal_pointer (&self->slots);
  self->slots = g_ptr_array_new ();
  g_mutex_unlock (&self->lock);

  /* no worker waits for a slow read or a timeout */
  for (guint i = 0; slots != NULL && i < slots->len; i++)
    idcard_transport_cancel (((Slot *) g_ptr_array_index (slots, i))->transport);
  if (self->usb != NULL)
    idcard_usb_monitor_interrupt (self->usb);
  if (self->monitor_thread != NULL)
    g_clear_pointer (&self->monitor_thread, g_thread_join);
  if (slots != NULL)
    {
      for (guint i = 0; i < slots->len; i++)
        slot_free (g_ptr_array_index (slots, i));
    }
  /* slots the monitor added while we took the list */
  g_mutex_lock (&self->lock);
  while (self->slots->len > 0)
    {
      Slot *slot = g_ptr_array_steal_index (self->slots, 0);

      g_mutex_unlock (&self->lock);
      idcard_transport_cancel (slot->transport);
      slot_free (slot);
      g_mutex_lock (&self->lock);
    }
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&self->usb, idcard_usb_monitor_free);
}

static void
idcard_reader_dispose (GObject *object)
{
  IdcardReader *self = IDCARD_READER (object);

  stop_everything (self);
  g_clear_object (&self->decoder);
  if (self->present != NULL)
    g_ptr_array_set_size (self->present, 0);

  G_OBJECT_CLASS (idcard_reader_parent_class)->dispose (object);
}

static void
idcard_reader_finalize (GObject *object)
{
  IdcardReader *self = IDCARD_READER (object);

  g_ptr_array_unref (self->slots);
  g_ptr_array_unref (self->present);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (idcard_reader_parent_class)->finalize (object);
}

static void
idcard_reader_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IdcardReader *self = IDCARD_READER (object);

  switch (prop_id)
    {
      case PROP_SCAN_USB:
        g_value_set_boolean (value, self->scan_usb);
        break;
      case PROP_POLL_INTERVAL:
        g_value_set_uint (value, idcard_reader_get_poll_interval (self));
        break;
      case PROP_COMMAND_TIMEOUT:
        g_value_set_uint (value, idcard_reader_get_command_timeout (self));
        break;
      case PROP_READ_TIMEOUT:
        g_value_set_uint (value, idcard_reader_get_read_timeout (self));
        break;
      case PROP_RESCAN_INTERVAL:
        g_value_set_uint (value, idcard_reader_get_rescan_interval (self));
        break;
      case PROP_PHOTO_DECODER:
        g_value_set_object (value, self->decoder);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
idcard_reader_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IdcardReader *self = IDCARD_READER (object);

  switch (prop_id)
    {
      case PROP_SCAN_USB:
        self->scan_usb = g_value_get_boolean (value);
        break;
      case PROP_POLL_INTERVAL:
        idcard_reader_set_poll_interval (self, g_value_get_uint (value));
        break;
      case PROP_COMMAND_TIMEOUT:
        idcard_reader_set_command_timeout (self, g_value_get_uint (value));
        break;
      case PROP_READ_TIMEOUT:
        idcard_reader_set_read_timeout (self, g_value_get_uint (value));
        break;
      case PROP_RESCAN_INTERVAL:
        idcard_reader_set_rescan_interval (self, g_value_get_uint (value));
        break;
      case PROP_PHOTO_DECODER:
        idcard_reader_set_photo_decoder (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
idcard_reader_class_init (IdcardReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = idcard_reader_dispose;
  object_class->finalize = idcard_reader_finalize;
  object_class->get_property = idcard_reader_get_property;
  object_class->set_property = idcard_reader_set_property;

  /**
   * IdcardReader:scan-usb:
   *
   * Whether to look for USB readers (and follow hotplug) once started. Demo mode and
   * tests with emulated readers turn it off.
   */
  properties[PROP_SCAN_USB] =
      g_param_spec_boolean ("scan-usb", NULL, NULL, TRUE,
                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                                G_PARAM_EXPLICIT_NOTIFY);
  /**
   * IdcardReader:poll-interval:
   *
   * Milliseconds between two "find card" requests.
   */
  properties[PROP_POLL_INTERVAL] = g_param_spec_uint ("poll-interval", NULL, NULL, 1, 60000,
                                                      IDCARD_READER_DEFAULT_POLL_INTERVAL_MS, rw);
  properties[PROP_COMMAND_TIMEOUT] = g_param_spec_uint (
      "command-timeout", NULL, NULL, 1, 60000, IDCARD_READER_DEFAULT_COMMAND_TIMEOUT_MS, rw);
  properties[PROP_READ_TIMEOUT] = g_param_spec_uint ("read-timeout", NULL, NULL, 1, 60000,
                                                     IDCARD_READER_DEFAULT_READ_TIMEOUT_MS, rw);
  /**
   * IdcardReader:rescan-interval:
   *
   * Milliseconds between two USB scans when hotplug is not available, and between two
   * attempts to reopen a reader that is gone.
   */
  properties[PROP_RESCAN_INTERVAL] = g_param_spec_uint (
      "rescan-interval", NULL, NULL, 1, 600000, IDCARD_READER_DEFAULT_RESCAN_INTERVAL_MS, rw);
  properties[PROP_PHOTO_DECODER] =
      g_param_spec_object ("photo-decoder", NULL, NULL, IDCARD_TYPE_WLT_DECODER, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IdcardReader::reader-added:
   * @transport: the reader, opened and answering
   */
  signals[SIGNAL_READER_ADDED] =
      g_signal_new ("reader-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, IDCARD_TYPE_TRANSPORT);
  signals[SIGNAL_READER_REMOVED] =
      g_signal_new ("reader-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, IDCARD_TYPE_TRANSPORT);
  /**
   * IdcardReader::card-found:
   * @transport: the reader a card was just placed on
   *
   * A card was found and is being read; #IdcardReader::card-read or
   * #IdcardReader::error follows.
   */
  signals[SIGNAL_CARD_FOUND] =
      g_signal_new ("card-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, IDCARD_TYPE_TRANSPORT);
  /**
   * IdcardReader::card-read:
   * @transport: the reader the card lies on
   * @card: everything read from it
   *
   * Emitted once per placement: a card left on the reader is not reported again until
   * it has been lifted (#IdcardReader::card-removed).
   */
  signals[SIGNAL_CARD_READ] =
      g_signal_new ("card-read", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, IDCARD_TYPE_TRANSPORT, IDCARD_TYPE_CARD);
  signals[SIGNAL_CARD_REMOVED] =
      g_signal_new ("card-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, IDCARD_TYPE_TRANSPORT);
  /**
   * IdcardReader::error:
   * @transport: (nullable): the reader concerned, if any
   * @error: what went wrong, in the %IDCARD_ERROR domain
   */
  signals[SIGNAL_ERROR] =
      g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, IDCARD_TYPE_TRANSPORT, G_TYPE_ERROR);
}

static void
idcard_reader_init (IdcardReader *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->scan_usb = TRUE;
  self->poll_interval_ms = IDCARD_READER_DEFAULT_POLL_INTERVAL_MS;
  self->command_timeout_ms = IDCARD_READER_DEFAULT_COMMAND_TIMEOUT_MS;
  self->read_timeout_ms = IDCARD_READER_DEFAULT_READ_TIMEOUT_MS;
  self->rescan_interval_ms = IDCARD_READER_DEFAULT_RESCAN_INTERVAL_MS;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->slots = g_ptr_array_new ();
  self->present = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * idcard_reader_new:
 * @scan_usb: whether to look for USB readers once started
 *
 * Signals are emitted on the thread-default main context of the calling thread.
 */
IdcardReader *
idcard_reader_new (gboolean scan_usb)
{
  return g_object_new (IDCARD_TYPE_READER, "scan-usb", scan_usb, NULL);
}

/**
 * idcard_reader_start:
 *
 * Starts the workers of the transports added so far and, with #IdcardReader:scan-usb,
 * the USB monitor. Transports added later start at once.
 *
 * Returns: %FALSE when USB cannot be used at all (no libusb context)
 */
gboolean
idcard_reader_start (IdcardReader *self, GError **error)
{
  g_autoptr (GPtrArray) pending = NULL;

  g_return_val_if_fail (IDCARD_IS_READER (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  if (self->scan_usb)
    {
      self->usb = idcard_usb_monitor_new (error);
      if (self->usb == NULL)
        return FALSE;
    }
  self->started = TRUE;
  pending = g_object_steal_data (G_OBJECT (self), "idcard-pending-transports");
  for (guint i = 0; pending != NULL && i < pending->len; i++)
    add_slot (self, g_ptr_array_index (pending, i), NULL);
  if (self->usb != NULL)
    self->monitor_thread = g_thread_new ("idcard-usb", monitor_thread_func, self);
  return TRUE;
}

/**
 * idcard_reader_add_transport:
 * @transport: a serial or emulated reader
 *
 * Adds a reader that USB scanning does not find. Its worker reopens it whenever it is
 * gone, until the IdcardReader is disposed.
 */
void
idcard_reader_add_transport (IdcardReader *self, IdcardTransport *transport)
{
  GPtrArray *pending;

  g_return_if_fail (IDCARD_IS_READER (self));
  g_return_if_fail (IDCARD_IS_TRANSPORT (transport));

  if (self->started)
    {
      add_slot (self, transport, NULL);
      return;
    }
  pending = g_object_get_data (G_OBJECT (self), "idcard-pending-transports");
  if (pending == NULL)
    {
      pending = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_data_full (G_OBJECT (self), "idcard-pending-transports", pending,
                              (GDestroyNotify) g_ptr_array_unref);
    }
  g_ptr_array_add (pending, g_object_ref (transport));
}

/**
 * idcard_reader_get_transports:
 *
 * Returns: (transfer container) (element-type IdcardTransport): the readers present, as
 *   announced by #IdcardReader::reader-added so far
 */
GPtrArray *
idcard_reader_get_transports (IdcardReader *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (IDCARD_IS_READER (self), NULL);

  copy = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->present->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (self->present, i)));
  return copy;
}

static void
set_uint (IdcardReader *self, guint *field, guint value, guint prop)
{
  gboolean changed;

  g_mutex_lock (&self->lock);
  changed = *field != value;
  *field = value;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

guint
idcard_reader_get_poll_interval (IdcardReader *self)
{
  g_return_val_if_fail (IDCARD_IS_READER (self), 0);
  return get_uint (self, &self->poll_interval_ms);
}

void
idcard_reader_set_poll_interval (IdcardReader *self, guint interval_ms)
{
  g_return_if_fail (IDCARD_IS_READER (self));
  set_uint (self, &self->poll_interval_ms, MAX (interval_ms, 1), PROP_POLL_INTERVAL);
}

guint
idcard_reader_get_command_timeout (IdcardReader *self)
{
  g_return_val_if_fail (IDCARD_IS_READER (self), 0);
  return get_uint (self, &self->command_timeout_ms);
}

void
idcard_reader_set_command_timeout (IdcardReader *self, guint timeout_ms)
{
  g_return_if_fail (IDCARD_IS_READER (self));
  set_uint (self, &self->command_timeout_ms, MAX (timeout_ms, 1), PROP_COMMAND_TIMEOUT);
}

guint
idcard_reader_get_read_timeout (IdcardReader *self)
{
  g_return_val_if_fail (IDCARD_IS_READER (self), 0);
  return get_uint (self, &self->read_timeout_ms);
}

void
idcard_reader_set_read_timeout (IdcardReader *self, guint timeout_ms)
{
  g_return_if_fail (IDCARD_IS_READER (self));
  set_uint (self, &self->read_timeout_ms, MAX (timeout_ms, 1), PROP_READ_TIMEOUT);
}

guint
idcard_reader_get_rescan_interval (IdcardReader *self)
{
  g_return_val_if_fail (IDCARD_IS_READER (self), 0);
  return get_uint (self, &self->rescan_interval_ms);
}

void
idcard_reader_set_rescan_interval (IdcardReader *self, guint interval_ms)
{
  g_return_if_fail (IDCARD_IS_READER (self));
  set_uint (self, &self->rescan_interval_ms, MAX (interval_ms, 1), PROP_RESCAN_INTERVAL);
}

/**
 * idcard_reader_get_photo_decoder:
 *
 * Returns: (transfer none) (nullable): the WLT decoder, %NULL when photos stay raw
 */
IdcardWltDecoder *
idcard_reader_get_photo_decoder (IdcardReader *self)
{
  g_return_val_if_fail (IDCARD_IS_READER (self), NULL);
  return self->decoder;
}

void
idcard_reader_set_photo_decoder (IdcardReader *self, IdcardWltDecoder *decoder)
{
  gboolean changed;

  g_return_if_fail (IDCARD_IS_READER (self));
  g_return_if_fail (decoder == NULL || IDCARD_IS_WLT_DECODER (decoder));

  g_mutex_lock (&self->lock);
  changed = g_set_object (&self->decoder, decoder);
  self->decoder_error_reported = FALSE;
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO_DECODER]);
}
