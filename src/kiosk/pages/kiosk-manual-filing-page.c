/* kiosk-manual-filing-page.c: staff file a person from a document without a chip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * R-2.1b: holders of a military officer ID, a passport, a home-return permit,
 * a Taiwan residents' permit (or any other document type) are filed by staff
 * who check the original and type its data. The number is checked against
 * its type's rule as it is typed, and the rule's reason is shown. The filing
 * carries the staff session the registry gave at sign-in (the registry
 * records the account from it) and that the original was checked. A
 * sign-in checked only against the offline cache has no session, so it
 * cannot file by hand; the page says so.
 * What is wrong is said under each field that is wrong, all of them at
 * once, and the first of them takes the focus; a field's message goes as
 * soon as that field is edited. The form scrolls inside the frame, so no
 * message pushes File off the screen.
 * Every field asks for the on-screen keyboard, so staff at a touch screen
 * without a keyboard can file: the Chinese name opens on pinyin (a real
 * keyboard composes pinyin there too), the Latin one on ABC, dates and the
 * phone on 123, the number on the layer its document type's numbers need.
 * The nationality is picked from the countries the kiosk ships (iso-codes,
 * named in the kiosk's language) and stored as the ISO 3166-1 alpha-3 code
 * documents print and the card reader gives ("DEU"). Should that list be
 * missing from an installation, staff type the code itself, as printed in
 * the document's machine-readable lines, and the page says why.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-privacy.h"
#include "kiosk-keyboard.h"
#include "kiosk-manual-filing-page.h"
#include "kiosk-manual-filing-page-private.h"
#include "kiosk-pick-list.h"

#define SEX_MALE "男"
#define SEX_FEMALE "女"

/* The fields that can be wrong, in the order of the form (the first wrong
 * one takes the focus), and where their message goes: the number's rule
 * already speaks under it; the others get a line of their own in the grid
 * under their row (@row, before those lines were added), the original's
 * check one under it. */
static const struct
{
  CoreFilingField field;
  int column;
  int row;
} checked_fields[] = {
  { CORE_FILING_FIELD_DOC_NUMBER, 3, 0 },  { CORE_FILING_FIELD_NAME, 1, 2 },
  { CORE_FILING_FIELD_NAME_EN, 3, 2 },     { CORE_FILING_FIELD_SEX, 1, 3 },
  { CORE_FILING_FIELD_BIRTH_DATE, 3, 3 },  { CORE_FILING_FIELD_NATIONALITY, 1, 4 },
  { CORE_FILING_FIELD_PHONE, 3, 4 },       { CORE_FILING_FIELD_VALID_FROM, 1, 5 },
  { CORE_FILING_FIELD_VALID_UNTIL, 3, 5 }, { CORE_FILING_FIELD_ORIGINAL_CHECKED, -1, -1 },
};

#define N_CHECKED G_N_ELEMENTS (checked_fields)

struct _KioskManualFilingPage
{
  KioskPage parent_instance;

  GtkGrid *form_grid;
  GtkDropDown *doc_type_dropdown;
  GtkEditable *number_entry;
  GtkLabel *number_hint_label;
  GtkEditable *name_entry;
  GtkEditable *name_en_entry;
  GtkToggleButton *male_button;
  GtkToggleButton *female_button;
  GtkEditable *birth_date_entry;
  GtkBox *nationality_box;
  KioskPickList *nationality_picker; /* or, without country names, */
  GtkEditable *nationality_entry;    /* the code typed */
  GtkLabel *nationality_label;
  GtkEditable *valid_from_entry;
  GtkEditable *valid_until_entry;
  GtkToggleButton *long_term_check;
  GtkEditable *phone_entry;
  GtkToggleButton *original_check;
  GtkLabel *message_label;
  GtkWidget *file_button;
  GtkSpinner *spinner;
  GtkLabel *error_labels[N_CHECKED]; /* the number's is number_hint_label */

  GCancellable *cancellable;
  gboolean busy;
  gboolean number_valid;
  char *last_filing_id;
};

G_DEFINE_FINAL_TYPE (KioskManualFilingPage, kiosk_manual_filing_page, KIOSK_TYPE_PAGE)

static gboolean
is_foreign (IdcardDocumentType type)
{
  return type == IDCARD_DOCUMENT_PASSPORT || type == IDCARD_DOCUMENT_FOREIGN_PERMANENT;
}

static void
show_message (KioskManualFilingPage *self, const char *message, gboolean error)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error-message");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "success-message");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "success-message");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error-message");
    }
}

