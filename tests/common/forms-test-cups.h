/* forms-test-cups.h: a private CUPS scheduler with virtual IPP printers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _FormsTestCups FormsTestCups;

FormsTestCups *forms_test_cups_start (void);
void forms_test_cups_add_printer (FormsTestCups *self, const char *name, gboolean is_default);
void forms_test_cups_stop_printer (FormsTestCups *self, const char *name);
void
forms_test_cups_set_description (FormsTestCups *self, const char *name, const char *description);
void forms_test_cups_set_out_of_paper (FormsTestCups *self, const char *name, gboolean no_paper);
char *forms_test_cups_get_output_dir (FormsTestCups *self, const char *name);
GPtrArray *forms_test_cups_list_output (FormsTestCups *self, const char *name);
const char *forms_test_cups_get_runtime_dir (FormsTestCups *self);
const char *forms_test_cups_get_spool_dir (FormsTestCups *self);
void forms_test_cups_stop (FormsTestCups *self);

gboolean
forms_test_wait_for (gboolean (*condition) (gpointer), gpointer user_data, guint timeout_ms);

G_END_DECLS
