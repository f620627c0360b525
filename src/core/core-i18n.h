/* core-i18n.h: core's strings in a named language, whatever the process's locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The languages every translatable text of the product exists in. */
#define CORE_LANGUAGE_ZH_CN "zh_CN"
#define CORE_LANGUAGE_EN "en"

const char *const *core_i18n_get_languages (void);
gboolean core_i18n_is_language (const char *language);
const char *core_i18n_translate (const char *language, const char *msgid);

G_END_DECLS
