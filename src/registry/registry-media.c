/* registry-media.c: what an uploaded file is, judged from its bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An attachment is whatever its first bytes say, never what its
 * Content-Type or name claims: JPEG, PNG or PDF, nothing else. Pictures are
 * decoded (gdk-pixbuf) and encoded again from their pixels, so EXIF (GPS,
 * camera, owner names), XMP, comments and text chunks of the original never
 * reach the database; the EXIF orientation is applied first, so a phone
 * photo stays upright without it. PDFs must open and have at most
 * REGISTRY_MEDIA_MAX_PAGES pages; what is stored is each page drawn again
 * into a new PDF made by cairo, so the original's document information
 * (author, title, creator tool, file names), XMP packet, attachments,
 * scripts, form fields and its images' own bytes (a JPEG's EXIF) never reach
 * the database, and the pages keep their text and vectors. Poppler never
 * runs in the registry: the PDF renderer (src/media) does all of it in a
 * process of its own, limited in memory and time, and a renderer that
 * crashes, hits a limit or is stopped makes the file FILE_DAMAGED. Every
 * refusal is a CORE_API_ERROR code a person can act on. The thumbnail is
 * made here, once, at upload.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>
#include <zbar.h>

#include "core-api-error.h"
#include "media-pdf.h"
#include "registry-media.h"

/* PDF pages are rendered this many pixels on their long side to look for
 * the form's QR code: enough for a code printed a few centimetres wide. */
#define QR_RENDER_SIDE 2000
/* A PNG is decoded at full size before it is scaled (its loader cannot
 * scale while decoding), so it gets a lower bound than a JPEG: an A4 page
 * scanned at 400 dpi still fits. */
#define MAX_PNG_PIXELS (16 * 1000 * 1000)
/* QR codes are looked for on a copy this size first: faster, and as good
 * for a code a few centimetres wide on a photo of a page. */
#define QR_FIRST_SIDE 1600
#define JPEG_QUALITY "90"
#define THUMBNAIL_QUALITY "80"

static const guchar png_signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/**
 * registry_media_sniff:
 *
 * Returns: (nullable): "image/jpeg", "image/png" or "application/pdf" as
 *   the first bytes of @bytes say, or %NULL for anything else
 */
const char *
registry_media_sniff (GBytes *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (size >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    return "image/png";
  if (size >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return "application/pdf";
  return NULL;
}

/**
 * registry_media_type_extension:
 *
 * Returns: the file name extension for @media_type, for Content-Disposition
 */
const char *
registry_media_type_extension (const char *media_type)
{
  if (g_strcmp0 (media_type, "image/jpeg") == 0)
    return "jpg";
  if (g_strcmp0 (media_type, "image/png") == 0)
    return "png";
  return "pdf";
}

void
registry_media_free (RegistryMedia *media)
{
  if (media == NULL)
    return;
  g_clear_pointer (&media->content, g_bytes_unref);
  g_clear_pointer (&media->thumbnail, g_bytes_unref);
  g_free (media->qr_text);
  g_free (media);
}

/* Returns %NULL, for the functions below that return what they made. */
static gpointer
refuse (GError **error, CoreApiError code)
{
  g_set_error_literal (error, CORE_API_ERROR, code, core_api_error_get_message (code));
  return NULL;
}

/* ---- pictures ---- */

/* Width and height from the IHDR chunk, which a valid PNG has first. */
static gboolean
png_dimensions (GBytes *bytes, guint32 *width, guint32 *height)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  if (size < 24 || memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;
  *width = (guint32) data[16] << 24 | (guint32) data[17] << 16 | (guint32) data[18] << 8 | data[19];
  *height =
      (guint32) data[20] << 24 | (guint32) data[21] << 16 | (guint32) data[22] << 8 | data[23];
  return TRUE;
}

typedef struct
{
  gboolean too_large;
} SizeCheck;

/* Refuses a picture of too many pixels before its pixels are decoded, and
 * has a large one decoded scaled down. A JPEG decodes at 1/2, 1/4 or 1/8
 * directly, so a size of exactly that is asked for: the full size is then
 * never held in memory (a 4032-pixel phone photo is kept at 2016). */
static void
size_prepared_cb (GdkPixbufLoader *loader, int width, int height, gpointer user_data)
{
  SizeCheck *check = user_data;
  int side = MAX (width, height);
  int denominator = 1;

  if ((gint64) width * height > REGISTRY_MEDIA_MAX_PIXELS)
    {
      check->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
      return;
    }
  if (side <= REGISTRY_MEDIA_MAX_SIDE)
    return;
  while (denominator < 8 && side / denominator > REGISTRY_MEDIA_MAX_SIDE)
    denominator *= 2;
  if (side / denominator <= REGISTRY_MEDIA_MAX_SIDE)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (width + denominator - 1) / denominator),
                                MAX (1, (height + denominator - 1) / denominator));
  else
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) ((gint64) width * REGISTRY_MEDIA_MAX_SIDE / side)),
                                MAX (1, (int) ((gint64) height * REGISTRY_MEDIA_MAX_SIDE / side)));
}

