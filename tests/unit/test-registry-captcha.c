/* test-registry-captcha.c: captcha answers and images, the test clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "registry-captcha-image.h"
#include "registry-clock.h"

/* R-G2: no characters that a person could take for another. */
static void
test_alphabet (void)
{
  const char *const look_alikes = "0OoQDd1IiLl2Zz5Ss8Bb6GgUuVv";

  for (const char *p = look_alikes; *p != '\0'; p++)
    g_assert_null (strchr (registry_captcha_alphabet, *p));
  for (const char *p = registry_captcha_alphabet; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p) || g_ascii_isupper (*p));
  g_assert_cmpuint (strlen (registry_captcha_alphabet), >=, 16);
}

static void
test_answers (void)
{
  guint lengths[6] = { 0 };
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 2000; i++)
    {
      char *answer = registry_captcha_new_answer ();
      gsize len = strlen (answer);

      g_assert_true (len == 4 || len == 5);
      lengths[len]++;
      for (gsize j = 0; j < len; j++)
        g_assert_nonnull (strchr (registry_captcha_alphabet, answer[j]));
      g_hash_table_add (seen, answer);
    }
  g_assert_cmpuint (lengths[4], >, 500);
  g_assert_cmpuint (lengths[5], >, 500);
  /* random, not a short cycle */
  g_assert_cmpuint (g_hash_table_size (seen), >, 1900);
}

/* R-3.2.2: the comparison ignores case and surrounding spaces. */
static void
test_normalize (void)
{
  const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "k7mp", "K7MP" },
    { " K7mP ", "K7MP" },
    { "ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOP" },
    { "", NULL },
    { "   ", NULL },
    { "K7-P", NULL },
    { "K7M\xc3\x9c", NULL },
    { "ABCDEFGHIJKLMNOPQ", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = registry_captcha_normalize (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (registry_captcha_normalize (NULL));
}

typedef struct
{
  const guchar *data;
  gsize length;
  gsize offset;
} Reader;

static cairo_status_t
read_cb (void *closure, unsigned char *data, unsigned int length)
{
  Reader *reader = closure;

  if (reader->offset + length > reader->length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
test_render (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = registry_captcha_render ("K7MPX", &error);
  Reader reader = { NULL, 0, 0 };
  cairo_surface_t *surface;
  guint dark = 0;

  g_assert_no_error (error);
  reader.data = g_bytes_get_data (png, &reader.length);
  g_assert_cmpint (memcmp (reader.data, "\x89PNG", 4), ==, 0);
  surface = cairo_image_surface_create_from_png_stream (read_cb, &reader);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, REGISTRY_CAPTCHA_WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, REGISTRY_CAPTCHA_HEIGHT);
  /* something was drawn: a fair share of dark pixels for the glyphs */
  cairo_surface_flush (surface);
  for (int y = 0; y < REGISTRY_CAPTCHA_HEIGHT; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                              y * cairo_image_surface_get_stride (surface));
      for (int x = 0; x < REGISTRY_CAPTCHA_WIDTH; x++)
        {
          guint32 p = row[x];
          if (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff) < 3 * 128)
            dark++;
        }
    }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (dark, >, REGISTRY_CAPTCHA_WIDTH * REGISTRY_CAPTCHA_HEIGHT / 20);

  /* two images of one answer differ: the noise is random */
  {
    g_autoptr (GBytes) again = registry_captcha_render ("K7MPX", NULL);
    g_assert_false (g_bytes_equal (png, again));
  }
}

static void
test_clock (void)
{
  g_autofree char *dir = g_dir_make_tmp ("registry-clock-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clock", NULL);
  gint64 real = g_get_real_time ();
  const struct
  {
    const char *text;
    gint64 seconds;
  } cases[] = {
    { "90\n", 90 }, { "-30", -30 }, { "  7 ", 7 },         { "x", 0 },
    { "12abc", 0 }, { "", 0 },      { "999999999999", 0 },
  };

  /* no file: the real time */
  g_assert_cmpint (registry_clock_now (path) - real, <, G_USEC_PER_SEC);
  g_assert_cmpint (registry_clock_now (NULL) - real, <, G_USEC_PER_SEC);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 shift;
      g_assert_true (g_file_set_contents (path, cases[i].text, -1, NULL));
      shift = registry_clock_now (path) - g_get_real_time ();
      g_assert_cmpint (shift, >, cases[i].seconds * G_USEC_PER_SEC - G_USEC_PER_SEC);
      g_assert_cmpint (shift, <=, cases[i].seconds * G_USEC_PER_SEC);
    }
  /* a fixed time stands still */
  g_assert_true (g_file_set_contents (path, "@1767225600\n", -1, NULL));
  g_assert_cmpint (registry_clock_now (path), ==, G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC);
  g_usleep (10000);
  g_assert_cmpint (registry_clock_now (path), ==, G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC);
  /* … within reason, or not at all */
  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "@", "@12", "@99999999999", "@1767225600x" };
      g_assert_true (g_file_set_contents (path, bad[i], -1, NULL));
      g_assert_cmpint (registry_clock_now (path) - g_get_real_time (), <=, 0);
      g_assert_cmpint (registry_clock_now (path) - g_get_real_time (), >, -G_USEC_PER_SEC);
    }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/registry/captcha/alphabet", test_alphabet);
  g_test_add_func ("/registry/captcha/answers", test_answers);
  g_test_add_func ("/registry/captcha/normalize", test_normalize);
  g_test_add_func ("/registry/captcha/render", test_render);
  g_test_add_func ("/registry/clock", test_clock);
  status = g_test_run ();
  registry_captcha_release_caches ();
  return status;
}
