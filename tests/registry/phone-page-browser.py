#!/usr/bin/python3
# Drives headless Chromium through a phone upload page, as a person would:
# opens the page, picks a file with the page's own file input, and waits
# for the page to say how it went. Speaks the DevTools protocol over
# Chromium's --remote-debugging-pipe (fds 3 and 4), so nothing beyond
# Chromium and Python is needed.
#   phone-page-browser.py URL [FILE]
# Prints one JSON object: the page's HTTP status, title, the text of its
# status line (after the upload, when FILE is given) and its body text.

import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

# a bound on waiting for the page, not a measurement
DEADLINE_S = 60


class Browser:
    def __init__(self, profile):
        to_browser = os.pipe()
        from_browser = os.pipe()
        # the browser's ends, above 4 so that moving one does not close the other
        child_in = fcntl.fcntl(to_browser[0], fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(from_browser[1], fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_browser[0])
        os.close(from_browser[1])

        def setup():
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.proc = subprocess.Popen(
            ['chromium', '--headless=new', '--no-sandbox', '--disable-gpu',
             '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check',
             '--disable-extensions', '--disable-background-networking',
             '--remote-debugging-pipe', '--user-data-dir=' + profile,
             '--window-size=390,844', 'about:blank'],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=setup)
        os.close(child_in)
        os.close(child_out)
        self.out = os.fdopen(to_browser[1], 'wb', buffering=0)
        self.inp = os.fdopen(from_browser[0], 'rb', buffering=0)
        self.buffer = b''
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_message(self):
        while b'\0' not in self.buffer:
            chunk = self.inp.read(65536)
            if not chunk:
                raise RuntimeError('the browser closed its pipe')
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b'\0', 1)
        return json.loads(raw)

    def call(self, method, session=True, **params):
        self.next_id += 1
        message = {'id': self.next_id, 'method': method, 'params': params}
        if session and self.session:
            message['sessionId'] = self.session
        self.out.write(json.dumps(message).encode() + b'\0')
        while True:
            reply = self._read_message()
            if reply.get('id') == self.next_id:
                if 'error' in reply:
                    raise RuntimeError(f'{method}: {reply["error"]}')
                return reply.get('result', {})
            self.events.append(reply)

    def wait_event(self, method):
        end = time.monotonic() + DEADLINE_S
        while time.monotonic() < end:
            for event in self.events:
                if event.get('method') == method:
                    self.events.remove(event)
                    return event
            self.events.append(self._read_message())
        raise RuntimeError(f'no {method}')

    def evaluate(self, expression):
        result = self.call('Runtime.evaluate', expression=expression, returnByValue=True)
        return result['result'].get('value')

    def close(self):
        try:
            self.call('Browser.close', session=False)
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def main():
    url = sys.argv[1]
    path = sys.argv[2] if len(sys.argv) > 2 else None
    profile = tempfile.mkdtemp(prefix='phone-page-')
    browser = Browser(profile)
    try:
        targets = browser.call('Target.getTargets', session=False)['targetInfos']
        page = next(t for t in targets if t['type'] == 'page')
        browser.session = browser.call('Target.attachToTarget', session=False,
                                       targetId=page['targetId'], flatten=True)['sessionId']
        browser.call('Page.enable')
        browser.call('Network.enable')
        browser.call('Page.navigate', url=url)
        status = None
        end = time.monotonic() + DEADLINE_S
        while status is None and time.monotonic() < end:
            event = browser.wait_event('Network.responseReceived')
            if event['params']['type'] == 'Document':
                status = event['params']['response']['status']
        browser.wait_event('Page.loadEventFired')

        result = {'http_status': status, 'title': browser.evaluate('document.title')}
        if path is not None:
            root = browser.call('DOM.getDocument')['root']['nodeId']
            node = browser.call('DOM.querySelector', nodeId=root, selector='#file')['nodeId']
            # what a person picking the file does: the page's change handler runs
            browser.call('DOM.setFileInputFiles', nodeId=node, files=[path])
            end = time.monotonic() + DEADLINE_S
            while time.monotonic() < end:
                text = browser.evaluate("document.getElementById('status').className")
                if text in ('ok', 'bad'):
                    break
                time.sleep(0.1)
            result['status_class'] = browser.evaluate(
                "document.getElementById('status').className")
            result['status'] = browser.evaluate("document.getElementById('status').textContent")
            result['progress'] = browser.evaluate("document.getElementById('progress').value")
        result['body'] = browser.evaluate('document.body.innerText')
        print(json.dumps(result, ensure_ascii=False))
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == '__main__':
    main()
