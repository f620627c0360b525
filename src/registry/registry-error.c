/* registry-error.c: the registry's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "registry-error.h"

G_DEFINE_QUARK (registry - error - quark, registry_error)
