/* registry-test-util.c: a real registry process and a real database for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "idcard-document.h"
#include "registry-test-util.h"

#define PG_BIN_FALLBACK "/usr/lib/postgresql/15/bin"

/* For a test that aborts half-way: stop PostgreSQL anyway. */
static char *abort_stop_command;

/* SIGTERM too: a test run out of time is stopped with it, and should say
 * where it was and not leave its cluster running */
static const int crash_signals[] = { SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTERM };

static void
write_stderr (const char *text)
{
  if (write (STDERR_FILENO, text, strlen (text)) < 0)
    return;
}

/* A crash in CI leaves only its signal behind; say where it happened (the
 * library and offset, which `addr2line` or a debug package turn into a
 * line) before the process dies. */
static void
crash_handler (int signum, siginfo_t *info, void *context)
{
  void *frames[64];
  int n_frames;
  Dl_info where = { 0 };
  char line[512];
  pid_t pid = -1;
  gboolean fault = signum != SIGABRT && signum != SIGTERM;

  snprintf (line, sizeof line, "\ntest process got signal %d (%s)\n", signum, strsignal (signum));
  write_stderr (line);
  if (fault && dladdr (info->si_addr, &where) != 0 && where.dli_fname != NULL)
    {
      snprintf (line, sizeof line, "  at %p, in %s+%#lx\n", info->si_addr, where.dli_fname,
                (unsigned long) ((char *) info->si_addr - (char *) where.dli_fbase));
      write_stderr (line);
    }
  n_frames = backtrace (frames, G_N_ELEMENTS (frames));
  backtrace_symbols_fd (frames, n_frames, STDERR_FILENO);

  if (abort_stop_command != NULL && (pid = fork ()) == 0)
    {
      execl ("/bin/sh", "sh", "-c", abort_stop_command, (char *) NULL);
      _exit (127);
    }
  else if (pid > 0)
    waitpid (pid, NULL, 0);
  /* SA_RESETHAND put the default action back: die of the same signal */
  raise (signum);
}

static void
catch_crashes (gboolean catch)
{
  struct sigaction action = { 0 };
  void *warm_up[1];

  /* the first backtrace () loads the unwinder, which must not happen in
   * the handler */
  backtrace (warm_up, 1);
  sigemptyset (&action.sa_mask);
  if (catch)
    {
      action.sa_sigaction = crash_handler;
      action.sa_flags = SA_SIGINFO | SA_RESETHAND;
    }
  else
    action.sa_handler = SIG_DFL;
  for (gsize i = 0; i < G_N_ELEMENTS (crash_signals); i++)
    sigaction (crash_signals[i], &action, NULL);
}

/* A registry started by a test dies with the test, even when it aborts. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

struct _RegistryTestCluster
{
  gboolean postgres;
  char *dir;
  char *pg_bin;
  guint n_databases;
};

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static char *
find_pg_tool (RegistryTestCluster *cluster, const char *tool)
{
  char *path = g_find_program_in_path (tool);

  if (path != NULL)
    return path;
  return g_build_filename (cluster->pg_bin, tool, NULL);
}

/* Runs a PostgreSQL tool as the postgres user when we are root (initdb and
 * the server refuse to run as root). */
static void
run_pg (RegistryTestCluster *cluster, const char *const *argv)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (getuid () == 0)
    {
      g_ptr_array_add (args, g_strdup ("runuser"));
      g_ptr_array_add (args, g_strdup ("-u"));
      g_ptr_array_add (args, g_strdup ("postgres"));
      g_ptr_array_add (args, g_strdup ("--"));
    }
  g_ptr_array_add (args, find_pg_tool (cluster, argv[0]));
  for (guint i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (argv[i]));
  g_ptr_array_add (args, NULL);

  g_spawn_sync (cluster->dir, (char **) args->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
}

/**
 * registry_test_cluster_start:
 *
 * Makes a temporary folder and, when REGISTRY_TEST_BACKEND=postgresql, a
 * throwaway PostgreSQL cluster listening only on a unix socket in it.
 */
