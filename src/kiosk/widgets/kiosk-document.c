/* kiosk-document.c: an attachment's bytes, drawn page by page for the screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the viewer, the thumbnails of a USB stick and the attachments box
 * draw: a JPEG or PNG picture (one page) or a PDF. The type is judged from
 * the first bytes, never from a name. Opening and drawing decode whole
 * files, so both run on a worker thread. A PDF is never parsed in the
 * kiosk: the PDF renderer (src/media) counts its pages and draws each page
 * asked for in a process of its own, limited in memory and time, so a PDF
 * made to crash or exhaust poppler costs that process, not the kiosk's
 * screen. Everything stays in memory: the file goes to the renderer through
 * a pipe, nothing is written to disk, and dropping the object drops the
 * file.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "kiosk-document.h"
#include "media-pdf.h"

struct _KioskDocument
{
  GObject parent_instance;

  GBytes *bytes;
  const char *media_type; /* static */
  gboolean pdf;
  guint n_pages;
};

G_DEFINE_FINAL_TYPE (KioskDocument, kiosk_document, G_TYPE_OBJECT)

/**
 * kiosk_document_sniff:
 *
 * Returns: (nullable): "image/jpeg", "image/png" or "application/pdf" as the
 *   first bytes of a file say, %NULL for anything else
 */
const char *
kiosk_document_sniff (const guint8 *data, gsize length)
{
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff };
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (data == NULL)
    return NULL;
  if (length >= sizeof jpeg && memcmp (data, jpeg, sizeof jpeg) == 0)
    return "image/jpeg";
  if (length >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return "image/png";
  if (length >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return "application/pdf";
  return NULL;
}

/* Width and height from a PNG's IHDR chunk, which comes first. */
static gboolean
png_size (const guint8 *data, gsize length, guint64 *width, guint64 *height)
{
  if (length < 24 || memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;
  *width = (guint64) data[16] << 24 | (guint64) data[17] << 16 | (guint64) data[18] << 8 | data[19];
  *height =
      (guint64) data[20] << 24 | (guint64) data[21] << 16 | (guint64) data[22] << 8 | data[23];
  return TRUE;
}

/* Width and height from a JPEG's frame header (a SOF marker). */
static gboolean
jpeg_size (const guint8 *data, gsize length, guint64 *width, guint64 *height)
{
  gsize at = 2;

  while (at + 9 <= length)
    {
      guint8 marker;
      gsize segment;

      if (data[at] != 0xff)
        return FALSE;
      marker = data[at + 1];
      if (marker == 0xff)
        {
          at++;
          continue;
        }
      segment = (gsize) data[at + 2] << 8 | data[at + 3];
      /* SOF0…SOF15, except DHT (C4), JPG (C8) and DAC (CC) */
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          *height = (guint64) data[at + 5] << 8 | data[at + 6];
          *width = (guint64) data[at + 7] << 8 | data[at + 8];
          return TRUE;
        }
      if (segment < 2)
        return FALSE;
      at += 2 + segment;
    }
  return FALSE;
}

/* Refuses a picture whose pixels would not fit in a kiosk's memory before
 * any of them is decoded: a small file can claim a huge picture. */
static gboolean
check_picture_size (const char *media_type, const guint8 *data, gsize length, GError **error)
{
  guint64 width = 0, height = 0;
  gboolean png = g_str_equal (media_type, "image/png");
  gboolean known =
      png ? png_size (data, length, &width, &height) : jpeg_size (data, length, &width, &height);

  if (!known || width == 0 || height == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the picture does not say its size");
      return FALSE;
    }
  if (width * height >
      (png ? KIOSK_DOCUMENT_MAX_PNG_PIXELS : (guint64) KIOSK_DOCUMENT_MAX_JPEG_PIXELS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "the picture has too many pixels (%" G_GUINT64_FORMAT " × %" G_GUINT64_FORMAT
                   ")",
                   width, height);
      return FALSE;
    }
  return TRUE;
}

static void
kiosk_document_finalize (GObject *object)
{
  KioskDocument *self = KIOSK_DOCUMENT (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (kiosk_document_parent_class)->finalize (object);
}

static void
kiosk_document_class_init (KioskDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kiosk_document_finalize;
}

static void
kiosk_document_init (KioskDocument *self)
{
}

static char *
find_renderer (void)
{
  return media_pdf_find_renderer (KIOSK_PDF_RENDERER, KIOSK_PDF_RENDERER_BUILT);
}

/**
 * kiosk_document_new:
 * @bytes: a JPEG, PNG or PDF file
 *
 * Opens @bytes; blocks (a PDF is parsed): call it on a worker thread.
 *
 * Returns: (transfer full): the document, or %NULL with @error
 */
KioskDocument *
kiosk_document_new (GBytes *bytes, GError **error)
{
  g_autoptr (KioskDocument) self = NULL;
  gsize length = 0;
  const guint8 *data;
  const char *media_type;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  media_type = kiosk_document_sniff (data, length);
  if (media_type == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "not a JPEG, PNG or PDF file");
      return NULL;
    }
  if (!g_str_equal (media_type, "application/pdf") &&
      !check_picture_size (media_type, data, length, error))
    return NULL;
  self = g_object_new (KIOSK_TYPE_DOCUMENT, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->media_type = media_type;
  self->n_pages = 1;
  if (g_str_equal (media_type, "application/pdf"))
    {
      g_autofree char *renderer = find_renderer ();
      MediaPdfRequest request = { 0 };
      g_autoptr (MediaPdfResult) result = media_pdf_run (renderer, bytes, &request, NULL, error);

      if (result == NULL)
        return NULL;
      if (result->n_pages < 1)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the PDF has no page");
          return NULL;
        }
      self->pdf = TRUE;
      self->n_pages = result->n_pages;
    }
  return g_steal_pointer (&self);
}

static void
open_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  KioskDocument *document = kiosk_document_new (task_data, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

/**
 * kiosk_document_new_async:
 *
 * Opens @bytes on a worker thread.
 */
void
kiosk_document_new_async (GBytes *bytes,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kiosk_document_new_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, open_thread);
}

KioskDocument *
kiosk_document_new_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
kiosk_document_get_media_type (KioskDocument *self)
{
  g_return_val_if_fail (KIOSK_IS_DOCUMENT (self), NULL);
  return self->media_type;
}

/**
 * kiosk_document_get_bytes:
 *
 * Returns: (transfer none): the file
 */
GBytes *
kiosk_document_get_bytes (KioskDocument *self)
{
  g_return_val_if_fail (KIOSK_IS_DOCUMENT (self), NULL);
  return self->bytes;
}

guint
kiosk_document_get_n_pages (KioskDocument *self)
{
  g_return_val_if_fail (KIOSK_IS_DOCUMENT (self), 0);
  return self->n_pages;
}

static GdkTexture *
render_picture (KioskDocument *self, int width, int height, GError **error)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (self->bytes);
  g_autoptr (GdkPixbuf) loaded = NULL;
  g_autoptr (GdkPixbuf) turned = NULL;

  /* scaled while it is decoded: a large photo never sits in memory whole */
  loaded = gdk_pixbuf_new_from_stream_at_scale (stream, width, height, TRUE, NULL, error);
  if (loaded == NULL)
    return NULL;
  turned = gdk_pixbuf_apply_embedded_orientation (loaded);
  return gdk_texture_new_for_pixbuf (turned != NULL ? turned : loaded);
}

