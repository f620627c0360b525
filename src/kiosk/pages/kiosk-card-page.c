/* kiosk-card-page.c: what was read from the card, a phone number, and "File"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows each card type's own fields. The ID number is masked on screen
 * (110105********002X) and shown whole only while a finger rests on it. An
 * expired card, or one whose number fails its check, is refused here with the
 * reason. The phone number is optional; "File" turns the card into a filing,
 * keeps it through the services (even offline) and shows the confirmation.
 * The card is the page's argument ("card").
 *
 * A card lifted before "File" leaves its data on a screen nobody may be
 * watching: the page then resets after CARD_LIFTED_IDLE_S without a touch
 * instead of the kiosk's idle time.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-filing.h"
#include "core-privacy.h"
#include "kiosk-card-page.h"
#include "kiosk-card-page-private.h"
#include "kiosk-illustration.h"
#include "kiosk-keypad.h"

#define PHONE_DIGITS 11
#define CARD_LIFTED_IDLE_S 20

struct _KioskCardPage
{
  KioskPage parent_instance;

  GtkPicture *photo;
  GtkGrid *fields;
  GtkLabel *refusal_label;
  GtkLabel *batch_label;
  GtkWidget *phone_box;
  GtkEditable *phone_entry;
  GtkLabel *phone_hint;
  KioskKeypad *keypad;
  GtkWidget *file_button;
  GtkSpinner *spinner;

  IdcardCard *card;
  GtkLabel *id_number_label;
  char *masked_id_number;
  gboolean refused;
  gboolean card_lifted;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskCardPage, kiosk_card_page, KIOSK_TYPE_PAGE)

enum
{
  PROP_0,
  PROP_CARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_fields (KioskCardPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields))) != NULL)
    gtk_grid_remove (self->fields, child);
  self->id_number_label = NULL;
}

static GtkLabel *
add_field (KioskCardPage *self, int row, const char *name, const char *value)
{
  GtkWidget *name_label;
  GtkWidget *value_label;

  if (value == NULL || *value == '\0')
    return NULL;
  name_label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (name_label), 1);
  gtk_label_set_yalign (GTK_LABEL (name_label), 0);
  gtk_widget_add_css_class (name_label, "field-name");
  value_label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 30);
  gtk_widget_add_css_class (value_label, "field-value");
  /* read out as the value, described by its field name */
  gtk_accessible_update_property (GTK_ACCESSIBLE (value_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  name, -1);
  gtk_grid_attach (self->fields, name_label, 0, row, 1, 1);
  gtk_grid_attach (self->fields, value_label, 1, row, 1, 1);
  return GTK_LABEL (value_label);
}

static char *
format_validity (IdcardCard *card)
{
  const char *from = idcard_card_get_valid_from (card);
  const char *until = idcard_card_get_valid_until (card);

  if (from == NULL || until == NULL)
    return NULL;
  return g_strdup_printf ("%s — %s", from,
                          idcard_card_is_long_term (card) ? _ ("long-term") : until);
}

static void
reveal_pressed_cb (KioskCardPage *self)
{
  if (self->id_number_label != NULL && self->card != NULL)
    gtk_label_set_text (self->id_number_label, idcard_card_get_id_number (self->card));
}

static void
reveal_ended_cb (KioskCardPage *self)
{
  if (self->id_number_label != NULL)
    gtk_label_set_text (self->id_number_label, self->masked_id_number);
}