RegistryTestCluster *
registry_test_cluster_start (void)
{
  RegistryTestCluster *cluster = g_new0 (RegistryTestCluster, 1);
  g_autoptr (GError) error = NULL;
  const char *backend = g_getenv ("REGISTRY_TEST_BACKEND");

  cluster->postgres = g_strcmp0 (backend, "postgresql") == 0;
  catch_crashes (TRUE);
  cluster->dir = g_dir_make_tmp ("registry-test-XXXXXX", &error);
  g_assert_no_error (error);
  cluster->pg_bin = g_strdup (PG_BIN_FALLBACK);

  if (cluster->postgres)
    {
      g_autofree char *data = g_build_filename (cluster->dir, "data", NULL);
      g_autofree char *log = g_build_filename (cluster->dir, "postgresql.log", NULL);
      g_autofree char *options =
          g_strdup_printf ("-k %s -c listen_addresses='' -c fsync=off -c max_connections=200"
                           " -c synchronous_commit=off -c full_page_writes=off",
                           cluster->dir);

      if (getuid () == 0)
        {
          struct passwd *pw = getpwnam ("postgres");
          g_assert_nonnull (pw);
          g_assert_cmpint (chown (cluster->dir, pw->pw_uid, pw->pw_gid), ==, 0);
        }
      g_chmod (cluster->dir, 0755);
      run_pg (cluster, (const char *[]){ "initdb", "-D", data, "-U", "postgres", "-A", "trust",
                                         "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", NULL });
      run_pg (cluster, (const char *[]){ "pg_ctl", "-w", "-D", data, "-l", log, "-o", options,
                                         "start", NULL });
      {
        g_autofree char *pg_ctl = find_pg_tool (cluster, "pg_ctl");
        abort_stop_command = g_strdup_printf (
            "%s %s -D %s -m immediate stop >/dev/null 2>&1; rm -rf %s",
            getuid () == 0 ? "runuser -u postgres --" : "", pg_ctl, data, cluster->dir);
      }
    }
  return cluster;
}

gboolean
registry_test_cluster_is_postgres (RegistryTestCluster *cluster)
{
  return cluster->postgres;
}

const char *
registry_test_cluster_get_dir (RegistryTestCluster *cluster)
{
  return cluster->dir;
}

/**
 * registry_test_cluster_new_database:
 *
 * Returns: (transfer full): the URL of a new, empty database
 */
char *
registry_test_cluster_new_database (RegistryTestCluster *cluster)
{
  g_autofree char *name = g_strdup_printf ("registry%u", ++cluster->n_databases);

  if (!cluster->postgres)
    return g_strdup_printf ("sqlite:%s/%s.db", cluster->dir, name);

  run_pg (cluster,
          (const char *[]){ "createdb", "-h", cluster->dir, "-U", "postgres", name, NULL });
  return g_strdup_printf ("postgresql://postgres@/%s?host=%s", name, cluster->dir);
}

/**
 * registry_test_cluster_pause:
 *
 * Stops the PostgreSQL server (fast shutdown, connections are cut) without
 * removing its data; registry_test_cluster_resume() starts it again.
 */
void
registry_test_cluster_pause (RegistryTestCluster *cluster)
{
  g_autofree char *data = g_build_filename (cluster->dir, "data", NULL);

  g_assert_true (cluster->postgres);
  run_pg (cluster, (const char *[]){ "pg_ctl", "-w", "-D", data, "-m", "fast", "stop", NULL });
}

void
registry_test_cluster_resume (RegistryTestCluster *cluster)
{
  g_autofree char *data = g_build_filename (cluster->dir, "data", NULL);
  g_autofree char *log = g_build_filename (cluster->dir, "postgresql.log", NULL);
  g_autofree char *options = g_strdup_printf ("-k %s -c listen_addresses='' -c fsync=off"
                                              " -c max_connections=200 -c synchronous_commit=off"
                                              " -c full_page_writes=off",
                                              cluster->dir);

  g_assert_true (cluster->postgres);
  run_pg (cluster,
          (const char *[]){ "pg_ctl", "-w", "-D", data, "-l", log, "-o", options, "start", NULL });
}

