/* registry-records.h: a practitioner's practice-information records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "core-record-kind.h"
#include "registry-storage.h"
#include "registry-verdict.h"

G_BEGIN_DECLS

/* The columns of the rows the record functions return. */
enum
{
  REGISTRY_RECORD_ID,
  REGISTRY_RECORD_VERSION,
  REGISTRY_RECORD_DOCUMENT,
};

RegistryRows *registry_records_list (RegistryStorage *storage,
                                     const CoreRecordKind *kind,
                                     const char *person_id,
                                     GError **error);
RegistryRows *registry_record_get (RegistryStorage *storage,
                                   const CoreRecordKind *kind,
                                   const char *person_id,
                                   gint64 id,
                                   GError **error);
RegistryRows *
registry_records_count (RegistryStorage *storage, const char *person_id, GError **error);
gboolean registry_record_create (RegistryStorage *storage,
                                 const CoreRecordKind *kind,
                                 const char *person_id,
                                 gint64 device_id,
                                 gint64 now,
                                 const char *document,
                                 gint64 *out_id,
                                 RegistryVerdict *out_verdict,
                                 GError **error);
gboolean registry_record_update (RegistryStorage *storage,
                                 const CoreRecordKind *kind,
                                 const char *person_id,
                                 gint64 device_id,
                                 gint64 now,
                                 gint64 id,
                                 gint64 version,
                                 const char *document,
                                 RegistryRows **out_current,
                                 RegistryVerdict *out_verdict,
                                 GError **error);
gboolean registry_record_delete (RegistryStorage *storage,
                                 const CoreRecordKind *kind,
                                 const char *person_id,
                                 gint64 device_id,
                                 gint64 now,
                                 gint64 id,
                                 RegistryVerdict *out_verdict,
                                 GError **error);

G_END_DECLS
