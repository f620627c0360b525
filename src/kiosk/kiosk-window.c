/* kiosk-window.c: the kiosk's one full-screen window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Undecorated and full-screen; a walk-up person cannot close, minimise or
 * leave it. It closes only through staff mode ("win.exit-kiosk") or when the
 * kiosk runs --windowed for development.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-attract-page.h"
#include "kiosk-card-page.h"
#include "kiosk-demo-tray.h"
#include "kiosk-filed-page.h"
#include "kiosk-filing-controller.h"
#include "kiosk-home-page.h"
#include "kiosk-keyboard-dock.h"
#include "kiosk-manual-filing-page.h"
#include "kiosk-print-page.h"
#include "kiosk-printers-page.h"
#include "kiosk-reader-status-page.h"
#include "kiosk-reading-page.h"
#include "kiosk-settings-page.h"
#include "kiosk-signature-page.h"
#include "kiosk-sms-page.h"
#include "kiosk-staff-login-page.h"
#include "kiosk-staff-page.h"
#include "kiosk-sync-indicator.h"
#include "kiosk-sync-status-page.h"
#include "kiosk-systemd.h"
#include "kiosk-window.h"

#define HOME_PAGE "attract"

struct _KioskWindow
{
  GtkApplicationWindow parent_instance;

  GtkOverlay *overlay;
  KioskKeyboardDock *keyboard_dock;
  GtkWidget *demo_badge;
  KioskDemoTray *demo_tray;
  KioskSyncIndicator *sync_indicator;
  KioskIdleOverlay *idle_overlay;

  KioskFlow *flow;
  KioskFilingController *filing_controller;
  KioskIdleMonitor *idle_monitor;
  gboolean may_close;
  gulong first_frame_handler;
  gboolean first_frame_painted;
};

G_DEFINE_FINAL_TYPE (KioskWindow, kiosk_window, GTK_TYPE_APPLICATION_WINDOW)

static KioskApplication *
get_app (KioskWindow *self)
{
  return KIOSK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
visible_page_changed_cb (KioskWindow *self)
{
  const char *name = kiosk_flow_get_visible_page_name (self->flow);
  gboolean home = g_strcmp0 (name, HOME_PAGE) == 0;

  kiosk_idle_monitor_set_active (self->idle_monitor, !home);
  /* the keyboard belongs to the page it was called up on; home, the visit is over */
  if (home)
    kiosk_keyboard_dock_end_visit (self->keyboard_dock);
  else
    kiosk_keyboard_dock_dismiss (self->keyboard_dock);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.exit-kiosk",
                                 g_strcmp0 (name, "staff") == 0);
}

static char *
describe_kiosk (KioskApplication *app)
{
  KioskConfig *config = kiosk_application_get_config (app);
  StoreDatabase *store = kiosk_application_get_store (app);

  return g_strdup_printf (_ ("Version %s\nData folder: %s\nLocal store schema: %d\nRegistry: %s"),
                          PACKAGE_VERSION, kiosk_config_get_data_folder (config),
                          store != NULL ? store_database_get_schema_version (store) : 0,
                          kiosk_config_get_registry_url (config));
}

/* "flow.go-to" for buttons that only lead to another page */
static void
flow_go_to_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  kiosk_flow_go_to (KIOSK_FLOW (user_data), g_variant_get_string (parameter, NULL));
}

static void
print_requested_cb (KioskWindow *self, FormsSignatureForm *form)
{
  KioskPage *print_page = kiosk_flow_get_page (self->flow, "print");

  kiosk_print_page_set_form (KIOSK_PRINT_PAGE (print_page), form);
  kiosk_print_page_set_return_page (KIOSK_PRINT_PAGE (print_page), "signature");
  kiosk_flow_go_to (self->flow, "print");
}

static void
printed_cb (KioskWindow *self, FormsPrintJob *job)
{
  KioskPage *signature = kiosk_flow_get_page (self->flow, "signature");

  kiosk_signature_page_set_status (KIOSK_SIGNATURE_PAGE (signature), KIOSK_SIGNATURE_PRINTED);
}

static const char *
person_member (JsonObject *person, const char *member)
{
  return json_object_get_string_member_with_default (person, member, "");
}

