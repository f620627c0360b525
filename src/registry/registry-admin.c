/* registry-admin.c: the operator's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command opens the database, brings its schema up to date, does one
 * thing and prints the result on stdout. Errors go to the caller.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core-filing.h"
#include "core-json.h"
#include "core-privacy.h"
#include "registry-admin-tokens.h"
#include "registry-admin.h"
#include "registry-devices.h"
#include "registry-fleet.h"
#include "registry-imports.h"
#include "registry-persons.h"
#include "registry-sqlite-storage.h"
#include "registry-staff.h"
#include "registry-storage.h"

#define MAX_IMPORT_FILE (256 * 1024 * 1024)

static RegistryStorage *
open_storage (const char *database_url, GError **error)
{
  g_autoptr (RegistryStorage) storage = registry_storage_open (database_url, error);

  if (storage == NULL || !registry_storage_migrate (storage, error))
    return NULL;
  return g_steal_pointer (&storage);
}

static char *
format_time (const char *micros)
{
  g_autoptr (GDateTime) dt = NULL;

  if (micros == NULL)
    return g_strdup ("-");
  dt = g_date_time_new_from_unix_utc (g_ascii_strtoll (micros, NULL, 10) / G_USEC_PER_SEC);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("?");
}

static void
print_rows (RegistryRows *rows, const char *header)
{
  g_print ("%s\n", header);
  for (guint r = 0; r < rows->n_rows; r++)
    {
      g_autofree char *created = format_time (registry_rows_get (rows, r, 1));
      g_autofree char *ended = format_time (registry_rows_get (rows, r, 2));
      g_print ("%s\t%s\t%s\n", registry_rows_get (rows, r, 0), created, ended);
    }
}

static char *
read_password (GError **error)
{
  g_autoptr (GString) line = g_string_new (NULL);
  int c;

  if (isatty (STDIN_FILENO))
    g_printerr ("password (then Enter): ");
  while ((c = getchar ()) != EOF && c != '\n')
    {
      if (line->len > 1024)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "the password is longer than 1024 bytes");
          return NULL;
        }
      g_string_append_c (line, (char) c);
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static int
import_file (RegistryStorage *storage, const char *kind, const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (CoreDictionarySet) dictionaries = NULL;
  const CoreRecordKind *record_kind;
  gsize length = 0;
  guint count = 0;
  gboolean ok;
  GStatBuf st;

  /* the size first: an oversize file is refused without being read */
  if (g_stat (path, &st) == 0 && st.st_size > MAX_IMPORT_FILE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s is larger than 256 MiB",
                   path);
      return 1;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return 1;
  if (length > MAX_IMPORT_FILE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s is larger than 256 MiB",
                   path);
      return 1;
    }
  root = core_json_parse (contents, length, error);
  if (root == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return 1;
    }
  record_kind = core_record_kind_lookup (kind);
  if (record_kind == NULL || record_kind->editable)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "import what? registrations or projects");
      return 2;
    }
  dictionaries =
      core_dictionary_set_new_from_directory (core_dictionary_set_get_default_directory (), error);
  if (dictionaries == NULL)
    return 1;
  ok = registry_import_records (storage, record_kind, dictionaries, root, &count, error);
  if (!ok)
    {
      g_prefix_error (error, "%s: nothing imported: ", path);
      return 1;
    }
  g_print ("imported %u %s\n", count, kind);
  return 0;
}

/* Copies the database as it is, schema and all: a backup taken before an
 * upgrade must not be migrated first. */
static int
backup_database (const char *database_url, const char *path, GError **error)
{
  g_autoptr (RegistryStorage) storage = NULL;

  if (!g_str_has_prefix (database_url, "sqlite:"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "admin backup copies SQLite databases; back PostgreSQL up with pg_dump"
                           " (see OPERATIONS.md, \"Backup and restore\")");
      return 2;
    }
  if (!g_file_test (database_url + strlen ("sqlite:"), G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "there is no database at %s",
                   database_url + strlen ("sqlite:"));
      return 1;
    }
  storage = registry_storage_open (database_url, error);
  if (storage == NULL ||
      !registry_sqlite_storage_backup (REGISTRY_SQLITE_STORAGE (storage), path, error))
    return 1;
  g_print ("backed up to %s\n", path);
  return 0;
}

