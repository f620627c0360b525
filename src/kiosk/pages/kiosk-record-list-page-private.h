/* kiosk-record-list-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-record-list-page.h"

G_BEGIN_DECLS

const char *kiosk_record_list_page_get_kind (KioskRecordListPage *self);
gboolean kiosk_record_list_page_get_loaded (KioskRecordListPage *self);
guint kiosk_record_list_page_get_n_records (KioskRecordListPage *self);
const char *kiosk_record_list_page_get_row_text (KioskRecordListPage *self, guint index);
GtkWidget *
kiosk_record_list_page_get_row_button (KioskRecordListPage *self, guint index, const char *label);
const char *kiosk_record_list_page_get_status (KioskRecordListPage *self);
gboolean kiosk_record_list_page_get_asking (KioskRecordListPage *self);
GtkWidget *kiosk_record_list_page_get_question (KioskRecordListPage *self);

G_END_DECLS
