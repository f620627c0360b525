/* sync-health-reporter.c: tells the registry how this kiosk is, every few minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thread of its own (never the main loop: the printer probe asks CUPS and
 * the report is an HTTP call) puts a small report to the registry every
 * interval, with jitter so a fleet started together does not report in the
 * same second: the version, how many filings wait in the outbox and how
 * long the oldest has, the card reader's and the default printer's state,
 * and the kind of the sync engine's last error. Nothing personal goes in
 * it: counts, ages, states and a fixed text per kind of error, never an
 * error's message, which may quote an answer. A failed report is simply the next one's
 * job; the registry shows the kiosk as not seen when they keep failing.
 */

#include "config.h"

#include "core-json.h"
#include "sync-health-reporter.h"

struct _SyncHealthReporter
{
  GObject parent_instance;

  SyncRegistry *registry;
  SyncEngine *engine;
  guint interval_s;
  SyncHealthProbe printer_probe;
  gpointer printer_data;
  GDestroyNotify printer_destroy;
  GThread *thread;

  GMutex lock; /* guards everything below */
  GCond wake;
  gboolean stopping;
  gboolean kicked;
  char *reader_state;
  guint sent;
};

G_DEFINE_FINAL_TYPE (SyncHealthReporter, sync_health_reporter, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The last error as its kind, in English for the operators, never its
 * message: that may quote what the registry or a proxy answered, and with
 * it a person's data. */
static const char *const error_texts[] = {
  [SYNC_ERROR_FAILED] = "failed: syncing failed",
  [SYNC_ERROR_CONFIG] = "config: the registry address, device token or CA file is not usable",
  [SYNC_ERROR_UNREACHABLE] = "unreachable: the registry cannot be reached",
  [SYNC_ERROR_TIMEOUT] = "timeout: the registry did not answer in time",
  [SYNC_ERROR_TLS] = "tls: the registry's certificate is not trusted, or TLS failed",
  [SYNC_ERROR_CONNECTION_LOST] = "connection_lost: the connection broke off before the answer",
  [SYNC_ERROR_UNAUTHORIZED] = "unauthorized: the registry refused the device token",
  [SYNC_ERROR_SERVER] = "server: the registry failed (HTTP 5xx)",
  [SYNC_ERROR_REFUSED] = "refused: the registry refused a batch as a whole (HTTP 4xx)",
  [SYNC_ERROR_BAD_RESPONSE] = "bad_response: the registry's answer is not what was expected",
};

/**
 * sync_health_describe_error:
 *
 * Returns: (nullable): what a health report says about the engine's last
 *   error; %NULL when the last attempt did not fail
 */
const char *
sync_health_describe_error (SyncEngine *engine)
{
  SyncError code;

  if (!sync_engine_get_last_error_code (engine, &code))
    return NULL;
  if ((guint) code >= G_N_ELEMENTS (error_texts) || error_texts[code] == NULL)
    code = SYNC_ERROR_FAILED;
  return error_texts[code];
}

/**
 * sync_health_reporter_build:
 *
 * The report as it is sent. Asks the printer probe, so call it where
 * blocking is allowed.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
sync_health_reporter_build (SyncHealthReporter *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *printer = NULL;
  g_autofree char *reader = NULL;
  const char *last_error = sync_health_describe_error (self->engine);
  guint queued = sync_engine_get_queued (self->engine);
  gint64 oldest_at = sync_engine_get_oldest_queued_at (self->engine);
  gint64 oldest_s = 0;

  g_return_val_if_fail (SYNC_IS_HEALTH_REPORTER (self), NULL);

  if (queued > 0 && oldest_at > 0)
    oldest_s = MAX (0, (g_get_real_time () - oldest_at) / G_USEC_PER_SEC);
  printer = self->printer_probe != NULL ? self->printer_probe (self->printer_data) : NULL;
  g_mutex_lock (&self->lock);
  reader = g_strdup (self->reader_state);
  g_mutex_unlock (&self->lock);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "outbox_depth");
  json_builder_add_int_value (builder, queued);
  json_builder_set_member_name (builder, "oldest_unsent_s");
  json_builder_add_int_value (builder, oldest_s);
  json_builder_set_member_name (builder, "reader");
  json_builder_add_string_value (builder, reader);
  json_builder_set_member_name (builder, "printer");
  json_builder_add_string_value (builder, printer != NULL ? printer : "unknown");
  json_builder_set_member_name (builder, "last_error");
  if (last_error != NULL)
    json_builder_add_string_value (builder, last_error);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "interval_s");
  json_builder_add_int_value (builder, self->interval_s);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * sync_health_reporter_send:
 *
 * Builds a report and puts it to the registry. Blocks: for worker threads.
 */
gboolean
sync_health_reporter_send (SyncHealthReporter *self, GError **error)
{
  g_autoptr (JsonNode) report = NULL;
  g_autoptr (JsonObject) answer = NULL;

  g_return_val_if_fail (SYNC_IS_HEALTH_REPORTER (self), FALSE);

  report = sync_health_reporter_build (self);
  answer = sync_registry_put_device_health (self->registry, report, NULL, error);
  if (answer == NULL)
    return FALSE;
  g_mutex_lock (&self->lock);
  self->sent++;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static void
send_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;

  if (sync_health_reporter_send (source, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * sync_health_reporter_send_async:
 *
 * One report now, on a worker thread; for a kiosk that runs no reporting
 * thread (`--sync-only`).
 */
void
sync_health_reporter_send_async (SyncHealthReporter *self,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, sync_health_reporter_send_async);
  g_task_run_in_thread (task, send_thread);
}

gboolean
sync_health_reporter_send_finish (SyncHealthReporter *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The interval with its jitter, in µs. */
static gint64
next_wait_us (SyncHealthReporter *self, guint percent_of_interval)
{
  gint64 base = (gint64) self->interval_s * G_USEC_PER_SEC * percent_of_interval / 100;
  gint64 spread = base * SYNC_HEALTH_JITTER_PERCENT / 100;

  if (percent_of_interval < 100)
    return g_random_int_range (0, (gint32) MIN (base / 1000, G_MAXINT32 - 1) + 1) * (gint64) 1000;
  return base + g_random_int_range (-(gint32) (spread / 1000), (gint32) (spread / 1000) + 1) *
                    (gint64) 1000;
}

/* Sleeps @wait_us, or less when kicked (but never less than the minimum
 * interval since @last_us), or until stopped; returns whether to go on. */
static gboolean
wait_or_stop (SyncHealthReporter *self, gint64 wait_us, gint64 last_us)
{
  gint64 deadline = g_get_monotonic_time () + wait_us;
  gint64 earliest = last_us + SYNC_HEALTH_MIN_INTERVAL_S * G_USEC_PER_SEC;
  gboolean go_on;

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      if (self->kicked)
        deadline = MIN (deadline, MAX (earliest, g_get_monotonic_time ()));
      if (!g_cond_wait_until (&self->wake, &self->lock, deadline))
        break;
    }
  self->kicked = FALSE;
  go_on = !self->stopping;
  g_mutex_unlock (&self->lock);
  return go_on;
}

static gpointer
report_thread (gpointer user_data)
{
  SyncHealthReporter *self = user_data;

  gint64 last_us = 0;

  /* the first report soon after start, spread over a tenth of the interval */
  if (!wait_or_stop (self, next_wait_us (self, 10), last_us))
    return NULL;
  do
    {
      g_autoptr (GError) error = NULL;

      last_us = g_get_monotonic_time ();
      if (!sync_health_reporter_send (self, &error))
        g_message ("health report not sent: %s", error->message);
    }
  while (wait_or_stop (self, next_wait_us (self, 100), last_us));
  return NULL;
}

/**
 * sync_health_reporter_start:
 *
 * Reports from a thread of its own until stopped.
 */
void
sync_health_reporter_start (SyncHealthReporter *self)
{
  g_return_if_fail (SYNC_IS_HEALTH_REPORTER (self));
  g_return_if_fail (self->thread == NULL);

  self->stopping = FALSE;
  self->thread = g_thread_new ("health", report_thread, self);
}

/**
 * sync_health_reporter_kick:
 *
 * Report soon: something an operator should see changed (a reader was
 * plugged or unplugged). Reports stay at least the minimum interval apart,
 * so a flapping device cannot flood the registry.
 */
void
sync_health_reporter_kick (SyncHealthReporter *self)
{
  g_return_if_fail (SYNC_IS_HEALTH_REPORTER (self));

  g_mutex_lock (&self->lock);
  self->kicked = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

/**
 * sync_health_reporter_stop:
 *
 * Stops the thread; a report under way finishes or times out first.
 */
void
sync_health_reporter_stop (SyncHealthReporter *self)
{
  g_return_if_fail (SYNC_IS_HEALTH_REPORTER (self));

  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->thread));
}

/**
 * sync_health_reporter_set_reader_state:
 * @state: "ok" (a reader is connected), "missing" or "unknown"
 *
 * From any thread; the next report says it.
 */
void
sync_health_reporter_set_reader_state (SyncHealthReporter *self, const char *state)
{
  g_return_if_fail (SYNC_IS_HEALTH_REPORTER (self));
  g_return_if_fail (g_strcmp0 (state, "ok") == 0 || g_strcmp0 (state, "missing") == 0 ||
                    g_strcmp0 (state, "unknown") == 0);

  g_mutex_lock (&self->lock);
  g_free (self->reader_state);
  self->reader_state = g_strdup (state);
  g_mutex_unlock (&self->lock);
}

/**
 * sync_health_reporter_set_printer_probe:
 * @probe: (scope notified): asked for the default printer's state before
 *   each report, on the reporter's thread
 *
 * Call before the reporter starts.
 */
void
sync_health_reporter_set_printer_probe (SyncHealthReporter *self,
                                        SyncHealthProbe probe,
                                        gpointer user_data,
                                        GDestroyNotify destroy)
{
  g_return_if_fail (SYNC_IS_HEALTH_REPORTER (self));
  g_return_if_fail (self->thread == NULL);

  if (self->printer_destroy != NULL)
    self->printer_destroy (self->printer_data);
  self->printer_probe = probe;
  self->printer_data = user_data;
  self->printer_destroy = destroy;
}

guint
sync_health_reporter_get_interval (SyncHealthReporter *self)
{
  g_return_val_if_fail (SYNC_IS_HEALTH_REPORTER (self), 0);
  return self->interval_s;
}

/**
 * sync_health_reporter_get_sent:
 *
 * Returns: how many reports the registry took
 */
guint
sync_health_reporter_get_sent (SyncHealthReporter *self)
{
  guint sent;

  g_return_val_if_fail (SYNC_IS_HEALTH_REPORTER (self), 0);
  g_mutex_lock (&self->lock);
  sent = self->sent;
  g_mutex_unlock (&self->lock);
  return sent;
}

static void
sync_health_reporter_dispose (GObject *object)
{
  SyncHealthReporter *self = SYNC_HEALTH_REPORTER (object);

  sync_health_reporter_stop (self);
  if (self->printer_destroy != NULL)
    self->printer_destroy (self->printer_data);
  self->printer_destroy = NULL;
  self->printer_probe = NULL;
  g_clear_object (&self->engine);
  g_clear_object (&self->registry);

  G_OBJECT_CLASS (sync_health_reporter_parent_class)->dispose (object);
}

static void
sync_health_reporter_finalize (GObject *object)
{
  SyncHealthReporter *self = SYNC_HEALTH_REPORTER (object);

  g_free (self->reader_state);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);

  G_OBJECT_CLASS (sync_health_reporter_parent_class)->finalize (object);
}

static void
sync_health_reporter_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SyncHealthReporter *self = SYNC_HEALTH_REPORTER (object);

  switch (prop_id)
    {
      case PROP_INTERVAL:
        g_value_set_uint (value, self->interval_s);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sync_health_reporter_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  SyncHealthReporter *self = SYNC_HEALTH_REPORTER (object);

  switch (prop_id)
    {
      case PROP_INTERVAL:
        self->interval_s = g_value_get_uint (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sync_health_reporter_class_init (SyncHealthReporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sync_health_reporter_dispose;
  object_class->finalize = sync_health_reporter_finalize;
  object_class->get_property = sync_health_reporter_get_property;
  object_class->set_property = sync_health_reporter_set_property;

  /* seconds between reports; the registry misses a kiosk after three */
  properties[PROP_INTERVAL] =
      g_param_spec_uint ("interval", NULL, NULL, SYNC_HEALTH_MIN_INTERVAL_S,
                         SYNC_HEALTH_MAX_INTERVAL_S, SYNC_HEALTH_DEFAULT_INTERVAL_S,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                             G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sync_health_reporter_init (SyncHealthReporter *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->reader_state = g_strdup ("unknown");
}

/**
 * sync_health_reporter_new:
 * @registry: (transfer none): on a registry client of its own: a report
 *   must not wait behind a batch the engine is sending
 * @engine: (transfer none): the sync engine, for the outbox and its last error
 * @interval_s: seconds between reports
 *
 * Returns: (transfer full): the reporter, not yet started
 */
SyncHealthReporter *
sync_health_reporter_new (SyncRegistry *registry, SyncEngine *engine, guint interval_s)
{
  SyncHealthReporter *self;

  g_return_val_if_fail (SYNC_IS_REGISTRY (registry), NULL);
  g_return_val_if_fail (SYNC_IS_ENGINE (engine), NULL);

  self = g_object_new (SYNC_TYPE_HEALTH_REPORTER, "interval",
                       CLAMP (interval_s, SYNC_HEALTH_MIN_INTERVAL_S, SYNC_HEALTH_MAX_INTERVAL_S),
                       NULL);
  self->registry = g_object_ref (registry);
  self->engine = g_object_ref (engine);
  return self;
}