/* A JPEG ends with its EOI marker; libjpeg fills a cut-off picture with grey
 * and only warns, so the end is checked here (padding after it is allowed). */
static gboolean
jpeg_is_complete (GBytes *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  while (size > 2 && data[size - 1] == 0x00)
    size--;
  return size >= 4 && data[size - 2] == 0xff && data[size - 1] == 0xd9;
}

static GdkPixbuf *
decode_picture (GBytes *bytes, const char *media_type, GError **error)
{
  g_autoptr (GdkPixbufLoader) loader = NULL;
  g_autoptr (GError) load_error = NULL;
  SizeCheck check = { FALSE };
  gboolean png = g_str_equal (media_type, "image/png");
  guint32 width, height;
  GdkPixbuf *pixbuf;

  if (png)
    {
      if (!png_dimensions (bytes, &width, &height))
        return refuse (error, CORE_API_ERROR_FILE_DAMAGED);
      if ((guint64) width * height > MAX_PNG_PIXELS)
        return refuse (error, CORE_API_ERROR_IMAGE_TOO_LARGE);
    }
  else if (!jpeg_is_complete (bytes))
    return refuse (error, CORE_API_ERROR_FILE_DAMAGED);

  loader = gdk_pixbuf_loader_new_with_type (png ? "png" : "jpeg", &load_error);
  if (loader == NULL)
    {
      g_set_error (error, CORE_API_ERROR, CORE_API_ERROR_INTERNAL, "no %s decoder: %s", media_type,
                   load_error->message);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &check);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &load_error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return refuse (error, check.too_large ? CORE_API_ERROR_IMAGE_TOO_LARGE
                                            : CORE_API_ERROR_FILE_DAMAGED);
    }
  if (!gdk_pixbuf_loader_close (loader, &load_error) || check.too_large)
    return refuse (error,
                   check.too_large ? CORE_API_ERROR_IMAGE_TOO_LARGE : CORE_API_ERROR_FILE_DAMAGED);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    return refuse (error, CORE_API_ERROR_FILE_DAMAGED);
  /* the EXIF orientation goes with the EXIF: turn the pixels instead */
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

static GBytes *
encode (GdkPixbuf *pixbuf, const char *media_type, const char *quality, GError **error)
{
  g_autoptr (GError) save_error = NULL;
  gchar *buffer = NULL;
  gsize length = 0;
  gboolean ok;

  if (g_str_equal (media_type, "image/png"))
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &save_error, "compression",
                                    "6", NULL);
  else
    {
      g_autoptr (GdkPixbuf) opaque = NULL;

      /* JPEG has no alpha channel */
      if (gdk_pixbuf_get_has_alpha (pixbuf))
        {
          opaque = gdk_pixbuf_composite_color_simple (
              pixbuf, gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
              GDK_INTERP_NEAREST, 255, 16, 0xffffffu, 0xffffffu);
          pixbuf = opaque;
        }
      ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", &save_error, "quality",
                                      quality, NULL);
    }
  if (!ok)
    {
      g_set_error (error, CORE_API_ERROR, CORE_API_ERROR_INTERNAL, "encoding %s: %s", media_type,
                   save_error->message);
      return NULL;
    }
  return g_bytes_new_take (buffer, length);
}

