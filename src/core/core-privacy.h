/* core-privacy.h: masking personal data before it reaches a log or a screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *core_mask_id_number (const char *id_number);
char *core_mask_phone (const char *phone);
char *core_mask_name (const char *name);

G_END_DECLS
