/* kiosk-staff-auth.c: staff sign-in: the registry first, a local cache offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staff sign in with their registry account: POST /v1/staff/sessions with
 * {user, password}. The registry answers with a staff session token, which
 * is kept in memory only, goes with every manual filing, and is given back
 * (DELETE /v1/staff/sessions/current) at sign-out. Each successful sign-in
 * leaves a salted argon2id hash of the password (libsodium
 * crypto_pwhash_str) in the store's settings table, for the last
 * KIOSK_STAFF_AUTH_CACHE_SIZE accounts, so staff can still sign in while the
 * registry is unreachable, for KIOSK_STAFF_AUTH_CACHE_DAYS after their last
 * online sign-in. Such a sign-in has no session: manual filing needs one.
 * The cache is used only when the registry cannot be asked; a registry that
 * says "wrong password" is final, and one that says "disabled" removes the
 * account from the cache.
 *
 * Wrong attempts are counted here too: after KIOSK_STAFF_AUTH_MAX_FAILURES in
 * a row, staff sign-in on this kiosk is locked for KIOSK_STAFF_AUTH_LOCK_SECONDS.
 * The count and the lock are in the store, so a restart does not clear them.
 *
 * Hashing and the registry call are slow or blocking: they run on a worker
 * thread. Passwords and hashes never reach the log; the account name does.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "kiosk-staff-auth.h"
#include "sync-registry.h"

#define SETTING_CACHE "staff-login-cache"
#define SETTING_FAILURES "staff-login-failures"
#define SETTING_LOCKED_UNTIL "staff-login-locked-until"
#define SESSION_TOKEN_LENGTH 64
#define CACHE_LIFETIME_US ((gint64) KIOSK_STAFF_AUTH_CACHE_DAYS * 24 * 3600 * G_USEC_PER_SEC)

G_DEFINE_QUARK (kiosk - staff - auth - error - quark, kiosk_staff_auth_error)

typedef struct
{
  char *user;
  char *hash;
  gint64 signed_in_us; /* the last sign-in the registry confirmed */
} CacheEntry;

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->user);
  if (entry->hash != NULL)
    sodium_memzero (entry->hash, strlen (entry->hash));
  g_free (entry->hash);
  g_free (entry);
}

struct _KioskStaffAuth
{
  GObject parent_instance;

  StoreDatabase *store;
  SyncRegistry *registry;
  KioskStaffAuthClock clock;
  gpointer clock_data;

  GMutex lock; /* guards the members below: worker threads change them */
  guint failures;
  gint64 locked_until_us;
  GPtrArray *cache; /* CacheEntry, most recent first */

  char *user;          /* the signed-in account; main thread only */
  char *session_token; /* its staff session, NULL when signed in offline */
};

