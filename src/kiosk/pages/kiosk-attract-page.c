/* kiosk-attract-page.c: the home page a walk-up person sees first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Large prompt to place the ID card, the service window's name, the date and
 * time, language and text-size switches, and a hidden staff entry: holding the
 * top-right corner for three seconds opens staff sign-in. Without a reader
 * connected it says so instead of promising to read a card.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-attract-page.h"
#include "kiosk-attract-page-private.h"
#include "kiosk-illustration.h"

#define STAFF_HOLD_MS 3000
#define NOTICE_SECONDS 10

struct _KioskAttractPage
{
  KioskPage parent_instance;

  GtkLabel *window_name_label;
  GtkLabel *clock_label;
  GtkPicture *picture;
  GtkLabel *prompt_label;
  GtkLabel *notice_label;
  GtkLabel *reader_label;
  GtkWidget *staff_corner;

  guint notice_source;
  guint clock_source;
  guint staff_hold_source;
  IdcardReader *reader;
};

enum
{
  PROP_0,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KioskAttractPage, kiosk_attract_page, KIOSK_TYPE_PAGE)

static const char *const weekdays[] = {
  N_ ("Monday"), N_ ("Tuesday"),  N_ ("Wednesday"), N_ ("Thursday"),
  N_ ("Friday"), N_ ("Saturday"), N_ ("Sunday"),
};

/**
 * kiosk_attract_page_format_clock:
 *
 * Formats @when in the kiosk's language. Not with the C library's locale,
 * which a kiosk may not have for Chinese: the words come from our catalogue.
 *
 * Returns: (transfer full): e.g. "2026年11月29日 星期日 10:52"
 */
char *
kiosk_attract_page_format_clock (GDateTime *when)
{
  const char *weekday = _ (weekdays[g_date_time_get_day_of_week (when) - 1]);

  /* Translators: the clock on the home page. %1$s is the weekday, %2$d the year,
   * %3$d the month, %4$d the day, %5$02d:%6$02d the time. */
  return g_strdup_printf (_ ("%1$s %2$d-%3$02d-%4$02d %5$02d:%6$02d"), weekday,
                          g_date_time_get_year (when), g_date_time_get_month (when),
                          g_date_time_get_day_of_month (when), g_date_time_get_hour (when),
                          g_date_time_get_minute (when));
}

static gboolean update_clock_cb (gpointer user_data);

static void
update_clock (KioskAttractPage *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = kiosk_attract_page_format_clock (now);
  guint seconds_left = 60 - (guint) g_date_time_get_second (now);

  gtk_label_set_text (self->clock_label, text);

  /* wake up at the next minute, not every second */
  g_clear_handle_id (&self->clock_source, g_source_remove);
  self->clock_source = g_timeout_add_seconds (MAX (seconds_left, 1), update_clock_cb, self);
}

static gboolean
update_clock_cb (gpointer user_data)
{
  KioskAttractPage *self = user_data;

  self->clock_source = 0;
  update_clock (self);
  return G_SOURCE_REMOVE;
}

static gboolean
staff_hold_done_cb (gpointer user_data)
{
  KioskAttractPage *self = user_data;

  self->staff_hold_source = 0;
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_STAFF_LOGIN, NULL);
  return G_SOURCE_REMOVE;
}

static void
staff_corner_pressed_cb (KioskAttractPage *self,
                         int n_press,
                         double x,
                         double y,
                         GtkGestureClick *gesture)
{
  g_clear_handle_id (&self->staff_hold_source, g_source_remove);
  self->staff_hold_source = g_timeout_add (STAFF_HOLD_MS, staff_hold_done_cb, self);
}

static void
staff_corner_released_cb (KioskAttractPage *self)
{
  g_clear_handle_id (&self->staff_hold_source, g_source_remove);
}

static void
register_cb (KioskAttractPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_REGISTER, NULL);
}

static void
login_cb (KioskAttractPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_LOGIN, NULL);
}

static void
readers_changed_cb (KioskAttractPage *self)
{
  g_autoptr (GPtrArray) readers =
      self->reader != NULL ? idcard_reader_get_transports (self->reader) : NULL;
  gboolean connected = readers != NULL && readers->len > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->reader_label), !connected);
  gtk_widget_set_opacity (GTK_WIDGET (self->prompt_label), connected ? 1.0 : 0.4);
}

static void
kiosk_attract_page_shown (KioskPage *page)
{
  update_clock (KIOSK_ATTRACT_PAGE (page));
}

static gboolean
hide_notice_cb (gpointer user_data)
{
  KioskAttractPage *self = user_data;

  self->notice_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
  return G_SOURCE_REMOVE;
}

static void
kiosk_attract_page_reset (KioskPage *page)
{
  KioskAttractPage *self = KIOSK_ATTRACT_PAGE (page);

  g_clear_handle_id (&self->staff_hold_source, g_source_remove);
  g_clear_handle_id (&self->notice_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
}

/* the window's name follows what staff set, at once */
static void
window_name_changed_cb (KioskAttractPage *self)
{
  KioskConfig *config = kiosk_services_get_config (kiosk_page_get_services (KIOSK_PAGE (self)));
  const char *window_name = kiosk_config_get_window_name (config);
  g_autofree char *text = NULL;

  /* the window's name is the site's, in whatever language staff typed it */
  if (window_name != NULL && *window_name != '\0')
    text = g_strdup_printf (_ ("Service window: %s"), window_name);
  gtk_label_set_text (self->window_name_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->window_name_label),
                          window_name != NULL && *window_name != '\0');
}

