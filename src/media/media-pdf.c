/* media-pdf.c: a PDF read by the contained renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk and the registry never parse a PDF themselves: they start
 * pdf-renderer (pdf-renderer.c) with the file on its stdin, read its framed
 * answer, and kill it when it takes longer than MEDIA_PDF_TIMEOUT_SECONDS.
 * A renderer that crashes, hits one of its limits or is killed gives
 * MEDIA_PDF_ERROR_ABORTED, one that says the file is broken
 * MEDIA_PDF_ERROR_UNREADABLE; either way the caller has nothing of the file
 * but the error. media_pdf_run() waits on a main context of its own, so it
 * is for worker threads; the kiosk's and the registry's PDFs are read on
 * theirs already.
 *
 * PRACTITIONER_PDF_RENDERER names another renderer and
 * PRACTITIONER_PDF_TIMEOUT another timeout in seconds: the tests' way to a
 * renderer that crashes or hangs.
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib-unix.h>

#include "media-pdf.h"

G_DEFINE_QUARK (media - pdf - error - quark, media_pdf_error)

static void
image_free (MediaPdfImage *image)
{
  g_bytes_unref (image->pixels);
  g_free (image);
}

void
media_pdf_result_free (MediaPdfResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->clean, g_bytes_unref);
  g_clear_pointer (&result->images, g_ptr_array_unref);
  g_free (result);
}

/**
 * media_pdf_find_renderer:
 * @installed: where the program's package installs the renderer
 * @built: where the build tree has it
 *
 * Returns: (transfer full): the renderer to start: PRACTITIONER_PDF_RENDERER,
 *   else @installed, else (a program run from the build tree) @built
 */
char *
media_pdf_find_renderer (const char *installed, const char *built)
{
  const char *chosen = g_getenv ("PRACTITIONER_PDF_RENDERER");

  if (chosen != NULL && *chosen != '\0')
    return g_strdup (chosen);
  if (g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE) || built == NULL ||
      !g_file_test (built, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (installed);
  return g_strdup (built);
}

static guint
timeout_seconds (void)
{
  const char *text = g_getenv ("PRACTITIONER_PDF_TIMEOUT");
  guint64 seconds;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, 3600, &seconds, NULL))
    return (guint) seconds;
  return MEDIA_PDF_TIMEOUT_SECONDS;
}

typedef struct
{
  GSubprocess *process;
  pid_t group;        /* the renderer's process group: it and anything it started */
  GCancellable *stop; /* stops reading the answer */
  GInputStream *stdout_pipe;
  GByteArray *out;
  gsize out_limit;
  GError *error;
  gboolean communicated;
  gboolean read_all;
  gboolean exited;
  gboolean timed_out;
  gboolean overflowed;
} Run;

static void
wait_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  run->exited = TRUE;
}

/* stdin only: the answer comes through our own pipe, read_cb */
static void
communicate_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (source), result, NULL, NULL, &run->error);
  run->communicated = TRUE;
}

/* Kills the renderer and whatever it started, and stops reading: on the
 * timeout, the caller's cancel and an answer too long. */
static void
stop_renderer (Run *run)
{
  if (run->group > 0)
    kill (-run->group, SIGKILL);
  g_subprocess_force_exit (run->process);
  g_cancellable_cancel (run->stop);
}

/* the caller's cancel, from whichever thread it comes */
static void
cancel_stop (GCancellable *caller, GCancellable *stop)
{
  g_cancellable_cancel (stop);
}

static void
become_group_leader (gpointer unused)
{
  setpgid (0, 0);
}

static void read_more (Run *run);

static void
read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;
  g_autoptr (GBytes) chunk =
      g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);

  if (chunk == NULL || g_bytes_get_size (chunk) == 0)
    {
      run->read_all = TRUE;
      return;
    }
  /* a renderer taken over could write without end, faster than the
   * timeout could save the caller's memory */
  if (run->out->len + g_bytes_get_size (chunk) > run->out_limit)
    {
      run->overflowed = TRUE;
      run->read_all = TRUE;
      stop_renderer (run);
      return;
    }
  g_byte_array_append (run->out, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_more (run);
}

static void
read_more (Run *run)
{
  g_input_stream_read_bytes_async (run->stdout_pipe, 64 * 1024, G_PRIORITY_DEFAULT, run->stop,
                                   read_cb, run);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  stop_renderer (run);
  return G_SOURCE_REMOVE;
}

static guint32
get_u32 (const guint8 *data)
{
  return (guint32) data[0] << 24 | (guint32) data[1] << 16 | (guint32) data[2] << 8 | data[3];
}

static gpointer
aborted (GError **error, const char *why)
{
  g_set_error (error, MEDIA_PDF_ERROR, MEDIA_PDF_ERROR_ABORTED, "the PDF renderer %s", why);
  return NULL;
}