/* A person's login phone, changed by an operator (see registry_login_phone_set()). */
static int
set_phone (RegistryStorage *storage,
           const char *doc_type,
           const char *doc_number,
           const char *phone,
           GError **error)
{
  g_autofree char *normalized = idcard_document_number_normalize (doc_number);
  g_autofree char *person_id = NULL;
  g_autofree char *masked = NULL;
  g_autoptr (GError) check_error = NULL;
  RegistryVerdict verdict = { 0 };
  IdcardDocumentType type;

  if (!idcard_document_type_from_string (doc_type, &type))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown document type %s",
                   doc_type);
      return 2;
    }
  if (!idcard_document_number_check (type, normalized, &check_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "the document number: %s",
                   check_error->message);
      return 2;
    }
  if (!core_phone_is_mobile (phone))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "the phone is an 11-digit mainland mobile number");
      return 2;
    }
  if (!registry_login_phone_set (storage, doc_type, normalized, phone, NULL, 0, g_get_real_time (),
                                 &person_id, &verdict, error))
    return 1;
  masked = core_mask_id_number (normalized);
  if (verdict.refused && verdict.code == CORE_API_ERROR_NOT_FILED)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no person is filed with %s %s",
                   doc_type, masked);
      return 1;
    }
  if (verdict.refused && verdict.code == CORE_API_ERROR_PHONE_TAKEN)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           "that phone logs in for another person; nothing changed");
      return 1;
    }
  g_print ("person %s now logs in with the new phone\n", person_id);
  return 0;
}

/* One line per kiosk; a kiosk with problems names them, so an operator
 * can grep for them, and the exit status says whether any has one. */
static int
list_fleet (RegistryStorage *storage, GError **error)
{
  gint64 now = g_get_real_time ();
  g_autoptr (GPtrArray) fleet = registry_fleet_list (storage, now, error);
  guint with_problems = 0;

  if (fleet == NULL)
    return 1;
  g_print ("name\tlast seen\tversion\toutbox\toldest unsent\treader\tprinter\tproblems\n");
  for (guint i = 0; i < fleet->len; i++)
    {
      const RegistryFleetKiosk *kiosk = g_ptr_array_index (fleet, i);
      const RegistryHealthReport *report = &kiosk->report;
      g_autoptr (GString) problems = g_string_new (NULL);
      g_autofree char *seen = NULL;

      for (guint p = 0; p < REGISTRY_FLEET_N_PROBLEMS; p++)
        if (kiosk->problems & (1u << p))
          g_string_append_printf (problems, "%s%s", problems->len > 0 ? "," : "",
                                  registry_fleet_problem_get_code (p));
      if (kiosk->problems & REGISTRY_FLEET_LAST_ERROR)
        g_string_append_printf (problems, " (%s)", report->last_error);
      with_problems += kiosk->problems != 0;

      if (kiosk->reported_at == 0)
        {
          g_print ("%s\tnever\t-\t-\t-\t-\t-\t%s\n", kiosk->name, problems->str);
          continue;
        }
      {
        g_autofree char *micros = g_strdup_printf ("%" G_GINT64_FORMAT, kiosk->reported_at);
        seen = format_time (micros);
      }
      g_print ("%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "s\t%s\t%s\t%s\n", kiosk->name,
               seen, report->version, report->outbox_depth,
               report->outbox_depth > 0 ? report->oldest_unsent_s : 0, report->reader,
               report->printer, problems->len > 0 ? problems->str : "-");
    }
  g_print ("%u kiosks, %u with problems\n", fleet->len, with_problems);
  return with_problems > 0 ? 3 : 0;
}

/**
 * registry_admin_run:
 * @argv: the words after "admin": a command and its arguments
 *
 * Returns: the exit status; with @error set when it is not 0
 */