void
registry_test_cluster_stop (RegistryTestCluster *cluster)
{
  if (cluster->postgres)
    {
      g_autofree char *data = g_build_filename (cluster->dir, "data", NULL);
      run_pg (cluster, (const char *[]){ "pg_ctl", "-D", data, "-m", "immediate", "stop", NULL });
      g_clear_pointer (&abort_stop_command, g_free);
    }
  catch_crashes (FALSE);
  remove_tree (cluster->dir);
  g_free (cluster->dir);
  g_free (cluster->pg_bin);
  g_free (cluster);
}

static const char *
registry_binary (void)
{
  const char *path = g_getenv ("REGISTRY_BIN");

  g_assert_nonnull (path);
  return path;
}

/**
 * registry_test_process_start:
 * @extra_args: (nullable): more arguments for `serve`
 *
 * Starts `practitioner-registry serve` on 127.0.0.1 with a free port and
 * waits until it listens. Its log goes to a file (see log_path), with
 * every debug message unless G_MESSAGES_DEBUG says otherwise.
 */
RegistryTestProcess *
registry_test_process_start (RegistryTestCluster *cluster,
                             const char *database_url,
                             const char *const *extra_args)
{
  static guint counter = 0;
  RegistryTestProcess *process = g_new0 (RegistryTestProcess, 1);
  g_autofree char *port_file =
      g_strdup_printf ("%s/port-%d-%u", cluster->dir, (int) getpid (), ++counter);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  g_autofree char *contents = NULL;
  int log_fd;

  process->log_path = g_strdup_printf ("%s/registry-%u.log", cluster->dir, counter);
  g_ptr_array_add (args, (char *) registry_binary ());
  g_ptr_array_add (args, "serve");
  g_ptr_array_add (args, "--listen");
  g_ptr_array_add (args, "127.0.0.1:0");
  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, (char *) database_url);
  g_ptr_array_add (args, "--port-file");
  g_ptr_array_add (args, port_file);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (args, (char *) extra_args[i]);
  g_ptr_array_add (args, NULL);

  /* a benchmark sets G_MESSAGES_DEBUG empty: a production registry does not
   * write a debug line for every request */
  env = g_environ_setenv (env, "G_MESSAGES_DEBUG", "all", FALSE);
  log_fd = g_open (process->log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (log_fd, >=, 0);
  g_spawn_async_with_pipes_and_fds (NULL, (const char *const *) args->pdata,
                                    (const char *const *) env, G_SPAWN_DO_NOT_REAP_CHILD,
                                    child_setup, NULL, -1, log_fd, log_fd, NULL, NULL, 0,
                                    &process->pid, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  close (log_fd);

  for (guint i = 0; i < 1000; i++)
    {
      int status;
      if (g_file_get_contents (port_file, &contents, NULL, NULL) && strchr (contents, '\n') != NULL)
        break;
      g_clear_pointer (&contents, g_free);
      if (waitpid (process->pid, &status, WNOHANG) == process->pid)
        {
          g_autofree char *log = NULL;
          g_file_get_contents (process->log_path, &log, NULL, NULL);
          g_error ("the registry exited at start: %s", log);
        }
      g_usleep (10000);
    }
  g_assert_nonnull (contents);
  process->port = (guint16) g_ascii_strtoull (contents, NULL, 10);
  g_assert_cmpuint (process->port, >, 0);
  process->base_url = g_strdup_printf ("http://127.0.0.1:%u", process->port);
  g_unlink (port_file);
  return process;
}

/**
 * registry_test_process_stop:
 *
 * Stops the process with SIGTERM (it shuts down cleanly) and checks that it
 * exited with status 0.
 */
void
registry_test_process_stop (RegistryTestProcess *process)
{
  int status = 0;

  kill (process->pid, SIGTERM);
  g_assert_cmpint (waitpid (process->pid, &status, 0), ==, process->pid);
  g_spawn_close_pid (process->pid);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_autofree char *log = NULL;
      g_file_get_contents (process->log_path, &log, NULL, NULL);
      g_error ("the registry did not exit cleanly (status %d): %s", status, log);
    }
  g_free (process->base_url);
  g_free (process->log_path);
  g_free (process);
}

