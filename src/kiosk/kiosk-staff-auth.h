/* kiosk-staff-auth.h: staff sign-in: the registry first, a local cache offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store-database.h"
#include "sync-client.h"

G_BEGIN_DECLS

#define KIOSK_STAFF_AUTH_ERROR (kiosk_staff_auth_error_quark ())

typedef enum
{
  KIOSK_STAFF_AUTH_ERROR_FAILED,
  KIOSK_STAFF_AUTH_ERROR_WRONG_LOGIN, /* wrong account or password */
  KIOSK_STAFF_AUTH_ERROR_LOCKED,      /* too many wrong attempts; try again later */
  KIOSK_STAFF_AUTH_ERROR_UNREACHABLE, /* no registry and no cached login for the account */
  KIOSK_STAFF_AUTH_ERROR_DISABLED,    /* the registry disabled the account */
} KioskStaffAuthError;

GQuark kiosk_staff_auth_error_quark (void);

/* Wrong attempts in a row that lock staff sign-in, and for how long. */
#define KIOSK_STAFF_AUTH_MAX_FAILURES 5
#define KIOSK_STAFF_AUTH_LOCK_SECONDS (5 * 60)
/* Accounts whose last successful sign-in is kept for offline use, and for
 * how long after their last sign-in the registry confirmed. */
#define KIOSK_STAFF_AUTH_CACHE_SIZE 10
#define KIOSK_STAFF_AUTH_CACHE_DAYS 7

/* Wall-clock time in microseconds, like g_get_real_time(); the lock must
 * outlast a restart, so it cannot be monotonic. */
typedef gint64 (*KioskStaffAuthClock) (gpointer user_data);

#define KIOSK_TYPE_STAFF_AUTH (kiosk_staff_auth_get_type ())

G_DECLARE_FINAL_TYPE (KioskStaffAuth, kiosk_staff_auth, KIOSK, STAFF_AUTH, GObject)

KioskStaffAuth *kiosk_staff_auth_new (StoreDatabase *store, SyncClient *client);
void kiosk_staff_auth_set_client (KioskStaffAuth *self, SyncClient *client);
void
kiosk_staff_auth_set_clock (KioskStaffAuth *self, KioskStaffAuthClock clock, gpointer user_data);

void kiosk_staff_auth_sign_in_async (KioskStaffAuth *self,
                                     const char *user,
                                     const char *password,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean kiosk_staff_auth_sign_in_finish (KioskStaffAuth *self,
                                          GAsyncResult *result,
                                          gboolean *out_offline,
                                          GError **error);
void kiosk_staff_auth_sign_out (KioskStaffAuth *self);

const char *kiosk_staff_auth_get_user (KioskStaffAuth *self);
gboolean kiosk_staff_auth_authorize (KioskStaffAuth *self, const char *action);
const char *kiosk_staff_auth_get_session_token (KioskStaffAuth *self);
gint64 kiosk_staff_auth_get_locked_until (KioskStaffAuth *self);
guint kiosk_staff_auth_get_lock_remaining (KioskStaffAuth *self);
guint kiosk_staff_auth_get_failures (KioskStaffAuth *self);
gboolean kiosk_staff_auth_has_cached (KioskStaffAuth *self, const char *user);

G_END_DECLS
