/* kiosk-page-table.c: every page of the kiosk, one row each, and navigation as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that knows every page class. The flow builds a page from
 * its row the first time it is shown, and enforces the row's flags; pages
 * know each other only by their KioskPageId. A navigation carries the
 * target's arguments as values of the target's own properties, so what a
 * page takes is documented where its properties are, and checked by type.
 *
 * Adding a page: a value in KioskPageId, its type function and a row here,
 * the page's .c/.h/.ui, and the files in meson.build, the resources and
 * po/POTFILES.in.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>

#include "kiosk-enums.h"
#include "kiosk-page-table.h"

/* The page classes, by their type functions only: the table needs no page's
 * header, so a page's header changing rebuilds the page alone, and the pages
 * (which use the ids declared here) and the table include no circle. */
GType kiosk_attachment_viewer_page_get_type (void);
GType kiosk_attract_page_get_type (void);
GType kiosk_basic_info_page_get_type (void);
GType kiosk_card_page_get_type (void);
GType kiosk_filed_page_get_type (void);
GType kiosk_form_confirm_page_get_type (void);
GType kiosk_home_page_get_type (void);
GType kiosk_manual_filing_page_get_type (void);
GType kiosk_phone_upload_page_get_type (void);
GType kiosk_print_page_get_type (void);
GType kiosk_printers_page_get_type (void);
GType kiosk_reader_status_page_get_type (void);
GType kiosk_reading_page_get_type (void);
GType kiosk_record_detail_page_get_type (void);
GType kiosk_record_form_page_get_type (void);
GType kiosk_record_list_page_get_type (void);
GType kiosk_settings_page_get_type (void);
GType kiosk_signature_page_get_type (void);
GType kiosk_sms_page_get_type (void);
GType kiosk_staff_login_page_get_type (void);
GType kiosk_staff_page_get_type (void);
GType kiosk_sync_status_page_get_type (void);
GType kiosk_usb_picker_page_get_type (void);

#define STAFF (KIOSK_PAGE_NEEDS_STAFF | KIOSK_PAGE_WORKS_OFFLINE)
#define NONE KIOSK_PAGE_NONE
#define WELCOME KIOSK_PAGE_ATTRACT
#define FILING KIOSK_JOURNEY_FILING
#define SELF_SERVICE KIOSK_JOURNEY_SELF_SERVICE

/* Columns: page, class, flags, the step bar and step it shows, where Back
 * and Home go. Home is the welcome page (it ends the visit) for walk-up
 * pages and the staff page for staff pages. */
