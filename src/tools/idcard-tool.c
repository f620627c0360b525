/* idcard-tool.c: reader diagnostics: list readers, read a card, watch, check a number
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "idcard-device-table.h"
#include "idcard-document.h"
#include "idcard-emulated-transport.h"
#include "idcard-reader.h"
#include "idcard-serial-transport.h"
#include "idcard-wlt-decoder.h"

#define EXIT_INVALID 1
#define EXIT_USAGE 2
#define DEFAULT_READ_TIMEOUT_S 60
#define DEFAULT_LIST_WAIT_MS 1500

typedef struct
{
  GMainLoop *loop;
  IdcardReader *reader;
  gboolean json;
  char *photo_path;
  char *reader_filter;
  int exit_status;
  gboolean done;
} Tool;

/* options shared by list, read and watch */
static char *opt_emulate = NULL;
static char **opt_serial = NULL;
static char *opt_config = NULL;
static gboolean opt_json = FALSE;
static char *opt_photo = NULL;
static int opt_timeout = DEFAULT_READ_TIMEOUT_S;
static char *opt_reader = NULL;

static const GOptionEntry source_entries[] = {
  { "emulate", 0, 0, G_OPTION_ARG_FILENAME, &opt_emulate,
    N_ ("Use an emulated reader with this card file on it"), N_ ("CARD.json") },
  { "serial", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_serial,
    N_ ("Also use the serial reader at this tty"), N_ ("DEVICE") },
  { "config", 0, 0, G_OPTION_ARG_FILENAME, &opt_config,
    N_ ("Configuration file naming a photo decoder"), N_ ("FILE") },
  { NULL }
};

static const GOptionEntry read_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_ ("Print the card as one JSON object"), NULL },
  { "photo", 0, 0, G_OPTION_ARG_FILENAME, &opt_photo,
    N_ ("Write the photo here: raw WLT, or PNG with a decoder"), N_ ("FILE") },
  { "timeout", 0, 0, G_OPTION_ARG_INT, &opt_timeout, N_ ("Give up after this many seconds"),
    N_ ("SEC") },
  { "reader", 0, 0, G_OPTION_ARG_STRING, &opt_reader,
    N_ ("Only this reader: its number in “list” or its location"), N_ ("N") },
  { NULL }
};

static char *
mask_id_number (const char *number)
{
  gsize len = number != NULL ? strlen (number) : 0;
  GString *out;

  if (len < 10)
    return g_strdup ("****");
  out = g_string_new_len (number, 6);
  for (gsize i = 6; i < len - 4; i++)
    g_string_append_c (out, '*');
  g_string_append (out, number + len - 4);
  return g_string_free (out, FALSE);
}

static gint
compare_location (gconstpointer a, gconstpointer b)
{
  IdcardTransport *ta = *(IdcardTransport *const *) a;
  IdcardTransport *tb = *(IdcardTransport *const *) b;

  return g_strcmp0 (idcard_transport_get_location (ta), idcard_transport_get_location (tb));
}

static GPtrArray *
sorted_transports (IdcardReader *reader)
{
  GPtrArray *list = idcard_reader_get_transports (reader);

  g_ptr_array_sort (list, compare_location);
  return list;
}

static gboolean
transport_matches (Tool *tool, IdcardTransport *transport)
{
  g_autoptr (GPtrArray) list = NULL;
  char *end = NULL;
  guint64 index;

  if (tool->reader_filter == NULL)
    return TRUE;
  if (g_strcmp0 (tool->reader_filter, idcard_transport_get_location (transport)) == 0)
    return TRUE;
  index = g_ascii_strtoull (tool->reader_filter, &end, 10);
  if (end == tool->reader_filter || *end != '\0')
    return FALSE;
  list = sorted_transports (tool->reader);
  return index < list->len && g_ptr_array_index (list, index) == transport;
}

static char *
describe_transport (IdcardTransport *transport)
{
  const char *sam_id = idcard_transport_get_sam_id (transport);

  return g_strdup_printf ("%s %04x:%04x %s SAM %s", idcard_transport_get_kind (transport),
                          idcard_transport_get_vendor_id (transport),
                          idcard_transport_get_product_id (transport),
                          idcard_transport_get_location (transport), sam_id != NULL ? sam_id : "-");
}

