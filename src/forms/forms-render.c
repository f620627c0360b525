/* forms-render.c: drawing the signature collection form with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawing function serves the PDF that is printed and the image shown on
 * screen. It works in PostScript points on an A4 page; text is laid out with
 * hinting off at 72 dpi, so both surfaces get the same line breaks. Every
 * text box shrinks its text (down to a floor), then wraps, then ellipsizes,
 * so no name, however long, leaves its box or the page.
 */

#include "config.h"

#include <errno.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "forms-error.h"
#include "forms-render.h"

#define SANS "Noto Sans CJK SC"
#define SERIF "Noto Serif CJK SC"
#define CONTENT_WIDTH (FORMS_PAGE_WIDTH - 2 * FORMS_PAGE_MARGIN)
#define QR_SIZE 84.0
#define TABLE_TOP (FORMS_PAGE_MARGIN + 104.0)
#define ROW_HEIGHT 32.0
#define LABEL_WIDTH 150.0
#define CELL_PADDING 6.0
#define BOX_HEIGHT 78.0
#define BOX_GAP 14.0
#define FOOTER_HEIGHT 26.0
#define N_SIGNATURE_BOXES 3
#define DASH "—"

typedef struct
{
  const char *family;
  double size;     /* points */
  double min_size; /* the text shrinks down to this before it wraps and ellipsizes */
  PangoWeight weight;
  PangoAlignment alignment;
  double grey; /* 0 black … 1 white */
} TextStyle;

static const TextStyle title_style = { SERIF, 24, 16, PANGO_WEIGHT_BOLD, PANGO_ALIGN_CENTER, 0 };
static const TextStyle subtitle_style = {
  SANS, 10, 8, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER, 0.3
};
static const TextStyle label_style = { SANS, 11, 8, PANGO_WEIGHT_BOLD, PANGO_ALIGN_LEFT, 0 };
static const TextStyle label_en_style = { SANS, 7, 5, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT, 0.35 };
static const TextStyle value_style = { SANS, 12, 7, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT, 0 };
static const TextStyle heading_style = { SANS, 13, 10, PANGO_WEIGHT_BOLD, PANGO_ALIGN_LEFT, 0 };
static const TextStyle body_style = { SANS, 10, 7, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT, 0 };
static const TextStyle small_style = { SANS, 8, 5, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT, 0.35 };
static const TextStyle small_right_style = { SANS, 8, 5, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_RIGHT,
                                             0.35 };
static const TextStyle caption_style = { SANS, 6.5, 4.5, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER,
                                         0.35 };

static PangoLayout *
create_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* the same metrics on paper and on screen */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
  return layout;
}

static void
set_font (PangoLayout *layout, const TextStyle *style, double size)
{
  g_autoptr (PangoFontDescription) desc = pango_font_description_new ();

  pango_font_description_set_family (desc, style->family);
  pango_font_description_set_weight (desc, style->weight);
  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, desc);
}

