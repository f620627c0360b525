/* forms-error.c: the error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiled into the CUPS module as well (forms-cups-module.c), which sets
 * errors in this domain: a quark is found by its string, so both copies
 * give the same one.
 */

#include "config.h"

#include "forms-error.h"

G_DEFINE_QUARK (forms - error - quark, forms_error)
