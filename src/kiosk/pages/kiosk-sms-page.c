/* kiosk-sms-page.c: register or log in with the ID number, a phone and an SMS code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One page class for both purposes, which share every step: the ID number
 * (from the card on the reader, or typed with the X key), the phone, a captcha
 * answered on the letter keypad, "Get code" with a resend countdown, and the
 * code with its 90 s validity counting down beside it. Every error code of the
 * registry has its own message and offers the next step as a button (the
 * kiosk's problem table). All calls go through the typed registry client on
 * worker threads and are cancelled when the page resets; nothing is queued
 * when the registry cannot be reached. A login or registration opens the
 * session in the visit.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-filing.h"
#include "core-privacy.h"
#include "idcard-document.h"
#include "kiosk-confirmation.h"
#include "kiosk-enums.h"
#include "kiosk-keypad.h"
#include "kiosk-problem.h"
#include "kiosk-sms-page.h"
#include "kiosk-sms-page-private.h"

#define ID_DIGITS 18
#define PHONE_DIGITS 11
#define CODE_DIGITS 6
#define CAPTCHA_MIN 4
#define CAPTCHA_MAX 5
/* a person looking for their phone keeps the page this long after the
 * code expires */
#define HOLD_AFTER_EXPIRY_S 30
#define DEFAULT_RESEND_S 60
#define DEFAULT_VALID_S 90
#define US_PER_S G_USEC_PER_SEC

struct _KioskSmsPage
{
  KioskPage parent_instance;

  GtkLabel *title_label;
  GtkWidget *columns_box;
  GtkWidget *form_grid;
  GtkWidget *id_entry;
  GtkWidget *phone_entry;
  GtkWidget *captcha_entry;
  GtkWidget *code_entry;
  GtkPicture *captcha_picture;
  GtkWidget *another_button;
  GtkWidget *send_button;
  GtkLabel *validity_label;
  GtkLabel *hint_label;
  GtkWidget *problem_box;
  GtkLabel *problem_label;
  GtkWidget *problem_button;
  GtkWidget *changed_phone_button;
  KioskConfirmation *changed_phone_confirmation;
  GtkWidget *registered_id_box;
  GtkLabel *registered_id_label;
  GtkLabel *correct_id_label;
  GtkWidget *side_box;
  KioskKeypad *keypad;
  GtkSpinner *spinner;
  GtkWidget *submit_button;

  KioskSmsPurpose purpose; /* from the page's id */
  KioskSmsField field;

  char *card_doc_type; /* set while the number comes from a card */
  char *card_doc_number;
  char *card_masked;

  char *captcha_id;
  GCancellable *captcha_cancellable;
  GCancellable *cancellable;
  gboolean busy;
  gboolean code_sent;
  char *sent_hint;
  gint64 resend_at; /* monotonic µs; 0 for none */
  gint64 expires_at;
  guint hold_s; /* the idle limit while a code is pending, 0 without one */
  guint tick_source;

  KioskProblem *problem; /* shown beside the fields, with its next step */
};

G_DEFINE_FINAL_TYPE (KioskSmsPage, kiosk_sms_page, KIOSK_TYPE_PAGE)

/* the arguments the other purpose's page passes on with "Log in instead" */
enum
{
  PROP_0,
  PROP_DOC_NUMBER,
  PROP_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_buttons (KioskSmsPage *self);
static void prefill (KioskSmsPage *self,
                     const char *doc_type,
                     const char *doc_number,
                     gboolean from_card,
                     const char *phone);
static void take_card (KioskSmsPage *self, IdcardCard *card);
static void kiosk_sms_page_card_read (KioskPage *page, IdcardCard *card);
static void fetch_captcha (KioskSmsPage *self);
static void start_ticking (KioskSmsPage *self);

/* %NULL when the kiosk is not enrolled: nothing can be sent */
static SyncRegistry *
registry (KioskSmsPage *self)
{
  return kiosk_services_get_registry (kiosk_page_get_services (KIOSK_PAGE (self)));
}

static GtkEditable *
entry (GtkWidget *widget)
{
  return GTK_EDITABLE (widget);
}

static gboolean
all_digits (const char *text, gsize length)
{
  if (strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static char *
current_doc_number (KioskSmsPage *self)
{
  if (self->card_doc_number != NULL)
    return g_strdup (self->card_doc_number);
  return idcard_document_number_normalize (gtk_editable_get_text (entry (self->id_entry)));
}

static const char *
current_doc_type (KioskSmsPage *self)
{
  /* a typed number is a resident ID card's; a card says what it is */
  return self->card_doc_type != NULL ? self->card_doc_type : "resident";
}

static gboolean
id_is_valid (KioskSmsPage *self)
{
  g_autofree char *number = NULL;

  if (self->card_doc_number != NULL)
    return TRUE;
  number = current_doc_number (self);
  return idcard_document_number_check (IDCARD_DOCUMENT_RESIDENT, number, NULL);
}

static void
clear_card (KioskSmsPage *self)
{
  g_clear_pointer (&self->card_doc_type, g_free);
  g_clear_pointer (&self->card_doc_number, g_free);
  g_clear_pointer (&self->card_masked, g_free);
}

/* ---- the keypads ---- */

/**
 * kiosk_sms_page_select_field:
 *
 * Points the right keypad at @field and focuses it, as touching the field does.
 */
void
kiosk_sms_page_select_field (KioskSmsPage *self, KioskSmsField field)
{
  GtkWidget *target = GTK_WIDGET (kiosk_sms_page_get_entry (self, field));

  g_return_if_fail (KIOSK_IS_SMS_PAGE (self));

  self->field = field;
  kiosk_keypad_set_target (self->keypad, entry (target));
  kiosk_keypad_set_layout (self->keypad, field == KIOSK_SMS_FIELD_CAPTCHA ? KIOSK_KEYPAD_LETTERS
                                         : field == KIOSK_SMS_FIELD_ID_NUMBER
                                             ? KIOSK_KEYPAD_ID_NUMBER
                                             : KIOSK_KEYPAD_DIGITS);
  kiosk_keypad_set_max_length (self->keypad, field == KIOSK_SMS_FIELD_CAPTCHA     ? CAPTCHA_MAX
                                             : field == KIOSK_SMS_FIELD_ID_NUMBER ? ID_DIGITS
                                             : field == KIOSK_SMS_FIELD_PHONE     ? PHONE_DIGITS
                                                                                  : CODE_DIGITS);
  if (gtk_widget_get_mapped (target) && !gtk_widget_has_focus (target))
    gtk_widget_grab_focus (target);
}

static void
field_focused_cb (GtkEventControllerFocus *controller, KioskSmsPage *self)
{
  KioskSmsField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (controller), "field"));

  if (field != self->field)
    kiosk_sms_page_select_field (self, field);
}

static void
watch_focus (KioskSmsPage *self, GtkWidget *widget, KioskSmsField field)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data (G_OBJECT (focus), "field", GINT_TO_POINTER (field));
  g_signal_connect (focus, "enter", G_CALLBACK (field_focused_cb), self);
  gtk_widget_add_controller (widget, focus);
}