static char *
entry_text (GtkEditable *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static guint
checked_index (CoreFilingField field)
{
  for (guint i = 0; i < N_CHECKED; i++)
    if (checked_fields[i].field == field)
      return i;
  g_return_val_if_reached (0);
}

/* The widget a field's message is about, which takes the focus. */
static GtkWidget *
field_widget (KioskManualFilingPage *self, CoreFilingField field)
{
  GtkEditable *entry;

  if (field == CORE_FILING_FIELD_SEX)
    return GTK_WIDGET (self->male_button);
  if (field == CORE_FILING_FIELD_ORIGINAL_CHECKED)
    return GTK_WIDGET (self->original_check);
  if (field == CORE_FILING_FIELD_NATIONALITY && self->nationality_picker != NULL)
    return GTK_WIDGET (self->nationality_picker);
  entry = kiosk_manual_filing_page_get_entry (self, field);
  return entry != NULL ? GTK_WIDGET (entry) : NULL;
}

/* Shows @message under @field, or takes its message away (%NULL). */
static void
set_field_error (KioskManualFilingPage *self, CoreFilingField field, const char *message)
{
  guint i = checked_index (field);
  GtkWidget *widget = field_widget (self, field);
  GtkLabel *label = self->error_labels[i];

  if (message != NULL)
    {
      gtk_label_set_text (label, message);
      gtk_widget_add_css_class (GTK_WIDGET (label), "error-message");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "success-message");
      gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      return;
    }
  gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
  /* the number's line goes on saying what its rule says */
  if (field != CORE_FILING_FIELD_DOC_NUMBER)
    gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
}

static void
clear_field_errors (KioskManualFilingPage *self)
{
  for (guint i = 0; i < N_CHECKED; i++)
    if (checked_fields[i].field != CORE_FILING_FIELD_DOC_NUMBER)
      set_field_error (self, checked_fields[i].field, NULL);
}

/* The number as typed, checked against the chosen type's rule. */
static void
update_number_hint (KioskManualFilingPage *self)
{
  IdcardDocumentType type = kiosk_manual_filing_page_get_doc_type (self);
  g_autofree char *number =
      idcard_document_number_normalize (gtk_editable_get_text (self->number_entry));
  g_autoptr (GError) error = NULL;

  self->number_valid =
      number != NULL && *number != '\0' && idcard_document_number_check (type, number, &error);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->number_entry), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_widget_remove_css_class (GTK_WIDGET (self->number_hint_label), "error-message");
  gtk_widget_remove_css_class (GTK_WIDGET (self->number_hint_label), "success-message");
  if (number == NULL || *number == '\0')
    gtk_label_set_text (self->number_hint_label, _ ("Type the number exactly as on the document."));
  else if (self->number_valid)
    {
      gtk_label_set_text (self->number_hint_label,
                          _ ("The number is valid for this document type."));
      gtk_widget_add_css_class (GTK_WIDGET (self->number_hint_label), "success-message");
    }
  else
    {
      gtk_label_set_text (self->number_hint_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->number_hint_label), "error-message");
    }
}

static void
doc_type_changed_cb (KioskManualFilingPage *self)
{
  gboolean foreign = is_foreign (kiosk_manual_filing_page_get_doc_type (self));

  /* passport numbers begin with letters; the others are mostly digits */
  kiosk_keyboard_request (self->number_entry,
                          foreign ? KIOSK_KEYBOARD_LAYER_LETTERS : KIOSK_KEYBOARD_LAYER_DIGITS);

  gtk_label_set_text (self->nationality_label,
                      foreign ? _ ("Nationality (required)") : _ ("Nationality"));
  update_number_hint (self);
}

static void
number_changed_cb (KioskManualFilingPage *self)
{
  update_number_hint (self);
}

/* A field edited: its message goes; the two names share one rule. */
static void
field_changed_cb (GtkWidget *widget, KioskManualFilingPage *self)
{
  for (guint i = 0; i < N_CHECKED; i++)
    {
      CoreFilingField field = checked_fields[i].field;

      if (field == CORE_FILING_FIELD_DOC_NUMBER || field_widget (self, field) != widget)
        continue;
      set_field_error (self, field, NULL);
      if (field == CORE_FILING_FIELD_NAME || field == CORE_FILING_FIELD_NAME_EN)
        {
          set_field_error (self, CORE_FILING_FIELD_NAME, NULL);
          set_field_error (self, CORE_FILING_FIELD_NAME_EN, NULL);
        }
    }
  if (widget == GTK_WIDGET (self->female_button))
    set_field_error (self, CORE_FILING_FIELD_SEX, NULL);
}

