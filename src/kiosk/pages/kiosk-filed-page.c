/* kiosk-filed-page.c: the filing is kept; what to do next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Confirms at once, online or offline: the filing is in the kiosk's store and
 * the registry gets it when it can. "Next card" keeps the kiosk in filing mode
 * for a company filing its staff one card after another (the visit counts
 * them). The filing is the page's argument ("filing").
 *
 * What comes next depends on the phone: without one, registering is the way
 * to self-service; with one, the registry is asked at once what filing it
 * means for logging in (usable, another person's, or not the number the
 * person logs in with), so nobody is promised a login that will fail.
 * Offline, the page says the number will be checked later.
 *
 * One clear next step: Done, the primary, ends the visit (so the frame has
 * no Home beside it). Besides it the page offers at most one way to
 * self-service, the one the phone leads to (a filing with a phone logs in,
 * one without registers), and Next card; the welcome page has
 * both ways to self-service for whoever wants the other.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-privacy.h"
#include "kiosk-filed-page.h"
#include "kiosk-filed-page-private.h"
#include "kiosk-problem.h"
#include "sync-registry.h"

struct _KioskFiledPage
{
  KioskPage parent_instance;

  GtkStack *state_stack;
  GtkLabel *who_label;
  GtkLabel *count_label;
  GtkLabel *next_count_label;
  GtkLabel *phone_label;
  GtkWidget *register_button;
  GtkWidget *login_button;

  guint batch_count;
  char *masked_phone;        /* the filing's phone, as the page shows it */
  GCancellable *cancellable; /* the phone check */
};

G_DEFINE_FINAL_TYPE (KioskFiledPage, kiosk_filed_page, KIOSK_TYPE_PAGE)

enum
{
  PROP_0,
  PROP_FILING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_filing (KioskFiledPage *self, CoreFiling *filing);

static void
next_card_cb (KioskFiledPage *self)
{
  gtk_stack_set_visible_child_name (self->state_stack, "waiting");
}

static void
done_cb (KioskFiledPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_ATTRACT, NULL);
}

static void
register_cb (KioskFiledPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_REGISTER, NULL);
}

static void
login_cb (KioskFiledPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_LOGIN, NULL);
}

static void
kiosk_filed_page_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
      case PROP_FILING:
        show_filing (KIOSK_FILED_PAGE (object), g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_filed_page_reset (KioskPage *page)
{
  KioskFiledPage *self = KIOSK_FILED_PAGE (page);

  self->batch_count = 0;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->masked_phone, g_free);
  gtk_label_set_text (self->phone_label, "");
  gtk_label_set_text (self->who_label, "");
  gtk_label_set_text (self->count_label, "");
  gtk_label_set_text (self->next_count_label, "");
  /* nothing of the last person's choices stays in the page */
  gtk_widget_set_visible (self->register_button, FALSE);
  gtk_widget_set_visible (self->login_button, FALSE);
  gtk_stack_set_visible_child_name (self->state_stack, "done");
}

static void
kiosk_filed_page_dispose (GObject *object)
{
  KioskFiledPage *self = KIOSK_FILED_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->masked_phone, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_FILED_PAGE);

  G_OBJECT_CLASS (kiosk_filed_page_parent_class)->dispose (object);
}

static void
kiosk_filed_page_class_init (KioskFiledPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_filed_page_dispose;
  object_class->set_property = kiosk_filed_page_set_property;
  page_class->reset = kiosk_filed_page_reset;

  /**
   * KioskFiledPage:filing:
   *
   * The filing just kept; the page's argument.
   */
  properties[PROP_FILING] =
      g_param_spec_object ("filing", NULL, NULL, CORE_TYPE_FILING,
                           G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-filed-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskFiledPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, KioskFiledPage, who_label);
  gtk_widget_class_bind_template_child (widget_class, KioskFiledPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, KioskFiledPage, next_count_label);
  gtk_widget_class_bind_template_child (widget_class, KioskFiledPage, phone_label);
  gtk_widget_class_bind_template_child (widget_class, KioskFiledPage, register_button);
  gtk_widget_class_bind_template_child (widget_class, KioskFiledPage, login_button);
  gtk_widget_class_bind_template_callback (widget_class, next_card_cb);
  gtk_widget_class_bind_template_callback (widget_class, done_cb);
  gtk_widget_class_bind_template_callback (widget_class, register_cb);
  gtk_widget_class_bind_template_callback (widget_class, login_cb);
}

static void
kiosk_filed_page_init (KioskFiledPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Filed"));
}

/* @next: KIOSK_PAGE_REGISTER, KIOSK_PAGE_LOGIN, or KIOSK_PAGE_NONE when no
 * self-service can be promised */
static void
show_phone_note (KioskFiledPage *self, const char *note, KioskPageId next)
{
  gtk_label_set_text (self->phone_label, note);
  gtk_widget_set_visible (self->register_button, next == KIOSK_PAGE_REGISTER);
  gtk_widget_set_visible (self->login_button, next == KIOSK_PAGE_LOGIN);
}

