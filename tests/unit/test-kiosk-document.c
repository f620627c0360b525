/* test-kiosk-document.c: files judged by their bytes and drawn to fit, in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the kiosk's viewer and thumbnails stand on: a JPEG, PNG or PDF is
 * known by its first bytes whatever it is called, anything else is refused,
 * a damaged PDF is an error and not a crash, and a page is drawn to fit the
 * box it is asked for, keeping its proportions. A PDF is drawn by the PDF
 * renderer in a process of its own: one that exhausts it, and a renderer
 * that crashes or hangs, are errors of the document, and the test (the
 * kiosk) goes on.
 */

#include "config.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include <glib/gstdio.h>

#include "kiosk-document.h"
#include "media-pdf.h"

static GBytes *
jpeg_bytes (int width, int height)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  gchar *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0x806040ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", NULL, NULL));
  return g_bytes_new_take (buffer, length);
}

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A4 portrait pages, one black bar each */
static GBytes *
pdf_bytes (int n_pages)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, array, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      cairo_rectangle (cr, 50, 50 + 100 * i, 200, 50);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (array);
}

static void
test_sniff (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0 };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0 };

  g_assert_cmpstr (kiosk_document_sniff (png, sizeof png), ==, "image/png");
  g_assert_cmpstr (kiosk_document_sniff (jpeg, sizeof jpeg), ==, "image/jpeg");
  g_assert_cmpstr (kiosk_document_sniff ((const guint8 *) "%PDF-1.7\n", 9), ==, "application/pdf");
  g_assert_null (kiosk_document_sniff ((const guint8 *) "GIF89a", 6));
  g_assert_null (kiosk_document_sniff ((const guint8 *) "MZ\x90\0", 4));
  g_assert_null (kiosk_document_sniff ((const guint8 *) "%PD", 3));
  g_assert_null (kiosk_document_sniff (jpeg, 2));
  g_assert_null (kiosk_document_sniff (NULL, 0));
}

static void
test_refuses_other_files (void)
{
  g_autoptr (GBytes) text = g_bytes_new_static ("photo.jpg, honestly", 19);
  g_autoptr (GBytes) broken = g_bytes_new_static ("%PDF-1.4\n%garbage and no trailer", 32);
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskDocument) none = kiosk_document_new (text, &error);

  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_null (kiosk_document_new (broken, &error));
  g_assert_nonnull (error);
}

static void
test_picture_fits (void)
{
  g_autoptr (GBytes) bytes = jpeg_bytes (1600, 1200);
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskDocument) document = kiosk_document_new (bytes, &error);
  g_autoptr (GdkTexture) small = NULL;
  g_autoptr (GdkTexture) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_document_get_media_type (document), ==, "image/jpeg");
  g_assert_cmpuint (kiosk_document_get_n_pages (document), ==, 1);
  small = kiosk_document_render (document, 0, 200, 200, NULL, &error);
  g_assert_no_error (error);
  /* 4:3 in a square box: full width, three quarters of the height */
  g_assert_cmpint (gdk_texture_get_width (small), ==, 200);
  g_assert_cmpint (gdk_texture_get_height (small), ==, 150);
  none = kiosk_document_render (document, 1, 200, 200, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static GBytes *
png_bytes (int width, int height)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  gchar *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0x806040ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, NULL));
  return g_bytes_new_take (buffer, length);
}

/* Writes @value big-endian in @size bytes at @at of a copy of @bytes. */
static GBytes *
patched (GBytes *bytes, gsize at, guint32 value, gsize size)
{
  gsize length = 0;
  const guint8 *original = g_bytes_get_data (bytes, &length);
  guint8 *data = g_memdup2 (original, length);

  for (gsize i = 0; i < size; i++)
    data[at + i] = (guint8) (value >> (8 * (size - 1 - i)));
  return g_bytes_new_take (data, length);
}

/* The offset of a JPEG's SOF0 marker as gdk-pixbuf writes it. */
static gsize
sof_offset (GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  for (gsize i = 0; i + 1 < length; i++)
    if (data[i] == 0xff && data[i + 1] == 0xc0)
      return i;
  g_assert_not_reached ();
}

