/* kiosk-basic-info-page.c: the practitioner's basic information, read only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * what the identity record says about the person (`GET /v1/me`),
 * fetched when the page shows so it is the registry's current word; the ID
 * number and phone masked as everywhere on screen. Nothing here can be
 * changed at the kiosk: the identity comes from the card or the staff.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-api-error.h"
#include "core-privacy.h"
#include "idcard-card.h"
#include "idcard-document.h"
#include "kiosk-basic-info-page.h"
#include "kiosk-basic-info-page-private.h"
#include "kiosk-record-text.h"
#include "kiosk-services.h"

struct _KioskBasicInfoPage
{
  KioskPage parent_instance;

  GtkLabel *status_label;
  GtkGrid *grid;
  GtkWidget *retry_button;

  GHashTable *shown; /* member → the value label */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskBasicInfoPage, kiosk_basic_info_page, KIOSK_TYPE_PAGE)

static void
set_status (KioskBasicInfoPage *self, const char *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

/* The registry did not answer: what the person can do, Retry to do it, and
 * no "all is well" of the sync line beside it. */
static void
set_problem (KioskBasicInfoPage *self, const char *text, gboolean can_retry)
{
  set_status (self, text);
  gtk_widget_set_visible (self->retry_button, text != NULL && can_retry);
  kiosk_page_set_sync_line_visible (KIOSK_PAGE (self), text == NULL);
}

static void
clear (KioskBasicInfoPage *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_hash_table_remove_all (self->shown);
  set_problem (self, NULL, FALSE);
}

static void
add_field (KioskBasicInfoPage *self,
           int *row,
           const char *member,
           const char *name,
           const char *value)
{
  GtkWidget *name_label;
  GtkWidget *value_label;

  if (value == NULL || *value == '\0')
    return;
  name_label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (name_label), 1);
  gtk_label_set_yalign (GTK_LABEL (name_label), 0);
  gtk_widget_add_css_class (name_label, "field-name");
  value_label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 40);
  gtk_widget_add_css_class (value_label, "field-value");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  name_label, NULL, -1);
  gtk_grid_attach (self->grid, name_label, 0, *row, 1, 1);
  gtk_grid_attach (self->grid, value_label, 1, *row, 1, 1);
  g_hash_table_insert (self->shown, (gpointer) member, value_label);
  (*row)++;
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
show_person (KioskBasicInfoPage *self, JsonObject *person)
{
  const char *until = member (person, "valid_until");
  const char *phone = member (person, "login_phone");
  const char *name_en = member (person, "name_en");
  const char *sex = member (person, "sex");
  IdcardSex sex_value;
  IdcardDocumentType doc_type = IDCARD_DOCUMENT_RESIDENT;
  g_autofree char *nationality = kiosk_services_dup_country_name (
      kiosk_page_get_services (KIOSK_PAGE (self)), member (person, "nationality"));
  g_autofree char *nation = kiosk_services_dup_nation_name (
      kiosk_page_get_services (KIOSK_PAGE (self)), 0, member (person, "nation"));
  g_autofree char *masked_number = core_mask_id_number (member (person, "doc_number"));
  /* the registry masks the phone already; masking again changes nothing */
  g_autofree char *masked_phone =
      phone != NULL && strchr (phone, '*') != NULL ? g_strdup (phone) : core_mask_phone (phone);
  g_autofree char *validity = NULL;
  int row = 0;

  /* the registry keeps what the card says, in Chinese, and a country's code:
   * the page says them in its own language, as the card page does */
  if (idcard_sex_from_string (sex, &sex_value))
    sex = idcard_sex_get_label (sex_value);
  idcard_document_type_from_string (member (person, "doc_type"), &doc_type);
  if (member (person, "valid_from") != NULL && until != NULL)
    validity = g_strdup_printf ("%s — %s", member (person, "valid_from"),
                                g_strcmp0 (until, IDCARD_LONG_TERM) == 0 ? _ ("long-term") : until);
  /* as the home page and the form: a foreigner by the Latin name first,
   * the Chinese name, if any, second */
  if (idcard_holder_goes_by_latin_name (member (person, "doc_type"), member (person, "nationality"),
                                        member (person, "name"), name_en))
    {
      add_field (self, &row, "name_en", _ ("English name"), name_en);
      add_field (self, &row, "name", _ ("Chinese name"), member (person, "name"));
    }
  else
    {
      add_field (self, &row, "name", _ ("Name"), member (person, "name"));
      add_field (self, &row, "name_en", _ ("English name"), name_en);
    }
  add_field (self, &row, "sex", _ ("Sex"), sex);
  add_field (self, &row, "nation", _ ("Ethnic group"), nation);
  add_field (self, &row, "nationality", _ ("Nationality"), nationality);
  add_field (self, &row, "birth_date", _ ("Date of birth"), member (person, "birth_date"));
  add_field (self, &row, "doc_number",
             doc_type == IDCARD_DOCUMENT_RESIDENT ? _ ("ID number") : _ ("Document number"),
             masked_number);
  add_field (self, &row, "address", _ ("Address"), member (person, "address"));
  add_field (self, &row, "issuer", _ ("Issued by"), member (person, "issuer"));
  add_field (self, &row, "validity", _ ("Valid"), validity);
  add_field (self, &row, "login_phone", _ ("Mobile number"), masked_phone);
}

