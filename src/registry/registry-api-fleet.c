/* registry-api-fleet.c: kiosks report their health; operators see the fleet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PUT /v1/devices/current/health   a kiosk's report (device token)
 * GET /v1/fleet                    every kiosk and its problems, as JSON
 * GET /fleet                       the same as a page for an operator's
 *                                  browser (admin token, Basic auth)
 */

#include "config.h"

#include <string.h>

#include "core-error.h"
#include "core-text.h"
#include "registry-api-private.h"
#include "registry-fleet.h"

#define MAX_VERSION_LENGTH 64
#define MAX_LAST_ERROR_LENGTH 512
#define PAGE_REFRESH_S 60

static void
add_field_error (GPtrArray *errors, const char *field, const char *message)
{
  GError *error = NULL;

  core_error_set_field (&error, CORE_ERROR_INVALID_FIELD, field, "%s", message);
  g_ptr_array_add (errors, error);
}

static gboolean
is_one_of (const char *value, const char *const *choices)
{
  return value != NULL && g_strv_contains (choices, value);
}

/* NULL when @name is missing or not a string */
static const char *
get_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_count (JsonObject *object, const char *name, gint64 min, gint64 max, gint64 *out_value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out_value = json_node_get_int (node);
  return *out_value >= min && *out_value <= max;
}

/* At most @max_length bytes of text with no control or bidirectional
 * formatting character (core's rule for every text the registry stores);
 * empty is allowed. */
static gboolean
is_plain_text (const char *text, gsize max_length)
{
  CoreTextProblem problem;

  if (text == NULL || strlen (text) > max_length)
    return FALSE;
  problem = core_text_check (text, max_length);
  return problem == CORE_TEXT_OK || problem == CORE_TEXT_EMPTY;
}

/* Members a newer kiosk adds are ignored, so kiosks can be upgraded
 * before their registry; the members this registry knows are checked. */
static GPtrArray *
read_report (JsonObject *object, RegistryHealthReport *report)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  const char *version = get_string (object, "version");
  const char *reader = get_string (object, "reader");
  const char *printer = get_string (object, "printer");
  JsonNode *last_error = json_object_get_member (object, "last_error");

  if (version == NULL || version[0] == '\0' || !is_plain_text (version, MAX_VERSION_LENGTH))
    add_field_error (errors, "version", "1 to 64 characters of text");
  else
    report->version = g_strdup (version);
  if (!get_count (object, "outbox_depth", 0, G_MAXINT32, &report->outbox_depth))
    add_field_error (errors, "outbox_depth", "a count");
  if (!get_count (object, "oldest_unsent_s", 0, G_MAXINT32, &report->oldest_unsent_s))
    add_field_error (errors, "oldest_unsent_s", "seconds");
  if (!get_count (object, "interval_s", REGISTRY_FLEET_MIN_INTERVAL_S,
                  REGISTRY_FLEET_MAX_INTERVAL_S, &report->interval_s))
    add_field_error (errors, "interval_s", "seconds, 10 to 86400");
  if (!is_one_of (reader, registry_fleet_reader_states))
    add_field_error (errors, "reader", "ok, missing or unknown");
  else
    report->reader = g_strdup (reader);
  if (!is_one_of (printer, registry_fleet_printer_states))
    add_field_error (errors, "printer", "ready, not_ready, none or unknown");
  else
    report->printer = g_strdup (printer);
  if (last_error != NULL && !JSON_NODE_HOLDS_NULL (last_error))
    {
      const char *text = get_string (object, "last_error");

      if (text == NULL || !g_utf8_validate (text, -1, NULL) ||
          !is_plain_text (text, MAX_LAST_ERROR_LENGTH))
        add_field_error (errors, "last_error", "text of at most 512 bytes, or null");
      else if (text[0] != '\0')
        report->last_error = g_strdup (text);
    }
  return errors;
}

gboolean
registry_api_device_health_put (RegistryRequest *request,
                                RegistryResponse *response,
                                GError **error)
{
  g_auto (RegistryHealthReport) report = { 0 };
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  if (!JSON_NODE_HOLDS_OBJECT (request->json))
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_JSON, "the report is a JSON object");
      return FALSE;
    }
  errors = read_report (json_node_get_object (request->json), &report);
  if (errors->len > 0)
    return registry_response_fail_fields (response, errors, error);
  if (!registry_fleet_store_report (request->storage, request->device_id, request->now, &report,
                                    error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "interval_s");
  json_builder_add_int_value (builder, report.interval_s);
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}

static char *
format_time (gint64 micros)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (micros / G_USEC_PER_SEC);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("?");
}

