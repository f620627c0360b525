/* idcard-wlt-decoder.c: decodes WLT photos through a vendor library
 *
 * WLT is a proprietary format and no open decoder exists, so the only way to see a
 * card photo is a vendor library the operator installs and names in the configuration:
 *
 *   [photo-decoder]
 *   library=/opt/vendor/lib/libwlt.so
 *   symbol=unpack           # int unpack (char *wlt, char *pixels, int licence)
 *   licence=159             # vendor- and build-specific
 *   bgr=true                # pixel order the library writes (default true)
 *   bottom-up=true          # row order the library writes (default true)
 *
 * Vendor libraries are known to crash on bad input or a wrong licence code, so the
 * decoder is probed once, in a child process, before it is trusted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dlfcn.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "idcard-card.h"
#include "idcard-wlt-decoder.h"

#define PIXELS_SIZE (IDCARD_PHOTO_WIDTH * IDCARD_PHOTO_HEIGHT * 3)
/* some libraries write a whole BMP file, or past the end of a tight buffer */
#define OUTPUT_BUFFER_SIZE (64 * 1024)
#define DECODE_OK 1

typedef int (*WltUnpackFunc) (char *wlt, char *pixels, int licence);

struct _IdcardWltDecoder
{
  GObject parent_instance;

  void *handle;
  WltUnpackFunc unpack;
  int licence;
  IdcardWltDecoderFlags flags;
  GMutex lock; /* vendor libraries are not known to be thread-safe */
};

G_DEFINE_FINAL_TYPE (IdcardWltDecoder, idcard_wlt_decoder, G_TYPE_OBJECT)

static void
idcard_wlt_decoder_finalize (GObject *object)
{
  IdcardWltDecoder *self = IDCARD_WLT_DECODER (object);

  if (self->handle != NULL)
    dlclose (self->handle);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (idcard_wlt_decoder_parent_class)->finalize (object);
}

static void
idcard_wlt_decoder_class_init (IdcardWltDecoderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = idcard_wlt_decoder_finalize;
}

static void
idcard_wlt_decoder_init (IdcardWltDecoder *self)
{
  g_mutex_init (&self->lock);
}

/* Runs the library once on a blank photo in a child process: a crash there costs
 * nothing. */
static gboolean
probe (IdcardWltDecoder *self, GError **error)
{
  pid_t pid;
  int status = 0;

  pid = fork ();
  if (pid < 0)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_PHOTO_DECODER,
                   _ ("the photo decoder could not be tested: %s"), g_strerror (errno));
      return FALSE;
    }
  if (pid == 0)
    {
      static char wlt[IDCARD_PHOTO_WLT_SIZE];
      static char pixels[OUTPUT_BUFFER_SIZE];

      _exit (self->unpack (wlt, pixels, self->licence) == DECODE_OK ? 0 : 1);
    }
  while (waitpid (pid, &status, 0) < 0)
    {
      if (errno != EINTR)
        {
          g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_PHOTO_DECODER,
                       _ ("the photo decoder could not be tested: %s"), g_strerror (errno));
          return FALSE;
        }
    }
  if (WIFSIGNALED (status))
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_PHOTO_DECODER,
                   _ ("the photo decoder crashed in its self-test (signal %d); photos stay "
                      "undecoded"),
                   WTERMSIG (status));
      return FALSE;
    }
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_PHOTO_DECODER,
                           _ ("the photo decoder failed its self-test (a wrong licence code?); "
                              "photos stay undecoded"));
      return FALSE;
    }
  return TRUE;
}

/**
 * idcard_wlt_decoder_new:
 * @library: path of the vendor library
 * @symbol: (nullable): its decode function, `int f (char *wlt, char *pixels, int licence)`;
 *   "unpack" when %NULL
 * @licence: the vendor's licence argument
 *
 * Loads and probes the library.
 *
 * Returns: (transfer full): the decoder, or %NULL with %IDCARD_ERROR_PHOTO_DECODER
 */