static void
print_field (const char *label, const char *value)
{
  if (value != NULL)
    g_print ("%-22s %s\n", label, value);
}

static void
print_card (IdcardCard *card)
{
  g_autofree char *issue_count = NULL;
  g_autofree char *photo = NULL;
  GBytes *wlt = idcard_card_get_photo_wlt (card);

  print_field (_ ("Card type:"), idcard_card_type_to_string (idcard_card_get_card_type (card)));
  print_field (_ ("Name:"), idcard_card_get_name (card));
  print_field (_ ("Name in English:"), idcard_card_get_name_en (card));
  print_field (_ ("Sex:"), idcard_sex_to_string (idcard_card_get_sex (card)));
  print_field (_ ("Nation:"), idcard_card_get_nation (card));
  print_field (_ ("Birth date:"), idcard_card_get_birth_date (card));
  print_field (_ ("Address:"), idcard_card_get_address (card));
  print_field (_ ("Newest address:"), idcard_card_get_new_address (card));
  print_field (_ ("ID number:"), idcard_card_get_id_number (card));
  print_field (_ ("Issuer:"), idcard_card_get_issuer (card));
  print_field (_ ("Valid from:"), idcard_card_get_valid_from (card));
  print_field (_ ("Valid until:"), idcard_card_get_valid_until (card));
  print_field (_ ("Pass number:"), idcard_card_get_pass_number (card));
  if (idcard_card_get_issue_count (card) >= 0)
    issue_count = g_strdup_printf ("%d", idcard_card_get_issue_count (card));
  print_field (_ ("Issue count:"), issue_count);
  print_field (_ ("Nationality:"), idcard_card_get_nationality (card));
  print_field (_ ("SAM ID:"), idcard_card_get_sam_id (card));
  photo = g_strdup_printf (_ ("%u bytes WLT%s"), wlt != NULL ? (guint) g_bytes_get_size (wlt) : 0u,
                           idcard_card_get_photo_rgb (card) != NULL ? _ (", decoded") : "");
  print_field (_ ("Photo:"), photo);
}

static gboolean
write_photo (IdcardCard *card, const char *path, GError **error)
{
  GBytes *rgb = idcard_card_get_photo_rgb (card);
  GBytes *wlt = idcard_card_get_photo_wlt (card);
  g_autoptr (GBytes) png = NULL;

  if (rgb != NULL)
    {
      png = idcard_photo_rgb_to_png (rgb, error);
      if (png == NULL)
        return FALSE;
      return g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                  error);
    }
  if (wlt == NULL)
    {
      g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                           _ ("the card has no photo"));
      return FALSE;
    }
  return g_file_set_contents (path, g_bytes_get_data (wlt, NULL), g_bytes_get_size (wlt), error);
}

static void
print_json (JsonNode *node, gboolean pretty)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, pretty);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
finish (Tool *tool, int status)
{
  if (tool->done)
    return;
  tool->done = TRUE;
  tool->exit_status = status;
  g_main_loop_quit (tool->loop);
}

static void
read_card_read_cb (IdcardReader *reader, IdcardTransport *transport, IdcardCard *card, Tool *tool)
{
  g_autoptr (GError) error = NULL;

  if (tool->done || !transport_matches (tool, transport))
    return;
  if (tool->json)
    {
      g_autoptr (JsonNode) node = idcard_card_to_json (card);
      print_json (node, TRUE);
    }
  else
    print_card (card);
  if (tool->photo_path != NULL && !write_photo (card, tool->photo_path, &error))
    {
      g_printerr (_ ("Cannot write the photo: %s\n"), error->message);
      finish (tool, EXIT_FAILURE);
      return;
    }
  finish (tool, EXIT_SUCCESS);
}

static void
read_error_cb (IdcardReader *reader, IdcardTransport *transport, GError *error, Tool *tool)
{
  if (tool->done || (transport != NULL && !transport_matches (tool, transport)))
    return;
  g_printerr (_ ("Error: %s\n"), error->message);
  finish (tool, EXIT_FAILURE);
}

