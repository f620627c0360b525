/* input-ink.c: the strokes of one handwritten character
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the handwriting pad records and the handwriting engine reads: strokes
 * in the order they were written, each a list of points on a canvas of a
 * known size (the recogniser needs the size to place the strokes). Reference
 * counted so a copy can go to the recognising thread while the pad goes on.
 *
 * The text form, for test data and diagnostics:
 *
 *   # comments and blank lines are skipped
 *   size 300 300
 *   60,90 60,200          one stroke per line: x,y points
 *   60,90 240,90 240,200
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "input-engine.h"
#include "input-ink.h"

/* bounds for canvases and coordinates read from text */
#define MAX_CANVAS 100000.0

typedef struct
{
  double x;
  double y;
} InkPoint;

struct _InputInk
{
  gatomicrefcount ref_count;
  double width;
  double height;
  GPtrArray *strokes; /* GArray of InkPoint */
};

G_DEFINE_BOXED_TYPE (InputInk, input_ink, input_ink_ref, input_ink_unref)

static GArray *
new_stroke (void)
{
  return g_array_new (FALSE, FALSE, sizeof (InkPoint));
}

/**
 * input_ink_new:
 * @width: the canvas width the points are measured on
 * @height: the canvas height
 */
InputInk *
input_ink_new (double width, double height)
{
  InputInk *ink;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  ink = g_new0 (InputInk, 1);
  g_atomic_ref_count_init (&ink->ref_count);
  ink->width = width;
  ink->height = height;
  ink->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return ink;
}

InputInk *
input_ink_ref (InputInk *ink)
{
  g_return_val_if_fail (ink != NULL, NULL);

  g_atomic_ref_count_inc (&ink->ref_count);
  return ink;
}

void
input_ink_unref (InputInk *ink)
{
  g_return_if_fail (ink != NULL);

  if (!g_atomic_ref_count_dec (&ink->ref_count))
    return;
  g_ptr_array_unref (ink->strokes);
  g_free (ink);
}

/* A deep copy, which the caller may hand to another thread. */
InputInk *
input_ink_copy (const InputInk *ink)
{
  InputInk *copy;

  g_return_val_if_fail (ink != NULL, NULL);

  copy = input_ink_new (ink->width, ink->height);
  for (guint i = 0; i < ink->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (ink->strokes, i);
      GArray *dup = new_stroke ();

      g_array_append_vals (dup, stroke->data, stroke->len);
      g_ptr_array_add (copy->strokes, dup);
    }
  return copy;
}

double
input_ink_get_width (const InputInk *ink)
{
  g_return_val_if_fail (ink != NULL, 0);
  return ink->width;
}

double
input_ink_get_height (const InputInk *ink)
{
  g_return_val_if_fail (ink != NULL, 0);
  return ink->height;
}

/**
 * input_ink_begin_stroke:
 *
 * Starts a stroke: the pen (finger) touched the canvas.
 *
 * Returns: %FALSE when the ink already has %INPUT_INK_MAX_STROKES strokes
 */
gboolean
input_ink_begin_stroke (InputInk *ink)
{
  g_return_val_if_fail (ink != NULL, FALSE);

  if (ink->strokes->len >= INPUT_INK_MAX_STROKES)
    return FALSE;
  g_ptr_array_add (ink->strokes, new_stroke ());
  return TRUE;
}

/**
 * input_ink_add_point:
 *
 * Adds a point to the stroke begun last.
 *
 * Returns: %FALSE when no stroke was begun, the stroke is full
 *   (%INPUT_INK_MAX_POINTS), or the point is not a finite number
 */
gboolean
input_ink_add_point (InputInk *ink, double x, double y)
{
  GArray *stroke;
  InkPoint point = { x, y };

  g_return_val_if_fail (ink != NULL, FALSE);

  if (ink->strokes->len == 0 || !isfinite (x) || !isfinite (y))
    return FALSE;
  stroke = g_ptr_array_index (ink->strokes, ink->strokes->len - 1);
  if (stroke->len >= INPUT_INK_MAX_POINTS)
    return FALSE;
  g_array_append_val (stroke, point);
  return TRUE;
}

/* Returns: %FALSE when there was no stroke to remove */
gboolean
input_ink_remove_last_stroke (InputInk *ink)
{
  g_return_val_if_fail (ink != NULL, FALSE);

  if (ink->strokes->len == 0)
    return FALSE;
  g_ptr_array_remove_index (ink->strokes, ink->strokes->len - 1);
  return TRUE;
}

void
input_ink_clear (InputInk *ink)
{
  g_return_if_fail (ink != NULL);
  g_ptr_array_set_size (ink->strokes, 0);
}

