/* input-pinyin-engine.h: Chinese from full pinyin, through libpinyin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "input-engine.h"

G_BEGIN_DECLS

/* longer than any name or phrase a person spells in one go */
#define INPUT_PINYIN_MAX_LETTERS 48

#define INPUT_TYPE_PINYIN_ENGINE (input_pinyin_engine_get_type ())

G_DECLARE_FINAL_TYPE (InputPinyinEngine, input_pinyin_engine, INPUT, PINYIN_ENGINE, GObject)

InputPinyinEngine *input_pinyin_engine_new (const char *data_dir);

const char *input_pinyin_engine_get_data_dir (InputPinyinEngine *self);
InputEngineState input_pinyin_engine_get_state (InputPinyinEngine *self);
const GError *input_pinyin_engine_get_error (InputPinyinEngine *self);

void input_pinyin_engine_load_async (InputPinyinEngine *self,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean
input_pinyin_engine_load_finish (InputPinyinEngine *self, GAsyncResult *result, GError **error);
void input_pinyin_engine_forget_async (InputPinyinEngine *self,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean
input_pinyin_engine_forget_finish (InputPinyinEngine *self, GAsyncResult *result, GError **error);

gboolean input_pinyin_engine_append (InputPinyinEngine *self, char letter);
gboolean input_pinyin_engine_backspace (InputPinyinEngine *self);
void input_pinyin_engine_cancel (InputPinyinEngine *self);
char *input_pinyin_engine_choose (InputPinyinEngine *self, guint index);
char *input_pinyin_engine_take_text (InputPinyinEngine *self);

gboolean input_pinyin_engine_get_composing (InputPinyinEngine *self);
const char *input_pinyin_engine_get_letters (InputPinyinEngine *self);
char *input_pinyin_engine_dup_preedit (InputPinyinEngine *self);
guint input_pinyin_engine_get_n_candidates (InputPinyinEngine *self);
const char *input_pinyin_engine_get_candidate (InputPinyinEngine *self, guint index);

guint input_pinyin_engine_get_page_size (InputPinyinEngine *self);
void input_pinyin_engine_set_page_size (InputPinyinEngine *self, guint page_size);
guint input_pinyin_engine_get_page (InputPinyinEngine *self);
guint input_pinyin_engine_get_n_pages (InputPinyinEngine *self);
gboolean input_pinyin_engine_page_down (InputPinyinEngine *self);
gboolean input_pinyin_engine_page_up (InputPinyinEngine *self);
GStrv input_pinyin_engine_dup_page (InputPinyinEngine *self);
char *input_pinyin_engine_choose_on_page (InputPinyinEngine *self, guint index);

G_END_DECLS