static void
me_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskBasicInfoPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) me = sync_registry_me_finish (SYNC_REGISTRY (source), result, &error);
  JsonNode *person = me != NULL ? json_object_get_member (me, "person") : NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (me == NULL || person == NULL || !JSON_NODE_HOLDS_OBJECT (person))
    {
      if (error == NULL)
        g_set_error_literal (&error, SYNC_ERROR, SYNC_ERROR_BAD_RESPONSE, "no person");
      g_message ("reading the basic information failed: %s", error->message);
      /* an ended login is not mended by asking again */
      if (g_error_matches (error, CORE_API_ERROR, CORE_API_ERROR_SESSION_INVALID))
        {
          g_autofree char *problem = kiosk_record_text_problem (error);

          set_problem (self, problem, FALSE);
        }
      else
        set_problem (self,
                     _ ("Your basic information cannot be loaded now. Please tap Retry or try "
                        "again later, or ask the staff at the window."),
                     TRUE);
      return;
    }
  set_status (self, NULL);
  show_person (self, json_node_get_object (person));
}

static void
load (KioskBasicInfoPage *self)
{
  KioskPage *page = KIOSK_PAGE (self);
  SyncRegistry *registry = kiosk_services_get_registry (kiosk_page_get_services (page));
  const char *token = kiosk_visit_get_session_token (kiosk_page_get_visit (page));

  clear (self);
  if (kiosk_page_get_offline (page) || registry == NULL || token == NULL)
    {
      set_problem (self,
                   _ ("Practice information is kept on the registry, which this kiosk cannot "
                      "reach. Nothing can be shown here now. Please try again later, or ask the "
                      "staff at the window."),
                   FALSE);
      return;
    }
  set_status (self, _ ("Loading…"));
  self->cancellable = g_cancellable_new ();
  sync_registry_me_async (registry, token, self->cancellable, me_cb, g_object_ref (self));
}

static void
retry_cb (KioskBasicInfoPage *self)
{
  load (self);
}

static void
kiosk_basic_info_page_shown (KioskPage *page)
{
  load (KIOSK_BASIC_INFO_PAGE (page));
}

static void
kiosk_basic_info_page_reset (KioskPage *page)
{
  clear (KIOSK_BASIC_INFO_PAGE (page));
}

static void
kiosk_basic_info_page_dispose (GObject *object)
{
  KioskBasicInfoPage *self = KIOSK_BASIC_INFO_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_BASIC_INFO_PAGE);

  G_OBJECT_CLASS (kiosk_basic_info_page_parent_class)->dispose (object);
}

static void
kiosk_basic_info_page_class_init (KioskBasicInfoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_basic_info_page_dispose;
  page_class->shown = kiosk_basic_info_page_shown;
  page_class->reset = kiosk_basic_info_page_reset;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-basic-info-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskBasicInfoPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBasicInfoPage, grid);
  gtk_widget_class_bind_template_child (widget_class, KioskBasicInfoPage, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
}

static void
kiosk_basic_info_page_init (KioskBasicInfoPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown = g_hash_table_new (g_str_hash, g_str_equal);
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Basic information"));
}

/**
 * kiosk_basic_info_page_get_field:
 * @member: a member of the person, e.g. "address"
 *
 * Returns: (nullable): the value shown for @member (masked where it is masked)
 */
const char *
kiosk_basic_info_page_get_field (KioskBasicInfoPage *self, const char *member)
{
  GtkLabel *label;

  g_return_val_if_fail (KIOSK_IS_BASIC_INFO_PAGE (self), NULL);

  label = g_hash_table_lookup (self->shown, member);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}

/**
 * kiosk_basic_info_page_get_field_name:
 * @member: a member of the person, e.g. "name_en"
 *
 * Returns: (nullable): the name the page gives @member's value, e.g.
 *   "English name"
 */
const char *
kiosk_basic_info_page_get_field_name (KioskBasicInfoPage *self, const char *member)
{
  GtkLabel *value;
  GtkWidget *name;
  int row;

  g_return_val_if_fail (KIOSK_IS_BASIC_INFO_PAGE (self), NULL);

  value = g_hash_table_lookup (self->shown, member);
  if (value == NULL)
    return NULL;
  gtk_grid_query_child (self->grid, GTK_WIDGET (value), NULL, &row, NULL, NULL);
  name = gtk_grid_get_child_at (self->grid, 0, row);
  return name != NULL ? gtk_label_get_text (GTK_LABEL (name)) : NULL;
}

const char *
kiosk_basic_info_page_get_status (KioskBasicInfoPage *self)
{
  g_return_val_if_fail (KIOSK_IS_BASIC_INFO_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
             ? gtk_label_get_text (self->status_label)
             : NULL;
}

GtkWidget *
kiosk_basic_info_page_get_retry_button (KioskBasicInfoPage *self)
{
  g_return_val_if_fail (KIOSK_IS_BASIC_INFO_PAGE (self), NULL);
  return self->retry_button;
}
