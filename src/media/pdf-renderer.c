/* pdf-renderer.c: poppler, alone in a process of its own, on a PDF from stdin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every PDF the kiosk shows and the registry keeps comes from a stranger's
 * phone or USB stick, and poppler is a large parser. This program is the
 * only one that lets poppler read such a file: the kiosk and the registry
 * start it for each PDF (media-pdf.c) and read its answer, so a PDF that
 * crashes poppler, eats memory or loops costs this process only. Before it
 * reads a byte it limits itself (address space, CPU time, no file written,
 * a handful of descriptors, no environment, no new privileges), and an
 * allocation the memory limit refuses ends it (see malloc() below); the
 * caller also kills it after a wall-clock timeout.
 *
 *   pdf-renderer [--max-size BYTES] [--max-pages N] [--clean]
 *                [--render PAGE:WxH]…
 *
 * reads the PDF from stdin and writes frames to stdout, each a four-letter
 * tag, a 32-bit big-endian length and that many bytes:
 *
 *   NPAG  the number of pages (32-bit big-endian); nothing else follows
 *         when it is over --max-pages
 *   CPDF  --clean: every page drawn again into a new PDF by cairo, so nothing
 *         of the file around the pages (document information, XMP,
 *         attachments, scripts) is kept, nor any embedded JPEG's metadata
 *         (see cairo_surface_set_mime_data() below)
 *   IMAG  --render: the page fitted in W×H, white paper: width and height
 *         (32-bit big-endian each), then cairo ARGB32 pixels in native byte
 *         order, width × 4 bytes a row
 *   FAIL  the PDF cannot be read (a word saying why)
 *   DONE  the end: an answer without it is not an answer
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <dlfcn.h>
#include <errno.h>
#include <poppler.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "media-pdf-limits.h"

/* AddressSanitizer's shadow memory is terabytes of address space: built
 * with it (the fuzzing build), the renderer cannot limit its own. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifdef UNDER_ASAN
const char *__asan_default_options (void);

/* a one-shot process: what it does not free at exit is no leak */
const char *
__asan_default_options (void)
{
  return "detect_leaks=0";
}
#endif

#ifndef UNDER_ASAN
/* glibc's allocator under the names it keeps for programs that wrap it */
extern void *__libc_malloc (size_t size);
extern void *__libc_calloc (size_t count, size_t size);
extern void *__libc_realloc (void *block, size_t size);

/* An allocation the address-space limit refuses ends the renderer: cairo
 * gives up on a group or a picture quietly when malloc fails, and the page
 * would come out blank (and be stored) instead of the file being refused.
 * The program exports these, so every library's allocations come here. */
static void G_GNUC_NORETURN
out_of_memory (void)
{
  static const char message[] = "pdf-renderer: out of memory\n";

  if (write (STDERR_FILENO, message, sizeof message - 1) < 0)
    _exit (4);
  _exit (4);
}

void *
malloc (size_t size)
{
  void *block = __libc_malloc (size);

  if (block == NULL && size > 0)
    out_of_memory ();
  return block;
}

void *
calloc (size_t count, size_t size)
{
  void *block = __libc_calloc (count, size);

  if (block == NULL && count > 0 && size > 0)
    out_of_memory ();
  return block;
}

void *
realloc (void *block, size_t size)
{
  void *moved = __libc_realloc (block, size);

  if (moved == NULL && size > 0)
    out_of_memory ();
  return moved;
}
#endif

/* ---- embedded JPEGs ---- */

/* @data without its APPn segments (EXIF with GPS and camera, XMP, ICC,
 * JFIF thumbnails…) and comments, up to the start of its scan, which is kept
 * as it is; Adobe's APP14, which says how the colours are coded, stays.
 * %NULL when the JPEG is not laid out as expected. */
static GBytes *
jpeg_without_metadata (const guint8 *data, gsize length)
{
  GByteArray *out;
  gsize at = 2;

  if (length < 4 || data[0] != 0xff || data[1] != 0xd8)
    return NULL;
  out = g_byte_array_sized_new ((guint) length);
  g_byte_array_append (out, data, 2);
  while (at + 4 <= length)
    {
      guint8 marker = data[at + 1];
      gsize segment;

      if (data[at] != 0xff)
        break;
      if (marker == 0xff)
        {
          at++;
          continue;
        }
      segment = (gsize) data[at + 2] << 8 | data[at + 3];
      if (segment < 2 || at + 2 + segment > length)
        break;
      if (marker == 0xda)
        {
          /* the scan and whatever follows: pixels */
          g_byte_array_append (out, data + at, (guint) (length - at));
          return g_byte_array_free_to_bytes (out);
        }
      if (!((marker >= 0xe0 && marker <= 0xef) || marker == 0xfe) ||
          (marker == 0xee && segment >= 7 && memcmp (data + at + 4, "Adobe", 5) == 0))
        g_byte_array_append (out, data + at, (guint) (2 + segment));
      at += 2 + segment;
    }
  g_byte_array_free (out, TRUE);
  return NULL;
}

