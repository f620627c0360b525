/* test-idcard-reader.c: IdcardReader over emulated readers: events, faults, hotplug
 *
 * The emulated transport runs the same protocol code as real readers; these tests are
 * the fast tier, tests/device runs the libusb path under umockdev.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-emulated-transport.h"
#include "idcard-reader.h"
#include "reader-events.h"

/* only a guard against hanging forever, never a timing assertion */
#define GUARD_SECONDS 20

typedef struct
{
  IdcardReader *reader;
  IdcardEmulatedTransport *emulated;
  ReaderEvents *events;
} Fixture;

static IdcardReader *
make_reader (void)
{
  IdcardReader *reader = idcard_reader_new (FALSE);

  idcard_reader_set_poll_interval (reader, 2);
  idcard_reader_set_command_timeout (reader, 200);
  idcard_reader_set_read_timeout (reader, 300);
  idcard_reader_set_rescan_interval (reader, 10);
  return reader;
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->reader = make_reader ();
  fx->events = reader_events_new (fx->reader, TRUE, GUARD_SECONDS);
  fx->emulated = idcard_emulated_transport_new ();
  idcard_reader_add_transport (fx->reader, IDCARD_TRANSPORT (fx->emulated));
  g_assert_true (idcard_reader_start (fx->reader, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->reader);
  g_clear_object (&fx->emulated);
  reader_events_free (fx->events);
}

static void
place (IdcardEmulatedTransport *emulated, const char *card_file)
{
  g_autoptr (GError) error = NULL;
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", card_file, NULL);

  g_assert_true (idcard_emulated_transport_place_card_file (emulated, path, &error));
  g_assert_no_error (error);
}

static void
test_full_read (Fixture *fx, gconstpointer data)
{
  ReaderEvent *added, *read;
  IdcardCard *card;

  added = reader_events_wait_for (fx->events, "reader-added");
  g_assert_true (added->transport == IDCARD_TRANSPORT (fx->emulated));
  g_assert_cmpstr (idcard_transport_get_sam_id (added->transport), ==,
                   "05.01-20224856-0000000010-0000012345");
  g_assert_cmpstr (idcard_transport_get_kind (added->transport), ==, "emulated");

  place (fx->emulated, "resident-chen-jianguo.json");
  read = reader_events_wait_for (fx->events, "card-read");
  card = read->card;
  g_assert_cmpint (idcard_card_get_card_type (card), ==, IDCARD_CARD_RESIDENT);
  g_assert_cmpstr (idcard_card_get_name (card), ==, "陈建国");
  g_assert_cmpint (idcard_card_get_sex (card), ==, IDCARD_SEX_MALE);
  g_assert_cmpstr (idcard_card_get_nation (card), ==, "汉");
  g_assert_cmpstr (idcard_card_get_birth_date (card), ==, "1985-07-09");
  g_assert_cmpstr (idcard_card_get_address (card), ==,
                   "广东省深圳市南山区粤海街道科技园南区高新南七道十八号院三栋二单元901");
  g_assert_cmpstr (idcard_card_get_id_number (card), ==, "440305198507091236");
  g_assert_cmpstr (idcard_card_get_issuer (card), ==, "深圳市公安局南山分局");
  g_assert_cmpstr (idcard_card_get_valid_from (card), ==, "2015-08-01");
  g_assert_cmpstr (idcard_card_get_valid_until (card), ==, "2035-08-01");
  g_assert_cmpstr (idcard_card_get_sam_id (card), ==, "05.01-20224856-0000000010-0000012345");
  g_assert_cmpuint (g_bytes_get_size (idcard_card_get_photo_wlt (card)), ==, 1024);
  g_assert_null (idcard_card_get_photo_rgb (card));

  {
    g_autoptr (GPtrArray) present = idcard_reader_get_transports (fx->reader);
    g_assert_cmpuint (present->len, ==, 1);
  }
}

static void
test_reported_once (Fixture *fx, gconstpointer data)
{
  /* a placement is announced before it is read, so a kiosk can show it is reading */
  static const char expected[] =
      "reader-added card-found card-read card-removed card-found card-read";

  reader_events_wait_for (fx->events, "reader-added");
  place (fx->emulated, "resident-wang-xiuying.json");
  g_assert_true (idcard_card_is_long_term (reader_events_wait_for (fx->events, "card-read")->card));
  /* the card stays: many polls, no second report */
  reader_events_wait_commands (fx->events, fx->emulated, 30);
  g_assert_cmpuint (reader_events_count (fx->events, "card-read"), ==, 1);
  g_assert_cmpuint (idcard_emulated_transport_get_read_count (fx->emulated), ==, 1);

  idcard_emulated_transport_lift_card (fx->emulated);
  reader_events_wait_for (fx->events, "card-removed");
  place (fx->emulated, "resident-wang-xiuying.json");
  reader_events_wait_for (fx->events, "card-read");
  reader_events_assert_sequence (fx->events, expected);
}

static void
test_no_card (Fixture *fx, gconstpointer data)
{
  static const char expected[] = "reader-added";

  reader_events_wait_for (fx->events, "reader-added");
  reader_events_wait_commands (fx->events, fx->emulated, 30);
  reader_events_assert_sequence (fx->events, expected);
}

static void
test_bad_checksum (Fixture *fx, gconstpointer data)
{
  static const char expected[] = "reader-added card-found error card-found card-read";
  ReaderEvent *error;

  reader_events_wait_for (fx->events, "reader-added");
  idcard_emulated_transport_inject_fault (fx->emulated, IDCARD_EMULATED_FAULT_BAD_CHECKSUM);
  place (fx->emulated, "hmt-chen-jiaxin.json");
  error = reader_events_wait_for (fx->events, "error");
  g_assert_error (error->error, IDCARD_ERROR, IDCARD_ERROR_CHECKSUM);
  /* like a real SAM, the model will not find that card again until it is put back */
  idcard_emulated_transport_lift_card (fx->emulated);
  place (fx->emulated, "hmt-chen-jiaxin.json");
  g_assert_cmpstr (
      idcard_card_get_pass_number (reader_events_wait_for (fx->events, "card-read")->card), ==,
      "H60231457");
  reader_events_assert_sequence (fx->events, expected);
}

static void
test_timeout (Fixture *fx, gconstpointer data)
{
  static const char expected[] = "reader-added card-found error card-found card-read";
  ReaderEvent *error;

  reader_events_wait_for (fx->events, "reader-added");
  idcard_emulated_transport_inject_fault (fx->emulated, IDCARD_EMULATED_FAULT_TIMEOUT);
  place (fx->emulated, "foreign-2017-miller.json");
  error = reader_events_wait_for (fx->events, "error");
  g_assert_error (error->error, IDCARD_ERROR, IDCARD_ERROR_TIMEOUT);
  /* the card is still there and was never read: the next poll reads it */
  g_assert_cmpstr (idcard_card_get_name_en (reader_events_wait_for (fx->events, "card-read")->card),
                   ==, "MILLER, SARAH ELIZABETH");
  reader_events_assert_sequence (fx->events, expected);
}

static void
test_lifted_mid_read (Fixture *fx, gconstpointer data)
{
  static const char expected[] = "reader-added card-found error card-found card-read";
  ReaderEvent *error;

  reader_events_wait_for (fx->events, "reader-added");
  idcard_emulated_transport_inject_fault (fx->emulated, IDCARD_EMULATED_FAULT_CARD_REMOVED);
  place (fx->emulated, "foreign-2023-schneider.json");
  error = reader_events_wait_for (fx->events, "error");
  g_assert_error (error->error, IDCARD_ERROR, IDCARD_ERROR_READ_FAILED);
  reader_events_wait_commands (fx->events, fx->emulated, 10);
  g_assert_cmpuint (reader_events_count (fx->events, "card-read"), ==, 0);
  place (fx->emulated, "foreign-2023-schneider.json");
  g_assert_cmpstr (idcard_card_get_name_en (reader_events_wait_for (fx->events, "card-read")->card),
                   ==, "SCHNEIDER, JONAS MAXIMILIAN FRIEDRICH WILHELM");
  reader_events_assert_sequence (fx->events, expected);
}

static void
test_unplug_replug (Fixture *fx, gconstpointer data)
{
  static const char expected[] =
      "reader-added card-found error reader-removed reader-added card-found card-read";
  ReaderEvent *error;

  reader_events_wait_for (fx->events, "reader-added");
  idcard_emulated_transport_inject_fault (fx->emulated, IDCARD_EMULATED_FAULT_UNPLUG);
  place (fx->emulated, "resident-ayigul.json");
  error = reader_events_wait_for (fx->events, "error");
  g_assert_error (error->error, IDCARD_ERROR, IDCARD_ERROR_NO_DEVICE);
  reader_events_wait_for (fx->events, "reader-removed");
  {
    g_autoptr (GPtrArray) present = idcard_reader_get_transports (fx->reader);
    g_assert_cmpuint (present->len, ==, 0);
  }
  idcard_emulated_transport_replug (fx->emulated);
  reader_events_wait_for (fx->events, "reader-added");
  g_assert_cmpstr (idcard_card_get_name (reader_events_wait_for (fx->events, "card-read")->card),
                   ==, "阿依古丽·买买提");
  reader_events_assert_sequence (fx->events, expected);
}

static void
test_two_readers (Fixture *fx, gconstpointer data)
{
  g_autoptr (IdcardEmulatedTransport) second = idcard_emulated_transport_new ();
  gboolean seen_first = FALSE, seen_second = FALSE;

  idcard_reader_add_transport (fx->reader, IDCARD_TRANSPORT (second));
  reader_events_wait_for (fx->events, "reader-added");
  reader_events_wait_for (fx->events, "reader-added");
  place (fx->emulated, "resident-zhou-haitao.json");
  place (second, "foreign-2023-schneider.json");
  reader_events_wait_for (fx->events, "card-read");
  reader_events_wait_for (fx->events, "card-read");
  for (guint i = 0; i < reader_events_get_n (fx->events); i++)
    {
      ReaderEvent *event = reader_events_get (fx->events, i);

      if (!g_str_equal (event->name, "card-read"))
        continue;
      if (event->transport == IDCARD_TRANSPORT (fx->emulated))
        {
          g_assert_cmpstr (idcard_card_get_id_number (event->card), ==, "320583196611023018");
          /* read with 30 03 after the text */
          g_assert_cmpstr (idcard_card_get_new_address (event->card), ==,
                           "江苏省苏州市姑苏区人民路一千二百零八号");
          seen_first = TRUE;
        }
      else
        {
          g_assert_true (event->transport == IDCARD_TRANSPORT (second));
          g_assert_cmpstr (idcard_card_get_id_number (event->card), ==, "944276197909250057");
          g_assert_null (idcard_card_get_new_address (event->card));
          seen_second = TRUE;
        }
    }
  g_assert_true (seen_first && seen_second);
}

static void
test_dispose_stops (Fixture *fx, gconstpointer data)
{
  guint n_events;
  guint commands;

  reader_events_wait_for (fx->events, "reader-added");
  place (fx->emulated, "resident-chen-jianguo.json");
  reader_events_wait_for (fx->events, "card-read");
  g_object_add_weak_pointer (G_OBJECT (fx->reader), (gpointer *) &fx->reader);
  g_object_unref (fx->reader);
  g_assert_null (fx->reader);

  /* the worker is gone: nothing talks to the reader any more, nothing is delivered */
  commands = idcard_emulated_transport_get_command_count (fx->emulated);
  n_events = reader_events_get_n (fx->events);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (reader_events_get_n (fx->events), ==, n_events);
  g_assert_cmpuint (idcard_emulated_transport_get_command_count (fx->emulated), ==, commands);
}

static void
test_dispose_during_read (Fixture *fx, gconstpointer data)
{
  /* a read that would take ten minutes; disposing must not wait for it */
  idcard_reader_set_read_timeout (fx->reader, 60000);
  idcard_emulated_transport_set_timing (fx->emulated, 0, 600000);
  reader_events_wait_for (fx->events, "reader-added");
  place (fx->emulated, "resident-chen-jianguo.json");
  reader_events_wait_for (fx->events, "card-found");
  while (idcard_emulated_transport_get_read_count (fx->emulated) == 0)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&fx->reader);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* found, but never read: no card-read arrives after the reader is gone */
  reader_events_assert_sequence (fx->events, "reader-added card-found");
}