/* the form is filled from the logged-in person's record */
static void
signature_information_cb (KioskWindow *self)
{
  KioskHomePage *home = KIOSK_HOME_PAGE (kiosk_flow_get_page (self->flow, "home"));
  KioskPage *signature = kiosk_flow_get_page (self->flow, "signature");
  JsonObject *person = kiosk_session_get_person (kiosk_home_page_get_session (home));
  KioskConfig *config = kiosk_application_get_config (get_app (self));
  g_autoptr (FormsSignatureForm) form = NULL;
  IdcardDocumentType doc_type;

  if (person == NULL)
    return;
  form = forms_signature_form_new ();
  forms_signature_form_set_name (form, person_member (person, "name"));
  forms_signature_form_set_name_en (form, person_member (person, "name_en"));
  forms_signature_form_set_sex (form, person_member (person, "sex"));
  if (idcard_document_type_from_string (person_member (person, "doc_type"), &doc_type))
    forms_signature_form_set_document_type (form, idcard_document_type_get_label (doc_type));
  forms_signature_form_set_document_number (form, person_member (person, "doc_number"));
  forms_signature_form_set_phone (form, person_member (person, "login_phone"));
  forms_signature_form_set_record_id (form, person_member (person, "person_id"));
  forms_signature_form_set_window_name (form, kiosk_config_get_window_name (config));
  kiosk_signature_page_set_form (KIOSK_SIGNATURE_PAGE (signature), form,
                                 KIOSK_SIGNATURE_NOT_PRINTED);
  kiosk_flow_go_to (self->flow, "signature");
}