/* ---- problems and their next steps ---- */

/* Registered already (by SMS, or filed with a phone): nothing is left to
 * type here, only to log in. */
static gboolean
showing_registered (KioskSmsPage *self)
{
  return self->problem != NULL && self->problem->next_step == KIOSK_NEXT_STEP_LOG_IN;
}

/* The form, or only what "already registered" leaves to do: the
 * information with the number it is about, the way to the window for a
 * changed phone, and logging in as the frame's primary action, where a
 * greyed Register would otherwise stand. */
static void
update_view (KioskSmsPage *self)
{
  gboolean registered = showing_registered (self);

  /* read from the top: what is so, then the other way */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->columns_box),
                                  registered ? GTK_ORIENTATION_VERTICAL
                                             : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_halign (self->side_box, registered ? GTK_ALIGN_START : GTK_ALIGN_FILL);
  /* no keypad to keep to the width of: one line */
  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->changed_phone_button))),
                      !registered);
  if (registered)
    gtk_widget_add_css_class (self->columns_box, "sms-registered");
  else
    gtk_widget_remove_css_class (self->columns_box, "sms-registered");
  gtk_widget_set_visible (self->form_grid, !registered);
  gtk_widget_set_visible (GTK_WIDGET (self->keypad), !registered);
  gtk_widget_set_visible (self->registered_id_box, registered);
  gtk_label_set_text (self->registered_id_label,
                      registered ? gtk_editable_get_text (entry (self->id_entry)) : "");
  /* a number read from a card is not mistyped */
  gtk_widget_set_visible (GTK_WIDGET (self->correct_id_label),
                          registered && self->card_doc_number == NULL);
  if (registered)
    gtk_button_set_label (GTK_BUTTON (self->submit_button), self->problem->button);
  else
    gtk_button_set_label (GTK_BUTTON (self->submit_button),
                          self->purpose == KIOSK_SMS_PURPOSE_REGISTER ? _ ("Register")
                                                                      : _ ("Log in"));
  /* and whether it can be tapped */
  update_buttons (self);
}

static void show_changed_phone (KioskSmsPage *self, gboolean asking);

static void
hide_problem (KioskSmsPage *self)
{
  show_changed_phone (self, FALSE);
  gtk_widget_set_visible (self->changed_phone_button, FALSE);
  g_clear_pointer (&self->problem, kiosk_problem_free);
  gtk_label_set_text (self->problem_label, "");
  gtk_widget_set_visible (self->problem_box, FALSE);
  gtk_widget_set_visible (self->problem_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), TRUE);
  update_view (self);
}

/* Registered already, by card or by SMS, is no mistake of the person's:
 * it is told as information with its way on (log in), not as an error,
 * to the eye and to a screen reader alike. */
static void
set_problem_style (KioskSmsPage *self, const KioskProblem *problem)
{
  gboolean information = problem->next_step == KIOSK_NEXT_STEP_LOG_IN;
  GtkWidget *label = GTK_WIDGET (self->problem_label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problem_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  information ? _ ("Information") : _ ("Problem"), -1);

  if (information)
    {
      gtk_widget_add_css_class (self->problem_box, "information");
      gtk_widget_remove_css_class (label, "error-message");
      gtk_widget_add_css_class (label, "information-message");
    }
  else
    {
      gtk_widget_remove_css_class (self->problem_box, "information");
      gtk_widget_remove_css_class (label, "information-message");
      gtk_widget_add_css_class (label, "error-message");
    }
}

static void
show_problem (KioskSmsPage *self, KioskProblem *problem)
{
  g_clear_pointer (&self->problem, kiosk_problem_free);
  self->problem = problem;
  gtk_label_set_text (self->problem_label, problem->message);
  gtk_button_set_label (GTK_BUTTON (self->problem_button),
                        problem->button != NULL ? problem->button : "");
  set_problem_style (self, problem);
  gtk_widget_set_visible (self->problem_box, TRUE);
  /* a problem that leaves nothing to do here has no button: the frame's
   * Home and Back are the ways out, and a third would only repeat them;
   * logging in instead is the frame's primary action */
  gtk_widget_set_visible (self->problem_button, problem->next_step != KIOSK_NEXT_STEP_LEAVE &&
                                                    problem->next_step != KIOSK_NEXT_STEP_LOG_IN);
  /* the problem takes the hint's place: the page has no room for both */
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);
  update_view (self);
  /* the field typed in has gone with the form: the way on has the focus */
  if (showing_registered (self) && gtk_widget_get_mapped (self->submit_button))
    gtk_widget_grab_focus (self->submit_button);
}