static void
nationality_picked_cb (KioskManualFilingPage *self)
{
  field_changed_cb (GTK_WIDGET (self->nationality_picker), self);
}

static void
long_term_toggled_cb (KioskManualFilingPage *self)
{
  gboolean long_term = gtk_toggle_button_get_active (self->long_term_check);

  set_field_error (self, CORE_FILING_FIELD_VALID_UNTIL, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->valid_until_entry), !long_term);
  if (long_term)
    gtk_editable_set_text (self->valid_until_entry, "");
}

static gboolean
parse_date (const char *text, GDate *out)
{
  guint y, m, d;
  char extra;

  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3 || strlen (text) != 10)
    return FALSE;
  if (y < 1900 || y > 2200 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* ISO 3166-1 alpha-3, as typed without the country list */
static gboolean
is_country_code (const char *code)
{
  if (strlen (code) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (!g_ascii_isupper (code[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_mobile (const char *phone)
{
  if (strlen (phone) != 11 || phone[0] != '1' || phone[1] < '3' || phone[1] > '9')
    return FALSE;
  for (guint i = 0; i < 11; i++)
    if (!g_ascii_isdigit (phone[i]))
      return FALSE;
  return TRUE;
}

/* Checks what staff typed and says, in words, what is wrong with each
 * field: @problems has a message (or %NULL) per checked_fields row. */
static CoreFiling *
build_filing (KioskManualFilingPage *self,
              const char *staff_session,
              char *problems[N_CHECKED],
              char **out_problem)
{
  IdcardDocumentType type = kiosk_manual_filing_page_get_doc_type (self);
  g_autofree char *number =
      idcard_document_number_normalize (gtk_editable_get_text (self->number_entry));
  g_autofree char *name = entry_text (self->name_entry);
  g_autofree char *name_en = entry_text (self->name_en_entry);
  g_autofree char *birth = entry_text (self->birth_date_entry);
  g_autofree char *nationality = kiosk_manual_filing_page_dup_nationality (self);
  g_autofree char *from = entry_text (self->valid_from_entry);
  g_autofree char *until = entry_text (self->valid_until_entry);
  g_autofree char *phone = entry_text (self->phone_entry);
  gboolean long_term = gtk_toggle_button_get_active (self->long_term_check);
  const char *sex = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CoreFiling) filing = NULL;
  g_autofree char *filing_id = NULL;
  GDate birth_date, from_date, until_date, today;
  gboolean from_ok, until_ok;
  gboolean any = FALSE;

#define PROBLEM(field) problems[checked_index (CORE_FILING_FIELD_##field)]
  if (gtk_toggle_button_get_active (self->male_button))
    sex = SEX_MALE;
  else if (gtk_toggle_button_get_active (self->female_button))
    sex = SEX_FEMALE;
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));

  if (number == NULL || *number == '\0')
    PROBLEM (DOC_NUMBER) = g_strdup (_ ("Enter the document number."));
  else if (!idcard_document_number_check (type, number, &error))
    PROBLEM (DOC_NUMBER) =
        g_strdup_printf (_ ("The document number is not valid: %s"), error->message);
  if (is_foreign (type) && *name == '\0' && *name_en == '\0')
    PROBLEM (NAME_EN) = g_strdup (_ ("Enter the name in Chinese or in Latin letters."));
  else if (!is_foreign (type) && *name == '\0')
    PROBLEM (NAME) = g_strdup (_ ("Enter the name as on the document."));
  if (sex == NULL)
    PROBLEM (SEX) = g_strdup (_ ("Choose the sex."));
  if (!parse_date (birth, &birth_date) || g_date_compare (&birth_date, &today) > 0)
    PROBLEM (BIRTH_DATE) = g_strdup (_ ("Enter the birth date as YYYY-MM-DD."));
  if (is_foreign (type) && *nationality == '\0')
    PROBLEM (NATIONALITY) = g_strdup (_ ("Choose the nationality; this document type needs it."));
  else if (*nationality != '\0' && !is_country_code (nationality))
    PROBLEM (NATIONALITY) =
        g_strdup (_ ("Type the nationality as its three-letter code, as on the document (DEU)."));
  from_ok = *from != '\0' && parse_date (from, &from_date);
  until_ok = !long_term && *until != '\0' && parse_date (until, &until_date);
  if (*from != '\0' && !from_ok)
    PROBLEM (VALID_FROM) =
        g_strdup (_ ("Enter the start of validity as YYYY-MM-DD, or leave it empty."));
  if (!long_term && *until != '\0' && !until_ok)
    PROBLEM (VALID_UNTIL) = g_strdup (_ ("Enter the end of validity as YYYY-MM-DD, choose “No end "
                                         "date”, or leave it empty."));
  else if (from_ok && until_ok && g_date_compare (&from_date, &until_date) > 0)
    PROBLEM (VALID_UNTIL) = g_strdup (_ ("The validity ends before it starts."));
  if (*phone != '\0' && !is_mobile (phone))
    PROBLEM (PHONE) = g_strdup (_ ("The mobile number has 11 digits and starts with 13 to 19."));
  if (!gtk_toggle_button_get_active (self->original_check))
    PROBLEM (ORIGINAL_CHECKED) = g_strdup (_ ("Confirm that you checked the original document."));
#undef PROBLEM
  for (guint i = 0; i < N_CHECKED; i++)
    any |= problems[i] != NULL;
  if (any)
    return NULL;

  filing = core_filing_new ();
  filing_id = g_uuid_string_random ();
  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, filing_id);
  core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "manual");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, idcard_document_type_to_string (type));
  core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, number);
  core_filing_set (filing, CORE_FILING_FIELD_NAME, *name != '\0' ? name : NULL);
  core_filing_set (filing, CORE_FILING_FIELD_NAME_EN, *name_en != '\0' ? name_en : NULL);
  core_filing_set (filing, CORE_FILING_FIELD_SEX, sex);
  core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, birth);
  core_filing_set (filing, CORE_FILING_FIELD_NATIONALITY,
                   *nationality != '\0' ? nationality : NULL);
  core_filing_set (filing, CORE_FILING_FIELD_VALID_FROM, *from != '\0' ? from : NULL);
  core_filing_set (filing, CORE_FILING_FIELD_VALID_UNTIL,
                   long_term ? IDCARD_LONG_TERM : (*until != '\0' ? until : NULL));
  core_filing_set (filing, CORE_FILING_FIELD_PHONE, *phone != '\0' ? phone : NULL);
  core_filing_set (filing, CORE_FILING_FIELD_STAFF_SESSION, staff_session);
  core_filing_set_original_checked (filing, TRUE);

  if (!core_filing_validate (filing, &error))
    {
      *out_problem = g_strdup_printf (_ ("The filing is not complete: %s"), error->message);
      return NULL;
    }
  return g_steal_pointer (&filing);
}

