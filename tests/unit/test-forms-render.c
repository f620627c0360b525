/* test-forms-render.c: drawing the signature collection form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The screen image is compared with committed references under
 * tests/data/forms/ (mean difference per channel, so a font point release
 * does not break the test but a moved box does). To refresh them after an
 * intended change: FORMS_WRITE_REFERENCES=1 G_TEST_SRCDIR=tests
 * build/tests/unit/test-forms-render
 * writes the new images next to the old ones.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "forms-error.h"
#include "forms-render.h"
#include "idcard-document.h"

#define SAMPLE_NUMBER "11010519491231002X"
#define LONG_NAME "欧阳司马慕容上官诸葛东方皇甫尉迟公羊澹台公冶宗政濮阳淳于单于太叔申屠"
#define LATIN_NAME                                                                                 \
  "Maximilian Alexander Bartholomew Konstantin von Hohenzollern-Sigmaringen-Wittelsbach"

/* glibc caches translations per catalogue; a language switch must say so,
 * as the kiosk does */
extern int _nl_msg_cat_cntr;

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  ++_nl_msg_cat_cntr;
}

static FormsSignatureForm *
sample_form (void)
{
  FormsSignatureForm *form = forms_signature_form_new ();
  g_autoptr (GDateTime) date = g_date_time_new_local (2026, 11, 29, 10, 0, 0);

  forms_signature_form_set_name (form, "张三丰");
  forms_signature_form_set_sex (form, "男");
  forms_signature_form_set_document_type (form, "居民身份证");
  forms_signature_form_set_document_number (form, SAMPLE_NUMBER);
  forms_signature_form_set_company (form, "北京市示例建设工程有限公司");
  forms_signature_form_set_phone (form, "13800138000");
  forms_signature_form_set_record_id (form, "R2026-000123");
  forms_signature_form_set_window_name (form, "市受理服务中心 3号窗口");
  forms_signature_form_set_print_date (form, date);
  return form;
}

static FormsSignatureForm *
long_names_form (void)
{
  FormsSignatureForm *form = sample_form ();

  forms_signature_form_set_name (form, LONG_NAME);
  forms_signature_form_set_company (
      form, "中国建筑第八工程局有限公司华东分公司上海市浦东新区张江高科技园区第二十三项目部"
            "机电安装分部综合管理办公室");
  forms_signature_form_set_window_name (
      form, "上海市浦东新区建设工程从业人员信息采集受理服务中心第一百二十三号自助服务窗口");
  return form;
}

static FormsSignatureForm *
latin_form (void)
{
  FormsSignatureForm *form = sample_form ();

  forms_signature_form_set_name (form, LATIN_NAME);
  forms_signature_form_set_name_en (form, LATIN_NAME);
  forms_signature_form_set_sex (form, "男");
  forms_signature_form_set_document_type (form, "外国人永久居留身份证");
  forms_signature_form_set_document_number (form, "DEU110060119900101");
  return form;
}

static FormsSignatureForm *
minimal_form (void)
{
  FormsSignatureForm *form = forms_signature_form_new ();
  g_autoptr (GDateTime) date = g_date_time_new_local (2026, 1, 2, 10, 0, 0);

  forms_signature_form_set_name (form, "李四");
  forms_signature_form_set_document_type (form, "居民身份证");
  forms_signature_form_set_document_number (form, SAMPLE_NUMBER);
  forms_signature_form_set_record_id (form, "R1");
  forms_signature_form_set_print_date (form, date);
  return form;
}

/* mean absolute difference per channel, 0–255 */
static double
mean_difference (cairo_surface_t *a, cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  guint64 total = 0;

  g_assert_cmpint (width, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < height; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a) +
                                             y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b) +
                                             y * cairo_image_surface_get_stride (b));
      for (int x = 0; x < width; x++)
        for (int shift = 0; shift < 24; shift += 8)
          total += ABS ((int) ((ra[x] >> shift) & 0xff) - (int) ((rb[x] >> shift) & 0xff));
    }
  return (double) total / ((double) width * height * 3);
}

/* nothing but white paper within the margin, less the width of a rule */
static void
assert_margins_blank (cairo_surface_t *image)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int band = (int) (FORMS_PAGE_MARGIN - 2);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (image) +
                                              y * cairo_image_surface_get_stride (image));
      for (int x = 0; x < width; x++)
        {
          if (y >= band && y < height - band && x >= band && x < width - band)
            continue;
          if ((row[x] & 0xffffff) != 0xffffff)
            g_error ("ink at %d,%d, inside the page margin", x, y);
        }
    }
}

