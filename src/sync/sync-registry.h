/* sync-registry.h: the registry's API as the kiosk calls it, one call per route
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "core-api-error.h"
#include "core-record-kind.h"
#include "sync-client.h"

G_BEGIN_DECLS

/**
 * SyncSmsPurpose:
 * @SYNC_SMS_PURPOSE_REGISTER: the code registers an SMS user
 * @SYNC_SMS_PURPOSE_LOGIN: the code logs a person in
 */
typedef enum
{
  SYNC_SMS_PURPOSE_REGISTER,
  SYNC_SMS_PURPOSE_LOGIN,
} SyncSmsPurpose;

/**
 * SyncCaptcha:
 * @id: the captcha's id, sent back with the answer
 * @png: the image
 */
typedef struct
{
  char *id;
  GBytes *png;
} SyncCaptcha;

/**
 * SyncCodeSent:
 * @resend_after: seconds before the registry sends another code to the phone
 * @expires_in: seconds the code is valid for
 */
typedef struct
{
  guint resend_after;
  guint expires_in;
} SyncCodeSent;

/**
 * SyncSession:
 * @token: the person's session token, for the calls made for them
 * @person: the person's basic information
 */
typedef struct
{
  char *token;
  JsonObject *person;
} SyncSession;

/**
 * SyncStaffSession:
 * @staff: the account, as the registry spells it
 * @token: the staff session token
 */
typedef struct
{
  char *staff;
  char *token;
} SyncStaffSession;

/**
 * SyncFile:
 * @media_type: as the registry served it
 * @bytes: the file
 *
 * An attachment or its thumbnail, in memory only.
 */
typedef struct
{
  char *media_type;
  GBytes *bytes;
} SyncFile;

#define SYNC_TYPE_FILE (sync_file_get_type ())
GType sync_file_get_type (void) G_GNUC_CONST;
void sync_file_free (SyncFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncFile, sync_file_free)

#define SYNC_TYPE_CAPTCHA (sync_captcha_get_type ())
#define SYNC_TYPE_CODE_SENT (sync_code_sent_get_type ())
#define SYNC_TYPE_SESSION (sync_session_get_type ())
#define SYNC_TYPE_STAFF_SESSION (sync_staff_session_get_type ())

GType sync_captcha_get_type (void) G_GNUC_CONST;
GType sync_code_sent_get_type (void) G_GNUC_CONST;
GType sync_session_get_type (void) G_GNUC_CONST;
GType sync_staff_session_get_type (void) G_GNUC_CONST;

void sync_captcha_free (SyncCaptcha *captcha);
void sync_code_sent_free (SyncCodeSent *sent);
void sync_session_free (SyncSession *session);
void sync_staff_session_free (SyncStaffSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncCaptcha, sync_captcha_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncCodeSent, sync_code_sent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncSession, sync_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncStaffSession, sync_staff_session_free)

#define SYNC_TYPE_REGISTRY (sync_registry_get_type ())

G_DECLARE_FINAL_TYPE (SyncRegistry, sync_registry, SYNC, REGISTRY, GObject)

SyncRegistry *sync_registry_new (SyncClient *client);
SyncClient *sync_registry_get_client (SyncRegistry *self);

