/* kiosk-illustration.h: a picture of the kiosk's own, drawn from pixels made
 * at build time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What bake-illustration writes before the pixels */
#define KIOSK_ILLUSTRATION_MAGIC "PIXELS1"

typedef struct
{
  char magic[8];
  guint32 width;  /* little-endian */
  guint32 height; /* little-endian */
} KioskIllustrationHeader;

#define KIOSK_TYPE_ILLUSTRATION (kiosk_illustration_get_type ())
G_DECLARE_FINAL_TYPE (KioskIllustration, kiosk_illustration, KIOSK, ILLUSTRATION, GObject)

KioskIllustration *kiosk_illustration_new (const char *name);
KioskIllustration *kiosk_illustration_new_from_bytes (GBytes *bytes);

G_END_DECLS