static void
check_against_reference (FormsSignatureForm *form, const char *reference)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "forms", reference, NULL);
  cairo_surface_t *image = forms_render_image (form, 1.0, &error);
  cairo_surface_t *expected;
  cairo_surface_t *expected_rgb;
  cairo_t *cr;
  double difference;

  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 595);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 842);
  assert_margins_blank (image);

  if (g_getenv ("FORMS_WRITE_REFERENCES") != NULL)
    {
      g_assert_cmpint (cairo_surface_write_to_png (image, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
    }

  expected = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (expected), ==, CAIRO_STATUS_SUCCESS);
  /* the PNG may load as ARGB; compare in the renderer's format */
  expected_rgb =
      cairo_image_surface_create (CAIRO_FORMAT_RGB24, cairo_image_surface_get_width (expected),
                                  cairo_image_surface_get_height (expected));
  cr = cairo_create (expected_rgb);
  cairo_set_source_surface (cr, expected, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (expected_rgb);

  difference = mean_difference (image, expected_rgb);
  g_test_message ("%s: mean difference %.3f", reference, difference);
  g_assert_cmpfloat (difference, <, 1.0);

  cairo_surface_destroy (expected_rgb);
  cairo_surface_destroy (expected);
  cairo_surface_destroy (image);
}

static char *
pdf_text (FormsSignatureForm *form)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("forms-render-XXXXXX", &error);
  g_autofree char *pdf = NULL;
  g_autofree char *txt = NULL;
  char *text = NULL;
  const char *argv[] = { "pdftotext", "-layout", NULL, NULL, NULL };
  int status;

  g_assert_no_error (error);
  pdf = g_build_filename (dir, "form.pdf", NULL);
  txt = g_build_filename (dir, "form.txt", NULL);
  g_assert_true (forms_render_pdf_to_file (form, pdf, &error));
  g_assert_no_error (error);
  argv[2] = pdf;
  argv[3] = txt;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (txt, &text, NULL, &error));
  g_assert_no_error (error);
  g_unlink (pdf);
  g_unlink (txt);
  g_rmdir (dir);
  return text;
}

/* pdftotext may break a long value over lines: compare without white space */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
test_sample (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ();
  g_autofree char *text = NULL;

  check_against_reference (form, "sample.png");
  text = pdf_text (form);
  g_assert_nonnull (strstr (text, "签名信息采集表"));
  g_assert_nonnull (strstr (text, "张三丰"));
  g_assert_nonnull (strstr (text, SAMPLE_NUMBER));
  g_assert_nonnull (strstr (text, "13800138000"));
  g_assert_nonnull (strstr (text, "2026年11月29日"));
  g_assert_nonnull (strstr (text, "3号窗口"));
}

static void
test_long_names (void)
{
  g_autoptr (FormsSignatureForm) form = long_names_form ();
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  check_against_reference (form, "long-names.png");
  /* shrunk and wrapped, not cut */
  text = pdf_text (form);
  flat = squeeze (text);
  g_assert_nonnull (strstr (flat, LONG_NAME));
  g_assert_nonnull (strstr (flat, "机电安装分部综合管理办公室"));
}

static void
test_latin_name (void)
{
  g_autoptr (FormsSignatureForm) form = latin_form ();
  g_autofree char *text = NULL;
  g_auto (GStrv) words = g_strsplit_set (LATIN_NAME, " -", -1);

  check_against_reference (form, "latin-name.png");
  /* wrapped between words, every word whole (the label column may sit between the lines) */
  text = pdf_text (form);
  for (guint i = 0; words[i] != NULL; i++)
    g_assert_nonnull (strstr (text, words[i]));
  g_assert_nonnull (strstr (text, "DEU110060119900101"));
}

static void
test_missing_optional (void)
{
  g_autoptr (FormsSignatureForm) form = minimal_form ();
  g_autofree char *text = NULL;

  check_against_reference (form, "minimal.png");
  text = pdf_text (form);
  g_assert_nonnull (strstr (text, "李四"));
  g_assert_nonnull (strstr (text, "—"));
  g_assert_null (strstr (text, "(null)"));
}

