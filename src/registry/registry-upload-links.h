/* registry-upload-links.h: one-time links to upload a file from a phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-media.h"
#include "registry-storage.h"
#include "registry-verdict.h"

G_BEGIN_DECLS

#define REGISTRY_UPLOAD_LINK_LIFETIME_S 600
/* Tokens are 32 random bytes as 64 hex digits. */
#define REGISTRY_UPLOAD_TOKEN_LENGTH 64

typedef enum
{
  REGISTRY_UPLOAD_LINK_WAITING,
  REGISTRY_UPLOAD_LINK_UPLOADED,
  REGISTRY_UPLOAD_LINK_EXPIRED,
  REGISTRY_UPLOAD_LINK_NEEDS_STAFF,
} RegistryUploadLinkStatus;

/**
 * RegistryUploadLink:
 * @id: its id, for the kiosk to ask about it
 * @person_id: whose
 * @device_id: the kiosk that made it
 * @section: the target: a record kind, or the signature form
 * @record_id: the record; 0 for the form
 * @expires_at: microseconds since the epoch
 * @used_at: when a file came through it; 0 not yet
 * @attachment_id: what it delivered; 0 nothing (or deleted since)
 * @pending_type: (nullable): the media type of a signature-form scan whose
 *   QR code could not be read, kept for staff to confirm; %NULL none
 */
typedef struct
{
  gint64 id;
  char *person_id;
  gint64 device_id;
  char *section;
  gint64 record_id;
  gint64 expires_at;
  gint64 used_at;
  gint64 attachment_id;
  char *pending_type;
} RegistryUploadLink;

void registry_upload_link_free (RegistryUploadLink *link);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegistryUploadLink, registry_upload_link_free)

const char *registry_upload_link_status_to_string (RegistryUploadLinkStatus status);
RegistryUploadLinkStatus registry_upload_link_get_status (RegistryUploadLink *link, gint64 now);

gboolean registry_upload_link_create (RegistryStorage *storage,
                                      const char *person_id,
                                      gint64 device_id,
                                      const char *section,
                                      gint64 record_id,
                                      gint64 now,
                                      char **out_token,
                                      gint64 *out_id,
                                      GError **error);
RegistryUploadLink *
registry_upload_link_find (RegistryStorage *storage, const char *token, GError **error);
RegistryUploadLink *registry_upload_link_get (RegistryStorage *storage,
                                              const char *person_id,
                                              gint64 device_id,
                                              gint64 id,
                                              gint64 now,
                                              GError **error);
gboolean registry_upload_link_use (RegistryStorage *storage,
                                   const char *token,
                                   gint64 now,
                                   RegistryMedia *media,
                                   RegistryAttachment **out_attachment,
                                   gboolean *out_needs_staff,
                                   RegistryVerdict *out_verdict,
                                   GError **error);
GBytes *registry_upload_link_read_pending (RegistryStorage *storage,
                                           RegistryUploadLink *link,
                                           gint64 now,
                                           GError **error);
gboolean registry_upload_links_settle_form (RegistryStorage *storage,
                                            const char *person_id,
                                            gint64 attachment_id,
                                            gint64 now,
                                            GError **error);
gboolean registry_upload_link_is_token (const char *token);

G_END_DECLS
