/* input-ink.h: the strokes of one handwritten character
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* a finger left on the pad must not grow the ink without end */
#define INPUT_INK_MAX_STROKES 64
#define INPUT_INK_MAX_POINTS 2048

#define INPUT_TYPE_INK (input_ink_get_type ())

typedef struct _InputInk InputInk;

GType input_ink_get_type (void);

InputInk *input_ink_new (double width, double height);
InputInk *input_ink_new_from_text (const char *text, gssize length, GError **error);
InputInk *input_ink_copy (const InputInk *ink);
InputInk *input_ink_ref (InputInk *ink);
void input_ink_unref (InputInk *ink);

double input_ink_get_width (const InputInk *ink);
double input_ink_get_height (const InputInk *ink);

gboolean input_ink_begin_stroke (InputInk *ink);
gboolean input_ink_add_point (InputInk *ink, double x, double y);
gboolean input_ink_remove_last_stroke (InputInk *ink);
void input_ink_clear (InputInk *ink);

guint input_ink_get_n_strokes (const InputInk *ink);
guint input_ink_get_n_points (const InputInk *ink, guint stroke);
gboolean input_ink_get_point (const InputInk *ink, guint stroke, guint index, double *x, double *y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InputInk, input_ink_unref)

G_END_DECLS
