/* idcard-error.c: the error domain of libidcard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "idcard-error.h"

G_DEFINE_QUARK (idcard - error - quark, idcard_error)