typedef cairo_status_t (*SetMimeData) (cairo_surface_t *surface,
                                       const char *mime_type,
                                       const unsigned char *data,
                                       unsigned long length,
                                       cairo_destroy_func_t destroy,
                                       void *closure);

/* Drawing a page for printing, poppler hands cairo an embedded JPEG's own
 * bytes as the picture's MIME data, and cairo's PDF writer copies them into
 * the new file as they are: small, and not decoded and encoded again, but
 * with the JPEG's EXIF, GPS position included. Poppler's calls come here
 * first (the program exports this symbol): a JPEG goes on without its
 * metadata segments, and a JPEG 2000 (whose boxes can hold XMP) not at all,
 * so cairo encodes that picture's pixels again. Everything else is cairo's. */
cairo_status_t
cairo_surface_set_mime_data (cairo_surface_t *surface,
                             const char *mime_type,
                             const unsigned char *data,
                             unsigned long length,
                             cairo_destroy_func_t destroy,
                             void *closure)
{
  static SetMimeData real;
  g_autoptr (GBytes) clean = NULL;
  gsize size;
  const guint8 *bytes;

  if (real == NULL)
    real = (SetMimeData) dlsym (RTLD_NEXT, "cairo_surface_set_mime_data");
  if (real == NULL)
    abort ();
  if (mime_type == NULL || (strcmp (mime_type, CAIRO_MIME_TYPE_JPEG) != 0 &&
                            strcmp (mime_type, CAIRO_MIME_TYPE_JP2) != 0))
    return real (surface, mime_type, data, length, destroy, closure);

  if (data != NULL && strcmp (mime_type, CAIRO_MIME_TYPE_JPEG) == 0)
    clean = jpeg_without_metadata (data, length);
  /* the caller's copy is not kept either way */
  if (destroy != NULL)
    destroy (closure);
  if (clean == NULL)
    return CAIRO_STATUS_SUCCESS;
  bytes = g_bytes_get_data (clean, &size);
  return real (surface, mime_type, bytes, size, (cairo_destroy_func_t) g_bytes_unref,
               g_bytes_ref (clean));
}

/* Limits, before anything of the PDF is read. The address space holds
 * poppler, cairo, fontconfig's caches, the file and one page at the largest
 * render size with room to spare; an image or a decompression bomb asking
 * for more gets NULL from malloc (or dies) here, not in the caller. */
static void
limit_self (void)
{
  struct rlimit cpu = { MEDIA_PDF_MAX_CPU_SECONDS, MEDIA_PDF_MAX_CPU_SECONDS + 1 };
  struct rlimit fsize = { 0, 0 };
  struct rlimit nofile = { 32, 32 };

  /* only stdin, stdout and stderr: nothing the caller had open */
  if (close_range (3, ~0U, 0) != 0)
    for (int fd = 3; fd < 1024; fd++)
      close (fd);
  clearenv ();
  prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  /* a refused write (fontconfig's cache) fails with EFBIG, it does not kill */
  signal (SIGXFSZ, SIG_IGN);
#ifndef UNDER_ASAN
  {
    struct rlimit as = { MEDIA_PDF_MAX_MEMORY, MEDIA_PDF_MAX_MEMORY };

    if (setrlimit (RLIMIT_AS, &as) != 0)
      {
        fprintf (stderr, "pdf-renderer: cannot limit its memory: %s\n", strerror (errno));
        exit (2);
      }
  }
#endif
  if (setrlimit (RLIMIT_CPU, &cpu) != 0 || setrlimit (RLIMIT_FSIZE, &fsize) != 0 ||
      setrlimit (RLIMIT_NOFILE, &nofile) != 0 || setrlimit (RLIMIT_CORE, &fsize) != 0)
    {
      fprintf (stderr, "pdf-renderer: cannot limit itself: %s\n", strerror (errno));
      exit (2);
    }
}