static gboolean
is_registered_already (const GError *error)
{
  return g_error_matches (error, CORE_API_ERROR, CORE_API_ERROR_ID_ALREADY_REGISTERED) ||
         g_error_matches (error, CORE_API_ERROR, CORE_API_ERROR_ALREADY_ENABLED);
}

/* A registry call failed: the problem table says what to tell the person;
 * the codes that change what the page may do next change it here. */
static void
show_error (KioskSmsPage *self, const GError *error)
{
  KioskProblem *problem = kiosk_problem_new_for_error (error);

  g_message ("a registration or login step failed (%s): %s", problem->code, error->message);
  if (problem->next_step == KIOSK_NEXT_STEP_NEW_CODE)
    {
      /* the code cannot be used any more */
      self->code_sent = FALSE;
      self->expires_at = 0;
    }
  if (g_error_matches (error, CORE_API_ERROR, CORE_API_ERROR_TOO_FREQUENT))
    {
      gint64 seconds = core_api_error_get_retry_after (error);

      seconds = seconds > 0 ? seconds : DEFAULT_RESEND_S;
      self->resend_at = g_get_monotonic_time () + MIN (seconds, 600) * US_PER_S;
      start_ticking (self);
    }
  show_problem (self, problem);
  /* registered with another number, or a number the registry does not
   * know for this person: a changed phone is changed at the window */
  gtk_widget_set_visible (
      self->changed_phone_button,
      is_registered_already (error) ||
          g_error_matches (error, CORE_API_ERROR, CORE_API_ERROR_NOT_REGISTERED));
  /* on a short screen the problem's ways forward are below the fold */
  kiosk_page_scroll_into_view (KIOSK_PAGE (self),
                               gtk_widget_get_visible (self->changed_phone_button)
                                   ? self->changed_phone_button
                                   : self->problem_box);
}

/* Leaving the page forgets what was typed on it. */
static void
go_away (KioskSmsPage *self, KioskPageId target)
{
  kiosk_page_navigate (KIOSK_PAGE (self), target, NULL);
  kiosk_page_reset (KIOSK_PAGE (self));
}

/* Register instead of logging in, or the other way round, with what was
 * typed; a number read from a card is the visit's card, which the other
 * page takes itself. */
static void
go_to_other_purpose (KioskSmsPage *self, gboolean keep_phone)
{
  KioskPageId other =
      self->purpose == KIOSK_SMS_PURPOSE_REGISTER ? KIOSK_PAGE_LOGIN : KIOSK_PAGE_REGISTER;
  g_autofree char *typed = self->card_doc_number == NULL ? current_doc_number (self) : NULL;

  kiosk_page_navigate (KIOSK_PAGE (self), other, "doc-number", typed, "phone",
                       keep_phone ? gtk_editable_get_text (entry (self->phone_entry)) : "", NULL);
  kiosk_page_reset (KIOSK_PAGE (self));
}

/* ---- a changed phone ---- */

/* Where a changed phone is changed: the window this kiosk stands by, when
 * its operator named it (the welcome page shows the same name). */
static char *
changed_phone_text (KioskSmsPage *self)
{
  KioskConfig *config = kiosk_services_get_config (kiosk_page_get_services (KIOSK_PAGE (self)));
  const char *window_name = config != NULL ? kiosk_config_get_window_name (config) : NULL;

  if (window_name != NULL && *window_name != '\0')
    /* TRANSLATORS: %s is the service window's name as the kiosk's operator
     * set it, e.g. "3号窗口" */
    return g_strdup_printf (_ ("Please take your ID card to %s. Staff there will change the "
                               "mobile number you log in with. End and clear removes what you "
                               "entered here."),
                            window_name);
  return g_strdup (_ ("Please take your ID card to the service window. Staff there will change "
                      "the mobile number you log in with. End and clear removes what you entered "
                      "here."));
}

static gboolean
asking_changed_phone (KioskSmsPage *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->changed_phone_confirmation));
}

/* The question in the place of the form, the keypad and the page's
 * action, which all come back as they were when it goes. */
static void
show_changed_phone (KioskSmsPage *self, gboolean asking)
{
  if (asking)
    {
      g_autofree char *text = changed_phone_text (self);

      kiosk_confirmation_set_message (self->changed_phone_confirmation, text);
    }
  gtk_widget_set_visible (self->columns_box, !asking);
  gtk_widget_set_visible (self->submit_button, !asking);
  gtk_widget_set_visible (GTK_WIDGET (self->changed_phone_confirmation), asking);
  if (asking)
    gtk_widget_grab_focus (kiosk_confirmation_get_cancel_button (self->changed_phone_confirmation));
}

/* "Mobile number changed?": only staff can change the number someone logs
 * in with. The tap says so, and where to go, before anything is cleared:
 * End and clear ends the visit, Continue keeps the page as it was (not
 * "Back", which the footer's button right under it says for the page
 * before). */
static void
changed_phone_cb (KioskSmsPage *self)
{
  show_changed_phone (self, TRUE);
}

static void
changed_phone_back_cb (KioskSmsPage *self)
{
  show_changed_phone (self, FALSE);
  gtk_widget_grab_focus (self->changed_phone_button);
}

/* the welcome page says it once more, for the way to the window */
static void
changed_phone_finish_cb (KioskSmsPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_ATTRACT, "notice",
                       _ ("To change the mobile number you log in with, please go to the window "
                          "with your ID card."),
                       NULL);
  kiosk_page_reset (KIOSK_PAGE (self));
}

