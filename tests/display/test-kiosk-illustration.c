/* test-kiosk-illustration.c: the kiosk's pictures, drawn from the pixels the
 * build made, look as their PNGs do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "kiosk-illustration.h"

/* @paintable drawn at @width × @height by the cairo renderer's own code */
static cairo_surface_t *
draw (GdkPaintable *paintable, int width, int height)
{
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The largest difference of any byte of two drawings of one size */
static int
largest_difference (cairo_surface_t *a, cairo_surface_t *b)
{
  int height = cairo_image_surface_get_height (a);
  int row_bytes = cairo_image_surface_get_width (a) * 4;
  int largest = 0;

  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  g_assert_cmpint (cairo_image_surface_get_width (b) * 4, ==, row_bytes);
  for (int y = 0; y < height; y++)
    {
      const guint8 *ra = cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a);
      const guint8 *rb = cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b);

      for (int x = 0; x < row_bytes; x++)
        largest = MAX (largest, ABS (ra[x] - rb[x]));
    }
  return largest;
}

/* Each illustration has its PNG's size and, drawn at that size and at
 * another, its PNG's pixels: the build's pixels are the PNG's, in the
 * format and order cairo draws. */
static void
test_as_the_png (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_strdup_printf ("%s/%s.png", ILLUSTRATIONS_DIR, name);
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) png = gdk_texture_new_from_filename (path, &error);
  g_autoptr (KioskIllustration) illustration = kiosk_illustration_new (name);
  int width, height;

  g_assert_no_error (error);
  g_assert_nonnull (illustration);
  width = gdk_texture_get_width (png);
  height = gdk_texture_get_height (png);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (illustration)), ==, width);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (GDK_PAINTABLE (illustration)), ==, height);
  g_assert_true (gdk_paintable_get_flags (GDK_PAINTABLE (illustration)) &
                 GDK_PAINTABLE_STATIC_SIZE);

  for (int scale = 2; scale <= 4; scale += 2)
    {
      /* whole size, then half: a picture is drawn smaller on a small screen */
      int w = width * 2 / scale, h = height * 2 / scale;
      cairo_surface_t *expected = draw (GDK_PAINTABLE (png), w, h);
      cairo_surface_t *drawn = draw (GDK_PAINTABLE (illustration), w, h);

      /* the same at the whole size; within a step of the scaling's
       * rounding at half */
      g_assert_cmpint (largest_difference (expected, drawn), <=, scale == 2 ? 0 : 2);
      cairo_surface_destroy (expected);
      cairo_surface_destroy (drawn);
    }
}

static GBytes *
baked (guint32 width, guint32 height, gsize pixel_bytes, const char *magic)
{
  KioskIllustrationHeader header = { "", GUINT32_TO_LE (width), GUINT32_TO_LE (height) };
  guint8 *data = g_malloc0 (sizeof header + pixel_bytes);

  memcpy (header.magic, magic, sizeof header.magic);
  memcpy (data, &header, sizeof header);
  return g_bytes_new_take (data, sizeof header + pixel_bytes);
}

/* Bytes that are not what the build writes give no picture, and nothing is
 * read past their end. */
static void
test_damaged (void)
{
  g_autoptr (GBytes) good = baked (3, 2, 3 * 2 * 4, KIOSK_ILLUSTRATION_MAGIC);
  g_autoptr (KioskIllustration) picture = kiosk_illustration_new_from_bytes (good);
  struct
  {
    const char *what;
    GBytes *bytes;
  } damaged[] = {
    { "empty", g_bytes_new_static ("", 0) },
    { "a header cut short",
      g_bytes_new_from_bytes (good, 0, sizeof (KioskIllustrationHeader) - 1) },
    { "the last pixel missing", g_bytes_new_from_bytes (good, 0, g_bytes_get_size (good) - 4) },
    { "a pixel too many", baked (3, 2, 3 * 2 * 4 + 4, KIOSK_ILLUSTRATION_MAGIC) },
    { "another format", baked (3, 2, 3 * 2 * 4, "PIXELS2") },
    { "no width", baked (0, 2, 0, KIOSK_ILLUSTRATION_MAGIC) },
    { "no height", baked (3, 0, 0, KIOSK_ILLUSTRATION_MAGIC) },
    /* 65536 × 65536 × 4 is 2^34, which 32 bits would read as 0 */
    { "sides too long", baked (65536, 65536, 0, KIOSK_ILLUSTRATION_MAGIC) },
  };

  g_assert_nonnull (picture);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (picture)), ==, 3);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (GDK_PAINTABLE (picture)), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr (KioskIllustration) none = kiosk_illustration_new_from_bytes (damaged[i].bytes);

      if (none != NULL)
        g_error ("%s: taken as a picture", damaged[i].what);
      g_bytes_unref (damaged[i].bytes);
    }
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/illustration/as-the-png/place-card", "place-card", test_as_the_png);
  g_test_add_data_func ("/illustration/as-the-png/silhouette", "silhouette", test_as_the_png);
  g_test_add_func ("/illustration/damaged", test_damaged);
  return g_test_run ();
}
