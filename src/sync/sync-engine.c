/* sync-engine.c: sends the outbox to the registry in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A worker thread with its own connection to the store takes up to 500 due
 * filings, posts them in one batch (the filing UUID is the registry's
 * idempotency key, so a batch resent after a crash files nothing twice), and
 * applies the per-item answers in one transaction: confirmed filings lose their
 * personal data, refused ones are parked for staff, others wait. When the
 * registry cannot be reached the thread backs off, 1 s doubling to 5 min with
 * jitter, and a kick (a new filing, or staff pressing "retry now") wakes it.
 * Its status reaches the main context as property notifications.
 *
 * Once an hour the thread also prunes the store: rows of filings confirmed
 * longer ago than the kiosk keeps them (sync_engine_set_keep_days()), audit
 * lines older than a year, and the pages they freed.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-json.h"
#include "sync-engine.h"

#define PRUNE_INTERVAL_MS (60 * 60 * 1000)
#define AUDIT_KEEP_DAYS 365

struct _SyncEngine
{
  GObject parent_instance;

  GMainContext *main_context; /* where notifications are delivered */
  SyncRegistry *registry;
  StoreDatabase *db;
  StoreOutbox *outbox;
  GThread *thread;
  guint keep_days;       /* set before the thread starts */
  gint64 last_pruned_at; /* monotonic µs; the thread's own */

  GMutex lock; /* guards everything below */
  GCond wake;
  gboolean stopping;
  gboolean kicked;
  SyncState state;
  guint queued;
  guint rejected;
  gint64 oldest_queued_at_us;
  gint64 last_success_us;
  char *last_error;
  int last_error_code; /* a SyncError; -1 for none */
  guint failures;
  guint64 requests;
};

G_DEFINE_FINAL_TYPE (SyncEngine, sync_engine, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_QUEUED,
  PROP_REJECTED,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * sync_engine_backoff_ms:
 * @attempt: how many attempts in a row have failed, from 1
 * @jitter_percent: spread, so kiosks that lost the registry together do not
 *   all come back in the same second
 *
 * Returns: how long to wait before the next attempt
 */
guint
sync_engine_backoff_ms (guint attempt, guint jitter_percent)
{
  guint64 delay = SYNC_ENGINE_MIN_BACKOFF_MS;
  gint64 spread;

  for (guint i = 1; i < attempt && delay < SYNC_ENGINE_MAX_BACKOFF_MS; i++)
    delay *= 2;
  delay = MIN (delay, SYNC_ENGINE_MAX_BACKOFF_MS);
  spread = (gint64) delay * jitter_percent / 100;
  if (spread > 0)
    delay = (guint64) ((gint64) delay + g_random_int_range ((gint32) -spread, (gint32) spread + 1));
  return (guint) CLAMP (delay, SYNC_ENGINE_MIN_BACKOFF_MS / 2,
                        SYNC_ENGINE_MAX_BACKOFF_MS * 11 / 10);
}

static gboolean
notify_cb (gpointer user_data)
{
  SyncEngine *self = user_data;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

static void
publish (SyncEngine *self)
{
  g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT, notify_cb,
                              g_object_ref (self), g_object_unref);
}

static void
refresh_counts (SyncEngine *self)
{
  StoreOutboxCounts counts;
  g_autoptr (GError) error = NULL;

  if (!store_outbox_get_counts (self->outbox, &counts, &error))
    {
      g_warning ("cannot count the outbox: %s", error->message);
      return;
    }
  g_mutex_lock (&self->lock);
  self->queued = counts.queued;
  self->rejected = counts.rejected;
  self->oldest_queued_at_us = counts.oldest_queued_at_us;
  g_mutex_unlock (&self->lock);
}

/* The kind of a failure: the transport's, or for an answer the registry
 * refused, the kind its HTTP status stands for. */
static SyncError
error_kind (const GError *error)
{
  guint status;

  if (error->domain == SYNC_ERROR)
    return (SyncError) error->code;
  if (error->domain != CORE_API_ERROR)
    return SYNC_ERROR_FAILED;
  status = core_api_error_get_http_status ((CoreApiError) error->code);
  if (status == 401)
    return SYNC_ERROR_UNAUTHORIZED;
  return status >= 500 ? SYNC_ERROR_SERVER : SYNC_ERROR_REFUSED;
}

static void
set_state (SyncEngine *self, SyncState state, const GError *error)
{
  g_mutex_lock (&self->lock);
  self->state = state;
  if (state == SYNC_STATE_ONLINE)
    {
      self->last_success_us = g_get_real_time ();
      self->failures = 0;
      g_clear_pointer (&self->last_error, g_free);
      self->last_error_code = -1;
    }
  else if (error != NULL)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      self->last_error_code = error_kind (error);
    }
  g_mutex_unlock (&self->lock);
  publish (self);
}