static void
show_fields (KioskCardPage *self)
{
  IdcardCard *card = self->card;
  IdcardCardType type = idcard_card_get_card_type (card);
  g_autofree char *validity = format_validity (card);
  g_autofree char *issue_count = NULL;
  g_autofree char *nationality = kiosk_services_dup_country_name (
      kiosk_page_get_services (KIOSK_PAGE (self)), idcard_card_get_nationality (card));
  const char *sex = idcard_sex_get_label (idcard_card_get_sex (card));
  g_autofree char *nation = kiosk_services_dup_nation_name (
      kiosk_page_get_services (KIOSK_PAGE (self)), idcard_card_get_nation_code (card),
      idcard_card_get_nation (card));
  GtkGesture *reveal;
  int row = 0;

  clear_fields (self);
  /* the card keeps two digits; people count without the leading zero */
  if (idcard_card_get_issue_count (card) >= 0)
    issue_count = g_strdup_printf ("%d", idcard_card_get_issue_count (card));

  if (type == IDCARD_CARD_FOREIGN_2017 || type == IDCARD_CARD_FOREIGN_2023)
    {
      add_field (self, row++, _ ("English name"), idcard_card_get_name_en (card));
      add_field (self, row++, _ ("Chinese name"), idcard_card_get_name (card));
    }
  else
    add_field (self, row++, _ ("Name"), idcard_card_get_name (card));
  add_field (self, row++, _ ("Sex"), sex);
  if (type == IDCARD_CARD_RESIDENT)
    add_field (self, row++, _ ("Ethnic group"), nation);
  if (type == IDCARD_CARD_FOREIGN_2017 || type == IDCARD_CARD_FOREIGN_2023)
    add_field (self, row++, _ ("Nationality"), nationality);
  add_field (self, row++, _ ("Date of birth"), idcard_card_get_birth_date (card));
  add_field (self, row++, _ ("Address"), idcard_card_get_address (card));
  self->id_number_label = add_field (
      self, row++, type == IDCARD_CARD_RESIDENT ? _ ("ID number") : _ ("Document number"),
      self->masked_id_number);
  add_field (self, row++, _ ("Issued by"), idcard_card_get_issuer (card));
  add_field (self, row++, _ ("Valid"), validity);
  if (type == IDCARD_CARD_HMT_RESIDENCE)
    {
      add_field (self, row++, _ ("Travel permit number"), idcard_card_get_pass_number (card));
      add_field (self, row++, _ ("Times issued"), issue_count);
    }
  if (type == IDCARD_CARD_FOREIGN_2023)
    add_field (self, row++, _ ("Times renewed"), issue_count);

  if (self->id_number_label != NULL)
    {
      /* the whole number only while a finger rests on it */
      reveal = gtk_gesture_long_press_new ();
      g_signal_connect_swapped (reveal, "pressed", G_CALLBACK (reveal_pressed_cb), self);
      g_signal_connect_swapped (reveal, "end", G_CALLBACK (reveal_ended_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (self->id_number_label), GTK_EVENT_CONTROLLER (reveal));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->id_number_label),
                                   _ ("Touch and hold to see the whole number"));
    }
}

static void
show_photo (KioskCardPage *self)
{
  GBytes *rgb = idcard_card_get_photo_rgb (self->card);
  g_autoptr (GdkPaintable) picture = NULL;

  if (rgb != NULL)
    picture = GDK_PAINTABLE (gdk_memory_texture_new (
        IDCARD_PHOTO_WIDTH, IDCARD_PHOTO_HEIGHT, GDK_MEMORY_R8G8B8, rgb, IDCARD_PHOTO_WIDTH * 3));
  else
    picture = GDK_PAINTABLE (kiosk_illustration_new ("silhouette"));
  gtk_picture_set_paintable (self->photo, picture);
}

/* Whether the card can be filed at all; if not, says why on the page. */
static const char *
check_card (IdcardCard *card)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *until = idcard_card_get_valid_until (card);
  IdcardDocumentType doc_type =
      idcard_card_type_get_document_type (idcard_card_get_card_type (card));

  if (!idcard_card_is_long_term (card) && until != NULL && strcmp (until, today) < 0)
    return _ ("This card has expired and cannot be filed. Please bring a valid card.");
  if (!idcard_document_number_check (doc_type, idcard_card_get_id_number (card), NULL))
    return _ ("The number on this card fails its check and cannot be filed. "
              "Please ask the staff at the window.");
  return NULL;
}

static void
update_file_button (KioskCardPage *self)
{
  const char *phone = gtk_editable_get_text (self->phone_entry);
  gboolean phone_ok = *phone == '\0' || core_phone_is_mobile (phone);

  gtk_widget_set_sensitive (self->file_button, self->card != NULL && !self->refused && phone_ok &&
                                                   !gtk_spinner_get_spinning (self->spinner));
  gtk_label_set_text (self->phone_hint,
                      phone_ok
                          ? _ ("Optional: a mobile number lets you log in to self-service later.")
                          : _ ("A mobile number has 11 digits and starts with 13 to 19."));
  if (phone_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->phone_hint), "error-message");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->phone_hint), "error-message");
}

