/* forms-cups.c: finds and opens the CUPS module, once, on first use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where it is looked for: core-module.c; a program run from the build
 * tree uses the build tree's module, or the folder named by
 * PRACTITIONER_KIOSK_MODULE_DIR, so a test can take the module away.
 */

#include "config.h"

#include "core-module.h"
#include "forms-cups.h"
#include "forms-error.h"

static const char *
build_tree_dir (void)
{
  const char *dir = g_getenv ("PRACTITIONER_KIOSK_MODULE_DIR");

  return dir != NULL ? dir : FORMS_CUPS_BUILD_DIR;
}

/**
 * forms_cups_backend_get:
 *
 * Opens the module the first time; safe from any thread.
 *
 * Returns: (transfer none): the backend, or %NULL with @error set
 *   (%FORMS_ERROR_UNAVAILABLE: the kiosk says printing is not available)
 *   when the module is missing or broken (the installation is)
 */
const FormsCupsBackend *
forms_cups_backend_get (GError **error)
{
  static gsize loaded = 0;
  static const FormsCupsBackend *backend;
  static char *problem;

  if (g_once_init_enter (&loaded))
    {
      backend = core_module_open (FORMS_CUPS_MODULE, FORMS_CUPS_BACKEND_SYMBOL, build_tree_dir (),
                                  &problem);
      /* said once: every print-related call asks again */
      if (backend == NULL)
        g_warning ("cannot load the CUPS module: %s", problem);
      g_once_init_leave (&loaded, 1);
    }
  if (backend == NULL)
    g_set_error (error, FORMS_ERROR, FORMS_ERROR_UNAVAILABLE, "printing is not installed: %s",
                 problem);
  return backend;
}
