/* idcard-wire-private.h: bounds-checked reads and writes of wire data
 *
 * Every byte that came from a reader, a card or a file goes through these functions;
 * none of them reads or writes outside [0, len).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean
idcard_wire_read_u8 (const guint8 *buf, gsize len, gsize offset, guint8 *out, GError **error);
gboolean
idcard_wire_read_u16_be (const guint8 *buf, gsize len, gsize offset, guint16 *out, GError **error);
gboolean
idcard_wire_read_u16_le (const guint8 *buf, gsize len, gsize offset, guint16 *out, GError **error);
gboolean
idcard_wire_read_u32_le (const guint8 *buf, gsize len, gsize offset, guint32 *out, GError **error);
gboolean idcard_wire_read_ucs2 (const guint8 *buf,
                                gsize len,
                                gsize offset,
                                gsize size,
                                char **out,
                                GError **error);
gboolean idcard_wire_write_ucs2 (guint8 *buf,
                                 gsize len,
                                 gsize offset,
                                 gsize size,
                                 const char *text,
                                 GError **error);
gboolean idcard_wire_copy (const guint8 *buf,
                           gsize len,
                           gsize offset,
                           gsize size,
                           guint8 *out,
                           GError **error);

char *idcard_wire_hexdump (const guint8 *buf, gsize len);

G_END_DECLS
