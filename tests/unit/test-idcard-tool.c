/* test-idcard-tool.c: idcard-tool's commands, exit codes and output; the committed udev
 * rule, the supported reader list of OPERATIONS.md and the AppStream modaliases against
 * the device table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/wait.h>

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_tool (Run *run, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) IDCARD_TOOL_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static const char *
demo_card (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", name, NULL);
}

static void
test_check_number (void)
{
  {
    g_auto (Run) run = { 0 };
    run_tool (&run, (const char *[]){ "check-number", "resident", "11010519491231002X", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "valid\n");
  }
  {
    g_auto (Run) run = { 0 };
    run_tool (&run, (const char *[]){ "check-number", "resident", "110105194912310021", NULL });
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, "checksum mismatch"));
  }
  {
    g_auto (Run) run = { 0 };
    run_tool (&run,
              (const char *[]){ "check-number", "foreign_permanent", "932682198501010017", NULL });
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = { 0 };
    run_tool (&run, (const char *[]){ "check-number", "driving_licence", "123", NULL });
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "military_officer"));
  }
}

static void
test_read_json (void)
{
  g_auto (Run) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *object;

  run_tool (&run, (const char *[]){ "read", "--json", "--timeout", "20", "--emulate",
                                    demo_card ("hmt-chen-jiaxin.json"), NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (object), ==, 13);
  g_assert_cmpstr (json_object_get_string_member (object, "card_type"), ==, "hmt_residence");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "陈嘉欣");
  g_assert_cmpstr (json_object_get_string_member (object, "sex"), ==, "女");
  g_assert_cmpstr (json_object_get_string_member (object, "birth_date"), ==, "1992-04-18");
  g_assert_cmpstr (json_object_get_string_member (object, "id_number"), ==, "810000199204181221");
  g_assert_cmpstr (json_object_get_string_member (object, "pass_number"), ==, "H60231457");
  g_assert_cmpint (json_object_get_int_member (object, "issue_count"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "valid_until"), ==, "2026-06-10");
  g_assert_cmpstr (json_object_get_string_member (object, "sam_id"), ==,
                   "05.01-20224856-0000000010-0000012345");
  g_assert_cmpint (json_object_get_int_member (object, "photo_wlt_size"), ==, 1024);
  g_assert_false (json_object_has_member (object, "nation"));
}

/* What read --json prints is a card file: every demo card replays to the same output. */
static void
test_read_json_replays (void)
{
  const char *dir = g_test_get_filename (G_TEST_DIST, "..", "data", "demo-cards", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("test-idcard-tool-XXXXXX", NULL);
  g_autofree char *saved = g_build_filename (tmp, "card.json", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_auto (Run) first = { 0 };
      g_auto (Run) again = { 0 };

      if (!g_str_has_suffix (name, ".json"))
        continue;
      run_tool (&first, (const char *[]){ "read", "--json", "--emulate", path, NULL });
      g_assert_cmpint (first.status, ==, 0);
      g_assert_true (g_file_set_contents (saved, first.out, -1, NULL));
      run_tool (&again, (const char *[]){ "read", "--json", "--emulate", saved, NULL });
      g_assert_cmpint (again.status, ==, 0);
      g_assert_cmpstr (again.out, ==, first.out);
      n++;
    }
  g_assert_cmpuint (n, >=, 7);
  g_remove (saved);
  g_rmdir (tmp);
}

static void
test_read_photo (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("test-idcard-tool-XXXXXX", NULL);
  g_autofree char *photo = g_build_filename (dir, "photo.wlt", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  run_tool (&run, (const char *[]){ "read", "--photo", photo, "--emulate",
                                    demo_card ("resident-wang-xiuying.json"), NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "长期"));
  g_assert_true (g_file_get_contents (photo, &contents, &len, NULL));
  g_assert_cmpuint (len, ==, 1024);
  g_remove (photo);
  g_rmdir (dir);
}

static void
test_read_bad_card_file (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("test-idcard-tool-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);

  g_assert_true (
      g_file_set_contents (path, "{\"card_type\":\"resident\",\"sex\":\"X\"}", -1, NULL));
  run_tool (&run, (const char *[]){ "read", "--emulate", path, NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "unknown sex"));
  g_remove (path);
  g_rmdir (dir);
}

static void
test_watch (void)
{
  g_auto (Run) run = { 0 };

  run_tool (&run, (const char *[]){ "watch", "--timeout", "1", "--emulate",
                                    demo_card ("resident-chen-jianguo.json"), NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, " reader-added emulated emulated 0000:0000 emulated SAM "
                                     "05.01-20224856-0000000010-0000012345\n"));
  g_assert_nonnull (strstr (run.out, " card-read emulated resident 440305********1236\n"));
  /* watch never prints a whole ID number */
  g_assert_null (strstr (run.out, "440305198507091236"));
}

static void
test_udev_rules_match_table (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *committed = NULL;
  const char *path =
      g_test_get_filename (G_TEST_DIST, "..", "data", "70-practitioner-idcard.rules", NULL);

  run_tool (&run, (const char *[]){ "udev-rules", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &committed, NULL, NULL));
  if (g_strcmp0 (committed, run.out) != 0)
    g_error ("data/70-practitioner-idcard.rules differs from the device table; regenerate it "
             "with `idcard-tool udev-rules`");
}

#define READERS_BEGIN "<!-- supported-readers: generated by `idcard-tool supported-readers` -->\n"
#define READERS_END "<!-- end of supported-readers -->"

static void
test_operations_reader_list_matches_table (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *doc = NULL;
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "packaging", "OPERATIONS.md", NULL);
  const char *begin;
  const char *end;
  g_autofree char *listed = NULL;

  run_tool (&run, (const char *[]){ "supported-readers", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &doc, NULL, NULL));
  begin = strstr (doc, READERS_BEGIN);
  g_assert_nonnull (begin);
  begin += strlen (READERS_BEGIN);
  end = strstr (begin, READERS_END);
  g_assert_nonnull (end);
  listed = g_strndup (begin, end - begin);
  if (g_strcmp0 (listed, run.out) != 0)
    g_error ("the supported reader list in packaging/OPERATIONS.md differs from the device "
             "table; replace it with the output of `idcard-tool supported-readers`:\n%s",
             run.out);
}

/* AppStream names the USB readers (not the generic serial bridges), so
 * software centres offer the kiosk for them. */
static void
test_metainfo_modaliases_match_table (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *metainfo = NULL;
  g_autoptr (GRegex) row =
      g_regex_new ("`([0-9a-f]{4}):([0-9a-f]{4})` \\| (usb-[a-z]+) \\|", 0, 0, NULL);
  g_autoptr (GRegex) modalias = g_regex_new ("<modalias>([^<]*)</modalias>", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GString) expected = g_string_new (NULL);
  g_autoptr (GString) listed = g_string_new (NULL);
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "data",
                                          "org.practitioner.Kiosk.metainfo.xml.in", NULL);

  run_tool (&run, (const char *[]){ "supported-readers", NULL });
  g_assert_cmpint (run.status, ==, 0);
  for (g_regex_match (row, run.out, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *vendor = g_match_info_fetch (match, 1);
      g_autofree char *product = g_match_info_fetch (match, 2);
      g_autofree char *upper_vendor = g_ascii_strup (vendor, -1);
      g_autofree char *upper_product = g_ascii_strup (product, -1);

      g_string_append_printf (expected, "usb:v%sp%sd*\n", upper_vendor, upper_product);
    }
  g_clear_pointer (&match, g_match_info_free);
  g_assert_cmpuint (expected->len, >, 0);

  g_assert_true (g_file_get_contents (path, &metainfo, NULL, NULL));
  for (g_regex_match (modalias, metainfo, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *value = g_match_info_fetch (match, 1);
      g_string_append_printf (listed, "%s\n", value);
    }
  g_assert_cmpstr (listed->str, ==, expected->str);
}

static void
test_list (void)
{
  g_auto (Run) run = { 0 };

  run_tool (&run,
            (const char *[]){ "list", "--emulate", demo_card ("resident-ayigul.json"), NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "0: emulated 0000:0000 emulated SAM 05.01-20224856-0000000010-0000012345\n");
}

static void
test_read_other_reader_times_out (void)
{
  g_auto (Run) run = { 0 };

  /* reader 1 does not exist: nothing is read, and the tool says so */
  run_tool (&run, (const char *[]){ "read", "--reader", "1", "--timeout", "1", "--emulate",
                                    demo_card ("resident-ayigul.json"), NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "No card was read within 1 s"));
}

static char *
write_config (const char *dir, const char *symbol)
{
  char *path = g_build_filename (dir, "idcard.conf", NULL);
  g_autofree char *text = g_strdup_printf ("[photo-decoder]\nlibrary=%s\nsymbol=%s\nlicence=159\n",
                                           FAKE_DECODER_PATH, symbol);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_read_photo_png (void)
{
  static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  g_autofree char *dir = g_dir_make_tmp ("test-idcard-tool-XXXXXX", NULL);
  g_autofree char *config = write_config (dir, "unpack_ok");
  g_autofree char *photo = g_build_filename (dir, "photo.png", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  {
    g_auto (Run) run = { 0 };

    run_tool (&run, (const char *[]){ "read", "--config", config, "--photo", photo, "--emulate",
                                      demo_card ("resident-zhou-haitao.json"), NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_nonnull (strstr (run.out, "1024 bytes WLT, decoded"));
    g_assert_true (g_file_get_contents (photo, &contents, &len, NULL));
    g_assert_cmpuint (len, >, sizeof png_signature);
    g_assert_cmpmem (contents, sizeof png_signature, png_signature, sizeof png_signature);
    g_remove (photo);
  }
  g_remove (config);
  g_free (config);

  /* a decoder that crashes in its probe: said once, and the card is read all the same */
  config = write_config (dir, "unpack_crash");
  {
    g_auto (Run) run = { 0 };

    run_tool (&run, (const char *[]){ "read", "--json", "--config", config, "--emulate",
                                      demo_card ("resident-zhou-haitao.json"), NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "Photos stay undecoded: the photo decoder"));
    g_assert_nonnull (strstr (run.out, "\"photo_wlt_size\" : 1024"));
  }
  g_remove (config);
  g_rmdir (dir);
}

static void
test_usage (void)
{
  g_auto (Run) run = { 0 };

  run_tool (&run, (const char *[]){ "frobnicate", NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "frobnicate"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/idcard/tool/check-number", test_check_number);
  g_test_add_func ("/idcard/tool/read-json", test_read_json);
  g_test_add_func ("/idcard/tool/read-json-replays", test_read_json_replays);
  g_test_add_func ("/idcard/tool/read-photo", test_read_photo);
  g_test_add_func ("/idcard/tool/read-bad-card-file", test_read_bad_card_file);
  g_test_add_func ("/idcard/tool/watch", test_watch);
  g_test_add_func ("/idcard/tool/udev-rules-match-table", test_udev_rules_match_table);
  g_test_add_func ("/idcard/tool/operations-reader-list-matches-table",
                   test_operations_reader_list_matches_table);
  g_test_add_func ("/idcard/tool/metainfo-modaliases-match-table",
                   test_metainfo_modaliases_match_table);
  g_test_add_func ("/idcard/tool/read-photo-png", test_read_photo_png);
  g_test_add_func ("/idcard/tool/list", test_list);
  g_test_add_func ("/idcard/tool/read-other-reader-times-out", test_read_other_reader_times_out);
  g_test_add_func ("/idcard/tool/usage", test_usage);

  return g_test_run ();
}