/* Draws @text inside the box, vertically centred, never outside it. */
static void
draw_text (cairo_t *cr,
           const TextStyle *style,
           double x,
           double y,
           double width,
           double height,
           const char *text)
{
  g_autoptr (PangoLayout) layout = create_layout (cr);
  PangoRectangle logical;
  gboolean fits = FALSE;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, style->alignment);

  for (double size = style->size; size >= style->min_size && !fits; size -= 0.5)
    {
      set_font (layout, style, size);
      pango_layout_get_extents (layout, NULL, &logical);
      fits = logical.height <= height * PANGO_SCALE && logical.width <= width * PANGO_SCALE;
    }
  if (!fits)
    {
      set_font (layout, style, style->min_size);
      pango_layout_set_height (layout, (int) (height * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_extents (layout, NULL, &logical);
    }

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, style->grey, style->grey, style->grey);
  cairo_move_to (cr, x, y + (height - (double) logical.height / PANGO_SCALE) / 2.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static const char *
or_dash (const char *text)
{
  return text != NULL ? text : DASH;
}

static gboolean
draw_qr (cairo_t *cr, const char *payload, double x, double y, double size, GError **error)
{
  QRcode *qr = QRcode_encodeString (payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  double module;

  if (qr == NULL)
    {
      g_set_error (error, FORMS_ERROR, FORMS_ERROR_INVALID_FORM, "cannot encode the QR code: %s",
                   g_strerror (errno));
      return FALSE;
    }

  /* a quiet zone of four modules on each side */
  module = size / (qr->width + 8);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width; col++)
      if (qr->data[row * qr->width + col] & 1)
        cairo_rectangle (cr, x + (col + 4) * module, y + (row + 4) * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (qr);
  return TRUE;
}

static void
stroke_rectangle (cairo_t *cr, double x, double y, double width, double height, double line)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, line);
  cairo_rectangle (cr, x, y, width, height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
fill_page_white (cairo_t *cr)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, FORMS_PAGE_WIDTH, FORMS_PAGE_HEIGHT);
  cairo_fill (cr);
  cairo_restore (cr);
}

static double
draw_fields (cairo_t *cr, FormsSignatureForm *form, const char *date)
{
  gboolean latin_first = forms_signature_form_get_latin_name_first (form);
  const char *name = forms_signature_form_get_name (form);
  const char *name_en = forms_signature_form_get_name_en (form);
  /* the person's own name first, labelled for what it is; the other in the
   * second row, so the table keeps its place on every form */
  const struct
  {
    const char *label;
    const char *label_en;
    const char *value;
  } rows[] = {
    { latin_first ? "外文姓名" : "姓名", "Name", latin_first ? name_en : name },
    { latin_first ? "中文姓名" : "外文姓名",
      latin_first ? "Name in Chinese" : "Name in Latin letters", latin_first ? name : name_en },
    { "性别", "Sex", forms_signature_form_get_sex (form) },
    { "证件类型", "Document type", forms_signature_form_get_document_type (form) },
    { "证件号码", "Document number", forms_signature_form_get_document_number (form) },
    { "工作单位", "Company", forms_signature_form_get_company (form) },
    { "手机号码", "Mobile phone", forms_signature_form_get_phone (form) },
    { "打印日期", "Date printed", date },
  };
  double x = FORMS_PAGE_MARGIN;
  double y = TABLE_TOP;

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++, y += ROW_HEIGHT)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
      cairo_rectangle (cr, x, y, LABEL_WIDTH, ROW_HEIGHT);
      cairo_fill (cr);
      cairo_restore (cr);
      stroke_rectangle (cr, x, y, LABEL_WIDTH, ROW_HEIGHT, 0.8);
      stroke_rectangle (cr, x + LABEL_WIDTH, y, CONTENT_WIDTH - LABEL_WIDTH, ROW_HEIGHT, 0.8);

      draw_text (cr, &label_style, x + CELL_PADDING, y + 2, LABEL_WIDTH - 2 * CELL_PADDING, 17,
                 rows[i].label);
      draw_text (cr, &label_en_style, x + CELL_PADDING, y + 19, LABEL_WIDTH - 2 * CELL_PADDING, 11,
                 rows[i].label_en);
      draw_text (cr, &value_style, x + LABEL_WIDTH + CELL_PADDING, y + 2,
                 CONTENT_WIDTH - LABEL_WIDTH - 2 * CELL_PADDING, ROW_HEIGHT - 4,
                 or_dash (rows[i].value));
    }
  return y;
}

static void
draw_signature_boxes (cairo_t *cr, double y)
{
  double x = FORMS_PAGE_MARGIN;

  draw_text (cr, &heading_style, x, y, CONTENT_WIDTH, 22, "本人签名  Signatures");
  y += 24;
  draw_text (cr, &body_style, x, y, CONTENT_WIDTH, 30,
             "请用黑色签字笔在下面三个方框内各签署一次本人姓名，字迹清晰完整，"
             "签名不要超出方框，不要涂改。签好后请将本表扫描上传。");
  y += 30;
  draw_text (cr, &small_style, x, y, CONTENT_WIDTH, 22,
             "Sign your own name once in each box below with a black pen. Write clearly, stay "
             "inside the box and do not correct. Then scan and upload this form.");
  y += 26;

  for (int i = 0; i < N_SIGNATURE_BOXES; i++, y += BOX_HEIGHT + BOX_GAP)
    {
      g_autofree char *label = g_strdup_printf ("签名 %d  Signature %d", i + 1, i + 1);

      stroke_rectangle (cr, x, y, CONTENT_WIDTH, BOX_HEIGHT, 1.2);
      draw_text (cr, &small_style, x + CELL_PADDING, y + 3, 160, 12, label);
    }
}

