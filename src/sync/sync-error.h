/* sync-error.h: why talking to the registry failed, in one domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SYNC_ERROR (sync_error_quark ())

typedef enum
{
  SYNC_ERROR_FAILED,
  SYNC_ERROR_CONFIG,          /* the URL, token or CA file is not usable */
  SYNC_ERROR_UNREACHABLE,     /* no connection: name, route, refused */
  SYNC_ERROR_TIMEOUT,         /* connect or the whole request took too long */
  SYNC_ERROR_TLS,             /* the certificate is not trusted, or TLS failed */
  SYNC_ERROR_CONNECTION_LOST, /* the connection closed before the answer was whole */
  SYNC_ERROR_UNAUTHORIZED,    /* the device token was refused (401) */
  SYNC_ERROR_SERVER,          /* the registry answered 5xx */
  SYNC_ERROR_REFUSED,         /* the registry refused the request as a whole (4xx) */
  SYNC_ERROR_BAD_RESPONSE,    /* the answer is not the JSON it should be */
} SyncError;

GQuark sync_error_quark (void);

G_END_DECLS
