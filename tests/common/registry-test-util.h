/* registry-test-util.h: a real registry process and a real database for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The backend is chosen by REGISTRY_TEST_BACKEND (sqlite or postgresql); for
 * postgresql a throwaway cluster is created in a temporary folder, started
 * and stopped by the test. Every suite uses these: the registry's own
 * tests, the kiosk's sync engine and display tests, the benchmarks. Start a
 * registry, enrol a device, file people, open their sessions, talk to it
 * over loopback.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "core-filing.h"
#include "registry-storage.h"

G_BEGIN_DECLS

typedef struct _RegistryTestCluster RegistryTestCluster;

typedef struct
{
  GPid pid;
  guint16 port;
  char *base_url;
  char *log_path;
} RegistryTestProcess;

RegistryTestCluster *registry_test_cluster_start (void);
gboolean registry_test_cluster_is_postgres (RegistryTestCluster *cluster);
char *registry_test_cluster_new_database (RegistryTestCluster *cluster);
const char *registry_test_cluster_get_dir (RegistryTestCluster *cluster);
void registry_test_cluster_pause (RegistryTestCluster *cluster);
void registry_test_cluster_resume (RegistryTestCluster *cluster);
void registry_test_cluster_stop (RegistryTestCluster *cluster);

RegistryTestProcess *registry_test_process_start (RegistryTestCluster *cluster,
                                                  const char *database_url,
                                                  const char *const *extra_args);
void registry_test_process_stop (RegistryTestProcess *process);
void registry_test_process_kill (RegistryTestProcess *process);

int registry_test_run_cli (const char *database_url,
                           const char *const *args,
                           const char *stdin_text,
                           char **out_stdout,
                           char **out_stderr);
char *registry_test_enroll_device (const char *database_url, const char *name);
void registry_test_add_staff (const char *database_url, const char *user, const char *password);
char *registry_test_resident_number (guint base_year, guint seq);
char *registry_test_phone_number (guint seq);
CoreFiling *registry_test_card_filing (guint base_year, guint seq, const char *phone);

typedef struct
{
  guint status;
  char *body;
  JsonNode *json;
  char *allow;
  char *retry_after;
} RegistryTestReply;

void registry_test_reply_free (RegistryTestReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegistryTestReply, registry_test_reply_free)

RegistryTestReply *registry_test_request (SoupSession *session,
                                          RegistryTestProcess *process,
                                          const char *method,
                                          const char *path,
                                          const char *token,
                                          const char *body,
                                          gssize body_length);
RegistryTestReply *registry_test_request_session (SoupSession *session,
                                                  RegistryTestProcess *process,
                                                  const char *method,
                                                  const char *path,
                                                  const char *token,
                                                  const char *session_token,
                                                  const char *body);
RegistryTestReply *registry_test_request_typed (SoupSession *session,
                                                RegistryTestProcess *process,
                                                const char *method,
                                                const char *path,
                                                const char *token,
                                                const char *session_token,
                                                const char *content_type,
                                                const char *body,
                                                gssize body_length);
RegistryTestReply *
registry_test_raw (RegistryTestProcess *process, const char *request, gsize length);
char *registry_test_staff_session (SoupSession *session,
                                   RegistryTestProcess *process,
                                   const char *token,
                                   const char *user,
                                   const char *password);
RegistryTestReply *registry_test_post_filing (SoupSession *session,
                                              RegistryTestProcess *process,
                                              const char *token,
                                              CoreFiling *filing);
void registry_test_file_person (SoupSession *session,
                                RegistryTestProcess *process,
                                const char *token,
                                guint base_year,
                                guint seq,
                                const char *phone);
char *registry_test_person_session (SoupSession *session,
                                    RegistryTestProcess *process,
                                    const char *token,
                                    const char *spool_dir,
                                    const char *captcha_answer,
                                    const char *doc_number,
                                    const char *phone);

const char *registry_test_json_string (JsonNode *node, const char *path);
gint64 registry_test_json_int (JsonNode *node, const char *path);
gboolean registry_test_json_bool (JsonNode *node, const char *path);

char *registry_test_spool_take_code (const char *spool_dir, const char *phone);

gint64 registry_test_count (RegistryStorage *storage, const char *sql);

G_END_DECLS
