/* kiosk-record-form-page.c: add or change one practice record, built from its kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One form for every editable kind, built from the kind's row of core's
 * kind table: a label per field (a red * when required), and the editor its
 * type asks for: a date picker for dates and months (至今 where the period
 * may stay open), a pick-list of the field's dictionary, a text entry
 * limited to the field's length. Every change is checked with core's
 * validation, the same the registry applies: each field's problem is shown
 * under it once the field was changed, or left empty after a tap. Nothing
 * is red while a person has not got to a field yet. Save can always be
 * tapped: with something missing or wrong it saves nothing and says beside
 * it how many fields still need an answer, shows every field's problem and
 * takes the person to the first. (A Save that is merely off tells an older
 * person nothing about why.) The fields stand in two columns, so that
 * every kind fits the supported screens without the form scrolling; each
 * field's name beside its editor, or above it where beside it the names
 * would squeeze the editors (English with large text) and the page still
 * fits that way. The page's title is the frame's.
 *
 * With a "record" argument the form edits it: pre-filled, saved with the
 * version it was read at. When someone else changed it meanwhile (409), the
 * form reloads the record as it is now and says so, rather than overwrite.
 *
 * A saved record of a kind that takes attachments shows them in the form's
 * first free place (KioskAttachments): adding from a phone or a USB stick
 * and viewing happen on pages of their own, which come back here; the form
 * is then left as the person left it, and the attachments are asked for
 * again.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-api-error.h"
#include "core-error.h"
#include "kiosk-attachments.h"
#include "kiosk-date-picker.h"
#include "kiosk-keyboard.h"
#include "kiosk-pick-list.h"
#include "kiosk-record-form-page.h"
#include "kiosk-record-form-page-private.h"
#include "kiosk-record-text.h"

/* the width a field's name wraps at, in characters */
#define FIELD_NAME_CHARS 16
/* the share of a column's width past which names go above their editors */
#define NAME_SHARE_MAX 0.35
/* the page's padding either side of the form (style.css, .page-content) */
#define PAGE_PADDING 48
typedef struct
{
  const CoreRecordField *field;
  GtkWidget *editor;
  GtkLabel *mark;
  GtkLabel *problem;
  GtkWidget *name_box;
  gboolean touched;
} FormField;

struct _KioskRecordFormPage
{
  KioskPage parent_instance;

  GtkLabel *notice_label;
  GtkGrid *grid;
  GtkWidget *attachments_box;
  KioskAttachments *attachments;
  GtkWidget *attachments_hint;
  GtkWidget *save_button;
  GtkLabel *summary_label;

  char *kind_name;
  const CoreRecordKind *kind;
  JsonObject *record; /* the record edited, as read; NULL when adding */
  GPtrArray *fields;  /* FormField */
  gboolean valid;
  gboolean save_tried; /* Save tapped with problems left: every field's is shown */
  gboolean saving;
  gboolean filling; /* editors being set from a record: not the person's touch */
  gboolean away;    /* on an attachment page: the form waits as it is */
  /* the fields' names above their editors, not beside them */
  gboolean names_above;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskRecordFormPage, kiosk_record_form_page, KIOSK_TYPE_PAGE)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void check (KioskRecordFormPage *self);

static void
set_notice (KioskRecordFormPage *self, const char *text)
{
  gtk_label_set_text (self->notice_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), text != NULL);
}

static CoreDictionarySet *
dictionaries (KioskRecordFormPage *self)
{
  return kiosk_services_get_dictionaries (kiosk_page_get_services (KIOSK_PAGE (self)));
}

static FormField *
find_field (KioskRecordFormPage *self, const char *name)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      FormField *form_field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (form_field->field->name, name) == 0)
        return form_field;
    }
  return NULL;
}

/* Empties the form: no editor, no value, nothing of the person left. */
static void
clear_form (KioskRecordFormPage *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->fields != NULL)
    g_ptr_array_set_size (self->fields, 0);
  child = gtk_widget_get_first_child (GTK_WIDGET (self->grid));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != self->attachments_box)
        gtk_grid_remove (self->grid, child);
      child = next;
    }
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("My practice information"));
  set_notice (self, NULL);
  gtk_widget_set_visible (self->attachments_box, FALSE);
  kiosk_attachments_clear (self->attachments);
  self->away = FALSE;
  self->valid = FALSE;
  self->save_tried = FALSE;
  self->saving = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  /* nothing to save before the form is built */
  gtk_widget_set_sensitive (self->save_button, FALSE);
}

/* ---- reading and writing the editors ---- */

