/* test-idcard-device.c: IdcardReader over the real libusb code path under umockdev, and
 * over a serial line on a pty
 *
 * Every test builds a testbed with emulated readers (reader-model.c), starts an
 * IdcardReader that finds them through libusb like real hardware, and checks the events
 * it delivers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include "idcard-reader.h"
#include "idcard-serial-transport.h"
#include "idcard-usb-bulk-transport.h"
#include "idcard-usb-hid-transport.h"
#include "reader-events.h"
#include "reader-model.h"

#define GUARD_SECONDS 30

typedef struct
{
  UMockdevTestbed *testbed;
  IdcardReader *reader;
  ReaderEvents *events;
  GPtrArray *models; /* freed only after the reader, whose threads use them */
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  gboolean scan_usb = GPOINTER_TO_INT (data) == 0;

  fx->testbed = umockdev_testbed_new ();
  fx->models = g_ptr_array_new ();
  fx->reader = idcard_reader_new (scan_usb);
  idcard_reader_set_poll_interval (fx->reader, 5);
  idcard_reader_set_command_timeout (fx->reader, 300);
  idcard_reader_set_read_timeout (fx->reader, 400);
  idcard_reader_set_rescan_interval (fx->reader, 50);
  fx->events = reader_events_new (fx->reader, FALSE, GUARD_SECONDS);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  reader_events_free (fx->events);
  g_clear_object (&fx->reader);
  /* drop every last transport, so that the libusb context (and its udev monitor, which is
   * bound to this testbed) is gone before the next test builds its own */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (guint i = 0; i < fx->models->len; i++)
    {
      gpointer model = g_ptr_array_index (fx->models, i);

      if (g_object_get_data (G_OBJECT (fx->testbed), "serial") == model)
        serial_model_free (model);
      else
        reader_model_free (model);
    }
  g_ptr_array_unref (fx->models);
  g_clear_object (&fx->testbed);
}

static ReaderModel *
add_model (Fixture *fx, ReaderModelKind kind, guint devnum, IdcardEmulatedTransport *sam)
{
  ReaderModel *model = reader_model_new (fx->testbed, kind, devnum, sam);

  g_ptr_array_add (fx->models, model);
  return model;
}

static void
start (Fixture *fx)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (idcard_reader_start (fx->reader, &error));
  g_assert_no_error (error);
}

static IdcardEmulatedTransport *
sam_with_card (const char *card_file)
{
  IdcardEmulatedTransport *sam = idcard_emulated_transport_new ();
  g_autoptr (GError) error = NULL;

  if (card_file != NULL)
    {
      const char *path =
          g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", card_file, NULL);

      g_assert_true (idcard_emulated_transport_place_card_file (sam, path, &error));
      g_assert_no_error (error);
    }
  return sam;
}

static void
assert_chen_jianguo (IdcardCard *card)
{
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
  for (gsize i = 0; i < 1024; i++)
    g_assert_cmpuint (
        ((const guint8 *) g_bytes_get_data (idcard_card_get_photo_wlt (card), NULL))[i], ==,
        (guint8) (i * 7 + 3));
}

static void
full_read (Fixture *fx, ReaderModelKind kind, const char *kind_name, guint16 vid, guint16 pid)
{
  g_autoptr (IdcardEmulatedTransport) sam = sam_with_card ("resident-chen-jianguo.json");
  ReaderEvent *added;

  add_model (fx, kind, 5, sam);
  start (fx);
  added = reader_events_wait_for (fx->events, "reader-added");
  g_assert_cmpstr (idcard_transport_get_kind (added->transport), ==, kind_name);
  g_assert_cmpuint (idcard_transport_get_vendor_id (added->transport), ==, vid);
  g_assert_cmpuint (idcard_transport_get_product_id (added->transport), ==, pid);
  g_assert_cmpstr (idcard_transport_get_location (added->transport), ==, "usb:1-5");
  assert_chen_jianguo (reader_events_wait_for (fx->events, "card-read")->card);
  if (kind == READER_MODEL_BULK_SINGLE || kind == READER_MODEL_BULK_SPLIT)
    g_assert_cmpint (
        idcard_usb_bulk_transport_get_layout (IDCARD_USB_BULK_TRANSPORT (added->transport)), ==,
        kind == READER_MODEL_BULK_SPLIT ? IDCARD_USB_BULK_LAYOUT_SPLIT
                                        : IDCARD_USB_BULK_LAYOUT_SINGLE);
  else
    g_assert_cmpint (
        idcard_usb_hid_transport_is_wrapped (IDCARD_USB_HID_TRANSPORT (added->transport)), ==,
        kind == READER_MODEL_HID_WRAPPED);

  /* the card stays: it is not reported again; lifting it is */
  reader_events_wait_commands (fx->events, sam, 10);
  idcard_emulated_transport_lift_card (sam);
  reader_events_wait_for (fx->events, "card-removed");
  reader_events_assert_sequence (fx->events, "reader-added card-read card-removed");
}