/* A small file that claims a huge picture is refused before any pixel is
 * decoded: a PNG would be decoded whole (30000 × 30000 is 3.6 GB). */
static void
test_refuses_huge_pictures (void)
{
  g_autoptr (GBytes) png = png_bytes (100, 80);
  g_autoptr (GBytes) huge_png = NULL;
  g_autoptr (GBytes) jpeg = jpeg_bytes (100, 80);
  g_autoptr (GBytes) huge_jpeg = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskDocument) fine = kiosk_document_new (png, &error);
  gsize sof;

  g_assert_no_error (error);
  g_assert_nonnull (fine);
  huge_png = patched (png, 16, 30000, 4);
  huge_png = patched (huge_png, 20, 30000, 4);
  g_assert_null (kiosk_document_new (huge_png, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);

  sof = sof_offset (jpeg);
  huge_jpeg = patched (jpeg, sof + 5, 65000, 2);
  huge_jpeg = patched (huge_jpeg, sof + 7, 65000, 2);
  g_assert_null (kiosk_document_new (huge_jpeg, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
}

static void
test_pdf_pages (void)
{
  g_autoptr (GBytes) bytes = pdf_bytes (3);
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskDocument) document = kiosk_document_new (bytes, &error);
  g_autoptr (GdkTexture) last = NULL;
  g_autoptr (GdkTexture) huge = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_document_get_media_type (document), ==, "application/pdf");
  g_assert_cmpuint (kiosk_document_get_n_pages (document), ==, 3);
  last = kiosk_document_render (document, 2, 1000, 421, NULL, &error);
  g_assert_no_error (error);
  /* A4 portrait fitted by its height */
  g_assert_cmpint (gdk_texture_get_height (last), ==, 421);
  g_assert_cmpint (gdk_texture_get_width (last), <=, 298);
  g_assert_cmpint (gdk_texture_get_width (last), >=, 296);
  /* no zoom makes a page larger than the kiosk allows */
  huge = kiosk_document_render (document, 0, 100000, 100000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_height (huge), <=, KIOSK_DOCUMENT_MAX_SIDE);
}

/* One page drawing a form that draws the next ten times, @levels deep. */
static GBytes *
pdf_bomb (guint levels)
{
  g_autoptr (GString) out = g_string_new ("%PDF-1.4\n");
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GString) fan = g_string_new (NULL);
  g_autoptr (GPtrArray) objects = g_ptr_array_new_with_free_func (g_free);
  gsize xref;

  for (guint i = 0; i < 10; i++)
    g_string_append (fan, "q 1 0 0 1 0.01 0 cm /X Do Q ");
  g_ptr_array_add (objects, g_strdup ("<< /Type /Catalog /Pages 2 0 R >>"));
  g_ptr_array_add (objects, g_strdup ("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"));
  g_ptr_array_add (objects,
                   g_strdup ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
                             " /Contents 4 0 R /Resources << /XObject << /X 5 0 R >> >> >>"));
  g_ptr_array_add (objects, g_strdup ("<< /Length 9 >>\nstream\nq /X Do Q\nendstream"));
  for (guint level = 0; level < levels; level++)
    g_ptr_array_add (objects,
                     level + 1 < levels
                         ? g_strdup_printf ("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842]"
                                            " /Resources << /XObject << /X %u 0 R >> >>"
                                            " /Length %zu >>\nstream\n%s\nendstream",
                                            objects->len + 2, fan->len, fan->str)
                         : g_strdup ("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842]"
                                     " /Length 12 >>\nstream\n0 0 1 1 re f\nendstream"));
  for (guint i = 0; i < objects->len; i++)
    {
      gsize offset = out->len;

      g_array_append_val (offsets, offset);
      g_string_append_printf (out, "%u 0 obj\n%s\nendobj\n", i + 1,
                              (const char *) g_ptr_array_index (objects, i));
    }
  xref = out->len;
  g_string_append_printf (out, "xref\n0 %u\n0000000000 65535 f \n", offsets->len + 1);
  for (guint i = 0; i < offsets->len; i++)
    g_string_append_printf (out, "%010zu 00000 n \n", g_array_index (offsets, gsize, i));
  g_string_append_printf (out, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                          offsets->len + 1, xref);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* A page no renderer can draw: its limits stop it (the wall-clock timeout
 * is out of reach here), and the page is an error, not a kiosk gone. */
