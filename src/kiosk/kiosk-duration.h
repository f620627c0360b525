/* kiosk-duration.h: a span of time as a person reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kiosk_duration_text (guint seconds);
char *kiosk_duration_words (guint seconds);

G_END_DECLS