static void
write_all (const void *data, size_t length)
{
  const char *p = data;

  while (length > 0)
    {
      ssize_t n = write (STDOUT_FILENO, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        exit (3);
      p += n;
      length -= (size_t) n;
    }
}

static void
put_u32 (guint8 *out, guint32 value)
{
  out[0] = value >> 24;
  out[1] = value >> 16;
  out[2] = value >> 8;
  out[3] = value;
}

static void
frame_begin (const char *tag, guint32 length)
{
  guint8 head[8];

  memcpy (head, tag, 4);
  put_u32 (head + 4, length);
  write_all (head, sizeof head);
}

static void
frame (const char *tag, const void *data, guint32 length)
{
  frame_begin (tag, length);
  write_all (data, length);
}

static void G_GNUC_NORETURN
fail (const char *why)
{
  frame ("FAIL", why, (guint32) strlen (why));
  frame ("DONE", NULL, 0);
  exit (1);
}

static GBytes *
read_stdin (gsize max_size)
{
  GByteArray *in = g_byte_array_new ();
  guint8 buffer[65536];

  for (;;)
    {
      ssize_t n = read (STDIN_FILENO, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        fail ("read");
      if (n == 0)
        break;
      g_byte_array_append (in, buffer, (guint) n);
      if (in->len > max_size)
        fail ("too-large");
    }
  return g_byte_array_free_to_bytes (in);
}

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Drawn for printing: text and paths stay vectors and an embedded JPEG is
 * copied, without its metadata (cairo_surface_set_mime_data() above), rather
 * than stored again as lossless pixels (a scanned page would grow tenfold,
 * past what the registry keeps). */
static void
clean (PopplerDocument *document, int pages, gsize max_size)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, out, 595, 842);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  for (int i = 0; i < pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      double width, height;

      if (page == NULL)
        fail ("page");
      poppler_page_get_size (page, &width, &height);
      cairo_pdf_surface_set_size (surface, MAX (width, 1.0), MAX (height, 1.0));
      poppler_page_render_for_printing (page, cr);
      cairo_show_page (cr);
      g_object_unref (page);
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        fail ("draw");
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    fail ("draw");
  if (out->len > max_size)
    fail ("too-large");
  frame ("CPDF", out->data, out->len);
  g_byte_array_free (out, TRUE);
}

static void
render (PopplerDocument *document, int index, int box_width, int box_height)
{
  PopplerPage *page = poppler_document_get_page (document, index);
  double page_width, page_height, scale;
  int width, height, stride;
  cairo_surface_t *surface;
  cairo_t *cr;
  const guint8 *data;
  guint8 size[8];

  if (page == NULL)
    fail ("page");
  poppler_page_get_size (page, &page_width, &page_height);
  if (page_width < 1 || page_height < 1)
    fail ("empty-page");
  scale = MIN (box_width / page_width, box_height / page_height);
  width = CLAMP ((int) (page_width * scale), 1, MEDIA_PDF_MAX_SIDE);
  height = CLAMP ((int) (page_height * scale), 1, MEDIA_PDF_MAX_SIDE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    fail ("memory");
  cr = cairo_create (surface);
  /* paper is white: a PDF draws only what is printed on it */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    fail ("draw");
  cairo_destroy (cr);
  g_object_unref (page);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  put_u32 (size, (guint32) width);
  put_u32 (size + 4, (guint32) height);
  frame_begin ("IMAG", 8 + (guint32) width * 4 * (guint32) height);
  write_all (size, sizeof size);
  for (int y = 0; y < height; y++)
    write_all (data + (gsize) y * stride, (size_t) width * 4);
  cairo_surface_destroy (surface);
}

static void G_GNUC_NORETURN
usage (void)
{
  fprintf (stderr, "usage: pdf-renderer [--max-size BYTES] [--max-pages N] [--clean]"
                   " [--render PAGE:WxH]… < file.pdf\n");
  exit (2);
}

int
main (int argc, char **argv)
{
  gsize max_size = MEDIA_PDF_MAX_SIZE;
  int max_pages = 0;
  gboolean want_clean = FALSE;
  g_autoptr (GBytes) bytes = NULL;
  PopplerDocument *document;
  int pages;
  guint8 count[4];

  limit_self ();

  /* checked before the file is read: a wrong call is the caller's fault */
  for (int i = 1; i < argc; i++)
    {
      int page, width, height;
      char end;

      if (g_str_equal (argv[i], "--clean"))
        want_clean = TRUE;
      else if (g_str_equal (argv[i], "--max-pages") && i + 1 < argc)
        max_pages = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--max-size") && i + 1 < argc)
        max_size = (gsize) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--render") && i + 1 < argc &&
               sscanf (argv[++i], "%d:%dx%d%c", &page, &width, &height, &end) == 3 && page >= 0 &&
               width > 0 && height > 0)
        continue;
      else
        usage ();
    }

  bytes = read_stdin (max_size);
  document = poppler_document_new_from_bytes (bytes, NULL, NULL);
  if (document == NULL)
    fail ("damaged");
  pages = poppler_document_get_n_pages (document);
  if (pages < 1)
    fail ("no-page");
  put_u32 (count, (guint32) pages);
  frame ("NPAG", count, sizeof count);
  if (max_pages > 0 && pages > max_pages)
    {
      frame ("DONE", NULL, 0);
      return 0;
    }
  if (want_clean)
    clean (document, pages, max_size);
  for (int i = 1; i < argc; i++)
    {
      int page, width, height;

      if (!g_str_equal (argv[i], "--render"))
        continue;
      sscanf (argv[++i], "%d:%dx%d", &page, &width, &height);
      if (page >= pages)
        fail ("page");
      render (document, page, MIN (width, MEDIA_PDF_MAX_SIDE), MIN (height, MEDIA_PDF_MAX_SIDE));
    }
  frame ("DONE", NULL, 0);
  return 0;
}
