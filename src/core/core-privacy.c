/* core-privacy.c: masking personal data before it reaches a log or a screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core-privacy.h"

/* Keeps the first @head and last @tail characters (not bytes) of @text and replaces
 * the rest with '*'. Text too short to keep anything is masked whole, so a short
 * value never leaks in full. */
static char *
mask_middle (const char *text, guint head, guint tail)
{
  GString *out;
  glong n_chars;
  const char *p;
  glong i = 0;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("****");

  n_chars = g_utf8_strlen (text, -1);
  if (n_chars <= (glong) (head + tail))
    {
      head = 0;
      tail = 0;
    }

  out = g_string_new (NULL);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      if (i < (glong) head || i >= n_chars - (glong) tail)
        g_string_append_unichar (out, g_utf8_get_char (p));
      else
        g_string_append_c (out, '*');
    }
  return g_string_free (out, FALSE);
}

/**
 * core_mask_id_number:
 * @id_number: (nullable): a document number
 *
 * Masks a document number the way the kiosk shows it and logs it:
 * `11010519491231002X` becomes `110105********002X`.
 *
 * Returns: (transfer full): the masked number
 */
char *
core_mask_id_number (const char *id_number)
{
  return mask_middle (id_number, 6, 4);
}

/**
 * core_mask_phone:
 * @phone: (nullable): a phone number
 *
 * `13800138000` becomes `138****8000`.
 *
 * Returns: (transfer full): the masked number
 */
char *
core_mask_phone (const char *phone)
{
  return mask_middle (phone, 3, 4);
}

/* A masked name shows no more stars than this: a long foreign name masked
 * one star a letter fills a line of stars on the screen, and says how
 * long the name is besides. */
#define MASKED_NAME_MAX_STARS 3

/**
 * core_mask_name:
 * @name: (nullable): a person's name
 *
 * Keeps only the first character, and at most three stars for the rest:
 * `张三丰` becomes `张**`, `JOHN SMITH` `J***`.
 *
 * Returns: (transfer full): the masked name
 */
char *
core_mask_name (const char *name)
{
  char *masked = mask_middle (name, 1, 0);
  char *stars = strchr (masked, '*');

  if (stars != NULL && stars != masked && strlen (stars) > MASKED_NAME_MAX_STARS)
    stars[MASKED_NAME_MAX_STARS] = '\0';
  return masked;
}
