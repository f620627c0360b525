/* kiosk-confirmation.c: a question asked before what cannot be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every question the kiosk asks before something that cannot be undone
 * (deleting a record or an attachment, ending a visit, closing the kiosk)
 * is this widget, so that each one reads the same: the question, what it
 * means, then the answer that cannot be undone first, in the red outline
 * of such actions, and the way back after it, in the solid colour of the
 * safe choice, at the right-hand place where a finger goes on. Where the
 * question stands (over a list, in a tile, in a corner, over the window)
 * is its owner's choice; it answers ::confirmed or ::cancelled.
 */

#include "config.h"

#include "kiosk-confirmation.h"

#include "kiosk-page.h"

struct _KioskConfirmation
{
  GtkWidget parent_instance;

  GtkBox *box;
  GtkWidget *text_box;
  GtkBox *button_box;
  GtkLabel *question_label;
  GtkLabel *message_label;
  GtkWidget *confirm_button;
  GtkWidget *cancel_button;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskConfirmation,
                               kiosk_confirmation,
                               GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_ORIENTABLE, NULL))

enum
{
  PROP_0,
  PROP_QUESTION,
  PROP_MESSAGE,
  PROP_CONFIRM_LABEL,
  PROP_CANCEL_LABEL,
  PROP_MAX_WIDTH_CHARS,
  N_PROPS,
  PROP_ORIENTATION = N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CONFIRMED,
  SIGNAL_CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
confirm_cb (KioskConfirmation *self)
{
  g_signal_emit (self, signals[SIGNAL_CONFIRMED], 0);
}

static void
cancel_cb (KioskConfirmation *self)
{
  g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
}

/* Beside its answers, the question keeps two thirds of its width at least:
 * in a row as high as the page, a wrapping label is otherwise measured
 * for that height and squeezed to a column of a few characters. */
static void
update_width_chars (KioskConfirmation *self)
{
  gboolean beside =
      gtk_orientable_get_orientation (GTK_ORIENTABLE (self->box)) == GTK_ORIENTATION_HORIZONTAL;
  int max_chars = gtk_label_get_max_width_chars (self->question_label);

  gtk_label_set_width_chars (self->question_label,
                             beside && max_chars > 0 ? max_chars * 2 / 3 : -1);
}

/* Vertical: the question over its answers, centred. Horizontal (where
 * height is short, as in the corner of a page): the question beside them,
 * read from its start. */
static void
set_orientation (KioskConfirmation *self, GtkOrientation orientation)
{
  gboolean beside = orientation == GTK_ORIENTATION_HORIZONTAL;

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->box)) == orientation)
    return;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->box), orientation);
  gtk_label_set_justify (self->question_label, beside ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_CENTER);
  gtk_label_set_justify (self->message_label, beside ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_CENTER);
  gtk_label_set_xalign (self->question_label, beside ? 0 : 0.5);
  gtk_label_set_xalign (self->message_label, beside ? 0 : 0.5);
  gtk_widget_set_hexpand (self->text_box, beside);
  /* beside the question, each answer only as wide as its words: the
   * question keeps the room to stay on few lines */
  gtk_box_set_homogeneous (self->button_box, !beside);
  update_width_chars (self);
  g_object_notify (G_OBJECT (self), "orientation");
}

