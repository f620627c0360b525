/* idcard-emulated-transport.h: an in-process reader with a SAM model, for demo mode
 * and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "idcard-card.h"
#include "idcard-transport.h"

G_BEGIN_DECLS

/**
 * IdcardEmulatedFault:
 * @IDCARD_EMULATED_FAULT_NONE: no fault
 * @IDCARD_EMULATED_FAULT_BAD_CHECKSUM: the next read response has a bad checksum
 * @IDCARD_EMULATED_FAULT_TIMEOUT: the next read gets no response at all
 * @IDCARD_EMULATED_FAULT_CARD_REMOVED: the card is lifted during the next read
 * @IDCARD_EMULATED_FAULT_UNPLUG: the reader is unplugged during the next read, until
 *   idcard_emulated_transport_replug()
 *
 * Faults fire once, on the next read command (30 01).
 */
typedef enum
{
  IDCARD_EMULATED_FAULT_NONE,
  IDCARD_EMULATED_FAULT_BAD_CHECKSUM,
  IDCARD_EMULATED_FAULT_TIMEOUT,
  IDCARD_EMULATED_FAULT_CARD_REMOVED,
  IDCARD_EMULATED_FAULT_UNPLUG,
} IdcardEmulatedFault;

#define IDCARD_TYPE_EMULATED_TRANSPORT (idcard_emulated_transport_get_type ())
G_DECLARE_FINAL_TYPE (IdcardEmulatedTransport,
                      idcard_emulated_transport,
                      IDCARD,
                      EMULATED_TRANSPORT,
                      IdcardTransport)

IdcardEmulatedTransport *idcard_emulated_transport_new (void);

gboolean idcard_emulated_transport_place_card (IdcardEmulatedTransport *self,
                                               IdcardCard *card,
                                               GError **error);
gboolean idcard_emulated_transport_place_card_file (IdcardEmulatedTransport *self,
                                                    const char *path,
                                                    GError **error);
void idcard_emulated_transport_lift_card (IdcardEmulatedTransport *self);
void idcard_emulated_transport_inject_fault (IdcardEmulatedTransport *self,
                                             IdcardEmulatedFault fault);
void idcard_emulated_transport_unplug (IdcardEmulatedTransport *self);
void idcard_emulated_transport_replug (IdcardEmulatedTransport *self);
void idcard_emulated_transport_set_timing (IdcardEmulatedTransport *self,
                                           guint command_delay_ms,
                                           guint read_delay_ms);
guint idcard_emulated_transport_get_read_count (IdcardEmulatedTransport *self);
guint idcard_emulated_transport_get_command_count (IdcardEmulatedTransport *self);

G_END_DECLS