static char *
text_value (FormField *form_field)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form_field->editor)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* The record the editors hold, as the registry takes it: empty fields left out. */
static JsonObject *
collect (KioskRecordFormPage *self)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *form_field = g_ptr_array_index (self->fields, i);
      const CoreRecordField *field = form_field->field;

      switch (field->type)
        {
          case CORE_FIELD_DATE:
          case CORE_FIELD_YEAR_MONTH:
            {
              const char *value =
                  kiosk_date_picker_get_value (KIOSK_DATE_PICKER (form_field->editor));
              if (value != NULL)
                json_object_set_string_member (object, field->name, value);
              break;
            }
          case CORE_FIELD_DICTIONARY:
            {
              const char *code = kiosk_pick_list_get_code (KIOSK_PICK_LIST (form_field->editor));
              if (code != NULL)
                json_object_set_string_member (object, field->name, code);
              break;
            }
          case CORE_FIELD_NUMBER:
            {
              g_autofree char *text = text_value (form_field);
              char *end = NULL;
              double number;

              if (text == NULL)
                break;
              number = g_ascii_strtod (text, &end);
              /* not a number: sent as text, for the check to name the field */
              if (end != NULL && *end == '\0')
                json_object_set_double_member (object, field->name, number);
              else
                json_object_set_string_member (object, field->name, text);
              break;
            }
          case CORE_FIELD_TEXT:
          default:
            {
              g_autofree char *text = text_value (form_field);
              if (text != NULL)
                json_object_set_string_member (object, field->name, text);
              break;
            }
        }
    }
  return object;
}

static void
fill (KioskRecordFormPage *self, JsonObject *record)
{
  self->filling = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *form_field = g_ptr_array_index (self->fields, i);
      const CoreRecordField *field = form_field->field;
      JsonNode *node = record != NULL ? json_object_get_member (record, field->name) : NULL;
      const char *text = node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
                             ? json_node_get_string (node)
                             : NULL;

      switch (field->type)
        {
          case CORE_FIELD_DATE:
          case CORE_FIELD_YEAR_MONTH:
            kiosk_date_picker_set_value (KIOSK_DATE_PICKER (form_field->editor), text);
            break;
          case CORE_FIELD_DICTIONARY:
            kiosk_pick_list_set_code (KIOSK_PICK_LIST (form_field->editor), text);
            break;
          case CORE_FIELD_NUMBER:
            {
              g_autofree char *shown =
                  record != NULL ? kiosk_record_text_field (field, record, NULL) : NULL;
              gtk_editable_set_text (GTK_EDITABLE (form_field->editor), shown != NULL ? shown : "");
              break;
            }
          case CORE_FIELD_TEXT:
          default:
            gtk_editable_set_text (GTK_EDITABLE (form_field->editor), text != NULL ? text : "");
            break;
        }
      /* a record read back is checked at once; a new one as it is filled in */
      form_field->touched = record != NULL;
    }
  self->filling = FALSE;
  check (self);
}

/* ---- checking ---- */

static void
show_problem (KioskRecordFormPage *self, FormField *form_field, const char *problem)
{
  gboolean shown = problem != NULL && (form_field->touched || self->save_tried);

  gtk_label_set_text (form_field->problem, shown ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (form_field->problem), shown);
  if (shown)
    gtk_accessible_update_state (GTK_ACCESSIBLE (form_field->editor), GTK_ACCESSIBLE_STATE_INVALID,
                                 GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (form_field->editor), GTK_ACCESSIBLE_STATE_INVALID);
}

/* The line beside Save once it was tapped too early: how many fields are
 * left, gone when there are none. */
static void
show_summary (KioskRecordFormPage *self, guint n_problems, guint n_missing)
{
  g_autofree char *text = NULL;

  if (!self->save_tried || n_problems == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
      return;
    }
  if (n_missing == n_problems)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field still needs an answer",
                                         "%u fields still need an answer", n_problems),
                            n_problems);
  else
    text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u field still needs an answer or a correction",
                     "%u fields still need an answer or a correction", n_problems),
        n_problems);
  gtk_label_set_text (self->summary_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
}

/* Core's validation, the registry's own, on what the editors hold. */
static void
check (KioskRecordFormPage *self)
{
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GHashTable) problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_problems = 0;
  guint n_missing = 0;

  if (self->kind == NULL || self->fields == NULL || self->fields->len == 0)
    return;
  object = collect (self);
  self->valid = core_record_validate (self->kind, dictionaries (self), object,
                                      CORE_RECORD_VALIDATE_NONE, &errors);
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);
      g_autofree char *field = core_error_get_field (error);

      /* the first problem of a field is the one to fix first */
      if (field == NULL || g_hash_table_contains (problems, field))
        continue;
      n_missing += g_error_matches (error, CORE_ERROR, CORE_ERROR_MISSING_FIELD);
      g_hash_table_insert (problems, g_steal_pointer (&field),
                           (gpointer) core_error_get_reason (error));
    }
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *form_field = g_ptr_array_index (self->fields, i);
      const char *problem = g_hash_table_lookup (problems, form_field->field->name);

      show_problem (self, form_field, problem);
      n_problems += problem != NULL;
    }
  show_summary (self, n_problems, n_missing);
  /* on while the person may tap it, to be told what is left */
  gtk_widget_set_sensitive (self->save_button, !self->saving);
}

