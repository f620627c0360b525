/* kiosk-home-page.c: a logged-in practitioner's home: their practice information
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The person's name and masked ID number from the session, "Log out", and
 * one large tile per section: basic information, every record kind
 * of core's table with how many records the person has there (R-4.2 …
 * from `GET /v1/me`), and the signature information, whose
 * form is filled from the person's record. Practice information lives on
 * the registry only: when it cannot be reached, the tiles say so and are
 * off, and nothing is kept or queued here. Logging out, an idle reset and
 * anything else that ends the visit end the session.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-privacy.h"
#include "core-record-kind.h"
#include "idcard-document.h"
#include "kiosk-home-page.h"
#include "kiosk-home-page-private.h"
#include "kiosk-record-text.h"

#define BASIC_TILE "basic-information"
#define SIGNATURE_TILE "signature-information"

struct _KioskHomePage
{
  KioskPage parent_instance;

  GtkLabel *welcome_label;
  GtkLabel *identity_label;
  GtkWidget *logout_button;
  GtkLabel *status_label;
  GtkFlowBox *practice_sections;

  GHashTable *tiles;  /* tile name (a kind's name, BASIC_TILE, SIGNATURE_TILE) → button */
  GHashTable *counts; /* kind's name → the count label */
  GHashTable *shown;  /* member → the text shown */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskHomePage, kiosk_home_page, KIOSK_TYPE_PAGE)

static void
set_status (KioskHomePage *self, const char *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

/* Practice sections on or off: off while the registry cannot answer. */
static void
set_sections_sensitive (KioskHomePage *self, gboolean sensitive)
{
  GHashTableIter iter;
  gpointer name, tile;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, &name, &tile))
    if (g_strcmp0 (name, SIGNATURE_TILE) != 0)
      gtk_widget_set_sensitive (tile, sensitive);
}

static void
set_counts (KioskHomePage *self, JsonObject *counts)
{
  GHashTableIter iter;
  gpointer name, label;

  g_hash_table_iter_init (&iter, self->counts);
  while (g_hash_table_iter_next (&iter, &name, &label))
    {
      JsonNode *node = counts != NULL ? json_object_get_member (counts, name) : NULL;
      g_autofree char *text = NULL;

      if (node != NULL && json_node_get_value_type (node) == G_TYPE_INT64)
        {
          gint64 count = json_node_get_int (node);

          text = g_strdup_printf (
              g_dngettext (GETTEXT_PACKAGE, "%d record", "%d records", (gulong) count),
              (int) count);
        }
      gtk_label_set_text (label, text != NULL ? text : "");
      /* an empty count would hold the tile's title up from its middle */
      gtk_widget_set_visible (label, text != NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (g_hash_table_lookup (self->tiles, name)),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text != NULL ? text : "",
                                      -1);
    }
}

static void
clear_fields (KioskHomePage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_hash_table_remove_all (self->shown);
  gtk_label_set_text (self->welcome_label, "");
  gtk_label_set_text (self->identity_label, "");
  set_counts (self, NULL);
  set_status (self, NULL);
}

static const char *
member (JsonObject *person, const char *name)
{
  JsonNode *node = json_object_get_member (person, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
show_person (KioskHomePage *self, JsonObject *person)
{
  const char *name = member (person, "name");
  const char *name_en = member (person, "name_en");
  const char *phone = member (person, "login_phone");
  g_autofree char *masked_number = core_mask_id_number (member (person, "doc_number"));
  g_autofree char *masked_phone =
      phone != NULL && strchr (phone, '*') != NULL ? g_strdup (phone) : core_mask_phone (phone);
  g_autofree char *welcome = NULL;
  g_autofree char *identity = NULL;
  /* a foreigner by the Latin name, as their card and form name them */
  gboolean latin = idcard_holder_goes_by_latin_name (member (person, "doc_type"),
                                                     member (person, "nationality"), name, name_en);
  const char *shown_name = latin ? name_en : name != NULL ? name : "";

  welcome = g_strdup_printf (_ ("Welcome, %s"), shown_name);
  gtk_label_set_text (self->welcome_label, welcome);
  identity =
      g_strdup_printf (_ ("ID number %s · mobile %s"), masked_number != NULL ? masked_number : "",
                       masked_phone != NULL ? masked_phone : "");
  gtk_label_set_text (self->identity_label, identity);
  g_hash_table_insert (self->shown, "name", g_strdup (shown_name));
  if (masked_number != NULL)
    g_hash_table_insert (self->shown, "doc_number", g_steal_pointer (&masked_number));
  if (masked_phone != NULL)
    g_hash_table_insert (self->shown, "login_phone", g_steal_pointer (&masked_phone));
}

static void
me_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskHomePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) me = sync_registry_me_finish (SYNC_REGISTRY (source), result, &error);
  JsonNode *counts = me != NULL ? json_object_get_member (me, "counts") : NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (me == NULL)
    {
      g_autofree char *problem = kiosk_record_text_problem (error);

      g_message ("reading the practice information failed: %s", error->message);
      set_status (self, problem);
      set_sections_sensitive (self, FALSE);
      return;
    }
  set_status (self, NULL);
  set_sections_sensitive (self, TRUE);
  set_counts (self, counts != NULL && JSON_NODE_HOLDS_OBJECT (counts)
                        ? json_node_get_object (counts)
                        : NULL);
}

