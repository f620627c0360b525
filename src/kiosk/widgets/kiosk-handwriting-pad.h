/* kiosk-handwriting-pad.h: a square box to write one character in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "input-ink.h"

G_BEGIN_DECLS

/* the pad's ink is measured on this square whatever the pad's size on screen */
#define KIOSK_HANDWRITING_PAD_CANVAS 1000.0

#define KIOSK_TYPE_HANDWRITING_PAD (kiosk_handwriting_pad_get_type ())

G_DECLARE_FINAL_TYPE (KioskHandwritingPad, kiosk_handwriting_pad, KIOSK, HANDWRITING_PAD, GtkWidget)

GtkWidget *kiosk_handwriting_pad_new (void);

InputInk *kiosk_handwriting_pad_get_ink (KioskHandwritingPad *self);
gboolean kiosk_handwriting_pad_get_empty (KioskHandwritingPad *self);
gboolean kiosk_handwriting_pad_remove_last_stroke (KioskHandwritingPad *self);
void kiosk_handwriting_pad_clear (KioskHandwritingPad *self);

G_END_DECLS