static void
changed_cb (KioskRecordFormPage *self, GParamSpec *pspec, GtkWidget *editor)
{
  if (self->filling)
    return;
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *form_field = g_ptr_array_index (self->fields, i);

      if (form_field->editor == editor)
        form_field->touched = TRUE;
    }
  check (self);
}

static void
text_changed_cb (GtkEditable *editable, KioskRecordFormPage *self)
{
  changed_cb (self, NULL, GTK_WIDGET (editable));
}

/* A field tapped and left empty, or a list opened and closed with nothing
 * chosen, has been got to: its "required" shows now, not before. */
static void
left_cb (KioskRecordFormPage *self, GtkWidget *editor)
{
  changed_cb (self, NULL, editor);
}

static void
focus_left_cb (GtkEventControllerFocus *controller, KioskRecordFormPage *self)
{
  left_cb (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

/* ---- building ---- */

static GtkWidget *
make_editor (KioskRecordFormPage *self, const CoreRecordField *field, const char *label)
{
  GtkWidget *editor;

  switch (field->type)
    {
      case CORE_FIELD_DATE:
      case CORE_FIELD_YEAR_MONTH:
        editor = kiosk_date_picker_new (field->type == CORE_FIELD_YEAR_MONTH,
                                        (field->flags & CORE_FIELD_OPEN_END) != 0);
        kiosk_date_picker_set_name (KIOSK_DATE_PICKER (editor), label);
        if (field->flags & CORE_FIELD_NOT_IN_FUTURE)
          {
            g_autofree char *today = core_record_today ();

            kiosk_date_picker_set_latest (KIOSK_DATE_PICKER (editor), today);
          }
        g_signal_connect_object (editor, "notify::value", G_CALLBACK (changed_cb), self,
                                 G_CONNECT_SWAPPED);
        break;
      case CORE_FIELD_DICTIONARY:
        {
          CoreDictionary *dictionary =
              core_dictionary_set_lookup (dictionaries (self), field->dictionary);

          editor = g_object_new (KIOSK_TYPE_PICK_LIST, "dictionary", dictionary, NULL);
          kiosk_pick_list_set_name (KIOSK_PICK_LIST (editor), label);
          g_signal_connect_object (editor, "notify::code", G_CALLBACK (changed_cb), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (editor, "closed", G_CALLBACK (left_cb), self, G_CONNECT_SWAPPED);
          break;
        }
      case CORE_FIELD_NUMBER:
      case CORE_FIELD_TEXT:
      default:
        editor = gtk_entry_new ();
        if (field->type == CORE_FIELD_TEXT && field->max_length > 0)
          gtk_entry_set_max_length (GTK_ENTRY (editor), (int) field->max_length);
        if (field->type == CORE_FIELD_NUMBER)
          gtk_entry_set_input_purpose (GTK_ENTRY (editor), GTK_INPUT_PURPOSE_NUMBER);
        /* the on-screen keyboard, opening on the layer the field mostly needs:
         * numbers and certificate numbers are digits first, names Chinese */
        kiosk_keyboard_request (GTK_EDITABLE (editor),
                                field->type == CORE_FIELD_NUMBER ||
                                        field->format != CORE_FIELD_FORMAT_NONE
                                    ? KIOSK_KEYBOARD_LAYER_DIGITS
                                    : KIOSK_KEYBOARD_LAYER_PINYIN);
        gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        label, -1);
        g_signal_connect (editor, "changed", G_CALLBACK (text_changed_cb), self);
        {
          GtkEventController *focus = gtk_event_controller_focus_new ();

          g_signal_connect (focus, "leave", G_CALLBACK (focus_left_cb), self);
          gtk_widget_add_controller (editor, focus);
        }
        break;
    }
  gtk_widget_set_hexpand (editor, TRUE);
  /* as high as it is, beside a name of two lines */
  gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
  return editor;
}

/* A saved record's attachments; a new one has none before it is saved. */
static void
show_attachments (KioskRecordFormPage *self)
{
  KioskPage *page = KIOSK_PAGE (self);
  gint64 id = self->record != NULL ? kiosk_record_text_id (self->record) : 0;

  gtk_widget_set_visible (self->attachments_box, self->kind != NULL && self->kind->attachments);
  gtk_widget_set_visible (GTK_WIDGET (self->attachments), id > 0);
  gtk_widget_set_visible (self->attachments_hint, id <= 0);
  if (self->kind == NULL || !self->kind->attachments || id <= 0)
    {
      kiosk_attachments_clear (self->attachments);
      return;
    }
  kiosk_attachments_show_record (
      self->attachments, kiosk_services_get_registry (kiosk_page_get_services (page)),
      kiosk_visit_get_session_token (kiosk_page_get_visit (page)), self->kind_name, id);
}

static void
add_from_phone_cb (KioskRecordFormPage *self)
{
  self->away = TRUE;
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_PHONE_UPLOAD, "kind", self->kind_name,
                       "record-id", kiosk_record_text_id (self->record), "return-page",
                       KIOSK_PAGE_RECORD_FORM, NULL);
}

static void
add_from_usb_cb (KioskRecordFormPage *self)
{
  self->away = TRUE;
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_USB_PICKER, "kind", self->kind_name,
                       "record-id", kiosk_record_text_id (self->record), "return-page",
                       KIOSK_PAGE_RECORD_FORM, NULL);
}

