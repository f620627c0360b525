/* idcard-emulated-transport.c: an in-process reader with a SAM model
 *
 * The model answers the same frames a real SAM does, including its habit of not
 * finding a card again after it was read until the card is lifted and put back. The
 * reader's worker thread talks to it; the owner places and lifts cards from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-card-private.h"
#include "idcard-emulated-transport.h"
#include "idcard-frame.h"

/* The response arrives in pieces this large, as from a full-speed USB endpoint. */
#define CHUNK_SIZE 64

static const guint8 emulated_sam_id[16] = { 0x05, 0x00, 0x01, 0x00, 0x58, 0x9B, 0x34, 0x01,
                                            0x0A, 0x00, 0x00, 0x00, 0x39, 0x30, 0x00, 0x00 };

struct _IdcardEmulatedTransport
{
  IdcardTransport parent_instance;

  GMutex lock;
  GCond cond;
  IdcardFrameParser *requests;
  GByteArray *pending;
  gint64 ready_at;

  GBytes *text;
  GBytes *photo;
  GBytes *new_address; /* 30 03 data, NULL when the card has none */
  gboolean card_present;
  gboolean card_found;
  gboolean card_selected;
  gboolean card_read;
  IdcardEmulatedFault fault;
  gboolean unplugged;
  guint command_delay_ms;
  guint read_delay_ms;
  guint read_count;
  guint command_count;
};

G_DEFINE_FINAL_TYPE (IdcardEmulatedTransport, idcard_emulated_transport, IDCARD_TYPE_TRANSPORT)

static void
set_no_device (GError **error)
{
  g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_NO_DEVICE, "the reader was unplugged");
}

static gboolean
idcard_emulated_transport_open (IdcardTransport *transport, GError **error)
{
  IdcardEmulatedTransport *self = IDCARD_EMULATED_TRANSPORT (transport);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->unplugged)
    {
      set_no_device (error);
      return FALSE;
    }
  idcard_frame_parser_reset (self->requests);
  g_byte_array_set_size (self->pending, 0);
  return TRUE;
}

static void
idcard_emulated_transport_close (IdcardTransport *transport)
{
  IdcardEmulatedTransport *self = IDCARD_EMULATED_TRANSPORT (transport);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  g_byte_array_set_size (self->pending, 0);
}

static void
queue (IdcardEmulatedTransport *self, GBytes *frame, guint delay_ms)
{
  g_byte_array_append (self->pending, g_bytes_get_data (frame, NULL),
                       (guint) g_bytes_get_size (frame));
  self->ready_at = g_get_monotonic_time () + (gint64) delay_ms * G_TIME_SPAN_MILLISECOND;
}

static void
respond (IdcardEmulatedTransport *self, guint8 status, const guint8 *data, gsize len)
{
  g_autoptr (GBytes) frame = idcard_frame_build_response (status, data, len);

  queue (self, frame, self->command_delay_ms);
}

static void
respond_read (IdcardEmulatedTransport *self)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  g_autoptr (GBytes) frame = NULL;
  gsize text_len = g_bytes_get_size (self->text);
  gsize photo_len = self->photo != NULL ? g_bytes_get_size (self->photo) : 0;
  guint8 lengths[4] = { (guint8) (text_len >> 8), (guint8) text_len, (guint8) (photo_len >> 8),
                        (guint8) photo_len };
  IdcardEmulatedFault fault = self->fault;

  self->fault = IDCARD_EMULATED_FAULT_NONE;
  switch (fault)
    {
      case IDCARD_EMULATED_FAULT_TIMEOUT:
        return;
      case IDCARD_EMULATED_FAULT_UNPLUG:
        self->unplugged = TRUE;
        return;
      case IDCARD_EMULATED_FAULT_CARD_REMOVED:
        self->card_present = FALSE;
        respond (self, 0x41, NULL, 0);
        return;
      case IDCARD_EMULATED_FAULT_NONE:
      case IDCARD_EMULATED_FAULT_BAD_CHECKSUM:
      default:
        break;
    }

  g_byte_array_append (data, lengths, sizeof lengths);
  g_byte_array_append (data, g_bytes_get_data (self->text, NULL), (guint) text_len);
  if (photo_len > 0)
    g_byte_array_append (data, g_bytes_get_data (self->photo, NULL), (guint) photo_len);
  frame = idcard_frame_build_response (0x90, data->data, data->len);
  self->card_read = TRUE;
  self->read_count++;
  queue (self, frame, self->read_delay_ms);
  if (fault == IDCARD_EMULATED_FAULT_BAD_CHECKSUM)
    self->pending->data[self->pending->len - 1] ^= 0xFF;
}

