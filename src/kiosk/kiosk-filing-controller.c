/* kiosk-filing-controller.c: from a card on the reader to a filing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listens to the reader and moves the walk-up flow: a card found on a page
 * that starts filings (the welcome page, the reading page, and after a
 * filing for the next card of a batch) shows the reading page at once, the
 * card read shows the card page with it, and a failed read goes back with a
 * notice. Cards placed while someone is on any other page are left alone,
 * except on pages that take a card's identity (registration and login),
 * which get the card and start no filing. The card read last is the visit's.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-filing-controller.h"

struct _KioskFilingController
{
  GObject parent_instance;

  KioskFlow *flow; /* weak */
  IdcardReader *reader;
  KioskVisit *visit;
};

G_DEFINE_FINAL_TYPE (KioskFilingController, kiosk_filing_controller, G_TYPE_OBJECT)

/* where a new card may start a filing */
static gboolean
accepts_new_card (KioskFilingController *self)
{
  KioskPageId visible;

  if (self->flow == NULL)
    return FALSE;
  visible = kiosk_flow_get_visible_page_id (self->flow);
  return (kiosk_page_table_lookup (visible)->flags & KIOSK_PAGE_STARTS_FILING) != 0;
}

static void
card_found_cb (KioskFilingController *self, IdcardTransport *transport)
{
  if (accepts_new_card (self))
    kiosk_flow_go_to (self->flow, KIOSK_PAGE_READING, NULL);
}

static void
card_read_cb (KioskFilingController *self, IdcardTransport *transport, IdcardCard *card)
{
  if (self->flow == NULL)
    return;
  /* the ID number for registration or login, not a filing */
  if (kiosk_page_card_read (kiosk_flow_get_visible_page (self->flow), card))
    {
      kiosk_visit_set_card (self->visit, card);
      return;
    }
  if (!accepts_new_card (self))
    return;
  /* it may still lie on the reader when the person goes on to register */
  kiosk_visit_set_card (self->visit, card);
  kiosk_flow_go_to (self->flow, KIOSK_PAGE_CARD, "card", card, NULL);
}

static void
reader_error_cb (KioskFilingController *self, IdcardTransport *transport, GError *error)
{
  g_message ("the card reader reported a problem: %s", error->message);
  if (self->flow == NULL || kiosk_flow_get_visible_page_id (self->flow) != KIOSK_PAGE_READING)
    return;

  /* in a batch, back to the last confirmation; else home, saying why */
  if (kiosk_visit_get_filed (self->visit) > 0)
    kiosk_flow_go_to (self->flow, KIOSK_PAGE_FILED, NULL);
  else
    kiosk_flow_go_to (self->flow, KIOSK_PAGE_ATTRACT, "notice",
                      _ ("The card could not be read. Please place it on the reader again "
                         "and leave it there."),
                      NULL);
}

static void
kiosk_filing_controller_dispose (GObject *object)
{
  KioskFilingController *self = KIOSK_FILING_CONTROLLER (object);

  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_clear_object (&self->reader);
  g_clear_object (&self->visit);
  g_clear_weak_pointer (&self->flow);

  G_OBJECT_CLASS (kiosk_filing_controller_parent_class)->dispose (object);
}

static void
kiosk_filing_controller_class_init (KioskFilingControllerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kiosk_filing_controller_dispose;
}

static void
kiosk_filing_controller_init (KioskFilingController *self)
{
}

/**
 * kiosk_filing_controller_new:
 * @flow: the flow to move
 * @reader: the card reader service
 * @visit: the visit the flow's pages share
 */
KioskFilingController *
kiosk_filing_controller_new (KioskFlow *flow, IdcardReader *reader, KioskVisit *visit)
{
  KioskFilingController *self;

  g_return_val_if_fail (KIOSK_IS_FLOW (flow), NULL);
  g_return_val_if_fail (IDCARD_IS_READER (reader), NULL);
  g_return_val_if_fail (KIOSK_IS_VISIT (visit), NULL);

  self = g_object_new (KIOSK_TYPE_FILING_CONTROLLER, NULL);
  g_set_weak_pointer (&self->flow, flow);
  self->reader = g_object_ref (reader);
  self->visit = g_object_ref (visit);

  g_signal_connect_swapped (reader, "card-found", G_CALLBACK (card_found_cb), self);
  g_signal_connect_swapped (reader, "card-read", G_CALLBACK (card_read_cb), self);
  g_signal_connect_swapped (reader, "error", G_CALLBACK (reader_error_cb), self);
  return self;
}
