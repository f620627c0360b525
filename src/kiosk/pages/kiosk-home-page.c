/* kiosk-home-page.c: a logged-in practitioner's home: their practice information
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the basic information the registry gave with the session (the
 * visit's person), the ID number and phone masked as everywhere on screen, and
 * "Log out". Below it, in practice_sections, the practice sections and the
 * signature information, whose form is filled from the person's record.
 * Logging out, an idle reset and anything else that ends the visit end the
 * session.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-privacy.h"
#include "idcard-card.h"
#include "kiosk-home-page.h"

struct _KioskHomePage
{
  KioskPage parent_instance;

  GtkLabel *welcome_label;
  GtkWidget *logout_button;
  GtkGrid *basic_grid;
  GtkBox *practice_sections;

  GHashTable *shown; /* member → the value label */
};

G_DEFINE_FINAL_TYPE (KioskHomePage, kiosk_home_page, KIOSK_TYPE_PAGE)

static void
clear_fields (KioskHomePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->basic_grid))) != NULL)
    gtk_grid_remove (self->basic_grid, child);
  g_hash_table_remove_all (self->shown);
  gtk_label_set_text (self->welcome_label, "");
}

static void
add_field (KioskHomePage *self, int *row, const char *member, const char *name, const char *value)
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
  gtk_grid_attach (self->basic_grid, name_label, 0, *row, 1, 1);
  gtk_grid_attach (self->basic_grid, value_label, 1, *row, 1, 1);
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
show_person (KioskHomePage *self, JsonObject *person)
{
  const char *name = member (person, "name");
  const char *name_en = member (person, "name_en");
  const char *until = member (person, "valid_until");
  g_autofree char *masked_number = core_mask_id_number (member (person, "doc_number"));
  g_autofree char *masked_phone = core_mask_phone (member (person, "login_phone"));
  g_autofree char *validity = NULL;
  g_autofree char *welcome = NULL;
  int row = 0;

  clear_fields (self);
  if (member (person, "valid_from") != NULL && until != NULL)
    validity = g_strdup_printf ("%s — %s", member (person, "valid_from"),
                                g_strcmp0 (until, IDCARD_LONG_TERM) == 0 ? _ ("long-term") : until);
  welcome = g_strdup_printf (_ ("Welcome, %s"), name != NULL      ? name
                                                : name_en != NULL ? name_en
                                                                  : "");
  gtk_label_set_text (self->welcome_label, welcome);

  add_field (self, &row, "name", _ ("Name"), name);
  add_field (self, &row, "name_en", _ ("English name"), name_en);
  add_field (self, &row, "sex", _ ("Sex"), member (person, "sex"));
  add_field (self, &row, "nation", _ ("Nation"), member (person, "nation"));
  add_field (self, &row, "nationality", _ ("Nationality"), member (person, "nationality"));
  add_field (self, &row, "birth_date", _ ("Date of birth"), member (person, "birth_date"));
  add_field (self, &row, "doc_number", _ ("ID number"), masked_number);
  add_field (self, &row, "address", _ ("Address"), member (person, "address"));
  add_field (self, &row, "issuer", _ ("Issued by"), member (person, "issuer"));
  add_field (self, &row, "validity", _ ("Valid"), validity);
  add_field (self, &row, "login_phone", _ ("Mobile number"), masked_phone);
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
kiosk_home_page_shown (KioskPage *page)
{
  KioskHomePage *self = KIOSK_HOME_PAGE (page);
  JsonObject *person = kiosk_visit_get_person (kiosk_page_get_visit (page));

  /* the flow shows the page only while someone is logged in */
  if (person != NULL)
    show_person (self, person);
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

  g_clear_pointer (&self->shown, g_hash_table_unref);
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
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, logout_button);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, basic_grid);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, practice_sections);
  gtk_widget_class_bind_template_callback (widget_class, logout_cb);
  gtk_widget_class_bind_template_callback (widget_class, signature_cb);
}

static void
kiosk_home_page_init (KioskHomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown = g_hash_table_new (g_str_hash, g_str_equal);
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("My practice information"));
}

/**
 * kiosk_home_page_get_practice_sections:
 *
 * Returns: (transfer none): the box below the basic information that holds
 *   the practice sections and the signature information
 */
GtkBox *
kiosk_home_page_get_practice_sections (KioskHomePage *self)
{
  g_return_val_if_fail (KIOSK_IS_HOME_PAGE (self), NULL);
  return self->practice_sections;
}

/**
 * kiosk_home_page_get_field:
 * @member: a member of the person, e.g. "name" or "doc_number"
 *
 * Returns: (nullable): the value shown for @member (masked where it is masked)
 */
const char *
kiosk_home_page_get_field (KioskHomePage *self, const char *member)
{
  GtkLabel *label;

  g_return_val_if_fail (KIOSK_IS_HOME_PAGE (self), NULL);

  label = g_hash_table_lookup (self->shown, member);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}
