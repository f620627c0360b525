/* registry-captcha-image.c: captcha answers and their images
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An answer is 4 or 5 characters from an alphabet without look-alikes: no
 * 0/O/Q/D, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V. Letters are drawn upper-case and
 * compared without case. The image is a PNG drawn with cairo: each
 * character slightly rotated, scaled and shifted, over and under a few noise
 * lines and dots, large enough to read on a kiosk screen.
 */

#include "config.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <sodium.h>
#include <string.h>

#include "registry-captcha-image.h"
#include "registry-error.h"

const char registry_captcha_alphabet[] = "3479ACEFHJKMNPRTWXY";

static double
uniform (double low, double high)
{
  return low + (high - low) * (randombytes_uniform (1000001) / 1000000.0);
}

/**
 * registry_captcha_new_answer:
 *
 * Returns: (transfer full): 4 or 5 random characters of the alphabet
 */
char *
registry_captcha_new_answer (void)
{
  guint n;
  char *answer;

  if (sodium_init () < 0)
    g_error ("libsodium cannot start");
  n = 4 + randombytes_uniform (2);
  answer = g_malloc (n + 1);
  for (guint i = 0; i < n; i++)
    answer[i] =
        registry_captcha_alphabet[randombytes_uniform (sizeof registry_captcha_alphabet - 1)];
  answer[n] = '\0';
  return answer;
}

/**
 * registry_captcha_normalize:
 * @answer: what the person typed
 *
 * Returns: (transfer full) (nullable): @answer in upper case without
 *   surrounding spaces, or %NULL when it is not 1 to
 *   %REGISTRY_CAPTCHA_MAX_ANSWER ASCII letters and digits
 */
char *
registry_captcha_normalize (const char *answer)
{
  g_autofree char *copy = NULL;
  gsize len;

  if (answer == NULL || strlen (answer) > REGISTRY_CAPTCHA_MAX_ANSWER + 8)
    return NULL;
  copy = g_strstrip (g_strdup (answer));
  len = strlen (copy);
  if (len == 0 || len > REGISTRY_CAPTCHA_MAX_ANSWER)
    return NULL;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (copy[i]))
        return NULL;
      copy[i] = g_ascii_toupper (copy[i]);
    }
  return g_steal_pointer (&copy);
}

static void
random_dark_colour (cairo_t *cr, double alpha)
{
  cairo_set_source_rgba (cr, uniform (0.05, 0.45), uniform (0.05, 0.45), uniform (0.1, 0.55),
                         alpha);
}

static void
noise_lines (cairo_t *cr, guint n, double width)
{
  for (guint i = 0; i < n; i++)
    {
      random_dark_colour (cr, 0.55);
      cairo_set_line_width (cr, width);
      cairo_move_to (cr, uniform (0, REGISTRY_CAPTCHA_WIDTH * 0.3),
                     uniform (0, REGISTRY_CAPTCHA_HEIGHT));
      cairo_curve_to (cr, uniform (0, REGISTRY_CAPTCHA_WIDTH), uniform (0, REGISTRY_CAPTCHA_HEIGHT),
                      uniform (0, REGISTRY_CAPTCHA_WIDTH), uniform (0, REGISTRY_CAPTCHA_HEIGHT),
                      uniform (REGISTRY_CAPTCHA_WIDTH * 0.7, REGISTRY_CAPTCHA_WIDTH),
                      uniform (0, REGISTRY_CAPTCHA_HEIGHT));
      cairo_stroke (cr);
    }
}

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * registry_captcha_render:
 * @text: the answer to draw (ASCII letters and digits)
 *
 * Returns: (transfer full): the PNG image, or %NULL with @error set
 */
GBytes *
registry_captcha_render (const char *text, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *png = g_byte_array_new ();
  gsize n = strlen (text);
  double slot = (REGISTRY_CAPTCHA_WIDTH - 24.0) / MAX (n, 4);
  cairo_status_t status;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, REGISTRY_CAPTCHA_WIDTH,
                                        REGISTRY_CAPTCHA_HEIGHT);
  cr = cairo_create (surface);

  /* a light, slightly uneven background */
  cairo_set_source_rgb (cr, uniform (0.92, 1.0), uniform (0.92, 1.0), uniform (0.88, 0.97));
  cairo_paint (cr);
  for (guint i = 0; i < 120; i++)
    {
      random_dark_colour (cr, 0.35);
      cairo_arc (cr, uniform (0, REGISTRY_CAPTCHA_WIDTH), uniform (0, REGISTRY_CAPTCHA_HEIGHT),
                 uniform (0.6, 1.6), 0, 2 * G_PI);
      cairo_fill (cr);
    }
  noise_lines (cr, 3, 1.5);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  for (gsize i = 0; i < n; i++)
    {
      char glyph[2] = { g_ascii_toupper (text[i]), '\0' };
      cairo_text_extents_t extents;
      /* as large as the character's slot allows, so five do not overlap */
      double size = CLAMP (slot * uniform (0.95, 1.1), 36, 56);

      cairo_save (cr);
      cairo_set_font_size (cr, size);
      cairo_text_extents (cr, glyph, &extents);
      cairo_translate (cr, 12 + slot * (i + 0.5) + uniform (-4, 4),
                       REGISTRY_CAPTCHA_HEIGHT / 2.0 + uniform (-6, 6));
      cairo_rotate (cr, uniform (-0.3, 0.3));
      random_dark_colour (cr, 1.0);
      cairo_move_to (cr, -(extents.x_bearing + extents.width / 2),
                     -(extents.y_bearing + extents.height / 2));
      cairo_show_text (cr, glyph);
      cairo_restore (cr);
    }
  noise_lines (cr, 3, 2.0);

  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, write_cb, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (png);
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED, "drawing the captcha failed: %s",
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (png);
}

/**
 * registry_captcha_release_caches:
 *
 * Drops cairo's and fontconfig's font caches, so a leak checker sees a
 * clean exit. Call only when no captcha is being drawn any more.
 */
void
registry_captcha_release_caches (void)
{
  cairo_debug_reset_static_data ();
  FcFini ();
}