static void
view_attachment_cb (KioskRecordFormPage *self, gint64 id)
{
  self->away = TRUE;
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_ATTACHMENT_VIEWER, "attachment-id", id,
                       "return-page", KIOSK_PAGE_RECORD_FORM, NULL);
}

/* Whether the names, beside their editors, would take more than their
 * share of a column: in English with large text they leave a pick-list's
 * value three lines. Measured, so the language, the text size and the
 * screen all count. */
static gboolean
names_too_wide (KioskRecordFormPage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->grid));
  int widest = 0;

  /* a form never shown yet is as wide as the screen less the page's sides */
  if (width <= 0 && gtk_widget_get_native (GTK_WIDGET (self)) != NULL)
    width = gtk_widget_get_width (GTK_WIDGET (gtk_widget_get_native (GTK_WIDGET (self)))) -
            2 * PAGE_PADDING;
  if (width <= 0)
    return FALSE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *form_field = g_ptr_array_index (self->fields, i);
      int natural = 0;

      gtk_widget_measure (form_field->name_box, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                          NULL, NULL);
      widest = MAX (widest, natural);
    }
  return widest > (width - gtk_grid_get_column_spacing (self->grid)) / 2 * NAME_SHARE_MAX;
}

/* Puts a field's name beside its editor, at its end, the problem under the
 * editor; or above it, at the column's start, the editor and its problem
 * under it the column's whole width. */
static void
place_name (FormField *form_field, gboolean above)
{
  GtkGrid *cell = GTK_GRID (gtk_widget_get_parent (form_field->editor));
  GtkWidget *name = gtk_widget_get_first_child (form_field->name_box);
  GtkWidget *children[] = { form_field->name_box, form_field->editor,
                            GTK_WIDGET (form_field->problem) };

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      g_object_ref (children[i]);
      if (gtk_widget_get_parent (children[i]) != NULL)
        gtk_grid_remove (cell, children[i]);
    }
  gtk_label_set_max_width_chars (GTK_LABEL (name), above ? -1 : FIELD_NAME_CHARS);
  gtk_label_set_justify (GTK_LABEL (name), above ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (name), above ? 0 : 1);
  gtk_widget_set_hexpand (name, !above);
  gtk_widget_set_halign (form_field->name_box, above ? GTK_ALIGN_START : GTK_ALIGN_FILL);
  if (above)
    for (guint i = 0; i < G_N_ELEMENTS (children); i++)
      gtk_grid_attach (cell, children[i], 0, (int) i, 1, 1);
  else
    {
      gtk_grid_attach (cell, children[0], 0, 0, 1, 1);
      gtk_grid_attach (cell, children[1], 1, 0, 1, 1);
      gtk_grid_attach (cell, children[2], 1, 1, 1, 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    g_object_unref (children[i]);
}

/* Whether the page, laid out as it is, is no higher than its window: the
 * names above their editors take a line more per row, which the longest
 * kinds have no room for with large text. A saved record's attachments
 * come later, and take a row of tiles more: room is kept for it. */
static gboolean
fits_window (KioskRecordFormPage *self)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_native (GTK_WIDGET (self)));
  int height = 0;

  if (window == NULL || gtk_widget_get_width (window) <= 0)
    return FALSE;
  gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (window),
                      NULL, &height, NULL, NULL);
  if (gtk_widget_get_visible (self->attachments_box) &&
      gtk_widget_get_visible (GTK_WIDGET (self->attachments)))
    height += KIOSK_ATTACHMENTS_ROW_HEIGHT;
  return height <= gtk_widget_get_height (window);
}

/* Names above their editors where beside them they would squeeze the
 * editors, as long as the page still fits its window that way. */