IdcardWltDecoder *
idcard_wlt_decoder_new (const char *library,
                        const char *symbol,
                        int licence,
                        IdcardWltDecoderFlags flags,
                        GError **error)
{
  g_autoptr (IdcardWltDecoder) self = NULL;

  g_return_val_if_fail (library != NULL, NULL);

  if (symbol == NULL)
    symbol = IDCARD_WLT_DECODER_DEFAULT_SYMBOL;
  self = g_object_new (IDCARD_TYPE_WLT_DECODER, NULL);
  self->handle = dlopen (library, RTLD_NOW | RTLD_LOCAL);
  if (self->handle == NULL)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_PHOTO_DECODER,
                   _ ("the photo decoder library cannot be loaded: %s"), dlerror ());
      return NULL;
    }
  self->unpack = (WltUnpackFunc) dlsym (self->handle, symbol);
  if (self->unpack == NULL)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_PHOTO_DECODER,
                   _ ("the photo decoder library has no function “%s”"), symbol);
      return NULL;
    }
  self->licence = licence;
  self->flags = flags;
  if (!probe (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * idcard_wlt_decoder_new_from_key_file:
 *
 * Returns: (transfer full) (nullable): the decoder named in the [photo-decoder] group;
 *   %NULL without an error when none is configured
 */
IdcardWltDecoder *
idcard_wlt_decoder_new_from_key_file (GKeyFile *key_file, GError **error)
{
  const char *group = IDCARD_WLT_DECODER_CONFIG_GROUP;
  g_autofree char *library = NULL;
  g_autofree char *symbol = NULL;
  g_autoptr (GError) local_error = NULL;
  IdcardWltDecoderFlags flags = IDCARD_WLT_DECODER_FLAGS_NONE;
  int licence;

  library = g_key_file_get_string (key_file, group, "library", NULL);
  if (library == NULL || library[0] == '\0')
    return NULL;
  symbol = g_key_file_get_string (key_file, group, "symbol", NULL);
  licence = g_key_file_get_integer (key_file, group, "licence", &local_error);
  if (local_error != NULL &&
      !g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                   _ ("the photo decoder's licence is not a number: %s"), local_error->message);
      return NULL;
    }
  if (!g_key_file_has_key (key_file, group, "bgr", NULL) ||
      g_key_file_get_boolean (key_file, group, "bgr", NULL))
    flags |= IDCARD_WLT_DECODER_FLAGS_BGR;
  if (!g_key_file_has_key (key_file, group, "bottom-up", NULL) ||
      g_key_file_get_boolean (key_file, group, "bottom-up", NULL))
    flags |= IDCARD_WLT_DECODER_FLAGS_BOTTOM_UP;
  return idcard_wlt_decoder_new (library, symbol, licence, flags, error);
}

/**
 * idcard_wlt_decoder_decode:
 * @wlt: the 1024-byte photo of a card
 *
 * Returns: (transfer full): 102×126 pixels, RGB, rows top-down
 */
GBytes *
idcard_wlt_decoder_decode (IdcardWltDecoder *self, GBytes *wlt, GError **error)
{
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  guint8 *rgb;
  int rc;

  g_return_val_if_fail (IDCARD_IS_WLT_DECODER (self), NULL);
  g_return_val_if_fail (wlt != NULL, NULL);

  if (g_bytes_get_size (wlt) != IDCARD_PHOTO_WLT_SIZE)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                   "a WLT photo has %u bytes, not %" G_GSIZE_FORMAT, IDCARD_PHOTO_WLT_SIZE,
                   g_bytes_get_size (wlt));
      return NULL;
    }
  in = g_memdup2 (g_bytes_get_data (wlt, NULL), IDCARD_PHOTO_WLT_SIZE);
  out = g_malloc0 (OUTPUT_BUFFER_SIZE);
  g_mutex_lock (&self->lock);
  rc = self->unpack (in, out, self->licence);
  g_mutex_unlock (&self->lock);
  if (rc != DECODE_OK)
    {
      g_set_error (error, IDCARD_ERROR, IDCARD_ERROR_PHOTO_DECODER,
                   _ ("the photo decoder could not decode the photo (it returned %d)"), rc);
      return NULL;
    }

  rgb = g_malloc (PIXELS_SIZE);
  for (guint y = 0; y < IDCARD_PHOTO_HEIGHT; y++)
    {
      guint src_y =
          (self->flags & IDCARD_WLT_DECODER_FLAGS_BOTTOM_UP) ? IDCARD_PHOTO_HEIGHT - 1 - y : y;
      const guint8 *src = (const guint8 *) out + (gsize) src_y * IDCARD_PHOTO_WIDTH * 3;
      guint8 *dst = rgb + (gsize) y * IDCARD_PHOTO_WIDTH * 3;

      for (guint x = 0; x < IDCARD_PHOTO_WIDTH; x++)
        {
          gboolean bgr = (self->flags & IDCARD_WLT_DECODER_FLAGS_BGR) != 0;

          dst[x * 3 + 0] = src[x * 3 + (bgr ? 2 : 0)];
          dst[x * 3 + 1] = src[x * 3 + 1];
          dst[x * 3 + 2] = src[x * 3 + (bgr ? 0 : 2)];
        }
    }
  return g_bytes_new_take (rgb, PIXELS_SIZE);
}