static void
kiosk_confirmation_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskConfirmation *self = KIOSK_CONFIRMATION (object);

  switch (prop_id)
    {
      case PROP_QUESTION:
        g_value_set_string (value, kiosk_confirmation_get_question (self));
        break;
      case PROP_MESSAGE:
        g_value_set_string (value, kiosk_confirmation_get_message (self));
        break;
      case PROP_CONFIRM_LABEL:
        g_value_set_string (value, gtk_button_get_label (GTK_BUTTON (self->confirm_button)));
        break;
      case PROP_CANCEL_LABEL:
        g_value_set_string (value, gtk_button_get_label (GTK_BUTTON (self->cancel_button)));
        break;
      case PROP_MAX_WIDTH_CHARS:
        g_value_set_int (value, gtk_label_get_max_width_chars (self->question_label));
        break;
      case PROP_ORIENTATION:
        g_value_set_enum (value, gtk_orientable_get_orientation (GTK_ORIENTABLE (self->box)));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_confirmation_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  KioskConfirmation *self = KIOSK_CONFIRMATION (object);

  switch (prop_id)
    {
      case PROP_QUESTION:
        kiosk_confirmation_set_question (self, g_value_get_string (value));
        break;
      case PROP_MESSAGE:
        kiosk_confirmation_set_message (self, g_value_get_string (value));
        break;
      case PROP_CONFIRM_LABEL:
        kiosk_confirmation_set_confirm_label (self, g_value_get_string (value));
        break;
      case PROP_CANCEL_LABEL:
        kiosk_confirmation_set_cancel_label (self, g_value_get_string (value));
        break;
      case PROP_MAX_WIDTH_CHARS:
        kiosk_confirmation_set_max_width_chars (self, g_value_get_int (value));
        break;
      case PROP_ORIENTATION:
        set_orientation (self, g_value_get_enum (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_confirmation_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_CONFIRMATION);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kiosk_confirmation_parent_class)->dispose (object);
}

/* A question that appears below the fold of a page that scrolls is seen
 * whole, its answers with it: the page scrolls it into view. */
static void
kiosk_confirmation_map (GtkWidget *widget)
{
  GtkWidget *page = gtk_widget_get_ancestor (widget, KIOSK_TYPE_PAGE);

  GTK_WIDGET_CLASS (kiosk_confirmation_parent_class)->map (widget);

  if (page != NULL)
    kiosk_page_scroll_into_view (KIOSK_PAGE (page), widget);
}

static void
kiosk_confirmation_class_init (KioskConfirmationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = kiosk_confirmation_get_property;
  object_class->set_property = kiosk_confirmation_set_property;
  object_class->dispose = kiosk_confirmation_dispose;
  widget_class->map = kiosk_confirmation_map;

  properties[PROP_QUESTION] =
      g_param_spec_string ("question", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MESSAGE] =
      g_param_spec_string ("message", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONFIRM_LABEL] =
      g_param_spec_string ("confirm-label", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CANCEL_LABEL] =
      g_param_spec_string ("cancel-label", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_WIDTH_CHARS] =
      g_param_spec_int ("max-width-chars", NULL, NULL, -1, G_MAXINT, 40,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_ORIENTATION, "orientation");

  /**
   * KioskConfirmation::confirmed:
   *
   * The answer that cannot be undone was tapped.
   */
  signals[SIGNAL_CONFIRMED] = g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * KioskConfirmation::cancelled:
   *
   * The way back was tapped: nothing is to happen.
   */
  signals[SIGNAL_CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/widgets/kiosk-confirmation.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskConfirmation, box);
  gtk_widget_class_bind_template_child (widget_class, KioskConfirmation, text_box);
  gtk_widget_class_bind_template_child (widget_class, KioskConfirmation, button_box);
  gtk_widget_class_bind_template_child (widget_class, KioskConfirmation, question_label);
  gtk_widget_class_bind_template_child (widget_class, KioskConfirmation, message_label);
  gtk_widget_class_bind_template_child (widget_class, KioskConfirmation, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, KioskConfirmation, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, confirm_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "confirmation");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT_DIALOG);
}

