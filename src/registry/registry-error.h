/* registry-error.h: the registry's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define REGISTRY_ERROR (registry_error_quark ())

typedef enum
{
  REGISTRY_ERROR_FAILED,
  REGISTRY_ERROR_INVALID_ARGUMENT, /* a bad URL, option or file */
  REGISTRY_ERROR_UNAVAILABLE,      /* the database cannot be reached */
  REGISTRY_ERROR_CONSTRAINT,       /* a row broke a unique or other constraint */
  REGISTRY_ERROR_RETRY,            /* lock conflict, deadlock or serialisation: try again */
  REGISTRY_ERROR_MIGRATION,        /* a schema step failed; the database is as it was */
  REGISTRY_ERROR_NEWER_SCHEMA,     /* written by a newer registry */
  REGISTRY_ERROR_NOT_FOUND,
  REGISTRY_ERROR_CONFLICT, /* the request contradicts what is stored */
  REGISTRY_ERROR_EXISTS,
  REGISTRY_ERROR_GATEWAY, /* the SMS gateway did not take a message */
} RegistryError;

GQuark registry_error_quark (void);

G_END_DECLS