static void
problem_button_cb (KioskSmsPage *self)
{
  KioskNextStep next = self->problem != NULL ? self->problem->next_step : KIOSK_NEXT_STEP_DISMISS;
  /* after "already registered" the number typed is not the one to log in
   * with: the login page starts without it */
  gboolean keep_phone =
      self->problem == NULL || (g_strcmp0 (self->problem->code, "id_already_registered") != 0 &&
                                g_strcmp0 (self->problem->code, "already_enabled") != 0);

  hide_problem (self);
  switch (next)
    {
      case KIOSK_NEXT_STEP_CAPTCHA:
        gtk_editable_set_text (entry (self->captcha_entry), "");
        kiosk_sms_page_select_field (self, KIOSK_SMS_FIELD_CAPTCHA);
        break;
      case KIOSK_NEXT_STEP_WELCOME:
        go_away (self, KIOSK_PAGE_ATTRACT);
        break;
      case KIOSK_NEXT_STEP_LOG_IN:
      case KIOSK_NEXT_STEP_REGISTER:
        go_to_other_purpose (self, keep_phone);
        break;
      case KIOSK_NEXT_STEP_OTHER_PHONE:
        gtk_editable_set_text (entry (self->phone_entry), "");
        kiosk_sms_page_select_field (self, KIOSK_SMS_FIELD_PHONE);
        break;
      case KIOSK_NEXT_STEP_CODE:
        gtk_editable_set_text (entry (self->code_entry), "");
        kiosk_sms_page_select_field (self, KIOSK_SMS_FIELD_CODE);
        break;
      case KIOSK_NEXT_STEP_NEW_CODE:
        gtk_editable_set_text (entry (self->code_entry), "");
        kiosk_sms_page_select_field (self, KIOSK_SMS_FIELD_CAPTCHA);
        break;
      case KIOSK_NEXT_STEP_LEAVE: /* offers no button */
      case KIOSK_NEXT_STEP_DISMISS:
      default:
        break;
    }
  update_buttons (self);
}

/* ---- countdowns ---- */

static guint
seconds_left (gint64 deadline, gint64 now)
{
  if (deadline <= now)
    return 0;
  return (guint) ((deadline - now + US_PER_S - 1) / US_PER_S);
}

static gboolean
tick_cb (gpointer user_data)
{
  KioskSmsPage *self = user_data;
  gint64 now = g_get_monotonic_time ();

  update_buttons (self);
  if (self->resend_at > now || self->expires_at + HOLD_AFTER_EXPIRY_S * US_PER_S > now)
    return G_SOURCE_CONTINUE;
  self->tick_source = 0;
  return G_SOURCE_REMOVE;
}

static void
start_ticking (KioskSmsPage *self)
{
  if (self->tick_source == 0)
    self->tick_source = g_timeout_add_seconds (1, tick_cb, self);
  update_buttons (self);
}

/* While a sent code is valid (and a little after), the page waits for a
 * person who is looking for their phone rather than resetting at the
 * kiosk's idle timeout; the header says why it waits. */
static void
update_hold (KioskSmsPage *self, gint64 now)
{
  gboolean pending = self->code_sent && self->expires_at > now;
  gboolean holding = self->code_sent && self->expires_at + HOLD_AFTER_EXPIRY_S * US_PER_S > now;

  kiosk_page_set_idle_limit (KIOSK_PAGE (self), holding ? self->hold_s : 0);
  kiosk_page_set_idle_note (KIOSK_PAGE (self), pending ? _ ("Waiting for the text message") : NULL);
}

static void
update_buttons (KioskSmsPage *self)
{
  gint64 now = g_get_monotonic_time ();
  gboolean online = registry (self) != NULL;
  const char *typed_id = gtk_editable_get_text (entry (self->id_entry));
  const char *phone = gtk_editable_get_text (entry (self->phone_entry));
  const char *code = gtk_editable_get_text (entry (self->code_entry));
  glong answer_length = g_utf8_strlen (gtk_editable_get_text (entry (self->captcha_entry)), -1);
  gboolean id_ok = id_is_valid (self);
  gboolean phone_ok = core_phone_is_mobile (phone);
  guint resend_in = seconds_left (self->resend_at, now);
  guint valid_for = seconds_left (self->expires_at, now);
  g_autofree char *send_label = NULL;
  g_autofree char *validity = NULL;
  gboolean bad_id;
  gboolean bad_phone;
  const char *hint;

  gtk_widget_set_sensitive (self->send_button, online && !self->busy && id_ok && phone_ok &&
                                                   self->captcha_id != NULL &&
                                                   answer_length >= CAPTCHA_MIN && resend_in == 0);
  gtk_widget_set_sensitive (self->submit_button, online && !self->busy &&
                                                     (showing_registered (self) ||
                                                      (self->code_sent && id_ok && phone_ok &&
                                                       all_digits (code, CODE_DIGITS))));
  gtk_widget_set_sensitive (self->another_button, online && !self->busy);

  if (resend_in > 0)
    /* Translators: on the "Get code" button while it waits; "s" for seconds */
    send_label = g_strdup_printf (_ ("Send again in %u s"), resend_in);
  else
    send_label =
        g_strdup (self->code_sent || self->resend_at != 0 ? _ ("Get a new code") : _ ("Get code"));
  gtk_button_set_label (GTK_BUTTON (self->send_button), send_label);
  update_hold (self, now);

  if (self->code_sent && valid_for > 0)
    /* Translators: beside the code field, counting down */
    validity = g_strdup_printf (_ ("Valid for %u s"), valid_for);
  else if (self->code_sent)
    validity = g_strdup (_ ("Expired: get a new code"));
  gtk_label_set_text (self->validity_label, validity != NULL ? validity : "");

  bad_id = self->card_doc_number == NULL && strlen (typed_id) == ID_DIGITS && !id_ok;
  bad_phone = strlen (phone) == PHONE_DIGITS && !phone_ok;
  if (bad_id)
    hint = _ ("This ID number is not valid. Please check it, or place your card on the reader.");
  else if (bad_phone)
    hint = _ ("A mobile number has 11 digits and starts with 13 to 19.");
  else if (self->sent_hint != NULL)
    hint = self->sent_hint;
  else if (self->purpose == KIOSK_SMS_PURPOSE_REGISTER)
    hint = _ ("Place your ID card on the reader or type its number, then the mobile number "
              "that will receive the code. Only people already filed at a window can register.");
  else
    hint = _ ("Place your ID card on the reader or type its number, then the mobile number you "
              "registered or filed with.");
  gtk_label_set_text (self->hint_label, hint);
  if (bad_id || bad_phone)
    gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "error-message");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "error-message");
}

