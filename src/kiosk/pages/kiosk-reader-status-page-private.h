/* kiosk-reader-status-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-reader-status-page.h"

G_BEGIN_DECLS

const char *kiosk_reader_status_page_get_readers_text (KioskReaderStatusPage *self);
const char *kiosk_reader_status_page_get_test_text (KioskReaderStatusPage *self);
gboolean kiosk_reader_status_page_get_waiting (KioskReaderStatusPage *self);

G_END_DECLS
