/* forms-printer-list.h: the printers CUPS knows, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "forms-printer.h"

G_BEGIN_DECLS

#define FORMS_TYPE_PRINTER_LIST (forms_printer_list_get_type ())

G_DECLARE_FINAL_TYPE (FormsPrinterList, forms_printer_list, FORMS, PRINTER_LIST, GObject)

FormsPrinterList *forms_printer_list_new (void);

void forms_printer_list_refresh_async (FormsPrinterList *self,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean
forms_printer_list_refresh_finish (FormsPrinterList *self, GAsyncResult *result, GError **error);

FormsPrinter *forms_printer_list_get_default (FormsPrinterList *self);
FormsPrinter *forms_printer_list_query_default (GError **error);
FormsPrinter *forms_printer_list_find (FormsPrinterList *self, const char *name);

G_END_DECLS