static void
set_busy (KioskSmsPage *self, gboolean busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  update_buttons (self);
}

/* ---- the captcha ---- */

static void
captcha_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncCaptcha) captcha = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  KioskSmsPage *self;

  captcha = sync_registry_get_captcha_finish (SYNC_REGISTRY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = KIOSK_SMS_PAGE (user_data);
  g_clear_object (&self->captcha_cancellable);
  if (captcha != NULL)
    texture = gdk_texture_new_from_bytes (captcha->png, &error);
  if (texture == NULL)
    {
      show_error (self, error);
      return;
    }
  g_free (self->captcha_id);
  self->captcha_id = g_strdup (captcha->id);
  gtk_picture_set_paintable (self->captcha_picture, GDK_PAINTABLE (texture));
  update_buttons (self);
}

static void
fetch_captcha (KioskSmsPage *self)
{
  SyncRegistry *calls = registry (self);

  g_cancellable_cancel (self->captcha_cancellable);
  g_clear_object (&self->captcha_cancellable);
  g_clear_pointer (&self->captcha_id, g_free);
  gtk_picture_set_paintable (self->captcha_picture, NULL);
  gtk_editable_set_text (entry (self->captcha_entry), "");
  update_buttons (self);
  if (calls == NULL)
    return;

  self->captcha_cancellable = g_cancellable_new ();
  sync_registry_get_captcha_async (calls, self->captcha_cancellable, captcha_cb, self);
}

static void
another_captcha_cb (KioskSmsPage *self)
{
  fetch_captcha (self);
  kiosk_sms_page_select_field (self, KIOSK_SMS_FIELD_CAPTCHA);
}

/* ---- sending the code and using it ---- */

static GCancellable *
renew_cancellable (KioskSmsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  return self->cancellable;
}

static void
sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncCodeSent) sent = NULL;
  g_autofree char *masked = NULL;
  KioskSmsPage *self;
  gint64 now = g_get_monotonic_time ();

  sent = sync_registry_send_code_finish (SYNC_REGISTRY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = KIOSK_SMS_PAGE (user_data);
  set_busy (self, FALSE);
  /* the registry spent the captcha whatever it answered */
  fetch_captcha (self);
  if (sent == NULL)
    {
      show_error (self, error);
      return;
    }

  self->code_sent = TRUE;
  self->resend_at = now + sent->resend_after * US_PER_S;
  self->expires_at = now + sent->expires_in * US_PER_S;
  /* the tap on "Get code" was the last touch: the idle time counts from it */
  self->hold_s = (guint) MIN (sent->expires_in, 3600) + HOLD_AFTER_EXPIRY_S;
  masked = core_mask_phone (gtk_editable_get_text (entry (self->phone_entry)));
  g_free (self->sent_hint);
  self->sent_hint = g_strdup_printf (_ ("A code was sent to %s by text message."), masked);
  gtk_editable_set_text (entry (self->code_entry), "");
  kiosk_sms_page_select_field (self, KIOSK_SMS_FIELD_CODE);
  start_ticking (self);
}

static void
send_cb (KioskSmsPage *self)
{
  SyncRegistry *calls = registry (self);
  g_autofree char *answer = NULL;
  g_autofree char *number = NULL;

  if (self->busy || self->captcha_id == NULL || calls == NULL)
    return;
  answer = g_utf8_strup (gtk_editable_get_text (entry (self->captcha_entry)), -1);
  number = current_doc_number (self);
  hide_problem (self);

  set_busy (self, TRUE);
  sync_registry_send_code_async (
      calls,
      self->purpose == KIOSK_SMS_PURPOSE_REGISTER ? SYNC_SMS_PURPOSE_REGISTER
                                                  : SYNC_SMS_PURPOSE_LOGIN,
      current_doc_type (self), number, gtk_editable_get_text (entry (self->phone_entry)),
      self->captcha_id, answer, renew_cancellable (self), sent_cb, self);
}

/* A registration or login opened the person's session, or failed. */
static void
session_opened (KioskSmsPage *self, SyncSession *session, const GError *error)
{
  set_busy (self, FALSE);
  if (session == NULL)
    {
      show_error (self, error);
      return;
    }
  kiosk_visit_begin_session (kiosk_page_get_visit (KIOSK_PAGE (self)), session->token,
                             session->person);
  /* on to where the person was headed, or their home */
  kiosk_page_continue (KIOSK_PAGE (self), KIOSK_PAGE_HOME);
  kiosk_page_reset (KIOSK_PAGE (self));
}

static void
registered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncSession) session =
      sync_registry_register_finish (SYNC_REGISTRY (source), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    session_opened (KIOSK_SMS_PAGE (user_data), session, error);
}