static const char *
session_token (KioskManualFilingPage *self)
{
  KioskStaffAuth *auth =
      kiosk_services_get_staff_auth (kiosk_page_get_services (KIOSK_PAGE (self)));

  return auth != NULL ? kiosk_staff_auth_get_session_token (auth) : NULL;
}

static void
set_busy (KioskManualFilingPage *self, gboolean busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (self->file_button, !busy && session_token (self) != NULL);
}

static void
show_needs_registry (KioskManualFilingPage *self)
{
  show_message (self,
                _ ("Manual filing needs a staff sign-in confirmed by the registry. This sign-in "
                   "was checked offline: sign out, and sign in again when the registry can be "
                   "reached. The other staff pages work offline."),
                TRUE);
}

static void
clear_form (KioskManualFilingPage *self)
{
  GtkEditable *entries[] = { self->number_entry,     self->name_entry,
                             self->name_en_entry,    self->birth_date_entry,
                             self->valid_from_entry, self->valid_until_entry,
                             self->phone_entry };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_editable_set_text (entries[i], "");
  if (self->nationality_picker != NULL)
    kiosk_pick_list_set_code (self->nationality_picker, NULL);
  else
    gtk_editable_set_text (self->nationality_entry, "");
  gtk_toggle_button_set_active (self->male_button, FALSE);
  gtk_toggle_button_set_active (self->female_button, FALSE);
  gtk_toggle_button_set_active (self->long_term_check, FALSE);
  gtk_toggle_button_set_active (self->original_check, FALSE);
  gtk_drop_down_set_selected (self->doc_type_dropdown, IDCARD_DOCUMENT_RESIDENT);
  update_number_hint (self);
  clear_field_errors (self);
}

typedef struct
{
  KioskManualFilingPage *self;
  char *summary;
  char *filing_id;
} FileData;

static void
file_data_free (FileData *data)
{
  g_free (data->summary);
  g_free (data->filing_id);
  g_free (data);
}

