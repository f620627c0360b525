/* kiosk-application.h: the practitioner-kiosk program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-services.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_APPLICATION (kiosk_application_get_type ())

G_DECLARE_FINAL_TYPE (KioskApplication, kiosk_application, KIOSK, APPLICATION, GtkApplication)

KioskApplication *kiosk_application_new (void);
gboolean kiosk_application_prepare (KioskApplication *self,
                                    KioskConfig *config,
                                    gboolean windowed,
                                    gboolean demo,
                                    GError **error);

KioskServices *kiosk_application_get_services (KioskApplication *self);
gboolean kiosk_application_get_demo (KioskApplication *self);
gboolean kiosk_application_get_windowed (KioskApplication *self);

const char *kiosk_application_get_language (KioskApplication *self);
void kiosk_application_set_language (KioskApplication *self, const char *language);
KioskTextSize kiosk_application_get_text_size (KioskApplication *self);
void kiosk_application_set_text_size (KioskApplication *self, KioskTextSize size);
void kiosk_application_restore_defaults (KioskApplication *self);

void kiosk_application_setup_locale (void);
void kiosk_application_setup_memory (void);

G_END_DECLS