/* a name far beyond any real one still stays in its box and on the page */
static void
test_absurd_lengths (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ();
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *image;

  for (int i = 0; i < 60; i++)
    g_string_append (name, "欧阳Wolfeschlegelsteinhausenbergerdorff");
  forms_signature_form_set_name (form, name->str);
  forms_signature_form_set_name_en (form, name->str);
  forms_signature_form_set_company (form, name->str);
  forms_signature_form_set_window_name (form, name->str);
  image = forms_render_image (form, 1.0, &error);
  g_assert_no_error (error);
  assert_margins_blank (image);
  cairo_surface_destroy (image);
}

static void
test_required_fields (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ();
  g_autoptr (GError) error = NULL;
  cairo_surface_t *image;

  forms_signature_form_set_record_id (form, "");
  image = forms_render_image (form, 1.0, &error);
  g_assert_error (error, FORMS_ERROR, FORMS_ERROR_INVALID_FORM);
  g_assert_null (image);
  g_clear_error (&error);

  forms_signature_form_set_record_id (form, "R1:evil");
  g_assert_false (forms_signature_form_validate (form, &error));
  g_assert_error (error, FORMS_ERROR, FORMS_ERROR_INVALID_FORM);
  g_clear_error (&error);

  forms_signature_form_set_record_id (form, "R1");
  forms_signature_form_set_document_number (form, NULL);
  g_assert_false (forms_signature_form_validate (form, &error));
  g_assert_error (error, FORMS_ERROR, FORMS_ERROR_INVALID_FORM);
}

