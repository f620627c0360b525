/* kiosk-illustration.c: a picture of the kiosk's own, drawn from pixels made
 * at build time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The build turns each illustration's PNG into the pixels cairo draws
 * (bake-illustration.c), and this paintable draws them where they lie in
 * the program's resource data: nothing is decoded, converted or copied.
 * A GdkTexture would not do: GTK 4.8's cairo renderer converts a texture's
 * pixels each time it draws one, even pixels already in its own format
 * (docs/performance.md, "The welcome page's picture").
 */

#include "config.h"

#include <string.h>

#include "kiosk-illustration.h"

#define RESOURCE_FOLDER "/org/practitioner/Kiosk/ui/illustrations/"
#define LARGEST_SIDE 16384

struct _KioskIllustration
{
  GObject parent_instance;

  cairo_surface_t *surface; /* over the resource's bytes, which it holds */
  int width;
  int height;
};

static void kiosk_illustration_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskIllustration,
                               kiosk_illustration,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      kiosk_illustration_paintable_init))

static void
kiosk_illustration_snapshot (GdkPaintable *paintable,
                             GdkSnapshot *snapshot,
                             double width,
                             double height)
{
  KioskIllustration *self = KIOSK_ILLUSTRATION (paintable);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot),
                                  &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, width / self->width, height / self->height);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static int
kiosk_illustration_get_intrinsic_width (GdkPaintable *paintable)
{
  return KIOSK_ILLUSTRATION (paintable)->width;
}

static int
kiosk_illustration_get_intrinsic_height (GdkPaintable *paintable)
{
  return KIOSK_ILLUSTRATION (paintable)->height;
}

static GdkPaintableFlags
kiosk_illustration_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
kiosk_illustration_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = kiosk_illustration_snapshot;
  iface->get_intrinsic_width = kiosk_illustration_get_intrinsic_width;
  iface->get_intrinsic_height = kiosk_illustration_get_intrinsic_height;
  iface->get_flags = kiosk_illustration_get_flags;
}

static void
kiosk_illustration_finalize (GObject *object)
{
  KioskIllustration *self = KIOSK_ILLUSTRATION (object);

  cairo_surface_destroy (self->surface);
  G_OBJECT_CLASS (kiosk_illustration_parent_class)->finalize (object);
}

static void
kiosk_illustration_class_init (KioskIllustrationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kiosk_illustration_finalize;
}

static void
kiosk_illustration_init (KioskIllustration *self)
{
}

/* The pixels of @bytes, after a header that says they are what they should
 * be, or %NULL */
static const guint8 *
check_pixels (GBytes *bytes, guint32 *out_width, guint32 *out_height)
{
  KioskIllustrationHeader header;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (size < sizeof header)
    return NULL;
  /* copied: resource data promises no alignment for the header's numbers */
  memcpy (&header, data, sizeof header);
  *out_width = GUINT32_FROM_LE (header.width);
  *out_height = GUINT32_FROM_LE (header.height);
  if (memcmp (header.magic, KIOSK_ILLUSTRATION_MAGIC, sizeof header.magic) != 0 ||
      *out_width == 0 || *out_height == 0 || *out_width > LARGEST_SIDE ||
      *out_height > LARGEST_SIDE || size - sizeof header != (gsize) *out_width * *out_height * 4)
    return NULL;
  return data + sizeof header;
}

/**
 * kiosk_illustration_new_from_bytes:
 * @bytes: what bake-illustration wrote
 *
 * Returns: (transfer full) (nullable): the picture, or %NULL if @bytes
 *   are not one
 */
KioskIllustration *
kiosk_illustration_new_from_bytes (GBytes *bytes)
{
  static const cairo_user_data_key_t bytes_key;
  KioskIllustration *self;
  const guint8 *pixels;
  guint32 width, height;

  g_return_val_if_fail (bytes != NULL, NULL);

  pixels = check_pixels (bytes, &width, &height);
  /* cairo reads whole pixels: they must lie on a 4-byte boundary */
  if (pixels == NULL || GPOINTER_TO_SIZE (pixels) % 4 != 0)
    return NULL;

  self = g_object_new (KIOSK_TYPE_ILLUSTRATION, NULL);
  self->width = (int) width;
  self->height = (int) height;
  /* cairo only reads these pixels: nothing draws onto the surface */
  self->surface = cairo_image_surface_create_for_data ((guint8 *) pixels, CAIRO_FORMAT_ARGB32,
                                                       self->width, self->height, self->width * 4);
  cairo_surface_set_user_data (self->surface, &bytes_key, g_bytes_ref (bytes),
                               (cairo_destroy_func_t) g_bytes_unref);
  return self;
}

/**
 * kiosk_illustration_new:
 * @name: the illustration's name: its PNG's in ui/illustrations/, without
 *   the ".png"
 *
 * Returns: (transfer full) (nullable): the picture, or %NULL (with a
 *   warning) if the program was built without it or with a damaged one
 */
KioskIllustration *
kiosk_illustration_new (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_FOLDER, name, ".pixels", NULL);
  g_autoptr (GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  KioskIllustration *self = bytes != NULL ? kiosk_illustration_new_from_bytes (bytes) : NULL;

  if (self == NULL)
    g_warning ("the program's illustration %s is missing or damaged", name);
  return self;
}