static GdkPixbuf *
scale_to_side (GdkPixbuf *pixbuf, int side)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int longest = MAX (width, height);

  if (longest <= side)
    return g_object_ref (pixbuf);
  return gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) ((gint64) width * side / longest)),
                                  MAX (1, (int) ((gint64) height * side / longest)),
                                  GDK_INTERP_BILINEAR);
}

static GBytes *
make_thumbnail (GdkPixbuf *pixbuf, GError **error)
{
  g_autoptr (GdkPixbuf) small = scale_to_side (pixbuf, REGISTRY_MEDIA_THUMBNAIL_SIDE);

  return encode (small, "image/jpeg", THUMBNAIL_QUALITY, error);
}

/* ---- QR codes ---- */

static GdkPixbuf *scale_to_side (GdkPixbuf *pixbuf, int side);

/* The first QR code zbar finds in the picture, or %NULL. */
static char *
scan_qr (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);
  g_autofree guchar *gray = g_malloc ((gsize) width * height);
  zbar_image_scanner_t *scanner;
  zbar_image_t *image;
  const zbar_symbol_t *symbol;
  char *text = NULL;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + (gsize) y * stride + (gsize) x * channels;
        gray[(gsize) y * width + x] = (guchar) ((p[0] * 77 + p[1] * 150 + p[2] * 29) >> 8);
      }

  scanner = zbar_image_scanner_create ();
  zbar_image_scanner_set_config (scanner, 0, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  image = zbar_image_create ();
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, (unsigned) width, (unsigned) height);
  zbar_image_set_data (image, gray, (unsigned long) width * height, NULL);
  if (zbar_scan_image (scanner, image) > 0)
    {
      for (symbol = zbar_image_first_symbol (image); symbol != NULL && text == NULL;
           symbol = zbar_symbol_next (symbol))
        {
          if (zbar_symbol_get_type (symbol) == ZBAR_QRCODE)
            text = g_strndup (zbar_symbol_get_data (symbol), zbar_symbol_get_data_length (symbol));
        }
    }
  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
  return text;
}

/* On a smaller copy first, then on the picture itself. */
static char *
read_qr (GdkPixbuf *pixbuf)
{
  g_autoptr (GdkPixbuf) small = scale_to_side (pixbuf, QR_FIRST_SIDE);
  char *text = scan_qr (small);

  if (text == NULL && small != pixbuf)
    text = scan_qr (pixbuf);
  return text;
}

/* ---- PDFs ---- */

/* A page the renderer drew (cairo ARGB32 on white) as an RGB pixbuf. */
static GdkPixbuf *
image_to_pixbuf (const MediaPdfImage *image)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, image->width, image->height);
  guchar *out = gdk_pixbuf_get_pixels (pixbuf);
  int out_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guchar *data = g_bytes_get_data (image->pixels, NULL);

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + ((gsize) y * image->width + x) * 4);
        guchar *o = out + (gsize) y * out_stride + (gsize) x * 3;
        o[0] = (pixel >> 16) & 0xff;
        o[1] = (pixel >> 8) & 0xff;
        o[2] = pixel & 0xff;
      }
  return pixbuf;
}

static char *
find_renderer (void)
{
  return media_pdf_find_renderer (REGISTRY_PDF_RENDERER, REGISTRY_PDF_RENDERER_BUILT);
}

/* The renderer counts the pages, draws them into a clean PDF and draws the
 * first one for the thumbnail (and the QR code) in one run. */