static JsonNode *
build_batch (GPtrArray *entries, GPtrArray *sent, SyncEngine *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  gsize budget = SYNC_ENGINE_BATCH_BYTES;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      StoreOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (GError) park_error = NULL;
      gsize len;
      const char *data = g_bytes_get_data (entry->payload, &len);

      /* the registry takes at most 1 MiB a request: the rest waits its turn */
      if (sent->len > 0 && len > budget)
        break;
      budget -= MIN (len, budget);

      node = core_json_parse (data, len, NULL);
      if (node == NULL)
        {
          /* cannot be sent as it is; staff must look at it */
          if (!store_outbox_reject (self->outbox, entry->filing_id,
                                    "the stored filing is not valid JSON", &park_error))
            g_warning ("cannot park filing %s: %s", entry->filing_id, park_error->message);
          continue;
        }
      json_builder_add_value (builder, g_steal_pointer (&node));
      g_ptr_array_add (sent, entry);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

typedef struct
{
  SyncEngine *self;
  GPtrArray *sent; /* StoreOutboxEntry, in request order */
  JsonArray *results;
  guint confirmed;
  guint rejected;
  guint postponed;
} ApplyData;

static char *
describe_item_error (JsonObject *item)
{
  JsonObject *error_object;

  if (!json_object_has_member (item, "error") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "error")))
    return g_strdup ("refused by the registry");
  error_object = json_object_get_object_member (item, "error");
  return g_strdup_printf ("%s: %s",
                          json_object_get_string_member_with_default (error_object, "code", "?"),
                          json_object_get_string_member_with_default (error_object, "message", ""));
}