static void
test_bulk_single (Fixture *fx, gconstpointer data)
{
  full_read (fx, READER_MODEL_BULK_SINGLE, "usb-bulk", 0x0400, 0xC35A);
}

static void
test_bulk_split (Fixture *fx, gconstpointer data)
{
  full_read (fx, READER_MODEL_BULK_SPLIT, "usb-bulk", 0x0400, 0xC35A);
}

static void
test_hid_raw (Fixture *fx, gconstpointer data)
{
  full_read (fx, READER_MODEL_HID_RAW, "usb-hid", 0x2B8B, 0x2721);
}

static void
test_hid_wrapped (Fixture *fx, gconstpointer data)
{
  full_read (fx, READER_MODEL_HID_WRAPPED, "usb-hid", 0x10C4, 0x0007);
}

static void
test_no_card (Fixture *fx, gconstpointer data)
{
  g_autoptr (IdcardEmulatedTransport) sam = sam_with_card (NULL);

  add_model (fx, READER_MODEL_BULK_SPLIT, 5, sam);
  start (fx);
  reader_events_wait_for (fx->events, "reader-added");
  reader_events_wait_commands (fx->events, sam, 20);
  reader_events_assert_sequence (fx->events, "reader-added");
  g_assert_cmpuint (idcard_emulated_transport_get_read_count (sam), ==, 0);
}

static void
test_bad_checksum (Fixture *fx, gconstpointer data)
{
  g_autoptr (IdcardEmulatedTransport) sam = sam_with_card (NULL);
  ReaderEvent *error;

  add_model (fx, READER_MODEL_BULK_SINGLE, 5, sam);
  start (fx);
  reader_events_wait_for (fx->events, "reader-added");
  idcard_emulated_transport_inject_fault (sam, IDCARD_EMULATED_FAULT_BAD_CHECKSUM);
  g_assert_true (idcard_emulated_transport_place_card_file (
      sam,
      g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", "hmt-chen-jiaxin.json", NULL),
      NULL));
  error = reader_events_wait_for (fx->events, "error");
  g_assert_error (error->error, IDCARD_ERROR, IDCARD_ERROR_CHECKSUM);
  idcard_emulated_transport_lift_card (sam);
  g_assert_true (idcard_emulated_transport_place_card_file (
      sam,
      g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", "hmt-chen-jiaxin.json", NULL),
      NULL));
  g_assert_cmpstr (
      idcard_card_get_pass_number (reader_events_wait_for (fx->events, "card-read")->card), ==,
      "H60231457");
  reader_events_assert_sequence (fx->events, "reader-added error card-read");
}

static void
test_timeout (Fixture *fx, gconstpointer data)
{
  g_autoptr (IdcardEmulatedTransport) sam = sam_with_card (NULL);
  ReaderEvent *error;

  add_model (fx, READER_MODEL_BULK_SPLIT, 5, sam);
  start (fx);
  reader_events_wait_for (fx->events, "reader-added");
  idcard_emulated_transport_inject_fault (sam, IDCARD_EMULATED_FAULT_TIMEOUT);
  g_assert_true (idcard_emulated_transport_place_card_file (
      sam,
      g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", "foreign-2017-miller.json",
                           NULL),
      NULL));
  error = reader_events_wait_for (fx->events, "error");
  g_assert_error (error->error, IDCARD_ERROR, IDCARD_ERROR_TIMEOUT);
  /* the unanswered read was discarded; the card is still there and is read next */
  g_assert_cmpstr (
      idcard_card_get_id_number (reader_events_wait_for (fx->events, "card-read")->card), ==,
      "USA310087061201");
  reader_events_assert_sequence (fx->events, "reader-added error card-read");
}