static void
place_names (KioskRecordFormPage *self)
{
  self->names_above = names_too_wide (self);
  for (guint i = 0; self->names_above && i < self->fields->len; i++)
    place_name (g_ptr_array_index (self->fields, i), TRUE);
  if (!self->names_above || fits_window (self))
    return;
  self->names_above = FALSE;
  for (guint i = 0; i < self->fields->len; i++)
    place_name (g_ptr_array_index (self->fields, i), FALSE);
}

/* The fields go in two columns of equal width, left then right, row by row
 * (the order the focus takes): a field's name beside its editor, its
 * problem under the editor, the names of a column as wide as each other.
 * Where the names would take more than their share of a column (English
 * with large text), each goes above its editor instead, which then has the
 * column's whole width. Kinds have up to nine fields; in one column, even
 * with names above, the longest ran off the screen at 1280×800 with large
 * text, and every supported screen is wide enough for two. */
static void
build (KioskRecordFormPage *self)
{
  /* the names of each column; their widgets hold them */
  g_autoptr (GtkSizeGroup) left_names = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  g_autoptr (GtkSizeGroup) right_names = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  guint n = 0;

  for (guint i = 0; i < self->kind->n_fields; i++)
    {
      const CoreRecordField *field = &self->kind->fields[i];
      const char *label = core_record_field_get_label (field);
      FormField *form_field;
      GtkWidget *cell;
      GtkWidget *name_box;
      GtkWidget *name;
      GtkWidget *mark;
      GtkWidget *problem;

      if (field->type == CORE_FIELD_LIST)
        continue; /* lists belong to read-only kinds, which have no form */

      /* as wide as the column's other names (its size group), the name
       * at its end, next to the editor */
      name_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      gtk_widget_set_valign (name_box, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (name_box, FALSE);
      name = gtk_label_new (label);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_add_css_class (name, "field-name");
      /* a long name takes two lines rather than the editors' width */
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (name), FIELD_NAME_CHARS);
      gtk_label_set_justify (GTK_LABEL (name), GTK_JUSTIFY_RIGHT);
      gtk_label_set_xalign (GTK_LABEL (name), 1);
      gtk_box_append (GTK_BOX (name_box), name);
      /* the red asterisk of a required field; "required" for screen readers */
      mark = gtk_label_new ("*");
      gtk_widget_add_css_class (mark, "required-mark");
      gtk_widget_set_visible (mark, core_record_field_is_required (field));
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("required"), -1);
      gtk_box_append (GTK_BOX (name_box), mark);
      gtk_size_group_add_widget (n % 2 == 0 ? left_names : right_names, name_box);

      form_field = g_new0 (FormField, 1);
      form_field->field = field;
      form_field->editor = make_editor (self, field, label);
      form_field->mark = GTK_LABEL (mark);
      form_field->name_box = name_box;
      if (core_record_field_is_required (field))
        gtk_accessible_update_property (GTK_ACCESSIBLE (form_field->editor),
                                        GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE, -1);

      problem = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (problem), 0);
      gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
      gtk_widget_add_css_class (problem, "field-problem");
      gtk_widget_set_visible (problem, FALSE);
      form_field->problem = GTK_LABEL (problem);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (form_field->editor),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, problem, NULL, -1);
      /* the on-screen keyboard leaves the problem of the field it types in
       * on show */
      if (GTK_IS_EDITABLE (form_field->editor))
        kiosk_keyboard_keep_in_view (GTK_EDITABLE (form_field->editor), problem);

      cell = gtk_grid_new ();
      /* at the top of its row, which tiles of attachments may make high */
      gtk_widget_set_valign (cell, GTK_ALIGN_START);
      gtk_grid_set_column_spacing (GTK_GRID (cell), 16);
      gtk_grid_set_row_spacing (GTK_GRID (cell), 4);
      gtk_grid_attach (GTK_GRID (cell), name_box, 0, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (cell), form_field->editor, 1, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (cell), problem, 1, 1, 1, 1);
      gtk_grid_attach (self->grid, cell, (int) (n % 2), (int) (n / 2), 1, 1);
      g_ptr_array_add (self->fields, form_field);
      n++;
    }

  /* the attachments beside the last field when it has the left column to
   * itself, else in a row of their own under the fields */
  {
    GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self->grid));
    GtkGridLayoutChild *place =
        GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, self->attachments_box));
    gboolean beside = n % 2 == 1;

    gtk_grid_layout_child_set_row (place, (int) (n / 2));
    gtk_grid_layout_child_set_column (place, beside ? 1 : 0);
    gtk_grid_layout_child_set_column_span (place, beside ? 1 : 2);
  }
  show_attachments (self);
}

