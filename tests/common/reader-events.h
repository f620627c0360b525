/* reader-events.h: what an IdcardReader announced, in order, for tests to wait on
 *
 * A recorder connects to a reader's signals and keeps every event. Tests wait
 * for the next event of a name, count them, or compare the whole sequence.
 * Waiting spins the default main context, where the reader delivers; a guard
 * ends a test that would otherwise hang (never a timing assertion).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "idcard-emulated-transport.h"
#include "idcard-reader.h"

G_BEGIN_DECLS

typedef struct
{
  char *name; /* the signal's name: "reader-added", "card-read", … */
  IdcardTransport *transport;
  IdcardCard *card;
  GError *error;
} ReaderEvent;

typedef struct _ReaderEvents ReaderEvents;

/* Records @reader's signals (not "card-found" unless @with_card_found); a wait
 * longer than @guard_seconds ends the test with the events seen so far. The
 * recorder holds no reference on @reader. */
ReaderEvents *
reader_events_new (IdcardReader *reader, gboolean with_card_found, guint guard_seconds);
void reader_events_free (ReaderEvents *events);

ReaderEvent *reader_events_wait_for (ReaderEvents *events, const char *name);
guint reader_events_count (ReaderEvents *events, const char *name);
guint reader_events_get_n (ReaderEvents *events);
ReaderEvent *reader_events_get (ReaderEvents *events, guint index);
typedef gboolean (*ReaderEventsCondition) (gpointer data);
void
reader_events_wait_until (ReaderEvents *events, ReaderEventsCondition condition, gpointer data);
void reader_events_wait_commands (ReaderEvents *events, IdcardEmulatedTransport *emulated, guint n);
void reader_events_assert_sequence (ReaderEvents *events, const char *expected);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReaderEvents, reader_events_free)

G_END_DECLS
