/* kiosk-record-detail-page.c: every field of one record, read only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Registrations and project performance come from other authorities (the
 * registry imports them) and cannot be changed at the kiosk; their lists
 * show key fields, and this page every field the record has, labelled from
 * the kind table: codes as their labels, a registration's specialties one
 * a line.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-record-detail-page.h"
#include "kiosk-record-detail-page-private.h"
#include "kiosk-record-text.h"

struct _KioskRecordDetailPage
{
  KioskPage parent_instance;

  GtkGrid *grid;
  GtkWidget *empty_label;
  GtkWidget *attachments_label;

  char *kind_name;
  JsonObject *record;
  GHashTable *shown; /* field name → value label */
};

G_DEFINE_FINAL_TYPE (KioskRecordDetailPage, kiosk_record_detail_page, KIOSK_TYPE_PAGE)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear (KioskRecordDetailPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_hash_table_remove_all (self->shown);
  gtk_widget_set_visible (self->empty_label, FALSE);
  gtk_widget_set_visible (self->attachments_label, FALSE);
}

static void
show_record (KioskRecordDetailPage *self)
{
  const CoreRecordKind *kind =
      self->kind_name != NULL ? core_record_kind_lookup (self->kind_name) : NULL;
  CoreDictionarySet *dictionaries =
      kiosk_services_get_dictionaries (kiosk_page_get_services (KIOSK_PAGE (self)));
  int row = 0;

  clear (self);
  if (kind == NULL || self->record == NULL)
    return;
  kiosk_page_set_title (KIOSK_PAGE (self), core_record_kind_get_title (kind));
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const CoreRecordField *field = &kind->fields[i];
      g_autofree char *value = kiosk_record_text_field (field, self->record, dictionaries);
      GtkWidget *name_label;
      GtkWidget *value_label;

      if (value == NULL)
        continue;
      name_label = gtk_label_new (core_record_field_get_label (field));
      gtk_label_set_xalign (GTK_LABEL (name_label), 1);
      gtk_label_set_yalign (GTK_LABEL (name_label), 0);
      gtk_widget_add_css_class (name_label, "field-name");
      value_label = gtk_label_new (value);
      gtk_label_set_xalign (GTK_LABEL (value_label), 0);
      gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (value_label), 40);
      gtk_widget_add_css_class (value_label, "field-value");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, name_label, NULL, -1);
      gtk_grid_attach (self->grid, name_label, 0, row, 1, 1);
      gtk_grid_attach (self->grid, value_label, 1, row, 1, 1);
      g_hash_table_insert (self->shown, (gpointer) field->name, value_label);
      row++;
    }
  /* a page of nothing looks broken; say so, and where the scans are not */
  gtk_widget_set_visible (self->empty_label, row == 0);
  gtk_widget_set_visible (self->attachments_label, !kind->attachments);
}

/* the frame's Back: to the list of the record's kind */
static void
kiosk_record_detail_page_go_back (KioskPage *page)
{
  KioskRecordDetailPage *self = KIOSK_RECORD_DETAIL_PAGE (page);
  g_autofree char *kind = g_strdup (self->kind_name);

  if (kind != NULL)
    kiosk_page_navigate (page, KIOSK_PAGE_RECORD_LIST, "kind", kind, NULL);
  else
    kiosk_page_navigate (page, KIOSK_PAGE_HOME, NULL);
}

static void
kiosk_record_detail_page_shown (KioskPage *page)
{
  show_record (KIOSK_RECORD_DETAIL_PAGE (page));
}

static void
kiosk_record_detail_page_reset (KioskPage *page)
{
  KioskRecordDetailPage *self = KIOSK_RECORD_DETAIL_PAGE (page);

  clear (self);
  g_clear_pointer (&self->record, json_object_unref);
}

static void
kiosk_record_detail_page_dispose (GObject *object)
{
  KioskRecordDetailPage *self = KIOSK_RECORD_DETAIL_PAGE (object);

  g_clear_pointer (&self->record, json_object_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_RECORD_DETAIL_PAGE);

  G_OBJECT_CLASS (kiosk_record_detail_page_parent_class)->dispose (object);
}

