/* kiosk-services.c: what the kiosk's pages work with, handed to each page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application builds one of these before any window exists and every
 * page gets it at construction (the "services" property of KioskPage), the
 * way gnome-initial-setup gives its driver to every page: no page fetches a
 * service globally or from another page. What the kiosk may not have is
 * %NULL: no registry and no sync engine when it is not enrolled, no demo
 * outside the demo. The card reader and the printers are made on first use,
 * so a start that shows the welcome page loads no more than it needs.
 */

#include "config.h"

#include "kiosk-pick-list.h"
#include "kiosk-services.h"
#include "store-dictionaries.h"
#include "store-error.h"

struct _KioskServices
{
  GObject parent_instance;

  KioskConfig *config;
  StoreDatabase *store;
  StoreOutbox *outbox;
  KioskStaffAuth *staff_auth;
  SyncRegistry *registry;
  SyncEngine *sync_engine;
  char *sync_problem; /* why there is no engine, for staff */
  KioskDemo *demo;
  IdcardReader *reader;
  FormsPrinterList *printers;
  CoreDictionarySet *dictionaries; /* the registry's pick-lists, kept between visits */
  CoreDictionary *countries;       /* shipped with the kiosk, read at first use */
  gboolean countries_tried;
  CoreDictionary *nations; /* shipped with the kiosk, read at first use */
  gboolean nations_tried;
  GStrv input_problems; /* the on-screen keyboard's missing data, for staff */
};

G_DEFINE_FINAL_TYPE (KioskServices, kiosk_services, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CONFIG,
  PROP_STORE,
  PROP_OUTBOX,
  PROP_STAFF_AUTH,
  PROP_REGISTRY,
  PROP_SYNC_ENGINE,
  PROP_SYNC_PROBLEM,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kiosk_services_dispose (GObject *object)
{
  KioskServices *self = KIOSK_SERVICES (object);

  g_clear_object (&self->reader);
  g_clear_object (&self->printers);
  g_clear_object (&self->dictionaries);
  g_clear_object (&self->countries);
  g_clear_object (&self->nations);
  g_clear_object (&self->staff_auth);
  g_clear_object (&self->sync_engine);
  g_clear_object (&self->registry);
  g_clear_object (&self->outbox);
  g_clear_object (&self->store);
  g_clear_object (&self->demo);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kiosk_services_parent_class)->dispose (object);
}

static void
kiosk_services_finalize (GObject *object)
{
  KioskServices *self = KIOSK_SERVICES (object);

  g_free (self->sync_problem);
  g_strfreev (self->input_problems);

  G_OBJECT_CLASS (kiosk_services_parent_class)->finalize (object);
}