static void
start (KioskRecordFormPage *self)
{
  g_autofree char *title = NULL;

  clear_form (self);
  if (self->kind == NULL)
    return;
  title = g_strdup_printf (self->record != NULL ? _ ("Change: %s") : _ ("Add: %s"),
                           core_record_kind_get_title (self->kind));
  kiosk_page_set_title (KIOSK_PAGE (self), title);
  build (self);
  fill (self, self->record);
  /* measured now that the names and values are in the window, at its text
   * size, with the attachments' place */
  place_names (self);
}

static void
dictionaries_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskRecordFormPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!kiosk_services_refresh_dictionaries_finish (KIOSK_SERVICES (source), result, &error))
    {
      g_autofree char *problem = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      problem = kiosk_record_text_problem (error);
      g_message ("fetching the dictionaries failed: %s", error->message);
      set_notice (self, problem);
      return;
    }
  start (self);
}

/* ---- saving ---- */

static void
reloaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskRecordFormPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) current =
      sync_registry_record_get_finish (SYNC_REGISTRY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->saving = FALSE;
  if (current == NULL)
    {
      g_autofree char *problem = kiosk_record_text_problem (error);

      set_notice (self, problem);
      check (self);
      return;
    }
  g_clear_pointer (&self->record, json_object_unref);
  self->record = g_steal_pointer (&current);
  fill (self, self->record);
  set_notice (self, _ ("This record was changed elsewhere while you were editing it. It is shown "
                       "now as it was saved there: make your changes again, then save."));
}

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskRecordFormPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) saved = NULL;
  SyncRegistry *registry = SYNC_REGISTRY (source);

  if (self->record != NULL)
    saved = sync_registry_record_update_finish (registry, result, &error);
  else
    saved = sync_registry_record_create_finish (registry, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (saved != NULL)
    {
      g_autofree char *kind = g_strdup (self->kind_name);

      self->saving = FALSE;
      kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_RECORD_LIST, "kind", kind, NULL);
      return;
    }

  g_message ("saving a %s record failed: %s", self->kind_name, error->message);
  if (g_error_matches (error, CORE_API_ERROR, CORE_API_ERROR_CONFLICT) && self->record != NULL)
    {
      JsonObject *current = core_api_error_get_current (error);

      /* shown as it is now, rather than overwrite what someone else saved */
      if (current != NULL)
        {
          self->saving = FALSE;
          g_clear_pointer (&self->record, json_object_unref);
          self->record = json_object_ref (current);
          fill (self, self->record);
          set_notice (self, _ ("This record was changed elsewhere while you were editing it. It "
                               "is shown now as it was saved there: make your changes again, "
                               "then save."));
          return;
        }
      /* an answer without it: read it again */
      sync_registry_record_get_async (
          registry, kiosk_visit_get_session_token (kiosk_page_get_visit (KIOSK_PAGE (self))),
          self->kind, kiosk_record_text_id (self->record), self->cancellable, reloaded_cb,
          g_object_ref (self));
      return;
    }
  self->saving = FALSE;
  {
    g_autofree char *problem = kiosk_record_text_problem (error);
    const char *const *fields = core_api_error_get_fields (error);

    for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
      {
        FormField *form_field = find_field (self, fields[i]);

        if (form_field != NULL)
          {
            form_field->touched = TRUE;
            show_problem (self, form_field, _ ("The registry did not accept this field."));
          }
      }
    set_notice (self, problem);
  }
  gtk_widget_set_sensitive (self->save_button, TRUE);
}

/* Takes the person to the first field with a problem. An entry gets the
 * focus, which brings the keys up and slides it above them; a list or a
 * date gets it with the keys put away, as they would hide what it opens. */
static void
show_first_problem (KioskRecordFormPage *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *form_field = g_ptr_array_index (self->fields, i);

      if (!gtk_widget_get_visible (GTK_WIDGET (form_field->problem)))
        continue;
      if (!GTK_IS_EDITABLE (form_field->editor))
        gtk_widget_activate_action (GTK_WIDGET (self), "keyboard-dock.done", NULL);
      gtk_widget_grab_focus (form_field->editor);
      return;
    }
}

static void
save_cb (KioskRecordFormPage *self)
{
  SyncRegistry *registry =
      kiosk_services_get_registry (kiosk_page_get_services (KIOSK_PAGE (self)));
  const char *token = kiosk_visit_get_session_token (kiosk_page_get_visit (KIOSK_PAGE (self)));
  g_autoptr (JsonObject) object = NULL;

  check (self);
  if (!self->valid)
    {
      self->save_tried = TRUE;
      check (self);
      show_first_problem (self);
      return;
    }
  if (self->saving || registry == NULL || token == NULL)
    return;
  object = collect (self);
  self->saving = TRUE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  set_notice (self, NULL);
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  if (self->record != NULL)
    {
      gint64 version = json_object_get_int_member_with_default (self->record, "version", 0);

      sync_registry_record_update_async (registry, token, self->kind,
                                         kiosk_record_text_id (self->record), version, object,
                                         self->cancellable, saved_cb, g_object_ref (self));
    }
  else
    sync_registry_record_create_async (registry, token, self->kind, object, self->cancellable,
                                       saved_cb, g_object_ref (self));
}