/**
 * registry_test_process_kill:
 *
 * Kills the process with SIGKILL, as a power cut or the OOM killer would.
 */
void
registry_test_process_kill (RegistryTestProcess *process)
{
  int status = 0;

  kill (process->pid, SIGKILL);
  g_assert_cmpint (waitpid (process->pid, &status, 0), ==, process->pid);
  g_spawn_close_pid (process->pid);
  g_free (process->base_url);
  g_free (process->log_path);
  g_free (process);
}

/**
 * registry_test_run_cli:
 * @args: arguments after the program name; `--database URL` is added
 *
 * Returns: the exit status
 */
int
registry_test_run_cli (const char *database_url,
                       const char *const *args,
                       const char *stdin_text,
                       char **out_stdout,
                       char **out_stderr)
{
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, (char *) registry_binary ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, (char *) database_url);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, stdin_text != NULL ? stdin_text : "", NULL, &out, &err,
                                 &error);
  g_assert_no_error (error);
  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);
  return g_subprocess_get_exit_status (proc);
}

/**
 * registry_test_enroll_device:
 *
 * Enrols a device with `practitioner-registry admin enroll-device`, the way
 * an operator does.
 *
 * Returns: (transfer full): its token
 */
char *
registry_test_enroll_device (const char *database_url, const char *name)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = registry_test_run_cli (
      database_url, (const char *[]){ "admin", "enroll-device", name, NULL }, NULL, &out, &err);
  if (status != 0)
    g_error ("enroll-device failed: %s", err);
  g_strstrip (out);
  g_assert_cmpuint (strlen (out), ==, 64);
  return g_steal_pointer (&out);
}

/**
 * registry_test_add_staff:
 *
 * Creates a staff account with `admin add-staff`, the password on stdin.
 */
void
registry_test_add_staff (const char *database_url, const char *user, const char *password)
{
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_autofree char *err = NULL;

  if (registry_test_run_cli (database_url, (const char *[]){ "admin", "add-staff", user, NULL },
                             input, NULL, &err) != 0)
    g_error ("add-staff failed: %s", err);
}

/**
 * registry_test_staff_session:
 * @token: the device token of the kiosk signing in
 *
 * Signs staff in at the registry and returns the staff session it gives.
 */
char *
registry_test_staff_session (SoupSession *session,
                             RegistryTestProcess *process,
                             const char *token,
                             const char *user,
                             const char *password)
{
  g_autofree char *body =
      g_strdup_printf ("{\"user\": \"%s\", \"password\": \"%s\"}", user, password);
  g_autoptr (RegistryTestReply) reply =
      registry_test_request (session, process, "POST", "/v1/staff/sessions", token, body, -1);
  const char *staff_session = registry_test_json_string (reply->json, "staff_session");

  if (reply->status != 200 || staff_session == NULL)
    g_error ("staff sign-in failed: %u %s", reply->status, reply->body);
  return g_strdup (staff_session);
}

void
registry_test_reply_free (RegistryTestReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->body);
  g_free (reply->allow);
  g_free (reply->retry_after);
  if (reply->json != NULL)
    json_node_unref (reply->json);
  g_free (reply);
}

static void
parse_reply_json (RegistryTestReply *reply)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (reply->body != NULL && *reply->body != '\0' &&
      json_parser_load_from_data (parser, reply->body, -1, NULL))
    reply->json = json_node_ref (json_parser_get_root (parser));
}