static void
handle_request (IdcardEmulatedTransport *self, IdcardCommand command)
{
  static const guint8 zeros[8] = { 0 };

  switch (command)
    {
      case IDCARD_COMMAND_RESET_SAM:
        self->card_found = self->card_selected = self->card_read = FALSE;
        respond (self, 0x90, NULL, 0);
        break;
      case IDCARD_COMMAND_SAM_STATUS:
        respond (self, 0x90, NULL, 0);
        break;
      case IDCARD_COMMAND_READ_SAM_ID:
        respond (self, 0x90, emulated_sam_id, sizeof emulated_sam_id);
        break;
      case IDCARD_COMMAND_FIND_CARD:
        self->card_found = self->card_present && !self->card_read;
        respond (self, self->card_found ? 0x9F : 0x80, zeros, 4);
        break;
      case IDCARD_COMMAND_SELECT_CARD:
        self->card_selected = self->card_present && self->card_found;
        if (self->card_selected)
          respond (self, 0x90, zeros, 8);
        else
          respond (self, 0x81, NULL, 0);
        break;
      case IDCARD_COMMAND_READ_TEXT_PHOTO:
        if (self->card_present && self->card_selected)
          respond_read (self);
        else
          respond (self, 0x41, NULL, 0);
        break;
      case IDCARD_COMMAND_READ_NEW_ADDRESS:
        if (!self->card_present)
          respond (self, 0x41, NULL, 0);
        else if (self->new_address == NULL)
          respond (self, 0x91, NULL, 0);
        else
          respond (self, 0x90, g_bytes_get_data (self->new_address, NULL),
                   g_bytes_get_size (self->new_address));
        break;
      case IDCARD_COMMAND_SET_MAX_RF_BYTES:
        respond (self, 0x90, NULL, 0);
        break;
      case IDCARD_COMMAND_READ_TEXT_PHOTO_FINGERPRINT:
      default:
        respond (self, 0x21, NULL, 0);
        break;
    }
}

static gboolean
idcard_emulated_transport_write (IdcardTransport *transport,
                                 const guint8 *data,
                                 gsize len,
                                 guint timeout_ms,
                                 GError **error)
{
  IdcardEmulatedTransport *self = IDCARD_EMULATED_TRANSPORT (transport);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->unplugged)
    {
      set_no_device (error);
      return FALSE;
    }
  g_byte_array_set_size (self->pending, 0);
  idcard_frame_parser_push (self->requests, data, len);
  for (;;)
    {
      g_autoptr (GBytes) body = NULL;
      g_autoptr (GError) frame_error = NULL;
      IdcardCommand command;

      if (!idcard_frame_parser_pop (self->requests, &body, &frame_error))
        {
          if (frame_error == NULL)
            break;
          respond (self, 0x10, NULL, 0);
          continue;
        }
      if (!idcard_frame_parse_request (body, &command, NULL, NULL))
        respond (self, 0x11, NULL, 0);
      else
        handle_request (self, command);
      self->command_count++;
    }
  g_cond_broadcast (&self->cond);
  return TRUE;
}