static void
populate_flow (KioskWindow *self)
{
  KioskApplication *app = get_app (self);
  KioskConfig *config = kiosk_application_get_config (app);
  KioskStaffAuth *auth = kiosk_application_get_staff_auth (app);
  KioskPage *attract = kiosk_attract_page_new ();
  KioskPage *staff_login = kiosk_staff_login_page_new (auth);
  KioskPage *staff = kiosk_staff_page_new (auth);
  KioskPage *signature = kiosk_signature_page_new ();
  KioskPage *print = kiosk_print_page_new ();
  g_autofree char *details = describe_kiosk (app);
  /* registration and login are online only: one session, dropped on every reset */
  g_autoptr (KioskSession) session =
      kiosk_session_new (kiosk_application_get_registry_client (app));
  KioskPage *register_page = kiosk_sms_page_new (KIOSK_SMS_PURPOSE_REGISTER, session);
  KioskPage *login_page = kiosk_sms_page_new (KIOSK_SMS_PURPOSE_LOGIN, session);
  KioskPage *home = kiosk_home_page_new (session);
  GtkWidget *signature_button = gtk_button_new_with_label (_ ("Signature information"));
  g_autoptr (GSimpleActionGroup) flow_actions = g_simple_action_group_new ();
  g_autoptr (GSimpleAction) go_to = g_simple_action_new ("go-to", G_VARIANT_TYPE_STRING);
  const char *demo_password = NULL;
  const char *demo_staff = kiosk_application_get_demo_staff (app, &demo_password);

  kiosk_attract_page_set_window_name (KIOSK_ATTRACT_PAGE (attract),
                                      kiosk_config_get_window_name (config));
  if (kiosk_application_get_demo (app) && demo_staff != NULL)
    {
      g_autofree char *hint = g_strdup_printf (
          _ ("Demo kiosk: sign in as %s with the password %s."), demo_staff, demo_password);
      kiosk_staff_login_page_set_hint (KIOSK_STAFF_LOGIN_PAGE (staff_login), hint);
    }
  kiosk_staff_page_set_details (KIOSK_STAFF_PAGE (staff), details);

  /* before the pages, whose buttons look the action up when they are added */
  g_signal_connect_object (go_to, "activate", G_CALLBACK (flow_go_to_cb), self->flow, 0);
  g_action_map_add_action (G_ACTION_MAP (flow_actions), G_ACTION (go_to));
  gtk_widget_insert_action_group (GTK_WIDGET (self->flow), "flow", G_ACTION_GROUP (flow_actions));

  kiosk_flow_add_page (self->flow, HOME_PAGE, attract);
  kiosk_flow_add_page (self->flow, "reading", kiosk_reading_page_new ());
  kiosk_flow_add_page (self->flow, "card", kiosk_card_page_new ());
  kiosk_flow_add_page (self->flow, "filed", kiosk_filed_page_new ());
  kiosk_sms_page_set_partner (KIOSK_SMS_PAGE (register_page), KIOSK_SMS_PAGE (login_page));
  kiosk_sms_page_set_partner (KIOSK_SMS_PAGE (login_page), KIOSK_SMS_PAGE (register_page));
  kiosk_flow_add_page (self->flow, kiosk_sms_page_get_flow_name (KIOSK_SMS_PURPOSE_REGISTER),
                       register_page);
  kiosk_flow_add_page (self->flow, kiosk_sms_page_get_flow_name (KIOSK_SMS_PURPOSE_LOGIN),
                       login_page);
  kiosk_flow_add_page (self->flow, "home", home);
  kiosk_flow_add_page (self->flow, "signature", signature);
  kiosk_flow_add_page (self->flow, "print", print);
  /* staff pages: after the walk-up pages, reachable only through staff sign-in */
  kiosk_flow_set_staff_auth (self->flow, auth, "staff-login");
  kiosk_flow_add_page (self->flow, "staff-login", staff_login);
  kiosk_flow_add_page_full (self->flow, "staff", staff, KIOSK_FLOW_PAGE_NEEDS_STAFF);
  kiosk_flow_add_page_full (self->flow, "manual-filing", kiosk_manual_filing_page_new (app),
                            KIOSK_FLOW_PAGE_NEEDS_STAFF);
  kiosk_flow_add_page_full (self->flow, "sync-status", kiosk_sync_status_page_new (app),
                            KIOSK_FLOW_PAGE_NEEDS_STAFF);
  kiosk_flow_add_page_full (self->flow, "reader-status", kiosk_reader_status_page_new (app),
                            KIOSK_FLOW_PAGE_NEEDS_STAFF);
  kiosk_flow_add_page_full (self->flow, "settings", kiosk_settings_page_new (app),
                            KIOSK_FLOW_PAGE_NEEDS_STAFF);
  kiosk_flow_add_page_full (self->flow, "printers", kiosk_printers_page_new (auth),
                            KIOSK_FLOW_PAGE_NEEDS_STAFF);
  kiosk_staff_page_set_printers_page (KIOSK_STAFF_PAGE (staff), "printers");

  gtk_widget_add_css_class (signature_button, "practice-section-button");
  gtk_box_append (kiosk_home_page_get_practice_sections (KIOSK_HOME_PAGE (home)), signature_button);
  g_signal_connect_object (signature_button, "clicked", G_CALLBACK (signature_information_cb), self,
                           G_CONNECT_SWAPPED);

  /* the signature page asks to print; the print page says when it has */
  g_signal_connect_object (signature, "print-requested", G_CALLBACK (print_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (print, "printed", G_CALLBACK (printed_cb), self, G_CONNECT_SWAPPED);
}

/* Staff see what is wrong with the configuration and with the keyboard's
 * data (pinyin or handwriting unavailable), which is known only once the
 * engines have loaded. */
static void
update_staff_problems (KioskWindow *self)
{
  KioskPage *staff = self->flow != NULL ? kiosk_flow_get_page (self->flow, "staff") : NULL;
  KioskConfig *config = kiosk_application_get_config (get_app (self));
  g_auto (GStrv) keyboard =
      kiosk_keyboard_dup_problems (kiosk_keyboard_dock_get_keyboard (self->keyboard_dock));
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) problems = NULL;

  if (staff == NULL)
    return;
  g_strv_builder_addv (builder, (const char **) kiosk_config_get_problems (config));
  g_strv_builder_addv (builder, (const char **) keyboard);
  problems = g_strv_builder_end (builder);
  kiosk_staff_page_set_problems (KIOSK_STAFF_PAGE (staff), (const char *const *) problems);
}

/**
 * kiosk_window_rebuild_pages:
 *
 * Builds every page anew, so each string is translated again after a language
 * switch, and shows the page of the same name that was visible before.
 */
void
kiosk_window_rebuild_pages (KioskWindow *self)
{
  g_autofree char *visible = NULL;

  g_return_if_fail (KIOSK_IS_WINDOW (self));

  if (self->flow != NULL)
    {
      visible = g_strdup (kiosk_flow_get_visible_page_name (self->flow));
      g_signal_handlers_disconnect_by_data (self->flow, self);
    }

  g_clear_object (&self->filing_controller);
  self->flow = kiosk_flow_new ();
  kiosk_keyboard_dock_set_content (self->keyboard_dock, GTK_WIDGET (self->flow));
  populate_flow (self);
  update_staff_problems (self);
  self->filing_controller =
      kiosk_filing_controller_new (self->flow, kiosk_application_get_reader (get_app (self)));
  g_signal_connect_swapped (self->flow, "notify::visible-page-name",
                            G_CALLBACK (visible_page_changed_cb), self);
  if (visible != NULL)
    kiosk_flow_go_to (self->flow, visible);
  visible_page_changed_cb (self);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Practitioner Kiosk"));
}

static void
idle_expired_cb (KioskWindow *self)
{
  g_info ("nobody touched the kiosk; resetting every page");
  kiosk_flow_reset (self->flow);
  kiosk_application_restore_defaults (get_app (self));
}

static void
counting_down_changed_cb (KioskWindow *self)
{
  gboolean counting = kiosk_idle_monitor_get_counting_down (self->idle_monitor);

  kiosk_idle_overlay_set_remaining (self->idle_overlay,
                                    kiosk_idle_monitor_get_remaining (self->idle_monitor));
  gtk_widget_set_visible (GTK_WIDGET (self->idle_overlay), counting);
}

static void
exit_kiosk_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);
  StoreDatabase *store = kiosk_application_get_store (get_app (self));
  KioskStaffAuth *auth = kiosk_application_get_staff_auth (get_app (self));
  const char *user;
  g_autoptr (GError) error = NULL;

  /* not the action's enabled state alone: a live staff sign-in, now */
  if (!kiosk_staff_auth_authorize (auth, "exit-kiosk"))
    return;
  user = kiosk_staff_auth_get_user (auth);
  /* the account that left goes with the record */
  if (store != NULL && !store_database_audit (store, "staff", "exit-kiosk", user, &error))
    g_warning ("cannot record leaving the kiosk in the audit log: %s", error->message);
  g_message ("staff %s left the kiosk", user);
  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