static const KioskPageRow rows[] = {
  /* walk-up: filing by card (R-2.1a) works offline */
  { KIOSK_PAGE_ATTRACT, kiosk_attract_page_get_type,
    KIOSK_PAGE_WORKS_OFFLINE | KIOSK_PAGE_STARTS_FILING, 0, 0, NONE, NONE },
  { KIOSK_PAGE_READING, kiosk_reading_page_get_type,
    KIOSK_PAGE_WORKS_OFFLINE | KIOSK_PAGE_STARTS_FILING, FILING, 1, NONE, WELCOME },
  { KIOSK_PAGE_CARD, kiosk_card_page_get_type, KIOSK_PAGE_WORKS_OFFLINE, FILING, 2, WELCOME,
    WELCOME },
  /* its primary, Done, is the way home: no Home beside it */
  { KIOSK_PAGE_FILED, kiosk_filed_page_get_type,
    KIOSK_PAGE_WORKS_OFFLINE | KIOSK_PAGE_STARTS_FILING, FILING, 3, NONE, NONE },
  /* registration and login need the registry */
  { KIOSK_PAGE_REGISTER, kiosk_sms_page_get_type, 0, SELF_SERVICE, 1, WELCOME, WELCOME },
  { KIOSK_PAGE_LOGIN, kiosk_sms_page_get_type, 0, SELF_SERVICE, 1, WELCOME, WELCOME },
  /* practice information */
  { KIOSK_PAGE_HOME, kiosk_home_page_get_type, KIOSK_PAGE_NEEDS_SESSION, 0, 0, NONE, WELCOME },
  /* practice information lives on the registry: none of it works offline */
  { KIOSK_PAGE_BASIC_INFO, kiosk_basic_info_page_get_type, KIOSK_PAGE_NEEDS_SESSION, 0, 0,
    KIOSK_PAGE_HOME, WELCOME },
  { KIOSK_PAGE_RECORD_LIST, kiosk_record_list_page_get_type, KIOSK_PAGE_NEEDS_SESSION, 0, 0,
    KIOSK_PAGE_HOME, WELCOME },
  { KIOSK_PAGE_RECORD_FORM, kiosk_record_form_page_get_type, KIOSK_PAGE_NEEDS_SESSION, 0, 0,
    KIOSK_PAGE_RECORD_LIST, WELCOME },
  { KIOSK_PAGE_RECORD_DETAIL, kiosk_record_detail_page_get_type, KIOSK_PAGE_NEEDS_SESSION, 0, 0,
    KIOSK_PAGE_RECORD_LIST, WELCOME },
  { KIOSK_PAGE_SIGNATURE, kiosk_signature_page_get_type,
    KIOSK_PAGE_NEEDS_SESSION | KIOSK_PAGE_WORKS_OFFLINE, 0, 0, KIOSK_PAGE_HOME, WELCOME },
  { KIOSK_PAGE_PRINT, kiosk_print_page_get_type,
    KIOSK_PAGE_NEEDS_SESSION | KIOSK_PAGE_WORKS_OFFLINE, 0, 0, KIOSK_PAGE_SIGNATURE, WELCOME },
  /* attachments: Back goes to the page that asked */
  { KIOSK_PAGE_PHONE_UPLOAD, kiosk_phone_upload_page_get_type, KIOSK_PAGE_NEEDS_SESSION, 0, 0,
    KIOSK_PAGE_HOME, WELCOME },
  { KIOSK_PAGE_USB_PICKER, kiosk_usb_picker_page_get_type, KIOSK_PAGE_NEEDS_SESSION, 0, 0,
    KIOSK_PAGE_HOME, WELCOME },
  { KIOSK_PAGE_ATTACHMENT_VIEWER, kiosk_attachment_viewer_page_get_type, KIOSK_PAGE_NEEDS_SESSION,
    0, 0, KIOSK_PAGE_HOME, WELCOME },
  /* a practitioner's page: staff sign in on it only to vouch for one scan */
  { KIOSK_PAGE_FORM_CONFIRM, kiosk_form_confirm_page_get_type, KIOSK_PAGE_NEEDS_SESSION, 0, 0,
    KIOSK_PAGE_SIGNATURE, WELCOME },
  /* staff mode */
  { KIOSK_PAGE_STAFF_LOGIN, kiosk_staff_login_page_get_type, KIOSK_PAGE_WORKS_OFFLINE, 0, 0,
    WELCOME, WELCOME },
  { KIOSK_PAGE_STAFF, kiosk_staff_page_get_type, STAFF, 0, 0, NONE, NONE },
  { KIOSK_PAGE_MANUAL_FILING, kiosk_manual_filing_page_get_type, STAFF, 0, 0, KIOSK_PAGE_STAFF,
    KIOSK_PAGE_STAFF },
  { KIOSK_PAGE_SYNC_STATUS, kiosk_sync_status_page_get_type, STAFF, 0, 0, KIOSK_PAGE_STAFF,
    KIOSK_PAGE_STAFF },
  { KIOSK_PAGE_READER_STATUS, kiosk_reader_status_page_get_type, STAFF, 0, 0, KIOSK_PAGE_STAFF,
    KIOSK_PAGE_STAFF },
  { KIOSK_PAGE_SETTINGS, kiosk_settings_page_get_type, STAFF, 0, 0, KIOSK_PAGE_STAFF,
    KIOSK_PAGE_STAFF },
  { KIOSK_PAGE_PRINTERS, kiosk_printers_page_get_type, STAFF, 0, 0, KIOSK_PAGE_STAFF,
    KIOSK_PAGE_STAFF },
};

G_STATIC_ASSERT (G_N_ELEMENTS (rows) == KIOSK_N_PAGES);

/**
 * kiosk_page_table_lookup:
 *
 * Returns: (transfer none): the row of @id
 */
const KioskPageRow *
kiosk_page_table_lookup (KioskPageId id)
{
  g_return_val_if_fail ((guint) id < KIOSK_N_PAGES, NULL);
  g_return_val_if_fail (rows[id].id == id, NULL);

  return &rows[id];
}

/**
 * kiosk_page_id_to_string:
 *
 * Returns: the page's name, e.g. "staff-login", for logs
 */
const char *
kiosk_page_id_to_string (KioskPageId id)
{
  GEnumClass *klass = g_type_class_ref (KIOSK_TYPE_PAGE_ID);
  GEnumValue *value = g_enum_get_value (klass, id);

  g_type_class_unref (klass); /* enum classes stay once made */
  return value != NULL ? value->value_nick : "?";
}

/**
 * kiosk_journey_get_n_steps:
 *
 * Returns: how many steps @journey's step bar shows, 0 for none
 */
guint
kiosk_journey_get_n_steps (KioskJourney journey)
{
  switch (journey)
    {
      case KIOSK_JOURNEY_FILING:
      case KIOSK_JOURNEY_SELF_SERVICE:
        return 3;
      case KIOSK_JOURNEY_NONE:
      default:
        return 0;
    }
}

/**
 * kiosk_journey_get_step_name:
 * @step: 1 … kiosk_journey_get_n_steps()
 *
 * Returns: the step's name in the step bar, translated
 */