G_DEFINE_FINAL_TYPE (KioskStaffAuth, kiosk_staff_auth, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
default_clock (gpointer user_data)
{
  return g_get_real_time ();
}

static gint64
now_us (KioskStaffAuth *self)
{
  return self->clock (self->clock_data);
}

/* ---- the state in the store ---- */

static char *
read_setting (KioskStaffAuth *self, const char *key)
{
  g_autoptr (GError) error = NULL;
  char *value = store_database_get_setting (self->store, key, &error);

  if (value == NULL && !g_error_matches (error, STORE_ERROR, STORE_ERROR_NOT_FOUND))
    g_warning ("cannot read the staff sign-in state: %s", error->message);
  return value;
}

static void
load_state (KioskStaffAuth *self)
{
  g_autofree char *failures = read_setting (self, SETTING_FAILURES);
  g_autofree char *locked_until = read_setting (self, SETTING_LOCKED_UNTIL);
  g_autofree char *cache = read_setting (self, SETTING_CACHE);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (failures != NULL)
    self->failures = (guint) g_ascii_strtoull (failures, NULL, 10);
  if (locked_until != NULL)
    self->locked_until_us = g_ascii_strtoll (locked_until, NULL, 10);
  if (cache == NULL || !json_parser_load_from_data (parser, cache, -1, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (root), i);
      JsonObject *object;
      const char *user;
      const char *hash;
      CacheEntry *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      user = json_object_get_string_member_with_default (object, "user", NULL);
      hash = json_object_get_string_member_with_default (object, "hash", NULL);
      if (user == NULL || hash == NULL || self->cache->len >= KIOSK_STAFF_AUTH_CACHE_SIZE)
        continue;
      entry = g_new0 (CacheEntry, 1);
      entry->user = g_strdup (user);
      entry->hash = g_strdup (hash);
      /* an entry without its sign-in time (an older kiosk's) counts as expired */
      entry->signed_in_us = json_object_get_int_member_with_default (object, "signed_in_us", 0);
      g_ptr_array_add (self->cache, entry);
    }
}

/* Called with the lock held, on a worker thread. */
static void
save_state_locked (KioskStaffAuth *self, gboolean with_cache)
{
  g_autoptr (GError) error = NULL;
  char number[32];

  g_snprintf (number, sizeof number, "%u", self->failures);
  if (store_database_set_setting (self->store, SETTING_FAILURES, number, &error))
    {
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, self->locked_until_us);
      store_database_set_setting (self->store, SETTING_LOCKED_UNTIL, number, &error);
    }
  if (error == NULL && with_cache)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < self->cache->len; i++)
        {
          CacheEntry *entry = g_ptr_array_index (self->cache, i);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "user");
          json_builder_add_string_value (builder, entry->user);
          json_builder_set_member_name (builder, "hash");
          json_builder_add_string_value (builder, entry->hash);
          json_builder_set_member_name (builder, "signed_in_us");
          json_builder_add_int_value (builder, entry->signed_in_us);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      text = json_to_string (root, FALSE);
      store_database_set_setting (self->store, SETTING_CACHE, text, &error);
      sodium_memzero (text, strlen (text));
    }
  if (error != NULL)
    g_warning ("cannot save the staff sign-in state: %s", error->message);
}

/* Sign-ins, refusals and locks go to the store's audit log, with the
 * account name only. */
static void
audit (KioskStaffAuth *self, const char *user, const char *action, const char *detail)
{
  g_autoptr (GError) error = NULL;

  if (!store_database_audit (self->store, user, action, detail, &error))
    g_warning ("cannot record a staff sign-in in the audit log: %s", error->message);
}

/* ---- the checks, on a worker thread ---- */

static gboolean
is_locked_locked (KioskStaffAuth *self, gint64 now, GError **error)
{
  gint64 remaining = self->locked_until_us - now;

  if (remaining <= 0)
    return FALSE;
  g_set_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_LOCKED,
               "staff sign-in is locked for another %" G_GINT64_FORMAT " s",
               (remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  return TRUE;
}

static void
lock_now_locked (KioskStaffAuth *self, gint64 now)
{
  self->failures = 0;
  self->locked_until_us = now + (gint64) KIOSK_STAFF_AUTH_LOCK_SECONDS * G_USEC_PER_SEC;
}

/* A wrong password: counts towards the lock. */
static void
refuse (KioskStaffAuth *self, const char *user, GError **error)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  gint64 now = now_us (self);

  self->failures++;
  g_message ("a staff sign-in as %s was refused (%u in a row)", user, self->failures);
  audit (self, user, "staff-sign-in-refused", NULL);
  if (self->failures >= KIOSK_STAFF_AUTH_MAX_FAILURES)
    {
      g_message ("staff sign-in is locked for %d minutes", KIOSK_STAFF_AUTH_LOCK_SECONDS / 60);
      audit (self, user, "staff-sign-in-locked", NULL);
      lock_now_locked (self, now);
    }
  save_state_locked (self, FALSE);
  if (!is_locked_locked (self, now, error))
    g_set_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_LOGIN,
                 "wrong account or password");
}

static gboolean
cache_entry_expired (KioskStaffAuth *self, CacheEntry *entry)
{
  return now_us (self) - entry->signed_in_us >= CACHE_LIFETIME_US;
}

/* Expired entries are dropped as they are found; %TRUE when one was. */
static gboolean
prune_cache_locked (KioskStaffAuth *self)
{
  gboolean pruned = FALSE;

  for (guint i = self->cache->len; i > 0; i--)
    {
      CacheEntry *entry = g_ptr_array_index (self->cache, i - 1);
      if (cache_entry_expired (self, entry))
        {
          g_message ("the offline sign-in of staff %s expired", entry->user);
          g_ptr_array_remove_index (self->cache, i - 1);
          pruned = TRUE;
        }
    }
  return pruned;
}

