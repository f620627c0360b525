/* registry-attachments.h: scans and photos a person attaches to a record or the signed form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-media.h"
#include "registry-storage.h"
#include "registry-verdict.h"

G_BEGIN_DECLS

/* The section of the signed signature form's scan; records use their kind. */
#define REGISTRY_SECTION_SIGNATURE_FORM "signature-form"

/* A record or the form holds at most this many attachments. */
#define REGISTRY_ATTACHMENTS_MAX_PER_TARGET 20

/**
 * RegistryAttachment:
 * @id: its id
 * @section: the record's kind, or REGISTRY_SECTION_SIGNATURE_FORM
 * @record_id: the record's id; 0 for the form
 * @media_type: "image/jpeg", "image/png" or "application/pdf"
 * @size: bytes stored
 * @pages: a PDF's pages; 1 for a picture
 * @created_at: microseconds since the epoch
 */
typedef struct
{
  gint64 id;
  char *section;
  gint64 record_id;
  char *media_type;
  gint64 size;
  int pages;
  gint64 created_at;
} RegistryAttachment;

void registry_attachment_free (RegistryAttachment *attachment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegistryAttachment, registry_attachment_free)

gboolean registry_attachment_insert (RegistryStorage *storage,
                                     const char *person_id,
                                     const char *section,
                                     gint64 record_id,
                                     RegistryMedia *media,
                                     gint64 device_id,
                                     gint64 now,
                                     gint64 *out_id,
                                     RegistryVerdict *out_verdict,
                                     GError **error);
gboolean registry_attachment_add (RegistryStorage *storage,
                                  const char *person_id,
                                  const char *section,
                                  gint64 record_id,
                                  RegistryMedia *media,
                                  gint64 device_id,
                                  gint64 now,
                                  gint64 *out_id,
                                  RegistryVerdict *out_verdict,
                                  GError **error);
GPtrArray *registry_attachments_list (RegistryStorage *storage,
                                      const char *person_id,
                                      const char *section,
                                      gint64 record_id,
                                      GError **error);
RegistryAttachment *registry_attachment_get (RegistryStorage *storage,
                                             const char *person_id,
                                             gint64 id,
                                             GError **error);
GBytes *registry_attachment_read (RegistryStorage *storage,
                                  const char *person_id,
                                  gint64 id,
                                  gboolean thumbnail,
                                  GError **error);
gboolean registry_attachments_delete_for_record (RegistryStorage *storage,
                                                 const char *person_id,
                                                 const char *section,
                                                 gint64 record_id,
                                                 GError **error);
gboolean registry_attachment_delete (RegistryStorage *storage,
                                     const char *person_id,
                                     gint64 id,
                                     gint64 device_id,
                                     gint64 now,
                                     RegistryVerdict *out_verdict,
                                     GError **error);

G_END_DECLS
