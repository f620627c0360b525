/* registry-filings.h: filings: accepted once, persons brought up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "core-filing.h"
#include "registry-persons.h"
#include "registry-storage.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean created; /* FALSE: this filing_id was accepted before */
  char person_id[40];
  gboolean phone_usable;
  RegistryPersonState state;
} RegistryFilingResult;

gboolean registry_filing_submit (RegistryStorage *storage,
                                 gint64 device_id,
                                 gint64 now,
                                 CoreFiling *filing,
                                 RegistryFilingResult *out_result,
                                 GError **error);
gboolean registry_filing_submit_batch (RegistryStorage *storage,
                                       gint64 device_id,
                                       gint64 now,
                                       CoreFiling *const *filings,
                                       guint n_filings,
                                       RegistryFilingResult *out_results,
                                       GError **out_errors,
                                       GError **error);

gboolean registry_filing_error_is_own (const GError *error);

G_END_DECLS