static void
file_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  FileData *data = user_data;
  KioskManualFilingPage *self = data->self;
  g_autoptr (GError) error = NULL;
  gboolean ok = kiosk_services_submit_filing_finish (KIOSK_SERVICES (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      file_data_free (data);
      return;
    }
  set_busy (self, FALSE);
  if (ok)
    {
      g_autofree char *text = g_strdup_printf (
          _ ("Filed: %s. It is saved on this kiosk and goes to the registry when it can."),
          data->summary);
      g_free (self->last_filing_id);
      self->last_filing_id = g_strdup (data->filing_id);
      clear_form (self);
      show_message (self, text, FALSE);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_ ("The filing was not saved: %s"), error->message);
      show_message (self, text, TRUE);
    }
  file_data_free (data);
}

/**
 * kiosk_manual_filing_page_file:
 *
 * What "File" does: checks the form and, when it is complete, saves the
 * filing and its outbox entry. Nothing typed is lost when it fails.
 */
void
kiosk_manual_filing_page_file (KioskManualFilingPage *self)
{
  KioskStaffAuth *auth;
  const char *staff;
  const char *staff_session;
  g_autoptr (CoreFiling) filing = NULL;
  g_autofree char *problem = NULL;
  char *problems[N_CHECKED] = { NULL };
  g_autofree char *masked_number = NULL;
  g_autofree char *masked_name = NULL;
  FileData *data;

  g_return_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self));

  if (self->busy)
    return;
  auth = kiosk_services_get_staff_auth (kiosk_page_get_services (KIOSK_PAGE (self)));
  if (!kiosk_staff_auth_authorize (auth, "manual-filing"))
    {
      show_message (self, _ ("Sign in as staff to file."), TRUE);
      return;
    }
  staff = kiosk_staff_auth_get_user (auth);
  staff_session = kiosk_staff_auth_get_session_token (auth);
  if (staff_session == NULL)
    {
      show_needs_registry (self);
      return;
    }
  clear_field_errors (self);
  filing = build_filing (self, staff_session, problems, &problem);
  if (filing == NULL)
    {
      GtkWidget *first = NULL;

      show_message (self, problem, TRUE);
      for (guint i = 0; i < N_CHECKED; i++)
        {
          if (problems[i] == NULL)
            continue;
          set_field_error (self, checked_fields[i].field, problems[i]);
          if (first == NULL)
            first = field_widget (self, checked_fields[i].field);
          g_free (problems[i]);
        }
      /* a field brings the keyboard up and makes room for its message; a
       * button (sex, the original's check) would leave it behind the keys */
      if (first != NULL && !GTK_IS_EDITABLE (first))
        gtk_widget_activate_action (GTK_WIDGET (self), "keyboard-dock.done", NULL);
      if (first != NULL)
        gtk_widget_grab_focus (first);
      return;
    }

  masked_number = core_mask_id_number (core_filing_get_doc_number (filing));
  masked_name = core_mask_name (core_filing_get (filing, CORE_FILING_FIELD_NAME) != NULL
                                    ? core_filing_get (filing, CORE_FILING_FIELD_NAME)
                                    : core_filing_get (filing, CORE_FILING_FIELD_NAME_EN));
  data = g_new0 (FileData, 1);
  data->self = self;
  data->summary = g_strdup_printf ("%s %s", masked_name, masked_number);
  data->filing_id = g_strdup (core_filing_get_filing_id (filing));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  show_message (self, NULL, FALSE);
  g_message ("staff %s files a manual filing", staff);
  kiosk_services_submit_filing_async (kiosk_page_get_services (KIOSK_PAGE (self)), filing,
                                      self->cancellable, file_done_cb, data);
}

static void
file_cb (KioskManualFilingPage *self)
{
  kiosk_manual_filing_page_file (self);
}

static void
kiosk_manual_filing_page_shown (KioskPage *page)
{
  KioskManualFilingPage *self = KIOSK_MANUAL_FILING_PAGE (page);
  /* the flow shows it only while staff are signed in */
  KioskStaffAuth *auth = kiosk_services_get_staff_auth (kiosk_page_get_services (page));

  set_busy (self, self->busy);
  if (kiosk_staff_auth_get_session_token (auth) == NULL)
    show_needs_registry (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->number_entry));
}

static void
kiosk_manual_filing_page_reset (KioskPage *page)
{
  KioskManualFilingPage *self = KIOSK_MANUAL_FILING_PAGE (page);

  clear_form (self);
  clear_field_errors (self);
  show_message (self, NULL, FALSE);
  g_clear_pointer (&self->last_filing_id, g_free);
}