kiosk_window_close_request (GtkWindow *window)
{
  KioskWindow *self = KIOSK_WINDOW (window);

  if (!self->may_close)
    return TRUE; /* Alt+F4 and friends: a walk-up person cannot leave */

  return GTK_WINDOW_CLASS (kiosk_window_parent_class)->close_request (window);
}

/* systemd waits for the first painted frame (READY=1). tests/bench/startup
 * reads the moment it was painted, on the same monotonic clock the benchmark
 * reads before it starts the kiosk. */
static void
first_frame_cb (GdkFrameClock *clock, KioskWindow *self)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  g_clear_signal_handler (&self->first_frame_handler, clock);
  self->first_frame_painted = TRUE;
  kiosk_systemd_notify_ready ();
  if (g_getenv ("PRACTITIONER_KIOSK_STARTUP_PROBE") == NULL)
    return;
  g_print ("first-frame-monotonic-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_print ("renderer: %s\n", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
  fflush (stdout);
}

static void
kiosk_window_map (GtkWidget *widget)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  GTK_WIDGET_CLASS (kiosk_window_parent_class)->map (widget);

  if (!self->first_frame_painted && self->first_frame_handler == 0)
    self->first_frame_handler = g_signal_connect (gtk_widget_get_frame_clock (widget),
                                                  "after-paint", G_CALLBACK (first_frame_cb), self);
}

/* A window manager's key (matchbox binds F11) or the compositor may take
 * full screen away; the kiosk takes it back at once. */