static guint32
crc32_update (guint32 crc, const guint8 *buf, gsize len)
{
  static guint32 table[256];
  static gsize table_ready = 0;

  if (g_once_init_enter (&table_ready))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&table_ready, 1);
    }
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static void
append_u32_be (GByteArray *out, guint32 v)
{
  guint8 b[4] = { (guint8) (v >> 24), (guint8) (v >> 16), (guint8) (v >> 8), (guint8) v };

  g_byte_array_append (out, b, 4);
}

static void
append_chunk (GByteArray *out, const char *type, const guint8 *data, gsize len)
{
  guint32 crc;

  append_u32_be (out, (guint32) len);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (out, data, (guint) len);
  crc = crc32_update (0, (const guint8 *) type, 4);
  crc = crc32_update (crc, data, len);
  append_u32_be (out, crc);
}

/**
 * idcard_photo_rgb_to_png:
 * @rgb: 102×126 RGB pixels from idcard_wlt_decoder_decode()
 *
 * Returns: (transfer full): a PNG file
 */
GBytes *
idcard_photo_rgb_to_png (GBytes *rgb, GError **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  const gsize stride = IDCARD_PHOTO_WIDTH * 3;
  g_autoptr (GByteArray) raw = g_byte_array_new ();
  g_autoptr (GByteArray) png = g_byte_array_new ();
  g_autoptr (GZlibCompressor) compressor = NULL;
  g_autoptr (GBytes) compressed = NULL;
  const guint8 *pixels;
  GByteArray *ihdr;
  g_autoptr (GOutputStream) mem = NULL;
  g_autoptr (GOutputStream) zout = NULL;

  if (g_bytes_get_size (rgb) != PIXELS_SIZE)
    {
      g_set_error_literal (error, IDCARD_ERROR, IDCARD_ERROR_INVALID_DATA,
                           "the photo does not have 102×126 RGB pixels");
      return NULL;
    }
  pixels = g_bytes_get_data (rgb, NULL);
  for (guint y = 0; y < IDCARD_PHOTO_HEIGHT; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (raw, &filter, 1);
      g_byte_array_append (raw, pixels + y * stride, (guint) stride);
    }

  compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 6);
  mem = g_memory_output_stream_new_resizable ();
  zout = g_converter_output_stream_new (mem, G_CONVERTER (compressor));
  if (!g_output_stream_write_all (zout, raw->data, raw->len, NULL, NULL, error) ||
      !g_output_stream_close (zout, NULL, error))
    return NULL;
  compressed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));

  g_byte_array_append (png, signature, sizeof signature);
  ihdr = g_byte_array_new ();
  append_u32_be (ihdr, IDCARD_PHOTO_WIDTH);
  append_u32_be (ihdr, IDCARD_PHOTO_HEIGHT);
  g_byte_array_append (ihdr, (const guint8 *) "\x08\x02\x00\x00\x00", 5); /* 8-bit RGB */
  append_chunk (png, "IHDR", ihdr->data, ihdr->len);
  g_byte_array_unref (ihdr);
  append_chunk (png, "IDAT", g_bytes_get_data (compressed, NULL), g_bytes_get_size (compressed));
  append_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
