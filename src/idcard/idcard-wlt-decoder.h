/* idcard-wlt-decoder.h: decodes WLT photos through a vendor library, when one is
 * configured
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "idcard-error.h"

G_BEGIN_DECLS

/**
 * IdcardWltDecoderFlags:
 * @IDCARD_WLT_DECODER_FLAGS_NONE: the library writes RGB rows top-down
 * @IDCARD_WLT_DECODER_FLAGS_BGR: the library writes blue first (most do)
 * @IDCARD_WLT_DECODER_FLAGS_BOTTOM_UP: the library writes the last row first, as BMP
 */
typedef enum
{
  IDCARD_WLT_DECODER_FLAGS_NONE = 0,
  IDCARD_WLT_DECODER_FLAGS_BGR = 1 << 0,
  IDCARD_WLT_DECODER_FLAGS_BOTTOM_UP = 1 << 1,
} IdcardWltDecoderFlags;

#define IDCARD_WLT_DECODER_DEFAULT_SYMBOL "unpack"
#define IDCARD_WLT_DECODER_CONFIG_GROUP "photo-decoder"

#define IDCARD_TYPE_WLT_DECODER (idcard_wlt_decoder_get_type ())
G_DECLARE_FINAL_TYPE (IdcardWltDecoder, idcard_wlt_decoder, IDCARD, WLT_DECODER, GObject)

IdcardWltDecoder *idcard_wlt_decoder_new (const char *library,
                                          const char *symbol,
                                          int licence,
                                          IdcardWltDecoderFlags flags,
                                          GError **error);
IdcardWltDecoder *idcard_wlt_decoder_new_from_key_file (GKeyFile *key_file, GError **error);
GBytes *idcard_wlt_decoder_decode (IdcardWltDecoder *self, GBytes *wlt, GError **error);
GBytes *idcard_photo_rgb_to_png (GBytes *rgb, GError **error);

G_END_DECLS
