"""What the editbench Java kernel does beyond jupyter_kernel_test's checks: language info, streamed
output, error shapes, interrupt, restart and shutdown, driven through jupyter_client.

EDITBENCH_KERNEL_NAME names the installed kernelspec (default "java").
"""

import os
import signal
import subprocess
import sys
import time
import unittest

from jupyter_client.manager import start_new_kernel

KERNEL_NAME = os.environ.get("EDITBENCH_KERNEL_NAME", "java")
TIMEOUT = 60


def execute(kc, code, timeout=TIMEOUT):
    """Runs code; returns the execute_reply content and the cell's IOPub messages, in order."""
    messages = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=messages.append)
    outputs = [m for m in messages if m["msg_type"] not in ("status", "execute_input")]
    return reply["content"], outputs


class KernelSessionTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=TIMEOUT)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def test_kernel_info_describes_java(self):
        self.kc.kernel_info()
        info = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        language = info["language_info"]
        self.assertEqual("java", language["name"])
        self.assertEqual("text/x-java-source", language["mimetype"])
        self.assertEqual(".java", language["file_extension"])
        self.assertEqual("text/x-java", language["codemirror_mode"])
        self.assertRegex(language["version"], r"^\d+(\.\d+)*$")

    def test_output_streams_while_the_cell_runs_and_the_trailing_expression_is_the_result(self):
        reply, outputs = execute(
            self.kc, 'System.out.println("before");\nThread.sleep(300);\nSystem.out.println("after");\n6 * 7')
        self.assertEqual("ok", reply["status"])
        streams = [m["content"]["text"] for m in outputs if m["msg_type"] == "stream"]
        self.assertEqual(["before\n", "after\n"], streams, "each line is sent when printed")
        results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(["42"], results)

    def test_what_a_thread_prints_after_its_cell_ended_goes_to_that_cell(self):
        msg_id = self.kc.execute(
            'new Thread(() -> {\n'
            '  try { Thread.sleep(500); } catch (InterruptedException e) { return; }\n'
            '  System.out.println("late");\n'
            '}).start();')
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(msg_id, reply["parent_header"]["msg_id"])
        deadline = time.time() + TIMEOUT
        late = []
        while not late and time.time() < deadline:
            message = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if message["msg_type"] == "stream" and message["content"]["text"] == "late\n":
                late.append(message)
        self.assertEqual(1, len(late), "the late line was published")
        self.assertEqual(msg_id, late[0]["parent_header"]["msg_id"], "under the cell that started the thread")

    def replies_to(self, msg_ids):
        """The execute_reply contents for msg_ids, by id, waiting for each."""
        replies = {}
        while len(replies) < len(msg_ids):
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            replies[reply["parent_header"]["msg_id"]] = reply["content"]
        return replies

    def test_a_failing_cell_aborts_the_cells_queued_behind_it_as_run_all_sends_them(self):
        failing = self.kc.execute('Thread.sleep(800);\nInteger.parseInt("not a number")')
        queued = [self.kc.execute('System.out.println("must not run");'), self.kc.execute("1 + 1")]
        replies = self.replies_to([failing] + queued)
        self.assertEqual("error", replies[failing]["status"])
        self.assertEqual(["aborted", "aborted"], [replies[m]["status"] for m in queued])
        # The session goes on: the next cell runs, and nothing printed the aborted line.
        reply, outputs = execute(self.kc, 'System.out.println("runs");')
        self.assertEqual("ok", reply["status"])
        self.assertEqual(["runs\n"], [m["content"]["text"] for m in outputs if m["msg_type"] == "stream"])

    def test_without_stop_on_error_the_queued_cells_run(self):
        failing = self.kc.execute('Thread.sleep(800);\nInteger.parseInt("not a number")', stop_on_error=False)
        queued = self.kc.execute("1 + 1")
        replies = self.replies_to([failing, queued])
        self.assertEqual("error", replies[failing]["status"])
        self.assertEqual("ok", replies[queued]["status"])

    def test_a_compile_error_shows_the_offending_line(self):
        reply, outputs = execute(self.kc, 'int fine = 1;\nint broken = "text";')
        self.assertEqual("error", reply["status"])
        self.assertEqual("CompilationException", reply["ename"])
        traceback = "\n".join(reply["traceback"])
        self.assertIn("line 2: error: incompatible types", traceback)
        self.assertIn('int broken = "text";', traceback)
        self.assertEqual(["error"], [m["msg_type"] for m in outputs])

    def test_a_runtime_error_shows_its_trace_trimmed_to_user_code(self):
        reply, _ = execute(self.kc, 'Integer.parseInt("not a number")')
        self.assertEqual("error", reply["status"])
        self.assertEqual("java.lang.NumberFormatException", reply["ename"])
        traceback = "\n".join(reply["traceback"])
        self.assertIn("java.lang.Integer.parseInt(Integer.java", traceback, "library frames above the cell stay")
        self.assertRegex(traceback, r"\(In \[\d+\] line 1\)")
        self.assertNotIn("jdk.jshell", traceback)
        self.assertNotIn("java.lang.reflect", traceback)

    def test_the_toolkit_facade_is_imported(self):
        reply, outputs = execute(self.kc, "EditBench.class.getName()")
        self.assertEqual("ok", reply["status"])
        self.assertEqual("org.editbench.EditBench", outputs[-1]["content"]["data"]["text/plain"])

    def test_interrupt_stops_a_running_cell_and_the_kernel_stays_alive(self):
        msg_id = self.kc.execute('System.out.println("spinning");\nwhile (true) {}')
        time.sleep(1.0)
        started = time.monotonic()
        self.km.interrupt_kernel()
        while True:
            reply = self.kc.get_shell_msg(timeout=15)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        self.assertLess(time.monotonic() - started, 10)
        self.assertEqual("error", reply["content"]["status"])
        self.assertEqual("InterruptedException", reply["content"]["ename"])
        self.assertTrue(self.km.is_alive())
        reply, outputs = execute(self.kc, "1 + 1")
        self.assertEqual("ok", reply["status"])
        self.assertEqual("2", outputs[-1]["content"]["data"]["text/plain"])

    def test_completion_and_inspection_count_the_cursor_in_code_points(self):
        execute(self.kc, 'var words = new java.util.ArrayList<String>();')
        code = 'String face = "\U0001F600\U0001F600"; words.si'
        self.kc.complete(code, len(code))  # len counts code points, as the protocol does
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertEqual("ok", reply["status"])
        self.assertIn("size()", reply["matches"])
        self.assertEqual((len(code) - 2, len(code)), (reply["cursor_start"], reply["cursor_end"]))
        code = 'String faces = "' + "\U0001F600" * 6 + '"; Math.max(1, 2)'
        self.kc.inspect(code, code.index("max") + 1)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertTrue(reply["found"], reply)
        self.assertIn("max(", reply["data"]["text/plain"])

    def test_restart_gives_a_fresh_session(self):
        execute(self.kc, "int survivor = 1;")
        self.km.restart_kernel(now=False)
        self.kc.wait_for_ready(timeout=TIMEOUT)
        reply, _ = execute(self.kc, "survivor")
        self.assertEqual("error", reply["status"])
        self.assertIn("cannot find symbol", "\n".join(reply["traceback"]))
        reply, _ = execute(self.kc, "1 + 2")
        self.assertEqual("ok", reply["status"])


