/* test-core-dictionary.c: the shipped dictionaries and their loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-dictionary-set.h"
#include "core-error.h"
#include "core-json.h"
#include "idcard-document.h"

/* Every pick-list the practice sections and the basic information need. */
static const char *const required_dictionaries[] = {
  "certificate-types",
  "countries",
  "degrees",
  "document-types",
  "education-levels",
  "graduation-results",
  "learning-forms",
  "nations",
  "project-categories",
  "project-roles",
  "registration-categories",
  "skill-levels",
  "title-levels",
  "work-types",
};

static CoreDictionarySet *
load_shipped (void)
{
  g_autoptr (GError) error = NULL;
  CoreDictionarySet *set =
      core_dictionary_set_new_from_directory (core_dictionary_set_get_default_directory (), &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static void
test_shipped (void)
{
  g_autoptr (CoreDictionarySet) set = load_shipped ();
  const char *version = core_dictionary_set_get_version (set);
  GPtrArray *dictionaries = core_dictionary_set_get_dictionaries (set);
  CoreDictionary *dictionary;
  const CoreDictionaryEntry *entry;

  g_assert_cmpuint (strlen (version), ==, 16);
  for (guint i = 0; i < 16; i++)
    g_assert_true (g_ascii_isxdigit (version[i]));
  g_assert_cmpuint (dictionaries->len, ==, G_N_ELEMENTS (required_dictionaries));
  for (guint i = 0; i < G_N_ELEMENTS (required_dictionaries); i++)
    {
      dictionary = core_dictionary_set_lookup (set, required_dictionaries[i]);
      g_assert_nonnull (dictionary);
      /* sorted by name, as served */
      g_assert_true (g_ptr_array_index (dictionaries, i) == dictionary);
      g_assert_cmpuint (core_dictionary_get_n_entries (dictionary), >, 0);
      g_assert_cmpstr (core_dictionary_get_title (dictionary, "en"), !=,
                       core_dictionary_get_title (dictionary, "zh_CN"));
    }

  /* GB 3304: 01–56, 97 and 98 */
  dictionary = core_dictionary_set_lookup (set, "nations");
  g_assert_cmpuint (core_dictionary_get_n_entries (dictionary), ==, 58);
  for (guint n = 1; n <= 56; n++)
    {
      g_autofree char *code = g_strdup_printf ("%02u", n);
      g_assert_nonnull (core_dictionary_lookup (dictionary, code));
    }
  g_assert_cmpstr (core_dictionary_lookup (dictionary, "01")->label_zh_cn, ==, "汉族");
  g_assert_cmpstr (core_dictionary_lookup (dictionary, "56")->label_zh_cn, ==, "基诺族");
  g_assert_cmpstr (core_dictionary_lookup (dictionary, "98")->label_zh_cn, ==,
                   "外国血统中国籍人士");
  g_assert_null (core_dictionary_lookup (dictionary, "57"));

  /* countries from iso-codes, with the names mainland documents use */
  dictionary = core_dictionary_set_lookup (set, "countries");
  g_assert_cmpuint (core_dictionary_get_n_entries (dictionary), >, 240);
  entry = core_dictionary_lookup (dictionary, "CHN");
  g_assert_cmpstr (core_dictionary_entry_get_label (entry, "zh_CN"), ==, "中国");
  g_assert_cmpstr (core_dictionary_entry_get_label (entry, "en"), ==, "China");
  g_assert_cmpstr (core_dictionary_lookup (dictionary, "TWN")->label_zh_cn, ==, "中国台湾");
  g_assert_cmpstr (core_dictionary_lookup (dictionary, "HKG")->label_zh_cn, ==, "中国香港");
  g_assert_cmpstr (core_dictionary_lookup (dictionary, "GBR")->label_zh_cn, ==, "英国");
  g_assert_true (core_dictionary_lookup_label (dictionary, "美国") ==
                 core_dictionary_lookup (dictionary, "USA"));
  g_assert_true (core_dictionary_lookup_label (dictionary, "United States") ==
                 core_dictionary_lookup (dictionary, "USA"));
  g_assert_null (core_dictionary_lookup_label (dictionary, "Atlantis"));

  /* document types are exactly the ones the number rules know, with their labels */
  dictionary = core_dictionary_set_lookup (set, "document-types");
  g_assert_cmpuint (core_dictionary_get_n_entries (dictionary), ==, IDCARD_DOCUMENT_N_TYPES);
  for (guint t = 0; t < IDCARD_DOCUMENT_N_TYPES; t++)
    {
      entry = core_dictionary_lookup (dictionary, idcard_document_type_to_string (t));
      g_assert_nonnull (entry);
      /* the tests run untranslated: the label is the msgid */
      g_assert_cmpstr (entry->label_en, ==, idcard_document_type_get_label (t));
      /* and the Chinese name the signature form prints */
      g_assert_cmpstr (entry->label_zh_cn, ==, idcard_document_type_get_chinese_name (t));
    }
}

static void
test_json_round_trip (void)
{
  g_autoptr (CoreDictionarySet) set = load_shipped ();
  g_autoptr (CoreDictionarySet) again = NULL;
  g_autoptr (CoreDictionarySet) damaged = NULL;
  g_autoptr (JsonNode) node = core_dictionary_set_to_json_node (set);
  g_autoptr (JsonNode) parsed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = json_to_string (node, FALSE);
  g_autofree char *text_again = NULL;
  g_autofree char *tampered = NULL;
  g_autoptr (JsonNode) again_node = NULL;
  char *at;

  /* what a kiosk caches reads back to the same set */
  parsed = core_json_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  again = core_dictionary_set_new_from_json_node (parsed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (core_dictionary_set_get_version (again), ==,
                   core_dictionary_set_get_version (set));
  again_node = core_dictionary_set_to_json_node (again);
  text_again = json_to_string (again_node, FALSE);
  g_assert_cmpstr (text_again, ==, text);

  /* a changed label with the old version is a damaged copy */
  tampered = g_strdup (text);
  at = strstr (tampered, "基诺族");
  g_assert_nonnull (at);
  memcpy (at, "基诺人", strlen ("基诺人"));
  g_clear_pointer (&parsed, json_node_unref);
  parsed = core_json_parse (tampered, strlen (tampered), &error);
  g_assert_no_error (error);
  damaged = core_dictionary_set_new_from_json_node (parsed, &error);
  g_assert_null (damaged);
  g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA);
  g_assert_nonnull (strstr (error->message, "version"));
}

/* ---- the loader on broken folders ---- */

static const char good_file[] =
    "{\"title\": {\"zh_CN\": \"等级\", \"en\": \"Levels\"},\n"
    " \"entries\": [{\"code\": \"1\", \"label\": {\"zh_CN\": \"一级\", \"en\": \"One\"}},\n"
    "             {\"code\": \"2\", \"label\": {\"zh_CN\": \"二级\", \"en\": \"Two\"}}]}\n";

static char *
make_folder (const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("dictionaries-XXXXXX", &error);
  g_autofree char *good = g_build_filename (dir, "levels.json", NULL);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  g_file_set_contents (good, good_file, -1, &error);
  g_assert_no_error (error);
  if (name != NULL)
    {
      path = g_build_filename (dir, name, NULL);
      g_file_set_contents (path, contents, -1, &error);
      g_assert_no_error (error);
    }
  return dir;
}

static void
remove_folder (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_loader_good (void)
{
  g_autofree char *dir = make_folder ("README.txt", "not a dictionary");
  g_autoptr (GError) error = NULL;
  g_autoptr (CoreDictionarySet) set = core_dictionary_set_new_from_directory (dir, &error);
  g_autoptr (CoreDictionarySet) other = NULL;
  g_autofree char *changed_dir = NULL;
  g_autofree char *changed = NULL;
  CoreDictionary *levels;

  g_assert_no_error (error);
  levels = core_dictionary_set_lookup (set, "levels");
  g_assert_nonnull (levels);
  g_assert_cmpuint (core_dictionary_get_n_entries (levels), ==, 2);
  g_assert_cmpstr (core_dictionary_get_entry (levels, 1)->code, ==, "2");
  g_assert_cmpstr (core_dictionary_entry_get_label (core_dictionary_lookup (levels, "2"), "en"), ==,
                   "Two");
  g_assert_null (core_dictionary_get_source (levels));

  /* any change to a label gives another version */
  changed_dir = make_folder (NULL, NULL);
  changed = g_build_filename (changed_dir, "levels.json", NULL);
  g_file_set_contents (changed,
                       "{\"title\": {\"zh_CN\": \"等级\", \"en\": \"Levels\"},\n"
                       " \"entries\": [{\"code\": \"1\", \"label\": {\"zh_CN\": \"一级\", \"en\": "
                       "\"One\"}},\n"
                       " {\"code\": \"2\", \"label\": {\"zh_CN\": \"二级\", \"en\": \"Two!\"}}]}\n",
                       -1, &error);
  g_assert_no_error (error);
  other = core_dictionary_set_new_from_directory (changed_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (core_dictionary_set_get_version (other), !=,
                   core_dictionary_set_get_version (set));

  remove_folder (dir);
  remove_folder (changed_dir);
}

static void
test_loader_errors (void)
{
  struct
  {
    const char *name;
    const char *contents;
    const char *says; /* a part of the message */
  } cases[] = {
    /* a broken file */
    { "broken.json", "{\"title\": ", "broken.json: the body is not valid JSON" },
    { "broken.json", "\xff\xfe", "not valid UTF-8" },
    { "broken.json", "[1, 2]", "a dictionary is a JSON object" },
    { "broken.json", "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}, \"entries\": []}",
      "entries: 1 to" },
    { "broken.json", "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}}", "entries: missing" },
    /* a duplicate code */
    { "dup.json",
      "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}, \"entries\": ["
      "{\"code\": \"7\", \"label\": {\"zh_CN\": \"七\", \"en\": \"Seven\"}},"
      "{\"code\": \"7\", \"label\": {\"zh_CN\": \"柒\", \"en\": \"Also seven\"}}]}",
      "dup.json: entries[1]: code \"7\" appears twice" },
    /* a missing label */
    { "nolabel.json",
      "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}, \"entries\": ["
      "{\"code\": \"7\", \"label\": {\"zh_CN\": \"七\"}}]}",
      "nolabel.json: entries[0] (code \"7\"): label: en: missing" },
    { "nolabel.json",
      "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}, \"entries\": [{\"code\": \"7\"}]}",
      "entries[0] (code \"7\"): label: missing" },
    { "nolabel.json",
      "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}, \"entries\": ["
      "{\"code\": \"7\", \"label\": {\"zh_CN\": \" \", \"en\": \"Seven\"}}]}",
      "label: zh_CN: empty" },
    { "notitle.json",
      "{\"entries\": [{\"code\": \"7\", \"label\": {\"zh_CN\": \"七\", \"en\": "
      "\"Seven\"}}]}",
      "notitle.json: title: missing" },
    /* the same label twice makes a pick-list ambiguous */
    { "twice.json",
      "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}, \"entries\": ["
      "{\"code\": \"1\", \"label\": {\"zh_CN\": \"七\", \"en\": \"Seven\"}},"
      "{\"code\": \"2\", \"label\": {\"zh_CN\": \"七\", \"en\": \"Other\"}}]}",
      "label \"七\" is also the label of code \"1\"" },
    /* members and codes */
    { "extra.json",
      "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}, \"version\": 2, \"entries\": ["
      "{\"code\": \"7\", \"label\": {\"zh_CN\": \"七\", \"en\": \"Seven\"}}]}",
      "unknown member \"version\"" },
    { "code.json",
      "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}, \"entries\": ["
      "{\"code\": \"七\", \"label\": {\"zh_CN\": \"七\", \"en\": \"Seven\"}}]}",
      "entries[0]: code: only ASCII" },
    { "code.json",
      "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}, \"entries\": ["
      "{\"code\": 7, \"label\": {\"zh_CN\": \"七\", \"en\": \"Seven\"}}]}",
      "entries[0]: code: must be a string" },
    /* what may not be in a label */
    { "nul.json",
      "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}, \"entries\": ["
      "{\"code\": \"7\", \"label\": {\"zh_CN\": \"七\\u0000\", \"en\": \"Seven\"}}]}",
      "nul.json: a string holds the character NUL" },
    { "bidi.json",
      "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}, \"entries\": ["
      "{\"code\": \"7\", \"label\": {\"zh_CN\": \"七\", \"en\": \"Sev\\u202eneve\"}}]}",
      "label: en: contains bidirectional formatting characters" },
    { "ctl.json",
      "{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\\n\"}, \"entries\": ["
      "{\"code\": \"7\", \"label\": {\"zh_CN\": \"七\", \"en\": \"Seven\"}}]}",
      "title: en: contains control characters" },
    /* the file name is the dictionary's name */
    { "Bad_Name.json", good_file, "Bad_Name.json: a dictionary file is named" },
    { "named.json",
      "{\"name\": \"other\", \"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}, \"entries\": ["
      "{\"code\": \"7\", \"label\": {\"zh_CN\": \"七\", \"en\": \"Seven\"}}]}",
      "named.json: name: \"other\" is not \"named\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = make_folder (cases[i].name, cases[i].contents);
      g_autoptr (GError) error = NULL;
      g_autoptr (CoreDictionarySet) set = core_dictionary_set_new_from_directory (dir, &error);

      g_test_message ("case %u: %s", i, cases[i].says);
      g_assert_null (set);
      g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: \"%s\" does not say \"%s\"", i, error->message, cases[i].says);
      remove_folder (dir);
    }
}

static void
test_loader_folders (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *empty = g_dir_make_tmp ("dictionaries-XXXXXX", &error);
  g_autoptr (CoreDictionarySet) set = NULL;
  g_autofree char *big_dir = NULL;
  g_autofree char *big = NULL;

  g_assert_no_error (error);
  set = core_dictionary_set_new_from_directory (empty, &error);
  g_assert_null (set);
  g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA);
  g_assert_nonnull (strstr (error->message, "no dictionaries"));
  g_clear_error (&error);
  g_rmdir (empty);

  set = core_dictionary_set_new_from_directory ("/nonexistent/dictionaries", &error);
  g_assert_null (set);
  g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA);
  g_clear_error (&error);

  /* a file beyond the size limit is refused before it is read */
  big_dir = make_folder (NULL, NULL);
  big = g_build_filename (big_dir, "big.json", NULL);
  {
    FILE *f = fopen (big, "w");
    g_assert_nonnull (f);
    g_assert_cmpint (fseek (f, CORE_DICTIONARY_SET_MAX_FILE_SIZE, SEEK_SET), ==, 0);
    g_assert_cmpint (fputc (' ', f), ==, ' ');
    fclose (f);
  }
  set = core_dictionary_set_new_from_directory (big_dir, &error);
  g_assert_null (set);
  g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA);
  g_assert_nonnull (strstr (error->message, "big.json: not a regular file of at most"));
  remove_folder (big_dir);
}

static void
test_set_json_errors (void)
{
  const char *cases[] = {
    "[]",
    "{\"version\": \"0\"}",
    "{\"version\": 1, \"dictionaries\": []}",
    "{\"version\": \"0\", \"dictionaries\": []}",
    "{\"version\": \"0\", \"dictionaries\": [{\"title\": {\"zh_CN\": \"甲\", \"en\": \"A\"}}]}",
  };
  g_autoptr (CoreDictionarySet) shipped = load_shipped ();
  g_autoptr (JsonNode) extra = core_dictionary_set_to_json_node (shipped);
  g_autoptr (JsonNode) twice = core_dictionary_set_to_json_node (shipped);
  JsonArray *array = json_object_get_array_member (json_node_get_object (twice), "dictionaries");
  g_autoptr (GError) error = NULL;
  g_autoptr (CoreDictionarySet) set = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = core_json_parse (cases[i], strlen (cases[i]), &error);

      g_assert_no_error (error);
      set = core_dictionary_set_new_from_json_node (node, &error);
      g_assert_null (set);
      g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA);
      g_clear_error (&error);
    }

  /* an unknown member next to a good set */
  json_object_set_int_member (json_node_get_object (extra), "extra", 1);
  set = core_dictionary_set_new_from_json_node (extra, &error);
  g_assert_null (set);
  g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA);
  g_clear_error (&error);

  /* one dictionary twice */
  json_array_add_element (array, json_node_copy (json_array_get_element (array, 0)));
  set = core_dictionary_set_new_from_json_node (twice, &error);
  g_assert_null (set);
  g_assert_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA);
  g_assert_nonnull (strstr (error->message, "appears twice"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/dictionary/shipped", test_shipped);
  g_test_add_func ("/core/dictionary/json-round-trip", test_json_round_trip);
  g_test_add_func ("/core/dictionary/loader-good", test_loader_good);
  g_test_add_func ("/core/dictionary/loader-errors", test_loader_errors);
  g_test_add_func ("/core/dictionary/loader-folders", test_loader_folders);
  g_test_add_func ("/core/dictionary/set-json-errors", test_set_json_errors);
  return g_test_run ();
}