static gssize
idcard_emulated_transport_read (IdcardTransport *transport,
                                guint8 *buf,
                                gsize size,
                                guint timeout_ms,
                                GError **error)
{
  IdcardEmulatedTransport *self = IDCARD_EMULATED_TRANSPORT (transport);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  gsize n;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      if (self->unplugged)
        {
          set_no_device (error);
          return -1;
        }
      if (idcard_transport_is_cancelled (transport))
        {
          idcard_transport_set_cancelled_error (error);
          return -1;
        }
      if (self->pending->len > 0 && now >= self->ready_at)
        break;
      if (now >= deadline)
        {
          g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_TIMEOUT,
                               "the emulated reader did not answer");
          return -1;
        }
      g_cond_wait_until (&self->cond, &self->lock,
                         self->pending->len > 0 ? MIN (deadline, self->ready_at) : deadline);
    }

  n = MIN (size, MIN (self->pending->len, CHUNK_SIZE));
  memcpy (buf, self->pending->data, n);
  g_byte_array_remove_range (self->pending, 0, (guint) n);
  return (gssize) n;
}

static void
idcard_emulated_transport_cancel (IdcardTransport *transport)
{
  IdcardEmulatedTransport *self = IDCARD_EMULATED_TRANSPORT (transport);
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  g_cond_broadcast (&self->cond);
}

static void
idcard_emulated_transport_finalize (GObject *object)
{
  IdcardEmulatedTransport *self = IDCARD_EMULATED_TRANSPORT (object);

  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  idcard_frame_parser_free (self->requests);
  g_byte_array_unref (self->pending);
  g_clear_pointer (&self->text, g_bytes_unref);
  g_clear_pointer (&self->photo, g_bytes_unref);
  g_clear_pointer (&self->new_address, g_bytes_unref);

  G_OBJECT_CLASS (idcard_emulated_transport_parent_class)->finalize (object);
}

static void
idcard_emulated_transport_class_init (IdcardEmulatedTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  IdcardTransportClass *transport_class = IDCARD_TRANSPORT_CLASS (klass);

  object_class->finalize = idcard_emulated_transport_finalize;
  transport_class->open = idcard_emulated_transport_open;
  transport_class->close = idcard_emulated_transport_close;
  transport_class->write = idcard_emulated_transport_write;
  transport_class->read = idcard_emulated_transport_read;
  transport_class->cancel = idcard_emulated_transport_cancel;
}

static void
idcard_emulated_transport_init (IdcardEmulatedTransport *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->requests = idcard_frame_parser_new ();
  self->pending = g_byte_array_new ();
}

/**
 * idcard_emulated_transport_new:
 *
 * An emulated reader with no card on it. Add it to an #IdcardReader with
 * idcard_reader_add_transport(), then place and lift cards from the main thread.
 */
IdcardEmulatedTransport *
idcard_emulated_transport_new (void)
{
  return g_object_new (IDCARD_TYPE_EMULATED_TRANSPORT, "kind", "emulated", "location", "emulated",
                       NULL);
}

/**
 * idcard_emulated_transport_place_card:
 *
 * Puts @card on the reader (replacing any card there). Demo cards without a photo get a
 * 1024-byte stand-in, as every real card has one.
 */