/* Back is to the list of the form's kind */
static void
kiosk_record_form_page_go_back (KioskPage *page)
{
  KioskRecordFormPage *self = KIOSK_RECORD_FORM_PAGE (page);
  g_autofree char *kind = g_strdup (self->kind_name);

  self->away = FALSE;
  if (kind != NULL)
    kiosk_page_navigate (page, KIOSK_PAGE_RECORD_LIST, "kind", kind, NULL);
  else
    kiosk_page_navigate (page, KIOSK_PAGE_HOME, NULL);
}

/* ---- the page ---- */

static void
kiosk_record_form_page_shown (KioskPage *page)
{
  KioskRecordFormPage *self = KIOSK_RECORD_FORM_PAGE (page);
  KioskServices *services = kiosk_page_get_services (page);
  const char *token = kiosk_visit_get_session_token (kiosk_page_get_visit (page));

  /* back from an attachment page: the form as it was, the attachments anew */
  if (self->away && self->fields->len > 0 && token != NULL)
    {
      self->away = FALSE;
      show_attachments (self);
      return;
    }
  clear_form (self);
  if (self->kind == NULL)
    return;
  if (kiosk_page_get_offline (page) || kiosk_services_get_registry (services) == NULL ||
      token == NULL)
    {
      set_notice (self, _ ("Practice information is kept on the registry, which this kiosk "
                           "cannot reach. Nothing can be shown or changed here now."));
      return;
    }
  if (kiosk_services_get_dictionaries (services) != NULL)
    {
      start (self);
      return;
    }
  /* the pick-lists come from the registry, once per kiosk run */
  set_notice (self, _ ("Loading…"));
  self->cancellable = g_cancellable_new ();
  kiosk_services_refresh_dictionaries_async (services, token, self->cancellable, dictionaries_cb,
                                             g_object_ref (self));
}

static void
kiosk_record_form_page_reset (KioskPage *page)
{
  KioskRecordFormPage *self = KIOSK_RECORD_FORM_PAGE (page);

  clear_form (self);
  g_clear_pointer (&self->record, json_object_unref);
}

static void
kiosk_record_form_page_dispose (GObject *object)
{
  KioskRecordFormPage *self = KIOSK_RECORD_FORM_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->record, json_object_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_RECORD_FORM_PAGE);

  G_OBJECT_CLASS (kiosk_record_form_page_parent_class)->dispose (object);
}

static void
kiosk_record_form_page_finalize (GObject *object)
{
  KioskRecordFormPage *self = KIOSK_RECORD_FORM_PAGE (object);

  g_free (self->kind_name);

  G_OBJECT_CLASS (kiosk_record_form_page_parent_class)->finalize (object);
}

static void
kiosk_record_form_page_get_property (GObject *object,
                                     guint prop_id,
                                     GValue *value,
                                     GParamSpec *pspec)
{
  KioskRecordFormPage *self = KIOSK_RECORD_FORM_PAGE (object);

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
kiosk_record_form_page_set_property (GObject *object,
                                     guint prop_id,
                                     const GValue *value,
                                     GParamSpec *pspec)
{
  KioskRecordFormPage *self = KIOSK_RECORD_FORM_PAGE (object);

  switch (prop_id)
    {
      case PROP_KIND:
        {
          const char *name = g_value_get_string (value);
          const CoreRecordKind *kind = name != NULL ? core_record_kind_lookup (name) : NULL;

          /* only editable kinds have a form */
          if (kind != NULL && !kind->editable)
            {
              g_critical ("the %s records cannot be changed", name);
              kind = NULL;
            }
          g_free (self->kind_name);
          self->kind_name = kind != NULL ? g_strdup (name) : NULL;
          self->away = FALSE; /* another record's form */
          self->kind = kind;
          g_object_notify_by_pspec (object, pspec);
          break;
        }
      case PROP_RECORD:
        g_clear_pointer (&self->record, json_object_unref);
        self->record = g_value_dup_boxed (value);
        self->away = FALSE;
        g_object_notify_by_pspec (object, pspec);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_record_form_page_class_init (KioskRecordFormPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_record_form_page_dispose;
  object_class->finalize = kiosk_record_form_page_finalize;
  object_class->get_property = kiosk_record_form_page_get_property;
  object_class->set_property = kiosk_record_form_page_set_property;
  page_class->shown = kiosk_record_form_page_shown;
  page_class->reset = kiosk_record_form_page_reset;
  page_class->go_back = kiosk_record_form_page_go_back;

  /**
   * KioskRecordFormPage:kind:
   *
   * The name of an editable record kind, e.g. "education" (an argument).
   */
  properties[PROP_KIND] =
      g_param_spec_string ("kind", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskRecordFormPage:record:
   *
   * The record to change, with its id and version, as the registry gave
   * it; %NULL to add one (an argument).
   */
  properties[PROP_RECORD] =
      g_param_spec_boxed ("record", NULL, NULL, JSON_TYPE_OBJECT,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KIOSK_TYPE_ATTACHMENTS);
  g_type_ensure (KIOSK_TYPE_DATE_PICKER);
  g_type_ensure (KIOSK_TYPE_PICK_LIST);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-record-form-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskRecordFormPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, KioskRecordFormPage, grid);
  gtk_widget_class_bind_template_child (widget_class, KioskRecordFormPage, attachments_box);
  gtk_widget_class_bind_template_child (widget_class, KioskRecordFormPage, attachments);
  gtk_widget_class_bind_template_child (widget_class, KioskRecordFormPage, attachments_hint);
  gtk_widget_class_bind_template_child (widget_class, KioskRecordFormPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, KioskRecordFormPage, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_from_phone_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_from_usb_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_attachment_cb);
}

static void
kiosk_record_form_page_init (KioskRecordFormPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new_with_free_func (g_free);
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("My practice information"));
}

const char *
kiosk_record_form_page_get_kind (KioskRecordFormPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), NULL);
  return self->kind_name;
}