static gboolean
apply_results_in_transaction (StoreDatabase *db, gpointer user_data, GError **error)
{
  ApplyData *data = user_data;
  gint64 retry_at = g_get_real_time () + SYNC_ENGINE_MIN_BACKOFF_MS * 1000;

  for (guint i = 0; i < data->sent->len; i++)
    {
      StoreOutboxEntry *entry = g_ptr_array_index (data->sent, i);
      JsonObject *item = json_array_get_object_element (data->results, i);
      gint64 status = json_object_get_int_member_with_default (item, "status", 0);
      gboolean ok;

      if (status == 200 || status == 201)
        {
          ok = store_outbox_confirm (data->self->outbox, entry->filing_id,
                                     status == 201 ? "created" : "already filed", error);
          data->confirmed++;
        }
      else if (status >= 400 && status < 500)
        {
          g_autofree char *reason = describe_item_error (item);
          ok = store_outbox_reject (data->self->outbox, entry->filing_id, reason, error);
          data->rejected++;
        }
      else
        {
          ok = store_outbox_postpone (data->self->outbox, entry->filing_id, retry_at,
                                      "the registry could not file it yet", error);
          data->postponed++;
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* The answer must say something about every filing sent, in order. */
static JsonArray *
check_results (JsonArray *results, guint n_sent, GError **error)
{
  if (json_array_get_length (results) == n_sent)
    {
      guint i = 0;

      while (i < n_sent && JSON_NODE_HOLDS_OBJECT (json_array_get_element (results, i)))
        i++;
      if (i == n_sent)
        return results;
    }

  g_set_error (error, SYNC_ERROR, SYNC_ERROR_BAD_RESPONSE,
               _ ("The registry's answer does not match what was sent."));
  return NULL;
}

/* With nothing to send, a cheap authenticated-free call still tells whether
 * the registry is there, so the kiosk can say so. */
static gboolean
check_registry (SyncEngine *self, GError **error)
{
  g_autoptr (JsonObject) health = NULL;

  if (self->state == SYNC_STATE_ONLINE)
    return TRUE;
  health = sync_registry_get_health (self->registry, NULL, error);
  if (health == NULL)
    return FALSE;
  set_state (self, SYNC_STATE_ONLINE, NULL);
  return TRUE;
}

/* One round: returns TRUE when it sent something and the registry answered. */
static gboolean
sync_once (SyncEngine *self, gboolean *out_did_work, GError **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) sent = g_ptr_array_new ();
  g_autoptr (JsonNode) batch = NULL;
  g_autoptr (JsonArray) answer = NULL;
  JsonArray *results;
  ApplyData apply = { 0 };

  *out_did_work = FALSE;
  entries = store_outbox_get_due (self->outbox, SYNC_ENGINE_BATCH_SIZE, g_get_real_time (), error);
  if (entries == NULL)
    return FALSE;
  if (entries->len == 0)
    return check_registry (self, error);

  *out_did_work = TRUE;
  batch = build_batch (entries, sent, self);
  if (sent->len == 0)
    return TRUE;

  set_state (self, SYNC_STATE_SYNCING, NULL);
  g_mutex_lock (&self->lock);
  self->requests++;
  g_mutex_unlock (&self->lock);
  answer = sync_registry_file_batch (self->registry, batch, NULL, error);
  if (answer == NULL)
    return FALSE;
  results = check_results (answer, sent->len, error);
  if (results == NULL)
    return FALSE;

  apply = (ApplyData){ self, sent, results, 0, 0, 0 };
  if (!store_database_transaction (self->db, apply_results_in_transaction, &apply, error))
    return FALSE;
  if (apply.confirmed > 0)
    {
      g_autoptr (GError) checkpoint_error = NULL;
      /* the erased payloads must not linger in the WAL either */
      if (!store_database_checkpoint (self->db, &checkpoint_error))
        g_info ("checkpoint postponed: %s", checkpoint_error->message);
    }
  g_info ("sent %u filings: %u confirmed, %u refused, %u to retry", sent->len, apply.confirmed,
          apply.rejected, apply.postponed);
  return TRUE;
}

/* Confirmed filings are kept for staff (the sync status page counts them)
 * for keep_days, then go; nothing queued or refused is ever pruned. */
static void
prune (SyncEngine *self)
{
  gint64 now = g_get_real_time ();
  g_autoptr (GError) error = NULL;
  guint pruned = 0;

  if (self->last_pruned_at != 0 &&
      g_get_monotonic_time () - self->last_pruned_at < PRUNE_INTERVAL_MS * G_GINT64_CONSTANT (1000))
    return;
  self->last_pruned_at = g_get_monotonic_time ();
  if (!store_outbox_prune (self->outbox, now - self->keep_days * G_TIME_SPAN_DAY, &pruned,
                           &error) ||
      !store_database_prune_audit (self->db, now - AUDIT_KEEP_DAYS * G_TIME_SPAN_DAY, &error) ||
      !store_database_reclaim (self->db, &error))
    {
      g_message ("pruning the store postponed: %s", error->message);
      return;
    }
  if (pruned > 0)
    g_info ("pruned %u filings confirmed more than %u days ago", pruned, self->keep_days);
}

/* Sleeps until @wait_ms pass (-1: until kicked), a kick, or stop. */
static void
wait_for_work (SyncEngine *self, gint64 wait_ms)
{
  gint64 deadline = g_get_monotonic_time () + wait_ms * 1000;

  g_mutex_lock (&self->lock);
  while (!self->stopping && !self->kicked)
    {
      if (wait_ms < 0)
        g_cond_wait (&self->wake, &self->lock);
      else if (!g_cond_wait_until (&self->wake, &self->lock, deadline))
        break;
    }
  self->kicked = FALSE;
  g_mutex_unlock (&self->lock);
}

static gboolean
is_stopping (SyncEngine *self)
{
  gboolean stopping;

  g_mutex_lock (&self->lock);
  stopping = self->stopping;
  g_mutex_unlock (&self->lock);
  return stopping;
}

static gpointer
sync_thread (gpointer user_data)
{
  SyncEngine *self = user_data;

  refresh_counts (self);
  publish (self);

  while (!is_stopping (self))
    {
      g_autoptr (GError) error = NULL;
      gboolean did_work = FALSE;

      if (sync_once (self, &did_work, &error))
        {
          refresh_counts (self);
          if (did_work)
            {
              set_state (self, SYNC_STATE_ONLINE, NULL);
              continue; /* more may be due right away */
            }
          publish (self);
          prune (self);
          {
            gint64 next_due = store_outbox_get_next_due (self->outbox, NULL);
            gint64 wait_ms =
                next_due < 0 ? PRUNE_INTERVAL_MS : MAX (0, (next_due - g_get_real_time ()) / 1000);
            wait_for_work (self, MIN (wait_ms, PRUNE_INTERVAL_MS));
          }
        }
      else
        {
          guint delay;

          g_mutex_lock (&self->lock);
          self->failures++;
          delay = sync_engine_backoff_ms (self->failures, 20);
          g_mutex_unlock (&self->lock);

          g_message ("syncing failed, next try in %u ms: %s", delay, error->message);
          refresh_counts (self);
          set_state (self, SYNC_STATE_OFFLINE, error);
          wait_for_work (self, delay);
        }
    }
  return NULL;
}

static void
sync_engine_dispose (GObject *object)
{
  sync_engine_stop (SYNC_ENGINE (object));

  G_OBJECT_CLASS (sync_engine_parent_class)->dispose (object);
}

static void
sync_engine_finalize (GObject *object)
{
  SyncEngine *self = SYNC_ENGINE (object);

  g_clear_object (&self->outbox);
  g_clear_object (&self->db);
  g_clear_object (&self->registry);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_free (self->last_error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);

  G_OBJECT_CLASS (sync_engine_parent_class)->finalize (object);
}

static void
sync_engine_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SyncEngine *self = SYNC_ENGINE (object);

  switch (prop_id)
    {
      case PROP_STATE:
        g_value_set_int (value, sync_engine_get_state (self));
        break;
      case PROP_QUEUED:
        g_value_set_uint (value, sync_engine_get_queued (self));
        break;
      case PROP_REJECTED:
        g_value_set_uint (value, sync_engine_get_rejected (self));
        break;
      case PROP_LAST_SUCCESS:
        g_value_set_int64 (value, sync_engine_get_last_success (self));
        break;
      case PROP_LAST_ERROR:
        g_value_take_string (value, sync_engine_dup_last_error (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sync_engine_class_init (SyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sync_engine_dispose;
  object_class->finalize = sync_engine_finalize;
  object_class->get_property = sync_engine_get_property;

  properties[PROP_STATE] =
      g_param_spec_int ("state", NULL, NULL, SYNC_STATE_OFFLINE, SYNC_STATE_ONLINE,
                        SYNC_STATE_OFFLINE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUEUED] = g_param_spec_uint ("queued", NULL, NULL, 0, G_MAXUINT, 0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REJECTED] = g_param_spec_uint ("rejected", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] = g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sync_engine_init (SyncEngine *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->state = SYNC_STATE_OFFLINE;
  self->last_error_code = -1;
  self->keep_days = SYNC_ENGINE_KEEP_DAYS;
}

/**
 * sync_engine_new:
 * @store_path: the kiosk's store; the engine opens a connection of its own
 * @data_folder: where the kiosk's sealing key is
 * @client: (transfer none): the registry client
 *
 * Returns: (transfer full): the engine, not yet started
 */
SyncEngine *
sync_engine_new (const char *store_path,
                 const char *data_folder,
                 SyncClient *client,
                 GError **error)
{
  g_autoptr (SyncEngine) self = g_object_new (SYNC_TYPE_ENGINE, NULL);
  g_autoptr (StoreSealer) sealer = NULL;

  g_return_val_if_fail (SYNC_IS_CLIENT (client), NULL);

  self->db = store_database_open (store_path, error);
  if (self->db == NULL)
    return NULL;
  sealer = store_sealer_new_for_folder (data_folder, error);
  if (sealer == NULL)
    return NULL;
  self->outbox = store_outbox_new (self->db, sealer);
  self->registry = sync_registry_new (client);
  self->main_context = g_main_context_ref_thread_default ();
  return g_steal_pointer (&self);
}

/**
 * sync_engine_set_keep_days:
 * @days: how long a filing's row stays once the registry confirmed it
 *
 * Call before sync_engine_start().
 */
void
sync_engine_set_keep_days (SyncEngine *self, guint days)
{
  g_return_if_fail (SYNC_IS_ENGINE (self));
  g_return_if_fail (self->thread == NULL);

  self->keep_days = days;
}

void
sync_engine_start (SyncEngine *self)
{
  g_return_if_fail (SYNC_IS_ENGINE (self));
  g_return_if_fail (self->thread == NULL);

  self->stopping = FALSE;
  self->thread = g_thread_new ("sync", sync_thread, self);
}

/**
 * sync_engine_stop:
 *
 * Stops the thread; a request under way finishes or times out first.
 */
void
sync_engine_stop (SyncEngine *self)
{
  g_return_if_fail (SYNC_IS_ENGINE (self));

  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->thread));
}

/**
 * sync_engine_kick:
 *
 * Try now: after a new filing, or when staff ask to retry. Also clears the
 * back-off, since whoever kicks knows something changed.
 */
void
sync_engine_kick (SyncEngine *self)
{
  g_return_if_fail (SYNC_IS_ENGINE (self));

  g_mutex_lock (&self->lock);
  self->kicked = TRUE;
  self->failures = 0;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

#define LOCKED_GET(type, expr)                                                                     \
  type value;                                                                                      \
  g_mutex_lock (&self->lock);                                                                      \
  value = (expr);                                                                                  \
  g_mutex_unlock (&self->lock);                                                                    \
  return value

SyncState
sync_engine_get_state (SyncEngine *self)
{
  LOCKED_GET (SyncState, self->state);
}

guint
sync_engine_get_queued (SyncEngine *self)
{
  LOCKED_GET (guint, self->queued);
}

guint
sync_engine_get_rejected (SyncEngine *self)
{
  LOCKED_GET (guint, self->rejected);
}

/**
 * sync_engine_get_oldest_queued_at:
 *
 * Returns: when the oldest filing still waiting to be sent was queued (µs
 *   since the epoch), as of the engine's last count; 0 when none waits
 */
gint64
sync_engine_get_oldest_queued_at (SyncEngine *self)
{
  LOCKED_GET (gint64, self->oldest_queued_at_us);
}

gint64
sync_engine_get_last_success (SyncEngine *self)
{
  LOCKED_GET (gint64, self->last_success_us);
}

char *
sync_engine_dup_last_error (SyncEngine *self)
{
  LOCKED_GET (char *, g_strdup (self->last_error));
}

/**
 * sync_engine_get_last_error_code:
 * @out_code: (out): why the last attempt failed
 *
 * The kind of the last error without its message, which may quote what the
 * registry (or a proxy) answered.
 *
 * Returns: %FALSE when the last attempt did not fail
 */
gboolean
sync_engine_get_last_error_code (SyncEngine *self, SyncError *out_code)
{
  int code;

  g_mutex_lock (&self->lock);
  code = self->last_error_code;
  g_mutex_unlock (&self->lock);
  if (code < 0)
    return FALSE;
  *out_code = (SyncError) code;
  return TRUE;
}

/**
 * sync_engine_get_requests:
 *
 * Returns: how many batch requests the engine has made, for benchmarks
 */
guint64
sync_engine_get_requests (SyncEngine *self)
{
  LOCKED_GET (guint64, self->requests);
}