static void
fullscreened_changed_cb (KioskWindow *self)
{
  /* unless staff are leaving the kiosk */
  if (!self->may_close && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_window_fullscreen (GTK_WINDOW (self));
}

/* GObject sets the window's application only after constructed(), so the
 * setup that needs it runs here, from kiosk_window_new(). */
static void
setup_for_application (KioskWindow *self)
{
  KioskApplication *app = get_app (self);
  KioskConfig *config = kiosk_application_get_config (app);

  self->may_close = kiosk_application_get_windowed (app);
  if (!kiosk_application_get_windowed (app))
    {
      gtk_window_fullscreen (GTK_WINDOW (self));
      g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreened_changed_cb), NULL);
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);

  gtk_widget_set_visible (self->demo_badge, kiosk_application_get_demo (app));
  if (kiosk_application_get_demo_environment (app) != NULL)
    {
      kiosk_demo_tray_set_demo (self->demo_tray, kiosk_application_get_demo_environment (app));
      gtk_widget_set_visible (GTK_WIDGET (self->demo_tray), TRUE);
    }
  else
    {
      /* a real kiosk has no demo drawer at all, not even a hidden one */
      gtk_overlay_remove_overlay (self->overlay, GTK_WIDGET (self->demo_tray));
      self->demo_tray = NULL;
    }
  kiosk_sync_indicator_set_engine (self->sync_indicator, kiosk_application_get_sync_engine (app),
                                   kiosk_application_get_sync_problem (app));
  kiosk_idle_monitor_set_timeout (self->idle_monitor, kiosk_config_get_idle_timeout (config));
  kiosk_window_set_text_size (self, kiosk_application_get_text_size (app));
  kiosk_window_rebuild_pages (self);
  g_signal_connect_object (kiosk_keyboard_dock_get_keyboard (self->keyboard_dock),
                           "notify::problems", G_CALLBACK (update_staff_problems), self,
                           G_CONNECT_SWAPPED);
}

static void
kiosk_window_dispose (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  if (self->idle_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->idle_monitor, self);
  g_clear_object (&self->idle_monitor);
  g_clear_object (&self->filing_controller);
  /* no gtk_widget_dispose_template(): GtkWindow disposes its own child */

  G_OBJECT_CLASS (kiosk_window_parent_class)->dispose (object);
}

static void
kiosk_window_class_init (KioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kiosk_window_dispose;
  widget_class->map = kiosk_window_map;
  window_class->close_request = kiosk_window_close_request;

  gtk_widget_class_install_action (widget_class, "win.exit-kiosk", NULL, exit_kiosk_action);

  g_type_ensure (KIOSK_TYPE_IDLE_OVERLAY);
  g_type_ensure (KIOSK_TYPE_SYNC_INDICATOR);
  g_type_ensure (KIOSK_TYPE_DEMO_TRAY);
  g_type_ensure (KIOSK_TYPE_KEYBOARD_DOCK);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/practitioner/Kiosk/ui/kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, overlay);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, keyboard_dock);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, demo_badge);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, idle_overlay);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, demo_tray);
}

static void
kiosk_window_init (KioskWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->idle_monitor = kiosk_idle_monitor_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->idle_monitor, "expired", G_CALLBACK (idle_expired_cb), self);
  g_signal_connect_swapped (self->idle_monitor, "notify::counting-down",
                            G_CALLBACK (counting_down_changed_cb), self);
  g_signal_connect_swapped (self->idle_monitor, "notify::remaining",
                            G_CALLBACK (counting_down_changed_cb), self);
}

KioskWindow *
kiosk_window_new (KioskApplication *application)
{
  KioskWindow *self;

  g_return_val_if_fail (KIOSK_IS_APPLICATION (application), NULL);

  self = g_object_new (KIOSK_TYPE_WINDOW, "application", application, NULL);
  setup_for_application (self);
  return self;
}

KioskFlow *
kiosk_window_get_flow (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  return self->flow;
}

KioskIdleMonitor *
kiosk_window_get_idle_monitor (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  return self->idle_monitor;
}

KioskIdleOverlay *
kiosk_window_get_idle_overlay (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  return self->idle_overlay;
}

void
kiosk_window_set_text_size (KioskWindow *self, KioskTextSize size)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  if (size == KIOSK_TEXT_SIZE_LARGE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large-text");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large-text");
}