/* Whether the form is built and waits for the person (not loading, not saving). */
gboolean
kiosk_record_form_page_get_ready (KioskRecordFormPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), FALSE);
  return self->fields->len > 0 && !self->saving;
}

guint
kiosk_record_form_page_get_n_fields (KioskRecordFormPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), 0);
  return self->fields->len;
}

/**
 * kiosk_record_form_page_get_editor:
 * @field: a field's name, e.g. "school"
 *
 * Returns: (transfer none) (nullable): its editor: a #GtkEntry, a
 *   #KioskDatePicker or a #KioskPickList
 */
GtkWidget *
kiosk_record_form_page_get_editor (KioskRecordFormPage *self, const char *field)
{
  FormField *form_field;

  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), NULL);

  form_field = find_field (self, field);
  return form_field != NULL ? form_field->editor : NULL;
}

/**
 * kiosk_record_form_page_get_problem:
 *
 * Returns: (nullable): the problem shown beside @field, if any
 */
const char *
kiosk_record_form_page_get_problem (KioskRecordFormPage *self, const char *field)
{
  FormField *form_field;

  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), NULL);

  form_field = find_field (self, field);
  if (form_field == NULL || !gtk_widget_get_visible (GTK_WIDGET (form_field->problem)))
    return NULL;
  return gtk_label_get_text (form_field->problem);
}

/* Whether @field shows the red asterisk of a required field. */
gboolean
kiosk_record_form_page_get_marked_required (KioskRecordFormPage *self, const char *field)
{
  FormField *form_field;

  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), FALSE);

  form_field = find_field (self, field);
  return form_field != NULL && gtk_widget_get_visible (GTK_WIDGET (form_field->mark)) &&
         gtk_widget_has_css_class (GTK_WIDGET (form_field->mark), "required-mark");
}

GtkWidget *
kiosk_record_form_page_get_save_button (KioskRecordFormPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), NULL);
  return self->save_button;
}

/**
 * kiosk_record_form_page_get_summary:
 *
 * Returns: (nullable): the line beside Save saying how many fields are left
 */
const char *
kiosk_record_form_page_get_summary (KioskRecordFormPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->summary_label))
             ? gtk_label_get_text (self->summary_label)
             : NULL;
}

/* Whether the fields' names stand above their editors rather than beside. */
gboolean
kiosk_record_form_page_get_names_above (KioskRecordFormPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), FALSE);
  return self->names_above;
}

/* Whether what the form holds passes core's validation. */
gboolean
kiosk_record_form_page_get_valid (KioskRecordFormPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), FALSE);
  return self->valid;
}

/**
 * kiosk_record_form_page_get_notice:
 *
 * Returns: (nullable): the line above the form (loading, a reload, a problem)
 */
const char *
kiosk_record_form_page_get_notice (KioskRecordFormPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->notice_label))
             ? gtk_label_get_text (self->notice_label)
             : NULL;
}

gboolean
kiosk_record_form_page_get_attachments_shown (KioskRecordFormPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), FALSE);
  return gtk_widget_get_visible (self->attachments_box);
}

/**
 * kiosk_record_form_page_get_attachments:
 *
 * Returns: (transfer none): the attachments box under the form
 */
KioskAttachments *
kiosk_record_form_page_get_attachments (KioskRecordFormPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_FORM_PAGE (self), NULL);
  return self->attachments;
}
