/* input-engine.h: what the pinyin and the handwriting engines share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define INPUT_ERROR (input_error_quark ())

/**
 * InputError:
 * @INPUT_ERROR_DATA_MISSING: a data file or model the engine needs is not there
 * @INPUT_ERROR_DATA_INVALID: a data file or model is there but cannot be used
 * @INPUT_ERROR_NOT_READY: the engine has not loaded (yet)
 * @INPUT_ERROR_INVALID_INK: handwriting in text form that is not well formed
 * @INPUT_ERROR_NOT_INSTALLED: the engines' module (input-engines.h) is
 *   missing or broken
 */
typedef enum
{
  INPUT_ERROR_DATA_MISSING,
  INPUT_ERROR_DATA_INVALID,
  INPUT_ERROR_NOT_READY,
  INPUT_ERROR_INVALID_INK,
  INPUT_ERROR_NOT_INSTALLED,
} InputError;

GQuark input_error_quark (void);

/**
 * InputEngineState:
 * @INPUT_ENGINE_STATE_UNLOADED: nothing loaded; nothing asked for yet
 * @INPUT_ENGINE_STATE_LOADING: loading on a worker thread
 * @INPUT_ENGINE_STATE_READY: loaded; the engine answers
 * @INPUT_ENGINE_STATE_FAILED: loading failed; the engine's error says why
 */
typedef enum
{
  INPUT_ENGINE_STATE_UNLOADED,
  INPUT_ENGINE_STATE_LOADING,
  INPUT_ENGINE_STATE_READY,
  INPUT_ENGINE_STATE_FAILED,
} InputEngineState;

#define INPUT_TYPE_ENGINE_STATE (input_engine_state_get_type ())
GType input_engine_state_get_type (void);

G_END_DECLS
