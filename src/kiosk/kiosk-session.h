/* kiosk-session.h: a practitioner's login at the kiosk, and the registry calls
 * made for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sync-registry.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SESSION (kiosk_session_get_type ())

G_DECLARE_FINAL_TYPE (KioskSession, kiosk_session, KIOSK, SESSION, GObject)

KioskSession *kiosk_session_new (SyncRegistry *registry);

SyncRegistry *kiosk_session_get_registry (KioskSession *self);
gboolean kiosk_session_get_active (KioskSession *self);
JsonObject *kiosk_session_get_person (KioskSession *self);
const char *kiosk_session_get_token (KioskSession *self);

void kiosk_session_begin (KioskSession *self, const char *token, JsonObject *person);
void kiosk_session_end (KioskSession *self);

G_END_DECLS