static void
test_lifted_mid_read (Fixture *fx, gconstpointer data)
{
  g_autoptr (IdcardEmulatedTransport) sam = sam_with_card (NULL);
  ReaderEvent *error;

  add_model (fx, READER_MODEL_HID_RAW, 5, sam);
  start (fx);
  reader_events_wait_for (fx->events, "reader-added");
  idcard_emulated_transport_inject_fault (sam, IDCARD_EMULATED_FAULT_CARD_REMOVED);
  g_assert_true (idcard_emulated_transport_place_card_file (
      sam,
      g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", "foreign-2023-schneider.json",
                           NULL),
      NULL));
  error = reader_events_wait_for (fx->events, "error");
  g_assert_error (error->error, IDCARD_ERROR, IDCARD_ERROR_READ_FAILED);
  reader_events_wait_commands (fx->events, sam, 10);
  reader_events_assert_sequence (fx->events, "reader-added error");
}

static void
test_unplug_replug (Fixture *fx, gconstpointer data)
{
  g_autoptr (IdcardEmulatedTransport) sam = sam_with_card (NULL);
  ReaderModel *model = add_model (fx, READER_MODEL_BULK_SINGLE, 5, sam);
  ReaderEvent *error, *added;

  start (fx);
  reader_events_wait_for (fx->events, "reader-added");
  idcard_emulated_transport_inject_fault (sam, IDCARD_EMULATED_FAULT_UNPLUG);
  g_assert_true (idcard_emulated_transport_place_card_file (
      sam,
      g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", "resident-ayigul.json", NULL),
      NULL));
  error = reader_events_wait_for (fx->events, "error");
  g_assert_error (error->error, IDCARD_ERROR, IDCARD_ERROR_NO_DEVICE);
  reader_events_wait_for (fx->events, "reader-removed");
  reader_model_unplug (model);

  /* plugged in again: a new address on the same port */
  idcard_emulated_transport_replug (sam);
  add_model (fx, READER_MODEL_BULK_SINGLE, 6, sam);
  added = reader_events_wait_for (fx->events, "reader-added");
  g_assert_cmpstr (idcard_transport_get_location (added->transport), ==, "usb:1-6");
  g_assert_cmpstr (idcard_card_get_name (reader_events_wait_for (fx->events, "card-read")->card),
                   ==, "阿依古丽·买买提");
  reader_events_assert_sequence (fx->events,
                                 "reader-added error reader-removed reader-added card-read");
}

static void
test_two_readers (Fixture *fx, gconstpointer data)
{
  g_autoptr (IdcardEmulatedTransport) sam1 = sam_with_card ("resident-zhou-haitao.json");
  g_autoptr (IdcardEmulatedTransport) sam2 = sam_with_card ("foreign-2023-schneider.json");
  ReaderEvent *read1, *read2;
  g_autoptr (GPtrArray) present = NULL;

  add_model (fx, READER_MODEL_BULK_SPLIT, 5, sam1);
  add_model (fx, READER_MODEL_HID_WRAPPED, 7, sam2);
  start (fx);
  read1 = reader_events_wait_for (fx->events, "card-read");
  read2 = reader_events_wait_for (fx->events, "card-read");
  if (g_str_equal (idcard_transport_get_kind (read1->transport), "usb-hid"))
    {
      ReaderEvent *swap = read1;
      read1 = read2;
      read2 = swap;
    }
  g_assert_cmpstr (idcard_transport_get_location (read1->transport), ==, "usb:1-5");
  g_assert_cmpstr (idcard_card_get_id_number (read1->card), ==, "320583196611023018");
  g_assert_cmpstr (idcard_card_get_new_address (read1->card), ==,
                   "江苏省苏州市姑苏区人民路一千二百零八号");
  g_assert_cmpstr (idcard_transport_get_location (read2->transport), ==, "usb:1-7");
  g_assert_cmpstr (idcard_card_get_id_number (read2->card), ==, "944276197909250057");
  g_assert_cmpstr (idcard_card_get_name_en (read2->card), ==,
                   "SCHNEIDER, JONAS MAXIMILIAN FRIEDRICH WILHELM");
  present = idcard_reader_get_transports (fx->reader);
  g_assert_cmpuint (present->len, ==, 2);
}

static void
test_dispose_during_read (Fixture *fx, gconstpointer data)
{
  g_autoptr (IdcardEmulatedTransport) sam = sam_with_card (NULL);

  /* the SAM takes ten minutes to answer the read; the reader must still stop at once */
  add_model (fx, READER_MODEL_BULK_SPLIT, 5, sam);
  idcard_emulated_transport_set_timing (sam, 0, 600000);
  idcard_reader_set_read_timeout (fx->reader, 60000);
  start (fx);
  reader_events_wait_for (fx->events, "reader-added");
  g_assert_true (idcard_emulated_transport_place_card_file (
      sam,
      g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", "resident-chen-jianguo.json",
                           NULL),
      NULL));
  while (idcard_emulated_transport_get_read_count (sam) == 0)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&fx->reader);
  reader_events_assert_sequence (fx->events, "reader-added");
}