static void
logged_in_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncSession) session =
      sync_registry_log_in_finish (SYNC_REGISTRY (source), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    session_opened (KIOSK_SMS_PAGE (user_data), session, error);
}

static void
submit_cb (KioskSmsPage *self)
{
  SyncRegistry *calls = registry (self);
  g_autofree char *number = NULL;
  const char *phone = gtk_editable_get_text (entry (self->phone_entry));
  const char *code = gtk_editable_get_text (entry (self->code_entry));

  if (showing_registered (self))
    {
      problem_button_cb (self);
      return;
    }
  if (self->busy || !self->code_sent || calls == NULL)
    return;
  number = current_doc_number (self);
  hide_problem (self);

  set_busy (self, TRUE);
  if (self->purpose == KIOSK_SMS_PURPOSE_REGISTER)
    sync_registry_register_async (calls, current_doc_type (self), number, phone, code,
                                  renew_cancellable (self), registered_cb, self);
  else
    sync_registry_log_in_async (calls, current_doc_type (self), number, phone, code,
                                renew_cancellable (self), logged_in_cb, self);
}

/* Back from "already registered" is back to the form as it was, where a
 * mistyped ID number is corrected (the page says so); from the form it
 * leaves. */
static void
kiosk_sms_page_go_back (KioskPage *page)
{
  KioskSmsPage *self = KIOSK_SMS_PAGE (page);

  /* the frame's Back answers the question as its own Back does */
  if (asking_changed_phone (self))
    {
      changed_phone_back_cb (self);
      return;
    }
  if (!showing_registered (self))
    {
      go_away (self, KIOSK_PAGE_ATTRACT);
      return;
    }
  hide_problem (self);
  kiosk_sms_page_select_field (self, self->card_doc_number == NULL ? KIOSK_SMS_FIELD_ID_NUMBER
                                                                   : KIOSK_SMS_FIELD_PHONE);
}

/* ---- typing ---- */

static void
forget_sent_code (KioskSmsPage *self)
{
  self->code_sent = FALSE;
  self->expires_at = 0;
  g_clear_pointer (&self->sent_hint, g_free);
}

static void
id_changed_cb (KioskSmsPage *self)
{
  const char *text = gtk_editable_get_text (entry (self->id_entry));

  if (self->card_doc_number != NULL && g_strcmp0 (text, self->card_masked) != 0)
    {
      /* typing over a number read from a card starts a typed one */
      clear_card (self);
      gtk_editable_set_text (entry (self->id_entry), "");
      return;
    }
  forget_sent_code (self);
  if (self->field == KIOSK_SMS_FIELD_ID_NUMBER && self->card_doc_number == NULL &&
      strlen (text) == ID_DIGITS && id_is_valid (self))
    kiosk_sms_page_select_field (self, KIOSK_SMS_FIELD_PHONE);
  update_buttons (self);
}

static void
phone_changed_cb (KioskSmsPage *self)
{
  const char *phone = gtk_editable_get_text (entry (self->phone_entry));

  forget_sent_code (self);
  if (self->field == KIOSK_SMS_FIELD_PHONE && core_phone_is_mobile (phone))
    kiosk_sms_page_select_field (self, KIOSK_SMS_FIELD_CAPTCHA);
  update_buttons (self);
}

/* ---- the page ---- */

static void
kiosk_sms_page_shown (KioskPage *page)
{
  KioskSmsPage *self = KIOSK_SMS_PAGE (page);
  KioskSmsField field = KIOSK_SMS_FIELD_ID_NUMBER;

  if (kiosk_page_get_offline (page))
    show_problem (self, kiosk_problem_new_not_connected ());
  else if (self->captcha_id == NULL && self->captcha_cancellable == NULL)
    fetch_captcha (self);

  /* right after filing, the card is still on the reader */
  if (self->card_doc_number == NULL && *gtk_editable_get_text (entry (self->id_entry)) == '\0' &&
      kiosk_visit_get_card (kiosk_page_get_visit (page)) != NULL)
    take_card (self, kiosk_visit_get_card (kiosk_page_get_visit (page)));

  if (id_is_valid (self))
    field = core_phone_is_mobile (gtk_editable_get_text (entry (self->phone_entry)))
                ? KIOSK_SMS_FIELD_CAPTCHA
                : KIOSK_SMS_FIELD_PHONE;
  kiosk_sms_page_select_field (self, field);
  update_buttons (self);
}

static void
cancel_calls (KioskSmsPage *self)
{
  g_cancellable_cancel (self->captcha_cancellable);
  g_clear_object (&self->captcha_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_source, g_source_remove);
}

static void
kiosk_sms_page_reset (KioskPage *page)
{
  KioskSmsPage *self = KIOSK_SMS_PAGE (page);

  cancel_calls (self);
  clear_card (self);
  g_clear_pointer (&self->captcha_id, g_free);
  self->busy = FALSE;
  self->resend_at = 0;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_picture_set_paintable (self->captcha_picture, NULL);
  gtk_editable_set_text (entry (self->id_entry), "");
  gtk_editable_set_text (entry (self->phone_entry), "");
  gtk_editable_set_text (entry (self->captcha_entry), "");
  gtk_editable_set_text (entry (self->code_entry), "");
  forget_sent_code (self);
  hide_problem (self);
  kiosk_sms_page_select_field (self, KIOSK_SMS_FIELD_ID_NUMBER);
  update_buttons (self);
}

