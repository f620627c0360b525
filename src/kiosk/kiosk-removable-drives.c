/* kiosk-removable-drives.c: the USB stick someone plugged in, if any
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GIO's volume monitor lists the mounts a person may see. A mount is taken
 * for a removable drive when its drive says it is removable (udisks, through
 * gvfs, knows USB sticks), or when it has no drive at all: GIO's own monitor
 * (used when gvfs is not installed, as on the kiosk) lists only what is
 * mounted under /media and /run/media/USER, which is where a stick is
 * mounted. The kiosk's fixed disks are never listed. "root" follows the first
 * such mount as sticks come and go.
 *
 * "usable" says whether the drive is mounted nodev and nosuid, as the
 * kiosk's udev rule and udisks2 mount removable media: a stick mounted
 * without them could carry a device node or a set-user-ID program made on
 * another machine, and the kiosk does not read such a drive at all. The
 * options come from the mount table (/proc/self/mountinfo, through
 * GUnixMountEntry); a mount not found there is not usable either.
 */

#include "config.h"

#include <gio/gunixmounts.h>

#include "kiosk-removable-drives.h"

struct _KioskRemovableDrives
{
  GObject parent_instance;

  GVolumeMonitor *monitor;
  GMount *mount; /* the drive shown, or NULL */
  GFile *root;
  char *name;
  gboolean usable;
};

G_DEFINE_FINAL_TYPE (KioskRemovableDrives, kiosk_removable_drives, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ROOT,
  PROP_NAME,
  PROP_USABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * kiosk_removable_drives_options_usable:
 * @options: (nullable): a mount's options, comma-separated, as in mountinfo
 *
 * Returns: whether @options have both nodev and nosuid
 */
gboolean
kiosk_removable_drives_options_usable (const char *options)
{
  g_auto (GStrv) list = NULL;

  if (options == NULL)
    return FALSE;
  list = g_strsplit (options, ",", -1);
  return g_strv_contains ((const char *const *) list, "nodev") &&
         g_strv_contains ((const char *const *) list, "nosuid");
}

static gboolean
mount_usable (GFile *root)
{
  const char *path = root != NULL ? g_file_peek_path (root) : NULL;
  GUnixMountEntry *entry;
  gboolean usable;

  if (path == NULL)
    return FALSE;
  entry = g_unix_mount_at (path, NULL);
  if (entry == NULL)
    return FALSE;
  usable = kiosk_removable_drives_options_usable (g_unix_mount_get_options (entry));
  if (!usable)
    g_message ("the removable drive at %s is mounted without nodev and nosuid (%s): it is not read",
               path, g_unix_mount_get_options (entry));
  g_unix_mount_free (entry);
  return usable;
}

static gboolean
is_removable (GMount *mount)
{
  g_autoptr (GDrive) drive = g_mount_get_drive (mount);
  g_autoptr (GFile) root = g_mount_get_root (mount);

  if (g_mount_is_shadowed (mount) || !g_file_is_native (root))
    return FALSE;
  if (drive != NULL)
    return g_drive_is_removable (drive) || g_drive_is_media_removable (drive);
  return TRUE;
}

static void
update (KioskRemovableDrives *self)
{
  GList *mounts = g_volume_monitor_get_mounts (self->monitor);
  GMount *found = NULL;

  for (GList *l = mounts; l != NULL && found == NULL; l = l->next)
    if (is_removable (l->data))
      found = l->data;
  if (found != self->mount)
    {
      g_autoptr (GFile) root = found != NULL ? g_mount_get_root (found) : NULL;
      gboolean same = (root == NULL && self->root == NULL) ||
                      (root != NULL && self->root != NULL && g_file_equal (root, self->root));

      g_set_object (&self->mount, found);
      if (!same)
        {
          g_set_object (&self->root, root);
          self->usable = mount_usable (root);
          g_free (self->name);
          self->name = found != NULL ? g_mount_get_name (found) : NULL;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOT]);
        }
    }
  g_list_free_full (mounts, g_object_unref);
}

static void
mounts_changed_cb (GVolumeMonitor *monitor, GMount *mount, KioskRemovableDrives *self)
{
  update (self);
}

static void
kiosk_removable_drives_dispose (GObject *object)
{
  KioskRemovableDrives *self = KIOSK_REMOVABLE_DRIVES (object);

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->mount);
  g_clear_object (&self->root);

  G_OBJECT_CLASS (kiosk_removable_drives_parent_class)->dispose (object);
}

static void
kiosk_removable_drives_finalize (GObject *object)
{
  g_free (KIOSK_REMOVABLE_DRIVES (object)->name);

  G_OBJECT_CLASS (kiosk_removable_drives_parent_class)->finalize (object);
}

static void
kiosk_removable_drives_get_property (GObject *object,
                                     guint prop_id,
                                     GValue *value,
                                     GParamSpec *pspec)
{
  KioskRemovableDrives *self = KIOSK_REMOVABLE_DRIVES (object);

  switch (prop_id)
    {
      case PROP_ROOT:
        g_value_set_object (value, self->root);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_USABLE:
        g_value_set_boolean (value, self->usable);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_removable_drives_class_init (KioskRemovableDrivesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_removable_drives_dispose;
  object_class->finalize = kiosk_removable_drives_finalize;
  object_class->get_property = kiosk_removable_drives_get_property;

  /**
   * KioskRemovableDrives:root:
   *
   * The top folder of the removable drive mounted, %NULL while there is none.
   */
  properties[PROP_ROOT] =
      g_param_spec_object ("root", NULL, NULL, G_TYPE_FILE,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskRemovableDrives:name:
   *
   * The drive's name (its label), %NULL while there is none.
   */
  properties[PROP_NAME] =
      g_param_spec_string ("name", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskRemovableDrives:usable:
   *
   * Whether the drive is mounted nodev and nosuid, so its files may be read;
   * %FALSE while there is none. Set with #KioskRemovableDrives:root.
   */
  properties[PROP_USABLE] =
      g_param_spec_boolean ("usable", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_removable_drives_init (KioskRemovableDrives *self)
{
  self->monitor = g_volume_monitor_get ();
  g_signal_connect (self->monitor, "mount-added", G_CALLBACK (mounts_changed_cb), self);
  g_signal_connect (self->monitor, "mount-removed", G_CALLBACK (mounts_changed_cb), self);
  g_signal_connect (self->monitor, "mount-changed", G_CALLBACK (mounts_changed_cb), self);
  update (self);
}

/**
 * kiosk_removable_drives_new:
 *
 * Follows the removable drives from the calling thread's main context.
 */
KioskRemovableDrives *
kiosk_removable_drives_new (void)
{
  return g_object_new (KIOSK_TYPE_REMOVABLE_DRIVES, NULL);
}

/**
 * kiosk_removable_drives_get_root:
 *
 * Returns: (transfer none) (nullable): the top folder of the drive
 */
GFile *
kiosk_removable_drives_get_root (KioskRemovableDrives *self)
{
  g_return_val_if_fail (KIOSK_IS_REMOVABLE_DRIVES (self), NULL);
  return self->root;
}

gboolean
kiosk_removable_drives_get_usable (KioskRemovableDrives *self)
{
  g_return_val_if_fail (KIOSK_IS_REMOVABLE_DRIVES (self), FALSE);
  return self->usable;
}

const char *
kiosk_removable_drives_get_name (KioskRemovableDrives *self)
{
  g_return_val_if_fail (KIOSK_IS_REMOVABLE_DRIVES (self), NULL);
  return self->name;
}
