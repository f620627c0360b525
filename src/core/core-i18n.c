/* core-i18n.c: core's strings in a named language, whatever the process's locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gettext translates into the one language the process (or thread) is set
 * to, and switching it means changing global state under running threads.
 * Answers that carry every language at once (the record kinds) take their
 * text from here instead: English is the msgid itself, Chinese comes from a
 * table compiled from po/zh_CN.po at build time (gen-i18n-table.py). Code
 * that shows text in the current language keeps using gettext.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core-i18n-private.h"
#include "core-i18n.h"

static const char *const languages[] = { CORE_LANGUAGE_ZH_CN, CORE_LANGUAGE_EN, NULL };

/**
 * core_i18n_get_languages:
 *
 * Returns: (transfer none): the product's languages, %NULL-terminated,
 *   the default (zh_CN) first
 */
const char *const *
core_i18n_get_languages (void)
{
  return languages;
}

gboolean
core_i18n_is_language (const char *language)
{
  return language != NULL && g_strv_contains (languages, language);
}

static int
compare_entry (const void *key, const void *member)
{
  return strcmp (key, ((const CoreI18nEntry *) member)->msgid);
}

/**
 * core_i18n_translate:
 * @language: "zh_CN" or "en"
 * @msgid: an English string of core marked for translation
 *
 * Returns: (transfer none): @msgid in @language; @msgid itself for English,
 *   for another language, or when the string has no translation
 */
const char *
core_i18n_translate (const char *language, const char *msgid)
{
  const CoreI18nEntry *entry;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (g_strcmp0 (language, CORE_LANGUAGE_ZH_CN) != 0 || core_i18n_zh_cn_length == 0)
    return msgid;
  entry = bsearch (msgid, core_i18n_zh_cn, core_i18n_zh_cn_length, sizeof core_i18n_zh_cn[0],
                   compare_entry);
  return entry != NULL ? entry->msgstr : msgid;
}