static void
kiosk_sms_page_constructed (GObject *object)
{
  KioskSmsPage *self = KIOSK_SMS_PAGE (object);
  gboolean registering;

  G_OBJECT_CLASS (kiosk_sms_page_parent_class)->constructed (object);

  self->purpose = kiosk_page_get_id (KIOSK_PAGE (self)) == KIOSK_PAGE_LOGIN
                      ? KIOSK_SMS_PURPOSE_LOGIN
                      : KIOSK_SMS_PURPOSE_REGISTER;
  registering = self->purpose == KIOSK_SMS_PURPOSE_REGISTER;
  kiosk_page_set_title (KIOSK_PAGE (self), registering ? _ ("Register") : _ ("Log in"));
  gtk_label_set_text (self->title_label, registering
                                             ? _ ("Register for self-service with your phone")
                                             : _ ("Log in with your ID number and phone"));
  /* the frame's header shows the title; the page's own label stays hidden */
  kiosk_page_set_title (KIOSK_PAGE (self), gtk_label_get_text (self->title_label));
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), FALSE);
  update_view (self);
}

static void
kiosk_sms_page_dispose (GObject *object)
{
  KioskSmsPage *self = KIOSK_SMS_PAGE (object);

  cancel_calls (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SMS_PAGE);

  G_OBJECT_CLASS (kiosk_sms_page_parent_class)->dispose (object);
}

static void
kiosk_sms_page_finalize (GObject *object)
{
  KioskSmsPage *self = KIOSK_SMS_PAGE (object);

  clear_card (self);
  g_free (self->captcha_id);
  g_free (self->sent_hint);
  g_clear_pointer (&self->problem, kiosk_problem_free);

  G_OBJECT_CLASS (kiosk_sms_page_parent_class)->finalize (object);
}

static void
kiosk_sms_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskSmsPage *self = KIOSK_SMS_PAGE (object);

  switch (prop_id)
    {
      case PROP_DOC_NUMBER:
        g_value_take_string (value, current_doc_number (self));
        break;
      case PROP_PHONE:
        g_value_set_string (value, gtk_editable_get_text (entry (self->phone_entry)));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_sms_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KioskSmsPage *self = KIOSK_SMS_PAGE (object);

  switch (prop_id)
    {
      case PROP_DOC_NUMBER:
        if (g_value_get_string (value) != NULL)
          prefill (self, "resident", g_value_get_string (value), FALSE, NULL);
        break;
      case PROP_PHONE:
        if (g_value_get_string (value) != NULL)
          prefill (self, current_doc_type (self), NULL, self->card_doc_number != NULL,
                   g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_sms_page_class_init (KioskSmsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->constructed = kiosk_sms_page_constructed;
  object_class->dispose = kiosk_sms_page_dispose;
  object_class->finalize = kiosk_sms_page_finalize;
  object_class->get_property = kiosk_sms_page_get_property;
  object_class->set_property = kiosk_sms_page_set_property;
  page_class->shown = kiosk_sms_page_shown;
  page_class->reset = kiosk_sms_page_reset;
  page_class->card_read = kiosk_sms_page_card_read;
  page_class->go_back = kiosk_sms_page_go_back;

  /**
   * KioskSmsPage:doc-number:
   *
   * A resident ID number typed on the other purpose's page, carried over;
   * an argument of navigations to the page.
   */
  properties[PROP_DOC_NUMBER] =
      g_param_spec_string ("doc-number", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskSmsPage:phone:
   *
   * The mobile number, carried over from the other purpose's page.
   */
  properties[PROP_PHONE] =
      g_param_spec_string ("phone", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KIOSK_TYPE_KEYPAD);
  g_type_ensure (KIOSK_TYPE_CONFIRMATION);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-sms-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, columns_box);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, form_grid);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, id_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, captcha_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, captcha_picture);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, another_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, validity_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, problem_box);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, problem_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, changed_phone_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, changed_phone_confirmation);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, registered_id_box);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, registered_id_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, correct_id_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, side_box);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, keypad);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KioskSmsPage, submit_button);
  gtk_widget_class_bind_template_callback (widget_class, id_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, phone_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_buttons);
  gtk_widget_class_bind_template_callback (widget_class, another_captcha_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_cb);
  gtk_widget_class_bind_template_callback (widget_class, submit_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_button_cb);
  gtk_widget_class_bind_template_callback (widget_class, changed_phone_cb);
  gtk_widget_class_bind_template_callback (widget_class, changed_phone_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, changed_phone_finish_cb);
}

static void
wrap_button_label (GtkWidget *button)
{
  GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_justify (label, GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (label, 14);
}

static void
kiosk_sms_page_init (KioskSmsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* no wider than the keypad above them, in two lines if need be; the
   * problem's button gets its words with the problem */
  gtk_button_set_label (GTK_BUTTON (self->problem_button), "");
  wrap_button_label (self->problem_button);
  wrap_button_label (self->changed_phone_button);
  watch_focus (self, self->id_entry, KIOSK_SMS_FIELD_ID_NUMBER);
  watch_focus (self, self->phone_entry, KIOSK_SMS_FIELD_PHONE);
  watch_focus (self, self->captcha_entry, KIOSK_SMS_FIELD_CAPTCHA);
  watch_focus (self, self->code_entry, KIOSK_SMS_FIELD_CODE);
  kiosk_sms_page_select_field (self, KIOSK_SMS_FIELD_ID_NUMBER);
}

KioskSmsPurpose
kiosk_sms_page_get_purpose (KioskSmsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SMS_PAGE (self), KIOSK_SMS_PURPOSE_REGISTER);
  return self->purpose;
}

/* The document type and number of @card; the number is shown masked. */
static void
take_card (KioskSmsPage *self, IdcardCard *card)
{
  IdcardDocumentType type = idcard_card_type_get_document_type (idcard_card_get_card_type (card));
  g_autofree char *number = idcard_document_number_normalize (idcard_card_get_id_number (card));

  prefill (self, idcard_document_type_to_string (type), number, TRUE, NULL);
  kiosk_sms_page_select_field (
      self, core_phone_is_mobile (gtk_editable_get_text (entry (self->phone_entry)))
                ? KIOSK_SMS_FIELD_CAPTCHA
                : KIOSK_SMS_FIELD_PHONE);
}