static GdkTexture *
render_pdf_page (KioskDocument *self,
                 guint index,
                 int width,
                 int height,
                 GCancellable *cancellable,
                 GError **error)
{
  g_autofree char *renderer = find_renderer ();
  MediaPdfRequest request = { .n_renders = 1, .renders = { { index, width, height } } };
  g_autoptr (MediaPdfResult) result = NULL;
  MediaPdfImage *image;

  result = media_pdf_run (renderer, self->bytes, &request, cancellable, error);
  if (result == NULL)
    return NULL;
  if (result->images->len != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the PDF has no page %u", index + 1);
      return NULL;
    }
  image = g_ptr_array_index (result->images, 0);
  /* the renderer read a stranger's PDF: a picture larger than asked for
   * (a thumbnail of 64 MiB, say) is its fault, not a page */
  if (image->width > width + 1 || image->height > height + 1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the PDF renderer drew a page larger than asked for");
      return NULL;
    }
  /* cairo's ARGB32 in native byte order is GDK's default memory format */
  return gdk_memory_texture_new (image->width, image->height, GDK_MEMORY_DEFAULT, image->pixels,
                                 (gsize) image->width * 4);
}

/**
 * kiosk_document_render:
 * @page: 0 … n_pages - 1
 * @width: the most pixels across
 * @height: the most pixels down
 *
 * Draws @page to fit @width × @height, keeping its proportions; blocks: call
 * it on a worker thread.
 *
 * Returns: (transfer full): the page, or %NULL with @error
 */
GdkTexture *
kiosk_document_render (KioskDocument *self,
                       guint page,
                       int width,
                       int height,
                       GCancellable *cancellable,
                       GError **error)
{
  g_return_val_if_fail (KIOSK_IS_DOCUMENT (self), NULL);

  width = CLAMP (width, 16, KIOSK_DOCUMENT_MAX_SIDE);
  height = CLAMP (height, 16, KIOSK_DOCUMENT_MAX_SIDE);
  if (page >= self->n_pages)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no page %u", page + 1);
      return NULL;
    }
  if (self->pdf)
    return render_pdf_page (self, page, width, height, cancellable, error);
  return render_picture (self, width, height, error);
}

typedef struct
{
  guint page;
  int width;
  int height;
} RenderData;

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RenderData *data = task_data;
  GError *error = NULL;
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    return;
  texture =
      kiosk_document_render (source, data->page, data->width, data->height, cancellable, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/**
 * kiosk_document_render_async:
 *
 * kiosk_document_render() on a worker thread.
 */
void
kiosk_document_render_async (KioskDocument *self,
                             guint page,
                             int width,
                             int height,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  RenderData *data = g_new0 (RenderData, 1);

  data->page = page;
  data->width = width;
  data->height = height;
  g_task_set_source_tag (task, kiosk_document_render_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, render_thread);
}

GdkTexture *
kiosk_document_render_finish (KioskDocument *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
