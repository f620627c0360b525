/* registry-media.h: what an uploaded file is, judged from its bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest file an attachment route takes (the route's body size). */
#define REGISTRY_MEDIA_MAX_SIZE (10 * 1024 * 1024)
/* A picture of more pixels is refused before it is decoded. */
#define REGISTRY_MEDIA_MAX_PIXELS (50 * 1000 * 1000)
/* Pictures are stored at most this many pixels on their long side: an A4
 * page at about 250 dpi, and a bound on what a decode holds in memory. */
#define REGISTRY_MEDIA_MAX_SIDE 3000
#define REGISTRY_MEDIA_THUMBNAIL_SIDE 320
#define REGISTRY_MEDIA_MAX_PAGES 20

/**
 * RegistryMedia:
 * @media_type: "image/jpeg", "image/png" or "application/pdf", from the bytes
 * @content: what is stored: a picture decoded and encoded again (nothing of
 *   the original's metadata survives), a PDF as it came
 * @thumbnail: a JPEG of at most REGISTRY_MEDIA_THUMBNAIL_SIDE pixels
 * @pages: a PDF's pages; 1 for a picture
 * @qr_text: (nullable): the first QR code found, when asked for
 *
 * An uploaded file that passed every check.
 */
typedef struct
{
  const char *media_type;
  GBytes *content;
  GBytes *thumbnail;
  int pages;
  char *qr_text;
} RegistryMedia;

RegistryMedia *registry_media_new_from_bytes (GBytes *bytes, gboolean read_qr, GError **error);
void registry_media_free (RegistryMedia *media);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegistryMedia, registry_media_free)

const char *registry_media_sniff (GBytes *bytes);
const char *registry_media_type_extension (const char *media_type);

G_END_DECLS