static void
test_pdf_bomb (void)
{
  g_autoptr (GBytes) bytes = pdf_bomb (10);
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskDocument) document = NULL;
  g_autoptr (GdkTexture) page = NULL;

  g_setenv ("PRACTITIONER_PDF_TIMEOUT", "3600", TRUE);
  /* counting its pages is cheap */
  document = kiosk_document_new (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_document_get_n_pages (document), ==, 1);
  page = kiosk_document_render (document, 0, 240, 180, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, MEDIA_PDF_ERROR, MEDIA_PDF_ERROR_ABORTED);
  g_unsetenv ("PRACTITIONER_PDF_TIMEOUT");
}

/* A renderer that crashes half-way, hangs until it is killed, or (taken
 * over) writes without end: 64 MiB here, beyond what a 240×180 page and a
 * page count can take, where a real flood would fill the caller's memory
 * before the timeout. */
static void
test_renderer_dies (gconstpointer data)
{
  const char *how = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("renderer-XXXXXX", &error);
  g_autofree char *script = g_build_filename (dir, "renderer", NULL);
  g_autofree char *text =
      g_strdup_printf ("#!/bin/sh\nhead -c 100 >/dev/null\nprintf "
                       "'NPAG\\000\\000\\000\\004\\000\\000\\000\\002'\n%s\n",
                       g_str_equal (how, "crash")   ? "kill -SEGV $$"
                       : g_str_equal (how, "flood") ? "exec head -c 67108864 /dev/zero"
                                                    : "exec sleep 3600");
  g_autoptr (GBytes) bytes = pdf_bytes (2);
  g_autoptr (KioskDocument) document = NULL;
  g_autoptr (GdkTexture) page = NULL;

  g_assert_no_error (error);
  /* opened by the real renderer... */
  document = kiosk_document_new (bytes, &error);
  g_assert_no_error (error);
  g_file_set_contents (script, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  g_setenv ("PRACTITIONER_PDF_RENDERER", script, TRUE);
  /* a short timeout only where it is what stops the renderer: one that
   * crashes or floods ends by itself, and on a busy machine a second could
   * run out first and stop it for the wrong reason */
  g_setenv ("PRACTITIONER_PDF_TIMEOUT", g_str_equal (how, "hang") ? "1" : "60", TRUE);
  /* ...drawn by one that dies */
  page = kiosk_document_render (document, 0, 240, 180, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, MEDIA_PDF_ERROR, MEDIA_PDF_ERROR_ABORTED);
  if (g_str_equal (how, "flood"))
    g_assert_nonnull (strstr (error->message, "more than its answer can hold"));
  g_clear_error (&error);
  g_assert_null (kiosk_document_new (bytes, &error));
  g_assert_error (error, MEDIA_PDF_ERROR, MEDIA_PDF_ERROR_ABORTED);
  if (g_str_equal (how, "flood"))
    g_assert_nonnull (strstr (error->message, "more than its answer can hold"));
  g_unsetenv ("PRACTITIONER_PDF_RENDERER");
  g_unsetenv ("PRACTITIONER_PDF_TIMEOUT");
  g_unlink (script);
  g_rmdir (dir);
}

/* Writes @text as an executable renderer in a folder of its own and names
 * it the renderer to use; returns the folder. */
static char *
use_renderer (const char *text)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("renderer-XXXXXX", &error);
  g_autofree char *script = g_build_filename (dir, "renderer", NULL);

  g_assert_no_error (error);
  g_file_set_contents (script, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  g_setenv ("PRACTITIONER_PDF_RENDERER", script, TRUE);
  return dir;
}

static void
forget_renderer (char *dir)
{
  g_autofree char *script = g_build_filename (dir, "renderer", NULL);

  g_unsetenv ("PRACTITIONER_PDF_RENDERER");
  g_unsetenv ("PRACTITIONER_PDF_TIMEOUT");
  g_unlink (script);
  g_rmdir (dir);
  g_free (dir);
}

/* A renderer that answers and exits, but left a process behind holding
 * the answer's pipe: the answer is read, not waited on until the timeout
 * (which would call it too slow). */
static void
test_renderer_leaves_a_process (void)
{
  char *dir = use_renderer ("#!/bin/sh\nhead -c 100 >/dev/null\nsleep 3600 &\n"
                            "printf 'NPAG\\000\\000\\000\\004\\000\\000\\000\\002"
                            "DONE\\000\\000\\000\\000'\n");
  g_autoptr (GBytes) bytes = pdf_bytes (2);
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskDocument) document = NULL;

  g_setenv ("PRACTITIONER_PDF_TIMEOUT", "5", TRUE);
  document = kiosk_document_new (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_document_get_n_pages (document), ==, 2);
  forget_renderer (dir);
}