static gboolean
timeout_cb (gpointer data)
{
  Tool *tool = data;

  g_printerr (_ ("No card was read within %d s\n"), opt_timeout);
  finish (tool, EXIT_FAILURE);
  return G_SOURCE_REMOVE;
}

static gboolean
list_done_cb (gpointer data)
{
  finish (data, EXIT_SUCCESS);
  return G_SOURCE_REMOVE;
}

static IdcardReader *
make_reader (GError **error)
{
  g_autoptr (IdcardReader) reader = NULL;
  g_autoptr (GKeyFile) config = g_key_file_new ();
  g_autoptr (GError) config_error = NULL;
  g_autofree char *config_path =
      opt_config != NULL ? g_strdup (opt_config)
                         : g_build_filename (SYSCONFDIR, "practitioner-kiosk", "idcard.conf", NULL);

  reader = idcard_reader_new (opt_emulate == NULL);
  if (g_key_file_load_from_file (config, config_path, G_KEY_FILE_NONE, &config_error))
    {
      g_autoptr (IdcardWltDecoder) decoder = NULL;
      g_autoptr (GError) decoder_error = NULL;

      decoder = idcard_wlt_decoder_new_from_key_file (config, &decoder_error);
      if (decoder_error != NULL)
        g_printerr (_ ("Photos stay undecoded: %s\n"), decoder_error->message);
      idcard_reader_set_photo_decoder (reader, decoder);
    }
  else if (opt_config != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&config_error), "%s: ", opt_config);
      return NULL;
    }

  if (opt_emulate != NULL)
    {
      g_autoptr (IdcardEmulatedTransport) emulated = idcard_emulated_transport_new ();

      if (!idcard_emulated_transport_place_card_file (emulated, opt_emulate, error))
        {
          g_prefix_error (error, "%s: ", opt_emulate);
          return NULL;
        }
      idcard_reader_add_transport (reader, IDCARD_TRANSPORT (emulated));
    }
  for (guint i = 0; opt_serial != NULL && opt_serial[i] != NULL; i++)
    {
      g_autoptr (IdcardSerialTransport) serial = idcard_serial_transport_new (opt_serial[i]);

      idcard_reader_add_transport (reader, IDCARD_TRANSPORT (serial));
    }
  if (!idcard_reader_start (reader, error))
    return NULL;
  return g_steal_pointer (&reader);
}

static gboolean
parse_options (const char *command,
               const char *summary,
               const GOptionEntry *extra,
               int *argc,
               char ***argv)
{
  g_autofree char *prgname = g_strdup_printf ("idcard-tool %s", command);
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;

  g_set_prgname (prgname);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, source_entries, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
run_reader_command (Tool *tool, GError **error)
{
  g_autoptr (IdcardReader) reader = make_reader (error);

  if (reader == NULL)
    return EXIT_FAILURE;
  tool->reader = g_steal_pointer (&reader);
  tool->loop = g_main_loop_new (NULL, FALSE);
  return -1; /* the caller connects signals and runs the loop */
}

static int
cmd_list (int argc, char **argv)
{
  Tool tool = { 0 };
  g_autoptr (IdcardReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;

  if (!parse_options ("list", _ ("List the ID card readers found."), NULL, &argc, &argv))
    return EXIT_USAGE;
  reader = make_reader (&error);
  if (reader == NULL)
    {
      g_printerr (_ ("Error: %s\n"), error->message);
      return EXIT_FAILURE;
    }
  tool.loop = g_main_loop_new (NULL, FALSE);
  g_timeout_add (DEFAULT_LIST_WAIT_MS, list_done_cb, &tool);
  g_main_loop_run (tool.loop);
  g_main_loop_unref (tool.loop);

  list = sorted_transports (reader);
  if (list->len == 0)
    g_print ("%s\n", _ ("No reader found."));
  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *text = describe_transport (g_ptr_array_index (list, i));
      g_print ("%u: %s\n", i, text);
    }
  return EXIT_SUCCESS;
}

static int
cmd_read (int argc, char **argv)
{
  Tool tool = { 0 };
  g_autoptr (GError) error = NULL;

  if (!parse_options ("read", _ ("Wait for a card and print it."), read_entries, &argc, &argv))
    return EXIT_USAGE;
  if (opt_timeout <= 0)
    {
      g_printerr ("%s\n", _ ("--timeout needs a positive number of seconds"));
      return EXIT_USAGE;
    }
  tool.json = opt_json;
  tool.photo_path = opt_photo;
  tool.reader_filter = opt_reader;
  if (run_reader_command (&tool, &error) == EXIT_FAILURE)
    {
      g_printerr (_ ("Error: %s\n"), error->message);
      return EXIT_FAILURE;
    }
  g_signal_connect (tool.reader, "card-read", G_CALLBACK (read_card_read_cb), &tool);
  g_signal_connect (tool.reader, "error", G_CALLBACK (read_error_cb), &tool);
  g_timeout_add_seconds ((guint) opt_timeout, timeout_cb, &tool);
  g_main_loop_run (tool.loop);
  g_main_loop_unref (tool.loop);
  g_object_unref (tool.reader);
  return tool.exit_status;
}

static void
print_event (const char *event, IdcardTransport *transport, const char *detail)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");

  g_print ("%s %s %s%s%s\n", time, event, idcard_transport_get_location (transport),
           detail != NULL ? " " : "", detail != NULL ? detail : "");
}