static CacheEntry *
find_cached_locked (KioskStaffAuth *self, const char *user, guint *out_index)
{
  for (guint i = 0; i < self->cache->len; i++)
    {
      CacheEntry *entry = g_ptr_array_index (self->cache, i);
      if (g_strcmp0 (entry->user, user) == 0 && !cache_entry_expired (self, entry))
        {
          if (out_index != NULL)
            *out_index = i;
          return entry;
        }
    }
  return NULL;
}

/* The registry disabled @user: it cannot sign in offline either. */
static void
forget_cached (KioskStaffAuth *self, const char *user)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  for (guint i = self->cache->len; i > 0; i--)
    {
      CacheEntry *entry = g_ptr_array_index (self->cache, i - 1);
      if (g_strcmp0 (entry->user, user) == 0)
        g_ptr_array_remove_index (self->cache, i - 1);
    }
  prune_cache_locked (self);
  save_state_locked (self, TRUE);
}

/* A success: clears the count; online, also refreshes the cached hash. */
static void
accept (KioskStaffAuth *self, const char *user, const char *hash)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  guint index;

  self->failures = 0;
  self->locked_until_us = 0;
  if (hash != NULL)
    {
      CacheEntry *entry;

      if (find_cached_locked (self, user, &index) != NULL)
        g_ptr_array_remove_index (self->cache, index);
      entry = g_new0 (CacheEntry, 1);
      entry->user = g_strdup (user);
      entry->hash = g_strdup (hash);
      entry->signed_in_us = now_us (self);
      g_ptr_array_insert (self->cache, 0, entry);
      prune_cache_locked (self);
      if (self->cache->len > KIOSK_STAFF_AUTH_CACHE_SIZE)
        g_ptr_array_set_size (self->cache, KIOSK_STAFF_AUTH_CACHE_SIZE);
    }
  save_state_locked (self, hash != NULL);
}

typedef struct
{
  char *user;
  char *password;
  SyncRegistry *registry;
  gboolean offline;
  char *session_token;
} SignIn;

static void
wipe_string (char **text)
{
  if (*text != NULL)
    sodium_memzero (*text, strlen (*text));
  g_clear_pointer (text, g_free);
}

static void
sign_in_free (SignIn *data)
{
  g_free (data->user);
  wipe_string (&data->password);
  wipe_string (&data->session_token);
  g_clear_object (&data->registry);
  g_free (data);
}

typedef enum
{
  ASK_ACCEPTED,
  ASK_REFUSED,
  ASK_LOCKED,
  ASK_DISABLED,
  ASK_UNREACHABLE,
  ASK_FAILED,
} AskResult;

static gboolean
is_session_token (const char *token)
{
  if (token == NULL || strlen (token) != SESSION_TOKEN_LENGTH)
    return FALSE;
  for (const char *p = token; *p != '\0'; p++)
    {
      if (!g_ascii_isxdigit (*p))
        return FALSE;
    }
  return TRUE;
}

static AskResult
ask_registry (SyncRegistry *registry, SignIn *data, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (SyncStaffSession) session =
      sync_registry_staff_sign_in (registry, data->user, data->password, NULL, &local_error);

  if (session != NULL)
    {
      /* the registry's spelling of the account is the one to keep */
      if (g_ascii_strcasecmp (session->staff, data->user) == 0 && is_session_token (session->token))
        {
          g_free (data->user);
          data->user = g_strdup (session->staff);
          data->session_token = g_strdup (session->token);
          return ASK_ACCEPTED;
        }
      g_set_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_FAILED,
                   _ ("The registry's answer does not name this account."));
      return ASK_FAILED;
    }
  if (g_error_matches (local_error, SYNC_ERROR, SYNC_ERROR_BAD_RESPONSE))
    {
      g_set_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_FAILED,
                   _ ("The registry's answer does not name this account."));
      return ASK_FAILED;
    }
  if (local_error->domain != CORE_API_ERROR)
    {
      /* no answer at all: the cache may still know the account */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return ASK_UNREACHABLE;
    }
  /* the registry's own code tells a wrong password from a refused kiosk */
  switch ((CoreApiError) local_error->code)
    {
      case CORE_API_ERROR_STAFF_LOGIN_FAILED:
        return ASK_REFUSED;
      case CORE_API_ERROR_STAFF_LOCKED:
        return ASK_LOCKED;
      case CORE_API_ERROR_STAFF_DISABLED:
        return ASK_DISABLED;
      default:
        break;
    }
  if (core_api_error_get_http_status (local_error->code) >= 500)
    {
      g_set_error_literal (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_UNREACHABLE,
                           local_error->message);
      return ASK_UNREACHABLE;
    }
  g_set_error_literal (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_FAILED,
                       local_error->message);
  return ASK_FAILED;
}

