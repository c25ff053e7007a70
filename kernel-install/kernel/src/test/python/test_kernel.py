"""Jupyter protocol conformance of the editbench Java kernel (jupyter_kernel_test).

Run against an installed kernelspec: EDITBENCH_KERNEL_NAME names it (default "java").
KernelConformanceIT runs this with a kernelspec it installs into a temporary JUPYTER_PATH.
"""

import os
import unittest

import jupyter_kernel_test


class EditbenchJavaKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("EDITBENCH_KERNEL_NAME", "java")

    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    completion_samples = [
        {"text": "java.util.concurrent.atomic.AtomicB", "matches": {"AtomicBoolean"}},
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
    ]

    complete_code_samples = ["1 + 1", "int x = 1;", "%classpath lib\nint y = 2;"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", 'String s = "a" +']
    invalid_code_samples = ["int x = ;", "}"]

    code_page_something = "%doc String"

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "1 + 1", "result": "2"},
        {"code": '"editbench".length()', "result": "9"},
        {"code": "Table.create(\"t\", IntColumn.create(\"n\", 1, 2))", "mime": "text/html"},
    ]

    code_display_data = [
        {"code": 'display("shown");', "mime": "text/plain"},
        {"code": 'display(Table.create("t", IntColumn.create("n", 1)));', "mime": "text/html"},
        {
            "code": "display(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB));",
            "mime": "image/png",
        },
    ]

    code_history_pattern = "1?+*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.abs"

    code_clear_output = 'System.out.println("gone"); clearOutput();'


if __name__ == "__main__":
    unittest.main()