const char *
kiosk_journey_get_step_name (KioskJourney journey, guint step)
{
  /* short: the step bar names every step beside the title, in English
   * with large text on a 1280-wide screen too */
  static const char *const filing[] = { N_ ("Place card"), N_ ("Check details"), N_ ("Done") };
  static const char *const self_service[] = { N_ ("Identity"), N_ ("Phone and codes"),
                                              N_ ("Done") };

  g_return_val_if_fail (step >= 1 && step <= kiosk_journey_get_n_steps (journey), "");

  return _ (journey == KIOSK_JOURNEY_FILING ? filing[step - 1] : self_service[step - 1]);
}

/* ---- navigation ---- */

struct _KioskNavigation
{
  KioskPageId target;
  gboolean resume;
  guint n_properties;
  const char **names; /* interned */
  GValue *values;
};

G_DEFINE_BOXED_TYPE (KioskNavigation,
                     kiosk_navigation,
                     kiosk_navigation_copy,
                     kiosk_navigation_free)

/**
 * kiosk_navigation_new:
 * @target: the page to show
 * @first_property_name: (nullable): the first of the target's properties to
 *   set, followed by its value, other name/value pairs, and %NULL
 *
 * A navigation to @target, e.g. kiosk_navigation_new (KIOSK_PAGE_CARD, "card",
 * card, NULL). A property the target does not have is a programming error.
 */
KioskNavigation *
kiosk_navigation_new (KioskPageId target, const char *first_property_name, ...)
{
  KioskNavigation *navigation;
  va_list args;

  va_start (args, first_property_name);
  navigation = kiosk_navigation_new_valist (target, first_property_name, args);
  va_end (args);
  return navigation;
}

KioskNavigation *
kiosk_navigation_new_valist (KioskPageId target, const char *first_property_name, va_list args)
{
  const KioskPageRow *row = kiosk_page_table_lookup (target);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  KioskNavigation *navigation;
  GObjectClass *klass;

  g_return_val_if_fail (row != NULL, NULL);

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  klass = g_type_class_ref (row->get_type ());
  for (const char *name = first_property_name; name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = g_object_class_find_property (klass, name);
      GValue value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      if (pspec == NULL || (pspec->flags & G_PARAM_WRITABLE) == 0)
        {
          g_critical ("the %s page takes no argument %s", kiosk_page_id_to_string (target), name);
          break;
        }
      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
      if (error != NULL)
        {
          g_critical ("argument %s of the %s page: %s", name, kiosk_page_id_to_string (target),
                      error);
          break;
        }
      g_ptr_array_add (names, (gpointer) pspec->name);
      g_array_append_val (values, value);
    }
  g_type_class_unref (klass);

  navigation = g_new0 (KioskNavigation, 1);
  navigation->target = target;
  navigation->n_properties = names->len;
  navigation->names = (const char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  g_array_set_clear_func (values, NULL);
  navigation->values = (GValue *) (gpointer) g_array_free (g_steal_pointer (&values), FALSE);
  return navigation;
}

KioskNavigation *
kiosk_navigation_copy (const KioskNavigation *navigation)
{
  KioskNavigation *copy;

  g_return_val_if_fail (navigation != NULL, NULL);

  copy = g_new0 (KioskNavigation, 1);
  copy->target = navigation->target;
  copy->resume = navigation->resume;
  copy->n_properties = navigation->n_properties;
  copy->names = g_memdup2 (navigation->names, sizeof (char *) * navigation->n_properties);
  copy->values = g_new0 (GValue, navigation->n_properties);
  for (guint i = 0; i < navigation->n_properties; i++)
    {
      g_value_init (&copy->values[i], G_VALUE_TYPE (&navigation->values[i]));
      g_value_copy (&navigation->values[i], &copy->values[i]);
    }
  return copy;
}

void
kiosk_navigation_free (KioskNavigation *navigation)
{
  if (navigation == NULL)
    return;
  for (guint i = 0; i < navigation->n_properties; i++)
    g_value_unset (&navigation->values[i]);
  g_free (navigation->values);
  g_free (navigation->names);
  g_free (navigation);
}

KioskPageId
kiosk_navigation_get_target (const KioskNavigation *navigation)
{
  g_return_val_if_fail (navigation != NULL, KIOSK_PAGE_ATTRACT);
  return navigation->target;
}

/**
 * kiosk_navigation_set_resume:
 * @resume: go where the person was headed before the flow sent them to
 *   sign in, if anywhere, instead of to the target
 */
void
kiosk_navigation_set_resume (KioskNavigation *navigation, gboolean resume)
{
  g_return_if_fail (navigation != NULL);
  navigation->resume = resume;
}

gboolean
kiosk_navigation_get_resume (const KioskNavigation *navigation)
{
  g_return_val_if_fail (navigation != NULL, FALSE);
  return navigation->resume;
}

/**
 * kiosk_navigation_apply:
 * @page: the target page
 *
 * Sets the navigation's arguments on @page, in the order they were given.
 */
void
kiosk_navigation_apply (const KioskNavigation *navigation, GObject *page)
{
  g_return_if_fail (navigation != NULL);
  g_return_if_fail (G_IS_OBJECT (page));

  if (navigation->n_properties > 0)
    g_object_setv (page, navigation->n_properties, navigation->names, navigation->values);
}
