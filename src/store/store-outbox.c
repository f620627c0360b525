/* store-outbox.c: filings waiting for the registry, sealed at rest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A filing and its outbox entry are written in one transaction. The filing's
 * personal data (the payload) is sealed under the kiosk's key while it waits,
 * and erased once the registry has confirmed it; the outbox then keeps only
 * the filing's UUID, its times and the registry's answer. Rejected filings
 * stay sealed until staff deal with them. A confirmed filing's row goes too
 * once it is older than the kiosk keeps them (store_outbox_prune()).
 */

#include "config.h"

#include "store-outbox.h"

struct _StoreOutbox
{
  GObject parent_instance;

  StoreDatabase *db;
  StoreSealer *sealer;
};

G_DEFINE_FINAL_TYPE (StoreOutbox, store_outbox, G_TYPE_OBJECT)

void
store_outbox_entry_free (StoreOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->filing_id);
  g_clear_pointer (&entry->payload, g_bytes_unref);
  g_free (entry->reason);
  g_free (entry);
}

static void
store_outbox_finalize (GObject *object)
{
  StoreOutbox *self = STORE_OUTBOX (object);

  g_clear_object (&self->db);
  g_clear_object (&self->sealer);

  G_OBJECT_CLASS (store_outbox_parent_class)->finalize (object);
}

static void
store_outbox_class_init (StoreOutboxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = store_outbox_finalize;
}

static void
store_outbox_init (StoreOutbox *self)
{
}

StoreOutbox *
store_outbox_new (StoreDatabase *db, StoreSealer *sealer)
{
  StoreOutbox *self;

  g_return_val_if_fail (STORE_IS_DATABASE (db), NULL);
  g_return_val_if_fail (STORE_IS_SEALER (sealer), NULL);

  self = g_object_new (STORE_TYPE_OUTBOX, NULL);
  self->db = g_object_ref (db);
  self->sealer = g_object_ref (sealer);
  return self;
}

StoreDatabase *
store_outbox_get_database (StoreOutbox *self)
{
  g_return_val_if_fail (STORE_IS_OUTBOX (self), NULL);
  return self->db;
}

/* Runs one statement whose parameters are given as text (NULL binds NULL),
 * except those listed in @int_params, which are bound as integers. */
