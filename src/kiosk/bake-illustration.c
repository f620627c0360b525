/* bake-illustration.c: a build step; turns an illustration's PNG into the
 * pixels a renderer draws, so the kiosk decodes nothing at run time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bake-illustration IN.png OUT.pixels
 *
 * Decoding the welcome page's PNG and converting it to cairo's pixel format
 * was a sixth of what the kiosk's main thread did before its first frame
 * beyond a minimal window (docs/performance.md). OUT is what
 * kiosk-illustration.c reads: the header below, then the rows of
 * GDK_MEMORY_DEFAULT pixels (premultiplied, in the build machine's byte
 * order, as cairo's ARGB32), each WIDTH * 4 bytes.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "kiosk-illustration.h"

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GByteArray) out = g_byte_array_new ();
  KioskIllustrationHeader header = { KIOSK_ILLUSTRATION_MAGIC, 0, 0 };
  gsize row_bytes;

  if (argc != 3)
    {
      g_printerr ("usage: %s IN.png OUT.pixels\n", argv[0]);
      return 2;
    }
  texture = gdk_texture_new_from_filename (argv[1], &error);
  if (texture == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  header.width = GUINT32_TO_LE (gdk_texture_get_width (texture));
  header.height = GUINT32_TO_LE (gdk_texture_get_height (texture));
  row_bytes = (gsize) gdk_texture_get_width (texture) * 4;
  g_byte_array_append (out, (const guint8 *) &header, sizeof header);
  g_byte_array_set_size (out, sizeof header + row_bytes * gdk_texture_get_height (texture));
  gdk_texture_download (texture, out->data + sizeof header, row_bytes);

  if (!g_file_set_contents (argv[2], (const char *) out->data, out->len, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