static char *
hash_password (const char *password, GError **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (crypto_pwhash_str (hash, password, strlen (password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_FAILED,
                   "not enough memory to hash a password");
      return NULL;
    }
  return g_strdup (hash);
}

static void
sign_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  KioskStaffAuth *self = source_object;
  SignIn *data = task_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *why_offline = NULL;
  g_autofree char *hash = NULL;
  gboolean verified;

  {
    G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
    if (is_locked_locked (self, now_us (self), &error))
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }
  }

  if (data->registry != NULL)
    {
      switch (ask_registry (data->registry, data, &error))
        {
          case ASK_ACCEPTED:
            hash = hash_password (data->password, &error);
            if (hash == NULL)
              g_warning ("staff %s cannot be remembered for offline sign-in: %s", data->user,
                         error->message);
            accept (self, data->user, hash);
            if (hash != NULL)
              sodium_memzero (hash, strlen (hash));
            g_message ("staff %s signed in", data->user);
            audit (self, data->user, "staff-sign-in", "registry");
            g_task_return_boolean (task, TRUE);
            return;
          case ASK_REFUSED:
            if (error != NULL)
              g_message ("the registry refused a staff sign-in as %s: %s", data->user,
                         error->message);
            g_clear_error (&error);
            refuse (self, data->user, &error);
            g_task_return_error (task, g_steal_pointer (&error));
            return;
          case ASK_LOCKED:
            {
              G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
              gint64 now = now_us (self);
              g_message ("the registry locked staff sign-in as %s", data->user);
              audit (self, data->user, "staff-sign-in-locked", "registry");
              lock_now_locked (self, now);
              save_state_locked (self, FALSE);
              is_locked_locked (self, now, &error);
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          case ASK_DISABLED:
            g_message ("the registry says staff account %s is disabled; it is forgotten here",
                       data->user);
            audit (self, data->user, "staff-sign-in-disabled", "registry");
            forget_cached (self, data->user);
            g_task_return_new_error (task, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_DISABLED,
                                     "the staff account is disabled");
            return;
          case ASK_FAILED:
            g_task_return_error (task, g_steal_pointer (&error));
            return;
          case ASK_UNREACHABLE:
            why_offline = g_strdup (error->message);
            g_clear_error (&error);
            break;
        }
    }
  else
    why_offline = g_strdup (_ ("This kiosk is not enrolled with a registry."));

  {
    G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
    CacheEntry *entry = find_cached_locked (self, data->user, NULL);
    if (entry != NULL)
      hash = g_strdup (entry->hash);
  }
  if (hash == NULL)
    {
      g_message ("staff %s cannot sign in: the registry cannot be asked and there is no "
                 "cached sign-in (or it is older than %d days)",
                 data->user, KIOSK_STAFF_AUTH_CACHE_DAYS);
      g_task_return_new_error (task, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_UNREACHABLE,
                               "%s", why_offline);
      return;
    }
  verified = crypto_pwhash_str_verify (hash, data->password, strlen (data->password)) == 0;
  sodium_memzero (hash, strlen (hash));
  if (!verified)
    {
      refuse (self, data->user, &error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  accept (self, data->user, NULL);
  data->offline = TRUE;
  g_message ("staff %s signed in from the offline cache", data->user);
  audit (self, data->user, "staff-sign-in", "offline cache");
  g_task_return_boolean (task, TRUE);
}

/* ---- GObject ---- */

static void
kiosk_staff_auth_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskStaffAuth *self = KIOSK_STAFF_AUTH (object);

  switch (prop_id)
    {
      case PROP_USER:
        g_value_set_string (value, self->user);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_staff_auth_dispose (GObject *object)
{
  KioskStaffAuth *self = KIOSK_STAFF_AUTH (object);

  wipe_string (&self->session_token);
  g_clear_object (&self->registry);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kiosk_staff_auth_parent_class)->dispose (object);
}

static void
kiosk_staff_auth_finalize (GObject *object)
{
  KioskStaffAuth *self = KIOSK_STAFF_AUTH (object);

  g_clear_pointer (&self->cache, g_ptr_array_unref);
  g_free (self->user);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kiosk_staff_auth_parent_class)->finalize (object);
}

static void
kiosk_staff_auth_class_init (KioskStaffAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = kiosk_staff_auth_get_property;
  object_class->dispose = kiosk_staff_auth_dispose;
  object_class->finalize = kiosk_staff_auth_finalize;

  /**
   * KioskStaffAuth:user:
   *
   * The signed-in staff account, %NULL outside staff mode.
   */
  properties[PROP_USER] =
      g_param_spec_string ("user", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  if (sodium_init () < 0)
    g_critical ("libsodium cannot start");
}

static void
kiosk_staff_auth_init (KioskStaffAuth *self)
{
  g_mutex_init (&self->lock);
  self->cache = g_ptr_array_new_with_free_func ((GDestroyNotify) cache_entry_free);
  self->clock = default_clock;
}

/**
 * kiosk_staff_auth_new:
 * @store: the kiosk's store, where the cache and the lock are kept
 * @client: (nullable): the registry; %NULL when the kiosk is not enrolled
 */
KioskStaffAuth *
kiosk_staff_auth_new (StoreDatabase *store, SyncClient *client)
{
  KioskStaffAuth *self;

  g_return_val_if_fail (STORE_IS_DATABASE (store), NULL);
  g_return_val_if_fail (client == NULL || SYNC_IS_CLIENT (client), NULL);

  self = g_object_new (KIOSK_TYPE_STAFF_AUTH, NULL);
  self->store = g_object_ref (store);
  if (client != NULL)
    self->registry = sync_registry_new (client);
  load_state (self);
  return self;
}

/**
 * kiosk_staff_auth_set_client:
 * @client: (nullable): the registry to ask from now on, e.g. after enrolment
 */
void
kiosk_staff_auth_set_client (KioskStaffAuth *self, SyncClient *client)
{
  g_return_if_fail (KIOSK_IS_STAFF_AUTH (self));
  g_return_if_fail (client == NULL || SYNC_IS_CLIENT (client));

  g_clear_object (&self->registry);
  if (client != NULL)
    self->registry = sync_registry_new (client);
}

/**
 * kiosk_staff_auth_set_clock:
 * @clock: (nullable): wall-clock time in µs; %NULL for g_get_real_time()
 *
 * For tests: the clock that decides when a lock ends.
 */
void
kiosk_staff_auth_set_clock (KioskStaffAuth *self, KioskStaffAuthClock clock, gpointer user_data)
{
  g_return_if_fail (KIOSK_IS_STAFF_AUTH (self));

  self->clock = clock != NULL ? clock : default_clock;
  self->clock_data = user_data;
}

/**
 * kiosk_staff_auth_sign_in_async:
 *
 * Checks @user and @password: with the registry when it can be asked,
 * otherwise against the cache of recent sign-ins.
 */
void
kiosk_staff_auth_sign_in_async (KioskStaffAuth *self,
                                const char *user,
                                const char *password,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  SignIn *data;

  g_return_if_fail (KIOSK_IS_STAFF_AUTH (self));
  g_return_if_fail (user != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_staff_auth_sign_in_async);
  if (*user == '\0' || *password == '\0')
    {
      g_task_return_new_error (task, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_LOGIN,
                               "no account or no password");
      return;
    }
  data = g_new0 (SignIn, 1);
  data->user = g_strdup (user);
  data->password = g_strdup (password);
  data->registry = self->registry != NULL ? g_object_ref (self->registry) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);
  g_task_run_in_thread (task, sign_in_thread);
}

/**
 * kiosk_staff_auth_sign_in_finish:
 * @out_offline: (out) (optional): whether the cache, not the registry, said yes
 *
 * On success @self is in staff mode for the account until
 * kiosk_staff_auth_sign_out().
 *
 * Returns: whether the account and password were right; otherwise @error is
 *   in %KIOSK_STAFF_AUTH_ERROR
 */
gboolean
kiosk_staff_auth_sign_in_finish (KioskStaffAuth *self,
                                 GAsyncResult *result,
                                 gboolean *out_offline,
                                 GError **error)
{
  SignIn *data;

  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (out_offline != NULL)
    *out_offline = data->offline;
  wipe_string (&self->session_token);
  self->session_token = g_steal_pointer (&data->session_token);
  if (g_strcmp0 (self->user, data->user) != 0)
    {
      g_free (self->user);
      self->user = g_strdup (data->user);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
    }
  return TRUE;
}

static void
signed_out_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!sync_registry_staff_sign_out_finish (SYNC_REGISTRY (source), result, &error))
    g_message ("the registry was not told of a staff sign-out (the session expires by itself): "
               "%s",
               error->message);
}