static void
dictionaries_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  /* the forms fetch them again if this failed */
  if (!kiosk_services_refresh_dictionaries_finish (KIOSK_SERVICES (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("fetching the dictionaries failed: %s", error->message);
}

static void
logout_cb (KioskHomePage *self)
{
  kiosk_visit_end_session (kiosk_page_get_visit (KIOSK_PAGE (self)));
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_ATTRACT, NULL);
  clear_fields (self);
}

/* the form is filled from the logged-in person's record */
static void
signature_cb (KioskHomePage *self)
{
  KioskVisit *visit = kiosk_page_get_visit (KIOSK_PAGE (self));
  KioskConfig *config = kiosk_services_get_config (kiosk_page_get_services (KIOSK_PAGE (self)));
  JsonObject *person = kiosk_visit_get_person (visit);
  g_autoptr (FormsSignatureForm) form = NULL;

  if (person == NULL)
    return;
  form = forms_signature_form_new_for_person (person);
  forms_signature_form_set_window_name (form, kiosk_config_get_window_name (config));
  kiosk_visit_set_form (visit, form, KIOSK_FORM_NOT_PRINTED);
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_SIGNATURE, NULL);
}

static void
tile_clicked_cb (GtkButton *tile, KioskHomePage *self)
{
  const char *name = g_object_get_data (G_OBJECT (tile), "tile");

  if (g_strcmp0 (name, BASIC_TILE) == 0)
    kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_BASIC_INFO, NULL);
  else if (g_strcmp0 (name, SIGNATURE_TILE) == 0)
    signature_cb (self);
  else
    kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_RECORD_LIST, "kind", name, NULL);
}

static void
add_tile (KioskHomePage *self, const char *name, const char *title, gboolean counted)
{
  GtkWidget *tile = gtk_button_new_with_label (title);

  if (counted)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      GtkWidget *title_label = gtk_label_new (title);
      GtkWidget *count = gtk_label_new (NULL);

      /* a title broken in two stays centred over its count */
      gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
      gtk_label_set_justify (GTK_LABEL (title_label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (title_label, "heading");
      gtk_box_append (GTK_BOX (box), title_label);
      gtk_widget_add_css_class (count, "section-tile-count");
      gtk_box_append (GTK_BOX (box), count);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_button_set_child (GTK_BUTTON (tile), box);
      g_hash_table_insert (self->counts, (gpointer) name, count);
    }
  else
    {
      /* titled as large as the counted tiles (style.css): a long title
       * breaks in two as theirs do, rather than widen the page */
      GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (tile)));

      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_justify (label, GTK_JUSTIFY_CENTER);
    }
  gtk_widget_add_css_class (tile, "section-tile");
  gtk_accessible_update_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data (G_OBJECT (tile), "tile", (gpointer) name);
  g_signal_connect (tile, "clicked", G_CALLBACK (tile_clicked_cb), self);
  gtk_flow_box_append (self->practice_sections, tile);
  g_hash_table_insert (self->tiles, (gpointer) name, tile);
}