static void
kiosk_manual_filing_page_dispose (GObject *object)
{
  KioskManualFilingPage *self = KIOSK_MANUAL_FILING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_MANUAL_FILING_PAGE);

  G_OBJECT_CLASS (kiosk_manual_filing_page_parent_class)->dispose (object);
}

static void
kiosk_manual_filing_page_finalize (GObject *object)
{
  KioskManualFilingPage *self = KIOSK_MANUAL_FILING_PAGE (object);

  g_free (self->last_filing_id);

  G_OBJECT_CLASS (kiosk_manual_filing_page_parent_class)->finalize (object);
}

static GtkLabel *new_error_label (void);
static void add_error_labels (KioskManualFilingPage *self);

/* The countries come with the services, which a page has once it is made. */
static void
add_nationality (KioskManualFilingPage *self)
{
  CoreDictionary *countries =
      kiosk_services_get_countries (kiosk_page_get_services (KIOSK_PAGE (self)));
  GtkLabel *note;

  if (countries != NULL)
    {
      self->nationality_picker = KIOSK_PICK_LIST (kiosk_pick_list_new (countries));
      kiosk_pick_list_set_name (self->nationality_picker, _ ("Nationality"));
      gtk_box_append (self->nationality_box, GTK_WIDGET (self->nationality_picker));
      return;
    }
  self->nationality_entry = GTK_EDITABLE (gtk_entry_new ());
  gtk_entry_set_max_length (GTK_ENTRY (self->nationality_entry), 3);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->nationality_entry), "DEU");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->nationality_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Nationality"), -1);
  kiosk_keyboard_request (self->nationality_entry, KIOSK_KEYBOARD_LAYER_LETTERS);
  gtk_box_append (self->nationality_box, GTK_WIDGET (self->nationality_entry));
  note = new_error_label ();
  gtk_label_set_text (note, _ ("The list of countries is missing on this kiosk: type the "
                               "three-letter code from the document's machine-readable lines "
                               "(DEU for Germany). Tell the kiosk's administrator."));
  gtk_widget_remove_css_class (GTK_WIDGET (note), "error-message");
  gtk_widget_set_visible (GTK_WIDGET (note), TRUE);
  gtk_box_append (self->nationality_box, GTK_WIDGET (note));
}

static void
kiosk_manual_filing_page_constructed (GObject *object)
{
  KioskManualFilingPage *self = KIOSK_MANUAL_FILING_PAGE (object);

  G_OBJECT_CLASS (kiosk_manual_filing_page_parent_class)->constructed (object);

  add_nationality (self);
  add_error_labels (self);
}

static void
kiosk_manual_filing_page_class_init (KioskManualFilingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->constructed = kiosk_manual_filing_page_constructed;
  object_class->dispose = kiosk_manual_filing_page_dispose;
  object_class->finalize = kiosk_manual_filing_page_finalize;
  page_class->shown = kiosk_manual_filing_page_shown;
  page_class->reset = kiosk_manual_filing_page_reset;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-manual-filing-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, KioskManualFilingPage, name)
  BIND (form_grid);
  BIND (doc_type_dropdown);
  BIND (number_entry);
  BIND (number_hint_label);
  BIND (name_entry);
  BIND (name_en_entry);
  BIND (male_button);
  BIND (female_button);
  BIND (birth_date_entry);
  BIND (nationality_box);
  BIND (nationality_label);
  BIND (valid_from_entry);
  BIND (valid_until_entry);
  BIND (long_term_check);
  BIND (phone_entry);
  BIND (original_check);
  BIND (message_label);
  BIND (file_button);
  BIND (spinner);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, doc_type_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, long_term_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, file_cb);
}

static GtkLabel *
new_error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "field-hint");
  gtk_widget_add_css_class (label, "error-message");
  gtk_widget_set_visible (label, FALSE);
  return GTK_LABEL (label);
}

/* Whether @widget is stacked with others in its cell (the end of validity
 * over "No end date"): its message goes right under it, in the stack. */
static gboolean
in_column (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return GTK_IS_BOX (parent) &&
         gtk_orientable_get_orientation (GTK_ORIENTABLE (parent)) == GTK_ORIENTATION_VERTICAL;
}

/* A line under each row of the form for its fields' messages (from the
 * last row up, so the rows still to do keep their numbers), one right
 * under a field stacked in its cell, and one under the original's check. */