int
registry_admin_run (const char *database_url, int argc, char **argv, GError **error)
{
  g_autoptr (RegistryStorage) storage = NULL;
  const char *command = argc > 0 ? argv[0] : NULL;

  if (command == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "admin needs a command: enroll-device, revoke-device, list-devices,"
                           " add-staff, disable-staff, enable-staff, reset-password, list-staff,"
                           " set-phone, import, backup, add-admin-token, revoke-admin-token,"
                           " list-admin-tokens, fleet");
      return 2;
    }
  if (g_strcmp0 (command, "backup") == 0 && argc == 2)
    return backup_database (database_url, argv[1], error);

  storage = open_storage (database_url, error);
  if (storage == NULL)
    return 1;

  if (g_strcmp0 (command, "enroll-device") == 0 && argc == 2)
    {
      g_autofree char *token = registry_device_enroll (storage, argv[1], error);
      if (token == NULL)
        return 1;
      /* The only time the token is ever shown. */
      g_print ("%s\n", token);
      return 0;
    }
  if (g_strcmp0 (command, "revoke-device") == 0 && argc == 2)
    return registry_device_revoke (storage, argv[1], error) ? 0 : 1;
  if (g_strcmp0 (command, "list-devices") == 0 && argc == 1)
    {
      g_autoptr (RegistryRows) rows = registry_device_list (storage, error);
      if (rows == NULL)
        return 1;
      print_rows (rows, "name\tenrolled\trevoked");
      return 0;
    }
  if (g_strcmp0 (command, "add-staff") == 0 && argc == 2)
    {
      g_autofree char *password = read_password (error);
      gboolean ok = password != NULL && registry_staff_add (storage, argv[1], password, error);
      if (password != NULL)
        memset (password, 0, strlen (password));
      return ok ? 0 : 1;
    }
  if ((g_strcmp0 (command, "disable-staff") == 0 || g_strcmp0 (command, "enable-staff") == 0) &&
      argc == 2)
    {
      gboolean disable = g_strcmp0 (command, "disable-staff") == 0;
      if (!(disable ? registry_staff_disable (storage, argv[1], error)
                    : registry_staff_enable (storage, argv[1], error)))
        return 1;
      g_print ("staff account %s is %s\n", argv[1],
               disable ? "disabled; its sessions have ended" : "enabled");
      return 0;
    }
  if (g_strcmp0 (command, "reset-password") == 0 && argc == 2)
    {
      g_autofree char *password = read_password (error);
      gboolean ok =
          password != NULL && registry_staff_set_password (storage, argv[1], password, error);
      if (password != NULL)
        memset (password, 0, strlen (password));
      if (ok)
        g_print ("the password of %s is replaced; its sessions have ended\n", argv[1]);
      return ok ? 0 : 1;
    }
  if (g_strcmp0 (command, "list-staff") == 0 && argc == 1)
    {
      g_autoptr (RegistryRows) rows = registry_staff_list (storage, error);
      if (rows == NULL)
        return 1;
      print_rows (rows, "username\tcreated\tdisabled");
      return 0;
    }
  if (g_strcmp0 (command, "add-admin-token") == 0 && argc == 2)
    {
      g_autofree char *token = registry_admin_token_add (storage, argv[1], error);
      if (token == NULL)
        return 1;
      /* The only time the token is ever shown. */
      g_print ("%s\n", token);
      return 0;
    }
  if (g_strcmp0 (command, "revoke-admin-token") == 0 && argc == 2)
    return registry_admin_token_revoke (storage, argv[1], error) ? 0 : 1;
  if (g_strcmp0 (command, "list-admin-tokens") == 0 && argc == 1)
    {
      g_autoptr (RegistryRows) rows = registry_admin_token_list (storage, error);
      if (rows == NULL)
        return 1;
      print_rows (rows, "name\tcreated\trevoked");
      return 0;
    }
  if (g_strcmp0 (command, "fleet") == 0 && argc == 1)
    return list_fleet (storage, error);
  if (g_strcmp0 (command, "import") == 0 && argc == 3)
    return import_file (storage, argv[1], argv[2], error);
  if (g_strcmp0 (command, "set-phone") == 0 && argc == 4)
    return set_phone (storage, argv[1], argv[2], argv[3], error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "unknown admin command or wrong arguments: %s (see --help)", command);
  return 2;
}

int
registry_admin_migrate (const char *database_url, GError **error)
{
  g_autoptr (RegistryStorage) storage = registry_storage_open (database_url, error);
  int before;

  if (storage == NULL)
    return 1;
  before = registry_storage_get_schema_version (storage, error);
  if (before < 0 || !registry_storage_migrate (storage, error))
    return 1;
  g_print ("schema version %d (was %d)\n", registry_storage_get_latest_schema_version (), before);
  return 0;
}
