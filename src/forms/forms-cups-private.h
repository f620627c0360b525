/* forms-cups-private.h: libcups helpers shared by the printing files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cups/cups.h>
#include <gio/gio.h>

G_BEGIN_DECLS

gboolean forms_cups_set_error (GError **error, const char *what);
ipp_t *forms_cups_get_printer_attributes (const char *printer_name, GError **error);
char *forms_cups_printer_uri (const char *printer_name);
ipp_t *forms_cups_get_job_attributes (const char *printer_name, int job_id, GError **error);

G_END_DECLS
