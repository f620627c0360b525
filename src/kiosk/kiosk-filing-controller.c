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
 *
 * It also knows which card lies on the reader. One placed while a page
 * that takes no card was showing is read when a page that takes one opens
 * (the welcome page files it, registration and login take its number),
 * since the reader reports a card only once per placement. One the visit
 * used that is still there when the visit ends (filed, cancelled, reset)
 * raises :reminding until it is lifted: the window asks for it to be taken.
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

  IdcardTransport *holder; /* the reader the card lies on */
  IdcardCard *present;     /* that card, until it is lifted */
  gboolean used;           /* a page took it */
  gboolean reminding;
  guint deliver_source;
};

G_DEFINE_FINAL_TYPE (KioskFilingController, kiosk_filing_controller, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_REMINDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_reminding (KioskFilingController *self, gboolean reminding)
{
  if (self->reminding == reminding)
    return;
  self->reminding = reminding;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMINDING]);
}

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

/* Gives the card to the visible page if it takes one. */
static void
deliver (KioskFilingController *self, IdcardCard *card)
{
  if (self->flow == NULL)
    return;
  /* the ID number for registration or login, not a filing */
  if (kiosk_page_card_read (kiosk_flow_get_visible_page (self->flow), card))
    {
      self->used = TRUE;
      kiosk_visit_set_card (self->visit, card);
      return;
    }
  if (!accepts_new_card (self))
    return;
  /* it may still lie on the reader when the person goes on to register */
  self->used = TRUE;
  kiosk_visit_set_card (self->visit, card);
  kiosk_flow_go_to (self->flow, KIOSK_PAGE_CARD, "card", card, NULL);
}

static void
card_read_cb (KioskFilingController *self, IdcardTransport *transport, IdcardCard *card)
{
  g_set_object (&self->holder, transport);
  g_set_object (&self->present, card);
  self->used = FALSE;
  deliver (self, card);
}

static void
card_removed_cb (KioskFilingController *self, IdcardTransport *transport)
{
  if (transport != self->holder)
    return;
  g_clear_object (&self->holder);
  g_clear_object (&self->present);
  self->used = FALSE;
  set_reminding (self, FALSE);
}

/* A visit ends on the welcome page, and a filing on its confirmation: a
 * card the visit used and left behind is asked for; a card nobody took yet
 * is read by the page that now shows, if it takes cards. */
static gboolean
deliver_present_cb (gpointer user_data)
{
  KioskFilingController *self = user_data;

  self->deliver_source = 0;
  if (self->present != NULL && !self->used)
    deliver (self, self->present);
  return G_SOURCE_REMOVE;
}

static void
visible_page_cb (KioskFilingController *self)
{
  KioskPageId visible;

  if (self->flow == NULL || self->present == NULL)
    return;
  visible = kiosk_flow_get_visible_page_id (self->flow);
  if (self->used)
    {
      if (visible == KIOSK_PAGE_ATTRACT || visible == KIOSK_PAGE_FILED)
        set_reminding (self, TRUE);
      return;
    }
  /* not from inside the flow's own page change */
  if (self->deliver_source == 0)
    self->deliver_source = g_idle_add (deliver_present_cb, self);
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
reader_removed_cb (KioskFilingController *self, IdcardTransport *transport)
{
  /* an unplugged reader holds no card */
  card_removed_cb (self, transport);
}

static void
kiosk_filing_controller_dispose (GObject *object)
{
  KioskFilingController *self = KIOSK_FILING_CONTROLLER (object);

  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);
  g_clear_object (&self->reader);
  g_clear_object (&self->visit);
  g_clear_object (&self->holder);
  g_clear_object (&self->present);
  g_clear_handle_id (&self->deliver_source, g_source_remove);
  g_clear_weak_pointer (&self->flow);

  G_OBJECT_CLASS (kiosk_filing_controller_parent_class)->dispose (object);
}

static void
kiosk_filing_controller_get_property (GObject *object,
                                      guint prop_id,
                                      GValue *value,
                                      GParamSpec *pspec)
{
  KioskFilingController *self = KIOSK_FILING_CONTROLLER (object);

  switch (prop_id)
    {
      case PROP_REMINDING:
        g_value_set_boolean (value, self->reminding);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_filing_controller_class_init (KioskFilingControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_filing_controller_dispose;
  object_class->get_property = kiosk_filing_controller_get_property;

  /**
   * KioskFilingController:reminding:
   *
   * A card the visit used is still on the reader after the visit or the
   * filing ended: the person must be asked to take it.
   */
  properties[PROP_REMINDING] =
      g_param_spec_boolean ("reminding", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
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
  self->reader = g_object_ref (reader);
  self->visit = g_object_ref (visit);
  kiosk_filing_controller_set_flow (self, flow);

  g_signal_connect_swapped (reader, "card-found", G_CALLBACK (card_found_cb), self);
  g_signal_connect_swapped (reader, "card-read", G_CALLBACK (card_read_cb), self);
  g_signal_connect_swapped (reader, "card-removed", G_CALLBACK (card_removed_cb), self);
  g_signal_connect_swapped (reader, "reader-removed", G_CALLBACK (reader_removed_cb), self);
  g_signal_connect_swapped (reader, "error", G_CALLBACK (reader_error_cb), self);
  return self;
}

/**
 * kiosk_filing_controller_set_flow:
 *
 * Moves @flow from now on, e.g. the flow built anew after a language
 * switch; what lies on the reader is still known.
 */
void
kiosk_filing_controller_set_flow (KioskFilingController *self, KioskFlow *flow)
{
  g_return_if_fail (KIOSK_IS_FILING_CONTROLLER (self));
  g_return_if_fail (KIOSK_IS_FLOW (flow));

  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);
  g_set_weak_pointer (&self->flow, flow);
  g_signal_connect_swapped (flow, "notify::visible-page", G_CALLBACK (visible_page_cb), self);
}

gboolean
kiosk_filing_controller_get_reminding (KioskFilingController *self)
{
  g_return_val_if_fail (KIOSK_IS_FILING_CONTROLLER (self), FALSE);
  return self->reminding;
}