/**
 * media_pdf_answer_limit:
 * @request: what the renderer is asked for
 *
 * Returns: the most a renderer can write in answer to @request: the page
 *   count, the clean file (no larger than the largest file read), each
 *   page drawn at its size, and the last frame
 */
gsize
media_pdf_answer_limit (const MediaPdfRequest *request)
{
  gsize limit = 12 + 8 + 32 + 8;

  if (request->clean)
    limit += 8 + MEDIA_PDF_MAX_SIZE;
  for (guint i = 0; i < request->n_renders; i++)
    limit += 16 + (gsize) CLAMP (request->renders[i].width, 1, MEDIA_PDF_MAX_SIDE) *
                      CLAMP (request->renders[i].height, 1, MEDIA_PDF_MAX_SIDE) * 4;
  return limit;
}

/**
 * media_pdf_parse_answer:
 * @answer: what a renderer that exited 0 or 1 wrote
 *
 * Reads the renderer's frames. A renderer is a process that read a
 * stranger's PDF, and poppler may have been made to do anything there, so
 * @answer is judged as untrusted input too: every length is checked against
 * what is left and every image against its width and height.
 *
 * Returns: (transfer full): the answer, or %NULL with a MEDIA_PDF_ERROR
 */
MediaPdfResult *
media_pdf_parse_answer (GBytes *answer, GError **error)
{
  g_autoptr (MediaPdfResult) result = g_new0 (MediaPdfResult, 1);
  gsize size;
  const guint8 *data = g_bytes_get_data (answer, &size);
  gsize at = 0;

  result->images = g_ptr_array_new_with_free_func ((GDestroyNotify) image_free);
  while (at + 8 <= size)
    {
      const guint8 *tag = data + at;
      guint32 length = get_u32 (data + at + 4);
      const guint8 *payload = data + at + 8;

      if (length > size - at - 8)
        break;
      at += 8 + (gsize) length;
      if (memcmp (tag, "DONE", 4) == 0)
        return g_steal_pointer (&result);
      if (memcmp (tag, "FAIL", 4) == 0)
        {
          g_autofree char *why = g_strndup ((const char *) payload, MIN (length, 32));

          /* it goes to logs: letters, digits, spaces and dashes only, so
           * a renderer taken over writes no lines or controls there */
          g_strcanon (why, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_",
                      '?');

          g_set_error (error, MEDIA_PDF_ERROR, MEDIA_PDF_ERROR_UNREADABLE,
                       "the PDF cannot be read (%s)", why);
          return NULL;
        }
      if (memcmp (tag, "NPAG", 4) == 0 && length == 4)
        result->n_pages = get_u32 (payload);
      else if (memcmp (tag, "CPDF", 4) == 0 && result->clean == NULL)
        result->clean = g_bytes_new_from_bytes (answer, payload - data, length);
      else if (memcmp (tag, "IMAG", 4) == 0 && length >= 8)
        {
          guint32 width = get_u32 (payload), height = get_u32 (payload + 4);
          MediaPdfImage *image;

          if (width == 0 || height == 0 || width > MEDIA_PDF_MAX_SIDE ||
              height > MEDIA_PDF_MAX_SIDE || (guint64) width * height * 4 + 8 != length)
            break;
          image = g_new0 (MediaPdfImage, 1);
          image->width = (int) width;
          image->height = (int) height;
          /* copied: in the frame the pixels need not be aligned for their
           * 32-bit words, in memory of their own they are */
          image->pixels = g_bytes_new (payload + 8, length - 8);
          g_ptr_array_add (result->images, image);
        }
      else
        break;
    }
  return aborted (error, "gave no complete answer");
}

/**
 * media_pdf_run:
 * @renderer: the program (media_pdf_find_renderer())
 * @pdf: the file, as it came
 *
 * Has @renderer read @pdf as @request asks, and waits for its answer;
 * blocks: call it on a worker thread.
 *
 * Returns: (transfer full): the answer, or %NULL with a MEDIA_PDF_ERROR (or
 *   G_IO_ERROR_CANCELLED)
 */