static void
draw_footer (cairo_t *cr, FormsSignatureForm *form)
{
  double y = FORMS_PAGE_HEIGHT - FORMS_PAGE_MARGIN - FOOTER_HEIGHT;
  g_autofree char *window = g_strconcat (
      "受理窗口 Service window: ", or_dash (forms_signature_form_get_window_name (form)), NULL);
  g_autofree char *record =
      g_strconcat ("记录号 Record: ", forms_signature_form_get_record_id (form), NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, FORMS_PAGE_MARGIN, y + 2);
  cairo_line_to (cr, FORMS_PAGE_WIDTH - FORMS_PAGE_MARGIN, y + 2);
  cairo_stroke (cr);
  cairo_restore (cr);

  draw_text (cr, &small_style, FORMS_PAGE_MARGIN, y + 6, CONTENT_WIDTH * 0.6, FOOTER_HEIGHT - 6,
             window);
  draw_text (cr, &small_right_style, FORMS_PAGE_MARGIN + CONTENT_WIDTH * 0.6, y + 6,
             CONTENT_WIDTH * 0.4, FOOTER_HEIGHT - 6, record);
}

/**
 * forms_render_draw:
 * @cr: a context whose user space is the A4 page in points
 *
 * Draws the whole form. Fails only when the form is not valid.
 */
gboolean
forms_render_draw (FormsSignatureForm *form, cairo_t *cr, GError **error)
{
  g_autofree char *payload = NULL;
  g_autofree char *date = NULL;
  g_autoptr (GDateTime) now = NULL;
  GDateTime *print_date;
  double qr_x = FORMS_PAGE_WIDTH - FORMS_PAGE_MARGIN - QR_SIZE;
  double y;

  g_return_val_if_fail (FORMS_IS_SIGNATURE_FORM (form), FALSE);

  payload = forms_signature_form_dup_qr_payload (form, error);
  if (payload == NULL)
    return FALSE;

  print_date = forms_signature_form_get_print_date (form);
  if (print_date == NULL)
    print_date = now = g_date_time_new_now_local ();
  date = g_date_time_format (print_date, "%Y年%m月%d日");

  fill_page_white (cr);
  if (!draw_qr (cr, payload, qr_x, FORMS_PAGE_MARGIN, QR_SIZE, error))
    return FALSE;
  draw_text (cr, &caption_style, qr_x - 8, FORMS_PAGE_MARGIN + QR_SIZE, QR_SIZE + 8, 10,
             "扫码核对 Scan to match");

  /* the title is centred on the page and kept clear of the QR code */
  draw_text (cr, &title_style, FORMS_PAGE_MARGIN + QR_SIZE + 12, FORMS_PAGE_MARGIN + 14,
             CONTENT_WIDTH - 2 * (QR_SIZE + 12), 40, "签名信息采集表");
  draw_text (cr, &subtitle_style, FORMS_PAGE_MARGIN + QR_SIZE + 12, FORMS_PAGE_MARGIN + 56,
             CONTENT_WIDTH - 2 * (QR_SIZE + 12), 16, "Signature Information Collection Form");

  y = draw_fields (cr, form, date);
  draw_signature_boxes (cr, y + 18);
  draw_footer (cr, form);
  return TRUE;
}

/**
 * forms_render_draw_test_page:
 *
 * A page for staff to check a printer: no personal data, a frame at the
 * margins, the printer's name and the time.
 */
gboolean
forms_render_draw_test_page (const char *printer_name, cairo_t *cr, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
  g_autofree char *details = g_strdup_printf ("打印机 Printer: %s\n时间 Time: %s",
                                              printer_name != NULL ? printer_name : DASH, when);

  fill_page_white (cr);
  stroke_rectangle (cr, FORMS_PAGE_MARGIN, FORMS_PAGE_MARGIN, CONTENT_WIDTH,
                    FORMS_PAGE_HEIGHT - 2 * FORMS_PAGE_MARGIN, 1.5);
  draw_text (cr, &title_style, FORMS_PAGE_MARGIN, FORMS_PAGE_MARGIN + 40, CONTENT_WIDTH, 40,
             "打印测试页");
  draw_text (cr, &subtitle_style, FORMS_PAGE_MARGIN, FORMS_PAGE_MARGIN + 82, CONTENT_WIDTH, 16,
             "Printer test page");
  draw_text (cr, &body_style, FORMS_PAGE_MARGIN + 24, FORMS_PAGE_MARGIN + 130, CONTENT_WIDTH - 48,
             40, details);
  for (int i = 0; i < 10; i++)
    {
      cairo_set_source_rgb (cr, i / 10.0, i / 10.0, i / 10.0);
      cairo_rectangle (cr, FORMS_PAGE_MARGIN + 24 + i * 44, FORMS_PAGE_MARGIN + 200, 40, 40);
      cairo_fill (cr);
    }
  return TRUE;
}