static void
test_qr_payload (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ();
  g_autoptr (GError) error = NULL;
  g_autofree char *payload = forms_signature_form_dup_qr_payload (form, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (payload, ==, "PKFORM:1:R2026-000123:002X");
  /* nothing else about the person */
  g_assert_null (strstr (payload, "110105"));
  g_assert_null (strstr (payload, "13800138000"));
}

/* the PDF is binary: strstr would stop at its first NUL byte */
static gboolean
bytes_contain (const char *data, gsize size, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_pdf (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *dir = g_dir_make_tmp ("forms-render-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "form.pdf", NULL);
  GStatBuf st;
  const char *data;
  gsize size;

  g_assert_true (forms_render_pdf_to_stream (form, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 1000);
  g_assert_true (memcmp (data, "%PDF-", 5) == 0);
  /* the fonts travel with the document */
  g_assert_true (bytes_contain (data, size, "/FontFile"));
  g_assert_true (bytes_contain (data, size, "NotoSansCJKsc"));
  /* one A4 page */
  g_assert_true (bytes_contain (data, size, "/MediaBox [ 0 0 595.276 841.89 ]"));

  g_assert_true (forms_render_pdf_to_file (form, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_unlink (path);
  g_rmdir (dir);
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_form_properties (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ();
  g_autoptr (FormsSignatureForm) copy = NULL;
  g_autofree char *company = NULL;
  guint notified = 0;

  g_signal_connect (form, "notify", G_CALLBACK (count_notify_cb), &notified);
  forms_signature_form_set_name (form, "张三丰");
  g_assert_cmpuint (notified, ==, 0);
  forms_signature_form_set_name (form, "李四");
  g_assert_cmpuint (notified, ==, 1);
  /* empty means unknown */
  forms_signature_form_set_company (form, "");
  g_assert_null (forms_signature_form_get_company (form));
  g_assert_cmpuint (notified, ==, 2);
  g_object_set (form, "company", "示例公司", NULL);
  g_object_get (form, "company", &company, NULL);
  g_assert_cmpstr (company, ==, "示例公司");

  copy = forms_signature_form_copy (form);
  g_assert_cmpstr (forms_signature_form_get_name (copy), ==, "李四");
  g_assert_cmpstr (forms_signature_form_get_company (copy), ==, "示例公司");
  g_assert_true (forms_signature_form_get_print_date (copy) ==
                 forms_signature_form_get_print_date (form));
  forms_signature_form_set_name (copy, "王五");
  g_assert_cmpstr (forms_signature_form_get_name (form), ==, "李四");
}

/* the form carries the logged-in person's record as the registry gave it. */
static void
test_form_for_person (void)
{
  g_autoptr (JsonNode) node =
      json_from_string ("{\"person_id\": \"p-42\", \"name\": \"王秀英\", \"sex\": \"女\","
                        " \"doc_type\": \"resident\", \"doc_number\": \"110101195803140024\","
                        " \"login_phone\": \"13800138000\", \"nation\": 7}",
                        NULL);
  g_autoptr (JsonNode) odd = json_from_string ("{\"doc_type\": \"no-such-type\"}", NULL);
  g_autoptr (FormsSignatureForm) form =
      forms_signature_form_new_for_person (json_node_get_object (node));
  g_autoptr (FormsSignatureForm) empty =
      forms_signature_form_new_for_person (json_node_get_object (odd));

  g_assert_cmpstr (forms_signature_form_get_name (form), ==, "王秀英");
  g_assert_cmpstr (forms_signature_form_get_sex (form), ==, "女");
  g_assert_cmpstr (forms_signature_form_get_document_type (form), ==, "居民身份证");
  g_assert_cmpstr (forms_signature_form_get_document_number (form), ==, "110101195803140024");
  g_assert_cmpstr (forms_signature_form_get_phone (form), ==, "13800138000");
  g_assert_cmpstr (forms_signature_form_get_record_id (form), ==, "p-42");
  g_assert_true (forms_signature_form_validate (form, NULL));

  /* what the record lacks, or has of the wrong kind, stays empty */
  g_assert_null (forms_signature_form_get_name (empty));
  g_assert_null (forms_signature_form_get_document_type (empty));
  g_assert_false (forms_signature_form_validate (empty, NULL));
}

/* The value in the row labelled @label in @text, white space squeezed out:
 * pdftotext -layout writes a row's Chinese label on a line of its own and
 * the value on the next. */
static char *
row_after (const char *text, const char *label)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      g_autofree char *flat = squeeze (lines[i]);

      if (g_str_equal (flat, label))
        return squeeze (lines[i + 1]);
    }
  return NULL;
}

/* A foreign permanent resident card names its holder in Latin letters: the
 * form says so (外文姓名 / Name), gives the Chinese name as 中文姓名 (a dash
 * when the card has none, and it is printable all the same), the card's sex
 * and the document's Chinese name, in an English session as in a Chinese
 * one; the screen's preview is the same drawing. */
static void
test_foreign_card_names (void)
{
  g_autoptr (JsonNode) node = json_from_string (
      "{\"person_id\": \"p-7\", \"name\": \"施乔纳\","
      " \"name_en\": \"SCHNEIDER, JONAS\", \"sex\": \"男\","
      " \"doc_type\": \"foreign_permanent\", \"doc_number\": \"944276197909250057\"}",
      NULL);
  g_autoptr (JsonNode) latin_only_node = json_from_string (
      "{\"person_id\": \"p-8\", \"name_en\": \"MILLER, SARAH\", \"sex\": \"女\","
      " \"doc_type\": \"foreign_permanent\", \"doc_number\": \"USA310087061201\"}",
      NULL);
  g_autoptr (FormsSignatureForm) form = NULL;
  g_autoptr (FormsSignatureForm) latin_only = NULL;
  g_autoptr (FormsSignatureForm) copy = NULL;
  g_autoptr (FormsSignatureForm) resident = sample_form ();
  g_autoptr (GError) error = NULL;
  g_autoptr (FormsSignatureForm) chinese_session = NULL;
  g_autofree char *text = NULL;
  g_autofree char *row = NULL;

  /* the person chose English on the screen */
  use_language ("en");
  g_assert_cmpstr (idcard_document_type_get_label (IDCARD_DOCUMENT_FOREIGN_PERMANENT), ==,
                   "Foreign permanent resident ID card");
  form = forms_signature_form_new_for_person (json_node_get_object (node));
  latin_only = forms_signature_form_new_for_person (json_node_get_object (latin_only_node));

  g_assert_true (forms_signature_form_get_foreign (form));
  g_assert_true (forms_signature_form_get_latin_name_first (form));
  copy = forms_signature_form_copy (form);
  g_assert_true (forms_signature_form_get_foreign (copy));

  text = pdf_text (form);
  row = row_after (text, "外文姓名");
  g_assert_cmpstr (row, ==, "SCHNEIDER,JONAS");
  g_clear_pointer (&row, g_free);
  row = row_after (text, "中文姓名");
  g_assert_cmpstr (row, ==, "施乔纳");
  g_clear_pointer (&row, g_free);
  row = row_after (text, "性别");
  g_assert_cmpstr (row, ==, "男");
  g_clear_pointer (&row, g_free);
  /* an official Chinese form: the paper names the document as the card does */
  row = row_after (text, "证件类型");
  g_assert_cmpstr (row, ==, "外国人永久居留身份证");
  g_clear_pointer (&row, g_free);
  g_assert_null (strstr (text, "Foreign permanent"));
  /* no row calls the Latin name 姓名 */
  g_assert_null (row_after (text, "姓名"));
  g_clear_pointer (&text, g_free);

  g_assert_true (forms_signature_form_validate (latin_only, &error));
  g_assert_no_error (error);
  text = pdf_text (latin_only);
  row = row_after (text, "外文姓名");
  g_assert_cmpstr (row, ==, "MILLER,SARAH");
  g_clear_pointer (&row, g_free);
  row = row_after (text, "中文姓名");
  g_assert_cmpstr (row, ==, "—");
  g_clear_pointer (&row, g_free);
  row = row_after (text, "性别");
  g_assert_cmpstr (row, ==, "女");
  g_clear_pointer (&row, g_free);
  row = row_after (text, "证件类型");
  g_assert_cmpstr (row, ==, "外国人永久居留身份证");
  g_clear_pointer (&row, g_free);
  g_clear_pointer (&text, g_free);

  /* the same paper from a Chinese session */
  use_language ("zh_CN");
  g_assert_cmpstr (idcard_document_type_get_label (IDCARD_DOCUMENT_FOREIGN_PERMANENT), ==,
                   "外国人永久居留身份证");
  chinese_session = forms_signature_form_new_for_person (json_node_get_object (node));
  g_assert_cmpstr (forms_signature_form_get_document_type (chinese_session), ==,
                   forms_signature_form_get_document_type (form));
  /* the other tests run untranslated */
  g_unsetenv ("LANGUAGE");
  ++_nl_msg_cat_cntr;

  /* a resident's form is as it was: 姓名 first, no 中文姓名 */
  g_assert_false (forms_signature_form_get_latin_name_first (resident));
  text = pdf_text (resident);
  row = row_after (text, "姓名");
  g_assert_cmpstr (row, ==, "张三丰");
  g_assert_null (row_after (text, "中文姓名"));

  /* a passport leads with the Latin name when it is another country's */
  {
    g_autoptr (JsonNode) german = json_from_string (
        "{\"person_id\": \"p-9\", \"name\": \"施乔纳\", \"name_en\": \"SCHNEIDER, JONAS\","
        " \"doc_type\": \"passport\", \"nationality\": \"DEU\", \"doc_number\": \"C01X00T47\"}",
        NULL);
    g_autoptr (JsonNode) chinese = json_from_string (
        "{\"person_id\": \"p-10\", \"name\": \"张伟\", \"name_en\": \"ZHANG WEI\","
        " \"doc_type\": \"passport\", \"nationality\": \"CHN\", \"doc_number\": \"E12345678\"}",
        NULL);
    g_autoptr (FormsSignatureForm) german_form =
        forms_signature_form_new_for_person (json_node_get_object (german));
    g_autoptr (FormsSignatureForm) chinese_form =
        forms_signature_form_new_for_person (json_node_get_object (chinese));

    g_assert_true (forms_signature_form_get_latin_name_first (german_form));
    g_assert_false (forms_signature_form_get_latin_name_first (chinese_form));
  }
}

int
main (int argc, char *argv[])
{
  const char *localedir = g_getenv ("PRACTITIONER_KIOSK_LOCALEDIR");

  /* LANGUAGE counts only outside the plain C locale, as in the kiosk */
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/forms/render/sample", test_sample);
  g_test_add_func ("/forms/render/long-names", test_long_names);
  g_test_add_func ("/forms/render/latin-name", test_latin_name);
  g_test_add_func ("/forms/render/missing-optional", test_missing_optional);
  g_test_add_func ("/forms/render/absurd-lengths", test_absurd_lengths);
  g_test_add_func ("/forms/render/required-fields", test_required_fields);
  g_test_add_func ("/forms/render/qr-payload", test_qr_payload);
  g_test_add_func ("/forms/render/pdf", test_pdf);
  g_test_add_func ("/forms/form/properties", test_form_properties);
  g_test_add_func ("/forms/form/for-person", test_form_for_person);
  g_test_add_func ("/forms/form/foreign-card-names", test_foreign_card_names);

  return g_test_run ();
}
