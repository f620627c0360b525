/* registry-captcha-image.h: captcha answers and their images
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest answer a client may send or a test may fix. */
#define REGISTRY_CAPTCHA_MAX_ANSWER 16
/* The image's size in pixels. */
#define REGISTRY_CAPTCHA_WIDTH 240
#define REGISTRY_CAPTCHA_HEIGHT 90

extern const char registry_captcha_alphabet[];

char *registry_captcha_new_answer (void);
char *registry_captcha_normalize (const char *answer);
GBytes *registry_captcha_render (const char *text, GError **error);
void registry_captcha_release_caches (void);

G_END_DECLS