typedef struct
{
  GCancellable *cancellable;
  char *mark;   /* the renderer makes it as it starts */
  gboolean ran; /* it did, before the cancel */
} Canceller;

/* Cancels once the renderer runs: cancelled before, the render would stop
 * without starting it, and prove nothing. Gives up waiting after 30 s. */
static gpointer
cancel_once_running (gpointer data)
{
  Canceller *canceller = data;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!(canceller->ran = g_file_test (canceller->mark, G_FILE_TEST_EXISTS)) &&
         g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  g_cancellable_cancel (canceller->cancellable);
  return NULL;
}

/* A page drawn for a page that is left: the caller's cancel stops the
 * renderer at once. The timeout is an hour, so a cancel that does not
 * stop it fails the test by the test's own time limit. */
static void
test_render_cancelled (void)
{
  g_autoptr (GBytes) bytes = pdf_bytes (2);
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskDocument) document = kiosk_document_new (bytes, &error);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GdkTexture) page = NULL;
  Canceller canceller = { cancellable, NULL, FALSE };
  GThread *thread;
  char *dir;

  g_assert_no_error (error);
  dir = use_renderer ("#!/bin/sh\n: >\"$0.running\"\nexec sleep 3600\n");
  canceller.mark = g_build_filename (dir, "renderer.running", NULL);
  g_setenv ("PRACTITIONER_PDF_TIMEOUT", "3600", TRUE);
  thread = g_thread_new ("canceller", cancel_once_running, &canceller);
  page = kiosk_document_render (document, 0, 240, 180, cancellable, &error);
  g_thread_join (thread);
  g_assert_true (canceller.ran);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_unlink (canceller.mark);
  g_free (canceller.mark);
  forget_renderer (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiosk/document/sniff", test_sniff);
  g_test_add_func ("/kiosk/document/refuses-other-files", test_refuses_other_files);
  g_test_add_func ("/kiosk/document/picture-fits", test_picture_fits);
  g_test_add_func ("/kiosk/document/pdf-pages", test_pdf_pages);
  g_test_add_func ("/kiosk/document/refuses-huge-pictures", test_refuses_huge_pictures);
  g_test_add_func ("/kiosk/document/pdf-bomb", test_pdf_bomb);
  g_test_add_data_func ("/kiosk/document/renderer-crashes", "crash", test_renderer_dies);
  g_test_add_data_func ("/kiosk/document/renderer-hangs", "hang", test_renderer_dies);
  g_test_add_data_func ("/kiosk/document/renderer-floods", "flood", test_renderer_dies);
  g_test_add_func ("/kiosk/document/renderer-leaves-a-process", test_renderer_leaves_a_process);
  g_test_add_func ("/kiosk/document/render-cancelled", test_render_cancelled);
  return g_test_run ();
}
