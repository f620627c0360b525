/* forms-printer-private.h: building printers from IPP attributes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cups/cups.h>

#include "forms-printer.h"

G_BEGIN_DECLS

FormsPrinter *
forms_printer_new_from_attributes (const char *name, gboolean is_default, ipp_t *attributes);

G_END_DECLS