static void
kiosk_home_page_shown (KioskPage *page)
{
  KioskHomePage *self = KIOSK_HOME_PAGE (page);
  KioskServices *services = kiosk_page_get_services (page);
  SyncRegistry *registry = kiosk_services_get_registry (services);
  KioskVisit *visit = kiosk_page_get_visit (page);
  JsonObject *person = kiosk_visit_get_person (visit);
  const char *token = kiosk_visit_get_session_token (visit);

  clear_fields (self);
  /* the flow shows the page only while someone is logged in */
  if (person != NULL)
    show_person (self, person);
  if (kiosk_page_get_offline (page) || registry == NULL || token == NULL)
    {
      set_status (self, _ ("Practice information is kept on the registry, which this kiosk "
                           "cannot reach. Nothing can be shown or changed here now."));
      set_sections_sensitive (self, FALSE);
      return;
    }
  self->cancellable = g_cancellable_new ();
  sync_registry_me_async (registry, token, self->cancellable, me_cb, g_object_ref (self));
  /* the forms need the pick-lists: fetched while the person looks at the tiles */
  if (kiosk_services_get_dictionaries (services) == NULL)
    kiosk_services_refresh_dictionaries_async (services, token, self->cancellable, dictionaries_cb,
                                               NULL);
}

static void
kiosk_home_page_reset (KioskPage *page)
{
  clear_fields (KIOSK_HOME_PAGE (page));
}

static void
kiosk_home_page_dispose (GObject *object)
{
  KioskHomePage *self = KIOSK_HOME_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_HOME_PAGE);

  G_OBJECT_CLASS (kiosk_home_page_parent_class)->dispose (object);
}

static void
kiosk_home_page_class_init (KioskHomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_home_page_dispose;
  page_class->shown = kiosk_home_page_shown;
  page_class->reset = kiosk_home_page_reset;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-home-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, welcome_label);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, identity_label);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, logout_button);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, practice_sections);
  gtk_widget_class_bind_template_callback (widget_class, logout_cb);
}

static void
kiosk_home_page_init (KioskHomePage *self)
{
  guint n_kinds = 0;
  const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->tiles = g_hash_table_new (g_str_hash, g_str_equal);
  self->counts = g_hash_table_new (g_str_hash, g_str_equal);
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("My practice information"));

  add_tile (self, BASIC_TILE, _ ("Basic information"), FALSE);
  for (guint i = 0; i < n_kinds; i++)
    add_tile (self, kinds[i].name, core_record_kind_get_title (&kinds[i]), TRUE);
  add_tile (self, SIGNATURE_TILE, _ ("Signature information"), FALSE);
}

/**
 * kiosk_home_page_get_practice_sections:
 *
 * Returns: (transfer none): the box of the sections' tiles
 */
GtkWidget *
kiosk_home_page_get_practice_sections (KioskHomePage *self)
{
  g_return_val_if_fail (KIOSK_IS_HOME_PAGE (self), NULL);
  return GTK_WIDGET (self->practice_sections);
}

/**
 * kiosk_home_page_get_tile:
 * @section: a record kind's name, "basic-information" or "signature-information"
 *
 * Returns: (transfer none) (nullable): the section's tile
 */
GtkWidget *
kiosk_home_page_get_tile (KioskHomePage *self, const char *section)
{
  g_return_val_if_fail (KIOSK_IS_HOME_PAGE (self), NULL);
  return g_hash_table_lookup (self->tiles, section);
}

/**
 * kiosk_home_page_get_count:
 * @kind: a record kind's name
 *
 * Returns: (nullable): what the kind's tile says of its records, e.g.
 *   "2 records"; %NULL until the registry said
 */
const char *
kiosk_home_page_get_count (KioskHomePage *self, const char *kind)
{
  GtkLabel *label;

  g_return_val_if_fail (KIOSK_IS_HOME_PAGE (self), NULL);

  label = g_hash_table_lookup (self->counts, kind);
  if (label == NULL || *gtk_label_get_text (label) == '\0')
    return NULL;
  return gtk_label_get_text (label);
}

/**
 * kiosk_home_page_get_status:
 *
 * Returns: (nullable): the line above the tiles (the registry unreachable, …)
 */
const char *
kiosk_home_page_get_status (KioskHomePage *self)
{
  g_return_val_if_fail (KIOSK_IS_HOME_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
             ? gtk_label_get_text (self->status_label)
             : NULL;
}

/**
 * kiosk_home_page_get_field:
 * @member: "name", "doc_number" or "login_phone"
 *
 * Returns: (nullable): the value shown for @member (masked where it is masked)
 */
const char *
kiosk_home_page_get_field (KioskHomePage *self, const char *member)
{
  g_return_val_if_fail (KIOSK_IS_HOME_PAGE (self), NULL);
  return g_hash_table_lookup (self->shown, member);
}