static void
watch_reader_added_cb (IdcardReader *reader, IdcardTransport *transport, Tool *tool)
{
  g_autofree char *text = describe_transport (transport);
  print_event ("reader-added", transport, text);
}

static void
watch_reader_removed_cb (IdcardReader *reader, IdcardTransport *transport, Tool *tool)
{
  print_event ("reader-removed", transport, NULL);
}

static void
watch_card_read_cb (IdcardReader *reader, IdcardTransport *transport, IdcardCard *card, Tool *tool)
{
  g_autofree char *masked = mask_id_number (idcard_card_get_id_number (card));
  g_autofree char *detail = g_strdup_printf (
      "%s %s", idcard_card_type_to_string (idcard_card_get_card_type (card)), masked);

  print_event ("card-read", transport, detail);
  if (tool->json)
    {
      g_autoptr (JsonNode) node = idcard_card_to_json (card);
      print_json (node, FALSE);
    }
}

static void
watch_card_removed_cb (IdcardReader *reader, IdcardTransport *transport, Tool *tool)
{
  print_event ("card-removed", transport, NULL);
}

static void
watch_error_cb (IdcardReader *reader, IdcardTransport *transport, GError *error, Tool *tool)
{
  g_printerr ("error %s: %s\n", transport != NULL ? idcard_transport_get_location (transport) : "-",
              error->message);
}

static gboolean
quit_cb (gpointer data)
{
  finish (data, EXIT_SUCCESS);
  return G_SOURCE_REMOVE;
}

static int
cmd_watch (int argc, char **argv)
{
  static const GOptionEntry watch_entries[] = { { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json,
                                                  N_ ("Also print each card as JSON"), NULL },
                                                { "timeout", 0, 0, G_OPTION_ARG_INT, &opt_timeout,
                                                  N_ ("Stop after this many seconds"), N_ ("SEC") },
                                                { NULL } };
  Tool tool = { 0 };
  g_autoptr (GError) error = NULL;

  opt_timeout = 0;
  if (!parse_options ("watch", _ ("Print reader and card events as they happen."), watch_entries,
                      &argc, &argv))
    return EXIT_USAGE;
  tool.json = opt_json;
  if (run_reader_command (&tool, &error) == EXIT_FAILURE)
    {
      g_printerr (_ ("Error: %s\n"), error->message);
      return EXIT_FAILURE;
    }
  g_signal_connect (tool.reader, "reader-added", G_CALLBACK (watch_reader_added_cb), &tool);
  g_signal_connect (tool.reader, "reader-removed", G_CALLBACK (watch_reader_removed_cb), &tool);
  g_signal_connect (tool.reader, "card-read", G_CALLBACK (watch_card_read_cb), &tool);
  g_signal_connect (tool.reader, "card-removed", G_CALLBACK (watch_card_removed_cb), &tool);
  g_signal_connect (tool.reader, "error", G_CALLBACK (watch_error_cb), &tool);
  if (opt_timeout > 0)
    g_timeout_add ((guint) opt_timeout * 1000, quit_cb, &tool);
  g_unix_signal_add (SIGINT, quit_cb, &tool);
  g_unix_signal_add (SIGTERM, quit_cb, &tool);
  g_main_loop_run (tool.loop);
  g_main_loop_unref (tool.loop);
  g_object_unref (tool.reader);
  return tool.exit_status;
}

