/* kiosk-page-table.h: every page of the kiosk, one row each, and navigation as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KioskPageId:
 * @KIOSK_PAGE_ATTRACT: the welcome page; a visit starts and ends here
 * @KIOSK_PAGE_READING: "reading your card…"
 * @KIOSK_PAGE_CARD: what the card says, a phone, "File" (argument: "card")
 * @KIOSK_PAGE_FILED: the filing is kept (argument: "filing")
 * @KIOSK_PAGE_REGISTER: registration by SMS
 * @KIOSK_PAGE_LOGIN: login by SMS
 * @KIOSK_PAGE_HOME: a logged-in practitioner's home: a tile per section
 * @KIOSK_PAGE_BASIC_INFO: the practitioner's basic information
 * @KIOSK_PAGE_RECORD_LIST: the practitioner's records of one kind (argument: "kind")
 * @KIOSK_PAGE_RECORD_FORM: add or change a record (arguments: "kind", "record")
 * @KIOSK_PAGE_RECORD_DETAIL: a read-only record (arguments: "kind", "record")
 * @KIOSK_PAGE_SIGNATURE: the signature collection form: status, preview, print
 * @KIOSK_PAGE_PRINT: printing a form (arguments: "form", "return-page")
 * @KIOSK_PAGE_PHONE_UPLOAD: a file from the person's phone through a QR code
 *   (arguments: "kind" and "record-id", or no kind for the signed form; "return-page")
 * @KIOSK_PAGE_USB_PICKER: a file from the USB stick plugged in (arguments as
 *   %KIOSK_PAGE_PHONE_UPLOAD)
 * @KIOSK_PAGE_ATTACHMENT_VIEWER: one attachment on the whole screen (arguments:
 *   "attachment-id", "return-page")
 * @KIOSK_PAGE_FORM_CONFIRM: staff confirm a signed form's scan whose QR code
 *   cannot be read (arguments: "scan", "media-type", "return-page")
 * @KIOSK_PAGE_STAFF_LOGIN: staff sign-in
 * @KIOSK_PAGE_STAFF: the staff home page
 * @KIOSK_PAGE_MANUAL_FILING: staff file a person from a document without a chip
 * @KIOSK_PAGE_SYNC_STATUS: what waits for the registry, what it refused
 * @KIOSK_PAGE_READER_STATUS: reader diagnostics
 * @KIOSK_PAGE_SETTINGS: this kiosk's settings and enrolment
 * @KIOSK_PAGE_PRINTERS: the print queues
 *
 * The names pages are known by; their nicks ("staff-login") name them in
 * logs and in the flow's stack. A page's arguments are its properties.
 */
typedef enum
{
  KIOSK_PAGE_ATTRACT,
  KIOSK_PAGE_READING,
  KIOSK_PAGE_CARD,
  KIOSK_PAGE_FILED,
  KIOSK_PAGE_REGISTER,
  KIOSK_PAGE_LOGIN,
  KIOSK_PAGE_HOME,
  KIOSK_PAGE_BASIC_INFO,
  KIOSK_PAGE_RECORD_LIST,
  KIOSK_PAGE_RECORD_FORM,
  KIOSK_PAGE_RECORD_DETAIL,
  KIOSK_PAGE_SIGNATURE,
  KIOSK_PAGE_PRINT,
  KIOSK_PAGE_PHONE_UPLOAD,
  KIOSK_PAGE_USB_PICKER,
  KIOSK_PAGE_ATTACHMENT_VIEWER,
  KIOSK_PAGE_FORM_CONFIRM,
  KIOSK_PAGE_STAFF_LOGIN,
  KIOSK_PAGE_STAFF,
  KIOSK_PAGE_MANUAL_FILING,
  KIOSK_PAGE_SYNC_STATUS,
  KIOSK_PAGE_READER_STATUS,
  KIOSK_PAGE_SETTINGS,
  KIOSK_PAGE_PRINTERS,
} KioskPageId;

