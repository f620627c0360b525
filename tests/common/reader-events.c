/* reader-events.c: what an IdcardReader announced, in order, for tests to wait on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "reader-events.h"

struct _ReaderEvents
{
  IdcardReader *reader; /* weak: a test may dispose of the reader first */
  GPtrArray *events;
  guint cursor; /* events before it were awaited already */
  guint guard_seconds;
};

static void
reader_event_free (ReaderEvent *event)
{
  g_free (event->name);
  g_clear_object (&event->transport);
  g_clear_object (&event->card);
  g_clear_error (&event->error);
  g_free (event);
}

static void
record (ReaderEvents *events,
        const char *name,
        IdcardTransport *transport,
        IdcardCard *card,
        GError *error)
{
  ReaderEvent *event = g_new0 (ReaderEvent, 1);

  event->name = g_strdup (name);
  event->transport = transport != NULL ? g_object_ref (transport) : NULL;
  event->card = card != NULL ? g_object_ref (card) : NULL;
  event->error = error != NULL ? g_error_copy (error) : NULL;
  g_ptr_array_add (events->events, event);
}

static void
reader_added_cb (IdcardReader *reader, IdcardTransport *transport, ReaderEvents *events)
{
  record (events, "reader-added", transport, NULL, NULL);
}

static void
reader_removed_cb (IdcardReader *reader, IdcardTransport *transport, ReaderEvents *events)
{
  record (events, "reader-removed", transport, NULL, NULL);
}

static void
card_found_cb (IdcardReader *reader, IdcardTransport *transport, ReaderEvents *events)
{
  record (events, "card-found", transport, NULL, NULL);
}

static void
card_read_cb (IdcardReader *reader,
              IdcardTransport *transport,
              IdcardCard *card,
              ReaderEvents *events)
{
  record (events, "card-read", transport, card, NULL);
}

static void
card_removed_cb (IdcardReader *reader, IdcardTransport *transport, ReaderEvents *events)
{
  record (events, "card-removed", transport, NULL, NULL);
}

static void
error_cb (IdcardReader *reader, IdcardTransport *transport, GError *error, ReaderEvents *events)
{
  record (events, "error", transport, NULL, error);
}

ReaderEvents *
reader_events_new (IdcardReader *reader, gboolean with_card_found, guint guard_seconds)
{
  ReaderEvents *events = g_new0 (ReaderEvents, 1);

  events->events = g_ptr_array_new_with_free_func ((GDestroyNotify) reader_event_free);
  events->guard_seconds = guard_seconds;
  events->reader = reader;
  g_object_add_weak_pointer (G_OBJECT (reader), (gpointer *) &events->reader);
  g_signal_connect (reader, "reader-added", G_CALLBACK (reader_added_cb), events);
  g_signal_connect (reader, "reader-removed", G_CALLBACK (reader_removed_cb), events);
  if (with_card_found)
    g_signal_connect (reader, "card-found", G_CALLBACK (card_found_cb), events);
  g_signal_connect (reader, "card-read", G_CALLBACK (card_read_cb), events);
  g_signal_connect (reader, "card-removed", G_CALLBACK (card_removed_cb), events);
  g_signal_connect (reader, "error", G_CALLBACK (error_cb), events);
  return events;
}

void
reader_events_free (ReaderEvents *events)
{
  if (events->reader != NULL)
    {
      g_signal_handlers_disconnect_by_data (events->reader, events);
      g_object_remove_weak_pointer (G_OBJECT (events->reader), (gpointer *) &events->reader);
    }
  g_ptr_array_unref (events->events);
  g_free (events);
}

static gboolean
guard_cb (gpointer data)
{
  ReaderEvents *events = data;

  for (guint i = 0; i < events->events->len; i++)
    {
      ReaderEvent *event = g_ptr_array_index (events->events, i);

      g_printerr ("event %u: %s %s\n", i, event->name,
                  event->error != NULL ? event->error->message : "");
    }
  g_error ("the awaited event did not come within %u s", events->guard_seconds);
  return G_SOURCE_REMOVE;
}

/* Spins the main context until an event called @name arrives after the one
 * awaited last; returns it. Events in between stay for the sequence. */
ReaderEvent *
reader_events_wait_for (ReaderEvents *events, const char *name)
{
  guint guard = g_timeout_add_seconds (events->guard_seconds, guard_cb, events);

  for (;;)
    {
      for (guint i = events->cursor; i < events->events->len; i++)
        {
          ReaderEvent *event = g_ptr_array_index (events->events, i);

          if (g_str_equal (event->name, name))
            {
              events->cursor = i + 1;
              g_source_remove (guard);
              return event;
            }
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

guint
reader_events_count (ReaderEvents *events, const char *name)
{
  guint n = 0;

  for (guint i = 0; i < events->events->len; i++)
    {
      ReaderEvent *event = g_ptr_array_index (events->events, i);

      if (g_str_equal (event->name, name))
        n++;
    }
  return n;
}

guint
reader_events_get_n (ReaderEvents *events)
{
  return events->events->len;
}

ReaderEvent *
reader_events_get (ReaderEvents *events, guint index)
{
  g_assert_cmpuint (index, <, events->events->len);
  return g_ptr_array_index (events->events, index);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the main context until @condition holds, delivering events meanwhile,
 * then delivers whatever was queued up to then. */
void
reader_events_wait_until (ReaderEvents *events, ReaderEventsCondition condition, gpointer data)
{
  guint guard = g_timeout_add_seconds (events->guard_seconds, guard_cb, events);
  /* what the condition looks at moves on the reader's worker: wake up to look */
  guint tick = g_timeout_add (1, tick_cb, NULL);

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (tick);
  g_source_remove (guard);
}

typedef struct
{
  IdcardEmulatedTransport *emulated;
  guint target;
} CommandCount;

static gboolean
command_count_reached (gpointer data)
{
  CommandCount *count = data;

  return idcard_emulated_transport_get_command_count (count->emulated) >= count->target;
}

/* Lets the reader's worker answer at least @n more requests of @emulated. */
void
reader_events_wait_commands (ReaderEvents *events, IdcardEmulatedTransport *emulated, guint n)
{
  CommandCount count = { emulated, idcard_emulated_transport_get_command_count (emulated) + n };

  reader_events_wait_until (events, command_count_reached, &count);
}

/* @expected: the names of every event so far, separated by spaces */
void
reader_events_assert_sequence (ReaderEvents *events, const char *expected)
{
  g_autoptr (GString) got = g_string_new (NULL);

  for (guint i = 0; i < events->events->len; i++)
    {
      ReaderEvent *event = g_ptr_array_index (events->events, i);

      g_string_append_printf (got, "%s%s", i > 0 ? " " : "", event->name);
    }
  g_assert_cmpstr (got->str, ==, expected);
}
