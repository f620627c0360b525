/* registry-schema.c: the registry's numbered schema steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Steps are only ever appended; a released step is never edited. The same
 * SQL runs on SQLite and PostgreSQL: times are BIGINT microseconds since the
 * epoch (UTC), dates are 'YYYY-MM-DD' text, booleans are INTEGER 0/1, and
 * person ids are UUID text made by the registry. Personal data lives only in
 * persons, person_history, filings and the practice sections; the audit log
 * names people by person_id only.
 */

#include "config.h"

#include "registry-storage-private.h"

/* The identity columns a filing carries and a person's history keeps. */
#define IDENTITY_COLUMNS                                                                           \
  " name TEXT, name_en TEXT, sex TEXT, nation TEXT, nationality TEXT, birth_date TEXT,"            \
  " address TEXT, issuer TEXT, valid_from TEXT, valid_until TEXT, card_type TEXT,"                 \
  " photo_wlt TEXT,"

static const RegistryMigration migrations[] = {
  { 1, "devices, staff, persons, their history and filings",
    "CREATE TABLE devices ("
    " id {{id}},"
    " name TEXT NOT NULL UNIQUE,"
    " token_hash TEXT NOT NULL UNIQUE,"
    " created_at BIGINT NOT NULL,"
    " revoked_at BIGINT);"
    "CREATE TABLE staff ("
    " id {{id}},"
    " username TEXT NOT NULL UNIQUE,"
    " password_hash TEXT NOT NULL,"
    " created_at BIGINT NOT NULL,"
    " disabled_at BIGINT);"
    "CREATE TABLE persons ("
    " person_id TEXT PRIMARY KEY,"
    " doc_type TEXT NOT NULL,"
    " doc_number TEXT NOT NULL," IDENTITY_COLUMNS " phone TEXT,"
    " version INTEGER NOT NULL,"
    " created_at BIGINT NOT NULL,"
    " updated_at BIGINT NOT NULL,"
    " UNIQUE (doc_type, doc_number));"
    "CREATE TABLE person_history ("
    " id {{id}},"
    " person_id TEXT NOT NULL REFERENCES persons (person_id),"
    " version INTEGER NOT NULL," IDENTITY_COLUMNS " phone TEXT,"
    " valid_since BIGINT NOT NULL,"
    " replaced_at BIGINT NOT NULL,"
    " replaced_by_filing TEXT NOT NULL,"
    " UNIQUE (person_id, version));"
    "CREATE TABLE filings ("
    " filing_id TEXT PRIMARY KEY,"
    " person_id TEXT NOT NULL REFERENCES persons (person_id),"
    " device_id BIGINT NOT NULL REFERENCES devices (id),"
    " source TEXT NOT NULL,"
    " doc_type TEXT NOT NULL,"
    " doc_number TEXT NOT NULL," IDENTITY_COLUMNS " phone TEXT,"
    " staff TEXT,"
    " original_checked INTEGER NOT NULL,"
    " phone_usable INTEGER NOT NULL,"
    " received_at BIGINT NOT NULL);"
    "CREATE INDEX filings_person ON filings (person_id);" },

  { 2, "login phones, SMS users, practice sections, attachments, signature forms, audit log",
    /* A phone logs in for one person only. Phones filed before this step
     * are bound to the person who filed them first. */
    "CREATE TABLE login_phones ("
    " phone TEXT PRIMARY KEY,"
    " person_id TEXT NOT NULL REFERENCES persons (person_id),"
    " origin TEXT NOT NULL CHECK (origin IN ('filing', 'sms')),"
    " bound_at BIGINT NOT NULL);"
    "CREATE INDEX login_phones_person ON login_phones (person_id);"
    "INSERT INTO login_phones (phone, person_id, origin, bound_at)"
    " SELECT p.phone, p.person_id, 'filing', p.updated_at FROM persons p"
    " WHERE p.phone IS NOT NULL AND NOT EXISTS (SELECT 1 FROM persons q WHERE q.phone = p.phone"
    " AND (q.created_at < p.created_at OR (q.created_at = p.created_at"
    " AND q.person_id < p.person_id)));"
    "CREATE TABLE sms_users ("
    " person_id TEXT PRIMARY KEY REFERENCES persons (person_id),"
    " phone TEXT NOT NULL UNIQUE,"
    " device_id BIGINT REFERENCES devices (id),"
    " registered_at BIGINT NOT NULL);"
    /* ..: sections the practitioner maintains. */
    "CREATE TABLE educations ("
    " id {{id}},"
    " person_id TEXT NOT NULL REFERENCES persons (person_id),"
    " school TEXT NOT NULL, major TEXT NOT NULL, level TEXT NOT NULL, study_form TEXT,"
    " duration TEXT, enrolled_on TEXT, graduated_on TEXT NOT NULL, conclusion TEXT,"
    " certificate_number TEXT NOT NULL,"
    " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"
    "CREATE INDEX educations_person ON educations (person_id);"
    "CREATE TABLE degrees ("
    " id {{id}},"
    " person_id TEXT NOT NULL REFERENCES persons (person_id),"
    " degree TEXT NOT NULL, subject TEXT NOT NULL, grantor TEXT NOT NULL,"
    " granted_on TEXT NOT NULL, certificate_number TEXT NOT NULL,"
    " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"
    "CREATE INDEX degrees_person ON degrees (person_id);"
    "CREATE TABLE titles ("
    " id {{id}},"
    " person_id TEXT NOT NULL REFERENCES persons (person_id),"
    " title TEXT NOT NULL, specialty TEXT NOT NULL, level TEXT NOT NULL, issuer TEXT,"
    " obtained_on TEXT NOT NULL, certificate_number TEXT NOT NULL,"
    " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"
    "CREATE INDEX titles_person ON titles (person_id);"
    "CREATE TABLE skill_certificates ("
    " id {{id}},"
    " person_id TEXT NOT NULL REFERENCES persons (person_id),"
    " certificate_type TEXT NOT NULL, trade TEXT NOT NULL, grade TEXT,"
    " certificate_number TEXT NOT NULL, issuer TEXT NOT NULL, issued_on TEXT NOT NULL,"
    " valid_until TEXT,"
    " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"
    "CREATE INDEX skill_certificates_person ON skill_certificates (person_id);"
    "CREATE TABLE work_history ("
    " id {{id}},"
    " person_id TEXT NOT NULL REFERENCES persons (person_id),"
    " company TEXT NOT NULL, department TEXT, position TEXT NOT NULL,"
    " start_month TEXT NOT NULL, end_month TEXT, referee TEXT, referee_phone TEXT,"
    " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"
    "CREATE INDEX work_history_person ON work_history (person_id);"
    /* read-only sections imported from other authorities,
     * keyed by document because the person may not be filed yet. */
    "CREATE TABLE registrations ("
    " id {{id}},"
    " doc_type TEXT NOT NULL, doc_number TEXT NOT NULL,"
    " category TEXT NOT NULL, certificate_number TEXT NOT NULL, seal_number TEXT,"
    " issued_on TEXT, issuer TEXT, valid_until TEXT, company TEXT, company_code TEXT,"
    " status TEXT, imported_at BIGINT NOT NULL);"
    "CREATE INDEX registrations_doc ON registrations (doc_type, doc_number);"
    "CREATE TABLE registration_specialties ("
    " id {{id}},"
    " registration_id BIGINT NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,"
    " specialty TEXT NOT NULL, valid_from TEXT, valid_until TEXT);"
    "CREATE INDEX registration_specialties_registration"
    " ON registration_specialties (registration_id);"
    "CREATE TABLE projects ("
    " id {{id}},"
    " doc_type TEXT NOT NULL, doc_number TEXT NOT NULL,"
    " name TEXT NOT NULL, code TEXT, category TEXT, owner TEXT, role TEXT,"
    " started_on TEXT, completed_on TEXT, investment_wan TEXT, area_m2 TEXT, location TEXT,"
    " imported_at BIGINT NOT NULL);"
    "CREATE INDEX projects_doc ON projects (doc_type, doc_number);"
    /* Scans and photos of certificates and the signed form, at most 10 MiB. */
    "CREATE TABLE attachments ("
    " id {{id}},"
    " person_id TEXT NOT NULL REFERENCES persons (person_id),"
    " section TEXT NOT NULL, record_id BIGINT,"
    " media_type TEXT NOT NULL,"
    " size BIGINT NOT NULL CHECK (size >= 0 AND size <= 10485760),"
    " sha256 TEXT NOT NULL,"
    " content {{blob}} NOT NULL,"
    " created_at BIGINT NOT NULL);"
    "CREATE INDEX attachments_record ON attachments (person_id, section, record_id);"
    "CREATE TABLE signature_forms ("
    " person_id TEXT PRIMARY KEY REFERENCES persons (person_id),"
    " status TEXT NOT NULL CHECK (status IN ('to_print', 'to_upload', 'uploaded')),"
    " printed_at BIGINT, uploaded_at BIGINT,"
    " attachment_id BIGINT REFERENCES attachments (id));"
    "CREATE TABLE audit_log ("
    " id {{id}},"
    " at BIGINT NOT NULL,"
    " device_id BIGINT,"
    " staff TEXT,"
    " action TEXT NOT NULL,"
    " person_id TEXT,"
    " detail TEXT);"
    "CREATE INDEX audit_log_at ON audit_log (at);" },

  { 3, "server secrets, captchas, SMS codes, practitioner sessions, staff login failures",
    /* The HMAC key for captcha answers and SMS codes: made by the first
     * registry process that starts on the database, shared by all. */
    "CREATE TABLE server_secrets ("
    " name TEXT PRIMARY KEY,"
    " value TEXT NOT NULL,"
    " created_at BIGINT NOT NULL);"
    /* Answers and codes are stored only as HMAC-SHA-256 under that key. */
    "CREATE TABLE captchas ("
    " captcha_id TEXT PRIMARY KEY,"
    " device_id BIGINT NOT NULL REFERENCES devices (id),"
    " answer_hash TEXT NOT NULL,"
    " created_at BIGINT NOT NULL,"
    " expires_at BIGINT NOT NULL);"
    "CREATE INDEX captchas_expires ON captchas (expires_at);"
    /* One row per code sent; the rows are also the send counters. */
    "CREATE TABLE sms_codes ("
    " id {{id}},"
    " purpose TEXT NOT NULL CHECK (purpose IN ('register', 'login')),"
    " doc_type TEXT NOT NULL,"
    " doc_number TEXT NOT NULL,"
    " phone TEXT NOT NULL,"
    " device_id BIGINT NOT NULL REFERENCES devices (id),"
    " code_hash TEXT NOT NULL,"
    " created_at BIGINT NOT NULL,"
    " expires_at BIGINT NOT NULL,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " spent_at BIGINT);"
    "CREATE INDEX sms_codes_phone ON sms_codes (phone, created_at);"
    "CREATE INDEX sms_codes_device ON sms_codes (device_id, created_at);"
    "CREATE INDEX sms_codes_person ON sms_codes (doc_type, doc_number, phone);"
    /* Serialises sends to one phone across processes. */
    "CREATE TABLE sms_phones ("
    " phone TEXT PRIMARY KEY,"
    " last_sent_at BIGINT NOT NULL);"
    "CREATE TABLE practitioner_sessions ("
    " id {{id}},"
    " token_hash TEXT NOT NULL UNIQUE,"
    " person_id TEXT NOT NULL REFERENCES persons (person_id),"
    " device_id BIGINT NOT NULL REFERENCES devices (id),"
    " login_phone TEXT NOT NULL,"
    " created_at BIGINT NOT NULL,"
    " expires_at BIGINT NOT NULL);"
    "CREATE INDEX practitioner_sessions_expires ON practitioner_sessions (expires_at);"
    "CREATE TABLE staff_login_failures ("
    " scope TEXT NOT NULL CHECK (scope IN ('user', 'device')),"
    " subject TEXT NOT NULL,"
    " failures INTEGER NOT NULL,"
    " last_failure_at BIGINT NOT NULL,"
    " locked_until BIGINT,"
    " PRIMARY KEY (scope, subject));" },

  { 4, "staff sessions, and the staff account that made a manual filing",
    /* A staff session is what a kiosk's manual filings carry: issued by
     * the registry at sign-in, bound to that kiosk, stored as the token's
     * SHA-256. Manual filings record the account it resolved to; filings
     * from before this step have no staff_id and count as unverified. */
    "CREATE TABLE staff_sessions ("
    " id {{id}},"
    " token_hash TEXT NOT NULL UNIQUE,"
    " staff_id BIGINT NOT NULL REFERENCES staff (id),"
    " device_id BIGINT NOT NULL REFERENCES devices (id),"
    " created_at BIGINT NOT NULL,"
    " expires_at BIGINT NOT NULL,"
    " ended_at BIGINT);"
    "CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);"
    "CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);"
    "ALTER TABLE filings ADD COLUMN staff_id BIGINT REFERENCES staff (id);" },

  { 5, "operators' admin tokens, and each kiosk's latest health report",
    /* Admin tokens open the operators' routes (the fleet list); stored
     * as the token's SHA-256 like device tokens, but never one of them. */
    "CREATE TABLE admin_tokens ("
    " id {{id}},"
    " name TEXT NOT NULL UNIQUE,"
    " token_hash TEXT NOT NULL UNIQUE,"
    " created_at BIGINT NOT NULL,"
    " revoked_at BIGINT);"
    /* Only the latest report of a device is kept: the fleet list shows
     * how each kiosk is now, and when it last said so. No personal data:
     * the kiosk reports counts, ages, states and its last sync error. */
    "CREATE TABLE device_health ("
    " device_id BIGINT PRIMARY KEY REFERENCES devices (id),"
    " version TEXT NOT NULL,"
    " outbox_depth BIGINT NOT NULL,"
    " oldest_unsent_s BIGINT NOT NULL,"
    " reader TEXT NOT NULL,"
    " printer TEXT NOT NULL,"
    " last_error TEXT,"
    " interval_s BIGINT NOT NULL,"
    " reported_at BIGINT NOT NULL);" },
  { 6, "practice-information records of every kind, and their audit",
    /* One table for every kind a practitioner keeps (core-record-kind.c):
     * the record is the JSON object the kind's table validated, so a new
     * kind or field needs no schema step. version counts changes for
     * optimistic updates. The tables of step 2 for these kinds were never
     * written by any route and go. */
    "DROP TABLE educations;"
    "DROP TABLE degrees;"
    "DROP TABLE titles;"
    "DROP TABLE skill_certificates;"
    "DROP TABLE work_history;"
    "CREATE TABLE practice_records ("
    " id {{id}},"
    " person_id TEXT NOT NULL REFERENCES persons (person_id),"
    " kind TEXT NOT NULL,"
    " version INTEGER NOT NULL CHECK (version >= 1),"
    " document TEXT NOT NULL,"
    " created_at BIGINT NOT NULL,"
    " updated_at BIGINT NOT NULL);"
    "CREATE INDEX practice_records_person ON practice_records (person_id, kind, id);"
    /* The read-only kinds, as `admin import` loads them: keyed by document
     * because the person may not be filed yet; the same JSON records, with
     * dictionary codes (step 2's registrations and projects tables held
     * labels and are no longer read: import the files again). */
    "CREATE TABLE imported_records ("
    " id {{id}},"
    " kind TEXT NOT NULL,"
    " doc_type TEXT NOT NULL,"
    " doc_number TEXT NOT NULL,"
    " document TEXT NOT NULL,"
    " imported_at BIGINT NOT NULL);"
    "CREATE INDEX imported_records_doc ON imported_records (doc_type, doc_number, kind, id);"
    /* which record a change touched; never its values */
    "ALTER TABLE audit_log ADD COLUMN kind TEXT;"
    "ALTER TABLE audit_log ADD COLUMN record_id BIGINT;" },

  { 7, "attachment thumbnails, signature-form confirmations, phone upload links",
    /* Attachments keep their bytes in the database on both backends, so a
     * backup, a restore and a person's deletion each hold them whole. */
    "ALTER TABLE attachments ADD COLUMN thumbnail {{blob}};"
    "ALTER TABLE attachments ADD COLUMN pages INTEGER NOT NULL DEFAULT 1;"
    /* the staff account that accepted a scan whose QR code was unreadable */
    "ALTER TABLE signature_forms ADD COLUMN confirmed_by BIGINT REFERENCES staff (id);"
    /* One-time links to upload from a phone, bound to the person, the
     * target and the kiosk that asked; the token is stored as its SHA-256. */
    "CREATE TABLE upload_links ("
    " id {{id}},"
    " token_hash TEXT NOT NULL UNIQUE,"
    " person_id TEXT NOT NULL REFERENCES persons (person_id),"
    " device_id BIGINT NOT NULL REFERENCES devices (id),"
    " section TEXT NOT NULL, record_id BIGINT,"
    " created_at BIGINT NOT NULL,"
    " expires_at BIGINT NOT NULL,"
    " used_at BIGINT,"
    " attachment_id BIGINT REFERENCES attachments (id) ON DELETE SET NULL);"
    "CREATE INDEX upload_links_person ON upload_links (person_id);"
    "CREATE INDEX upload_links_expires ON upload_links (expires_at);" },

  { 8, "a counter of each device's phone checks",
    /* One row per phone check a device asked for, kept for the limit's
     * window only: the rows are the device's counter, so a stolen device
     * token cannot walk through phones to learn which are bound. Neither
     * the phone nor the person is kept. */
    "CREATE TABLE phone_checks ("
    " id {{id}},"
    " device_id BIGINT NOT NULL REFERENCES devices (id),"
    " created_at BIGINT NOT NULL);"
    "CREATE INDEX phone_checks_device ON phone_checks (device_id, created_at);"
    "CREATE INDEX phone_checks_created ON phone_checks (created_at);" },

  { 9, "a phone's signature-form scan waiting for staff",
    /* A scan uploaded through a signature-form link whose QR code cannot be
     * read waits with its link for staff at the kiosk to confirm it: kept
     * only until the link is used or expires (registry-upload-links.c). */
    "ALTER TABLE upload_links ADD COLUMN pending_type TEXT;"
    "ALTER TABLE upload_links ADD COLUMN pending_scan {{blob}};" },
};

const RegistryMigration *
registry_migrations_get (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