static CoreFiling *
filing_from_card (IdcardCard *card, const char *phone)
{
  CoreFiling *filing = core_filing_new ();
  IdcardCardType type = idcard_card_get_card_type (card);
  g_autofree char *id = g_uuid_string_random ();
  GBytes *wlt = idcard_card_get_photo_wlt (card);
  g_autofree char *wlt_base64 = NULL;

  if (wlt != NULL)
    wlt_base64 = g_base64_encode (g_bytes_get_data (wlt, NULL), g_bytes_get_size (wlt));

  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, id);
  core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "card");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE,
                   idcard_document_type_to_string (idcard_card_type_get_document_type (type)));
  core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, idcard_card_get_id_number (card));
  core_filing_set (filing, CORE_FILING_FIELD_NAME, idcard_card_get_name (card));
  core_filing_set (filing, CORE_FILING_FIELD_NAME_EN, idcard_card_get_name_en (card));
  core_filing_set (filing, CORE_FILING_FIELD_SEX,
                   idcard_sex_to_string (idcard_card_get_sex (card)));
  core_filing_set (filing, CORE_FILING_FIELD_NATION, idcard_card_get_nation (card));
  core_filing_set (filing, CORE_FILING_FIELD_NATIONALITY, idcard_card_get_nationality (card));
  core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, idcard_card_get_birth_date (card));
  core_filing_set (filing, CORE_FILING_FIELD_ADDRESS, idcard_card_get_address (card));
  core_filing_set (filing, CORE_FILING_FIELD_ISSUER, idcard_card_get_issuer (card));
  core_filing_set (filing, CORE_FILING_FIELD_VALID_FROM, idcard_card_get_valid_from (card));
  core_filing_set (filing, CORE_FILING_FIELD_VALID_UNTIL, idcard_card_get_valid_until (card));
  core_filing_set (filing, CORE_FILING_FIELD_CARD_TYPE, idcard_card_type_to_string (type));
  core_filing_set (filing, CORE_FILING_FIELD_PHOTO_WLT, wlt_base64);
  if (phone != NULL && *phone != '\0')
    core_filing_set (filing, CORE_FILING_FIELD_PHONE, phone);
  return filing;
}

static void
submitted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CoreFiling) filing = user_data;
  g_autoptr (GError) error = NULL;
  KioskCardPage *self;

  if (!kiosk_services_submit_filing_finish (KIOSK_SERVICES (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = g_object_get_data (G_OBJECT (filing), "kiosk-card-page");
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (error != NULL)
    {
      g_warning ("a card filing could not be kept: %s", error->message);
      gtk_label_set_text (
          self->refusal_label,
          _ ("This filing could not be saved. Please ask the staff at the window."));
      gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), TRUE);
      update_file_button (self);
      return;
    }
  kiosk_visit_add_filed (kiosk_page_get_visit (KIOSK_PAGE (self)));
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_FILED, "filing", filing, NULL);
}

static void
file_cb (KioskCardPage *self)
{
  CoreFiling *filing;

  if (self->card == NULL || self->refused)
    return;

  filing = filing_from_card (self->card, gtk_editable_get_text (self->phone_entry));
  g_object_set_data (G_OBJECT (filing), "kiosk-card-page", self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  update_file_button (self);
  kiosk_services_submit_filing_async (kiosk_page_get_services (KIOSK_PAGE (self)), filing,
                                      self->cancellable, submitted_cb, filing);
}

static void
set_card_lifted (KioskCardPage *self, gboolean lifted)
{
  self->card_lifted = lifted;
  kiosk_page_set_idle_limit (KIOSK_PAGE (self), lifted ? CARD_LIFTED_IDLE_S : 0);
  kiosk_page_set_idle_note (KIOSK_PAGE (self), lifted ? _ ("Card lifted") : NULL);
}

/* The reader's card went away while its data shows and is not filed yet. */
static void
card_removed_cb (KioskCardPage *self)
{
  if (self->card == NULL || gtk_spinner_get_spinning (self->spinner) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  set_card_lifted (self, TRUE);
}

static void
kiosk_card_page_reset (KioskPage *page)
{
  KioskCardPage *self = KIOSK_CARD_PAGE (page);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->card);
  g_clear_pointer (&self->masked_id_number, g_free);
  self->refused = FALSE;
  clear_fields (self);
  gtk_picture_set_paintable (self->photo, NULL);
  gtk_editable_set_text (self->phone_entry, "");
  gtk_label_set_text (self->refusal_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), FALSE);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  set_card_lifted (self, FALSE);
  update_file_button (self);
}

