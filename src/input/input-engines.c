/* input-engines.c: finds and opens the engines' module, once, on first use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where it is looked for: core-module.c; a program run from the build
 * tree uses the build tree's module, or the folder named by
 * PRACTITIONER_KIOSK_MODULE_DIR, so a test can take the module away.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-module.h"
#include "input-engine.h"
#include "input-engines.h"

static const char *
build_tree_dir (void)
{
  const char *dir = g_getenv ("PRACTITIONER_KIOSK_MODULE_DIR");

  return dir != NULL ? dir : INPUT_ENGINES_BUILD_DIR;
}

/**
 * input_engines_backend_get:
 *
 * Opens the module the first time; safe from any thread, and meant for the
 * engines' worker threads: opening it relocates libpinyin, Berkeley DB and
 * zinnia.
 *
 * Returns: (transfer none): the backend, or %NULL with @error set
 *   (%INPUT_ERROR_NOT_INSTALLED) when the module is missing or broken (the
 *   installation is)
 */
const InputEnginesBackend *
input_engines_backend_get (GError **error)
{
  static gsize loaded = 0;
  static const InputEnginesBackend *backend;
  static char *problem;

  if (g_once_init_enter (&loaded))
    {
      backend = core_module_open (INPUT_ENGINES_MODULE, INPUT_ENGINES_BACKEND_SYMBOL,
                                  build_tree_dir (), &problem);
      /* said once: each engine asks again at every load */
      if (backend == NULL)
        g_warning ("cannot load the input engines' module: %s", problem);
      g_once_init_leave (&loaded, 1);
    }
  if (backend == NULL)
    g_set_error (error, INPUT_ERROR, INPUT_ERROR_NOT_INSTALLED,
                 _ ("the input engines are not installed (%s)"), problem);
  return backend;
}
