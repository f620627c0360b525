/* sync-http.c: finds and opens the HTTP module, once, on first use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where it is looked for: core-module.c; a program run from the build
 * tree uses the build tree's module.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-module.h"
#include "sync-http.h"

/**
 * sync_http_backend_get:
 *
 * Opens the module the first time; safe from any thread.
 *
 * Returns: (transfer none): the backend, or %NULL with @error set when the
 *   module is missing or broken (the installation is)
 */
const SyncHttpBackend *
sync_http_backend_get (GError **error)
{
  static gsize loaded = 0;
  static const SyncHttpBackend *backend;
  static char *problem;

  if (g_once_init_enter (&loaded))
    {
      backend = core_module_open (SYNC_HTTP_MODULE, SYNC_HTTP_BACKEND_SYMBOL, SYNC_HTTP_BUILD_DIR,
                                  &problem);
      g_once_init_leave (&loaded, 1);
    }
  if (backend == NULL)
    {
      g_warning ("cannot load the HTTP module: %s", problem);
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED,
                   _ ("The kiosk cannot talk to the registry: a part of its installation is "
                      "missing."));
    }
  return backend;
}