/**
 * kiosk_staff_auth_sign_out:
 *
 * Leaves staff mode: the account and its staff session are forgotten at
 * once, and the registry is told in the background. The offline cache and
 * the failure count stay.
 */
void
kiosk_staff_auth_sign_out (KioskStaffAuth *self)
{
  g_return_if_fail (KIOSK_IS_STAFF_AUTH (self));

  if (self->user == NULL)
    return;
  g_message ("staff %s signed out", self->user);
  g_clear_pointer (&self->user, g_free);
  if (self->session_token != NULL && self->registry != NULL)
    sync_registry_staff_sign_out_async (self->registry, self->session_token, NULL, signed_out_cb,
                                        NULL);
  wipe_string (&self->session_token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

/**
 * kiosk_staff_auth_get_user:
 *
 * Returns: (nullable): the signed-in staff account
 */
const char *
kiosk_staff_auth_get_user (KioskStaffAuth *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), NULL);
  return self->user;
}

/**
 * kiosk_staff_auth_authorize:
 * @self: (nullable): staff sign-in; %NULL refuses
 * @action: what is about to run, for the log, e.g. "exit-kiosk"
 *
 * Every privileged action asks this itself at the moment it runs, whatever
 * page shows and whichever action was enabled: only a live staff sign-in
 * lets it run.
 *
 * Returns: whether a staff account is signed in now
 */