/* GET /v1/health */
void sync_registry_get_health_async (SyncRegistry *self,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
JsonObject *
sync_registry_get_health_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
JsonObject *
sync_registry_get_health (SyncRegistry *self, GCancellable *cancellable, GError **error);

/* PUT /v1/devices/current/health; blocks: for worker threads */
JsonObject *sync_registry_put_device_health (SyncRegistry *self,
                                             JsonNode *report,
                                             GCancellable *cancellable,
                                             GError **error);

/* GET /v1/persons/{doc_type}/{doc_number}/state */
void sync_registry_get_person_state_async (SyncRegistry *self,
                                           const char *doc_type,
                                           const char *doc_number,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data);
JsonObject *
sync_registry_get_person_state_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
JsonObject *sync_registry_get_person_state (SyncRegistry *self,
                                            const char *doc_type,
                                            const char *doc_number,
                                            GCancellable *cancellable,
                                            GError **error);

/* POST /v1/persons/{doc_type}/{doc_number}/phone-check */
void sync_registry_check_phone_async (SyncRegistry *self,
                                      const char *doc_type,
                                      const char *doc_number,
                                      const char *phone,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
JsonObject *
sync_registry_check_phone_finish (SyncRegistry *self, GAsyncResult *result, GError **error);

/* POST /v1/filings and /v1/filings:batch */
void sync_registry_file_async (SyncRegistry *self,
                               JsonNode *filing,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
JsonObject *sync_registry_file_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_file_batch_async (SyncRegistry *self,
                                     JsonNode *batch,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
JsonArray *
sync_registry_file_batch_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
JsonArray *sync_registry_file_batch (SyncRegistry *self,
                                     JsonNode *batch,
                                     GCancellable *cancellable,
                                     GError **error);

/* GET /v1/captcha */
void sync_registry_get_captcha_async (SyncRegistry *self,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
SyncCaptcha *
sync_registry_get_captcha_finish (SyncRegistry *self, GAsyncResult *result, GError **error);

/* POST /v1/sms/send */
void sync_registry_send_code_async (SyncRegistry *self,
                                    SyncSmsPurpose purpose,
                                    const char *doc_type,
                                    const char *doc_number,
                                    const char *phone,
                                    const char *captcha_id,
                                    const char *captcha_answer,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
SyncCodeSent *
sync_registry_send_code_finish (SyncRegistry *self, GAsyncResult *result, GError **error);

/* POST /v1/registrations and /v1/sessions */
void sync_registry_register_async (SyncRegistry *self,
                                   const char *doc_type,
                                   const char *doc_number,
                                   const char *phone,
                                   const char *code,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
SyncSession *
sync_registry_register_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_log_in_async (SyncRegistry *self,
                                 const char *doc_type,
                                 const char *doc_number,
                                 const char *phone,
                                 const char *code,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
SyncSession *sync_registry_log_in_finish (SyncRegistry *self, GAsyncResult *result, GError **error);

/* GET and DELETE /v1/sessions/current */
void sync_registry_get_session_async (SyncRegistry *self,
                                      const char *session_token,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
JsonObject *
sync_registry_get_session_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_log_out_async (SyncRegistry *self,
                                  const char *session_token,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
gboolean sync_registry_log_out_finish (SyncRegistry *self, GAsyncResult *result, GError **error);

/* POST and DELETE /v1/staff/sessions(/current) */
void sync_registry_staff_sign_in_async (SyncRegistry *self,
                                        const char *user,
                                        const char *password,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
SyncStaffSession *
sync_registry_staff_sign_in_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
SyncStaffSession *sync_registry_staff_sign_in (SyncRegistry *self,
                                               const char *user,
                                               const char *password,
                                               GCancellable *cancellable,
                                               GError **error);
void sync_registry_staff_sign_out_async (SyncRegistry *self,
                                         const char *staff_token,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean
sync_registry_staff_sign_out_finish (SyncRegistry *self, GAsyncResult *result, GError **error);

/* GET /v1/record-kinds */
void sync_registry_record_kinds_async (SyncRegistry *self,
                                       const char *session_token,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
JsonArray *
sync_registry_record_kinds_finish (SyncRegistry *self, GAsyncResult *result, GError **error);

/* GET /v1/dictionaries */
void sync_registry_dictionaries_async (SyncRegistry *self,
                                       const char *session_token,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
JsonNode *sync_registry_dictionaries_finish (SyncRegistry *self,
                                             GAsyncResult *result,
                                             char **out_version,
                                             GError **error);

/* GET /v1/me */
void sync_registry_me_async (SyncRegistry *self,
                             const char *session_token,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);
JsonObject *sync_registry_me_finish (SyncRegistry *self, GAsyncResult *result, GError **error);

/* GET and POST /v1/me/{kind}; GET, PUT and DELETE /v1/me/{kind}/{id} */
void sync_registry_records_list_async (SyncRegistry *self,
                                       const char *session_token,
                                       const CoreRecordKind *kind,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
JsonArray *
sync_registry_records_list_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_record_get_async (SyncRegistry *self,
                                     const char *session_token,
                                     const CoreRecordKind *kind,
                                     gint64 id,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
JsonObject *
sync_registry_record_get_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_record_create_async (SyncRegistry *self,
                                        const char *session_token,
                                        const CoreRecordKind *kind,
                                        JsonObject *record,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
JsonObject *
sync_registry_record_create_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_record_update_async (SyncRegistry *self,
                                        const char *session_token,
                                        const CoreRecordKind *kind,
                                        gint64 id,
                                        gint64 version,
                                        JsonObject *record,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
JsonObject *
sync_registry_record_update_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_record_delete_async (SyncRegistry *self,
                                        const char *session_token,
                                        const CoreRecordKind *kind,
                                        gint64 id,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean
sync_registry_record_delete_finish (SyncRegistry *self, GAsyncResult *result, GError **error);

/* attachments, the signature form, phone upload links */
void sync_registry_signature_form_get_async (SyncRegistry *self,
                                             const char *session_token,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
JsonObject *
sync_registry_signature_form_get_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_signature_form_printed_async (SyncRegistry *self,
                                                 const char *session_token,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
JsonObject *sync_registry_signature_form_printed_finish (SyncRegistry *self,
                                                         GAsyncResult *result,
                                                         GError **error);
void sync_registry_signature_form_scan_async (SyncRegistry *self,
                                              const char *session_token,
                                              const char *staff_token,
                                              const char *media_type,
                                              GBytes *scan,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
JsonObject *
sync_registry_signature_form_scan_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_attachments_list_async (SyncRegistry *self,
                                           const char *session_token,
                                           const char *kind,
                                           gint64 record_id,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data);
JsonObject *
sync_registry_attachments_list_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_attachment_add_async (SyncRegistry *self,
                                         const char *session_token,
                                         const char *kind,
                                         gint64 record_id,
                                         const char *media_type,
                                         GBytes *file,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
JsonObject *
sync_registry_attachment_add_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_attachment_read_async (SyncRegistry *self,
                                          const char *session_token,
                                          gint64 attachment_id,
                                          gboolean thumbnail,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
SyncFile *
sync_registry_attachment_read_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_attachment_delete_async (SyncRegistry *self,
                                            const char *session_token,
                                            gint64 attachment_id,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data);
JsonObject *
sync_registry_attachment_delete_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_upload_link_create_async (SyncRegistry *self,
                                             const char *session_token,
                                             const char *kind,
                                             gint64 record_id,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
JsonObject *
sync_registry_upload_link_create_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_upload_link_get_async (SyncRegistry *self,
                                          const char *session_token,
                                          gint64 link_id,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
JsonObject *
sync_registry_upload_link_get_finish (SyncRegistry *self, GAsyncResult *result, GError **error);
void sync_registry_upload_link_pending_scan_async (SyncRegistry *self,
                                                   const char *session_token,
                                                   gint64 link_id,
                                                   GCancellable *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer user_data);
SyncFile *sync_registry_upload_link_pending_scan_finish (SyncRegistry *self,
                                                         GAsyncResult *result,
                                                         GError **error);

G_END_DECLS