static gboolean
five_claim_attempts (gpointer model)
{
  return reader_model_get_claim_attempts (model) >= 5;
}

static void
test_busy_reader (Fixture *fx, gconstpointer data)
{
  g_autoptr (IdcardEmulatedTransport) sam = sam_with_card ("resident-chen-jianguo.json");
  ReaderModel *model = add_model (fx, READER_MODEL_HID_RAW, 5, sam);
  ReaderEvent *error;

  /* another program holds the reader: said once, however often it is retried */
  reader_model_set_claim_error (model, EBUSY);
  start (fx);
  error = reader_events_wait_for (fx->events, "error");
  g_assert_error (error->error, IDCARD_ERROR, IDCARD_ERROR_IO);
  g_assert_nonnull (strstr (error->error->message, "claiming"));
  reader_events_wait_until (fx->events, five_claim_attempts, model);
  reader_events_assert_sequence (fx->events, "error");

  /* released: the reader comes up and reads */
  reader_model_set_claim_error (model, 0);
  reader_events_wait_for (fx->events, "reader-added");
  assert_chen_jianguo (reader_events_wait_for (fx->events, "card-read")->card);
  reader_events_assert_sequence (fx->events, "error reader-added card-read");
}

static void
test_serial (Fixture *fx, gconstpointer data)
{
  g_autoptr (IdcardEmulatedTransport) sam = sam_with_card ("resident-chen-jianguo.json");
  SerialModel *model = serial_model_new (sam);
  g_autoptr (IdcardSerialTransport) serial =
      idcard_serial_transport_new (serial_model_get_path (model));
  ReaderEvent *added, *error;

  g_ptr_array_add (fx->models, model);
  g_object_set_data (G_OBJECT (fx->testbed), "serial", model);
  idcard_reader_add_transport (fx->reader, IDCARD_TRANSPORT (serial));
  start (fx);
  added = reader_events_wait_for (fx->events, "reader-added");
  g_assert_cmpstr (idcard_transport_get_kind (added->transport), ==, "serial");
  g_assert_cmpstr (idcard_transport_get_location (added->transport), ==,
                   serial_model_get_path (model));
  assert_chen_jianguo (reader_events_wait_for (fx->events, "card-read")->card);

  /* a corrupted response on the line */
  idcard_emulated_transport_lift_card (sam);
  reader_events_wait_for (fx->events, "card-removed");
  idcard_emulated_transport_inject_fault (sam, IDCARD_EMULATED_FAULT_BAD_CHECKSUM);
  g_assert_true (idcard_emulated_transport_place_card_file (
      sam,
      g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", "resident-chen-jianguo.json",
                           NULL),
      NULL));
  error = reader_events_wait_for (fx->events, "error");
  g_assert_error (error->error, IDCARD_ERROR, IDCARD_ERROR_CHECKSUM);
  reader_events_assert_sequence (fx->events, "reader-added card-read card-removed error");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn, usb)                                                                         \
  g_test_add ("/idcard/device/" path, Fixture, GINT_TO_POINTER (usb ? 0 : 1), fixture_set_up, fn,  \
              fixture_tear_down)
  ADD ("bulk-single", test_bulk_single, TRUE);
  ADD ("bulk-split", test_bulk_split, TRUE);
  ADD ("hid-raw", test_hid_raw, TRUE);
  ADD ("hid-wrapped", test_hid_wrapped, TRUE);
  ADD ("no-card", test_no_card, TRUE);
  ADD ("bad-checksum", test_bad_checksum, TRUE);
  ADD ("timeout", test_timeout, TRUE);
  ADD ("lifted-mid-read", test_lifted_mid_read, TRUE);
  ADD ("unplug-replug", test_unplug_replug, TRUE);
  ADD ("two-readers", test_two_readers, TRUE);
  ADD ("busy-reader", test_busy_reader, TRUE);
  ADD ("dispose-during-read", test_dispose_during_read, TRUE);
  ADD ("serial", test_serial, FALSE);
#undef ADD

  return g_test_run ();
}