#define KIOSK_N_PAGES (KIOSK_PAGE_PRINTERS + 1)

/**
 * KioskPageFlags:
 * @KIOSK_PAGE_NEEDS_STAFF: shows only while staff are signed in; the flow
 *   shows staff sign-in first, then goes on to the page
 * @KIOSK_PAGE_NEEDS_SESSION: shows only while a practitioner is logged in; the
 *   flow shows login first, then goes on to the page
 * @KIOSK_PAGE_WORKS_OFFLINE: needs no registry; a page without it shows its
 *   offline state (kiosk_page_get_offline()) on a kiosk without one
 * @KIOSK_PAGE_STARTS_FILING: a card placed while the page shows starts a filing
 */
typedef enum /*< flags >*/
{
  KIOSK_PAGE_NEEDS_STAFF = 1 << 0,
  KIOSK_PAGE_NEEDS_SESSION = 1 << 1,
  KIOSK_PAGE_WORKS_OFFLINE = 1 << 2,
  KIOSK_PAGE_STARTS_FILING = 1 << 3,
} KioskPageFlags;

/**
 * KioskJourney:
 * @KIOSK_JOURNEY_NONE: the page is part of no multi-step errand
 * @KIOSK_JOURNEY_FILING: filing by card: place the card, check, done
 * @KIOSK_JOURNEY_SELF_SERVICE: registration or login by SMS: identity,
 *   mobile number and codes, done
 *
 * The errands the frame's step bar shows the steps of.
 */
typedef enum
{
  KIOSK_JOURNEY_NONE,
  KIOSK_JOURNEY_FILING,
  KIOSK_JOURNEY_SELF_SERVICE,
} KioskJourney;

/* a row's back or home column when the frame shows no such button */
#define KIOSK_PAGE_NONE ((KioskPageId) -1)

/**
 * KioskPageRow:
 * @id: the page
 * @get_type: its class, built when the page is first shown
 * @flags: when and how it may show
 * @journey: the errand whose step bar the frame shows above the page
 * @step: its place in that step bar (1, 2, …), 0 when it is part of none
 * @back: where the frame's Back button goes, %KIOSK_PAGE_NONE for no button
 *   (a page may decide otherwise in its go_back vfunc)
 * @home: where the frame's Home button goes, %KIOSK_PAGE_NONE for no button
 */
typedef struct
{
  KioskPageId id;
  GType (*get_type) (void);
  KioskPageFlags flags;
  KioskJourney journey;
  guint step;
  KioskPageId back;
  KioskPageId home;
} KioskPageRow;

const KioskPageRow *kiosk_page_table_lookup (KioskPageId id);
const char *kiosk_page_id_to_string (KioskPageId id);
guint kiosk_journey_get_n_steps (KioskJourney journey);
const char *kiosk_journey_get_step_name (KioskJourney journey, guint step);

/**
 * KioskNavigation:
 * @target: the page to show
 *
 * Where to go, and the arguments the target gets: values of its own
 * properties, set on it before it shows.
 */
typedef struct _KioskNavigation KioskNavigation;

#define KIOSK_TYPE_NAVIGATION (kiosk_navigation_get_type ())

GType kiosk_navigation_get_type (void) G_GNUC_CONST;

KioskNavigation *kiosk_navigation_new (KioskPageId target, const char *first_property_name, ...);
KioskNavigation *
kiosk_navigation_new_valist (KioskPageId target, const char *first_property_name, va_list args);
KioskNavigation *kiosk_navigation_copy (const KioskNavigation *navigation);
void kiosk_navigation_free (KioskNavigation *navigation);
KioskPageId kiosk_navigation_get_target (const KioskNavigation *navigation);
void kiosk_navigation_set_resume (KioskNavigation *navigation, gboolean resume);
gboolean kiosk_navigation_get_resume (const KioskNavigation *navigation);
void kiosk_navigation_apply (const KioskNavigation *navigation, GObject *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskNavigation, kiosk_navigation_free)

G_END_DECLS
