/* input-engine.c: what the pinyin and the handwriting engines share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "input-engine.h"

G_DEFINE_QUARK (input - error - quark, input_error)

G_DEFINE_ENUM_TYPE (InputEngineState,
                    input_engine_state,
                    G_DEFINE_ENUM_VALUE (INPUT_ENGINE_STATE_UNLOADED, "unloaded"),
                    G_DEFINE_ENUM_VALUE (INPUT_ENGINE_STATE_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (INPUT_ENGINE_STATE_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (INPUT_ENGINE_STATE_FAILED, "failed"))