static void
kiosk_record_detail_page_finalize (GObject *object)
{
  KioskRecordDetailPage *self = KIOSK_RECORD_DETAIL_PAGE (object);

  g_free (self->kind_name);

  G_OBJECT_CLASS (kiosk_record_detail_page_parent_class)->finalize (object);
}

static void
kiosk_record_detail_page_get_property (GObject *object,
                                       guint prop_id,
                                       GValue *value,
                                       GParamSpec *pspec)
{
  KioskRecordDetailPage *self = KIOSK_RECORD_DETAIL_PAGE (object);

  switch (prop_id)
    {
      case PROP_KIND:
        g_value_set_string (value, self->kind_name);
        break;
      case PROP_RECORD:
        g_value_set_boxed (value, self->record);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_record_detail_page_set_property (GObject *object,
                                       guint prop_id,
                                       const GValue *value,
                                       GParamSpec *pspec)
{
  KioskRecordDetailPage *self = KIOSK_RECORD_DETAIL_PAGE (object);

  switch (prop_id)
    {
      case PROP_KIND:
        g_free (self->kind_name);
        self->kind_name = g_value_dup_string (value);
        g_object_notify_by_pspec (object, pspec);
        break;
      case PROP_RECORD:
        g_clear_pointer (&self->record, json_object_unref);
        self->record = g_value_dup_boxed (value);
        g_object_notify_by_pspec (object, pspec);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_record_detail_page_class_init (KioskRecordDetailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_record_detail_page_dispose;
  object_class->finalize = kiosk_record_detail_page_finalize;
  object_class->get_property = kiosk_record_detail_page_get_property;
  object_class->set_property = kiosk_record_detail_page_set_property;
  page_class->shown = kiosk_record_detail_page_shown;
  page_class->reset = kiosk_record_detail_page_reset;
  page_class->go_back = kiosk_record_detail_page_go_back;

  /**
   * KioskRecordDetailPage:kind:
   *
   * The name of the record's kind (an argument).
   */
  properties[PROP_KIND] =
      g_param_spec_string ("kind", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskRecordDetailPage:record:
   *
   * The record shown, as the registry gave it (an argument).
   */
  properties[PROP_RECORD] =
      g_param_spec_boxed ("record", NULL, NULL, JSON_TYPE_OBJECT,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-record-detail-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskRecordDetailPage, grid);
  gtk_widget_class_bind_template_child (widget_class, KioskRecordDetailPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, KioskRecordDetailPage, attachments_label);
}

static void
kiosk_record_detail_page_init (KioskRecordDetailPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown = g_hash_table_new (g_str_hash, g_str_equal);
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("My practice information"));
}

/**
 * kiosk_record_detail_page_get_value:
 * @field: a field's name
 *
 * Returns: (nullable): the value shown for @field
 */
const char *
kiosk_record_detail_page_get_value (KioskRecordDetailPage *self, const char *field)
{
  GtkLabel *label;

  g_return_val_if_fail (KIOSK_IS_RECORD_DETAIL_PAGE (self), NULL);

  label = g_hash_table_lookup (self->shown, field);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}

/**
 * kiosk_record_detail_page_get_notes:
 *
 * Returns: (transfer full): the lines on show beside the fields (nothing
 *   recorded, no attachments), one a line, or %NULL
 */
char *
kiosk_record_detail_page_get_notes (KioskRecordDetailPage *self)
{
  g_autoptr (GString) notes = g_string_new (NULL);
  GtkWidget *labels[] = { self->empty_label, self->attachments_label };

  g_return_val_if_fail (KIOSK_IS_RECORD_DETAIL_PAGE (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (gtk_widget_get_visible (labels[i]))
      g_string_append_printf (notes, "%s%s", notes->len > 0 ? "\n" : "",
                              gtk_label_get_text (GTK_LABEL (labels[i])));
  return notes->len > 0 ? g_string_free (g_steal_pointer (&notes), FALSE) : NULL;
}