static void
test_demo_cards (void)
{
  const char *dir = g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint counts[4] = { 0 };
  gboolean long_term = FALSE, long_address = FALSE;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (IdcardCard) card = NULL;
      IdcardCardType type;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      card = idcard_card_new_from_file (path, &error);
      g_assert_no_error (error);
      type = idcard_card_get_card_type (card);
      counts[type]++;
      g_assert_true (idcard_document_number_check (idcard_card_type_get_document_type (type),
                                                   idcard_card_get_id_number (card), &error));
      g_assert_no_error (error);
      if (idcard_card_is_long_term (card))
        long_term = TRUE;
      if (idcard_card_get_address (card) != NULL &&
          g_utf8_strlen (idcard_card_get_address (card), -1) == 35)
        long_address = TRUE;
    }
  g_assert_cmpuint (counts[IDCARD_CARD_RESIDENT], >=, 3);
  g_assert_cmpuint (counts[IDCARD_CARD_HMT_RESIDENCE], ==, 1);
  g_assert_cmpuint (counts[IDCARD_CARD_FOREIGN_2017], ==, 1);
  g_assert_cmpuint (counts[IDCARD_CARD_FOREIGN_2023], ==, 1);
  g_assert_true (long_term);
  g_assert_true (long_address);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn)                                                                              \
  g_test_add ("/idcard/reader/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("full-read", test_full_read);
  ADD ("reported-once", test_reported_once);
  ADD ("no-card", test_no_card);
  ADD ("bad-checksum", test_bad_checksum);
  ADD ("timeout", test_timeout);
  ADD ("lifted-mid-read", test_lifted_mid_read);
  ADD ("unplug-replug", test_unplug_replug);
  ADD ("two-readers", test_two_readers);
  ADD ("dispose-stops", test_dispose_stops);
  ADD ("dispose-during-read", test_dispose_during_read);
#undef ADD
  g_test_add_func ("/idcard/reader/demo-cards", test_demo_cards);

  return g_test_run ();
}
