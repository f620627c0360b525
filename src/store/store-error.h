/* store-error.h: the kiosk store's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define STORE_ERROR (store_error_quark ())

typedef enum
{
  STORE_ERROR_FAILED,
  STORE_ERROR_OPEN,         /* the file cannot be created, opened or read */
  STORE_ERROR_CORRUPT,      /* not a database, or damaged */
  STORE_ERROR_NEWER_SCHEMA, /* written by a newer kiosk; never downgraded */
  STORE_ERROR_MIGRATION,    /* a migration failed; the file is as it was */
  STORE_ERROR_BUSY,         /* another process holds the lock for too long */
  STORE_ERROR_FULL,         /* disk full */
  STORE_ERROR_CONSTRAINT,   /* a row broke a constraint */
  STORE_ERROR_NOT_FOUND,
} StoreError;

GQuark store_error_quark (void);

gboolean store_error_set_from_sqlite (GError **error, sqlite3 *db, int rc, const char *what);

G_END_DECLS
