/* input-handwriting-engine.h: Chinese characters from handwriting, through zinnia
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "input-engine.h"
#include "input-ink.h"

G_BEGIN_DECLS

#define INPUT_HANDWRITING_MAX_RESULTS 50

#define INPUT_TYPE_HANDWRITING_ENGINE (input_handwriting_engine_get_type ())

G_DECLARE_FINAL_TYPE (InputHandwritingEngine,
                      input_handwriting_engine,
                      INPUT,
                      HANDWRITING_ENGINE,
                      GObject)

InputHandwritingEngine *input_handwriting_engine_new (const char *model_path);

const char *input_handwriting_engine_get_model_path (InputHandwritingEngine *self);
InputEngineState input_handwriting_engine_get_state (InputHandwritingEngine *self);
const GError *input_handwriting_engine_get_error (InputHandwritingEngine *self);

void input_handwriting_engine_load_async (InputHandwritingEngine *self,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean input_handwriting_engine_load_finish (InputHandwritingEngine *self,
                                               GAsyncResult *result,
                                               GError **error);
void input_handwriting_engine_unload (InputHandwritingEngine *self);

GStrv input_handwriting_engine_recognize (InputHandwritingEngine *self,
                                          InputInk *ink,
                                          guint max_results,
                                          GError **error);
void input_handwriting_engine_recognize_async (InputHandwritingEngine *self,
                                               InputInk *ink,
                                               guint max_results,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
GStrv input_handwriting_engine_recognize_finish (InputHandwritingEngine *self,
                                                 GAsyncResult *result,
                                                 GError **error);

G_END_DECLS