static void
add_error_labels (KioskManualFilingPage *self)
{
  int previous_row = -1;

  for (guint i = N_CHECKED; i-- > 0;)
    {
      CoreFilingField field = checked_fields[i].field;
      GtkWidget *widget = field_widget (self, field);

      if (field == CORE_FILING_FIELD_DOC_NUMBER)
        self->error_labels[i] = self->number_hint_label;
      else if (field == CORE_FILING_FIELD_ORIGINAL_CHECKED || in_column (widget))
        {
          self->error_labels[i] = new_error_label ();
          gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (widget)),
                                      GTK_WIDGET (self->error_labels[i]), widget);
        }
      else
        {
          if (checked_fields[i].row != previous_row)
            gtk_grid_insert_row (self->form_grid, checked_fields[i].row + 1);
          previous_row = checked_fields[i].row;
          self->error_labels[i] = new_error_label ();
          gtk_grid_attach (self->form_grid, GTK_WIDGET (self->error_labels[i]),
                           checked_fields[i].column, checked_fields[i].row + 1, 1, 1);
        }
      if (GTK_IS_EDITABLE (widget))
        {
          g_signal_connect (widget, "changed", G_CALLBACK (field_changed_cb), self);
          kiosk_keyboard_keep_in_view (GTK_EDITABLE (widget), GTK_WIDGET (self->error_labels[i]));
        }
      else if (KIOSK_IS_PICK_LIST (widget))
        g_signal_connect_swapped (widget, "notify::code", G_CALLBACK (nationality_picked_cb), self);
      else
        g_signal_connect (widget, "toggled", G_CALLBACK (field_changed_cb), self);
    }
  g_signal_connect (self->female_button, "toggled", G_CALLBACK (field_changed_cb), self);
}

static void
kiosk_manual_filing_page_init (KioskManualFilingPage *self)
{
  g_autoptr (GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Manual filing"));

  for (guint i = 0; i < IDCARD_DOCUMENT_N_TYPES; i++)
    gtk_string_list_append (types, idcard_document_type_get_label ((IdcardDocumentType) i));
  gtk_drop_down_set_model (self->doc_type_dropdown, G_LIST_MODEL (types));
  gtk_drop_down_set_selected (self->doc_type_dropdown, IDCARD_DOCUMENT_RESIDENT);
  doc_type_changed_cb (self);

  kiosk_keyboard_request (self->name_entry, KIOSK_KEYBOARD_LAYER_PINYIN);
  kiosk_keyboard_request (self->name_en_entry, KIOSK_KEYBOARD_LAYER_LETTERS);
  kiosk_keyboard_request (self->birth_date_entry, KIOSK_KEYBOARD_LAYER_DIGITS);
  kiosk_keyboard_request (self->valid_from_entry, KIOSK_KEYBOARD_LAYER_DIGITS);
  kiosk_keyboard_request (self->valid_until_entry, KIOSK_KEYBOARD_LAYER_DIGITS);
  kiosk_keyboard_request (self->phone_entry, KIOSK_KEYBOARD_LAYER_DIGITS);
}

void
kiosk_manual_filing_page_set_doc_type (KioskManualFilingPage *self, IdcardDocumentType type)
{
  g_return_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self));
  g_return_if_fail ((guint) type < IDCARD_DOCUMENT_N_TYPES);

  gtk_drop_down_set_selected (self->doc_type_dropdown, type);
}

IdcardDocumentType
kiosk_manual_filing_page_get_doc_type (KioskManualFilingPage *self)
{
  guint selected;

  g_return_val_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self), IDCARD_DOCUMENT_RESIDENT);

  selected = gtk_drop_down_get_selected (self->doc_type_dropdown);
  return selected < IDCARD_DOCUMENT_N_TYPES ? (IdcardDocumentType) selected
                                            : IDCARD_DOCUMENT_RESIDENT;
}

/**
 * kiosk_manual_filing_page_get_entry:
 * @field: doc_number, name, name_en, birth_date, nationality (only when the
 *   kiosk has no country list), valid_from, valid_until or phone
 *
 * Returns: (transfer none) (nullable): the entry for @field
 */
GtkEditable *
kiosk_manual_filing_page_get_entry (KioskManualFilingPage *self, CoreFilingField field)
{
  g_return_val_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self), NULL);

  switch (field)
    {
      case CORE_FILING_FIELD_DOC_NUMBER:
        return self->number_entry;
      case CORE_FILING_FIELD_NAME:
        return self->name_entry;
      case CORE_FILING_FIELD_NAME_EN:
        return self->name_en_entry;
      case CORE_FILING_FIELD_BIRTH_DATE:
        return self->birth_date_entry;
      case CORE_FILING_FIELD_NATIONALITY:
        return self->nationality_entry;
      case CORE_FILING_FIELD_VALID_FROM:
        return self->valid_from_entry;
      case CORE_FILING_FIELD_VALID_UNTIL:
        return self->valid_until_entry;
      case CORE_FILING_FIELD_PHONE:
        return self->phone_entry;
      default:
        return NULL;
    }
}