typedef struct
{
  GOutputStream *stream;
  GCancellable *cancellable;
  GError *error;
} StreamClosure;

static cairo_status_t
write_to_stream_cb (void *user_data, const unsigned char *data, unsigned int length)
{
  StreamClosure *closure = user_data;

  if (closure->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (closure->stream, data, length, NULL, closure->cancellable,
                                  &closure->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

typedef gboolean (*DrawFunc) (gconstpointer data, cairo_t *cr, GError **error);

static gboolean
draw_form_cb (gconstpointer data, cairo_t *cr, GError **error)
{
  return forms_render_draw ((FormsSignatureForm *) data, cr, error);
}

static gboolean
draw_test_page_cb (gconstpointer data, cairo_t *cr, GError **error)
{
  return forms_render_draw_test_page (data, cr, error);
}

static gboolean
render_pdf (DrawFunc draw,
            gconstpointer data,
            const char *title,
            GOutputStream *stream,
            GCancellable *cancellable,
            GError **error)
{
  StreamClosure closure = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;
  cairo_status_t status;

  surface = cairo_pdf_surface_create_for_stream (write_to_stream_cb, &closure, FORMS_PAGE_WIDTH,
                                                 FORMS_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Practitioner Kiosk");
  cr = cairo_create (surface);
  ok = draw (data, cr, error);
  if (ok)
    cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!ok)
    {
      g_clear_error (&closure.error);
      return FALSE;
    }
  if (closure.error != NULL)
    {
      g_propagate_prefixed_error (error, closure.error, "writing the PDF: ");
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, FORMS_ERROR, FORMS_ERROR_FAILED, "drawing the PDF: %s",
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * forms_render_pdf_to_stream:
 *
 * Writes the form as a one-page A4 PDF with its fonts embedded.
 */
gboolean
forms_render_pdf_to_stream (FormsSignatureForm *form,
                            GOutputStream *stream,
                            GCancellable *cancellable,
                            GError **error)
{
  g_return_val_if_fail (FORMS_IS_SIGNATURE_FORM (form), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  return render_pdf (draw_form_cb, form, "签名信息采集表", stream, cancellable, error);
}

gboolean
forms_render_test_page_to_stream (const char *printer_name,
                                  GOutputStream *stream,
                                  GCancellable *cancellable,
                                  GError **error)
{
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  return render_pdf (draw_test_page_cb, printer_name, "打印测试页", stream, cancellable, error);
}

/**
 * forms_render_pdf_to_file:
 *
 * Writes the form to @path, creating it readable by its owner only.
 */
gboolean
forms_render_pdf_to_file (FormsSignatureForm *form, const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileOutputStream) stream = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!forms_render_pdf_to_stream (form, G_OUTPUT_STREAM (stream), NULL, error))
    {
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

/**
 * forms_render_image:
 * @pixels_per_point: e.g. 1.0 for a 595×842 image
 *
 * Draws the form into an RGB image for the screen.
 *
 * Returns: (transfer full): a %CAIRO_FORMAT_RGB24 image surface, or %NULL
 */
cairo_surface_t *
forms_render_image (FormsSignatureForm *form, double pixels_per_point, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (FORMS_IS_SIGNATURE_FORM (form), NULL);
  g_return_val_if_fail (pixels_per_point > 0 && pixels_per_point <= 8, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) (FORMS_PAGE_WIDTH * pixels_per_point + 0.5),
                                        (int) (FORMS_PAGE_HEIGHT * pixels_per_point + 0.5));
  cr = cairo_create (surface);
  /* the image is rounded up to whole pixels: no dark seam at the edge */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, pixels_per_point, pixels_per_point);
  ok = forms_render_draw (form, cr, error);
  cairo_destroy (cr);
  if (!ok)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  return surface;
}
