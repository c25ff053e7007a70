"""Runs notebooks in a real browser: Jupyter Notebook (Debian's 6.4) with the Java kernel, driven in
headless Chromium through Selenium, as a person would run them (Cell > Run All).

usage: browser_notebooks.py NOTEBOOK_DIR SCREENSHOT_DIR NOTEBOOK...

Starts a notebook server on a free port in NOTEBOOK_DIR (the kernel comes from the environment's
JUPYTER_PATH), opens each notebook in turn, clears its outputs, runs all cells, waits until every
code cell has run and the kernel is idle, then checks what the page shows: no error output, the
HTML tables and PNG charts each notebook is there to show, every progress bar at its maximum in a
finished display, and notebook 04's prediction view with its diffs. Saves a screenshot of each
notebook (and of the prediction view) to SCREENSHOT_DIR. Prints one line per notebook; exits 1 on
the first failure, naming the notebook and what is missing.
"""
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

NOTEBOOK_TIMEOUT = 420
WINDOW = (1280, 1000)

# What each notebook must show once it has run: (CSS selector, minimum count, what it is).
EXPECTED = {
    "01-build-infbench.ipynb": [(".output_html table", 3, "bench, infbench and split tables"),
                                (".editbench-progress", 1, "prompt-builder progress")],
    "02-run-inference.ipynb": [(".output_html table", 1, "runs table"),
                               (".editbench-progress", 1, "run-api progress")],
    "03-merge-and-summarize.ipynb": [(".output_html table", 2, "summary tables"),
                                     (".output_png img", 2, "bar and line chart")],
    "04-explore-predictions.ipynb": [(".output_html table", 3, "summary and predictions tables"),
                                     (".editbench-progress", 3, "prompt-builder and run-api progress"),
                                     (".editbench-prediction", 2, "prediction views"),
                                     (".editbench-prediction .editbench-diff", 4, "model patch and ground truth diffs"),
                                     (".editbench-record", 1, "infbench record view")],
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(notebook_dir, log):
    port = free_port()
    token = secrets.token_hex(16)
    server = subprocess.Popen(
        ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--port=%d" % port, "--ip=127.0.0.1",
         "--NotebookApp.token=" + token, "--NotebookApp.password=", "--notebook-dir=" + notebook_dir,
         "--NotebookApp.open_browser=False", "--allow-root"],
        stdout=log, stderr=subprocess.STDOUT)
    base = "http://127.0.0.1:%d" % port
    deadline = time.time() + 60
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit("the notebook server ended at start (exit %d); see its log" % server.returncode)
        try:
            urllib.request.urlopen(base + "/api/status?token=" + token, timeout=2).read()
            return server, base, token
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the notebook server did not answer within 60 s")


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=%d,%d" % WINDOW, "--hide-scrollbars"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait_for(driver, script, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if driver.execute_script(script):
            return
        time.sleep(0.25)
    raise AssertionError("timed out after %d s waiting for %s" % (timeout, what))


def run_all(driver, base, token, notebook):
    driver.get("%s/notebooks/%s?token=%s" % (base, notebook, token))
    wait_for(driver, "return window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
                     " && Jupyter.notebook.kernel.is_connected()"
                     " && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null",
             120, "the Java kernel to start")
    kernel = driver.execute_script("return Jupyter.notebook.kernel.name")
    if kernel != "java":
        raise AssertionError("the notebook runs kernel %r, not java" % kernel)
    driver.execute_script("Jupyter.notebook.clear_all_output(); Jupyter.notebook.execute_all_cells();")
    # Every code cell has an execution count (not '*') and the kernel went idle after the last one.
    wait_for(driver, """
        const cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code');
        const done = cells.every(c => typeof c.input_prompt_number === 'number');
        return done && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
        """, NOTEBOOK_TIMEOUT, "all cells of %s to run" % notebook)


def check_page(driver, notebook):
    errors = driver.execute_script(
        "return Array.from(document.querySelectorAll('.output_error, .output_stderr'))"
        ".map(e => e.innerText.slice(0, 400))")
    if errors:
        raise AssertionError("error output: %s" % errors)
    found = {}
    for selector, minimum, what in EXPECTED.get(notebook, []):
        elements = driver.find_elements(By.CSS_SELECTOR, selector)
        visible = [e for e in elements if e.is_displayed() or selector.endswith(".editbench-diff")]
        found[selector] = len(visible)
        if len(visible) < minimum:
            raise AssertionError("%s: %d shown, expected at least %d (%s)" % (selector, len(visible), minimum, what))
    bars = driver.execute_script("""
        return Array.from(document.querySelectorAll('.editbench-progress')).map(d => {
          const bar = d.querySelector('progress');
          return {state: d.dataset.state, value: bar.value, max: bar.max, text: d.innerText};
        });""")
    for bar in bars:
        if bar["state"] != "finished" or bar["value"] != bar["max"]:
            raise AssertionError("a progress display did not finish at its maximum: %s" % bar)
    images = driver.execute_script(
        "return Array.from(document.querySelectorAll('.output_png img')).map(i => [i.naturalWidth, i.complete])")
    if any(width == 0 or not complete for width, complete in images):
        raise AssertionError("a chart image did not load: %s" % images)
    return {"found": found, "progress": len(bars), "charts": len(images)}


def screenshots(driver, notebook, out_dir):
    stem = notebook[:-len(".ipynb")]
    # The whole notebook in one picture: a window as tall as the page (Jupyter scrolls inside #site).
    height = driver.execute_script("return document.getElementById('notebook-container').scrollHeight")
    driver.set_window_size(WINDOW[0], min(height + 200, 12000))
    driver.execute_script("document.getElementById('site').scrollTop = 0")
    time.sleep(0.3)
    driver.save_screenshot(os.path.join(out_dir, stem + ".png"))
    driver.set_window_size(*WINDOW)
    views = driver.find_elements(By.CSS_SELECTOR, ".editbench-prediction")
    if views:
        # The prediction view with its cell: what the README shows.
        cell = views[0].find_element(By.XPATH, "ancestor::div[contains(@class, 'cell')][1]")
        driver.execute_script("arguments[0].scrollIntoView(true)", cell)
        driver.execute_script("document.querySelectorAll('.editbench-prediction details').forEach(d => d.open = false)")
        time.sleep(0.3)
        cell.screenshot(os.path.join(out_dir, stem + "-prediction.png"))


def main():
    notebook_dir, out_dir, notebooks = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "notebook-server.log"), "w") as log:
        server, base, token = start_server(notebook_dir, log)
        driver = None
        try:
            driver = browser()
            for notebook in notebooks:
                started = time.time()
                try:
                    run_all(driver, base, token, notebook)
                    result = check_page(driver, notebook)
                    screenshots(driver, notebook, out_dir)
                except Exception as e:  # report which notebook, keep the page as evidence
                    driver.save_screenshot(os.path.join(out_dir, notebook[:-len(".ipynb")] + "-failed.png"))
                    print("FAIL %s: %s" % (notebook, e), flush=True)
                    return 1
                result["seconds"] = round(time.time() - started, 1)
                print("OK %s %s" % (notebook, json.dumps(result)), flush=True)
            return 0
        finally:
            if driver is not None:
                driver.quit()
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    sys.exit(main())