gboolean
kiosk_staff_auth_authorize (KioskStaffAuth *self, const char *action)
{
  g_return_val_if_fail (self == NULL || KIOSK_IS_STAFF_AUTH (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (self != NULL && self->user != NULL)
    return TRUE;
  g_message ("refused %s: no staff account is signed in", action);
  return FALSE;
}

/**
 * kiosk_staff_auth_get_session_token:
 *
 * Returns: (nullable): the staff session the registry gave at sign-in, for
 *   manual filings; %NULL outside staff mode and after an offline sign-in
 */
const char *
kiosk_staff_auth_get_session_token (KioskStaffAuth *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), NULL);
  return self->user != NULL ? self->session_token : NULL;
}

/**
 * kiosk_staff_auth_get_locked_until:
 *
 * Returns: when the lock ends, in the clock's µs; 0 when sign-in is not locked
 */
gint64
kiosk_staff_auth_get_locked_until (KioskStaffAuth *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  return self->locked_until_us > now_us (self) ? self->locked_until_us : 0;
}

/**
 * kiosk_staff_auth_get_lock_remaining:
 *
 * Returns: whole seconds until sign-in is possible again, 0 when it is now
 */
guint
kiosk_staff_auth_get_lock_remaining (KioskStaffAuth *self)
{
  g_autoptr (GMutexLocker) locker = NULL;
  gint64 remaining;

  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  remaining = self->locked_until_us - now_us (self);
  return remaining > 0 ? (guint) ((remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC) : 0;
}

/* Wrong attempts in a row since the last success or lock. */
guint
kiosk_staff_auth_get_failures (KioskStaffAuth *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  return self->failures;
}

/* Whether @user could sign in while the registry is unreachable. */
gboolean
kiosk_staff_auth_has_cached (KioskStaffAuth *self, const char *user)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  return find_cached_locked (self, user, NULL) != NULL;
}
