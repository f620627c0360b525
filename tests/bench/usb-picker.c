/* usb-picker.c: how soon a USB stick's files are on the screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A folder stands for a stick with as many files as the picker lists (48):
 * half 12-megapixel phone photos (JPEG, some 3 MiB each), half two-page
 * PDFs. The picker walks it as it walks a stick, then draws each thumbnail
 * as its worker does (a PDF's in the renderer process). Prints figures,
 * asserts nothing:
 *   usb-list: time until the list, with a spinner per tile, can be shown
 *   usb-first-thumbnail: time until the first tile has its picture
 *   usb-all-thumbnails: time until every tile has its picture; before the
 *     list came first, the person saw nothing but the page's spinner until
 *     then
 */

#include "config.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "kiosk-usb-picker-page-private.h"

#define N_FILES 48
#define RUNS 3

static void
write_photo (const char *path)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4000, 3000);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autoptr (GError) error = NULL;

  /* noise, so that the JPEG is as large as a photo's */
  for (int y = 0; y < 3000; y++)
    for (int x = 0; x < 4000 * 3; x++)
      pixels[y * stride + x] = (guint8) g_random_int ();
  if (!gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "60", NULL))
    g_error ("writing a photo: %s", error->message);
}

static void
write_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int page = 0; page < 2; page++)
    {
      for (int line = 0; line < 40; line++)
        {
          cairo_rectangle (cr, 60, 60 + 18 * line, 300 + 4 * line, 8);
          cairo_fill (cr);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static double
ms_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

int
main (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("usb-picker-bench-XXXXXX", &error);
  g_autoptr (GFile) root = NULL;
  double list_ms[RUNS], first_ms[RUNS], all_ms[RUNS];

  if (dir == NULL)
    g_error ("a folder: %s", error->message);
  for (int i = 0; i < N_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf (i % 2 == 0 ? "photo-%02d.jpg" : "scan-%02d.pdf", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (i % 2 == 0)
        write_photo (path);
      else
        write_pdf (path);
    }
  root = g_file_new_for_path (dir);

  for (int run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_auto (GStrv) listed = kiosk_usb_picker_list_drive (root);

      list_ms[run] = ms_since (start);
      if (g_strv_length (listed) != N_FILES)
        g_error ("listed %u files of %d", g_strv_length (listed), N_FILES);
      for (guint i = 0; listed[i] != NULL; i++)
        {
          g_autoptr (GdkTexture) thumbnail =
              kiosk_usb_picker_draw_thumbnail (dir, listed[i], NULL, &error);

          if (thumbnail == NULL)
            g_error ("drawing %s: %s", listed[i], error->message);
          if (i == 0)
            first_ms[run] = ms_since (start);
        }
      all_ms[run] = ms_since (start);
      g_print ("run %d: list %.1f ms, first thumbnail %.1f ms, all %.1f ms\n", run + 1,
               list_ms[run], first_ms[run], all_ms[run]);
    }

  /* the best of the runs: the machine's other work only ever adds */
  for (int run = 1; run < RUNS; run++)
    {
      list_ms[0] = MIN (list_ms[0], list_ms[run]);
      first_ms[0] = MIN (first_ms[0], first_ms[run]);
      all_ms[0] = MIN (all_ms[0], all_ms[run]);
    }
  g_print ("figure: usb-list %.1f ms (%d files; the tiles show with a spinner each)\n", list_ms[0],
           N_FILES);
  g_print ("figure: usb-first-thumbnail %.1f ms\n", first_ms[0]);
  g_print ("figure: usb-all-thumbnails %.1f ms (what the person waited for before the list)\n",
           all_ms[0]);

  for (int i = 0; i < N_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf (i % 2 == 0 ? "photo-%02d.jpg" : "scan-%02d.pdf", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  return 0;
}