static void
add_kiosk (JsonBuilder *builder, const RegistryFleetKiosk *kiosk, gint64 now)
{
  const RegistryHealthReport *report = &kiosk->report;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, kiosk->name);
  json_builder_set_member_name (builder, "last_seen");
  if (kiosk->reported_at == 0)
    json_builder_add_null_value (builder);
  else
    {
      g_autofree char *seen = format_time (kiosk->reported_at);
      json_builder_add_string_value (builder, seen);
      json_builder_set_member_name (builder, "seen_s_ago");
      json_builder_add_int_value (builder, MAX (0, (now - kiosk->reported_at) / G_USEC_PER_SEC));
      json_builder_set_member_name (builder, "version");
      json_builder_add_string_value (builder, report->version);
      json_builder_set_member_name (builder, "outbox_depth");
      json_builder_add_int_value (builder, report->outbox_depth);
      json_builder_set_member_name (builder, "oldest_unsent_s");
      json_builder_add_int_value (builder, report->oldest_unsent_s);
      json_builder_set_member_name (builder, "reader");
      json_builder_add_string_value (builder, report->reader);
      json_builder_set_member_name (builder, "printer");
      json_builder_add_string_value (builder, report->printer);
      json_builder_set_member_name (builder, "last_error");
      if (report->last_error != NULL)
        json_builder_add_string_value (builder, report->last_error);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "interval_s");
      json_builder_add_int_value (builder, report->interval_s);
    }
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint p = 0; p < REGISTRY_FLEET_N_PROBLEMS; p++)
    if (kiosk->problems & (1u << p))
      json_builder_add_string_value (builder, registry_fleet_problem_get_code (p));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

gboolean
registry_api_fleet_get (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autoptr (GPtrArray) fleet = registry_fleet_list (request->storage, request->now, error);
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  if (fleet == NULL)
    return FALSE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kiosks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < fleet->len; i++)
    add_kiosk (builder, g_ptr_array_index (fleet, i), request->now);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}

/* Everything a device or its report says is printed escaped: a device
 * name or an error message may hold markup. */
static void
append_cell (GString *page, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append_printf (page, "<td>%s</td>", escaped);
}

static void
append_row (GString *page, const RegistryFleetKiosk *kiosk)
{
  const RegistryHealthReport *report = &kiosk->report;
  g_autoptr (GString) problems = g_string_new (NULL);
  g_autofree char *seen =
      kiosk->reported_at != 0 ? format_time (kiosk->reported_at) : g_strdup ("never");
  g_autofree char *depth = g_strdup_printf ("%" G_GINT64_FORMAT, report->outbox_depth);
  g_autofree char *oldest = g_strdup_printf ("%" G_GINT64_FORMAT " s", report->oldest_unsent_s);

  for (guint p = 0; p < REGISTRY_FLEET_N_PROBLEMS; p++)
    if (kiosk->problems & (1u << p))
      g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "",
                              registry_fleet_problem_get_text (p));

  g_string_append_printf (page, "<tr class=\"%s\">", kiosk->problems != 0 ? "problem" : "ok");
  append_cell (page, kiosk->name);
  append_cell (page, seen);
  append_cell (page, report->version);
  append_cell (page, kiosk->reported_at != 0 ? depth : NULL);
  append_cell (page, kiosk->reported_at != 0 && report->outbox_depth > 0 ? oldest : NULL);
  append_cell (page, report->reader);
  append_cell (page, report->printer);
  append_cell (page, report->last_error);
  append_cell (page, problems->len > 0 ? problems->str : "none");
  g_string_append (page, "</tr>\n");
}

gboolean
registry_api_fleet_page (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autoptr (GPtrArray) fleet = registry_fleet_list (request->storage, request->now, error);
  g_autoptr (GString) page = g_string_new (NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *now = format_time (request->now);
  guint with_problems = 0;

  if (fleet == NULL)
    return FALSE;
  for (guint i = 0; i < fleet->len; i++)
    with_problems += ((RegistryFleetKiosk *) g_ptr_array_index (fleet, i))->problems != 0;

  g_string_append_printf (
      page,
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"refresh\" content=\"%d\">"
      "<title>Kiosk fleet</title>"
      "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
      "td,th{border:1px solid #999;padding:4px 8px;text-align:left}"
      "tr.problem{background:#fdd}</style></head>\n<body>\n"
      "<h1>Kiosk fleet</h1>\n<p>%u kiosks, %u with problems, at %s (refreshes every %d s)</p>\n"
      "<table>\n<tr><th>kiosk</th><th>last seen</th><th>version</th><th>outbox</th>"
      "<th>oldest unsent</th><th>reader</th><th>printer</th><th>last error</th>"
      "<th>problems</th></tr>\n",
      PAGE_REFRESH_S, fleet->len, with_problems, now, PAGE_REFRESH_S);
  for (guint i = 0; i < fleet->len; i++)
    append_row (page, g_ptr_array_index (fleet, i));
  g_string_append (page, "</table>\n</body></html>\n");

  bytes = g_string_free_to_bytes (g_steal_pointer (&page));
  registry_response_set_bytes (response, 200, "text/html; charset=utf-8", bytes);
  return TRUE;
}