static RegistryTestReply *
request (SoupSession *session,
         RegistryTestProcess *process,
         const char *method,
         const char *path,
         const char *token,
         const char *session_token,
         const char *content_type,
         const char *body,
         gssize body_length)
{
  g_autofree char *url = g_strconcat (process->base_url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GBytes) reply_bytes = NULL;
  g_autoptr (GError) error = NULL;
  RegistryTestReply *reply = g_new0 (RegistryTestReply, 1);
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    header);
    }
  if (session_token != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Session-Token",
                                  session_token);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes =
          g_bytes_new (body, body_length >= 0 ? (gsize) body_length : strlen (body));
      soup_message_set_request_body_from_bytes (
          msg, content_type != NULL ? content_type : "application/json", bytes);
    }
  reply_bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (g_bytes_get_data (reply_bytes, NULL), g_bytes_get_size (reply_bytes));
  headers = soup_message_get_response_headers (msg);
  reply->allow = g_strdup (soup_message_headers_get_one (headers, "Allow"));
  reply->retry_after = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
  parse_reply_json (reply);
  return reply;
}

RegistryTestReply *
registry_test_request (SoupSession *session,
                       RegistryTestProcess *process,
                       const char *method,
                       const char *path,
                       const char *token,
                       const char *body,
                       gssize body_length)
{
  return request (session, process, method, path, token, NULL, NULL, body, body_length);
}

/**
 * registry_test_request_session:
 * @session_token: (nullable): sent as X-Session-Token
 *
 * Like registry_test_request() for calls made inside a practitioner's
 * session.
 */
RegistryTestReply *
registry_test_request_session (SoupSession *session,
                               RegistryTestProcess *process,
                               const char *method,
                               const char *path,
                               const char *token,
                               const char *session_token,
                               const char *body)
{
  return request (session, process, method, path, token, session_token, NULL, body, -1);
}

/**
 * registry_test_request_typed:
 * @content_type: the body's media type
 *
 * Like registry_test_request_session() for a body that is not JSON.
 */
RegistryTestReply *
registry_test_request_typed (SoupSession *session,
                             RegistryTestProcess *process,
                             const char *method,
                             const char *path,
                             const char *token,
                             const char *session_token,
                             const char *content_type,
                             const char *body,
                             gssize body_length)
{
  return request (session, process, method, path, token, session_token, content_type, body,
                  body_length);
}

/**
 * registry_test_raw:
 * @request: bytes to send as they are, on a new connection
 *
 * Returns: the answer; status 0 when the server closed without one
 */
RegistryTestReply *
registry_test_raw (RegistryTestProcess *process, const char *request, gsize length)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) conn = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) answer = g_string_new (NULL);
  RegistryTestReply *reply = g_new0 (RegistryTestReply, 1);
  GOutputStream *out;
  GInputStream *in;
  char buf[4096];
  gssize n;
  const char *body;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", process->port, NULL, &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  /* The server may answer and close before it read everything we send. */
  g_output_stream_write_all (out, request, length, NULL, NULL, NULL);
  g_socket_shutdown (g_socket_connection_get_socket (conn), FALSE, TRUE, NULL);
  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (answer, buf, n);

  if (g_str_has_prefix (answer->str, "HTTP/1.1 "))
    reply->status = (guint) g_ascii_strtoull (answer->str + 9, NULL, 10);
  body = strstr (answer->str, "\r\n\r\n");
  reply->body = g_strdup (body != NULL ? body + 4 : "");
  parse_reply_json (reply);
  return reply;
}

static JsonNode *
walk (JsonNode *node, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; node != NULL && parts[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          guint index = (guint) g_ascii_strtoull (parts[i], NULL, 10);
          JsonArray *array = json_node_get_array (node);
          node =
              index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
        }
      else
        node = NULL;
    }
  return node;
}

/**
 * registry_test_json_string:
 * @path: members and array indexes separated by dots: "error.code", "results.1.status"
 *
 * Returns: (nullable): the string there, or %NULL when absent or not a string
 */
const char *
registry_test_json_string (JsonNode *node, const char *path)
{
  node = walk (node, path);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
registry_test_json_int (JsonNode *node, const char *path)
{
  node = walk (node, path);
  g_assert_nonnull (node);
  return json_node_get_int (node);
}

gboolean
registry_test_json_bool (JsonNode *node, const char *path)
{
  node = walk (node, path);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN);
  return json_node_get_boolean (node);
}

