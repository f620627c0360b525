/* kiosk-record-text.h: a practice record's fields as the kiosk shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "core-record-kind.h"

G_BEGIN_DECLS

char *kiosk_record_text_field (const CoreRecordField *field,
                               JsonObject *record,
                               CoreDictionarySet *dictionaries);
char *kiosk_record_text_summary (const CoreRecordKind *kind,
                                 JsonObject *record,
                                 CoreDictionarySet *dictionaries);
gint64 kiosk_record_text_id (JsonObject *record);
char *kiosk_record_text_problem (const GError *error);

G_END_DECLS
