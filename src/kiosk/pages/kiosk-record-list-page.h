/* kiosk-record-list-page.h: a person's records of one kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_RECORD_LIST_PAGE (kiosk_record_list_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskRecordListPage,
                      kiosk_record_list_page,
                      KIOSK,
                      RECORD_LIST_PAGE,
                      KioskPage)

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