MediaPdfResult *
media_pdf_run (const char *renderer,
               GBytes *pdf,
               const MediaPdfRequest *request,
               GCancellable *cancellable,
               GError **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) spawn_error = NULL;
  g_autoptr (GSource) timeout = NULL;
  g_autoptr (GBytes) out = NULL;
  int answer_pipe[2];
  gulong cancelled_id = 0;
  Run run = { NULL };
  MediaPdfResult *result = NULL;

  g_return_val_if_fail (request->n_renders <= G_N_ELEMENTS (request->renders), NULL);

  g_ptr_array_add (argv, g_strdup (renderer));
  g_ptr_array_add (argv, g_strdup ("--max-size"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", MEDIA_PDF_MAX_SIZE));
  if (request->max_pages > 0)
    {
      g_ptr_array_add (argv, g_strdup ("--max-pages"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", request->max_pages));
    }
  if (request->clean)
    g_ptr_array_add (argv, g_strdup ("--clean"));
  for (guint i = 0; i < request->n_renders; i++)
    {
      g_ptr_array_add (argv, g_strdup ("--render"));
      g_ptr_array_add (argv,
                       g_strdup_printf ("%u:%dx%d", request->renders[i].page,
                                        CLAMP (request->renders[i].width, 1, MEDIA_PDF_MAX_SIDE),
                                        CLAMP (request->renders[i].height, 1, MEDIA_PDF_MAX_SIDE)));
    }
  g_ptr_array_add (argv, NULL);

  /* no environment, no descriptor but the pipes (GLib closes the others),
   * nothing poppler says about the file in the log. The answer comes
   * through a pipe of our own, read up to what the request can take. */
  if (!g_unix_open_pipe (answer_pipe, FD_CLOEXEC, &spawn_error))
    {
      g_set_error (error, MEDIA_PDF_ERROR, MEDIA_PDF_ERROR_NO_RENDERER,
                   "the PDF renderer cannot be started: %s", spawn_error->message);
      return NULL;
    }
  launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_environ (launcher, (char *[]){ NULL });
  g_subprocess_launcher_set_cwd (launcher, "/");
  /* a group of its own, so a renderer taken over that starts a process
   * to keep the answer's pipe open is killed with it */
  g_subprocess_launcher_set_child_setup (launcher, become_group_leader, NULL, NULL);
  g_subprocess_launcher_take_stdout_fd (launcher, answer_pipe[1]);
  run.stdout_pipe = g_unix_input_stream_new (answer_pipe[0], TRUE);
  run.out = g_byte_array_new ();
  run.out_limit = media_pdf_answer_limit (request);

  g_main_context_push_thread_default (context);
  run.process =
      g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &spawn_error);
  /* the renderer has the pipe's end now; ours must go for its end of file */
  g_clear_object (&launcher);
  if (run.process == NULL)
    {
      g_main_context_pop_thread_default (context);
      g_object_unref (run.stdout_pipe);
      g_byte_array_unref (run.out);
      g_set_error (error, MEDIA_PDF_ERROR, MEDIA_PDF_ERROR_NO_RENDERER,
                   "the PDF renderer cannot be started: %s", spawn_error->message);
      return NULL;
    }
  run.group = (pid_t) g_ascii_strtoll (g_subprocess_get_identifier (run.process), NULL, 10);
  run.stop = g_cancellable_new ();
  if (cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_stop),
                                          g_object_ref (run.stop), g_object_unref);
  timeout = g_timeout_source_new_seconds (timeout_seconds ());
  g_source_set_callback (timeout, timeout_cb, &run, NULL);
  g_source_attach (timeout, context);
  read_more (&run);
  g_subprocess_communicate_async (run.process, pdf, run.stop, communicate_cb, &run);
  while (!run.communicated || !run.read_all)
    {
      /* the renderer is gone but the pipe is still open: only something it
       * started holds it now */
      if (run.communicated && run.error == NULL && run.group > 0)
        {
          kill (-run.group, SIGKILL);
          run.group = 0;
        }
      g_main_context_iteration (context, TRUE);
    }
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, cancelled_id);
  /* a renderer that closed its stdout may still be running */
  if (run.error != NULL)
    stop_renderer (&run);
  g_subprocess_wait_async (run.process, NULL, wait_cb, &run);
  while (!run.exited)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);
  g_object_unref (run.stdout_pipe);
  g_object_unref (run.stop);
  out = g_byte_array_free_to_bytes (run.out);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&run.error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  else if (run.overflowed)
    aborted (error, "wrote more than its answer can hold and was stopped");
  else if (run.timed_out)
    aborted (error, "took too long and was stopped");
  else if (g_subprocess_get_if_signaled (run.process))
    {
      g_autofree char *why =
          g_strdup_printf ("stopped on signal %d", g_subprocess_get_term_sig (run.process));

      aborted (error, why);
    }
  else if (run.error != NULL)
    aborted (error, "stopped reading the PDF");
  else if (g_subprocess_get_exit_status (run.process) > 1)
    aborted (error, "failed");
  else
    {
      result = media_pdf_parse_answer (out, error);
      /* exit status 1 comes with a FAIL frame, reported as the error */
      if (result != NULL && g_subprocess_get_exit_status (run.process) != 0)
        {
          g_clear_pointer (&result, media_pdf_result_free);
          aborted (error, "failed");
        }
    }
  g_clear_error (&run.error);
  g_object_unref (run.process);
  return result;
}