/**
 * kiosk_manual_filing_page_get_nationality_picker:
 *
 * Returns: (transfer none) (nullable): the countries to pick the
 *   nationality from; %NULL when the kiosk has no country list
 */
KioskPickList *
kiosk_manual_filing_page_get_nationality_picker (KioskManualFilingPage *self)
{
  g_return_val_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self), NULL);
  return self->nationality_picker;
}

/**
 * kiosk_manual_filing_page_dup_nationality:
 *
 * Returns: (transfer full): the nationality as the filing stores it, an
 *   ISO 3166-1 alpha-3 code, or "" for none
 */
char *
kiosk_manual_filing_page_dup_nationality (KioskManualFilingPage *self)
{
  g_autofree char *typed = NULL;

  g_return_val_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self), NULL);

  if (self->nationality_picker != NULL)
    return g_strdup (kiosk_pick_list_get_code (self->nationality_picker) != NULL
                         ? kiosk_pick_list_get_code (self->nationality_picker)
                         : "");
  typed = entry_text (self->nationality_entry);
  return g_ascii_strup (typed, -1);
}

/* @sex: "男", "女" or %NULL for neither */
void
kiosk_manual_filing_page_set_sex (KioskManualFilingPage *self, const char *sex)
{
  g_return_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self));

  gtk_toggle_button_set_active (self->male_button, g_strcmp0 (sex, SEX_MALE) == 0);
  gtk_toggle_button_set_active (self->female_button, g_strcmp0 (sex, SEX_FEMALE) == 0);
}

void
kiosk_manual_filing_page_set_long_term (KioskManualFilingPage *self, gboolean long_term)
{
  g_return_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self));
  gtk_toggle_button_set_active (self->long_term_check, long_term);
}

void
kiosk_manual_filing_page_set_original_checked (KioskManualFilingPage *self, gboolean checked)
{
  g_return_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self));
  gtk_toggle_button_set_active (self->original_check, checked);
}

/* What the page says under the number: its rule's verdict, as typed. */
const char *
kiosk_manual_filing_page_get_number_hint (KioskManualFilingPage *self)
{
  g_return_val_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self), NULL);
  return gtk_label_get_text (self->number_hint_label);
}

gboolean
kiosk_manual_filing_page_get_number_valid (KioskManualFilingPage *self)
{
  g_return_val_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self), FALSE);
  return self->number_valid;
}

gboolean
kiosk_manual_filing_page_get_busy (KioskManualFilingPage *self)
{
  g_return_val_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self), FALSE);
  return self->busy;
}

/**
 * kiosk_manual_filing_page_get_message:
 *
 * Returns: (nullable): the confirmation or the reason a filing was refused
 */
const char *
kiosk_manual_filing_page_get_message (KioskManualFilingPage *self)
{
  g_return_val_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_text (self->message_label);
}

/**
 * kiosk_manual_filing_page_get_last_filing_id:
 *
 * Returns: (nullable): the id of the last filing saved from this page
 */
const char *
kiosk_manual_filing_page_get_last_filing_id (KioskManualFilingPage *self)
{
  g_return_val_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self), NULL);
  return self->last_filing_id;
}

/**
 * kiosk_manual_filing_page_get_error_label:
 * @field: doc_number, name, name_en, sex, birth_date, nationality, phone,
 *   valid_from, valid_until or original_checked
 *
 * Returns: (transfer none): the line under @field that says what is wrong
 *   with it (for the number, what its rule says as it is typed)
 */
GtkWidget *
kiosk_manual_filing_page_get_error_label (KioskManualFilingPage *self, CoreFilingField field)
{
  g_return_val_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self), NULL);
  return GTK_WIDGET (self->error_labels[checked_index (field)]);
}

/**
 * kiosk_manual_filing_page_get_field_error:
 *
 * Returns: (nullable): what is shown as wrong with @field, %NULL when nothing
 */
const char *
kiosk_manual_filing_page_get_field_error (KioskManualFilingPage *self, CoreFilingField field)
{
  GtkWidget *label;

  g_return_val_if_fail (KIOSK_IS_MANUAL_FILING_PAGE (self), NULL);
  label = kiosk_manual_filing_page_get_error_label (self, field);
  if (!gtk_widget_get_visible (label) || !gtk_widget_has_css_class (label, "error-message"))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}