/**
 * prefill:
 * @doc_type: e.g. "resident"
 * @doc_number: (nullable): the whole number, or %NULL to keep the one there is
 * @from_card: whether the number was read from a card (then it is shown masked)
 * @phone: (nullable): the phone, or %NULL to keep the one there is
 */
static void
prefill (KioskSmsPage *self,
         const char *doc_type,
         const char *doc_number,
         gboolean from_card,
         const char *phone)
{
  if (doc_number != NULL)
    {
      clear_card (self);
      if (from_card)
        {
          self->card_doc_type = g_strdup (doc_type);
          self->card_doc_number = g_strdup (doc_number);
          self->card_masked = core_mask_id_number (doc_number);
          gtk_editable_set_text (entry (self->id_entry), self->card_masked);
        }
      else
        gtk_editable_set_text (entry (self->id_entry), doc_number);
    }
  if (phone != NULL)
    gtk_editable_set_text (entry (self->phone_entry), phone);
  update_buttons (self);
}

/* A card placed while the page shows gives the ID number; after "already
 * registered", another card is another try on the form. */
static void
kiosk_sms_page_card_read (KioskPage *page, IdcardCard *card)
{
  KioskSmsPage *self = KIOSK_SMS_PAGE (page);

  if (showing_registered (self))
    hide_problem (self);
  take_card (self, card);
}

GtkEditable *
kiosk_sms_page_get_entry (KioskSmsPage *self, KioskSmsField field)
{
  g_return_val_if_fail (KIOSK_IS_SMS_PAGE (self), NULL);

  switch (field)
    {
      case KIOSK_SMS_FIELD_PHONE:
        return entry (self->phone_entry);
      case KIOSK_SMS_FIELD_CAPTCHA:
        return entry (self->captcha_entry);
      case KIOSK_SMS_FIELD_CODE:
        return entry (self->code_entry);
      case KIOSK_SMS_FIELD_ID_NUMBER:
      default:
        return entry (self->id_entry);
    }
}

/**
 * kiosk_sms_page_get_busy:
 *
 * Returns: whether a code is being sent or used
 */
gboolean
kiosk_sms_page_get_busy (KioskSmsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SMS_PAGE (self), FALSE);
  return self->busy;
}

gboolean
kiosk_sms_page_get_captcha_ready (KioskSmsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SMS_PAGE (self), FALSE);
  return self->captcha_id != NULL && gtk_picture_get_paintable (self->captcha_picture) != NULL;
}

gboolean
kiosk_sms_page_get_code_sent (KioskSmsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SMS_PAGE (self), FALSE);
  return self->code_sent;
}

/**
 * kiosk_sms_page_get_problem:
 *
 * Returns: (nullable): the problem shown, %NULL when there is none
 */
const char *
kiosk_sms_page_get_problem (KioskSmsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SMS_PAGE (self), NULL);
  return gtk_widget_get_visible (self->problem_box) && self->problem != NULL
             ? self->problem->message
             : NULL;
}

/**
 * kiosk_sms_page_get_shown_problem:
 *
 * Returns: (nullable): the problem as the page shows it, with what the
 *   registry added (the mobile number on record)
 */
const char *
kiosk_sms_page_get_shown_problem (KioskSmsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SMS_PAGE (self), NULL);
  return gtk_widget_get_visible (self->problem_box) ? gtk_label_get_text (self->problem_label)
                                                    : NULL;
}

GtkWidget *
kiosk_sms_page_get_changed_phone_button (KioskSmsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SMS_PAGE (self), NULL);
  return self->changed_phone_button;
}

/**
 * kiosk_sms_page_get_changed_phone_question:
 *
 * Returns: (transfer none): what "Phone changed?" shows before the visit
 *   ends: where to go, with End and clear and Continue (a #KioskConfirmation)
 */
GtkWidget *
kiosk_sms_page_get_changed_phone_question (KioskSmsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SMS_PAGE (self), NULL);
  return GTK_WIDGET (self->changed_phone_confirmation);
}

/**
 * kiosk_sms_page_get_problem_code:
 *
 * Returns: (nullable): the registry's error code of the problem shown, or
 *   "unreachable" / "not_connected"
 */
const char *
kiosk_sms_page_get_problem_code (KioskSmsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SMS_PAGE (self), NULL);
  return gtk_widget_get_visible (self->problem_box) && self->problem != NULL ? self->problem->code
                                                                             : NULL;
}

/**
 * kiosk_sms_page_get_next_step:
 *
 * Returns: (nullable): the label of the button offered with the problem
 *   (after "already registered", the frame's primary action)
 */
const char *
kiosk_sms_page_get_next_step (KioskSmsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SMS_PAGE (self), NULL);
  if (showing_registered (self))
    return gtk_button_get_label (GTK_BUTTON (self->submit_button));
  return gtk_widget_get_visible (self->problem_box) && gtk_widget_get_visible (self->problem_button)
             ? gtk_button_get_label (GTK_BUTTON (self->problem_button))
             : NULL;
}

/**
 * kiosk_sms_page_show_error:
 * @error: what a registry call answered
 *
 * Shows @error as the page does when a call fails, with its next step; for
 * tests that look at the page in that state without a registry.
 */
void
kiosk_sms_page_show_error (KioskSmsPage *self, const GError *error)
{
  g_return_if_fail (KIOSK_IS_SMS_PAGE (self));
  g_return_if_fail (error != NULL);

  show_error (self, error);
  update_buttons (self);
}