class KernelExitTests(unittest.TestCase):
    def test_system_exit_in_a_cell_keeps_what_it_printed_and_says_why_the_kernel_ends(self):
        km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=TIMEOUT)
        try:
            msg_id = kc.execute('System.out.println("before exit");\nSystem.exit(0);')
            texts = []
            deadline = time.time() + TIMEOUT
            while time.time() < deadline and not any("JVM is ending" in t for t in texts):
                try:
                    message = kc.get_iopub_msg(timeout=5)
                except Exception:  # queue.Empty: nothing more came
                    break
                if message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "stream":
                    texts.append(message["content"]["text"])
            said = "".join(texts)
            self.assertIn("before exit\n", said, "what the cell printed before System.exit")
            self.assertIn("The kernel's JVM is ending while this cell runs (System.exit in the cell", said)
            deadline = time.time() + TIMEOUT
            while km.is_alive() and time.time() < deadline:
                time.sleep(0.1)
            self.assertFalse(km.is_alive(), "the kernel's process ended")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


class KernelShutdownTests(unittest.TestCase):
    def test_shutdown_request_ends_the_kernel_process_cleanly(self):
        km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=TIMEOUT)
        try:
            process = km.provisioner.process
            km.request_shutdown()  # a shutdown_request on the control channel
            self.assertEqual(0, process.wait(timeout=20))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_the_kernel_ends_when_the_client_that_started_it_is_killed(self):
        # A client in a process of its own, killed as a crash would end it: it cannot ask for a
        # shutdown, so the kernel must notice that its client is gone.
        client = subprocess.Popen(
            [sys.executable, "-c",
             "import sys, time\n"
             "from jupyter_client.manager import start_new_kernel\n"
             "km, kc = start_new_kernel(kernel_name=sys.argv[1], startup_timeout=60)\n"
             "print(km.provisioner.process.pid, flush=True)\n"
             "time.sleep(600)\n",
             KERNEL_NAME],
            stdout=subprocess.PIPE, text=True)
        try:
            kernel_pid = int(client.stdout.readline())
        finally:
            client.send_signal(signal.SIGKILL)
            client.wait()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and alive(kernel_pid):
            time.sleep(0.2)
        if alive(kernel_pid):
            os.kill(kernel_pid, signal.SIGKILL)
            self.fail("the kernel outlived its killed client by 20 s")


class CLocaleTests(unittest.TestCase):
    def test_under_a_jupyter_in_the_c_locale_cells_name_non_ascii_files(self):
        # LC_ALL=C is the one C locale that Jupyter's Python does not turn into C.UTF-8 for the
        # kernels it starts; in it, Java 17 could not even name "données.txt".
        km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=TIMEOUT,
                                  env=dict(os.environ, LC_ALL="C"))
        try:
            reply, outputs = execute(
                kc,
                'Path dir = Files.createTempDirectory("locale");\n'
                'Files.writeString(dir.resolve("données.txt"), "é");\n'
                'try (var names = Files.list(dir)) {\n'
                '  System.out.println(names.map(p -> p.getFileName().toString()).toList());\n'
                '}\n'
                'Files.readString(dir.resolve("données.txt"))')
            self.assertEqual("ok", reply["status"], outputs)
            streams = [m["content"]["text"] for m in outputs if m["msg_type"] == "stream"]
            self.assertEqual(["[données.txt]\n"], streams)
            results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
            self.assertEqual(["é"], results)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a process that has ended but is not yet reaped by its new parent counts as gone
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


if __name__ == "__main__":
    unittest.main()