static void
kiosk_confirmation_init (KioskConfirmation *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kiosk_confirmation_new:
 * @question: what is asked, as its heading
 * @confirm_label: the answer that cannot be undone ("Delete")
 * @cancel_label: the way back ("Keep")
 *
 * Returns: (transfer floating): a new confirmation
 */
GtkWidget *
kiosk_confirmation_new (const char *question, const char *confirm_label, const char *cancel_label)
{
  return g_object_new (KIOSK_TYPE_CONFIRMATION, "question", question, "confirm-label",
                       confirm_label, "cancel-label", cancel_label, NULL);
}

void
kiosk_confirmation_set_question (KioskConfirmation *self, const char *question)
{
  g_return_if_fail (KIOSK_IS_CONFIRMATION (self));

  if (g_strcmp0 (question, gtk_label_get_text (self->question_label)) == 0)
    return;
  gtk_label_set_text (self->question_label, question != NULL ? question : "");
  /* a screen reader names the question by what it asks */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  question != NULL ? question : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION]);
}

const char *
kiosk_confirmation_get_question (KioskConfirmation *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIRMATION (self), NULL);
  return gtk_label_get_text (self->question_label);
}

/* What the answer means, under the question; none hides the line. */
void
kiosk_confirmation_set_message (KioskConfirmation *self, const char *message)
{
  g_return_if_fail (KIOSK_IS_CONFIRMATION (self));

  if (g_strcmp0 (message, gtk_label_get_text (self->message_label)) == 0)
    return;
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

const char *
kiosk_confirmation_get_message (KioskConfirmation *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIRMATION (self), NULL);
  return gtk_label_get_text (self->message_label);
}

void
kiosk_confirmation_set_confirm_label (KioskConfirmation *self, const char *label)
{
  g_return_if_fail (KIOSK_IS_CONFIRMATION (self));

  if (g_strcmp0 (label, gtk_button_get_label (GTK_BUTTON (self->confirm_button))) == 0)
    return;
  gtk_button_set_label (GTK_BUTTON (self->confirm_button), label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIRM_LABEL]);
}

void
kiosk_confirmation_set_cancel_label (KioskConfirmation *self, const char *label)
{
  g_return_if_fail (KIOSK_IS_CONFIRMATION (self));

  if (g_strcmp0 (label, gtk_button_get_label (GTK_BUTTON (self->cancel_button))) == 0)
    return;
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANCEL_LABEL]);
}

/* How wide its lines may grow before they wrap: narrow in a tile. */
void
kiosk_confirmation_set_max_width_chars (KioskConfirmation *self, int n_chars)
{
  g_return_if_fail (KIOSK_IS_CONFIRMATION (self));

  if (n_chars == gtk_label_get_max_width_chars (self->question_label))
    return;
  gtk_label_set_max_width_chars (self->question_label, n_chars);
  gtk_label_set_max_width_chars (self->message_label, n_chars);
  update_width_chars (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_WIDTH_CHARS]);
}

/* The room between the question and its answers: less in a tile, so the
 * question takes no more height than the words and buttons it replaces. */
void
kiosk_confirmation_set_spacing (KioskConfirmation *self, int spacing)
{
  g_return_if_fail (KIOSK_IS_CONFIRMATION (self));

  gtk_box_set_spacing (self->box, spacing);
  gtk_box_set_spacing (GTK_BOX (self->text_box), spacing);
}

/**
 * kiosk_confirmation_get_confirm_button:
 *
 * Returns: (transfer none): the answer that cannot be undone
 */
GtkWidget *
kiosk_confirmation_get_confirm_button (KioskConfirmation *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIRMATION (self), NULL);
  return self->confirm_button;
}

/**
 * kiosk_confirmation_get_cancel_button:
 *
 * Returns: (transfer none): the way back, which keeps everything as it is
 */
GtkWidget *
kiosk_confirmation_get_cancel_button (KioskConfirmation *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIRMATION (self), NULL);
  return self->cancel_button;
}

/**
 * kiosk_confirmation_get_message_label:
 *
 * Returns: (transfer none): the line under the question, for its owner to
 *   mark what it shows (a record as it was written is data)
 */
GtkWidget *
kiosk_confirmation_get_message_label (KioskConfirmation *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIRMATION (self), NULL);
  return GTK_WIDGET (self->message_label);
}