guint
input_ink_get_n_strokes (const InputInk *ink)
{
  g_return_val_if_fail (ink != NULL, 0);
  return ink->strokes->len;
}

guint
input_ink_get_n_points (const InputInk *ink, guint stroke)
{
  g_return_val_if_fail (ink != NULL, 0);

  if (stroke >= ink->strokes->len)
    return 0;
  return ((GArray *) g_ptr_array_index (ink->strokes, stroke))->len;
}

/* Returns: %FALSE when @stroke or @index is out of range */
gboolean
input_ink_get_point (const InputInk *ink, guint stroke, guint index, double *x, double *y)
{
  GArray *points;
  InkPoint *point;

  g_return_val_if_fail (ink != NULL, FALSE);

  if (stroke >= ink->strokes->len)
    return FALSE;
  points = g_ptr_array_index (ink->strokes, stroke);
  if (index >= points->len)
    return FALSE;
  point = &g_array_index (points, InkPoint, index);
  if (x != NULL)
    *x = point->x;
  if (y != NULL)
    *y = point->y;
  return TRUE;
}

static gboolean
parse_number (const char *text, double *out)
{
  char *end = NULL;
  double value;

  if (*text == '\0')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (value) || fabs (value) > MAX_CANVAS)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_size (const char *line, double *width, double *height)
{
  g_auto (GStrv) words = g_strsplit_set (line, " \t", -1);
  guint n = 0;
  const char *values[2] = { NULL, NULL };

  if (g_strv_length (words) < 3 || !g_str_equal (words[0], "size"))
    return FALSE;
  for (guint i = 1; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (n == 2)
        return FALSE;
      values[n++] = words[i];
    }
  return n == 2 && parse_number (values[0], width) && parse_number (values[1], height) &&
         *width >= 1 && *height >= 1;
}

static gboolean
parse_stroke (InputInk *ink, const char *line, guint line_number, GError **error)
{
  g_auto (GStrv) points = g_strsplit_set (line, " \t", -1);

  if (!input_ink_begin_stroke (ink))
    {
      g_set_error (error, INPUT_ERROR, INPUT_ERROR_INVALID_INK, _ ("line %u: more than %u strokes"),
                   line_number, INPUT_INK_MAX_STROKES);
      return FALSE;
    }
  for (guint i = 0; points[i] != NULL; i++)
    {
      g_auto (GStrv) xy = NULL;
      double x, y;

      if (*points[i] == '\0')
        continue;
      xy = g_strsplit (points[i], ",", 3);
      if (g_strv_length (xy) != 2 || !parse_number (xy[0], &x) || !parse_number (xy[1], &y))
        {
          g_set_error (error, INPUT_ERROR, INPUT_ERROR_INVALID_INK,
                       _ ("line %u: a point is not written as x,y"), line_number);
          return FALSE;
        }
      if (!input_ink_add_point (ink, x, y))
        {
          g_set_error (error, INPUT_ERROR, INPUT_ERROR_INVALID_INK,
                       _ ("line %u: more than %u points in a stroke"), line_number,
                       INPUT_INK_MAX_POINTS);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * input_ink_new_from_text:
 * @text: the ink in its text form (see the top of this file)
 * @length: the length of @text in bytes, or -1 if it ends with a NUL
 *
 * Returns: (transfer full) (nullable): the ink, or %NULL with @error set
 */
InputInk *
input_ink_new_from_text (const char *text, gssize length, GError **error)
{
  g_autoptr (InputInk) ink = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *copy = NULL;
  gsize size;

  g_return_val_if_fail (text != NULL, NULL);

  size = length < 0 ? strlen (text) : (gsize) length;
  if (memchr (text, '\0', size) != NULL || !g_utf8_validate (text, (gssize) size, NULL))
    {
      g_set_error_literal (error, INPUT_ERROR, INPUT_ERROR_INVALID_INK,
                           _ ("the ink is not UTF-8 text"));
      return NULL;
    }
  copy = g_strndup (text, size);
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      if (ink == NULL)
        {
          double width, height;

          if (!parse_size (line, &width, &height))
            {
              g_set_error (error, INPUT_ERROR, INPUT_ERROR_INVALID_INK,
                           _ ("line %u: the ink must start with “size WIDTH HEIGHT”"), i + 1);
              return NULL;
            }
          ink = input_ink_new (width, height);
          continue;
        }
      if (!parse_stroke (ink, line, i + 1, error))
        return NULL;
    }
  if (ink == NULL)
    {
      g_set_error_literal (error, INPUT_ERROR, INPUT_ERROR_INVALID_INK,
                           _ ("the ink has no “size WIDTH HEIGHT” line"));
      return NULL;
    }
  return g_steal_pointer (&ink);
}
