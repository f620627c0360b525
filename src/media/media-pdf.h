/* media-pdf.h: a PDF read by the contained renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "media-pdf-limits.h"

G_BEGIN_DECLS

#define MEDIA_PDF_ERROR (media_pdf_error_quark ())

typedef enum
{
  /* the renderer says the file is no PDF it can read */
  MEDIA_PDF_ERROR_UNREADABLE,
  /* the renderer died (a crash, a limit hit) or was killed at the timeout */
  MEDIA_PDF_ERROR_ABORTED,
  /* the renderer cannot be started: an installation fault */
  MEDIA_PDF_ERROR_NO_RENDERER,
} MediaPdfError;

GQuark media_pdf_error_quark (void);

typedef struct
{
  int width;
  int height;
  /* cairo ARGB32 in native byte order (GDK_MEMORY_DEFAULT), width × 4 a row */
  GBytes *pixels;
} MediaPdfImage;

typedef struct
{
  guint n_pages;
  /* --clean: the pages drawn again, or %NULL */
  GBytes *clean;
  /* MediaPdfImage, one per render asked for, in order */
  GPtrArray *images;
} MediaPdfResult;

void media_pdf_result_free (MediaPdfResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MediaPdfResult, media_pdf_result_free)

typedef struct
{
  /* stop after counting the pages when there are more (0: no limit) */
  guint max_pages;
  gboolean clean;
  /* pages to draw, each fitted in width × height */
  guint n_renders;
  struct
  {
    guint page;
    int width;
    int height;
  } renders[4];
} MediaPdfRequest;

char *media_pdf_find_renderer (const char *installed, const char *built);

gsize media_pdf_answer_limit (const MediaPdfRequest *request);
MediaPdfResult *media_pdf_parse_answer (GBytes *answer, GError **error);

MediaPdfResult *media_pdf_run (const char *renderer,
                               GBytes *pdf,
                               const MediaPdfRequest *request,
                               GCancellable *cancellable,
                               GError **error);

G_END_DECLS