/**
 * registry_test_spool_take_code:
 * @spool_dir: the folder of a `--sms spool:DIR` gateway
 * @phone: the addressee
 *
 * Reads and removes every message in @spool_dir; checks each is a whole
 * `{"phone", "text", "sent_at"}` file.
 *
 * Returns: (transfer full) (nullable): the 6-digit code of the last message
 *   to @phone, %NULL when none was there
 */
char *
registry_test_spool_take_code (const char *spool_dir, const char *phone)
{
  g_autoptr (GDir) dir = g_dir_open (spool_dir, 0, NULL);
  g_autofree char *latest_name = NULL;
  char *code = NULL;
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (spool_dir, name, NULL);
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      JsonObject *object;
      const char *text;
      const char *digits;

      g_assert_true (g_str_has_suffix (name, ".json"));
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpuint (json_object_get_size (object), ==, 3);
      g_assert_nonnull (json_object_get_string_member (object, "sent_at"));
      text = json_object_get_string_member (object, "text");
      g_assert_nonnull (text);
      g_unlink (path);
      if (g_strcmp0 (json_object_get_string_member (object, "phone"), phone) != 0 ||
          (latest_name != NULL && strcmp (name, latest_name) < 0))
        continue;
      digits = strstr (text, "验证码为");
      g_assert_nonnull (digits);
      digits += strlen ("验证码为");
      g_free (code);
      code = g_strndup (digits, 6);
      g_free (latest_name);
      latest_name = g_strdup (name);
    }
  return code;
}

gint64
registry_test_count (RegistryStorage *storage, const char *sql)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (GError) error = NULL;

  registry_storage_query (storage, sql, NULL, 0, &rows, NULL, &error);
  g_assert_no_error (error);
  return registry_rows_get_int (rows, 0, 0);
}

/**
 * registry_test_resident_number:
 * @base_year: the birth year of @seq 0; callers sharing a database pick
 *   different years so their people never meet
 * @seq: which person
 *
 * Returns: (transfer full): a valid 18-character resident ID number: a real
 *   birth date (one day later every 1,000 people) and the check character
 *   computed by the shared rules
 */
char *
registry_test_resident_number (guint base_year, guint seq)
{
  GDate date;
  g_autofree char *digits = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, (GDateYear) base_year);
  g_date_add_days (&date, seq / 1000);
  digits = g_strdup_printf ("110105%04u%02u%02u%03u", g_date_get_year (&date),
                            g_date_get_month (&date), g_date_get_day (&date), seq % 1000);
  return g_strdup_printf ("%s%c", digits, idcard_document_mod11_2_check_char (digits, 17));
}

/**
 * registry_test_phone_number:
 *
 * Returns: (transfer full): a mainland mobile number, 139 and @seq in 8 digits
 */
char *
registry_test_phone_number (guint seq)
{
  return g_strdup_printf ("139%08u", seq);
}

/**
 * registry_test_card_filing:
 * @base_year: as for registry_test_resident_number()
 * @seq: which person
 * @phone: (nullable): the phone filed with
 *
 * A valid filing of a resident ID card, as a kiosk sends it: a new
 * filing_id, the person's number and the birth date in it, and sample
 * values a test may overwrite with core_filing_set().
 *
 * Returns: (transfer full): the filing
 */
CoreFiling *
registry_test_card_filing (guint base_year, guint seq, const char *phone)
{
  CoreFiling *filing = core_filing_new ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *number = registry_test_resident_number (base_year, seq);
  g_autofree char *birth = g_strdup_printf ("%.4s-%.2s-%.2s", number + 6, number + 10, number + 12);

  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, id);
  core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "card");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, "resident");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, number);
  core_filing_set (filing, CORE_FILING_FIELD_NAME, "张三");
  core_filing_set (filing, CORE_FILING_FIELD_SEX, "男");
  core_filing_set (filing, CORE_FILING_FIELD_NATION, "汉");
  core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, birth);
  core_filing_set (filing, CORE_FILING_FIELD_ADDRESS, "北京市东城区景山前街4号");
  core_filing_set (filing, CORE_FILING_FIELD_ISSUER, "北京市公安局东城分局");
  core_filing_set (filing, CORE_FILING_FIELD_VALID_FROM, "2015-06-01");
  core_filing_set (filing, CORE_FILING_FIELD_VALID_UNTIL, "2035-06-01");
  core_filing_set (filing, CORE_FILING_FIELD_CARD_TYPE, "resident");
  core_filing_set (filing, CORE_FILING_FIELD_PHONE, phone);
  return filing;
}

