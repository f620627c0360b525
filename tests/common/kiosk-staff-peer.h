/* kiosk-staff-peer.h: a scripted registry for staff sign-in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _KioskStaffPeer KioskStaffPeer;

/* the id of the first of the attachments kiosk_staff_peer_set_attachment() gives */
#define KIOSK_STAFF_PEER_FIRST_ATTACHMENT 41

KioskStaffPeer *kiosk_staff_peer_new (void);
void kiosk_staff_peer_free (KioskStaffPeer *peer);
const char *kiosk_staff_peer_get_url (KioskStaffPeer *peer);
char *kiosk_staff_peer_write_enrolment (KioskStaffPeer *peer, const char *token, char **out_folder);
void kiosk_staff_peer_set_dictionaries (KioskStaffPeer *peer, const char *json);
void kiosk_staff_peer_set_person (KioskStaffPeer *peer, JsonObject *person);
void kiosk_staff_peer_set_records (KioskStaffPeer *peer, const char *kind, JsonArray *records);
void kiosk_staff_peer_set_attachment (KioskStaffPeer *peer, GBytes *jpeg);
void kiosk_staff_peer_add_account (KioskStaffPeer *peer, const char *user, const char *password);
void kiosk_staff_peer_set_locked (KioskStaffPeer *peer, gboolean locked);
void kiosk_staff_peer_set_disabled (KioskStaffPeer *peer, const char *user, gboolean disabled);
char *kiosk_staff_peer_dup_last_session (KioskStaffPeer *peer);
char *kiosk_staff_peer_dup_signed_out (KioskStaffPeer *peer);
guint kiosk_staff_peer_get_sign_ins (KioskStaffPeer *peer);
char *kiosk_staff_peer_dup_last_token (KioskStaffPeer *peer);
char *kiosk_staff_peer_dup_lookup_token (KioskStaffPeer *peer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskStaffPeer, kiosk_staff_peer_free)

G_END_DECLS