static gboolean
run (StoreOutbox *self, const char *sql, const char *what, GError **error, int n_params, ...)
{
  sqlite3 *db = store_database_get_handle (self->db);
  sqlite3_stmt *stmt = NULL;
  va_list args;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  va_start (args, n_params);
  for (int i = 1; rc == SQLITE_OK && i <= n_params; i++)
    {
      int kind = va_arg (args, int);
      if (kind == 'i')
        rc = sqlite3_bind_int64 (stmt, i, va_arg (args, gint64));
      else
        rc = sqlite3_bind_text (stmt, i, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
    }
  va_end (args);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return store_error_set_from_sqlite (error, db, rc, what);
  if (sqlite3_changes (db) == 0 && g_str_has_prefix (sql, "UPDATE"))
    {
      g_set_error (error, STORE_ERROR, STORE_ERROR_NOT_FOUND, "%s: no such filing", what);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  StoreOutbox *self;
  const char *filing_id;
  const char *source;
  const char *staff;
  GBytes *sealed;
} AddData;

static gboolean
add_in_transaction (StoreDatabase *db, gpointer user_data, GError **error)
{
  AddData *data = user_data;
  sqlite3 *handle = store_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  gint64 now = g_get_real_time ();
  gsize sealed_len;
  const void *sealed = g_bytes_get_data (data->sealed, &sealed_len);
  int rc;

  rc = sqlite3_prepare_v2 (handle,
                           "INSERT INTO filings (id, source, created_at, staff, payload) "
                           "VALUES (?, ?, ?, ?, ?)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, data->filing_id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 2, data->source, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 3, now);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 4, data->staff, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_blob (stmt, 5, sealed, (int) sealed_len, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return store_error_set_from_sqlite (error, handle, rc, "writing the filing");

  return run (data->self,
              "INSERT INTO outbox (filing_id, state, updated_at) VALUES (?, 'queued', ?)",
              "queueing the filing", error, 2, 's', data->filing_id, 'i', now) &&
         store_database_audit (db, data->staff != NULL ? "staff" : "kiosk", "filing-created",
                               data->filing_id, error);
}

/**
 * store_outbox_add:
 * @filing_id: the filing's UUID, the registry's idempotency key
 * @source: "card" or "manual"
 * @staff: (nullable): the staff account that entered a manual filing
 * @payload: the filing as the registry takes it
 *
 * Writes the filing, sealed, and its outbox entry in one transaction.
 */
gboolean
store_outbox_add (StoreOutbox *self,
                  const char *filing_id,
                  const char *source,
                  const char *staff,
                  GBytes *payload,
                  GError **error)
{
  g_autoptr (GBytes) sealed = NULL;
  AddData data;

  g_return_val_if_fail (STORE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (filing_id != NULL && source != NULL && payload != NULL, FALSE);

  sealed = store_sealer_seal (self->sealer, payload);
  data = (AddData){ self, filing_id, source, staff, sealed };
  return store_database_transaction (self->db, add_in_transaction, &data, error);
}

static GPtrArray *
read_entries (StoreOutbox *self,
              const char *sql,
              gint64 now_us,
              guint limit,
              gboolean open_payload,
              GError **error)
{
  sqlite3 *db = store_database_get_handle (self->db);
  g_autoptr (GPtrArray) entries =
      g_ptr_array_new_with_free_func ((GDestroyNotify) store_outbox_entry_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 1, now_us);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 2, limit);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (StoreOutboxEntry) entry = g_new0 (StoreOutboxEntry, 1);
      const void *blob = sqlite3_column_blob (stmt, 4);
      int blob_len = sqlite3_column_bytes (stmt, 4);

      rc = SQLITE_OK; /* go on reading */

      entry->filing_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry->attempts = (guint) sqlite3_column_int (stmt, 1);
      entry->created_at_us = sqlite3_column_int64 (stmt, 2);
      entry->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      if (open_payload && blob != NULL)
        {
          g_autoptr (GBytes) sealed = g_bytes_new (blob, (gsize) blob_len);
          g_autoptr (GError) open_error = NULL;

          entry->payload = store_sealer_open (self->sealer, sealed, &open_error);
          /* a record that does not open cannot be sent; staff must see it */
          if (entry->payload == NULL)
            {
              g_warning ("filing %s cannot be opened: %s", entry->filing_id, open_error->message);
              continue;
            }
        }
      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      store_error_set_from_sqlite (error, db, rc, "reading the outbox");
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * store_outbox_get_due:
 * @max_entries: at most this many, oldest first
 * @now_us: wall-clock time in µs; entries postponed past it are left out
 *
 * Returns: (transfer full) (element-type StoreOutboxEntry): the queued filings
 *   to send now, with their payloads opened
 */
GPtrArray *
store_outbox_get_due (StoreOutbox *self, guint max_entries, gint64 now_us, GError **error)
{
  g_return_val_if_fail (STORE_IS_OUTBOX (self), NULL);

  return read_entries (self,
                       "SELECT o.filing_id, o.attempts, f.created_at, o.result, f.payload "
                       "FROM outbox o JOIN filings f ON f.id = o.filing_id "
                       "WHERE o.state = 'queued' AND o.next_attempt_at <= ? "
                       "ORDER BY f.created_at, o.filing_id LIMIT ?",
                       now_us, max_entries, TRUE, error);
}

/**
 * store_outbox_list_rejected:
 *
 * Returns: (transfer full) (element-type StoreOutboxEntry): the filings the
 *   registry refused, with its reasons, for staff
 */
GPtrArray *
store_outbox_list_rejected (StoreOutbox *self, GError **error)
{
  g_return_val_if_fail (STORE_IS_OUTBOX (self), NULL);

  return read_entries (self,
                       "SELECT o.filing_id, o.attempts, f.created_at, o.result, f.payload "
                       "FROM outbox o JOIN filings f ON f.id = o.filing_id "
                       "WHERE o.state = 'rejected' AND ? >= 0 "
                       "ORDER BY f.created_at LIMIT ?",
                       0, G_MAXINT, TRUE, error);
}

/**
 * store_outbox_confirm:
 * @result: the registry's answer, e.g. "created" or "already filed"
 *
 * The registry has the filing: its personal data is erased here (the store
 * runs with secure_delete, so the freed pages are zeroed too).
 */
gboolean
store_outbox_confirm (StoreOutbox *self, const char *filing_id, const char *result, GError **error)
{
  g_return_val_if_fail (STORE_IS_OUTBOX (self), FALSE);

  return run (self, "UPDATE filings SET payload = NULL WHERE id = ?", "erasing a confirmed filing",
              error, 1, 's', filing_id) &&
         run (self,
              "UPDATE outbox SET state = 'confirmed', result = ?, updated_at = ? "
              "WHERE filing_id = ?",
              "confirming a filing", error, 3, 's', result, 'i', g_get_real_time (), 's',
              filing_id);
}

/**
 * store_outbox_prune:
 * @confirmed_before_us: wall-clock time (µs); filings the registry confirmed
 *   before it go
 * @out_pruned: (out) (optional): how many went
 *
 * Deletes the rows of filings the registry confirmed before
 * @confirmed_before_us, with their outbox entries. A filing still queued or
 * refused stays, however old: it has not reached the registry.
 */
gboolean
store_outbox_prune (StoreOutbox *self,
                    gint64 confirmed_before_us,
                    guint *out_pruned,
                    GError **error)
{
  g_return_val_if_fail (STORE_IS_OUTBOX (self), FALSE);

  /* the outbox entry goes with its filing (ON DELETE CASCADE) */
  if (!run (self,
            "DELETE FROM filings WHERE id IN (SELECT filing_id FROM outbox "
            "WHERE state = 'confirmed' AND updated_at < ?)",
            "pruning confirmed filings", error, 1, 'i', confirmed_before_us))
    return FALSE;
  if (out_pruned != NULL)
    *out_pruned = (guint) sqlite3_changes (store_database_get_handle (self->db));
  return TRUE;
}

/**
 * store_outbox_reject:
 * @reason: why the registry refused it, for staff
 *
 * Parks the filing: it is not sent again until staff requeue it.
 */
gboolean
store_outbox_reject (StoreOutbox *self, const char *filing_id, const char *reason, GError **error)
{
  g_return_val_if_fail (STORE_IS_OUTBOX (self), FALSE);

  return run (self,
              "UPDATE outbox SET state = 'rejected', result = ?, attempts = attempts + 1, "
              "updated_at = ? WHERE filing_id = ?",
              "parking a rejected filing", error, 3, 's', reason, 'i', g_get_real_time (), 's',
              filing_id);
}

/**
 * store_outbox_postpone:
 * @next_attempt_us: wall-clock time of the next try
 * @reason: what went wrong this time
 */
gboolean
store_outbox_postpone (StoreOutbox *self,
                       const char *filing_id,
                       gint64 next_attempt_us,
                       const char *reason,
                       GError **error)
{
  g_return_val_if_fail (STORE_IS_OUTBOX (self), FALSE);

  return run (self,
              "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, result = ?, "
              "updated_at = ? WHERE filing_id = ? AND state = 'queued'",
              "postponing a filing", error, 4, 'i', next_attempt_us, 's', reason, 'i',
              g_get_real_time (), 's', filing_id);
}

/**
 * store_outbox_requeue:
 *
 * Staff send a rejected filing again, e.g. after the registry was fixed.
 */
gboolean
store_outbox_requeue (StoreOutbox *self, const char *filing_id, GError **error)
{
  g_return_val_if_fail (STORE_IS_OUTBOX (self), FALSE);

  return run (self,
              "UPDATE outbox SET state = 'queued', next_attempt_at = 0, updated_at = ? "
              "WHERE filing_id = ? AND state = 'rejected'",
              "requeueing a filing", error, 2, 'i', g_get_real_time (), 's', filing_id);
}

gboolean
store_outbox_get_counts (StoreOutbox *self, StoreOutboxCounts *counts, GError **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (STORE_IS_OUTBOX (self), FALSE);

  db = store_database_get_handle (self->db);
  *counts = (StoreOutboxCounts){ 0 };
  rc = sqlite3_prepare_v2 (db,
                           "SELECT o.state, count(*), min(f.created_at) FROM outbox o "
                           "JOIN filings f ON f.id = o.filing_id GROUP BY o.state",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *state = (const char *) sqlite3_column_text (stmt, 0);
      guint n = (guint) sqlite3_column_int (stmt, 1);

      if (g_strcmp0 (state, "queued") == 0)
        {
          counts->queued = n;
          counts->oldest_queued_at_us = sqlite3_column_int64 (stmt, 2);
        }
      else if (g_strcmp0 (state, "rejected") == 0)
        counts->rejected = n;
      else if (g_strcmp0 (state, "confirmed") == 0)
        counts->confirmed = n;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return store_error_set_from_sqlite (error, db, rc, "counting the outbox");
  return TRUE;
}

/**
 * store_outbox_get_next_due:
 *
 * Returns: the wall-clock time (µs) at which the next queued filing is due,
 *   0 when one is due already, -1 when nothing is queued or on error
 */
gint64
store_outbox_get_next_due (StoreOutbox *self, GError **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gint64 due = -1;
  int rc;

  g_return_val_if_fail (STORE_IS_OUTBOX (self), -1);

  db = store_database_get_handle (self->db);
  rc = sqlite3_prepare_v2 (db, "SELECT min(next_attempt_at) FROM outbox WHERE state = 'queued'", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    due = sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_ROW)
    store_error_set_from_sqlite (error, db, rc, "reading the outbox");
  sqlite3_finalize (stmt);
  return due;
}