gboolean
idcard_emulated_transport_place_card (IdcardEmulatedTransport *self,
                                      IdcardCard *card,
                                      GError **error)
{
  g_autoptr (GBytes) text = NULL;
  g_autoptr (GBytes) new_address = NULL;
  g_autoptr (GError) address_error = NULL;
  GBytes *photo;
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (IDCARD_IS_EMULATED_TRANSPORT (self), FALSE);
  g_return_val_if_fail (IDCARD_IS_CARD (card), FALSE);

  text = idcard_card_encode_text (card, error);
  if (text == NULL)
    return FALSE;
  new_address = idcard_card_encode_new_address (card, &address_error);
  if (address_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&address_error));
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->lock);
  g_clear_pointer (&self->text, g_bytes_unref);
  g_clear_pointer (&self->photo, g_bytes_unref);
  g_clear_pointer (&self->new_address, g_bytes_unref);
  self->text = g_steal_pointer (&text);
  self->new_address = g_steal_pointer (&new_address);
  photo = idcard_card_get_photo_wlt (card);
  if (photo != NULL)
    self->photo = g_bytes_ref (photo);
  else
    {
      guint8 *stand_in = g_malloc (IDCARD_PHOTO_WLT_SIZE);

      for (gsize i = 0; i < IDCARD_PHOTO_WLT_SIZE; i++)
        stand_in[i] = (guint8) (i * 7 + 3);
      self->photo = g_bytes_new_take (stand_in, IDCARD_PHOTO_WLT_SIZE);
    }
  self->card_present = TRUE;
  self->card_found = self->card_selected = self->card_read = FALSE;
  return TRUE;
}

gboolean
idcard_emulated_transport_place_card_file (IdcardEmulatedTransport *self,
                                           const char *path,
                                           GError **error)
{
  g_autoptr (IdcardCard) card = idcard_card_new_from_file (path, error);

  if (card == NULL)
    return FALSE;
  return idcard_emulated_transport_place_card (self, card, error);
}

void
idcard_emulated_transport_lift_card (IdcardEmulatedTransport *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_if_fail (IDCARD_IS_EMULATED_TRANSPORT (self));
  locker = g_mutex_locker_new (&self->lock);
  self->card_present = FALSE;
  self->card_found = self->card_selected = self->card_read = FALSE;
}

void
idcard_emulated_transport_inject_fault (IdcardEmulatedTransport *self, IdcardEmulatedFault fault)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_if_fail (IDCARD_IS_EMULATED_TRANSPORT (self));
  locker = g_mutex_locker_new (&self->lock);
  self->fault = fault;
}

void
idcard_emulated_transport_unplug (IdcardEmulatedTransport *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_if_fail (IDCARD_IS_EMULATED_TRANSPORT (self));
  locker = g_mutex_locker_new (&self->lock);
  self->unplugged = TRUE;
  g_cond_broadcast (&self->cond);
}

/**
 * idcard_emulated_transport_replug:
 *
 * Plugs the reader back in; the card that was on it, if any, is still there and is
 * found again.
 */
void
idcard_emulated_transport_replug (IdcardEmulatedTransport *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_if_fail (IDCARD_IS_EMULATED_TRANSPORT (self));
  locker = g_mutex_locker_new (&self->lock);
  self->unplugged = FALSE;
  self->card_found = self->card_selected = self->card_read = FALSE;
}

/**
 * idcard_emulated_transport_set_timing:
 * @command_delay_ms: how long the SAM takes for a short command
 * @read_delay_ms: how long it takes to read a card (about 200–400 ms for real readers)
 */
void
idcard_emulated_transport_set_timing (IdcardEmulatedTransport *self,
                                      guint command_delay_ms,
                                      guint read_delay_ms)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_if_fail (IDCARD_IS_EMULATED_TRANSPORT (self));
  locker = g_mutex_locker_new (&self->lock);
  self->command_delay_ms = command_delay_ms;
  self->read_delay_ms = read_delay_ms;
}

/* How many cards the model has answered a full read for. */
guint
idcard_emulated_transport_get_read_count (IdcardEmulatedTransport *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (IDCARD_IS_EMULATED_TRANSPORT (self), 0);
  locker = g_mutex_locker_new (&self->lock);
  return self->read_count;
}

/* How many requests the model has answered, whatever they were. */
guint
idcard_emulated_transport_get_command_count (IdcardEmulatedTransport *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (IDCARD_IS_EMULATED_TRANSPORT (self), 0);
  locker = g_mutex_locker_new (&self->lock);
  return self->command_count;
}
