/* forms-printer-private.h: building printers from what CUPS reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "forms-cups.h"
#include "forms-printer.h"

G_BEGIN_DECLS

FormsPrinter *forms_printer_new_from_queue (const FormsCupsQueue *queue);

G_END_DECLS
