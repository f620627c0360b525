/* core-i18n-private.h: the compiled-in translation table (generated)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *msgid;
  const char *msgstr;
} CoreI18nEntry;

/* Sorted by msgid (strcmp order); written by gen-i18n-table.py. */
extern const CoreI18nEntry core_i18n_zh_cn[];
extern const gsize core_i18n_zh_cn_length;

G_END_DECLS
