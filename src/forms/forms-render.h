/* forms-render.h: drawing the signature collection form with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "forms-signature-form.h"

G_BEGIN_DECLS

/* A4 in PostScript points */
#define FORMS_PAGE_WIDTH 595.276
#define FORMS_PAGE_HEIGHT 841.890
/* nothing is drawn closer than this to the paper's edge */
#define FORMS_PAGE_MARGIN 42.0

gboolean forms_render_draw (FormsSignatureForm *form, cairo_t *cr, GError **error);
gboolean forms_render_draw_test_page (const char *printer_name, cairo_t *cr, GError **error);

gboolean forms_render_pdf_to_stream (FormsSignatureForm *form,
                                     GOutputStream *stream,
                                     GCancellable *cancellable,
                                     GError **error);
gboolean forms_render_test_page_to_stream (const char *printer_name,
                                           GOutputStream *stream,
                                           GCancellable *cancellable,
                                           GError **error);
gboolean forms_render_pdf_to_file (FormsSignatureForm *form, const char *path, GError **error);
cairo_surface_t *
forms_render_image (FormsSignatureForm *form, double pixels_per_point, GError **error);

G_END_DECLS