static void
kiosk_card_page_constructed (GObject *object)
{
  KioskCardPage *self = KIOSK_CARD_PAGE (object);
  IdcardReader *reader;

  G_OBJECT_CLASS (kiosk_card_page_parent_class)->constructed (object);

  reader = kiosk_services_get_reader (kiosk_page_get_services (KIOSK_PAGE (self)));
  if (reader != NULL)
    g_signal_connect_object (reader, "card-removed", G_CALLBACK (card_removed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
kiosk_card_page_dispose (GObject *object)
{
  KioskCardPage *self = KIOSK_CARD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->card);
  g_clear_pointer (&self->masked_id_number, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_CARD_PAGE);

  G_OBJECT_CLASS (kiosk_card_page_parent_class)->dispose (object);
}

static void show_card (KioskCardPage *self, IdcardCard *card);

static void
kiosk_card_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskCardPage *self = KIOSK_CARD_PAGE (object);

  switch (prop_id)
    {
      case PROP_CARD:
        g_value_set_object (value, self->card);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_card_page_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  KioskCardPage *self = KIOSK_CARD_PAGE (object);

  switch (prop_id)
    {
      case PROP_CARD:
        show_card (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_card_page_class_init (KioskCardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->constructed = kiosk_card_page_constructed;
  object_class->dispose = kiosk_card_page_dispose;
  object_class->get_property = kiosk_card_page_get_property;
  object_class->set_property = kiosk_card_page_set_property;
  page_class->reset = kiosk_card_page_reset;

  /**
   * KioskCardPage:card:
   *
   * The card to file, as the reader read it; the page's argument.
   */
  properties[PROP_CARD] =
      g_param_spec_object ("card", NULL, NULL, IDCARD_TYPE_CARD,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KIOSK_TYPE_KEYPAD);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-card-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskCardPage, photo);
  gtk_widget_class_bind_template_child (widget_class, KioskCardPage, fields);
  gtk_widget_class_bind_template_child (widget_class, KioskCardPage, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, KioskCardPage, batch_label);
  gtk_widget_class_bind_template_child (widget_class, KioskCardPage, phone_box);
  gtk_widget_class_bind_template_child (widget_class, KioskCardPage, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskCardPage, phone_hint);
  gtk_widget_class_bind_template_child (widget_class, KioskCardPage, keypad);
  gtk_widget_class_bind_template_child (widget_class, KioskCardPage, file_button);
  gtk_widget_class_bind_template_child (widget_class, KioskCardPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, file_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_file_button);
}

static void
kiosk_card_page_init (KioskCardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_keypad_set_target (self->keypad, self->phone_entry);
  kiosk_keypad_set_max_length (self->keypad, PHONE_DIGITS);
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Please check your details"));
  update_file_button (self);
}

/* What the reader read; the batch is the visit's: how many were filed
 * before this one without going home. */
static void
show_card (KioskCardPage *self, IdcardCard *card)
{
  guint batch_count = kiosk_visit_get_filed (kiosk_page_get_visit (KIOSK_PAGE (self)));
  const char *refusal;

  kiosk_card_page_reset (KIOSK_PAGE (self));
  if (card == NULL)
    return;
  self->card = g_object_ref (card);
  self->masked_id_number = core_mask_id_number (idcard_card_get_id_number (card));
  show_fields (self);
  show_photo (self);

  refusal = check_card (card);
  self->refused = refusal != NULL;
  gtk_label_set_text (self->refusal_label, refusal != NULL ? refusal : "");
  gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), refusal != NULL);
  gtk_widget_set_visible (self->phone_box, refusal == NULL);
  gtk_widget_set_visible (self->file_button, refusal == NULL);

  if (batch_count > 0)
    {
      g_autofree char *text =
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person filed so far",
                                        "%u people filed so far", batch_count),
                           batch_count);
      gtk_label_set_text (self->batch_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->batch_label), batch_count > 0);
  update_file_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
}

IdcardCard *
kiosk_card_page_get_card (KioskCardPage *self)
{
  g_return_val_if_fail (KIOSK_IS_CARD_PAGE (self), NULL);
  return self->card;
}

/**
 * kiosk_card_page_get_refusal:
 *
 * Returns: (nullable): why the card cannot be filed, as shown
 */
const char *
kiosk_card_page_get_refusal (KioskCardPage *self)
{
  g_return_val_if_fail (KIOSK_IS_CARD_PAGE (self), NULL);
  return self->refused ? gtk_label_get_text (self->refusal_label) : NULL;
}

const char *
kiosk_card_page_get_shown_id_number (KioskCardPage *self)
{
  g_return_val_if_fail (KIOSK_IS_CARD_PAGE (self), NULL);
  return self->id_number_label != NULL ? gtk_label_get_text (self->id_number_label) : NULL;
}

GtkEditable *
kiosk_card_page_get_phone_entry (KioskCardPage *self)
{
  g_return_val_if_fail (KIOSK_IS_CARD_PAGE (self), NULL);
  return self->phone_entry;
}

/**
 * kiosk_card_page_get_card_lifted:
 *
 * Returns: whether the card shown was lifted before it was filed
 */
gboolean
kiosk_card_page_get_card_lifted (KioskCardPage *self)
{
  g_return_val_if_fail (KIOSK_IS_CARD_PAGE (self), FALSE);
  return self->card_lifted;
}
