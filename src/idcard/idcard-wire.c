/* idcard-wire.c: bounds-checked reads and writes of wire data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-error.h"
#include "idcard-wire-private.h"

static gboolean
check_range (gsize len, gsize offset, gsize size, GError **error)
{
  if (offset > len || size > len - offset)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                   "%" G_GSIZE_FORMAT " bytes at offset %" G_GSIZE_FORMAT
                   " are beyond the end of a %" G_GSIZE_FORMAT "-byte buffer",
                   size, offset, len);
      return FALSE;
    }
  return TRUE;
}

gboolean
idcard_wire_read_u8 (const guint8 *buf, gsize len, gsize offset, guint8 *out, GError **error)
{
  if (!check_range (len, offset, 1, error))
    return FALSE;
  *out = buf[offset];
  return TRUE;
}

gboolean
idcard_wire_read_u16_be (const guint8 *buf, gsize len, gsize offset, guint16 *out, GError **error)
{
  if (!check_range (len, offset, 2, error))
    return FALSE;
  *out = (guint16) ((buf[offset] << 8) | buf[offset + 1]);
  return TRUE;
}

gboolean
idcard_wire_read_u16_le (const guint8 *buf, gsize len, gsize offset, guint16 *out, GError **error)
{
  if (!check_range (len, offset, 2, error))
    return FALSE;
  *out = (guint16) (buf[offset] | (buf[offset + 1] << 8));
  return TRUE;
}

gboolean
idcard_wire_read_u32_le (const guint8 *buf, gsize len, gsize offset, guint32 *out, GError **error)
{
  if (!check_range (len, offset, 4, error))
    return FALSE;
  *out = (guint32) buf[offset] | ((guint32) buf[offset + 1] << 8) |
         ((guint32) buf[offset + 2] << 16) | ((guint32) buf[offset + 3] << 24);
  return TRUE;
}

gboolean
idcard_wire_copy (const guint8 *buf,
                  gsize len,
                  gsize offset,
                  gsize size,
                  guint8 *out,
                  GError **error)
{
  if (!check_range (len, offset, size, error))
    return FALSE;
  memcpy (out, buf + offset, size);
  return TRUE;
}

/**
 * idcard_wire_read_ucs2:
 *
 * Reads a UCS-2LE field of @size bytes and returns it as UTF-8 without the trailing
 * padding (spaces and NULs). A NUL ends the text early. Surrogates (outside UCS-2)
 * are rejected.
 */
gboolean
idcard_wire_read_ucs2 (const guint8 *buf,
                       gsize len,
                       gsize offset,
                       gsize size,
                       char **out,
                       GError **error)
{
  g_autoptr (GString) text = NULL;
  gsize keep;

  if (size % 2 != 0)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                   "a UCS-2 field cannot have an odd size (%" G_GSIZE_FORMAT ")", size);
      return FALSE;
    }
  if (!check_range (len, offset, size, error))
    return FALSE;

  text = g_string_sized_new (size * 2);
  for (gsize i = 0; i < size; i += 2)
    {
      gunichar c = (gunichar) (buf[offset + i] | (buf[offset + i + 1] << 8));

      if (c == 0)
        break;
      if (c >= 0xD800 && c <= 0xDFFF)
        {
          g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                       "a UCS-2 field at offset %" G_GSIZE_FORMAT " holds a surrogate", offset);
          return FALSE;
        }
      g_string_append_unichar (text, c);
    }

  keep = text->len;
  while (keep > 0 && (text->str[keep - 1] == ' '))
    keep--;
  g_string_truncate (text, keep);
  *out = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

/**
 * idcard_wire_write_ucs2:
 *
 * Writes @text as UCS-2LE into a @size-byte field, padded with spaces.
 */
gboolean
idcard_wire_write_ucs2 (guint8 *buf,
                        gsize len,
                        gsize offset,
                        gsize size,
                        const char *text,
                        GError **error)
{
  gsize pos = 0;

  if (!check_range (len, offset, size, error))
    return FALSE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                           "text is not valid UTF-8");
      return FALSE;
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c > 0xFFFF)
        {
          g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                               "a character is outside UCS-2");
          return FALSE;
        }
      if (pos + 2 > size)
        {
          g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                       "text longer than the %" G_GSIZE_FORMAT "-character field", size / 2);
          return FALSE;
        }
      buf[offset + pos] = (guint8) (c & 0xff);
      buf[offset + pos + 1] = (guint8) (c >> 8);
      pos += 2;
    }
  for (; pos + 1 < size; pos += 2)
    {
      buf[offset + pos] = ' ';
      buf[offset + pos + 1] = 0;
    }
  return TRUE;
}

char *
idcard_wire_hexdump (const guint8 *buf, gsize len)
{
  GString *out = g_string_sized_new (len * 3);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, i == 0 ? "%02x" : " %02x", buf[i]);
  return g_string_free (out, FALSE);
}
