/* kiosk-filing-controller.c: from a card on the reader to a filing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listens to the reader and moves the walk-up flow: a card found on the
 * welcome page (or after a filing, for the next card of a batch) shows the
 * reading page at once, the card read shows the card page, a failed read goes
 * back with a notice, and a filing shows the confirmation. Cards placed while
 * someone is on any other page are left alone, except on the registration and
 * login pages, where a card read gives the ID number and starts no filing. It
 * also tells the welcome page whether a reader is connected.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-attract-page.h"
#include "kiosk-card-page.h"
#include "kiosk-filed-page.h"
#include "kiosk-filing-controller.h"
#include "kiosk-sms-page.h"

struct _KioskFilingController
{
  GObject parent_instance;

  KioskFlow *flow; /* weak */
  IdcardReader *reader;
  KioskVisit *visit; /* the card last read for a filing, how many were filed in a row */
};

G_DEFINE_FINAL_TYPE (KioskFilingController, kiosk_filing_controller, G_TYPE_OBJECT)

static gboolean
visible_is (KioskFilingController *self, const char *name)
{
  return self->flow != NULL && g_strcmp0 (kiosk_flow_get_visible_page_name (self->flow), name) == 0;
}

/* where a new card may start a filing */
static gboolean
accepts_new_card (KioskFilingController *self)
{
  return visible_is (self, "attract") || visible_is (self, "filed") || visible_is (self, "reading");
}

static void
card_found_cb (KioskFilingController *self, IdcardTransport *transport)
{
  if (self->flow != NULL && accepts_new_card (self))
    kiosk_flow_go_to (self->flow, "reading");
}

static void
card_read_cb (KioskFilingController *self, IdcardTransport *transport, IdcardCard *card)
{
  KioskPage *card_page;

  if (self->flow != NULL && (visible_is (self, "register") || visible_is (self, "login")))
    {
      /* the ID number for registration or login, not a filing */
      kiosk_sms_page_set_card (KIOSK_SMS_PAGE (kiosk_flow_get_visible_page (self->flow)), card);
      return;
    }
  if (self->flow == NULL || !accepts_new_card (self))
    return;
  /* it may still lie on the reader when the person goes on to register */
  kiosk_visit_set_card (self->visit, card);
  card_page = kiosk_flow_get_page (self->flow, "card");
  kiosk_card_page_set_card (KIOSK_CARD_PAGE (card_page), card, kiosk_visit_get_filed (self->visit));
  kiosk_flow_go_to (self->flow, "card");
}

static void
reader_error_cb (KioskFilingController *self, IdcardTransport *transport, GError *error)
{
  KioskPage *attract;

  g_message ("the card reader reported a problem: %s", error->message);
  if (self->flow == NULL || !visible_is (self, "reading"))
    return;

  attract = kiosk_flow_get_page (self->flow, "attract");
  kiosk_attract_page_show_notice (
      KIOSK_ATTRACT_PAGE (attract),
      _ ("The card could not be read. Please place it on the reader again "
         "and leave it there."));
  kiosk_flow_go_to (self->flow, kiosk_visit_get_filed (self->visit) > 0 ? "filed" : "attract");
}

static void
readers_changed_cb (KioskFilingController *self)
{
  g_autoptr (GPtrArray) readers = idcard_reader_get_transports (self->reader);

  if (self->flow != NULL)
    kiosk_attract_page_set_reader_connected (
        KIOSK_ATTRACT_PAGE (kiosk_flow_get_page (self->flow, "attract")), readers->len > 0);
}

static void
filed_cb (KioskFilingController *self, CoreFiling *filing)
{
  KioskPage *filed_page;

  if (self->flow == NULL)
    return;
  kiosk_visit_add_filed (self->visit);
  filed_page = kiosk_flow_get_page (self->flow, "filed");
  kiosk_filed_page_set_filing (KIOSK_FILED_PAGE (filed_page), filing,
                               kiosk_visit_get_filed (self->visit));
  kiosk_flow_go_to (self->flow, "filed");
}

static void
visible_page_changed_cb (KioskFilingController *self)
{
  IdcardCard *card = kiosk_visit_get_card (self->visit);

  /* Register or Log in right after filing: the card is still on the reader
   * (a batch ends, and the card is forgotten, when the visit ends at home) */
  if (card != NULL && (visible_is (self, "register") || visible_is (self, "login")))
    kiosk_sms_page_set_card (KIOSK_SMS_PAGE (kiosk_flow_get_visible_page (self->flow)), card);
  if (!visible_is (self, "filed") && !visible_is (self, "reading") && !visible_is (self, "card"))
    kiosk_visit_set_card (self->visit, NULL);
}

static void
kiosk_filing_controller_dispose (GObject *object)
{
  KioskFilingController *self = KIOSK_FILING_CONTROLLER (object);

  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_clear_object (&self->reader);
  g_clear_object (&self->visit);
  if (self->flow != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->flow, self);
      g_signal_handlers_disconnect_by_data (kiosk_flow_get_page (self->flow, "card"), self);
    }
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
 * @flow: a flow with the "attract", "reading", "card" and "filed" pages
 * @reader: the card reader service
 * @visit: the visit the flow's pages share
 */
KioskFilingController *
kiosk_filing_controller_new (KioskFlow *flow, IdcardReader *reader, KioskVisit *visit)
{
  KioskFilingController *self;

  g_return_val_if_fail (KIOSK_IS_FLOW (flow), NULL);
  g_return_val_if_fail (IDCARD_IS_READER (reader), NULL);

  self = g_object_new (KIOSK_TYPE_FILING_CONTROLLER, NULL);
  g_set_weak_pointer (&self->flow, flow);
  self->reader = g_object_ref (reader);
  self->visit = g_object_ref (visit);

  g_signal_connect_swapped (reader, "card-found", G_CALLBACK (card_found_cb), self);
  g_signal_connect_swapped (reader, "card-read", G_CALLBACK (card_read_cb), self);
  g_signal_connect_swapped (reader, "error", G_CALLBACK (reader_error_cb), self);
  g_signal_connect_swapped (reader, "reader-added", G_CALLBACK (readers_changed_cb), self);
  g_signal_connect_swapped (reader, "reader-removed", G_CALLBACK (readers_changed_cb), self);
  g_signal_connect_swapped (kiosk_flow_get_page (flow, "card"), "filed", G_CALLBACK (filed_cb),
                            self);
  g_signal_connect_swapped (flow, "notify::visible-page-name", G_CALLBACK (visible_page_changed_cb),
                            self);
  readers_changed_cb (self);
  return self;
}
