/* fuzz-registry-media.c: libFuzzer target over the judging of uploaded files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes to what every upload meets (registry-media.c): the
 * type from the first bytes, the PNG header read by hand, the JPEG end
 * check, the decoders' size callback, re-encoding, the thumbnail, the PDF
 * renderer's answer (poppler itself runs in the renderer's process, outside
 * this fuzzer's instrumentation), and the QR code scan. Whatever comes in, the
 * answer is a file to store or one of the refusals, never anything else.
 */

#include "config.h"

#include <stdint.h>

#include "core-api-error.h"
#include "registry-media.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
quiet_log (const char *domain, GLogLevelFlags level, const char *message, gpointer user_data)
{
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean quiet = FALSE;
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (RegistryMedia) media = NULL;

  if (!quiet)
    {
      /* the decoders warn about broken files; that is what they get here */
      g_log_set_default_handler (quiet_log, NULL);
      quiet = TRUE;
    }
  media = registry_media_new_from_bytes (bytes, size % 2 == 0, &error);
  if (media == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == CORE_API_ERROR);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (media->content);
  g_assert_nonnull (media->thumbnail);
  g_assert_cmpint (media->pages, >=, 1);
  g_assert_cmpint (media->pages, <=, REGISTRY_MEDIA_MAX_PAGES);
  g_assert_true (g_bytes_get_size (media->content) <= REGISTRY_MEDIA_MAX_SIZE);
  return 0;
}