static void
kiosk_attract_page_constructed (GObject *object)
{
  KioskAttractPage *self = KIOSK_ATTRACT_PAGE (object);
  KioskConfig *config;

  G_OBJECT_CLASS (kiosk_attract_page_parent_class)->constructed (object);

  config = kiosk_services_get_config (kiosk_page_get_services (KIOSK_PAGE (self)));
  g_signal_connect_object (config, "notify::window-name", G_CALLBACK (window_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  window_name_changed_cb (self);

  /* a kiosk without a reader service (some tests) has no reader connected */
  g_set_object (&self->reader,
                kiosk_services_get_reader (kiosk_page_get_services (KIOSK_PAGE (self))));
  if (self->reader != NULL)
    {
      g_signal_connect_object (self->reader, "reader-added", G_CALLBACK (readers_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->reader, "reader-removed", G_CALLBACK (readers_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  readers_changed_cb (self);
}

static void
kiosk_attract_page_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  KioskAttractPage *self = KIOSK_ATTRACT_PAGE (object);

  switch (prop_id)
    {
      case PROP_NOTICE:
        kiosk_attract_page_show_notice (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_attract_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskAttractPage *self = KIOSK_ATTRACT_PAGE (object);

  switch (prop_id)
    {
      case PROP_NOTICE:
        g_value_set_string (value, kiosk_attract_page_get_notice (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_attract_page_dispose (GObject *object)
{
  KioskAttractPage *self = KIOSK_ATTRACT_PAGE (object);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  g_clear_handle_id (&self->staff_hold_source, g_source_remove);
  g_clear_handle_id (&self->notice_source, g_source_remove);
  g_clear_object (&self->reader);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_ATTRACT_PAGE);

  G_OBJECT_CLASS (kiosk_attract_page_parent_class)->dispose (object);
}

static void
kiosk_attract_page_class_init (KioskAttractPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->constructed = kiosk_attract_page_constructed;
  object_class->dispose = kiosk_attract_page_dispose;
  object_class->get_property = kiosk_attract_page_get_property;
  object_class->set_property = kiosk_attract_page_set_property;
  page_class->shown = kiosk_attract_page_shown;
  page_class->reset = kiosk_attract_page_reset;

  /**
   * KioskAttractPage:notice:
   *
   * A short message shown under the prompt for a few seconds, e.g. that the
   * card could not be read; an argument of navigations to the page.
   */
  properties[PROP_NOTICE] =
      g_param_spec_string ("notice", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-attract-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskAttractPage, window_name_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractPage, clock_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractPage, picture);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractPage, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractPage, reader_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractPage, staff_corner);
  gtk_widget_class_bind_template_callback (widget_class, staff_corner_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, staff_corner_released_cb);
  gtk_widget_class_bind_template_callback (widget_class, register_cb);
  gtk_widget_class_bind_template_callback (widget_class, login_cb);
}

static void
kiosk_attract_page_init (KioskAttractPage *self)
{
  g_autoptr (KioskIllustration) picture = kiosk_illustration_new ("place-card");

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (picture));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Welcome"));
  /* the welcome page's own header shows the window's name and the clock */
  kiosk_page_set_header_visible (KIOSK_PAGE (self), FALSE);
  update_clock (self);
}

/**
 * kiosk_attract_page_show_notice:
 * @text: a short message for the person in front of the kiosk, e.g. that
 *   the card could not be read
 *
 * Shows @text under the prompt for a few seconds.
 */
void
kiosk_attract_page_show_notice (KioskAttractPage *self, const char *text)
{
  g_return_if_fail (KIOSK_IS_ATTRACT_PAGE (self));

  g_clear_handle_id (&self->notice_source, g_source_remove);
  gtk_label_set_text (self->notice_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), text != NULL);
  if (text != NULL)
    self->notice_source = g_timeout_add_seconds (NOTICE_SECONDS, hide_notice_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

/**
 * kiosk_attract_page_get_notice:
 *
 * Returns: (nullable): the notice shown, if any
 */
const char *
kiosk_attract_page_get_notice (KioskAttractPage *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTRACT_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->notice_label)))
    return NULL;
  return gtk_label_get_text (self->notice_label);
}

gboolean
kiosk_attract_page_get_reader_connected (KioskAttractPage *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTRACT_PAGE (self), FALSE);
  return !gtk_widget_get_visible (GTK_WIDGET (self->reader_label));
}

const char *
kiosk_attract_page_get_prompt (KioskAttractPage *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTRACT_PAGE (self), NULL);
  return gtk_label_get_text (self->prompt_label);
}

GtkLabel *
kiosk_attract_page_get_prompt_label (KioskAttractPage *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTRACT_PAGE (self), NULL);
  return self->prompt_label;
}