static int
cmd_check_number (int argc, char **argv)
{
  IdcardDocumentType type;
  g_autoptr (GError) error = NULL;

  if (argc != 4)
    {
      g_printerr ("%s\n", _ ("Usage: idcard-tool check-number TYPE NUMBER"));
      return EXIT_USAGE;
    }
  if (!idcard_document_type_from_string (argv[2], &type))
    {
      g_printerr (_ ("Unknown document type “%s”; one of: "), argv[2]);
      for (guint i = 0; i < IDCARD_DOCUMENT_N_TYPES; i++)
        g_printerr ("%s%s", i > 0 ? ", " : "", idcard_document_type_to_string (i));
      g_printerr ("\n");
      return EXIT_USAGE;
    }
  if (!idcard_document_number_check (type, argv[3], &error))
    {
      g_print ("%s\n", error->message);
      return EXIT_INVALID;
    }
  g_print ("valid\n");
  return EXIT_SUCCESS;
}

static int
cmd_udev_rules (int argc, char **argv)
{
  g_autofree char *rules = idcard_device_table_to_udev_rules (IDCARD_UDEV_GROUP);

  g_print ("%s", rules);
  return EXIT_SUCCESS;
}

/* The supported reader list of OPERATIONS.md, as a Markdown table; a test
 * keeps the document equal to this output. */
static int
cmd_supported_readers (int argc, char **argv)
{
  gsize n_entries = 0;
  const IdcardDeviceEntry *table = idcard_device_table_get (&n_entries);

  g_print ("| reader | USB ID | connection |\n|---|---|---|\n");
  for (gsize i = 0; i < n_entries; i++)
    g_print ("| %s | `%04x:%04x` | %s |\n", table[i].description, table[i].vendor_id,
             table[i].product_id, idcard_device_kind_to_string (table[i].kind));
  return EXIT_SUCCESS;
}

static void
usage (void)
{
  g_printerr ("%s\n", _ ("Usage: idcard-tool COMMAND [OPTION…]\n"
                         "\n"
                         "Commands:\n"
                         "  list                      List the readers found\n"
                         "  read                      Wait for a card and print it\n"
                         "  watch                     Print reader and card events\n"
                         "  check-number TYPE NUMBER  Check a document number\n"
                         "  udev-rules                Print the udev rules for the readers\n"
                         "  supported-readers         Print the supported readers as a table\n"
                         "\n"
                         "“idcard-tool COMMAND --help” shows the options of a command."));
}

int
main (int argc, char **argv)
{
  const char *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      usage ();
      return EXIT_USAGE;
    }
  command = argv[1];
  if (g_str_equal (command, "list"))
    return cmd_list (argc - 1, argv + 1);
  if (g_str_equal (command, "read"))
    return cmd_read (argc - 1, argv + 1);
  if (g_str_equal (command, "watch"))
    return cmd_watch (argc - 1, argv + 1);
  if (g_str_equal (command, "check-number"))
    return cmd_check_number (argc, argv);
  if (g_str_equal (command, "udev-rules"))
    return cmd_udev_rules (argc, argv);
  if (g_str_equal (command, "supported-readers"))
    return cmd_supported_readers (argc, argv);
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") ||
      g_str_equal (command, "help"))
    {
      usage ();
      return EXIT_SUCCESS;
    }
  if (g_str_equal (command, "--version"))
    {
      g_print ("idcard-tool %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  g_printerr (_ ("Unknown command “%s”\n"), command);
  usage ();
  return EXIT_USAGE;
}
