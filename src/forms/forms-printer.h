/* forms-printer.h: one print queue as CUPS last reported it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "forms-enums.h"

G_BEGIN_DECLS

typedef enum
{
  FORMS_PRINTER_CONDITION_READY,
  FORMS_PRINTER_CONDITION_PRINTING,
  /* usable, but staff should order toner */
  FORMS_PRINTER_CONDITION_TONER_LOW,
  FORMS_PRINTER_CONDITION_PAUSED,
  FORMS_PRINTER_CONDITION_NOT_ACCEPTING,
  FORMS_PRINTER_CONDITION_OUT_OF_PAPER,
  FORMS_PRINTER_CONDITION_PAPER_JAM,
  FORMS_PRINTER_CONDITION_DOOR_OPEN,
  FORMS_PRINTER_CONDITION_TONER_EMPTY,
  FORMS_PRINTER_CONDITION_OFFLINE,
  FORMS_PRINTER_CONDITION_ERROR,
} FormsPrinterCondition;

const char *forms_printer_condition_to_string (FormsPrinterCondition condition);

#define FORMS_TYPE_PRINTER (forms_printer_get_type ())

G_DECLARE_FINAL_TYPE (FormsPrinter, forms_printer, FORMS, PRINTER, GObject)

const char *forms_printer_get_name (FormsPrinter *self);
const char *forms_printer_get_description (FormsPrinter *self);
gboolean forms_printer_get_is_default (FormsPrinter *self);
FormsPrinterCondition forms_printer_get_condition (FormsPrinter *self);
gboolean forms_printer_get_is_usable (FormsPrinter *self);
const char *forms_printer_get_state_message (FormsPrinter *self);
const char *const *forms_printer_get_state_reasons (FormsPrinter *self);
gboolean forms_printer_has_reason (FormsPrinter *self, const char *reason);
guint forms_printer_get_queued_jobs (FormsPrinter *self);
const char *forms_printer_get_status_text (FormsPrinter *self);

void forms_printer_cancel_all_jobs_async (FormsPrinter *self,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean
forms_printer_cancel_all_jobs_finish (FormsPrinter *self, GAsyncResult *result, GError **error);

G_END_DECLS