static void
kiosk_services_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskServices *self = KIOSK_SERVICES (object);

  switch (prop_id)
    {
      case PROP_CONFIG:
        g_value_set_object (value, self->config);
        break;
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      case PROP_OUTBOX:
        g_value_set_object (value, self->outbox);
        break;
      case PROP_STAFF_AUTH:
        g_value_set_object (value, self->staff_auth);
        break;
      case PROP_REGISTRY:
        g_value_set_object (value, self->registry);
        break;
      case PROP_SYNC_ENGINE:
        g_value_set_object (value, self->sync_engine);
        break;
      case PROP_SYNC_PROBLEM:
        g_value_set_string (value, self->sync_problem);
        break;
      case PROP_DEMO:
        g_value_set_object (value, self->demo);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_services_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KioskServices *self = KIOSK_SERVICES (object);

  switch (prop_id)
    {
      case PROP_CONFIG:
        self->config = g_value_dup_object (value);
        break;
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;
      case PROP_OUTBOX:
        self->outbox = g_value_dup_object (value);
        break;
      case PROP_STAFF_AUTH:
        self->staff_auth = g_value_dup_object (value);
        break;
      case PROP_REGISTRY:
        self->registry = g_value_dup_object (value);
        break;
      case PROP_SYNC_ENGINE:
        self->sync_engine = g_value_dup_object (value);
        break;
      case PROP_SYNC_PROBLEM:
        self->sync_problem = g_value_dup_string (value);
        break;
      case PROP_DEMO:
        self->demo = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_services_constructed (GObject *object)
{
  KioskServices *self = KIOSK_SERVICES (object);

  G_OBJECT_CLASS (kiosk_services_parent_class)->constructed (object);

  /* a kiosk without a configuration runs on the defaults, as a bad one does */
  if (self->config == NULL)
    self->config = kiosk_config_new_defaults ();
}

static GParamSpec *
object_property (const char *name, GType type)
{
  return g_param_spec_object (name, NULL, NULL, type,
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                                  G_PARAM_EXPLICIT_NOTIFY);
}

static void
kiosk_services_class_init (KioskServicesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kiosk_services_constructed;
  object_class->dispose = kiosk_services_dispose;
  object_class->finalize = kiosk_services_finalize;
  object_class->get_property = kiosk_services_get_property;
  object_class->set_property = kiosk_services_set_property;

  properties[PROP_CONFIG] = object_property ("config", KIOSK_TYPE_CONFIG);
  properties[PROP_STORE] = object_property ("store", STORE_TYPE_DATABASE);
  properties[PROP_OUTBOX] = object_property ("outbox", STORE_TYPE_OUTBOX);
  properties[PROP_STAFF_AUTH] = object_property ("staff-auth", KIOSK_TYPE_STAFF_AUTH);
  /**
   * KioskServices:registry:
   *
   * The typed registry client, %NULL when the kiosk is not enrolled.
   */
  properties[PROP_REGISTRY] = object_property ("registry", SYNC_TYPE_REGISTRY);
  /**
   * KioskServices:sync-engine:
   *
   * The outbox's sender, %NULL when the kiosk cannot sync (see :sync-problem).
   */
  properties[PROP_SYNC_ENGINE] = object_property ("sync-engine", SYNC_TYPE_ENGINE);
  properties[PROP_SYNC_PROBLEM] =
      g_param_spec_string ("sync-problem", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                               G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskServices:demo:
   *
   * The demo's registry, cards and phone, when running --demo.
   */
  properties[PROP_DEMO] = object_property ("demo", KIOSK_TYPE_DEMO);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_services_init (KioskServices *self)
{
}

KioskConfig *
kiosk_services_get_config (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  return self->config;
}

StoreDatabase *
kiosk_services_get_store (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  return self->store;
}

StoreOutbox *
kiosk_services_get_outbox (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  return self->outbox;
}

/**
 * kiosk_services_get_staff_auth:
 *
 * Returns: (transfer none) (nullable): staff sign-in
 */
KioskStaffAuth *
kiosk_services_get_staff_auth (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  return self->staff_auth;
}

/**
 * kiosk_services_get_registry:
 *
 * Returns: (transfer none) (nullable): the registry for online calls, %NULL
 *   when the kiosk is not enrolled
 */
SyncRegistry *
kiosk_services_get_registry (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  return self->registry;
}

/**
 * kiosk_services_get_sync_engine:
 *
 * Returns: (transfer none) (nullable): the engine, %NULL when the kiosk
 *   cannot sync (see kiosk_services_get_sync_problem())
 */
SyncEngine *
kiosk_services_get_sync_engine (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  return self->sync_engine;
}

const char *
kiosk_services_get_sync_problem (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  return self->sync_problem;
}

/**
 * kiosk_services_get_demo:
 *
 * Returns: (transfer none) (nullable): the demo environment, %NULL outside
 *   the demo
 */
KioskDemo *
kiosk_services_get_demo (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  return self->demo;
}

/**
 * kiosk_services_get_reader:
 *
 * The card reader service: USB readers on a kiosk, the emulated reader with
 * the demo cards in the demo. Made and started on first use, on the main
 * context.
 *
 * Returns: (transfer none): the reader
 */
IdcardReader *
kiosk_services_get_reader (KioskServices *self)
{
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  if (self->reader != NULL)
    return self->reader;

  self->reader = idcard_reader_new (self->demo == NULL);
  if (self->demo != NULL)
    idcard_reader_add_transport (self->reader,
                                 IDCARD_TRANSPORT (kiosk_demo_get_transport (self->demo)));
  if (!idcard_reader_start (self->reader, &error))
    g_warning ("the card reader service cannot start: %s", error->message);
  return self->reader;
}

/**
 * kiosk_services_set_reader:
 * @reader: a started reader service
 *
 * Uses @reader instead of the one the kiosk would make; for tests that drive
 * an emulated reader. Call before the window exists.
 */
/**
 * kiosk_services_get_input_problems:
 *
 * What the on-screen keyboard could not load (pinyin or handwriting data),
 * known once its engines have tried; staff see it beside the configuration's
 * problems.
 *
 * Returns: (transfer none) (nullable): the problems, or %NULL when there are none
 */
const char *const *
kiosk_services_get_input_problems (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  return (const char *const *) self->input_problems;
}

void
kiosk_services_set_input_problems (KioskServices *self, const char *const *problems)
{
  g_return_if_fail (KIOSK_IS_SERVICES (self));

  g_strfreev (self->input_problems);
  self->input_problems =
      problems != NULL && problems[0] != NULL ? g_strdupv ((char **) problems) : NULL;
}

void
kiosk_services_set_reader (KioskServices *self, IdcardReader *reader)
{
  g_return_if_fail (KIOSK_IS_SERVICES (self));
  g_return_if_fail (IDCARD_IS_READER (reader));

  g_set_object (&self->reader, reader);
}

/**
 * kiosk_services_get_printers:
 *
 * The print queues CUPS knows, shared by the pages that list them; made on
 * first use. Refresh it with forms_printer_list_refresh_async().
 *
 * Returns: (transfer none): the printers
 */
FormsPrinterList *
kiosk_services_get_printers (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  if (self->printers == NULL)
    self->printers = forms_printer_list_new ();
  return self->printers;
}

/* ---- dictionaries ---- */

/* a dictionary installed with the kiosk (data/dictionaries), by its name;
 * @what names it in the log when it cannot be read */
static CoreDictionary *
load_shipped_dictionary (const char *name, const char *what)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path =
      g_build_filename (core_dictionary_set_get_default_directory (), file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) error = NULL;
  CoreDictionary *dictionary;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error) ||
      !json_parser_load_from_data (parser, contents, (gssize) length, &error))
    {
      g_warning ("no %s: %s", what, error->message);
      return NULL;
    }
  dictionary = core_dictionary_new_from_json_node (name, json_parser_get_root (parser), &error);
  if (dictionary == NULL)
    g_warning ("no %s: %s", what, error->message);
  return dictionary;
}

/**
 * kiosk_services_get_countries:
 *
 * The countries as the kiosk names them on screen: the dictionary built
 * from Debian's iso-codes (ISO 3166-1 and its iso_3166-1 translations,
 * data/dictionaries/gen-countries.py) and installed with the kiosk, so a
 * card's nationality has its name even on a kiosk that never reached the
 * registry. Read once, at first use (a few dozen kilobytes).
 *
 * Returns: (transfer none) (nullable): the countries, or %NULL when the
 *   installed file cannot be read (said once in the log)
 */
CoreDictionary *
kiosk_services_get_countries (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  if (!self->countries_tried)
    self->countries = load_shipped_dictionary ("countries", "country names");
  self->countries_tried = TRUE;
  return self->countries;
}

/**
 * kiosk_services_dup_nation_name:
 * @code: a resident ID card's ethnic group code (GB 3304, 1 to 56), or 0
 *   where only the word is known (the registry keeps the card's word)
 * @as_written: (nullable): the card's own word for it ("汉"), for a code the
 *   list does not have
 *
 * Returns: (transfer full) (nullable): the ethnic group's name in the
 *   kiosk's language ("Han", 汉族), from the GB 3304 list installed with the
 *   kiosk, so an English page never shows the card's Chinese word for it
 */
char *
kiosk_services_dup_nation_name (KioskServices *self, guint code, const char *as_written)
{
  g_autofree char *key = g_strdup_printf ("%02u", code);
  const CoreDictionaryEntry *entry = NULL;

  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  if (!self->nations_tried)
    self->nations = load_shipped_dictionary ("nations", "ethnic group names");
  self->nations_tried = TRUE;
  if (self->nations != NULL && code > 0)
    entry = core_dictionary_lookup (self->nations, key);
  /* a card writes the name without its 族: 汉 for 汉族 */
  if (self->nations != NULL && entry == NULL && as_written != NULL)
    {
      g_autofree char *with_suffix = g_strconcat (as_written, "族", NULL);

      entry = core_dictionary_lookup_label (self->nations, as_written);
      if (entry == NULL)
        entry = core_dictionary_lookup_label (self->nations, with_suffix);
    }
  if (entry == NULL)
    return g_strdup (as_written);
  return g_strdup (core_dictionary_entry_get_label (entry, kiosk_pick_list_get_language ()));
}

/**
 * kiosk_services_dup_country_name:
 * @code: an ISO 3166-1 alpha-3 code, as cards and documents write it
 *
 * Returns: (transfer full): the country's name in the kiosk's language
 *   ("Germany", 德国), or @code itself when it is not a country
 */
char *
kiosk_services_dup_country_name (KioskServices *self, const char *code)
{
  CoreDictionary *countries;
  const CoreDictionaryEntry *entry = NULL;

  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  if (code == NULL)
    return NULL;
  countries = kiosk_services_get_countries (self);
  if (countries != NULL)
    entry = core_dictionary_lookup (countries, code);
  if (entry == NULL)
    return g_strdup (code);
  return g_strdup (core_dictionary_entry_get_label (entry, kiosk_pick_list_get_language ()));
}

/**
 * kiosk_services_get_dictionaries:
 *
 * Returns: (transfer none) (nullable): the registry's pick-lists as last
 *   fetched, or %NULL before the first fetch
 */
CoreDictionarySet *
kiosk_services_get_dictionaries (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  return self->dictionaries;
}

/* Writes a version of the pick-lists the store does not have yet, so the
 * next start has them before the registry answers. Runs on a worker. */
static void
keep_dictionaries_thread (GTask *task,
                          gpointer source,
                          gpointer task_data,
                          GCancellable *cancellable)
{
  KioskServices *self = source;
  g_autoptr (GError) error = NULL;
  gboolean changed = FALSE;

  /* the copy in memory serves this run either way: a failed write only
   * costs the next start a fetch */
  if (!store_dictionaries_save (self->store, task_data, &changed, &error))
    g_warning ("The registry's pick-lists could not be kept: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
dictionaries_kept_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;

  g_task_propagate_boolean (G_TASK (result), NULL);
  g_task_return_boolean (task, TRUE);
}

static void
dictionaries_fetched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  KioskServices *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *version = NULL;
  g_autoptr (JsonNode) node =
      sync_registry_dictionaries_finish (SYNC_REGISTRY (source), result, &version, &error);
  g_autoptr (CoreDictionarySet) set = NULL;
  g_autoptr (GTask) keep = NULL;

  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* checks every dictionary and that the version matches the content */
  set = core_dictionary_set_new_from_json_node (node, &error);
  if (set == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->dictionaries != NULL && g_strcmp0 (core_dictionary_set_get_version (self->dictionaries),
                                               core_dictionary_set_get_version (set)) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_set_object (&self->dictionaries, set);
  if (self->store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  keep = g_task_new (self, NULL, dictionaries_kept_cb, g_steal_pointer (&task));
  g_task_set_task_data (keep, g_steal_pointer (&node), (GDestroyNotify) json_node_unref);
  g_task_run_in_thread (keep, keep_dictionaries_thread);
}

static void
fetch_dictionaries (GTask *task)
{
  KioskServices *self = g_task_get_source_object (task);
  const char *session_token = g_task_get_task_data (task);

  sync_registry_dictionaries_async (self->registry, session_token, g_task_get_cancellable (task),
                                    dictionaries_fetched_cb, task);
}

/* Reads the copy kept by an earlier run. Runs on a worker. */
static void
load_dictionaries_thread (GTask *task,
                          gpointer source,
                          gpointer task_data,
                          GCancellable *cancellable)
{
  KioskServices *self = source;
  g_autoptr (GError) error = NULL;
  CoreDictionarySet *set = store_dictionaries_load (self->store, &error);

  /* a damaged copy is fetched again, not offered */
  if (set == NULL && !g_error_matches (error, STORE_ERROR, STORE_ERROR_NOT_FOUND))
    g_warning ("The kept pick-lists cannot be used: %s", error->message);
  g_task_return_pointer (task, set, g_object_unref);
}

static void
dictionaries_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  KioskServices *self = KIOSK_SERVICES (source);
  g_autoptr (CoreDictionarySet) set = g_task_propagate_pointer (G_TASK (result), NULL);

  if (self->dictionaries == NULL && set != NULL)
    self->dictionaries = g_steal_pointer (&set);
  fetch_dictionaries (task);
}

/**
 * kiosk_services_refresh_dictionaries_async:
 * @session_token: a person's session (the route needs one)
 *
 * Fetches the registry's pick-lists and keeps them, in memory and in the
 * store, when their version differs from the ones kept; the forms read
 * them with kiosk_services_get_dictionaries(). The first call of a run
 * starts from the store's copy, so a fetch that fails leaves the lists of
 * the last run.
 */
void
kiosk_services_refresh_dictionaries_async (KioskServices *self,
                                           const char *session_token,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (KIOSK_IS_SERVICES (self));
  g_return_if_fail (session_token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_services_refresh_dictionaries_async);
  if (self->registry == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               "the kiosk has no registry");
      return;
    }
  g_task_set_task_data (task, g_strdup (session_token), g_free);
  if (self->dictionaries == NULL && self->store != NULL)
    {
      g_autoptr (GTask) load =
          g_task_new (self, NULL, dictionaries_loaded_cb, g_steal_pointer (&task));

      g_task_run_in_thread (load, load_dictionaries_thread);
      return;
    }
  fetch_dictionaries (g_steal_pointer (&task));
}

gboolean
kiosk_services_refresh_dictionaries_finish (KioskServices *self,
                                            GAsyncResult *result,
                                            GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- filing ---- */

typedef struct
{
  CoreFiling *filing;
  char *json;
  char *staff; /* the staff account signed in, for the local record */
} SubmitData;

static void
submit_data_free (SubmitData *data)
{
  g_clear_object (&data->filing);
  g_free (data->staff);
  if (data->json != NULL)
    memset (data->json, 0, strlen (data->json));
  g_free (data->json);
  g_free (data);
}

static void
submit_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  KioskServices *self = source_object;
  SubmitData *data = task_data;
  g_autoptr (GBytes) payload = g_bytes_new_static (data->json, strlen (data->json));
  g_autoptr (GError) error = NULL;
  const char *source =
      core_filing_get_source (data->filing) == CORE_FILING_SOURCE_MANUAL ? "manual" : "card";

  if (!store_outbox_add (self->outbox, core_filing_get_filing_id (data->filing), source,
                         data->staff, payload, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
submitted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  KioskServices *self = KIOSK_SERVICES (source);
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  if (self->sync_engine != NULL)
    sync_engine_kick (self->sync_engine);
  g_task_return_boolean (outer, TRUE);
}

/**
 * kiosk_services_submit_filing_async:
 * @filing: a filing that passes core_filing_validate()
 *
 * Writes the filing and its outbox entry in one transaction, on a worker
 * thread, then asks the sync engine to send it. Works offline.
 */
void
kiosk_services_submit_filing_async (KioskServices *self,
                                    CoreFiling *filing,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GTask) write = NULL;
  g_autoptr (GError) error = NULL;
  SubmitData *data;

  g_return_if_fail (KIOSK_IS_SERVICES (self));
  g_return_if_fail (CORE_IS_FILING (filing));

  g_task_set_source_tag (outer, kiosk_services_submit_filing_async);
  if (self->outbox == NULL)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "this kiosk has no local store to keep filings in");
      return;
    }
  if (!core_filing_validate (filing, &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SubmitData, 1);
  data->filing = g_object_ref (filing);
  /* the payload carries the staff session, sealed with the other fields */
  data->json = core_filing_to_json (filing);
  if (core_filing_get_source (filing) == CORE_FILING_SOURCE_MANUAL && self->staff_auth != NULL)
    data->staff = g_strdup (kiosk_staff_auth_get_user (self->staff_auth));
  write = g_task_new (self, cancellable, submitted_cb, g_steal_pointer (&outer));
  g_task_set_task_data (write, data, (GDestroyNotify) submit_data_free);
  g_task_run_in_thread (write, submit_thread);
}

gboolean
kiosk_services_submit_filing_finish (KioskServices *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
