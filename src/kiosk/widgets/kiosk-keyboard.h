/* kiosk-keyboard.h: the on-screen keyboard: pinyin, handwriting, letters, digits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "input-handwriting-engine.h"
#include "input-pinyin-engine.h"

G_BEGIN_DECLS

/**
 * KioskKeyboardLayer:
 * @KIOSK_KEYBOARD_LAYER_PINYIN: 拼音: letters spell pinyin, candidates give Chinese
 * @KIOSK_KEYBOARD_LAYER_HANDWRITING: 手写: a box to write a character in
 * @KIOSK_KEYBOARD_LAYER_LETTERS: ABC: Latin letters, upper or lower case
 * @KIOSK_KEYBOARD_LAYER_DIGITS: 123: digits and punctuation
 */
typedef enum
{
  KIOSK_KEYBOARD_LAYER_PINYIN,
  KIOSK_KEYBOARD_LAYER_HANDWRITING,
  KIOSK_KEYBOARD_LAYER_LETTERS,
  KIOSK_KEYBOARD_LAYER_DIGITS,
} KioskKeyboardLayer;

#define KIOSK_TYPE_KEYBOARD_LAYER (kiosk_keyboard_layer_get_type ())
GType kiosk_keyboard_layer_get_type (void);

#define KIOSK_TYPE_KEYBOARD (kiosk_keyboard_get_type ())

G_DECLARE_FINAL_TYPE (KioskKeyboard, kiosk_keyboard, KIOSK, KEYBOARD, GtkWidget)

GtkWidget *kiosk_keyboard_new (InputPinyinEngine *pinyin, InputHandwritingEngine *handwriting);

void kiosk_keyboard_request (GtkEditable *editable, KioskKeyboardLayer first_layer);
gboolean kiosk_keyboard_get_requested (GtkEditable *editable, KioskKeyboardLayer *out_first_layer);
void kiosk_keyboard_keep_in_view (GtkEditable *editable, GtkWidget *below);
GtkWidget *kiosk_keyboard_get_kept_in_view (GtkEditable *editable);

void kiosk_keyboard_attach (KioskKeyboard *self, GtkEditable *editable);
GtkEditable *kiosk_keyboard_get_attached (KioskKeyboard *self);
KioskKeyboardLayer kiosk_keyboard_get_layer (KioskKeyboard *self);
void kiosk_keyboard_set_layer (KioskKeyboard *self, KioskKeyboardLayer layer);

gboolean kiosk_keyboard_handle_key (KioskKeyboard *self, guint keyval, GdkModifierType state);
void kiosk_keyboard_end_input (KioskKeyboard *self, gboolean keep);
void kiosk_keyboard_forget (KioskKeyboard *self);
void kiosk_keyboard_retranslate (KioskKeyboard *self);

InputPinyinEngine *kiosk_keyboard_get_pinyin_engine (KioskKeyboard *self);
InputHandwritingEngine *kiosk_keyboard_get_handwriting_engine (KioskKeyboard *self);
GStrv kiosk_keyboard_dup_problems (KioskKeyboard *self);
const char *kiosk_keyboard_get_message (KioskKeyboard *self);
const char *kiosk_keyboard_get_preedit (KioskKeyboard *self);
GStrv kiosk_keyboard_dup_candidates (KioskKeyboard *self);

G_END_DECLS
