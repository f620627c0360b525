/* store-sealer.c: encrypts personal data at rest under the kiosk's own key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One random key per kiosk, in a 0600 file beside the store, created on first
 * start. Each sealed value is nonce ‖ crypto_secretbox (XSalsa20-Poly1305), so
 * a value that was tampered with, or sealed under another key, fails to open
 * instead of yielding garbage.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store-error.h"
#include "store-sealer.h"

#define KEY_FILE_NAME "outbox.key"

struct _StoreSealer
{
  GObject parent_instance;

  unsigned char *key; /* sodium_malloc'd, crypto_secretbox_KEYBYTES */
};

G_DEFINE_FINAL_TYPE (StoreSealer, store_sealer, G_TYPE_OBJECT)

static void
store_sealer_finalize (GObject *object)
{
  StoreSealer *self = STORE_SEALER (object);

  if (self->key != NULL)
    sodium_free (self->key);

  G_OBJECT_CLASS (store_sealer_parent_class)->finalize (object);
}

static void
store_sealer_class_init (StoreSealerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = store_sealer_finalize;
}

static void
store_sealer_init (StoreSealer *self)
{
}

static gboolean
read_key (const char *path, unsigned char *key, GError **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  GStatBuf st;

  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;
  if (len != crypto_secretbox_KEYBYTES)
    {
      sodium_memzero (contents, len);
      g_set_error (error, STORE_ERROR, STORE_ERROR_CORRUPT,
                   "the key file %s has %" G_GSIZE_FORMAT " bytes, not %d; "
                   "it was left as it is",
                   path, len, crypto_secretbox_KEYBYTES);
      return FALSE;
    }
  if (g_stat (path, &st) == 0 && (st.st_mode & 0077) != 0)
    {
      g_warning ("the key file %s was readable by others; restricting it to its owner", path);
      g_chmod (path, 0600);
    }
  memcpy (key, contents, crypto_secretbox_KEYBYTES);
  sodium_memzero (contents, len);
  return TRUE;
}

/* O_EXCL: two kiosk processes starting at once must not each write a key. */
static gboolean
create_key (const char *path, unsigned char *key, GError **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  ssize_t written;

  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot create the key file %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  crypto_secretbox_keygen (key);
  written = write (fd, key, crypto_secretbox_KEYBYTES);
  if (written != crypto_secretbox_KEYBYTES || fsync (fd) != 0)
    {
      int saved_errno = errno;
      close (fd);
      g_unlink (path);
      g_set_error (error, STORE_ERROR, STORE_ERROR_OPEN, "cannot write the key file %s: %s", path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/**
 * store_sealer_new_for_folder:
 * @folder: the kiosk's data folder
 *
 * Loads the kiosk's key from @folder, creating it (0600) when there is none.
 * A damaged key file is an error, never replaced: sealed data would be lost.
 *
 * Returns: (transfer full): the sealer, or %NULL with @error set
 */
StoreSealer *
store_sealer_new_for_folder (const char *folder, GError **error)
{
  g_autoptr (StoreSealer) self = NULL;
  g_autofree char *path = g_build_filename (folder, KEY_FILE_NAME, NULL);
  g_autoptr (GError) local_error = NULL;

  if (sodium_init () < 0)
    {
      g_set_error (error, STORE_ERROR, STORE_ERROR_FAILED, "libsodium cannot initialise");
      return NULL;
    }
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, STORE_ERROR, STORE_ERROR_OPEN, "cannot create the data folder %s: %s",
                   folder, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (STORE_TYPE_SEALER, NULL);
  self->key = sodium_malloc (crypto_secretbox_KEYBYTES);
  if (self->key == NULL)
    {
      g_set_error (error, STORE_ERROR, STORE_ERROR_FAILED, "no memory for the key");
      return NULL;
    }

  if (read_key (path, self->key, &local_error))
    return g_steal_pointer (&self);
  if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_clear_error (&local_error);

  if (create_key (path, self->key, &local_error))
    return g_steal_pointer (&self);
  /* another process created it a moment ago */
  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_EXIST) &&
      read_key (path, self->key, error))
    return g_steal_pointer (&self);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * store_sealer_seal:
 * @plain: the bytes to protect
 *
 * Returns: (transfer full): nonce ‖ ciphertext
 */
GBytes *
store_sealer_seal (StoreSealer *self, GBytes *plain)
{
  gsize plain_len;
  const unsigned char *plain_data = g_bytes_get_data (plain, &plain_len);
  gsize sealed_len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain_len;
  unsigned char *sealed = g_malloc (sealed_len);

  g_return_val_if_fail (STORE_IS_SEALER (self), NULL);

  randombytes_buf (sealed, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy (sealed + crypto_secretbox_NONCEBYTES, plain_data, plain_len, sealed,
                         self->key);
  return g_bytes_new_take (sealed, sealed_len);
}

/**
 * store_sealer_open:
 * @sealed: what store_sealer_seal() returned
 *
 * Returns: (transfer full): the plain bytes, or %NULL with @error set when
 *   @sealed is damaged or was sealed under another key
 */
GBytes *
store_sealer_open (StoreSealer *self, GBytes *sealed, GError **error)
{
  gsize sealed_len;
  const unsigned char *sealed_data = g_bytes_get_data (sealed, &sealed_len);
  unsigned char *plain;
  gsize plain_len;

  g_return_val_if_fail (STORE_IS_SEALER (self), NULL);

  if (sealed_len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    {
      g_set_error (error, STORE_ERROR, STORE_ERROR_CORRUPT, "a sealed record is too short");
      return NULL;
    }
  plain_len = sealed_len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
  plain = g_malloc (plain_len + 1);
  if (crypto_secretbox_open_easy (plain, sealed_data + crypto_secretbox_NONCEBYTES,
                                  sealed_len - crypto_secretbox_NONCEBYTES, sealed_data,
                                  self->key) != 0)
    {
      g_free (plain);
      g_set_error (error, STORE_ERROR, STORE_ERROR_CORRUPT,
                   "a sealed record does not open with this kiosk's key");
      return NULL;
    }
  plain[plain_len] = '\0'; /* convenient for JSON text; not counted */
  return g_bytes_new_take (plain, plain_len);
}