/**
 * registry_test_post_filing:
 * @token: the device token of the filing kiosk
 *
 * Returns: (transfer full): the registry's answer to POST /v1/filings
 */
RegistryTestReply *
registry_test_post_filing (SoupSession *session,
                           RegistryTestProcess *process,
                           const char *token,
                           CoreFiling *filing)
{
  g_autofree char *json = core_filing_to_json (filing);

  return registry_test_request (session, process, "POST", "/v1/filings", token, json, -1);
}

/**
 * registry_test_file_person:
 * @phone: (nullable): the phone filed with; it becomes their login phone
 *   when nobody holds it
 *
 * Files person @seq (see registry_test_card_filing()) from a card through
 * the API, as a kiosk does; the person must be new.
 */
void
registry_test_file_person (SoupSession *session,
                           RegistryTestProcess *process,
                           const char *token,
                           guint base_year,
                           guint seq,
                           const char *phone)
{
  g_autoptr (CoreFiling) filing = registry_test_card_filing (base_year, seq, phone);
  g_autoptr (RegistryTestReply) reply = registry_test_post_filing (session, process, token, filing);

  if (reply->status != 201)
    g_error ("filing a person failed: %u %s", reply->status, reply->body);
}

/**
 * registry_test_person_session:
 * @spool_dir: the folder of the registry's `--sms spool:DIR` gateway
 * @captcha_answer: the registry's `--test-captcha-answer`
 * @doc_number: a filed person's number (resident ID)
 * @phone: their login phone
 *
 * Logs the person in as the kiosk does: a captcha, a code sent to @phone,
 * the code redeemed.
 *
 * Returns: (transfer full): the session token
 */
char *
registry_test_person_session (SoupSession *session,
                              RegistryTestProcess *process,
                              const char *token,
                              const char *spool_dir,
                              const char *captcha_answer,
                              const char *doc_number,
                              const char *phone)
{
  g_autoptr (RegistryTestReply) captcha =
      registry_test_request (session, process, "GET", "/v1/captcha", token, NULL, 0);
  g_autoptr (RegistryTestReply) sent = NULL;
  g_autoptr (RegistryTestReply) login = NULL;
  g_autofree char *send_body = NULL;
  g_autofree char *login_body = NULL;
  g_autofree char *code = NULL;

  if (captcha->status != 200)
    g_error ("no captcha: %u %s", captcha->status, captcha->body);
  send_body = g_strdup_printf (
      "{\"purpose\": \"login\", \"doc_type\": \"resident\","
      " \"doc_number\": \"%s\", \"phone\": \"%s\","
      " \"captcha_id\": \"%s\", \"captcha_answer\": \"%s\"}",
      doc_number, phone, registry_test_json_string (captcha->json, "captcha_id"), captcha_answer);
  sent = registry_test_request (session, process, "POST", "/v1/sms/send", token, send_body, -1);
  if (sent->status != 200)
    g_error ("no code sent: %u %s", sent->status, sent->body);
  code = registry_test_spool_take_code (spool_dir, phone);
  g_assert_nonnull (code);
  login_body = g_strdup_printf ("{\"doc_type\": \"resident\", \"doc_number\": \"%s\","
                                " \"phone\": \"%s\", \"code\": \"%s\"}",
                                doc_number, phone, code);
  login = registry_test_request (session, process, "POST", "/v1/sessions", token, login_body, -1);
  if (login->status != 200 || registry_test_json_string (login->json, "session_token") == NULL)
    g_error ("logging in failed: %u %s", login->status, login->body);
  return g_strdup (registry_test_json_string (login->json, "session_token"));
}