static void
phone_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskFiledPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer =
      sync_registry_check_phone_finish (SYNC_REGISTRY (source), result, &error);
  g_autofree char *note = NULL;
  const char *verdict;
  const char *masked;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  masked = self->masked_phone;
  if (g_error_matches (error, CORE_API_ERROR, CORE_API_ERROR_PHONE_CHECKS_LIMITED))
    {
      g_autoptr (KioskProblem) problem = kiosk_problem_new_for_error (error);

      g_message ("the registry refused to check a filed phone: %s", error->message);
      show_phone_note (self, problem->message, KIOSK_PAGE_LOGIN);
      return;
    }
  if (answer == NULL)
    {
      g_message ("the registry could not check a filed phone: %s", error->message);
      note = g_strdup_printf (_ ("Your mobile number %s will be checked when the kiosk reaches the "
                                 "registry. If logging in fails, please go to the window."),
                              masked);
      /* logging in needs the registry too: offer it where it can work (the
       * welcome page has it once the registry answers again) */
      show_phone_note (self, note, KIOSK_PAGE_NONE);
      return;
    }
  verdict = json_object_get_string_member_with_default (answer, "phone", "");
  if (g_str_equal (verdict, "usable"))
    {
      note = g_strdup_printf (_ ("You can log in to self-service with %s."), masked);
      show_phone_note (self, note, KIOSK_PAGE_LOGIN);
    }
  else if (g_str_equal (verdict, "not_login_phone"))
    {
      note = g_strdup_printf (_ ("You log in with the mobile number on record, not with %s. "
                                 "Mobile number changed? Please go to the window."),
                              masked);
      show_phone_note (self, note, KIOSK_PAGE_LOGIN);
    }
  else
    {
      /* "taken", or an answer this kiosk does not know: never promise a login */
      note = g_strdup_printf (_ ("The mobile number %s belongs to another person and cannot be "
                                 "used to log in. Please go to the window."),
                              masked);
      show_phone_note (self, note, KIOSK_PAGE_NONE);
    }
}

static void
check_phone (KioskFiledPage *self, CoreFiling *filing)
{
  SyncRegistry *registry =
      kiosk_services_get_registry (kiosk_page_get_services (KIOSK_PAGE (self)));
  const char *phone = core_filing_get (filing, CORE_FILING_FIELD_PHONE);
  const char *masked;
  g_autofree char *note = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (phone == NULL || *phone == '\0')
    {
      show_phone_note (self,
                       _ ("You gave no mobile number. To use self-service, register with your "
                          "mobile number. You can also take your card and leave; your filing is "
                          "kept."),
                       KIOSK_PAGE_REGISTER);
      return;
    }
  g_free (self->masked_phone);
  self->masked_phone = core_mask_phone (phone);
  masked = self->masked_phone;
  if (registry == NULL)
    {
      note = g_strdup_printf (_ ("Your mobile number %s will be checked when the kiosk reaches the "
                                 "registry. If logging in fails, please go to the window."),
                              masked);
      /* logging in needs the registry too: offer it where it can work (the
       * welcome page has it once the registry answers again) */
      show_phone_note (self, note, KIOSK_PAGE_NONE);
      return;
    }
  note = g_strdup_printf (_ ("Checking your mobile number %s with the registry…"), masked);
  show_phone_note (self, note, KIOSK_PAGE_NONE);
  self->cancellable = g_cancellable_new ();
  sync_registry_check_phone_async (registry, core_filing_get (filing, CORE_FILING_FIELD_DOC_TYPE),
                                   core_filing_get (filing, CORE_FILING_FIELD_DOC_NUMBER), phone,
                                   self->cancellable, phone_checked_cb, g_object_ref (self));
}

/* The visit counts how many people were filed in a row, this one included. */
static void
show_filing (KioskFiledPage *self, CoreFiling *filing)
{
  guint batch_count = kiosk_visit_get_filed (kiosk_page_get_visit (KIOSK_PAGE (self)));
  const char *name;
  g_autofree char *masked = NULL;
  g_autofree char *who = NULL;
  g_autofree char *count = NULL;

  if (filing == NULL)
    {
      kiosk_filed_page_reset (KIOSK_PAGE (self));
      return;
    }

  name = core_filing_get (filing, CORE_FILING_FIELD_NAME);
  if (name == NULL)
    name = core_filing_get (filing, CORE_FILING_FIELD_NAME_EN);
  /* the next person in the queue may be looking: the name is masked here too */
  masked = core_mask_name (name);
  who = g_strdup_printf (_ ("%s has been filed."), masked);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person filed in a row",
                                        "%u people filed in a row", batch_count),
                           batch_count);

  self->batch_count = batch_count;
  gtk_label_set_text (self->who_label, who);
  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->next_count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), batch_count > 1);
  gtk_stack_set_visible_child_name (self->state_stack, "done");
  check_phone (self, filing);
}

/**
 * kiosk_filed_page_get_waiting_for_next:
 *
 * Returns: whether the page waits for the next card of a batch
 */
gboolean
kiosk_filed_page_get_waiting_for_next (KioskFiledPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FILED_PAGE (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->state_stack), "waiting") == 0;
}

guint
kiosk_filed_page_get_batch_count (KioskFiledPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FILED_PAGE (self), 0);
  return self->batch_count;
}

const char *
kiosk_filed_page_get_phone_note (KioskFiledPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FILED_PAGE (self), NULL);
  return gtk_label_get_text (self->phone_label);
}

gboolean
kiosk_filed_page_get_checking_phone (KioskFiledPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FILED_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

GtkWidget *
kiosk_filed_page_get_login_button (KioskFiledPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FILED_PAGE (self), NULL);
  return self->login_button;
}

GtkWidget *
kiosk_filed_page_get_register_button (KioskFiledPage *self)
{
  g_return_val_if_fail (KIOSK_IS_FILED_PAGE (self), NULL);
  return self->register_button;
}