static RegistryMedia *
check_pdf (GBytes *bytes, gboolean want_qr, GError **error)
{
  g_autofree char *renderer = find_renderer ();
  MediaPdfRequest request = {
    .max_pages = REGISTRY_MEDIA_MAX_PAGES,
    .clean = TRUE,
    .n_renders = want_qr ? 2 : 1,
    .renders = { { 0, REGISTRY_MEDIA_THUMBNAIL_SIDE, REGISTRY_MEDIA_THUMBNAIL_SIDE },
                 { 0, QR_RENDER_SIDE, QR_RENDER_SIDE } },
  };
  g_autoptr (GError) run_error = NULL;
  g_autoptr (MediaPdfResult) result = NULL;
  g_autoptr (RegistryMedia) media = NULL;
  g_autoptr (GdkPixbuf) thumbnail = NULL;

  result = media_pdf_run (renderer, bytes, &request, NULL, &run_error);
  if (result == NULL)
    {
      if (g_error_matches (run_error, MEDIA_PDF_ERROR, MEDIA_PDF_ERROR_NO_RENDERER))
        {
          g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_INTERNAL, run_error->message);
          return NULL;
        }
      /* the file's fault, whether the renderer said so or died of it */
      g_message ("a PDF was refused: %s", run_error->message);
      return refuse (error, CORE_API_ERROR_FILE_DAMAGED);
    }
  if (result->n_pages > REGISTRY_MEDIA_MAX_PAGES)
    return refuse (error, CORE_API_ERROR_PDF_TOO_MANY_PAGES);
  if (result->n_pages < 1 || result->clean == NULL || result->images->len != request.n_renders)
    return refuse (error, CORE_API_ERROR_FILE_DAMAGED);
  /* drawn again, a PDF may grow: what is stored has to fit all the same */
  if (g_bytes_get_size (result->clean) > REGISTRY_MEDIA_MAX_SIZE)
    return refuse (error, CORE_API_ERROR_PAYLOAD_TOO_LARGE);

  media = g_new0 (RegistryMedia, 1);
  media->media_type = "application/pdf";
  media->content = g_bytes_ref (result->clean);
  media->pages = (int) result->n_pages;
  thumbnail = image_to_pixbuf (g_ptr_array_index (result->images, 0));
  media->thumbnail = encode (thumbnail, "image/jpeg", THUMBNAIL_QUALITY, error);
  if (media->thumbnail == NULL)
    return NULL;
  if (want_qr)
    {
      g_autoptr (GdkPixbuf) large = image_to_pixbuf (g_ptr_array_index (result->images, 1));
      media->qr_text = read_qr (large);
    }
  return g_steal_pointer (&media);
}

/**
 * registry_media_new_from_bytes:
 * @bytes: an uploaded file, as it came
 * @read_qr: whether to look for a QR code (on a PDF's first page)
 *
 * Judges @bytes by their content and makes what is to be stored.
 *
 * Returns: (transfer full): the file to store, or %NULL with a
 *   CORE_API_ERROR: FILE_TYPE_REFUSED, FILE_DAMAGED, IMAGE_TOO_LARGE,
 *   PDF_TOO_MANY_PAGES, PAYLOAD_TOO_LARGE (or INTERNAL)
 */
RegistryMedia *
registry_media_new_from_bytes (GBytes *bytes, gboolean want_qr, GError **error)
{
  const char *media_type = registry_media_sniff (bytes);
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  g_autoptr (RegistryMedia) media = NULL;

  if (g_bytes_get_size (bytes) > REGISTRY_MEDIA_MAX_SIZE)
    return refuse (error, CORE_API_ERROR_PAYLOAD_TOO_LARGE);
  if (media_type == NULL)
    return refuse (error, CORE_API_ERROR_FILE_TYPE_REFUSED);
  if (g_str_equal (media_type, "application/pdf"))
    return check_pdf (bytes, want_qr, error);

  pixbuf = decode_picture (bytes, media_type, error);
  if (pixbuf == NULL)
    return NULL;
  media = g_new0 (RegistryMedia, 1);
  media->media_type = media_type;
  media->pages = 1;
  media->content = encode (pixbuf, media_type, JPEG_QUALITY, error);
  if (media->content == NULL)
    return NULL;
  /* a picture made larger by its new encoding still has to fit */
  if (g_bytes_get_size (media->content) > REGISTRY_MEDIA_MAX_SIZE)
    return refuse (error, CORE_API_ERROR_IMAGE_TOO_LARGE);
  media->thumbnail = make_thumbnail (pixbuf, error);
  if (media->thumbnail == NULL)
    return NULL;
  if (want_qr)
    media->qr_text = read_qr (pixbuf);
  return g_steal_pointer (&media);
}
