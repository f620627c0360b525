/* fuzz-pdf-answer.c: libFuzzer target over the PDF renderer's answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderer is a process that read a stranger's PDF; if the PDF took
 * poppler over, its answer is the stranger's too. Whatever the bytes: no
 * crash, no read outside them, and an answer is either refused with a
 * MEDIA_PDF_ERROR whose message is plain printable text (it goes to logs),
 * or holds only images whose pixels are exactly their width × height × 4
 * bytes within the side limit, and a clean PDF that lies within the
 * answer.
 */

#include "config.h"

#include <stdint.h>

#include "media-pdf-limits.h"
#include "media-pdf.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* where the pixels are added up, so that reading them is not left out */
static volatile guint8 pixel_sum;

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* a copy of its own, so that the sanitizer sees a read past the end */
  g_autoptr (GBytes) answer = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (MediaPdfResult) result = media_pdf_parse_answer (answer, &error);

  if (result == NULL)
    {
      if (error == NULL || error->domain != MEDIA_PDF_ERROR)
        __builtin_trap ();
      /* the message goes to logs: nothing of the answer but plain words */
      for (const char *c = error->message; *c != '\0'; c++)
        if ((guchar) *c < 0x20 || (guchar) *c >= 0x7f)
          __builtin_trap ();
      return 0;
    }
  if (error != NULL || result->images == NULL)
    __builtin_trap ();
  if (result->clean != NULL && g_bytes_get_size (result->clean) > size)
    __builtin_trap ();
  for (guint i = 0; i < result->images->len; i++)
    {
      MediaPdfImage *image = g_ptr_array_index (result->images, i);
      gsize length;
      const guint8 *pixels = g_bytes_get_data (image->pixels, &length);

      if (image->width < 1 || image->height < 1 || image->width > MEDIA_PDF_MAX_SIDE ||
          image->height > MEDIA_PDF_MAX_SIDE ||
          length != (gsize) image->width * (gsize) image->height * 4)
        __builtin_trap ();
      /* every pixel is there to be read, as the registry and the kiosk do */
      for (gsize at = 0; at < length; at++)
        pixel_sum += pixels[at];
    }
  return 0;
}
