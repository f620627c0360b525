/* idcard-card-private.h: what the reader sets on a card after parsing its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "idcard-card.h"

G_BEGIN_DECLS

void idcard_card_set_sam_id (IdcardCard *self, const char *sam_id);
void idcard_card_set_new_address (IdcardCard *self, const char *address);
void idcard_card_set_photo_rgb (IdcardCard *self, GBytes *rgb);
gboolean idcard_card_parse_new_address (GBytes *data, char **out_address, GError **error);
GBytes *idcard_card_encode_new_address (IdcardCard *self, GError **error);
char *idcard_format_sam_id (GBytes *data, GError **error);

G_END_DECLS
